"""Writing finished or running disputes in bulk (Excel import of past cases, demo data).

Each record is a dispute whose outcome is already known. It gets what a dispute registered
and moved through the engine would have: a number from the organisation's gap-free sequence,
its parties, one event per step, and its mediation-term clock. Rows are written in bulk (COPY
on PostgreSQL, core.copy); no transition is fired and no audit row per field is written.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cases import numbering
from cases.calendar import get_calendar
from cases.models import CaseEvent, Clock, ClockState, NumberSequence
from core.copy import copy_insert, copy_rows
from core.models import Party
from indicators.rollups import note_rows
from mediation.models import Dispute, DisputeParty
from mediation.process import DISPUTE_PROCESS

FINAL_STEP = {"agreed": "reach_agreement", "confirmed": "reach_agreement",
              "failed": "fail", "terminated": "terminate"}  # fmt: skip


@dataclass
class Record:
    dispute: Dispute  # unsaved; state, outcome and dates set
    parties: list[tuple[str, Party]] = field(default_factory=list)  # (side, unsaved party)
    mediator_ids: list[int] = field(default_factory=list)


def local_day(value, zone=None) -> datetime.date | None:
    """The local date of an instant (in `zone`, default the current time zone); a date as is."""
    if isinstance(value, datetime.datetime):
        return _local_date(value, zone or timezone.get_current_timezone())
    return value


# Cached: a bulk write asks for the same few hundred days a hundred thousand times (and
# callers in a loop pass the zone, whose look-up costs more than the conversion).
@functools.lru_cache(maxsize=8192)
def _local_date(value: datetime.datetime, zone) -> datetime.date:
    return timezone.localtime(value, zone).date()


def _steps(d: Dispute, zone) -> list[tuple[str, str, str, datetime.date]]:
    received = local_day(d.received_at, zone)
    steps = [("register", "", "registered", received)]
    if d.state == "refused":
        return [*steps, ("refuse", "registered", "refused",
                         local_day(d.closed_at, zone) or received)]  # fmt: skip
    if d.state == "registered":
        return steps
    accepted = local_day(d.accepted_at, zone) or received
    steps.append(("accept", "registered", "accepted", accepted))
    if d.state == "accepted":
        return steps
    steps.append(("record_session", "accepted", "mediating", accepted))
    final = FINAL_STEP.get(d.state)
    if final:
        to = "agreed" if final == "reach_agreement" else d.state
        steps.append((final, "mediating", to, local_day(d.closed_at, zone) or accepted))
    if d.state == "confirmed":
        steps.append(("apply_confirmation", "agreed", "confirmation_pending",
                      d.confirmation_applied_on))  # fmt: skip
        steps.append(("confirm_valid", "confirmation_pending", "confirmed",
                      d.confirmation_ruled_on))  # fmt: skip
    return steps


def at(day: datetime.date, hour: int = 12, zone=None) -> datetime.datetime:
    """`day` at `hour` o'clock local time (Asia/Shanghai, or `zone`), as stored."""
    return _at(day, hour, zone or timezone.get_current_timezone())


@functools.lru_cache(maxsize=8192)
def _at(day: datetime.date, hour: int, zone) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)), zone)


EVENT_FIELDS = ("case_type_id", "case_id", "region_code", "organization_id", "transition",
                "from_state", "to_state", "at", "on_date", "version", "actor_id")  # fmt: skip
CLOCK_FIELDS = ("case_type_id", "case_id", "region_code", "organization_id", "key", "unit",
                "length", "started_on", "due_date", "nominal_due", "provisional", "state",
                "stopped_on")  # fmt: skip


