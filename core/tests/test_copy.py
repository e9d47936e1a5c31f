"""core.copy writes what bulk_create writes: COPY on PostgreSQL, bulk_create elsewhere."""

import datetime
import uuid

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from conftest import moved_now
from core.copy import copy_insert, copy_rows
from core.crypto import blind_index
from core.models import (
    ImportJob,
    Membership,
    Organization,
    OrganizationKind,
    Party,
    SubmissionKey,
    User,
)

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")


def _parties(org, tag: str) -> list[Party]:
    return [
        Party(name=f"{tag}周一", organization=org, region_code=org.region_id,
              id_number="440105199003071234", phone="13800138000",
              birth_date=datetime.date(1990, 3, 7), gender="male"),
        Party(name=f"{tag}广州恒信物业管理有限公司", kind="organization", organization=org,
              region_code=org.region_id, credit_code="91440101MA5CXXXX1X",
              legal_representative="吴二", address="海珠区某路1号"),
        Party(name=f"{tag}王五", organization=org, region_code=org.region_id, phone=""),
    ]  # fmt: skip


def _row(model, pk, *exclude):
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in {"id", *exclude}]
    return model.objects.filter(pk=pk).values(*names).get()


def test_it_writes_what_bulk_create_writes(world):
    with time_machine.travel(moved_now(), tick=False):
        by_bulk = Party.objects.bulk_create(_parties(world.haizhu_office, ""))
        by_copy = copy_insert(Party, _parties(world.haizhu_office, ""))
    assert all(p.pk and not p._state.adding and p._state.db == "default" for p in by_copy)
    for bulk, copied in zip(by_bulk, by_copy, strict=True):
        assert _row(Party, copied.pk) == _row(Party, bulk.pk)
    # Stored as ciphertext with its blind index, read back in clear.
    first = Party.objects.get(pk=by_copy[0].pk)
    assert first.id_number == "440105199003071234" and first.phone == "13800138000"
    assert first.id_number_index == blind_index("440105199003071234")
    assert Party.objects.with_id_number("440105199003071234").count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM core_party WHERE id = %s", [first.pk])
        stored = cursor.fetchone()
    assert all(value.startswith("fz1:") for value in stored)
    assert first.created_at == first.updated_at == moved_now()


def test_json_uuid_keys_and_choices_are_written_as_bulk_create_writes_them(world):
    def jobs():
        return [
            ImportJob(id=uuid.uuid4(), title="纠纷导入", importer="mediation.importing.x",
                      actor=world.clerk_haizhu, file_name="a.xlsx",
                      errors=[{"row": 3, "column": "登记日期", "reason": "不是日期"}],
                      status=ImportJob.Status.DONE, finished_at=moved_now()),
            ImportJob(id=uuid.uuid4(), title="第二", importer="x", actor=world.clerk_haizhu,
                      file_name="b.xlsx", total_rows=12),
        ]  # fmt: skip

    with time_machine.travel(moved_now(), tick=False):
        by_bulk, by_copy = ImportJob.objects.bulk_create(jobs()), copy_insert(ImportJob, jobs())
    for bulk, copied in zip(by_bulk, by_copy, strict=True):
        assert _row(ImportJob, copied.pk) == _row(ImportJob, bulk.pk)
    done = ImportJob.objects.get(pk=by_copy[0].pk)
    assert done.errors[0]["column"] == "登记日期" and done.status == "done"


def test_parents_get_their_keys_first_so_children_can_refer_to_them(world):
    units = [
        Organization(name=f"第{n}人民调解委员会", kind=OrganizationKind.MEDIATION_COMMITTEE,
                     region=world.street, parent=world.haizhu_office)
        for n in range(3)
    ]  # fmt: skip
    # The children are made before their parents have keys, as bulk_create allows.
    parties = [Party(name="甲", organization=unit, region_code=unit.region_id) for unit in units]
    copy_insert(Organization, units)
    assert len({u.pk for u in units}) == 3
    copy_insert(Party, parties)
    for unit in units:
        assert Party.objects.get(organization=unit).name == "甲"
    # The sequence moved on: the next ordinary insert does not collide.
    later = Organization.objects.create(
        name="后来的", kind="mediation_committee", region=world.street
    )
    assert later.pk > max(u.pk for u in units)


def test_copy_rows_writes_link_rows_with_their_defaults(world):
    users = [User(username=f"u{n}") for n in range(3)]
    copy_insert(User, users)
    written = copy_rows(
        Membership,
        ("user_id", "organization", "role"),
        ((u.pk, world.haizhu_committee.pk, "mediator") for u in users),
    )
    assert written == 3
    memberships = Membership.objects.filter(user__in=users)
    assert memberships.count() == 3
    assert all(m.is_primary and m.is_active and m.role == "mediator" for m in memberships)
    assert users[0].can("mediation.add_dispute")


def test_copy_rows_gives_auto_now_fields_the_time_of_the_call(db):
    with time_machine.travel(moved_now(), tick=False):
        copy_rows(SubmissionKey, ("key", "scope"), [("k1", "import"), ("k2", "import")])
    keys = SubmissionKey.objects.filter(scope="import")
    assert {k.created_at for k in keys} == {moved_now()} and keys.count() == 2


def test_copy_rows_writes_json_and_choice_defaults(world):
    ids = [uuid.uuid4(), uuid.uuid4()]
    copy_rows(ImportJob, ("id", "title", "importer", "actor", "file_name"),
              [(pk, "导入", "x", world.clerk_haizhu.pk, "a.xlsx") for pk in ids])  # fmt: skip
    for job in ImportJob.objects.filter(id__in=ids):
        assert (job.errors, job.status, job.written, job.total_rows) == ([], "queued", 0, None)


def test_copy_rows_refuses_a_field_computed_on_save(world):
    with pytest.raises(ValueError, match="id_number_index"):
        copy_rows(Party, ("name", "id_number_index"), [("甲", "x")])


def test_a_field_without_a_database_default_cannot_be_left_out(world):
    with pytest.raises(ValueError, match="has no db_default"):
        copy_insert(Party, _parties(world.haizhu_office, ""), fields=["name", "organization"])


def test_an_error_in_the_copy_leaves_nothing(world):
    before = Party.objects.count()
    parties = _parties(world.haizhu_office, "")
    parties[2].name = None  # NOT NULL: the whole statement fails
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_insert(Party, parties)
    assert Party.objects.count() == before


def test_a_later_error_in_the_transaction_takes_the_copied_rows_back(world):
    before = Party.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        copy_insert(Party, _parties(world.haizhu_office, ""))
        assert Party.objects.count() == before + 3
        raise RuntimeError("the import failed after writing")
    assert Party.objects.count() == before


@postgres_only
def test_on_postgresql_it_is_one_copy_and_one_query_for_the_keys(world):
    with CaptureQueriesContext(connection) as queries:
        copy_insert(Party, [p for n in range(100) for p in _parties(world.haizhu_office, str(n))])
    assert len(queries) == 2
    assert "nextval" in queries[0]["sql"] and queries[1]["sql"].startswith("COPY")


@postgres_only
def test_the_keys_come_from_the_tables_identity_sequence(world):
    parties = copy_insert(Party, _parties(world.haizhu_office, ""))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('core_party', 'id')")
        cursor.execute(f"SELECT last_value FROM {cursor.fetchone()[0]}")
        last = cursor.fetchone()[0]
    assert [p.pk for p in parties] == [last - 2, last - 1, last]
