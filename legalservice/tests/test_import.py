"""Excel imports of public legal services kept before Fazhi (legalservice.importing): the services
given and the village legal advisers' monthly logs. All rows or none; every problem named by row
and Chinese column (an unknown street, a street or village outside the importer's jurisdiction —
SD‑GF Arts. 11–12, 19: a street's services are its own office's —, a future day, a negative
count, a value not in the list, a month logged already); the template, the pages and the list's
button only for those who may record; the queries of an import do not grow with its rows.

World (legalservice/tests/conftest.py): office_haizhu is 赤岗街道司法所 (440105001), clerk_haizhu
the 海珠 bureau's section staff, 景泰街道 (440111004) is 白云's. The days used (2 March 2026 and
before) are past on either test day (10 June or 28 December 2026)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from conftest import frozen_today
from core import importing
from core.errors import PermissionDenied
from core.models import ImportedFile
from core.testing import Sheet, cells, filled
from legalservice import services
from legalservice.importing import (
    import_logs,
    import_records,
    log_columns,
    log_template,
    record_columns,
    record_template,
)
from legalservice.models import AdviserLog, ServiceRecord
from legalservice.tests.conftest import adviser, point

pytestmark = pytest.mark.django_db
D = datetime.date

RECORD = {
    "服务日期": D(2026, 3, 2), "服务渠道": "中心窗口", "事项类型": "劳动争议",
    "办理结果": "当场解答", "街道（镇）": "赤岗街道", "服务点": "赤岗街道公共法律服务工作站",
    "服务对象姓名": "周七", "服务对象电话": "13800138000", "咨询内容摘要": "拖欠工资如何维权",
}  # fmt: skip
HOTLINE = {"服务渠道": "12348热线", "事项类型": "婚姻家庭纠纷", "办理结果": "转介人民调解",
           "街道（镇）": "440105001000", "服务点": None, "服务对象姓名": None,
           "服务对象电话": None, "服务日期": D(2025, 11, 20)}  # fmt: skip
records_sheet = Sheet(record_columns(), RECORD, "records.xlsx")

LOG = {"村（社区）": "赤岗北社区", "法律顾问": "陈律师", "月份": "2026-02",
       "进村（社区）次数": 4, "法律咨询": 6, "审查文书": 2, "法治讲座": 1}  # fmt: skip
logs_sheet = Sheet(log_columns(), LOG, "logs.xlsx")


def next_month() -> str:
    today = frozen_today()
    return f"{today.year + today.month // 12}-{today.month % 12 + 1:02d}"


def reason_at(result, row: int, column: str) -> str:
    return next(e.reason for e in result.errors if (e.row, e.column) == (row, column))


@pytest.fixture
def iw(ls):
    w = ls
    w.point = point(w)
    w.adviser = adviser(w, w.villages[0], w.lawyer_a)
    w.adviser_b = adviser(w, w.villages[1], w.lawyer_b, started_on=D(2026, 1, 1))
    return w


# -- services given ----------------------------------------------------------------------------


def test_the_record_template_comes_back_in(iw):
    content = record_template()
    wb = load_workbook(io.BytesIO(content))
    assert [c.value for c in wb.worksheets[0][1]] == records_sheet.headers
    assert wb.sheetnames == ["服务记录", "填写说明"]
    result = import_records(filled(content, [records_sheet.row()]), actor=iw.office_haizhu)
    assert result.ok, result.errors
    assert ServiceRecord.objects.get().service_point == iw.point


def test_a_good_file_imports_every_service(iw):
    """A window service at the station, and a hotline call of the street without a point: the
    first is the point's (its unit, its region), the second the street's justice office's."""
    w = iw
    rows = [records_sheet.row(), records_sheet.row(HOTLINE)]
    result = import_records(records_sheet.file(rows), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (2, 2)
    window = ServiceRecord.objects.get(channel="window")
    assert (window.organization, window.service_point, window.region_code) == (
        w.haizhu_office, w.point, "440105001000",
    )  # fmt: skip
    assert (window.matter_kind, window.outcome, window.person_phone) == (
        "labour", "answered", "13800138000",
    )  # fmt: skip
    assert window.recorded_by == w.clerk_haizhu
    hotline = ServiceRecord.objects.get(channel="hotline")
    assert (hotline.organization, hotline.service_point, hotline.region_code) == (
        w.haizhu_office, None, "440105001000",
    )  # fmt: skip
    assert (hotline.served_on, hotline.matter_kind, hotline.outcome) == (
        D(2025, 11, 20), "marriage_family", "referred_mediation",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"街道（镇）": "火星街道"}, "街道（镇）",
         "No street or town of that name or code in the region table."),
        ({"街道（镇）": "景泰街道", "服务点": None}, "街道（镇）",
         "This street or town lies outside your jurisdiction."),
        ({"街道（镇）": "440111004000", "服务点": None}, "街道（镇）",
         "This street or town lies outside your jurisdiction."),
        ({"服务日期": "FUTURE"}, "服务日期", "The date cannot be in the future."),
        ({"服务日期": "去年"}, "服务日期", "Not a date; write it as 2025-03-01."),
        ({"服务渠道": "传真"}, "服务渠道", "Unknown channel; use the drop-down list."),
        ({"事项类型": "天气"}, "事项类型", "Unknown kind of matter; use the drop-down list."),
        ({"办理结果": "不知道"}, "办理结果", "Unknown outcome; use the drop-down list."),
        ({"服务点": "新港街道公共法律服务工作站"}, "服务点",
         "No service point of that name in this street."),
        ({"服务对象电话": "123"}, "服务对象电话", None),
        ({"事项类型": None}, "事项类型", "Required."),
    ],
)  # fmt: skip
def test_one_bad_service_row_writes_nothing_and_is_named(iw, changes, column, reason):
    if changes.get("服务日期") == "FUTURE":
        changes = {"服务日期": frozen_today() + datetime.timedelta(days=1)}
    rows = [records_sheet.row(), records_sheet.row(HOTLINE, changes)]
    result = import_records(records_sheet.file(rows), actor=iw.office_haizhu)
    assert not result.ok
    assert cells(result) == [(3, column)], result.errors
    if reason:
        assert reason_at(result, 3, column) == _(reason)
    assert ServiceRecord.objects.count() == 0


