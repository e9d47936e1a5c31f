"""The REST API of the enforcement registers and the discretion standards
(enforcement.api_registers): read only, scoped like the pages (an agency's handler sees their
own agency's bodies, officers, certificates and standards; another district's staff none of
them, 404 on each), an officer's ID number masked, what holds today read from the dates.

Test day Wed 2026-06-10 (the `june_2026` fixture). 海珠 市监 holds P-1 since 2024-01-01 and held
P-OLD until 2025-12-31. 张伟 (海珠 市监) passed the exam of Wed 2025-05-20, certificate
44010500001 issued Mon 2025-06-02, valid until 2028-06-01: valid today, suspended from Mon
2026-06-08 in the test that suspends it. 李强 (海珠 城管) holds none. 王芳 belongs to 白云."""

from __future__ import annotations

import datetime
import re

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from enforcement.choices import CertificateStatus
from enforcement.models import Certificate
from enforcement.tests.conftest import act, issue, officer, power, qualified
from enforcement.tests.discretion_support import draft, publish

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2026")]
NEW_PATHS = (
    "/api/enforcement/bodies/", "/api/enforcement/bodies/{id}/", "/api/enforcement/officers/",
    "/api/enforcement/officers/{id}/", "/api/enforcement/certificates/",
    "/api/enforcement/certificates/{id}/", "/api/enforcement/sittings/",
    "/api/enforcement/sittings/{id}/", "/api/enforcement/discretion-standards/",
    "/api/enforcement/discretion-standards/{id}/", "/api/enforcement/complaints/",
    "/api/enforcement/complaints/{id}/", "/api/enforcement/dispatches/",
    "/api/enforcement/dispatches/{id}/",
)  # fmt: skip


