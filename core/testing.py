"""Test support for the Excel imports of every line (core.importing), imported by tests only.

A line's import tests describe one full row (`BASE`, by column header) and lay parts and
overrides over it; `Sheet` turns such rows into the workbook a user uploads, and `cells` says
where the import found problems, as (row, column header) — the row counted as Excel counts it,
the header row being 1. `pdf` is the smallest file the attachment checks accept as a PDF.

Fixtures and personas are the root conftest.py's; the clock helpers are cases.testing's.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name: str = "材料.pdf") -> SimpleUploadedFile:
    """An upload of a minimal PDF, its name written into it so that no two are the same."""
    return SimpleUploadedFile(name, PDF + f"% {name}\n".encode(), content_type="application/pdf")


def workbook(rows: Iterable[list], headers: list[str]) -> io.BytesIO:
    """A workbook in memory: `headers` on the first row, then `rows`, as a user uploads it."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


class Sheet:
    """A line's import file in tests: the headers of its `columns`, a row as `base` (values by
    header) with dicts of columns and overrides laid over it in order, and the file."""

    def __init__(self, columns, base: dict, filename: str = "import.xlsx"):
        self.headers = [c.header for c in columns]
        self.base = base
        self.filename = filename

    def row(self, *parts: dict, **overrides) -> list:
        """`base` with `parts` (dicts of columns) and `overrides` laid over it, in order."""
        row = dict(self.base)
        for part in (*parts, overrides):
            row.update(part)
        return [row.get(h) for h in self.headers]

    def file(self, rows: Iterable[list], headers: list[str] | None = None) -> io.BytesIO:
        return workbook(rows, self.headers if headers is None else headers)

    def upload(self, rows: Iterable[list]) -> SimpleUploadedFile:
        """The file as the upload page receives it."""
        return SimpleUploadedFile(self.filename, self.file(rows).getvalue())


def filled(template: bytes, rows: Iterable[list]) -> io.BytesIO:
    """The downloaded template with `rows` filled in below its header, as a user saves it (its
    drop-down lists and text-formatted columns included)."""
    wb = load_workbook(io.BytesIO(template))
    for row in rows:
        wb.worksheets[0].append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def instructions(template: bytes) -> dict:
    """The rows of the template's instructions sheet (填写说明), by their first cell."""
    sheet = load_workbook(io.BytesIO(template))["填写说明"]
    return {row[0]: row for row in sheet.iter_rows(values_only=True) if row}


def cells(result) -> list[tuple[int, str]]:
    """Where the import's problems are: (row, column header) each, in the report's order."""
    return [(e.row, e.column) for e in result.errors]
