"""The city's figure set and `--by-child`: per indicator, grouped, and one SQL statement (issue 11).

Every figure `fazhi indicators` prints used to run its own queries: one COUNT or SUM per
numerator and denominator, again for the same span a year earlier, and again for every child
region with `--by-child`. Declared indicators (indicators.registry.Measure) are now computed by
indicators.grouped: one query per model for the whole figure set and both spans, and one
GROUP BY over the region-code prefix for all children. This script builds the demo world and
measures, for the city (4401) and a year:

- reference: one hand-written SQL statement computing the same numerators and denominators
  (a CASE per measure and span; a UNION ALL over the five tables; for the children, each part
  grouped by the region-code prefix) — the least any implementation has to ask;
- the per-indicator path (`Indicator.compute_single`, as `compute` worked before);
- the grouped path (`indicators.compute.compute` and `compute_many`).

Each figure is the median of --runs runs, with the SQL queries it issued and its ratio to the
reference of its row group, measured in the same run. The script also checks that the three
give the same counts.

The data go into a throwaway database: a SQLite file in a temporary FAZHI_DATA_DIR, or, when
DATABASE_URL is set, a database created next to it (test_<name>_bench_indicators) and dropped
at the end; the database DATABASE_URL names is not written to.

Usage:  .venv/bin/python benchmarks/indicators.py [--scale small] [--seed 2026] [--runs 5]
        [--year YYYY]
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._scratch import scratch_database

CITY = "4401"


def timed(function, runs: int) -> tuple[float, int, object]:
    """Median seconds of `runs` calls, the queries the last one issued, and its result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - started)
    return statistics.median(times), len(captured), result


