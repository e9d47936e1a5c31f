"""Business volumes imported from the institutions' Excel returns (profession.importing): all
rows or none; a negative count, an unknown institution, an institution of another district, a
category the institution cannot report or a future month is refused naming row and column,
nothing written; a return sent again changes nothing (no duplicates), a corrected one replaces
the month's count. The months used (2026-01 to 2026-03) are past on either test day."""

from __future__ import annotations

import datetime

import pytest
from django.utils.translation import gettext as _

from conftest import frozen_today
from core.errors import PermissionDenied
from core.testing import Sheet, cells, filled
from profession.importing import COLUMNS, import_volumes, template
from profession.models import Volume

pytestmark = pytest.mark.django_db
D = datetime.date

BASE = {"机构名称": "广州市海珠公证处", "月份": "2026-03", "业务类别": "公证", "件数": 1200}
sheet = Sheet(COLUMNS, BASE, "volumes.xlsx")
GOOD = [
    sheet.row(),
    sheet.row({"机构名称": "广东海珠司法鉴定所", "业务类别": "法医类", "件数": 300}),
    sheet.row({"机构名称": "广东海珠司法鉴定所", "业务类别": "物证类", "件数": 50}),
    sheet.row({"月份": D(2026, 2, 1), "业务类别": None, "件数": 1100}),
]


def test_a_good_return_is_written_and_sending_it_again_changes_nothing(pw):
    result = import_volumes(sheet.file(GOOD), actor=pw.clerk_haizhu)
    assert result.ok and result.written == 4
    rows = {
        (v.organization.name, v.kind, v.category, v.month): v.count for v in Volume.objects.all()
    }
    assert rows == {
        ("广州市海珠公证处", "notarisation", "", D(2026, 3, 1)): 1200,
        ("广州市海珠公证处", "notarisation", "", D(2026, 2, 1)): 1100,
        ("广东海珠司法鉴定所", "appraisal", "forensic_medicine", D(2026, 3, 1)): 300,
        ("广东海珠司法鉴定所", "appraisal", "physical_evidence", D(2026, 3, 1)): 50,
    }
    assert Volume.objects.get(count=300).region_code == pw.haizhu.code
    again = import_volumes(sheet.file(GOOD), actor=pw.clerk_haizhu)
    assert again.ok and Volume.objects.count() == 4
    corrected = import_volumes(sheet.file([sheet.row(件数=1250)]), actor=pw.clerk_haizhu)
    assert corrected.ok and Volume.objects.count() == 4
    assert Volume.objects.get(month=D(2026, 3, 1), kind="notarisation").count == 1250


def test_a_negative_count_or_an_unknown_institution_stops_the_whole_file(pw):
    rows = [*GOOD, sheet.row(件数=-5), sheet.row(机构名称="广州市不存在公证处")]
    result = import_volumes(sheet.file(rows), actor=pw.clerk_haizhu)
    assert not result.ok and result.written == 0
    assert cells(result) == [(6, "件数"), (7, "机构名称")]
    assert [e.reason for e in result.errors] == [
        _("The count cannot be negative."),
        _("No notary office or forensic institution of that name in the register."),
    ]
    assert not Volume.objects.exists()


def test_every_other_problem_is_named_by_row_and_column(pw):
    next_month = frozen_today().replace(day=28) + datetime.timedelta(days=5)
    rows = [
        sheet.row(机构名称="广州市白云公证处"),  # another district's
        sheet.row(业务类别="法医类"),  # a notary office reports notarisations
        sheet.row({"机构名称": "广东海珠司法鉴定所", "业务类别": None}),
        sheet.row({"机构名称": "广东海珠司法鉴定所", "业务类别": "毒物类"}),
        sheet.row(月份="三月"),
        sheet.row(月份=f"{next_month:%Y-%m}"),
        sheet.row(件数="十"),
        sheet.row(),
        sheet.row(),  # the same month twice
    ]
    result = import_volumes(sheet.file(rows), actor=pw.clerk_haizhu)
    assert cells(result) == [(2, "机构名称"), (3, "业务类别"), (4, "业务类别"), (5, "业务类别"),
                             (6, "月份"), (7, "月份"), (8, "件数"), (10, "月份")]  # fmt: skip
    assert result.errors[0].reason == _(
        "%(name)s is outside your jurisdiction: you may not import for it."
    ) % {"name": "广州市白云公证处"}
    assert result.errors[-1].reason == _(
        "The same institution, month and category are on row %(row)s."
    ) % {"row": 9}
    assert not Volume.objects.exists()


def test_the_template_round_trip_and_who_may_import(pw):
    result = import_volumes(filled(template(), GOOD), actor=pw.clerk_haizhu)
    assert result.ok and result.written == 4
    with pytest.raises(PermissionDenied):
        import_volumes(sheet.file(GOOD), actor=pw.office_haizhu)


def test_the_upload_page_writes_nothing_on_a_problem(pw, client):
    client.force_login(pw.clerk_haizhu)
    page = client.post("/profession/volumes/import/",
                       {"file": sheet.upload([sheet.row(件数=-1)])})  # fmt: skip
    assert page.status_code == 200 and "件数" in page.content.decode()
    assert not Volume.objects.exists()
    page = client.post("/profession/volumes/import/", {"file": sheet.upload(GOOD)})
    assert page.status_code == 302 and Volume.objects.count() == 4
