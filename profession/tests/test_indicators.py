"""The line's indicators equal counts made by hand over a small set of records, in the grouped
path and in the single-query path alike; each is registered with a definition, a source and
the business line; the on-time rate's drill-down lists its numerator.

Complaints (the worked dates of test_complaints): C1 against 陈律师 received 8 Jun, penalised
6 Jul (due 7 Aug: on time); C2 against the firm received 8 Jun, dismissed 30 Jun (on time); C3
against 林律师 received 8 Jun, dismissed 10 Aug (late); C4 received 15 Jun, pending; C5 against
黄律师 (白云) received 9 Jun, not accepted 10 Jun (on time). June–August 2026: 海珠 received 4,
concluded 3, on time 2 → 66.67 %; 广州 received 5, concluded 4, on time 3 → 75.00 %."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from core.models import Lawyer, Organization, OrganizationKind
from indicators.registry import Period, registry
from profession.importing import COLUMNS, import_volumes
from profession.models import LawFirm
from profession.tests.conftest import complain, fire
from profession.tests.test_complaints import DECISION

D = datetime.date
pytestmark = pytest.mark.django_db
KEYS = ("profession.law_firms", "profession.lawyers", "profession.notarisations",
        "profession.appraisals", "profession.complaints", "profession.complaints_on_time_rate")  # fmt: skip
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))
SUMMER = Period(D(2026, 6, 1), D(2026, 8, 31))


def test_every_indicator_is_registered_with_definition_source_and_line():
    for key in KEYS:
        indicator = registry.get(key)
        assert str(indicator.definition) and str(indicator.source), key
        assert indicator.business_line == "profession", key


def _volumes(w):
    from core.testing import Sheet

    sheet = Sheet(COLUMNS, {"机构名称": "广州市海珠公证处", "业务类别": "公证"})
    rows = [sheet.row(月份=m, 件数=n) for m, n in (("2026-01", 1000), ("2026-02", 1100),
                                                   ("2026-03", 1200), ("2026-04", 9999))]  # fmt: skip
    rows += [sheet.row({"机构名称": "广东海珠司法鉴定所", "月份": m, "业务类别": c, "件数": n})
             for m, c, n in (("2026-03", "法医类", 300), ("2026-03", "物证类", 50),
                             ("2026-04", "法医类", 7))]  # fmt: skip
    assert import_volumes(sheet.file(rows), actor=w.clerk_haizhu).ok
    baiyun = [sheet.row(机构名称="广州市白云公证处", 月份="2026-03", 件数=500)]
    assert import_volumes(sheet.file(baiyun), actor=w.clerk_baiyun).ok


@pytest.fixture
def data(pw):
    w = pw
    later = Organization.objects.create(name="广东新开律师事务所", kind=OrganizationKind.LAW_FIRM,
                                        region=w.haizhu, established_on=D(2026, 5, 1))  # fmt: skip
    LawFirm.objects.create(organization=later, licence_number="31440000MD0000009X")
    Lawyer.objects.create(name="停业律师", organization=w.firm.organization, status="suspended",
                          licence_number="14401200010000009", licensed_on=D(2010, 1, 1))  # fmt: skip
    Lawyer.objects.create(name="基层工作者", organization=w.firm.organization,
                          kind="grassroots_legal_worker", licence_number="G-0001",
                          licensed_on=D(2010, 1, 1))  # fmt: skip
    _volumes(w)
    c1 = complain(w, D(2026, 6, 8))
    fire(c1, "accept", w.clerk_haizhu, D(2026, 6, 10))
    fire(c1, "decide", w.clerk_city, D(2026, 7, 6), **DECISION)
    c2 = complain(w, D(2026, 6, 8), firm=w.firm)
    fire(c2, "accept", w.clerk_haizhu, D(2026, 6, 9))
    fire(c2, "dismiss", w.clerk_haizhu, D(2026, 6, 30), findings="不属实。")
    c3 = complain(w, D(2026, 6, 8), lawyer=w.lawyer_b)
    fire(c3, "accept", w.clerk_haizhu, D(2026, 6, 9))
    fire(c3, "dismiss", w.clerk_haizhu, D(2026, 8, 10), findings="不属实。")
    complain(w, D(2026, 6, 15))
    c5 = complain(w, D(2026, 6, 9), lawyer=w.lawyer_baiyun, actor=w.clerk_baiyun)
    fire(c5, "refuse", w.clerk_baiyun, D(2026, 6, 10), reasons="不属于律师执业行为。")
    return w


@pytest.mark.parametrize(("key", "period", "haizhu", "city"), [
    ("profession.law_firms", Q1, 1, 2),  # the firm established in May is not yet counted
    ("profession.lawyers", Q1, 3, 4),  # lawyers holding a certificate (suspended too), not grassroots
    ("profession.notarisations", Q1, 3300, 3800),
    ("profession.appraisals", Q1, 350, 350),
    ("profession.complaints", SUMMER, 4, 5),
])  # fmt: skip
def test_figures_equal_the_hand_counts(data, key, period, haizhu, city):
    indicator = registry.get(key)
    assert indicator.compute("440105", period).value == haizhu
    assert indicator.compute_single("440105", period).value == haizhu
    assert indicator.compute("4401", period).value == city


def test_the_on_time_rate(data):
    rate = registry.get("profession.complaints_on_time_rate")
    figure = rate.compute("440105", SUMMER)
    assert (figure.numerator, figure.denominator, str(figure.value)) == (2, 3, "66.67")
    city = rate.compute("4401", SUMMER)
    assert (city.numerator, city.denominator, str(city.value)) == (3, 4, "75.00")
    july = rate.compute("440105", Period.month(2026, 7))
    assert (july.numerator, july.denominator) == (1, 1)


def test_breakdowns_by_kind_and_category(data):
    from profession.choices import AppraisalCategory, FirmForm, SubjectKind

    with translation.override("en"):
        by_category = registry.get("profession.appraisals").breakdowns["category"]("440105", Q1)
        assert by_category == {str(AppraisalCategory.FORENSIC_MEDICINE.label): 300,
                               str(AppraisalCategory.PHYSICAL_EVIDENCE.label): 50}  # fmt: skip
        by_form = registry.get("profession.law_firms").breakdowns["form"]("4401", Q1)
        assert by_form == {str(FirmForm.PARTNERSHIP.label): 1, str(FirmForm.SOLE.label): 1}
        by_subject = registry.get("profession.complaints").breakdowns["subject_kind"](
            "440105", SUMMER)  # fmt: skip
        assert by_subject == {str(SubjectKind.LAWYER.label): 3, str(SubjectKind.FIRM.label): 1}


def test_the_rates_drill_down_lists_its_numerator(data, login):
    """Asked on 1 September 2026, when the summer has passed (a period is counted to today)."""
    from enforcement.tests.conftest import on

    with on(D(2026, 9, 1)):
        client = login(data.leader_gz)
        response = client.get("/dashboard/figures/profession.complaints_on_time_rate/cases/",
                              {"region": "440105000000", "start": "2026-06-01",
                               "end": "2026-08-31"})  # fmt: skip
    assert response.status_code == 200
    assert response.context["total"] == 2
    html = response.content.decode()
    assert "律投字第0001号" in html and "律投字第0002号" in html
    assert "律投字第0003号" not in html  # concluded late: in the denominator only


def test_the_drill_down_shows_each_complaints_clock_due_date(data, login):
    """The handling due column is each complaint's clock (C1 and C2 received 8 Jun: due Fri
    7 Aug 2026); a clock moved later (holidays entered) moves the column with it."""
    from cases.models import Clock
    from enforcement.tests.conftest import on
    from profession.models import Complaint

    c2 = Complaint.objects.get(number__endswith="律投字第0002号")
    Clock.for_case(c2).filter(key="handling").update(due_date=D(2026, 8, 10))
    with on(D(2026, 9, 1)):
        client = login(data.leader_gz)
        response = client.get("/dashboard/figures/profession.complaints_on_time_rate/cases/",
                              {"region": "440105000000", "start": "2026-06-01",
                               "end": "2026-08-31"})  # fmt: skip
    assert response.status_code == 200
    rows = {row["cells"][0]: row["cells"] for row in response.context["rows"]}
    assert len(rows) == response.context["total"] == response.context["counted"] == 2
    assert rows["（2026）海珠区司法局律投字第0001号"][4] == "2026-08-07"
    assert rows["（2026）海珠区司法局律投字第0002号"][4] == "2026-08-10"


def test_lawyers_stand_on_the_periods_last_day(pw):
    """profession.lawyers counts the certificates held on the period's last day (律师法 Arts.
    47–50): 海珠 has 陈律师 (2015) and 林律师 (2018); a lawyer licensed on 1 Apr 2026 counts
    from Q2; 林律师's certificate revoked by the province on Tue 10 Mar 2026 counts up to 2025
    only; a certificate marked revoked without a revocation on record counts in no period."""
    from profession.tests.test_review import _decide, _proposed

    w = pw
    from core.models import Membership, Region, User
    from core.roles import Role

    province = Organization.objects.create(name="广东省司法厅", kind=OrganizationKind.JUSTICE_BUREAU,
                                           region=Region.objects.get(code="440000000000"))  # fmt: skip
    clerk_gd = User.objects.create_user("clerk_gd", password="Testing2026pass")
    Membership.objects.create(user=clerk_gd, organization=province, role=Role.SECTION_STAFF)
    Lawyer.objects.create(name="新律师", organization=w.firm.organization,
                          licence_number="14401200010000010", licensed_on=D(2026, 4, 1))  # fmt: skip
    Lawyer.objects.create(name="除名律师", organization=w.firm.organization, status="revoked",
                          licence_number="14401200010000011", licensed_on=D(2012, 1, 1))  # fmt: skip
    complaint = _proposed(w, D(2026, 3, 2))
    complaint.lawyer = w.lawyer_b
    complaint.save(update_fields=["lawyer"])
    _decide(w, complaint, clerk_gd, D(2026, 3, 10), "粤司罚〔2026〕1号", article="49",
            revocation=True, fine="20000")  # fmt: skip
    lawyers = registry.get("profession.lawyers")
    year_2025 = Period(D(2025, 1, 1), D(2025, 12, 31))
    q2 = Period(D(2026, 4, 1), D(2026, 6, 30))
    feb = Period(D(2026, 2, 1), D(2026, 2, 28))
    assert lawyers.compute("440105", year_2025).value == 2  # 陈, 林
    assert lawyers.compute("440105", feb).value == 2  # 林 still holds the certificate
    assert lawyers.compute("440105", Q1).value == 1  # 陈 only: 林 revoked, 新 not yet licensed
    assert lawyers.compute("440105", q2).value == 2  # 陈, 新
    assert lawyers.compute_single("440105", q2).value == 2
    now, before = lawyers.compute_with_previous("440105", Q1)
    assert (now.value, before.value) == (1, 2)  # 同比 against Q1 2025
    rows = lawyers.cases("440105", Q1)
    assert list(rows.values_list("name", flat=True)) == ["陈律师"]
