"""The dashboard and worklist pages: p50 and p95 in milliseconds (issue 11, item 7).

Requests go through Django's test Client in-process, with the whole middleware stack, the
context processors and the template, as the demo's users (logged in with force_login):

- the city leader (`gz_leader`): the dashboard of 广州 and of one district (海珠);
- a province leader (`gd_leader`), when the world has one (`--scale province`): the province;
- a mediator (`haizhu_mediator`) and a justice-office clerk (`haizhu_office`): "My work".

Each page is warmed up, then requested `max(20, runs)` times, alternating with the reference:
the same client's GET of the cheapest authenticated page (the password-change form: the same
middleware, session, context processors and base template, and no query of its own), so load
on the machine weighs on both alike. Each Result gives p50 or p95 in ms against the reference's;
the p95 results carry the issue's targets as absolute bounds (dashboard 200 ms, worklist 100
ms). The note gives the queries of one request and where its time went: inside the indicator
evaluation (indicators.grouped.evaluate, its SQL included: what monthly roll-ups speed up), in
the other SQL (breakdowns, deadline health, regions, session), and the rest (Python:
middleware, view, template), so what the page costs beyond its figures can be read off.

Logging in leaves a session row per user (removed at the end) and sets their last_login;
nothing a figure counts is written.

Run alone (development):

    .venv/bin/python benchmarks/pages.py                  # small demo in a scratch database
    DATABASE_URL=postgres://…/fazhi_pages_city .venv/bin/python benchmarks/pages.py --prepared
        # the database as it is (a demo world already built), read only
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

try:
    from benchmarks.common import Context, Result, median, percentile
except ImportError:  # run as a script from benchmarks/
    from common import Context, Result, median, percentile

TITLE = _("Dashboard and worklist pages")

DASHBOARD_TARGET_MS = 200.0
WORKLIST_TARGET_MS = 100.0
MIN_RUNS = 20
WARMUP = 3
REFERENCE_PATH = "/password/"
DISTRICT = "440105000000"  # 海珠区


@dataclass
class Page:
    label: object  # lazily translated
    username: str
    path: str
    target: float


# The targets are for the province and the city; the district is there to show how
# the page scales with the size of the jurisdiction.
PAGES = (
    Page(_("City dashboard"), "gz_leader", "/dashboard/", DASHBOARD_TARGET_MS),
    Page(_("District dashboard (Haizhu)"), "gz_leader", f"/dashboard/?region={DISTRICT}",
         DASHBOARD_TARGET_MS),
    Page(_("Province dashboard"), "gd_leader", "/dashboard/", DASHBOARD_TARGET_MS),
    Page(_("Worklist (mediator)"), "haizhu_mediator", "/worklist/", WORKLIST_TARGET_MS),
    Page(_("Worklist (justice office)"), "haizhu_office", "/worklist/", WORKLIST_TARGET_MS),
)  # fmt: skip


@dataclass
class Cost:
    """What one request of a page spent: its queries, the time inside the indicator evaluation
    (indicators.grouped.evaluate, its SQL included), the SQL outside it, and the whole."""

    queries: int
    figures_ms: float
    other_sql_ms: float
    total_ms: float

    @property
    def rest_ms(self) -> float:
        """Python outside the figures: middleware, view, template."""
        return self.total_ms - self.figures_ms - self.other_sql_ms


def run(context: Context) -> list[Result]:
    from django.test import Client

    from core.models import User

    runs = max(MIN_RUNS, context.runs)
    users = {u.username: u for u in User.objects.filter(username__in={p.username for p in PAGES})}
    clients: dict[str, Client] = {}
    results: list[Result] = []
    for page in PAGES:
        user = users.get(page.username)
        if user is None:
            continue  # e.g. no province leader below --scale province
        if page.username not in clients:
            client = Client(SERVER_NAME="localhost", raise_request_exception=True)
            with _quiet("axes"):  # it logs every login and logout at INFO
                client.force_login(user)
            clients[page.username] = client
        client = clients[page.username]
        for _i in range(WARMUP):
            _get(client, page.path)
            _get(client, REFERENCE_PATH)
        cost = measure_cost(client, page.path)
        reference_cost = measure_cost(client, REFERENCE_PATH)
        times, reference = [], []
        for _i in range(runs):
            times.append(_timed(client, page.path))
            reference.append(_timed(client, REFERENCE_PATH))
        note = str(
            _(
                "%(queries)d queries (reference %(reference)d); one request of %(total).0f ms: "
                "figures %(figures).0f ms, other SQL %(sql).0f ms, the rest %(rest).0f ms; "
                "%(runs)d runs"
            )
            % {
                "queries": cost.queries,
                "reference": reference_cost.queries,
                "total": cost.total_ms,
                "figures": cost.figures_ms,
                "sql": cost.other_sql_ms,
                "rest": cost.rest_ms,
                "runs": runs,
            }
        )
        reference_name = str(_("the password page, same client"))
        results.append(
            Result(
                name=str(_("%(page)s p50") % {"page": page.label}),
                value=median(times) * 1000,
                unit="ms",
                reference_name=reference_name,
                reference=median(reference) * 1000,
                note=note,
            )
        )
        results.append(
            Result(
                name=str(_("%(page)s p95") % {"page": page.label}),
                value=percentile(times, 95) * 1000,
                unit="ms",
                reference_name=reference_name,
                reference=percentile(reference, 95) * 1000,
                target=page.target,
                absolute=True,
                note=note,
            )
        )
    with _quiet("axes"):
        for client in clients.values():
            client.logout()  # its session row
    return results


@contextlib.contextmanager
def _quiet(logger: str):
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        log.setLevel(level)


def _get(client, path: str):
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status_code}")
    return response


def _timed(client, path: str) -> float:
    started = time.perf_counter()
    _get(client, path)
    return time.perf_counter() - started


def measure_cost(client, path: str) -> Cost:
    """One request of `path`: its queries, and where its time went."""
    from django.db import connection

    from indicators import grouped

    spent = {"sql": 0.0, "figures": 0.0}
    count = [0]
    depth = [0]

    def timed_sql(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            if not depth[0]:
                spent["sql"] += elapsed
            count[0] += 1

    original = grouped.evaluate

    def evaluate(*args, **kwargs):
        depth[0] += 1
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            if not depth[0]:
                spent["figures"] += time.perf_counter() - started

    # Wherever it was imported by name too (`from indicators.grouped import evaluate`).
    holders = [m for m in list(sys.modules.values()) if getattr(m, "evaluate", None) is original]
    for module in holders:
        module.evaluate = evaluate
    try:
        with connection.execute_wrapper(timed_sql):
            started = time.perf_counter()
            _get(client, path)
            total = time.perf_counter() - started
    finally:
        for module in holders:
            module.evaluate = original
    return Cost(count[0], spent["figures"] * 1000, spent["sql"] * 1000, total * 1000)


def _print(results: list[Result]) -> None:
    for r in results:
        target = ""
        if r.target is not None:
            target = f"  target ≤ {r.target:.0f} {r.unit}: {'met' if r.met else 'MISSED'}"
        print(
            f"{r.name:<36} {r.value:8.1f} {r.unit}   ref {r.reference:6.1f} {r.unit} "
            f"(×{r.ratio:.1f}){target}\n    {r.note}"
        )


def main() -> None:
    import argparse
    import os
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=MIN_RUNS)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--prepared",
        action="store_true",
        help="measure the configured database as it is (a demo world already built)",
    )
    args = parser.parse_args()
    context = Context(
        scale="small",
        quick=False,
        runs=args.runs,
        database_url=os.environ.get("DATABASE_URL", ""),
        data_dir=os.environ.get("FAZHI_DATA_DIR", ""),
    )
    if args.prepared:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        import django

        django.setup()
        _print(run(context))
        return
    from _scratch import scratch_database

    with scratch_database("pages"):
        from core import demo

        demo.build(seed=args.seed, scale="small")
        _print(run(context))


if __name__ == "__main__":
    main()
