"""The demo's legal aid: calibrated on the samples, consistent with the engine's rules, every
draw verifiable (法律援助法第二十六条、第四十三条), and open work for the demo logins."""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter, defaultdict
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction

from cases.calendar import get_calendar
from cases.clocks import excluded_days
from cases.models import CaseEvent, Clock, ClockPause, NumberSequence
from core import demo
from core.models import Lawyer, User
from legalaid import lottery
from legalaid.draws import check_draw
from legalaid.models import (
    AidCase,
    Consultation,
    Draw,
    Evaluation,
    OptIn,
    PoolMember,
    Removal,
    Subsidy,
)
from legalaid.process import AID_PROCESS, S

# Built as of Sunday 22 November 2026, 10:00 (the clock is there too).
TODAY = datetime.date(2026, 11, 22)
NOW = datetime.datetime(2026, 11, 22, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(NOW)]


@pytest.fixture(scope="class")
def built(django_db_setup, django_db_blocker):
    """One small demo for the class's tests (each runs in a savepoint of it), rolled back at
    its end. Built on an emptied database with its id sequences restarted (`demo.reset`, as
    `fazhi demo --reset` does): the draws are keyed on the lawyers' ids (legalaid.lottery), and
    PostgreSQL does not roll sequences back, so without it the world — and which of the demo
    lawyer's cases are still only assigned — would depend on the tests run before on the same
    database."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            demo.reset()
            world = demo.build(seed=11, today=TODAY)
        yield world
        transaction.set_rollback(True)


def _aid_events():
    return CaseEvent.objects.filter(case_type=ContentType.objects.get_for_model(AidCase))


class TestSmallDemo:
    """The small demo, built once for these tests."""

    def test_three_years_of_legal_aid_calibrated_on_the_samples(self, built):
        last_year = AidCase.objects.filter(received_at__year=2025)
        # A hundredth of 广州's ~23,000 applications a year; three consultations per application
        # (白云: 3,037 and 9,059).
        assert 190 <= last_year.count() <= 280
        assert AidCase.objects.filter(received_at__year=2024).exists()
        assert not AidCase.objects.filter(received_at__gt=NOW).exists()
        consultations = Consultation.objects.filter(on_date__year=2025).count()
        assert 2.6 <= consultations / last_year.count() <= 3.4
        # ~95% of decisions grant aid; the review mostly within one working day (Art. 43).
        decided = AidCase.objects.exclude(decision="")
        granted = decided.filter(decision="granted").count()
        assert 0.9 <= granted / decided.count() <= 0.99
        # Cases notified by the police, a procuratorate or a court are aided from receipt
        # without review (Arts. 25, 36): granted on the day of receipt, no review time.
        notified = decided.filter(source="notification")
        assert notified.exists()
        assert not notified.filter(review_days__isnull=False).exists()
        assert not notified.exclude(decision="granted").exists()
        reviewed = decided.filter(review_days__isnull=False)
        within = reviewed.filter(review_within_target=True).count()
        assert within / reviewed.count() >= 0.85
        assert not decided.filter(review_days__gt=7).exists()
        # Every state of the process stands somewhere.
        states = set(AidCase.objects.values_list("state", flat=True))
        assert {s.name for s in AID_PROCESS.states} - states <= {S.WITHDRAWN}, states
        # A realistic mix: wages and criminal defence lead, each matter present.
        categories = Counter(last_year.values_list("category", flat=True))
        assert categories.most_common(2)[0][0] in ("criminal_defence", "wages")
        assert set(last_year.values_list("matter", flat=True)) >= {"civil", "criminal"}
        # Losses recovered: a few thousand yuan per closed case (白云: 1,512.8万 for 3,037).
        closed = AidCase.objects.filter(outcome="closed")
        per_case = sum(closed.values_list("recovered_losses", flat=True)) / closed.count()
        assert 1_500 <= per_case <= 10_000, per_case

    def test_numbers_events_and_clocks_are_the_engines(self, built):
        calendar = get_calendar()
        # Numbers: gap-free per centre and year, in order of receipt, as the numbering rule says.
        seqs = defaultdict(list)
        for org, year, seq, number in AidCase.objects.order_by("received_at", "id").values_list(
            "organization_id", "number_year", "number_seq", "number"
        ):
            seqs[org, year].append(seq)
            assert re.fullmatch(rf"（{year}）穗\S?法援字第{seq:04d}号", number), number
        for (org, year), values in seqs.items():
            assert values == list(range(1, len(values) + 1)), (org, year)
            sequence = NumberSequence.objects.get(organization_id=org, year=year, series="legalaid")
            assert sequence.last == len(values)
        # One event per step, the case's version the number of its events, the last event's state
        # the case's.
        events = defaultdict(list)
        for case_id, name, before, after, version in (
            _aid_events()
            .order_by("at", "id")
            .values_list("case_id", "transition", "from_state", "to_state", "version")
        ):
            events[case_id].append((name, before, after, version))
        for case in AidCase.objects.all():
            steps = events[case.pk]
            assert steps[0][0] == "register" and steps[-1][2] == case.state, case
            assert [v for *_x, v in steps] == list(range(1, case.version + 1)), case
            for (_n, _b, after, _v), (name, before, _a, _w) in itertools.pairwise(steps):
                assert before == after, (case, name)
        # Clocks: the due date of each running clock is the period counted from its start, minus
        # its pauses; the case's deadline is the earliest of them.
        ct = ContentType.objects.get_for_model(AidCase)
        for case in AidCase.objects.filter(closed_at__isnull=True):
            clocks = list(Clock.objects.filter(case_type=ct, case_id=case.pk))
            running = [c for c in clocks if c.state != "stopped"]
            for clock in running:
                pauses = list(ClockPause.objects.filter(clock=clock).values_list("start", "end"))
                due = calendar.count(clock.started_on, clock.length, clock.unit,
                                     excluded_days(pauses, TODAY))  # fmt: skip
                assert clock.due_date == due.date, (case, clock.key)
            assert case.due_date == min((c.due_date for c in running), default=None), case
        paused = Clock.objects.filter(case_type=ct, state="paused")
        assert paused.exists() and all(c.pauses.filter(end__isnull=True).exists() for c in paused)

    def test_every_draw_verifies_and_respects_the_exclusions(self, built):
        drawn = Draw.objects.filter(state=Draw.State.DRAWN)
        assert drawn.count() >= 100
        assert Draw.objects.filter(state=Draw.State.OPEN).exists()
        methods = Counter(drawn.values_list("method", flat=True))
        assert methods["lottery"] > 0.9 * drawn.count()
        for draw in drawn.select_related("winner", "case"):
            assert all(check.ok for check in check_draw(draw)), (draw, check_draw(draw))
            assert lottery.commitment(draw.seed) == draw.commitment
            assert draw.winner_id not in {row["id"] for row in draw.excluded}
            assert draw.case.lawyer_id == draw.winner_id
            if draw.case.life_or_death:  # Art. 26: three years' practice
                assert draw.winner.years_of_practice(draw.case.assigned_on) >= 3
        for draw in Draw.objects.filter(state=Draw.State.OPEN):
            assert lottery.commitment(draw.seed) == draw.commitment and not draw.candidates
        # The command anyone can run.
        code = drawn.order_by("id").first().public_code
        out = StringIO()
        call_command("lottery", "verify", code, stdout=out)
        assert f"{code}" in out.getvalue()
        # Most assignments by lottery; every life-or-death case with an experienced lawyer.
        assigned = AidCase.objects.exclude(assignment_method="")
        lottery_share = assigned.filter(assignment_method="lottery").count() / assigned.count()
        assert lottery_share >= 0.6
        for case in AidCase.objects.filter(life_or_death=True, lawyer__isnull=False):
            assert case.lawyer.years_of_practice(case.assigned_on) >= 3

    def test_registers_pools_quality_and_subsidies(self, built):
        lawyers = Lawyer.objects.all()
        assert lawyers.count() >= 50
        assert lawyers.values("licence_number").distinct().count() == lawyers.count()
        young = [x for x in lawyers if x.years_of_practice(TODAY) < 3]
        assert young and len(young) < lawyers.count() / 3
        assert PoolMember.objects.filter(status="active").count() >= 40
        assert Removal.objects.filter(state="effective").exists()
        for removal in Removal.objects.filter(state="effective").select_related("member"):
            assert removal.member.status == "removed"
            assert removal.member.left_on == removal.effective_on
            assert not AidCase.objects.filter(
                lawyer_id=removal.member.lawyer_id,
                organization_id=removal.centre_id,
                assigned_on__gte=removal.effective_on,
            ).exists()
        # Ranks and scores as the centre's ranking shows them (legalaid.quality).
        from legalaid.quality import ranking

        for removal in Removal.objects.select_related("member", "centre"):
            standings = {s.lawyer.pk: s for s in ranking(removal.centre, removal.year)}
            standing = standings.get(removal.member.lawyer_id)
            if standing is not None:
                assert (removal.rank, removal.score) == (standing.rank, standing.score)
                # Below every lawyer of the ranking not removed that year, whatever the draw
                # (their files fail and their evaluations stay under every other's).
                removed = {r.member.lawyer_id for r in Removal.objects.filter(
                    centre=removal.centre, year=removal.year).select_related("member")}  # fmt: skip
                others = [s.score for s in standings.values() if s.lawyer.pk not in removed]
                assert all(standing.score < other for other in others)
        assert Evaluation.objects.filter(kind="hearing").exists()
        assert Evaluation.objects.filter(kind="file").exists()
        subsidies = Subsidy.objects.all()
        assert subsidies.count() == AidCase.objects.filter(state=S.ARCHIVED).count()
        assert subsidies.filter(paid_on__isnull=False).exists()
        assert subsidies.filter(paid_on__isnull=True).exists()
        for subsidy in subsidies.filter(adjustment__gt=0)[:20]:
            assert subsidy.amount == subsidy.base + subsidy.adjustment > Decimal(0)
        assert OptIn.objects.exists()

    def test_roll_ups_of_the_demo_equal_its_live_figures(self, built):
        """`fazhi rollups check` passes after the build (after `refresh`), legal aid included."""
        from indicators.models import Rollup

        call_command("rollups", "refresh", stdout=StringIO())
        assert Rollup.objects.filter(measure__startswith="legalaid.", month__year=2025).exists()
        out = StringIO()
        for region in ("4401", "440105", "440111"):
            call_command("rollups", "check", "--region", region, "--year", "2025", stdout=out)
        call_command("rollups", "check", "--region", "4401", "--year", "2026", stdout=out)
        assert out.getvalue().count("月度汇总与实时数据一致") == 4

    def test_demo_logins_have_open_work_and_the_lawyer_sees_only_theirs(self, built):
        from cases import selectors
        from legalaid import draws

        logins = {username for username, _role, _org in built.logins}
        assert {"haizhu_legalaid", "haizhu_lawyer", "baiyun_legalaid", "tianhe_legalaid"} <= logins
        assert any(username.startswith("查询码 ") for username in logins)
        staff = User.objects.get(username="haizhu_legalaid")
        centre = staff.primary_membership.organization
        assert centre.kind == "legal_aid_centre"
        mine = AidCase.objects.filter(organization=centre, assignee=staff, closed_at__isnull=True)
        states = set(mine.values_list("state", flat=True))
        assert {S.SUBMITTED, S.CORRECTION, S.GRANTED, S.ANNOUNCED, S.FILE_REVIEW} <= states
        assert AidCase.objects.filter(organization=centre, state=S.OBJECTION).exists()
        work = selectors.worklist(staff, today=TODAY)
        assert len(work.mine) >= 5 and work.unclaimed
        assert work.overdue and work.due_soon  # the one-working-day target, the review period

        lawyer_user = User.objects.get(username="haizhu_lawyer")
        lawyer = Lawyer.objects.get(user=lawyer_user)
        seen = AidCase.objects.restrict(lawyer_user)
        assert seen.count() >= 5
        assert set(seen.values_list("lawyer_id", flat=True)) == {lawyer.pk}
        assert set(seen.filter(closed_at__isnull=True).values_list("state", flat=True)) >= {
            S.ASSIGNED, S.CONCLUDED}  # fmt: skip
        assert len(selectors.worklist(lawyer_user, today=TODAY).mine) >= 3
        # The open draw of the centre is there to opt into, and the lawyer may.
        draw = Draw.objects.get(organization=centre, state=Draw.State.OPEN, case__assignee=staff)
        assert not draw.opt_ins.filter(lawyer=lawyer).exists() and draw.opt_ins.count() == 2
        draws.opt_in(actor=lawyer_user, draw=draw)
        assert draw.opt_ins.filter(lawyer=lawyer).exists()

    def test_open_work_goes_on_through_the_engine(self, built):
        """The demo's open cases are what the engine expects: their materials, clocks, draws and
        versions let the next steps be fired as in the running system (Arts. 43, 44)."""
        from cases import engine
        from legalaid import draws

        staff = User.objects.get(username="haizhu_legalaid")
        centre = staff.primary_membership.organization
        waiting = AidCase.objects.get(organization=centre, state=S.CORRECTION, assignee=staff)
        review = Clock.for_case(waiting).get(key="review")
        assert review.state == "paused"
        today = TODAY.isoformat()
        case = engine.fire(waiting, "corrections_received", actor=staff, version=waiting.version,
                           data={"on_date": today, "materials": ["identity", "hardship", "matter"]})  # fmt: skip
        case = engine.fire(
            case, "grant", actor=staff, version=case.version, data={"on_date": today}
        )
        assert (
            case.state == S.GRANTED and case.review_days == 0
        )  # the wait for materials not counted
        assert Clock.for_case(case).get(key="review").state == "stopped"

        lawyer_user = User.objects.get(username="haizhu_lawyer")
        announced = AidCase.objects.get(organization=centre, state=S.ANNOUNCED, assignee=staff)
        draw = Draw.objects.get(case=announced, state=Draw.State.OPEN)
        draws.opt_in(actor=lawyer_user, draw=draw)
        later = NOW + datetime.timedelta(hours=30)
        with time_machine.travel(later, tick=False):
            case = engine.fire(announced, "draw", actor=staff, version=announced.version,
                               data={"on_date": later.date().isoformat()})  # fmt: skip
        draw.refresh_from_db()
        assert case.state == S.ASSIGNED and case.lawyer_id == draw.winner_id
        assert all(check.ok for check in check_draw(draw))
        assert {row["id"] for row in draw.candidates} == set(
            draw.opt_ins.values_list("lawyer_id", flat=True)
        )

        handling = (
            AidCase.objects.restrict(lawyer_user)
            .filter(state__in=[S.ASSIGNED, S.HANDLING])
            .order_by("received_at")
            .first()
        )
        case = engine.fire(handling, "conclude", actor=lawyer_user, version=handling.version, data={
            "on_date": today, "result": "mediated", "recovered_losses": "8000",
            "report": "经调解达成协议，用人单位支付拖欠工资。"})  # fmt: skip
        assert case.state == S.CONCLUDED
        assert Clock.for_case(case).get(key="case_file").state == "running"


@pytest.mark.heavy
def test_the_province_scale_builds_legal_aid_in_every_city(regions, monkeypatch):
    """`fazhi demo --scale province` (at a reduced volume here): every city's centres get
    their pools and cases, and their draws verify."""
    from legalaid import demo as legalaid_demo
    from legality import demo as legality_demo
    from litigation import demo as litigation_demo
    from reconsideration import demo as reconsideration_demo

    monkeypatch.setitem(legalaid_demo.PER_YEAR, "province", 40)
    monkeypatch.setitem(legalaid_demo.LAWYERS_PER_FIRM, "province", 3)
    monkeypatch.setitem(legalaid_demo.FIRMS_PER_DISTRICT, "province", 1)
    monkeypatch.setattr("mediation.demo.PER_YEAR", {"small": 920, "city": 92_000, "province": 20})
    monkeypatch.setitem(reconsideration_demo.PER_YEAR, "province", 20)
    monkeypatch.setitem(litigation_demo.PER_YEAR, "province", 20)
    monkeypatch.setitem(legality_demo.PER_YEAR, "province", 20)
    demo.build(seed=4, scale="province", today=TODAY)
    cities = {code[:4] for code in AidCase.objects.values_list("region_code", flat=True)}
    assert cities == {city.code[:4] for city in demo.CITIES}
    assert PoolMember.objects.filter(region_code__startswith="4403").exists()
    for draw in Draw.objects.filter(state=Draw.State.DRAWN, region_code__startswith="4403")[:20]:
        assert all(check.ok for check in check_draw(draw))
