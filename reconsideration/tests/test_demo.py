"""The demo's administrative reconsideration: calibrated on the sample reports (白云 2019: 综合纠错率
33.5%; 海珠 2020: 33.3%, 30% of the cases about enterprises mediated), consistent with the
process (行政复议法 2023: acceptance review within 5 working days, Art. 30; corrections, Art. 31;
copy and answer, Arts. 48, 54; hearings of major cases, Art. 50; suspension, Art. 39; decision
within 60 or 30 days, Art. 62; decisions, Arts. 63–69; mediation and settlement, Arts. 73, 74),
deterministic for a seed and a date, and open work for the demo logins.

The builder is called directly on a world built with the core demo and the holiday calendar
only (reconsideration.apps does not register it yet). Built on the test day (conftest:
FAZHI_TEST_TODAY, 10:00), with the clock stopped there.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter, defaultdict
from io import StringIO

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction

from cases import engine, selectors
from cases.calendar import get_calendar
from cases.models import CaseEvent, Clock, NumberSequence
from conftest import frozen_today, moved_now
from core import demo
from core.models import Organization, OrganizationKind, Party, PartyKind, User
from core.validators import validate_credit_code, validate_resident_id
from reconsideration.choices import CORRECTING, Procedure, Side
from reconsideration.models import ReconParty, ReconsiderationCase
from reconsideration.process import RECONSIDERATION_PROCESS, S
from reconsideration.services import respondents

TODAY = frozen_today()
NOW = moved_now()
LAST_YEAR = TODAY.year - 1
pytestmark = pytest.mark.django_db


def _module():
    """reconsideration.demo, imported without leaving its registration behind: until
    reconsideration.apps imports it, the other lines' demo tests do not build it."""
    before = list(demo._BUILDERS)
    from reconsideration import demo as module

    demo._BUILDERS[:] = before
    return module


def _build(seed: int) -> demo.DemoWorld:
    """The small core world (with the holiday calendar), then this line's builder."""
    calendar_only = [b for b in demo._BUILDERS if b[1] == "calendar"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "_BUILDERS", calendar_only)
        world = demo.build(seed=seed, today=TODAY)
    _module().build(world)
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
    return CaseEvent.objects.filter(
        case_type=ContentType.objects.get_for_model(ReconsiderationCase)
    )


def _clocks(case) -> dict[str, Clock]:
    return {c.key: c for c in Clock.for_case(case)}


