"""The machinery every Excel import of past cases shares (DESIGN.md: Excel in and out).

A business line describes its columns and checks one row; this module builds the template,
refuses an oversized upload (core.spreadsheets), streams the sheet, checks the header, collects
the problems row by row and column by column (at most MAX_ERRORS of them listed), writes all
rows or none (`run`), and turns the problems into a workbook. It also holds the two staff pages
(the template download and the upload, handed to core.jobs when the sheet is large).

The checks every line makes of a row, with the same reasons, are here too (`Row`, then the
`check_*` functions: required columns, dates, fixed values, the order of the steps, lengths;
`Reach`: the organisation a row names, within the importer's reach), and `in_chunks`, which
reads what the whole file is checked against in the database (a case registered already).
A line keeps what is its own: its columns, its statute's course of steps, its keys.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from core.spreadsheets import WorkbookRefused, check_workbook, max_rows, too_many_rows
from core.validators import length_errors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ERRORS = 200
# A column of 是 / 否, and its reason when a cell holds something else (translated on use).
YES_NO = {"是": True, "否": False}
WRITE_YES_OR_NO = gettext_noop("Write 是 or 否.")
# Words that make a party's name an organisation's, and the separators of several names in
# one cell.
ORGANIZATION_WORDS = ("公司", "集团", "厂", "合作社", "事务所", "医院", "学校", "银行", "局",
                      "委员会", "政府", "中心", "协会", "商行", "店")  # fmt: skip
SEPARATORS = re.compile(r"[、；;\n]")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    note: str
    choices: tuple[str, ...] = ()
    text: bool = False  # a number kept as text (ID, licence): the template formats it as text


@dataclass
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class Result:
    errors: list[RowError]
    rows: int
    written: int = 0
    more_errors: int = 0
    # A sentence the line adds to the success message (how many rows were added, how many
    # updated an entry already in the register).
    note: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


class Refused(Exception):
    """The file, its header or its size stops the import before any row is written."""

    def __init__(self, result: Result):
        super().__init__(result)
        self.result = result


@dataclass
class Checked:
    """The rows read: the records of the valid ones and the problems of the others."""

    records: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    more_errors: int = 0

    def add(self, error: RowError) -> None:
        """List the problem, or only count it once MAX_ERRORS are listed."""
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)
        else:
            self.more_errors += 1


def template(columns: Iterable[Column], title: str, notes: Iterable[list] = ()) -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet (`notes`:
    rows added below the columns' instructions)."""
    columns = tuple(columns)
    wb = Workbook()
    ws = wb.active
    ws.title = title
    bold = Font(bold=True)
    required = PatternFill("solid", fgColor="F3E3E3")
    for index, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=col.header)
        cell.font = bold
        if col.required:
            cell.fill = required
        letter = cell.column_letter
        ws.column_dimensions[letter].width = max(12, len(col.header) * 2 + 4)
        if col.text:
            # Excel keeps 15 digits of a number: an ID or licence typed as one loses its tail.
            ws.column_dimensions[letter].number_format = "@"
        if col.choices:
            validation = DataValidation(
                type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True
            )
            validation.add(f"{letter}2:{letter}100000")
            ws.add_data_validation(validation)
    ws.freeze_panes = "A2"
    help_sheet = wb.create_sheet("填写说明")
    help_sheet.append(["列", "必填", "说明", "可选值"])
    for col in columns:
        help_sheet.append(
            [col.header, "是" if col.required else "否", col.note, "、".join(col.choices)]
        )
    for row in notes:
        help_sheet.append(row)
    help_sheet.column_dimensions["A"].width = 18
    help_sheet.column_dimensions["C"].width = 40
    help_sheet.column_dimensions["D"].width = 60
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def text(value) -> str:
    """A cell's value as trimmed text (a whole float without its ".0")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def date(value) -> datetime.date:
    """A cell's date (an Excel date, 2025-03-01, 2025/3/1, 2025.3.1 or 2025年3月1日);
    ValueError if it is none of them."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    value = text(value).replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y年%m月%d日"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError


def check_required(columns: Iterable[Column], get, fail) -> None:
    """Report every required column the row leaves empty."""
    for col in columns:
        if col.required and not get(col.key):
            fail(col.key, _("Required."))


def check_dates(cells, get, keys: Iterable[str], today: datetime.date, fail) -> dict:
    """The row's filled date columns among `keys`, each a date and not after `today`."""
    dates: dict[str, datetime.date] = {}
    for key in keys:
        if get(key):
            try:
                dates[key] = date(cells[key])
            except (ValueError, TypeError):
                fail(key, _("Not a date; write it as 2025-03-01."))
                continue
            if dates[key] > today:
                fail(key, _("The date cannot be in the future."))
    return dates


