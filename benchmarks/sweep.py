"""The daily reminder sweep (`fazhi remind`) against one SQL statement, for `fazhi bench`.

Inside a transaction that is rolled back at the end (the prepared world is left as it was):
N mediators (1,000; 200 with --quick) of one committee and M open disputes (10,000; 2,000)
with running deadlines spread over two months around today, 2% paused
(benchmarks/remind_sweep.py builds them and documents the figures). Figures: the whole sweep
(recompute the paused deadlines, read, one digest per person) and the read alone, each against
the reference measured in the same run, one SQL statement selecting the same (person, deadline)
pairs; target: the sweep in 0.2 s at the full size. A verification checks the sweep lists what
the reference selects.
"""

from __future__ import annotations

import datetime
from io import StringIO

from django.utils.translation import gettext_lazy as _

from benchmarks.common import Context, Result, median, timings

TITLE = _("the reminder sweep against one SQL statement")


class _Rollback(Exception):
    pass


def run(context: Context) -> list[Result]:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from benchmarks.remind_sweep import build, fetch, reference_sql
    from cases.clocks import local_today
    from cases.models import Clock, ClockState, Notification
    from cases.selectors import reminder_digests

    people, cases = (200, 2_000) if context.quick else (1_000, 10_000)
    runs = max(3, context.runs // 4)
    results: list[Result] = []
    try:
        with transaction.atomic():
            today = local_today()
            build(people, cases, 0.02, today)
            sql, params = reference_sql(today)
            since = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))

            def reference():
                return fetch(sql, params)

            def sweep():
                Notification.objects.filter(kind="digest", created_at__gte=since).delete()
                Clock.objects.filter(state=ClockState.PAUSED).update(due_date=None)
                started = timezone.now()
                call_command("remind", stdout=StringIO(), stderr=StringIO())
                return started

            # The same pairs as the reference: the bench's people only (the world has its own).
            pairs = [(r[0], r[1]) for r in reference()]
            digests = reminder_digests(today, sent_since=since)
            listed = [(d.user.pk, c.pk) for d in digests for c in d.clocks]
            ref = timings(reference, runs)
            read = timings(lambda: reminder_digests(today, sent_since=since), runs)
            whole = timings(sweep, runs)
            note = _("%(people)s people, %(cases)s open disputes, %(vendor)s") % {
                "people": people, "cases": cases, "vendor": connection.vendor}  # fmt: skip
            results += [
                Result(_("reminder sweep: the read"), median(read), "s",
                       _("one SQL statement"), median(ref), note=note),
                Result(_("reminder sweep: fazhi remind"), median(whole), "s",
                       _("one SQL statement"), median(ref),
                       target=None if context.quick else 0.2, absolute=True, note=note),
                Result(_("reminder sweep lists what the reference selects (differences)"),
                       len(set(pairs) ^ set(listed)), "", "", 0, target=0, absolute=True,
                       verification=True),
            ]  # fmt: skip
            raise _Rollback
    except _Rollback:
        pass
    return results
