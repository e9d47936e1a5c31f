"""Excel import of past litigation cases (litigation.importing): all rows or none, errors by row
and column, each row as far as its columns reach (litigation.process), the clocks replayed
over its steps (行政诉讼法 Arts. 67, 81, 85), only the agencies within the importer's reach, no
court case twice.

The tests run on Monday 28 December 2026. Periods are calendar days with the Civil Procedure
Law's rules (Art. 101; statutes.md §§5, 10): the day of service is not counted; a period ending
on a rest day ends on the next working day. 2026 (statutes-lines.md §H): 中秋 Fri 25 – Sun 27
September; 国庆 Thu 1 – Wed 7 October; make-up working days Sun 20 September, Sat 10 October.
"""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cases.models import CaseEvent, CaseLink, ChallengedAct, Clock, ClockState
from cases.testing import holidays, on
from conftest import _user
from core.errors import PermissionDenied
from core.models import Organization, OrganizationKind, Party
from core.roles import Role
from core.testing import Sheet, cells, filled
from litigation.choices import (
    AbsenceGround,
    Appellant,
    HeadPosition,
    Judgment,
    LossGround,
    TrialLevel,
)
from litigation.importing import (
    ABSENCE_GROUNDS,
    APPELLANTS,
    COLUMNS,
    HEAD_POSITIONS,
    JUDGMENT_TYPES,
    LOSS_GROUNDS,
    TRIAL_LEVELS,
    import_litigation_cases,
    template,
)
from litigation.models import Hearing, LitigationCase, LitigationParty, Recommendation

D = datetime.date
pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = D(2026, 12, 28)  # a Monday


@pytest.fixture(autouse=True)
def _on_the_test_day(db):
    holidays()
    with on(TODAY):
        yield


# A first-instance case as far as it goes: filed Tuesday 22 September, the complaint served
# Monday 28 September, answered Friday 9 October; the notice Monday 2 November for the hearing
# of Tuesday 10 November, where the principal head appeared; annulled Tuesday 1 December,
# served Thursday 3 December; the agency appealed Thursday 10 December; a recommendation
# received Tuesday 15 December and replied to Friday 25 December.
BASE = {
    "法院": "广州市海珠区人民法院",
    "案号": "（2026）粤0105行初301号",
    "审级": "一审",
    "原审案号": None,
    "被告机关": "海珠区市场监督管理局",
    "原告": "广州某贸易有限公司",
    "第三人": "李四",
    "案由": "行政处罚",
    "被诉行政行为": "海市监罚〔2026〕12号行政处罚决定",
    "文号": "海市监罚〔2026〕12号",
    "复议案号": None,
    "立案日期": D(2026, 9, 22),
    "起诉状副本送达日期": D(2026, 9, 28),
    "答辩日期": D(2026, 10, 9),
    "出庭通知送达日期": D(2026, 11, 2),
    "开庭日期": D(2026, 11, 10),
    "负责人是否出庭": "是",
    "出庭负责人": "王局长",
    "职务": "正职负责人",
    "出庭工作人员": "法制科 李明",
    "负责人未出庭理由": None,
    "裁判结果": "撤销",
    "裁判日期": D(2026, 12, 1),
    "判决送达日期": D(2026, 12, 3),
    "败诉原因": "主要证据不足",
    "败诉原因说明": "认定违法所得的证据不足；已完善证据收集。",
    "上诉日期": D(2026, 12, 10),
    "上诉人": "本机关",
    "司法建议收到日期": D(2026, 12, 15),
    "司法建议内容": "规范执法程序。",
    "司法建议回复日期": D(2026, 12, 25),
    "回复内容": "已整改。",
}
NO_JUDGMENT = {"裁判结果": None, "裁判日期": None, "判决送达日期": None, "败诉原因": None,
               "败诉原因说明": None, "上诉日期": None, "上诉人": None}  # fmt: skip
NO_HEARING = {"出庭通知送达日期": None, "开庭日期": None, "负责人是否出庭": None,
              "出庭负责人": None, "职务": None, "出庭工作人员": None}  # fmt: skip
