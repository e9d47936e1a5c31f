"""Checks on an uploaded workbook before any of it is read (every Excel import uses them).

An .xlsx is a zip: 141 KB can expand to a million rows, which openpyxl would read for a minute
while the worker holds the request. So the archive's uncompressed size and the first sheet's
declared dimension are read from the zip's directory and the sheet's first bytes, and its rows
are counted by streaming the sheet's XML through the decompressor without parsing it (a third
of a second for a million rows) — whatever the file claims. A file over the limits is refused
before openpyxl reads any of it; the row count is capped again while reading.
"""

from __future__ import annotations

import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

# A row element with or without attributes, with or without a namespace prefix (<rowBreaks> and
# other names that begin with "row" do not match).
_ROW_TAGS = (b"<row ", b"<row>", b":row ", b":row>")
_DIMENSION = re.compile(rb'<dimension[^>]*\bref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')


class WorkbookRefused(Exception):
    """The upload is not read at all; the message says why, in the user's language."""


def max_rows() -> int:
    return settings.FAZHI_IMPORT_MAX_ROWS


def check_workbook(fileobj) -> int | None:
    """Refuse a file that is not an .xlsx, expands beyond FAZHI_IMPORT_MAX_UNCOMPRESSED_MB, or
    declares or holds more rows than FAZHI_IMPORT_MAX_ROWS (+ the header); return its data
    rows (count_rows). Leaves the file at its start."""
    limit = settings.FAZHI_IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if total > limit:
                raise WorkbookRefused(
                    _(
                        "The workbook expands to %(size)s MB, more than the %(limit)s MB an "
                        "import may hold; split it into several files."
                    )
                    % {"size": total // (1024 * 1024), "limit": limit // (1024 * 1024)}
                )
            sheets = sorted(
                n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)
            )
            if not sheets:
                raise WorkbookRefused(_("The file is not an Excel workbook (.xlsx)."))
            with archive.open(sheets[0]) as sheet:
                head = sheet.read(4096)
    except (zipfile.BadZipFile, OSError, KeyError):
        raise WorkbookRefused(_("The file is not an Excel workbook (.xlsx).")) from None
    finally:
        fileobj.seek(0)
    found = _DIMENSION.search(head)
    if found and found.group(1) and int(found.group(1)) > max_rows() + 1:
        raise WorkbookRefused(too_many_rows(int(found.group(1)) - 1))
    # A sheet may omit or understate its dimension: count what it really holds.
    rows = count_rows(fileobj)
    if rows is not None and rows > max_rows():
        raise WorkbookRefused(too_many_rows(rows))
    return rows


def too_many_rows(rows: int | None = None) -> str:
    if rows:
        return _(
            "The sheet has %(rows)s rows; an import takes at most %(max)s. Split it into "
            "several files."
        ) % {"rows": rows, "max": max_rows()}
    return _("The sheet has more than %(max)s rows; split it into several files.") % {
        "max": max_rows()
    }


def count_rows(fileobj) -> int | None:
    """The data rows of the first sheet (rows less the header), counted by streaming its XML
    through the decompressor — well under a second even at the uncompressed-size limit, and
    true whatever the sheet's dimension claims (write-only files declare none). None if the
    file cannot be read. Leaves the file at its start."""
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            sheets = sorted(
                n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)
            )
            if not sheets:
                return None
            rows, tail = 0, b""
            with archive.open(sheets[0]) as sheet:
                while chunk := sheet.read(1 << 20):
                    # The 4 bytes carried over cannot hold a whole tag, so nothing counts twice.
                    data = tail + chunk
                    rows += sum(data.count(tag) for tag in _ROW_TAGS)
                    tail = data[-4:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        fileobj.seek(0)
    return max(rows - 1, 0)
