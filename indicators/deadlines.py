"""Deadline health as registered indicators (snapshots of today): running statutory clocks,
those due soon and those overdue, per jurisdiction, broken down by business line. Windows open
to the parties (e.g. the 30 days to apply for judicial confirmation) are not staff deadlines
and are left out."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from cases.clocks import local_today
from cases.models import Clock, ClockState
from cases.process import registry as processes
from cases.selectors import window_keys
from core.regions import within
from indicators.registry import Indicator, Measure, Period, registry

SOURCE = _("The statutory periods declared by each business line's process")


def _filters(today: datetime.date) -> dict[str, Q]:
    soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    return {
        "running": Q(),
        "due_soon": Q(due_date__gte=today, due_date__lte=soon),
        "overdue": Q(due_date__lt=today),
    }


def by_line(prefix: str, today: datetime.date | None = None) -> list[dict]:
    """[{line, running, due_soon, overdue}] for the jurisdiction, in one query."""
    filters = _filters(today or local_today())
    rows = (
        Clock.objects.filter(within("region_code", prefix), state=ClockState.RUNNING)
        .exclude(key__in=window_keys())
        .values("case_type")
        .annotate(**{name: Count("id", filter=q) for name, q in filters.items()})
        .order_by("case_type")
    )
    result = []
    for row in rows:
        model = ContentType.objects.get_for_id(row.pop("case_type")).model_class()
        result.append({"line": str(processes.for_model(model).label), **row})
    return result


def _running(column: str) -> Measure:
    """Running staff clocks in `column` (running, due_soon, overdue) today, whatever the
    period (a snapshot): the rows `by_line` counts."""

    def where(period: Period) -> Q:
        running = Q(state=ClockState.RUNNING) & ~Q(key__in=window_keys())
        return running & _filters(local_today())[column]

    return Measure(Clock, where)


def _breakdown(column: str):
    def compute(prefix: str, period: Period) -> dict[str, int]:
        return {row["line"]: row[column] for row in by_line(prefix)}

    return compute


for key, name, definition in (
    ("running", _("Statutory deadlines running"),
     _("Statutory periods running today on open cases (windows for the parties excluded).")),
    ("due_soon", _("Deadlines due soon"),
     _("Running statutory periods that end within the configured number of days (FAZHI_DUE_SOON_DAYS).")),
    ("overdue", _("Deadlines overdue"),
     _("Running statutory periods whose last day has passed.")),
):  # fmt: skip
    registry.register(
        Indicator(
            f"cases.clocks_{key}",
            name,
            _("items"),
            definition,
            SOURCE,
            "count",
            _running(key),
            breakdowns={"business_line": _breakdown(key)},
            snapshot=True,
            listed=False,
        )
    )