NO_RECOMMENDATION = {"司法建议收到日期": None, "司法建议内容": None, "司法建议回复日期": None,
                     "回复内容": None}  # fmt: skip
# Only served: the answer period runs.
SERVED_ONLY = {**NO_JUDGMENT, **NO_HEARING, **NO_RECOMMENDATION, "答辩日期": None,
               "立案日期": None}  # fmt: skip


SHEET = Sheet(COLUMNS, BASE, "cases.xlsx")
_row, _file = SHEET.row, SHEET.file  # BASE with parts laid over it; rows as a workbook


def _counts():
    return (LitigationCase.objects.count(), Party.objects.count(),
            LitigationParty.objects.count(), Hearing.objects.count(),
            Recommendation.objects.count(), CaseEvent.objects.count(), Clock.objects.count(),
            ChallengedAct.objects.count(), CaseLink.objects.count())  # fmt: skip


def _clocks(case) -> dict:
    return {
        c.key: (c.state, c.started_on, c.nominal_due, c.due_date, c.stopped_on)
        for c in Clock.for_case(case)
    }


def _events(case) -> list:
    return [
        (e.transition, e.from_state, e.to_state, e.on_date)
        for e in CaseEvent.for_case(case).order_by("version")
    ]


# -- the template -------------------------------------------------------------------------------


def test_the_template_has_every_column_and_instructions():
    wb = load_workbook(io.BytesIO(template()))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.sheetnames == ["行政应诉案件", "填写说明"]
    notes = {row[0]: row for row in wb["填写说明"].iter_rows(values_only=True) if row}
    assert notes["审级"][3] == "一审、二审、再审"
    assert notes["被告机关"][1] == "是" and notes["开庭日期"][1] == "否"
    assert "第六十七条" in notes["起诉状副本送达日期"][2]
    for validation in wb.worksheets[0].data_validations.dataValidation:
        assert len(validation.formula1) <= 255  # Excel's limit on a drop-down list


def test_every_choice_has_a_chinese_value():
    assert set(TRIAL_LEVELS.values()) == set(TrialLevel.values)
    assert set(JUDGMENT_TYPES.values()) == set(Judgment.values)
    assert set(HEAD_POSITIONS.values()) == set(HeadPosition.values)
    assert set(ABSENCE_GROUNDS.values()) == set(AbsenceGround.values)
    assert set(LOSS_GROUNDS.values()) == set(LossGround.values)
    assert set(APPELLANTS.values()) == set(Appellant.values)


def test_the_template_filled_in_comes_back_in(world):
    buffer = filled(template(), [_row(), _row(SERVED_ONLY, 案号="（2026）粤0105行初302号")])
    result = import_litigation_cases(buffer, actor=world.clerk_haizhu)
    assert result.ok, result.errors
    assert result.written == 2
    assert set(LitigationCase.objects.values_list("state", flat=True)) == {"concluded", "pending"}


# -- a good file --------------------------------------------------------------------------------


