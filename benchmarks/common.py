"""What every benchmark module gives `fazhi bench`: results with a reference measured in the
same run, and the context they run in.

A benchmark module under `benchmarks/` that `fazhi bench` runs defines

    TITLE = _("…")                       # what it measures, for the printed table
    def run(context: Context) -> list[Result]

It measures against the database the command prepared (`context.database_url`, the demo world
at `context.scale` already built and its roll-ups refreshed) and returns one Result per figure,
each with its reference measured in the same run on the same machine. It must not write to
the world in a way that changes another benchmark's figures (build its own rows and remove
them, or work on a copy).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Context:
    scale: str  # "small", "city" or "province"
    quick: bool  # fewer runs and rows: a few minutes in all
    runs: int  # timed repetitions per figure (the median or percentiles of these)
    database_url: str  # the prepared database ("" for SQLite: see data_dir)
    data_dir: str  # FAZHI_DATA_DIR of the prepared SQLite database, "" on PostgreSQL
    city: str = "4401"  # the city prefix the figures are computed for
    province: str = "44"
    extra: dict = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        """Environment for a child process (gunicorn, a worker) on the same database."""
        env = {"DJANGO_SETTINGS_MODULE": "fazhi.settings"}
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        if self.data_dir:
            env["FAZHI_DATA_DIR"] = self.data_dir
        return env


@dataclass
class Result:
    name: str  # the figure, as printed (translated)
    value: float
    unit: str  # "s", "ms", "req/s", "MB"
    reference_name: str
    reference: float
    # The target as a ratio against the reference: at most `target` (lower is better) or, with
    # higher_is_better, at least `target`; or an absolute bound in `unit` with absolute=True.
    target: float | None = None
    higher_is_better: bool = False
    absolute: bool = False
    note: str = ""
    # A correctness check rather than a speed figure (the load test's lost or duplicated
    # applications, a benchmark whose answer differs from its reference): when it is not met,
    # `fazhi bench` exits 1.
    verification: bool = False

    @property
    def ratio(self) -> float | None:
        return self.value / self.reference if self.reference else None

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        measured = self.value if self.absolute else self.ratio
        if measured is None:
            return None
        return measured >= self.target if self.higher_is_better else measured <= self.target


def timings(function: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Seconds of each of `runs` calls, after `warmup` calls not counted."""
    for _ in range(warmup):
        function()
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        out.append(time.perf_counter() - started)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]
