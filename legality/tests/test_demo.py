"""The demo's legality review: calibrated on the sample reports (广州 673 normative documents and
475 major-decision and contract reviews a year; 白云 1,511 legality reviews, 90 contracts; 海珠 45
government lawyers), consistent with the process (review periods of 15 / 15 / 10 working days,
补正 pausing the clock, opinions answered point by point), deterministic for a seed and a date,
with open work for the demo logins taken through the engine.

The builder is called directly on a world built with the core demo and the holiday calendar
only, on the test day (conftest: FAZHI_TEST_TODAY, 10:00), with the clock stopped there.
"""

from __future__ import annotations

from collections import Counter

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from cases.models import CaseEvent, Clock
from conftest import frozen_today, moved_now
from core import demo
from core.models import OrganizationKind, User
from indicators.registry import Period, registry
from legality import demo as legality_demo
from legality import indicators  # noqa: F401  (registers them)
from legality.choices import Answer, Conclusion, CounselKind, ReviewKind
from legality.models import Counsel, LegalityReview, OpinionPoint
from legality.process import S

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
    def test_three_years_calibrated_on_the_samples(self, built):
        reviews = LegalityReview.objects.all()
        # A fiftieth of 广州's ~6,000 reviews a year (120), ±10% a unit and its rounding; the
        # open work (5 a focus district, submitted in the last 14 working days) may fall in
        # last year early in January.
        last_year = reviews.filter(received_at__year=LAST_YEAR).count()
        assert 100 <= last_year <= 140 + 15
        assert _figure("legality.reviews").value == last_year
        assert reviews.filter(received_at__year=LAST_YEAR - 1).exists()
        assert not reviews.filter(received_at__gt=NOW).exists()
        # The city bureau: ~59% documents (673 of 1,148); 白云: the most reviews of a
        # district, few contracts (90 of 1,511).
        city = Counter(reviews.filter(region_code=demo.CITY_CODE).values_list("kind", flat=True))
        assert city.most_common(1)[0][0] == ReviewKind.DOCUMENT
        by_district = Counter(
            reviews.exclude(region_code=demo.CITY_CODE).values_list("region_code", flat=True)
        )
        assert by_district.most_common(1)[0][0] == "440111000000"
        baiyun = Counter(reviews.filter(region_code="440111000000").values_list("kind", flat=True))
        assert baiyun[ReviewKind.CONTRACT] <= 0.15 * sum(baiyun.values())
        # ~95% on time, ~90% of the points adopted (through the indicators).
        on_time = _figure("legality.reviews_on_time_rate").value
        assert 88 <= on_time <= 100
        adopted = _figure("legality.opinions_adopted_rate").value
        assert 80 <= adopted <= 97
        assert _figure("contract.reviewed").value > 0
        assert _figure("normative.fair_competition_reviews").value > 0
        # 海珠: 45 government lawyers in the register at the end of last year.
        assert _figure("counsel.government_lawyers", "440105").value == 45

    def test_reviews_are_consistent(self, built):
        reviews = LegalityReview.objects.all()
        closed = reviews.filter(state=S.CLOSED)
        assert closed.exists()
        for review in closed.filter(opinion_on__year=LAST_YEAR)[:50]:
            assert review.submitted_on < review.opinion_on <= review.answered_on < TODAY
            assert review.conclusion
            assert review.on_time == (review.review_working_days <= 15 if review.kind != "contract"
                                      else review.review_working_days <= 10)  # fmt: skip
            points = list(review.points.all())
            if review.conclusion != Conclusion.LAWFUL:
                assert points
            assert all(p.answer and p.answered_on == review.answered_on for p in points)
            assert all(p.reasons for p in points if p.answer == Answer.NOT_ADOPTED)
        # Numbers follow receipt within a bureau and year: （2025）穗海合审字第0001号.
        haizhu = list(
            reviews.filter(region_code="440105000000", number_year=LAST_YEAR)
            .order_by("number_seq").values_list("number", "received_at")
        )  # fmt: skip
        assert haizhu[0][0] == f"（{LAST_YEAR}）穗海合审字第0001号"
        assert [r for _n, r in haizhu] == sorted(r for _n, r in haizhu)
        assert not OpinionPoint.objects.exclude(
            region_code__in=reviews.values("region_code")
        ).exists()
        assert Counsel.objects.filter(kind=CounselKind.LEGAL_ADVISER).exists()

    def test_the_logins_have_open_work_through_the_engine(self, built):
        review_type = ContentType.objects.get_for_model(LegalityReview)
        for slug in demo.FOCUS_DISTRICTS.values():
            staff = User.objects.get(username=f"{slug}_staff")
            agency = User.objects.get(username=f"{slug}_agency")
            bureau = staff.primary_membership.organization
            assert bureau.kind == OrganizationKind.JUSTICE_BUREAU
            department = agency.primary_membership.organization
            mine = LegalityReview.objects.filter(organization=bureau, assignee=staff)
            assert {S.CORRECTION, S.UNDER_REVIEW, S.OPINION_ISSUED} <= set(
                mine.values_list("state", flat=True)
            )
            # The new one waits in the team's queue; all were submitted by the agency login's
            # department, which answers the opinion and supplies the materials.
            new = LegalityReview.objects.get(organization=bureau, department=department,
                                             state=S.SUBMITTED, assignee=None)  # fmt: skip
            assert new.team_id == bureau.pk
            waiting = mine.get(state=S.OPINION_ISSUED)
            assert waiting.department == department and waiting.points.count() == 3
            for review in mine:
                assert CaseEvent.objects.filter(case_type=review_type, case_id=review.pk).exists()
            # Each open review has its running review clock; the contract's is past due.
            contract = mine.get(kind=ReviewKind.CONTRACT)
            clock = Clock.for_case(contract).get(key="review_contract")
            assert clock.due_date < TODAY and clock.stopped_on is None


def test_the_same_seed_and_date_give_the_same_rows(regions):
    def snapshot(seed):
        with transaction.atomic(), time_machine.travel(NOW, tick=False):
            _build(seed)
            data = {
                "reviews": list(LegalityReview.objects.order_by("number", "region_code").values_list(
                    "number", "kind", "title", "state", "submitted_on", "opinion_on",
                    "conclusion", "answered_on")),
                "points": list(OpinionPoint.objects.order_by("review__number", "number")
                               .values_list("review__number", "number", "text", "answer")),
                "counsel": list(Counsel.objects.order_by("pk").values_list(
                    "name", "kind", "organization__name", "since", "until")),
            }  # fmt: skip
            transaction.set_rollback(True)
        return data

    first = snapshot(11)
    assert len(first["reviews"]) > 300
    assert snapshot(11) == first
    assert snapshot(12)["reviews"] != first["reviews"]
