"""The mediation process through the REST API: the same engine, the same rules."""

import pytest
from rest_framework.test import APIClient

from conftest import frozen_today
from mediation.models import Dispute
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _payload(world):
    return {
        "organization": world.haizhu_committee.pk,
        "title": "物业费纠纷",
        "facts": "业主以服务质量差为由拒交物业费。",
        "dispute_type": "property_management",
        "amount": "5600.50",
        "channel": "phone",
        "parties": [
            {"side": "applicant", "kind": "organization", "name": "某物业服务有限公司"},
            {"side": "respondent", "name": "业主甲", "phone": "13912345678"},
        ],
    }


def test_it_registers_once_per_idempotency_key(world):
    api = _api(world.mediator_haizhu)
    first = api.post("/api/mediation/disputes/", _payload(world), format="json",
                     HTTP_IDEMPOTENCY_KEY="abcdef123456")  # fmt: skip
    again = api.post("/api/mediation/disputes/", _payload(world), format="json",
                     HTTP_IDEMPOTENCY_KEY="abcdef123456")  # fmt: skip
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["amount"] == "5600.50"
    assert Dispute.objects.count() == 1


def test_bad_input_names_the_fields(world):
    payload = _payload(world) | {"amount": "-1", "parties": []}
    response = _api(world.mediator_haizhu).post("/api/mediation/disputes/", payload, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert "amount" in fields and "parties" in fields
    assert Dispute.objects.count() == 0


def test_lists_are_scoped(world):
    make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    assert _api(world.mediator_baiyun).get("/api/mediation/disputes/").json()["count"] == 0
    assert _api(world.leader_gz).get("/api/mediation/disputes/").json()["count"] == 1
    assert _api(world.clerk_haizhu).get("/api/mediation/disputes/").json()["count"] == 1


def test_transitions_offered_are_the_ones_that_can_proceed(world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    url = f"/api/cases/mediation.dispute/{dispute.pk}/transitions/"
    offered = _api(world.mediator_haizhu).get(url).json()["transitions"]
    assert {t["name"] for t in offered} == {"accept", "refuse"}
    accept = next(t for t in offered if t["name"] == "accept")
    assert {f["name"] for f in accept["fields"] if f["required"]} == {"accepted_on", "consent"}
    assert _api(world.leader_gz).get(url).json()["transitions"] == []
    assert _api(world.mediator_baiyun).get(url).status_code == 404


def test_firing_through_the_api(world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    base = f"/api/cases/mediation.dispute/{dispute.pk}/transitions/"
    api = _api(world.mediator_haizhu)
    missing = api.post(base + "accept/", {"version": 1, "data": {}}, format="json")
    assert missing.status_code == 400
    assert set(missing.json()["error"]["fields"]) == {"accepted_on", "consent"}
    today = frozen_today().isoformat()
    ok = api.post(base + "accept/", {"version": 1, "data": {"consent": True,
                  "accepted_on": today}}, format="json")  # fmt: skip
    assert ok.status_code == 200 and ok.json()["state"] == "accepted"
    assert ok.json()["version"] == 2
    stale = api.post(base + "terminate/", {"version": 1, "data": {"reason": "x"}}, format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "conflict"
    forbidden = _api(world.leader_gz).post(base + "terminate/", {"version": 2,
                                           "data": {"reason": "x"}}, format="json")  # fmt: skip
    assert forbidden.status_code == 403
    no_version = api.post(base + "terminate/", {"data": {"reason": "x"}}, format="json")
    assert no_version.status_code == 400 and "version" in no_version.json()["error"]["fields"]
    timeline = api.get(f"/api/cases/mediation.dispute/{dispute.pk}/timeline/").json()
    assert [e["transition"] for e in timeline["events"]] == ["register", "accept"]
    assert timeline["clocks"][0]["key"] == "mediation_term"
    assert timeline["clocks"][0]["status"] == "running"


def test_office_staff_get_the_reroute_choices_as_json(world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    url = f"/api/cases/mediation.dispute/{dispute.pk}/transitions/"
    offered = _api(world.office_haizhu).get(url).json()["transitions"]
    reroute = next(t for t in offered if t["name"] == "reroute")
    field = next(f for f in reroute["fields"] if f["name"] == "organization")
    assert all(isinstance(c["value"], int) for c in field["choices"])
