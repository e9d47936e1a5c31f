"""Excel import of past reconsideration cases (行政复议法 2023, reference/statutes.md §1): all rows
or none, errors by row and column, each row in the state its columns reach
(reconsideration.process), the clocks replayed over its steps (Arts. 30, 48, 54, 62, 88), the
processing time less the days suspended (Arts. 39, 62), COPY on PostgreSQL, no second import of
a file.

The tests run on Friday 20 November 2026. 2026 (statutes-lines.md §H): 清明 4–6 April; 端午
Fri 19 – Sun 21 June; 中秋 Fri 25 – Sun 27 September; 国庆 Thu 1 – Wed 7 October; make-up
working days Sun 20 September and Sat 10 October. Acceptance review 5 working days (Art. 30),
copy to the respondent 7 working days (3 on the simplified procedure, Arts. 48, 54), decision
60 days (30 on the simplified procedure, Art. 62); working days per Art. 88, calendar periods
rolled past rest days."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from cases import engine
from cases.models import CaseEvent, ChallengedAct, Clock, NumberSequence
from cases.testing import holidays, on
from conftest import _user
from core.errors import PermissionDenied
from core.models import Organization, OrganizationKind, Party
from core.roles import Role
from core.testing import Sheet, cells, filled
from reconsideration.choices import ActType, DecisionType, Procedure, SimplifiedGround
from reconsideration.importing import (
    ACT_TYPES,
    COLUMNS,
    DECISIONS,
    SIMPLIFIED_GROUNDS,
    import_reconsideration_cases,
    template,
)
from reconsideration.models import ReconParty, ReconsiderationCase

D = datetime.date
pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = D(2026, 11, 20)  # a Friday
ID_NUMBER = "440105199003071235"
CREDIT_CODE = "914401053047123454"


@pytest.fixture(autouse=True)
def _on_the_test_day(db):
    holidays()
    with on(TODAY):
        yield


# A case decided after a hearing. Received Monday 15 June: the review (5 working days,
# Art. 30) skips 端午 (19–21 June): 16, 17, 18, 22, 23 → Tuesday 23 June. Accepted Thursday
# 18 June: the copy (7 working days, Art. 48): 22–26, 29, 30 June → Tuesday 30 June; the
# decision (60 days, Art. 62): 12 days of June, 31 of July, 17 of August → Monday 17 August.
# Heard Tuesday 28 July, decided Friday 14 August: 12 + 31 + 14 = 57 days.
BASE = {
    "案号": None,
    "行政复议机构": "海珠区司法局",
    "收到申请日期": D(2026, 6, 15),
    "申请方式": "窗口",
    "申请人": "广州某贸易有限公司",
    "申请人类型": "法人或其他组织",
    "申请人身份证号/统一社会信用代码": CREDIT_CODE,
    "申请人电话": "13800138000",
    "第三人": "李四",
    "被申请人": "海珠区市场监督管理局",
    "行为类别": "行政处罚",
    "被申请行为": "海市监罚〔2026〕12号行政处罚决定",
    "文书编号": "海市监罚〔2026〕12号",
    "知道日期": D(2026, 6, 1),
    "复议请求": "撤销该行政处罚决定",
    "申请人请求确认无效": None,
    "受理日期": D(2026, 6, 18),
    "不予受理日期": None,
    "不予受理理由": None,
    "审理程序": "普通",
    "简易程序情形": None,
    "结案日期": D(2026, 8, 14),
    "结案方式": "决定",
    "决定类型": "撤销",
    "被申请人自行纠正": None,
    "是否听证": "是",
    "听证日期": D(2026, 7, 28),
    "中止天数": None,
}
OPEN = {"结案日期": None, "结案方式": None, "决定类型": None}
NOT_ACCEPTED = {**OPEN, "受理日期": None, "审理程序": None, "是否听证": None, "听证日期": None}
REFUSED = {**NOT_ACCEPTED, "不予受理日期": D(2026, 6, 17),
           "不予受理理由": "不属于行政复议范围（第十二条）"}  # fmt: skip


def _person(name: str) -> dict:
    return {"申请人": name, "申请人类型": "自然人", "申请人身份证号/统一社会信用代码": ID_NUMBER}


SHEET = Sheet(COLUMNS, BASE, "cases.xlsx")
_row, _file = SHEET.row, SHEET.file  # BASE with parts laid over it; rows as a workbook


def _counts():
    return (ReconsiderationCase.objects.count(), Party.objects.count(),
            ReconParty.objects.count(), CaseEvent.objects.count(), Clock.objects.count(),
            NumberSequence.objects.count(), ChallengedAct.objects.count())  # fmt: skip


def _clocks(case) -> dict:
    return {c.key: (c.state, c.started_on, c.due_date, c.stopped_on) for c in Clock.for_case(case)}


def _events(case) -> list:
    return [
        (e.transition, e.from_state, e.to_state, e.on_date)
        for e in CaseEvent.for_case(case).order_by("version")
    ]


def _by_applicant() -> dict:
    return {c.parties_on("applicant")[0].name: c for c in ReconsiderationCase.objects.all()}


# -- the template -------------------------------------------------------------------------------


def test_the_template_has_every_column_and_instructions():
    wb = load_workbook(io.BytesIO(template()))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.sheetnames == ["行政复议案件", "填写说明"]
    notes = {row[0]: row for row in wb["填写说明"].iter_rows(values_only=True) if row}
    assert notes["申请方式"][3] == "窗口、网上、邮寄"
    assert notes["结案方式"][3] == "决定、调解、和解撤回、撤回、终止、驳回申请"
    assert notes["行政复议机构"][1] == "是" and notes["受理日期"][1] == "否"
    # Each drop-down list stays within Excel's 255 characters.
    for validation in wb.worksheets[0].data_validations.dataValidation:
        assert len(validation.formula1) <= 255


def test_the_drop_down_values_are_the_chinese_labels_of_the_choices():
    """行为类别, 决定类型 (without the article the case page adds) and 简易程序情形 are the
    labels Fazhi shows in Chinese, so an exported case reads the same as an imported one."""
    with translation.override("zh-hans"):
        assert {str(ActType(v).label): v for v in ACT_TYPES.values()} == ACT_TYPES
        assert {
            str(DecisionType(v).label).split("（第")[0]: v for v in DECISIONS.values()
        } == DECISIONS
        assert {
            str(SimplifiedGround(v).label): v for v in SIMPLIFIED_GROUNDS.values()
        } == SIMPLIFIED_GROUNDS
        assert str(Procedure.SIMPLIFIED.label) == "简易程序"
    assert set(ACT_TYPES.values()) == set(ActType.values)
    assert set(DECISIONS.values()) == set(DecisionType.values)
    assert set(SIMPLIFIED_GROUNDS.values()) == set(SimplifiedGround.values)


def test_the_template_filled_in_comes_back_in(world):
    """The downloaded template, filled below its header and uploaded as it is (its drop-down
    lists and text-formatted columns included), imports."""
    buffer = filled(template(), [_row(), _row(NOT_ACCEPTED, **_person("吴二"))])
    result = import_reconsideration_cases(buffer, actor=world.clerk_haizhu)
    assert result.ok, result.errors
    assert result.written == 2
    assert set(ReconsiderationCase.objects.values_list("state", flat=True)) == {
        "decided", "submitted",
    }  # fmt: skip


# -- each state ---------------------------------------------------------------------------------


def test_a_valid_file_imports_each_case_in_the_state_its_columns_reach(world):
    w = world
    rows = [
        # Received Thursday 24 September, not yet decided on: the review skips 中秋 (25–27
        # Sep) and 国庆 (1–7 Oct): 28, 29, 30 September, 8, 9 October → Friday 9 October.
        _row(NOT_ACCEPTED, _person("甲"), 收到申请日期=D(2026, 9, 24), 知道日期=None),
        # Received Monday 14 September, not accepted Thursday 17 September (Art. 30). The
        # review was due 15, 16, 17, 18 and Sunday 20 September (make-up working day).
        _row(REFUSED, _person("乙"), 收到申请日期=D(2026, 9, 14), 不予受理日期=D(2026, 9, 17)),
        # Accepted Friday 9 October, the review's last day, still open: the copy within 7
        # working days — Saturday 10 October (make-up), 12–16, 19 October → Monday 19
        # October; the decision within 60 days: 22 days of October, 30 of November, 8 of
        # December → Tuesday 8 December.
        _row(OPEN, _person("丙"), 收到申请日期=D(2026, 9, 24), 受理日期=D(2026, 10, 9),
             是否听证=None, 听证日期=None),
        # Accepted Wednesday 16 September on the simplified procedure (Art. 53: a warning),
        # open: the copy within 3 working days — 17, 18 and Sunday 20 September (make-up) →
        # Sunday 20 September; the decision within 30 days → Friday 16 October.
        _row(OPEN, _person("丁"), 收到申请日期=D(2026, 9, 14), 受理日期=D(2026, 9, 16),
             审理程序="简易", 简易程序情形="警告或者通报批评", 是否听证=None, 听证日期=None),
        # Decided after a hearing (BASE): 57 days.
        _row(_person("戊")),
        # Received Wednesday 1 July, accepted Monday 6 July, mediated Monday 31 August with
        # the respondent correcting its act (Art. 73): 25 days of July + 31 = 56 days.
        _row(_person("己"), 收到申请日期=D(2026, 7, 1), 受理日期=D(2026, 7, 6),
             是否听证=None, 听证日期=None, 结案日期=D(2026, 8, 31), 结案方式="调解",
             决定类型=None, 被申请人自行纠正="是"),
        # Accepted Thursday 5 March, settled and withdrawn Thursday 16 April (Art. 74):
        # 26 days of March + 16 = 42 days.
        _row(_person("庚"), 收到申请日期=D(2026, 3, 2), 知道日期=D(2026, 2, 20),
             受理日期=D(2026, 3, 5), 是否听证=None, 听证日期=None, 结案日期=D(2026, 4, 16),
             结案方式="和解撤回", 决定类型=None, 被申请人自行纠正="是"),
        # Received Wednesday 1 April, withdrawn Tuesday 7 April before acceptance: the review
        # (2, 3, then 清明 4–6 April, 7, 8, 9 → Thursday 9 April) stops that day.
        _row(NOT_ACCEPTED, _person("辛"), 收到申请日期=D(2026, 4, 1), 知道日期=None,
             结案日期=D(2026, 4, 7), 结案方式="撤回"),
        # Accepted Wednesday 5 August, terminated Monday 21 September (Art. 41) after 20 days
        # of suspension: 26 days of August + 21 − 20 = 27 days.
        _row(_person("壬"), 收到申请日期=D(2026, 8, 3), 受理日期=D(2026, 8, 5),
             是否听证=None, 听证日期=None, 结案日期=D(2026, 9, 21), 结案方式="终止",
             决定类型=None, 中止天数=20),
        # Accepted Thursday 3 September, the application rejected Tuesday 15 September
        # (Art. 33): 12 days.
        _row(_person("癸"), 收到申请日期=D(2026, 9, 1), 受理日期=D(2026, 9, 3),
             是否听证=None, 听证日期=None, 结案日期=D(2026, 9, 15), 结案方式="驳回申请",
             决定类型=None),
    ]  # fmt: skip
    result = import_reconsideration_cases(_file(rows), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (10, 10)
    cases = _by_applicant()
    assert {name: (c.state, c.outcome, c.processing_days) for name, c in cases.items()} == {
        "甲": ("submitted", "", None), "乙": ("refused", "refused", None),
        "丙": ("accepted", "", None), "丁": ("accepted", "", None),
        "戊": ("decided", "decided", 57), "己": ("mediated", "mediated", 56),
        "庚": ("withdrawn", "settled", 42), "辛": ("withdrawn", "withdrawn", None),
        "壬": ("terminated", "terminated", 27), "癸": ("rejected", "rejected", 12),
    }  # fmt: skip
    # Numbers from the bureau's sequence in order of receipt.
    assert [cases[n].number_seq for n in "庚辛戊己壬癸乙丁甲丙"] == list(range(1, 11))
    assert cases["庚"].number == "（2026）海珠区司法局行复字第0001号"
    assert NumberSequence.objects.get(organization=w.haizhu_bureau,
                                      series="reconsideration").last == 10  # fmt: skip

    submitted = cases["甲"]
    assert _events(submitted) == [("register", "", "submitted", D(2026, 9, 24))]
    assert _clocks(submitted) == {"acceptance": ("running", D(2026, 9, 24), D(2026, 10, 9), None)}
    assert (submitted.due_date, submitted.accepted_at, submitted.closed_at) == (
        D(2026, 10, 9), None, None,
    )  # fmt: skip

    refused = cases["乙"]
    assert _events(refused) == [
        ("register", "", "submitted", D(2026, 9, 14)),
        ("refuse", "submitted", "refused", D(2026, 9, 17)),
    ]
    assert _clocks(refused) == {
        "acceptance": ("stopped", D(2026, 9, 14), D(2026, 9, 20), D(2026, 9, 17)),
    }  # fmt: skip
    assert refused.refusal_reason == "不属于行政复议范围（第十二条）"
    assert refused.closed_at.astimezone(SHANGHAI).date() == D(2026, 9, 17)
    assert (refused.accepted_on, refused.concluded_on, refused.due_date) == (None, None, None)

    accepted = cases["丙"]
    assert _events(accepted) == [
        ("register", "", "submitted", D(2026, 9, 24)),
        ("accept", "submitted", "accepted", D(2026, 10, 9)),
    ]
    assert _clocks(accepted) == {
        "acceptance": ("stopped", D(2026, 9, 24), D(2026, 10, 9), D(2026, 10, 9)),
        "copy": ("running", D(2026, 10, 9), D(2026, 10, 19), None),
        "decision": ("running", D(2026, 10, 9), D(2026, 12, 8), None),
    }
    assert (accepted.procedure, accepted.accepted_on, accepted.due_date) == (
        "ordinary", D(2026, 10, 9), D(2026, 10, 19),
    )  # fmt: skip
    assert accepted.accepted_at.astimezone(SHANGHAI).date() == D(2026, 10, 9)

    simplified = cases["丁"]
    assert (simplified.procedure, simplified.simplified_ground) == ("simplified", "warning")
    assert _clocks(simplified) == {
        "acceptance": ("stopped", D(2026, 9, 14), D(2026, 9, 20), D(2026, 9, 16)),
        "copy_simplified": ("running", D(2026, 9, 16), D(2026, 9, 20), None),
        "decision_simplified": ("running", D(2026, 9, 16), D(2026, 10, 16), None),
    }
    assert simplified.due_date == D(2026, 9, 20)

    decided = cases["戊"]
    assert _events(decided) == [
        ("register", "", "submitted", D(2026, 6, 15)),
        ("accept", "submitted", "accepted", D(2026, 6, 18)),
        ("hold_hearing", "accepted", "accepted", D(2026, 7, 28)),
        ("decide", "accepted", "decided", D(2026, 8, 14)),
    ]
    assert {e.actor_id for e in CaseEvent.for_case(decided)} == {w.clerk_haizhu.pk}
    assert _clocks(decided) == {
        "acceptance": ("stopped", D(2026, 6, 15), D(2026, 6, 23), D(2026, 6, 18)),
        "copy": ("stopped", D(2026, 6, 18), D(2026, 6, 30), D(2026, 8, 14)),
        "decision": ("stopped", D(2026, 6, 18), D(2026, 8, 17), D(2026, 8, 14)),
    }
    assert (decided.decision_type, decided.concluded_on, decided.due_date, decided.version) == (
        "annul", D(2026, 8, 14), None, 4,
    )  # fmt: skip
    assert (decided.hearing_on, decided.hearing_held_on) == (D(2026, 7, 28), D(2026, 7, 28))
    assert decided.closed_at.astimezone(SHANGHAI).date() == D(2026, 8, 14)
    assert (decided.respondent, decided.act_type, decided.channel, decided.knew_on) == (
        w.haizhu_agency, "penalty", "window", D(2026, 6, 1),
    )  # fmt: skip
    assert decided.title == decided.act_description == "海市监罚〔2026〕12号行政处罚决定"
    assert (decided.created_by, decided.team, decided.region_code) == (
        w.clerk_haizhu, w.haizhu_bureau, w.haizhu.code,
    )  # fmt: skip
    applicant = decided.parties_on("applicant")[0]
    assert (applicant.kind, applicant.id_number, applicant.phone) == (
        "person", ID_NUMBER, "13800138000",
    )  # fmt: skip
    assert applicant.organization == w.haizhu_bureau and applicant.region_code == w.haizhu.code
    assert [(p.name, p.kind) for p in decided.parties_on("third_party")] == [("李四", "person")]

    mediated = cases["己"]
    assert (mediated.respondent_corrected, mediated.concluded_on) == (True, D(2026, 8, 31))
    assert [e[0] for e in _events(mediated)] == ["register", "accept", "mediate"]
    # The copy was due 7, 8, 9, 10, 13, 14, 15 July; the decision 4 September.
    assert _clocks(mediated)["copy"] == ("stopped", D(2026, 7, 6), D(2026, 7, 15), D(2026, 8, 31))
    assert _clocks(mediated)["decision"][2] == D(2026, 9, 4)

    settled = cases["庚"]
    assert settled.respondent_corrected and [e[0] for e in _events(settled)] == [
        "register", "accept", "withdraw",
    ]  # fmt: skip

    withdrawn = cases["辛"]
    # Withdrawn during the review: closed, never concluded (process._withdraw).
    assert _events(withdrawn) == [
        ("register", "", "submitted", D(2026, 4, 1)),
        ("withdraw", "submitted", "withdrawn", D(2026, 4, 7)),
    ]
    assert (withdrawn.concluded_on, withdrawn.closed_at.astimezone(SHANGHAI).date()) == (
        None, D(2026, 4, 7),
    )  # fmt: skip
    assert _clocks(withdrawn) == {
        "acceptance": ("stopped", D(2026, 4, 1), D(2026, 4, 9), D(2026, 4, 7)),
    }  # fmt: skip

    terminated = cases["壬"]
    assert [e[0] for e in _events(terminated)] == ["register", "accept", "terminate"]
    # The decision period from 5 August, 60 + 20 days suspended: 26 days of August, 30 of
    # September, 24 of October → Saturday 24 October, a rest day → Monday 26 October.
    assert _clocks(terminated)["decision"] == (
        "stopped", D(2026, 8, 5), D(2026, 10, 26), D(2026, 9, 21),
    )  # fmt: skip
    assert [e[0] for e in _events(cases["癸"])] == ["register", "accept", "reject_application"]

    # Every case has its act, by respondent and normalised document number.
    assert ChallengedAct.objects.filter(act_number="海市监罚[2026]12号",
                                        agency=w.haizhu_agency).count() == 10  # fmt: skip
    assert Party.objects.with_id_number(ID_NUMBER).count() == 10


def test_the_days_suspended_move_the_decision_period_and_are_not_counted(world):
    """Art. 39: the days of a suspension do not count. Decided (BASE) with 10 days suspended:
    57 − 10 = 47 days; the decision period, 60 + 10 days from Thursday 18 June → Thursday 27
    August. Accepted Friday 9 October and open with 20 days suspended: 60 + 20 days → Monday
    28 December."""
    rows = [
        _row(中止天数=10),
        _row(OPEN, _person("丙"), 收到申请日期=D(2026, 9, 24), 受理日期=D(2026, 10, 9),
             是否听证=None, 听证日期=None, 中止天数="20"),
    ]  # fmt: skip
    result = import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu)
    assert result.ok, result.errors
    cases = _by_applicant()
    decided, open_case = cases["广州某贸易有限公司"], cases["丙"]
    assert decided.processing_days == 47
    assert Clock.for_case(decided).get(key="decision").due_date == D(2026, 8, 27)
    assert Clock.for_case(open_case).get(key="decision").due_date == D(2026, 12, 28)
    assert open_case.processing_days is None


def test_an_imported_open_case_goes_on_through_the_engine(world):
    """The imported case is one the engine can move on: accepted 9 October, the copy is sent
    on the test day (the answer then due within 10 working days: 23, 24, 25, 26, 27, 30
    November, 1, 2, 3, 4 December → Friday 4 December), then it is decided: 42 days."""
    rows = [_row(OPEN, 收到申请日期=D(2026, 9, 24), 受理日期=D(2026, 10, 9), 是否听证=None,
                 听证日期=None)]  # fmt: skip
    assert import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu).ok
    case = ReconsiderationCase.objects.get()
    case = engine.fire(case, "send_copy", actor=world.clerk_haizhu,
                       data={"on_date": TODAY.isoformat()}, version=case.version)  # fmt: skip
    clocks = _clocks(case)
    assert clocks["copy"] == ("stopped", D(2026, 10, 9), D(2026, 10, 19), TODAY)
    assert clocks["answer"] == ("running", TODAY, D(2026, 12, 4), None)
    case = engine.fire(case, "decide", actor=world.clerk_haizhu, version=case.version,
                       data={"on_date": TODAY.isoformat(), "decision_type": "uphold",
                             "reasons": "事实清楚。"})  # fmt: skip
    assert (case.state, case.processing_days, case.version) == ("decided", 42, 4)


def test_an_imported_act_is_found_by_a_later_application_on_it(world):
    """The act's document number is recorded however its brackets are typed, so a later
    application on the same act finds the imported case (Art. 29)."""
    rows = [_row(文书编号="海市监罚[2026] 12号")]
    assert import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu).ok
    case = ReconsiderationCase.objects.get()
    assert case.act_number == "海市监罚[2026] 12号"
    assert ChallengedAct.other_cases(world.haizhu_agency, "海市监罚〔2026〕12号") == [case]
    # A failure to act has no document: no row.
    rows = [_row(_person("甲"), 文书编号=None, 行为类别="不履行法定职责",
                 被申请行为="未依法查处投诉举报", 决定类型="责令履行")]  # fmt: skip
    assert import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu).ok
    assert ChallengedAct.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        # The label as the case page prints it, with its article.
        ({"决定类型": "维持（第六十八条）"}, DecisionType.UPHOLD),
        # Art. 69: only in a case about a failure to perform a statutory duty.
        ({"决定类型": "驳回复议请求", "行为类别": "不履行法定职责"}, DecisionType.REJECT_CLAIM),
        # Art. 67: only on the applicant's request.
        ({"决定类型": "确认无效", "申请人请求确认无效": "是"}, DecisionType.DECLARE_VOID),
        ({"决定类型": "撤销并责令重新作出行政行为"}, DecisionType.ANNUL_REDO),
    ],
)
def test_the_decisions_that_need_a_condition_import_when_it_holds(world, overrides, expected):
    result = import_reconsideration_cases(_file([_row(**overrides)]), actor=world.clerk_haizhu)
    assert result.ok, result.errors
    assert ReconsiderationCase.objects.get().decision_type == expected


def test_several_third_parties_and_an_organisation_among_them(world):
    rows = [_row(第三人="王五、广州某建材有限公司；赵六")]
    assert import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu).ok
    case = ReconsiderationCase.objects.get()
    assert [(p.name, p.kind) for p in case.parties_on("third_party")] == [
        ("王五", "person"), ("广州某建材有限公司", "organization"), ("赵六", "person"),
    ]  # fmt: skip
    applicant = case.parties_on("applicant")[0]
    assert (applicant.kind, applicant.credit_code, applicant.id_number) == (
        "organization", CREDIT_CODE, "",
    )  # fmt: skip


# -- problems -----------------------------------------------------------------------------------


def test_one_bad_row_writes_nothing_and_is_reported_by_row_and_column(world):
    before = _counts()
    rows = [_row(**_person(f"申请人{i}")) for i in range(5)]
    rows.insert(2, _row(_person("坏"), {"中止天数": -3, "申请人电话": "12345"}))
    result = import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu)
    assert not result.ok and result.rows == 6
    assert {(e.row, e.column) for e in result.errors} == {(4, "中止天数"), (4, "申请人电话")}
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"收到申请日期": None}, "收到申请日期"),
        ({"收到申请日期": "2026-02-30"}, "收到申请日期"),
        ({"受理日期": "x"}, "受理日期"),
        ({"受理日期": D(2026, 6, 12)}, "受理日期"),  # before the application
        ({"结案日期": D(2026, 6, 17)}, "结案日期"),  # before the acceptance
        ({"结案日期": TODAY + datetime.timedelta(days=1)}, "结案日期"),  # in the future
        ({"听证日期": D(2026, 6, 17)}, "听证日期"),  # before the acceptance
        ({"听证日期": D(2026, 8, 20)}, "结案日期"),  # concluded before the hearing
        ({"知道日期": D(2026, 6, 16)}, "知道日期"),  # learned after applying
        ({"不予受理日期": D(2026, 6, 17), "不予受理理由": "不符合受理条件"}, "不予受理日期"),
        (REFUSED | {"不予受理理由": None}, "不予受理理由"),
        (REFUSED | {"不予受理日期": None}, "不予受理日期"),
        (REFUSED | {"不予受理日期": D(2026, 6, 12)}, "不予受理日期"),  # before the application
        ({"审理程序": None}, "审理程序"),
        ({"审理程序": "复杂"}, "审理程序"),
        ({"审理程序": "简易"}, "简易程序情形"),  # Art. 53 ground needed
        ({"简易程序情形": "警告或者通报批评"}, "简易程序情形"),  # the ordinary procedure
        ({"审理程序": "简易", "简易程序情形": "案情简单"}, "简易程序情形"),
        ({"结案方式": None}, "结案方式"),
        ({"结案方式": "结束"}, "结案方式"),
        ({"结案日期": None}, "结案日期"),
        ({"决定类型": None}, "决定类型"),
        ({"决定类型": "同意"}, "决定类型"),
        ({"决定类型": "确认无效"}, "决定类型"),  # not requested (Art. 67)
        ({"决定类型": "驳回行政复议请求"}, "决定类型"),  # a penalty, not a failure to act (Art. 69)
        ({"结案方式": "调解"}, "决定类型"),  # a decision type on a mediation
        ({"被申请人自行纠正": "是"}, "被申请人自行纠正"),  # on a decision
        ({"被申请人自行纠正": "对"}, "被申请人自行纠正"),
        (NOT_ACCEPTED | {"结案日期": D(2026, 6, 20), "结案方式": "终止"}, "结案方式"),
        (NOT_ACCEPTED | {"审理程序": "普通"}, "审理程序"),
        (NOT_ACCEPTED | {"中止天数": 5}, "中止天数"),
        (NOT_ACCEPTED | {"是否听证": "是"}, "是否听证"),
        ({"是否听证": None}, "是否听证"),  # a hearing date without 是
        ({"听证日期": None}, "听证日期"),  # 是 without a date
        ({"是否听证": "有"}, "是否听证"),
        ({"中止天数": "十"}, "中止天数"),
        ({"中止天数": 2.5}, "中止天数"),
        ({"中止天数": 58}, "中止天数"),  # more than the 57 days the case lasted
        (OPEN | {"中止天数": 156}, "中止天数"),  # more than 18 June – 20 November
        ({"申请方式": "电话"}, "申请方式"),
        ({"申请人类型": "个人"}, "申请人类型"),
        ({"申请人": None}, "申请人"),
        ({"申请人": "名" * 129}, "申请人"),
        ({"申请人身份证号/统一社会信用代码": "914401053047123455"},
         "申请人身份证号/统一社会信用代码"),  # GB 32100 checksum
        ({"申请人类型": "自然人"}, "申请人身份证号/统一社会信用代码"),  # a credit code
        (_person("甲") | {"申请人身份证号/统一社会信用代码": "440105199003071234"},
         "申请人身份证号/统一社会信用代码"),  # GB 11643 checksum
        ({"申请人电话": "12345"}, "申请人电话"),
        ({"第三人": "王五、" + "长" * 129}, "第三人"),
        ({"行政复议机构": None}, "行政复议机构"),
        ({"行政复议机构": "白云区司法局"}, "行政复议机构"),  # outside the jurisdiction
        ({"行政复议机构": "某某司法局"}, "行政复议机构"),
        ({"被申请人": "某某局"}, "被申请人"),
        ({"被申请人": None}, "被申请人"),
        ({"行为类别": "行政裁决"}, "行为类别"),
        ({"被申请行为": None}, "被申请行为"),
        ({"被申请行为": "为" * 301}, "被申请行为"),
        ({"文书编号": "号" * 101}, "文书编号"),
        ({"复议请求": None}, "复议请求"),
        ({"申请人请求确认无效": "要"}, "申请人请求确认无效"),
        ({"案号": "号" * 65}, "案号"),
    ],
)  # fmt: skip
def test_each_kind_of_problem_names_its_column(world, overrides, column):
    result = import_reconsideration_cases(_file([_row(**overrides)]), actor=world.clerk_haizhu)
    assert cells(result) == [(2, column)], result.errors
    assert ReconsiderationCase.objects.count() == 0


def test_a_refused_application_with_later_steps_names_each_column(world):
    row = _row(REFUSED, 审理程序="普通", 结案日期=D(2026, 8, 14), 结案方式="决定",
               决定类型="撤销", 被申请人自行纠正="是", 中止天数=3)  # fmt: skip
    result = import_reconsideration_cases(_file([row]), actor=world.clerk_haizhu)
    assert {e.column for e in result.errors} == {
        "审理程序", "结案日期", "结案方式", "决定类型", "被申请人自行纠正", "中止天数",
    }  # fmt: skip
    assert {e.row for e in result.errors} == {2}


def test_a_missing_column_is_reported_on_the_header_row(world):
    headers = [h for h in HEADERS if h not in ("被申请人", "复议请求")]
    result = import_reconsideration_cases(_file([], headers), actor=world.clerk_haizhu)
    assert cells(result) == [(1, "被申请人"), (1, "复议请求")]


def test_a_file_without_the_optional_columns_imports(world):
    """Only the required columns: a case received and not yet decided on."""
    keep = [c.header for c in COLUMNS if c.required]
    row = {**BASE, **NOT_ACCEPTED}
    result = import_reconsideration_cases(_file([[row[h] for h in keep]], keep),
                                          actor=world.clerk_haizhu)  # fmt: skip
    assert result.ok, result.errors
    assert ReconsiderationCase.objects.get().state == "submitted"


def test_a_file_that_is_not_a_workbook_is_refused(world):
    result = import_reconsideration_cases(io.BytesIO(b"PK\x03\x04 not really"),
                                          actor=world.clerk_haizhu)  # fmt: skip
    assert not result.ok and ReconsiderationCase.objects.count() == 0


def test_an_empty_file_is_refused(world):
    result = import_reconsideration_cases(_file([]), actor=world.clerk_haizhu)
    assert [e.row for e in result.errors] == [2]


def test_the_errors_listed_stop_at_two_hundred(world):
    rows = [_row(_person(f"申请人{i}"), 被申请人="某某局") for i in range(250)]
    result = import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu)
    assert (len(result.errors), result.more_errors) == (200, 50)
    assert {e.column for e in result.errors} == {"被申请人"}
    assert [e.row for e in result.errors] == list(range(2, 202))


def test_a_sheet_with_more_rows_than_allowed_is_stopped(world, settings):
    settings.FAZHI_IMPORT_MAX_ROWS = 3
    rows = [_row(**_person(f"申请人{i}")) for i in range(5)]
    result = import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu)
    assert not result.ok and "3" in result.errors[0].reason
    assert ReconsiderationCase.objects.count() == 0


# -- who, and not twice -------------------------------------------------------------------------


def test_who_may_import(world):
    w = world
    # Bureau section staff import for their bureau.
    assert import_reconsideration_cases(_file([_row()]), actor=w.clerk_haizhu).ok
    # Leaders read only; an agency's handler answers for the respondent.
    for user in (w.leader_gz, w.agency_haizhu):
        with pytest.raises(PermissionDenied):
            import_reconsideration_cases(_file([_row()]), actor=user)
    # Baiyun's staff do not reach Haizhu's bureau.
    result = import_reconsideration_cases(_file([_row()]), actor=w.clerk_baiyun)
    assert [e.column for e in result.errors] == ["行政复议机构"]
    # The city bureau's staff reach the districts' bureaus; the respondent must be within the
    # bureau's jurisdiction.
    city_clerk = _user("clerk_gz", w.city_bureau, Role.SECTION_STAFF)
    Organization.objects.create(name="白云区市场监督管理局", kind=OrganizationKind.AGENCY,
                                region=w.baiyun)  # fmt: skip
    rows = [_row(**_person("甲")), _row(_person("乙"), 被申请人="白云区市场监督管理局")]
    result = import_reconsideration_cases(_file(rows), actor=city_clerk)
    assert cells(result) == [(3, "被申请人")]
    rows = [_row(_person("乙"), 行政复议机构="白云区司法局", 被申请人="白云区市场监督管理局")]
    assert import_reconsideration_cases(_file(rows), actor=city_clerk).ok
    assert ReconsiderationCase.objects.filter(organization=w.baiyun_bureau).count() == 1


def test_an_ambiguous_bureau_name_is_refused(world):
    Organization.objects.create(name="海珠区司法局", kind=OrganizationKind.JUSTICE_BUREAU,
                                region=world.street)  # fmt: skip
    result = import_reconsideration_cases(_file([_row()]), actor=world.clerk_haizhu)
    assert [e.column for e in result.errors] == ["行政复议机构"]


def test_a_file_imported_again_writes_nothing_more(world):
    """The same file uploaded twice: every row is an application already registered."""
    rows = [_row(), _row(REFUSED, **_person("乙")), _row(NOT_ACCEPTED, **_person("丙"))]
    assert import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu).ok
    before = _counts()
    again = import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu)
    assert cells(again) == [(2, "申请人"), (3, "申请人"), (4, "申请人")]
    number = ReconsiderationCase.objects.get(state="decided").number
    assert number in again.errors[0].reason
    assert _counts() == before
    # Another applicant, another day or another act is another application.
    rows = [_row(**_person("丁")), _row(收到申请日期=D(2026, 6, 16)),
            _row(被申请行为="海市监罚〔2026〕13号行政处罚决定")]  # fmt: skip
    assert import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu).ok


def test_the_same_application_twice_in_a_file_is_refused(world):
    result = import_reconsideration_cases(_file([_row(), _row(**_person("甲")), _row()]),
                                          actor=world.clerk_haizhu)  # fmt: skip
    assert cells(result) == [(4, "申请人")]
    assert "2" in result.errors[0].reason


def test_imported_numbers_move_the_sequence_on_and_are_not_used_twice(world):
    from reconsideration.services import application_register

    w = world
    number = "（2026）海珠区司法局行复字第0057号"
    assert import_reconsideration_cases(_file([_row(案号=number)]), actor=w.clerk_haizhu).ok
    later = application_register(
        actor=w.clerk_haizhu, organization=w.haizhu_bureau,
        data={"respondent": w.haizhu_agency.pk, "act_type": "penalty",
              "act_description": "罚款决定", "requests": "撤销"},
        parties=[{"side": "applicant", "name": "甲", "kind": "person"}],
    )  # fmt: skip
    assert later.number == "（2026）海珠区司法局行复字第0058号"
    again = import_reconsideration_cases(
        _file([_row(**_person("乙")), _row(_person("丙"), 案号=number),
               _row(_person("丁"), 案号="X1"), _row(_person("戊"), 案号="X1")]),
        actor=w.clerk_haizhu,
    )  # fmt: skip
    assert cells(again) == [(3, "案号"), (5, "案号")]


# -- writing ------------------------------------------------------------------------------------


def test_every_table_is_written_by_copy_on_postgresql_and_by_the_orm_elsewhere(world):
    rows = [_row(), _row(REFUSED, **_person("乙")), _row(OPEN, **_person("丙"))]
    with CaptureQueriesContext(connection) as queries:
        assert import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu).ok
    tables = ["reconsideration_reconsiderationcase", "core_party", "reconsideration_reconparty",
              "cases_caseevent", "cases_clock", "cases_challengedact"]  # fmt: skip
    statements = [q["sql"] for q in queries.captured_queries]
    verb = "COPY" if connection.vendor == "postgresql" else "INSERT INTO"
    for table in tables:
        assert any(s.startswith(f'{verb} "{table}"') for s in statements), (table, statements)
    if connection.vendor != "postgresql":
        assert not any(s.startswith("COPY") for s in statements)
    # Parties: applicant and third party each. Events: 4 + 2 + 3 (register, accept, hearing).
    # Clocks: acceptance, copy, decision; acceptance; acceptance, copy, decision.
    assert (ReconsiderationCase.objects.count(), ReconParty.objects.count(),
            CaseEvent.objects.count(), Clock.objects.count(),
            ChallengedAct.objects.count()) == (3, 6, 9, 7, 3)  # fmt: skip
    assert Party.objects.filter(credit_code=CREDIT_CODE).count() == 1
    assert Party.objects.with_id_number(ID_NUMBER).count() == 2


def test_a_file_of_many_rows_is_numbered_without_gaps(world):
    kinds = [{}, REFUSED, NOT_ACCEPTED, OPEN]
    rows = [_row(kinds[i % 4], _person(f"申请人{i}"), 收到申请日期=D(2026, 6, 1 + i % 14))
            for i in range(400)]  # fmt: skip
    result = import_reconsideration_cases(_file(rows), actor=world.clerk_haizhu)
    assert result.ok, result.errors[:3]
    assert result.written == ReconsiderationCase.objects.count() == 400
    assert sorted(ReconsiderationCase.objects.values_list("number_seq", flat=True)) == list(
        range(1, 401)
    )
    assert CaseEvent.objects.filter(transition="register").count() == 400
    assert ReconsiderationCase.objects.filter(state="decided").count() == 100


# -- the command and the pages ------------------------------------------------------------------


def test_the_command_checks_and_imports(world, tmp_path):
    path = tmp_path / "cases.xlsx"
    path.write_bytes(_file([_row(), _row(OPEN, **_person("甲"))]).getvalue())
    out = io.StringIO()
    call_command("import_reconsideration_cases", str(path), user="clerk_haizhu", check=True,
                 stdout=out)  # fmt: skip
    assert ReconsiderationCase.objects.count() == 0 and "2" in out.getvalue()
    call_command("import_reconsideration_cases", str(path), user="clerk_haizhu", stdout=out)
    assert ReconsiderationCase.objects.count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_file([_row(_person("乙"), 受理日期=D(2026, 6, 12))]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_reconsideration_cases", str(bad), user="clerk_haizhu", stderr=err)
    assert "2\t受理日期\t" in err.getvalue()
    assert ReconsiderationCase.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import_reconsideration_cases", str(path), user="leader_gz")
    with pytest.raises(CommandError):
        call_command("import_reconsideration_cases", str(path), user="nobody")
    with pytest.raises(CommandError):
        call_command("import_reconsideration_cases", str(tmp_path / "missing.xlsx"),
                     user="clerk_haizhu")  # fmt: skip


def _request(rf, user, method="get", data=None):
    from django.contrib.messages.storage.cookie import CookieStorage

    request = getattr(rf, method)("/reconsideration/import/", data or {})
    request.user = user
    request._messages = CookieStorage(request)
    return request


def test_the_template_download(world, rf):
    from django.core.exceptions import PermissionDenied as Forbidden

    from reconsideration.import_views import import_template

    response = import_template(_request(rf, world.clerk_haizhu))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "行政复议案件"
    assert "attachment" in response["Content-Disposition"]
    for user in (world.leader_gz, world.agency_haizhu):
        with pytest.raises(Forbidden):
            import_template(_request(rf, user))


def test_the_upload_page(world, rf):
    """GET shows the form; a good file is written and leads to the case list; a bad one
    writes nothing and lists its problems by row and column."""
    from django.core.exceptions import PermissionDenied as Forbidden

    from reconsideration.import_views import import_cases_view

    def upload(rows):
        return {"file": SHEET.upload(rows)}

    page = import_cases_view(_request(rf, world.clerk_haizhu))
    assert page.status_code == 200 and b'id="template-link"' in page.content
    bad = import_cases_view(
        _request(rf, world.clerk_haizhu, "post", upload([_row(决定类型="确认无效")]))
    )
    assert bad.status_code == 200 and b'id="import-errors"' in bad.content
    assert "决定类型" in bad.content.decode()
    assert ReconsiderationCase.objects.count() == 0
    good = import_cases_view(_request(rf, world.clerk_haizhu, "post", upload([_row()])))
    assert good.status_code == 302 and good["Location"] == "/reconsideration/cases/"
    assert ReconsiderationCase.objects.count() == 1
    with pytest.raises(Forbidden):
        import_cases_view(_request(rf, world.leader_gz))
    anonymous = _request(rf, world.clerk_haizhu)
    from django.contrib.auth.models import AnonymousUser

    anonymous.user = AnonymousUser()
    assert import_cases_view(anonymous).status_code == 302  # to the login page
