"""Normative documents and their filings through the REST API (/api/normative/documents/,
/api/normative/filings/): lists and details scoped like the pages (an agency handler: their own
body's), registration through the service the page uses (bad input names its field in Chinese
and writes nothing; an Idempotency-Key answers a replay with the first document), the filters,
and a step through the engine's generic transitions endpoint."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from cases.models import CaseEvent
from normative.models import FilingCase, NormativeDocument
from normative.services import filing_submit
from normative.tests.conftest import on, published_document, register

D = datetime.date
pytestmark = pytest.mark.django_db
URL = "/api/normative/documents/"
FILINGS = "/api/normative/filings/"


def _api(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _payload(**changes) -> dict:
    return {
        "kind": "department",
        "title": "广州市海珠区市场监督管理局行政处罚裁量基准",
        "full_text": "第一条 为规范行政处罚裁量权，制定本基准。",
        **changes,
    }


def _counts() -> tuple:
    return NormativeDocument.objects.count(), CaseEvent.objects.count()


def test_an_agency_handler_lists_and_reads_only_their_bodys_documents(nw):
    mine = register(nw, D(2026, 6, 1))
    theirs = register(nw, D(2026, 6, 1), actor=nw.agency_chengguan, body=nw.chengguan,
                      title="海珠区户外广告设置管理规定")  # fmt: skip
    assert _ids(_api(nw.agency_haizhu).get(URL)) == {mine.pk}
    assert _ids(_api(nw.agency_chengguan).get(URL)) == {theirs.pk}
    assert _ids(_api(nw.clerk_haizhu).get(URL)) == {mine.pk, theirs.pk}
    assert _ids(_api(nw.leader_haizhu).get(URL)) == {mine.pk, theirs.pk}
    # The handler of another body (白云 发改): an empty list and a 404.
    assert _api(nw.agency_baiyun).get(URL).json()["count"] == 0
    missing = _api(nw.agency_baiyun).get(f"{URL}{mine.pk}/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert _api(nw.agency_chengguan).get(f"{URL}{mine.pk}/").status_code == 404
    assert _api(nw.clerk_baiyun).get(URL).json()["count"] == 0
    assert _api(nw.agency_haizhu).get(f"{URL}{mine.pk}/").status_code == 200
    # The public reads the portal library, not this.
    assert _api().get(URL).status_code == 401
    assert _api().get(f"{URL}{mine.pk}/").status_code == 401


def test_the_detail_shows_the_numbers_dates_and_the_status_today(nw):
    document = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1),
                                  valid_until=D(2031, 3, 31))  # fmt: skip
    api = _api(nw.agency_haizhu)
    with on(D(2026, 3, 20)):
        before = api.get(f"{URL}{document.pk}/").json()
    with on(D(2026, 5, 1)):
        body = api.get(f"{URL}{document.pk}/").json()
    assert (body["state"], body["state_label"]) == ("published", "已公布")
    assert (body["issuing_body"], body["issuing_body_name"]) == (
        nw.haizhu_agency.pk, "海珠区市场监督管理局",
    )  # fmt: skip
    assert body["unified_number"] == document.unified_number
    assert (body["published_on"], body["effective_from"], body["valid_until"]) == (
        "2026-03-02", "2026-04-01", "2031-03-31",
    )  # fmt: skip
    # Published on 2 March, in effect from 1 April: not yet on 20 March, in force on 1 May.
    assert (before["status"], body["status"]) == ("not_yet", "valid")
    assert body["clocks"] == []


def test_an_agency_handler_registers_a_document_of_their_own_body(nw):
    with on(D(2026, 6, 5)):
        response = _api(nw.agency_haizhu).post(URL, _payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    document = NormativeDocument.objects.get(pk=body["id"])
    # No body given: the handler's only one, as the page offers.
    assert document.issuing_body == nw.haizhu_agency
    assert document.organization == nw.haizhu_bureau
    assert (body["state"], body["kind"], body["status"]) == ("registered", "department", None)
    assert body["number"] == document.number and body["number"].startswith("（2026）")
    assert body["received_at"].startswith("2026-06-05")


def test_bureau_staff_name_a_body_of_their_jurisdiction(nw):
    with on(D(2026, 6, 5)):
        response = _api(nw.clerk_haizhu).post(
            URL, _payload(issuing_body=nw.chengguan.pk), format="json"
        )
    assert response.status_code == 201, response.content
    assert response.json()["issuing_body"] == nw.chengguan.pk


@pytest.mark.parametrize(
    ("user", "changes", "field", "message"),
    [
        ("agency_haizhu", {"title": ""}, "title", "请填写文件标题。"),
        ("agency_haizhu", {"title": "   "}, "title", "请填写文件标题。"),
        ("agency_haizhu", {"kind": ""}, "kind",
         "请选择文件类别：政府规范性文件或部门规范性文件。"),
        ("agency_haizhu", {"kind": "municipal"}, "kind",
         "请选择文件类别：政府规范性文件或部门规范性文件。"),
        # Two bodies in 海珠: the bureau's staff must choose one.
        ("clerk_haizhu", {}, "issuing_body", "请选择制定机关（行政机关或人民政府）。"),
        # A justice bureau issues no document here; a 白云 body is beyond a 海珠 clerk.
        ("clerk_haizhu", {"issuing_body": "haizhu_bureau"}, "issuing_body",
         "请选择制定机关（行政机关或人民政府）。"),
        ("clerk_haizhu", {"issuing_body": "baiyun_agency"}, "issuing_body",
         "请选择制定机关（行政机关或人民政府）。"),
        # Another body's handler names a body not theirs.
        ("agency_baiyun", {"issuing_body": "haizhu_agency"}, "issuing_body",
         "请选择制定机关（行政机关或人民政府）。"),
        ("agency_haizhu", {"issuing_body": 999999}, "issuing_body",
         "请选择制定机关（行政机关或人民政府）。"),
        ("agency_haizhu", {"issuing_body": "abc"}, "issuing_body", None),  # DRF's type check
    ],
)  # fmt: skip
def test_bad_input_names_the_field_in_chinese_and_writes_nothing(nw, user, changes, field,
                                                                  message):  # fmt: skip
    body = changes.get("issuing_body")
    if isinstance(body, str) and hasattr(nw, body):  # named by the world's attribute
        changes = changes | {"issuing_body": getattr(nw, body).pk}
    before = _counts()
    with on(D(2026, 6, 5)):
        response = _api(getattr(nw, user)).post(
            URL, _payload(**changes), format="json", HTTP_IDEMPOTENCY_KEY="badinput0001"
        )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid")
    assert field in error["fields"]
    if message is not None:
        assert error["fields"][field] == [message]
    assert _counts() == before


def test_several_errors_are_named_at_once(nw):
    with on(D(2026, 6, 5)):
        response = _api(nw.clerk_haizhu).post(URL, {"title": "", "kind": ""}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"title", "kind", "issuing_body"}
    assert NormativeDocument.objects.count() == 0


def test_a_leader_reads_but_may_not_register(nw):
    with on(D(2026, 6, 5)):
        response = _api(nw.leader_haizhu).post(
            URL, _payload(issuing_body=nw.haizhu_agency.pk), format="json"
        )
    assert response.status_code == 403
    assert NormativeDocument.objects.count() == 0


def test_a_replay_with_the_same_idempotency_key_answers_the_first_document(nw):
    api = _api(nw.agency_haizhu)
    with on(D(2026, 6, 5)):
        first = api.post(URL, _payload(), format="json", HTTP_IDEMPOTENCY_KEY="normdoc-0001")
        again = api.post(URL, _payload(), format="json", HTTP_IDEMPOTENCY_KEY="normdoc-0001")
        other = api.post(URL, _payload(), format="json", HTTP_IDEMPOTENCY_KEY="normdoc-0002")
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert first.json()["id"] == again.json()["id"] != other.json()["id"]
    assert again.json()["number"] == first.json()["number"]
    assert NormativeDocument.objects.count() == 2


def test_the_filters(nw):
    old = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 3, 2))
    draft = register(
        nw, D(2026, 6, 1), kind="government", title="海珠区人民政府关于加强物业管理的意见"
    )
    theirs = register(nw, D(2026, 6, 3), actor=nw.agency_chengguan, body=nw.chengguan,
                      title="海珠区户外广告设置管理规定")  # fmt: skip
    api = _api(nw.clerk_haizhu)

    def found(**params):
        with on(D(2026, 6, 10)):
            return _ids(api.get(URL, params))

    assert found() == {old.pk, draft.pk, theirs.pk}
    assert found(state="registered") == {draft.pk, theirs.pk}
    assert found(state="published") == {old.pk}
    assert found(kind="government") == {draft.pk}
    assert found(issuing_body=nw.chengguan.pk) == {theirs.pk}
    assert found(status="valid") == {old.pk}
    assert found(published_from="2026-03-01", published_to="2026-03-31") == {old.pk}
    # Registered dates, both bounds included: 1 to 3 June.
    assert found(received_from="2026-06-01", received_to="2026-06-03") == {draft.pk, theirs.pk}
    assert found(received_from="2026-06-02") == {theirs.pk}
    # The filters do not reach past the scope.
    with on(D(2026, 6, 10)):
        assert (
            _ids(_api(nw.agency_chengguan).get(URL, {"issuing_body": nw.haizhu_agency.pk})) == set()
        )
        typo = api.get(URL, {"knd": "government"})
        bad = api.get(URL, {"status": "alive"})
    assert typo.status_code == 400 and set(typo.json()["error"]["fields"]) == {"knd"}
    assert bad.status_code == 400 and "status" in bad.json()["error"]["fields"]


def test_filings_are_scoped_and_show_their_review_clock(nw):
    """Published Monday 2 March 2026, filed Wednesday 1 April (due that day: 30 days); the
    filing review runs 2 months from filing (法规规章备案审查条例第十一条 by analogy ❓) → Monday
    1 June 2026."""
    document = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 3, 2))
    with on(D(2026, 4, 1)):
        filing = filing_submit(actor=nw.agency_haizhu, document=document)
    with on(D(2026, 4, 2)):
        assert _ids(_api(nw.agency_haizhu).get(FILINGS)) == {filing.pk}
        assert _ids(_api(nw.clerk_haizhu).get(FILINGS, {"late": "false"})) == {filing.pk}
        assert _ids(_api(nw.clerk_haizhu).get(FILINGS, {"late": "true"})) == set()
        assert _api(nw.agency_chengguan).get(FILINGS).json()["count"] == 0
        assert _api(nw.agency_baiyun).get(f"{FILINGS}{filing.pk}/").status_code == 404
        body = _api(nw.agency_haizhu).get(f"{FILINGS}{filing.pk}/").json()
    assert (body["document"], body["filed_on"], body["filing_due"], body["late"]) == (
        document.pk, "2026-04-01", "2026-04-01", False,
    )  # fmt: skip
    [clock] = body["clocks"]
    assert (clock["key"], clock["started_on"], clock["due_date"]) == (
        "filing_review", "2026-04-01", "2026-06-01",
    )  # fmt: skip
    assert FilingCase.objects.count() == 1


def test_withdrawal_goes_through_the_engines_transitions_endpoint(nw):
    document = register(nw, D(2026, 6, 1))
    base = f"/api/cases/normative.normativedocument/{document.pk}/transitions/"
    with on(D(2026, 6, 5)):
        assert _api(nw.agency_baiyun).get(base).status_code == 404
        offered = _api(nw.agency_haizhu).get(base)
        assert "withdraw" in {t["name"] for t in offered.json()["transitions"]}
        done = _api(nw.agency_haizhu).post(base + "withdraw/", {
            "version": 1, "data": {"on_date": "2026-06-05", "reason": "上位法已修改，暂缓制定。"}},
            format="json")  # fmt: skip
        assert done.status_code == 200, done.content
        assert (done.json()["state"], done.json()["version"]) == ("withdrawn", 2)
        body = _api(nw.agency_haizhu).get(f"{URL}{document.pk}/").json()
        stale = _api(nw.agency_haizhu).post(base + "withdraw/", {
            "version": 1, "data": {"on_date": "2026-06-05", "reason": "重复"}}, format="json")  # fmt: skip
    assert body["state"] == "withdrawn" and body["closed_at"] is not None
    assert stale.status_code == 409
