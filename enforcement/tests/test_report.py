"""Enforcement supervision's section of the annual report (enforcement.report), on a small world
written through the services (enforcement.tests.decision_world, complaints_support, test_review),
as the samples write it (海珠 2020 "（三）严格规范公正文明执法 … 期限内完成公示率100% … 开展行政执法证
考试2场次,共473人参加"; 白云 2019 "公开行政执法数据7376条"). Time is frozen on 15 Jan 2027: 2026 and
2025 are whole years.

海珠 (440105):
- Decisions 2026: those of test_decision_indicators (P0 decided 31 Mar, P1, P2, P3, I1, L1, S1,
  C1 in April–May, C1 here of 市监) = 8; published in 2026: P0, P1, P2, P3, I1, C1 = 6; to be published: 8 − S1
  = 7, on time P0, P1, P3, I1, C1 = 5 → 公示率 5 ÷ 7 = 71.43% (printed 71.4%); legal review
  missing 1 (P2), no full-process record 1 (I1).
- Decisions 2025: four rows of 市监 (R1–R4), each recorded, published three days after the
  decision, three on time → 4 decisions, 4 published, 3 ÷ 4 = 75%, none missing its record.
  同比 2026: decisions 8 against 4 = 增长100%; published 6 against 4 = 增长50%; 公示率 71.4%
  against 75% = 下降3.6个百分点. 2024 has no decisions: no 同比 in the 2025 report.
- Exams: 2025, the four 海珠 officers of decision_world (张伟, 李强, 王芳, 赵敏), each in a
  sitting of Wed 20 May 2025, all passed → 4 candidates, 100%. 2026: a sitting on Wed 16 Sep
  2026, 孙丽 90 and 刘洋 55 (pass mark 60) → 2 candidates (同比 下降50%), 1 ÷ 2 = 50%
  (下降50个百分点).
- Certificates (issued Mon 2 June 2025, valid to 2028; 孙丽's Thu 8 Oct 2026): at 31 Dec 2026
  张伟, 李强, 赵敏, 孙丽 = 4 (王芳 suspended from 2 Mar 2026); at 31 Dec 2025 the four of 2025 = 4;
  at 31 Dec 2024 none.
- Case-file review: campaign on 2025's decisions (sample 4 of 市监's 4), scored in 2026: A 100
  and B 80 on Wed 1 Apr, C 71 on Thu 2 Apr → 3 files, mean 251 ÷ 3 = 83.67 (printed 83.67分);
  rectifications notified Thu 2 Apr 2026 on B and C (due Sat 2 May 2026), B's accepted, C's
  not answered → 1 ÷ 2 = 50%. None in 2025: no 同比.
- Complaints (complaints_support's worked example, June–July 2026): 1 complaint; replies due
  A1 on time, B1 late, A2 on time → 2 ÷ 3 = 66.67% (printed 66.7%). None in 2025.

白云 (440111) 2026: only 陈静's certificate (valid) → the officers' paragraph with 1名 and nothing
else. 海珠 2024: nothing at all → the opening sentence alone.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from enforcement import report as enforcement_report
from enforcement import review_services as svc
from enforcement.choices import PowerKind
from enforcement.decision_models import Decision
from enforcement.tests.complaints_support import worked_example
from enforcement.tests.conftest import issue, officer, on, results, sign_up, sitting
from enforcement.tests.decision_world import build, report
from enforcement.tests.test_review import FULL, perms  # noqa: F401  (fixture)
from indicators.registry import registry
from reports import figures, render
from reports.outline import CONTRIBUTIONS
from reports.services import report_create

D = datetime.date
pytestmark = pytest.mark.django_db
HEADING, INTRO = enforcement_report.HEADING, enforcement_report.INTRO
# The unit of enforcement.published (条), as gettext gives it.
ITEMS = str(registry.get("enforcement.published").unit)
NOT_PENALTY = {"penalty_kinds": [], "fine_amount": None, "power_code": ""}


def _decisions_2026(w):
    """test_decision_indicators' decisions, reported on Wed 10 June 2026."""

    def n(i):
        return f"穗海〔2026〕{i}号"

    with on(D(2026, 6, 10)):
        report(w, case_number=n(1), decided_on=D(2026, 4, 29), published_on=D(2026, 5, 12))
        report(w, case_number=n(2), decided_on=D(2026, 4, 29), published_on=D(2026, 5, 13),
               legal_review_triggers=["hearing"])  # fmt: skip
        report(w, case_number=n(3), decided_on=D(2026, 4, 30), published_on=D(2026, 5, 13),
               legal_review_triggers=["complex"], legal_reviewed_on=D(2026, 4, 29))  # fmt: skip
        report(w, case_number=n(4), kind="inspection", decided_on=D(2026, 4, 2),
               published_on=D(2026, 5, 6), recorded_full_process=False, **NOT_PENALTY)  # fmt: skip
        report(w, case_number=n(5), kind="licence", decided_on=D(2026, 5, 11), **NOT_PENALTY)
        report(w, case_number=n(6), decided_on=D(2026, 5, 11), publication_required=False,
               publication_exempt_reason="涉及国家秘密")  # fmt: skip
        report(w, case_number=n(7), decided_on=D(2026, 5, 12), published_on=D(2026, 5, 21))
        report(w, case_number=n(0), decided_on=D(2026, 3, 31), published_on=D(2026, 4, 1))


