"""The demo's normative documents: built on the legality demo's lawful document reviews (linked
by their case numbers), issued with unified numbers and published, half filed (海珠: 8 reviewed,
4 filed) with some late (filing period 30 days ❓), a clean-up confirmed each full year, open
work for the demo logins taken through the engine; deterministic for a seed and a date.

The builders are called directly on a world built with the core demo and the holiday calendar
only, on the test day (conftest: FAZHI_TEST_TODAY, 10:00), with the clock stopped there.
"""

from __future__ import annotations

import pytest
import time_machine
from django.db import transaction

from cases.models import Clock
from conftest import frozen_today, moved_now
from core import demo
from core.models import User
from indicators.registry import Period, registry
from legality import demo as legality_demo
from legality.models import LegalityReview
from normative import demo as normative_demo
from normative import indicators  # noqa: F401  (registers them)
from normative.choices import CleanupDecision, FilingOpinion
from normative.models import CleanupCampaign, CleanupItem, FilingCase, NormativeDocument
from normative.process import F, S
from normative.validity import parse_unified_number, status_on

TODAY = frozen_today()
NOW = moved_now()
LAST_YEAR = TODAY.year - 1
pytestmark = pytest.mark.django_db


def _build(seed: int) -> demo.DemoWorld:
    chosen = [b for b in demo._BUILDERS if b[1] == "calendar"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "_BUILDERS", chosen)
        world = demo.build(seed=seed, today=TODAY)
    legality_demo.build(world)
    normative_demo.build(world)
    return world


@pytest.fixture(scope="class")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            world = _build(11)
        yield world
        transaction.set_rollback(True)


def _figure(key, prefix="4401", year=LAST_YEAR):
    return registry.get(key).compute(prefix, Period.year(year))


