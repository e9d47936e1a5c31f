"""Bad input never gets a 500 (issue #10, first slice): every class the fuzzer and the hand-made
set found answers with the documented error shape and a reason."""

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db

SHAPE = {"status", "code", "message", "fields"}


@pytest.fixture
def api(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.clerk_haizhu)}")
    return client


def error_of(response, status):
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body["error"]) == SHAPE and body["error"]["status"] == status
    return body["error"]


def test_deleting_a_party_a_dispute_names_is_a_conflict_not_a_crash(world, api):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    party = dispute.dispute_parties.first().party
    error = error_of(api.delete(f"/api/parties/{party.pk}/"), 409)
    assert error["code"] == "conflict"
    assert api.get(f"/api/parties/{party.pk}/").status_code == 200  # still there


def test_text_longer_than_the_column_is_refused_naming_the_field(world, api):
    error = error_of(api.post("/api/parties/", {"name": "张" * 129}, format="json"), 400)
    assert "name" in error["fields"] and "128" in error["fields"]["name"][0]
    payload = {
        "organization": world.haizhu_committee.pk,
        "title": "漏" * 201,
        "facts": "事实",
        "dispute_type": "neighbour",
        "parties": [
            {"side": "applicant", "name": "甲"},
            {"side": "respondent", "name": "乙"},
        ],
    }
    client = APIClient()
    client.force_authenticate(world.mediator_haizhu)
    error = error_of(client.post("/api/mediation/disputes/", payload, format="json"), 400)
    assert "title" in error["fields"]


@pytest.mark.parametrize(
    "query",
    [
        "year=1",
        "year=9999",
        "start=0001-01-01&end=9999-12-31",
        "region=%00",
        "quarter=9",
        "month=13",
    ],
)
def test_the_dashboard_refuses_impossible_periods_and_regions(client, world, query):
    client.force_login(world.leader_gz)
    assert client.get(f"/dashboard/?{query}").status_code == 404
    assert client.get(f"/dashboard/export/tiles.xlsx?{query}").status_code == 404


def test_the_indicators_api_and_the_region_api_refuse_a_nul_code(world, api):
    leader = APIClient()
    leader.force_authenticate(world.leader_gz)
    error_of(leader.get("/api/indicators/?year=2025&region=%00"), 404)
    error_of(api.get("/api/regions/%00/"), 404)


@pytest.mark.parametrize("method", ["patch", "delete", "get"])
def test_an_id_that_is_not_a_number_is_404_in_the_error_shape(api, method):
    error_of(getattr(api, method)("/api/parties/abc/"), 404)
    error_of(api.post("/api/parties/abc/reveal/phone/"), 404)


def test_json_nested_thousands_deep_is_a_400(api):
    body = "[" * 5000 + "]" * 5000
    error = error_of(api.post("/api/parties/", body, content_type="application/json"), 400)
    assert error["code"] == "invalid"


def test_malformed_json_is_a_400_invalid(api):
    error = error_of(api.post("/api/parties/", "{nope", content_type="application/json"), 400)
    assert error["code"] == "invalid"


def test_transition_data_of_the_wrong_json_type_is_refused_by_field(world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client = APIClient()
    client.force_authenticate(world.mediator_haizhu)
    url = f"/api/cases/mediation.dispute/{dispute.pk}/transitions/accept/"
    for data, field in (
        ({"accepted_on": 5, "consent": True}, "accepted_on"),
        ({"accepted_on": "2026-06-01", "consent": "yes please"}, "consent"),
        ({"accepted_on": {"a": 1}, "consent": True}, "accepted_on"),
    ):
        response = client.post(url, {"version": 1, "data": data}, format="json")
        assert field in error_of(response, 400)["fields"]
    dispute.refresh_from_db()
    assert dispute.state == "registered"


@pytest.mark.parametrize("version", ["abc", "", "99999999999999"])
def test_the_web_transition_form_without_a_usable_version_changes_nothing(client, world, version):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client.force_login(world.mediator_haizhu)
    response = client.post(
        f"/cases/mediation.dispute/{dispute.pk}/do/accept/",
        {"version": version, "consent": "on", "accepted_on": "2026-06-01"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200  # the form again, with the reason
    dispute.refresh_from_db()
    assert dispute.state == "registered" and dispute.version == 1


def test_an_idempotency_key_whose_record_was_deleted_is_a_conflict(world, api):
    key = {"HTTP_IDEMPOTENCY_KEY": "key-of-a-deleted-party"}
    created = api.post("/api/parties/", {"name": "王某"}, format="json", **key)
    assert created.status_code == 201
    assert api.delete(f"/api/parties/{created.json()['id']}/").status_code == 204
    error = error_of(api.post("/api/parties/", {"name": "王某"}, format="json", **key), 409)
    assert "Idempotency-Key" in error["message"]


def test_silent_coercions_are_refused(world):
    client = APIClient()
    client.force_authenticate(world.mediator_haizhu)
    base = {
        "organization": world.haizhu_committee.pk,
        "title": "漏水",
        "facts": "事实",
        "dispute_type": "neighbour",
        "parties": [{"side": "applicant", "name": "甲"}, {"side": "respondent", "name": "乙"}],
    }
    for extra, field in (({"amount": "1.234"}, "amount"), ({"received_on": "0001-01-01"},
                                                           "received_on")):  # fmt: skip
        response = client.post("/api/mediation/disputes/", base | extra, format="json")
        assert field in error_of(response, 400)["fields"], json.dumps(extra)


def test_an_unknown_api_path_answers_in_the_error_shape(api):
    error_of(api.get("/api/no-such-thing/"), 404)


def test_the_party_page_explains_why_a_party_in_a_case_cannot_be_deleted(client, world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    party = dispute.dispute_parties.first().party
    client.force_login(world.clerk_haizhu)
    response = client.post(f"/parties/{party.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert party.name in response.content.decode()
    assert type(party).objects.filter(pk=party.pk).exists()


def test_an_unknown_filter_is_refused_not_ignored(api):
    error = error_of(api.get("/api/parties/?nmae=张"), 400)
    assert "nmae" in error["fields"]
    assert api.get("/api/parties/?page=1").status_code == 200


def test_an_invalid_filter_value_is_refused(world):
    client = APIClient()
    client.force_authenticate(world.mediator_haizhu)
    error = error_of(client.get("/api/mediation/disputes/?received_from=yesterday"), 400)
    assert "received_from" in error["fields"]