def api(user) -> APIClient:
    client = APIClient()
    token = Token.objects.get_or_create(user=user)[0].key
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def rows(user, path: str, **params) -> list[dict]:
    response = api(user).get(f"/api/enforcement/{path}/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def rw(ew):
    w = ew
    w.p1 = power(w, w.shijian_body, "P-1", D(2024, 1, 1))
    w.p_old = power(w, w.shijian_body, "P-OLD", D(2024, 1, 1), valid_until=D(2025, 12, 31))
    w.zhang = officer(w, w.shijian_body, "张伟", 1)
    w.exam = qualified(w, w.zhang, D(2025, 5, 20))
    w.cert = issue(w, w.zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    w.li = officer(w, w.chengguan_body, "李强", 2)
    w.wang = officer(w, w.baiyun_body, "王芳", 3, actor=w.clerk_baiyun)
    w.standard = draft(w, w.shijian_body, D(2025, 1, 1))
    publish(w, w.standard, D(2024, 12, 20))
    w.chengguan_draft = draft(w, w.chengguan_body, D(2027, 1, 1), title="城管裁量基准草稿")
    return w


def test_an_agency_handler_sees_only_their_own_agencys_registers(rw):
    w = rw
    user = w.agency_haizhu
    assert [r["id"] for r in rows(user, "bodies")] == [w.shijian_body.pk]
    assert [r["name"] for r in rows(user, "officers")] == ["张伟"]
    assert [r["number"] for r in rows(user, "certificates")] == ["44010500001"]
    assert [r["id"] for r in rows(user, "discretion-standards")] == [w.standard.pk]
    # Sittings are those of the agency's region and above: 海珠's.
    assert [r["id"] for r in rows(user, "sittings")] == [w.exam.sitting_id]
    client = api(user)
    for path, pk in (("bodies", w.chengguan_body.pk), ("officers", w.li.pk),
                     ("officers", w.wang.pk), ("discretion-standards", w.chengguan_draft.pk)):  # fmt: skip
        assert client.get(f"/api/enforcement/{path}/{pk}/").status_code == 404


def test_another_districts_staff_see_none_of_haizhus_registers(rw):
    w = rw
    user = w.clerk_baiyun
    assert [r["id"] for r in rows(user, "bodies")] == [w.baiyun_body.pk]
    assert [r["name"] for r in rows(user, "officers")] == ["王芳"]
    assert rows(user, "certificates") == []
    assert rows(user, "sittings") == []
    assert rows(user, "discretion-standards") == []
    client = api(user)
    for path, pk in (("bodies", w.shijian_body.pk), ("officers", w.zhang.pk),
                     ("certificates", w.cert.pk), ("sittings", w.exam.sitting_id),
                     ("discretion-standards", w.standard.pk)):  # fmt: skip
        response = client.get(f"/api/enforcement/{path}/{pk}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_the_bureaus_staff_see_their_jurisdiction(rw):
    w = rw
    names = {r["name"] for r in rows(w.clerk_haizhu, "bodies")}
    assert names == {w.shijian_body.name, w.chengguan_body.name}
    assert {r["name"] for r in rows(w.clerk_haizhu, "officers")} == {"张伟", "李强"}
    drafts = {r["id"]: r["published_on"] for r in rows(w.clerk_haizhu, "discretion-standards")}
    assert drafts == {w.standard.pk: "2024-12-20", w.chengguan_draft.pk: None}


def test_a_body_lists_the_powers_it_holds_today(rw):
    w = rw
    data = api(w.agency_haizhu).get(f"/api/enforcement/bodies/{w.shijian_body.pk}/").json()
    assert [p["code"] for p in data["powers"]] == ["P-1"]  # P-OLD ended 2025-12-31
    assert data["agency"] == w.haizhu_agency.pk and data["kind"] == "agency"


def test_an_officers_id_number_is_masked_and_the_certificate_status_is_todays(rw):
    w = rw
    response = api(w.clerk_haizhu).get(f"/api/enforcement/officers/{w.zhang.pk}/")
    data = response.json()
    assert data["id_number"] == w.zhang.masked_id_number
    assert re.fullmatch(r"\d{3}\*{11}[\dX]{4}", data["id_number"])
    assert w.zhang.id_number not in response.content.decode()
    assert data["certified"] is True
    assert [(c["number"], c["status"]) for c in data["certificates"]] == [
        ("44010500001", CertificateStatus.VALID)
    ]
    act(w, "suspend", w.cert, D(2026, 6, 8), "涉嫌违规执法")
    data = api(w.clerk_haizhu).get(f"/api/enforcement/officers/{w.zhang.pk}/").json()
    assert data["certified"] is False
    assert data["certificates"][0]["status"] == CertificateStatus.SUSPENDED
    cert = api(w.agency_haizhu).get(f"/api/enforcement/certificates/{w.cert.pk}/").json()
    assert cert["status"] == CertificateStatus.SUSPENDED
    assert [s["suspended_on"] for s in cert["suspensions"]] == ["2026-06-08"]


def test_an_officer_is_found_by_the_full_id_number_only_within_scope(rw):
    w = rw
    assert [r["name"] for r in rows(w.clerk_haizhu, "officers", id_number=w.zhang.id_number)] == [
        "张伟"
    ]
    assert rows(w.clerk_baiyun, "officers", id_number=w.zhang.id_number) == []


def test_the_registers_are_read_only_here(rw):
    w = rw
    client = api(w.clerk_haizhu)
    before = Certificate.objects.get(pk=w.cert.pk)
    path = f"/api/enforcement/certificates/{w.cert.pk}/"
    assert client.patch(path, {"revoked_on": "2026-06-10"}, format="json").status_code == 405
    assert client.post("/api/enforcement/certificates/", {}, format="json").status_code == 405
    assert client.post("/api/enforcement/bodies/", {}, format="json").status_code == 405
    assert Certificate.objects.get(pk=w.cert.pk).revoked_on == before.revoked_on is None


def test_a_standard_carries_its_items_and_lenient_list(rw):
    w = rw
    data = api(w.agency_haizhu).get(f"/api/enforcement/discretion-standards/{w.standard.pk}/")
    data = data.json()
    assert (data["version"], data["in_force"]) == (1, True)
    first = data["items"][0]
    assert (first["power_code"], first["circumstance"], first["fine_min"]) == (
        "P-330217001", "一般", "5000.00",
    )  # fmt: skip
    assert [e["treatment"] for e in data["lenient_entries"]] == ["none"]
    assert rows(w.agency_chengguan, "discretion-standards")[0]["in_force"] is False  # a draft


def test_the_schema_lists_the_new_paths_without_warnings(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in NEW_PATHS:
        assert f"  {path}:" in text
