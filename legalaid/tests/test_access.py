"""The access matrix of legal aid (DESIGN.md, Security and privacy; issue 12 "Must show"):
centre staff see their district, the city leader both districts, a lawyer only the cases
assigned to them, justice-office staff the applications they took in at their window —
through the scoped manager, the API, the list page with its search and Excel export, the case
pages, the case engine's records (clocks, events, documents) and its transitions. The
public's side (the anonymised announcement and the draw record) is test_public_draws.py."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient

from cases import documents, engine
from cases.models import CaseEvent, Clock, GeneratedDocument
from conftest import frozen_today
from core.errors import PermissionDenied
from legalaid.models import AidCase
from legalaid.tests.factories import make_application


@pytest.fixture
def cases(aid_world):
    w = aid_world
    w.case_haizhu = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    w.case_haizhu_other = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    w.case_baiyun = make_application(organization=w.baiyun_centre, actor=w.aid_clerk_baiyun)
    # Taken in at the window of a Haizhu justice office for the district's centre.
    w.case_office = make_application(organization=w.haizhu_centre, actor=w.office_haizhu)
    AidCase.objects.filter(pk=w.case_haizhu.pk).update(lawyer=w.lawyer_a1)
    w.case_haizhu.refresh_from_db()
    return w


EXPECTED = {
    "aid_clerk_haizhu": {"case_haizhu", "case_haizhu_other", "case_office"},
    "aid_clerk_baiyun": {"case_baiyun"},
    "leader_gz": {"case_haizhu", "case_haizhu_other", "case_baiyun", "case_office"},
    "office_haizhu": {"case_office"},  # the one they took in, not the centre's others
    "lawyer_a1": {"case_haizhu"},  # assigned to them
    "lawyer_b1": set(),  # in the pool, nothing assigned
    "mediator_haizhu": set(),  # another line's role
    "agency_haizhu": set(),
}
ALL = EXPECTED["leader_gz"]


def _user(w, persona):
    if persona.startswith("lawyer_"):
        return getattr(w, persona).user
    return getattr(w, persona)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_scoped_manager_and_the_api_show_exactly_what_the_role_reaches(cases, persona):
    w = cases
    user = _user(w, persona)
    visible = set(AidCase.objects.restrict(user, "view").values_list("pk", flat=True))
    assert visible == {getattr(w, key).pk for key in EXPECTED[persona]}
    api = APIClient()
    api.force_authenticate(user)
    response = api.get("/api/legalaid/cases/")
    if not user.can("legalaid.view_aidcase"):
        assert response.status_code == 403
        return
    listed = {row["id"] for row in response.json()["results"]}
    assert listed == visible
    for key in ALL:
        case = getattr(w, key)
        detail = api.get(f"/api/legalaid/cases/{case.pk}/")
        if key in EXPECTED[persona]:
            assert detail.status_code == 200
        else:
            assert detail.status_code == 404
            assert case.number not in detail.content.decode()


@pytest.mark.django_db
def test_a_lawyer_works_only_on_their_own_assignment(cases):
    """The assigned lawyer holds the lawyer role over their case (so the engine lets them
    report), and none over a colleague's case of the same centre."""
    w = cases
    assert engine.roles_over(w.lawyer_a1.user, w.case_haizhu) == {"lawyer"}
    assert engine.roles_over(w.lawyer_a1.user, w.case_haizhu_other) == set()
    assert engine.roles_over(w.lawyer_b1.user, w.case_haizhu) == set()
    # The firm does not widen it: lawyer_a2 is in lawyer_a1's firm.
    assert engine.roles_over(w.lawyer_a2.user, w.case_haizhu) == set()


@pytest.mark.django_db
def test_registering_through_the_api_is_refused_to_lawyers_and_leaders(cases):
    w = cases
    for user in (w.lawyer_a1.user, w.leader_gz):
        api = APIClient()
        api.force_authenticate(user)
        response = api.post(
            "/api/legalaid/cases/", {"organization": w.haizhu_centre.pk}, format="json"
        )
        assert response.status_code == 403
    assert AidCase.objects.count() == 4


@pytest.mark.django_db
def test_anonymous_api_is_refused(cases):
    response = APIClient().get("/api/legalaid/cases/")
    assert response.status_code == 401