def test_a_valid_file_imports_cases_hearings_and_clocks(world):
    """Row 2 (BASE): answer 28 September + 15 days (Art. 67) → Tuesday 13 October, met on 9
    October; first-instance term 22 September + 6 months (Art. 81) → Monday 22 March 2027,
    stopped by the judgment; appeal: judgment served Thursday 3 December + 15 days (Art. 85) →
    Friday 18 December, used on 10 December.
    Row 3: served Monday 14 December + 15 days (Art. 67) → Tuesday 29 December: running, the
    case's deadline. Heard Tuesday 22 December, the head absent on official duties
    (Provisions Art. 8 (3)).
    Row 4: the appeal of row 2 (二审), served Monday 21 December: no answer clock (Art. 67 is
    the first instance's), linked to row 2's case.
    Row 5: a ruling dismissing the suit served Wednesday 16 September + 10 days (Art. 85) →
    Saturday 26 September, in 中秋 (25–27) → Monday 28 September."""
    w = world
    rows = [
        _row(),
        _row(SERVED_ONLY, 案号="（2026）粤0105行初302号", 原告="张三、某某科技有限公司",
             第三人=None, 起诉状副本送达日期=D(2026, 12, 14), 出庭通知送达日期=D(2026, 12, 17),
             开庭日期=D(2026, 12, 22), 负责人是否出庭="否",
             负责人未出庭理由="需要履行他人不能代替的公务", 出庭工作人员="李明"),
        _row(SERVED_ONLY, 案号="（2026）粤01行终55号", 审级="二审",
             原审案号="(2026)粤0105行初301号", 起诉状副本送达日期=D(2026, 12, 21)),
        _row(SERVED_ONLY, 案号="（2026）粤0105行初303号", 起诉状副本送达日期=D(2026, 6, 1),
             裁判结果="驳回起诉", 裁判日期=D(2026, 9, 15), 判决送达日期=D(2026, 9, 16)),
    ]  # fmt: skip
    result = import_litigation_cases(_file(rows), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (4, 4)
    first = LitigationCase.objects.get(court_case_number="（2026）粤0105行初301号")
    assert (first.organization, first.region_code, first.number) == (
        w.haizhu_agency, "440105000000", "（2026）粤0105行初301号",
    )  # fmt: skip
    assert (first.state, first.outcome, first.loss_ground) == ("concluded", "annul", "evidence")
    assert (first.appealed_on, first.appellant) == (D(2026, 12, 10), "agency")
    assert (first.first_heard_on, first.head_appeared) == (D(2026, 11, 10), True)
    assert first.created_by == w.clerk_haizhu
    assert [p.name for p in first.parties_on("plaintiff")] == ["广州某贸易有限公司"]
    assert [p.name for p in first.parties_on("third_party")] == ["李四"]
    hearing = first.hearings.get()
    assert (hearing.notice_served_on, hearing.held_on, hearing.head_name,
            hearing.head_position, hearing.staff) == (
        D(2026, 11, 2), D(2026, 11, 10), "王局长", "principal", "法制科 李明",
    )  # fmt: skip
    recommendation = first.recommendations.get()
    assert (recommendation.received_on, recommendation.replied_on, recommendation.reply) == (
        D(2026, 12, 15), D(2026, 12, 25), "已整改。",
    )  # fmt: skip
    assert [t for t, *_ in _events(first)] == [
        "register", "submit_answer", "schedule_hearing", "record_hearing", "conclude",
        "record_appeal", "receive_recommendation", "reply_recommendation",
    ]  # fmt: skip
    clocks = _clocks(first)
    assert clocks["answer"] == (
        ClockState.STOPPED, D(2026, 9, 28), D(2026, 10, 13), D(2026, 10, 13), D(2026, 10, 9)
    )  # fmt: skip
    assert clocks["first_instance_term"][1:3] == (D(2026, 9, 22), D(2027, 3, 22))
    assert clocks["appeal"] == (
        ClockState.STOPPED, D(2026, 12, 3), D(2026, 12, 18), D(2026, 12, 18), D(2026, 12, 10)
    )  # fmt: skip
    assert first.due_date is None

    open_ = LitigationCase.objects.get(court_case_number="（2026）粤0105行初302号")
    assert open_.state == "pending"
    assert _clocks(open_) == {
        "answer": (ClockState.RUNNING, D(2026, 12, 14), D(2026, 12, 29), D(2026, 12, 29), None)
    }
    assert open_.due_date == D(2026, 12, 29)
    assert (open_.first_heard_on, open_.head_appeared) == (D(2026, 12, 22), False)
    assert open_.hearings.get().absence_ground == AbsenceGround.DUTY
    assert {(p.name, p.kind) for p in open_.parties_on("plaintiff")} == {
        ("张三", "person"), ("某某科技有限公司", "organization"),
    }  # fmt: skip

    appeal = LitigationCase.objects.get(trial_level="second")
    assert appeal.earlier == first
    assert not Clock.for_case(appeal).exists() and appeal.due_date is None
    assert _events(appeal) == [("register", "", "pending", D(2026, 12, 21))]

    ruling = LitigationCase.objects.get(court_case_number="（2026）粤0105行初303号")
    assert _clocks(ruling)["appeal_ruling"] == (
        ClockState.RUNNING, D(2026, 9, 16), D(2026, 9, 26), D(2026, 9, 28), None
    )  # fmt: skip
    assert ChallengedAct.objects.count() == 4


def test_the_earlier_level_may_be_registered_already(world):
    w = world
    assert import_litigation_cases(_file([_row()]), actor=w.clerk_haizhu).ok
    row = _row(SERVED_ONLY, 案号="（2026）粤01行终55号", 审级="二审", 原审案号=BASE["案号"],
               起诉状副本送达日期=D(2026, 12, 21))  # fmt: skip
    assert import_litigation_cases(_file([row]), actor=w.clerk_haizhu).ok
    assert (
        LitigationCase.objects.get(trial_level="second").earlier.court_case_number == (BASE["案号"])
    )


def test_the_reconsideration_case_is_linked_and_followed_by_the_appeal(world):
    """The 复议案号 names a reconsideration case the importer may see: a CaseLink, as
    litigation.services writes it; the appeal in the same file follows the same one."""
    from reconsideration.services import application_register

    w = world
    with on(D(2026, 5, 4)):
        recon = application_register(
            actor=w.clerk_haizhu, organization=w.haizhu_bureau,
            data={"respondent": w.haizhu_agency.pk, "act_type": "penalty",
                  "act_description": "罚款决定", "requests": "撤销"},
            parties=[{"side": "applicant", "name": "甲", "kind": "person"}],
        )  # fmt: skip
    typed = recon.number.replace("（", "(").replace("）", ")")
    rows = [
        _row(复议案号=typed),
        _row(SERVED_ONLY, 案号="（2026）粤01行终55号", 审级="二审", 原审案号=BASE["案号"],
             起诉状副本送达日期=D(2026, 12, 21)),
    ]  # fmt: skip
    with on(TODAY):
        result = import_litigation_cases(_file(rows), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    recon_type = ContentType.objects.get_for_model(type(recon))
    assert set(CaseLink.objects.values_list("target_type", "target_id", "kind")) == {
        (recon_type.pk, recon.pk, CaseLink.Kind.LITIGATION_OF)
    }
    assert CaseLink.objects.count() == 2
    assert set(LitigationCase.objects.values_list("reconsideration_number", flat=True)) == {
        recon.number
    }


# -- bad rows -----------------------------------------------------------------------------------


def test_one_bad_row_writes_nothing_and_is_reported_by_row_and_column(world):
    before = _counts()
    rows = [_row(SERVED_ONLY, 案号=f"（2026）粤0105行初{400 + i}号") for i in range(5)]
    rows.insert(2, _row(案号="（2026）粤0105行初499号", 裁判日期="2026-13-01", 职务="科长"))
    result = import_litigation_cases(_file(rows), actor=world.clerk_haizhu)
    assert not result.ok and result.rows == 6
    assert {(e.row, e.column) for e in result.errors} == {(4, "裁判日期"), (4, "职务")}
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"被告机关": None}, "被告机关"),
        ({"被告机关": "某某局"}, "被告机关"),  # no such agency
        ({"法院": None}, "法院"),
        ({"案号": None}, "案号"),
        ({"案号": "号" * 65}, "案号"),
        ({"审级": "终审"}, "审级"),
        ({"原告": None}, "原告"),
        ({"原告": "、"}, "原告"),
        ({"第三人": "王五、" + "长" * 129}, "第三人"),
        ({"案由": None}, "案由"),
        ({"被诉行政行为": "为" * 301}, "被诉行政行为"),
        ({"文号": "号" * 101}, "文号"),
        ({"起诉状副本送达日期": None}, "起诉状副本送达日期"),
        ({"起诉状副本送达日期": "2026-02-30"}, "起诉状副本送达日期"),
        ({"起诉状副本送达日期": "昨天"}, "起诉状副本送达日期"),
        ({"立案日期": D(2026, 9, 29)}, "立案日期"),  # filed after the service (Art. 67)
        ({"答辩日期": D(2026, 9, 27)}, "答辩日期"),  # before the service
        ({"答辩日期": D(2026, 12, 2)}, "裁判日期"),  # the answer after the judgment
        ({"出庭通知送达日期": D(2026, 11, 11)}, "开庭日期"),  # the hearing before its notice
        ({"出庭通知送达日期": D(2026, 9, 27)}, "出庭通知送达日期"),  # before the service
        ({"出庭通知送达日期": None}, "出庭通知送达日期"),  # a hearing needs its notice
        ({"开庭日期": D(2026, 12, 2)}, "裁判日期"),  # judged before the hearing
        ({"判决送达日期": D(2026, 11, 30)}, "判决送达日期"),  # served before it was made
        ({"上诉日期": D(2026, 12, 2)}, "上诉日期"),  # before the service of the judgment
        ({"司法建议回复日期": D(2026, 12, 14)}, "司法建议回复日期"),  # before receipt
        ({"司法建议收到日期": D(2026, 9, 1)}, "司法建议收到日期"),  # before the service
        ({"司法建议回复日期": TODAY + datetime.timedelta(days=1)}, "司法建议回复日期"),
        ({"负责人是否出庭": None}, "负责人是否出庭"),
        ({"负责人是否出庭": "有"}, "负责人是否出庭"),
        ({"出庭负责人": None}, "出庭负责人"),
        ({"职务": None}, "职务"),
        ({"职务": "科长"}, "职务"),
        ({"负责人未出庭理由": "不可抗力"}, "负责人未出庭理由"),  # yet the head appeared
        ({"负责人是否出庭": "否", "出庭负责人": None, "职务": None}, "负责人未出庭理由"),
        ({"负责人是否出庭": "否", "职务": None, "负责人未出庭理由": "不可抗力"}, "出庭负责人"),
        ({"负责人是否出庭": "否", "出庭负责人": None, "职务": None, "负责人未出庭理由": "出差"},
         "负责人未出庭理由"),
        (NO_HEARING | {"负责人是否出庭": "是"}, "负责人是否出庭"),  # no hearing date
        ({"裁判结果": "维持原判"}, "裁判结果"),  # not at first instance (Art. 89)
        ({"裁判结果": "发回重审"}, "裁判结果"),
        ({"裁判结果": "胜诉"}, "裁判结果"),
        ({"裁判日期": None}, "裁判日期"),
        ({"判决送达日期": None}, "判决送达日期"),
        ({"败诉原因": None}, "败诉原因"),
        ({"败诉原因说明": None}, "败诉原因说明"),
        ({"败诉原因": "证据"}, "败诉原因"),
        (NO_JUDGMENT | {"裁判日期": D(2026, 12, 1)}, "裁判日期"),  # no judgment named
        ({"裁判结果": "驳回诉讼请求", "败诉原因说明": None}, "败诉原因"),  # a win has no ground of loss
        ({"裁判结果": "准予撤诉", "败诉原因": None, "败诉原因说明": None}, "上诉日期"),
        ({"上诉人": None}, "上诉人"),
        ({"上诉日期": None}, "上诉日期"),
        ({"上诉人": "原告"}, "上诉人"),
        ({"司法建议内容": None}, "司法建议内容"),
        (NO_RECOMMENDATION | {"回复内容": "已整改。"}, "回复内容"),
        ({"回复内容": None}, "回复内容"),
        ({"司法建议回复日期": None}, "司法建议回复日期"),
        ({"原审案号": "（2026）粤0105行初1号"}, "原审案号"),  # a first instance
        ({"复议案号": "（2026）海珠区司法局行复字第0001号"}, "复议案号"),  # not found
        ({"出庭负责人": "名" * 65}, "出庭负责人"),
    ],
)  # fmt: skip
def test_each_kind_of_problem_names_its_row_and_column(world, overrides, column):
    before = _counts()
    result = import_litigation_cases(_file([_row(**overrides)]), actor=world.clerk_haizhu)
    assert cells(result) == [(2, column)], result.errors
    assert all(e.reason for e in result.errors)
    assert _counts() == before


