"""Writing past administrative reconsideration cases in bulk (the Excel import of past cases,
reconsideration.importing; demo data may use it too).

Each record is a case whose course is known as far as it went (行政复议法 2023,
reference/statutes.md §1): received (Art. 22); accepted (Art. 30) on the ordinary or the
simplified procedure (Art. 53), or not accepted (Art. 30), or withdrawn during the acceptance
review (Art. 74); perhaps heard (Arts. 50, 51); concluded by a decision (Arts. 63–72), a
mediation (Art. 73), a settlement or a withdrawal (Arts. 41 ¶1 (1), 74), a termination (Art. 41)
or the rejection of the application (Art. 33). It gets what a case registered and moved through
the engine would have had:

- a number from the bureau's gap-free sequence (or the number the file gives, which moves the
  sequence past it);
- its parties (applicant, third parties) and the `cases.models.ChallengedAct` row of the act's
  document number, which the check for other cases on one act (Art. 29) reads;
- one event per step, named as reconsideration.process names the transitions (register,
  accept or refuse, hold_hearing, decide / mediate / withdraw / terminate / reject_application)
  and dated on the step's day;
- the clocks the process declares, run over those steps as the engine runs them
  (cases.bulk.replay_clocks): the acceptance review (5 working days, Art. 30), the copy to the
  respondent (7 working days, or 3 on the simplified procedure, Arts. 48, 54), the decision
  (60 days, or 30 on the simplified procedure, Art. 62) — stopped on the steps that stop them,
  running where the case is still open;
- the processing time as `reconsideration.process.processing_days` measures it: days from
  acceptance to conclusion less the days suspended (Arts. 39, 62). The days of a suspension are
  known only as a number, not as dates, so no `ClockPause` is written; the decision clock's due
  date is moved by that many days, as a resumed clock's is (cases.clocks.compute_due).

What a past case cannot tell is not invented: no copy, answer, extension or suspension event
(their dates are not in the file), so a concluded case's copy clock stops on the conclusion.
Rows are written in bulk (COPY on PostgreSQL, core.copy); no transition is fired and no audit
row per field is written. The rows every line writes alike are cases.bulk's.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cases import bulk
from cases.bulk import at as at  # re-exported: reconsideration.importing stamps with it
from cases.bulk import local_day
from cases.calendar import get_calendar
from cases.models import CaseEvent, ChallengedAct, Clock, ClockState
from core.copy import copy_insert, copy_rows
from core.models import Party
from indicators.rollups import note_rows
from reconsideration.models import ReconParty, ReconsiderationCase
from reconsideration.process import RECONSIDERATION_PROCESS, S

# The transition that ends an accepted case, by the state it reaches.
END_STEP = {
    S.DECIDED: "decide",
    S.MEDIATED: "mediate",
    S.WITHDRAWN: "withdraw",
    S.TERMINATED: "terminate",
    S.REJECTED: "reject_application",
}
# The clocks a suspension pauses (process.CLOCKS: pause_on "suspend").
DECISION_CLOCKS = frozenset({"decision", "decision_simplified"})
ACT_FIELDS = ("case_type_id", "case_id", "region_code", "organization_id", "agency_id",
              "act_number")  # fmt: skip


@dataclass
class Record:
    case: ReconsiderationCase  # unsaved; state, outcome and dates set
    parties: list[tuple[str, Party]] = field(default_factory=list)  # (side, unsaved party)
    suspended_days: int = 0  # days the case was suspended (Art. 39), not counted


def processing_days(case: ReconsiderationCase, suspended_days: int = 0) -> int | None:
    """Days from acceptance to conclusion, the days suspended not counted (Arts. 39, 62), as
    `reconsideration.process.processing_days` counts them; None before either."""
    if case.accepted_on is None or case.concluded_on is None:
        return None
    return max((case.concluded_on - case.accepted_on).days - suspended_days, 0)


def steps(case: ReconsiderationCase, zone=None) -> list[tuple[str, str, str, datetime.date]]:
    """The events the case's history is made of: (transition, from, to, date)."""
    zone = zone or timezone.get_current_timezone()
    out = [("register", "", S.SUBMITTED, local_day(case.received_at, zone))]
    if case.state == S.SUBMITTED:
        return out
    if case.state == S.REFUSED:
        return [*out, ("refuse", S.SUBMITTED, S.REFUSED, local_day(case.closed_at, zone))]
    if case.accepted_on is None:
        if case.state != S.WITHDRAWN:
            raise ValueError(f"a case not accepted cannot be written in the state {case.state!r}")
        # Withdrawn during the acceptance review (Art. 74): closed, never concluded.
        return [*out, ("withdraw", S.SUBMITTED, S.WITHDRAWN, local_day(case.closed_at, zone))]
    out.append(("accept", S.SUBMITTED, S.ACCEPTED, case.accepted_on))
    # The steps of the hearing of the case that are known, in order of date (a stable sort:
    # the copy before the answer before the hearing on one day).
    during = [
        (name, day)
        for name, day in (
            ("send_copy", case.copy_sent_on),
            ("submit_answer", case.answer_received_on),
            ("hold_hearing", case.hearing_held_on),
        )
        if day is not None
    ]
    for name, day in sorted(during, key=lambda step: step[1]):
        out.append((name, S.ACCEPTED, S.ACCEPTED, day))
    if case.state == S.ACCEPTED:
        return out
    if case.state not in END_STEP:
        raise ValueError(f"a past case cannot be written in the state {case.state!r}")
    return [*out, (END_STEP[case.state], S.ACCEPTED, case.state, case.concluded_on)]


