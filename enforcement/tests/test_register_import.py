"""Excel imports of the officers with their certificates and of the discretion standards with
their lenient lists (enforcement.register_importing): all rows or none, every problem named by
row and Chinese column, only for the bodies within the importer's reach.

Test day Wed 2026-06-10 (the `june_2026` fixture, whatever FAZHI_TEST_TODAY says): an issue or
publication day after it is in the future.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.errors import PermissionDenied
from core.importing import WRITE_YES_OR_NO
from core.testing import Sheet, cells, filled
from enforcement.discretion_models import (
    DiscretionItem,
    DiscretionStandard,
    LenientEntry,
    LenientTreatment,
)
from enforcement.models import Certificate, ExamCandidate, ExamSitting, Officer
from enforcement.register_importing import (
    CARRIED_OVER,
    OFFICER_COLUMNS,
    STANDARD_COLUMNS,
    import_officers,
    import_standards,
    officer_template,
    standard_template,
)
from enforcement.selectors import certificate_on
from enforcement.tests.conftest import id_number, issue, officer, power, qualified

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2026")]

OFFICER = {
    "执法主体": "海珠区市场监督管理局",
    "姓名": "李明",
    "身份证号码": id_number(101),
    "职务": "执法队员",
    "法律职业资格": "否",
    "执法证号": "44010500101",
    "发证日期": D(2024, 3, 1),
    "有效期至": D(2029, 2, 28),
    "培训学时": 40,
}
SECOND = {"执法主体": "海珠区城市管理和综合执法局", "姓名": "陈静", "身份证号码": id_number(102),
          "法律职业资格": "是", "执法证号": "44010500102", "培训学时": None}  # fmt: skip
officers_sheet = Sheet(OFFICER_COLUMNS, OFFICER, "officers.xlsx")

ITEM = {
    "执法主体": "海珠区市场监督管理局",
    "基准名称": "海珠区市场监督管理局行政处罚裁量基准",
    "制定文件": "海市监〔2025〕1号",
    "施行日期": D(2025, 1, 1),
    "发布日期": D(2024, 12, 20),
    "条目类别": "裁量基准",
    "权力事项编码": "P-330217001",
    "违法行为": "经营超过保质期的食品",
    "法律依据": "《中华人民共和国食品安全法》第一百二十四条",
    "情节": "一般",
    "罚款下限（元）": 5000,
    "罚款上限（元）": 50000,
    "其他处罚种类": "警告",
    "适用条件": None,
}
SERIOUS = {"情节": "严重", "罚款下限（元）": 50000, "罚款上限（元）": 100000, "其他处罚种类": None}
LENIENT = {"条目类别": "不予处罚", "权力事项编码": None, "违法行为": "未按规定公示许可证",
           "法律依据": "《中华人民共和国行政处罚法》第三十三条", "情节": None,
           "罚款下限（元）": None, "罚款上限（元）": None, "其他处罚种类": None,
           "适用条件": "初次违法且危害后果轻微并及时改正"}  # fmt: skip
VERSION_2 = {"施行日期": D(2026, 3, 1), "发布日期": D(2026, 2, 20), "制定文件": "海市监〔2026〕2号"}
standards_sheet = Sheet(STANDARD_COLUMNS, ITEM, "standards.xlsx")


@pytest.fixture
def rw(ew):
    power(ew, ew.shijian_body, "P-330217001", D(2019, 1, 1))
    return ew


def reason_at(result, row: int, column: str) -> str:
    return next(e.reason for e in result.errors if (e.row, e.column) == (row, column))


def nothing_written():
    return (Officer.objects.count(), Certificate.objects.count(), ExamCandidate.objects.count(),
            DiscretionStandard.objects.count(), DiscretionItem.objects.count(),
            LenientEntry.objects.count())  # fmt: skip


# -- officers and their certificates ---------------------------------------------------------


def test_the_officer_template_has_every_column_and_comes_back_in(rw):
    content = officer_template()
    wb = load_workbook(io.BytesIO(content))
    assert [c.value for c in wb.worksheets[0][1]] == officers_sheet.headers
    assert wb.sheetnames == ["执法人员", "填写说明"]
    result = import_officers(filled(content, [officers_sheet.row()]), actor=rw.clerk_haizhu)
    assert result.ok, result.errors
    assert Officer.objects.get().name == "李明"


def test_a_good_file_imports_every_officer_with_the_certificate(rw):
    w = rw
    rows = [officers_sheet.row(), officers_sheet.row(SECOND)]
    result = import_officers(officers_sheet.file(rows), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (2, 2)
    li = Officer.objects.get(name="李明")
    assert li.body == w.shijian_body and li.id_number == id_number(101)
    assert li.post == "执法队员" and not li.legal_qualification
    chen = Officer.objects.get(name="陈静")
    assert chen.body == w.chengguan_body and chen.legal_qualification
    cert = Certificate.objects.get(number="44010500101")
    assert (cert.officer, cert.body, cert.issued_on, cert.valid_until) == (
        li, w.shijian_body, D(2024, 3, 1), D(2029, 2, 28))  # fmt: skip
    assert cert.issued_by == w.clerk_haizhu and cert.region_code == w.shijian_body.region_code
    assert certificate_on(li, D(2026, 6, 10)) == cert
    # The pass is recorded without a score on the bureau's carried-over sitting.
    sitting = ExamSitting.objects.get()
    assert (sitting.title, sitting.organization, sitting.held_on) == (
        CARRIED_OVER, w.haizhu_bureau, D(2024, 3, 1))  # fmt: skip
    exam = cert.exam
    assert exam.officer == li and exam.passed and exam.score is None
    assert exam.training_hours == 40
    assert Certificate.objects.get(number="44010500102").exam.training_hours == 0
    # A second file reuses that sitting.
    third = {"姓名": "周洁", "身份证号码": id_number(103), "执法证号": "44010500103",
             "发证日期": D(2023, 5, 4)}  # fmt: skip
    result = import_officers(officers_sheet.file([officers_sheet.row(third)]),
                             actor=w.clerk_haizhu)  # fmt: skip
    assert result.ok, result.errors
    assert ExamSitting.objects.get().held_on == D(2023, 5, 4)


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"发证日期": D(2026, 6, 11)}, "发证日期", "FUTURE"),
        ({"执法主体": "海珠区不存在的局"}, "执法主体", "UNKNOWN_BODY"),
        ({"执法主体": "白云区市场监督管理局"}, "执法主体", "OUTSIDE"),
        ({"执法证号": "44010500101"}, "执法证号", "DUPLICATE_IN_FILE"),
        ({"执法证号": "44010500999"}, "执法证号", "DUPLICATE_IN_REGISTER"),
        ({"身份证号码": id_number(101)}, "身份证号码", ""),
        ({"身份证号码": "44010519900101123"}, "身份证号码", ""),
        ({"有效期至": D(2024, 3, 1)}, "有效期至", ""),
        ({"有效期至": "明年"}, "有效期至", ""),
        ({"姓名": None}, "姓名", "REQUIRED"),
        ({"法律职业资格": "有"}, "法律职业资格", "YES_NO"),
        ({"培训学时": "四十"}, "培训学时", ""),
    ],
)  # fmt: skip
def test_one_bad_officer_row_writes_nothing_and_is_named(rw, changes, column, reason):
    w = rw
    held = officer(w, w.shijian_body, "王强", 7)
    qualified(w, held, D(2024, 4, 10))
    issue(w, held, "44010500999", D(2024, 5, 6), D(2029, 5, 5))
    before = nothing_written()
    rows = [officers_sheet.row(), officers_sheet.row(SECOND, changes)]
    result = import_officers(officers_sheet.file(rows), actor=w.clerk_haizhu)
    assert not result.ok
    assert (3, column) in cells(result), result.errors
    assert not any(e.row == 2 for e in result.errors)
    expected = {
        "FUTURE": _("The date cannot be in the future."),
        "UNKNOWN_BODY": _("No enforcement body of that name in the register."),
        "OUTSIDE": _("%(body)s is outside your reach: you may not import for it.")
        % {"body": "白云区市场监督管理局"},
        "DUPLICATE_IN_FILE": _("The same certificate number is on row %(row)s.") % {"row": 2},
        "DUPLICATE_IN_REGISTER": _("Certificate number %(number)s is already used.")
        % {"number": "44010500999"},
        "REQUIRED": _("Required."),
        "YES_NO": _(WRITE_YES_OR_NO),
    }.get(reason)
    assert reason_at(result, 3, column) == expected if expected else reason_at(result, 3, column)
    assert nothing_written() == before


def test_the_bad_row_is_shown_on_the_page_in_chinese(rw, client):
    client.force_login(rw.clerk_haizhu)
    assert client.get("/enforcement/officers/import/").status_code == 200
    bad = officers_sheet.upload([officers_sheet.row(), officers_sheet.row(SECOND, {
        "发证日期": D(2026, 7, 1)})])  # fmt: skip
    response = client.post("/enforcement/officers/import/", {"file": bad})
    page = response.content.decode()
    assert response.status_code == 200 and Officer.objects.count() == 0
    assert "发证日期" in page and _("The date cannot be in the future.") in page
    good = officers_sheet.upload([officers_sheet.row()])
    response = client.post("/enforcement/officers/import/", {"file": good})
    assert response.status_code == 302 and response.url == "/enforcement/officers/"
    assert Officer.objects.count() == 1
    listing = client.get("/enforcement/officers/").content.decode()
    assert "/enforcement/officers/import/" in listing


def test_the_officer_template_downloads(rw, client):
    client.force_login(rw.clerk_haizhu)
    response = client.get("/enforcement/officers/import/template/")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]] == officers_sheet.headers


def test_who_may_not_issue_certificates_may_not_import_officers(rw, client):
    w = rw
    for user in (w.agency_haizhu, w.leader_gz):
        with pytest.raises(PermissionDenied):
            import_officers(officers_sheet.file([officers_sheet.row()]), actor=user)
        client.force_login(user)
        assert client.get("/enforcement/officers/import/").status_code == 403
        assert client.get("/enforcement/officers/import/template/").status_code == 403
    assert (
        "/enforcement/officers/import/" not in client.get("/enforcement/officers/").content.decode()
    )
    assert Officer.objects.count() == 0


# -- discretion standards and lenient lists ----------------------------------------------------


def test_a_good_file_imports_every_version_with_items_and_lenient_list(rw):
    w = rw
    draft = {"执法主体": "海珠区城市管理和综合执法局", "基准名称": "城管裁量基准", "施行日期": D(2026, 7, 1),
             "发布日期": None, "权力事项编码": None, "违法行为": "擅自占用城市道路"}  # fmt: skip
    rows = [
        standards_sheet.row(),
        standards_sheet.row(SERIOUS),
        standards_sheet.row(LENIENT),
        standards_sheet.row(VERSION_2, {"罚款下限（元）": 3000}),
        standards_sheet.row(draft),
    ]
    result = import_standards(standards_sheet.file(rows), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    assert result.written == 5
    v1, v2 = DiscretionStandard.objects.filter(body=w.shijian_body).order_by("version")
    assert (v1.version, v1.effective_from, v1.effective_until, v1.published_on) == (
        1, D(2025, 1, 1), D(2026, 2, 28), D(2024, 12, 20))  # fmt: skip
    assert (v2.version, v2.effective_from, v2.effective_until, v2.published_on) == (
        2, D(2026, 3, 1), None, D(2026, 2, 20))  # fmt: skip
    assert v1.basis_document == "海市监〔2025〕1号" and v1.created_by == w.clerk_haizhu
    assert [(i.circumstance, i.fine_min, i.fine_max) for i in v1.items.all()] == [
        ("一般", 5000, 50000), ("严重", 50000, 100000)]  # fmt: skip
    entry = v1.lenient_entries.get()
    assert entry.treatment == LenientTreatment.NO_PENALTY
    assert entry.condition == "初次违法且危害后果轻微并及时改正"
    assert v2.items.get().fine_min == 3000 and not v2.lenient_entries.exists()
    other = DiscretionStandard.objects.get(body=w.chengguan_body)
    assert other.published_on is None and other.version == 1 and other.items.count() == 1


def test_the_standard_template_has_every_column_and_comes_back_in(rw):
    content = standard_template()
    wb = load_workbook(io.BytesIO(content))
    assert [c.value for c in wb.worksheets[0][1]] == standards_sheet.headers
    assert wb.sheetnames == ["裁量基准", "填写说明"]
    rows = [standards_sheet.row(), standards_sheet.row(LENIENT)]
    result = import_standards(filled(content, rows), actor=rw.agency_haizhu)
    assert result.ok, result.errors
    assert DiscretionStandard.objects.get().items.count() == 1


def test_an_agency_imports_its_own_bodies_standards(rw):
    result = import_standards(standards_sheet.file([standards_sheet.row()]),
                              actor=rw.agency_haizhu)  # fmt: skip
    assert result.ok, result.errors
    assert DiscretionStandard.objects.get().agency == rw.haizhu_agency


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"罚款下限（元）": 200000}, "罚款上限（元）", "MIN_ABOVE_MAX"),
        ({"执法主体": "海珠区不存在的局"}, "执法主体", "UNKNOWN_BODY"),
        ({"执法主体": "海珠区城市管理和综合执法局"}, "执法主体", "OUTSIDE"),
        ({"发布日期": D(2026, 6, 11)}, "发布日期", "FUTURE"),
        ({"权力事项编码": "P-999"}, "权力事项编码", ""),
        ({"罚款上限（元）": "五万"}, "罚款上限（元）", ""),
        ({"情节": None}, "情节", ""),
        ({"条目类别": "免予处罚"}, "条目类别", ""),
        ({"基准名称": "另一个名称"}, "基准名称", ""),
        ({**LENIENT, "适用条件": None}, "适用条件", ""),
        ({**LENIENT, "罚款上限（元）": 100}, "罚款上限（元）", ""),
    ],
)  # fmt: skip
def test_one_bad_standard_row_writes_nothing_and_is_named(rw, changes, column, reason):
    before = nothing_written()
    rows = [standards_sheet.row(), standards_sheet.row(SERIOUS, changes)]
    result = import_standards(standards_sheet.file(rows), actor=rw.agency_haizhu)
    assert not result.ok
    assert (3, column) in cells(result), result.errors
    assert not any(e.row == 2 for e in result.errors)
    expected = {
        "MIN_ABOVE_MAX": _("The highest fine (%(high)s) is below the lowest fine (%(low)s).")
        % {"high": 100000, "low": 200000},
        "UNKNOWN_BODY": _("No enforcement body of that name in the register."),
        "OUTSIDE": _("%(body)s is outside your reach: you may not import for it.")
        % {"body": "海珠区城市管理和综合执法局"},
        "FUTURE": _("The date cannot be in the future."),
    }.get(reason)
    assert reason_at(result, 3, column) == expected if expected else reason_at(result, 3, column)
    assert nothing_written() == before


def test_a_version_before_the_latest_published_one_is_refused(rw):
    w = rw
    assert import_standards(standards_sheet.file([standards_sheet.row(VERSION_2)]),
                            actor=w.agency_haizhu).ok  # fmt: skip
    result = import_standards(standards_sheet.file([standards_sheet.row()]), actor=w.agency_haizhu)
    assert cells(result) == [(2, "施行日期")]
    assert DiscretionStandard.objects.count() == 1


def test_a_version_of_lenient_entries_only_is_refused(rw):
    result = import_standards(standards_sheet.file([standards_sheet.row(LENIENT)]),
                              actor=rw.agency_haizhu)  # fmt: skip
    assert cells(result) == [(2, "条目类别")]
    assert DiscretionStandard.objects.count() == 0


def test_the_standard_pages(rw, client):
    client.force_login(rw.agency_haizhu)
    response = client.get("/enforcement/discretion/import/template/")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]] == standards_sheet.headers
    assert (
        "/enforcement/discretion/import/" in client.get("/enforcement/discretion/").content.decode()
    )
    bad = standards_sheet.upload([standards_sheet.row({"罚款下限（元）": 60000})])
    response = client.post("/enforcement/discretion/import/", {"file": bad})
    assert response.status_code == 200 and DiscretionStandard.objects.count() == 0
    assert "罚款上限（元）" in response.content.decode()
    good = standards_sheet.upload([standards_sheet.row(), standards_sheet.row(LENIENT)])
    response = client.post("/enforcement/discretion/import/", {"file": good})
    assert response.status_code == 302 and response.url == "/enforcement/discretion/"
    assert DiscretionStandard.objects.get().lenient_entries.count() == 1


def test_a_leader_may_not_import_standards(rw, client):
    with pytest.raises(PermissionDenied):
        import_standards(standards_sheet.file([standards_sheet.row()]), actor=rw.leader_gz)
    client.force_login(rw.leader_gz)
    assert client.get("/enforcement/discretion/import/").status_code == 403
    assert client.get("/enforcement/discretion/import/template/").status_code == 403
    assert (
        "/enforcement/discretion/import/"
        not in client.get("/enforcement/discretion/").content.decode()
    )


def test_standards_are_checked_and_written_with_the_same_reads_for_one_body_or_two(rw):
    """The power codes and each body's latest and last versions are read once for the whole
    file, not once per body or version: a file of one body's version and a file adding a
    second body and a second version read the power list and the standards table equally
    often (the standards table: the latest published versions for the check, the last numbers
    and the latest published versions again under lock for the write)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from enforcement.models import Power

    w = rw
    power(w, w.chengguan_body, "P-330217002", D(2019, 1, 1))
    tables = (Power._meta.db_table, DiscretionStandard._meta.db_table)

    def reads(rows) -> dict[str, int]:
        with CaptureQueriesContext(connection) as captured:
            result = import_standards(standards_sheet.file(rows), actor=w.clerk_haizhu)
        assert result.ok, result.errors
        selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
        # Not counted: the audit trail's read of each row it changes (by its id), as for any
        # audited save — a write per version ended, not a check.
        selects = [sql for sql in selects if '."id" = ' not in sql]
        return {t: sum(f'FROM "{t}"' in sql for sql in selects) for t in tables}

    one = reads([standards_sheet.row()])
    chengguan = {"执法主体": "海珠区城市管理和综合执法局", "基准名称": "城管裁量基准",
                 "权力事项编码": "P-330217002"}  # fmt: skip
    two = reads([
        standards_sheet.row(VERSION_2, {"施行日期": D(2026, 4, 1)}),
        standards_sheet.row(VERSION_2, {"施行日期": D(2026, 5, 1), "发布日期": D(2026, 4, 20)}),
        standards_sheet.row(chengguan),
        standards_sheet.row(chengguan, SERIOUS),
    ])  # fmt: skip
    assert two == one == {Power._meta.db_table: 1, DiscretionStandard._meta.db_table: 3}
    assert DiscretionStandard.objects.count() == 4
    v2, v3 = DiscretionStandard.objects.filter(body=w.shijian_body).order_by("version")[1:]
    assert (v2.version, v2.effective_until, v3.version) == (2, D(2026, 4, 30), 3)