def test_a_notice_served_late_is_imported_as_it_was(world):
    """Served the day before the hearing, fewer than the three days of Provisions Art. 5: the
    court's lapse, recorded as it happened, not refused and not moved."""
    row = _row(出庭通知送达日期=D(2026, 11, 9))
    assert import_litigation_cases(_file([row]), actor=world.clerk_haizhu).ok
    hearing = Hearing.objects.get()
    assert (hearing.notice_served_on, hearing.hearing_on) == (D(2026, 11, 9), D(2026, 11, 10))


def test_an_appeal_or_retrial_may_be_upheld_or_remanded(world):
    rows = [_row(NO_RECOMMENDATION, 案号="（2026）粤01行终7号", 审级="二审", 上诉日期=None,
                 上诉人=None, 裁判结果="维持原判", 败诉原因=None, 败诉原因说明=None, 立案日期=None)]  # fmt: skip
    result = import_litigation_cases(_file(rows), actor=world.clerk_haizhu)
    assert result.ok, result.errors
    case = LitigationCase.objects.get()
    assert (case.judgment_type, set(_clocks(case))) == ("upheld", set())
    # An upheld second instance is final: no appeal (Art. 85 is the first instance's).
    again = _row(NO_RECOMMENDATION, 案号="（2026）粤01行终8号", 审级="二审", 裁判结果="维持原判",
                 败诉原因=None, 败诉原因说明=None, 立案日期=None)  # fmt: skip
    result = import_litigation_cases(_file([again]), actor=world.clerk_haizhu)
    assert cells(result) == [(2, "上诉日期")]


