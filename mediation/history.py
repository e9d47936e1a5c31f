"""Writing finished or running disputes in bulk (Excel import of past cases, demo data).

Each record is a dispute whose outcome is already known. It gets what a dispute registered
and moved through the engine would have: a number from the organisation's gap-free sequence,
its parties, one event per step, and its mediation-term clock. Rows are written with bulk
inserts; no transition is fired and no audit row per field is written.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cases import numbering
from cases.calendar import get_calendar
from cases.models import CaseEvent, Clock, ClockState, NumberSequence
from core.models import Party
from mediation.models import Dispute, DisputeParty
from mediation.process import DISPUTE_PROCESS

FINAL_STEP = {"agreed": "reach_agreement", "confirmed": "reach_agreement",
              "failed": "fail", "terminated": "terminate"}  # fmt: skip


@dataclass
class Record:
    dispute: Dispute  # unsaved; state, outcome and dates set
    parties: list[tuple[str, Party]] = field(default_factory=list)  # (side, unsaved party)
    mediator_ids: list[int] = field(default_factory=list)


def local_day(value) -> datetime.date | None:
    if value is None:
        return None
    return timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value


def _steps(d: Dispute) -> list[tuple[str, str, str, datetime.date]]:
    received = local_day(d.received_at)
    steps = [("register", "", "registered", received)]
    if d.state == "refused":
        return [*steps, ("refuse", "registered", "refused", local_day(d.closed_at) or received)]
    if d.state == "registered":
        return steps
    accepted = local_day(d.accepted_at) or received
    steps.append(("accept", "registered", "accepted", accepted))
    if d.state == "accepted":
        return steps
    steps.append(("record_session", "accepted", "mediating", accepted))
    final = FINAL_STEP.get(d.state)
    if final:
        to = "agreed" if final == "reach_agreement" else d.state
        steps.append((final, "mediating", to, local_day(d.closed_at) or accepted))
    if d.state == "confirmed":
        steps.append(("apply_confirmation", "agreed", "confirmation_pending",
                      d.confirmation_applied_on))  # fmt: skip
        steps.append(("confirm_valid", "confirmation_pending", "confirmed",
                      d.confirmation_ruled_on))  # fmt: skip
    return steps


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    """`day` at `hour` o'clock local time (Asia/Shanghai), as stored."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def write(records: list[Record], *, actor=None, batch_size: int = 2000) -> list[Dispute]:
    """Write the records in one transaction; numbers are issued in blocks per organisation and
    year, in order of receipt."""
    calendar = get_calendar()
    term = DISPUTE_PROCESS.clock("mediation_term").resolved_length()
    with transaction.atomic():
        groups: dict[tuple, list[Record]] = {}
        for record in sorted(records, key=lambda r: r.dispute.received_at):
            d = record.dispute
            d.number_year = local_day(d.received_at).year
            if not d.number:
                groups.setdefault((d.organization, d.number_year), []).append(record)
        for (org, year), items in groups.items():
            numbers = numbering.issue_block(
                org,
                series=DISPUTE_PROCESS.number_series,
                year=year,
                count=len(items),
                default_pattern=DISPUTE_PROCESS.number_pattern,
            )
            for record, (number, seq) in zip(items, numbers, strict=True):
                record.dispute.number, record.dispute.number_seq = number, seq
        disputes = [r.dispute for r in records]
        plans = []
        for d in disputes:
            d.team_id = d.team_id or d.organization_id
            if getattr(actor, "pk", None):
                d.created_by = actor
            steps = _steps(d)
            d.version = len(steps)
            clock = None
            if d.accepted_at is not None and d.state != "refused":
                started = local_day(d.accepted_at)
                due = calendar.add_months(started, term)
                stopped = local_day(d.closed_at) if d.state in FINAL_STEP else None
                clock = (started, due, stopped)
                d.due_date = None if stopped else due.date
                d.due_provisional = not stopped and due.provisional
            plans.append((steps, clock))
        # Versions and deadlines are known before the insert, so no second pass is needed.
        Dispute.objects.bulk_create(disputes, batch_size=batch_size)
        content_type = ContentType.objects.get_for_model(Dispute)
        parties, links, events, clocks = [], [], [], []
        event_actor = actor if getattr(actor, "pk", None) else None
        for record, (steps, clock) in zip(records, plans, strict=True):
            d = record.dispute
            for position, (side, party) in enumerate(record.parties):
                party.organization_id = d.organization_id
                party.region_code = d.region_code
                parties.append(party)
                links.append((d, side, position))
            ref = {"case_type": content_type, "case_id": d.pk, "region_code": d.region_code,
                   "organization_id": d.organization_id}  # fmt: skip
            for version, (name, before, after, day) in enumerate(steps, start=1):
                events.append(CaseEvent(**ref, transition=name, from_state=before,
                                        to_state=after, at=at(day), on_date=day,
                                        version=version, actor=event_actor))  # fmt: skip
            if clock:
                started, due, stopped = clock
                clocks.append(Clock(**ref, key="mediation_term", unit="months", length=term,
                                    started_on=started, due_date=due.date,
                                    nominal_due=due.nominal, provisional=due.provisional,
                                    state=ClockState.STOPPED if stopped else ClockState.RUNNING,
                                    stopped_on=stopped))  # fmt: skip
        _advance_sequences(records)
        Party.objects.bulk_create(parties, batch_size=batch_size)
        DisputeParty.objects.bulk_create(
            [
                DisputeParty(dispute=d, party=p, side=side, position=pos)
                for (d, side, pos), p in zip(links, parties, strict=True)
            ],
            batch_size=batch_size,
        )
        CaseEvent.objects.bulk_create(events, batch_size=batch_size)
        Clock.objects.bulk_create(clocks, batch_size=batch_size)
        through = Dispute.mediators.through
        through.objects.bulk_create(
            [
                through(dispute_id=r.dispute.pk, mediator_id=m)
                for r in records
                for m in r.mediator_ids
            ],
            batch_size=batch_size,
        )
    return disputes


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