def write(records: list[Record], *, actor=None, batch_size: int = 2000) -> list[Dispute]:
    """Write the records in one transaction; numbers are issued in blocks per organisation and
    year, in order of receipt. On PostgreSQL every table is written with COPY (core.copy)."""
    calendar = get_calendar()
    term = DISPUTE_PROCESS.clock("mediation_term").resolved_length()
    due_of = functools.lru_cache(maxsize=None)(lambda started: calendar.add_months(started, term))
    zone = timezone.get_current_timezone()
    with transaction.atomic():
        groups: dict[tuple, list[Record]] = {}
        for record in sorted(records, key=lambda r: r.dispute.received_at):
            d = record.dispute
            d.number_year = local_day(d.received_at, zone).year
            if not d.number:
                groups.setdefault((d.organization, d.number_year), []).append(record)
        issued = numbering.issue_blocks(
            {key: len(items) for key, items in groups.items()},
            series=DISPUTE_PROCESS.number_series,
            default_pattern=DISPUTE_PROCESS.number_pattern,
        )
        for key, items in groups.items():
            for record, (number, seq) in zip(items, issued[key], strict=True):
                record.dispute.number, record.dispute.number_seq = number, seq
        disputes = [r.dispute for r in records]
        clocks = []  # per dispute: (started, due, stopped) or None
        for d in disputes:
            d.team_id = d.team_id or d.organization_id
            if getattr(actor, "pk", None):
                d.created_by = actor
            d.version = len(_steps(d, zone))
            clock = None
            if d.accepted_at is not None and d.state != "refused":
                started = local_day(d.accepted_at, zone)
                due = due_of(started)
                stopped = local_day(d.closed_at, zone) if d.state in FINAL_STEP else None
                clock = (started, due, stopped)
                d.due_date = None if stopped else due.date
                d.due_provisional = not stopped and due.provisional
            clocks.append(clock)
        # Versions and deadlines are known before the insert, so no second pass is needed.
        copy_insert(Dispute, disputes, batch_size=batch_size)
        _advance_sequences(records)
        parties = []
        for record in records:
            for _side, party in record.parties:
                party.organization_id = record.dispute.organization_id
                party.region_code = record.dispute.region_code
                parties.append(party)
        copy_insert(Party, parties, batch_size=batch_size)
        # The rows below are generated while they are copied, never held all at once.
        links = (
            (r.dispute.pk, party.pk, side, position)
            for r in records
            for position, (side, party) in enumerate(r.parties)
        )
        copy_rows(DisputeParty, ("dispute_id", "party_id", "side", "position"), links,
                  batch_size=batch_size)  # fmt: skip
        content_type_id = ContentType.objects.get_for_model(Dispute).pk
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        events = _events(disputes, content_type_id, actor_id, zone)
        copy_rows(CaseEvent, EVENT_FIELDS, events, batch_size=batch_size)
        copy_rows(Clock, CLOCK_FIELDS, _clocks(disputes, clocks, content_type_id, term),
                  batch_size=batch_size)  # fmt: skip
        copy_rows(
            Dispute.mediators.through,
            ("dispute_id", "mediator_id"),
            ((r.dispute.pk, m) for r in records for m in r.mediator_ids),
            batch_size=batch_size,
        )
        # Past months' figures change: their roll-ups are counted live until refreshed.
        note_rows(Dispute, disputes)
    return disputes


def _events(disputes, content_type_id, actor_id, zone):
    for d in disputes:
        ref = (content_type_id, d.pk, d.region_code, d.organization_id)
        for version, (name, before, after, day) in enumerate(_steps(d, zone), start=1):
            yield (*ref, name, before, after, _at(day, 12, zone), day, version, actor_id)


def _clocks(disputes, clocks, content_type_id, term):
    for d, clock in zip(disputes, clocks, strict=True):
        if clock:
            started, due, stopped = clock
            state = ClockState.STOPPED if stopped else ClockState.RUNNING
            yield (content_type_id, d.pk, d.region_code, d.organization_id, "mediation_term",
                   "months", term, started, due.date, due.nominal, due.provisional, state,
                   stopped)  # fmt: skip


SEQ = re.compile(r"第0*(\d+)号$")


def _advance_sequences(records: list[Record]) -> None:
    """Numbers given in an import (e.g. 第0057号) move the organisation's sequence past them, so
    that the next registration does not collide with an imported number."""
    highest: dict[tuple, int] = {}
    for record in records:
        d = record.dispute
        match = SEQ.search(d.number or "")
        if match and d.number_seq is None:
            key = (d.organization_id, d.number_year)
            highest[key] = max(highest.get(key, 0), int(match.group(1)))
    for (org_id, year), seq in highest.items():
        NumberSequence.objects.bulk_create(
            [NumberSequence(organization_id=org_id, series=DISPUTE_PROCESS.number_series,
                            year=year, last=0)],
            ignore_conflicts=True,
        )  # fmt: skip
        NumberSequence.objects.filter(
            organization_id=org_id, series=DISPUTE_PROCESS.number_series, year=year,
            last__lt=seq,
        ).update(last=seq)  # fmt: skip