def _decisions_2025(w):
    """R1–R4 of 市监, written as rows (the review reads them only): all recorded, published three
    days after the decision, R4 late."""
    rows = []
    for i, day in enumerate((D(2025, 3, 2), D(2025, 5, 6), D(2025, 8, 4), D(2025, 10, 13)), 1):
        rows.append(Decision(
            body=w.shijian_body, agency_id=w.shijian_body.agency_id,
            region_code=w.shijian_body.region_code, case_number=f"穗海市监罚〔2025〕{i}号",
            kind="penalty", party_kind="organization", party_name=f"当事人{i}", decided_on=day,
            facts="事实", legal_basis="依据", result="警告", source="api",
            recorded_full_process=True, published_on=day + datetime.timedelta(days=3),
            published_on_time=i != 4))  # fmt: skip
    Decision.objects.bulk_create(rows)


def _exam_2026(w):
    w.sun = officer(w, w.chengguan_body, "孙丽", 16)
    w.liu = officer(w, w.shijian_body, "刘洋", 17)
    s = sitting(w, D(2026, 9, 16), pass_mark="60")
    c_sun, c_liu = sign_up(w, s, w.sun), sign_up(w, s, w.liu)
    results(w, s, {c_sun: "90", c_liu: "55"})
    issue(w, w.sun, "44010500006", D(2026, 10, 8), D(2029, 10, 7))


def _review_2026(w):
    with on(D(2026, 3, 1)):
        c = svc.campaign_create(actor=w.clerk_haizhu, organization=w.haizhu_bureau, data={
            "title": "2025年度行政执法案卷评查", "year": 2025, "seed": 20260301,
            "sample_size": 4})  # fmt: skip
    with on(D(2026, 3, 2)):
        svc.campaign_draw(actor=w.clerk_haizhu, campaign=c)
    a, b, cc = list(c.files.order_by("position"))[:3]
    for f, day, points in ((a, D(2026, 4, 1), FULL), (b, D(2026, 4, 1), {**FULL, "facts": 5}),
                           (cc, D(2026, 4, 2), {**FULL, "facts": 0, "law": 16})):  # fmt: skip
        with on(day):
            svc.file_score(actor=w.clerk_haizhu, file=f, data={"scores": points})
    with on(D(2026, 4, 2)):
        rb = svc.rectification_notify(actor=w.clerk_haizhu, file=b, problem="证据不充分")
        rc = svc.rectification_notify(actor=w.clerk_haizhu, file=cc, problem="法律适用错误")
    assert rb.deadline == rc.deadline == D(2026, 5, 2)
    with on(D(2026, 4, 20)):
        svc.rectification_answer(actor=w.agency_haizhu, rectification=rb, answer="已整改")
    with on(D(2026, 4, 21)):
        svc.rectification_accept(actor=w.clerk_haizhu, rectification=rb)


