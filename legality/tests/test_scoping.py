"""The access matrix of legality review (roles.py), verified like core/tests/test_scoping_matrix.py:
personas × the review list, the review page, the register of contracts, the opinion document,
a material's file, the transitions API and the counsel register. Each persona sees exactly its
own: section staff their jurisdiction, the city leader everything (reading only), an agency
handler their own department's submissions only; a foreign object answers 404 without its
data."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from cases.documents import document_generate
from cases.tests.test_documents import fake_pdf, storage_dir  # noqa: F401 - fixtures
from legality.models import Counsel, Material
from legality.tests.conftest import OPINION, fire, on, submit

D = datetime.date
pytestmark = pytest.mark.django_db

PERSONAS = ["clerk_haizhu", "clerk_baiyun", "leader_gz", "agency_haizhu", "agency_chengguan",
            "agency_baiyun"]  # fmt: skip
# R1: 海珠 市监's normative document; R2: 海珠 城管's contract; R3: 白云 发改's major decision.
EXPECTED = {
    "clerk_haizhu": {"R1", "R2"},
    "clerk_baiyun": {"R3"},
    "leader_gz": {"R1", "R2", "R3"},
    "agency_haizhu": {"R1"},
    "agency_chengguan": {"R2"},
    "agency_baiyun": {"R3"},
}
EXPECTED_COUNSEL = {
    "clerk_haizhu": {"C1"},
    "clerk_baiyun": {"C2"},
    "leader_gz": {"C1", "C2"},
    "agency_haizhu": {"C1"},
    "agency_chengguan": set(),
    "agency_baiyun": {"C2"},
}


@pytest.fixture
def reviews(lw, storage_dir, fake_pdf):  # noqa: F811
    w = lw
    r1 = submit(w, D(2026, 6, 1), title="关于规范户外广告设置管理的规定（送审稿）")
    r2 = submit(w, D(2026, 6, 1), "contract", actor=w.agency_chengguan, department=w.chengguan,
                title="环卫作业服务外包合同")  # fmt: skip
    r3 = submit(w, D(2026, 6, 1), "decision", actor=w.agency_baiyun, department=w.baiyun_agency,
                bureau=w.baiyun_bureau, title="白云区重点产业园区发展规划（草案）")  # fmt: skip
    with on(D(2026, 6, 9)):
        r1 = fire(r1, "issue_opinion", w.clerk_haizhu, **OPINION)
        r2 = fire(r2, "issue_opinion", w.clerk_haizhu, **OPINION)
        r3 = fire(r3, "issue_opinion", w.clerk_baiyun, **OPINION)
        docs = {
            "R1": document_generate(case=r1, kind_key="opinion", actor=w.clerk_haizhu),
            "R2": document_generate(case=r2, kind_key="opinion", actor=w.clerk_haizhu),
            "R3": document_generate(case=r3, kind_key="opinion", actor=w.clerk_baiyun),
        }
    w.reviews = {"R1": r1, "R2": r2, "R3": r3}
    w.documents = docs
    w.counsel = {
        "C1": Counsel.objects.create(name="海珠公职律师甲", kind="government_lawyer",
                                     organization=w.haizhu_agency, region_code=w.haizhu.code),
        "C2": Counsel.objects.create(name="白云公职律师乙", kind="government_lawyer",
                                     organization=w.baiyun_agency, region_code=w.baiyun.code),
    }  # fmt: skip
    return w


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_review_list_shows_exactly_the_personas_reviews(reviews, login, persona):
    client = login(getattr(reviews, persona))
    body = client.get("/legality/reviews/").content.decode()
    for key, review in reviews.reviews.items():
        assert (review.title in body) == (key in EXPECTED[persona]), (persona, key)


@pytest.mark.parametrize("persona", PERSONAS)
def test_review_pages_documents_and_files_answer_404_outside(reviews, login, persona):
    client = login(getattr(reviews, persona))
    api = APIClient()
    api.force_authenticate(getattr(reviews, persona))
    for key, review in reviews.reviews.items():
        seen = key in EXPECTED[persona]
        page = client.get(f"/legality/reviews/{review.pk}/")
        document = client.get(f"/documents/{reviews.documents[key].pk}/docx/")
        material = Material.objects.filter(review=review).first()
        download = client.get(f"/attachments/{material.attachment_id}/download/")
        transitions = api.get(f"/api/cases/legality.legalityreview/{review.pk}/transitions/")
        statuses = (page.status_code, document.status_code, download.status_code,
                    transitions.status_code)  # fmt: skip
        assert statuses == ((200, 200, 200, 200) if seen else (404, 404, 404, 404)), (
            persona, key, statuses,
        )  # fmt: skip
        if not seen:
            assert review.title not in page.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_contract_register_lists_only_contracts_in_scope(reviews, login, persona):
    client = login(getattr(reviews, persona))
    body = client.get("/legality/contracts/").content.decode()
    contract = reviews.reviews["R2"]
    assert (contract.title in body) == ("R2" in EXPECTED[persona])
    assert contract.counterparty in body if "R2" in EXPECTED[persona] else True
    # Never a normative document or a decision in the contract register.
    assert reviews.reviews["R1"].title not in body
    assert reviews.reviews["R3"].title not in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_counsel_register_shows_exactly_the_jurisdiction(reviews, login, persona):
    client = login(getattr(reviews, persona))
    body = client.get("/legality/counsel/").content.decode()
    for key, counsel in reviews.counsel.items():
        assert (counsel.name in body) == (key in EXPECTED_COUNSEL[persona]), (persona, key)


def test_the_leader_reads_but_is_offered_no_step_and_generates_nothing(reviews, login):
    from cases.documents import can_generate

    review = reviews.reviews["R1"]
    client = login(reviews.leader_gz)
    response = client.get(f"/legality/reviews/{review.pk}/")
    assert response.context["transitions"] == []
    assert not can_generate(reviews.leader_gz, review)
    assert client.get("/legality/reviews/new/").status_code == 403


def test_the_own_departments_handler_answers_but_cannot_issue(reviews, login):
    review = reviews.reviews["R1"]
    client = login(reviews.agency_haizhu)
    names = [t.name for t in client.get(f"/legality/reviews/{review.pk}/").context["transitions"]]
    assert names == ["record_answers"]
    other = reviews.reviews["R2"]
    response = client.get(f"/cases/legality.legalityreview/{other.pk}/do/record_answers/")
    assert response.status_code == 404