def _clocks_of(case, case_steps, due_of, suspended_days: int) -> list[dict]:
    """The clocks reconsideration.process runs over the case's steps (cases.bulk.replay_clocks:
    the process's own start, stop and start_if, so the simplified procedure has its own copy
    and decision clocks). The decision period does not count the days suspended."""

    def due(clock, _day):
        extra = suspended_days if clock["key"] in DECISION_CLOCKS else 0
        return due_of(clock["started_on"], clock["length"] + extra, clock["unit"])

    # The clocks' start_if read the copy and answer dates as they stood at each step (the copy
    # period runs only while no copy has been sent), not as the case ends up.
    view = _AsOf(case)

    def walk():
        for name, _before, after, day in case_steps:
            if name == "send_copy":
                view.copy_sent_on = case.copy_sent_on
            elif name == "submit_answer":
                view.answer_received_on = case.answer_received_on
            yield name, after, day

    return bulk.replay_clocks(RECONSIDERATION_PROCESS, view, walk(), due)


class _AsOf:
    """The case with its copy and answer dates unset until their steps are replayed."""

    def __init__(self, case):
        self._case = case
        self.copy_sent_on = None
        self.answer_received_on = None

    def __getattr__(self, name):
        return getattr(self._case, name)


def _sets_case_due(key: str) -> bool:
    spec = RECONSIDERATION_PROCESS.clock(key)
    return spec is None or spec.sets_case_due


def write(records: list[Record], *, actor=None, batch_size: int = 2000) -> list:
    """Write the records in one transaction; numbers are issued in blocks per bureau and year,
    in order of receipt. On PostgreSQL every table is written with COPY (core.copy)."""
    calendar = get_calendar()
    due_of = functools.lru_cache(maxsize=None)(
        lambda started, length, unit: calendar.count(started, length, unit)
    )
    zone = timezone.get_current_timezone()
    process = RECONSIDERATION_PROCESS
    with transaction.atomic():
        cases = [r.case for r in records]
        bulk.issue_numbers(cases, series=process.number_series, pattern=process.number_pattern,
                           zone=zone)  # fmt: skip
        clocks = []
        for record in records:
            case = record.case
            case.team_id = case.team_id or case.organization_id
            if getattr(actor, "pk", None):
                case.created_by = actor
            case_steps = steps(case, zone)
            case.version = len(case_steps)
            if case.processing_days is None:
                case.processing_days = processing_days(case, record.suspended_days)
            case_clocks = _clocks_of(case, case_steps, due_of, record.suspended_days)
            running = [
                c["due"]
                for c in case_clocks
                if c["state"] != ClockState.STOPPED and _sets_case_due(c["key"])
            ]
            earliest = min((due.date for due in running), default=None)
            case.due_date = earliest
            case.due_provisional = any(d.provisional for d in running if d.date == earliest)
            clocks.append(case_clocks)
        copy_insert(ReconsiderationCase, cases, batch_size=batch_size)
        bulk.advance_sequences(cases, process.number_series)
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        bulk.write_parties(ReconParty, "case_id", [(r.case, r.parties) for r in records],
                           created_by_id=actor_id, batch_size=batch_size)  # fmt: skip
        content_type_id = ContentType.objects.get_for_model(ReconsiderationCase).pk
        events = bulk.event_rows(content_type_id, cases, steps, actor_id, zone)
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events, batch_size=batch_size)
        copy_rows(Clock, bulk.CLOCK_FIELDS, _clock_rows(cases, clocks, content_type_id),
                  batch_size=batch_size)  # fmt: skip
        copy_rows(ChallengedAct, ACT_FIELDS, _act_rows(cases, content_type_id),
                  batch_size=batch_size)  # fmt: skip
        # Past months' figures change: their roll-ups are counted live until refreshed.
        note_rows(ReconsiderationCase, cases)
    return cases


def _clock_rows(cases, clocks, content_type_id):
    for case, case_clocks in zip(cases, clocks, strict=True):
        ref = bulk.ref(content_type_id, case)
        for c in case_clocks:
            yield bulk.clock_row(ref, c["key"], c["unit"], c["length"], c["started_on"],
                                 c["due"], c["stopped_on"], c["state"])  # fmt: skip


def _act_rows(cases, content_type_id):
    """The act each case challenges, by its respondent and normalised document number
    (ChallengedAct.record); none for a case without a document number."""
    for case in cases:
        number = ChallengedAct.normalise(case.act_number)
        if number:
            yield (*bulk.ref(content_type_id, case), case.respondent_id, number)