def check_with(validator, get, key: str, fail) -> str:
    """The column's text through `validator` (e.g. validate_phone); its message if it fails."""
    value = get(key)
    if value:
        try:
            value = validator(value)
        except ValidationError as exc:
            fail(key, exc.messages[0])
    return value


def by_name(organizations) -> dict:
    """Organisations by name; None for a name two of them share (ambiguous: refuse rather
    than guess)."""
    names: dict = {}
    for org in organizations:
        names[org.name] = None if org.name in names else org
    return names


AMBIGUOUS = gettext_noop("Several organisations have this name; ask an administrator.")


class Row:
    """One row being checked: its cells as read (`cells`) and as trimmed text (`texts`;
    `get(key)`, "" for an empty cell), and `fail(key, reason)`, which reports the problem —
    only a column's first one if `once`; `problems` lists the columns reported, in order."""

    def __init__(self, cells: dict, report: Callable[[str, str], None], *, once: bool = True):
        self.cells = cells
        self.texts = {key: text(value) for key, value in cells.items()}
        self.problems: list[str] = []
        self._report = report
        self._once = once

    def get(self, key: str) -> str:
        return self.texts.get(key, "")

    def fail(self, key: str, reason: str) -> None:
        if self._once and key in self.problems:
            return
        self.problems.append(key)
        self._report(key, reason)


def check_choices(choice_columns, get, fail, *, aliases: dict | None = None, lookup=None) -> dict:
    """The values the row's columns of fixed values name, by key: None where the cell is empty
    or names none of them (then its reason). `choice_columns`: (key, the values by their Chinese
    words, the reason as a gettext_noop string, translated only when a row has the problem);
    `aliases`: other spellings accepted, by key; `lookup(key, value, table)`: a line's own way
    of reading a cell instead."""
    aliases = aliases or {}
    choices = {}
    for key, table, reason in choice_columns:
        value = get(key)
        if not value:
            choices[key] = None
        elif lookup is not None:
            choices[key] = lookup(key, value, table)
        else:
            choices[key] = table[value] if value in table else aliases.get(key, {}).get(value)
        if value and choices[key] is None:
            fail(key, _(reason))
    return choices


def check_order(dates: dict, order, fail, failed: Iterable[str] = ()) -> None:
    """Each step on or after the one before it. `order`: (earlier, later, the reason as a
    gettext_noop string); the reason goes on the later column. A column with a problem already
    (`failed`, or found here) is compared no further."""
    failed = set(failed)
    for before, after, reason in order:
        if before in dates and after in dates and dates[after] < dates[before]:
            if after not in failed and before not in failed:
                fail(after, _(reason))
                failed.add(after)


def check_lengths(model, get, keys: Iterable[str], fail) -> None:
    """The columns `keys` no longer than the model's fields of those names allow (the one
    place the lengths are declared, core.validators.length_errors)."""
    for key, messages in length_errors(model, {key: get(key) for key in keys}).items():
        fail(key, messages[0])


def check_limits(limits: dict[str, int], get, fail) -> None:
    """Each column of `limits` (one no model field holds as it is) at most that many
    characters."""
    for key, limit in limits.items():
        if len(get(key)) > limit:
            fail(key, _("At most %(n)s characters.") % {"n": limit})


def names(value: str) -> list[str]:
    """The names one cell holds, separated by 、 ； ; or a new line."""
    return [name for name in (part.strip() for part in SEPARATORS.split(value)) if name]


def party_kind(name: str) -> str:
    """An organisation's name if it holds one of ORGANIZATION_WORDS, else a person's."""
    from core.models import PartyKind

    if any(word in name for word in ORGANIZATION_WORDS):
        return PartyKind.ORGANIZATION
    return PartyKind.PERSON


