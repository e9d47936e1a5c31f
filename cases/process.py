"""Declared processes: the states, transitions and clocks of a business line, as data.

A business line writes its process in its own `process.py` next to the statute it implements
and registers it here. The engine (`cases.engine`) is the only code that moves a case from one
state to another, and it does so only along a declared transition.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

#: The pseudo-transition under which a case is registered (its first event); clocks can start
#: on it like on any other transition.
REGISTER = "register"


@dataclass(frozen=True)
class State:
    name: str
    label: Any
    final: bool = False
    tone: str = "secondary"  # Bootstrap colour of the state badge


@dataclass
class Context:
    """What an effect or a guard gets besides the case and the cleaned data."""

    actor: Any
    on_date: datetime.date
    now: datetime.datetime
    transition: Transition


# A guard returns None when the transition may proceed, else the reason (a translated string),
# naming the field it concerns when it has one: ("field", "reason") or just "reason".
Guard = Callable[[Any, dict, Context], "str | tuple[str, str] | None"]
Effect = Callable[[Any, dict, Context], None]


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    source: tuple[str, ...]
    target: str | None  # None: the case stays in its state (a recorded step, e.g. a session)
    roles: frozenset[str]
    form: type | None = None  # a Django form; its required fields are the transition's
    guards: tuple[Guard, ...] = ()
    effect: Effect | None = None
    stamps: tuple[str, ...] = ()  # case datetime fields set to the transition's time
    outcome: str | None = None
    date_field: str | None = None  # cleaned field holding the effective date (default today)
    extends: str | None = None  # clock key extended by the cleaned field "extension"
    tone: str = "primary"
    article: str = ""  # the statute article the transition implements
    # The state reached when it depends on the case (an objection upheld restores the state a
    # termination ended), asked of the case as it stands before the effect; `target` is then
    # the usual one, shown where a single state is named.
    target_for: Callable[[Any], str] | None = None
    # Whether the step is offered on this case at all (buttons, API actions); its guards still
    # say why when it is fired anyway.
    offered_if: Callable[[Any], bool] | None = None

    def allows_role(self, roles: set[str]) -> bool:
        return bool(self.roles & roles)


@dataclass(frozen=True)
class ClockSpec:
    """A statutory period. `length` and `extend_max` may be callables reading settings, for
    periods that the reference marks as configurable (❓)."""

    key: str
    label: Any
    length: int | Callable[[], int]
    unit: str  # "days", "working_days" or "months" (cases.models.ClockUnit)
    start_on: tuple[str, ...]
    stop_on: tuple[str, ...]
    pause_on: tuple[str, ...] = ()
    resume_on: tuple[str, ...] = ()
    start_field: str | None = None  # case date field that starts the clock instead of the event
    start_if: Callable[[Any], bool] | None = None  # start only for cases that pass this test
    extend_max: int | Callable[[], int] = 0
    # False for a window open to the parties (e.g. 30 days to apply for judicial confirmation):
    # not a staff deadline, kept out of worklists and reminders; once passed it is "closed".
    sets_case_due: bool = True
    # A transition the system fires once the period has passed with the clock still running
    # (`fazhi remind`, cases.clocks.fire_lapsed): e.g. an application deemed accepted when the
    # acceptance review ends without a decision (Reconsideration Law Art. 30 ¶3).
    lapse: str | None = None
    article: str = ""

    def resolved_length(self) -> int:
        return self.length() if callable(self.length) else self.length

    def resolved_extend_max(self) -> int:
        return self.extend_max() if callable(self.extend_max) else self.extend_max


@dataclass
class Process:
    key: str
    label: Any
    model: str  # "app_label.ModelName"
    states: tuple[State, ...]
    initial: str
    transitions: tuple[Transition, ...]
    clocks: tuple[ClockSpec, ...] = ()
    number_series: str = ""
    number_pattern: str = "（{year}）{abbr}字第{seq:04d}号"
    # The state a new case starts in, when it depends on the case (a legal-aid case notified
    # by a court is aided from receipt); `initial` otherwise.
    initial_for: Callable[[Any], str] | None = None
    _states: dict[str, State] = field(default_factory=dict, init=False, repr=False)
    _transitions: dict[str, Transition] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._states = {s.name: s for s in self.states}
        self._transitions = {t.name: t for t in self.transitions}
        problems = []
        if self.initial not in self._states:
            problems.append(f"initial state {self.initial!r} is not declared")
        for t in self.transitions:
            for name in (*t.source, *([t.target] if t.target else [])):
                if name not in self._states:
                    problems.append(f"transition {t.name!r} names unknown state {name!r}")
            if t.name == REGISTER:
                problems.append(f"{REGISTER!r} is reserved for registration")
        names = set(self._transitions) | {REGISTER}
        for c in self.clocks:
            for name in (*c.start_on, *c.stop_on, *c.pause_on, *c.resume_on,
                         *([c.lapse] if c.lapse else [])):  # fmt: skip
                if name not in names:
                    problems.append(f"clock {c.key!r} names unknown transition {name!r}")
        if problems:
            raise ValueError(f"process {self.key}: " + "; ".join(problems))

    def state(self, name: str) -> State:
        return self._states.get(name) or State(name, name)

    def transition(self, name: str) -> Transition | None:
        return self._transitions.get(name)

    def clock(self, key: str) -> ClockSpec | None:
        return next((c for c in self.clocks if c.key == key), None)

    @property
    def final_states(self) -> set[str]:
        return {s.name for s in self.states if s.final}


class Registry:
    def __init__(self) -> None:
        self._by_model: dict[str, Process] = {}

    def register(self, process: Process) -> Process:
        self._by_model[process.model.lower()] = process
        return process

    def for_model(self, model) -> Process:
        label = model._meta.label_lower if hasattr(model, "_meta") else str(model).lower()
        try:
            return self._by_model[label]
        except KeyError:
            raise LookupError(f"no process registered for {label}") from None

    def models(self) -> list:
        from django.apps import apps

        return [apps.get_model(label) for label in self._by_model]

    def processes(self) -> list[Process]:
        return list(self._by_model.values())


registry = Registry()


def roles_label(roles) -> str:
    from core.roles import Role

    return "、".join(str(Role(r).label) for r in sorted(roles))


__all__ = ["REGISTER", "ClockSpec", "Context", "Process", "State", "Transition", "_", "registry"]
