"""The issue step through the staff page and the API (cases.views.transition, cases.api): a
document issued without a unified number is refused with the error beside the field and nothing
changes; the API answers 404 for a document outside the user's scope."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from cases.models import CaseEvent
from normative.models import NormativeDocument
from normative.tests.conftest import legality_review, on, register

D = datetime.date
pytestmark = pytest.mark.django_db


def _url(document, name="issue"):
    return f"/cases/normative.normativedocument/{document.pk}/do/{name}/"


def test_the_issue_page_refuses_a_missing_unified_number_beside_the_field(nw, client, login):
    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 10))
    document = register(nw, D(2026, 2, 11))
    with on(D(2026, 2, 12)):
        login(nw.clerk_haizhu)
        assert client.get(_url(document)).status_code == 200
        response = client.post(_url(document), {
            "version": document.version, "on_date": "2026-02-12", "unified_number": "",
            "document_number": "海市监规〔2026〕1号", "review_number": review.number,
            "signed_on": "2026-02-12"})  # fmt: skip
    assert response.status_code == 200
    assert "unified_number" in response.context["form"].errors
    fresh = NormativeDocument.objects.get(pk=document.pk)
    assert (fresh.state, fresh.unified_number) == ("registered", "")
    assert CaseEvent.for_case(fresh).count() == 1


def test_the_agency_handler_is_not_offered_the_issue_step(nw, client, login):
    document = register(nw, D(2026, 2, 11))
    with on(D(2026, 2, 12)):
        assert login(nw.agency_haizhu).get(_url(document)).status_code == 404


def test_the_api_keeps_each_persona_to_its_own(nw):
    document = register(nw, D(2026, 2, 11))
    url = f"/api/cases/normative.normativedocument/{document.pk}/transitions/"
    api = APIClient()
    with on(D(2026, 2, 12)):
        for user, status in ((nw.clerk_haizhu, 200), (nw.agency_haizhu, 200),
                             (nw.leader_gz, 200), (nw.agency_chengguan, 404),
                             (nw.clerk_baiyun, 404)):  # fmt: skip
            api.force_authenticate(user)
            assert api.get(url).status_code == status, user.username
        api.force_authenticate(nw.clerk_haizhu)
        names = {t["name"] for t in api.get(url).json()["transitions"]}
        api.force_authenticate(nw.agency_haizhu)
        agency_names = {t["name"] for t in api.get(url).json()["transitions"]}
    assert names == {"issue", "withdraw"}
    assert agency_names == {"withdraw"}
