"""Parties: validation that names the field, encryption at rest, audited reveal and changes."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.db import connection, transaction
from django.db.utils import DatabaseError
from rest_framework.test import APIClient

from core.errors import Conflict, InvalidInput
from core.models import Party
from core.services import party_create, party_delete, party_reveal, party_update

GOOD_ID = "11010519491231002X"


def _entries(party, action):
    return LogEntry.objects.filter(
        content_type__model="party", object_pk=str(party.pk), action=action
    ).order_by("id")


def test_the_raw_column_holds_ciphertext_not_the_number(world):
    party = party_create(
        actor=world.clerk_haizhu,
        data={"name": "陈七", "id_number": GOOD_ID, "phone": "13800138000"},
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM core_party WHERE id = %s", [party.pk])
        raw_id, raw_phone = cursor.fetchone()
    assert GOOD_ID not in raw_id and "13800138000" not in raw_phone
    assert raw_id.startswith("fz1:")
    assert Party.objects.get(pk=party.pk).id_number == GOOD_ID
    # The blind index finds it by exact number without decrypting anything.
    assert list(Party.objects.with_id_number("11010519491231002x")) == [party]


def test_it_derives_birth_date_and_gender_from_the_id_number(world):
    party = party_create(actor=world.clerk_haizhu, data={"name": "陈七", "id_number": GOOD_ID})
    assert str(party.birth_date) == "1949-12-31"
    assert party.gender == "female"  # 17th digit 2 is even


def test_a_bad_id_number_is_refused_naming_the_field_and_nothing_is_saved(world, login):
    client = login(world.clerk_haizhu)
    before = Party.objects.count()
    response = client.post(
        "/parties/new/",
        {
            "kind": "person",
            "name": "错号码",
            "id_number": "110105194912310021",
            "address": "海珠区某路1号",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "公民身份号码" in body and "校验码" in body
    # The form keeps what the user typed.
    assert 'value="错号码"' in body and 'value="海珠区某路1号"' in body
    assert Party.objects.count() == before


def test_an_impossible_birth_date_is_refused(world, login):
    client = login(world.clerk_haizhu)
    response = client.post(
        "/parties/new/", {"kind": "person", "name": "甲", "id_number": "110105194902300027"}
    )
    assert "19490230" in response.content.decode()
    assert not Party.objects.filter(name="甲").exists()


def test_the_api_answers_400_with_field_errors(world):
    api = APIClient()
    api.force_authenticate(world.clerk_haizhu)
    response = api.post(
        "/api/parties/",
        {"name": "", "id_number": "123"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"name", "id_number"}
    assert "18" in error["fields"]["id_number"][0]


def test_create_update_delete_write_audit_rows_with_before_and_after(world):
    party = party_create(
        actor=world.clerk_haizhu, data={"name": "原名", "address": "旧址", "phone": "13800138000"}
    )
    created = _entries(party, LogEntry.Action.CREATE).get()
    assert created.actor == world.clerk_haizhu
    assert created.changes_dict["name"] == ["None", "原名"]

    party_update(
        actor=world.clerk_haizhu, party=party, data={"name": "新名", "phone": "13900139000"}
    )
    updated = _entries(party, LogEntry.Action.UPDATE).get()
    assert updated.changes_dict["name"] == ["原名", "新名"]
    # Personal data is masked in the log, never written there in clear.
    old_phone, new_phone = updated.changes_dict["phone"]
    assert "13800138000" not in old_phone and "13900139000" not in new_phone
    assert "id_number_index" not in updated.changes_dict

    pk = party.pk
    party_delete(actor=world.clerk_haizhu, party=party)
    deleted = LogEntry.objects.get(
        content_type__model="party", object_pk=str(pk), action=LogEntry.Action.DELETE
    )
    assert deleted.changes_dict["name"] == ["新名", "None"]
    assert deleted.actor == world.clerk_haizhu


def test_revealing_a_full_number_writes_an_access_row(world, login):
    client = login(world.clerk_haizhu)
    party = world.party_haizhu
    response = client.post(f"/parties/{party.pk}/reveal/id_number/", HTTP_HX_REQUEST="true")
    assert party.id_number in response.content.decode()
    access = _entries(party, LogEntry.Action.ACCESS).get()
    assert access.actor == world.clerk_haizhu
    assert access.additional_data == {"revealed_field": "id_number"}
    assert access.cid == response["X-Request-ID"]


def test_lists_and_details_show_masked_numbers(world, login):
    client = login(world.clerk_haizhu)
    for url in ("/parties/", f"/parties/{world.party_haizhu.pk}/", "/api/parties/"):
        body = client.get(url).content.decode()
        assert world.party_haizhu.id_number not in body
        assert world.party_haizhu.phone not in body
        assert world.party_haizhu.masked_id_number in body


def test_a_user_without_reveal_permission_cannot_reveal(world):
    with pytest.raises(Exception) as caught:
        party_reveal(actor=world.agency_haizhu, party=world.party_agency, field="id_number")
    assert "PermissionDenied" in type(caught.value).__name__
    assert not _entries(world.party_agency, LogEntry.Action.ACCESS).exists()


def test_a_stale_version_is_a_conflict(world):
    party = world.party_haizhu
    party_update(actor=world.clerk_haizhu, party=party, data={"address": "甲"}, expected_version=1)
    with pytest.raises(Conflict):
        # The same clerk in a second browser tab that still shows version 1.
        party_update(
            actor=world.clerk_haizhu, party=party, data={"address": "乙"}, expected_version=1
        )
    party.refresh_from_db()
    assert party.address == "甲" and party.version == 2


def test_the_api_answers_409_on_a_stale_version(world):
    api = APIClient()
    api.force_authenticate(world.clerk_haizhu)
    url = f"/api/parties/{world.party_haizhu.pk}/"
    assert api.patch(url, {"address": "一", "version": 1}, format="json").status_code == 200
    response = api.patch(url, {"address": "二", "version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_the_same_form_posted_twice_registers_one_party(world, login):
    client = login(world.clerk_haizhu)
    form = {"kind": "person", "name": "重复提交", "submission_key": "a" * 32}
    first = client.post("/parties/new/", form)
    second = client.post("/parties/new/", form)
    assert Party.objects.filter(name="重复提交").count() == 1
    assert first["Location"] == second["Location"]


def test_the_api_honours_an_idempotency_key(world):
    api = APIClient()
    api.force_authenticate(world.clerk_haizhu)
    headers = {"HTTP_IDEMPOTENCY_KEY": "key-" + "b" * 28}
    first = api.post("/api/parties/", {"name": "接口重复"}, format="json", **headers)
    second = api.post("/api/parties/", {"name": "接口重复"}, format="json", **headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Party.objects.filter(name="接口重复").count() == 1


def test_an_organisation_cannot_carry_a_resident_id(world):
    with pytest.raises(InvalidInput) as caught:
        party_create(
            actor=world.clerk_haizhu,
            data={"kind": "organization", "name": "某公司", "id_number": GOOD_ID},
        )
    assert "id_number" in caught.value.fields


def test_audit_rows_cannot_be_changed(world):
    party = party_create(actor=world.clerk_haizhu, data={"name": "审计"})
    entry = _entries(party, LogEntry.Action.CREATE).get()
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="篡改")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            LogEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.object_repr == "审计"


def test_the_history_page_shows_the_timeline(world, login):
    party = party_create(actor=world.clerk_haizhu, data={"name": "时间线"})
    party_update(actor=world.clerk_haizhu, party=party, data={"name": "时间线二"})
    body = login(world.clerk_haizhu).get(f"/parties/{party.pk}/history/").content.decode()
    assert body.count('class="timeline-entry"') == 2
    assert "时间线二" in body
    # Outside the jurisdiction the history is as missing as the record.
    assert login(world.clerk_baiyun).get(f"/parties/{party.pk}/history/").status_code == 404


def test_two_service_calls_outside_a_request_both_record_the_actor(world):
    first = party_create(actor=world.clerk_haizhu, data={"name": "甲一"})
    second = party_create(actor=world.clerk_haizhu, data={"name": "乙二"})
    assert _entries(first, LogEntry.Action.CREATE).get().actor == world.clerk_haizhu
    assert _entries(second, LogEntry.Action.CREATE).get().actor == world.clerk_haizhu


def test_the_same_idempotency_key_from_two_users_makes_two_parties(world):
    headers = {"HTTP_IDEMPOTENCY_KEY": "shared-" + "c" * 25}
    for user in (world.clerk_haizhu, world.clerk_baiyun):
        api = APIClient()
        api.force_authenticate(user)
        assert (
            api.post("/api/parties/", {"name": "同键"}, format="json", **headers).status_code == 201
        )
    assert Party.objects.filter(name="同键").count() == 2


def test_the_admin_never_shows_a_full_number(world, client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="Root2026password")
    client.force_login(admin)
    body = client.get(f"/admin/core/party/{world.party_haizhu.pk}/change/").content.decode()
    assert world.party_haizhu.name in body
    assert world.party_haizhu.id_number not in body and world.party_haizhu.phone not in body


def test_an_unknown_gender_is_refused(world):
    with pytest.raises(InvalidInput) as caught:
        party_create(actor=world.clerk_haizhu, data={"name": "某", "gender": "x"})
    assert list(caught.value.fields) == ["gender"]
