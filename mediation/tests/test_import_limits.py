"""An upload that would expand beyond reason is refused before it is read (issue #10)."""

import io
import zipfile

import pytest

from mediation.importing import import_disputes
from mediation.models import Dispute
from mediation.tests.test_import import _file, _row

pytestmark = pytest.mark.django_db


def _with_sheet(workbook: io.BytesIO, write_sheet) -> io.BytesIO:
    """The workbook with its first sheet replaced by what `write_sheet(stream)` writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(workbook) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with dst.open("xl/worksheets/sheet1.xml", "w") as stream:
                    write_sheet(stream)
            else:
                dst.writestr(info, src.read(info.filename))
    out.seek(0)
    return out


def _rows_xml(stream, rows: int, dimension: str) -> None:
    stream.write(
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><dimension ref="' + dimension.encode() + b'"/><sheetData>'
    )
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    for _ in range(rows // 1000):
        stream.write(row * 1000)
    stream.write(b"</sheetData></worksheet>")


def test_a_million_row_zip_bomb_is_refused_unread(world):
    bomb = _with_sheet(_file([]), lambda s: _rows_xml(s, 1_000_000, "A1:K1000001"))
    assert len(bomb.getvalue()) < 500_000  # small on the wire
    result = import_disputes(bomb, actor=world.mediator_haizhu)
    assert not result.ok and "1000000" in result.errors[0].reason
    assert Dispute.objects.count() == 0


def test_a_workbook_that_expands_too_far_is_refused(world, settings):
    settings.FAZHI_IMPORT_MAX_UNCOMPRESSED_MB = 1
    big = _with_sheet(_file([]), lambda s: _rows_xml(s, 100_000, "A1"))
    result = import_disputes(big, actor=world.mediator_haizhu)
    assert not result.ok and "MB" in result.errors[0].reason


def test_a_sheet_that_understates_its_rows_is_stopped_while_read(world, settings):
    settings.FAZHI_IMPORT_MAX_ROWS = 5
    rows = [_row(纠纷名称=f"纠纷{n}") for n in range(8)]
    result = import_disputes(_file(rows), actor=world.mediator_haizhu)
    assert not result.ok and "5" in result.errors[0].reason
    assert Dispute.objects.count() == 0


def test_a_file_that_is_not_a_workbook_is_refused(world):
    result = import_disputes(io.BytesIO(b"PK\x03\x04 not really"), actor=world.mediator_haizhu)
    assert not result.ok


def test_a_sheet_that_hides_its_rows_is_refused_before_it_is_read(world, settings):
    """No dimension, or a false one: the rows are counted in the compressed stream and the
    file is refused before openpyxl parses it (timings: benchmarks/import_limits.py)."""
    from core.spreadsheets import WorkbookRefused, check_workbook

    bomb = _with_sheet(_file([]), lambda s: _rows_xml(s, 100_000, "A1"))
    settings.FAZHI_IMPORT_MAX_ROWS = 50_000
    with pytest.raises(WorkbookRefused, match="99999"):
        check_workbook(bomb)
    result = import_disputes(bomb, actor=world.mediator_haizhu)
    assert not result.ok and "99999" in result.errors[0].reason and result.rows == 0
