"""Make the audit log append-only in the database itself.

UPDATE is refused on every backend. DELETE is refused on PostgreSQL (the production database);
on the embedded SQLite default, Django's test flush needs DELETE, so there the application is
the guard (no service deletes audit rows and the admin offers no delete).
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION fazhi_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit log rows are append-only (%)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER fazhi_audit_no_update BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION fazhi_audit_append_only();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS fazhi_audit_no_update ON auditlog_logentry;
DROP FUNCTION IF EXISTS fazhi_audit_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER fazhi_audit_no_update BEFORE UPDATE ON auditlog_logentry
BEGIN
    SELECT RAISE(ABORT, 'audit log rows are append-only (UPDATE)');
END;
"""
SQLITE_REVERSE = "DROP TRIGGER IF EXISTS fazhi_audit_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REVERSE, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auditlog", "__latest__"),
    ]

    operations = [migrations.RunPython(forward, reverse)]
