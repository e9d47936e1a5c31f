"""What business lines offer on the public portal.

A line registers a `Service` (a card on the portal's home page linking to its online form) and
a `Tracker` for its model: how to find a case by tracking code, which phone may see it, and
what the applicant may see of it. The portal never shows more than the tracker returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Service:
    key: str
    title: Any
    description: Any
    url_name: str
    order: int = 50


@dataclass(frozen=True)
class Tracker:
    model: str  # "app_label.modelname"
    find: Callable[[str], Any]  # tracking code -> case or None
    phones: Callable[[Any], list[str]]  # the applicant phones allowed to see the case
    public_view: Callable[[Any], dict]  # what the applicant may see
    on_message: Callable[[Any, Any], None] | None = None  # the applicant wrote a message


SERVICES: list[Service] = []
TRACKERS: list[Tracker] = []


def register_service(service: Service) -> None:
    if all(s.key != service.key for s in SERVICES):
        SERVICES.append(service)


def register_tracker(tracker: Tracker) -> None:
    if all(t.model != tracker.model for t in TRACKERS):
        TRACKERS.append(tracker)


def find_case(code: str):
    for tracker in TRACKERS:
        case = tracker.find(code)
        if case is not None:
            return tracker, case
    return None, None
