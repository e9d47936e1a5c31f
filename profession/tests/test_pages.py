"""Staff pages of the line: lists, detail pages and forms, scoped to the jurisdiction (another
district's staff get 404 for a row, the list leaves it out), the case pages offering the
process's steps, the access matrix and the menu."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps

from core.navigation import menu_for
from core.roles import ROLE_PERMISSIONS, Role
from enforcement.tests.conftest import on
from profession.models import Complaint, Inspection, LawFirm
from profession.tests.conftest import complain, open_inspection

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_matrix_covers_every_model_of_the_line():
    for model in apps.get_app_config("profession").get_models():
        name = model._meta.model_name
        assert f"profession.view_{name}" in ROLE_PERMISSIONS[Role.LEADER], name
        assert f"profession.add_{name}" in ROLE_PERMISSIONS[Role.SECTION_STAFF], name
        assert not any(f"profession.{a}_{name}" in ROLE_PERMISSIONS[Role.LEADER]
                       for a in ("add", "change", "delete")), name  # fmt: skip
        assert hasattr(model.objects, "restrict"), name
    for role in (Role.MEDIATOR, Role.LAWYER, Role.AGENCY_HANDLER, Role.OFFICE_STAFF):
        assert not any(p.startswith("profession.") for p in ROLE_PERMISSIONS[role])


def test_the_menu_offers_the_line_to_bureau_staff_only(pw):
    def urls(user):
        return {i["url_name"] for s in menu_for(user) for i in s["items"]
                if i["url_name"].startswith("profession:")}  # fmt: skip

    assert urls(pw.clerk_haizhu) >= {"profession:firm_list", "profession:inspection_list",
                                     "profession:complaint_list", "profession:volume_list"}  # fmt: skip
    assert urls(pw.leader_gz) == urls(pw.clerk_haizhu)
    assert urls(pw.office_haizhu) == set() and urls(pw.mediator_haizhu) == set()


def test_lists_and_details_are_scoped(pw, client):
    w = pw
    inspection = open_inspection(w, D(2026, 3, 20))
    complaint = complain(w, D(2026, 6, 8))
    with on(D(2026, 6, 10)):
        client.force_login(w.clerk_haizhu)
        for url in ("/profession/firms/", "/profession/inspections/", "/profession/complaints/",
                    "/profession/notary-offices/", "/profession/institutions/",
                    "/profession/volumes/"):  # fmt: skip
            assert client.get(url).status_code == 200, url
        assert "广东白云律师事务所" not in client.get("/profession/firms/").content.decode()
        assert complaint.number in client.get("/profession/complaints/").content.decode()
        page = client.get(complaint.get_absolute_url()).content.decode()
        assert "13900139000" not in page  # the phone masked
        assert 'data-action="accept"' in page or "/accept/" in page
        assert "陈律师" in client.get(w.firm.get_absolute_url()).content.decode()
        assert client.get(inspection.get_absolute_url()).status_code == 200
        client.force_login(w.clerk_baiyun)
        for url in (inspection.get_absolute_url(), complaint.get_absolute_url(),
                    w.firm.get_absolute_url(), w.notary_office.get_absolute_url(),
                    w.institution.get_absolute_url(), f"/profession/firms/{w.firm.pk}/edit/"):  # fmt: skip
            assert client.get(url).status_code == 404, url
        assert complaint.number not in client.get("/profession/complaints/").content.decode()
        client.force_login(w.leader_gz)
        assert client.get(complaint.get_absolute_url()).status_code == 200
        assert client.get("/profession/complaints/new/").status_code == 403
        client.force_login(w.office_haizhu)
        assert client.get("/profession/complaints/").status_code == 403


def test_the_forms_open_an_inspection_and_register_a_complaint_once(pw, client):
    w = pw
    with on(D(2026, 3, 20)):
        client.force_login(w.clerk_haizhu)
        form = client.get("/profession/inspections/new/").context["form"]
        key = form.initial["submission_key"]
        data = {"firm": w.firm.pk, "year": 2026, "submission_key": key}
        first = client.post("/profession/inspections/new/", data)
        again = client.post("/profession/inspections/new/", data)
        assert first.status_code == again.status_code == 302
        assert Inspection.objects.count() == 1
        other = client.post("/profession/inspections/new/",
                            {"firm": w.baiyun_firm.pk, "year": 2026})  # fmt: skip
        assert other.status_code == 200 and Inspection.objects.count() == 1
    with on(D(2026, 6, 8)):
        client.force_login(w.clerk_haizhu)
        page = client.post("/profession/complaints/new/", {
            "subject_kind": "lawyer", "lawyer": w.lawyer_a.pk, "complainant_name": "",
            "facts": "未出庭"})  # fmt: skip
        assert page.status_code == 200 and not Complaint.objects.exists()
        page = client.post("/profession/complaints/new/", {
            "subject_kind": "lawyer", "lawyer": w.lawyer_a.pk, "complainant_name": "李某",
            "complainant_phone": "13900139000", "facts": "未出庭"})  # fmt: skip
        assert page.status_code == 302 and Complaint.objects.get().lawyer == w.lawyer_a


def test_a_profile_is_registered_for_an_organisation_of_the_jurisdiction(pw, client):
    from core.models import Organization, OrganizationKind

    w = pw
    org = Organization.objects.create(name="广东珠江律师事务所", kind=OrganizationKind.LAW_FIRM,
                                      region=w.haizhu)  # fmt: skip
    client.force_login(w.clerk_haizhu)
    duplicate = client.post("/profession/firms/new/", {
        "organization": org.pk, "licence_number": w.firm.licence_number, "status": "practising",
        "form": "partnership"})  # fmt: skip
    assert duplicate.status_code == 200 and not LawFirm.objects.filter(organization=org).exists()
    page = client.post("/profession/firms/new/", {
        "organization": org.pk, "licence_number": "31440000MD0000077X", "status": "practising",
        "form": "state"})  # fmt: skip
    assert page.status_code == 302
    assert LawFirm.objects.get(organization=org).region_code == w.haizhu.code


def test_notaries_and_appraisers_are_added_to_their_institution(pw, client):
    from profession.models import Appraiser, Notary

    w = pw
    client.force_login(w.clerk_haizhu)
    url = f"/profession/notary-offices/{w.notary_office.pk}/notaries/new/"
    assert client.post(url, {"name": "周公证", "licence_number": "GZY-001"}).status_code == 302
    assert client.post(url, {"name": "吴公证", "licence_number": "GZY-001"}).status_code == 200
    assert list(Notary.objects.values_list("name", "region_code")) == [("周公证", w.haizhu.code)]
    url = f"/profession/institutions/{w.institution.pk}/appraisers/new/"
    # 环境损害 is not among the institution's categories (GD‑SJ Art. 9): not offered, refused
    page = client.post(url, {"name": "郑鉴定", "licence_number": "SJR-1",
                             "categories": ["environmental"]})  # fmt: skip
    assert page.status_code == 200 and not Appraiser.objects.exists()
    page = client.post(url, {"name": "郑鉴定", "licence_number": "SJR-1",
                             "categories": ["forensic_medicine"]})  # fmt: skip
    assert page.status_code == 302
    assert Appraiser.objects.get().categories == ["forensic_medicine"]
    assert "郑鉴定" in client.get(w.institution.get_absolute_url()).content.decode()
    client.force_login(w.clerk_baiyun)
    assert client.post(url, {"name": "某", "licence_number": "SJR-2",
                             "categories": ["forensic_medicine"]}).status_code == 404  # fmt: skip
