"""The demo's administrative litigation response: calibrated on the figures of issue 13 and the
sample reports (广州 5,249 first-instance cases and 1,780 head appearances a year; 白云 2019:
胜诉率 94.02%, 282 cases of which 147 first instance; 海珠 2020: 33 first-instance against 31
second-instance and retrial cases, 负责人出庭应诉率 44%), consistent with the process (行政诉讼法
2017: answer within 15 days of service, Art. 67; first instance within 6 months of filing,
Art. 81; appeal within 15 days of a judgment's service, 10 of a ruling's, Art. 85; second
instance, Arts. 85–89; retrial, Arts. 90, 91; the notice to appear served on the head three
days before the hearing, Provisions Art. 5), deterministic for a seed and a date, with open
work for the demo logins.

The builder is called directly on a world built with the core demo and the holiday calendar
only (and, for the links, the reconsideration demo), on the test day (conftest:
FAZHI_TEST_TODAY, 10:00), with the clock stopped there.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from cases import engine, selectors
from cases.calendar import get_calendar
from cases.models import CaseEvent, CaseLink, ChallengedAct, Clock
from conftest import frozen_today, moved_now
from core import demo
from core.models import Party, PartyKind, User
from core.validators import validate_credit_code, validate_resident_id
from indicators.registry import Period, registry
from litigation import demo as litigation_demo
from litigation.choices import DECIDED, LOSSES, WINS, Appellant, Judgment, Side, TrialLevel
from litigation.models import Hearing, LitigationCase, LitigationParty, Recommendation
from litigation.process import LITIGATION_PROCESS, S

TODAY = frozen_today()
NOW = moved_now()
LAST_YEAR = TODAY.year - 1
pytestmark = pytest.mark.django_db


def _build(seed: int, lines=("calendar",)) -> demo.DemoWorld:
    """The small core world with the builders named in `lines`, then this line's builder."""
    chosen = [b for b in demo._BUILDERS if b[1] in lines]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "_BUILDERS", chosen)
        world = demo.build(seed=seed, today=TODAY)
    litigation_demo.build(world)
    return world


