"""The demo's major administrative decisions: a catalogue a year per government (DEC Art. 3 ¶3),
its matters' decisions taken through the statutory steps (public comment for 30 days, Art. 15,
each comment answered, Art. 18; expert argumentation and risk assessment where triggered,
Arts. 19–24; legality review, Arts. 25–28; collective discussion, Arts. 29–31), every decided one
complete, open work for the demo logins through the engine; deterministic for a seed and date.

The builders are called directly on a world built with the core demo and the holiday calendar
only (and the legality demo, whose decision reviews give the legality case numbers), on the test
day (conftest: FAZHI_TEST_TODAY, 10:00), with the clock stopped there.
"""

from __future__ import annotations

import pytest
import time_machine
from django.db import transaction

from conftest import frozen_today, moved_now
from core import demo
from core.models import User
from decisions import demo as decisions_demo
from decisions import indicators  # noqa: F401  (registers them)
from decisions.choices import Answer
from decisions.models import Catalogue, CatalogueItem, Comment, MajorDecision
from decisions.process import S
from indicators.registry import Period, registry
from legality import demo as legality_demo

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
    decisions_demo.build(world)
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
    def test_a_catalogue_a_year_per_government(self, built):
        # 广州 and its eleven districts: one catalogue each for each year of the history.
        catalogues = Catalogue.objects.filter(year=LAST_YEAR)
        assert catalogues.count() == 12
        assert catalogues.filter(decision_maker__name="广州市人民政府").exists()
        for catalogue in catalogues:
            assert catalogue.party_approved_on < catalogue.published_on
            assert 4 <= catalogue.items.count() <= 12
        items = CatalogueItem.objects.filter(catalogue__year=LAST_YEAR).count()
        assert _figure("decision.catalogued").value == items

    def test_decisions_go_through_their_steps(self, built):
        decided = MajorDecision.objects.filter(decided_on__year=LAST_YEAR)
        assert decided.count() >= 30
        # Every decision taken has all its mandatory steps (the `decide` step refuses
        # otherwise): 100%.
        assert _figure("decision.with_all_procedures_rate").value == 100
        for decision in decided:
            assert decision.started_on < decision.drafted_on < decision.legality_opinion_on
            assert decision.legality_opinion_on < decision.meeting_on <= decision.decided_on
            if not decision.participation_exempt:
                # Art. 15: 30 days from the day after the notice (rolled past a holiday).
                assert (decision.comment_closes_on - decision.comment_opens_on).days >= 30
                assert decision.comment_closes_on < decision.answers_published_on
                assert not decision.comments.filter(answer="").exists()
            if decision.risk_triggered:
                assert decision.risk_on is not None
        assert decided.exclude(legality_case_number="").exists()
        comments = _figure("decision.public_comments").value
        assert comments == Comment.objects.filter(received_on__year=LAST_YEAR).count() > 0
        assert Comment.objects.filter(answer=Answer.NOT_ADOPTED).exclude(reasons="").exists()
        assert not Comment.objects.filter(answer=Answer.NOT_ADOPTED, reasons="").exists()

    def test_the_history_has_its_events_and_replayed_clocks(self, built):
        """Written through decisions.history: one event per step on its day, and the
        publication clock (20 working days from the decision, ❓ Art. 32) replayed — stopped on
        the publication, or running as the deadline of a decision not yet published."""
        from cases.models import CaseEvent, Clock, ClockState

        decided = MajorDecision.objects.filter(decided_on__year=LAST_YEAR).order_by("number")
        for decision in decided:
            events = list(CaseEvent.for_case(decision).order_by("version")
                          .values_list("transition", "on_date"))  # fmt: skip
            assert len(events) == decision.version
            assert events[0] == ("register", decision.started_on)
            assert ("legality_review", decision.legality_opinion_on) in events
            assert ("decide", decision.decided_on) in events
            clock = Clock.for_case(decision).get(key="publication")
            assert clock.started_on == decision.decided_on
            if decision.published_on:
                assert ("publish", decision.published_on) in events
                assert (clock.state, clock.stopped_on) == (ClockState.STOPPED,
                                                           decision.published_on)  # fmt: skip
                assert decision.published_on_time and decision.due_date is None
            else:
                assert decision.due_date == clock.due_date
        assert _figure("decision.published_on_time_rate").value == 100
        exempt = MajorDecision.objects.filter(participation_exempt=True).first()
        if exempt is not None:
            assert CaseEvent.for_case(exempt).filter(transition="exempt_participation").exists()

    def test_the_logins_have_open_work_through_the_engine(self, built):
        for slug in demo.FOCUS_DISTRICTS.values():
            staff = User.objects.get(username=f"{slug}_staff")
            agency = User.objects.get(username=f"{slug}_agency")
            department = agency.primary_membership.organization
            mine = MajorDecision.objects.filter(assignee=staff, state=S.STARTED)
            # The department's own decision, its draft out for comment until after today.
            own = mine.get(decision_maker=department)
            assert own.comment_opens_on < TODAY <= own.comment_closes_on
            assert own.comments.filter(received_on=TODAY).exists()
            # The government's, the period over, comments to answer.
            other = mine.exclude(decision_maker=department).get()
            assert other.comment_closes_on < TODAY
            assert other.comments.filter(answer="").count() == 4


def test_the_same_seed_and_date_give_the_same_rows(regions):
    def snapshot(seed):
        with transaction.atomic(), time_machine.travel(NOW, tick=False):
            _build(seed)
            data = {
                "decisions": list(MajorDecision.objects.order_by("number", "region_code")
                                  .values_list("number", "title", "state", "decided_on")),
                "comments": list(Comment.objects.order_by("decision__number", "number")
                                 .values_list("decision__number", "number", "body", "answer")),
            }  # fmt: skip
            transaction.set_rollback(True)
        return data

    first = snapshot(11)
    assert len(first["decisions"]) > 50
    assert snapshot(11) == first
    assert snapshot(12)["decisions"] != first["decisions"]
