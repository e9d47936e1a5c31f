"""Writing past legality reviews in bulk (the Excel import of past reviews, legality.importing;
the demo data, legality.demo).

Each record is one submission for legality review (合法性审核 / 审查) whose course is known as far
as it went (reference/statutes-lines.md §A, §B; statutes.md §6): submitted by a department with
its kind — normative document draft, major decision proposal, government contract (with the
contract's counterparty, amount, term and risks) —; the review started; 补正 asked for and the
materials supplied (the review clock paused in between, 国办发〔2018〕115号 ❓); counsel asked and
their opinions (重大行政决策程序暂行条例 Art. 27); the opinion — authority, procedure, conformity
(Art. 27), its conclusion 合法 / 修改后合法 / 不合法 and numbered points —; the department's
answer to each point, 采纳 or 未采纳 with the reasons (Art. 28); or withdrawn before the opinion.
It gets what a review submitted and moved through the engine would have had:

- a number from the reviewing bureau's gap-free sequence, in order of submission (or the
  number the record gives, which moves the sequence past it);
- received on the day of submission (at 09:00 unless the record gives a time on that day), as
  legality.services submits it; the review started (accepted_at) and closed (closed_at) on the
  days of their steps;
- one event per step, named as legality.process names the transitions (register,
  start_review, request_correction, materials_supplied, ask_counsel, counsel_opinion,
  issue_opinion, record_answers, withdraw), dated on the step's day, each step allowed from
  the state the one before it left (the process's declared sources); on one day, the steps in
  the order the process allows them;
- the review clock of its kind (15 working days for a document ❓, 15 for a major decision ❓
  and "一般不少于7个工作日" (DEC Art. 26), 10 for a contract ❓; legality.process), run over those
  steps as the engine runs it (cases.bulk.replay_clocks): started on the submission, paused by
  each 补正 request and resumed by the materials (a pause's first day counts, the days after it
  up to the materials' day do not, cases.clocks), stopped by the opinion or the withdrawal,
  with its `ClockPause` rows. A clock still waiting for materials shows the due date it would
  have if they came on the day of writing, as `fazhi remind` keeps it (cases.clocks.
  refresh_open);
- the summary fields the effects of the transitions set, computed as they compute them, never
  taken from the record: the state and outcome, the review time in working days without the
  days of 补正 (legality.process.working_days), whether the opinion came before the minimum
  (below_minimum) and within the period (on_time, against the clock's due date), the items of
  the last 补正 request, each point's answer day.

Rows are written in bulk (COPY on PostgreSQL, core.copy); no transition is fired and no audit
row per field is written. The rows every line writes alike are cases.bulk's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cases import bulk
from cases.bulk import local_day
from cases.calendar import get_calendar
from cases.clocks import excluded_days
from cases.models import CaseEvent, Clock, ClockPause, ClockState
from core.copy import copy_insert, copy_rows
from indicators.rollups import note_rows
from legality.choices import Answer, Conclusion, Outcome, ReviewKind
from legality.models import CounselAssignment, LegalityReview, OpinionPoint
from legality.process import LEGALITY_PROCESS, S, minimum_days, working_days

# The order in which the steps of one day are tried: each is taken as soon as the state allows
# it (materials supplied before counsel is asked on that day, counsel before a new 补正 request,
# the opinion last but for the answers).
PREFERENCE = ("register", "start_review", "materials_supplied", "ask_counsel", "counsel_opinion",
              "request_correction", "issue_opinion", "record_answers", "withdraw")  # fmt: skip
RANK = {name: rank for rank, name in enumerate(PREFERENCE)}
KINDS, CONCLUSIONS, ANSWERS = frozenset(ReviewKind), frozenset(Conclusion), frozenset(Answer)
OUTCOMES = {"record_answers": Outcome.ANSWERED, "withdraw": Outcome.WITHDRAWN}
# The hour of day a step is stamped at when the record gives no time on that day.
RECEIVED_HOUR, STEP_HOUR = 9, 12


@dataclass
class Correction:
    """A 补正 request (all the materials or corrections needed, at once) and the day the
    materials arrived (None: still waited for)."""

    asked_on: datetime.date
    items: str
    supplied_on: datetime.date | None = None


@dataclass
class Record:
    # Unsaved: organization, department, kind, title, submitted_on (and the contract's fields);
    # the opinion's fields (conclusion, opinion_authority, opinion_procedure,
    # opinion_conformity, opinion_on) once issued; answered_on once the department answered.
    review: LegalityReview
    started_on: datetime.date | None = None  # start_review
    corrections: list[Correction] = field(default_factory=list)
    # Unsaved, review unset: counsel, assigned_on; opinion, opinion_on and hours once given.
    counsel: list[CounselAssignment] = field(default_factory=list)
    # Unsaved, review unset: number, text; answer and reasons once answered.
    points: list[OpinionPoint] = field(default_factory=list)
    withdrawn_on: datetime.date | None = None


def _known(record: Record) -> list[tuple[str, datetime.date, int | None]]:
    """The steps the record knows: (transition, day, index of the step it must follow)."""
    review = record.review
    known: list[tuple[str, datetime.date, int | None]] = []

    def add(name, day, after=None) -> int:
        known.append((name, day, after))
        return len(known) - 1

    add("register", review.submitted_on)
    if record.started_on:
        add("start_review", record.started_on)
    for correction in record.corrections:
        asked = add("request_correction", correction.asked_on)
        if correction.supplied_on:
            add("materials_supplied", correction.supplied_on, asked)
    for assignment in record.counsel:
        asked = add("ask_counsel", assignment.assigned_on)
        if assignment.opinion_on:
            add("counsel_opinion", assignment.opinion_on, asked)
    if review.opinion_on:
        opinion = add("issue_opinion", review.opinion_on)
        if review.answered_on:
            add("record_answers", review.answered_on, opinion)
    elif review.answered_on:
        raise ValueError(f"{review.title}: answered without an opinion")
    if record.withdrawn_on:
        add("withdraw", record.withdrawn_on)
    return known


def steps(record: Record) -> list[tuple[str, str, str, datetime.date]]:
    """The events the review's history is made of: (transition, from, to, date), in order.
    ValueError if a step precedes the submission or the process does not allow it where it
    falls (e.g. an opinion while materials are waited for)."""
    review = record.review
    known = _known(record)
    for name, day, _after in known:
        if day < review.submitted_on:
            raise ValueError(f"{review.title}: {name} on {day} precedes the submission on "
                             f"{review.submitted_on}")  # fmt: skip
    left = sorted(range(len(known)), key=lambda i: (known[i][1], RANK[known[i][0]], i))
    out: list[tuple[str, str, str, datetime.date]] = []
    done: set[int] = set()
    state = ""
    while left:
        day = known[left[0]][1]
        chosen = None
        for index in left:
            name, on, after = known[index]
            if on != day:
                break
            if after is not None and after not in done:
                continue
            if name == "register":
                allowed = state == ""
            else:
                allowed = state in LEGALITY_PROCESS.transition(name).source
            if allowed:
                chosen = index
                break
        if chosen is None:
            name = known[left[0]][0]
            raise ValueError(f"{review.title}: {name} on {day} is not possible while the "
                             f"review is {state or 'not submitted'}")  # fmt: skip
        name = known[chosen][0]
        if name == "register":
            after_state = LEGALITY_PROCESS.initial
        else:
            after_state = LEGALITY_PROCESS.transition(name).target or state
        out.append((name, state, after_state, day))
        state = after_state
        done.add(chosen)
        left.remove(chosen)
    return out


class _Dues:
    """Due dates as cases.clocks computes them, cached: an open pause counts up to `day`."""

    def __init__(self, calendar):
        self.calendar = calendar
        self.cache: dict[tuple, object] = {}

    def __call__(self, clock, day):
        pauses = tuple(clock["pauses"])
        still_open = bool(pauses) and pauses[-1][1] is None
        key = (clock["started_on"], clock["length"], clock["unit"], pauses,
               day if still_open else None)  # fmt: skip
        due = self.cache.get(key)
        if due is None:
            due = self.cache[key] = self.calendar.count(
                clock["started_on"], clock["length"], clock["unit"],
                excluded_days(list(pauses), day),
            )  # fmt: skip
        return due


def _stamp(value, day: datetime.date, hour: int, zone):
    """`value` if it falls on `day` (local time), else `day` at `hour`."""
    if value is not None and local_day(value, zone) == day:
        return value
    return bulk.at(day, hour, zone)


def _sets_case_due(key: str) -> bool:
    spec = LEGALITY_PROCESS.clock(key)
    return spec is None or spec.sets_case_due


def _check(record: Record) -> None:
    """What the process's forms would have refused (legality.process: OpinionForm,
    AnswersForm; DEC Art. 27)."""
    review = record.review
    if review.kind not in KINDS:
        raise ValueError(f"{review.title}: unknown kind {review.kind!r}")
    if review.opinion_on:
        if review.conclusion not in CONCLUSIONS:
            raise ValueError(f"{review.title}: an opinion needs its conclusion")
        if review.conclusion != Conclusion.LAWFUL and not record.points:
            raise ValueError(f"{review.title}: an opinion other than lawful states its points")
    elif record.points or review.conclusion:
        raise ValueError(f"{review.title}: points or a conclusion without an opinion")
    if review.answered_on:
        for point in record.points:
            if point.answer not in ANSWERS:
                raise ValueError(f"{review.title}: point {point.number} has no answer")
            if point.answer == Answer.NOT_ADOPTED and not point.reasons.strip():
                raise ValueError(f"{review.title}: point {point.number} is not adopted "
                                 "without reasons")  # fmt: skip


def _prepare(record: Record, actor, zone, calendar, dues, today) -> tuple[list, list]:
    """Set the review's and its points' summary fields from the steps; return (steps,
    clocks)."""
    _check(record)
    review = record.review
    review_steps = steps(record)
    review.region_code = review.region_code or review.organization.region_id
    review.team_id = review.team_id or review.organization_id
    if getattr(actor, "pk", None):
        review.created_by = actor
    review.received_at = _stamp(review.received_at, review.submitted_on, RECEIVED_HOUR, zone)
    review.state = review_steps[-1][2]
    review.version = len(review_steps)
    last = review_steps[-1][0]
    review.outcome = OUTCOMES.get(last, "")
    review.closed_at = (
        _stamp(review.closed_at, review_steps[-1][3], STEP_HOUR, zone) if last in OUTCOMES
        else None
    )  # fmt: skip
    review.accepted_at = (
        _stamp(review.accepted_at, record.started_on, STEP_HOUR, zone)
        if record.started_on else None
    )  # fmt: skip
    review.correction_items = record.corrections[-1].items if record.corrections else ""
    clocks = bulk.replay_clocks(
        LEGALITY_PROCESS, review, ((name, after, day) for name, _b, after, day in review_steps),
        dues,
    )  # fmt: skip
    for clock in clocks:
        if clock["state"] == ClockState.PAUSED:
            clock["due"] = dues(clock, today)
    if review.opinion_on:
        clock = next((c for c in clocks if c["key"] == f"review_{review.kind}"), None)
        pauses = clock["pauses"] if clock else ()
        review.review_working_days = working_days(review.submitted_on, review.opinion_on,
                                                  pauses, calendar)  # fmt: skip
        review.below_minimum = review.review_working_days < minimum_days(review.kind)
        review.on_time = clock is None or review.opinion_on <= clock["due"].date
    else:
        review.review_working_days, review.below_minimum, review.on_time = None, False, None
        for name in ("opinion_authority", "opinion_procedure", "opinion_conformity"):
            setattr(review, name, "")
    for point in record.points:
        point.region_code = review.region_code
        if review.answered_on:
            point.answered_on = review.answered_on
            if point.answer == Answer.ADOPTED:
                point.reasons = ""
        else:
            point.answer, point.reasons, point.answered_on = "", "", None
    running = [
        c["due"] for c in clocks if c["state"] != ClockState.STOPPED and _sets_case_due(c["key"])
    ]
    earliest = min((due.date for due in running), default=None)
    review.due_date = earliest
    review.due_provisional = any(d.provisional for d in running if d.date == earliest)
    return review_steps, clocks


def write(records: list[Record], *, actor=None, today: datetime.date | None = None,
          batch_size: int = 2000) -> list[LegalityReview]:  # fmt: skip
    """Write the records in one transaction and return their reviews, in the records' order;
    numbers are issued in blocks per bureau and year, in order of submission. `today`: the day
    a clock still paused counts its open pause to (default: the local date). On PostgreSQL
    every table is written with COPY (core.copy)."""
    calendar = get_calendar()
    dues = _Dues(calendar)
    zone = timezone.get_current_timezone()
    today = today or timezone.localdate()
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    process = LEGALITY_PROCESS
    with transaction.atomic():
        prepared = {}
        for record in records:
            prepared[id(record.review)] = _prepare(record, actor, zone, calendar, dues, today)
        reviews = [r.review for r in records]
        bulk.issue_numbers(reviews, series=process.number_series, pattern=process.number_pattern,
                           zone=zone)  # fmt: skip
        copy_insert(LegalityReview, reviews, batch_size=batch_size)
        bulk.advance_sequences(reviews, process.number_series)
        points, assignments = [], []
        for record in records:
            for point in record.points:
                point.review_id = record.review.pk
                points.append(point)
            for assignment in record.counsel:
                assignment.review_id = record.review.pk
                assignments.append(assignment)
        copy_insert(OpinionPoint, points, batch_size=batch_size)
        copy_insert(CounselAssignment, assignments, batch_size=batch_size)
        content_type_id = ContentType.objects.get_for_model(LegalityReview).pk
        events = bulk.event_rows(
            content_type_id, reviews, lambda review, _zone: prepared[id(review)][0], actor_id,
            zone,
        )  # fmt: skip
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events, batch_size=batch_size)
        _write_clocks(reviews, prepared, content_type_id, batch_size)
        # Past months' figures change: their roll-ups are counted live until refreshed.
        note_rows(LegalityReview, reviews)
    return reviews


def _write_clocks(reviews, prepared, content_type_id, batch_size) -> None:
    """The clocks; those paused at some time with their `ClockPause` rows (reason: the step
    that paused them), which need the clocks' keys first."""
    plain, paused = [], []
    for review in reviews:
        ref = bulk.ref(content_type_id, review)
        for c in prepared[id(review)][1]:
            row = bulk.clock_row(ref, c["key"], c["unit"], c["length"], c["started_on"],
                                 c["due"], c["stopped_on"], c["state"])  # fmt: skip
            (paused if c["pauses"] else plain).append((row, c["pauses"]))
    copy_rows(Clock, bulk.CLOCK_FIELDS, (row for row, _p in plain), batch_size=batch_size)
    if not paused:
        return
    attnames = [Clock._meta.get_field(f).attname for f in bulk.CLOCK_FIELDS]
    clocks = [Clock(**dict(zip(attnames, row, strict=True))) for row, _p in paused]
    copy_insert(Clock, clocks, batch_size=batch_size)
    copy_rows(ClockPause, ("clock_id", "start", "end", "reason"), (
        (clock.pk, start, end, "request_correction")
        for clock, (_row, pauses) in zip(clocks, paused, strict=True)
        for start, end in pauses
    ), batch_size=batch_size)  # fmt: skip


__all__ = ["Correction", "Record", "S", "steps", "write"]