@pytest.fixture(scope="class")
def built(django_db_setup, django_db_blocker):
    """One small demo for the class's tests (each runs in a savepoint of it), rolled back at
    its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            world = _build(11)
        yield world
        transaction.set_rollback(True)


def _events():
    return CaseEvent.objects.filter(case_type=ContentType.objects.get_for_model(LitigationCase))


def _clocks(case) -> dict[str, Clock]:
    return {c.key: c for c in Clock.for_case(case)}


def _figure(key, prefix="4401", year=LAST_YEAR):
    return registry.get(key).compute(prefix, Period.year(year))


class TestSmallDemo:
    def test_three_years_calibrated_on_the_figures(self, built):
        cases = LitigationCase.objects.all()
        first = cases.filter(trial_level=TrialLevel.FIRST)
        # A fiftieth of 广州's 5,249 first-instance cases a year (105), within the yearly
        # growth of ±10% and the rounding per unit. (The open work, 8 cases a focus district
        # served in the last hundred days, falls in last year on a day early in January.)
        last_year = first.filter(complaint_served_on__year=LAST_YEAR).count()
        assert 90 <= last_year <= 120 + 24
        assert _figure("litigation.first_instance").value == last_year
        assert first.filter(complaint_served_on__year=LAST_YEAR - 1).exists()
        assert not cases.filter(received_at__gt=NOW).exists()
        # Second instance and retrial beside the first instance: ~0.9 a first-instance case
        # once they have run (海珠 2020: 31 beside 33; 白云 2019: 135 beside 147). The latest
        # full year's lawsuits have mostly run their course by now.
        earlier_year = cases.filter(complaint_served_on__year=LAST_YEAR)
        later = earlier_year.exclude(trial_level=TrialLevel.FIRST).count()
        assert 0.65 <= later / last_year <= 1.1
        assert earlier_year.filter(trial_level=TrialLevel.RETRIAL).exists()
        # 负责人出庭应诉率 (statutes §8), through the indicator: 1,780 appearances in 5,249
        # first-instance cases, ~42% of those heard; fewer at the later levels.
        rate = _figure("litigation.head_appearance_rate")
        assert rate.denominator >= 80
        assert Decimal("34") <= rate.value <= Decimal("48")
        by_level = registry.get("litigation.head_appearance_rate").breakdowns["trial_level"](
            "4401", Period.year(LAST_YEAR)
        )
        first_level = by_level[str(TrialLevel.FIRST.label)]
        assert 0.34 <= first_level["numerator"] / first_level["denominator"] <= 0.5
        # 胜诉率 94% (白云 2019: 94.02%) over the first-instance cases decided, withdrawals and
        # mediation left out; win rate + loss rate = 100%.
        win = _figure("litigation.win_rate")
        loss = _figure("litigation.loss_rate")
        assert win.denominator >= 60
        assert Decimal("91") <= win.value <= Decimal("97.5")
        assert win.value + loss.value == Decimal("100.00")
        decided = first.filter(decided_on__year=LAST_YEAR, state=S.CONCLUDED)
        assert decided.filter(judgment_type__in=sorted(DECIDED)).count() == win.denominator
        ends = Counter(decided.values_list("judgment_type", flat=True))
        assert 0.65 <= win.denominator / sum(ends.values()) <= 0.92  # 白云: 117 of 147
        assert {Judgment.WITHDRAWN, Judgment.DISMISS_SUIT, Judgment.REJECT_CLAIMS} <= set(ends)
        assert set(ends) & LOSSES
        # Every loss names its ground and reasons; no win or withdrawal does.
        for case in cases.filter(state=S.CONCLUDED):
            lost = case.judgment_type in LOSSES
            assert bool(case.loss_ground) == lost and bool(case.loss_reasons) == lost, case
        # Only a later level ends by upholding or remanding (Art. 89).
        assert not first.filter(judgment_type__in=[Judgment.UPHELD, Judgment.REMANDED]).exists()
        # Judicial recommendations (Art. 66; Provisions Art. 12), replied to within four
        # weeks: those received earlier all have their reply, none before its receipt.
        recommendations = Recommendation.objects.filter(case__assignee__isnull=True)
        assert recommendations.exists()
        month = TODAY - datetime.timedelta(days=28)
        assert not recommendations.filter(received_on__lt=month, replied_on__isnull=True).exists()
        for recommendation in recommendations.filter(replied_on__isnull=False):
            assert recommendation.received_on < recommendation.replied_on < TODAY
            if recommendation.reply_due:
                assert recommendation.replied_on <= recommendation.reply_due

    def test_the_defendants_are_the_agencies_and_their_courts(self, built):
        cases = LitigationCase.objects.select_related("organization")
        assert {c.organization.kind for c in cases} == {"agency"}
        assert all(c.region_code == c.organization.region_id for c in cases)
        assert all(c.team_id == c.organization_id for c in cases)
        # A district's agencies in the district's court, the city's in 越秀 (Art. 18);
        # appeals in the intermediate court (行终), petitions above it (行申).
        for case in cases.filter(trial_level=TrialLevel.FIRST):
            if case.organization.name.endswith("人民政府"):  # a district's government
                assert "粤01行初" in case.court_case_number, case
            elif case.region_code[4:6] != "00":  # a district's department
                code = f"（{case.filed_on.year}）粤{case.region_code[2:6]}行初"
                assert case.court_case_number.startswith(code), case
                assert case.court.endswith("区人民法院"), case.court
            else:
                assert "粤0104行初" in case.court_case_number, case
        for case in cases.filter(trial_level=TrialLevel.SECOND):
            assert re.fullmatch(r"（\d{4}）粤(01)?行终\d+号", case.court_case_number), case
        for case in cases.filter(trial_level=TrialLevel.RETRIAL):
            assert re.fullmatch(r"（\d{4}）(粤|最高法)行申\d+号", case.court_case_number), case
        # The defendants of a district, and the city's own.
        regions = set(cases.values_list("region_code", flat=True))
        assert {"440100000000", "440105000000", "440111000000", "440106000000"} <= regions

    def test_each_later_level_follows_an_appeal_or_a_petition(self, built):
        """An appeal within 15 days of a judgment's service, 10 of a ruling's (Art. 85), made
        the second-instance case; a petition after an upheld appeal the retrial."""
        for case in LitigationCase.objects.exclude(trial_level=TrialLevel.FIRST).select_related(
            "earlier"
        ):
            earlier = case.earlier
            assert earlier is not None and earlier.organization_id == case.organization_id
            assert earlier.state == S.CONCLUDED
            assert case.complaint_served_on > earlier.judgment_served_on
            assert case.court_case_key != earlier.court_case_key
            assert case.act_number == earlier.act_number and case.cause == earlier.cause
            if case.trial_level == TrialLevel.SECOND:
                assert earlier.trial_level == TrialLevel.FIRST and earlier.appealed_on
                assert earlier.appealed_on < case.complaint_served_on
            else:
                assert earlier.trial_level == TrialLevel.SECOND
                assert earlier.judgment_type == Judgment.UPHELD
        appealed = LitigationCase.objects.filter(appealed_on__isnull=False)
        assert appealed.filter(appellant=Appellant.AGENCY).exists()
        for case in appealed:
            window = 10 if case.judgment_type == Judgment.DISMISS_SUIT else 15
            assert 0 <= (case.appealed_on - case.judgment_served_on).days <= window, case
            assert case.judgment_type in LOSSES | WINS
            if case.appellant == Appellant.AGENCY:
                assert case.judgment_type in LOSSES
        # Most appealed first-instance cases have their second-instance case already; those
        # that do not were appealed in the last weeks.
        later = set(LitigationCase.objects.values_list("earlier_id", flat=True))
        waiting = appealed.exclude(pk__in=later)
        assert all((TODAY - c.appealed_on).days <= 50 for c in waiting)

    def test_parties_are_valid(self, built):
        plaintiffs = Party.objects.filter(
            pk__in=LitigationParty.objects.filter(side=Side.PLAINTIFF).values("party_id")
        )
        assert plaintiffs.filter(kind=PartyKind.ORGANIZATION).exists()
        for party in plaintiffs:
            if party.kind == PartyKind.PERSON:
                assert validate_resident_id(party.id_number) == party.id_number
            else:
                assert validate_credit_code(party.credit_code) == party.credit_code
        assert not LitigationCase.objects.exclude(
            pk__in=LitigationParty.objects.filter(side=Side.PLAINTIFF).values("case_id")
        ).exists()
        # The same plaintiff at every level of a lawsuit.
        for case in LitigationCase.objects.filter(earlier__isnull=False)[:50]:
            names = [p.name for p in case.parties_on(Side.PLAINTIFF)]
            assert names == [p.name for p in case.earlier.parties_on(Side.PLAINTIFF)]

    def test_hearings_follow_their_notice_and_name_who_appeared(self, built):
        """The notice to appear reaches the head at least three days before the hearing
        (Provisions Art. 5: served on 1 June, the hearing on 4 June at the earliest); a head
        appearing is named with a qualifying position (Art. 2), an absence is explained
        (Art. 8); the case sums its hearings up (first heard, head appeared, Art. 7)."""
        hearings = Hearing.objects.select_related("case")
        assert hearings.filter(held_on__isnull=True).exists()  # scheduled, still to come
        for hearing in hearings:
            case = hearing.case
            assert (hearing.hearing_on - hearing.notice_served_on).days >= 3, hearing
            assert hearing.notice_served_on >= case.complaint_served_on, hearing
            if hearing.held_on is None:
                assert hearing.hearing_on >= TODAY and case.state == S.PENDING
                continue
            assert hearing.held_on == hearing.hearing_on and hearing.held_on < TODAY
            if case.decided_on and case.state == S.CONCLUDED:
                assert hearing.held_on <= case.decided_on
            if hearing.head_appeared:
                assert hearing.head_name and hearing.head_position and not hearing.absence_ground
            else:
                assert hearing.absence_ground and not hearing.head_name
        for case in LitigationCase.objects.prefetch_related("hearings"):
            held = [h for h in case.hearings.all() if h.held_on]
            assert case.first_heard_on == min((h.held_on for h in held), default=None), case
            assert case.head_appeared == any(h.head_appeared for h in held), case
        # Every judgment on the merits at first instance was heard (Art. 54).
        assert not LitigationCase.objects.filter(
            trial_level=TrialLevel.FIRST, judgment_type__in=sorted(LOSSES | {"reject_claims"}),
            first_heard_on__isnull=True,
        ).exists()  # fmt: skip

    def test_events_and_clocks_are_the_engines(self, built):
        """One event per step, versions 1, 2, …; the clocks of litigation.process on every
        case: the answer on every first-instance case (Art. 67), stopped by the answer or the
        conclusion; the first-instance term (Art. 81); the appeal windows (Art. 85)."""
        events = defaultdict(list)
        for case_id, name, before, after, version, at in (
            _events()
            .order_by("at", "id")
            .values_list("case_id", "transition", "from_state", "to_state", "version", "at")
        ):
            events[case_id].append((name, before, after, version))
            assert at <= NOW
        cases = list(LitigationCase.objects.all())
        for case in cases:
            steps = events[case.pk]
            assert steps[0][0] == "register" and steps[-1][2] == case.state, case
            assert [v for *_x, v in steps] == list(range(1, case.version + 1)), case
            for (_n, _b, after, _v), (name, before, _a, _w) in itertools.pairwise(steps):
                assert before == after, (case, name)
        for case in cases:
            clocks = _clocks(case)
            if case.trial_level == TrialLevel.FIRST:
                assert {"answer", "first_instance_term"} <= set(clocks), case
                answer = clocks["answer"]
                assert answer.started_on == case.complaint_served_on
                if case.answer_submitted_on:
                    assert answer.state == "stopped"
                    assert answer.stopped_on == case.answer_submitted_on <= answer.due_date
                term = clocks["first_instance_term"]
                if case.state == S.CONCLUDED:
                    assert term.state == "stopped" and term.stopped_on <= term.due_date, case
                if case.appealed_on:
                    key = "appeal_ruling" if case.judgment_type == "dismiss_suit" else "appeal"
                    assert clocks[key].state == "stopped", case
                    assert clocks[key].stopped_on <= clocks[key].due_date, case
            else:
                assert not clocks, case  # no clock runs at the later levels
            running = [c for c in clocks.values() if c.state != "stopped"
                       and LITIGATION_PROCESS.clock(c.key).sets_case_due]  # fmt: skip
            if case.closed_at:
                assert not running and case.due_date is None, case
            else:
                assert case.due_date == min((c.due_date for c in running), default=None), case
        # The periods counted as the Civil Procedure Law counts them (statutes.md §10): the
        # answer 15 days from the service (Art. 67) — served on Friday 2026-05-22, due on
        # Saturday 06-06, so on Monday 06-08; the appeal 15 days from the service of a
        # judgment, 10 of a ruling dismissing the suit (Art. 85).
        calendar = get_calendar()
        assert calendar.next_workday(datetime.date(2026, 6, 6)) == datetime.date(2026, 6, 8)

        def period(start, days):
            end = start + datetime.timedelta(days=days)
            return end if calendar.is_workday(end) else calendar.next_workday(end)

        for case in cases:
            clocks = _clocks(case)
            if "answer" in clocks:
                assert clocks["answer"].due_date == period(case.complaint_served_on, 15), case
            for key, days in (("appeal", 15), ("appeal_ruling", 10)):
                if key in clocks:
                    assert clocks[key].due_date == period(case.judgment_served_on, days), case

    def test_the_logins_have_open_work_with_running_clocks(self, built, settings):
        """For each focus district, the agency login (its 市场监督管理局) and the staff login
        (another agency of the district) each have two cases waiting for the answer (Art. 67:
        served on D, due on D + 15 or the next working day), one with a hearing scheduled
        (Provisions Art. 5) and one concluded within the appeal period (Art. 85: 15 days from
        the service of the judgment)."""
        settings.FAZHI_DUE_SOON_DAYS = 7
        for slug in demo.FOCUS_DISTRICTS.values():
            agency_user = User.objects.get(username=f"{slug}_agency")
            staff = User.objects.get(username=f"{slug}_staff")
            agency = agency_user.primary_membership.organization
            seen = LitigationCase.objects.restrict(agency_user)
            assert set(seen.values_list("organization_id", flat=True)) == {agency.pk}, slug
            assert seen.filter(closed_at__isnull=False).exists()  # its history
            for user in (agency_user, staff):
                mine = LitigationCase.objects.filter(assignee=user)
                if user == agency_user:
                    assert set(mine.values_list("organization_id", flat=True)) == {agency.pk}
                else:
                    assert agency.pk not in set(mine.values_list("organization_id", flat=True))
                waiting = mine.filter(state=S.PENDING, answer_submitted_on__isnull=True)
                assert waiting.count() == 2, (slug, user)
                for case in waiting:
                    answer = _clocks(case)["answer"]
                    assert answer.state == "running" and answer.assignee_id == user.pk
                    assert TODAY <= answer.due_date <= TODAY + datetime.timedelta(days=10)
                    assert case.due_date == answer.due_date
                scheduled = Hearing.objects.get(case__in=mine, held_on__isnull=True)
                assert scheduled.hearing_on > TODAY
                assert (scheduled.hearing_on - scheduled.notice_served_on).days >= 3
                assert scheduled.case.answer_submitted_on is not None
                concluded = mine.get(state=S.CONCLUDED)
                appeal = _clocks(concluded)["appeal"]
                assert appeal.state == "running" and appeal.due_date >= TODAY
                assert concluded.head_appeared == (user == agency_user)
                # 海珠's agency lost, and has a judicial recommendation to reply to.
                lost = slug == "haizhu" and user == agency_user
                assert (concluded.judgment_type in LOSSES) == lost
                if lost:
                    assert concluded.recommendations.get().replied_on is None
                work = selectors.worklist(user, today=TODAY)
                assert len(work.mine) >= 3 and work.due_soon, (slug, user)
                # Their steps are the engine's: events by the login, on the dates given.
                names = set(
                    _events().filter(case_id__in=mine.values("pk"), actor=user)
                    .values_list("transition", flat=True)
                )  # fmt: skip
                assert {"submit_answer", "schedule_hearing", "record_hearing", "conclude"} <= names

    def test_open_work_goes_on_through_the_engine(self, built):
        """The open cases are what the engine expects: the answer (Art. 67), the hearing held
        and who appeared (Provisions Arts. 2, 7), the appeal (Art. 85), the reply."""
        user = User.objects.get(username="haizhu_agency")
        mine = LitigationCase.objects.filter(assignee=user)
        today = TODAY.isoformat()
        waiting = mine.filter(answer_submitted_on__isnull=True).order_by("received_at").first()
        case = engine.fire(waiting, "submit_answer", actor=user, version=waiting.version,
                           data={"on_date": today})  # fmt: skip
        assert _clocks(case)["answer"].state == "stopped" and case.due_date is None
        concluded = mine.get(state=S.CONCLUDED)
        case = engine.fire(concluded, "record_appeal", actor=user, version=concluded.version,
                           data={"on_date": today, "appellant": "agency"})  # fmt: skip
        assert case.appealed_on == TODAY and _clocks(case)["appeal"].state == "stopped"
        case = engine.fire(case, "reply_recommendation", actor=user, version=case.version,
                           data={"on_date": today, "reply": "已整改。"})  # fmt: skip
        assert case.recommendations.get().replied_on == TODAY
        hearing = Hearing.objects.get(case__in=mine, held_on__isnull=True)
        held = datetime.datetime.combine(hearing.hearing_on, NOW.timetz())
        with time_machine.travel(held, tick=False):
            case = engine.fire(hearing.case, "record_hearing", actor=user,
                               version=hearing.case.version, data={
                                   "on_date": hearing.hearing_on.isoformat(),
                                   "head_appeared": True, "head_name": "王局长",
                                   "head_position": "deputy"})  # fmt: skip
        assert case.head_appeared and case.first_heard_on == hearing.hearing_on


def _snapshot() -> dict:
    """What the build wrote, by court case number (ids aside)."""
    ct = ContentType.objects.get_for_model(LitigationCase)
    numbers = dict(LitigationCase.objects.values_list("pk", "number"))
    cases = sorted(
        LitigationCase.objects.values_list(
            "number", "trial_level", "state", "judgment_type", "complaint_served_on",
            "answer_submitted_on", "first_heard_on", "head_appeared", "decided_on",
            "appealed_on", "organization__name", "act_description", "assignee__username",
            "due_date", "earlier__number",
        )
    )  # fmt: skip
    events = sorted(
        (numbers[case_id], *rest)
        for case_id, *rest in CaseEvent.objects.filter(case_type=ct).values_list(
            "case_id", "transition", "on_date", "version", "at"
        )
    )
    clocks = sorted(
        (numbers[case_id], *rest)
        for case_id, *rest in Clock.objects.filter(case_type=ct).values_list(
            "case_id", "key", "started_on", "due_date", "state", "stopped_on"
        )
    )
    parties = sorted(
        (numbers[case_id], *rest)
        for case_id, *rest in LitigationParty.objects.values_list(
            "case_id", "side", "party__name", "party__phone"
        )
    )
    hearings = sorted(
        (numbers[case_id], *rest)
        for case_id, *rest in Hearing.objects.values_list(
            "case_id", "hearing_on", "notice_served_on", "held_on", "head_name", "absence_ground"
        )
    )
    return {"cases": cases, "events": events, "clocks": clocks, "parties": parties,
            "hearings": hearings}  # fmt: skip


def test_the_same_seed_and_date_give_the_same_rows(regions):
    def snapshot(seed):
        with transaction.atomic(), time_machine.travel(NOW, tick=False):
            _build(seed)
            data = _snapshot()
            transaction.set_rollback(True)
        return data

    first = snapshot(11)
    assert len(first["cases"]) > 300 and len(first["events"]) > len(first["cases"])
    assert snapshot(11) == first
    assert snapshot(12)["cases"] != first["cases"]


def test_reconsideration_decisions_go_to_court_with_their_applicants(regions):
    """Built after the reconsideration demo, a share of its decisions on a numbered act is
    taken to court (白云 2019: 77.25% not litigated), served within weeks of the decision
    (Art. 45: 15 days to sue), linked to the decision (CaseLink) with its number and act, the
    applicants as plaintiffs; the district governments it adds are defendants too, sued in
    the intermediate court (Art. 15 (1))."""
    with time_machine.travel(NOW, tick=False):
        _build(11, lines=("calendar", "reconsideration"))
    ct = ContentType.objects.get_for_model(LitigationCase)
    links = CaseLink.objects.filter(case_type=ct, kind=CaseLink.Kind.LITIGATION_OF)
    assert links.exists()
    first = LitigationCase.objects.filter(trial_level=TrialLevel.FIRST)
    linked = first.filter(pk__in=links.values("case_id"))
    target_type = links.first().target_type
    model = target_type.model_class()
    decided = model.objects.filter(
        outcome="decided",
        pk__in=ChallengedAct.objects.filter(case_type=target_type).values("case_id"),
    )
    # The decisions whose lawsuit was served by now: the share within a few.
    assert 0.15 <= linked.count() / decided.count() <= 0.24
    for case in linked:
        link = links.get(case_id=case.pk)
        target = model.objects.get(pk=link.target_id)
        assert case.reconsideration_number == target.number
        decided_on = target.closed_at.date()
        assert 0 < (case.complaint_served_on - decided_on).days <= 30, case
        assert (
            ChallengedAct.normalise(case.act_number)
            == ChallengedAct.objects.get(case_type=target_type, case_id=target.pk).act_number
        )
        assert case.organization_id == target.respondent_id
        assert [p.name for p in case.parties_on(Side.PLAINTIFF)] == [
            p.name for p in target.parties_on("applicant")
        ]
    # The later levels follow the same reconsideration (litigation.services).
    for case in LitigationCase.objects.filter(earlier__in=linked):
        assert links.filter(case_id=case.pk).exists()
    governments = first.filter(organization__name__endswith="人民政府")
    assert governments.exists()
    assert {c.court for c in governments} == {"广州市中级人民法院"}
    assert all("粤01行初" in c.court_case_number for c in governments)


@pytest.mark.heavy
def test_the_province_scale_sues_every_citys_agencies_in_its_courts(regions, monkeypatch):
    """`fazhi demo --scale province` (at a reduced volume here: PER_YEAR patched as the
    other lines' are): each city's agencies are sued in its own courts (深圳: 粤03…)."""
    monkeypatch.setitem(litigation_demo.PER_YEAR, "province", 20)
    with time_machine.travel(NOW, tick=False):
        chosen = [b for b in demo._BUILDERS if b[1] == "calendar"]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(demo, "_BUILDERS", chosen)
            world = demo.build(seed=4, scale="province", today=TODAY)
        litigation_demo.build(world)
    cases = LitigationCase.objects.filter(trial_level=TrialLevel.FIRST)
    cities = {code[:4] for code in cases.values_list("region_code", flat=True)}
    assert cities == {city.code[:4] for city in demo.CITIES}
    for case in cases.filter(region_code__startswith="4403"):
        assert "）粤03" in case.court_case_number and case.court.startswith("深圳市"), case
    # The history's (the open work of 广州's logins aside): 20 a year a city.
    history = cases.filter(complaint_served_on__year=LAST_YEAR, assignee__isnull=True)
    per_city = Counter(c[:4] for c in history.values_list("region_code", flat=True))
    assert all(14 <= n <= 30 for n in per_city.values()), per_city
