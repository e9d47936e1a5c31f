"""Writing past litigation cases in bulk (the Excel import of past cases, litigation.importing;
demo data may use it too).

Each record is one trial level of a lawsuit against an agency, its course known as far as it
went (行政诉讼法 2017, reference/statutes.md §5): the complaint (or the appeal or retrial
papers) served on the agency, the answer (Art. 67), the hearings with who appeared for the
agency (最高人民法院关于行政机关负责人出庭应诉若干问题的规定 Arts. 2, 5, 7, 8), the judgment or
ruling (Arts. 60, 62, 69–78, 89), the appeal (Art. 85), judicial recommendations and replies
(Art. 66; Provisions Art. 12). It gets what a case registered and moved through the engine
would have had:

- its number, the court's case number (the line issues none of its own, litigation.process),
  and the court case key the uniqueness per defendant and trial level is checked on;
- received on the day the complaint was served (at 09:00 unless the record gives a time on
  that day), as litigation.services registers it;
- its parties (plaintiffs, third parties), hearings and recommendations, the
  `cases.models.ChallengedAct` row of the act's document number and the `cases.models.CaseLink`
  to the reconsideration case it follows, if the record names one;
- the summary fields the figures read kept consistent with the hearings: `first_heard_on` the
  first hearing held, `head_appeared` whether a qualifying head appeared at any (Provisions
  Art. 7), as the record_hearing step keeps them;
- one event per step, named as litigation.process names the transitions (register,
  submit_answer, schedule_hearing, record_hearing, receive_recommendation,
  reply_recommendation, conclude, record_appeal) and dated on the step's day;
- the clocks the process declares, run over those steps as the engine runs them
  (cases.bulk.replay_clocks), each started on its `start_field` as cases.clocks starts it: the
  answer (15 days from service of the complaint, first instance, Art. 67), the first-instance
  term (6 months from filing, Art. 81), the appeal windows (15 days from service of a judgment,
  10 of a ruling dismissing the suit, Art. 85).

Rows are written in bulk (COPY on PostgreSQL, core.copy); no transition is fired and no audit
row per field is written. The rows every line writes alike are cases.bulk's. A case at a later
level may name as `earlier` an unsaved case of the same batch: the earlier levels are written
first.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cases import bulk
from cases.bulk import local_day
from cases.calendar import get_calendar
from cases.models import CaseEvent, CaseLink, ChallengedAct, Clock, ClockState
from cases.signals import links_written
from core.copy import copy_insert, copy_rows
from core.models import Party
from indicators.rollups import note_rows
from litigation.models import Hearing, LitigationCase, LitigationParty, Recommendation
from litigation.process import LITIGATION_PROCESS, S
from litigation.services import court_case_key

ACT_FIELDS = ("case_type_id", "case_id", "region_code", "organization_id", "agency_id",
              "act_number")  # fmt: skip
# The order of steps on one day: the answer before a hearing's notice before the hearing;
# the judgment after the day's hearing; the appeal last.
ORDER = {
    "register": 0,
    "submit_answer": 1,
    "schedule_hearing": 2,
    "record_hearing": 3,
    "receive_recommendation": 4,
    "reply_recommendation": 5,
    "conclude": 6,
    "record_appeal": 7,
}
# The steps the process allows only before the conclusion (their source is S.PENDING).
BEFORE_CONCLUSION = frozenset({"submit_answer", "schedule_hearing"})


@dataclass
class Record:
    case: LitigationCase  # unsaved; organization, trial level, dates and judgment set
    parties: list[tuple[str, Party]] = field(default_factory=list)  # (side, unsaved party)
    hearings: list[Hearing] = field(default_factory=list)  # unsaved, case unset
    recommendations: list[Recommendation] = field(default_factory=list)  # unsaved, case unset
    # The cases this lawsuit challenges (CaseLink LITIGATION_OF): (content type id, case id)
    # of the reconsideration decision, found by the caller (litigation.services).
    links: list[tuple[int, int]] = field(default_factory=list)


def steps(record: Record, zone=None) -> list[tuple[str, str, str, datetime.date]]:
    """The events the case's history is made of: (transition, from, to, date), in order."""
    case = record.case
    known = [("register", case.complaint_served_on)]
    if case.answer_submitted_on:
        known.append(("submit_answer", case.answer_submitted_on))
    for hearing in record.hearings:
        known.append(("schedule_hearing", hearing.notice_served_on))
        if hearing.held_on:
            known.append(("record_hearing", hearing.held_on))
    for recommendation in record.recommendations:
        known.append(("receive_recommendation", recommendation.received_on))
        if recommendation.replied_on:
            known.append(("reply_recommendation", recommendation.replied_on))
    if case.state == S.CONCLUDED:
        if not case.decided_on:
            raise ValueError("a concluded case needs the day of its judgment or ruling")
        known.append(("conclude", case.decided_on))
        if case.appealed_on:
            known.append(("record_appeal", case.appealed_on))
    elif case.state != S.PENDING:
        raise ValueError(f"a past case cannot be written in the state {case.state!r}")
    known.sort(key=lambda step: (step[1], ORDER[step[0]]))
    out, state = [], ""
    for name, day in known:
        if day < case.complaint_served_on:
            raise ValueError(f"{case.court_case_number}: {name} on {day} precedes the service "
                             f"of the complaint on {case.complaint_served_on}")  # fmt: skip
        if name in BEFORE_CONCLUSION and state == S.CONCLUDED:
            raise ValueError(f"{case.court_case_number}: {name} on {day} follows the "
                             "conclusion")  # fmt: skip
        after = S.CONCLUDED if name == "conclude" else (state or S.PENDING)
        out.append((name, state, after, day))
        state = after
    return out


