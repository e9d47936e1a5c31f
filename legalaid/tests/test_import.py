"""Excel import of past legal aid cases (issue 12 item 8): all rows or none, errors by row and
column, each row's state from what it has filled (legalaid.process), the review time in
working days as the decision measures it (法律援助法第四十三条), COPY on PostgreSQL."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cases.models import CaseEvent, Clock, NumberSequence
from conftest import frozen_today
from core.models import Party
from core.testing import filled, workbook
from legalaid import history
from legalaid.importing import COLUMNS, import_aid_cases, template
from legalaid.models import AidCase, AidParty

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]
SHANGHAI = ZoneInfo("Asia/Shanghai")
LICENCE_A1 = "14401200010000001"  # 陈律师 (aid_world)


def _row(**overrides):
    """An archived case: received, granted, assigned, concluded and archived (all 2026, before
    the test day 2026-06-10)."""
    row = {
        "法律援助机构": "海珠区法律援助中心",
        "收到申请日期": datetime.date(2026, 3, 2),  # a Monday
        "渠道": "窗口",
        "来源": "当事人申请",
        "申请人姓名": "周一",
        "申请人身份证号": "440105199003071235",
        "申请人电话": "13800138000",
        "对方当事人": "广州某建筑劳务有限公司",
        "事项类别": "民事",
        "案由": "追索劳动报酬",
        "案情": "在工地务工三个月，工资一万二千元未付。",
        "经济困难情形": "告知承诺",
        "决定": "给予",
        "决定日期": datetime.date(2026, 3, 4),
        "承办律师执业证号": LICENCE_A1,
        "指派日期": datetime.date(2026, 3, 5),
        "结案日期": datetime.date(2026, 5, 11),
        "办理结果": "调解结案",
        "挽回经济损失（元）": "12000.50",
        "归档日期": datetime.date(2026, 5, 20),
    }
    row.update(overrides)
    return [row.get(h) for h in HEADERS]


NOT_DECIDED = {"决定": None, "决定日期": None, "承办律师执业证号": None, "指派日期": None,
               "结案日期": None, "办理结果": None, "挽回经济损失（元）": None, "归档日期": None}  # fmt: skip
GRANTED = {**NOT_DECIDED, "决定": "给予", "决定日期": datetime.date(2026, 3, 4)}
ASSIGNED = {**GRANTED, "承办律师执业证号": LICENCE_A1, "指派日期": datetime.date(2026, 3, 5)}
CONCLUDED = {**ASSIGNED, "结案日期": datetime.date(2026, 5, 11), "办理结果": "胜诉",
             "挽回经济损失（元）": 8000}  # fmt: skip
REFUSED = {**NOT_DECIDED, "决定": "不予", "决定日期": datetime.date(2026, 3, 9),
           "不予理由": "申请人经济状况不符合经济困难标准。", "收到申请日期": datetime.date(2026, 3, 6)}  # fmt: skip


def _file(rows, headers=HEADERS):
    return workbook(rows, headers)


def _counts():
    return (AidCase.objects.count(), Party.objects.count(), AidParty.objects.count(),
            CaseEvent.objects.count(), Clock.objects.count(),
            NumberSequence.objects.count())  # fmt: skip


def test_the_template_has_every_column_and_instructions():
    wb = load_workbook(io.BytesIO(template()))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.sheetnames == ["法律援助案件", "填写说明"]
    notes = {row[0]: row for row in wb["填写说明"].iter_rows(values_only=True) if row}
    assert notes["决定"][3] == "给予、不予" and notes["法律援助机构"][1] == "是"


def test_the_template_filled_in_comes_back_in(aid_world):
    """The downloaded template, filled below its header and uploaded as it is (its drop-down
    lists and text-formatted columns included), imports."""
    buffer = filled(template(), [_row(), _row(**NOT_DECIDED, 申请人姓名="吴二")])
    result = import_aid_cases(buffer, actor=aid_world.aid_clerk_haizhu)
    assert result.ok, result.errors
    assert result.written == 2
    assert set(AidCase.objects.values_list("state", flat=True)) == {"archived", "submitted"}


def test_a_valid_file_imports_each_case_in_the_state_its_columns_reach(aid_world):
    w = aid_world
    rows = [
        _row(**NOT_DECIDED, 申请人姓名="甲", 收到申请日期=datetime.date(2026, 6, 1)),
        _row(**REFUSED, 申请人姓名="乙"),
        _row(**GRANTED, 申请人姓名="丙"),
        _row(**ASSIGNED, 申请人姓名="丁"),
        _row(**CONCLUDED, 申请人姓名="戊"),
        _row(申请人姓名="己"),
    ]
    result = import_aid_cases(_file(rows), actor=w.aid_clerk_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (6, 6)
    cases = {c.parties_on("applicant")[0].name: c for c in AidCase.objects.all()}
    assert {name: c.state for name, c in cases.items()} == {
        "甲": "submitted", "乙": "refused", "丙": "granted", "丁": "assigned",
        "戊": "concluded", "己": "archived",
    }  # fmt: skip
    # Numbers from the centre's sequence in order of receipt, then of rows.
    assert cases["丙"].number == "（2026）海法援字第0001号"
    assert [cases[n].number_seq for n in "丙丁戊己乙甲"] == [1, 2, 3, 4, 5, 6]
    assert NumberSequence.objects.get(organization=w.haizhu_centre, series="legalaid").last == 6

    submitted = cases["甲"]
    assert (submitted.decision, submitted.decided_on, submitted.review_days) == ("", None, None)
    # Received Monday 1 June: the review (7 days, Art. 43) is due Monday 8 June, the local
    # target (1 working day) Tuesday 2 June — the case's deadline.
    clocks = {c.key: c for c in Clock.for_case(submitted)}
    assert set(clocks) == {"review", "review_target"}
    assert clocks["review"].due_date == datetime.date(2026, 6, 8)
    assert clocks["review_target"].due_date == datetime.date(2026, 6, 2)
    assert {c.state for c in clocks.values()} == {"running"}
    assert submitted.due_date == datetime.date(2026, 6, 2)

    refused = cases["乙"]
    # Received Friday 6 March, refused Monday 9 March: one working day, within the target.
    assert (refused.decision, refused.review_days, refused.review_within_target) == (
        "refused", 1, True,
    )  # fmt: skip
    assert refused.outcome == "refused" and refused.refusal_reason.startswith("申请人经济状况")
    assert refused.closed_at.astimezone(SHANGHAI).date() == datetime.date(2026, 3, 9)
    assert refused.accepted_at is None and refused.due_date is None
    assert [e.transition for e in CaseEvent.for_case(refused).order_by("version")] == [
        "register", "refuse",
    ]  # fmt: skip

    granted = cases["丙"]
    # Received Monday 2 March, granted Wednesday 4 March: two working days, target missed.
    assert (granted.review_days, granted.review_within_target) == (2, False)
    assert granted.accepted_at.astimezone(SHANGHAI).date() == datetime.date(2026, 3, 4)
    assert granted.materials == ["identity", "matter", "hardship"]
    # The assignment period (3 days from the grant) ends on Saturday 7 March: Monday 9 March.
    assignment = Clock.for_case(granted).get(key="assignment")
    assert (assignment.state, assignment.started_on, assignment.due_date) == (
        "running", datetime.date(2026, 3, 4), datetime.date(2026, 3, 9),
    )  # fmt: skip
    assert granted.due_date == datetime.date(2026, 3, 9) and granted.lawyer_id is None

    assigned = cases["丁"]
    assert (assigned.lawyer, assigned.assigned_on) == (w.lawyer_a1, datetime.date(2026, 3, 5))
    assert Clock.for_case(assigned).get(key="assignment").stopped_on == datetime.date(2026, 3, 5)
    assert assigned.due_date is None

    concluded = cases["戊"]
    assert (concluded.result, concluded.recovered_losses) == ("judgment_won", Decimal("8000"))
    # The case file is due 30 days after the matter ended (11 May): Wednesday 10 June.
    case_file = Clock.for_case(concluded).get(key="case_file")
    assert (case_file.state, case_file.due_date) == ("running", datetime.date(2026, 6, 10))

    archived = cases["己"]
    assert archived.outcome == "closed" and archived.recovered_losses == Decimal("12000.50")
    assert archived.closed_at.astimezone(SHANGHAI).date() == datetime.date(2026, 5, 20)
    assert archived.file_submitted_on == datetime.date(2026, 5, 20)
    assert archived.version == 6 and archived.created_by == w.aid_clerk_haizhu
    assert archived.title == "己追索劳动报酬案" and archived.team == w.haizhu_centre
    events = CaseEvent.for_case(archived).order_by("version")
    assert [(e.transition, e.from_state, e.to_state, e.on_date, e.version) for e in events] == [
        ("register", "", "submitted", datetime.date(2026, 3, 2), 1),
        ("grant", "submitted", "granted", datetime.date(2026, 3, 4), 2),
        ("assign", "granted", "assigned", datetime.date(2026, 3, 5), 3),
        ("conclude", "assigned", "concluded", datetime.date(2026, 5, 11), 4),
        ("submit_file", "concluded", "file_review", datetime.date(2026, 5, 20), 5),
        ("archive", "file_review", "archived", datetime.date(2026, 5, 20), 6),
    ]
    assert {e.actor_id for e in events} == {w.aid_clerk_haizhu.pk}
    assert {c.key: c.state for c in Clock.for_case(archived)} == {
        "review": "stopped", "review_target": "stopped", "assignment": "stopped",
        "case_file": "stopped",
    }  # fmt: skip
    applicant = archived.parties_on("applicant")[0]
    assert (applicant.phone, applicant.kind) == ("13800138000", "person")
    assert Party.objects.with_id_number("440105199003071235").count() == 6
    opposing = archived.parties_on("opposing")[0]
    assert (opposing.name, opposing.kind) == ("广州某建筑劳务有限公司", "organization")
    assert applicant.region_code == w.haizhu.code and applicant.organization == w.haizhu_centre


def test_the_review_time_is_counted_as_the_decision_counts_it(aid_world):
    """history.working_days gives what legalaid.process.review_days gives for a case whose
    review clock was never paused, over a month with a holiday (端午节, 19 June 2026)."""
    from legalaid.process import review_days
    from legalaid.tests.factories import make_application

    case = make_application(organization=aid_world.haizhu_centre,
                            actor=aid_world.aid_clerk_haizhu)  # fmt: skip
    received = case.received_at.astimezone(SHANGHAI).date()
    for offset in range(0, 35):
        day = received + datetime.timedelta(days=offset)
        assert history.working_days(received, day) == review_days(case, day), day


def test_one_bad_row_writes_nothing_and_is_reported_by_row_and_column(aid_world):
    before = _counts()
    rows = [_row(申请人姓名=f"申请人{i}") for i in range(5)]
    rows.insert(2, _row(**{"挽回经济损失（元）": -100, "申请人身份证号": "440105199003071234"}))
    result = import_aid_cases(_file(rows), actor=aid_world.aid_clerk_haizhu)
    assert not result.ok and result.rows == 6
    assert {(e.row, e.column) for e in result.errors} == {
        (4, "挽回经济损失（元）"), (4, "申请人身份证号"),
    }  # fmt: skip
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"决定日期": datetime.date(2026, 3, 1)}, "决定日期"),  # before the application
        (NOT_DECIDED | {"归档日期": datetime.date(2026, 5, 20)}, "归档日期"),  # archived only
        ({"承办律师执业证号": "14401199910009999"}, "承办律师执业证号"),  # not in the register
        ({"申请人身份证号": "440105199003071234"}, "申请人身份证号"),  # checksum
        ({"法律援助机构": "白云区法律援助中心"}, "法律援助机构"),  # outside the jurisdiction
        ({"法律援助机构": "某某法律援助中心"}, "法律援助机构"),
        ({"挽回经济损失（元）": "-1"}, "挽回经济损失（元）"),
        ({"挽回经济损失（元）": "12.345"}, "挽回经济损失（元）"),
        ({"挽回经济损失（元）": "NaN"}, "挽回经济损失（元）"),
        (REFUSED | {"不予理由": None}, "不予理由"),
        (REFUSED | {"承办律师执业证号": LICENCE_A1}, "承办律师执业证号"),
        ({"指派日期": datetime.date(2026, 3, 3)}, "指派日期"),  # before the decision
        ({"结案日期": datetime.date(2026, 3, 4)}, "结案日期"),  # before the assignment
        ({"归档日期": datetime.date(2026, 5, 1)}, "归档日期"),  # before the conclusion
        ({"归档日期": frozen_today() + datetime.timedelta(days=1)}, "归档日期"),  # in the future
        ({"收到申请日期": "2026-02-30"}, "收到申请日期"),
        ({"决定日期": "三月四日"}, "决定日期"),
        ({"指派日期": "x"}, "指派日期"),
        ({"结案日期": "2026-13-01"}, "结案日期"),
        ({"归档日期": "?"}, "归档日期"),
        ({"决定": "同意"}, "决定"),
        (GRANTED | {"指派日期": datetime.date(2026, 3, 5)}, "承办律师执业证号"),
        (ASSIGNED | {"办理结果": "胜诉"}, "结案日期"),
        (ASSIGNED | {"挽回经济损失（元）": 500}, "挽回经济损失（元）"),
        ({"案由": "吵架"}, "案由"),
        ({"案由": "刑事辩护"}, "案由"),  # a criminal category in a civil matter
        ({"经济困难情形": None}, "经济困难情形"),
        ({"经济困难情形": "通知辩护代理"}, "经济困难情形"),  # but applied for by the person
        ({"申请人电话": "12345"}, "申请人电话"),
        ({"申请人姓名": None}, "申请人姓名"),
        ({"对方当事人": "长" * 129}, "对方当事人"),
    ],
)
def test_each_kind_of_problem_names_its_column(aid_world, overrides, column):
    result = import_aid_cases(_file([_row(**overrides)]), actor=aid_world.aid_clerk_haizhu)
    assert [(e.row, e.column) for e in result.errors] == [(2, column)], result.errors
    assert AidCase.objects.count() == 0


def test_a_grant_without_the_steps_before_an_archive_names_each_column(aid_world):
    """Archived with a grant but neither lawyer nor assignment date: the conclusion and the
    archive each say what they lack."""
    row = _row(**{"承办律师执业证号": None, "指派日期": None})
    result = import_aid_cases(_file([row]), actor=aid_world.aid_clerk_haizhu)
    assert {e.column for e in result.errors} == {"结案日期", "办理结果", "归档日期"}
    archive = next(e for e in result.errors if e.column == "归档日期")
    assert "an assigned lawyer" in archive.reason or "承办律师" in archive.reason


def test_a_missing_column_is_reported_on_the_header_row(aid_world):
    headers = [h for h in HEADERS if h != "事项类别"]
    result = import_aid_cases(_file([], headers), actor=aid_world.aid_clerk_haizhu)
    assert [(e.row, e.column) for e in result.errors] == [(1, "事项类别")]


NOTIFIED = {**NOT_DECIDED, "来源": "办案机关通知", "渠道": None, "经济困难情形": None,
            "事项类别": "刑事", "案由": "刑事辩护", "对方当事人": None,
            "收到申请日期": datetime.date(2026, 4, 3)}  # a Friday before 清明 (4–6 April)  # fmt: skip


def test_a_notified_case_needs_no_financial_condition(aid_world):
    assert import_aid_cases(_file([_row(**NOTIFIED)]), actor=aid_world.aid_clerk_haizhu).ok
    case = AidCase.objects.get()
    assert (case.hardship, case.source, case.channel) == ("notified", "notification", "referral")
    assert case.parties_on("opposing") == []


def test_a_notified_case_is_imported_as_the_engine_registers_it(aid_world):
    """Notified by a court on Friday 3 April 2026 (Arts. 25, 28, 36): aided from receipt, so
    granted that day with no review clock and no review time; the assignment period (3 days,
    Art. 43) runs from the notice and ends on Monday 6 April, a 清明 holiday, so on Tuesday
    7 April. A second case was assigned on 7 April: its assignment clock stopped that day."""
    rows = [
        _row(**NOTIFIED, 申请人姓名="庚"),
        _row(**NOTIFIED | {"申请人姓名": "辛", "决定": "给予", "决定日期": datetime.date(2026, 4, 3),
                           "承办律师执业证号": LICENCE_A1, "指派日期": datetime.date(2026, 4, 7)}),
    ]  # fmt: skip
    result = import_aid_cases(_file(rows), actor=aid_world.aid_clerk_haizhu)
    assert result.ok, result.errors
    cases = {c.parties_on("applicant")[0].name: c for c in AidCase.objects.all()}
    granted, assigned = cases["庚"], cases["辛"]
    assert (granted.state, granted.decision, granted.decided_on) == (
        "granted", "granted", datetime.date(2026, 4, 3),
    )  # fmt: skip
    assert (granted.review_days, granted.review_within_target) == (None, None)
    assert [(e.transition, e.from_state, e.to_state, e.on_date)
            for e in CaseEvent.for_case(granted)] == [
        ("register", "", "granted", datetime.date(2026, 4, 3)),
    ]  # fmt: skip
    clocks = {c.key: c for c in Clock.for_case(granted)}
    assert set(clocks) == {"assignment"}
    assert (clocks["assignment"].started_on, clocks["assignment"].due_date,
            clocks["assignment"].state) == (
        datetime.date(2026, 4, 3), datetime.date(2026, 4, 7), "running",
    )  # fmt: skip
    assert granted.due_date == datetime.date(2026, 4, 7)

    assert [e.transition for e in CaseEvent.for_case(assigned).order_by("version")] == [
        "register", "assign",
    ]  # fmt: skip
    assert assigned.version == 2 and assigned.due_date is None
    assert {c.key: (c.state, c.stopped_on) for c in Clock.for_case(assigned)} == {
        "assignment": ("stopped", datetime.date(2026, 4, 7)),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        (
            {"决定": "不予", "决定日期": datetime.date(2026, 4, 3), "不予理由": "不符合条件。"},
            "决定",
        ),
        ({"决定": "给予", "决定日期": datetime.date(2026, 4, 7)}, "决定日期"),
    ],
)
def test_a_notified_case_is_neither_refused_nor_decided_later(aid_world, overrides, column):
    result = import_aid_cases(_file([_row(**NOTIFIED | overrides)]),
                              actor=aid_world.aid_clerk_haizhu)  # fmt: skip
    assert [(e.row, e.column) for e in result.errors] == [(2, column)], result.errors
    assert AidCase.objects.count() == 0


def test_imported_numbers_move_the_sequence_on_and_are_not_used_twice(aid_world):
    from legalaid.tests.factories import make_application

    w = aid_world
    number = "（2026）海法援字第0057号"
    assert import_aid_cases(_file([_row(案号=number)]), actor=w.aid_clerk_haizhu).ok
    later = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    assert later.number == "（2026）海法援字第0058号"
    again = import_aid_cases(
        _file([_row(), _row(案号=number), _row(案号="X1"), _row(案号="X1")]),
        actor=w.aid_clerk_haizhu,
    )
    assert [(e.row, e.column) for e in again.errors] == [(3, "案号"), (5, "案号")]


def test_an_ambiguous_centre_name_is_refused(aid_world):
    from core.models import Organization, OrganizationKind

    Organization.objects.create(name="海珠区法律援助中心", kind=OrganizationKind.LEGAL_AID_CENTRE,
                                region=aid_world.street)  # fmt: skip
    result = import_aid_cases(_file([_row()]), actor=aid_world.aid_clerk_haizhu)
    assert [e.column for e in result.errors] == ["法律援助机构"]


def test_who_may_import(aid_world):
    from core.errors import PermissionDenied

    # The district bureau's section staff import for the district's centre.
    assert import_aid_cases(_file([_row()]), actor=aid_world.clerk_haizhu).ok
    with pytest.raises(PermissionDenied):
        import_aid_cases(_file([_row()]), actor=aid_world.lawyer_a1.user)
    # Baiyun's centre staff do not reach Haizhu's centre.
    result = import_aid_cases(_file([_row()]), actor=aid_world.aid_clerk_baiyun)
    assert [e.column for e in result.errors] == ["法律援助机构"]


def test_every_table_is_written_by_copy_on_postgresql_and_by_the_orm_elsewhere(aid_world):
    rows = [_row(), _row(**GRANTED), _row(**REFUSED)]
    with CaptureQueriesContext(connection) as queries:
        assert import_aid_cases(_file(rows), actor=aid_world.aid_clerk_haizhu).ok
    tables = ["legalaid_aidcase", "core_party", "legalaid_aidparty", "cases_caseevent",
              "cases_clock"]  # fmt: skip
    statements = [q["sql"] for q in queries.captured_queries]
    verb = "COPY" if connection.vendor == "postgresql" else "INSERT INTO"
    for table in tables:
        assert any(s.startswith(f'{verb} "{table}"') for s in statements), (table, statements)
    if connection.vendor != "postgresql":
        assert not any(s.startswith("COPY") for s in statements)
    assert (AidCase.objects.count(), AidParty.objects.count(), CaseEvent.objects.count()) == (
        3, 6, 6 + 2 + 2,
    )  # fmt: skip
    assert Clock.objects.count() == 4 + 3 + 2
    archived = AidCase.objects.get(state="archived")
    assert Party.objects.with_id_number("440105199003071235").count() == 3
    assert archived.parties_on("applicant")[0].phone == "13800138000"


def test_a_file_of_many_rows_is_numbered_without_gaps(aid_world):
    rows = []
    kinds = [NOT_DECIDED, REFUSED, GRANTED, ASSIGNED, CONCLUDED, {}]
    for i in range(600):
        received = datetime.date(2026, 1 + i % 2, 1 + i % 28)
        overrides = dict(kinds[i % 6], 申请人姓名=f"申请人{i}")
        if i % 6 not in (1,):
            overrides["收到申请日期"] = received
        if i % 6 in (2, 3, 4, 5):
            overrides["决定日期"] = datetime.date(2026, 3, 4)
        rows.append(_row(**overrides))
    result = import_aid_cases(_file(rows), actor=aid_world.aid_clerk_haizhu)
    assert result.ok, result.errors[:3]
    assert result.written == AidCase.objects.count() == 600
    assert sorted(AidCase.objects.values_list("number_seq", flat=True)) == list(range(1, 601))
    assert CaseEvent.objects.filter(transition="register").count() == 600
    assert AidCase.objects.filter(state="archived").count() == 100


def test_the_command_checks_and_imports(aid_world, tmp_path):
    path = tmp_path / "cases.xlsx"
    path.write_bytes(_file([_row(), _row(**GRANTED)]).getvalue())
    out = io.StringIO()
    call_command("import_aid_cases", str(path), user="aid_clerk_haizhu", check=True, stdout=out)
    assert AidCase.objects.count() == 0 and "2" in out.getvalue()
    call_command("import_aid_cases", str(path), user="aid_clerk_haizhu", stdout=out)
    assert AidCase.objects.count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_file([_row(**{"决定日期": datetime.date(2026, 3, 1)})]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_aid_cases", str(bad), user="aid_clerk_haizhu", stderr=err)
    assert "2\t决定日期\t" in err.getvalue()
    assert AidCase.objects.count() == 2


def test_the_template_download(aid_world, rf):
    from django.core.exceptions import PermissionDenied

    from legalaid.import_views import import_template

    request = rf.get("/legalaid/import/template.xlsx")
    request.user = aid_world.aid_clerk_haizhu
    response = import_template(request)
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "法律援助案件"
    request.user = aid_world.lawyer_a1.user
    with pytest.raises(PermissionDenied):
        import_template(request)


def test_a_file_that_is_not_a_workbook_is_refused(aid_world):
    result = import_aid_cases(
        io.BytesIO(b"PK\x03\x04 not really"), actor=aid_world.aid_clerk_haizhu
    )
    assert not result.ok and AidCase.objects.count() == 0


def test_the_errors_listed_stop_at_two_hundred(aid_world):
    rows = [_row(承办律师执业证号="14401199910009999", 申请人姓名=f"申请人{i}") for i in range(250)]
    result = import_aid_cases(_file(rows), actor=aid_world.aid_clerk_haizhu)
    assert (len(result.errors), result.more_errors) == (200, 50)
    assert {e.column for e in result.errors} == {"承办律师执业证号"}
    assert [e.row for e in result.errors] == list(range(2, 202))


def test_a_sheet_with_more_rows_than_allowed_is_stopped(aid_world, settings):
    settings.FAZHI_IMPORT_MAX_ROWS = 3
    rows = [_row(申请人姓名=f"申请人{i}") for i in range(5)]
    result = import_aid_cases(_file(rows), actor=aid_world.aid_clerk_haizhu)
    assert not result.ok and "3" in result.errors[0].reason
    assert AidCase.objects.count() == 0