class Reach:
    """The organisations an importer may import for, by name (`load`, once the header is found
    good), and the one a row names (`find`), with the reason when the name is outside the
    importer's reach, unknown, or shared by two organisations. Whether a name is an agency's
    outside the reach is asked of the database once per name."""

    def __init__(self):
        self.by_name: dict = {}
        self._elsewhere: dict[str, bool] = {}

    def load(self, organizations) -> None:
        self.by_name.update(by_name(organizations))

    def find(self, get, key: str, fail, *, outside: str, unknown: str, name_as: str = "agency"):
        """The organisation the column `key` names, if the importer may import for it; else
        None, and on the column `outside` (a gettext_noop string naming the agency as
        %(agency)s, or as `name_as`) when an agency of that name lies outside the reach,
        `unknown` when there is none, AMBIGUOUS when two share the name."""
        name = get(key)
        if not name:
            return None
        if name not in self.by_name:
            if self.is_agency_elsewhere(name):
                fail(key, _(outside) % {name_as: name})
            else:
                fail(key, _(unknown))
            return None
        organization = self.by_name[name]
        if organization is None:
            fail(key, _(AMBIGUOUS))
        return organization

    def is_agency_elsewhere(self, name: str) -> bool:
        if name not in self._elsewhere:
            from core.models import Organization, OrganizationKind

            self._elsewhere[name] = Organization.objects.filter(
                kind=OrganizationKind.AGENCY, name=name
            ).exists()
        return self._elsewhere[name]


def in_chunks(queryset, field: str, values, columns: tuple[str, ...], size: int = 900) -> list:
    """values_list(*columns) of the rows whose `field` is one of `values`, asked in chunks
    that keep under SQLite's limit on query parameters: what a file's rows are checked against
    in the database, read once the whole file is known."""
    values = sorted(values)
    out = []
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        out.extend(queryset.filter(**{f"{field}__in": chunk}).values_list(*columns))
    return out


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while a file is read and written: its rows make
    hundreds of thousands of objects, which every collection would walk again (a sixth of the
    import's CPU time at 10,000 rows), and hardly any of them in a reference cycle (56 left
    for the collector after 10,000 rows). On again afterwards, whatever happened."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _streamed(wb):
    """The first sheet's rows as tuples of values. Read-only mode parses the sheet as it is
    iterated, so what stays in memory is the rows kept for writing (and the shared-string
    table), not the workbook; it is closed when the rows end or the reader stops early."""
    try:
        yield from wb.worksheets[0].iter_rows(values_only=True)
    finally:
        wb.close()


def check_rows(
    fileobj,
    columns: Iterable[Column],
    check_row: Callable,
    *,
    prepare: Callable[[], None] | None = None,
    progress=None,
) -> Checked:
    """Read the upload's first sheet and check each non-empty row with
    `check_row(cells, row_number, fail)`, which returns the row's record (or None) and reports
    a problem with `fail(key, reason)`. `prepare()` runs once the header is found good.
    Raises Refused when the file, its header or its size stops the import."""
    columns = tuple(columns)
    headers = {c.key: c.header for c in columns}
    try:
        check_workbook(fileobj)
    except WorkbookRefused as exc:
        raise Refused(Result([RowError(0, "", str(exc))], 0)) from None
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:
        reason = _("The file is not an Excel workbook (.xlsx).")
        raise Refused(Result([RowError(0, "", reason)], 0)) from None
    rows = _streamed(wb)
    try:
        header = [text(h) for h in next(rows, ())]
        positions = {}
        missing: list[RowError] = []
        for col in columns:
            if col.header in header:
                positions[col.key] = header.index(col.header)
            elif col.required:
                missing.append(RowError(1, col.header, _("This column is missing.")))
        if missing:
            raise Refused(Result(missing, 0))
        if prepare is not None:
            prepare()
        checked = Checked()
        for row_number, values in enumerate(rows, start=2):
            if not any(text(v) for v in values):
                continue
            checked.rows += 1
            count = checked.rows
            if progress is not None and count % 100 == 0:
                progress(count)
            if count > max_rows():
                # The sheet understated its size: stop reading, write nothing.
                raise Refused(Result([RowError(row_number, "", too_many_rows())], count))
            cells = {k: values[i] if i < len(values) else None for k, i in positions.items()}
            row_errors: list[RowError] = []

            def fail(key, reason, row_number=row_number, row_errors=row_errors):
                row_errors.append(RowError(row_number, headers[key], reason))

            record = check_row(cells, row_number, fail)
            if row_errors:
                for error in row_errors:
                    checked.add(error)
            elif record is not None:
                checked.records.append(record)
    finally:
        rows.close()
    return checked


def finish(checked: Checked, *, write: bool, writer, empty: str, progress=None) -> Result:
    """The import's result: the problems by row, or — if there are none and `write` — the
    records written in one go by `writer(records)`. `empty`: the reason when no row is filled."""
    errors = checked.errors
    errors.sort(key=lambda e: e.row)
    if not checked.rows and not errors:
        errors.append(RowError(2, "", empty))
    if errors or not write:
        return Result(errors, checked.rows, more_errors=checked.more_errors)
    if progress is not None:
        progress(checked.rows, "writing")
    writer(checked.records)
    return Result([], checked.rows, written=len(checked.records))


