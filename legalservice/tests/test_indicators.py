"""The line's indicators equal counts made by hand over a small set of records, in the grouped
path and in the single-query path alike; each is registered with a definition, a source and
the business line."""

from __future__ import annotations

import datetime

import pytest

from indicators.registry import Period, registry
from legalservice import services
from legalservice.tests.conftest import adviser, point, record

D = datetime.date
pytestmark = pytest.mark.django_db
KEYS = (
    "legalservice.service_points",
    "legalservice.services",
    "legalservice.referrals",
    "legalservice.village_adviser_coverage",
    "legalservice.village_adviser_services",
    "legalservice.enterprise_checkups",
    "legalservice.qa_helpful_rate",
)
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))


def test_every_indicator_is_registered_with_definition_source_and_line():
    for key in KEYS:
        indicator = registry.get(key)
        assert str(indicator.definition) and str(indicator.source), key
        assert indicator.business_line == "legalservice", key


@pytest.fixture
def data(ls):
    w = ls
    point(w, name="海珠区公共法律服务中心", level="centre", region=w.haizhu,
          organization=w.haizhu_bureau, actor=w.clerk_haizhu)  # fmt: skip
    station = point(w)
    point(w, name="赤岗北社区工作室", level="office", region=w.villages[0])
    point(w, name="江海社区工作室", level="office", region=w.villages[2],
          established_on=D(2026, 5, 1))  # after Q1: not counted  # fmt: skip
    point(w, name="旧工作室", level="office", region=w.villages[1], is_active=False,
          established_on=D(2020, 1, 1), closed_on=D(2026, 2, 1))  # closed in Q1  # fmt: skip
    point(w, name="景泰街道工作站", region=w.baiyun_street, organization=w.baiyun_office,
          actor=w.office_baiyun)  # fmt: skip
    # Services: 海珠 four in Q1 (two referrals), one in April; 白云 one in Q1.
    record(w, served_on=D(2026, 1, 5), channel="window", service_point=station)
    record(w, served_on=D(2026, 2, 5), channel="hotline", matter_kind="contract",
           outcome="referred_mediation")  # fmt: skip
    record(w, served_on=D(2026, 3, 31), channel="online", matter_kind="labour",
           outcome="referred_legal_aid")  # fmt: skip
    record(w, served_on=D(2026, 3, 1), channel="hotline", outcome="litigation_guidance")
    record(w, served_on=D(2026, 4, 1), channel="hotline", outcome="referred_reconsideration")
    record(w, served_on=D(2026, 2, 1), organization=w.baiyun_office, actor=w.office_baiyun,
           outcome="referred_reconsideration")  # fmt: skip
    # Advisers: two of 海珠's four villages; logs in Q1 and one in April.
    a1 = adviser(w, w.villages[0], w.lawyer_a)
    adviser(w, w.villages[1], w.lawyer_b)
    for month, counts in ((D(2026, 1, 1), (2, 5, 1, 0)), (D(2026, 3, 1), (3, 4, 2, 1)),
                          (D(2026, 4, 1), (9, 9, 9, 9))):  # fmt: skip
        services.adviser_log_record(actor=w.office_haizhu, adviser=a1, data=dict(
            month=month, visits=counts[0], consultations=counts[1],
            documents_reviewed=counts[2], lectures=counts[3]))  # fmt: skip
    for day, name in ((D(2026, 1, 20), "甲公司"), (D(2026, 3, 3), "乙公司"),
                      (D(2026, 4, 2), "丙公司")):  # fmt: skip
        services.checkup_record(actor=w.clerk_haizhu, data={
            "enterprise_name": name, "checked_on": day, "organization": w.haizhu_bureau,
            "lawyer": w.lawyer_a, "problems_found": 2, "advice": "完善劳动合同"})  # fmt: skip
    _votes(w)
    return w


def _votes(w):
    """The answers to "was this helpful?" on three published entries (two of 海珠's units,
    one of 白云's), each at a moment in Asia/Shanghai; Q1 2026 counts by the local day."""
    from zoneinfo import ZoneInfo

    import time_machine

    from legalservice import qa_services
    from legalservice.tests.test_qa_search import CUSTODY, WAGES

    w.wages = qa_services.entry_create(actor=w.office_haizhu,
                                       data={**WAGES, "organization": w.haizhu_office})  # fmt: skip
    w.custody = qa_services.entry_create(actor=w.clerk_haizhu,
                                         data={**CUSTODY, "organization": w.haizhu_bureau})  # fmt: skip
    w.own = qa_services.entry_create(actor=w.office_baiyun, data={
        **WAGES, "question": "工资被拖欠怎么办", "organization": w.baiyun_office})  # fmt: skip
    for entry, session, helpful, moment in VOTES:
        at = datetime.datetime(*moment, tzinfo=ZoneInfo("Asia/Shanghai"))
        with time_machine.travel(at, tick=False):
            assert qa_services.vote(entry=getattr(w, entry), session_key=session, helpful=helpful)