def test_the_reasons_are_those_of_the_statute(world):
    """A sample of the reasons, in the users' language (zh-hans; the English source until
    its translation is compiled): the article the row offends is named."""
    result = import_litigation_cases(_file([_row(裁判结果="维持原判")]), actor=world.clerk_haizhu)
    [error] = result.errors
    assert (error.row, error.column) == (2, "裁判结果")
    assert "89" in error.reason or "第八十九条" in error.reason


def test_a_missing_column_is_reported_on_the_header_row(world):
    headers = [h for h in HEADERS if h not in ("被告机关", "起诉状副本送达日期")]
    result = import_litigation_cases(_file([], headers), actor=world.clerk_haizhu)
    assert cells(result) == [(1, "被告机关"), (1, "起诉状副本送达日期")]


def test_a_file_with_only_the_required_columns_imports(world):
    keep = [c.header for c in COLUMNS if c.required]
    row = {**BASE, **SERVED_ONLY}
    result = import_litigation_cases(_file([[row[h] for h in keep]], keep),
                                     actor=world.clerk_haizhu)  # fmt: skip
    assert result.ok, result.errors
    assert LitigationCase.objects.get().state == "pending"


def test_an_empty_file_and_a_file_that_is_not_a_workbook_are_refused(world):
    assert [e.row for e in import_litigation_cases(_file([]), actor=world.clerk_haizhu).errors] == [
        2
    ]
    result = import_litigation_cases(io.BytesIO(b"PK\x03\x04 not really"),
                                     actor=world.clerk_haizhu)  # fmt: skip
    assert not result.ok and LitigationCase.objects.count() == 0


