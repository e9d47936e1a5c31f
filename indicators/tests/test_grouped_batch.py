"""Every model's grouped statement in one UNION ALL (indicators.grouped, `BATCHED`): an
evaluation asks as many queries whatever the number of business lines and models, and every
registered figure is the one the statements run model by model give, value for value (the
same numbers of the same types: an int count, a Decimal sum with its cents).

The data are the small demo (every line's builder: disputes, legal aid, reconsideration,
litigation, legality review, normative documents, major decisions), built once for the module
as of Sunday 22 November 2026, 10:00."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core import demo
from core.models import Region
from indicators import grouped
from indicators.registry import Period, registry
from indicators.rollups import last_closed_month, months_between, refresh

TODAY = datetime.date(2026, 11, 22)
NOW = datetime.datetime(2026, 11, 22, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(NOW)]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One small demo for the module's tests (each runs in a savepoint of it), rolled back at
    its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            world = demo.build(seed=11, today=TODAY)
        yield world
        transaction.set_rollback(True)


def _periods() -> list[Period]:
    this_year = Period.year(2026).as_of(TODAY)  # 2026-01-01..2026-11-22
    return [
        Period.year(2025),
        this_year,
        this_year.previous_year(),  # 2025-01-01..2025-11-22
        Period.quarter(2025, 4),
        Period.month(2026, 11).as_of(TODAY),  # the open month: 1..22 November
        Period(datetime.date(2025, 12, 31), datetime.date(2026, 1, 1)),  # across the new year
    ]


def _prefix_sets() -> list[list[str]]:
    districts = [
        c.prefix for c in Region.objects.get(code="440100000000").children.order_by("code")
    ]
    streets = [c.prefix for c in Region.objects.get(code="440105000000").children.order_by("code")]
    assert len(districts) > 1 and len(streets) > 1
    return [
        ["4401"],
        ["440105001"],
        districts,
        streets[:6],
        ["", "44", "4401", "440105", "440105001", "440111"],  # several lengths at once
    ]


def _requests():
    return [(i, p) for i in registry.all() for p in _periods()]


def _evaluate(batched: bool, prefixes, *, rollups: bool = True, requests=None):
    saved = grouped.BATCHED
    grouped.BATCHED = batched
    try:
        return grouped.evaluate(requests or _requests(), prefixes, rollups=rollups)
    finally:
        grouped.BATCHED = saved


def _lines_with_rows() -> set[str]:
    """The lines with a row in one of their measures' models: each must have a figure other
    than 0 below (otherwise the equalities could hold by having nothing to count)."""
    return {
        i.key.split(".")[0]
        for i in registry.all()
        if any(m.model._default_manager.exists() for m in i.measures())
    }


def _as_compared(figure, typed: bool = True):
    """The figure's numbers, with their types: 3 and Decimal("3.00") are not the same."""
    numbers = (figure.value, figure.numerator, figure.denominator)
    return tuple((type(n).__name__, n) if typed else n for n in numbers)


def _assert_same(batched, expected, *, typed: bool = True) -> set[str]:
    """Every figure equal; returns the lines with a figure other than 0."""
    assert batched.keys() == expected.keys()
    counted = set()
    for prefix, figures in expected.items():
        assert batched[prefix].keys() == figures.keys()
        for (key, period), figure in figures.items():
            got = batched[prefix][key, period]
            assert _as_compared(got, typed) == _as_compared(figure, typed), (key, prefix, period)
            if figure.value:
                counted.add(key.split(".")[0])
    return counted


def test_every_registered_figure_is_the_same_batched_and_model_by_model(built):
    counted = set()
    for prefixes in _prefix_sets():
        for rollups in (True, False):
            counted |= _assert_same(
                _evaluate(True, prefixes, rollups=rollups),
                _evaluate(False, prefixes, rollups=rollups),
            )
    assert counted >= _lines_with_rows() >= {"mediation", "legalaid", "reconsideration"}


def test_the_same_with_closed_months_from_the_rollups(built):
    """After a refresh the closed months are read from the roll-ups and only the open month
    and the partial spans are counted live, in the one batched statement."""
    refresh(months_between(datetime.date(2023, 1, 1), last_closed_month(TODAY)))
    counted = set()
    for prefixes in _prefix_sets():
        batched = _evaluate(True, prefixes)
        counted |= _assert_same(batched, _evaluate(False, prefixes))
        # The roll-ups store a sum of whole numbers (days) as a Decimal: equal numbers.
        _assert_same(batched, _evaluate(True, prefixes, rollups=False), typed=False)
    assert counted >= _lines_with_rows()