def test_who_may_not_record_services_may_not_import_them(iw, client):
    w = iw
    for user in (w.leader_gz, w.mediator_haizhu):
        with pytest.raises(PermissionDenied):
            import_records(records_sheet.file([records_sheet.row()]), actor=user)
        client.force_login(user)
        assert client.get("/legalservice/records/import/").status_code == 403
        assert client.get("/legalservice/records/import/template/").status_code == 403
    client.force_login(w.leader_gz)
    assert "/legalservice/records/import/" not in client.get(
        "/legalservice/records/").content.decode()  # fmt: skip
    assert ServiceRecord.objects.count() == 0


def test_the_record_import_pages(iw, client):
    w = iw
    client.force_login(w.office_haizhu)
    listing = client.get("/legalservice/records/").content.decode()
    assert 'id="record-import"' in listing and "/legalservice/records/import/" in listing
    template = client.get("/legalservice/records/import/template/")
    assert template.status_code == 200
    assert [c.value for c in load_workbook(io.BytesIO(template.content)).worksheets[0][1]] == (
        records_sheet.headers
    )
    bad = records_sheet.upload([records_sheet.row(), records_sheet.row({"街道（镇）": "景泰街道"})])
    response = client.post("/legalservice/records/import/", {"file": bad})
    page = response.content.decode()
    assert response.status_code == 200 and ServiceRecord.objects.count() == 0
    assert "街道（镇）" in page and _("This street or town lies outside your jurisdiction.") in page
    good = records_sheet.upload([records_sheet.row(), records_sheet.row(HOTLINE)])
    response = client.post("/legalservice/records/import/", {"file": good})
    assert response.status_code == 302 and response.url == "/legalservice/records/"
    assert ServiceRecord.objects.count() == 2


def _import_queries(importer, sheet, rows, actor) -> int:
    """The queries of a written import, once what the actor caches (their roles) is loaded."""
    importer(sheet.file(rows), actor=actor, write=False)
    with CaptureQueriesContext(connection) as queries:
        result = importer(sheet.file(rows), actor=actor)
    assert result.ok, result.errors
    return len(queries)


def test_the_queries_of_a_service_import_do_not_grow_with_its_rows(iw):
    w = iw
    few = _import_queries(import_records, records_sheet, [records_sheet.row()] * 2,
                          w.office_haizhu)  # fmt: skip
    many = _import_queries(import_records, records_sheet,
                           [records_sheet.row(HOTLINE)] * 25 + [records_sheet.row()] * 25,
                           w.office_haizhu)  # fmt: skip
    assert many == few
    # (The insert itself is one statement per batch: SQLite takes at most 999 parameters.)
    assert ServiceRecord.objects.count() == 52