# -- who, and not twice -------------------------------------------------------------------------


def test_who_may_import(world):
    """An agency's handler imports only its own agency's cases; the bureau's staff those of
    the agencies in their jurisdiction; a leader reads only."""
    w = world
    baiyun_agency = Organization.objects.create(
        name="白云区市场监督管理局", kind=OrganizationKind.AGENCY, region=w.baiyun
    )
    other_haizhu = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    with pytest.raises(PermissionDenied):
        import_litigation_cases(_file([_row()]), actor=w.leader_gz)
    # The agency's handler: its own agency, not a sister agency of the district.
    rows = [_row(), _row(SERVED_ONLY, 案号="（2026）粤0105行初302号", 被告机关=other_haizhu.name)]
    result = import_litigation_cases(_file(rows), actor=w.agency_haizhu)
    assert cells(result) == [(3, "被告机关")]
    assert other_haizhu.name in result.errors[0].reason
    assert LitigationCase.objects.count() == 0
    assert import_litigation_cases(_file(rows[:1]), actor=w.agency_haizhu).ok
    assert LitigationCase.objects.get().created_by == w.agency_haizhu
    # The district's staff: its agencies, not another district's.
    rows = [_row(SERVED_ONLY, 案号="（2026）粤0111行初9号", 被告机关=baiyun_agency.name)]
    result = import_litigation_cases(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(2, "被告机关")]
    assert import_litigation_cases(_file(rows), actor=w.clerk_baiyun).ok
    assert LitigationCase.objects.filter(organization=baiyun_agency).count() == 1
    # The city's staff reach both districts.
    city_clerk = _user("clerk_gz", w.city_bureau, Role.SECTION_STAFF)
    rows = [_row(SERVED_ONLY, 案号="（2026）粤0105行初303号", 被告机关=other_haizhu.name)]
    assert import_litigation_cases(_file(rows), actor=city_clerk).ok


