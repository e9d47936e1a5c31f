"""Checks on an uploaded workbook before any of it is read (every Excel import uses them).

An .xlsx is a zip: 141 KB can expand to a million rows, which openpyxl would read for a minute
while the worker holds the request. So the archive's uncompressed size and the first sheet's
declared dimension are read from the zip's directory and the sheet's first bytes — cheap,
whatever the file claims — and a file over the limits is refused before parsing; the row count
is capped again while reading, since a sheet may omit or understate its dimension.
"""

from __future__ import annotations

import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

_DIMENSION = re.compile(rb'<dimension[^>]*\bref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')


class WorkbookRefused(Exception):
    """The upload is not read at all; the message says why, in the user's language."""


def max_rows() -> int:
    return settings.FAZHI_IMPORT_MAX_ROWS


def check_workbook(fileobj) -> None:
    """Refuse a file that is not an .xlsx, expands beyond FAZHI_IMPORT_MAX_UNCOMPRESSED_MB, or
    declares more rows than FAZHI_IMPORT_MAX_ROWS (+ the header). Leaves the file at its
    start."""
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


def too_many_rows(rows: int | None = None) -> str:
    if rows:
        return _(
            "The sheet has %(rows)s rows; an import takes at most %(max)s. Split it into "
            "several files."
        ) % {"rows": rows, "max": max_rows()}
    return _("The sheet has more than %(max)s rows; split it into several files.") % {
        "max": max_rows()
    }
