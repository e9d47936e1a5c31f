"""The annual report's indicator set against DuckDB over the same rows in Parquet (issue 11).

Fazhi computes a jurisdiction's whole figure set for a year and the same span a year earlier
(同比) with `indicators.compute.compute`, as `fazhi indicators`, the dashboard and the report
do: the closed months from the monthly roll-ups, the rest live (indicators.grouped). The
reference is DuckDB, in the same process, computing the same numerators and denominators with
one statement per table over the same rows exported to Parquet: the disputes, the screenings,
the committees (with their organisations' dates), the mediators and the running clocks.

Figures, for the last whole year and for the year to date (its open month live), at the
province (44), the city (4401) and a district (440105): Fazhi's median seconds, DuckDB's, the
ratio. Targets (issue 11): the city set ≤ 2× DuckDB at city scale, the province set ≤ 1× at
province scale; the year to date has no target. A last row checks that both give the same
numbers for every figure (a verification: `fazhi bench` exits 1 if not).

Alone: `.venv/bin/python benchmarks/figures.py [--runs 5]` builds the small demo in a scratch
database; use `fazhi bench --only figures --scale city|province` for the real scales.
"""

from __future__ import annotations

import csv
import datetime
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.utils.translation import gettext_lazy as _

from benchmarks.common import Context, Result, median, timings

TITLE = _("the indicator set against DuckDB over Parquet")

# (table, select list over the database's tables) — the rows the reference reads.
EXPORTS = {
    "dispute": (
        "SELECT region_code, received_at, closed_at, outcome, channel, is_mass, amount, "
        "confirmation_result, confirmation_ruled_on FROM mediation_dispute"
    ),
    "screening": "SELECT region_code, held_on FROM mediation_screening",
    "committee": (
        "SELECT t.region_code, o.established_on, o.dissolved_on, o.is_active, o.kind "
        "FROM mediation_committee t JOIN core_organization o ON o.id = t.organization_id"
    ),
    "mediator": "SELECT region_code, joined_on, left_on, is_active FROM mediation_mediator",
    "clock": "SELECT region_code, state, key, due_date FROM cases_clock WHERE state = 'running'",
}
TYPES = {
    "dispute": {"region_code": "VARCHAR", "received_at": "TIMESTAMP", "closed_at": "TIMESTAMP",
                "outcome": "VARCHAR", "channel": "VARCHAR", "is_mass": "BOOLEAN",
                "amount": "DECIMAL(14,2)", "confirmation_result": "VARCHAR",
                "confirmation_ruled_on": "DATE"},
    "screening": {"region_code": "VARCHAR", "held_on": "DATE"},
    "committee": {"region_code": "VARCHAR", "established_on": "DATE", "dissolved_on": "DATE",
                  "is_active": "BOOLEAN", "kind": "VARCHAR"},
    "mediator": {"region_code": "VARCHAR", "joined_on": "DATE", "left_on": "DATE",
                 "is_active": "BOOLEAN"},
    "clock": {"region_code": "VARCHAR", "state": "VARCHAR", "key": "VARCHAR",
              "due_date": "DATE"},
}  # fmt: skip
NULL = r"\N"


def export(directory: Path) -> dict[str, int]:
    """Write each table's rows to <directory>/<table>.parquet; {table: rows}."""
    import duckdb
    from django.db import connection

    counts = {}
    db = duckdb.connect()
    for table, select in EXPORTS.items():
        path = directory / f"{table}.csv"
        if connection.vendor == "postgresql":
            # Instants in UTC, as DuckDB's TIMESTAMP (naive) compares them.
            select = select.replace("received_at, closed_at",
                                    "received_at AT TIME ZONE 'UTC', closed_at AT TIME ZONE 'UTC'")  # fmt: skip
            with connection.cursor() as cursor, path.open("wb") as out:
                with cursor.cursor.copy(
                    f"COPY ({select}) TO STDOUT WITH (FORMAT csv, NULL '{NULL}')"
                ) as copy:
                    for chunk in copy:
                        out.write(chunk)
        else:
            with connection.cursor() as cursor, path.open("w", newline="") as out:
                writer = csv.writer(out)
                cursor.execute(select)
                while rows := cursor.fetchmany(50_000):
                    writer.writerows([NULL if v is None else _csv(v) for v in row] for row in rows)
        columns = ", ".join(f"'{name}': '{kind}'" for name, kind in TYPES[table].items())
        db.execute(
            f"COPY (SELECT * FROM read_csv('{path}', header=false, nullstr='{NULL}', "
            f"columns={{{columns}}})) TO '{directory / table}.parquet' (FORMAT parquet)"
        )
        counts[table] = db.execute(
            f"SELECT count(*) FROM '{directory / table}.parquet'"
        ).fetchone()[0]
        path.unlink()
    db.close()
    return counts


