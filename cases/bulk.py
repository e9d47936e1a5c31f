"""Writing cases in bulk (Excel imports of past cases, demo data), whatever the line.

A case written in bulk gets the rows a case registered and moved through the engine would have
had: a number from its organisation's gap-free sequence, its parties, one `CaseEvent` per step
and its `Clock` rows. The lines' own modules (mediation.history, legalaid.history, the demo
builders) know which steps and clocks a case has; the helpers here build and write the rows
that are the same for every line. Rows go through core.copy (COPY on PostgreSQL); no
transition is fired and no audit row per field is written.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable

from django.utils import timezone

from cases import numbering
from cases.clocks import start_date
from cases.models import ClockState, NumberSequence
from core.copy import copy_insert, copy_rows
from core.models import Party

# The columns of the rows `event_row` and `clock_row` build, in their order.
EVENT_FIELDS = ("case_type_id", "case_id", "region_code", "organization_id", "transition",
                "from_state", "to_state", "at", "on_date", "version", "actor_id")  # fmt: skip
CLOCK_FIELDS = ("case_type_id", "case_id", "region_code", "organization_id", "key", "unit",
                "length", "started_on", "due_date", "nominal_due", "provisional", "state",
                "stopped_on")  # fmt: skip
# The serial part of a case number (…第0057号).
SEQ = re.compile(r"第0*(\d+)号$")


def local_day(value, zone=None) -> datetime.date | None:
    """The local date of an instant (in `zone`, default the current time zone); a date as is."""
    if isinstance(value, datetime.datetime):
        return _local_date(value, zone or timezone.get_current_timezone())
    return value


# Cached: a bulk write asks for the same few hundred days a hundred thousand times (and
# callers in a loop pass the zone, whose look-up costs more than the conversion). Large
# enough for the instants of one chunk of the legal aid demo (legalaid.demo.CHUNK cases of
# about ten steps each), which asks for each again when it writes the chunk.
@functools.lru_cache(maxsize=65536)
def _local_date(value: datetime.datetime, zone) -> datetime.date:
    return timezone.localtime(value, zone).date()


def at(day: datetime.date, hour: int = 12, zone=None, minute: int = 0) -> datetime.datetime:
    """`day` at `hour`:`minute` local time (Asia/Shanghai, or `zone`), as stored."""
    return _at(day, hour, zone or timezone.get_current_timezone(), minute)


@functools.lru_cache(maxsize=8192)
def _at(day: datetime.date, hour: int, zone, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)), zone)


def ref(content_type_id: int, case) -> tuple:
    """The columns every event and clock row of `case` starts with (its generic reference)."""
    return (content_type_id, case.pk, case.region_code, case.organization_id)


def event_row(case_ref: tuple, transition, from_state, to_state, moment, day, version,
              actor_id=None) -> tuple:  # fmt: skip
    """A `CaseEvent` row in the order of EVENT_FIELDS."""
    return (*case_ref, transition, from_state, to_state, moment, day, version, actor_id)


def event_rows(content_type_id: int, cases: Iterable, steps: Callable, actor_id, zone):
    """The events of each case: one per step of `steps(case, zone)` — (transition, from, to,
    date) — stamped at noon local time and numbered from version 1. A generator: the rows are
    made while they are copied, never held all at once."""
    for case in cases:
        case_ref = ref(content_type_id, case)
        for version, (name, before, after, day) in enumerate(steps(case, zone), start=1):
            yield event_row(case_ref, name, before, after, _at(day, 12, zone), day, version,
                            actor_id)  # fmt: skip


def clock_row(case_ref: tuple, key, unit, length, started, due, stopped, state=None) -> tuple:
    """A `Clock` row in the order of CLOCK_FIELDS; `due` is the calendar's count (date,
    nominal, provisional). Without `state` the clock is stopped if `stopped` is set, else
    running."""
    if state is None:
        state = ClockState.STOPPED if stopped else ClockState.RUNNING
    return (*case_ref, key, unit, length, started, due.date, due.nominal, due.provisional,
            state, stopped)  # fmt: skip


class AtStep:
    """A case as a clock's `start_if` sees it at one of its steps: in the state that step
    entered, every other field as the case holds it."""

    def __init__(self, case, state):
        self._case, self.state = case, state

    def __getattr__(self, name):
        return getattr(self._case, name)


def replay_clocks(process, case, steps: Iterable, due: Callable) -> list[dict]:
    """The clocks `process` declares, run over a case's known steps — (transition, state
    entered, date) in order — as cases.clocks would run them live: started on `start_on` when
    `start_if` holds for the state entered (from the case's `start_field` when the spec names
    one, as the final case holds it), paused, resumed and stopped on their steps.

    Each clock is a dict (key, unit, length, started_on, state, stopped_on, pauses — a list of
    (from, to) with to None while open — and due), with `due(clock, day)` asked for its due
    date whenever a step on `day` changed a clock that still runs."""
    out: dict[str, dict] = {}
    for name, after, day in steps:
        for spec in process.clocks:
            clock = out.get(spec.key)
            touched = False
            if name in spec.start_on and (
                spec.start_if is None or spec.start_if(AtStep(case, after))
            ):
                if (
                    clock is None
                    or clock["state"] == ClockState.STOPPED
                    or (name not in spec.resume_on)
                ):
                    clock = out[spec.key] = {
                        "key": spec.key, "unit": spec.unit, "length": spec.resolved_length(),
                        "started_on": start_date(spec, case, day), "state": ClockState.RUNNING,
                        "stopped_on": None,
                        "pauses": [], "due": None}  # fmt: skip
                touched = True
            elif clock is not None and clock["state"] != ClockState.STOPPED:
                if name in spec.stop_on:
                    pauses = clock["pauses"]
                    if pauses and pauses[-1][1] is None:
                        pauses[-1] = (pauses[-1][0], day)
                    clock["state"], clock["stopped_on"] = ClockState.STOPPED, day
                elif name in spec.pause_on and clock["state"] == ClockState.RUNNING:
                    clock["pauses"].append((day, None))
                    clock["state"] = ClockState.PAUSED
                    touched = True
                elif name in spec.resume_on and clock["state"] == ClockState.PAUSED:
                    clock["pauses"][-1] = (clock["pauses"][-1][0], day)
                    clock["state"] = ClockState.RUNNING
                    touched = True
            if touched:
                clock["due"] = due(clock, day)
    return list(out.values())


def issue_numbers(cases: Iterable, *, series: str, pattern: str, zone) -> None:
    """Set each case's `number_year` (the local year of receipt) and give the cases that have
    no number one from their organisation's sequence, in blocks per organisation and year, in
    order of receipt. Each case's `organization` must be set (it is the sequence's key)."""
    groups: dict[tuple, list] = {}
    for case in sorted(cases, key=lambda c: c.received_at):
        case.number_year = local_day(case.received_at, zone).year
        if not case.number:
            groups.setdefault((case.organization, case.number_year), []).append(case)
    issued = numbering.issue_blocks(
        {key: len(items) for key, items in groups.items()}, series=series, default_pattern=pattern
    )
    for key, items in groups.items():
        for case, (number, seq) in zip(items, issued[key], strict=True):
            case.number, case.number_seq = number, seq


def advance_sequences(cases: Iterable, series: str) -> None:
    """Numbers given in an import (e.g. 第0057号) move the organisation's sequence in `series`
    past them, so that the next registration does not collide with an imported number."""
    highest: dict[tuple, int] = {}
    for case in cases:
        match = SEQ.search(case.number or "")
        if match and case.number_seq is None:
            key = (case.organization_id, case.number_year)
            highest[key] = max(highest.get(key, 0), int(match.group(1)))
    for (org_id, year), seq in highest.items():
        NumberSequence.objects.bulk_create(
            [NumberSequence(organization_id=org_id, series=series, year=year, last=0)],
            ignore_conflicts=True,
        )
        NumberSequence.objects.filter(
            organization_id=org_id, series=series, year=year, last__lt=seq
        ).update(last=seq)


def write_parties(link_model, case_field: str, parties_of: list[tuple], *, created_by_id=None,
                  batch_size: int = 2000) -> None:  # fmt: skip
    """Write the parties of each (case, [(side, unsaved party), …]) in `parties_of`, in the
    case's organisation and region (and by `created_by_id` if given), then their links
    (`case_field`, party, side, position) in `link_model`."""
    parties = []
    for case, sides in parties_of:
        for _side, party in sides:
            party.organization_id = case.organization_id
            party.region_code = case.region_code
            if created_by_id:
                party.created_by_id = created_by_id
            parties.append(party)
    copy_insert(Party, parties, batch_size=batch_size)
    # The links are generated while they are copied, never held all at once.
    links = (
        (case.pk, party.pk, side, position)
        for case, sides in parties_of
        for position, (side, party) in enumerate(sides)
    )
    copy_rows(link_model, (case_field, "party_id", "side", "position"), links,
              batch_size=batch_size)  # fmt: skip


class WorkingDays:
    """Working-day arithmetic for a writer of past cases (the lines' demo writers), on the
    project's calendar (cases.calendar, statutory holidays and adjusted working days), each day
    asked of the calendar once. The writer sets `calendar`, `today` (the present its history
    runs up to) and `zone`."""

    calendar = None
    today: datetime.date
    zone = None

    def is_workday(self, day: datetime.date) -> bool:
        try:
            known = self._workdays
        except AttributeError:
            known = self._workdays = {}
        answer = known.get(day)
        if answer is None:
            answer = known[day] = self.calendar.is_workday(day)
        return answer

    def add_workdays(self, day: datetime.date, n: int) -> datetime.date:
        """The `n`th working day after `day`."""
        while n > 0:
            day += _DAY
            if self.is_workday(day):
                n -= 1
        return day

    def back(self, n: int) -> datetime.date:
        """The day `n` working days before the present (`today`)."""
        day = self.today
        while n > 0:
            day -= _DAY
            if self.is_workday(day):
                n -= 1
        return day

    def next_workday(self, day: datetime.date) -> datetime.date:
        """`day`, or the next working day."""
        while not self.is_workday(day):
            day += _DAY
        return day

    def workday_on_or_before(self, day: datetime.date, floor: datetime.date) -> datetime.date:
        """`day`, or the working day before it, not before `floor`."""
        while day > floor and not self.is_workday(day):
            day -= _DAY
        return day

    def at(self, day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
        """`day` at `hour`:`minute` in the writer's zone, as stored."""
        return _at(day, hour, self.zone, minute)


_DAY = datetime.timedelta(days=1)