# (entry, browser session, helpful, local moment). 海珠 in Q1 2026: 4 helpful of 6 → 66.67 %
# (the answer of 00:30 on 1 January counts in 2026, that of 23:30 on 31 December 2025 and
# that of 1 April do not); 广州 adds 白云's one helpful: 5 of 7 → 71.43 %.
VOTES = (
    ("custody", "s-0", True, (2025, 12, 31, 23, 30)),
    ("custody", "s-1", True, (2026, 1, 1, 0, 30)),
    ("custody", "s-2", False, (2026, 1, 5, 9, 0)),
    ("wages", "s-1", True, (2026, 2, 10, 9, 0)),
    ("wages", "s-2", True, (2026, 2, 10, 15, 0)),
    ("wages", "s-3", False, (2026, 2, 11, 9, 0)),
    ("wages", "s-4", True, (2026, 3, 31, 23, 59)),
    ("wages", "s-5", True, (2026, 4, 1, 8, 0)),
    ("own", "s-1", True, (2026, 2, 2, 10, 0)),
)


EXPECTED_HAIZHU = {
    "legalservice.service_points": 3,  # centre, station, 赤岗北 office
    "legalservice.services": 4,
    "legalservice.referrals": 2,  # mediation and legal aid; litigation guidance is none
    "legalservice.village_adviser_services": 8 + 10,
    "legalservice.enterprise_checkups": 2,
}


@pytest.mark.parametrize("key", list(EXPECTED_HAIZHU))
def test_haizhu_figures_equal_the_hand_counts(data, key):
    indicator = registry.get(key)
    assert indicator.compute("440105", Q1).value == EXPECTED_HAIZHU[key]
    assert indicator.compute_single("440105", Q1).value == EXPECTED_HAIZHU[key]


def test_the_city_adds_baiyun(data):
    assert registry.get("legalservice.services").compute("4401", Q1).value == 5
    assert registry.get("legalservice.referrals").compute("4401", Q1).value == 3
    assert registry.get("legalservice.service_points").compute("4401", Q1).value == 4


def test_coverage_of_haizhu(data):
    figure = registry.get("legalservice.village_adviser_coverage").compute("440105", Q1)
    assert (figure.numerator, figure.denominator, str(figure.value)) == (2, 4, "50.00")


def test_the_helpful_rate_of_the_qa_library(data):
    rate = registry.get("legalservice.qa_helpful_rate")
    for compute in (rate.compute, rate.compute_single):
        figure = compute("440105", Q1)
        assert (figure.numerator, figure.denominator, str(figure.value)) == (4, 6, "66.67")
    city = rate.compute("4401", Q1)
    assert (city.numerator, city.denominator, str(city.value)) == (5, 7, "71.43")
    baiyun = rate.compute("440111", Q1)
    assert (baiyun.numerator, baiyun.denominator, str(baiyun.value)) == (1, 1, "100.00")
    # A year and its 同比: 2026 to the end of April holds the April answer too (5 of 7); the
    # same span of 2025 has none (no rate), and 31 December 2025 lies outside both.
    year = rate.compute("440105", Period(D(2026, 1, 1), D(2026, 4, 30)))
    assert (year.numerator, year.denominator) == (5, 7)
    figure, previous = rate.compute_with_previous("440105", Q1)
    assert (figure.numerator, figure.denominator) == (4, 6)
    assert (previous.denominator, previous.value) in ((0, None), (None, None))
    december = rate.compute("440105", Period.month(2025, 12))
    assert (december.numerator, december.denominator) == (1, 1)
    by_unit = rate.breakdowns["organization"]("440105", Q1)
    assert by_unit == {
        data.haizhu_office.name: {"numerator": 3, "denominator": 4},
        data.haizhu_bureau.name: {"numerator": 1, "denominator": 2},
    }


def test_breakdowns_by_channel_kind_level_and_outcome(data):
    from django.utils import translation

    from legalservice.choices import MatterKind, PointLevel, ServiceChannel, ServiceOutcome

    with translation.override("en"):
        services_ = registry.get("legalservice.services")
        by_channel = services_.breakdowns["channel"]("440105", Q1)
        assert by_channel == {str(ServiceChannel.WINDOW.label): 1,
                              str(ServiceChannel.HOTLINE.label): 2,
                              str(ServiceChannel.ONLINE.label): 1}  # fmt: skip
        by_kind = services_.breakdowns["matter_kind"]("440105", Q1)
        assert by_kind == {str(MatterKind.LABOUR.label): 3, str(MatterKind.CONTRACT.label): 1}
        by_level = registry.get("legalservice.service_points").breakdowns["level"]("440105", Q1)
        assert by_level == {str(PointLevel.CENTRE.label): 1, str(PointLevel.STATION.label): 1,
                            str(PointLevel.OFFICE.label): 1}  # fmt: skip
        referrals = registry.get("legalservice.referrals").breakdowns["outcome"]("440105", Q1)
        assert referrals == {str(ServiceOutcome.TO_MEDIATION.label): 1,
                             str(ServiceOutcome.TO_LEGAL_AID.label): 1}  # fmt: skip


def test_the_drill_down_lists_the_records_counted(data, login):
    client = login(data.leader_gz)
    response = client.get("/dashboard/figures/legalservice.referrals/cases/",
                          {"region": "440105000000", "start": "2026-01-01", "end": "2026-03-31"})  # fmt: skip
    assert response.status_code == 200
    assert response.context["total"] == 2
