"""How long the daily reminder sweep takes, against one SQL statement (issue 11, item 6).

`fazhi remind` recomputes the paused and provisional deadlines, reads every assignee's running
deadlines that are overdue or due soon, and writes one digest per person. It used to ask the
database twice per person; now it reads in a fixed number of queries (the clocks with their
assignees and whether today's digest went out, one query per case model for the case numbers,
the paused clocks and their pauses) and writes the digests with one bulk INSERT. This script
builds N people and M open disputes with clocks, due dates spread over two months around
today (a share of them paused), and measures:

- reference: one raw SQL statement selecting the same (recipient, clock) pairs with the case
  number and due date — the least any sweep has to read;
- the read alone (`cases.selectors.reminder_digests`);
- `fazhi remind --dry-run` (recompute and read, write nothing);
- `fazhi remind` (the full sweep: recompute, read, one digest per person).

Each figure is the median of --runs runs, with the number of SQL queries it issued and its
ratio to the reference measured in the same run. Before each run of the full sweep the day's
digests are deleted and the paused clocks' due dates made stale, so every run does the day's
whole work. It also checks that the sweep and the reference select the same pairs.

The data go into a throwaway database: a SQLite file in a temporary FAZHI_DATA_DIR, or, when
DATABASE_URL is set, a test database Django creates next to it (test_<name>) and drops at the
end; the database DATABASE_URL names is not written to.

Usage:  .venv/bin/python benchmarks/remind_sweep.py [--people 1000] [--cases 10000] [--runs 3]
        [--paused 0.02] [--email]
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._scratch import scratch_database


def timed(function, runs: int, before=None) -> tuple[float, int]:
    """Median seconds of `runs` calls, and the queries the last one issued."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(runs):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
        queries = len(captured)
    return statistics.median(times), queries


def build(people: int, cases: int, paused: float, today: datetime.date) -> None:
    """N mediators of one committee, M accepted disputes each with its running clock."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import Clock, ClockPause, ClockState
    from cases.process import registry
    from core.models import Membership, Organization, OrganizationKind, Region, User
    from core.regions_import import DEFAULT_FILE, import_regions
    from core.roles import Role
    from mediation.models import Dispute
    from mediation.services import dispute_register

    if not Region.objects.filter(code="440105001000").exists():
        import_regions([DEFAULT_FILE])
    committee = Organization.objects.create(
        name="赤岗街道人民调解委员会（基准测试）",
        short_name="穗海赤调",
        kind=OrganizationKind.MEDIATION_COMMITTEE,
        region_id="440105001000",
    )
    users = User.objects.bulk_create(
        [
            User(username=f"bench_mediator{n}", full_name=f"调解员{n}", email=f"m{n}@example.org")
            for n in range(people)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organization=committee, role=Role.MEDIATOR) for u in users]
    )
    template = dispute_register(
        actor=users[0],
        organization=committee,
        data={
            "title": "邻里漏水纠纷",
            "facts": "楼上住户卫生间漏水，损坏楼下天花板，双方就维修费用发生争执。",
            "dispute_type": "neighbour",
            "amount": "3500",
        },
        parties=[
            {"side": "applicant", "name": "申请人", "phone": "13800138000"},
            {"side": "respondent", "name": "被申请人"},
        ],
    )
    fields = [f for f in Dispute._meta.concrete_fields if not f.primary_key]
    values = {f.attname: getattr(template, f.attname) for f in fields}
    rng = random.Random(11)
    disputes = []
    for n in range(cases):
        row = dict(values, number=f"穗海赤调〔2026〕{n + 1}号", assignee_id=users[n % people].pk)
        disputes.append(Dispute(**row))
    disputes = Dispute.objects.bulk_create(disputes, batch_size=1000)
    spec = next(c for c in registry.for_model(Dispute).clocks if c.sets_case_due)
    case_type = ContentType.objects.get_for_model(Dispute)
    clocks = []
    for dispute in disputes:
        due = today + datetime.timedelta(days=rng.randint(-30, 30))
        clocks.append(
            Clock(
                case_type=case_type,
                case_id=dispute.pk,
                region_code=dispute.region_code,
                organization_id=dispute.organization_id,
                key=spec.key,
                unit=spec.unit,
                length=spec.resolved_length(),
                started_on=due - datetime.timedelta(days=30),
                due_date=due,
                nominal_due=due,
                state=ClockState.PAUSED if rng.random() < paused else ClockState.RUNNING,
                assignee_id=dispute.assignee_id,
            )
        )
    clocks = Clock.objects.bulk_create(clocks, batch_size=1000)
    ClockPause.objects.bulk_create(
        [
            ClockPause(clock=c, start=today - datetime.timedelta(days=5), reason="bench")
            for c in clocks
            if c.state == ClockState.PAUSED
        ],
        batch_size=1000,
    )


def reference_sql(today: datetime.date):
    """One statement for the same (recipient, clock) pairs, with case number and due date."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from cases.models import Clock, ClockState
    from cases.selectors import window_keys
    from mediation.models import Dispute

    soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    keys = sorted(window_keys())
    not_window = f"AND c.key NOT IN ({', '.join(['%s'] * len(keys))})" if keys else ""
    sql = (
        f"SELECT c.assignee_id, c.id, c.due_date, d.number FROM {Clock._meta.db_table} c "
        f"JOIN {Dispute._meta.db_table} d ON d.id = c.case_id "
        f"WHERE c.case_type_id = %s AND c.state = %s AND c.assignee_id IS NOT NULL "
        f"AND c.due_date <= %s {not_window} ORDER BY c.assignee_id, c.due_date, c.id"
    )
    params = [ContentType.objects.get_for_model(Dispute).pk, ClockState.RUNNING, soon, *keys]
    return sql, params


