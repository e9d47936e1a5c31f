"""Writing past legal aid cases in bulk (Excel import of past cases; demo data may use it too).

Each record is a case whose course is already known: received, perhaps decided (给予 / 不予,
法律援助法第四十三条), assigned (指派), concluded (结案) and archived (归档). It gets what a case
registered and moved through the engine would have had: a number from the centre's gap-free
sequence, its parties, one event per step, the clocks legalaid.process declares, run over those
steps as the engine runs them (cases.bulk.replay_clocks: review, local target, assignment, case
file, with their due dates), the review measured in working days as
`legalaid.process.review_days` measures it (no 补正 pause is known for an imported case), and a
note for the indicator roll-ups. A case notified by the police, a procuratorate or a court is
registered granted (Arts. 25, 28, 36): no review, and its assignment period runs from receipt. Rows are written in bulk (COPY on PostgreSQL, core.copy); no
transition is fired and no audit row per field is written.

The helpers that do not depend on legal aid (`local_day`, `at`, the event and clock rows, the
numbers, the parties, moving a number sequence past imported numbers) are cases.bulk's, which
mediation.history uses too.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cases import bulk
from cases.bulk import at as at  # re-exported: legalaid.importing stamps with it
from cases.bulk import local_day
from cases.calendar import get_calendar
from cases.models import CaseEvent, Clock, ClockState
from core.copy import copy_insert, copy_rows
from core.models import Party
from indicators.rollups import note_rows
from legalaid.choices import Decision, Hardship, Material
from legalaid.models import AidCase, AidParty
from legalaid.process import AID_PROCESS, S, notified

# The way a case goes when nothing unusual happens (legalaid.process.TRANSITIONS): the step,
# the state it leaves, the state it reaches and the case's field that dates it.
PATH = (
    ("grant", S.SUBMITTED, S.GRANTED, "decided_on"),
    ("assign", S.GRANTED, S.ASSIGNED, "assigned_on"),
    ("conclude", S.ASSIGNED, S.CONCLUDED, "concluded_on"),
    ("submit_file", S.CONCLUDED, S.FILE_REVIEW, "file_submitted_on"),
    ("archive", S.FILE_REVIEW, S.ARCHIVED, "closed_at"),
)
REACHED = {S.SUBMITTED: 0, **{to: i + 1 for i, (_n, _f, to, _d) in enumerate(PATH)}}


@dataclass
class Record:
    case: AidCase  # unsaved; state, outcome and dates set
    parties: list[tuple[str, Party]] = field(default_factory=list)  # (side, unsaved party)


def working_days(start: datetime.date, end: datetime.date, calendar=None) -> int:
    """Working days after `start` up to and including `end`: the review time of a decision made
    on `end` for an application received on `start`, as `legalaid.process.review_days` counts
    it when the clock was never paused (Art. 43)."""
    calendar = calendar or get_calendar()
    return _working_days(start, end, calendar)


@functools.lru_cache(maxsize=65536)
def _working_days(start: datetime.date, end: datetime.date, calendar) -> int:
    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if calendar.is_workday(day):
            days += 1
    return days


def needed_materials(case: AidCase) -> list[str]:
    """The checklist a decided application had complete (Art. 41; legalaid.process
    `missing_materials`): identity and matter, and the hardship material unless the case
    needs none."""
    needed = [Material.IDENTITY, Material.MATTER]
    if case.hardship not in (Hardship.NOT_REQUIRED, Hardship.NOTIFIED, Hardship.CHECK_WAIVED):
        needed.append(Material.HARDSHIP)
    return [str(m) for m in needed]


def steps(case: AidCase, zone=None) -> list[tuple[str, str, str, datetime.date]]:
    """The events the case's history is made of: (transition, from, to, date)."""
    zone = zone or timezone.get_current_timezone()
    received = local_day(case.received_at, zone)
    if notified(case):
        # Aided from receipt (Arts. 25, 28, 36): registered granted, never reviewed.
        if case.state not in REACHED or case.state == S.SUBMITTED:
            raise ValueError(f"a notified case cannot be written in the state {case.state!r}")
        out = [("register", "", S.GRANTED, received)]
        for name, before, after, date_field in PATH[1 : REACHED[case.state]]:
            out.append((name, before, after, local_day(getattr(case, date_field), zone)))
        return out
    out = [("register", "", S.SUBMITTED, received)]
    if case.state == S.REFUSED:
        return [*out, ("refuse", S.SUBMITTED, S.REFUSED, case.decided_on)]
    if case.state not in REACHED:
        raise ValueError(f"a past case cannot be written in the state {case.state!r}")
    for name, before, after, date_field in PATH[: REACHED[case.state]]:
        out.append((name, before, after, local_day(getattr(case, date_field), zone)))
    return out