@dataclass(frozen=True)
class Once:
    """Import a given file once: `kind` names the import (its importer's dotted path, say),
    `actor` and `perm` the jurisdiction it writes in. The same file (the same bytes) imported
    again by the same kind of import in an overlapping jurisdiction is refused as a whole
    (`run`), so that its records are not written twice."""

    kind: str
    actor: object
    perm: str

    def scopes(self) -> list[str]:
        """The region prefixes of the importer's memberships granting `perm` (an agency's
        handler: the agency's region); a user with none is a scope of one."""
        from core.roles import ROLE_PERMISSIONS

        prefixes = sorted({
            m.jurisdiction for m in self.actor.active_memberships()
            if self.perm in ROLE_PERMISSIONS.get(m.role, ())
        })  # fmt: skip
        return prefixes or [f"user:{self.actor.pk}"]


def fingerprint(fileobj) -> str:
    """The SHA-256 of the file's bytes, read from the start; the file is left at its start."""
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def _overlap(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("user:") or b.startswith("user:"):
        return False
    return a.startswith(b) or b.startswith(a)


def imported_before(once: Once, digest: str):
    """The record of the same file imported before by the same kind of import in a
    jurisdiction overlapping the importer's, or None."""
    from core.models import ImportedFile

    mine = once.scopes()
    for previous in ImportedFile.objects.filter(kind=once.kind, sha256=digest).order_by("pk"):
        if any(_overlap(previous.scope, scope) for scope in mine):
            return previous
    return None


def already_imported(previous) -> Result:
    reason = _(
        "This file has already been imported (on %(date)s, %(rows)s rows); nothing was written "
        "again. Put only new rows in a new file."
    ) % {"date": timezone.localtime(previous.created_at).date().isoformat(), "rows": previous.rows}
    return Result([RowError(0, "", reason)], 0)


class _ImportedMeanwhile(Exception):
    def __init__(self, previous):
        super().__init__(previous)
        self.previous = previous


def _remembering(writer, once: Once, digest: str, file_name: str):
    """`writer`, and the file's fingerprint recorded in the same transaction; a concurrent
    import of the same file that committed first rolls this one back."""
    from core.models import ImportedFile

    def write(records) -> None:
        with transaction.atomic():
            previous = imported_before(once, digest)
            if previous is not None:
                raise _ImportedMeanwhile(previous)
            writer(records)
            try:
                with transaction.atomic():
                    ImportedFile.objects.bulk_create(
                        ImportedFile(kind=once.kind[:100], sha256=digest, scope=scope,
                                     file_name=file_name, rows=len(records), actor=once.actor)
                        for scope in once.scopes()
                    )  # fmt: skip
            except IntegrityError:
                previous = imported_before(once, digest)
                if previous is None:
                    raise
                raise _ImportedMeanwhile(previous) from None

    return write


def run(
    fileobj,
    columns: Iterable[Column],
    check_row: Callable,
    *,
    write: bool,
    writer,
    empty: str,
    prepare: Callable[[], None] | None = None,
    later: Callable[[], list[RowError]] | None = None,
    progress=None,
    once: Once | None = None,
) -> Result:
    """A line's import, from the file to its result, with the collector paused: every row
    checked (check_rows), then the problems only the whole file shows (`later()`: rows
    registered already, rows that refer to others; read once the file is known), then all the
    records written or none (finish). With `once`, a file imported already (`Once`) is
    refused before its rows are read, and a written file's fingerprint is kept."""
    with collector_paused():
        digest = None
        if once is not None:
            digest = fingerprint(fileobj)
            previous = imported_before(once, digest)
            if previous is not None:
                return already_imported(previous)
            name = os.path.basename(str(getattr(fileobj, "name", "") or ""))[:255]
            writer = _remembering(writer, once, digest, name)
        try:
            checked = check_rows(fileobj, columns, check_row, prepare=prepare, progress=progress)
        except Refused as exc:
            return exc.result
        if later is not None:
            for error in sorted(later(), key=lambda e: e.row):
                checked.add(error)
        try:
            return finish(checked, write=write, writer=writer, empty=empty, progress=progress)
        except _ImportedMeanwhile as exc:
            return already_imported(exc.previous)


def error_report(result: Result) -> bytes:
    """The problems as a workbook (行, 列, 原因) to fix the file against."""
    wb = Workbook()
    ws = wb.active
    ws.title = "问题"
    ws.append(["行", "列", "原因"])
    for e in result.errors:
        ws.append([e.row, e.column, e.reason])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# The staff pages ---------------------------------------------------------------------------


def template_response(request, *, permission: str, content: Callable[[], bytes], filename: str):
    """The import template as a download, for a user who may import."""
    from urllib.parse import quote

    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    if not request.user.can(permission):
        raise PermissionDenied
    response = HttpResponse(content(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(filename)
    return response


def upload_page(
    request,
    *,
    permission: str,
    importer: str,
    page: str,
    title: str,
    done_url: Callable[[], str],
    done_message: Callable[[int], str],
    context: dict | None = None,
):
    """Upload a filled template; nothing is written unless every row is valid. A large sheet
    goes to the task worker (core.jobs); the job's page shows its progress. `importer`: the
    dotted path of the line's import function."""
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect, render
    from django.utils.module_loading import import_string

    if not request.user.can(permission):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose the filled template to upload."))
        elif upload.size > MAX_UPLOAD_BYTES:
            messages.error(request, _("The file is larger than 20 MB."))
        else:
            from core.jobs import is_large, start_import

            try:
                rows = check_workbook(upload)
            except WorkbookRefused:
                rows = 0  # refused with its reason below, in the request
            if is_large(rows):
                job = start_import(
                    upload,
                    importer=importer,
                    actor=request.user,
                    title=str(title),
                    done_url=done_url(),
                    rows=rows,
                )
                return redirect("import_job", pk=job.pk)
            result = import_string(importer)(upload, actor=request.user)
            if result.ok:
                messages.success(request, " ".join(filter(None, (
                    str(done_message(result.written)), result.note))))  # fmt: skip
                return redirect(done_url())
    return render(request, page, {"result": result, "title": title, **(context or {})})


def import_pages(
    *,
    permission: str,
    template: Callable[[], bytes],
    importer: str,
    filename: str,
    title,
    instructions,
    done_message,
    list_url: str,
    template_url: str,
):
    """A line's two staff pages of its Excel import, as (upload view, template view): the
    template download (`filename`) and the upload (core/import.html: `title`, the line's
    `instructions` for filling the template), which checks every row and writes all of them
    or none, then leads to `list_url` with `done_message` (%(count)s). URL names are reversed
    on each request."""
    from django.contrib.auth.decorators import login_required
    from django.urls import reverse

    @login_required
    def template_view(request):
        return template_response(
            request, permission=permission, content=template, filename=filename
        )

    @login_required
    def upload_view(request):
        """Upload a filled template; nothing is written unless every row is valid."""
        return upload_page(
            request,
            permission=permission,
            importer=importer,
            page="core/import.html",
            title=str(title),
            done_url=lambda: reverse(list_url),
            done_message=lambda n: str(done_message) % {"count": n},
            context={"instructions": instructions, "template_url": reverse(template_url)},
        )

    return upload_view, template_view


# The shell command -----------------------------------------------------------------------------


class ImportCommand(BaseCommand):
    """`fazhi <command> FILE --user USERNAME [--check]`: a line's Excel import from the shell.

    A line's command sets `importer` (the line's import: file, actor=, write=) and `imported`
    (the message once written, with %(rows)s and %(written)s), or overrides `handle`."""

    importer = None
    imported = ""

    def handle(self, *args, file, user, check=False, **options):
        from core.errors import PermissionDenied

        actor = self.actor(user)
        try:
            with open(file, "rb") as handle:
                result = type(self).importer(handle, actor=actor, write=not check)
        except (OSError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        self.report(result)
        if check:
            self.stdout.write(
                _("%(rows)s rows valid; nothing written (--check).") % {"rows": result.rows}
            )
            return
        self.stdout.write(str(self.imported) % {"rows": result.rows, "written": result.written})

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="Whose jurisdiction and name to use.")
        parser.add_argument("--check", action="store_true", help="Only check, write nothing.")

    def actor(self, username: str):
        """The active user of that name, whose jurisdiction and name the import uses."""
        from core.models import User

        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(_("No active user “%(user)s”.") % {"user": username})
        return actor

    def report(self, result: Result) -> None:
        """Each problem on stderr (row, column, reason); a CommandError if there was any."""
        for error in result.errors:
            self.stderr.write(f"{error.row}\t{error.column}\t{error.reason}")
        if not result.ok:
            raise CommandError(
                _("Nothing imported: %(n)s problems in %(rows)s rows.")
                % {"n": len(result.errors) + result.more_errors, "rows": result.rows}
            )