def reference_statement(prefix: str, periods, child_length: int | None):
    """(sql, params, names): one statement giving, per table (and per child when
    `child_length`), the numerators and denominators of the whole figure set for each period.
    Rows are (table, child, v0, v1, …), padded with zeros to the widest table."""
    from django.db import connection

    from cases.models import Clock, ClockState
    from cases.selectors import window_keys
    from core.models import Organization, OrganizationKind
    from mediation.models import Committee, Dispute, Mediator, Screening

    ops = connection.ops
    ts, day = ops.adapt_datetimefield_value, ops.adapt_datefield_value
    parts = []  # (table alias, FROM clause, region column, [(name, expression, params)])
    dispute = []
    for n, period in enumerate(periods):
        s, e = ts(period.start_at), ts(period.end_before)
        a, b = day(period.start), day(period.end)
        received = ("received_at >= %s AND received_at < %s", [s, e])
        concluded = (
            "outcome IN ('succeeded', 'failed', 'terminated') "
            "AND closed_at >= %s AND closed_at < %s",
            [s, e],
        )
        for name, (cond, params), value in (
            ("received", received, "1"),
            ("concluded", concluded, "1"),
            ("succeeded", (concluded[0] + " AND outcome = 'succeeded'", [s, e]), "1"),
            ("online", (received[0] + " AND channel = 'online'", [s, e]), "1"),
            ("mass", (received[0] + " AND is_mass = %s", [s, e, True]), "1"),
            ("amount", received, "amount"),
            (
                "confirmations",
                ("confirmation_result = 'valid' AND confirmation_ruled_on BETWEEN %s AND %s",
                 [a, b]),
                "1",
            ),
        ):  # fmt: skip
            agg = "SUM" if value != "1" else "COUNT"
            dispute.append((f"{name}@{n}", f"{agg}(CASE WHEN {cond} THEN {value} END)", params))
    parts.append(("dispute", Dispute._meta.db_table, "region_code", dispute))

    def standing(since, until, active, end):
        return (
            f"({since} IS NULL OR {since} <= %s) AND ({until} IS NULL OR {until} > %s) "
            f"AND ({until} IS NOT NULL OR {active} = %s)",
            [day(end), day(end), True],
        )

    org = Organization._meta.db_table
    kinds = (OrganizationKind.MEDIATION_COMMITTEE, OrganizationKind.MEDIATION_STUDIO)
    committees, mediators, screenings = [], [], []
    for n, period in enumerate(periods):
        cond, params = standing("o.established_on", "o.dissolved_on", "o.is_active", period.end)
        committees.append((f"committees@{n}", f"COUNT(CASE WHEN {cond} AND o.kind IN (%s, %s) "
                           "THEN 1 END)", [*params, *kinds]))  # fmt: skip
        cond, params = standing("joined_on", "left_on", "is_active", period.end)
        mediators.append((f"mediators@{n}", f"COUNT(CASE WHEN {cond} THEN 1 END)", params))
        screenings.append((f"screenings@{n}", "COUNT(CASE WHEN held_on BETWEEN %s AND %s "
                           "THEN 1 END)", [day(period.start), day(period.end)]))  # fmt: skip
    parts.append(("committee", f"{Committee._meta.db_table} t JOIN {org} o ON o.id = "
                  "t.organization_id", "t.region_code", committees))  # fmt: skip
    parts.append(("mediator", Mediator._meta.db_table, "region_code", mediators))
    parts.append(("screening", Screening._meta.db_table, "region_code", screenings))
    from django.conf import settings

    from cases.clocks import local_today

    today = local_today()
    soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    windows = sorted(window_keys()) or [""]
    running = f"state = %s AND key NOT IN ({', '.join(['%s'] * len(windows))})"
    running_params = [ClockState.RUNNING, *windows]
    parts.append(("clock", Clock._meta.db_table, "region_code", [
        ("running", f"COUNT(CASE WHEN {running} THEN 1 END)", running_params),
        ("due_soon", f"COUNT(CASE WHEN {running} AND due_date BETWEEN %s AND %s THEN 1 END)",
         [*running_params, day(today), day(soon)]),
        ("overdue", f"COUNT(CASE WHEN {running} AND due_date < %s THEN 1 END)",
         [*running_params, day(today)]),
    ]))  # fmt: skip
    width = max(len(columns) for *_rest, columns in parts)
    selects, params, names = [], [], {}
    for table, source, region, columns in parts:
        child = f"SUBSTR({region}, 1, {child_length})" if child_length else "''"
        values = [expr for _name, expr, _params in columns]
        values += ["0"] * (width - len(values))
        select = f"SELECT '{table}', {child}, {', '.join(values)} FROM {source} "
        select += f"WHERE {region} >= %s AND {region} < %s"
        if child_length:
            select += f" GROUP BY {child}"
        selects.append(select)
        for _name, _expr, p in columns:
            params += p
        params += [prefix, prefix + ":"]
        names[table] = [name for name, _expr, _params in columns]
    return " UNION ALL ".join(selects), params, names


