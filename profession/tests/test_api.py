"""The REST API of the legal-services sector (profession.api): scoped like the pages (海珠's staff
see 海珠's firms, offices, institutions, inspections and complaints, never 白云's — a 白云 row
answers 404), the complainant's phone masked, a complaint registered through the service
(refused in Chinese naming the field, nothing written; a lawyer of another district refused on
`lawyer`; idempotent by the Idempotency-Key header), the steps through the case engine's
endpoint with the version, and lists whose queries do not grow with their rows."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import Lawyer, Organization, OrganizationKind
from enforcement.tests.conftest import on
from profession import services
from profession.models import Appraiser, Complaint, LawFirm, Notary, Volume
from profession.tests.conftest import complain, fire, open_inspection

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/profession/complaints/"
CJK = re.compile(r"[\u4e00-\u9fff]")
PHONE = "13900139000"


def api(user) -> APIClient:
    client = APIClient()
    token = Token.objects.get_or_create(user=user)[0].key
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def entry(w, **changes) -> dict:
    body = {"subject_kind": "lawyer", "lawyer": w.lawyer_a.pk, "received_on": "2026-06-08",
            "complainant_name": "李某", "complainant_phone": PHONE,
            "facts": "代理费收取后未按约定出庭，且拒绝退还。"}  # fmt: skip
    body.update(changes)
    return body


def test_the_registers_are_scoped_to_the_jurisdiction(pw):
    w = pw
    Appraiser.objects.create(name="周鉴定人", licence_number="SJR-001", institution=w.institution,
                             categories=["forensic_medicine"])  # fmt: skip
    Notary.objects.create(name="吴公证员", licence_number="GZN-001", office=w.notary_office)
    Notary.objects.create(name="郑公证员", licence_number="GZN-002", office=w.baiyun_notary)
    haizhu, baiyun = api(w.clerk_haizhu), api(w.clerk_baiyun)

    firms = haizhu.get("/api/profession/firms/").json()["results"]
    assert [(f["id"], f["name"], f["form"], f["lawyer_count"]) for f in firms] == [
        (w.firm.pk, "广东海珠律师事务所", "partnership", 2)]  # fmt: skip
    assert haizhu.get(f"/api/profession/firms/{w.baiyun_firm.pk}/").status_code == 404
    assert baiyun.get(f"/api/profession/firms/{w.baiyun_firm.pk}/").json()["lawyer_count"] == 1

    offices = haizhu.get("/api/profession/notary-offices/").json()["results"]
    assert [(o["id"], o["notary_count"]) for o in offices] == [(w.notary_office.pk, 1)]
    notaries = haizhu.get("/api/profession/notaries/").json()["results"]
    assert [n["name"] for n in notaries] == ["吴公证员"]
    assert [n["name"] for n in baiyun.get("/api/profession/notaries/").json()["results"]] == [
        "郑公证员"]  # fmt: skip

    [institution] = haizhu.get("/api/profession/institutions/").json()["results"]
    assert institution["categories"] == ["forensic_medicine", "physical_evidence"]
    assert [(a["name"], a["categories"]) for a in institution["appraisers"]] == [
        ("周鉴定人", ["forensic_medicine"])]  # fmt: skip
    assert baiyun.get("/api/profession/institutions/").json()["results"] == []
    assert baiyun.get(f"/api/profession/institutions/{w.institution.pk}/").status_code == 404

    # The city's leader reads both districts; a justice office reads nothing of this line.
    assert api(w.leader_gz).get("/api/profession/firms/").json()["count"] == 2
    assert api(w.office_haizhu).get("/api/profession/firms/").status_code == 403


def test_volumes_are_read_within_the_jurisdiction(pw):
    w = pw
    Volume.objects.create(organization=w.notary_office.organization, kind="notarisation",
                          month=D(2026, 5, 1), count=321, region_code=w.haizhu.code)  # fmt: skip
    Volume.objects.create(organization=w.baiyun_notary.organization, kind="notarisation",
                          month=D(2026, 5, 1), count=99, region_code=w.baiyun.code)  # fmt: skip
    rows = api(w.clerk_haizhu).get("/api/profession/volumes/").json()["results"]
    assert [(r["organization_name"], r["month"], r["count"]) for r in rows] == [
        ("广州市海珠公证处", "2026-05-01", 321)]  # fmt: skip
    assert api(w.clerk_haizhu).post("/api/profession/volumes/", {}).status_code == 405


def test_complaints_are_scoped_and_the_phone_masked(pw):
    w = pw
    mine = complain(w, D(2026, 6, 8))
    theirs = complain(w, D(2026, 6, 8), lawyer=w.lawyer_baiyun, actor=w.clerk_baiyun)
    with on(D(2026, 6, 9)):
        response = api(w.clerk_haizhu).get(URL)
        detail = api(w.clerk_haizhu).get(f"{URL}{theirs.pk}/")
    [row] = response.json()["results"]
    assert (row["id"], row["state"], row["lawyer"]) == (mine.pk, "received", w.lawyer_a.pk)
    assert row["complainant_phone"] == mine.masked_phone != PHONE
    assert PHONE not in response.content.decode()
    assert row["penalty"] is None and {c["key"] for c in row["clocks"]} == {"acceptance",
                                                                             "handling"}  # fmt: skip
    assert detail.status_code == 404


def test_a_registration_is_refused_in_chinese_naming_the_field_and_nothing_is_written(pw):
    w = pw
    with on(D(2026, 6, 8)):
        response = api(w.clerk_haizhu).post(URL, entry(w, facts=""), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == ["facts"]
    with translation.override("zh-hans"):
        label = str(Complaint._meta.get_field("facts").verbose_name)
        reason = gettext("Say what the complaint is about.")
    assert error["message"] == f"{label}：{reason}" and CJK.search(error["message"])
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("kind", ["lawyer", "firm"])
def test_a_subject_of_another_district_is_refused_on_its_field(pw, kind):
    """白云's lawyer (or firm) is outside 海珠's jurisdiction: no such lawyer here, named on the
    field, nothing written — not a bare 403 that would tell it exists."""
    w = pw
    body = (entry(w, lawyer=w.lawyer_baiyun.pk) if kind == "lawyer"
            else entry(w, subject_kind="firm", lawyer=None, firm=w.baiyun_firm.pk))  # fmt: skip
    with on(D(2026, 6, 8)):
        response = api(w.clerk_haizhu).post(URL, body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == [kind]
    with translation.override("zh-hans"):
        label = str(Complaint._meta.get_field(kind).verbose_name)
    assert error["message"].startswith(f"{label}：") and CJK.search(error["message"])
    assert Complaint.objects.count() == 0


def test_a_registration_is_idempotent_by_its_key(pw):
    w = pw
    client = api(w.clerk_haizhu)
    with on(D(2026, 6, 8)):
        first = client.post(URL, entry(w), format="json", HTTP_IDEMPOTENCY_KEY="prof-c-0001")
        again = client.post(URL, entry(w, facts="改过"), format="json",
                            HTTP_IDEMPOTENCY_KEY="prof-c-0001")  # fmt: skip
        other = client.post(URL, entry(w), format="json", HTTP_IDEMPOTENCY_KEY="prof-c-0002")
    assert first.status_code == 201, first.content
    data = first.json()
    assert (data["state"], data["lawyer"], data["region_code"]) == ("received", w.lawyer_a.pk,
                                                                    w.haizhu.code)  # fmt: skip
    assert data["number"] == "（2026）海珠区司法局律投字第0001号"
    assert data["complainant_phone"] != PHONE and data["handling_due"] == "2026-08-07"
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    assert other.status_code == 201 and other.json()["id"] != data["id"]
    assert Complaint.objects.count() == 2
    assert Complaint.objects.get(pk=data["id"]).facts == entry(w)["facts"]


def test_the_complaints_handling_due_is_its_clocks(pw):
    """`handling_due` is the "handling" clock's due date as it stands (no copy kept), in the
    list and on one complaint alike."""
    from cases.models import Clock

    w = pw
    complaint = complain(w, D(2026, 6, 8))
    Clock.for_case(complaint).filter(key="handling").update(due_date=D(2026, 8, 10))
    with on(D(2026, 6, 9)):
        one = api(w.clerk_haizhu).get(f"{URL}{complaint.pk}/").json()
        listed = api(w.clerk_haizhu).get(URL).json()["results"]
    assert one["handling_due"] == "2026-08-10"
    assert [c["due_date"] for c in one["clocks"] if c["key"] == "handling"] == ["2026-08-10"]
    assert [row["handling_due"] for row in listed] == ["2026-08-10"]


def test_the_steps_go_through_the_engine_endpoint_and_show_the_penalty(pw):
    """The district bureau accepts and proposes (Art. 52); a fine over Art. 47's 5,000 yuan is
    refused on `fine`; the city bureau decides within it."""
    w = pw
    complaint = complain(w, D(2026, 6, 8))
    complaint = fire(complaint, "accept", w.clerk_haizhu, D(2026, 6, 10))
    base = f"/api/cases/profession.complaint/{complaint.pk}/transitions/"
    with on(D(2026, 6, 24)):
        proposed = api(w.clerk_haizhu).post(f"{base}propose/", {"version": complaint.version,
            "data": {"on_date": "2026-06-24", "findings": "收费后未出庭属实。"}}, format="json")  # fmt: skip
    assert proposed.status_code == 200, proposed.content
    complaint.refresh_from_db()
    decision = {"on_date": "2026-07-06", "article": "47", "warning": True, "fine": "6000",
                "decision_number": "穗司罚〔2026〕1号", "summary": "收费后无正当理由拒绝出庭。"}  # fmt: skip
    city = api(w.clerk_city)
    with on(D(2026, 7, 6)):
        refused = city.post(f"{base}decide/", {"version": complaint.version, "data": decision},
                            format="json")  # fmt: skip
        stale = city.post(f"{base}decide/", {"version": complaint.version - 1,
                                             "data": {**decision, "fine": "5000"}}, format="json")  # fmt: skip
        done = city.post(f"{base}decide/", {"version": complaint.version,
                                            "data": {**decision, "fine": "5000"}}, format="json")  # fmt: skip
        row = city.get(f"{URL}{complaint.pk}/").json()
    assert refused.status_code == 400 and "fine" in refused.json()["error"]["fields"]
    assert CJK.search(refused.json()["error"]["message"])
    assert stale.status_code == 409
    assert done.status_code == 200, done.content
    assert row["state"] == "penalised"
    assert (row["penalty"]["article"], row["penalty"]["fine"]) == ("47", "5000.00")
    assert row["penalty"]["decided_on"] == "2026-07-06"


def test_inspections_are_scoped(pw):
    w = pw
    mine = open_inspection(w, D(2026, 3, 2))
    theirs = open_inspection(w, D(2026, 3, 2), firm=w.baiyun_firm, actor=w.clerk_baiyun)
    with on(D(2026, 3, 3)):
        rows = api(w.clerk_haizhu).get("/api/profession/inspections/").json()["results"]
        hidden = api(w.clerk_haizhu).get(f"/api/profession/inspections/{theirs.pk}/")
    # The inspection of the practice of 2025 (the conftest's default), held in 2026's window.
    assert [(r["id"], r["firm_name"], r["year"]) for r in rows] == [
        (mine.pk, "广东海珠律师事务所", 2025)]  # fmt: skip
    assert rows[0]["window_opens"] == "2026-04-01" and rows[0]["result"] == ""
    assert hidden.status_code == 404


def _queries(user, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api(user).get(f"/api/profession/{path}/")
    assert response.status_code == 200
    return len(queries)


PATHS = ("firms", "notary-offices", "institutions", "notaries", "volumes", "inspections",
         "complaints")  # fmt: skip


def test_the_lists_do_not_query_per_row(pw):
    w = pw
    open_inspection(w, D(2026, 3, 2))
    complain(w, D(2026, 6, 8))
    Appraiser.objects.create(name="周鉴定人", licence_number="SJR-000", institution=w.institution,
                             categories=["forensic_medicine"])  # fmt: skip
    Notary.objects.create(name="吴公证员", licence_number="GZN-000", office=w.notary_office)
    Volume.objects.create(organization=w.notary_office.organization, kind="notarisation",
                          month=D(2026, 4, 1), count=7, region_code=w.haizhu.code)  # fmt: skip
    Token.objects.get_or_create(user=w.clerk_haizhu)
    with on(D(2026, 7, 1)):
        before = {p: _queries(w.clerk_haizhu, p) for p in PATHS}
    for i in range(5):
        firm_org = Organization.objects.create(name=f"海珠第{i}律师事务所", region=w.haizhu,
                                               kind=OrganizationKind.LAW_FIRM)  # fmt: skip
        firm = LawFirm.objects.create(organization=firm_org, licence_number=f"LF-{i}")
        lawyer = Lawyer.objects.create(name=f"律师{i}", organization=firm_org,
                                       licence_number=f"L-{i}", licensed_on=D(2020, 1, 1))  # fmt: skip
        office = services.NotaryOffice.objects.create(
            organization=Organization.objects.create(
                name=f"海珠第{i}公证处", region=w.haizhu, kind=OrganizationKind.NOTARY_OFFICE),
            licence_number=f"NO-{i}")  # fmt: skip
        Notary.objects.create(name=f"公证员{i}", licence_number=f"GZN-{i + 1}", office=office)
        institution = services.ForensicInstitution.objects.create(
            organization=Organization.objects.create(
                name=f"海珠第{i}鉴定所", region=w.haizhu,
                kind=OrganizationKind.FORENSIC_INSTITUTION),
            licence_number=f"SJ-{i}", categories=["other"])  # fmt: skip
        Appraiser.objects.create(name=f"鉴定人{i}", licence_number=f"SJR-{i + 1}",
                                 institution=institution, categories=["other"])  # fmt: skip
        Volume.objects.create(organization=office.organization, kind="notarisation",
                              month=D(2026, 5, 1), count=i + 1, region_code=w.haizhu.code)  # fmt: skip
        open_inspection(w, D(2026, 3, 2), firm=firm)
        complain(w, D(2026, 6, 8), lawyer=lawyer)
    with on(D(2026, 7, 1)):
        after = {p: _queries(w.clerk_haizhu, p) for p in PATHS}
    assert after == before
