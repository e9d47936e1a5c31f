"""Bulk inserts through PostgreSQL's COPY, meaning what bulk_create means (issue 11, item 5).

`bulk_create` makes Django compile an INSERT for every batch of rows, one placeholder per
value: in an import of 10,000 disputes that compiling took about as long as the database's
own work (issue 11). `copy_insert(model, objs)` writes the same rows through one
`COPY table (columns) FROM STDIN` (psycopg 3's `cursor.copy`, `write_row`):

- each value is what bulk_create would write: every field's `pre_save` runs (auto_now,
  auto_now_add, the blind indexes of core.crypto) and its `get_db_prep_save` prepares the
  value (ciphertext for encrypted fields, JSON, integers) — skipped only where it is known to
  return the value unchanged (`_unchanged_types`), which the tests check against bulk_create;
- primary keys are taken from the table's identity sequence first (one `nextval` query for
  the whole batch), so children can refer to their parents before anything is written;
- the instances end as bulk_create leaves them: pk set, `_state.adding` False, `_state.db`.

`copy_rows(model, fields, rows)` writes plain tuples for rows that need no instance (link
tables, timeline events): every other field takes its default, the database numbers them.

Both run in the caller's transaction (and in one of their own if there is none): an error
raises and rolls the caller's atomic block back, so an import stays all-or-nothing. Like
bulk_create they send no signals. On any other database (SQLite) they are bulk_create.
"""

from __future__ import annotations

import datetime
import operator
import time
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

_TEXT = (models.CharField, models.TextField, models.SlugField, models.EmailField)
_INTEGER = (
    models.IntegerField, models.SmallIntegerField, models.BigIntegerField,
    models.PositiveIntegerField, models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField, models.AutoField, models.BigAutoField,
    models.SmallAutoField,
)  # fmt: skip


def copy_insert(model, objs: Iterable, *, fields: Sequence[str] | None = None,
                batch_size: int = 2000) -> list:  # fmt: skip
    """Insert unsaved instances of `model` and give them their primary keys; return them.

    `fields` names the fields to write (default: every concrete field); a field left out must
    have a `db_default`, which fills its column. `batch_size` is bulk_create's, where COPY is
    not available."""
    objs = list(objs)
    connection = connections[router.db_for_write(model)]
    written = _fields_to_write(model, fields)
    if any(p._meta.concrete_model is not model._meta.concrete_model
           for p in model._meta.all_parents):  # fmt: skip
        raise ValueError("copy_insert cannot write a multi-table inherited model")
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        left_out = [f for f in model._meta.concrete_fields if f not in written and not f.generated]
        for obj in objs:
            for field in left_out:
                setattr(obj, field.attname, DatabaseDefault())
        return model._base_manager.db_manager(connection.alias).bulk_create(
            objs, batch_size=batch_size
        )
    pk = model._meta.pk
    for obj in objs:
        if obj.pk is None:
            obj.pk = pk.get_pk_value_on_save(obj)  # a default such as uuid4, else None
        obj._prepare_related_fields_for_save(operation_name="copy_insert")
    with transaction.atomic(using=connection.alias, savepoint=False):
        missing = [obj for obj in objs if obj.pk is None]
        if missing:
            for obj, value in zip(missing, next_ids(model, len(missing)), strict=True):
                obj.pk = value
        read = operator.attrgetter(*[f.attname for f in written])
        if len(written) == 1:
            read = (lambda get: lambda obj: (get(obj),))(read)
        convert = [_converter(f, connection) for f in written]
        # pre_save only where it does more than read the attribute (auto_now, blind indexes).
        computed = [(i, f) for i, f in enumerate(written) if _has_pre_save(f)]

        def rows():
            for obj in objs:
                values = read(obj)
                if computed:
                    values = list(values)
                    for i, field in computed:
                        values[i] = field.pre_save(obj, True)
                yield [c(v) for c, v in zip(convert, values, strict=True)]

        _copy(connection, model, [f.column for f in written], rows(), len(objs))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def copy_rows(model, fields: Sequence[str], rows: Iterable[Sequence],
              *, batch_size: int = 2000) -> int:  # fmt: skip
    """Insert rows given as tuples of values for `fields` (names or attnames, e.g.
    "dispute_id"); every other field takes its default and the database numbers the rows.
    For tables whose rows need no instance afterwards. Returns the number of rows.

    Fields whose value is computed on save (a blind index) cannot be left to this: use
    copy_insert. auto_now and auto_now_add fields must be left out; they get the time of the
    call, the same in every row."""
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    by_name = {f.name: f for f in opts.concrete_fields} | {
        f.attname: f for f in opts.concrete_fields
    }
    given = [by_name[name] for name in fields]
    for field in given:
        if _has_pre_save(field):
            raise ValueError(f"{field.name} is computed on save; use copy_insert")
    if connection.vendor != "postgresql":
        attnames = [f.attname for f in given]
        objs = [model(**dict(zip(attnames, row, strict=True))) for row in rows]
        model._base_manager.db_manager(connection.alias).bulk_create(objs, batch_size=batch_size)
        return len(objs)
    others = [f for f in opts.concrete_fields if f not in given and not f.generated]
    if opts.pk in others:
        if not isinstance(opts.pk, models.AutoField):
            raise ValueError("copy_rows needs the primary key unless the database numbers it")
        others.remove(opts.pk)
    now = timezone.now()
    constants = []
    for field in others:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            # What their pre_save gives, once for all the rows.
            value = now if isinstance(field, models.DateTimeField) else datetime.date.today()
        elif _has_pre_save(field):
            raise ValueError(f"{field.name} is computed on save; use copy_insert")
        elif field.has_db_default():
            continue  # the column's default fills it
        else:
            value = field.get_default()
        constants.append((field, field.get_db_prep_save(value, connection)))
    convert = [_converter(f, connection) for f in given]
    tail = [_dumped_once(connection, value) for _f, value in constants]
    count = 0

    def prepared():
        nonlocal count
        for row in rows:
            count += 1
            yield [c(v) for c, v in zip(convert, row, strict=True)] + tail

    columns = [f.column for f in given] + [f.column for f, _v in constants]
    with transaction.atomic(using=connection.alias, savepoint=False):
        _copy(connection, model, columns, prepared(), None)
    return count


