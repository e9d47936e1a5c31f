"""The daily jobs a business line adds to `fazhi remind` (cases/management/commands/remind.py),
beyond the clocks' digests: e.g. normative documents whose evaluation before expiry is due.
A job is called with the day and whether it is a dry run, and answers how many notices it sent
(none on a dry run); it must send each notice once however often it runs on a day."""

from __future__ import annotations

import datetime
from collections.abc import Callable

_JOBS: list[tuple[str, Callable[[datetime.date, bool], int]]] = []


def register(name: str, job: Callable[[datetime.date, bool], int]) -> None:
    """Add `job` under `name` (a short English label for the command's output)."""
    if all(existing != name for existing, _job in _JOBS):
        _JOBS.append((name, job))


def run(today: datetime.date, dry_run: bool = False) -> list[tuple[str, int]]:
    """Run every registered job for `today`: (name, notices sent) each."""
    return [(name, job(today, dry_run)) for name, job in _JOBS]
