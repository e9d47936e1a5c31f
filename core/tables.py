import datetime
import html
import inspect
import re
import tempfile
from decimal import Decimal

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_tables2 import A
from django_tables2.rows import BoundRow
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.models import Organization, Party, Region


class PartyTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    identifier = tables.Column(
        accessor="identifier_label", verbose_name=_("ID number / credit code"), orderable=False
    )
    phone = tables.Column(accessor="masked_phone", verbose_name=_("telephone"), orderable=False)
    organization = tables.Column(verbose_name=_("registering organisation"))
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name=_("created at"))

    class Meta:
        model = Party
        fields = ("name", "kind", "identifier", "phone", "organization", "created_at")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No parties.")


class OrganizationTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("name"))

    class Meta:
        model = Organization
        fields = ("name", "kind", "region", "parent", "phone")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No organisations.")


class RegionTable(tables.Table):
    name = tables.Column(linkify=("core:region_list", {}), verbose_name=_("name"))

    class Meta:
        model = Region
        fields = ("code", "name", "level", "parent")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No regions.")

    def render_name(self, record, value):
        from django.urls import reverse
        from django.utils.html import format_html

        url = reverse("core:region_list") + f"?parent={record.code}"
        return format_html('<a href="{}">{}</a>', url, value)


# -- a list as a workbook: what the table shows, row for row ---------------------------------

EXCEL_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def export_columns(table) -> list:
    """The columns the list shows (visible, not marked exclude_from_export), in its order."""
    return [column for column in table.columns if not column.column.exclude_from_export]


class CellReader:
    """What the list shows in one column's cells, as spreadsheet values: the same text (masked
    numbers stay masked: cells go through the table's own value_/render_ methods and the
    models' choice labels, as django-tables2 renders them), HTML removed; dates and times as
    real dates in local time, numbers as numbers.

    django-tables2's own `BoundRow.get_cell_value` inspects the signature of the value method
    twice per cell, which is most of the time of a long export; here it is inspected once per
    column, and a plain column (no method of its own) reads the value directly."""

    def __init__(self, table, bound_column):
        self.table = table
        self.bound_column = bound_column
        self.column = bound_column.column
        self.name = bound_column.name
        self.accessor = A(bound_column.accessor)
        self.function = bound_column.value
        own = self.function == self.column.value  # the table has no value_/render_ method
        kind = type(self.column)
        if own and isinstance(self.column, tables.DateTimeColumn | tables.DateColumn):
            self.mode = "date"
        elif own and isinstance(self.column, tables.BooleanColumn):
            self.mode = "boolean"
        elif own and kind.value is tables.Column.value and kind.render is tables.Column.render:
            self.mode = "plain"
        elif not own and not isinstance(self.column, tables.ManyToManyColumn):
            self.mode = "method"
            self.wanted = _parameters(self.function)
        else:
            self.mode = "django-tables2"
        self._choices: dict = {}

    def __call__(self, row):
        if self.mode == "django-tables2":
            return _spreadsheet_value(row.get_cell_value(self.name))
        record = row.record
        if self.mode == "date":
            value = self.accessor.resolve(record, quiet=True)
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                return timezone.localtime(value).replace(tzinfo=None)
            return value
        if self.mode == "boolean":
            value = self.accessor.resolve(record, quiet=True)
            return None if value is None else str(_("Yes") if value else _("No"))
        value = self._value(record)
        if value in self.column.empty_values:
            return None
        if self.mode == "method":
            arguments = {"value": value, "record": record, "column": self.column,
                         "bound_column": self.bound_column, "bound_row": row,
                         "table": self.table}  # fmt: skip
            if self.wanted is not None:
                arguments = {k: v for k, v in arguments.items() if k in self.wanted}
            value = self.function(**arguments)
        return _spreadsheet_value(value)

    def _value(self, record):
        """The cell's value as django-tables2 finds it: a field with choices gives its label."""
        penultimate, remainder = self.accessor.penultimate(record)
        if isinstance(penultimate, Model):
            key = (type(penultimate), remainder)
            if key not in self._choices:
                try:
                    field = self.accessor.get_field(record)
                except FieldDoesNotExist:
                    field = None
                self._choices[key] = bool(getattr(field, "choices", None)) and callable(
                    getattr(penultimate, f"get_{remainder}_display", None)
                )
            if self._choices[key]:
                return getattr(penultimate, f"get_{remainder}_display")()
        return self.accessor.resolve(record, quiet=True)


def _parameters(function) -> set[str] | None:
    """The keyword names `function` takes, or None when it takes any (**kwargs)."""
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return {p.name for p in parameters}


def _spreadsheet_value(value):
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date):
        return value
    text = str(value)
    if "<" in text or "&" in text:
        text = html.unescape(strip_tags(text))
    return " ".join(text.split())


def table_workbook(table, records, *, title: str, about: list[tuple[str, str]]):
    """Write `records` (an iterable, read once) as `table` shows them into a workbook: one sheet
    with a header row, one row per record; a second sheet says what the list is (title,
    filter, who exported it, when). Written in openpyxl's write-only mode to a spooled
    temporary file, so a long list does not sit in memory. Returns (file at its start, rows)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_name(title))
    sheet.freeze_panes = "A2"
    columns = export_columns(table)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(column)
    sheet.append([_cell(sheet, str(column.header), bold=True) for column in columns])
    readers = [CellReader(table, column) for column in columns]
    count = 0
    for record in records:
        row = BoundRow(record, table=table)
        sheet.append([_cell(sheet, read(row)) for read in readers])
        count += 1
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    notes = workbook.create_sheet(title=_sheet_name(str(_("About this list"))))
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 60
    for label, value in [*about, (str(_("Rows")), str(count))]:
        notes.append([_cell(notes, label, bold=True), _cell(notes, value)])
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    workbook.save(output)
    output.seek(0)
    return output, count


def _cell(sheet, value, bold: bool = False):
    """A value as openpyxl should write it; a plain value as it is (a cell object per value
    costs a third of a long export)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters no worksheet holds
    if bold:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        return cell
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text typed by a user is never a formula
        return cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def _width(column) -> int:
    if isinstance(column.column, tables.DateTimeColumn):
        return 18
    if isinstance(column.column, tables.DateColumn):
        return 12
    return max(10, min(40, 2 * len(str(column.header)) + 4))


def _sheet_name(title: str) -> str:
    return _SHEET_NAME_FORBIDDEN.sub(" ", title)[:31] or "Sheet"
