"""The publicity rules of enforcement decisions (执法公示, reference/statutes-lines.md §C.2 and
statutes.md §8), counted on the project's working-day calendar (cases.calendar):

- The window: a decision is published within N working days after the day it was made (the
  day itself not counted, CF Art. 85 for the counting): FAZHI_ENFORCEMENT_PUBLICATION_DAYS (7,
  国办发〔2018〕118号 ◑ ❓) for licences and penalties, FAZHI_ENFORCEMENT_PUBLICATION_DAYS_OTHER
  (20, the same notice's general rule ◑ ❓) for the other kinds. Published on or before the
  last day of the window: on time.
- The withdrawal: a published decision changed, revoked, found unlawful or found void is
  withdrawn, with reasons, within 3 working days after the change (CF Art. 48 ¶2 ✅ with Art.
  85 ✅: "三日" are working days). Withdrawn on or before the last day: on time.

A count that runs into a year whose holiday schedule is not entered is provisional (暂定): its
date and its on-time flag are recomputed when the schedule is entered (`recompute`).
"""

from __future__ import annotations

import datetime

from django.conf import settings

from cases.calendar import Calendar, Due, get_calendar
from enforcement.choices import PowerKind

WITHDRAWAL_DAYS = 3  # CF Art. 48 ¶2 + Art. 85 ✅
SHORT_WINDOW_KINDS = (PowerKind.LICENCE, PowerKind.PENALTY)


def publication_days(kind: str) -> int:
    """The working days within which a decision of `kind` is published (❓ configurable)."""
    if kind in SHORT_WINDOW_KINDS:
        return settings.FAZHI_ENFORCEMENT_PUBLICATION_DAYS
    return settings.FAZHI_ENFORCEMENT_PUBLICATION_DAYS_OTHER


class Dues:
    """Working-day counts on one calendar, remembered by (start, length): a file of 10,000
    decisions counts a few hundred distinct windows."""

    def __init__(self, calendar: Calendar | None = None):
        self.calendar = calendar or get_calendar()
        self._seen: dict[tuple[datetime.date, int], Due] = {}

    def add(self, start: datetime.date, days: int) -> Due:
        key = (start, days)
        if key not in self._seen:
            self._seen[key] = self.calendar.add_working_days(start, days)
        return self._seen[key]


def apply(decision, dues: Dues | None = None) -> None:
    """Set the decision's windows, their provisional flags and the on-time flags from its dates
    (nothing saved)."""
    dues = dues or Dues()
    if decision.publication_required and decision.decided_on:
        due = dues.add(decision.decided_on, publication_days(decision.kind))
        decision.publication_due = due.date
        decision.publication_due_provisional = due.provisional
        decision.published_on_time = bool(
            decision.published_on and decision.published_on <= due.date
        )
    else:
        decision.publication_due, decision.publication_due_provisional = None, False
        decision.published_on_time = False
    if decision.changed_on:
        due = dues.add(decision.changed_on, WITHDRAWAL_DAYS)
        decision.withdrawal_due = due.date
        decision.withdrawal_due_provisional = due.provisional
        decision.withdrawn_on_time = bool(
            decision.withdrawn_on and decision.withdrawn_on <= due.date
        )
    else:
        decision.withdrawal_due, decision.withdrawal_due_provisional = None, False
        decision.withdrawn_on_time = False


FIELDS = ("publication_due", "publication_due_provisional", "published_on_time",
          "withdrawal_due", "withdrawal_due_provisional", "withdrawn_on_time")  # fmt: skip


def recompute() -> int:
    """Recount the provisional windows on the calendar as it now stands; return how many
    decisions changed. Run when a year's schedule is entered (enforcement.decision_services
    connects it): only counts that reached a year without a schedule are provisional, a few
    days' decisions at the turn of the year."""
    from django.db import transaction
    from django.db.models import Q

    from enforcement.decision_models import Decision
    from indicators.rollups import note_rows

    rows = Decision.objects.filter(
        Q(publication_due_provisional=True) | Q(withdrawal_due_provisional=True)
    )
    dues = Dues()
    changed = []
    for decision in rows.iterator(chunk_size=2000):
        before = tuple(getattr(decision, f) for f in FIELDS)
        apply(decision, dues)
        if tuple(getattr(decision, f) for f in FIELDS) != before:
            changed.append(decision)
    with transaction.atomic():
        Decision.objects.bulk_update(changed, FIELDS, batch_size=1000)
        note_rows(Decision, changed)
    return len(changed)


def _schedule_entered(sender, instance, **kwargs) -> None:
    """A year's holiday schedule entered or replaced (cases.schedules): once it is committed,
    recount the provisional windows. The calendar knows no business line; this line listens."""
    from django.db import transaction

    transaction.on_commit(recompute)


def connect() -> None:
    from django.db.models.signals import post_save

    post_save.connect(_schedule_entered, sender="cases.CalendarYear",
                      dispatch_uid="enforcement.publication.schedule_entered")  # fmt: skip


connect()
