"""Excel import of public legal education activities held before Fazhi (education.importing):
all rows or none; every problem named by row and Chinese column (an organiser the importer may
not record for, a region unknown or outside the jurisdiction, a future day, a negative count, a
form or audience not in the list — the pages' rules, SD-PF Arts. 23, 28); the template, the
page and the list's button only for those who may record activities; an agency's handler
imports its own agency's only; the queries of an import do not grow with its rows.

World (education/tests/conftest.py): clerk_haizhu is the 海珠 bureau's section staff,
agency_haizhu the handler of 海珠区市场监督管理局, leader_gz only reads. The days used lie
before 10 June 2026 (either test day: 10 June or 28 December 2026)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from conftest import frozen_today
from core.errors import PermissionDenied
from core.testing import Sheet, cells, filled
from education.importing import columns, import_activities, template
from education.models import EducationActivity

pytestmark = pytest.mark.django_db
D = datetime.date

ACTIVITY = {
    "活动日期": D(2026, 3, 15), "主办单位": "海珠区司法局", "活动所在区域": "440105001000",
    "活动地点": "赤岗街道文化广场", "活动主题": "民法典宣传月", "活动形式": "讲座",
    "受众对象": "村（居）民", "受众人数": 180, "发放资料（份）": 400, "线上观看（人次）": None,
    "备注": None,
}  # fmt: skip
AGENCY = {"主办单位": "海珠区市场监督管理局", "活动所在区域": None, "活动主题": "食品安全法进市场",
          "活动形式": "以案释法", "受众对象": "社会公众", "受众人数": 60, "活动日期": D(2025, 9, 1)}  # fmt: skip
sheet = Sheet(columns(), ACTIVITY, "activities.xlsx")


def reason_at(result, row: int, column: str) -> str:
    return next(e.reason for e in result.errors if (e.row, e.column) == (row, column))


def test_the_template_comes_back_in(edu):
    content = template()
    wb = load_workbook(io.BytesIO(content))
    assert [c.value for c in wb.worksheets[0][1]] == sheet.headers
    assert wb.sheetnames == ["普法活动", "填写说明"]
    before = EducationActivity.objects.count()
    result = import_activities(filled(content, [sheet.row()]), actor=edu.clerk_haizhu)
    assert result.ok, result.errors
    assert EducationActivity.objects.count() == before + 1


def test_a_good_file_imports_every_activity(edu):
    """A street lecture of the bureau and a 以案释法 of the market regulator at its own region
    (the region left empty)."""
    w = edu
    result = import_activities(sheet.file([sheet.row(), sheet.row(AGENCY)]), actor=w.clerk_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (2, 2)
    lecture = EducationActivity.objects.get(topic="民法典宣传月")
    assert (lecture.organizer, lecture.region_code, lecture.form, lecture.audience) == (
        w.haizhu_bureau, "440105001000", "lecture", "villagers",
    )  # fmt: skip
    assert (lecture.people_reached, lecture.materials_distributed, lecture.online_views) == (
        180, 400, 0,
    )  # fmt: skip
    case = EducationActivity.objects.get(topic="食品安全法进市场")
    assert (case.organizer, case.region_code, case.form, case.held_on) == (
        w.haizhu_agency, "440105000000", "case_explanation", D(2025, 9, 1),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"受众人数": -3}, "受众人数", "A count cannot be negative."),
        ({"发放资料（份）": "许多"}, "发放资料（份）", "Write a whole number."),
        ({"活动日期": "FUTURE"}, "活动日期", "The date cannot be in the future."),
        ({"活动所在区域": "火星街道"}, "活动所在区域",
         "No region of that name or code in the region table."),
        ({"活动所在区域": "440111004000"}, "活动所在区域",
         "This region lies outside your jurisdiction."),
        ({"活动所在区域": "景泰街道"}, "活动所在区域",
         "This region lies outside your jurisdiction."),
        ({"主办单位": "白云区司法局", "活动所在区域": None}, "主办单位",
         "No organisation of that name whose activities you may record."),
        ({"活动形式": "游行"}, "活动形式", "Unknown form of activity; use the drop-down list."),
        ({"受众对象": "外星人"}, "受众对象", "Unknown audience; use the drop-down list."),
        ({"活动主题": None}, "活动主题", "Required."),
    ],
)  # fmt: skip
def test_one_bad_row_writes_nothing_and_is_named(edu, changes, column, reason):
    if changes.get("活动日期") == "FUTURE":
        changes = {"活动日期": frozen_today() + datetime.timedelta(days=1)}
    before = EducationActivity.objects.count()
    result = import_activities(sheet.file([sheet.row(AGENCY), sheet.row(changes)]),
                               actor=edu.clerk_haizhu)  # fmt: skip
    assert not result.ok
    assert cells(result) == [(3, column)], result.errors
    assert reason_at(result, 3, column) == _(reason)
    assert EducationActivity.objects.count() == before


def test_a_region_outside_the_organisers_is_refused(edu):
    """The market regulator is a district agency of 海珠: a place in 海珠's 赤岗街道 is its own,
    the 海珠 bureau's handler imports it; the 海珠 street office's activities lie in its street
    only."""
    w = edu
    row = sheet.row({"主办单位": "赤岗街道司法所", "活动所在区域": "440105002000"})
    result = import_activities(sheet.file([row]), actor=w.clerk_haizhu)
    assert cells(result) == [(2, "活动所在区域")]
    assert reason_at(result, 2, "活动所在区域") == _(
        "The region must be the organiser's or lie within it."
    )


def test_an_agency_handler_imports_their_own_agencys_activities_only(edu):
    w = edu
    before = EducationActivity.objects.count()
    result = import_activities(sheet.file([sheet.row(AGENCY), sheet.row()]), actor=w.agency_haizhu)
    assert cells(result) == [(3, "主办单位")]
    assert EducationActivity.objects.count() == before
    result = import_activities(sheet.file([sheet.row(AGENCY)]), actor=w.agency_haizhu)
    assert result.ok, result.errors
    assert EducationActivity.objects.count() == before + 1


def test_the_pages_and_who_may_import(edu, client):
    w = edu
    with pytest.raises(PermissionDenied):
        import_activities(sheet.file([sheet.row()]), actor=w.leader_gz)
    client.force_login(w.leader_gz)
    assert client.get("/education/activities/import/").status_code == 403
    assert client.get("/education/activities/import/template/").status_code == 403
    assert "/education/activities/import/" not in client.get(
        "/education/activities/").content.decode()  # fmt: skip
    client.force_login(w.clerk_haizhu)
    assert 'id="activity-import"' in client.get("/education/activities/").content.decode()
    response = client.get("/education/activities/import/template/")
    assert response.status_code == 200
    assert [c.value for c in load_workbook(io.BytesIO(response.content)).worksheets[0][1]] == (
        sheet.headers
    )
    before = EducationActivity.objects.count()
    bad = sheet.upload([sheet.row(), sheet.row({"受众人数": -1})])
    page = client.post("/education/activities/import/", {"file": bad})
    assert page.status_code == 200 and EducationActivity.objects.count() == before
    assert "受众人数" in page.content.decode()
    assert _("A count cannot be negative.") in page.content.decode()
    response = client.post("/education/activities/import/", {"file": sheet.upload([sheet.row()])})
    assert response.status_code == 302 and response.url == "/education/activities/"
    assert EducationActivity.objects.count() == before + 1


def test_the_queries_of_an_import_do_not_grow_with_its_rows(edu):
    w = edu

    def queries(rows) -> int:
        import_activities(sheet.file(rows), actor=w.clerk_haizhu, write=False)
        with CaptureQueriesContext(connection) as captured:
            result = import_activities(sheet.file(rows), actor=w.clerk_haizhu)
        assert result.ok, result.errors
        return len(captured)

    few = queries([sheet.row()])
    # Thirty rows stay within one insert (SQLite takes at most 999 parameters a statement).
    assert queries([sheet.row(), sheet.row(AGENCY)] * 15) == few


def test_the_same_file_imported_twice_is_written_once(edu):
    """The same file (the same bytes) imported again is refused as a whole, with its reason,
    by whoever of an overlapping jurisdiction imports it: the agency's own handler or the
    district's section staff, who may record the agency's activities too."""
    from core.models import ImportedFile

    w = edu
    content = sheet.file([sheet.row(AGENCY)]).getvalue()
    before = EducationActivity.objects.count()
    assert import_activities(io.BytesIO(content), actor=w.agency_haizhu).written == 1
    for actor in (w.agency_haizhu, w.clerk_haizhu):
        again = import_activities(io.BytesIO(content), actor=actor)
        assert cells(again) == [(0, "")] and again.written == 0
    assert EducationActivity.objects.count() == before + 1
    kept = ImportedFile.objects.get(kind="education.import_activities")
    assert kept.scope == "440105" and kept.rows == 1
    # Another district's staff are not told of 海珠's file: their rows are checked as any.
    other = import_activities(io.BytesIO(content), actor=w.clerk_baiyun)
    assert cells(other) == [(2, "主办单位")]
