"""Excel import: all rows or none, errors by row and column, 10,000 rows in one go."""

import datetime
import io
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import CaseEvent, Clock, NumberSequence
from core.testing import workbook
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
    return workbook(rows, HEADERS)


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


def test_every_table_gets_what_a_registered_and_mediated_dispute_has(world):
    """The rows written in bulk (COPY on PostgreSQL, core.copy): dispute, parties with their
    encrypted phone and ID number, links, one event per step, the mediation-term clock."""
    from core.models import Party

    rows = [_row(**{"申请人身份证号": "440105199003071235", "涉及金额（元）": "1234.50"}),
            _row(**{"调解结果": "调解中", "结案日期": None, "申请人电话": None})]  # fmt: skip
    assert import_disputes(_file(rows), actor=world.mediator_haizhu).ok
    agreed, mediating = Dispute.objects.order_by("number_seq")
    assert agreed.number == "（2025）穗海赤调字第0001号" and mediating.number_seq == 2
    assert (agreed.state, agreed.outcome, agreed.agreement_form) == (
        "agreed",
        "succeeded",
        "written",
    )
    assert agreed.amount == Decimal("1234.50") and agreed.version == 4 and agreed.due_date is None
    assert agreed.created_by == world.mediator_haizhu and agreed.team == world.haizhu_committee
    assert agreed.tags == [] and agreed.routes_told == []
    assert mediating.state == "mediating" and mediating.due_date is not None
    applicant = agreed.parties_on("applicant")[0]
    assert (applicant.name, applicant.phone) == ("周一", "13800138000")
    assert Party.objects.with_id_number("440105199003071235").get() == applicant
    assert applicant.region_code == world.street.code and applicant.created_at is not None
    assert [p.name for p in agreed.parties_on("respondent")] == ["吴二"]
    events = CaseEvent.for_case(agreed).order_by("version")
    assert [(e.transition, e.version, e.actor_id) for e in events] == [
        ("register", 1, world.mediator_haizhu.pk), ("accept", 2, world.mediator_haizhu.pk),
        ("record_session", 3, world.mediator_haizhu.pk),
        ("reach_agreement", 4, world.mediator_haizhu.pk),
    ]  # fmt: skip
    assert events[0].at.astimezone(ZoneInfo("Asia/Shanghai")) == datetime.datetime(
        2025, 3, 1, 12, tzinfo=ZoneInfo("Asia/Shanghai")
    )
    assert events[3].on_date == datetime.date(2025, 3, 20) and events[3].data == {}
    clock = Clock.objects.get(case_id=agreed.pk)
    assert (clock.state, clock.started_on, clock.stopped_on) == (
        "stopped",
        datetime.date(2025, 3, 2),
        datetime.date(2025, 3, 20),
    )
    assert Clock.objects.get(case_id=mediating.pk).state == "running"


def test_numbers_continue_each_unit_and_years_sequence_in_order_of_receipt(world):
    from mediation.tests.factories import make_dispute

    existing = make_dispute(organization=world.haizhu_committee, actor=world.office_haizhu,
                            received_on="2025-01-05")  # fmt: skip
    assert existing.number_seq == 1

    def pending(received, committee="赤岗街道人民调解委员会"):
        return _row(**{"调委会": committee, "登记日期": received, "受理日期": None,
                       "调解结果": "调解中", "结案日期": None})  # fmt: skip

    rows = [pending(datetime.date(2025, 5, 1)), pending(datetime.date(2024, 7, 1)),
            pending(datetime.date(2025, 4, 1)),
            pending(datetime.date(2025, 4, 2), "赤岗街道司法所")]  # fmt: skip
    assert import_disputes(_file(rows), actor=world.office_haizhu).ok
    numbers = {(d.organization_id, d.received_at.astimezone(ZoneInfo("Asia/Shanghai")).date()):
               d.number_seq for d in Dispute.objects.all()}  # fmt: skip
    committee, office = world.haizhu_committee.pk, world.haizhu_office.pk
    assert numbers == {(committee, datetime.date(2025, 1, 5)): 1,
                       (committee, datetime.date(2025, 4, 1)): 2,
                       (committee, datetime.date(2025, 5, 1)): 3,
                       (committee, datetime.date(2024, 7, 1)): 1,
                       (office, datetime.date(2025, 4, 2)): 1}  # fmt: skip
    sequences = NumberSequence.objects.filter(organization=world.haizhu_committee)
    assert dict(sequences.values_list("year", "last")) == {2024: 1, 2025: 3}


def test_an_id_number_of_a_county_stdnum_does_not_know_is_accepted(world):
    # 4499xx is no county in stdnum's table (whose lookup raised KeyError here before); the
    # province and the checksum are what is checked.
    result = import_disputes(
        _file([_row(**{"申请人身份证号": "449900199003071235"})]), actor=world.mediator_haizhu
    )
    assert result.ok, result.errors


def test_copy_writes_a_dispute_as_bulk_create_does(world):
    """Choices, amounts, JSON, instants and dates through COPY (PostgreSQL), field by field."""
    import time_machine

    from conftest import moved_now
    from core.copy import copy_insert
    from mediation.choices import AgreementForm, DisputeType, Source

    def disputes():
        return [Dispute(organization=world.haizhu_committee, region_code=world.street.code,
                        title="楼上漏水纠纷", facts="漏水。", dispute_type=DisputeType.NEIGHBOUR,
                        source=Source.COURT, amount=Decimal("1234.56"), is_mass=True,
                        tags=["群体", "重点"], state="agreed", outcome="succeeded",
                        received_at=moved_now(), closed_at=moved_now(),
                        agreement_form=AgreementForm.ORAL,
                        agreement_effective_on=datetime.date(2026, 6, 1),
                        created_by=world.clerk_haizhu),
                Dispute(organization=world.haizhu_committee, region_code=world.street.code,
                        title="欠款", facts="欠款。", dispute_type="contract",
                        state="registered")]  # fmt: skip

    with time_machine.travel(moved_now(), tick=False):
        by_bulk, by_copy = Dispute.objects.bulk_create(disputes()), copy_insert(Dispute, disputes())
    fields = [f.attname for f in Dispute._meta.concrete_fields if f.attname != "id"]
    for bulk, copied in zip(by_bulk, by_copy, strict=True):
        values = Dispute.objects.filter(pk__in=[bulk.pk, copied.pk]).order_by("pk").values(*fields)
        assert values[0] == values[1]
    assert Dispute.objects.get(pk=by_copy[0].pk).tags == ["群体", "重点"]


def test_the_garbage_collector_is_on_again_after_an_import_good_or_bad(world):
    import gc

    assert import_disputes(_file([_row()]), actor=world.mediator_haizhu).ok
    assert gc.isenabled()
    assert not import_disputes(
        _file([_row(**{"纠纷类型": "吵架"})]), actor=world.mediator_haizhu
    ).ok
    assert gc.isenabled()
    with pytest.raises(AttributeError):  # not a file at all: an error no one expected
        import_disputes(None, actor=world.mediator_haizhu)
    assert gc.isenabled()