class TestSmallDemo:
    def test_documents_come_from_the_lawful_reviews(self, built):
        documents = NormativeDocument.objects.exclude(review_number="")
        assert documents.count() > 50
        for document in documents.select_related("issuing_body")[:100]:
            review = LegalityReview.objects.get(pk=document.review_id)
            assert review.number == document.review_number
            assert review.kind == "document"
            assert review.conclusion in ("lawful", "lawful_if_revised")
            assert review.department_id == document.issuing_body_id
            assert review.opinion_on < document.received_at.date() <= document.signed_on
            assert parse_unified_number(document.unified_number, document.region_code)
            if document.state == S.PUBLISHED:
                assert document.signed_on <= document.published_on <= document.effective_from
                assert document.valid_until > document.effective_from
        # About 90% of last year's lawful document reviews give a published document (those of
        # the last weeks of the year are published early this year).
        lawful = LegalityReview.objects.filter(
            kind="document", conclusion__in=("lawful", "lawful_if_revised"),
            opinion_on__year=LAST_YEAR,
        ).count()  # fmt: skip
        issued = _figure("normative.issued").value
        assert 0.75 * lawful <= issued <= lawful

    def test_filings_half_and_some_late(self, built):
        published = NormativeDocument.objects.filter(published_on__year=LAST_YEAR).count()
        filed = _figure("normative.filed").value
        # 海珠: 8 documents reviewed, 4 filed.
        assert 0.35 * published <= filed <= 0.65 * published
        on_time = _figure("normative.filed_on_time_rate").value
        assert 80 <= on_time < 100
        for filing in FilingCase.objects.select_related("document")[:100]:
            assert filing.document.published_on <= filing.filed_on
            assert filing.late == (filing.filed_on > filing.filing_due)
            if filing.opinion in (FilingOpinion.CORRECT, FilingOpinion.REVOKE):
                assert filing.opinion_text
                assert filing.state in (F.AWAITING_ANSWER, F.CLOSED)
        assert FilingCase.objects.filter(opinion=FilingOpinion.NO_PROBLEM).exists()

    def test_the_history_has_its_events_and_replayed_clocks(self, built):
        """Written through normative.history: one event per step, as many as the version; each
        filing's review clock started on the day filed, stopped by the opinion; a suggestion
        not yet answered has its answer clock running as the filing's deadline."""
        from cases.models import CaseEvent

        bulk = FilingCase.objects.filter(assignee__isnull=True)
        assert bulk.filter(state=F.CLOSED).exists()
        # The earliest and the latest (the open ones are the latest filed).
        sample = [*bulk.order_by("filed_on", "pk")[:100], *bulk.order_by("-filed_on", "-pk")[:100]]
        for filing in sample:
            names = list(CaseEvent.for_case(filing).order_by("version")
                         .values_list("transition", flat=True))  # fmt: skip
            assert len(names) == filing.version and names[0] == "register"
            clocks = {c.key: c for c in Clock.for_case(filing)}
            assert clocks["filing_review"].started_on == filing.filed_on
            if filing.opinion:
                assert clocks["filing_review"].stopped_on == filing.opinion_on
            if filing.state == F.AWAITING_ANSWER:
                assert clocks["filing_answer"].stopped_on is None
                assert filing.due_date == clocks["filing_answer"].due_date
            if filing.state == F.CLOSED:
                assert filing.due_date is None
        for document in NormativeDocument.objects.filter(assignee__isnull=True)[:100]:
            names = list(CaseEvent.for_case(document).order_by("version")
                         .values_list("transition", flat=True))  # fmt: skip
            assert names == ["register", "issue", "publish"][: document.version]

    def test_a_cleanup_each_full_year_changes_the_statuses_on_its_date(self, built):
        campaigns = CleanupCampaign.objects.filter(confirmed_on__year=LAST_YEAR)
        assert campaigns.exists()
        assert (
            _figure("normative.cleaned_up").value
            == CleanupItem.objects.filter(campaign__in=campaigns).count()
        )
        repealed = CleanupItem.objects.filter(
            campaign__in=campaigns, decision=CleanupDecision.REPEAL
        ).select_related("document", "campaign")
        for item in repealed:
            day = item.campaign.effective_on
            document = item.document
            assert document.repealed_on <= day
            assert status_on(document, day) == "repealed"
        assert _figure("normative.in_force").value > 0

    def test_the_logins_have_open_work_through_the_engine(self, built):
        for slug in demo.FOCUS_DISTRICTS.values():
            staff = User.objects.get(username=f"{slug}_staff")
            agency = User.objects.get(username=f"{slug}_agency")
            department = agency.primary_membership.organization
            documents = NormativeDocument.objects.filter(issuing_body=department, assignee=staff)
            assert {S.REGISTERED, S.ISSUED} <= set(documents.values_list("state", flat=True))
            filings = FilingCase.objects.filter(assignee=staff)
            assert filings.filter(state=F.UNDER_REVIEW).exists()
            # The suggestion to correct waits for the agency login's department's answer.
            waiting = filings.get(state=F.AWAITING_ANSWER, issuing_body=department)
            clock = Clock.for_case(waiting).get(key="filing_answer")
            assert clock.stopped_on is None and clock.due_date > TODAY
            open_campaign = CleanupCampaign.objects.get(
                organization=staff.primary_membership.organization, confirmed_on=None
            )
            assert open_campaign.items.filter(
                document__issuing_body=department, decision=""
            ).exists()


def test_the_same_seed_and_date_give_the_same_rows(regions):
    def snapshot(seed):
        with transaction.atomic(), time_machine.travel(NOW, tick=False):
            _build(seed)
            data = {
                "documents": list(NormativeDocument.objects.order_by("number", "region_code")
                                  .values_list("number", "title", "unified_number", "state",
                                               "published_on", "review_number", "repealed_on")),
                "filings": list(FilingCase.objects.order_by("number", "region_code")
                                .values_list("number", "filed_on", "late", "opinion")),
            }  # fmt: skip
            transaction.set_rollback(True)
        return data

    first = snapshot(11)
    assert len(first["documents"]) > 50
    assert snapshot(11) == first
    assert snapshot(12)["documents"] != first["documents"]
