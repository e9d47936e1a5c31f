"""The case engine's part of the demo: the holiday calendar outlives `fazhi demo --reset`.

Staff enter next year's schedule by hand before the `chinesecalendar` package has it
(cases.schedules); the demo cannot rebuild that, so a reset keeps the calendar's tables. The
first builder tops the calendar up from the package, which also repairs a database whose
calendar an earlier `--reset` (a plain `flush`) emptied.
"""

from __future__ import annotations

import io

from django.core.management import call_command

from core import demo

demo.keep_on_reset("cases.CalendarYear", "cases.CalendarDay")


def build(world: demo.DemoWorld) -> None:
    # Adds only what is missing: entries made by staff are kept.
    call_command("calendar", "sync", stdout=io.StringIO())


demo.register(0, "calendar", build)