@pytest.fixture
def world(ew, settings, perms):  # noqa: F811
    w = build(ew, settings)
    _decisions_2026(w)
    _decisions_2025(w)
    _exam_2026(w)
    _review_2026(w)
    worked_example(w)
    moment = datetime.datetime(2027, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
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


def test_the_section_follows_the_major_decisions_and_keeps_its_figures_as_tokens(world):
    w = world
    order = {c.key: c.order for c in CONTRIBUTIONS}
    assert order["decisions"] < order["enforcement"]
    report_ = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)
    section = report_.sections.get(key="measures.enforcement")
    assert section.level == 2 and section.heading.endswith("）" + HEADING)
    assert figures.unknown_keys(section.body) == []
    assert "enforcement.published" in figures.keys_in(section.body)


def test_the_paragraphs_print_the_worked_figures(world):
    w = world
    text = _section(report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026))
    assert text == [
        INTRO + "全年各执法单位报送行政执法决定8件，同比增长100%；"
        f"公开行政执法数据6{ITEMS}，同比增长50%；期限内公示率71.4%，同比下降3.6个百分点。"
        "报送的执法决定中，应当进行法制审核而未审核的1件、未作执法全过程记录的1件。",
        "严格落实执法人员持证上岗和资格管理制度。全年组织行政执法资格考试，参考人员2名，同比下降50%，"
        "考试通过率50%，同比下降50个百分点。截至12月31日，持有效行政执法证件的执法人员4名。",
        "开展行政执法案卷评查，全年评查行政执法案卷3件，平均得分83.67分；对评查发现的问题督促整改，"
        "整改完成率50%。",
        "畅通行政执法投诉举报渠道，全年收到行政执法投诉举报1项；分派有关执法部门协同办理，"
        "按期答复率66.7%。",
    ]


def test_a_year_without_missing_records_says_all_were_recorded(world):
    w = world
    text = _section(report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2025))
    assert text == [
        INTRO + f"全年各执法单位报送行政执法决定4件；公开行政执法数据4{ITEMS}；期限内公示率75%。"
        "报送的执法决定均作执法全过程记录。",
        "严格落实执法人员持证上岗和资格管理制度。全年组织行政执法资格考试，参考人员4名，"
        "考试通过率100%。截至12月31日，持有效行政执法证件的执法人员4名。",
    ]
    assert "同比" not in "".join(text)


def test_sentences_without_data_are_left_out(world):
    w = world
    assert _section(report_create(actor=w.clerk_baiyun, region=w.baiyun, year=2026)) == [
        INTRO,
        "严格落实执法人员持证上岗和资格管理制度。截至12月31日，持有效行政执法证件的执法人员1名。",
    ]
    report_ = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2024)
    assert _section(report_) == [INTRO]
    assert figures.keys_in(report_.sections.get(key="measures.enforcement").body) == set()


def test_items_published_count_the_publicity_days_in_the_period(world):
    from indicators.registry import Period

    published = registry.get("enforcement.published")
    assert published.compute("440105", Period.year(2026)).value == 6
    assert published.compute("440105", Period.quarter(2026, 1)).value == 0  # P0 on 1 April
    assert published.compute("440105", Period.year(2025)).value == 4
    assert published.compute("440111", Period.year(2026)).value == 0
    by_kind = published.breakdowns["kind"]("440105", Period.year(2026))
    assert by_kind == {str(PowerKind.PENALTY.label): 5, str(PowerKind.INSPECTION.label): 1}
    for prefix in ("440105", "4401", "440111"):
        grouped = published.compute(prefix, Period.year(2026))
        single = published.compute_single(prefix, Period.year(2026))
        assert grouped.value == single.value
