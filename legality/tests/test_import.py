"""Excel import of past legality reviews (legality.importing): all rows or none, errors by row
and Chinese column header, each row as far as its columns reach (legality.process), the review
clock replayed over its steps with its 补正 pause, only the departments and bureaus within the
importer's reach, no submission twice.

The tests run on Monday 28 December 2026. Periods (legality.process): normative document 15
working days (国办发〔2018〕115号 ❓), major decision 15 ❓ and "一般不少于7个工作日"
(重大行政决策程序暂行条例第二十六条), contract 10 ❓; the day of submission is not counted, make-up
working days count, statutory holidays do not (statutes.md §10); 补正: the days after the request
up to and including the day the materials arrive are not counted. 2026: 中秋 Fri 25 – Sun 27
September; 国庆 Thu 1 – Wed 7 October; make-up working days Sun 20 September, Sat 10 October.
2027 has no schedule yet (chinesecalendar 1.11): a period reaching it is provisional (暂定).
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import CaseEvent, Clock, ClockPause, ClockState
from cases.testing import on
from conftest import _user
from core.errors import PermissionDenied
from core.roles import Role
from core.testing import Sheet, cells, filled
from legality.choices import Conclusion, ReviewKind
from legality.importing import (
    COLUMNS,
    CONCLUSIONS,
    KINDS,
    import_legality_reviews,
    template,
)
from legality.models import LegalityReview, OpinionPoint
from legality.process import S

D = datetime.date
pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]
TODAY = D(2026, 12, 28)  # a Monday


@pytest.fixture(autouse=True)
def _on_the_test_day(db):
    with on(TODAY):
        yield


# A normative document draft as far as it goes: submitted Wednesday 23 September 2026, the
# review started Thursday 24; 补正 asked Tuesday 29 September, the materials Friday 9 October;
# the opinion (修改后合法, two points) Monday 26 October; the answers Friday 30 October, the
# second point not adopted.
BASE = {
    "审查编号": None,
    "报送单位": "海珠区市场监督管理局",
    "审查机关": None,
    "审查类别": "行政规范性文件",
    "草案名称": "关于规范城市道路占用管理的若干规定（送审稿）",
    "摘要": "规范占道经营审批。",
    "涉及市场主体经济活动": "是",
    "合同相对方": None,
    "合同金额（元）": None,
    "合同期限起": None,
    "合同期限止": None,
    "主要风险": None,
    "报送日期": D(2026, 9, 23),
    "开始审查日期": D(2026, 9, 24),
    "补正通知日期": D(2026, 9, 29),
    "补正事项": "补充提交起草说明中的法律依据条文",
    "材料补齐日期": D(2026, 10, 9),
    "审核意见日期": D(2026, 10, 26),
    "审核结论": "修改后合法",
    "制定主体及权限": "制定主体为区人民政府工作部门，在其法定职权范围内。",
    "履行程序情况": "已履行公开征求意见程序。",
    "是否符合法律法规规章和国家政策": "第五条设定的备案要求缺乏上位法依据。",
    "具体意见": "1. 删除第五条关于备案的规定\n2. 第八条罚款数额应与上位法一致",
    "反馈日期": D(2026, 10, 30),
    "采纳情况": "采纳\n未采纳：上位法已授权地方设定该罚款幅度",
    "撤回日期": None,
}
NO_CORRECTION = {"补正通知日期": None, "补正事项": None, "材料补齐日期": None}
NO_ANSWERS = {"反馈日期": None, "采纳情况": None}
NO_OPINION = {"审核意见日期": None, "审核结论": None, "制定主体及权限": None, "履行程序情况": None,
              "是否符合法律法规规章和国家政策": None, "具体意见": None, **NO_ANSWERS}  # fmt: skip
SUBMITTED_ONLY = {**NO_CORRECTION, **NO_OPINION, "开始审查日期": None}
CONTRACT = {"审查类别": "政府合同", "草案名称": "政府购买物业管理服务合同",
            "合同相对方": "广州某某物业管理有限公司", "合同金额（元）": "1,200,000",
            "合同期限起": D(2027, 1, 1), "合同期限止": D(2027, 12, 31),
            "主要风险": "违约责任条款不对等。", "涉及市场主体经济活动": None}  # fmt: skip


SHEET = Sheet(COLUMNS, BASE, "reviews.xlsx")
_row, _file = SHEET.row, SHEET.file  # BASE with parts laid over it; rows as a workbook


def _counts():
    return (LegalityReview.objects.count(), OpinionPoint.objects.count(),
            CaseEvent.objects.count(), Clock.objects.count(), ClockPause.objects.count())  # fmt: skip


def _events(review) -> list:
    return [
        (e.transition, e.from_state, e.to_state, e.on_date)
        for e in CaseEvent.for_case(review).order_by("version")
    ]


def _clock(review):
    clock = Clock.for_case(review).get()
    return (clock.key, clock.state, clock.started_on, clock.due_date, clock.provisional,
            clock.stopped_on)  # fmt: skip


# -- the template -------------------------------------------------------------------------------


def test_the_template_has_every_column_and_instructions():
    wb = load_workbook(io.BytesIO(template()))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.sheetnames == ["合法性审查", "填写说明"]
    notes = {row[0]: row for row in wb["填写说明"].iter_rows(values_only=True) if row}
    assert notes["审查类别"][3] == "行政规范性文件、重大行政决策、政府合同"
    assert notes["审核结论"][3] == "合法、修改后合法、不合法"
    assert notes["报送单位"][1] == "是" and notes["审核意见日期"][1] == "否"
    assert "第二十七条" in notes["制定主体及权限"][2]
    assert "重复导入" in notes and "采纳情况" in notes
    for validation in wb.worksheets[0].data_validations.dataValidation:
        assert len(validation.formula1) <= 255  # Excel's limit on a drop-down list


def test_every_choice_has_a_chinese_value():
    assert set(KINDS.values()) == set(ReviewKind.values)
    assert set(CONCLUSIONS.values()) == set(Conclusion.values)


def test_the_template_filled_in_comes_back_in(lw):
    buffer = filled(
        template(), [_row(), _row(SUBMITTED_ONLY, 草案名称="另一份草案", 报送日期=D(2026, 12, 21))]
    )
    result = import_legality_reviews(buffer, actor=lw.clerk_haizhu)
    assert result.ok, result.errors
    assert result.written == 2
    assert set(LegalityReview.objects.values_list("state", flat=True)) == {S.CLOSED, S.SUBMITTED}


# -- a good file --------------------------------------------------------------------------------


def test_a_valid_file_imports_every_review_with_its_events_and_clock(lw):
    """Row 2 (BASE): 15 working days from Wednesday 23 September: 24 Sep, 28, 29 counted
    before the 补正 request (3); 30 Sep – 9 Oct not counted; Sat 10 Oct (make-up, 4), 12 (5) …
    23 (14), 26 (15) → Monday 26 October: the opinion that day is on time, 15 working days.
    Row 3: a contract submitted Monday 14 December: 10 working days, 15 (1) … 18 (4), 21 (5)
    … 25 (9), 28 (10) → Monday 28 December, running, the review's deadline.
    Row 4: a major decision submitted Monday 30 November, 补正 asked Wednesday 2 December (1,
    2 Dec: 2 counted) and still waited for: the clock is paused and shows the date it would
    have if the materials came today: 29 Dec (3), 30 (4), 31 (5); 2027 provisional (元旦 Fri 1
    January a holiday): 4 Jan (6) … 8 (10), 11 (11) … 15 (15) → Friday 15 January 2027, 暂定.
    Row 5: withdrawn Friday 6 November, five days after its submission."""
    w = lw
    rows = [
        _row(),
        _row(SUBMITTED_ONLY, CONTRACT, 报送日期=D(2026, 12, 14)),
        _row(NO_OPINION, 审查类别="重大行政决策", 草案名称="海珠区老旧小区微改造三年行动计划（决策草案）",
             报送单位="海珠区城市管理和综合执法局", 报送日期=D(2026, 11, 30), 开始审查日期=None,
             补正通知日期=D(2026, 12, 2), 补正事项="请补充风险评估报告。", 材料补齐日期=None),
        _row(SUBMITTED_ONLY, 草案名称="撤回的草案", 报送日期=D(2026, 11, 2),
             开始审查日期=D(2026, 11, 3), 撤回日期=D(2026, 11, 6)),
    ]  # fmt: skip
    result = import_legality_reviews(_file(rows), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (4, 4)

    closed = LegalityReview.objects.get(title=BASE["草案名称"])
    assert (closed.organization, closed.department, closed.region_code, closed.kind) == (
        w.haizhu_bureau, w.haizhu_agency, "440105000000", "document",
    )  # fmt: skip
    assert (closed.state, closed.outcome, closed.conclusion) == (S.CLOSED, "answered",
                                                                 "lawful_if_revised")  # fmt: skip
    assert (closed.review_working_days, closed.on_time, closed.below_minimum) == (15, True, False)
    assert (closed.opinion_on, closed.answered_on) == (D(2026, 10, 26), D(2026, 10, 30))
    assert closed.market_activity and closed.correction_items == BASE["补正事项"]
    assert closed.number.startswith("（2026）") and closed.created_by == w.clerk_haizhu
    assert list(closed.points.values_list("number", "text", "answer", "reasons",
                                          "answered_on")) == [
        (1, "删除第五条关于备案的规定", "adopted", "", D(2026, 10, 30)),
        (2, "第八条罚款数额应与上位法一致", "not_adopted", "上位法已授权地方设定该罚款幅度",
         D(2026, 10, 30)),
    ]  # fmt: skip
    assert _events(closed) == [
        ("register", "", S.SUBMITTED, D(2026, 9, 23)),
        ("start_review", S.SUBMITTED, S.UNDER_REVIEW, D(2026, 9, 24)),
        ("request_correction", S.UNDER_REVIEW, S.CORRECTION, D(2026, 9, 29)),
        ("materials_supplied", S.CORRECTION, S.UNDER_REVIEW, D(2026, 10, 9)),
        ("issue_opinion", S.UNDER_REVIEW, S.OPINION_ISSUED, D(2026, 10, 26)),
        ("record_answers", S.OPINION_ISSUED, S.CLOSED, D(2026, 10, 30)),
    ]
    assert _clock(closed) == ("review_document", ClockState.STOPPED, D(2026, 9, 23),
                              D(2026, 10, 26), False, D(2026, 10, 26))  # fmt: skip
    assert list(ClockPause.objects.filter(clock__in=Clock.for_case(closed)).values_list(
        "start", "end")) == [(D(2026, 9, 29), D(2026, 10, 9))]  # fmt: skip
    assert closed.due_date is None

    contract = LegalityReview.objects.get(kind="contract")
    assert (contract.counterparty, contract.amount, contract.term_start, contract.term_end) == (
        "广州某某物业管理有限公司", Decimal("1200000.00"), D(2027, 1, 1), D(2027, 12, 31),
    )  # fmt: skip
    assert contract.state == S.SUBMITTED and contract.key_risks == "违约责任条款不对等。"
    assert _clock(contract) == ("review_contract", ClockState.RUNNING, D(2026, 12, 14),
                                D(2026, 12, 28), False, None)  # fmt: skip
    assert contract.due_date == D(2026, 12, 28)

    waiting = LegalityReview.objects.get(kind="decision")
    assert (waiting.state, waiting.department) == (S.CORRECTION, w.chengguan)
    assert _clock(waiting) == ("review_decision", ClockState.PAUSED, D(2026, 11, 30),
                               D(2027, 1, 15), True, None)  # fmt: skip
    assert (waiting.due_date, waiting.due_provisional) == (D(2027, 1, 15), True)

    withdrawn = LegalityReview.objects.get(title="撤回的草案")
    assert (withdrawn.state, withdrawn.outcome, withdrawn.due_date) == (S.WITHDRAWN,
                                                                        "withdrawn", None)  # fmt: skip
    assert [t for t, *_ in _events(withdrawn)] == ["register", "start_review", "withdraw"]
    assert _clock(withdrawn)[1] == ClockState.STOPPED


def test_numbering_marks_and_a_given_number(lw):
    """Points numbered in the file (1. 1、 （一）) lose their numbering, not their figures; an
    opinion straight from submission (no 开始审查日期) below the 7 working days of DEC Art. 26 is
    imported as it was and flagged; a review number given is kept and moves the bureau's
    sequence past it."""
    row = _row(NO_CORRECTION, 审查类别="重大行政决策", 开始审查日期=None, 审查编号="（2026）海合审字第0057号",
               报送日期=D(2026, 10, 12), 审核意见日期=D(2026, 10, 14),
               具体意见="（一）第三条应明确1.5倍的上限\n二、补充风险评估结论", 采纳情况="1、采纳\n2. 采纳")  # fmt: skip
    result = import_legality_reviews(_file([row]), actor=lw.clerk_haizhu)
    assert result.ok, result.errors
    review = LegalityReview.objects.get()
    assert review.number == "（2026）海合审字第0057号"
    assert list(review.points.values_list("text", flat=True)) == [
        "第三条应明确1.5倍的上限", "补充风险评估结论",
    ]  # fmt: skip
    # 13 and 14 October: 2 working days < 7: flagged, not refused ("一般").
    assert (review.review_working_days, review.below_minimum) == (2, True)
    assert [t for t, *_ in _events(review)] == ["register", "issue_opinion", "record_answers"]
    from legality.tests.conftest import submit

    assert submit(lw, TODAY).number_seq == 58


# -- bad rows -----------------------------------------------------------------------------------


def test_one_bad_row_writes_nothing_and_is_reported_by_row_and_column(lw):
    before = _counts()
    rows = [_row(SUBMITTED_ONLY, 草案名称=f"草案{i}") for i in range(5)]
    rows.insert(2, _row(草案名称="有错的草案", 审核意见日期="2026-13-01", 审查类别="规章"))
    result = import_legality_reviews(_file(rows), actor=lw.clerk_haizhu)
    assert not result.ok and result.rows == 6
    assert {(e.row, e.column) for e in result.errors} == {(4, "审核意见日期"), (4, "审查类别")}
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"报送单位": None}, "报送单位"),
        ({"报送单位": "某某局"}, "报送单位"),  # no such agency
        ({"审查机关": "白云区司法局"}, "审查机关"),  # does not review 海珠's drafts
        ({"审查机关": "某某司法局"}, "审查机关"),
        ({"审查类别": None}, "审查类别"),
        ({"审查类别": "规章"}, "审查类别"),
        ({"草案名称": None}, "草案名称"),
        ({"草案名称": "名" * 201}, "草案名称"),
        ({"审查编号": "号" * 65}, "审查编号"),
        ({"涉及市场主体经济活动": "有"}, "涉及市场主体经济活动"),
        ({"报送日期": None}, "报送日期"),
        ({"报送日期": "2026-02-30"}, "报送日期"),
        ({"报送日期": "上周"}, "报送日期"),
        ({"报送日期": TODAY + datetime.timedelta(days=1)}, "报送日期"),
        ({"合同相对方": "某公司"}, "合同相对方"),  # not a contract
        ({"合同金额（元）": 100}, "合同金额（元）"),
        ({"开始审查日期": D(2026, 9, 22)}, "开始审查日期"),  # before the submission
        ({"开始审查日期": D(2026, 9, 30)}, "补正通知日期"),  # the start after the request
        ({"补正事项": None}, "补正事项"),
        ({"补正通知日期": None, "材料补齐日期": None}, "补正通知日期"),  # items, no request
        ({"材料补齐日期": D(2026, 9, 28)}, "材料补齐日期"),  # before the request
        ({"材料补齐日期": None}, "材料补齐日期"),  # an opinion while materials are waited for
        (NO_CORRECTION | {"材料补齐日期": D(2026, 10, 9)}, "材料补齐日期"),  # no request
        ({"审核意见日期": D(2026, 10, 8)}, "审核意见日期"),  # before the materials
        ({"审核结论": None}, "审核结论"),
        ({"审核结论": "基本合法"}, "审核结论"),
        ({"制定主体及权限": None}, "制定主体及权限"),
        ({"履行程序情况": None}, "履行程序情况"),
        ({"是否符合法律法规规章和国家政策": None}, "是否符合法律法规规章和国家政策"),
        ({"具体意见": None, "采纳情况": None}, "具体意见"),  # 修改后合法 states its points
        (NO_OPINION | {"审核结论": "合法"}, "审核结论"),  # a conclusion without its opinion
        ({"反馈日期": D(2026, 10, 23)}, "反馈日期"),  # before the opinion
        ({"反馈日期": None}, "反馈日期"),  # answers without their day
        ({"采纳情况": None}, "采纳情况"),
        ({"采纳情况": "采纳"}, "采纳情况"),  # two points, one answer
        ({"采纳情况": "采纳\n未采纳"}, "采纳情况"),  # not adopted without reasons
        ({"采纳情况": "采纳\n部分采纳"}, "采纳情况"),
        ({"采纳情况": "采纳：很好\n采纳"}, "采纳情况"),  # reasons only for 未采纳
        ({"撤回日期": D(2026, 10, 27)}, "撤回日期"),  # after the opinion
        (NO_OPINION | {"撤回日期": D(2026, 9, 28)}, "撤回日期"),  # before the request
    ],
)  # fmt: skip
def test_each_kind_of_problem_names_its_row_and_column(lw, overrides, column):
    before = _counts()
    result = import_legality_reviews(_file([_row(**overrides)]), actor=lw.clerk_haizhu)
    assert cells(result) == [(2, column)], result.errors
    assert all(e.reason for e in result.errors)
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"合同相对方": None}, "合同相对方"),
        ({"合同金额（元）": None}, "合同金额（元）"),
        ({"合同金额（元）": "一百万"}, "合同金额（元）"),
        ({"合同金额（元）": -5}, "合同金额（元）"),
        ({"合同期限止": D(2026, 12, 1)}, "合同期限止"),  # before it begins
        ({"合同期限起": "明年"}, "合同期限起"),
    ],
)
def test_a_contract_names_its_counterparty_and_amount(lw, overrides, column):
    row = _row(SUBMITTED_ONLY, CONTRACT, 报送日期=D(2026, 12, 14), **overrides)
    result = import_legality_reviews(_file([row]), actor=lw.clerk_haizhu)
    assert cells(result) == [(2, column)], result.errors
    assert LegalityReview.objects.count() == 0


def test_each_column_of_an_opinion_without_its_date_is_named(lw):
    result = import_legality_reviews(_file([_row(审核意见日期=None)]), actor=lw.clerk_haizhu)
    assert {e.column for e in result.errors} == {
        "审核结论", "制定主体及权限", "履行程序情况", "是否符合法律法规规章和国家政策", "具体意见",
        "反馈日期", "采纳情况",
    }  # fmt: skip
    assert LegalityReview.objects.count() == 0


def test_a_lawful_opinion_needs_no_points_and_closes_with_its_answer_day(lw):
    row = _row(NO_CORRECTION, 审核结论="合法", 具体意见=None, 采纳情况=None)
    result = import_legality_reviews(_file([row]), actor=lw.clerk_haizhu)
    assert result.ok, result.errors
    review = LegalityReview.objects.get()
    assert (review.state, review.conclusion, review.points.count()) == (S.CLOSED, "lawful", 0)


def test_the_reasons_name_the_statute(lw):
    """A sample of the reasons, in the users' language (zh-hans; the English source until its
    translation is compiled): the article the row offends is named."""
    result = import_legality_reviews(_file([_row(制定主体及权限=None)]), actor=lw.clerk_haizhu)
    [error] = result.errors
    assert (error.row, error.column) == (2, "制定主体及权限")
    assert "27" in error.reason or "第二十七条" in error.reason


def test_a_missing_column_is_reported_on_the_header_row(lw):
    headers = [h for h in HEADERS if h not in ("报送单位", "报送日期")]
    result = import_legality_reviews(_file([], headers), actor=lw.clerk_haizhu)
    assert cells(result) == [(1, "报送单位"), (1, "报送日期")]


def test_a_file_with_only_the_required_columns_imports(lw):
    keep = [c.header for c in COLUMNS if c.required]
    row = {**BASE, **SUBMITTED_ONLY}
    result = import_legality_reviews(_file([[row[h] for h in keep]], keep), actor=lw.clerk_haizhu)
    assert result.ok, result.errors
    assert LegalityReview.objects.get().state == S.SUBMITTED


def test_an_empty_file_and_a_file_that_is_not_a_workbook_are_refused(lw):
    result = import_legality_reviews(_file([]), actor=lw.clerk_haizhu)
    assert [e.row for e in result.errors] == [2]
    result = import_legality_reviews(io.BytesIO(b"PK\x03\x04 not really"), actor=lw.clerk_haizhu)
    assert not result.ok and LegalityReview.objects.count() == 0


# -- who, and not twice -------------------------------------------------------------------------


def test_who_may_import(lw):
    """A department's handler imports only its own department's reviews (to its own bureau or
    one above); the bureau's staff those of the agencies in their jurisdiction reviewed by a
    bureau in it; a leader reads only."""
    w = lw
    with pytest.raises(PermissionDenied):
        import_legality_reviews(_file([_row()]), actor=w.leader_gz)
    # The department's handler: its own department, not a sister agency of the district.
    rows = [_row(), _row(SUBMITTED_ONLY, 草案名称="城管的草案", 报送单位=w.chengguan.name)]
    result = import_legality_reviews(_file(rows), actor=w.agency_haizhu)
    assert cells(result) == [(3, "报送单位")]
    assert w.chengguan.name in result.errors[0].reason
    assert LegalityReview.objects.count() == 0
    city_review = _row(SUBMITTED_ONLY, 草案名称="报市局审查的草案", 审查机关="广州市司法局")
    assert import_legality_reviews(_file([rows[0], city_review]), actor=w.agency_haizhu).ok
    assert set(LegalityReview.objects.values_list("organization__name", "created_by")) == {
        ("海珠区司法局", w.agency_haizhu.pk), ("广州市司法局", w.agency_haizhu.pk),
    }  # fmt: skip
    # The district's staff: its agencies and its own bureau, not another district's agency,
    # nor the city bureau's reviews.
    rows = [_row(SUBMITTED_ONLY, 草案名称="白云的草案", 报送单位=w.baiyun_agency.name),
            _row(SUBMITTED_ONLY, 草案名称="市局审查的草案", 审查机关="广州市司法局")]  # fmt: skip
    result = import_legality_reviews(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(2, "报送单位"), (3, "审查机关")]
    assert import_legality_reviews(_file(rows[:1]), actor=w.clerk_baiyun).ok
    assert LegalityReview.objects.get(department=w.baiyun_agency).organization == w.baiyun_bureau
    # The city's staff reach both.
    city_clerk = _user("clerk_gz", w.city_bureau, Role.SECTION_STAFF)
    assert import_legality_reviews(_file(rows[1:]), actor=city_clerk).ok


def test_an_ambiguous_department_name_is_refused(lw):
    from core.models import Organization, OrganizationKind

    Organization.objects.create(name="海珠区市场监督管理局", kind=OrganizationKind.AGENCY,
                                region=lw.street)  # fmt: skip
    result = import_legality_reviews(_file([_row()]), actor=lw.clerk_haizhu)
    assert [e.column for e in result.errors] == ["报送单位"]


def test_a_review_already_registered_or_twice_in_the_file_is_refused(lw):
    """The same department, title (full-width or half-width brackets, spaces aside) and day of
    submission; or the same review number at the same bureau. Another day or department is
    another submission."""
    w = lw
    assert import_legality_reviews(_file([_row()]), actor=w.clerk_haizhu).ok
    before = _counts()
    again = import_legality_reviews(_file([_row()]), actor=w.clerk_haizhu)
    assert cells(again) == [(2, "草案名称")]
    assert LegalityReview.objects.get().number in again.errors[0].reason
    retyped = import_legality_reviews(
        _file([_row(草案名称="关于规范城市道路占用管理的若干规定 (送审稿)")]), actor=w.clerk_haizhu
    )  # fmt: skip
    assert cells(retyped) == [(2, "草案名称")]
    assert _counts() == before
    rows = [_row(SUBMITTED_ONLY, 草案名称="第二份"), _row(SUBMITTED_ONLY, 草案名称="第三份"),
            _row(SUBMITTED_ONLY, 草案名称="第二份")]  # fmt: skip
    result = import_legality_reviews(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(4, "草案名称")]
    assert "2" in result.errors[0].reason
    assert _counts() == before
    number = LegalityReview.objects.get().number
    result = import_legality_reviews(
        _file([_row(SUBMITTED_ONLY, 草案名称="第四份", 审查编号=number)]), actor=w.clerk_haizhu
    )  # fmt: skip
    assert cells(result) == [(2, "审查编号")]
    rows = [_row(SUBMITTED_ONLY, 草案名称="第五份", 审查编号="（2026）海合审字第0100号"),
            _row(SUBMITTED_ONLY, 草案名称="第六份", 审查编号="（2026）海合审字第0100号")]  # fmt: skip
    result = import_legality_reviews(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(3, "审查编号")]
    assert _counts() == before
    rows = [_row(SUBMITTED_ONLY, 报送日期=D(2026, 9, 24)),
            _row(SUBMITTED_ONLY, 报送单位=w.chengguan.name)]  # fmt: skip
    assert import_legality_reviews(_file(rows), actor=w.clerk_haizhu).ok


# -- the command and the pages ------------------------------------------------------------------


def test_the_command_checks_and_imports(lw, tmp_path):
    path = tmp_path / "reviews.xlsx"
    path.write_bytes(_file([_row(), _row(SUBMITTED_ONLY, 草案名称="另一份")]).getvalue())
    out = io.StringIO()
    call_command("import_legality_reviews", str(path), user="clerk_haizhu", check=True,
                 stdout=out)  # fmt: skip
    assert LegalityReview.objects.count() == 0 and "2" in out.getvalue()
    call_command("import_legality_reviews", str(path), user="agency_haizhu", stdout=out)
    assert LegalityReview.objects.count() == 2
    assert set(LegalityReview.objects.values_list("created_by__username", flat=True)) == {
        "agency_haizhu"
    }
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_file([_row(草案名称="第三份", 反馈日期=D(2026, 10, 1))]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_legality_reviews", str(bad), user="clerk_haizhu", stderr=err)
    assert "2\t反馈日期\t" in err.getvalue()
    with pytest.raises(CommandError):  # the same file again
        call_command("import_legality_reviews", str(path), user="clerk_haizhu", check=True)
    assert LegalityReview.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import_legality_reviews", str(path), user="leader_gz")
    with pytest.raises(CommandError):
        call_command("import_legality_reviews", str(path), user="nobody")
    with pytest.raises(CommandError):
        call_command("import_legality_reviews", str(tmp_path / "missing.xlsx"),
                     user="clerk_haizhu")  # fmt: skip


def test_the_template_download(lw, client):
    client.force_login(lw.agency_haizhu)
    response = client.get(reverse("legality:review_import_template"))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "合法性审查"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(lw.leader_gz)
    assert client.get(reverse("legality:review_import_template")).status_code == 403


def test_the_upload_page_and_the_link_to_it(lw, client):
    """The list page links to the import for those who may import; GET shows the form; a bad
    file writes nothing and lists its problems by row and column; a good one is written and
    leads to the list."""
    url = reverse("legality:review_import")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(lw.agency_haizhu)
    listing = client.get(reverse("legality:review_list")).content.decode()
    assert 'id="review-import"' in listing and url in listing
    page = client.get(url)
    assert page.status_code == 200 and 'id="template-link"' in page.content.decode()
    assert reverse("legality:review_import_template") in page.content.decode()
    bad = client.post(url, {"file": SHEET.upload([_row(审核结论="基本合法")])})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert 'id="import-errors"' in text and "审核结论" in text
    assert LegalityReview.objects.count() == 0
    good = client.post(url, {"file": SHEET.upload([_row()])})
    assert good.status_code == 302 and good["Location"] == reverse("legality:review_list")
    assert LegalityReview.objects.count() == 1
    client.force_login(lw.leader_gz)
    listing = client.get(reverse("legality:review_list")).content.decode()
    assert url not in listing and 'id="review-import"' not in listing
    assert client.get(url).status_code == 403
