"""Writing finished or running disputes in bulk (Excel import of past cases, demo data).

Each record is a dispute whose outcome is already known. It gets what a dispute registered
and moved through the engine would have: a number from the organisation's gap-free sequence,
its parties, one event per step, and its mediation-term clock. Rows are written in bulk (COPY
on PostgreSQL, core.copy); no transition is fired and no audit row per field is written. The
rows that are the same for every line (numbers, parties, events, clocks) are cases.bulk's.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cases import bulk
from cases.bulk import at as at  # re-exported: mediation.importing and .demo stamp with it
from cases.bulk import local_day
from cases.calendar import get_calendar
from cases.models import CaseEvent, Clock
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


def write(records: list[Record], *, actor=None, batch_size: int = 2000) -> list[Dispute]:
    """Write the records in one transaction; numbers are issued in blocks per organisation and
    year, in order of receipt. On PostgreSQL every table is written with COPY (core.copy)."""
    calendar = get_calendar()
    term = DISPUTE_PROCESS.clock("mediation_term").resolved_length()
    due_of = functools.lru_cache(maxsize=None)(lambda started: calendar.add_months(started, term))
    zone = timezone.get_current_timezone()
    with transaction.atomic():
        disputes = [r.dispute for r in records]
        bulk.issue_numbers(disputes, series=DISPUTE_PROCESS.number_series,
                           pattern=DISPUTE_PROCESS.number_pattern, zone=zone)  # fmt: skip
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
        bulk.advance_sequences(disputes, DISPUTE_PROCESS.number_series)
        bulk.write_parties(DisputeParty, "dispute_id", [(r.dispute, r.parties) for r in records],
                           batch_size=batch_size)  # fmt: skip
        content_type_id = ContentType.objects.get_for_model(Dispute).pk
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        events = bulk.event_rows(content_type_id, disputes, _steps, actor_id, zone)
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events, batch_size=batch_size)
        copy_rows(Clock, bulk.CLOCK_FIELDS, _clocks(disputes, clocks, content_type_id, term),
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


def _clocks(disputes, clocks, content_type_id, term):
    for d, clock in zip(disputes, clocks, strict=True):
        if clock:
            started, due, stopped = clock
            yield bulk.clock_row(bulk.ref(content_type_id, d), "mediation_term", "months", term,
                                 started, due, stopped)  # fmt: skip
