"""The grouped path (indicators.grouped) gives every figure the per-indicator path gave, for
every registered indicator, jurisdiction and period, in a constant number of queries.

The data are varied on purpose: instants on and around the periods' local boundaries (and on
the UTC side of them), every outcome, channel and confirmation result, sums with cents, rows
in a district's own code (counted for the district, for none of its streets) and outside the
city, registers established, dissolved or switched off on either side of a period's end, and
running clocks due on every side of today."""

from __future__ import annotations

import datetime
import json
import random
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from cases.models import Clock, ClockState
from conftest import frozen_today
from core.models import Organization, OrganizationKind, Region
from core.regions import within
from indicators import dashboard
from indicators.compute import compute, compute_many
from indicators.deadlines import by_line
from indicators.grouped import evaluate, with_previous
from indicators.registry import Figure, Period, registry
from mediation.choices import CommitteeKind, ConfirmationResult, Outcome
from mediation.models import Committee, Dispute, Mediator, Screening
from mediation.tests.factories import make_dispute


def _ours():
    """The indicators this module's data and oracles cover: mediation's and the case engine's
    (every other line has its own tests; their figures over these data are all zero)."""
    return [i for i in registry.all() if i.key.split(".")[0] in ("mediation", "cases")]


KEYS = [i.key for i in _ours()]

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
CONCLUDED = (Outcome.SUCCEEDED, Outcome.FAILED, Outcome.TERMINATED)
PREFIXES = ("44", "4401", "440105", "440111", "440105001", "440111004")


def _periods() -> list[Period]:
    year = Period.year(2025)
    return [
        year,
        Period.quarter(2025, 2),
        Period.month(2025, 2),
        year.previous_year(),
        Period.month(2024, 2),  # 29 days
        Period(datetime.date(2024, 12, 31), datetime.date(2025, 1, 1)),  # across the new year
        Period.year(frozen_today().year).as_of(frozen_today()),  # a year not yet over
    ]


# The definitions as they stood before grouping (one query per figure part), kept verbatim
# as the oracle the grouped path must equal.
def _in(prefix):
    return Dispute.objects.filter(within("region_code", prefix))


def _received(prefix, period):
    return _in(prefix).filter(received_at__gte=period.start_at, received_at__lt=period.end_before)


def _concluded(prefix, period):
    return _in(prefix).filter(
        outcome__in=CONCLUDED, closed_at__gte=period.start_at, closed_at__lt=period.end_before
    )


def _succeeded(prefix, period):
    return _concluded(prefix, period).filter(outcome=Outcome.SUCCEEDED)


def _confirmations(prefix, period):
    return _in(prefix).filter(
        confirmation_result=ConfirmationResult.VALID,
        confirmation_ruled_on__gte=period.start,
        confirmation_ruled_on__lte=period.end,
    )


def _committees(prefix, period):
    from indicators.registry import standing_on

    return Committee.objects.filter(
        within("region_code", prefix),
        standing_on(period.end, since="organization__established_on",
                    until="organization__dissolved_on", active="organization__is_active"),
        organization__kind__in=[OrganizationKind.MEDIATION_COMMITTEE,
                                OrganizationKind.MEDIATION_STUDIO],
    )  # fmt: skip


def _mediators(prefix, period):
    from indicators.registry import standing_on

    return Mediator.objects.filter(
        within("region_code", prefix),
        standing_on(period.end, since="joined_on", until="left_on", active="is_active"),
    )


def _clocks(column):
    return lambda prefix, period: (sum(row[column] for row in by_line(prefix)), None)


