"""Writing past major administrative decisions in bulk (the Excel import of past decisions,
decisions.importing; the demo, decisions.demo).

Each record is one decision whose course is known as far as it went (重大行政决策程序暂行条例 =
DEC, State Council Decree 713; reference/statutes-lines.md §A): started (Arts. 10–11), its draft
(Arts. 12–13), public participation — the comment period and the published handling of the
comments, or the exemption of a legally non-disclosable matter (Arts. 14–18), a hearing
(Arts. 16–17) —, expert argumentation (Arts. 19–21) and risk assessment (Arts. 22–24) where
triggered, the legality review (Arts. 25–28), the collective discussion (Arts. 29–31), the
decision, its publication (Art. 32), archive (Art. 33), execution reports (Arts. 34–35),
post-decision evaluation (Art. 36), a minor adjustment, a suspension and its resumption
(Art. 37), or the matter not pursued. It gets what a decision started and moved through the
engine would have had:

- a number from the following bureau's gap-free sequence, received on its start date (at 09:00
  unless the record gives a time on that day), as decisions.services.decision_start registers it;
- its public comments (`Comment`), each within the comment period;
- one event per step, named as decisions.process names the transitions and dated on the step's
  day, each step allowed from the state the one before it left (the process's own sources and
  targets), in the order of the days and, on one day, of the process's declaration;
- the summary fields the steps set: the state, the outcome, `comment_closes_on` counted as the
  engine counts it (decisions.process.comment_closes_on: 30 days from the day after the notice,
  rolled past a holiday), `published_on_time` against the publication clock, `closed_at` of a
  matter not pursued;
- the publication clock (default 20 working days from the decision, ❓), replayed over the
  steps as the engine runs it (cases.bulk.replay_clocks): stopped on the publication, running
  while a decision waits for it — then the case's deadline.

The rule of DEC Arts. 25, 28 and 30 holds for a written history as it does for the `decide` step
(decisions.process.missing_steps): a decision whose mandatory steps were not all done by the
day of the decision — public participation unless exempted with reasons, the legality review
(not found unlawful), the collective discussion adopting the draft, expert argumentation and
risk assessment where triggered — is refused, as is a draft discussed before its legality
review or found unlawful (Art. 28), the handling of comments published before the period ended
or with a comment unanswered (Art. 18), a comment period under 30 days without its reasons
(Art. 15), hearing materials sent fewer than 7 days ahead (Art. 17), a post-decision
evaluation by the unit that assessed the risk (Art. 36): `write` raises ValueError and writes
nothing.

What a past decision cannot tell is not invented: no event for a step whose day is not known
(the exemption from public participation when `exempted_on` is not given), no set_triggers
event (the triggers are the start's), and no `Evidence` — the files proving the steps
(the experts' signed opinions, the 风险评估报告, the legality opinion, the minutes) are added
afterwards on the decision's page. One round of the procedure is written: a major adjustment
(Art. 37), which runs the procedure again, is done in Fazhi. Rows are written in bulk (COPY on
PostgreSQL, core.copy); no transition is fired and no audit row per field is written. The rows
every line writes alike are cases.bulk's.
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
from cases.models import CaseEvent, Channel, Clock, ClockState
from cases.process import REGISTER
from core.copy import copy_insert, copy_rows
from decisions.choices import Answer, Conclusion
from decisions.models import Comment, MajorDecision
from decisions.process import (
    COMMENT_DAYS,
    DECISION_PROCESS,
    HEARING_NOTICE_DAYS,
    comment_closes_on,
    missing_steps,
)
from indicators.rollups import note_rows

PROCESS = DECISION_PROCESS
# On one day, the steps in the order the process declares them (the draft before the comment
# period, the legality review before the discussion before the decision before its
# publication...).
ORDER = {REGISTER: -1, **{t.name: i for i, t in enumerate(PROCESS.transitions)}}
# The step that sets each date field the mandatory steps are read from (missing_steps).
STEP_OF = {
    "answers_published_on": "publish_answers",
    "expert_on": "expert_argumentation",
    "risk_on": "risk_assessment",
    "legality_opinion_on": "legality_review",
    "meeting_on": "collective_discussion",
}
# The fields of public participation an exempt matter does not have (DEC Art. 14).
PARTICIPATION_DATES = ("comment_opens_on", "answers_published_on", "hearing_on")


@dataclass
class Record:
    """One past decision. `decision` is unsaved, with its organisation (the justice bureau that
    follows it, decisions.services.following_bureau), decision-maker, lead unit, start date and
    the dates and fields of the steps it went through; its state, if set, must be the one its
    steps reach. The other fields are the days of steps the decision keeps no date of."""

    decision: MajorDecision
    comments: list[Comment] = field(default_factory=list)  # unsaved, decision unset
    exempted_on: datetime.date | None = None  # exempted from public participation (Art. 14)
    executions: list[datetime.date] = field(default_factory=list)  # reports (Arts. 34–35)
    suspended_on: datetime.date | None = None  # execution suspended (Art. 37)
    resumed_on: datetime.date | None = None
    abandoned_on: datetime.date | None = None  # not pursued


class _AsOf:
    """The decision as it stood at a step: the dates of the mandatory steps not yet taken
    unset (and the exemption, when its day is known and still to come)."""

    def __init__(self, record: Record, done: set[str]):
        self._decision, self._record, self._done = record.decision, record, done

    def __getattr__(self, name):
        step = STEP_OF.get(name)
        if step is not None and step not in self._done:
            return None
        if name == "participation_exempt" and self._record.exempted_on is not None:
            return self._decision.participation_exempt and "exempt_participation" in self._done
        return getattr(self._decision, name)


def _known(record: Record) -> list[tuple[str, datetime.date]]:
    d = record.decision
    known = [(REGISTER, d.started_on)]
    dated = (
        ("record_draft", d.drafted_on),
        ("exempt_participation", record.exempted_on),
        ("open_comment", d.comment_opens_on),
        ("hold_hearing", d.hearing_on),
        ("publish_answers", d.answers_published_on),
        ("expert_argumentation", d.expert_on),
        ("risk_assessment", d.risk_on),
        ("legality_review", d.legality_opinion_on),
        ("collective_discussion", d.meeting_on),
        ("decide", d.decided_on),
        ("publish", d.published_on),
        ("archive", d.archived_on),
        *(("report_execution", day) for day in record.executions),
        ("evaluate", d.evaluated_on),
        ("adjust", d.adjusted_on),
        ("suspend", record.suspended_on),
        ("resume", record.resumed_on),
        ("abandon", record.abandoned_on),
    )
    known += [(name, day) for name, day in dated if day is not None]
    known.sort(key=lambda step: (step[1], ORDER[step[0]]))
    return known


def _refusal(record: Record, name: str, day: datetime.date, done: set[str]) -> str | None:
    """Why step `name` on `day` could not have been taken (the process's guards and forms, the
    statute's rules); None if it could."""
    d = record.decision
    if name == "exempt_participation" and not d.exemption_reason.strip():
        return "an exemption from public participation needs its reasons (Art. 14)"
    if name in ("open_comment", "hold_hearing") and d.participation_exempt:
        return "the matter is exempt from public participation (Art. 14)"
    if name == "open_comment":
        if "record_draft" not in done:
            return "the draft is published for comment after it is recorded (Art. 15)"
        if not d.comment_days or d.comment_days < 1:
            return "a comment period needs its length in days"
        if d.comment_days < COMMENT_DAYS and not d.short_period_reason.strip():
            return "a comment period under 30 days needs its reasons stated (Art. 15)"
    if name == "hold_hearing":
        sent = d.hearing_materials_sent_on
        if sent is None or (day - sent).days < HEARING_NOTICE_DAYS:
            return "the hearing materials reach the participants 7 days before (Art. 17)"
    if name == "publish_answers":
        if "open_comment" not in done:
            return "no comment period was opened"
        if day <= d.comment_closes_on:
            return f"the comment period runs until {d.comment_closes_on} (Art. 18)"
        late = [c for c in record.comments if not c.answer or (c.answered_on or day) > day]
        if late:
            return f"{len(late)} comments are not answered by then (Art. 18)"
    if name == "collective_discussion":
        # DEC Art. 28: a draft not reviewed, or found unlawful, is not discussed.
        if "legality_review" not in done:
            return "the draft is discussed only after its legality review (Art. 28)"
        if d.legality_conclusion == Conclusion.UNLAWFUL:
            return "the legality review found the draft unlawful (Art. 28)"
    if name == "decide":
        missing = missing_steps(_AsOf(record, done))
        if missing:
            return "mandatory steps missing: " + "、".join(str(m) for m in missing)
    if name == "report_execution" and d.executing_unit_id is None:
        return "an execution report needs the executing unit (Art. 34)"
    if name == "evaluate":
        evaluator = d.evaluator.strip()
        if not evaluator:
            return "an evaluation needs its evaluator"
        if d.risk_assessor.strip() and evaluator == d.risk_assessor.strip():
            return "the unit that assessed the risk cannot evaluate the decision (Art. 36)"
    return None


def steps(record: Record) -> list[tuple[str, str, str, datetime.date]]:
    """The events the decision's history is made of: (transition, from, to, date), in order.
    ValueError for a course the process or the statute does not allow."""
    d = record.decision
    if d.started_on is None:
        raise ValueError(f"{d.title}: a decision needs its start date")
    if d.participation_exempt and any(getattr(d, f) for f in PARTICIPATION_DATES):
        raise ValueError(f"{d.title}: an exempt matter has no public participation (Art. 14)")
    out, state, done = [], "", set()
    for name, day in _known(record):
        if day < d.started_on:
            raise ValueError(f"{d.title}: {name} on {day} precedes the start on {d.started_on}")
        if name == REGISTER:
            after = PROCESS.initial
        else:
            transition = PROCESS.transition(name)
            if state not in transition.source:
                raise ValueError(f"{d.title}: {name} on {day} is not possible in the state "
                                 f"{state!r}")  # fmt: skip
            reason = _refusal(record, name, day, done)
            if reason:
                raise ValueError(f"{d.title}: {name} on {day} refused: {reason}")
            after = transition.target or state
        out.append((name, state, after, day))
        state = after
        done.add(name)
    if d.state and d.state != state:
        raise ValueError(f"{d.title}: its steps lead to {state!r}, not {d.state!r}")
    return out


def _check_comments(record: Record) -> None:
    """Each comment received within the comment period (DEC Art. 15) and answered as
    decisions.services.comment_answer answers (Art. 18: reasons when not adopted)."""
    d = record.decision
    for comment in record.comments:
        if d.comment_opens_on is None or not (
            d.comment_opens_on <= comment.received_on <= d.comment_closes_on
        ):
            raise ValueError(f"{d.title}: a comment received on {comment.received_on} is "
                             "outside the comment period")  # fmt: skip
        if comment.answer and comment.answer not in Answer.values:
            raise ValueError(f"{d.title}: unknown answer {comment.answer!r}")
        if comment.answer == Answer.NOT_ADOPTED and not comment.reasons.strip():
            raise ValueError(f"{d.title}: a comment not adopted needs its reasons (Art. 18)")


def _sets_case_due(key: str) -> bool:
    spec = PROCESS.clock(key)
    return spec is None or spec.sets_case_due


def _prepare(record: Record, actor, zone, due_of, closes_of) -> tuple[list, list]:
    d = record.decision
    d.region_code = d.region_code or d.decision_maker.region_id
    d.team_id = d.team_id or d.organization_id
    d.channel = Channel.ONLINE  # as decisions.services.decision_start registers every decision
    if getattr(actor, "pk", None):
        d.created_by = actor
    # Started on its start date, at 09:00 unless the record gives a time on that day
    # (decisions.services.decision_start); the model's default, now, is another day.
    if local_day(d.received_at, zone) != d.started_on:
        d.received_at = bulk.at(d.started_on, 9, zone)
    if d.comment_opens_on is not None and d.comment_days:
        d.comment_closes_on = closes_of(d.comment_opens_on, d.comment_days)
    elif d.comment_opens_on is None:
        d.comment_closes_on = None
    case_steps = steps(record)
    _check_comments(record)
    d.state = case_steps[-1][2]
    d.version = len(case_steps)
    for name, _before, _after, day in case_steps:
        transition = PROCESS.transition(name)
        if transition is None:
            continue
        if transition.outcome is not None:
            d.outcome = transition.outcome
        for stamp in transition.stamps:
            setattr(d, stamp, bulk.at(day, 12, zone))
    clocks = bulk.replay_clocks(
        PROCESS,
        d,
        ((name, after, day) for name, _before, after, day in case_steps),
        lambda clock, _day: due_of(clock["started_on"], clock["length"], clock["unit"]),
    )
    publication = next((c for c in clocks if c["key"] == "publication"), None)
    if d.published_on is not None:
        # As the publish step's effect reads it: within the window the decision opened.
        due = publication["due"] if publication else None
        d.published_on_time = due is None or d.published_on <= due.date
    running = [c["due"] for c in clocks
               if c["state"] != ClockState.STOPPED and c["due"] and _sets_case_due(c["key"])]  # fmt: skip
    earliest = min((due.date for due in running), default=None)
    d.due_date = earliest
    d.due_provisional = any(due.provisional for due in running if due.date == earliest)
    return case_steps, clocks


def write(records: list[Record], *, actor=None, batch_size: int = 2000) -> list[MajorDecision]:
    """Write the records in one transaction and return their decisions; every record is
    checked before anything is written (ValueError). Numbers are issued in blocks per bureau
    and year, in order of the start. On PostgreSQL every table is written with COPY
    (core.copy)."""
    calendar = get_calendar()
    due_of = functools.lru_cache(maxsize=None)(
        lambda started, length, unit: calendar.count(started, length, unit)
    )
    closes_of = functools.lru_cache(maxsize=None)(comment_closes_on)
    zone = timezone.get_current_timezone()
    prepared = {id(r.decision): _prepare(r, actor, zone, due_of, closes_of) for r in records}
    decisions = [r.decision for r in records]
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    with transaction.atomic():
        bulk.issue_numbers(decisions, series=PROCESS.number_series,
                           pattern=PROCESS.number_pattern, zone=zone)  # fmt: skip
        copy_insert(MajorDecision, decisions, batch_size=batch_size)
        bulk.advance_sequences(decisions, PROCESS.number_series)
        comments = []
        for record in records:
            d = record.decision
            taken = {c.number for c in record.comments if c.number}
            number = 0
            for comment in record.comments:
                if not comment.number:
                    number += 1
                    while number in taken:
                        number += 1
                    comment.number = number
                comment.decision = d
                comment.region_code = d.region_code
                comments.append(comment)
        copy_insert(Comment, comments, batch_size=batch_size)
        content_type_id = ContentType.objects.get_for_model(MajorDecision).pk
        events = bulk.event_rows(
            content_type_id, decisions, lambda d, _zone: prepared[id(d)][0], actor_id, zone
        )
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events, batch_size=batch_size)
        copy_rows(Clock, bulk.CLOCK_FIELDS, _clock_rows(decisions, prepared, content_type_id),
                  batch_size=batch_size)  # fmt: skip
        # Past months' figures change: their roll-ups are counted live until refreshed.
        note_rows(MajorDecision, decisions)
        note_rows(Comment, comments)
    return decisions


def _clock_rows(decisions, prepared, content_type_id):
    for d in decisions:
        ref = bulk.ref(content_type_id, d)
        for c in prepared[id(d)][1]:
            yield bulk.clock_row(ref, c["key"], c["unit"], c["length"], c["started_on"],
                                 c["due"], c["stopped_on"], c["state"])  # fmt: skip