def summarise_hearings(case: LitigationCase, hearings: list[Hearing]) -> None:
    """Set the case's first hearing held and whether a qualifying head appeared at any
    (Provisions Art. 7: one appearance per trial level suffices) from its hearings."""
    held = [h for h in hearings if h.held_on]
    case.first_heard_on = min((h.held_on for h in held), default=None)
    case.head_appeared = any(h.head_appeared for h in held)


def _clocks_of(case, case_steps, due_of) -> list[dict]:
    """The clocks litigation.process runs over the case's steps, each started on its start
    field (the answer on the service of the complaint, the first-instance term on the filing,
    the appeal on the service of the judgment; cases.bulk.replay_clocks). No litigation clock
    pauses, so the due date is the count from that day."""
    clocks = bulk.replay_clocks(
        LITIGATION_PROCESS,
        case,
        ((name, after, day) for name, _before, after, day in case_steps),
        lambda clock, _day: None,
    )
    for clock in clocks:
        clock["due"] = due_of(clock["started_on"], clock["length"], clock["unit"])
    return clocks


def _sets_case_due(key: str) -> bool:
    spec = LITIGATION_PROCESS.clock(key)
    return spec is None or spec.sets_case_due


def _prepare(record: Record, actor, zone, due_of) -> tuple[list, list]:
    case = record.case
    case.court_case_key = court_case_key(case.court_case_number)
    case.number = case.number or case.court_case_number
    case.region_code = case.region_code or case.organization.region_id
    case.team_id = case.team_id or case.organization_id
    if getattr(actor, "pk", None):
        case.created_by = actor
    # Registered on the day of service, at 09:00 unless the record gives a time on that day
    # (litigation.services); the model's default, now, is another day.
    if local_day(case.received_at, zone) != case.complaint_served_on:
        case.received_at = bulk.at(case.complaint_served_on, 9, zone)
    case.number_year = local_day(case.received_at, zone).year
    if case.state == S.CONCLUDED:
        case.outcome = case.judgment_type
        case.closed_at = case.closed_at or bulk.at(case.decided_on, 12, zone)
    summarise_hearings(case, record.hearings)
    case_steps = steps(record, zone)
    case.version = len(case_steps)
    case_clocks = _clocks_of(case, case_steps, due_of)
    running = [
        c["due"]
        for c in case_clocks
        if c["state"] != ClockState.STOPPED and _sets_case_due(c["key"])
    ]
    earliest = min((due.date for due in running), default=None)
    case.due_date = earliest
    case.due_provisional = any(d.provisional for d in running if d.date == earliest)
    return case_steps, case_clocks