OLD = {
    "mediation.received": lambda x, p: (_received(x, p).count(), None),
    "mediation.concluded": lambda x, p: (_concluded(x, p).count(), None),
    "mediation.succeeded": lambda x, p: (_succeeded(x, p).count(), None),
    "mediation.success_rate": lambda x, p: (_succeeded(x, p).count(), _concluded(x, p).count()),
    "mediation.amount_involved": lambda x, p: (
        _received(x, p).aggregate(s=Sum("amount"))["s"] or 0,
        None,
    ),
    "mediation.online_share": lambda x, p: (
        _received(x, p).filter(channel="online").count(),
        _received(x, p).count(),
    ),
    "mediation.judicial_confirmations": lambda x, p: (_confirmations(x, p).count(), None),
    "mediation.mass_disputes": lambda x, p: (_received(x, p).filter(is_mass=True).count(), None),
    "mediation.screenings": lambda x, p: (
        Screening.objects.filter(
            within("region_code", x), held_on__gte=p.start, held_on__lte=p.end
        ).count(),
        None,
    ),
    "mediation.committees": lambda x, p: (_committees(x, p).count(), None),
    "mediation.mediators": lambda x, p: (_mediators(x, p).count(), None),
    "cases.clocks_running": _clocks("running"),
    "cases.clocks_due_soon": _clocks("due_soon"),
    "cases.clocks_overdue": _clocks("overdue"),
}


def _old(indicator, prefix, period) -> Figure:
    numerator, denominator = OLD[indicator.key](prefix, period)
    return Figure.of(indicator, numerator, denominator)


def _same(a: Figure, b: Figure) -> bool:
    return (a.value, a.numerator, a.denominator) == (b.value, b.numerator, b.denominator)


def _instants(rng: random.Random) -> list[datetime.datetime]:
    """Local instants on, just before and just after the periods' edges, and at random."""
    edges = []
    for day in (datetime.date(2024, 1, 1), datetime.date(2024, 2, 1), datetime.date(2024, 3, 1),
                datetime.date(2025, 1, 1), datetime.date(2025, 2, 1), datetime.date(2025, 3, 1),
                datetime.date(2025, 4, 1), datetime.date(2025, 7, 1), datetime.date(2026, 1, 1),
                datetime.date(2024, 12, 31), datetime.date(2025, 1, 2)):  # fmt: skip
        midnight = datetime.datetime.combine(day, datetime.time.min, tzinfo=TZ)
        edges += [
            midnight,
            midnight - datetime.timedelta(microseconds=1),
            midnight + datetime.timedelta(hours=7, minutes=59),
        ]  # still the UTC day before
    start = datetime.datetime(2023, 10, 1, tzinfo=TZ)
    span = (datetime.datetime(2026, 6, 1, tzinfo=TZ) - start).total_seconds()
    edges += [start + datetime.timedelta(seconds=rng.random() * span) for _ in range(60)]
    return edges


def _days(rng: random.Random) -> list[datetime.date]:
    fixed = [datetime.date(2024, 12, 31), datetime.date(2025, 1, 1), datetime.date(2025, 2, 28),
             datetime.date(2025, 3, 1), datetime.date(2025, 3, 31), datetime.date(2025, 6, 30),
             datetime.date(2025, 12, 31), datetime.date(2024, 2, 29), datetime.date(2026, 1, 1)]  # fmt: skip
    return fixed + [datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(900))
                    for _ in range(30)]  # fmt: skip


@pytest.fixture
def varied(world):
    rng = random.Random(11)
    codes = _codes()
    template = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    fields = {f.attname: getattr(template, f.attname) for f in Dispute._meta.concrete_fields}
    fields.pop("id")
    instants, days = _instants(rng), _days(rng)
    disputes = []
    for _ in range(400):
        received = rng.choice(instants)
        outcome = rng.choice(["", *Outcome.values])
        closed = None
        if outcome or rng.random() < 0.1:
            closed = rng.choice([rng.choice(instants),
                                 received + datetime.timedelta(days=rng.randrange(90))])  # fmt: skip
        disputes.append(
            Dispute(**{
                **fields,
                "number": "",
                "region_code": rng.choice(codes),
                "received_at": received,
                "closed_at": closed,
                "outcome": outcome,
                "channel": rng.choice(["window", "online", "online", "phone", "referral"]),
                "is_mass": rng.random() < 0.2,
                "amount": Decimal(rng.choice([0, 1, 250, 3500, 12000])) + Decimal(rng.randrange(100)) / 100,
                "confirmation_result": rng.choice(["", *ConfirmationResult.values, "valid"]),
                "confirmation_ruled_on": rng.choice([None, *days]),
            })
        )  # fmt: skip
    created = Dispute.objects.bulk_create(disputes)
    _registers(world, rng, codes, days)
    _clocks_on(template, created, rng, codes)
    return world


