"""Test support for the lines' processes, imported by tests only: travel to a day (`on`), fire
a step through the case engine on the day travelled to (`fire`), a case's clock (`clock`), and
the holidays of the calendar package in the test database (`holidays`).

Every test starts at 10:00 in Guangzhou on the test day (the root conftest.py); a test of a
worked example moves on from there to the dates it computes by hand.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import time_machine

from cases import engine

_DAY: list[datetime.date] = []


@contextmanager
def on(day: datetime.date):
    """Travel to 10:00 in Guangzhou on `day`, the clock standing still; what is done inside
    (steps fired through `fire`) takes it as its date."""
    _DAY.append(day)
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        try:
            yield
        finally:
            _DAY.pop()


def fire(case, name, actor, **data):
    """Fire the transition `name` as `actor`, dated the day of the innermost `on` unless
    `data` gives its on_date."""
    data.setdefault("on_date", _DAY[-1].isoformat())
    return engine.fire(case, name, actor=actor, data=data, version=case.version)


def clock(case, key: str):
    """The case's clock of that key (cases.models.Clock)."""
    from cases.models import Clock

    return Clock.for_case(case).get(key=key)


def holidays() -> None:
    """The statutory holidays and make-up working days of the calendar package, loaded once
    into the test database (a statutory period skips them)."""
    from cases.calendar import sync_from_package
    from cases.models import CalendarYear

    if not CalendarYear.objects.exists():
        sync_from_package()
