"""Trigram indexes for the dispute list's search box (mediation.filters.DisputeFilter.filter_q),
on PostgreSQL only; on SQLite this migration does nothing.

`icontains` compiles on PostgreSQL to `UPPER(col::text) LIKE UPPER('%…%')`, so the indexes are
on the same expressions: a GIN index with gin_trgm_ops serves LIKE with a leading wildcard,
which no B-tree can. pg_trgm is created here (`CREATE EXTENSION IF NOT EXISTS`): that needs a
role allowed to create it in the database (pg_trgm is a trusted extension since PostgreSQL 13,
so the database owner may), or the extension created beforehand by an administrator
(docs/operators/deploy.md). Chinese characters count as word characters for pg_trgm only
under a UTF-8 ctype other than plain C/POSIX (C.UTF-8, zh_CN.UTF-8, en_US.UTF-8 all work).

Write cost: each index is written on every insert and on every change of its column, some
20 trigram entries for a 20-character title; PostgreSQL's pending list (fastupdate) batches
them (docs/operators/scale.md).
"""

from django.db import migrations

INDEXES = {
    # name: (table, expression)
    "dispute_title_trgm": ("mediation_dispute", 'UPPER("title"::text)'),
    "dispute_number_trgm": ("mediation_dispute", 'UPPER("number"::text)'),
    # Party lives in core; its name is searched only through this search box.
    "party_name_trgm": ("core_party", 'UPPER("name"::text)'),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ({expression} gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_import_job"),
        ("mediation", "0004_list_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