def _codes() -> list[str]:
    """Street codes of several districts, a district's own code, and one outside the city."""
    streets = list(
        Region.objects.filter(code__startswith="440105", level=4).values_list("code", flat=True)[:5]
    )
    streets += list(
        Region.objects.filter(code__startswith="440111", level=4).values_list("code", flat=True)[:3]
    )
    others = list(
        Region.objects.filter(parent_id="440100000000")
        .exclude(code__in=["440105000000", "440111000000"])
        .values_list("code", flat=True)[:4]
    )
    assert "440105001000" in streets and "440111004000" in streets and len(others) == 4
    return [*streets, *others, "440105000000", "440106001000", "440300000000"]


def _registers(world, rng, codes, days):
    kinds = [OrganizationKind.MEDIATION_COMMITTEE, OrganizationKind.MEDIATION_STUDIO,
             OrganizationKind.JUSTICE_OFFICE]  # fmt: skip
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    for n in range(40):
        region = regions[rng.choice(sorted(regions))]
        dissolved = rng.choice([None, None, *days])
        organization = Organization.objects.create(
            name=f"调解组织{n}", kind=rng.choice(kinds), region=region,
            established_on=rng.choice([None, *days]), dissolved_on=dissolved,
            is_active=dissolved is None and rng.random() < 0.85,
        )  # fmt: skip
        Committee.objects.create(organization=organization, kind=CommitteeKind.STREET)
        for m in range(rng.randrange(3)):
            left = rng.choice([None, None, *days])
            joined = rng.choice([None, *days])
            if left and joined and left < joined:
                joined, left = left, joined
            Mediator.objects.create(
                name=f"调解员{n}-{m}", committee=organization, joined_on=joined, left_on=left,
                is_active=left is None and rng.random() < 0.9,
            )  # fmt: skip
        for _ in range(rng.randrange(4)):
            Screening.objects.create(organization=organization, region_code=region.code,
                                     held_on=rng.choice(days), scope="社区")  # fmt: skip


def _clocks_on(template, disputes, rng, codes):
    """Statutory periods and parties' windows, running or stopped, due on every side of today."""
    today = frozen_today()
    kind = ContentType.objects.get_for_model(Dispute)
    rows = []
    for dispute in disputes[:150]:
        rows.append(Clock(
            case_type=kind, case_id=dispute.pk, organization_id=template.organization_id,
            region_code=rng.choice(codes), unit="days", length=30,
            key=rng.choice(["mediation_term", "mediation_term", "confirmation_window"]),
            started_on=today - datetime.timedelta(days=30),
            due_date=today + datetime.timedelta(days=rng.randrange(-20, 20)),
            state=rng.choice([ClockState.RUNNING, ClockState.RUNNING, ClockState.STOPPED]),
        ))  # fmt: skip
    Clock.objects.bulk_create(rows)


def test_the_data_leave_no_indicator_at_zero_everywhere(varied):
    # Otherwise the equalities below could hold by having nothing to count.
    for indicator in _ours():
        values = [indicator.compute_single(p, q).value for p in PREFIXES for q in _periods()]
        assert any(values), indicator.key
    assert set(OLD) == {i.key for i in _ours()}  # a new indicator needs its oracle here


