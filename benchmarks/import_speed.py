"""The Excel import of disputes against COPY of the same rows (issue 11, items 5 and 7).

`fazhi import_disputes FILE --user …` reads the workbook as a stream, checks every row and
writes the disputes with their parties, events, clocks and numbers in one transaction
(mediation.importing, mediation.history; COPY on PostgreSQL through core.copy). This module
builds a workbook of N valid rows (100,000; 10,000 with --quick) spread over every committee
and justice office that a city section clerk of the demo world may import for, runs the
import in-process as the command runs it, and then measures the reference: the very rows the
import wrote, exported with `COPY (SELECT …) TO STDOUT` into memory, deleted, and COPYed back
into the same tables (same indexes, same constraints) in one transaction — the least any
import of these rows has to do. SQLite has no COPY: there the reference is executemany
INSERTs of the same rows, and the result says so. Target: the import within 3× the reference.

The upload limits (FAZHI_IMPORT_MAX_ROWS, 20,000 rows by default) are raised for the run. The
workbook is saved as Excel and WPS save one (`excel_like`: shared strings, a declared
dimension); `--openpyxl-file` reads it as openpyxl writes it instead (slower to read). The
memory figure is the process's peak (getrusage), in the result's note.

Afterwards the rows are deleted again and the id sequences and the case-number sequences are
put back as they were, so other benchmarks see the world unchanged (this assumes nothing else
writes these tables while it runs).

Alone, on a scratch database with the small demo world:

    .venv/bin/python benchmarks/import_speed.py [--rows 10000] [--runs 3] [--openpyxl-file]

with DATABASE_URL=postgres://… for PostgreSQL (a scratch database is made beside that one).
"""

from __future__ import annotations

import datetime
import io
import os
import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchmarks.common import Context, Result, median

TITLE = gettext_lazy("Excel import of disputes against COPY of the same rows")

# The import's user: a section clerk of the city bureau, who may register disputes for every
# committee and justice office of the city (core.roles; core.demo._build_users).
IMPORTER = "gz_staff"
RESULTS = (  # (调解结果, weight)
    ("达成书面协议", 40), ("达成口头协议", 15), ("调解不成", 10), ("终止调解", 5),
    ("不予受理", 5), ("调解中", 25),
)  # fmt: skip


def _tables():
    """The tables an import writes, in the order they are written (children after parents)."""
    from cases.models import CaseEvent, Clock
    from core.models import Party
    from mediation.models import Dispute, DisputeParty

    return [Dispute, Party, DisputeParty, CaseEvent, Clock, Dispute.mediators.through]


def importer():
    from core.models import User

    user = User.objects.filter(username=IMPORTER, is_active=True).first()
    if user is None or not user.can("mediation.add_dispute"):
        raise RuntimeError(f"the demo world has no user {IMPORTER!r} who may import disputes")
    return user


