"""System checks of the case engine."""

from django.core import checks
from django.db import DatabaseError
from django.utils import timezone


@checks.register(checks.Tags.database)
def next_year_schedule(app_configs=None, databases=None, **kwargs):
    """From 1 October, next year's holiday schedule should be entered (the State Council
    publishes it around November; reference/statutes-lines.md §G). A database check: it runs
    with `migrate` and `fazhi check --database default`, not on every command."""
    if not databases:
        return []
    from cases.calendar import missing_next_year

    try:
        year = missing_next_year(timezone.localdate())
    except DatabaseError:  # tables not migrated yet
        return []
    if year is None:
        return []
    return [
        checks.Warning(
            f"The holiday schedule of {year} has not been entered: deadlines reaching {year} "
            "are provisional (暂定).",
            hint="Paste the State Council's notice at /calendar/enter/, or upgrade "
            "chinesecalendar and run `fazhi calendar sync`.",
            id="cases.W001",
        )
    ]
