"""The registers imported from Excel (profession.register_importing): law firms, notary
offices and forensic institutions (a core.Organization under the justice bureau of its region,
with its profile), lawyers (core.Lawyer, the one register), notaries and appraisers. All rows
or none; a licence number in the register updates its entry (the result says how many were
added and updated); an unknown firm, a number twice in the file, a bad or future date, a region
or firm of another district are refused naming row and column, nothing written; only a justice
bureau's section staff import. The dates used are past on either test day."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from core.errors import PermissionDenied
from core.models import Lawyer, Organization, OrganizationKind, User
from core.testing import Sheet, cells, filled
from enforcement.tests.conftest import on
from profession.complaint_importing import COLUMNS as COMPLAINT_COLUMNS
from profession.complaint_importing import import_complaints
from profession.models import Appraiser, ForensicInstitution, LawFirm, Notary, NotaryOffice
from profession.register_importing import columns, import_register, template

pytestmark = pytest.mark.django_db
D = datetime.date

firms = Sheet(columns("firms"), {"名称": "广东赤岗律师事务所", "执业许可证号": "31440000MD0000101X",
                                 "所在区域": "赤岗街道", "组织形式": "合伙",
                                 "批准执业日期": "2019-04-01"}, "firms.xlsx")  # fmt: skip
lawyers = Sheet(columns("lawyers"), {"姓名": "周律师", "执业证号": "14401201910000101",
                                     "律师事务所": "31440000MD0000001X",
                                     "首次执业日期": D(2019, 5, 6), "联系电话": "13800138000"},
                "lawyers.xlsx")  # fmt: skip


def snapshot():
    return (Organization.objects.count(), LawFirm.objects.count(),
            sorted(Lawyer.objects.values_list("licence_number", "name", "status", "phone")),
            sorted(LawFirm.objects.values_list("licence_number", "status")))  # fmt: skip


def test_new_firms_go_under_the_bureau_of_their_region_and_a_known_number_updates(pw):
    rows = [firms.row(),
            firms.row({"名称": "广东海珠正义律师事务所", "执业许可证号": "31440000MD0000102X",
                       "所在区域": "440105000000", "组织形式": "个人", "状态": None})]  # fmt: skip
    result = import_register(firms.file(rows), key="firms", actor=pw.clerk_haizhu)
    assert result.ok and result.written == 2
    assert result.note == _(
        "%(created)s added to the register, %(updated)s updated (their number was in the register)."
    ) % {"created": 2, "updated": 0}
    new = LawFirm.objects.get(licence_number="31440000MD0000101X")
    assert new.organization.kind == OrganizationKind.LAW_FIRM
    assert new.organization.region_id == pw.street.code == new.region_code
    assert new.organization.parent == pw.haizhu_bureau  # the district's bureau, as the demo
    assert (new.form, new.status, new.licensed_on) == ("partnership", "practising", D(2019, 4, 1))
    assert LawFirm.objects.get(licence_number="31440000MD0000102X").form == "sole"
    # The same numbers again, one with a new status and address: updated, not added.
    again = import_register(
        firms.file([firms.row(状态="停业整顿", 地址="赤岗路1号"), rows[1]]), key="firms",
        actor=pw.clerk_haizhu)  # fmt: skip
    assert (
        again.ok
        and "0" in again.note
        and again.note
        == _(
            "%(created)s added to the register, %(updated)s updated (their number was in the "
            "register)."
        )
        % {"created": 0, "updated": 2}
    )
    assert LawFirm.objects.filter(organization__name="广东赤岗律师事务所").count() == 1
    new.refresh_from_db()
    assert new.status == "suspended" and new.organization.address == "赤岗路1号"


def test_an_organisation_without_profile_gets_it_and_the_template_round_trips(pw):
    org = Organization.objects.create(name="广东赤岗律师事务所", kind=OrganizationKind.LAW_FIRM,
                                      region=pw.street)  # fmt: skip
    result = import_register(filled(template("firms"), [firms.row()]), key="firms",
                             actor=pw.clerk_haizhu)  # fmt: skip
    assert result.ok
    assert LawFirm.objects.get(licence_number="31440000MD0000101X").organization == org


def test_lawyers_are_added_to_the_one_register_or_updated_by_their_number(pw):
    rows = [lawyers.row(),
            lawyers.row({"姓名": "吴律师", "执业证号": "14401201910000102",
                         "律师事务所": "广东海珠律师事务所", "联系电话": None}),
            lawyers.row({"姓名": "陈律师", "执业证号": pw.lawyer_a.licence_number,
                         "首次执业日期": None, "联系电话": "13900000001", "状态": "停止执业"})]  # fmt: skip
    result = import_register(lawyers.file(rows), key="lawyers", actor=pw.clerk_haizhu)
    assert result.ok and result.written == 3
    assert result.note == _(
        "%(created)s added to the register, %(updated)s updated (their number was in the register)."
    ) % {"created": 2, "updated": 1}
    zhou = Lawyer.objects.get(licence_number="14401201910000101")
    assert (zhou.organization, zhou.region_code, zhou.kind, zhou.phone) == (
        pw.firm.organization,
        pw.haizhu.code,
        "lawyer",
        "13800138000",
    )
    pw.lawyer_a.refresh_from_db()
    assert (pw.lawyer_a.phone, pw.lawyer_a.status) == ("13900000001", "suspended")
    assert pw.lawyer_a.licensed_on == D(2015, 1, 5)  # left as it was
    assert Lawyer.objects.count() == 5


def test_notaries_and_appraisers_with_their_offices_and_institutions(pw):
    offices = Sheet(columns("notary_offices"), {"名称": "广州市海珠第二公证处",
                                                "执业许可证号": "GZ-440105-002", "所在区域": "海珠区"})  # fmt: skip
    assert import_register(offices.file([offices.row()]), key="notary_offices",
                           actor=pw.clerk_haizhu).ok  # fmt: skip
    office = NotaryOffice.objects.get(licence_number="GZ-440105-002")
    assert office.organization.parent == pw.haizhu_bureau
    notaries = Sheet(columns("notaries"), {"姓名": "郑公证员", "执业证号": "GZN-0001",
                                           "公证处": "GZ-440105-002"})  # fmt: skip
    assert import_register(notaries.file([notaries.row()]), key="notaries",
                           actor=pw.clerk_haizhu).ok  # fmt: skip
    assert Notary.objects.get(licence_number="GZN-0001").office == office
    institutions = Sheet(columns("institutions"), {
        "名称": "广东赤岗司法鉴定所", "执业许可证号": "SJ-440105-002", "所在区域": "赤岗街道",
        "鉴定类别": "法医类、声像资料"})  # fmt: skip
    assert import_register(institutions.file([institutions.row()]), key="institutions",
                           actor=pw.clerk_haizhu).ok  # fmt: skip
    made = ForensicInstitution.objects.get(licence_number="SJ-440105-002")
    assert made.categories == ["forensic_medicine", "audiovisual"]
    appraisers = Sheet(columns("appraisers"), {"姓名": "冯鉴定人", "执业证号": "SJR-0001",
                                               "司法鉴定机构": "广东海珠司法鉴定所",
                                               "鉴定类别": "物证类"})  # fmt: skip
    rows = [appraisers.row(), appraisers.row(执业证号="SJR-0002", 鉴定类别="声像资料")]
    result = import_register(appraisers.file(rows), key="appraisers", actor=pw.clerk_haizhu)
    assert cells(result) == [(3, "鉴定类别")]  # 广东海珠司法鉴定所 has no audio-visual category
    assert not Appraiser.objects.exists()
    assert import_register(appraisers.file(rows[:1]), key="appraisers",
                           actor=pw.clerk_haizhu).ok  # fmt: skip
    assert Appraiser.objects.get().categories == ["physical_evidence"]


def test_each_bad_row_is_named_and_nothing_is_written(pw):
    before = snapshot()
    rows = [
        lawyers.row(),
        lawyers.row(
            执业证号="14401201910000109", 律师事务所="广东不存在律师事务所"
        ),  # unknown firm
        lawyers.row(姓名="钱律师"),  # the same number as row 2
        lawyers.row(执业证号="14401201910000103", 首次执业日期="2019-13-45"),
        lawyers.row(执业证号="14401201910000104", 首次执业日期="2099-01-01"),
        lawyers.row(执业证号="14401201910000105", 律师事务所="广东白云律师事务所"),  # 白云's
        lawyers.row(执业证号=pw.lawyer_baiyun.licence_number),  # a 白云 lawyer's number
        lawyers.row(执业证号="14401201910000106", 首次执业日期=None),  # new: the date needed
        lawyers.row(执业证号="14401201910000107", 联系电话="12345", 状态="退休"),
    ]
    result = import_register(lawyers.file(rows), key="lawyers", actor=pw.clerk_haizhu)
    assert not result.ok and result.written == 0
    assert cells(result) == [(3, "律师事务所"), (4, "执业证号"), (5, "首次执业日期"),
                             (6, "首次执业日期"), (7, "律师事务所"), (8, "执业证号"),
                             (9, "首次执业日期"), (10, "状态"), (10, "联系电话")]  # fmt: skip
    reasons = [e.reason for e in result.errors]
    assert reasons[1] == _("The same number is on row %(row)s.") % {"row": 2}
    assert reasons[2] == _("Not a date; write it as 2025-03-01.")
    assert reasons[3] == _("The date cannot be in the future.")
    assert reasons[4] == _("%(name)s is outside your jurisdiction: you may not import for it.") % {
        "name": "广东白云律师事务所"
    }
    assert snapshot() == before


def test_a_firm_of_another_district_or_a_bad_firm_row_stops_the_file(pw):
    before = snapshot()
    rows = [
        firms.row(),
        firms.row(执业许可证号="31440000MD0000103X", 所在区域="白云区", 名称="甲律师事务所"),
        firms.row(执业许可证号=pw.baiyun_firm.licence_number, 名称="乙律师事务所"),
        firms.row(
            执业许可证号="31440000MD0000104X", 名称="丙律师事务所", 组织形式="公司", 批准执业日期=-3
        ),
        firms.row(执业许可证号="31440000MD0000105X"),  # the same name and region as row 2
        firms.row(
            执业许可证号="31440000MD0000106X", 名称="广东海珠律师事务所", 所在区域="海珠区"
        ),  # that firm has its licence in the register
    ]
    result = import_register(firms.file(rows), key="firms", actor=pw.clerk_haizhu)
    assert cells(result) == [(3, "所在区域"), (4, "执业许可证号"), (5, "批准执业日期"),
                             (5, "组织形式"), (6, "名称"), (7, "执业许可证号")]  # fmt: skip
    assert result.errors[0].reason == _(
        "%(name)s is outside your jurisdiction: you may not import for it."
    ) % {"name": "白云区"}
    assert snapshot() == before
    # 白云's clerk may import 白云's firm.
    assert import_register(firms.file([rows[1]]), key="firms", actor=pw.clerk_baiyun).ok


def test_only_a_bureaus_section_staff_import(pw, client):
    for actor in (pw.office_haizhu, pw.leader_gz, pw.mediator_haizhu):
        with pytest.raises(PermissionDenied):
            import_register(firms.file([firms.row()]), key="firms", actor=actor)
    client.force_login(pw.leader_gz)
    assert client.get("/profession/import/firms/").status_code == 403
    assert client.get("/profession/import/lawyers/template/").status_code == 403
    assert "firms-import" not in client.get("/profession/firms/").content.decode()
    client.force_login(pw.clerk_haizhu)
    page = client.get("/profession/firms/").content.decode()
    assert 'id="firms-import"' in page and 'id="lawyers-import"' in page
    assert client.get("/profession/import/lawyers/template/").status_code == 200
    response = client.post("/profession/import/firms/", {"file": firms.upload([firms.row()])},
                           follow=True)  # fmt: skip
    assert response.redirect_chain[-1][0] == "/profession/firms/"
    assert (
        _(
            "%(created)s added to the register, %(updated)s updated (their number was in the "
            "register)."
        )
        % {"created": 1, "updated": 0}
        in response.content.decode()
    )


def test_a_firm_moved_to_a_street_takes_its_lawyers_along(pw):
    row = firms.row(名称="广东海珠律师事务所", 执业许可证号=pw.firm.licence_number)
    result = import_register(firms.file([row]), key="firms", actor=pw.clerk_haizhu)
    assert result.ok and LawFirm.objects.count() == 2
    pw.firm.refresh_from_db()
    assert pw.firm.region_code == pw.street.code
    assert set(Lawyer.objects.filter(organization=pw.firm.organization)
               .values_list("region_code", flat=True)) == {pw.street.code}  # fmt: skip


FOREIGN = "This number is registered outside your jurisdiction; it cannot be imported."


def test_another_jurisdictions_practitioner_or_firm_is_not_named(pw):
    result = import_register(lawyers.file([lawyers.row(执业证号=pw.lawyer_baiyun.licence_number)]),
                             key="lawyers", actor=pw.clerk_haizhu)  # fmt: skip
    assert [(e.column, e.reason) for e in result.errors] == [("执业证号", _(FOREIGN))]
    assert "黄律师" not in result.errors[0].reason
    result = import_register(firms.file([firms.row(执业许可证号=pw.baiyun_firm.licence_number)]),
                             key="firms", actor=pw.clerk_haizhu)  # fmt: skip
    assert [(e.column, e.reason) for e in result.errors] == [("执业许可证号", _(FOREIGN))]


def test_an_empty_status_leaves_a_registered_firms_status(pw):
    LawFirm.objects.filter(pk=pw.firm.pk).update(status="suspended")
    row = firms.row(名称="广东海珠律师事务所", 执业许可证号=pw.firm.licence_number,
                    所在区域="海珠区", 状态=None)  # fmt: skip
    assert import_register(firms.file([row]), key="firms", actor=pw.clerk_haizhu).ok
    pw.firm.refresh_from_db()
    assert pw.firm.status == "suspended"


def _penalise(pw, number: str, **measures):
    """A penalty decided on 10 March 2026 (imported), in force on 20 March."""
    sheet = Sheet(COMPLAINT_COLUMNS, {
        "收到日期": "2026-03-02", "受理日期": "2026-03-03", "被投诉律师或律师事务所": number,
        "投诉人": "李某", "投诉事项": "未按约定出庭。", "处理结果": "给予处罚",
        "处罚决定书文号": "穗司罚〔2026〕1号", "处罚决定日期": "2026-03-10",
        "办结日期": "2026-03-10", "公开的事实和理由": "违反律师法。", **measures}, "c.xlsx")  # fmt: skip
    assert import_complaints(sheet.file([sheet.row()]), actor=pw.clerk_city).ok


def test_practice_is_not_written_over_a_penalty_in_force(pw):
    with on(D(2026, 3, 20)):
        _penalise(pw, pw.lawyer_a.licence_number, 处罚依据="第四十七条", **{"停止执业（月）": 3})
        result = import_register(lawyers.file([lawyers.row(
            执业证号=pw.lawyer_a.licence_number, 状态="执业")]), key="lawyers",
            actor=pw.clerk_haizhu)  # fmt: skip
        assert cells(result) == [(2, "状态")]
        pw.lawyer_a.refresh_from_db()
        assert pw.lawyer_a.status == "suspended"
        # The other lawyer of the firm practises: 执业 is written.
        assert import_register(lawyers.file([lawyers.row(
            执业证号=pw.lawyer_b.licence_number, 状态="执业")]), key="lawyers",
            actor=pw.clerk_haizhu).ok  # fmt: skip


def test_a_closed_firm_is_not_written_practising(pw):
    row = firms.row(名称="广东海珠律师事务所", 执业许可证号=pw.firm.licence_number,
                    所在区域="海珠区", 状态="执业")  # fmt: skip
    with on(D(2026, 3, 20)):
        _penalise(pw, pw.firm.licence_number, 处罚依据="第五十条", **{"停业整顿（月）": 2})
        result = import_register(firms.file([row]), key="firms", actor=pw.clerk_haizhu)
        assert cells(result) == [(2, "状态")]
        pw.firm.refresh_from_db()
        assert pw.firm.status == "suspended"


def test_a_firms_name_with_spaces_inside_is_found(pw):
    org = Organization.objects.create(name="广东 海珠 第二律师事务所",
                                      kind=OrganizationKind.LAW_FIRM, region=pw.haizhu)  # fmt: skip
    LawFirm.objects.create(organization=org, licence_number="31440000MD0000009X")
    row = lawyers.row(律师事务所="广东 海珠  第二律师事务所 ")
    assert import_register(lawyers.file([row]), key="lawyers", actor=pw.clerk_haizhu).ok
    assert Lawyer.objects.get(licence_number="14401201910000101").organization == org


def test_a_moved_firms_lawyers_are_in_the_change_log(pw):
    row = firms.row(名称="广东海珠律师事务所", 执业许可证号=pw.firm.licence_number)
    assert import_register(firms.file([row]), key="firms", actor=pw.clerk_haizhu).ok
    entry = LogEntry.objects.get_for_object(pw.lawyer_a).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == pw.clerk_haizhu and "region_code" in entry.changes
    assert LogEntry.objects.get_for_object(pw.firm).filter(actor=pw.clerk_haizhu).exists()


def test_added_and_updated_lawyers_are_in_the_change_log(pw):
    rows = [lawyers.row(), lawyers.row(执业证号=pw.lawyer_a.licence_number, 联系电话="13900000001")]
    assert import_register(lawyers.file(rows), key="lawyers", actor=pw.clerk_haizhu).ok
    added = Lawyer.objects.get(licence_number="14401201910000101")
    assert LogEntry.objects.get_for_object(added).get().action == LogEntry.Action.CREATE
    entry = LogEntry.objects.get_for_object(pw.lawyer_a).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == pw.clerk_haizhu and "phone" in entry.changes
    assert "13900000001" not in str(entry.changes)  # masked, as a save's row


def test_a_lawyers_import_costs_the_same_queries_for_more_rows(pw):
    def run(n: int, start: int) -> int:
        rows = [lawyers.row(执业证号=f"144012019100{start + i:05d}") for i in range(n)]
        rows.append(lawyers.row(执业证号=(pw.lawyer_a, pw.lawyer_b)[start % 2].licence_number,
                                首次执业日期=None))  # fmt: skip
        actor = User.objects.get(pk=pw.clerk_haizhu.pk)
        with CaptureQueriesContext(connection) as queries:
            assert import_register(lawyers.file(rows), key="lawyers", actor=actor).ok
        return len(queries)

    run(1, 100)  # caches warmed
    assert run(5, 200) == run(15, 300)
    assert Lawyer.objects.count() == 3 + 21


def test_a_lawyer_added_to_a_closed_firm_is_suspended_with_it(pw):
    """The register's status is kept in step with the penalties in force as the file is
    written (profession.standing.sync)."""
    with on(D(2026, 3, 20)):
        _penalise(pw, pw.firm.licence_number, 处罚依据="第五十条", **{"停业整顿（月）": 2})
        assert import_register(lawyers.file([lawyers.row()]), key="lawyers",
                               actor=pw.clerk_haizhu).ok  # fmt: skip
    assert Lawyer.objects.get(licence_number="14401201910000101").status == "suspended"