def _numbers_in_export(response) -> set[str]:
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return {str(v) for row in sheet.iter_rows(values_only=True) for v in row if v}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_list_its_search_and_export_and_the_case_pages_show_exactly_the_same(
    cases, client, persona
):
    w = cases
    user = _user(w, persona)
    client.force_login(user)
    response = client.get("/legalaid/cases/")
    if not user.can("legalaid.view_aidcase"):
        assert response.status_code == 403
        return
    body = response.content.decode()
    exported = _numbers_in_export(client.get("/legalaid/cases/", {"output": "xlsx"}))
    for key in ALL:
        case = getattr(w, key)
        seen = key in EXPECTED[persona]
        assert (case.number in body) == seen, (persona, key)
        assert (case.number in exported) == seen, (persona, key)
        # Searching for another district's case number finds nothing (the search box itself
        # keeps what was typed: look at the table's rows).
        found = client.get("/legalaid/cases/", {"q": case.number}).content.decode()
        rows = found[found.find("<tbody") : found.find("</tbody>")] if "<tbody" in found else ""
        assert (case.number in rows) == seen, (persona, key)
        detail = client.get(case.get_absolute_url())
        assert detail.status_code == (200 if seen else 404), (persona, key)
        if not seen:
            assert case.number not in detail.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_case_engines_records_follow_the_case(cases, persona):
    """Clocks and events (worklists, calendars) and documents reach exactly the cases the
    user reaches; a lawyer's and an office's come from AidCase.scope_user_fields through
    CaseRecord.scope_user_condition."""
    w = cases
    user = _user(w, persona)
    aid = ContentType.objects.get_for_model(AidCase)
    expected = {getattr(w, key).pk for key in EXPECTED[persona]}
    for model in (Clock, CaseEvent):
        rows = model.objects.restrict(user, "view").filter(case_type=aid)
        assert set(rows.values_list("case_id", flat=True)) == expected, (persona, model)


@pytest.fixture
def quick_pdf(monkeypatch):
    # The PDF renderer has tests of its own (cases/tests); here only who reaches the file.
    monkeypatch.setattr(documents, "docx_to_pdf", lambda data, title="": b"%PDF-1.4 test")


@pytest.mark.django_db
def test_a_document_downloads_for_whoever_sees_its_case_and_for_no_one_else(
    cases, client, quick_pdf
):
    w = cases
    document = documents.document_generate(
        case=w.case_haizhu, kind_key="receipt", actor=w.aid_clerk_haizhu
    )
    for persona in sorted(EXPECTED):
        client.force_login(_user(w, persona))
        for fmt in ("docx", "pdf"):
            response = client.get(f"/documents/{document.pk}/{fmt}/")
            expected = 200 if "case_haizhu" in EXPECTED[persona] else 404
            assert response.status_code == expected, (persona, fmt)


@pytest.mark.django_db
def test_each_document_is_made_only_by_those_who_issue_it(cases, quick_pdf):
    """The centre issues decisions and notices (Legal Aid Law Arts. 43, 48); an office gives
    the receipt for what it took in; the assigned lawyer makes only the closing report."""
    w = cases
    lawyer = w.lawyer_a1.user
    assert "receipt" in {
        k.key for k in documents.available_kinds(w.case_haizhu, w.aid_clerk_haizhu)
    }
    assert documents.available_kinds(w.case_haizhu, lawyer) == []
    with pytest.raises(PermissionDenied):
        documents.document_generate(case=w.case_haizhu, kind_key="receipt", actor=lawyer)
    assert not GeneratedDocument.objects.exists()

    receipt = documents.document_generate(
        case=w.case_office, kind_key="receipt", actor=w.office_haizhu
    )
    assert receipt.kind == "receipt"

    AidCase.objects.filter(pk=w.case_haizhu.pk).update(
        concluded_on=frozen_today(), closing_report="已结案"
    )
    w.case_haizhu.refresh_from_db()
    assert [k.key for k in documents.available_kinds(w.case_haizhu, lawyer)] == ["closing"]
    closing = documents.document_generate(case=w.case_haizhu, kind_key="closing", actor=lawyer)
    assert closing.generated_by == lawyer
    # A lawyer of the same firm reaches neither the case nor its report.
    assert not GeneratedDocument.objects.restrict(w.lawyer_a2.user, "view").exists()