def test_an_ambiguous_agency_name_is_refused(world):
    Organization.objects.create(name="海珠区市场监督管理局", kind=OrganizationKind.AGENCY,
                                region=world.street)  # fmt: skip
    result = import_litigation_cases(_file([_row()]), actor=world.clerk_haizhu)
    assert [e.column for e in result.errors] == ["被告机关"]


def test_a_court_case_already_registered_or_twice_in_the_file_is_refused(world):
    """The same defendant, court case number (written another way: half-width brackets) and
    trial level; another level of the same number, or another defendant, is another case."""
    w = world
    assert import_litigation_cases(_file([_row()]), actor=w.clerk_haizhu).ok
    before = _counts()
    again = import_litigation_cases(_file([_row(案号="(2026)粤0105行初301号")]),
                                    actor=w.clerk_haizhu)  # fmt: skip
    assert cells(again) == [(2, "案号")]
    assert _counts() == before
    rows = [_row(SERVED_ONLY, 案号="（2026）粤0105行初302号"),
            _row(SERVED_ONLY, 案号="（2026）粤0105行初303号"),
            _row(SERVED_ONLY, 案号="（2026）粤0105行初302号")]  # fmt: skip
    result = import_litigation_cases(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(4, "案号")]
    assert "2" in result.errors[0].reason
    assert _counts() == before
    co_defendant = Organization.objects.create(
        name="海珠区人民政府", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    rows = [_row(SERVED_ONLY, 被告机关=co_defendant.name),
            _row(SERVED_ONLY, 审级="再审", 案号=BASE["案号"])]  # fmt: skip
    assert import_litigation_cases(_file(rows), actor=w.clerk_haizhu).ok


def test_an_earlier_level_nowhere_to_be_found_is_refused(world):
    row = _row(SERVED_ONLY, 案号="（2026）粤01行终55号", 审级="二审", 原审案号="（2026）粤0105行初999号")  # fmt: skip
    result = import_litigation_cases(_file([row]), actor=world.clerk_haizhu)
    assert cells(result) == [(2, "原审案号")]
    assert LitigationCase.objects.count() == 0


# -- writing ------------------------------------------------------------------------------------


def test_every_table_is_written_by_copy_on_postgresql_and_by_the_orm_elsewhere(world):
    rows = [_row(), _row(SERVED_ONLY, 案号="（2026）粤0105行初302号")]
    parties = Party.objects.count()  # the world's own
    with CaptureQueriesContext(connection) as queries:
        assert import_litigation_cases(_file(rows), actor=world.clerk_haizhu).ok
    tables = ["litigation_litigationcase", "core_party", "litigation_litigationparty",
              "litigation_hearing", "litigation_recommendation", "cases_caseevent",
              "cases_clock", "cases_challengedact"]  # fmt: skip
    statements = [q["sql"] for q in queries.captured_queries]
    verb = "COPY" if connection.vendor == "postgresql" else "INSERT INTO"
    for table in tables:
        assert any(s.startswith(f'{verb} "{table}"') for s in statements), (table, statements)
    # Parties: plaintiff and third party each. Events: 8 + 1. Clocks: answer, term, appeal;
    # answer. Acts: one each.
    assert _counts() == (2, parties + 4, 4, 1, 1, 9, 4, 2, 0)


# -- the command and the pages ------------------------------------------------------------------


def test_the_command_checks_and_imports(world, tmp_path):
    path = tmp_path / "cases.xlsx"
    path.write_bytes(_file([_row(), _row(SERVED_ONLY, 案号="（2026）粤0105行初302号")]).getvalue())
    out = io.StringIO()
    call_command("import_litigation_cases", str(path), user="clerk_haizhu", check=True,
                 stdout=out)  # fmt: skip
    assert LitigationCase.objects.count() == 0 and "2" in out.getvalue()
    call_command("import_litigation_cases", str(path), user="agency_haizhu", stdout=out)
    assert LitigationCase.objects.count() == 2
    assert set(LitigationCase.objects.values_list("created_by__username", flat=True)) == {
        "agency_haizhu"
    }
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_file([_row(案号="（2026）粤0105行初9号", 答辩日期=D(2026, 9, 1))]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_litigation_cases", str(bad), user="clerk_haizhu", stderr=err)
    assert "2\t答辩日期\t" in err.getvalue()
    assert LitigationCase.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import_litigation_cases", str(path), user="leader_gz")
    with pytest.raises(CommandError):
        call_command("import_litigation_cases", str(path), user="nobody")
    with pytest.raises(CommandError):
        call_command("import_litigation_cases", str(tmp_path / "missing.xlsx"),
                     user="clerk_haizhu")  # fmt: skip


def test_the_template_download(world, client):
    from django.urls import reverse

    client.force_login(world.agency_haizhu)
    response = client.get(reverse("litigation:case_import_template"))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "行政应诉案件"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(world.leader_gz)
    assert client.get(reverse("litigation:case_import_template")).status_code == 403


def test_the_upload_page(world, client):
    """GET shows the form; a bad file writes nothing and lists its problems by row and
    column; a good one is written and leads to the case list, which has a button to the
    import for those who may import."""
    from django.urls import reverse

    url = reverse("litigation:case_import")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(world.agency_haizhu)
    listing = client.get(reverse("litigation:case_list")).content.decode()
    assert 'id="case-import"' in listing and url in listing
    page = client.get(url)
    assert page.status_code == 200 and 'id="template-link"' in page.content.decode()
    assert reverse("litigation:case_import_template") in page.content.decode()
    bad = client.post(url, {"file": SHEET.upload([_row(裁判结果="维持原判")])})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert 'id="import-errors"' in text and "裁判结果" in text
    assert LitigationCase.objects.count() == 0
    good = client.post(url, {"file": SHEET.upload([_row()])})
    assert good.status_code == 302 and good["Location"] == reverse("litigation:case_list")
    assert LitigationCase.objects.count() == 1
    client.force_login(world.leader_gz)
    assert client.get(url).status_code == 403
    assert 'id="case-import"' not in client.get(reverse("litigation:case_list")).content.decode()


def test_the_simplified_procedure_column(world):
    """简易程序 是 on a first-instance case (Arts. 82–83): filed Tue 22 September 2026 + 45 days
    → Fri 6 November, the 45-day term instead of the six months; the same mark on an appeal is
    refused, naming the column, and nothing is written."""
    w = world
    row = _row(SERVED_ONLY, 立案日期=D(2026, 9, 22), 简易程序="是")
    assert import_litigation_cases(_file([row]), actor=w.clerk_haizhu).ok
    case = LitigationCase.objects.get()
    assert case.simplified is True
    clocks = _clocks(case)
    assert clocks["simplified_term"][:4] == (
        ClockState.RUNNING, D(2026, 9, 22), D(2026, 11, 6), D(2026, 11, 6)
    )  # fmt: skip
    assert "first_instance_term" not in clocks
    before = _counts()
    appeal = _row(SERVED_ONLY, 案号="（2026）粤01行终56号", 审级="二审", 简易程序="是")
    result = import_litigation_cases(_file([appeal]), actor=w.clerk_haizhu)
    assert not result.ok and _counts() == before
    assert any(e.column == "简易程序" for e in result.errors), result.errors