def run_reference(sql, params, names) -> dict[str, dict[str, object]]:
    """{child: {measure@period: value}} from the reference statement."""
    from django.db import connection

    out: dict[str, dict[str, object]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for table, child, *values in cursor.fetchall():
            out.setdefault(child, {}).update(zip(names[table], values, strict=False))
    return out


def old_path(prefixes, period, indicators) -> dict:
    """The figure set as `compute` made it before grouping: per indicator, per part, per span,
    per region."""
    out = {}
    for prefix in prefixes:
        for i in indicators:
            now = i.compute_single(prefix, period)
            before = None if i.snapshot else i.compute_single(prefix, period.previous_year())
            out[prefix, i.key] = (now.value, before.value if before else None)
    return out


# Which reference column is each indicator's value (for the check that all three agree).
REFERENCE_OF = {
    "mediation.received": "received@0",
    "mediation.concluded": "concluded@0",
    "mediation.succeeded": "succeeded@0",
    "mediation.amount_involved": "amount@0",
    "mediation.judicial_confirmations": "confirmations@0",
    "mediation.mass_disputes": "mass@0",
    "mediation.screenings": "screenings@0",
    "mediation.committees": "committees@0",
    "mediation.mediators": "mediators@0",
    "cases.clocks_running": "running",
    "cases.clocks_due_soon": "due_soon",
    "cases.clocks_overdue": "overdue",
}


def _agree(reference: dict, grouped: dict) -> bool:
    """The reference's counts equal the grouped figures (amounts to the cent)."""
    for key, column in REFERENCE_OF.items():
        want = reference.get(column) or 0
        got = grouped[key]["value"] or 0
        if round(Decimal(str(want)), 2) != round(Decimal(str(got)), 2):
            print(f"  differs: {key}: reference {want}, grouped {got}")
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="small", choices=["small", "city"])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, help="default: the last whole year")
    args = parser.parse_args()
    with scratch_database("indicators"):
        from django.db import connection
        from django.utils import timezone

        from core import demo
        from core.models import Region
        from indicators.compute import compute, compute_many
        from indicators.registry import Period, registry
        from mediation.models import Dispute

        started = time.perf_counter()
        demo.build(seed=args.seed, scale=args.scale)
        year = args.year or timezone.localdate().year - 1
        period = Period.year(year).as_of()
        periods = [period, period.previous_year()]
        city = Region.objects.get(code=CITY.ljust(12, "0"))
        children = list(city.children.order_by("code"))
        prefixes = [child.prefix or child.code for child in children]
        lengths = {len(p) for p in prefixes}
        assert len(lengths) == 1, "the reference groups children of one depth"
        indicators = registry.all()
        print(
            f"{connection.vendor}: demo seed {args.seed}, scale {args.scale}, "
            f"{Dispute.objects.count()} disputes, built in {time.perf_counter() - started:.1f} s; "
            f"{len(indicators)} indicators for {period.label()} and the same span a year "
            f"earlier; city {CITY} and its {len(children)} children; median of {args.runs} runs"
        )
        city_sql = reference_statement(CITY, periods, None)
        child_sql = reference_statement(CITY, periods, lengths.pop())
        rows = []
        for group, reference, per_indicator, grouped in (
            (
                "city figure set",
                lambda: run_reference(*city_sql),
                lambda: old_path([CITY], period, indicators),
                lambda: compute(CITY, period),
            ),
            (
                "--by-child",
                lambda: run_reference(*child_sql),
                lambda: old_path(prefixes, period, indicators),
                lambda: compute_many(prefixes, period),
            ),
        ):
            ref = timed(reference, args.runs)
            old = timed(per_indicator, args.runs)
            new = timed(grouped, args.runs)
            rows.append((group, ref, old, new))
        ok = _agree(rows[0][1][2][""], rows[0][3][2])
        for prefix in prefixes:
            ok = ok and _agree(rows[1][1][2].get(prefix, {}), rows[1][3][2][prefix])
        old_city, new_city = rows[0][2][2], rows[0][3][2]
        ok = ok and all(
            (new_city[k]["value"], new_city[k]["previous"])
            == tuple(None if v is None else _json(v) for v in old_city[CITY, k])
            for k in new_city
        )
        print(f"same figures on all three paths: {'yes' if ok else 'NO'}")
        print(f"{'case':<52}{'queries':>9}{'seconds':>10}{'× reference':>14}")
        for group, ref, old, new in rows:
            for label, (seconds, queries, _result) in (
                (f"{group}: reference, one SQL statement", ref),
                (f"{group}: per indicator (before)", old),
                (f"{group}: grouped", new),
            ):
                print(f"{label:<52}{queries:>9}{seconds:>10.4f}{seconds / ref[0]:>14.2f}")
        if not ok:
            raise SystemExit("the paths do not give the same figures")


def _json(value):
    from indicators.compute import as_json_number

    return as_json_number(value)


if __name__ == "__main__":
    main()