def fetch(sql: str, params) -> list[tuple]:
    """The reference's rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--paused", type=float, default=0.02, help="share of clocks paused")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--email", action="store_true", help="mail the digests (in memory)")
    args = parser.parse_args()
    with scratch_database("remind"):
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.utils import timezone

        from cases.clocks import local_today
        from cases.models import Clock, ClockState, Notification
        from cases.selectors import reminder_digests

        if args.email:
            settings.FAZHI_NOTIFY_EMAIL = True
            settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        started = time.perf_counter()
        today = local_today()
        build(args.people, args.cases, args.paused, today)
        print(
            f"{connection.vendor}: {args.people} people, {args.cases} open disputes, "
            f"{args.paused:.0%} of clocks paused; built in {time.perf_counter() - started:.1f} s; "
            f"median of {args.runs} runs"
        )
        sql, params = reference_sql(today)
        since = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))

        def reference():
            return fetch(sql, params)

        def read():
            return reminder_digests(today, sent_since=since)

        def sweep(*options):
            call_command("remind", *options, stdout=StringIO(), stderr=StringIO())

        def fresh_day():
            Notification.objects.filter(kind="digest").delete()
            Clock.objects.filter(state=ClockState.PAUSED).update(due_date=None)

        pairs = [(row[0], row[1]) for row in reference()]
        digests = read()
        same = pairs == [(d.user.pk, c.pk) for d in digests for c in d.clocks]
        ref_seconds, ref_queries = timed(reference, args.runs)
        rows = [
            ("reference: one SQL statement, same pairs", ref_seconds, ref_queries),
            ("the read (selectors.reminder_digests)", *timed(read, args.runs)),
            ("fazhi remind --dry-run", *timed(lambda: sweep("--dry-run"), args.runs, fresh_day)),
            (
                "fazhi remind" + (" (with e-mail)" if args.email else ""),
                *timed(sweep, args.runs, fresh_day),
            ),
        ]
        sent = Notification.objects.filter(kind="digest").count()
        print(
            f"{len(pairs)} deadlines listed for {len(digests)} people; {sent} digests written; "
            f"same pairs as the reference: {'yes' if same else 'NO'}"
        )
        print(f"{'case':<44}{'queries':>9}{'seconds':>10}{'× reference':>14}")
        for label, seconds, queries in rows:
            print(f"{label:<44}{queries:>9}{seconds:>10.3f}{seconds / ref_seconds:>14.2f}")
        if not same or sent != len(digests):
            raise SystemExit("the sweep does not list what the reference selects")


if __name__ == "__main__":
    main()
