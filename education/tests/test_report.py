"""Public legal education's section of the annual report (education.report), on a small world
written through the services (education.tests.conftest), as the samples write it (白云 2019
"开展普法教育活动 11800 余场，发放各类法治宣传资料 335 万余册，受教育人数近 307 万人次"; 罗湖 2020
"对5家重点单位普法履职工作进行评议"). Time is frozen on 15 Jan 2027: 2026 and 2025 are whole
years.

海珠 (440105), two agencies (市场监督管理局, 城市管理和综合执法局):
- Responsibility lists: both agencies' 2025 lists published in 2025 → 2 of 2 = 100% on 31 Dec
  2025 (2024: none of 2 = 0%, 同比上升100个百分点); the 2026 list of 市场监督管理局 alone → 1 of
  2 = 50% on 31 Dec 2026, 同比下降50个百分点.
- Evaluations published: 2025, 市场监督管理局's of 2024 (Sat 1 Mar 2025) → 1; 2026, 城管's of
  2024 (Mon 5 Jan 2026) and of 2025, 市场监督管理局's of 2025 (both Sun 1 Mar 2026) → 3 → 同比
  3 ÷ 1 = 增长200%. None in 2024: no 同比 in the 2025 report.
- Activities 2025 (the conftest's, Thu 4 Dec 2025, of the bureau and the agency): 2, people
  120 + 120 = 240, materials 300 + 300 = 600, no online views. 2026: a lecture (Sun 15 Mar, 80
  people, 200 copies), a live stream (Wed 1 Jul, 5000 views), a law-month event (Wed 2 Dec,
  120 people, 100 copies) → 3 (增长50%), 200 people (200 ÷ 240 − 1 = 下降16.7%), 300 copies
  (下降50%), 5000 views (none in 2025: no 同比).
- Model villages: 赤岗社区 named national in 2020 and provincial in 2026 → 2 titles on 31 Dec
  2026, 1 on 31 Dec 2025.

白云 (440111) 2026: one agency with no list (0 of 1 = 0%, as in 2025), no activity in 2026,
景泰社区's city title of 2019 → the lists' rate and the villages; no activities' paragraph.
越秀 (440104), with a justice bureau and nothing else: the opening sentence alone.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import Organization, OrganizationKind, Region
from education import report as education_report
from education import services
from education.tests.conftest import activity_data
from indicators.registry import registry
from reports import figures, render
from reports.outline import CONTRIBUTIONS
from reports.services import report_create

D = datetime.date
pytestmark = pytest.mark.django_db
HEADING, INTRO = education_report.HEADING, education_report.INTRO


def unit(key: str) -> str:
    """An indicator's unit as gettext gives it."""
    return str(registry.get(key).unit)


EVENTS, PEOPLE = unit("education.activities"), unit("education.people_reached")
COPIES, VIEWS = unit("education.materials_distributed"), unit("education.online_views")
TITLES, AGENCIES = unit("education.model_villages"), unit("education.evaluations_published")
ITEMS = [{"law": "《中华人民共和国食品安全法》", "target_audience": "食品经营者",
          "measures": "以案释法"}]  # fmt: skip


def _list(w, agency, year, published_on):
    lst = services.list_create(actor=w.clerk_haizhu, agency=agency, year=year, items=ITEMS)
    services.list_publish(actor=w.clerk_haizhu, responsibility_list=lst,
                          published_on=published_on)  # fmt: skip


def _evaluation(w, agency, year, reported_on, published_on):
    evaluation = services.evaluation_report(actor=w.clerk_haizhu, agency=agency, year=year,
                                            self_report="年度普法履职情况", reported_on=reported_on)  # fmt: skip
    services.evaluation_assess(actor=w.clerk_haizhu, evaluation=evaluation,
                               data={"expert_score": "92", "grade": "excellent"})  # fmt: skip
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=evaluation,
                                published_on=published_on)  # fmt: skip