def _queries(batched: bool, prefixes, requests) -> int:
    with CaptureQueriesContext(connection) as queries:
        _evaluate(batched, prefixes, requests=requests)
    return len(queries)


def test_adding_models_adds_no_query(built):
    """One line's figures or every registered line's (25 models), for one jurisdiction or
    every district: the roll-ups' months and rows (one query) and one UNION ALL."""
    mediation = [(i, p) for i, p in _requests() if i.key.startswith("mediation.")]
    everything = _requests()
    models = {m.model for i in registry.all() for m in i.measures()}
    assert len(models) > 20
    for prefixes in _prefix_sets():
        one_line = _queries(True, prefixes, mediation)
        every_line = _queries(True, prefixes, everything)
        assert one_line == every_line <= 2, prefixes
        # Model by model, the same figures took a statement per model and prefix length.
        assert _queries(False, prefixes, everything) > len(models)


def test_a_long_union_is_split_below_the_databases_limits(built, monkeypatch):
    """SQLite refuses a compound SELECT of more than 500 terms (SQLITE_MAX_COMPOUND_SELECT)
    and more parameters than its limit: the statement is split into parts below both, with
    the same figures."""
    prefixes = _prefix_sets()[-1]  # 6 prefixes of 5 lengths: 5 terms per model
    expected = _evaluate(False, prefixes)
    monkeypatch.setattr(grouped, "_MAX_TERMS", 7)
    with CaptureQueriesContext(connection) as queries:
        got = _evaluate(True, prefixes)
    _assert_same(got, expected)
    unions = [q["sql"] for q in queries.captured_queries if "fz_b" in q["sql"]]
    assert len(unions) > 1
    assert all(sql.count(" UNION ALL ") <= 6 for sql in unions)
    monkeypatch.setattr(grouped, "_MAX_TERMS", 500)
    monkeypatch.setattr(grouped, "_MAX_PARAMS", 40)
    with CaptureQueriesContext(connection) as queries:
        _assert_same(_evaluate(True, prefixes), expected)
    assert len(queries) > 2


def test_a_kept_statement_gives_the_figures_of_one_compiled_anew(built, monkeypatch):
    """The compiled statements are kept for the next evaluation of the same columns
    (`KEPT_STATEMENTS`): the second evaluation compiles only what cannot be compared with the
    first (a condition on a queryset), counts the rows as they stand, and a period that moves
    compiles anew."""
    from mediation.models import Dispute

    compiled = []
    real = grouped._compile
    monkeypatch.setattr(grouped, "_compile", lambda b: compiled.append(b) or real(b))
    monkeypatch.setattr(grouped, "_kept", grouped.OrderedDict())
    requests = [(i, p) for i in registry.all() for p in _periods()[:2]]
    first = _evaluate(True, ["4401"], requests=requests, rollups=False)
    compiled_first = len(compiled)
    assert compiled_first == len(
        {(m.model, m.region) for i in registry.all() for m in i.measures()}
    )
    compiled.clear()
    again = _evaluate(True, ["4401"], requests=requests, rollups=False)
    _assert_same(again, first)
    assert len(compiled) < compiled_first / 5
    monkeypatch.setattr(grouped, "KEPT_STATEMENTS", 0)
    _assert_same(_evaluate(True, ["4401"], requests=requests, rollups=False), first)
    monkeypatch.setattr(grouped, "KEPT_STATEMENTS", 256)
    # The rows as they stand: one more dispute received on the test day.
    received = registry.get("mediation.received")
    this_year = _periods()[1]
    before = first["4401"]["mediation.received", this_year].value
    dispute = Dispute.objects.filter(region_code__startswith="4401").first()
    dispute.pk, dispute.id, dispute.number = None, None, "FZ-KEPT-1"
    dispute.received_at = NOW
    dispute.save()
    compiled.clear()
    now = _evaluate(True, ["4401"], requests=requests, rollups=False)
    assert now["4401"]["mediation.received", this_year].value == before + 1
    assert len(compiled) < compiled_first / 5  # the same columns as before: kept
    compiled.clear()
    _evaluate(True, ["4401"], requests=[(received, Period.year(2024))], rollups=False)
    assert len(compiled) == 1  # other columns (another period): compiled anew