def test_every_figure_equals_the_per_indicator_path(varied):
    periods = _periods()
    indicators = _ours()
    for prefix in PREFIXES:
        grouped = evaluate([(i, p) for i in indicators for p in periods], [prefix])[prefix]
        for indicator in indicators:
            for period in periods:
                single = indicator.compute_single(prefix, period)
                old = _old(indicator, prefix, period)
                got = grouped[indicator.key, period]
                assert _same(single, old), (indicator.key, prefix, period)
                assert _same(got, old), (indicator.key, prefix, period)
                assert _same(indicator.compute(prefix, period), old)


def test_every_child_equals_its_own_computation(varied):
    indicators = _ours()
    for parent in ("4401", "440105", "440111", "44"):
        periods = _periods() if parent != "44" else [Period.year(2025)]
        region = Region.objects.get(code=parent.ljust(12, "0"))
        prefixes = [dashboard.prefix_of(c) for c in region.children.order_by("code")]
        assert len(prefixes) > 1
        grouped = evaluate([(i, p) for i in indicators for p in periods], prefixes)
        for prefix in prefixes:
            for indicator in indicators:
                for period in periods:
                    old = _old(indicator, prefix, period)
                    assert _same(grouped[prefix][indicator.key, period], old), (
                        indicator.key, prefix, period)  # fmt: skip


def test_prefixes_of_several_lengths_group_apart(varied):
    period = Period.year(2025)
    prefixes = ["440105", "440111004", "4401", "440105000"]  # the last: the district's own code
    indicators = _ours()
    grouped = evaluate([(i, period) for i in indicators], prefixes)
    for prefix in prefixes:
        for indicator in indicators:
            assert _same(grouped[prefix][indicator.key, period], _old(indicator, prefix, period))
    assert grouped["440105000"]["mediation.received", period].value > 0


def test_previous_year_and_snapshots(varied):
    period = Period.year(2025)
    figures = with_previous(_ours(), ["4401"], period)["4401"]
    for indicator in _ours():
        now, before = figures[indicator.key]
        assert _same(now, _old(indicator, "4401", period))
        if indicator.snapshot:
            assert before.value is None
        else:
            assert _same(before, _old(indicator, "4401", period.previous_year()))


def test_the_city_figure_set_takes_one_statement_for_every_model(varied):
    period = Period.year(2025)
    models = {(m.model, m.region) for i in _ours() for m in i.measures()}
    assert all(i.declared for i in _ours())
    with CaptureQueriesContext(connection) as queries:
        figures = compute("4401", period, KEYS)
    # One asking the monthly roll-ups which closed months they hold (none here: nothing is
    # refreshed), and one UNION ALL of every model's grouped statement (disputes, committees,
    # mediators, screenings, clocks: indicators.grouped.BATCHED); one per model was 6.
    assert len(models) == 5 and len(queries) == 2
    assert len(figures) == len(_ours())
    assert figures["mediation.received"]["value"] == _received("4401", period).count()
    with CaptureQueriesContext(connection) as queries:
        compute("440105001", Period.month(2025, 2), ["mediation.received", "mediation.succeeded"])
    assert len(queries) == 2
    today = frozen_today()
    this_month = Period.month(today.year, today.month).as_of(today)
    with CaptureQueriesContext(connection) as queries:  # the open month: nothing to roll up
        evaluate([(registry.get("mediation.received"), this_month)], ["440105001"])
    assert len(queries) == 1


def test_closed_months_come_from_the_rollups_in_one_query(varied):
    """Issue 11 slice 2: after a refresh, the disputes' and screenings' figures of closed
    months are read from the roll-ups (one query, months and rows together); only registers
    and running deadlines stay live. The figures are the same."""
    from indicators.rollups import last_closed_month, months_between, refresh

    period = Period.year(2025)
    before = compute("4401", period, KEYS)
    refresh(months_between(datetime.date(2023, 10, 1), last_closed_month(frozen_today())))
    with CaptureQueriesContext(connection) as queries:
        after = compute("4401", period, KEYS)
    assert after == before
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert Dispute._meta.db_table not in tables  # 2025 and 2024 are closed and fresh
    assert len(queries) == 2  # the roll-ups; committees, mediators and clocks in one UNION ALL
    # The year to date: the closed months from the roll-ups, the open month live.
    this_year = Period.year(frozen_today().year).as_of(frozen_today())
    with CaptureQueriesContext(connection) as queries:
        assert compute("440105", this_year) == _live(lambda: compute("440105", this_year))
    assert any(Dispute._meta.db_table in q["sql"] for q in queries.captured_queries)
    for prefix in ("44", "440111", "440105001"):
        assert compute(prefix, period) == _live(lambda p=prefix: compute(p, period))