@pytest.fixture
def data(edu):
    w = edu
    moment = datetime.datetime(2027, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        _list(w, w.haizhu_agency, 2025, D(2025, 3, 10))
        _list(w, w.chengguan, 2025, D(2025, 4, 1))
        _list(w, w.haizhu_agency, 2026, D(2026, 3, 10))
        _evaluation(w, w.haizhu_agency, 2024, D(2025, 1, 20), D(2025, 3, 1))
        _evaluation(w, w.chengguan, 2024, D(2025, 1, 20), D(2026, 1, 5))
        _evaluation(w, w.chengguan, 2025, D(2026, 1, 20), D(2026, 3, 1))
        _evaluation(w, w.haizhu_agency, 2025, D(2026, 1, 20), D(2026, 3, 1))
        for day, form, people, copies, views in (
            (D(2026, 3, 15), "lecture", 80, 200, 0),
            (D(2026, 7, 1), "live_stream", 0, 0, 5000),
            (D(2026, 12, 2), "law_month", 120, 100, 0),
        ):  # fmt: skip
            services.activity_record(actor=w.clerk_haizhu, data=activity_data(
                w.haizhu_bureau, held_on=day, form=form, people_reached=people,
                materials_distributed=copies, online_views=views))  # fmt: skip
        for region, level, year, actor in (
            ("440105001001", "national", 2020, w.clerk_haizhu),
            ("440105001001", "provincial", 2026, w.clerk_haizhu),
            ("440111004001", "city", 2019, w.clerk_baiyun),
        ):  # fmt: skip
            services.village_register(actor=actor, data={"region": region, "level": level,
                                                         "year_named": year})  # fmt: skip
        yield w


def _section(report) -> list[str]:
    """The section's paragraphs as printed."""
    blocks = render.paragraphs(report)
    start = next(i for i, (_k, text) in enumerate(blocks) if text.endswith(HEADING)) + 1
    out = []
    for kind, text in blocks[start:]:
        if kind != "body":
            break
        out.append(text)
    return out


def test_the_section_follows_public_legal_services_and_keeps_its_figures_as_tokens(data):
    w = data
    order = {c.key: c.order for c in CONTRIBUTIONS}
    assert order["enforcement"] < order["legalservice"] < order["education"]
    report_ = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)
    keys = [s.key for s in report_.sections.order_by("position")]
    # The legal-services sector (profession, order 52) sits between the two.
    assert keys.index("measures.profession") + 1 == keys.index("measures.education")
    section = report_.sections.get(key="measures.education")
    assert section.level == 2 and section.heading == "（十一）" + HEADING
    assert figures.unknown_keys(section.body) == []
    assert "education.activities" in figures.keys_in(section.body)


def test_the_paragraphs_print_the_worked_figures(data):
    w = data
    assert _section(report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)) == [
        INTRO + "截至12月31日，公布普法责任清单的行政机关占50%，同比下降50个百分点；"
        f"开展国家机关普法履职评议，全年对3{AGENCIES}单位普法履职工作进行评议并公布结果，同比增长200%。",
        f"广泛开展普法宣传，全年开展普法教育活动3{EVENTS}，同比增长50%；"
        f"发放各类法治宣传资料300{COPIES}，同比下降50%；受教育人数200{PEOPLE}，同比下降16.7%；"
        f"线上普法观看5000{VIEWS}。",
        "深化民主法治示范村（社区）创建，截至12月31日，"
        f"辖区村（社区）共获各级民主法治示范村（社区）称号2{TITLES}。",
    ]


def test_a_year_whose_year_before_had_nothing_has_no_comparison_on_its_counts(data):
    w = data
    text = _section(report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2025))
    assert text == [
        INTRO + "截至12月31日，公布普法责任清单的行政机关占100%，同比上升100个百分点；"
        f"开展国家机关普法履职评议，全年对1{AGENCIES}单位普法履职工作进行评议并公布结果。",
        f"广泛开展普法宣传，全年开展普法教育活动2{EVENTS}；发放各类法治宣传资料600{COPIES}；"
        f"受教育人数240{PEOPLE}。",
        "深化民主法治示范村（社区）创建，截至12月31日，"
        f"辖区村（社区）共获各级民主法治示范村（社区）称号1{TITLES}。",
    ]


def test_sentences_without_data_are_left_out(data):
    w = data
    assert _section(report_create(actor=w.clerk_baiyun, region=w.baiyun, year=2026)) == [
        INTRO + "截至12月31日，公布普法责任清单的行政机关占0%，与上年持平。",
        "深化民主法治示范村（社区）创建，截至12月31日，"
        f"辖区村（社区）共获各级民主法治示范村（社区）称号1{TITLES}。",
    ]
    yuexiu = Region.objects.get(code="440104000000")
    Organization.objects.create(name="越秀区司法局", kind=OrganizationKind.JUSTICE_BUREAU,
                                region=yuexiu, parent=w.city_bureau)  # fmt: skip
    report_ = report_create(actor=w.leader_gz, region=yuexiu, year=2026)
    assert _section(report_) == [INTRO]
    assert figures.keys_in(report_.sections.get(key="measures.education").body) == set()