def _csv(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(sep=" ")
    return value


def _utc(instant: datetime.datetime) -> datetime.datetime:
    return instant.astimezone(datetime.UTC).replace(tzinfo=None)


def reference(db, directory: Path, prefix: str, periods, today: datetime.date) -> dict:
    """{name: value} for every numerator and denominator of the set, one statement per
    table (`name@n` for the n-th period), in DuckDB over the Parquet files."""
    from django.conf import settings

    from cases.selectors import window_keys
    from mediation.indicators import CONCLUDED

    concluded = ", ".join(f"'{o}'" for o in CONCLUDED)
    dispute, screening, committee, mediator = [], [], [], []
    for n, p in enumerate(periods):
        s, e = _utc(p.start_at).isoformat(sep=" "), _utc(p.end_before).isoformat(sep=" ")
        a, b = p.start.isoformat(), p.end.isoformat()
        received = f"received_at >= TIMESTAMP '{s}' AND received_at < TIMESTAMP '{e}'"
        closed = (f"outcome IN ({concluded}) AND closed_at >= TIMESTAMP '{s}' "
                  f"AND closed_at < TIMESTAMP '{e}'")  # fmt: skip
        dispute += [
            f"count(*) FILTER (WHERE {received}) AS received@{n}",
            f"count(*) FILTER (WHERE {closed}) AS concluded@{n}",
            f"count(*) FILTER (WHERE {closed} AND outcome = 'succeeded') AS succeeded@{n}",
            f"count(*) FILTER (WHERE {received} AND channel = 'online') AS online@{n}",
            f"count(*) FILTER (WHERE {received} AND is_mass) AS mass@{n}",
            f"coalesce(sum(amount) FILTER (WHERE {received}), 0) AS amount@{n}",
            f"count(*) FILTER (WHERE confirmation_result = 'valid' AND confirmation_ruled_on "
            f"BETWEEN DATE '{a}' AND DATE '{b}') AS confirmations@{n}",
        ]
        screening.append(
            f"count(*) FILTER (WHERE held_on BETWEEN DATE '{a}' AND DATE '{b}') AS screenings@{n}"
        )
        committee.append(
            f"count(*) FILTER (WHERE {_standing('established_on', 'dissolved_on', b)} "
            f"AND kind IN ('mediation_committee', 'mediation_studio')) AS committees@{n}"
        )
        mediator.append(
            f"count(*) FILTER (WHERE {_standing('joined_on', 'left_on', b)}) AS mediators@{n}"
        )
    soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    windows = ", ".join(f"'{k}'" for k in sorted(window_keys())) or "''"
    clock = [
        "count(*) AS running",
        f"count(*) FILTER (WHERE due_date BETWEEN DATE '{today}' AND DATE '{soon}') AS due_soon",
        f"count(*) FILTER (WHERE due_date < DATE '{today}') AS overdue",
    ]
    out = {}
    for table, columns, extra in (
        ("dispute", dispute, ""),
        ("screening", screening, ""),
        ("committee", committee, ""),
        ("mediator", mediator, ""),
        ("clock", clock, f" AND key NOT IN ({windows})"),
    ):
        sql = (
            f"SELECT {', '.join(_quoted(c) for c in columns)} FROM '{directory / table}.parquet' "
            f"WHERE starts_with(region_code, '{prefix}'){extra}"
        )
        cursor = db.execute(sql)
        names = [d[0] for d in cursor.description]
        out.update(zip(names, cursor.fetchone(), strict=True))
    return out


def _standing(since: str, until: str, day: str) -> str:
    return (
        f"({since} IS NULL OR {since} <= DATE '{day}') AND ({until} IS NULL OR {until} > "
        f"DATE '{day}') AND ({until} IS NOT NULL OR is_active)"
    )


def _quoted(column: str) -> str:
    expression, name = column.rsplit(" AS ", 1)
    return f'{expression} AS "{name}"'


# Which reference value is each figure's (value, previous), or (numerator, denominator).
SAME = {
    "mediation.received": ("received@0", "received@1"),
    "mediation.concluded": ("concluded@0", "concluded@1"),
    "mediation.succeeded": ("succeeded@0", "succeeded@1"),
    "mediation.amount_involved": ("amount@0", "amount@1"),
    "mediation.judicial_confirmations": ("confirmations@0", "confirmations@1"),
    "mediation.mass_disputes": ("mass@0", "mass@1"),
    "mediation.screenings": ("screenings@0", "screenings@1"),
    "mediation.committees": ("committees@0", "committees@1"),
    "mediation.mediators": ("mediators@0", "mediators@1"),
    "cases.clocks_running": ("running", None),
    "cases.clocks_due_soon": ("due_soon", None),
    "cases.clocks_overdue": ("overdue", None),
}
RATIOS = {
    "mediation.success_rate": ("succeeded@0", "concluded@0"),
    "mediation.online_share": ("online@0", "received@0"),
}


def differences(figures: dict, ref: dict) -> list[str]:
    """The figures that differ from the reference (amounts to the cent)."""

    def same(a, b):
        return round(Decimal(str(a or 0)), 2) == round(Decimal(str(b or 0)), 2)

    out = []
    for key, (now, before) in SAME.items():
        if key not in figures:
            continue
        if not same(figures[key]["value"], ref[now]):
            out.append(f"{key}: {figures[key]['value']} ≠ {ref[now]}")
        if before and not same(figures[key]["previous"], ref[before]):
            out.append(f"{key} (同比): {figures[key]['previous']} ≠ {ref[before]}")
    for key, (numerator, denominator) in RATIOS.items():
        got = (figures[key]["numerator"], figures[key]["denominator"])
        if not (same(got[0], ref[numerator]) and same(got[1], ref[denominator])):
            out.append(f"{key}: {got} ≠ {(ref[numerator], ref[denominator])}")
    return out


def run(context: Context) -> list[Result]:
    import duckdb
    from django.db import connection

    from cases.clocks import local_today
    from indicators.compute import compute
    from indicators.registry import Period
    from mediation.models import Dispute

    today = local_today()
    year = Period.year(today.year - 1)
    to_date = Period.year(today.year).as_of(today)
    scopes = [(_("province"), context.province), (_("city"), context.city),
              (_("district"), context.city + "05")]  # fmt: skip
    targets = {("city", "city"): 2.0, ("province", "province"): 1.0}
    results, wrong = [], []
    with tempfile.TemporaryDirectory(prefix="fazhi-duckdb-") as scratch:
        directory = Path(scratch)
        counts = export(directory)
        db = duckdb.connect()
        rows = Dispute.objects.count()
        for label, period in ((_("year %(y)s") % {"y": year.start.year}, year),
                              (_("year to date"), to_date)):  # fmt: skip
            periods = [period, period.previous_year()]
            for (scope, prefix), level in zip(scopes, ("province", "city", "district"),
                                              strict=True):  # fmt: skip
                ours = timings(lambda p=prefix, q=period: compute(p, q), context.runs)
                theirs = timings(
                    lambda p=prefix, ps=periods: reference(db, directory, p, ps, today),
                    context.runs,
                )
                wrong += [f"{prefix} {period.label()}: {d}" for d in
                          differences(compute(prefix, period),
                                      reference(db, directory, prefix, periods, today))]  # fmt: skip
                target = targets.get((level, context.scale)) if period is year else None
                results.append(Result(
                    name=_("indicator set, %(scope)s %(prefix)s, %(period)s")
                    % {"scope": scope, "prefix": prefix, "period": label},
                    value=median(ours), unit="s",
                    reference_name=_("DuckDB"), reference=median(theirs), target=target,
                    note=_("%(rows)s disputes, %(vendor)s; DuckDB %(version)s over Parquet, "
                           "%(threads)s threads")
                    % {"rows": rows, "vendor": connection.vendor, "version": duckdb.__version__,
                       "threads": db.execute("SELECT current_setting('threads')").fetchone()[0]},
                ))  # fmt: skip
        db.close()
    results.append(Result(
        name=_("figures equal to the reference (differences)"), value=len(wrong), unit="",
        reference_name="", reference=0, target=0, absolute=True, verification=True,
        note="; ".join(wrong[:5]) or _("all %(n)s tables agree") % {"n": len(counts)},
    ))  # fmt: skip
    return results


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from benchmarks._scratch import scratch_database

    with scratch_database("figures"):
        from django.core.management import call_command

        from core import demo

        demo.build(scale="small")
        call_command("rollups", "refresh", verbosity=0)
        for r in run(Context("small", True, args.runs, "", "")):
            ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
            print(f"{r.name}: {r.value:.4f} {r.unit} / {r.reference:.4f} {ratio} {r.note}")


if __name__ == "__main__":
    main()
