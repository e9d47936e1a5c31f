"""Personas × list pages, detail pages and API endpoints: each sees exactly its jurisdiction,
and a foreign object answers 404 without its data (DESIGN.md, Security and privacy)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

PERSONAS = ["clerk_haizhu", "clerk_baiyun", "leader_gz", "agency_haizhu"]

# Which fixture parties each persona must see, and nothing else.
EXPECTED_PARTIES = {
    "clerk_haizhu": {"party_haizhu", "party_street", "party_agency"},
    "clerk_baiyun": {"party_baiyun"},
    "leader_gz": {"party_haizhu", "party_street", "party_baiyun", "party_agency"},
    "agency_haizhu": {"party_agency"},
}
EXPECTED_ORGS = {
    "clerk_haizhu": {"haizhu_bureau", "haizhu_office", "haizhu_agency", "haizhu_committee"},
    "clerk_baiyun": {"baiyun_bureau", "baiyun_committee"},
    "leader_gz": {
        "city_bureau",
        "haizhu_bureau",
        "baiyun_bureau",
        "haizhu_office",
        "haizhu_agency",
        "haizhu_committee",
        "baiyun_committee",
    },
    "agency_haizhu": {"haizhu_agency"},
}
ALL_PARTIES = EXPECTED_PARTIES["leader_gz"]
ALL_ORGS = EXPECTED_ORGS["leader_gz"]


def _names(world, keys):
    return {getattr(world, k).name for k in keys}


@pytest.mark.parametrize("persona", PERSONAS)
def test_party_list_page_shows_exactly_the_jurisdiction(world, login, persona):
    client = login(getattr(world, persona))
    body = client.get("/parties/").content.decode()
    for key in ALL_PARTIES:
        name = getattr(world, key).name
        assert (name in body) == (key in EXPECTED_PARTIES[persona]), (persona, key)


@pytest.mark.parametrize("persona", PERSONAS)
def test_party_detail_pages_answer_404_outside_the_jurisdiction(world, login, persona):
    client = login(getattr(world, persona))
    for key in ALL_PARTIES:
        party = getattr(world, key)
        response = client.get(f"/parties/{party.pk}/")
        if key in EXPECTED_PARTIES[persona]:
            assert response.status_code == 200
            assert party.name in response.content.decode()
        else:
            assert response.status_code == 404, (persona, key)
            assert party.name not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_organization_pages_show_exactly_the_jurisdiction(world, login, persona):
    client = login(getattr(world, persona))
    body = client.get("/organizations/").content.decode()
    for key in ALL_ORGS:
        org = getattr(world, key)
        # A listed organisation links to its page; a supervising unit outside the jurisdiction
        # may be named as "supervising organisation" but is never listed or linked.
        listed = f'href="/organizations/{org.pk}/"' in body
        assert listed == (key in EXPECTED_ORGS[persona]), (persona, key)
        status = client.get(f"/organizations/{org.pk}/").status_code
        assert status == (200 if key in EXPECTED_ORGS[persona] else 404), (persona, key)


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_lists_and_details_show_exactly_the_jurisdiction(world, persona):
    api = APIClient()
    api.force_authenticate(getattr(world, persona))
    listed = {row["name"] for row in api.get("/api/parties/").json()["results"]}
    assert listed == _names(world, EXPECTED_PARTIES[persona])
    orgs = {row["name"] for row in api.get("/api/organizations/").json()["results"]}
    assert orgs == _names(world, EXPECTED_ORGS[persona])
    for key in ALL_PARTIES:
        party = getattr(world, key)
        response = api.get(f"/api/parties/{party.pk}/")
        if key in EXPECTED_PARTIES[persona]:
            assert response.status_code == 200
        else:
            assert response.status_code == 404
            assert party.name not in response.content.decode()
            assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_outside_the_jurisdiction_are_refused_as_missing(world, persona):
    api = APIClient()
    api.force_authenticate(getattr(world, persona))
    foreign = world.party_baiyun if persona != "clerk_baiyun" else world.party_haizhu
    if persona == "leader_gz":
        return  # the leader's jurisdiction holds every fixture party
    patch = api.patch(f"/api/parties/{foreign.pk}/", {"name": "改名"}, format="json")
    assert patch.status_code in (403, 404)
    assert api.post(f"/api/parties/{foreign.pk}/reveal/id_number/").status_code in (403, 404)
    foreign.refresh_from_db()
    assert foreign.name != "改名"


def test_anonymous_visitor_is_sent_to_login_and_api_answers_401(world, client):
    for url in ("/", "/parties/", f"/parties/{world.party_haizhu.pk}/", "/organizations/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    api = APIClient()
    for url in ("/api/parties/", f"/api/parties/{world.party_haizhu.pk}/", "/api/organizations/"):
        response = api.get(url)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthenticated"


def test_search_by_id_number_stays_inside_the_jurisdiction(world, login):
    client = login(world.clerk_haizhu)
    number = world.party_baiyun.id_number
    body = client.get("/parties/", {"id_number": number}).content.decode()
    assert world.party_baiyun.name not in body
    own = client.get("/parties/", {"id_number": world.party_haizhu.id_number}).content.decode()
    assert world.party_haizhu.name in own