class TestSmallDemo:
    def test_three_years_calibrated_on_the_samples(self, built):
        cases = ReconsiderationCase.objects.all()
        # A few hundred cases in all; a fiftieth of 广州's ~7,100 applications a year.
        assert 250 <= cases.count() <= 600
        received = cases.filter(received_at__year=LAST_YEAR)
        # (The open work, 14 cases a focus district received in the last 60 days or so, falls
        # in last year on a day early in January.)
        assert 110 <= received.count() <= 180 + 42
        assert cases.filter(received_at__year=LAST_YEAR - 1).exists()
        assert not cases.filter(received_at__gt=NOW).exists()
        # Acceptance (Art. 30): about 91% accepted, the rest not accepted or withdrawn.
        accepted = received.filter(accepted_on__isnull=False).count()
        assert 0.85 <= accepted / received.count() <= 0.96
        assert received.filter(state=S.REFUSED).exists()
        # The last full year's conclusions: direct correction ~17% of decisions, overall
        # ~33.5% of conclusions (statutes §8), mediation and settlement ~30%.
        concluded = cases.filter(concluded_on__year=LAST_YEAR)
        decided = concluded.filter(outcome="decided")
        direct = decided.filter(decision_type__in=sorted(CORRECTING)).count()
        assert 0.12 <= direct / decided.count() <= 0.22
        agreed = concluded.filter(outcome__in=["mediated", "settled", "withdrawn"],
                                  respondent_corrected=True).count()  # fmt: skip
        assert 0.28 <= (direct + agreed) / concluded.count() <= 0.40
        mediated = concluded.filter(outcome__in=["mediated", "settled"]).count()
        assert 0.22 <= mediated / concluded.count() <= 0.38
        outcomes = Counter(concluded.values_list("outcome", flat=True))
        assert outcomes.most_common(1)[0][0] == "decided"
        assert {"decided", "mediated", "settled", "withdrawn"} <= set(outcomes)
        # 简案快办: a large share on the simplified procedure (Art. 53), always on a ground.
        procedures = Counter(
            cases.filter(accepted_on__year=LAST_YEAR).values_list("procedure", flat=True)
        )
        assert 0.3 <= procedures[Procedure.SIMPLIFIED] / sum(procedures.values()) <= 0.6
        assert not cases.filter(procedure=Procedure.SIMPLIFIED, simplified_ground="").exists()
        assert not cases.filter(procedure=Procedure.SIMPLIFIED, major=True).exists()
        # Hearings: every concluded major case was heard before its conclusion (Art. 50).
        heard = cases.filter(hearing_held_on__isnull=False)
        assert heard.exists()
        for case in cases.filter(major=True, concluded_on__isnull=False):
            assert case.hearing_held_on and case.hearing_held_on <= case.concluded_on, case
        # 确认无效 only on request (Art. 67), 驳回复议请求 only for a failure to act (Art. 69).
        assert not cases.filter(decision_type="declare_void", requests_void=False).exists()
        assert (
            not cases.filter(decision_type="reject_claim")
            .exclude(act_type="failure_to_act")
            .exists()
        )

    def test_every_bureau_handles_cases_against_the_agencies_of_its_jurisdiction(self, built):
        bureaus = Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU,
                                              region__code__startswith="4401")  # fmt: skip
        handling = set(ReconsiderationCase.objects.values_list("organization_id", flat=True))
        assert handling == set(bureaus.values_list("pk", flat=True))
        for bureau in bureaus:
            allowed = set(respondents(bureau).values_list("pk", flat=True))
            used = set(
                ReconsiderationCase.objects.filter(organization=bureau).values_list(
                    "respondent_id", flat=True
                )
            )
            assert used <= allowed, bureau
        # The district governments' cases go to the city's bureau.
        governments = ReconsiderationCase.objects.filter(respondent__name__endswith="人民政府")
        assert governments.exists()
        assert set(governments.values_list("organization__region_id", flat=True)) == {
            demo.CITY_CODE
        }
        # The agencies the builder adds are there once, however often it runs.
        assert Organization.objects.filter(name="广州市公安局海珠区分局").count() == 1
        assert _module().ensure_agencies(built) == []

    def test_parties_are_valid(self, built):
        applicants = Party.objects.filter(
            pk__in=ReconParty.objects.filter(side=Side.APPLICANT).values("party_id")
        )
        assert applicants.filter(kind=PartyKind.ORGANIZATION).exists()
        for party in applicants:
            if party.kind == PartyKind.PERSON:
                assert validate_resident_id(party.id_number) == party.id_number
            else:
                assert validate_credit_code(party.credit_code) == party.credit_code
        assert not ReconsiderationCase.objects.exclude(
            pk__in=ReconParty.objects.filter(side=Side.APPLICANT).values("case_id")
        ).exists()

    def test_states_stand_in_their_bands(self, built):
        states = Counter(ReconsiderationCase.objects.values_list("state", flat=True))
        total = sum(states.values())
        assert states[S.DECIDED] / total >= 0.35
        assert 0.03 <= states[S.REFUSED] / total <= 0.12
        # Open: the history's recent applications and the open work of three focus districts.
        assert 9 <= states[S.SUBMITTED] <= 40
        assert states[S.CORRECTION] == 3  # the open work's only (Art. 31)
        assert 27 <= states[S.ACCEPTED] <= 90
        assert states[S.SUSPENDED] == 6  # two per focus district (Art. 39)
        assert {S.MEDIATED, S.WITHDRAWN, S.TERMINATED, S.REJECTED} <= set(states)
        assert S.ABANDONED not in states  # none in the history (Art. 31)

    def test_numbers_events_and_clocks_are_the_engines(self, built):
        # Numbers: gap-free per bureau and year, in order of receipt, by the bureau's rule.
        seqs = defaultdict(list)
        for org, year, seq, number in ReconsiderationCase.objects.order_by(
            "received_at", "id"
        ).values_list("organization_id", "number_year", "number_seq", "number"):
            seqs[org, year].append(seq)
            assert re.fullmatch(rf"（{year}）穗\S?行复字第{seq:04d}号", number), number
        for (org, year), values in seqs.items():
            assert values == list(range(1, len(values) + 1)), (org, year)
            sequence = NumberSequence.objects.get(
                organization_id=org, year=year, series="reconsideration"
            )
            assert sequence.last == len(values)
        # One event per step: the first the registration, versions 1, 2, …, each step from the
        # state the one before left, the last in the case's state.
        events = defaultdict(list)
        for case_id, name, before, after, version, at in (
            _events()
            .order_by("at", "id")
            .values_list("case_id", "transition", "from_state", "to_state", "version", "at")
        ):
            events[case_id].append((name, before, after, version))
            assert at <= NOW
        cases = list(ReconsiderationCase.objects.all())
        for case in cases:
            steps = events[case.pk]
            assert steps[0][0] == "register" and steps[-1][2] == case.state, case
            assert [v for *_x, v in steps] == list(range(1, case.version + 1)), case
            for (_n, _b, after, _v), (name, before, _a, _w) in itertools.pairwise(steps):
                assert before == after, (case, name)
        # Clocks: the acceptance review on every case; the decision period on every accepted
        # one, by procedure; the case's deadline the earliest of its running or paused staff
        # clocks' (cases.clocks.current_deadline).
        for case in cases:
            clocks = _clocks(case)
            assert "acceptance" in clocks, case
            if case.accepted_on:
                key = "decision_simplified" if case.procedure == "simplified" else "decision"
                assert key in clocks, case
            running = [c for c in clocks.values() if c.state != "stopped"
                       and RECONSIDERATION_PROCESS.clock(c.key).sets_case_due]  # fmt: skip
            if case.closed_at:
                assert not running and case.due_date is None, case
            else:
                assert case.due_date == min((c.due_date for c in running), default=None), case

    def test_periods_are_kept(self, built):
        """Accepted or not within the 5 working days of Art. 30; decided within 60 days, or 30
        on the simplified procedure (Art. 62), the days suspended not counted."""
        late_reviews = []
        for case in ReconsiderationCase.objects.all():
            clocks = _clocks(case)
            acceptance = clocks["acceptance"]
            if acceptance.state == "stopped":
                assert acceptance.stopped_on <= acceptance.due_date, case
            elif acceptance.due_date < TODAY:
                late_reviews.append(case)
            for key in ("decision", "decision_simplified"):
                clock = clocks.get(key)
                if clock and clock.state == "stopped":
                    assert clock.stopped_on <= clock.due_date, (case, key)
            if case.processing_days is not None:
                limit = 30 if case.procedure == Procedure.SIMPLIFIED else 60
                assert 0 <= case.processing_days <= limit, case
        # Only the open work's application whose review period has passed (one per focus
        # district), which may be deemed accepted (Art. 30 ¶3).
        assert len(late_reviews) == 3
        assert all(c.assignee and c.assignee.username.endswith("_staff") for c in late_reviews)
        concluded = ReconsiderationCase.objects.filter(processing_days__isnull=False)
        mean = sum(concluded.values_list("processing_days", flat=True)) / concluded.count()
        assert 15 <= mean <= 40

    def test_roll_ups_of_the_demo_equal_its_live_figures(self, built):
        """`fazhi rollups check` passes after `refresh`, the line's indicators included."""
        from indicators.models import Rollup
        from reconsideration import indicators  # noqa: F401  (registers them)

        call_command("rollups", "refresh", stdout=StringIO())
        assert Rollup.objects.filter(measure__startswith="reconsideration.",
                                     month__year=LAST_YEAR).exists()  # fmt: skip
        out = StringIO()
        for region in ("4401", "440105", "440111"):
            call_command("rollups", "check", "--region", region, "--year", str(LAST_YEAR),
                         stdout=out)  # fmt: skip
        assert out.getvalue().count("月度汇总与实时数据一致") == 3

    def test_demo_staff_have_open_work_in_every_open_state(self, built, settings):
        settings.FAZHI_DUE_SOON_DAYS = 3
        calendar = get_calendar()
        logins = {username for username, _role, _org in built.logins}
        assert sum(1 for name in logins if name.startswith("查询码 ")) == 3
        for slug in demo.FOCUS_DISTRICTS.values():
            staff = User.objects.get(username=f"{slug}_staff")
            bureau = staff.primary_membership.organization
            assert bureau.kind == OrganizationKind.JUSTICE_BUREAU
            mine = ReconsiderationCase.objects.filter(organization=bureau, assignee=staff,
                                                      closed_at__isnull=True)  # fmt: skip
            assert {S.SUBMITTED, S.CORRECTION, S.ACCEPTED, S.SUSPENDED} <= set(
                mine.values_list("state", flat=True)
            ), slug
            accepted = mine.filter(state=S.ACCEPTED)
            assert accepted.filter(copy_sent_on__isnull=True).exists()  # waiting for the copy
            assert accepted.filter(
                copy_sent_on__isnull=False, answer_received_on__isnull=True
            ).exists()  # the answer
            assert accepted.filter(answer_received_on__isnull=False).exists()  # the decision
            hearing = accepted.get(major=True, hearing_on__isnull=False)
            assert hearing.hearing_on > TODAY and hearing.hearing_held_on is None
            suspended = mine.filter(state=S.SUSPENDED)
            assert {c.suspension_ground for c in suspended} == {"1", "8"}
            for case in suspended:
                assert _clocks(case)["decision"].state == "paused"
            online = ReconsiderationCase.objects.get(organization=bureau,
                                                     tracking_code__gt="")  # fmt: skip
            assert online.assignee is None and online.state == S.SUBMITTED
            work = selectors.worklist(staff, today=TODAY)
            assert len(work.mine) >= 12 and work.unclaimed and work.overdue
            # Something due soon, unless no working day comes within FAZHI_DUE_SOON_DAYS.
            if any(calendar.is_workday(TODAY + datetime.timedelta(days=d)) for d in range(4)):
                assert work.due_soon, slug

    def test_the_agency_login_sees_the_cases_against_its_agency(self, built):
        for slug in demo.FOCUS_DISTRICTS.values():
            user = User.objects.get(username=f"{slug}_agency")
            agency = user.primary_membership.organization
            seen = ReconsiderationCase.objects.restrict(user)
            assert seen.count() >= 8, slug
            assert set(seen.values_list("respondent_id", flat=True)) == {agency.pk}
            assert seen.filter(closed_at__isnull=False).exists()  # its history
            waiting = seen.filter(state=S.ACCEPTED, copy_sent_on__isnull=False,
                                  answer_received_on__isnull=True)  # fmt: skip
            assert waiting.count() >= 3, slug
        # The answer is the agency's to submit (Art. 48), through the engine: the open work's
        # copies were sent through it, so the answer's period runs.
        user = User.objects.get(username="haizhu_agency")
        waiting = ReconsiderationCase.objects.restrict(user).filter(
            state=S.ACCEPTED, procedure=Procedure.ORDINARY, copy_sent_on__isnull=False,
            answer_received_on=None, assignee__isnull=False,
        )  # fmt: skip
        case = waiting.order_by("received_at").first()
        assert _clocks(case)["answer"].state == "running"
        case = engine.fire(case, "submit_answer", actor=user, version=case.version,
                           data={"on_date": TODAY.isoformat(), "answer": "认定事实清楚。"})  # fmt: skip
        assert case.answer_received_on == TODAY
        assert _clocks(case)["answer"].state == "stopped"

    def test_open_work_goes_on_through_the_engine(self, built):
        """The open cases are what the engine expects: the next steps fire as in the running
        system (Arts. 30, 31, 39, 50)."""
        staff = User.objects.get(username="haizhu_staff")
        bureau = staff.primary_membership.organization
        today = TODAY.isoformat()
        mine = ReconsiderationCase.objects.filter(organization=bureau, assignee=staff)
        late = next(c for c in mine.filter(state=S.SUBMITTED)
                    if _clocks(c)["acceptance"].due_date < TODAY)  # fmt: skip
        case = engine.fire(late, "deem_accepted", actor=staff, version=late.version)
        assert case.state == S.ACCEPTED and case.deemed_accepted
        waiting = mine.get(state=S.CORRECTION)
        case = engine.fire(waiting, "corrections_received", actor=staff,
                           version=waiting.version, data={"on_date": today})  # fmt: skip
        assert case.state == S.SUBMITTED and _clocks(case)["acceptance"].state == "running"
        suspended = mine.get(state=S.SUSPENDED, suspension_ground="8")
        case = engine.fire(suspended, "resume", actor=staff, version=suspended.version,
                           data={"on_date": today, "reason": "相关案件已审结。"})  # fmt: skip
        assert case.state == S.ACCEPTED and _clocks(case)["decision"].state == "running"
        heard = mine.get(state=S.ACCEPTED, major=True)
        held = datetime.datetime.combine(heard.hearing_on, NOW.timetz())
        with time_machine.travel(held, tick=False):
            case = engine.fire(heard, "hold_hearing", actor=staff, version=heard.version,
                               data={"on_date": heard.hearing_on.isoformat()})  # fmt: skip
            case = engine.fire(case, "decide", actor=staff, version=case.version, data={
                "on_date": heard.hearing_on.isoformat(), "decision_type": "uphold",
                "reasons": "认定事实清楚，证据确凿，适用依据正确，程序合法。"})  # fmt: skip
        assert case.state == S.DECIDED and case.processing_days > 0


def _snapshot() -> dict:
    """What the build wrote, by case number (ids aside)."""
    ct = ContentType.objects.get_for_model(ReconsiderationCase)
    numbers = dict(ReconsiderationCase.objects.values_list("pk", "number"))
    cases = sorted(
        ReconsiderationCase.objects.values_list(
            "number", "state", "outcome", "received_at", "accepted_on", "concluded_on",
            "procedure", "decision_type", "respondent__name", "act_description",
            "processing_days", "respondent_corrected", "assignee__username", "due_date",
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
        for case_id, *rest in ReconParty.objects.values_list(
            "case_id", "side", "party__name", "party__phone"
        )
    )
    return {"cases": cases, "events": events, "clocks": clocks, "parties": parties}


def test_the_same_seed_and_date_give_the_same_rows(regions):
    def snapshot(seed):
        with transaction.atomic(), time_machine.travel(NOW, tick=False):
            _build(seed)
            data = _snapshot()
            transaction.set_rollback(True)
        return data

    first = snapshot(11)
    assert len(first["cases"]) > 200 and len(first["events"]) > len(first["cases"])
    assert snapshot(11) == first
    assert snapshot(12)["cases"] != first["cases"]
