"""Monthly roll-ups (indicators.rollups): after a refresh, the rows under any prefix add up to
the live grouped figures for any period of whole closed months; they stay equal after case
transitions once the touched months are refreshed; a stale row is reported (and the command
exits 1); refreshing a month costs the same number of queries whatever the number of regions.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from cases import engine
from conftest import frozen_today
from core.models import Region
from indicators.models import Rollup
from indicators.registry import Period, registry
from indicators.rollups import (
    check,
    last_closed_month,
    months_between,
    refresh,
    rollup_able,
    rollup_breakdowns,
    rollup_measures,
)
from mediation.models import Dispute
from mediation.tests.factories import make_dispute
from mediation.tests.test_grouped_indicators import varied  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
PREFIXES = ("44", "4401", "440105", "440111", "440105001", "440111004")
ALL_MONTHS = (datetime.date(2023, 10, 1), datetime.date(2026, 5, 1))


def _refresh_all() -> int:
    return refresh(months_between(ALL_MONTHS[0], last_closed_month(frozen_today())))


def test_only_measures_by_dates_within_the_period_are_rolled_up():
    keys = rollup_measures()
    assert "mediation.received:numerator" in keys
    assert "mediation.concluded:numerator" in keys  # concluded, under its first part's key…
    assert "mediation.success_rate:denominator" not in keys  # …declared once
    assert "mediation.success_rate:numerator" not in keys  # = succeeded
    assert "mediation.online_share:denominator" not in keys  # = received
    assert not any(k.startswith(("mediation.committees", "mediation.mediators")) for k in keys)
    assert not any(k.startswith("cases.") for k in keys)  # snapshots and undeclared
    for indicator in registry.all():
        assert rollup_able(indicator) == (
            indicator.declared and not indicator.register and not indicator.snapshot
        )


def test_refresh_then_check_passes_for_city_district_and_street(varied):  # noqa: F811
    assert _refresh_all() > 0
    assert Rollup.objects.filter(month=datetime.date(2025, 2, 1)).exists()
    # Every measure has rows, so the equalities below do not hold by counting nothing.
    stored = set(Rollup.objects.values_list("measure", flat=True))
    assert {key for key in stored if "|" not in key} == {
        key for key in rollup_measures() if key.startswith("mediation.")
    }  # these data are mediation's; legal aid's roll-ups: legalaid/tests/test_indicators.py
    # …and the breakdowns by a column with choices: "<key>|<field>=<value>".
    assert {tuple(key.split("|")[1].split("=")[0:1]) for key in stored if "|" in key} == {
        ("dispute_type",),
        ("channel",),
    }
    assert "mediation.received:numerator|channel=online" in stored
    assert Rollup.objects.filter(region_code="440105000000").exists()  # a district's own code
    for period in (Period.year(2025), Period.quarter(2025, 2), Period.year(2024)):
        for prefix in PREFIXES:
            assert check(prefix, period) == [], (prefix, period)
    out = StringIO()
    call_command("rollups", "check", "--region", "440105", "--year", "2025", stdout=out)
    assert "月度汇总与实时数据一致" in out.getvalue()  # roll-ups equal the live figures


def test_check_refuses_a_period_that_is_not_whole_months():
    with pytest.raises(ValueError):
        check("4401", Period(datetime.date(2025, 1, 1), datetime.date(2025, 1, 15)))


def test_a_stale_rollup_is_reported_and_the_command_exits_1(varied):  # noqa: F811
    _refresh_all()
    row = Rollup.objects.filter(
        measure="mediation.received:numerator",
        month__year=2025,
        region_code__startswith="440105",
    ).first()
    row.value += 1
    row.save()
    differences = check("440105", Period.year(2025))
    assert [d.measure for d in differences] == ["mediation.received:numerator"]
    assert differences[0].stored == differences[0].live + 1
    assert check("440111", Period.year(2025)) == []  # another district is untouched
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("rollups", "check", "--region", "4401", "--year", "2025", stdout=out)
    assert exit_.value.code == 1
    assert "mediation.received:numerator" in out.getvalue()
    # A refresh of that month repairs it.
    refresh([row.month])
    assert check("440105", Period.year(2025)) == []


def test_a_missing_month_is_reported(varied):  # noqa: F811
    _refresh_all()
    Rollup.objects.filter(month=datetime.date(2025, 3, 1)).delete()
    assert check("4401", Period.quarter(2025, 1))
    assert check("4401", Period.quarter(2025, 2)) == []


def test_the_command_refreshes_and_checks(varied):  # noqa: F811
    out = StringIO()
    call_command("rollups", "refresh", "--since", "2023-10", stdout=out)
    assert "已刷新" in out.getvalue()  # N months refreshed
    last = last_closed_month(frozen_today())
    assert Rollup.objects.filter(month=last).exists() or last > datetime.date(2026, 6, 1)
    assert not Rollup.objects.filter(month__gt=last).exists()  # the open month is not stored
    out = StringIO()
    call_command("rollups", "check", "--year", "2025", stdout=out)
    assert "月度汇总与实时数据一致" in out.getvalue()  # roll-ups equal the live figures
    Rollup.objects.filter(month=datetime.date(2025, 7, 1)).update(value=Decimal("999"))
    with pytest.raises(SystemExit):
        call_command("rollups", "check", "--year", "2025", stdout=StringIO())
    open_month = frozen_today().strftime("%Y-%m")
    with pytest.raises(CommandError, match="尚未结束"):
        call_command("rollups", "refresh", "--month", open_month, stdout=StringIO())
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("rollups", "refresh", "--since", "2025/01", stdout=StringIO())
    call_command("rollups", "refresh", "--month", "2025-07", stdout=StringIO())
    call_command("rollups", "check", "--year", "2025", stdout=StringIO())


def _disputes_in(codes, template, month):
    fields = {f.attname: getattr(template, f.attname) for f in Dispute._meta.concrete_fields}
    fields.pop("id")
    at = datetime.datetime(month.year, month.month, 10, 12, tzinfo=TZ)
    Dispute.objects.bulk_create(
        Dispute(**{**fields, "number": "", "region_code": code, "received_at": at,
                   "closed_at": at, "outcome": "succeeded", "channel": "online"})
        for code in codes
    )  # fmt: skip


def _full_codes(month) -> int:
    codes = Rollup.objects.filter(month=month).values_list("region_code", flat=True)
    return len({code for code in codes if len(code) == 12})


def test_refreshing_a_month_costs_the_same_queries_whatever_the_regions(world):
    month = datetime.date(2025, 3, 1)
    streets = list(
        Region.objects.filter(code__startswith="4401", level=4).values_list("code", flat=True)[:40]
    )
    assert len(streets) == 40
    template = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    _disputes_in(streets[:2], template, month)
    with CaptureQueriesContext(connection) as few:
        refresh([month])
    few_rows = _full_codes(month)
    _disputes_in(streets[2:], template, month)
    with CaptureQueriesContext(connection) as many:
        refresh([month])
    many_rows = _full_codes(month)
    assert (few_rows, many_rows) == (2, 40)
    # …and a row for each jurisdiction above them: 广东, 广州, the whole deployment, and each
    # district and street of the 40.
    codes = set(Rollup.objects.filter(month=month).values_list("region_code", flat=True))
    assert {"", "44", "4401"} <= codes
    assert {street[:6] for street in streets} | {street[:9] for street in streets} <= codes

    # One statement per model to read, one DELETE, and the INSERT: one on PostgreSQL, split
    # on SQLite only by its limit of bound parameters per statement.
    def reads(queries):
        return [q["sql"].split()[0] for q in queries if not q["sql"].startswith("INSERT")]

    assert reads(few.captured_queries) == reads(many.captured_queries)
    # One per model, and one per model and breakdown field (dispute type, channel).
    fields = {(m.model, f) for (_k, f), m in rollup_breakdowns().items()}
    assert sum(q["sql"].startswith("SELECT") for q in many.captured_queries) == len(
        {m.model for m, _i, _p in rollup_measures().values()}
    ) + len(fields)
    if connection.vendor == "postgresql":
        assert len(few.captured_queries) == len(many.captured_queries)
    assert check("4401", Period.month(2025, 3)) == []


# Transitions fired through the engine at an instant of 2025 (time travels forward only).
STEP = st.tuples(
    st.integers(1, 12),  # month
    st.integers(1, 28),  # day
    st.sampled_from(["register", "accept", "agree", "terminate", "confirm"]),
    st.integers(0, 50),  # which case
)


def _fire(world, disputes, action, pick, day):
    actor = world.mediator_haizhu
    wanted = {"accept": "registered", "agree": "mediating", "terminate": "mediating",
              "confirm": "agreed"}  # fmt: skip
    candidates = [d for d in disputes if d.state == wanted.get(action)]
    if action == "register" or not candidates:  # nothing to move on: a new case instead
        disputes.append(
            make_dispute(
                organization=world.haizhu_committee,
                actor=actor,
                channel=["window", "online"][pick % 2],
            )
        )
        return
    d = candidates[pick % len(candidates)]
    if action == "accept":
        d = engine.fire(d, "accept", actor=actor, version=d.version,
                        data={"consent": True, "accepted_on": day})  # fmt: skip
        d = engine.fire(d, "record_session", actor=actor, version=d.version,
                        data={"held_on": day, "place": "调委会调解室", "notes": "双方陈述"})  # fmt: skip
    elif action == "agree":
        d = engine.fire(d, "reach_agreement", actor=actor, version=d.version,
                        data={"form": "written", "terms": "赔偿3000元", "performance": "7日内付清",
                              "effective_on": day, "parties_signed": True,
                              "mediator_signed": True, "committee_sealed": True})  # fmt: skip
    elif action == "terminate":
        d = engine.fire(d, "terminate", actor=actor, version=d.version,
                        data={"decided_on": day, "reason": "当事人撤回申请"})  # fmt: skip
    else:
        d = engine.fire(d, "apply_confirmation", actor=actor, version=d.version,
                        data={"applied_on": day, "court": "广州市海珠区人民法院"})  # fmt: skip
        d = engine.fire(d, "confirm_valid", actor=actor, version=d.version,
                        data={"ruled_on": day})  # fmt: skip
    disputes[disputes.index(next(x for x in disputes if x.pk == d.pk))] = d


@settings(max_examples=6, derandomize=True, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(steps=st.lists(STEP, min_size=3, max_size=14))
@example(steps=[(1, 3, "register", 0), (1, 20, "register", 1), (2, 1, "accept", 0),
                (2, 2, "accept", 0), (3, 3, "agree", 0), (4, 1, "terminate", 0),
                (4, 2, "confirm", 0)])  # fmt: skip
def test_rollups_stay_equal_after_transitions_and_a_refresh_of_the_touched_months(world, steps):
    # Each example in its own savepoint, rolled back: examples share the test's database.
    with transaction.atomic():
        _transitions_then_check(world, steps)
        transaction.set_rollback(True)


def _transitions_then_check(world, steps):
    _refresh_all()
    disputes: list[Dispute] = []
    touched = set()
    for month, day, action, pick in sorted(steps):
        at = datetime.datetime(2025, month, day, 10, tzinfo=TZ)
        with time_machine.travel(at, tick=False):
            _fire(world, disputes, action, pick, at.date())
        touched.add(at.date().replace(day=1))
    refresh(touched)
    for prefix in ("4401", "440105", "440105001"):
        for period in (Period.year(2025), Period.quarter(2025, (max(touched).month + 2) // 3)):
            assert check(prefix, period) == [], (prefix, period, steps)

    # An oracle of their own: the cases fired here are the only ones, all in 2025.
    def stored(key):
        rows = Rollup.objects.filter(measure=key, month__year=2025, region_code="4401")
        return sum((r.value for r in rows), Decimal(0))

    states = [d.state for d in disputes]
    closed = sum(s in ("agreed", "terminated", "confirmed") for s in states)
    assert stored("mediation.received:numerator") == len(disputes)
    assert stored("mediation.concluded:numerator") == closed
    assert stored("mediation.judicial_confirmations:numerator") == states.count("confirmed")


def test_a_change_after_a_refresh_is_served_live_until_the_next_refresh(varied):  # noqa: F811
    """A save that moves a counted date, a delete, and past cases written in bulk record
    their months (RollupChange); those months are computed live, so the figures stay right
    without a refresh, and `refresh --changed` rolls them up again."""
    from indicators.compute import compute
    from indicators.models import RollupChange
    from indicators.rollups import changed_months, fresh_months, note_rows

    _refresh_all()
    assert changed_months() == []
    march, april, may = (datetime.date(2025, m, 1) for m in (3, 4, 5))
    moved = Dispute.objects.filter(received_at__year=2025, received_at__month=3).first()
    moved.subject = "另一个案由"
    recorded = RollupChange.objects.count()  # the open month's, from the fixture's services
    moved.save()  # no field a measure reads: nothing recorded
    assert RollupChange.objects.count() == recorded
    moved.received_at = datetime.datetime(2025, 4, 10, 9, tzinfo=TZ)
    moved.save()
    gone = Dispute.objects.filter(closed_at__year=2025, closed_at__month=5).first()
    gone.delete()
    assert {march, april, may} <= set(changed_months())
    assert not {march, april, may} & fresh_months([march, april, may])
    year = Period.year(2025)
    live = _live_figures("4401", year)
    assert compute("4401", year) == live
    assert compute("440105", Period.quarter(2025, 2)) == _live_figures(
        "440105", Period.quarter(2025, 2)
    )
    # Bulk writers record their rows' months themselves.
    copy = Dispute.objects.filter(received_at__year=2024, received_at__month=7).first()
    copy.pk, copy.number = None, ""
    Dispute.objects.bulk_create([copy])
    note_rows(Dispute, [copy])
    assert datetime.date(2024, 7, 1) in changed_months()
    assert compute("4401", Period.year(2024)) == _live_figures("4401", Period.year(2024))
    out = StringIO()
    call_command("rollups", "refresh", "--changed", stdout=out)
    assert changed_months() == []
    closed = last_closed_month(frozen_today())
    assert not RollupChange.objects.filter(month__lte=closed).exists()
    assert {march, april, may} == fresh_months([march, april, may])
    assert compute("4401", year) == _live_figures("4401", year)  # 同比 has the 2024 copy
    for prefix in PREFIXES:
        assert check(prefix, year) == [], prefix


def _live_figures(prefix, period):
    from unittest import mock

    from indicators.compute import compute

    with mock.patch("indicators.rollups.read", return_value=(set(), {})):
        return compute(prefix, period)


def test_a_change_committed_during_a_refresh_keeps_its_month_live(varied):  # noqa: F811
    """The refresh deletes a month's changes before it computes the month: a change recorded
    after that delete (a writer committing while the refresh runs) survives the refresh, so
    the month stays live rather than stale."""
    from indicators import rollups
    from indicators.models import RollupChange

    month = datetime.date(2025, 6, 1)
    compute_month = rollups.compute_month

    def racing(m):
        rows = compute_month(m)  # what the refresh saw…
        RollupChange.objects.create(month=m)  # …then a writer records its change
        return rows

    from unittest import mock

    with mock.patch("indicators.rollups.compute_month", racing):
        refresh([month])
    assert rollups.fresh_months([month]) == set()
    refresh([month])
    assert rollups.fresh_months([month]) == {month}


def test_an_open_month_is_never_rolled_up():
    today = frozen_today()
    with pytest.raises(ValueError):
        refresh([today])


def test_breakdowns_by_a_column_with_choices_are_rolled_up(varied):  # noqa: F811
    """The dashboard's charts (disputes by type, success rate by channel): after a refresh the
    closed months come from the roll-ups, equal to the live GROUP BY; a breakdown by a
    related name (committee) stays live; a stale breakdown row is reported by check."""
    received, rate = registry.get("mediation.received"), registry.get("mediation.success_rate")
    year = Period.year(2025)
    specs = [received.breakdowns["dispute_type"], received.breakdowns["channel"],
             rate.breakdowns["channel"], received.breakdowns["committee"]]  # fmt: skip
    before = {(n, p): spec(p, year) for n, spec in enumerate(specs) for p in PREFIXES}
    assert any(before.values())
    _refresh_all()
    with CaptureQueriesContext(connection) as queries:
        by_type = specs[0]("4401", year)
    assert len(queries) == 1  # the roll-ups only: every month of 2025 is closed and fresh
    assert by_type == before[0, "4401"]
    assert sum(by_type.values()) == received.compute("4401", year).value
    for (n, prefix), want in before.items():
        assert specs[n](prefix, year) == want, (n, prefix)
    row = Rollup.objects.filter(measure__startswith="mediation.received:numerator|channel=",
                                region_code="4401", month__year=2025).first()  # fmt: skip
    row.value += 1
    row.save()
    assert [(d.measure, d.region_code) for d in check("4401", year)] == [(row.measure, "4401")]