def _dumped_once(connection, value):
    """A constant as the text COPY reads, if psycopg would otherwise dump it again for every
    row (a JSON default: `{}` half a million times in an import of 100,000 disputes)."""
    if value is None or isinstance(value, (str, int, float, Decimal, datetime.date)):
        return value
    from psycopg.adapt import PyFormat

    connection.ensure_connection()
    raw = connection.connection
    dumper = raw.adapters.get_dumper(type(value), PyFormat.TEXT)(type(value), raw)
    return bytes(dumper.dump(value)).decode()


def next_ids(model, count: int) -> list[int]:
    """`count` values of the primary key's sequence (identity or serial; PostgreSQL), in
    order; they are used up whether or not the rows are written, as with any insert."""
    connection = connections[router.db_for_write(model)]
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return sorted(value for (value,) in cursor.fetchall())


def _fields_to_write(model, names: Sequence[str] | None) -> list:
    concrete = [f for f in model._meta.concrete_fields if not f.generated]
    if names is None:
        return concrete
    wanted = {model._meta.get_field(n) for n in names} | {model._meta.pk}
    for field in concrete:
        if field not in wanted and not field.has_db_default():
            raise ValueError(f"{field.name} has no db_default and must be written")
    return [f for f in concrete if f in wanted]


def _has_pre_save(field) -> bool:
    """Whether the field's pre_save does more than read the attribute."""
    if type(field).pre_save is models.Field.pre_save:
        return False
    if isinstance(field, models.DateField) and type(field).pre_save in (
        models.DateField.pre_save,
        models.DateTimeField.pre_save,
    ):
        return field.auto_now or field.auto_now_add
    return True


def _unchanged_types(field) -> tuple[type, ...] | None:
    """The Python types whose values `field.get_db_prep_save` returns unchanged on PostgreSQL
    (or as an equal integer), so that preparing them can be skipped: str and its subclasses
    (TextChoices members) for Django's own text fields, int for its integer fields and the
    foreign keys to them, bool, date for DateField, None for all of these. Fields that
    prepare values their own way (an encrypted text field) and anything else — JSON, Decimal,
    datetimes (a naive one is made aware) — are always prepared."""
    cls = _preparing_class(field)
    if cls in (models.ForeignKey, models.OneToOneField):
        return _unchanged_types(field.target_field)
    if cls in _TEXT:
        return (str, type(None))
    if cls in _INTEGER:
        return (int, type(None))
    if cls is models.BooleanField:
        return (bool, type(None))
    if cls is models.DateField:
        return (datetime.date, type(None))
    return None


_PREPARING = ("to_python", "get_prep_value", "get_db_prep_value", "get_db_prep_save")


def _preparing_class(field) -> type | None:
    """The first of Django's own field classes in the field's ancestry, if the field prepares
    values as that class does (a blind index, which only adds a pre_save, prepares as a
    CharField; an encrypted field does not prepare as a TextField); None otherwise."""
    cls = type(field)
    for base in cls.__mro__:
        if base.__module__.startswith("django.db.models.fields"):
            same = all(getattr(cls, name) is getattr(base, name) for name in _PREPARING)
            return base if same else None
    return None


def _converter(field, connection) -> Callable:
    prepare = field.get_db_prep_save
    unchanged = _unchanged_types(field)
    if _preparing_class(field) is models.DateTimeField and settings.USE_TZ:

        def convert(value):
            if value is None or (type(value) is datetime.datetime and value.tzinfo is not None):
                return value
            return prepare(value, connection)

        return convert
    if unchanged is None:
        return lambda value: prepare(value, connection)
    if str in unchanged:  # the text fields' to_python returns any str as it is
        return lambda value: (
            value if value is None or isinstance(value, str) else prepare(value, connection)
        )
    return lambda value: value if type(value) in unchanged else prepare(value, connection)


def _copy(connection, model, columns: list[str], rows: Iterable, count: int | None) -> None:
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    )
    started = time.monotonic()
    # Errors as Django's (IntegrityError …), as bulk_create raises them.
    with connection.wrap_database_errors, connection.cursor() as cursor:
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    if connection.queries_logged:  # shown by the debug toolbar and assertNumQueries
        connection.queries_log.append(
            {
                "sql": f"{sql} -- {count if count is not None else '…'} rows",
                "time": f"{time.monotonic() - started:.3f}",
            }
        )