def build_workbook(
    path: str, rows: int, actor, today: datetime.date, seed: int = 11, excel: bool = True
) -> int:
    """A workbook of `rows` valid disputes over the organisations `actor` may import for, all
    received in the two years before `today`, saved as Excel and WPS save one (`excel_like`)
    unless `excel` is False; returns how many organisations it uses."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from core.demo import mobile, person_name, resident_id
    from mediation.importing import COLUMNS, TYPES
    from mediation.services import handling_organizations

    orgs: dict[str, object] = {}
    for org in handling_organizations(actor).order_by("region_id", "name"):
        orgs[org.name] = None if org.name in orgs else org  # ambiguous names are refused
    units = [org for org in orgs.values() if org is not None]
    rng = random.Random(seed)
    types = list(TYPES)
    results = [name for name, weight in RESULTS for _ in range(weight)]
    headers = [c.header for c in COLUMNS]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("纠纷")
    ws.append(headers)
    for i in range(rows):
        org = units[i % len(units)]
        received = today - datetime.timedelta(days=rng.randint(60, 730))
        accepted = received + datetime.timedelta(days=rng.randint(0, 3))
        result = rng.choice(results)
        closed = None
        if result != "调解中":
            closed = accepted + datetime.timedelta(days=rng.randint(1, 45))
        applicant_company = rng.random() < 0.1
        with_id = not applicant_company and rng.random() < 0.3
        facts = rng.choice(("漏水", "噪音", "欠款", "工伤", "停车"))
        row = {
            "调委会": org.name,
            "登记日期": received,
            "纠纷名称": f"{person_name(rng)}与{person_name(rng)}{rng.choice(types)}",
            "纠纷类型": rng.choice(types),
            "简要情况": f"双方因{facts}发生争执。",
            "涉及金额（元）": round(rng.uniform(0, 50_000), 2) if rng.random() < 0.7 else None,
            "案件来源": rng.choice(("当事人申请", "主动排查", "法院移送", "公安移送")),
            "受理渠道": rng.choice(("窗口", "网上", "电话")),
            "群体性纠纷": "是" if rng.random() < 0.02 else "否",
            "申请人": "广州恒信物业管理有限公司" if applicant_company else person_name(rng),
            "申请人电话": mobile(rng) if rng.random() < 0.6 else None,
            "申请人身份证号": resident_id(rng, org.region_id) if with_id else None,
            "被申请人": person_name(rng),
            "调解结果": result,
            "受理日期": accepted if result != "不予受理" else None,
            "结案日期": closed,
        }
        ws.append([row.get(h) for h in headers])
    if not excel:
        wb.save(path)
        return len(units)
    raw = path + ".openpyxl"
    wb.save(raw)
    excel_like(raw, path, f"A1:{get_column_letter(len(headers))}{rows + 1}")
    os.remove(raw)
    return len(units)


_INLINE = re.compile(
    rb'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t( xml:space="preserve")?>'
    rb"(.*?)</t></is></c>"
)
_CHAR_REF = re.compile(rb"&#(\d+);")
_SHEET = "xl/worksheets/sheet1.xml"
_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_STRINGS_REL = (
    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'sharedStrings" Target="sharedStrings.xml" Id="rIdStrings"/></Relationships>'
)


def excel_like(source: str, target: str, dimension: str) -> None:
    """Rewrite an openpyxl write-only workbook the way Excel and WPS save a sheet: strings in
    the shared-string table (as UTF-8, not character references), the sheet's `dimension`
    (e.g. "A1:Q10001") declared. openpyxl writes every string inline and no dimension, which
    makes its files slower to read than a user's: it parses each inline string as rich text,
    and the whole sheet once more to find its size. The sheet is streamed row by row."""
    strings: dict[bytes, int] = {}

    def shared(match) -> bytes:
        text = _CHAR_REF.sub(lambda m: chr(int(m.group(1))).encode(), match.group(4))
        index = strings.setdefault((match.group(3) or b"") + b">" + text, len(strings))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2) or b"", index)

    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        with src.open(_SHEET) as stream, dst.open(_SHEET, "w") as out:
            tail, first = b"", True
            while chunk := stream.read(1 << 20):
                data = tail + chunk
                if first:
                    data = data.replace(b"<sheetData>", b'<dimension ref="%s"/><sheetData>'
                                        % dimension.encode(), 1)  # fmt: skip
                    first = False
                cut = data.rfind(b"</row>")
                cut = cut + len(b"</row>") if cut >= 0 else 0
                out.write(_INLINE.sub(shared, data[:cut]))
                tail = data[cut:]
            out.write(_INLINE.sub(shared, tail))
        for info in src.infolist():
            if info.filename == _SHEET:
                continue
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", _STRINGS_TYPE)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", _STRINGS_REL)
            dst.writestr(info, data)
        with dst.open("xl/sharedStrings.xml", "w") as out:
            out.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
                b'schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="%d">'
                % len(strings)
            )
            for key in strings:
                space, text = key.split(b">", 1)
                out.write(b"<si><t" + space + b">" + text + b"</t></si>")
            out.write(b"</sst>")


class _Snapshot:
    """The id sequences of the written tables and the case-number sequences before the
    import, to find what it wrote and to put everything back afterwards. The roll-ups' change
    log (indicators.RollupChange) is put back too: the rows are gone again, so the months the
    import marked as changed are as they were, and the figures after this benchmark are still
    read from the roll-ups."""

    def __init__(self, connection):
        from django.apps import apps

        from cases.models import NumberSequence
        from mediation.process import DISPUTE_PROCESS

        self.connection = connection
        self.side = [m for m in apps.get_models() if m._meta.label == "indicators.RollupChange"]
        self.models = [*_tables(), NumberSequence, *self.side]
        self.max_ids = {}
        self.sequences = {}
        with connection.cursor() as cursor:
            for model in self.models:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
                self.max_ids[model] = cursor.fetchone()[0]
                self.sequences[model] = self._sequence(cursor, model)
        self.series = DISPUTE_PROCESS.number_series
        self.numbers = dict(
            NumberSequence.objects.filter(series=self.series).values_list("id", "last")
        )

    def _sequence(self, cursor, model):
        table = model._meta.db_table
        if self.connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            name = cursor.fetchone()[0]
            cursor.execute(f"SELECT last_value, is_called FROM {name}")
            return (name, *cursor.fetchone())
        if self.connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            return row[0] if row else None
        return None

    def written(self, model) -> str:
        """The SQL condition for the rows written since the snapshot."""
        return f"id > {int(self.max_ids[model])}"

    def count(self, model) -> int:
        table = self.connection.ops.quote_name(model._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {self.written(model)}")
            return cursor.fetchone()[0]

    def delete_written(self) -> None:
        from django.db import transaction

        quote = self.connection.ops.quote_name
        with transaction.atomic(), self.connection.cursor() as cursor:
            for model in reversed(_tables()):
                table = quote(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table} WHERE {self.written(model)}")

    def restore(self) -> None:
        """Delete what was written and put the sequences back."""
        from django.db import transaction

        from cases.models import NumberSequence

        self.delete_written()
        with transaction.atomic(), self.connection.cursor() as cursor:
            for model in self.side:
                table = self.connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table} WHERE {self.written(model)}")
            NumberSequence.objects.filter(series=self.series).exclude(
                id__in=list(self.numbers)
            ).delete()
            for pk, last in self.numbers.items():
                NumberSequence.objects.filter(pk=pk).exclude(last=last).update(last=last)
            for model, sequence in self.sequences.items():
                if self.connection.vendor == "postgresql":
                    name, last_value, is_called = sequence
                    cursor.execute("SELECT setval(%s, %s, %s)", [name, last_value, is_called])
                elif self.connection.vendor == "sqlite":
                    table = model._meta.db_table
                    if sequence is None:
                        cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                    else:
                        cursor.execute(
                            "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [sequence, table]
                        )


def _columns(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def export(connection, snapshot: _Snapshot) -> dict:
    """The rows the import wrote, per table: COPY text on PostgreSQL, tuples elsewhere."""
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for model in _tables():
            table = quote(model._meta.db_table)
            columns = ", ".join(quote(c) for c in _columns(model))
            select = f"SELECT {columns} FROM {table} WHERE {snapshot.written(model)} ORDER BY id"
            if connection.vendor == "postgresql":
                buffer = io.BytesIO()
                with cursor.cursor.copy(f"COPY ({select}) TO STDOUT") as copy:
                    for block in copy:
                        buffer.write(block)
                rows[model] = buffer.getvalue()
            else:
                cursor.execute(select)
                rows[model] = cursor.fetchall()
    return rows


def reference_write(connection, rows: dict) -> float:
    """Seconds to write the exported rows back in one transaction (COPY, or executemany
    INSERTs where there is no COPY), commit included."""
    from django.db import transaction

    quote = connection.ops.quote_name
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for model in _tables():
            table = quote(model._meta.db_table)
            columns = _columns(model)
            names = ", ".join(quote(c) for c in columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    copy.write(rows[model])
            elif rows[model]:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[model])
    return time.perf_counter() - started


def _vacuum(connection) -> None:
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for model in _tables():
                cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _import(path: str, username: str, rows: int) -> str:
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    out = io.StringIO()
    # The limits on an upload (20,000 rows by default) are not what is measured here.
    limits = {
        "FAZHI_IMPORT_MAX_ROWS": max(rows, settings.FAZHI_IMPORT_MAX_ROWS),
        "FAZHI_IMPORT_MAX_UNCOMPRESSED_MB": max(1000, settings.FAZHI_IMPORT_MAX_UNCOMPRESSED_MB),
    }
    with override_settings(**limits):
        call_command("import_disputes", path, user=username, stdout=out)
    return out.getvalue()


def run(context: Context) -> list[Result]:
    from django.db import connection
    from django.utils import timezone

    rows = 10_000 if context.quick else 100_000
    rows = int(context.extra.get("import_rows", rows))
    actor = importer()
    today = timezone.localdate()
    tables = _tables()
    with tempfile.TemporaryDirectory(prefix="fazhi-import-bench-") as tmp:
        warmup, path = os.path.join(tmp, "warmup.xlsx"), os.path.join(tmp, "import.xlsx")
        build_workbook(warmup, 200, actor, today, seed=1)
        units = build_workbook(path, rows, actor, today, excel=context.extra.get("excel", True))
        size_mb = os.path.getsize(path) / 1e6
        snapshot = _Snapshot(connection)
        try:
            # A small import first: imports, content types and the calendar are loaded before
            # the timed run, as in a long-running worker.
            _import(warmup, actor.username, 200)
            snapshot.restore()
            rss_before = _maxrss_mb()
            started = time.perf_counter()
            _import(path, actor.username, rows)
            seconds = time.perf_counter() - started
            rss_after = _maxrss_mb()
            written = {model: snapshot.count(model) for model in tables}
            if written[tables[0]] != rows:
                raise RuntimeError(f"the import wrote {written[tables[0]]} disputes, not {rows}")
            data = export(connection, snapshot)
            references = []
            for _run in range(max(1, min(context.runs, 3))):
                snapshot.delete_written()
                _vacuum(connection)  # the reference writes into tables as clean as the import's
                references.append(reference_write(connection, data))
            if {model: snapshot.count(model) for model in tables} != written:
                raise RuntimeError("the reference did not write back the rows the import wrote")
        finally:
            snapshot.restore()
    if any(snapshot.count(model) for model in snapshot.models):
        raise RuntimeError("rows written by the benchmark were left behind")
    _vacuum(connection)  # the deleted rows' space, for the benchmarks after this one
    postgres = connection.vendor == "postgresql"
    total = sum(written.values())
    note = _(
        "%(rows)s rows for %(units)s organisations (%(size).1f MB workbook), %(total)s table "
        "rows written"
    ) % {"rows": f"{rows:,}", "units": units, "size": size_mb, "total": f"{total:,}"}
    if rss_after > rss_before:
        memory = _("peak memory of the process during the import %(peak).0f MB (%(before).0f MB "
                   "before it)")  # fmt: skip
    else:  # the peak was reached earlier in this process: the import stayed below it
        memory = _("the import stayed below the process's earlier peak memory (%(before).0f MB)")
    note += "; " + memory % {"peak": rss_after, "before": rss_before}
    if not postgres:
        note += "; " + _("SQLite has no COPY: the reference is executemany INSERTs")
    return [
        Result(
            name=_("Import of %(rows)s disputes from Excel") % {"rows": f"{rows:,}"},
            value=seconds,
            unit="s",
            reference_name=_("COPY of the same rows")
            if postgres
            else _("executemany INSERTs of the same rows"),
            reference=median(references),
            target=3.0,
            note=note,
        )
    ]


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the reference")
    parser.add_argument(
        "--openpyxl-file", action="store_true", help="read the file as openpyxl writes it"
    )
    args = parser.parse_args()
    from benchmarks._scratch import scratch_database

    with scratch_database("import_speed") as connection:
        from core import demo

        started = time.perf_counter()
        demo.build(scale="small")
        print(f"demo world (small) built in {time.perf_counter() - started:.1f} s")
        context = Context(
            scale="small",
            quick=args.rows <= 10_000,
            runs=args.runs,
            database_url=os.environ.get("DATABASE_URL", ""),
            data_dir=os.environ.get("FAZHI_DATA_DIR", ""),
            extra={"import_rows": args.rows, "excel": not args.openpyxl_file},
        )
        print(f"{connection.vendor}: {TITLE}")
        for result in run(context):
            print(
                f"{result.name}: {result.value:.2f} {result.unit}; {result.reference_name}: "
                f"{result.reference:.2f} {result.unit}; ratio {result.ratio:.2f} "
                f"(target ≤ {result.target}: {'met' if result.met else 'missed'})"
            )
            print(f"  {result.note}")


if __name__ == "__main__":
    main()
