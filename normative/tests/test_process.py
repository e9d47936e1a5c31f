"""A document goes registered → issued (unified number, after its legality review's opinion) →
published, and its status changes by itself on the dates (statutes-lines §B.4, §B.5, §B.8).

Bad input (issue 14): a document issued without a unified number, with a number in the wrong
format, without a review opinion or after an unlawful one is refused with an error naming the
field, and nothing changes."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from cases.models import CaseEvent
from core.errors import InvalidInput
from normative.choices import Status
from normative.tests.conftest import issue, legality_review, on, publish, register

D = datetime.date
pytestmark = pytest.mark.django_db


def _unchanged(document):
    fresh = type(document).objects.get(pk=document.pk)
    assert fresh.state == "registered"
    assert fresh.unified_number == "" and fresh.review_number == "" and fresh.review_id is None
    assert CaseEvent.for_case(fresh).count() == 1  # the registration only
    return fresh


def test_a_document_issued_without_a_unified_number_is_refused_naming_the_field(nw):
    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 10))
    document = register(nw, D(2026, 2, 11))
    with pytest.raises(InvalidInput) as refused:
        issue(nw, document, D(2026, 2, 12), unified_number="", review=review)
    assert set(refused.value.fields) == {"unified_number"}
    assert "统一编号" in refused.value.fields["unified_number"][0]
    _unchanged(document)


def test_a_unified_number_in_the_wrong_format_is_refused(nw):
    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 10))
    document = register(nw, D(2026, 2, 11))
    with pytest.raises(InvalidInput) as refused:
        issue(nw, document, D(2026, 2, 12), unified_number="穗海规2026-3", review=review)
    assert set(refused.value.fields) == {"unified_number"}
    _unchanged(document)


def test_a_document_is_issued_only_after_its_review_has_an_opinion(nw):
    review = legality_review(nw, D(2026, 2, 2))  # no opinion yet
    document = register(nw, D(2026, 2, 11))
    with pytest.raises(InvalidInput) as refused:
        issue(nw, document, D(2026, 2, 12), unified_number="穗海规〔2026〕3号", review=review)
    assert set(refused.value.fields) == {"review_number"}
    _unchanged(document)


def test_a_draft_found_unlawful_is_not_issued(nw):
    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 10), conclusion="unlawful")
    document = register(nw, D(2026, 2, 11))
    with pytest.raises(InvalidInput) as refused:
        issue(nw, document, D(2026, 2, 12), unified_number="穗海规〔2026〕3号", review=review)
    assert set(refused.value.fields) == {"review_number"}
    _unchanged(document)


def test_the_review_of_another_body_does_not_count(nw):
    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 10),
                             department=nw.chengguan)  # fmt: skip
    document = register(nw, D(2026, 2, 11))
    with pytest.raises(InvalidInput) as refused:
        issue(nw, document, D(2026, 2, 12), unified_number="穗海规〔2026〕3号", review=review)
    assert set(refused.value.fields) == {"review_number"}


def test_the_journey_and_the_status_read_on_each_day(nw):
    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 10))
    document = register(nw, D(2026, 2, 11))
    assert document.number.startswith("（2026）") and document.state == "registered"
    assert document.status_on(D(2026, 2, 11)) is None  # not published
    document = issue(nw, document, D(2026, 2, 12), unified_number="穗海规〔2026〕3号",
                     review=review)  # fmt: skip
    assert document.state == "issued"
    assert (document.unified_prefix, document.unified_year, document.unified_seq) == ("穗海规",
                                                                                      2026, 3)  # fmt: skip
    # The review is referred to by number and generically (content type + id).
    assert document.review_number == review.number
    assert document.review_type == ContentType.objects.get_for_model(review)
    assert document.review_id == review.pk
    # Published Fri 2026-02-27, in effect Sun 2026-03-01, 暂行: valid until 2028-02-29 (two
    # years: the day before 2028-03-01), evaluation due 6 months before: 2027-08-29.
    document = publish(nw, document, D(2026, 2, 27), effective_from=D(2026, 3, 1))
    assert document.state == "published"
    assert (document.published_on, document.valid_until, document.evaluate_by) == (
        D(2026, 2, 27), D(2028, 2, 29), D(2027, 8, 29))  # fmt: skip
    assert document.status_on(D(2026, 2, 28)) == Status.NOT_YET
    assert document.status_on(D(2026, 3, 1)) == Status.VALID
    assert document.status_on(D(2028, 2, 29)) == Status.VALID  # its last valid day
    assert document.status_on(D(2028, 3, 1)) == Status.EXPIRED  # nobody touched it


def test_a_validity_beyond_the_maximum_is_refused(nw):
    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 10))
    document = register(nw, D(2026, 2, 11))
    document = issue(nw, document, D(2026, 2, 12), unified_number="穗海规〔2026〕3号",
                     review=review)  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        publish(nw, document, D(2026, 2, 27), effective_from=D(2026, 3, 1),
                valid_until=D(2028, 3, 1))  # fmt: skip
    assert set(refused.value.fields) == {"valid_until"}
    assert "2028-02-29" in refused.value.fields["valid_until"][0]
    assert type(document).objects.get(pk=document.pk).state == "issued"


def test_an_agency_handler_may_not_issue(nw):
    from core.errors import PermissionDenied

    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 10))
    document = register(nw, D(2026, 2, 11))
    with pytest.raises(PermissionDenied):
        issue(nw, document, D(2026, 2, 12), unified_number="穗海规〔2026〕3号", review=review,
              actor=nw.agency_haizhu)  # fmt: skip
    with on(D(2026, 2, 12)):
        _unchanged(document)
