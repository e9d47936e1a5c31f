"""The discretion-standard version a penalty is checked against (裁量基准, CF Art. 34 ✅): recorded
with the decision when it is reported — the page, the API and the import go through the same
check (enforcement.decision_services.check → discretion_services.record_check) — with whether
the fine lies outside that version's range; a version published later changes nothing recorded.

Worked example, 海珠 市监 (power P-330217001):
- version 1 in force from 2026-01-01: 500–2000 yuan (published 2025-12-20);
- version 2 in force from 2026-07-01: 1000–3000 yuan (published 2026-06-20) → version 1 ends
  2026-06-30;
- A: decided 2026-03-10, fine 2500, reported 2026-03-20 → version 1, above 2000: flagged;
- B: decided 2026-08-10, fine 2500, reported 2026-09-01 → version 2, within 1000–3000: not
  flagged;
- D: decided 2026-03-11, fine 400, reported 2026-03-20 → version 1, below 500: flagged;
- L: a licence decided 2026-03-12: no version recorded, not flagged.
Later, version 3 in force from 2026-08-01: 3000–5000 yuan (published 2026-09-15): A and B keep
version 1 and 2 and their flags; a penalty E of 2026-08-12, fine 2500, reported 2026-09-20 is
checked against version 3 and flagged (below 3000).

enforcement.decisions_outside_standard for 2026 in 海珠 (440105) = A + D = 2 (the first quarter
2; the third 0); by body {海珠 市监: 2}. enforcement.discretion_standards on 2026-12-31 = 1
(海珠 市监; 城管 has none), on 2025-12-31 = 0 (version 1 published, not yet in force).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enforcement import discretion_services as svc
from enforcement.decision_models import Decision
from enforcement.importing import import_decisions
from enforcement.tests.conftest import on
from enforcement.tests.decision_world import build, report
from enforcement.tests.discretion_support import draft, publish
from enforcement.tests.test_decision_import import LICENCE, row, xlsx
from indicators.registry import Period, registry

D = datetime.date
pytestmark = pytest.mark.django_db
SHIJIAN = "海珠区市场监督管理局"


def items(low: int, high: int) -> str:
    return (f"P-330217001 | 经营超过保质期的食品 | 《中华人民共和国食品安全法》第一百二十四条 | 一般 "
            f"| {low} | {high} | 警告\n")  # fmt: skip


@pytest.fixture
def vw(ew, settings):
    w = build(ew, settings)
    w.v1 = draft(w, w.shijian_body, D(2026, 1, 1), items=items(500, 2000))
    publish(w, w.v1, D(2025, 12, 20))
    return w


def penalty(w, number, decided_on, fine, day):
    decision, created = report(w, day=day, case_number=number, decided_on=decided_on,
                               fine_amount=fine, result=f"警告，并处罚款{fine}元")  # fmt: skip
    assert created
    return decision


@pytest.fixture
def reported(vw):
    w = vw
    w.a = penalty(w, "穗海市监罚〔2026〕1号", D(2026, 3, 10), "2500", D(2026, 3, 20))
    w.d = penalty(w, "穗海市监罚〔2026〕2号", D(2026, 3, 11), "400", D(2026, 3, 20))
    w.lic, _created = report(w, day=D(2026, 3, 20), case_number="穗海市监许〔2026〕1号",
                             kind="licence", power_code="L-001", decided_on=D(2026, 3, 12),
                             penalty_kinds=[], fine_amount=None, result="准予许可")  # fmt: skip
    w.v2 = draft(w, w.shijian_body, D(2026, 7, 1), items=items(1000, 3000))
    publish(w, w.v2, D(2026, 6, 20))
    w.b = penalty(w, "穗海市监罚〔2026〕3号", D(2026, 8, 10), "2500", D(2026, 9, 1))
    return w


def stored(decision) -> tuple:
    decision.refresh_from_db()
    return decision.discretion_standard, decision.outside_standard


def test_the_worked_example(reported):
    w = reported
    w.v1.refresh_from_db()
    assert w.v1.effective_until == D(2026, 6, 30)
    assert stored(w.a) == (w.v1, True)  # 2500 above version 1's 500–2000
    assert stored(w.b) == (w.v2, False)  # 2500 within version 2's 1000–3000
    assert stored(w.d) == (w.v1, True)  # 400 below 500
    assert stored(w.lic) == (None, False)  # not a penalty
    a = svc.check_decision(w.a)
    assert (a.outcome, a.standard, a.fine_min, a.fine_max) == (
        svc.Outcome.ABOVE, w.v1, Decimal("500"), Decimal("2000"))  # fmt: skip
    b = svc.check_decision(w.b)
    assert (b.outcome, b.standard, b.flagged) == (svc.Outcome.INSIDE, w.v2, False)


def test_a_later_version_changes_no_recorded_check(reported, client):
    w = reported
    v3 = draft(w, w.shijian_body, D(2026, 8, 1), items=items(3000, 5000))
    publish(w, v3, D(2026, 9, 15))
    # Version 3 is now the one in force on B's day, but B keeps what was recorded.
    assert svc.standard_on(w.shijian_body, D(2026, 8, 10)) == v3
    assert stored(w.a) == (w.v1, True)
    assert stored(w.b) == (w.v2, False)
    b = svc.check_decision(w.b)
    assert (b.outcome, b.standard) == (svc.Outcome.INSIDE, w.v2)
    # A penalty of the same days reported now is checked against version 3.
    e = penalty(w, "穗海市监罚〔2026〕5号", D(2026, 8, 12), "2500", D(2026, 9, 20))
    assert stored(e) == (v3, True)
    assert svc.check_decision(e).outcome == svc.Outcome.BELOW
    # The decision page shows the version recorded and the flag computed against it.
    with on(D(2026, 9, 21)):
        client.force_login(w.agency_haizhu)
        for decision, version, outside in ((w.a, "1", "1"), (w.b, "2", "0"), (e, "3", "1")):
            page = client.get(reverse("enforcement:decision_detail", args=[decision.pk]))
            assert page.status_code == 200
            html = page.content.decode()
            assert f'data-version="{version}" data-outside="{outside}"' in html, decision
            assert ("alert-warning" in html) is (outside == "1"), decision


def test_the_api_reports_the_version(reported):
    from enforcement.tests.test_decision_api import api

    w = reported
    with on(D(2026, 9, 2)):
        data = api(w.agency_haizhu).get(f"/api/enforcement/decisions/{w.a.pk}/").json()
    assert (data["discretion_standard"], data["discretion_standard_version"],
            data["outside_standard"]) == (w.v1.pk, 1, True)  # fmt: skip


def _import(w, rows):
    with on(D(2026, 9, 1)), CaptureQueriesContext(connection) as queries:
        result = import_decisions(xlsx(rows), actor=w.agency_haizhu)
    assert result.ok, result.errors
    standards = [q["sql"] for q in queries.captured_queries
                 if "enforcement_discretion" in q["sql"]]  # fmt: skip
    return standards


def test_the_import_records_the_version_reading_the_versions_once(vw):
    w = vw
    w.v2 = draft(w, w.shijian_body, D(2026, 7, 1), items=items(1000, 3000))
    publish(w, w.v2, D(2026, 6, 20))
    small = _import(w, [
        row({"决定文书号": "导〔2026〕1号", "决定日期": D(2026, 3, 10), "罚款金额（元）": 2500,
             "公示日期": None}),
        row({"决定文书号": "导〔2026〕2号", "决定日期": D(2026, 8, 10), "罚款金额（元）": 2500,
             "公示日期": None}),
        row(LICENCE, {"决定文书号": "导许〔2026〕3号"}),
    ])  # fmt: skip
    got = {d.case_number: (d.discretion_standard, d.outside_standard)
           for d in Decision.objects.all()}  # fmt: skip
    assert got == {"导〔2026〕1号": (w.v1, True), "导〔2026〕2号": (w.v2, False),
                   "导许〔2026〕3号": (None, False)}  # fmt: skip
    # The versions (and their items) are read once per file, not once per row.
    many = _import(w, [
        row({"决定文书号": f"导〔2026〕{n}号", "决定日期": D(2026, 3 + n % 6, 10),
             "罚款金额（元）": 100 * n, "公示日期": None})
        for n in range(10, 40)
    ])  # fmt: skip
    assert len(small) == len(many) == 2, many
    assert Decision.objects.filter(outside_standard=True).count() == 1 + sum(
        1
        for n in range(10, 40)
        if not (500 <= 100 * n <= 2000 if 3 + n % 6 < 7 else 1000 <= 100 * n <= 3000)
    )


def test_the_indicator_equals_the_hand_count(reported, client):
    w = reported
    outside = registry.get("enforcement.decisions_outside_standard")
    year, q1, q3 = Period.year(2026), Period.quarter(2026, 1), Period.quarter(2026, 3)
    assert outside.compute("440105", year).value == 2  # A and D
    assert outside.compute("4401", year).value == 2
    assert outside.compute("440105", q1).value == 2
    assert outside.compute("440105", q3).value == 0  # B is within version 2
    assert outside.compute("440111", year).value == 0
    assert outside.breakdowns["body"]("440105", year) == {SHIJIAN: 2}
    single = outside.compute_single("440105", year)
    assert single.value == 2
    assert str(outside.definition) and str(outside.source)
    assert outside.business_line == "enforcement"
    standards = registry.get("enforcement.discretion_standards")
    assert standards.compute("440105", year).value == 1
    assert standards.compute("440105", Period.year(2025)).value == 0
    assert standards.breakdowns["body"]("440105", year) == {SHIJIAN: 1}
    assert standards.business_line == "enforcement" and str(standards.source)
    # The drill-downs list what the figures count; the staff list's filter finds the same.
    with on(D(2026, 12, 1)):
        client.force_login(w.leader_gz)
        for key, count in (("enforcement.decisions_outside_standard", 2),
                           ("enforcement.discretion_standards", 1)):  # fmt: skip
            response = client.get(reverse("indicators:drilldown", args=[key]), {"year": 2026})
            assert response.status_code == 200, key
            assert response.context["total"] == response.context["counted"] == count, key
        client.force_login(w.clerk_haizhu)
        page = client.get(reverse("enforcement:decision_list"), {"outside_standard": "true"})
        assert page.status_code == 200
        listed = {r.record.case_number for r in page.context["table"].page.object_list}
        assert listed == {w.a.case_number, w.d.case_number}


def test_the_migration_records_the_version_of_the_decisions_before_it(vw):
    """Decisions recorded before migration 0006 get the version in force on their day, as a
    report records it."""
    import importlib

    from django.apps import apps

    from enforcement.tests.discretion_support import decision

    w = vw
    migration = importlib.import_module("enforcement.migrations.0006_decision_discretion_standard")
    w.p_food = w.p_penalty
    old = [decision(w, w.p_penalty, D(2026, 3, 10), fine, number=f"旧〔2026〕{fine}号")
           for fine in ("2500", "1000", "400")]  # fmt: skip
    inspection = decision(w, None, D(2026, 3, 10), None, number="旧检〔2026〕1号",
                          kind="inspection")  # fmt: skip
    Decision.objects.update(discretion_standard=None, outside_standard=False)
    migration.record(apps, None)
    assert [stored(d) for d in old] == [(w.v1, True), (w.v1, False), (w.v1, True)]
    assert stored(inspection) == (None, False)


def test_the_report_states_the_standards_and_the_penalties_outside_them(reported):
    """The annual report's enforcement section (enforcement.report), 海珠 2026 seen on 15 Jan
    2027: one body with a standard in force at 31 December, two penalties outside it (A, D)."""
    from zoneinfo import ZoneInfo

    import time_machine

    from enforcement import report as enforcement_report
    from reports import render
    from reports.services import report_create

    w = reported
    moment = datetime.datetime(2027, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        made = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)
        text = "".join(t for _kind, t in render.paragraphs(made))
    bodies = str(registry.get("enforcement.discretion_standards").unit)
    assert enforcement_report.HEADING in text
    assert (
        f"落实行政裁量权基准制度，截至12月31日，1{bodies}执法主体公布施行行政处罚裁量基准；"
        "报送的行政处罚决定中罚款超出裁量基准幅度的2件。"
    ) in text


def test_penalties_reported_before_any_version_gain_it_on_a_recheck(ew, settings, capsys):
    """Past decisions imported before the body's standard (CF Art. 34): A (2026-03-10, 2500)
    and D (2026-03-11, 400) are reported on 2026-03-20 with no version on record → none
    recorded, not flagged. Version 1 (in force from 2026-01-01, 500–2000) is published on
    2026-04-01: `fazhi recheck_discretion --check` counts without writing; the command then
    records version 1 on both, flagged (2500 above 2000, 400 below 500); the licence stays
    without one. A second run finds nothing left to check."""
    from django.core.management import call_command

    w = build(ew, settings)
    a = penalty(w, "穗海市监罚〔2026〕1号", D(2026, 3, 10), "2500", D(2026, 3, 20))
    d = penalty(w, "穗海市监罚〔2026〕2号", D(2026, 3, 11), "400", D(2026, 3, 20))
    lic, _created = report(w, day=D(2026, 3, 20), case_number="穗海市监许〔2026〕1号",
                           kind="licence", power_code="L-001", decided_on=D(2026, 3, 12),
                           penalty_kinds=[], fine_amount=None, result="准予许可")  # fmt: skip
    assert stored(a) == stored(d) == stored(lic) == (None, False)
    v1 = draft(w, w.shijian_body, D(2026, 1, 1), items=items(500, 2000))
    publish(w, v1, D(2026, 4, 1))
    assert stored(a) == (None, False)  # publishing alone changes nothing recorded

    found = svc.recheck_unrecorded(write=False)
    assert (found.checked, found.recorded, found.outside) == (2, 2, 2)
    assert stored(a) == stored(d) == (None, False)

    call_command("recheck_discretion")
    assert "2" in capsys.readouterr().out
    assert stored(a) == (v1, True) and stored(d) == (v1, True)
    assert stored(lic) == (None, False)
    again = svc.recheck_unrecorded()
    assert (again.checked, again.recorded) == (0, 0)