# -- village advisers' monthly logs ------------------------------------------------------------


def test_the_log_template_comes_back_in(iw):
    content = log_template()
    assert [c.value for c in load_workbook(io.BytesIO(content)).worksheets[0][1]] == (
        logs_sheet.headers
    )
    result = import_logs(filled(content, [logs_sheet.row()]), actor=iw.office_haizhu)
    assert result.ok, result.errors


def test_a_good_file_imports_every_monthly_log(iw):
    """陈律师 at 赤岗北社区 in February 2026: 4 + 6 + 2 + 1 = 13 services; 林律师 at 赤岗南社区
    (by its code) in January, with the empty counts as 0."""
    w = iw
    second = {"村（社区）": "440105001002", "法律顾问": "林律师", "月份": D(2026, 1, 1),
              "进村（社区）次数": 2, "法律咨询": None, "审查文书": None, "法治讲座": 3}  # fmt: skip
    result = import_logs(logs_sheet.file([logs_sheet.row(), logs_sheet.row(second)]),
                         actor=w.office_haizhu)  # fmt: skip
    assert result.ok, result.errors
    assert result.written == 2
    feb = AdviserLog.objects.get(adviser=w.adviser)
    assert (feb.month, feb.services, feb.region_code, feb.recorded_by) == (
        D(2026, 2, 1), 13, "440105001001", w.office_haizhu,
    )  # fmt: skip
    jan = AdviserLog.objects.get(adviser=w.adviser_b)
    assert (jan.month, jan.visits, jan.consultations, jan.lectures, jan.services) == (
        D(2026, 1, 1), 2, 0, 3, 5,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"法律咨询": -2}, "法律咨询", "A count cannot be negative."),
        ({"法治讲座": "两场"}, "法治讲座", "Write a whole number."),
        ({"月份": "NEXT"}, "月份", "The month cannot be in the future."),
        ({"月份": "二月"}, "月份", "Not a month; write it as 2025-03."),
        ({"村（社区）": "景泰社区"}, "村（社区）", "This village lies outside your jurisdiction."),
        ({"村（社区）": "不存在社区"}, "村（社区）",
         "No village or community of that name or code in the region table."),
        ({"法律顾问": "黄律师"}, "法律顾问",
         "This lawyer was not the adviser of this village in that month."),
        ({"村（社区）": "赤岗南社区", "法律顾问": "林律师", "月份": "2025-12"}, "法律顾问",
         "This lawyer was not the adviser of this village in that month."),
        ({"月份": "2026-02"}, "月份", "This adviser's month appears twice in the file."),
    ],
)  # fmt: skip
def test_one_bad_log_row_writes_nothing_and_is_named(iw, changes, column, reason):
    if changes.get("月份") == "NEXT":
        changes = {"月份": next_month()}
    first = logs_sheet.row()
    second = logs_sheet.row({"月份": "2026-01"}, changes)
    result = import_logs(logs_sheet.file([first, second]), actor=iw.office_haizhu)
    assert not result.ok
    assert cells(result) == [(3, column)], result.errors
    assert reason_at(result, 3, column) == _(reason)
    assert AdviserLog.objects.count() == 0


def test_a_month_logged_already_is_refused_and_nothing_written(iw):
    w = iw
    services.adviser_log_record(actor=w.office_haizhu, adviser=w.adviser,
                                data={"month": D(2026, 2, 1), "visits": 1})  # fmt: skip
    rows = [logs_sheet.row({"月份": "2026-01"}), logs_sheet.row()]
    result = import_logs(logs_sheet.file(rows), actor=w.office_haizhu)
    assert cells(result) == [(3, "月份")]
    assert reason_at(result, 3, "月份") == _("That month is already logged for this adviser.")
    assert AdviserLog.objects.count() == 1