def _clocks_of(case: AidCase, case_steps, due_of) -> list[dict]:
    """The clocks legalaid.process runs over the case's steps (cases.bulk.replay_clocks: the
    process's own start, stop and start_if, so a notified case gets no review clock and its
    assignment period runs from the notice, Art. 36). A past case has no 补正 pause."""
    return bulk.replay_clocks(
        AID_PROCESS,
        case,
        ((name, after, day) for name, _before, after, day in case_steps),
        lambda clock, _day: due_of(clock["started_on"], clock["length"], clock["unit"]),
    )


def write(records: list[Record], *, actor=None, batch_size: int = 2000) -> list[AidCase]:
    """Write the records in one transaction; numbers are issued in blocks per centre and year,
    in order of receipt. On PostgreSQL every table is written with COPY (core.copy)."""
    calendar = get_calendar()
    due_of = functools.lru_cache(maxsize=None)(
        lambda started, length, unit: calendar.count(started, length, unit)
    )
    zone = timezone.get_current_timezone()
    target = settings.FAZHI_LEGALAID_TARGET_WORKING_DAYS
    with transaction.atomic():
        cases = [r.case for r in records]
        bulk.issue_numbers(cases, series=AID_PROCESS.number_series,
                           pattern=AID_PROCESS.number_pattern, zone=zone)  # fmt: skip
        clocks = []
        for case in cases:
            case.team_id = case.team_id or case.organization_id
            if getattr(actor, "pk", None):
                case.created_by = actor
            case_steps = steps(case, zone)
            case.version = len(case_steps)
            if case.decided_on and case.review_days is None and not notified(case):
                received = local_day(case.received_at, zone)
                case.review_days = _working_days(received, case.decided_on, calendar)
                case.review_within_target = case.review_days <= target
            if case.decision == Decision.GRANTED and not case.materials:
                case.materials = needed_materials(case)
            case_clocks = _clocks_of(case, case_steps, due_of)
            running = [c["due"] for c in case_clocks if c["state"] != ClockState.STOPPED]
            earliest = min((due.date for due in running), default=None)
            case.due_date = earliest
            case.due_provisional = any(d.provisional for d in running if d.date == earliest)
            clocks.append(case_clocks)
        copy_insert(AidCase, cases, batch_size=batch_size)
        bulk.advance_sequences(cases, AID_PROCESS.number_series)
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        bulk.write_parties(AidParty, "case_id", [(r.case, r.parties) for r in records],
                           created_by_id=actor_id, batch_size=batch_size)  # fmt: skip
        content_type_id = ContentType.objects.get_for_model(AidCase).pk
        events = bulk.event_rows(content_type_id, cases, steps, actor_id, zone)
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events, batch_size=batch_size)
        copy_rows(Clock, bulk.CLOCK_FIELDS, _clock_rows(cases, clocks, content_type_id),
                  batch_size=batch_size)  # fmt: skip
        # Past months' figures change: their roll-ups are counted live until refreshed.
        note_rows(AidCase, cases)
    return cases


def _clock_rows(cases, clocks, content_type_id):
    for case, case_clocks in zip(cases, clocks, strict=True):
        ref = bulk.ref(content_type_id, case)
        for c in case_clocks:
            yield bulk.clock_row(ref, c["key"], c["unit"], c["length"], c["started_on"],
                                 c["due"], c["stopped_on"], c["state"])  # fmt: skip
