"""What business lines offer on the public portal.

A line registers a `Service` (a card on the portal's home page linking to its online form) and
a `Tracker` for its model: how to find a case by tracking code, which phone may see it, and
what the applicant may see of it. The portal never shows more than the tracker returns, and
texts the applicant (portal.services) on the steps the tracker `announces`.
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
    # Whether a committed step (a cases.models.CaseEvent) is worth a text to the applicant.
    announces: Callable[[Any, Any], bool] = lambda case, event: event.from_state != event.to_state


SERVICES: list[Service] = []
TRACKERS: list[Tracker] = []


def register_service(service: Service) -> None:
    if all(s.key != service.key for s in SERVICES):
        SERVICES.append(service)


def register_tracker(tracker: Tracker) -> None:
    if all(t.model != tracker.model for t in TRACKERS):
        TRACKERS.append(tracker)


def tracker_for(case) -> Tracker | None:
    label = case._meta.label_lower
    return next((t for t in TRACKERS if t.model == label), None)


def find_case(code: str):
    for tracker in TRACKERS:
        case = tracker.find(code)
        if case is not None:
            return tracker, case
    return None, None
