"""The REST API of enforcement decisions (enforcement.api): token-authenticated, scoped like
the pages, idempotent by the agency's own case number (the same body and number again: 200
with the decision recorded first, nothing written), bad input refused with the service's
words naming the field (行政处罚法 = CF Art. 42: two officers with a valid certificate).

Test day Wed 2026-06-10. A penalty decided Mon 2026-03-02 is to be published by Wed 2026-03-11
(7 working days: 3–6, 9, 10, 11 March)."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from enforcement.decision_models import Decision, DecisionOfficer
from enforcement.tests.decision_world import build, report

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2026")]
URL = "/api/enforcement/decisions/"


@pytest.fixture
def dw(ew, settings):
    return build(ew, settings)


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(
            HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}"
        )
    return client


def payload(w, **changes) -> dict:
    body = {
        "body": w.shijian_body.pk, "case_number": "穗海市监罚〔2026〕1号", "kind": "penalty",
        "power_code": "P-330217001", "party_kind": "person", "party_name": "张三丰",
        "party_id_number": "440105199001011239", "decided_on": "2026-03-02",
        "facts": "张三丰（身份证号440105199001011239）经营超过保质期的食品。",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
        "result": "对张三丰警告，并处罚款5000元", "penalty_kinds": ["warning", "fine"],
        "fine_amount": "5000.00", "officers": ["44010500001", "44010500002"],
        "recorded_full_process": True, "legal_review_triggers": ["hearing"],
        "legal_reviewed_on": "2026-02-27",
    }  # fmt: skip
    body.update(changes)
    return body


def test_reporting_creates_once_and_answers_200_after(dw):
    w = dw
    client = api(w.agency_haizhu)
    first = client.post(URL, payload(w), format="json")
    assert first.status_code == 201, first.json()
    data = first.json()
    assert (data["case_number"], data["kind"], data["publication_due"]) == (
        "穗海市监罚〔2026〕1号",
        "penalty",
        "2026-03-11",
    )
    assert data["party_id_number"] == "440***********1239"  # masked (FAZHI_MASK_ID 3, 4)
    assert [o["certificate_number"] for o in data["officers"]] == ["44010500001", "44010500002"]
    assert data["legal_review_required"] and data["source"] == "api"
    again = client.post(URL, payload(w, result="改过", officers=[]), format="json")
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    assert again.json()["result"] == "对张三丰警告，并处罚款5000元"
    assert Decision.objects.count() == 1 and DecisionOfficer.objects.count() == 2


def test_the_same_number_of_another_body_is_another_decision(dw):
    w = dw
    client = api(w.clerk_haizhu)
    assert client.post(URL, payload(w), format="json").status_code == 201
    other = payload(w, body=w.chengguan_body.pk, power_code="",
                    officers=["44010500004", "44010500001"])  # fmt: skip
    response = client.post(URL, other, format="json")
    assert response.status_code == 400  # 张伟 is not an officer of 城管
    assert "张伟" in response.json()["error"]["fields"]["officers"][0]


@pytest.mark.parametrize(("changes", "field"), [
    ({"officers": ["44010500001"]}, "officers"),
    ({"officers": ["44010500001", "44010500003"]}, "officers"),  # 王芳, suspended
    ({"decided_on": "2026-06-11"}, "decided_on"),
    ({"decided_on": "2026-02-30"}, "decided_on"),
    ({"kind": "adjudication"}, "kind"),
    ({"penalty_kinds": ["flogging"]}, "penalty_kinds"),
    ({"power_code": "P-999"}, "power_code"),
    ({"party_id_number": "440105199001011235"}, "party_id_number"),
    ({"fine_amount": "abc"}, "fine_amount"),
    ({"body": None}, "body"),
    ({"body": 999999}, "body"),
    ({"case_number": ""}, "case_number"),
    ({"recorded_full_process": None}, "recorded_full_process"),
])  # fmt: skip
def test_bad_input_is_400_naming_the_field_and_writes_nothing(dw, changes, field):
    w = dw
    response = api(w.agency_haizhu).post(URL, payload(w, **changes), format="json")
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert field in error["fields"] and error["message"]
    assert Decision.objects.count() == 0


def test_another_agency_cannot_report_for_the_body(dw):
    w = dw
    response = api(w.agency_chengguan).post(URL, payload(w), format="json")
    assert response.status_code == 400
    assert "body" in response.json()["error"]["fields"]
    assert Decision.objects.count() == 0


def test_without_a_token_or_the_permission(dw):
    w = dw
    assert api().post(URL, payload(w), format="json").status_code == 401
    assert api(w.leader_gz).post(URL, payload(w), format="json").status_code == 403
    assert api(w.mediator_haizhu).get(URL).status_code == 403


def test_the_list_is_scoped_and_filtered(dw):
    w = dw
    report(w)
    report(w, case_number="穗海市监检〔2026〕2号", kind="inspection", power_code="",
           penalty_kinds=[], fine_amount=None, decided_on=D(2026, 5, 6))  # fmt: skip
    rows = api(w.agency_haizhu).get(URL).json()
    assert rows["count"] == 2
    assert api(w.agency_chengguan).get(URL).json()["count"] == 0
    assert api(w.leader_gz).get(URL).json()["count"] == 2
    filtered = api(w.clerk_haizhu).get(URL, {"kind": "inspection"}).json()
    assert [r["case_number"] for r in filtered["results"]] == ["穗海市监检〔2026〕2号"]
    assert api(w.clerk_haizhu).get(URL, {"decided_to": "2026-03-31"}).json()["count"] == 1
    pk = Decision.objects.get(kind="penalty").pk
    assert api(w.agency_chengguan).get(f"{URL}{pk}/").status_code == 404
    assert api(w.agency_haizhu).get(f"{URL}{pk}/").json()["officers"][0]["name"] == "张伟"


def test_the_openapi_document_lists_the_endpoint(dw, client):
    client.force_login(dw.clerk_haizhu)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert {"get", "post"} <= set(schema["paths"][URL])
    assert "case_number" in schema["components"]["schemas"]["DecisionReportRequest"]["properties"]
