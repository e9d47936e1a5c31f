"""The REST API of complaints about enforcement and their dispatches
(enforcement.api_complaints): scoped like the pages (the bureau's staff their jurisdiction; an
agency's handlers only the dispatches to their own bodies, never the complaint nor who
complained), the phone masked, registration through the service (refused in Chinese naming
the field, nothing written; idempotent by the Idempotency-Key header), and the steps through
the case engine's endpoint with the version (enforcement.tests.complaints_support: the worked
example, dispatched Wed 2026-06-10 to 海珠 市监 (A) and 海珠 城管 (B))."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from enforcement.complaint_models import Complaint, Dispatch
from enforcement.complaint_process import C, D
from enforcement.tests.complaints_support import DISPATCHED, PHONE, worked_example
from enforcement.tests.conftest import on

DAY = datetime.date
pytestmark = pytest.mark.django_db
URL = "/api/enforcement/complaints/"
CJK = re.compile(r"[\u4e00-\u9fff]")


def api(user) -> APIClient:
    client = APIClient()
    token = Token.objects.get_or_create(user=user)[0].key
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def cw(ew):
    out = worked_example(ew, until=DISPATCHED)
    ew.complaint, ew.a, ew.b = out["complaint"], out["a"], out["b"]
    return ew


@pytest.fixture
def day_after():
    with on(DAY(2026, 6, 11)):
        yield


def entry(w, **changes) -> dict:
    body = {
        "organization": w.haizhu_bureau.pk, "channel": "phone", "received_on": "2026-06-11",
        "complainant_kind": "person", "complainant_name": "李四", "complainant_phone": PHONE,
        "body": w.chengguan_body.pk, "happened_on": "2026-06-09", "place": "海珠区某街道",
        "facts": "执法人员检查时态度粗暴，未出示执法证件。",
    }  # fmt: skip
    body.update(changes)
    return body


def test_staff_see_their_complaints_with_the_phone_masked(cw, day_after):
    w = cw
    response = api(w.clerk_haizhu).get(URL)
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["id"], row["state"]) == (w.complaint.pk, C.DISPATCHED)
    assert row["complainant_phone"] == w.complaint.masked_phone != PHONE
    assert PHONE not in response.content.decode()
    assert {d["body"] for d in row["dispatches"]} == {w.shijian_body.pk, w.chengguan_body.pk}
    assert "tracking_code" not in row


def test_another_districts_staff_see_no_complaint_nor_dispatch(cw, day_after):
    w = cw
    client = api(w.clerk_baiyun)
    assert client.get(URL).json()["results"] == []
    assert client.get("/api/enforcement/dispatches/").json()["results"] == []
    assert client.get(f"{URL}{w.complaint.pk}/").status_code == 404
    assert client.get(f"/api/enforcement/dispatches/{w.a.pk}/").status_code == 404


def test_an_agency_handler_sees_only_the_dispatch_to_their_body_not_who_complained(cw, day_after):
    w = cw
    client = api(w.agency_haizhu)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{w.complaint.pk}/").status_code == 403
    response = client.get("/api/enforcement/dispatches/")
    [row] = response.json()["results"]
    assert (row["id"], row["body"], row["round"]) == (w.a.pk, w.shijian_body.pk, 1)
    assert row["facts"] == w.complaint.facts and row["instructions"]
    text = response.content.decode()
    assert w.complaint.complainant_name not in text and PHONE not in text
    assert client.get(f"/api/enforcement/dispatches/{w.b.pk}/").status_code == 404


def test_a_registration_is_refused_in_chinese_naming_the_field_and_nothing_is_written(ew):
    w = ew
    with on(DAY(2026, 6, 11)):
        response = api(w.clerk_haizhu).post(URL, entry(w, complainant_name=""), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == ["complainant_name"]
    with translation.override("zh-hans"):
        label = str(Complaint._meta.get_field("complainant_name").verbose_name)
        reason = gettext("Give the complainant's name.")
    assert error["message"] == f"{label}：{reason}" and CJK.search(error["message"])
    assert Complaint.objects.count() == 0


def test_a_bureau_outside_the_callers_reach_is_refused_on_its_field(ew):
    w = ew
    with on(DAY(2026, 6, 11)):
        response = api(w.clerk_baiyun).post(URL, entry(w, body=None), format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["organization"]
    assert Complaint.objects.count() == 0


def test_a_registration_is_idempotent_by_its_key(ew):
    w = ew
    client = api(w.clerk_haizhu)
    with on(DAY(2026, 6, 11)):
        first = client.post(URL, entry(w), format="json", HTTP_IDEMPOTENCY_KEY="enf-c-0001")
        again = client.post(URL, entry(w, facts="改过"), format="json",
                            HTTP_IDEMPOTENCY_KEY="enf-c-0001")  # fmt: skip
    assert first.status_code == 201, first.content
    data = first.json()
    assert (data["state"], data["channel"], data["body"]) == (C.RECEIVED, "phone",
                                                             w.chengguan_body.pk)  # fmt: skip
    assert data["complainant_phone"] != PHONE
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    assert Complaint.objects.count() == 1
    assert Complaint.objects.get().facts == entry(w)["facts"]


def test_an_agency_handler_may_not_register_a_complaint(ew):
    w = ew
    with on(DAY(2026, 6, 11)):
        response = api(w.agency_haizhu).post(URL, entry(w), format="json")
    assert response.status_code == 403
    assert Complaint.objects.count() == 0


def test_the_steps_go_through_the_engine_endpoint_with_the_version(cw):
    w = cw
    complaint = w.complaint
    fire = f"/api/cases/enforcement.complaint/{complaint.pk}/transitions/dispatch/"
    staff = api(w.clerk_haizhu)
    with on(DAY(2026, 6, 11)):
        refused = staff.post(fire, {"version": complaint.version, "data": {
            "bodies": [str(w.baiyun_body.pk)], "instructions": "请核查。",
            "on_date": "2026-06-11"}}, format="json")  # fmt: skip
        stale = staff.post(fire, {"version": complaint.version - 1, "data": {}}, format="json")
    assert refused.status_code == 400
    assert "bodies" in refused.json()["error"]["fields"]
    assert CJK.search(refused.json()["error"]["message"])
    assert stale.status_code == 409
    assert Dispatch.objects.filter(complaint=complaint).count() == 2
    complaint.refresh_from_db()
    assert complaint.state == C.DISPATCHED

    reply = f"/api/cases/enforcement.dispatch/{w.a.pk}/transitions/reply/"
    with on(DAY(2026, 6, 12)):
        other = api(w.agency_chengguan).post(reply, {"version": w.a.version, "data": {
            "reply": "不是本局。"}}, format="json")  # fmt: skip
        done = api(w.agency_haizhu).post(reply, {"version": w.a.version, "data": {
            "reply": "已核查，执法人员当时出示了证件。"}}, format="json")  # fmt: skip
        assert other.status_code == 404
        assert done.status_code == 200, done.content
        row = api(w.agency_haizhu).get(f"/api/enforcement/dispatches/{w.a.pk}/").json()
    assert row["state"] == D.REPLIED
    assert [(r["number"], r["replied_on"], r["on_time"]) for r in row["rounds"]] == [
        (1, "2026-06-12", True)
    ]
