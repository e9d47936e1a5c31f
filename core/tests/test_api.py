"""The API: a generated OpenAPI 3 document, local docs assets, one error shape."""

import re

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def test_the_schema_is_openapi_3_and_lists_the_endpoints(world, login):
    client = login(world.clerk_haizhu)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/parties/", "/api/parties/{id}/", "/api/organizations/", "/api/regions/"):
        assert path in schema["paths"]


def test_the_docs_page_loads_only_local_assets(world, login):
    body = login(world.clerk_haizhu).get("/api/docs/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', body)
    assert external == []
    assert "/static/drf_spectacular_sidecar/" in body


def test_token_authentication_works_with_the_same_scoping(world):
    token = Token.objects.create(user=world.clerk_baiyun)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    names = {row["name"] for row in api.get("/api/parties/").json()["results"]}
    assert names == {world.party_baiyun.name}


def test_a_bad_token_is_401_with_the_error_shape(db):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token nonsense")
    response = api.get("/api/parties/")
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"status", "code", "message", "fields"}


def test_a_role_without_the_permission_gets_403(world):
    api = APIClient()
    api.force_authenticate(world.agency_haizhu)  # may view, not register, parties
    response = api.post("/api/parties/", {"name": "无权"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_malformed_json_is_400_not_500(world):
    api = APIClient()
    api.force_authenticate(world.clerk_haizhu)
    response = api.post("/api/parties/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


def test_every_response_carries_a_request_id(world, client):
    response = client.get("/login/", HTTP_X_REQUEST_ID="abcdef123456")
    assert response["X-Request-ID"] == "abcdef123456"
    fresh = client.get("/login/", HTTP_X_REQUEST_ID="bad id with spaces")
    assert re.fullmatch(r"[0-9a-f]{32}", fresh["X-Request-ID"])


def test_the_openapi_schema_builds_without_warnings(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in ("/api/mediation/disputes/", "/api/cases/{label}/{id}/transitions/",
                 "/api/indicators/"):  # fmt: skip
        assert path in text
