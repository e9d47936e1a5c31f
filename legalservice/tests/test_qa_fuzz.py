"""Random values sent to the Q&A library's forms (the portal's consultation and answer lookup,
the staff's entry and answer forms, the deadline calculator's query) never get a server
error: a form may refuse the input, never with a 500 (core.tests.test_forms_fuzz)."""

from __future__ import annotations

import pytest
from hypothesis import given

from core.tests.test_forms_fuzz import FUZZ, VALUES, fuzz
from legalservice.tests.test_qa_consult import ASK, PHONE, QUESTION
from legalservice.tests.test_qa_search import WAGES, entry

pytestmark = pytest.mark.django_db


def test_public_forms(ls, client, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    fuzz(client, ASK)
    fuzz(client, "/legalservice/public/qa/answer/")


def test_staff_forms(ls, client, settings):
    from legalservice import qa_services
    from legalservice.models import QaConsultation

    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    w = ls
    item = entry(w, WAGES)
    consultation = qa_services.consultation_submit(
        data={"person_name": "周七", "person_phone": PHONE, "street": "440105001000",
              "question": QUESTION},
        tracking_code="ABCDEFGH23",
    )  # fmt: skip
    assert QaConsultation.objects.count() == 1
    client.force_login(w.office_haizhu)
    fuzz(client, "/legalservice/qa/new/")
    fuzz(client, f"/legalservice/qa/{item.pk}/edit/")
    fuzz(client, f"/legalservice/qa/consultations/{consultation.pk}/")


def test_search_and_calculator_queries(ls, client):
    @given(q=VALUES, kind=VALUES, start=VALUES)
    @FUZZ
    def get(q, kind, start):
        assert client.get("/legalservice/public/qa/", {"q": q}).status_code == 200
        response = client.get("/legalservice/public/deadlines/", {"kind": kind, "start": start})
        assert response.status_code == 200

    get()
    for kind in ("reconsideration_apply", "litigation_sue", "reconsideration_accept"):
        for start in ("0001-01-01", "9999-12-31", "2100-12-31", "1950-01-01"):
            response = client.get("/legalservice/public/deadlines/", {"kind": kind, "start": start})
            assert response.status_code == 200


@pytest.mark.parametrize("q", ["\x00", "a" * 5000, "工资" * 300, '"工资" OR *', "NEAR(工资 老板)"])
def test_odd_queries_do_not_break_the_engine(ls, client, q):
    entry(ls, WAGES)
    assert client.get("/legalservice/public/qa/", {"q": q}).status_code == 200