def _live(function):
    """The same call with every roll-up ignored (no month fresh)."""
    from unittest import mock

    with mock.patch("indicators.rollups.read", return_value=(set(), {})):
        return function()


def test_by_child_takes_as_many_queries_whatever_the_number_of_children(varied):
    period = Period.year(2025)
    counts = {}
    for parent in ("4401", "440105"):
        region = Region.objects.get(code=parent.ljust(12, "0"))
        prefixes = [dashboard.prefix_of(c) for c in region.children.all()]
        with CaptureQueriesContext(connection) as queries:
            figures = compute_many(prefixes, period, KEYS)
        counts[parent] = (len(prefixes), len(queries))
        for prefix in prefixes[:3]:
            assert figures[prefix] == compute(prefix, period, KEYS)
    (districts, city_queries), (streets, district_queries) = counts["4401"], counts["440105"]
    # The roll-ups and one UNION ALL of the 5 models' GROUP BYs (6 with one per model).
    assert districts != streets and city_queries == district_queries == 2


def test_the_command_by_child_matches_each_child_and_does_not_grow(varied):
    outputs, counts = {}, []
    for region in ("4401", "440105"):
        out = StringIO()
        with CaptureQueriesContext(connection) as queries:
            call_command("indicators", "--region", region, "--year", "2025", "--json",
                         "--by-child", stdout=out)  # fmt: skip
        outputs[region] = json.loads(out.getvalue())
        counts.append(len(queries))
    # Two region lookups, and for the region and for its children the roll-ups and one UNION
    # ALL of every registered model's grouped statement (indicators.grouped.BATCHED): 6,
    # whatever the number of lines and models. One statement per model took 14 with
    # mediation's 5 models and 56 with the 26 models of every line registered on 1 December.
    assert counts[0] == counts[1] == 6
    period = Period.year(2025)
    for child in outputs["440105"]["children"]:
        prefix = Region.objects.get(code=child["region"]).prefix
        assert child["indicators"] == compute(prefix, period), child["region"]


def test_the_ranking_and_trend_do_not_grow_with_children_or_months(varied):
    period = Period.year(2025)
    city, haizhu = (Region.objects.get(code=c) for c in ("440100000000", "440105000000"))
    sizes = []
    for region in (city, haizhu):
        with CaptureQueriesContext(connection) as queries:
            rows = dashboard.ranking(region, period)
        sizes.append(len(queries))
        for row in rows[:4]:
            prefix = dashboard.prefix_of(Region.objects.get(code=row["code"]))
            assert row["mediation.received"] == _received(prefix, period).count()
    assert sizes[0] == sizes[1] == 3  # the children, one GROUP BY, the roll-ups
    with CaptureQueriesContext(connection) as queries:
        trend = dashboard.monthly("4401", period)
    assert len(queries) == 2  # one GROUP BY, the roll-ups
    received = next(s for s in trend["series"] if s["key"] == "mediation.received")["data"]
    assert received == [_received("4401", Period.month(2025, m)).count() for m in range(1, 13)]


def test_drilldown_lists_as_many_rows_as_the_grouped_figure(varied):
    for indicator in _ours():
        if indicator.cases is None or indicator.kind == "sum":
            continue
        for prefix in ("4401", "440105001"):
            for period in _periods():
                figure = indicator.compute(prefix, period)
                counted = figure.numerator if indicator.kind == "ratio" else figure.value
                assert indicator.cases(prefix, period).count() == counted, indicator.key
