"""Public legal services' section of the annual report (legalservice.report), on a small world
written through the services (legalservice.tests.conftest), as the samples write it (白云 2019
"实体和网络平台提供法律服务 12362 件，同比增长 38% … 全区村（社区）法律顾问共为群众提供法律服务 8472 件次";
海珠 2020 "为325家企业提供法治体检"). Time is frozen on 15 Jan 2027: 2026 and 2025 are whole
years.

海珠 (440105), four villages under 赤岗街道:
- Points: the district centre and 赤岗街道's station (no founding day: before records were
  kept), 赤岗北社区's office established Fri 1 May 2026 → 3 standing on 31 Dec 2026, 2 on
  31 Dec 2025.
- Services 2026: window (answered), hotline (referred to mediation), online (referred to legal
  aid), hotline (litigation guidance) → 4, of which 2 referred; 2025: two answered → 2. 同比 on
  the services 4 against 2 = 增长100%; none referred in 2025: no 同比 on the referrals.
- Advisers: 陈律师 at 赤岗北社区 from 1 Jan 2025, 林律师 at 赤岗南社区 from 1 July 2025 to 30 June
  2026 (ended_on 1 July) → 31 Dec 2026: 1 of 4 = 25%; 31 Dec 2025: 2 of 4 = 50% → 同比下降25个
  百分点; 31 Dec 2024: 0 of 4 = 0% → the 2025 report: 同比上升50个百分点.
- Advisers' logs (陈律师): March 2026 3+4+2+1 = 10, November 2026 1+1+0+0 = 2 → 12; May 2025
  2+2+2+2 = 8 → 同比 12 ÷ 8 = 增长50%.
- Check-ups: 甲公司 Tue 20 Jan 2026, 乙公司 Thu 3 Sep 2026 → 2; none in 2025: no 同比.

白云 (440111) 2026: 景泰街道工作站 (1 point), 黄律师 at 景泰社区 from Sun 1 Mar 2026 → 1 of 2
villages = 50% (2025: 0%, 同比上升50个百分点); no services, logs or check-ups: those sentences
are left out. 越秀 (440104), with a justice bureau and nothing else: the opening sentence alone.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import Organization, OrganizationKind, Region
from indicators.registry import registry
from legalservice import report as legalservice_report
from legalservice import services
from legalservice.tests.conftest import adviser, point, record
from reports import figures, render
from reports.outline import CONTRIBUTIONS
from reports.services import report_create

D = datetime.date
pytestmark = pytest.mark.django_db
HEADING, INTRO = legalservice_report.HEADING, legalservice_report.INTRO
# The units as gettext gives them.
POINTS = str(registry.get("legalservice.service_points").unit)
TIMES = str(registry.get("legalservice.services").unit)
ENTERPRISES = str(registry.get("legalservice.enterprise_checkups").unit)


def _log(w, a, month, counts):
    services.adviser_log_record(actor=w.office_haizhu, adviser=a, data=dict(
        month=month, visits=counts[0], consultations=counts[1],
        documents_reviewed=counts[2], lectures=counts[3]))  # fmt: skip


def _checkup(w, day, name):
    services.checkup_record(actor=w.clerk_haizhu, data={
        "enterprise_name": name, "checked_on": day, "organization": w.haizhu_bureau,
        "lawyer": w.lawyer_a, "problems_found": 2, "advice": "完善劳动合同"})  # fmt: skip


@pytest.fixture
def data(ls):
    w = ls
    moment = datetime.datetime(2027, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        point(w, name="海珠区公共法律服务中心", level="centre", region=w.haizhu,
              organization=w.haizhu_bureau, actor=w.clerk_haizhu)  # fmt: skip
        station = point(w)
        point(w, name="赤岗北社区工作室", level="office", region=w.villages[0],
              established_on=D(2026, 5, 1))  # fmt: skip
        point(w, name="景泰街道工作站", region=w.baiyun_street, organization=w.baiyun_office,
              actor=w.office_baiyun)  # fmt: skip
        record(w, served_on=D(2026, 1, 5), channel="window", service_point=station)
        record(w, served_on=D(2026, 2, 5), channel="hotline", outcome="referred_mediation")
        record(w, served_on=D(2026, 3, 31), channel="online", outcome="referred_legal_aid")
        record(w, served_on=D(2026, 8, 3), channel="hotline", outcome="litigation_guidance")
        record(w, served_on=D(2025, 4, 7))
        record(w, served_on=D(2025, 10, 9), channel="hotline")
        a1 = adviser(w, w.villages[0], w.lawyer_a, started_on=D(2025, 1, 1))
        adviser(w, w.villages[1], w.lawyer_b, started_on=D(2025, 7, 1), ended_on=D(2026, 7, 1))
        adviser(w, w.baiyun_villages[0], w.lawyer_baiyun, actor=w.office_baiyun,
                started_on=D(2026, 3, 1))  # fmt: skip
        _log(w, a1, D(2026, 3, 1), (3, 4, 2, 1))
        _log(w, a1, D(2026, 11, 1), (1, 1, 0, 0))
        _log(w, a1, D(2025, 5, 1), (2, 2, 2, 2))
        _checkup(w, D(2026, 1, 20), "甲公司")
        _checkup(w, D(2026, 9, 3), "乙公司")
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


def test_the_section_follows_enforcement_and_keeps_its_figures_as_tokens(data):
    w = data
    order = {c.key: c.order for c in CONTRIBUTIONS}
    assert order["enforcement"] < order["legalservice"]
    report_ = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)
    keys = [s.key for s in report_.sections.order_by("position")]
    assert keys.index("measures.enforcement") + 1 == keys.index("measures.legalservice")
    section = report_.sections.get(key="measures.legalservice")
    assert section.level == 2 and section.heading == "（九）" + HEADING
    assert figures.unknown_keys(section.body) == []
    assert "legalservice.services" in figures.keys_in(section.body)


def test_the_paragraphs_print_the_worked_figures(data):
    w = data
    text = _section(report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026))
    assert text == [
        INTRO + f"截至12月31日，建成公共法律服务实体平台3{POINTS}；"
        f"全年实体、热线和网络平台提供法律服务4{TIMES}，同比增长100%；"
        f"其中转介人民调解、法律援助、行政复议2{TIMES}。",
        "推进一村（社区）一法律顾问工作，截至12月31日，村（社区）法律顾问覆盖率25%，"
        f"同比下降25个百分点；全年村（社区）法律顾问共为群众提供法律服务12{TIMES}，同比增长50%。",
        f"组织律师为企业开展法治体检，全年为2{ENTERPRISES}企业提供法治体检。",
    ]


def test_the_year_before_has_no_comparison_where_its_own_year_before_had_nothing(data):
    w = data
    text = _section(report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2025))
    assert text == [
        INTRO + f"截至12月31日，建成公共法律服务实体平台2{POINTS}；"
        f"全年实体、热线和网络平台提供法律服务2{TIMES}。",
        "推进一村（社区）一法律顾问工作，截至12月31日，村（社区）法律顾问覆盖率50%，"
        f"同比上升50个百分点；全年村（社区）法律顾问共为群众提供法律服务8{TIMES}。",
    ]


def test_sentences_without_data_are_left_out(data):
    w = data
    assert _section(report_create(actor=w.clerk_baiyun, region=w.baiyun, year=2026)) == [
        INTRO + f"截至12月31日，建成公共法律服务实体平台1{POINTS}。",
        "推进一村（社区）一法律顾问工作，截至12月31日，村（社区）法律顾问覆盖率50%，"
        "同比上升50个百分点。",
    ]
    yuexiu = Region.objects.get(code="440104000000")
    Organization.objects.create(name="越秀区司法局", kind=OrganizationKind.JUSTICE_BUREAU,
                                region=yuexiu, parent=w.city_bureau)  # fmt: skip
    report_ = report_create(actor=w.leader_gz, region=yuexiu, year=2026)
    assert _section(report_) == [INTRO]
    assert figures.keys_in(report_.sections.get(key="measures.legalservice").body) == set()
