"""Excel import: all rows or none, errors by row and column, 10,000 rows in one go."""

import datetime
import io
import time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cases.models import CaseEvent, Clock, NumberSequence
from mediation.importing import COLUMNS, import_disputes, template
from mediation.models import Dispute

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]


def _row(**overrides):
    row = {
        "调委会": "赤岗街道人民调解委员会",
        "登记日期": datetime.date(2025, 3, 1),
        "纠纷名称": "邻里噪音纠纷",
        "纠纷类型": "邻里纠纷",
        "简要情况": "楼上夜间噪音。",
        "涉及金额（元）": 0,
        "申请人": "周一",
        "申请人电话": "13800138000",
        "被申请人": "吴二",
        "调解结果": "达成书面协议",
        "受理日期": datetime.date(2025, 3, 2),
        "结案日期": datetime.date(2025, 3, 20),
    }
    row.update(overrides)
    return [row.get(h) for h in HEADERS]


def _file(rows):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def test_the_template_has_every_column_and_instructions():
    wb = load_workbook(io.BytesIO(template()))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.sheetnames == ["纠纷", "填写说明"]


def test_one_bad_row_writes_nothing_and_is_reported(world):
    rows = [_row() for _ in range(5)]
    rows.insert(2, _row(**{"涉及金额（元）": -100, "申请人身份证号": "110105194912310021"}))
    result = import_disputes(_file(rows), actor=world.mediator_haizhu)
    assert not result.ok and result.rows == 6
    reported = {(e.row, e.column) for e in result.errors}
    assert reported == {(4, "涉及金额（元）"), (4, "申请人身份证号")}
    assert Dispute.objects.count() == 0 and CaseEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"调委会": "景泰街道人民调解委员会"}, "调委会"),  # another district's committee
        ({"登记日期": "2025-13-40"}, "登记日期"),
        ({"纠纷类型": "吵架"}, "纠纷类型"),
        ({"结案日期": None}, "结案日期"),
        ({"受理日期": datetime.date(2025, 2, 1)}, "受理日期"),
        ({"申请人": None}, "申请人"),
    ],
)
def test_each_kind_of_problem_names_its_column(world, overrides, column):
    result = import_disputes(_file([_row(**overrides)]), actor=world.mediator_haizhu)
    assert [e.column for e in result.errors] == [column]


def test_a_good_file_of_ten_thousand_rows_imports(world):
    results = ["达成书面协议", "达成口头协议", "调解不成", "调解中"]
    rows = []
    for i in range(10_000):
        result = results[i % 4]
        rows.append(_row(**{"纠纷名称": f"纠纷{i}", "调解结果": result,
                            "结案日期": None if result == "调解中" else datetime.date(2025, 4, 30),
                            "登记日期": datetime.date(2025, 1 + i % 3, 1 + i % 28),
                            "受理日期": None}))  # fmt: skip
    started = time.monotonic()
    outcome = import_disputes(_file(rows), actor=world.mediator_haizhu)
    elapsed = time.monotonic() - started
    assert outcome.ok, outcome.errors[:3]
    assert outcome.written == Dispute.objects.count() == 10_000
    print(f"imported 10,000 rows in {elapsed:.1f} s")
    numbers = sorted(Dispute.objects.values_list("number_seq", flat=True))
    assert numbers == list(range(1, 10_001))
    assert NumberSequence.objects.get(organization=world.haizhu_committee, year=2025).last == 10_000
    assert Clock.objects.filter(state="running").count() == 2_500
    assert CaseEvent.objects.filter(transition="register").count() == 10_000


def test_the_import_page(client, world):
    client.force_login(world.mediator_haizhu)
    assert client.get(reverse("mediation:dispute_import_template")).status_code == 200
    bad = _file([_row(**{"纠纷类型": "吵架"})])
    bad.name = "bad.xlsx"
    page = client.post(reverse("mediation:dispute_import"), {"file": bad})
    assert 'id="import-errors"' in page.content.decode()
    good = _file([_row(), _row()])
    good.name = "good.xlsx"
    assert client.post(reverse("mediation:dispute_import"), {"file": good}).status_code == 302
    assert Dispute.objects.count() == 2
    client.force_login(world.leader_gz)
    assert client.get(reverse("mediation:dispute_import")).status_code == 403


# Rows of March and April 2026: the clock is after them whatever FAZHI_TEST_TODAY says.
@pytest.mark.time_machine(datetime.datetime(2026, 6, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
def test_imported_numbers_move_the_sequence_on(world):
    from mediation.tests.factories import make_dispute

    rows = [_row(**{"案号": "（2026）穗海赤调字第0057号", "登记日期": datetime.date(2026, 3, 1),
                    "受理日期": datetime.date(2026, 3, 1), "结案日期": datetime.date(2026, 3, 9)})]  # fmt: skip
    assert import_disputes(_file(rows), actor=world.mediator_haizhu).ok
    later = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                         received_on="2026-04-01")  # fmt: skip
    assert later.number == "（2026）穗海赤调字第0058号"


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "12.345", "1e13"])
def test_odd_amounts_are_refused(world, amount):
    result = import_disputes(
        _file([_row(**{"涉及金额（元）": amount})]), actor=world.mediator_haizhu
    )
    assert [e.column for e in result.errors] == ["涉及金额（元）"]


def test_an_ambiguous_committee_name_is_refused(world):
    from core.models import Organization, OrganizationKind

    Organization.objects.create(name="赤岗街道人民调解委员会", kind=OrganizationKind.MEDIATION_STUDIO,
                                region=world.street)  # fmt: skip
    result = import_disputes(_file([_row()]), actor=world.office_haizhu)  # sees both
    assert [e.column for e in result.errors] == ["调委会"]


def test_overlong_text_is_a_row_error(world):
    result = import_disputes(_file([_row(**{"纠纷名称": "长" * 201})]), actor=world.mediator_haizhu)
    assert [e.column for e in result.errors] == ["纠纷名称"]


def test_a_number_already_in_the_database_is_reported_on_its_row(world):
    number = "（2026）穗海赤调字第0007号"
    first = import_disputes(
        _file([_row(**{"案号": number, "登记日期": datetime.date(2025, 3, 1)})]),
        actor=world.mediator_haizhu,
    )
    assert first.ok
    again = import_disputes(
        _file([_row(), _row(**{"案号": number, "登记日期": datetime.date(2025, 3, 1)})]),
        actor=world.mediator_haizhu,
    )
    assert [(e.row, e.column) for e in again.errors] == [(3, "案号")]