def test_another_districts_staff_may_not_log_haizhus_advisers(iw, client):
    w = iw
    result = import_logs(logs_sheet.file([logs_sheet.row()]), actor=w.clerk_baiyun)
    assert cells(result) == [(2, "村（社区）")]
    for user in (w.leader_gz, w.mediator_haizhu):
        with pytest.raises(PermissionDenied):
            import_logs(logs_sheet.file([logs_sheet.row()]), actor=user)
        client.force_login(user)
        assert client.get("/legalservice/advisers/logs/import/").status_code == 403
    client.force_login(w.office_haizhu)
    assert 'id="log-import"' in client.get("/legalservice/advisers/").content.decode()
    response = client.post("/legalservice/advisers/logs/import/",
                           {"file": logs_sheet.upload([logs_sheet.row()])})  # fmt: skip
    assert response.status_code == 302 and response.url == "/legalservice/advisers/"
    assert AdviserLog.objects.count() == 1


def test_the_queries_of_a_log_import_do_not_grow_with_its_rows(iw):
    w = iw
    few = _import_queries(import_logs, logs_sheet, [logs_sheet.row()], w.office_haizhu)
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    rows = [logs_sheet.row({"月份": m}) for m in months]
    rows += [logs_sheet.row({"村（社区）": "赤岗南社区", "法律顾问": "林律师", "月份": "2026-01"})]
    assert _import_queries(import_logs, logs_sheet, rows, w.office_haizhu) == few
    assert AdviserLog.objects.count() == 14


# -- the same file twice; a point's unit -------------------------------------------------------


def test_the_same_service_file_imported_twice_is_written_once(iw, client):
    """The same file (the same bytes) uploaded again is refused as a whole, with the reason in
    Chinese, whoever of the jurisdiction uploads it; another file with the same rows (a new
    month's sheet) is not the same file. A file only checked (--check) is not remembered."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    w = iw
    content = records_sheet.file([records_sheet.row(), records_sheet.row(HOTLINE)]).getvalue()
    assert import_records(io.BytesIO(content), actor=w.office_haizhu, write=False).ok
    assert import_records(io.BytesIO(content), actor=w.office_haizhu).written == 2
    again = import_records(io.BytesIO(content), actor=w.clerk_haizhu)  # the district's staff
    assert not again.ok and again.written == 0 and ServiceRecord.objects.count() == 2
    assert cells(again) == [(0, "")]
    (kept,) = ImportedFile.objects.all()
    assert (kept.kind, kept.scope, kept.rows, kept.actor) == (
        "legalservice.import_records", "440105001", 2, w.office_haizhu,
    )  # fmt: skip
    reason = importing.already_imported(kept).errors[0].reason
    assert again.errors[0].reason == reason and kept.created_at.date().isoformat() in reason
    client.force_login(w.office_haizhu)
    response = client.post("/legalservice/records/import/",
                           {"file": SimpleUploadedFile("records.xlsx", content)})  # fmt: skip
    assert response.status_code == 200 and ServiceRecord.objects.count() == 2
    assert reason in response.content.decode()
    # A different file is imported.
    other = records_sheet.file([records_sheet.row(HOTLINE, {"服务对象姓名": "吴八"})])
    assert import_records(other, actor=w.office_haizhu).written == 1


def test_the_same_log_file_twice_is_refused_before_its_rows(iw):
    w = iw
    content = logs_sheet.file([logs_sheet.row()]).getvalue()
    assert import_logs(io.BytesIO(content), actor=w.office_haizhu).written == 1
    again = import_logs(io.BytesIO(content), actor=w.office_haizhu)
    assert cells(again) == [(0, "")] and AdviserLog.objects.count() == 1


def test_a_service_point_of_a_unit_one_may_not_record_for_fails_the_row(iw):
    """A point's records are its unit's: a point whose unit has closed since (赤岗街道司法所
    deactivated) takes no imported record; the row fails on the service-point column and
    nothing is written. Without the point, the street's service goes to the active bureau."""
    from core.models import Organization

    w = iw
    Organization.objects.filter(pk=w.haizhu_office.pk).update(is_active=False)
    result = import_records(records_sheet.file([records_sheet.row(), records_sheet.row(HOTLINE)]),
                            actor=w.clerk_haizhu)  # fmt: skip
    assert cells(result) == [(2, "服务点")], result.errors
    assert "赤岗街道司法所" in reason_at(result, 2, "服务点")
    assert ServiceRecord.objects.count() == 0
    result = import_records(records_sheet.file([records_sheet.row(HOTLINE)]), actor=w.clerk_haizhu)
    assert result.ok and ServiceRecord.objects.get().organization == w.haizhu_bureau