def _in_order(records: list[Record]) -> list[list[Record]]:
    """The records in rounds: a case naming as `earlier` an unsaved case of this batch is
    written in a round after that case's."""
    earlier = LitigationCase._meta.get_field("earlier")

    def waits(record, placed) -> bool:
        if not earlier.is_cached(record.case):
            return False
        before = record.case.earlier
        return before is not None and before.pk is None and id(before) not in placed

    rounds, left, placed = [], list(records), set()
    while left:
        ready = [r for r in left if not waits(r, placed)]
        if not ready:
            raise ValueError("an earlier level named is neither saved nor in the batch")
        rounds.append(ready)
        placed |= {id(r.case) for r in ready}
        left = [r for r in left if id(r.case) not in placed]
    return rounds


def write(records: list[Record], *, actor=None, batch_size: int = 2000) -> list[LitigationCase]:
    """Write the records in one transaction and return their cases. On PostgreSQL every table
    is written with COPY (core.copy)."""
    calendar = get_calendar()
    due_of = functools.lru_cache(maxsize=None)(
        lambda started, length, unit: calendar.count(started, length, unit)
    )
    zone = timezone.get_current_timezone()
    prepared = {}
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    with transaction.atomic():
        for record in records:
            prepared[id(record.case)] = _prepare(record, actor, zone, due_of)
        for batch in _in_order(records):
            copy_insert(LitigationCase, [r.case for r in batch], batch_size=batch_size)
        cases = [r.case for r in records]
        bulk.write_parties(LitigationParty, "case_id", [(r.case, r.parties) for r in records],
                           created_by_id=actor_id, batch_size=batch_size)  # fmt: skip
        hearings, recommendations = [], []
        for record in records:
            for hearing in record.hearings:
                hearing.case = record.case
                hearings.append(hearing)
            for recommendation in record.recommendations:
                recommendation.case = record.case
                recommendations.append(recommendation)
        copy_insert(Hearing, hearings, batch_size=batch_size)
        copy_insert(Recommendation, recommendations, batch_size=batch_size)
        content_type_id = ContentType.objects.get_for_model(LitigationCase).pk
        events = bulk.event_rows(
            content_type_id, cases, lambda case, _zone: prepared[id(case)][0], actor_id, zone
        )
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events, batch_size=batch_size)
        copy_rows(Clock, bulk.CLOCK_FIELDS, _clock_rows(cases, prepared, content_type_id),
                  batch_size=batch_size)  # fmt: skip
        copy_rows(ChallengedAct, ACT_FIELDS, _act_rows(cases, content_type_id),
                  batch_size=batch_size)  # fmt: skip
        _write_links(records, content_type_id, batch_size)
        # Past months' figures change: their roll-ups are counted live until refreshed.
        note_rows(LitigationCase, cases)
    return cases


def _clock_rows(cases, prepared, content_type_id):
    for case in cases:
        ref = bulk.ref(content_type_id, case)
        for c in prepared[id(case)][1]:
            yield bulk.clock_row(ref, c["key"], c["unit"], c["length"], c["started_on"],
                                 c["due"], c["stopped_on"], c["state"])  # fmt: skip


def _act_rows(cases, content_type_id):
    """The act each case challenges, by its defendant and normalised document number
    (ChallengedAct.record); none for a case without a document number."""
    for case in cases:
        number = ChallengedAct.normalise(case.act_number)
        if number:
            yield (*bulk.ref(content_type_id, case), case.organization_id, number)


def _write_links(records, content_type_id, batch_size) -> None:
    """The links to the cases the lawsuits challenge. The lines that read them keep their
    figures current (a decision litigated changes its month): bulk writes send no post_save,
    so cases.signals.links_written is sent for the batch, as a writer in bulk must."""
    links = [
        CaseLink(
            case_type_id=content_type_id,
            case_id=r.case.pk,
            region_code=r.case.region_code,
            organization_id=r.case.organization_id,
            target_type_id=type_id,
            target_id=target_id,
            kind=CaseLink.Kind.LITIGATION_OF,
        )
        for r in records
        for type_id, target_id in dict.fromkeys(r.links)
    ]
    copy_insert(CaseLink, links, batch_size=batch_size)
    if links:
        links_written.send(sender=CaseLink, links=links)
