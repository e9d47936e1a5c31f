"""Excel import of past major decisions (decisions.importing): all rows or none, every problem
by row and column, no decision marked decided with a mandatory step missing (重大行政决策程序
暂行条例 = DEC Arts. 14, 19, 22, 25, 28, 30), no dates out of order or in the future, no decision
twice, only the decision-makers within the importer's reach; the rows written through
decisions.history with their events and publication clock.

The tests run on Monday 28 December 2026. Worked dates (2026, statutes-lines.md §G: 清明 Sat
4 – Mon 6 April; 劳动节 Fri 1 – Tue 5 May, make-up working day Sat 9 May; 中秋 Fri 25 – Sun 27
September; 国庆 Thu 1 – Wed 7 October, make-up working days Sun 20 September, Sat 10 October):

- Comment period, DEC Art. 15 (30 days, the notice's day not counted): notice Mon 16 March →
  Wed 15 April; notice Mon 2 November → Wed 2 December.
- Publication window, DEC Art. 32 with OGI Art. 26 as the ❓ default (20 working days, the
  decision's day not counted): decided Tue 12 May → Tue 9 June (1–3 Wed 13–Fri 15, 4–8 Mon
  18–Fri 22, 9–13 Mon 25–Fri 29 May, 14–18 Mon 1–Fri 5, 19–20 Mon 8–Tue 9 June); decided Fri 18
  September → Thu 22 October (1 Sun 20 Sept (调休), 2–5 Mon 21–Thu 24, 6–8 Mon 28–Wed 30, 9–10
  Thu 8–Fri 9, 11 Sat 10 Oct (调休), 12–16 Mon 12–Fri 16, 17–20 Mon 19–Thu 22).
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import CaseEvent, Clock, ClockState
from cases.testing import on
from core.errors import PermissionDenied
from core.testing import Sheet, cells, filled
from decisions.choices import Conclusion, MatterKind, MeetingResult, MeetingType
from decisions.importing import (
    COLUMNS,
    CONCLUSIONS,
    MATTER_KINDS,
    MEETING_RESULTS,
    MEETING_TYPES,
    import_major_decisions,
    template,
)
from decisions.models import Catalogue, CatalogueItem, MajorDecision

D = datetime.date
pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]
TODAY = D(2026, 12, 28)  # a Monday


@pytest.fixture(autouse=True)
def _on_the_test_day(db):
    with on(TODAY):
        yield


# A whole course: started Monday 2 March; drafted Tuesday 10 March; out for comment from Monday
# 16 March to Wednesday 15 April, the handling published Monday 20 April; expert argumentation
# Wednesday 22 April, risk assessment Friday 24 April; legality opinion Wednesday 6 May;
# discussed and decided Tuesday 12 May; published Tuesday 26 May; archived Monday 15 June;
# evaluated Monday 16 November, adjusted Monday 30 November.
BASE = {
    "决策机关": "海珠区市场监督管理局",
    "决策事项": "海珠区农贸市场升级改造三年行动方案",
    "事项类别": "重要规划",
    "承办单位": "海珠区城市管理和综合执法局",
    "目录年度": None,
    "决策启动日期": D(2026, 3, 2),
    "需要专家论证": "是",
    "需要风险评估": "是",
    "草案形成日期": D(2026, 3, 10),
    "不公开征求意见的理由": None,
    "征求意见公告日期": D(2026, 3, 16),
    "征求意见期限（日）": 30,
    "期限少于30日的理由": None,
    "意见采纳情况公布日期": D(2026, 4, 20),
    "专家论证日期": D(2026, 4, 22),
    "风险评估完成日期": D(2026, 4, 24),
    "风险评估单位": "广州某社会稳定风险评估中心",
    "合法性审查案号": "（2026）海司合审字第0007号",
    "合法性审查意见日期": D(2026, 5, 6),
    "合法性审查结论": "合法",
    "集体讨论会议": "常务会议",
    "集体讨论日期": D(2026, 5, 12),
    "讨论结果": "通过",
    "决策日期": D(2026, 5, 12),
    "决策文号": "海府〔2026〕12号",
    "公布日期": D(2026, 5, 26),
    "公布载体": "政府门户网站",
    "归档日期": D(2026, 6, 15),
    "决策后评估日期": D(2026, 11, 16),
    "评估单位": "某大学法学院",
    "决策调整日期": D(2026, 11, 30),
}
NOT_DECIDED = {"决策日期": None, "决策文号": None, "公布日期": None, "公布载体": None,
               "归档日期": None, "决策后评估日期": None, "评估单位": None, "决策调整日期": None}  # fmt: skip
# Out for comment from Monday 2 November to Wednesday 2 December; nothing after.
PREPARING = {
    **NOT_DECIDED, "决策事项": "海珠区养老服务体系建设实施方案", "事项类别": "重大公共政策和措施",
    "决策启动日期": D(2026, 10, 12), "草案形成日期": D(2026, 10, 26),
    "征求意见公告日期": D(2026, 11, 2), "意见采纳情况公布日期": None, "专家论证日期": None,
    "风险评估完成日期": None, "风险评估单位": None, "合法性审查案号": None,
    "合法性审查意见日期": None, "合法性审查结论": None, "集体讨论会议": None,
    "集体讨论日期": None, "讨论结果": None,
}  # fmt: skip
# Legally non-disclosable, no expert or risk step required; decided Friday 18 September, not
# published by the test day.
EXEMPT = {
    **NOT_DECIDED, "决策机关": "海珠区城市管理和综合执法局", "决策事项": "海珠区城市更新单元划定方案",
    "事项类别": "其他重大事项", "决策启动日期": D(2026, 8, 3), "需要专家论证": "否",
    "需要风险评估": None, "草案形成日期": D(2026, 8, 4), "不公开征求意见的理由": "涉及国家秘密。",
    "征求意见公告日期": None, "征求意见期限（日）": None, "意见采纳情况公布日期": None,
    "专家论证日期": None, "风险评估完成日期": None, "风险评估单位": None,
    "合法性审查意见日期": D(2026, 9, 10), "合法性审查结论": "修改后合法",
    "集体讨论会议": "部门领导班子会议", "集体讨论日期": D(2026, 9, 18),
    "决策日期": D(2026, 9, 18), "决策文号": "海城管〔2026〕30号",
}  # fmt: skip


SHEET = Sheet(COLUMNS, BASE, "decisions.xlsx")
_row, _file = SHEET.row, SHEET.file  # BASE with parts laid over it; rows as a workbook


def _counts():
    return (MajorDecision.objects.count(), CaseEvent.objects.count(), Clock.objects.count())


def _events(case) -> list:
    return [(e.transition, e.on_date) for e in CaseEvent.for_case(case).order_by("version")]


# -- the template -------------------------------------------------------------------------------


def test_the_template_has_every_column_and_instructions():
    wb = load_workbook(io.BytesIO(template()))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.sheetnames == ["重大行政决策", "填写说明"]
    notes = {row[0]: row for row in wb["填写说明"].iter_rows(values_only=True) if row}
    assert notes["决策机关"][1] == "是" and notes["决策日期"][1] == "否"
    assert notes["讨论结果"][3] == "通过、暂缓"
    assert "第二十八条" in notes["合法性审查结论"][2]
    assert "第三十条" in notes["必经程序"][2]
    for validation in wb.worksheets[0].data_validations.dataValidation:
        assert len(validation.formula1) <= 255  # Excel's limit on a drop-down list


def test_every_choice_has_a_chinese_value():
    assert set(MATTER_KINDS.values()) == set(MatterKind.values)
    assert set(CONCLUSIONS.values()) == set(Conclusion.values)
    assert set(MEETING_TYPES.values()) == set(MeetingType.values)
    assert set(MEETING_RESULTS.values()) == set(MeetingResult.values)


def test_the_template_filled_in_comes_back_in(dw):
    buffer = filled(template(), [_row()])
    result = import_major_decisions(buffer, actor=dw.clerk_haizhu)
    assert result.ok, result.errors
    assert MajorDecision.objects.get().state == "published"


# -- a good file --------------------------------------------------------------------------------


def test_a_valid_file_writes_every_decision_with_its_events_and_clock(dw):
    w = dw
    rows = [_row(), _row(PREPARING), _row(EXEMPT)]
    result = import_major_decisions(_file(rows), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (3, 3)

    whole = MajorDecision.objects.get(title=BASE["决策事项"])
    assert (whole.decision_maker, whole.lead_unit, whole.organization) == (
        w.haizhu_agency, w.chengguan, w.haizhu_bureau,
    )  # fmt: skip
    assert (whole.state, whole.outcome, whole.matter_kind) == ("published", "decided", "plan")
    assert (whole.number_year, whole.created_by, whole.region_code) == (
        2026, w.clerk_haizhu, "440105000000",
    )  # fmt: skip
    assert whole.comment_closes_on == D(2026, 4, 15)  # Art. 15: 30 days from 17 March
    assert (whole.published_on_time, whole.due_date) == (True, None)
    assert whole.legality_conclusion == "lawful" and whole.meeting_type == "executive"
    assert [t for t, _d in _events(whole)] == [
        "register", "record_draft", "open_comment", "publish_answers", "expert_argumentation",
        "risk_assessment", "legality_review", "collective_discussion", "decide", "publish",
        "archive", "evaluate", "adjust",
    ]  # fmt: skip
    assert whole.version == 13
    clock = Clock.for_case(whole).get()
    assert (clock.key, clock.started_on, clock.due_date, clock.state, clock.stopped_on) == (
        "publication", D(2026, 5, 12), D(2026, 6, 9), ClockState.STOPPED, D(2026, 5, 26),
    )  # fmt: skip

    preparing = MajorDecision.objects.get(title=PREPARING["决策事项"])
    assert (preparing.state, preparing.comment_days, preparing.comment_closes_on) == (
        "started", 30, D(2026, 12, 2),
    )  # fmt: skip
    assert [t for t, _d in _events(preparing)] == ["register", "record_draft", "open_comment"]
    assert not Clock.for_case(preparing).exists() and preparing.due_date is None

    exempt = MajorDecision.objects.get(title=EXEMPT["决策事项"])
    assert (exempt.decision_maker, exempt.participation_exempt, exempt.state) == (
        w.chengguan, True, "decided",
    )  # fmt: skip
    assert exempt.meeting_type == "department" and exempt.legality_conclusion == (
        "lawful_if_revised"
    )
    # Not published by the test day: the window (to Thursday 22 October) is its deadline.
    assert exempt.due_date == D(2026, 10, 22)
    assert Clock.for_case(exempt).get().state == ClockState.RUNNING


def test_a_late_publication_is_imported_as_it_was(dw):
    """Published Wednesday 10 June, a day after the window (Tuesday 9 June): marked late."""
    result = import_major_decisions(_file([_row(公布日期=D(2026, 6, 10))]), actor=dw.clerk_haizhu)
    assert result.ok, result.errors
    assert MajorDecision.objects.get().published_on_time is False


def test_a_short_comment_period_with_its_reasons_is_imported(dw):
    """20 days from Monday 16 March → Sunday 5 April, in 清明 (4–6 April) → Tuesday 7 April."""
    row = _row(**{"征求意见期限（日）": 20, "期限少于30日的理由": "汛期前须完成改造。"})
    assert import_major_decisions(_file([row]), actor=dw.clerk_haizhu).ok
    decision = MajorDecision.objects.get()
    assert (decision.comment_days, decision.comment_closes_on) == (20, D(2026, 4, 7))
    assert decision.short_period_reason == "汛期前须完成改造。"


def test_the_catalogue_item_is_found_by_year_and_matter(dw):
    """DEC Art. 3 ¶3: a matter of the decision-maker's catalogue of the year given; a year
    without a catalogue, or a catalogue without the matter, is refused on 目录年度."""
    w = dw
    catalogue = Catalogue.objects.create(decision_maker=w.haizhu_agency,
                                         region_code=w.haizhu_agency.region_id, year=2026,
                                         party_approved_on=D(2026, 2, 2),
                                         published_on=D(2026, 2, 10))  # fmt: skip
    item = CatalogueItem.objects.create(catalogue=catalogue, region_code=catalogue.region_code,
                                        number=1, title=BASE["决策事项"], matter_kind="plan")  # fmt: skip
    rows = [_row(目录年度=2025), _row(PREPARING, 目录年度=2026)]
    result = import_major_decisions(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(2, "目录年度"), (3, "目录年度")]
    assert "2025" in result.errors[0].reason
    assert MajorDecision.objects.count() == 0
    assert import_major_decisions(_file([_row(目录年度=2026)]), actor=w.clerk_haizhu).ok
    assert MajorDecision.objects.get().catalogue_item == item


# -- bad rows -----------------------------------------------------------------------------------


def test_one_bad_row_writes_nothing_and_is_reported_by_row_and_column(dw):
    before = _counts()
    rows = [_row(决策事项=f"决策事项{i}", 决策文号=f"海府〔2026〕{i}号") for i in range(5)]
    rows.insert(2, _row(决策事项="有问题的决策", 决策文号=None, 决策启动日期="2026-13-01",
                        讨论结果="暂缓"))  # fmt: skip
    result = import_major_decisions(_file(rows), actor=dw.clerk_haizhu)
    assert not result.ok and result.rows == 6
    assert set(cells(result)) == {(4, "决策启动日期"), (4, "讨论结果")}
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"决策机关": None}, "决策机关"),
        ({"决策机关": "某某局"}, "决策机关"),  # no such agency
        ({"决策事项": None}, "决策事项"),
        ({"决策事项": "长" * 201}, "决策事项"),
        ({"事项类别": "重大事项"}, "事项类别"),
        ({"承办单位": None}, "承办单位"),
        ({"承办单位": "不存在的局"}, "承办单位"),
        ({"承办单位": "白云区发展和改革局"}, "承办单位"),  # outside the maker's region (Art. 10)
        ({"决策启动日期": None}, "决策启动日期"),
        ({"决策启动日期": "2026-02-30"}, "决策启动日期"),
        ({"决策启动日期": TODAY + datetime.timedelta(days=1)}, "决策启动日期"),  # the future
        ({"需要专家论证": "需要"}, "需要专家论证"),
        ({"草案形成日期": D(2026, 3, 1)}, "草案形成日期"),  # before the start
        ({"草案形成日期": None}, "草案形成日期"),  # the comment period needs the draft
        ({"征求意见公告日期": D(2026, 3, 9)}, "征求意见公告日期"),  # before the draft
        ({"征求意见期限（日）": 20}, "期限少于30日的理由"),  # Art. 15
        ({"征求意见期限（日）": "三十"}, "征求意见期限（日）"),
        ({"意见采纳情况公布日期": D(2026, 4, 15)}, "意见采纳情况公布日期"),  # Art. 18
        ({"不公开征求意见的理由": "涉密。", "征求意见期限（日）": None, "意见采纳情况公布日期": None},
         "征求意见公告日期"),  # exempt, yet consulted (Art. 14)
        ({"征求意见公告日期": None, "征求意见期限（日）": None}, "意见采纳情况公布日期"),
        # A decision marked decided with a mandatory step missing (Arts. 14, 19, 22, 25, 30).
        ({"意见采纳情况公布日期": None}, "意见采纳情况公布日期"),
        ({"专家论证日期": None}, "专家论证日期"),
        ({"风险评估完成日期": None, "风险评估单位": None}, "风险评估完成日期"),
        ({"合法性审查意见日期": None, "合法性审查结论": None, "合法性审查案号": None},
         "合法性审查意见日期"),
        ({"集体讨论日期": None, "集体讨论会议": None, "讨论结果": None}, "集体讨论日期"),
        ({"讨论结果": "暂缓"}, "讨论结果"),
        ({"合法性审查结论": "不合法"}, "合法性审查结论"),  # Art. 28
        ({"合法性审查意见日期": D(2026, 5, 13)}, "集体讨论日期"),  # discussed first (Art. 28)
        ({"风险评估单位": None}, "风险评估单位"),
        ({"合法性审查结论": None}, "合法性审查结论"),
        ({"集体讨论会议": None}, "集体讨论会议"),
        ({"集体讨论会议": "办公会"}, "集体讨论会议"),
        ({"决策日期": D(2026, 5, 11)}, "决策日期"),  # before the meeting
        ({"专家论证日期": D(2026, 5, 13)}, "决策日期"),  # decided before the argumentation
        ({**NOT_DECIDED, "公布日期": D(2026, 5, 26)}, "公布日期"),  # published, not decided
        ({"公布日期": D(2026, 5, 11)}, "公布日期"),
        ({"公布日期": TODAY + datetime.timedelta(days=1)}, "公布日期"),
        ({"公布日期": None, "公布载体": None}, "决策后评估日期"),  # evaluated, not published
        ({"评估单位": "广州某社会稳定风险评估中心"}, "评估单位"),  # Art. 36
        ({"评估单位": None}, "评估单位"),
        ({"决策调整日期": D(2026, 5, 20)}, "决策调整日期"),
        ({"目录年度": "去年"}, "目录年度"),
        ({"决策文号": "号" * 65}, "决策文号"),
    ],
)  # fmt: skip
def test_each_kind_of_problem_names_its_row_and_column(dw, overrides, column):
    before = _counts()
    if column == "决策后评估日期":  # the adjustment too needs the publication
        overrides = {**overrides, "决策调整日期": None}
    result = import_major_decisions(_file([_row(**overrides)]), actor=dw.clerk_haizhu)
    assert cells(result) == [(2, column)], result.errors
    assert all(e.reason for e in result.errors)
    assert _counts() == before


def test_a_decision_with_a_mandatory_step_missing_is_refused_citing_the_statute(dw):
    """The legality review (DEC Arts. 25, 28) missing from a decision marked decided: refused on
    合法性审查意见日期, in the users' language (the English source until its translation is
    compiled), the articles named."""
    row = _row(合法性审查意见日期=None, 合法性审查结论=None, 合法性审查案号=None,
               集体讨论日期=None, 集体讨论会议=None, 讨论结果=None)  # fmt: skip
    result = import_major_decisions(_file([row]), actor=dw.clerk_haizhu)
    assert cells(result) == [(2, "合法性审查意见日期"), (2, "集体讨论日期")]
    assert "25" in result.errors[0].reason or "第二十五条" in result.errors[0].reason
    assert MajorDecision.objects.count() == 0


def test_a_missing_column_is_reported_on_the_header_row(dw):
    headers = [h for h in HEADERS if h not in ("决策机关", "决策启动日期")]
    result = import_major_decisions(_file([], headers), actor=dw.clerk_haizhu)
    assert cells(result) == [(1, "决策机关"), (1, "决策启动日期")]


def test_a_file_with_only_the_required_columns_imports(dw):
    keep = [c.header for c in COLUMNS if c.required]
    result = import_major_decisions(_file([[BASE[h] for h in keep]], keep),
                                    actor=dw.clerk_haizhu)  # fmt: skip
    assert result.ok, result.errors
    decision = MajorDecision.objects.get()
    assert (decision.state, decision.version) == ("started", 1)


def test_an_empty_file_and_a_file_that_is_not_a_workbook_are_refused(dw):
    assert [e.row for e in import_major_decisions(_file([]), actor=dw.clerk_haizhu).errors] == [2]
    result = import_major_decisions(io.BytesIO(b"PK\x03\x04 not really"), actor=dw.clerk_haizhu)
    assert not result.ok and MajorDecision.objects.count() == 0


# -- not twice, and who ------------------------------------------------------------------------


def test_a_decision_already_registered_or_twice_in_the_file_is_refused(dw):
    """The same decision-maker, matter and year of start, or the same decision-maker and
    document number; another year, or another decision-maker, is another decision."""
    w = dw
    assert import_major_decisions(_file([_row()]), actor=w.clerk_haizhu).ok
    before = _counts()
    again = import_major_decisions(_file([_row()]), actor=w.clerk_haizhu)
    assert cells(again) == [(2, "决策事项"), (2, "决策文号")]
    assert _counts() == before
    renamed = import_major_decisions(_file([_row(决策事项="另一项决策")]), actor=w.clerk_haizhu)
    assert cells(renamed) == [(2, "决策文号")]
    rows = [_row(PREPARING), _row(PREPARING, 决策事项="海珠区义务教育学位供给保障方案"),
            _row(PREPARING)]  # fmt: skip
    result = import_major_decisions(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(4, "决策事项")]
    assert "2" in result.errors[0].reason
    assert _counts() == before
    rows = [
        _row(决策文号="海府〔2026〕13号", 决策事项="甲"),
        _row(决策文号="海府〔2026〕13号", 决策事项="乙"),
    ]
    assert cells(import_major_decisions(_file(rows), actor=w.clerk_haizhu)) == [(3, "决策文号")]
    # The same matter started another year, or by another decision-maker: imported.
    rows = [_row(PREPARING, 决策事项=BASE["决策事项"], 决策启动日期=D(2025, 10, 12),
                 草案形成日期=D(2025, 10, 26), 征求意见公告日期=D(2025, 11, 3)),
            _row(EXEMPT, 决策事项=BASE["决策事项"])]  # fmt: skip
    assert import_major_decisions(_file(rows), actor=w.clerk_haizhu).ok
    assert MajorDecision.objects.filter(title=BASE["决策事项"]).count() == 3


def test_who_may_import(dw):
    """A decision-maker's handler imports only its own decisions; the bureau's staff those of
    the decision-makers in their jurisdiction; a leader reads only."""
    w = dw
    with pytest.raises(PermissionDenied):
        import_major_decisions(_file([_row()]), actor=w.leader_gz)
    rows = [_row(), _row(EXEMPT)]  # 市场监督管理局, then 城市管理和综合执法局
    result = import_major_decisions(_file(rows), actor=w.agency_haizhu)
    assert cells(result) == [(3, "决策机关")]
    assert EXEMPT["决策机关"] in result.errors[0].reason
    assert MajorDecision.objects.count() == 0
    assert import_major_decisions(_file(rows[1:]), actor=w.agency_chengguan).ok
    assert MajorDecision.objects.get().created_by == w.agency_chengguan
    # The district's staff: its decision-makers, not another district's.
    baiyun = _row(PREPARING, 决策机关="白云区发展和改革局", 承办单位="白云区发展和改革局")
    result = import_major_decisions(_file([baiyun]), actor=w.clerk_haizhu)
    assert cells(result) == [(2, "决策机关")]
    assert import_major_decisions(_file([baiyun]), actor=w.clerk_baiyun).ok
    assert MajorDecision.objects.get(decision_maker=w.baiyun_agency).organization == (
        w.baiyun_bureau
    )


# -- the command and the pages ------------------------------------------------------------------


def test_the_command_checks_and_imports(dw, tmp_path):
    path = tmp_path / "decisions.xlsx"
    path.write_bytes(_file([_row(), _row(PREPARING)]).getvalue())
    out = io.StringIO()
    call_command("import_major_decisions", str(path), user="clerk_haizhu", check=True,
                 stdout=out)  # fmt: skip
    assert MajorDecision.objects.count() == 0 and "2" in out.getvalue()
    call_command("import_major_decisions", str(path), user="agency_haizhu", stdout=out)
    assert MajorDecision.objects.count() == 2
    assert set(MajorDecision.objects.values_list("created_by__username", flat=True)) == {
        "agency_haizhu"
    }
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        _file([_row(决策事项="另一项", 决策文号=None, 合法性审查结论="不合法")]).getvalue()
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_major_decisions", str(bad), user="clerk_haizhu", check=True,
                     stderr=err)  # fmt: skip
    assert "2\t合法性审查结论\t" in err.getvalue()
    assert MajorDecision.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import_major_decisions", str(path), user="leader_gz")
    with pytest.raises(CommandError):
        call_command("import_major_decisions", str(path), user="nobody")
    with pytest.raises(CommandError):
        call_command("import_major_decisions", str(tmp_path / "missing.xlsx"),
                     user="clerk_haizhu")  # fmt: skip


def test_the_template_download(dw, client):
    client.force_login(dw.agency_haizhu)
    response = client.get(reverse("decisions:decision_import_template"))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "重大行政决策"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(dw.leader_gz)
    assert client.get(reverse("decisions:decision_import_template")).status_code == 403


def test_the_upload_page_and_the_link_on_the_list(dw, client):
    """The list links to the import for those who may start decisions; GET shows the form; a
    bad file writes nothing and lists its problems by row and column; a good one is written
    and leads to the list."""
    url = reverse("decisions:decision_import")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(dw.agency_haizhu)
    listing = client.get(reverse("decisions:decision_list")).content.decode()
    assert 'id="decision-import-link"' in listing and url in listing
    page = client.get(url)
    assert page.status_code == 200 and 'id="template-link"' in page.content.decode()
    assert reverse("decisions:decision_import_template") in page.content.decode()
    bad = client.post(url, {"file": SHEET.upload([_row(专家论证日期=None)])})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert 'id="import-errors"' in text and "专家论证日期" in text
    assert MajorDecision.objects.count() == 0
    good = client.post(url, {"file": SHEET.upload([_row()])})
    assert good.status_code == 302 and good["Location"] == reverse("decisions:decision_list")
    assert MajorDecision.objects.count() == 1
    client.force_login(dw.leader_gz)
    assert client.get(url).status_code == 403
    listing = client.get(reverse("decisions:decision_list")).content.decode()
    assert 'id="decision-import-link"' not in listing
