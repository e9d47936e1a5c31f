"""Lottery assignment (摇珠) on the case engine: announce, opt in, exclude, draw, verify.

法律援助法第四十三条: a lawyer is assigned within three days of the grant — here by a draw
anyone can recompute from the published seed and ordered list. 第二十六条: cases that may end
in life imprisonment or death go only to lawyers with three years' practice.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from cases import engine
from cases.models import Clock, ClockState, Representation
from cases.process import Context
from conftest import _user, frozen_today, moved_now
from core.errors import InvalidInput
from core.models import Lawyer, Party, PractitionerStatus
from core.roles import Role
from legalaid import draws, lottery
from legalaid.models import AidCase, Draw, Evaluation, OptIn, PoolMember
from legalaid.tests.factories import make_application
from legalaid.tests.test_lottery import chi_square, critical_chi_square, hand_winner, seeds

pytestmark = pytest.mark.django_db

TODAY = frozen_today()
NOW = moved_now()
AFTER = NOW + datetime.timedelta(hours=25)  # opt-ins of a 24-hour window have closed


@pytest.fixture(autouse=True)
def _english():
    # Messages are checked in their English msgids, whatever the catalogue holds.
    with translation.override("en"):
        yield


def granted(w, **data):
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu, **data)
    return engine.fire(case, "grant", actor=w.aid_clerk_haizhu,
                       data={"on_date": TODAY.isoformat()}, version=case.version)  # fmt: skip


def announce(w, case, *, hours=24, weighted=False):
    case = engine.fire(case, "announce", actor=w.aid_clerk_haizhu,
                       data={"hours": hours, "weighted": weighted}, version=case.version)  # fmt: skip
    return case, Draw.objects.get(case=case, state=Draw.State.OPEN)


def fire_draw(w, case, at=AFTER):
    with time_machine.travel(at, tick=False):
        case = engine.fire(case, "draw", actor=w.aid_clerk_haizhu,
                           data={"on_date": at.date().isoformat()}, version=case.version)  # fmt: skip
    return case, Draw.objects.filter(case=case).order_by("-id").first()


def opt(lawyer, draw):
    return draws.opt_in(actor=lawyer.user, draw=draw)


def pool_lawyer(w, name, licence, firm=None, years=10, username=None):
    firm = firm or w.firm_b
    user = _user(username or f"lawyer_{licence[-4:]}", firm, Role.LAWYER)
    lawyer = Lawyer.objects.create(
        name=name, organization=firm, user=user, licence_number=licence,
        licensed_on=TODAY.replace(year=TODAY.year - years),
    )  # fmt: skip
    PoolMember.objects.create(
        centre=w.haizhu_centre, lawyer=lawyer, joined_on=TODAY.replace(year=TODAY.year - 1)
    )
    return lawyer


def ctx_at(w, at=AFTER):
    return Context(actor=w.aid_clerk_haizhu, on_date=at.date(), now=at, transition=None)


def codes_of(draw_or_rows):
    rows = draw_or_rows.excluded if isinstance(draw_or_rows, Draw) else draw_or_rows
    return {row["id"]: set(row["codes"]) for row in rows}


def verify_command(code):
    out = StringIO()
    call_command("lottery", "verify", code, stdout=out)
    return out.getvalue()


# -- announcement --------------------------------------------------------------------------


def test_announcement_is_anonymised_and_commits_to_a_secret_seed(aid_world):
    w = aid_world
    case = granted(w, stage="劳动仲裁", parties=[
        {"side": "applicant", "name": "刘小明", "phone": "13912345678",
         "id_number": "440105199001011239"},
        {"side": "opposing", "name": "广州某建筑劳务有限公司", "kind": "organization"},
    ])  # fmt: skip
    case, draw = announce(w, case, hours=24)
    assert case.state == "announced"
    assert re.fullmatch(rf"YZ{TODAY.year}-\d{{6}}", draw.public_code)
    assert abs((draw.announced_at - NOW).total_seconds()) < 60
    assert draw.closes_at - draw.announced_at == datetime.timedelta(hours=24)
    text = draw.announcement
    for secret in ("刘小明", "13912345678", "440105199001011239", "广州某建筑劳务", case.title):
        assert secret not in text
    assert "劳动仲裁" in text and "海珠区" in text
    assert (draw.matter, draw.category) == ("civil", "wages")
    # The commitment is public from now; the seed stays out of the public record until drawn.
    assert re.fullmatch(r"[0-9a-f]{64}", draw.commitment)
    assert draw.commitment == hashlib.sha256(draw.seed.encode()).hexdigest()
    record = draws.public_record(draw)
    assert record["commitment"] == draw.commitment
    assert "seed" not in record and "candidates" not in record
    assert draw.seed not in json.dumps(record)


def test_announcement_of_a_life_or_death_case_states_art_26(aid_world):
    w = aid_world
    case = granted(w, matter="criminal", category="criminal_defence", life_or_death=True)
    _case, draw = announce(w, case)
    assert "Art. 26" in draw.announcement


# -- opting in -------------------------------------------------------------------------------


def test_opt_in_within_the_window(aid_world):
    w = aid_world
    _case, draw = announce(w, granted(w))
    entry = opt(w.lawyer_a1, draw)
    assert entry.lawyer == w.lawyer_a1 and entry.draw == draw


def _refused(lawyer_or_user, draw, fragment):
    before = OptIn.objects.count()
    user = getattr(lawyer_or_user, "user", lawyer_or_user)
    with pytest.raises(InvalidInput) as exc:
        draws.opt_in(actor=user, draw=draw)
    assert "draw" in exc.value.fields
    assert fragment in exc.value.message
    assert OptIn.objects.count() == before
    return exc.value


def test_opt_in_twice_is_refused_and_writes_nothing(aid_world):
    w = aid_world
    _case, draw = announce(w, granted(w))
    opt(w.lawyer_a1, draw)
    _refused(w.lawyer_a1, draw, "already opted in")
    assert OptIn.objects.filter(draw=draw).count() == 1


def test_opt_in_outside_the_window_is_refused(aid_world):
    w = aid_world
    _case, draw = announce(w, granted(w), hours=2)
    with time_machine.travel(draw.announced_at - datetime.timedelta(minutes=1), tick=False):
        _refused(w.lawyer_a1, draw, "open at")
    with time_machine.travel(draw.closes_at, tick=False):
        error = _refused(w.lawyer_a1, draw, "closed at")
    assert "12:00" in error.message  # the local time it closed: 10:00 + 2 hours
    with time_machine.travel(draw.closes_at - datetime.timedelta(seconds=1), tick=False):
        opt(w.lawyer_a1, draw)


def test_opt_in_by_a_lawyer_outside_the_pool_is_refused(aid_world):
    w = aid_world
    _case, draw = announce(w, granted(w))
    outsider = Lawyer.objects.create(
        name="周律师", organization=w.firm_b, licence_number="14401201110000009",
        licensed_on=TODAY.replace(year=TODAY.year - 8),
        user=_user("lawyer_outside", w.firm_b, Role.LAWYER),
    )  # fmt: skip
    _refused(outsider, draw, "active pool")
    _refused(w.aid_clerk_haizhu, draw, "active pool")  # staff have no lawyer profile
    PoolMember.objects.filter(lawyer=w.lawyer_b1).update(status=PoolMember.Status.SUSPENDED)
    _refused(w.lawyer_b1, draw, "active pool")
    Lawyer.objects.filter(pk=w.lawyer_a1.pk).update(status=PractitionerStatus.SUSPENDED)
    _refused(w.lawyer_a1, draw, "active pool")


def test_opt_in_after_the_draw_is_refused(aid_world):
    w = aid_world
    case, draw = announce(w, granted(w))
    opt(w.lawyer_a1, draw)
    fire_draw(w, case)
    draw.refresh_from_db()
    with time_machine.travel(draw.closes_at - datetime.timedelta(hours=1), tick=False):
        _refused(w.lawyer_b1, draw, "no longer open")


# -- the draw, end to end ----------------------------------------------------------------------


def test_draw_assigns_a_winner_anyone_can_recompute(aid_world):
    w = aid_world
    case, draw = announce(w, granted(w))
    commitment = draw.commitment
    for lawyer in (w.lawyer_b1, w.lawyer_a1, w.lawyer_a2):
        opt(lawyer, draw)
    case, draw = fire_draw(w, case)

    assert draw.state == Draw.State.DRAWN and draw.method == "lottery"
    assert draw.commitment == commitment  # unchanged since the announcement
    # The commitment published before opt-ins closed matches the revealed seed.
    assert hashlib.sha256(draw.seed.encode("utf-8")).hexdigest() == commitment
    # The published list: every eligible opt-in, by id, weight 1 (unweighted).
    ids = sorted(lawyer.pk for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1))
    assert [row["id"] for row in draw.candidates] == ids
    assert all(row["weight"] == 1 and set(row) == {"id", "name", "weight"}
               for row in draw.candidates)  # fmt: skip
    # Recomputed by hand from the published seed and list (hashlib/hmac, not lottery.pick).
    record = draws.public_record(draw)
    assert hand_winner(record["seed"], record["candidates"]) == draw.winner_id
    assert record["winner"]["id"] == draw.winner_id
    # The case is assigned (Art. 43) and the lawyer acts for the applicant.
    assert case.state == "assigned"
    assert case.lawyer_id == draw.winner_id
    assert case.assigned_on == AFTER.date()
    assert case.assignment_method == "lottery"
    applicant = case.parties_on("applicant")[0]
    rep = Representation.for_case(case).get()
    assert (rep.lawyer_id, rep.party_id, rep.since) == (draw.winner_id, applicant.pk, AFTER.date())
    # The assignment period of Art. 43 stops with the draw.
    assert Clock.for_case(case).get(key="assignment").state == ClockState.STOPPED
    out = verify_command(draw.public_code)  # no CommandError: verified
    assert draw.seed in out and out.rstrip().endswith(f"{draw.public_code} verified.")
    verify_command(str(draw.pk))  # by id too


def test_the_draw_waits_for_the_window_to_close(aid_world):
    w = aid_world
    case, draw = announce(w, granted(w))
    opt(w.lawyer_a1, draw)
    with pytest.raises(InvalidInput) as exc:
        fire_draw(w, case, at=draw.closes_at - datetime.timedelta(minutes=5))
    assert "draw" in exc.value.fields and "open until" in exc.value.message
    draw.refresh_from_db()
    case.refresh_from_db()
    assert draw.state == Draw.State.OPEN and case.state == "announced" and case.lawyer is None


def test_verify_detects_a_changed_list_and_a_changed_seed(aid_world):
    w = aid_world
    extra = pool_lawyer(w, "吴律师", "14401201210000011")
    case, draw = announce(w, granted(w))
    for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1, extra):
        opt(lawyer, draw)
    case, draw = fire_draw(w, case)
    assert all(check.ok for check in draws.check_draw(draw))
    verify_command(draw.public_code)
    published = list(draw.candidates)

    # A candidate dropped from the list after the draw.
    loser = next(row for row in published if row["id"] != draw.winner_id)
    Draw.objects.filter(pk=draw.pk).update(candidates=[r for r in published if r != loser])
    draw.refresh_from_db()
    failed = {c.key for c in draws.check_draw(draw) if not c.ok}
    assert "opt_ins" in failed
    with pytest.raises(CommandError) as exc:
        verify_command(draw.public_code)
    assert exc.value.returncode == 1

    # A name changed on the list: another number, the register differs.
    renamed = [dict(published[0], name=published[0]["name"] + "甲"), *published[1:]]
    Draw.objects.filter(pk=draw.pk).update(candidates=renamed)
    draw.refresh_from_db()
    assert "names" in {c.key for c in draws.check_draw(draw) if not c.ok}
    with pytest.raises(CommandError):
        verify_command(draw.public_code)

    # The list reordered.
    Draw.objects.filter(pk=draw.pk).update(candidates=published[::-1])
    draw.refresh_from_db()
    assert "list" in {c.key for c in draws.check_draw(draw) if not c.ok}

    # A changed seed: the commitment no longer matches, and the winner is recomputed from it.
    Draw.objects.filter(pk=draw.pk).update(candidates=published)
    for seed in seeds(20, rng_seed=5):
        Draw.objects.filter(pk=draw.pk).update(seed=seed)
        draw.refresh_from_db()
        failed = {c.key for c in draws.check_draw(draw) if not c.ok}
        assert "commitment" in failed
        listed = [lottery.Candidate(**row) for row in published]
        if listed[lottery.pick(seed, listed)].id != draw.winner_id:
            assert "winner" in failed
        with pytest.raises(CommandError) as exc:
            verify_command(draw.public_code)
        assert exc.value.returncode == 1


def test_verify_command_refuses_an_undrawn_or_unknown_draw(aid_world):
    w = aid_world
    _case, draw = announce(w, granted(w))
    with pytest.raises(CommandError) as exc:
        verify_command(draw.public_code)
    assert exc.value.returncode == 1
    with pytest.raises(CommandError):
        verify_command("YZ1999-999999")


def test_verify_command_prints_each_check(aid_world):
    w = aid_world
    case, draw = announce(w, granted(w))
    opt(w.lawyer_b1, draw)
    _case, draw = fire_draw(w, case)
    out = verify_command(draw.public_code)
    assert draw.commitment in out and draw.seed in out
    assert len([line for line in out.splitlines() if line.startswith("  [")]) == len(
        draws.check_draw(draw)
    )


# -- exclusions --------------------------------------------------------------------------------


def test_art_26_excludes_the_junior_lawyer_from_life_or_death_cases(aid_world):
    """法律援助法第二十六条: lawyer_a2 has practised under three years."""
    w = aid_world
    case = granted(w, matter="criminal", category="criminal_defence", life_or_death=True)
    case, draw = announce(w, case)
    for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1):
        opt(lawyer, draw)
    candidates, excluded = draws.eligibility(draw, on_date=AFTER.date())
    assert w.lawyer_a2 not in candidates
    assert codes_of(excluded) == {w.lawyer_a2.pk: {"experience"}}
    assert "Art. 26" in excluded[0]["reason"]
    case, draw = fire_draw(w, case)
    assert draw.winner_id != w.lawyer_a2.pk
    assert w.lawyer_a2.pk not in {row["id"] for row in draw.candidates}
    assert codes_of(draw) == {w.lawyer_a2.pk: {"experience"}}
    # The same lawyer may take an ordinary case.
    _c, other = announce(w, granted(w))
    opt(w.lawyer_a2, other)
    assert draws.eligibility(other, on_date=AFTER.date())[0] == [w.lawyer_a2]


def test_conflict_of_interest_excludes_the_lawyer_acting_for_the_opposing_party(aid_world):
    w = aid_world
    case = granted(w, parties=[
        {"side": "applicant", "name": "申请人甲"},
        {"side": "opposing", "name": "广州某餐饮管理有限公司", "kind": "organization"},
    ])  # fmt: skip
    # lawyer_b1 acts for a party of the same name in another line's case.
    elsewhere = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    namesake = Party.objects.create(
        name="广州某餐饮管理有限公司", kind="organization", organization=w.haizhu_centre,
        region_code=w.haizhu_centre.region_id,
    )  # fmt: skip
    Representation.objects.create(
        **Representation.ref(elsewhere), lawyer=w.lawyer_b1, party=namesake, since=TODAY
    )
    case, draw = announce(w, case)
    for lawyer in (w.lawyer_a1, w.lawyer_b1):
        opt(lawyer, draw)
    case, draw = fire_draw(w, case)
    assert codes_of(draw) == {w.lawyer_b1.pk: {"conflict"}}
    assert draw.winner == w.lawyer_a1
    # The published reason names no party.
    assert "餐饮" not in json.dumps(draws.public_record(draw), ensure_ascii=False)


def test_conflict_reaches_the_whole_firm_and_ends_with_the_representation(aid_world):
    w = aid_world
    case = granted(w)
    opposing = case.parties_on("opposing")[0]
    elsewhere = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    rep = Representation.objects.create(
        **Representation.ref(elsewhere), lawyer=w.lawyer_a2, party=opposing, since=TODAY
    )
    _case, draw = announce(w, case)
    for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1):
        opt(lawyer, draw)
    candidates, excluded = draws.eligibility(draw, on_date=AFTER.date())
    assert candidates == [w.lawyer_b1]
    assert codes_of(excluded) == {w.lawyer_a1.pk: {"conflict"}, w.lawyer_a2.pk: {"conflict"}}
    rep.until = TODAY - datetime.timedelta(days=1)
    rep.save()
    assert len(draws.eligibility(draw, on_date=AFTER.date())[0]) == 3


def test_conflict_when_the_firm_acts_against_the_applicant_in_another_aid_case(aid_world):
    w = aid_world
    case = granted(w, parties=[
        {"side": "applicant", "name": "刘小明", "id_number": "440105199001011239"},
        {"side": "opposing", "name": "某业主"},
    ])  # fmt: skip
    # firm_b's lawyer has an open aid case against a party with the same ID number (the name
    # written differently).
    other = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu, parties=[
        {"side": "applicant", "name": "另一申请人"},
        {"side": "opposing", "name": "刘晓明", "id_number": "440105199001011239"},
    ])  # fmt: skip
    AidCase.objects.filter(pk=other.pk).update(lawyer=w.lawyer_b1, assigned_on=TODAY)
    _case, draw = announce(w, case)
    for lawyer in (w.lawyer_a1, w.lawyer_b1):
        opt(lawyer, draw)
    assert codes_of(draws.eligibility(draw)[1]) == {w.lawyer_b1.pk: {"conflict"}}
    # Once that case is closed the firm may act again.
    AidCase.objects.filter(pk=other.pk).update(closed_at=NOW)
    assert draws.eligibility(draw)[1] == []


def test_party_matching_by_id_number_then_credit_code_then_name(aid_world):
    w = aid_world

    def party(name, **extra):
        return Party.objects.create(name=name, organization=w.haizhu_centre,
                                    region_code=w.haizhu_centre.region_id, **extra)  # fmt: skip

    a = party("张三", id_number="440105199001011239")
    assert draws.same_party(a, party("张叁", id_number="440105199001011239"))
    assert not draws.same_party(a, party("张三", id_number="440105199202022348"))
    assert draws.same_party(a, party("张三"))
    c = party("某公司", kind="organization", credit_code="91440105MA5XXXXX11")
    assert draws.same_party(c, party("某某公司", kind="organization",
                                     credit_code="91440105MA5XXXXX11"))  # fmt: skip
    assert not draws.same_party(c, party("某公司", kind="organization",
                                         credit_code="91440105MA5YYYYY2C"))  # fmt: skip


def test_workload_cap_pool_status_and_matters_exclude(aid_world):
    w = aid_world
    case = granted(w)
    # lawyer_b1 has one open aid case and a cap of one.
    busy = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    AidCase.objects.filter(pk=busy.pk).update(lawyer=w.lawyer_b1, assigned_on=TODAY)
    PoolMember.objects.filter(lawyer=w.lawyer_b1).update(workload_cap=1)
    # lawyer_a2 takes criminal matters only.
    PoolMember.objects.filter(lawyer=w.lawyer_a2).update(matters=["criminal"])
    _case, draw = announce(w, case)
    for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1):
        opt(lawyer, draw)
    candidates, excluded = draws.eligibility(draw, on_date=AFTER.date())
    assert candidates == [w.lawyer_a1]
    assert codes_of(excluded) == {w.lawyer_a2.pk: {"matter"}, w.lawyer_b1.pk: {"workload"}}
    # The default cap applies without a cap of one's own; a closed case no longer counts.
    PoolMember.objects.filter(lawyer=w.lawyer_b1).update(workload_cap=None)
    with override_settings(FAZHI_LEGALAID_WORKLOAD_CAP=1):
        assert w.lawyer_b1.pk in codes_of(draws.eligibility(draw)[1])
    AidCase.objects.filter(pk=busy.pk).update(closed_at=NOW)
    with override_settings(FAZHI_LEGALAID_WORKLOAD_CAP=1):
        assert w.lawyer_b1.pk not in codes_of(draws.eligibility(draw)[1])
    # Suspended from the pool, or the licence suspended, after opting in.
    PoolMember.objects.filter(lawyer=w.lawyer_a1).update(status=PoolMember.Status.SUSPENDED)
    Lawyer.objects.filter(pk=w.lawyer_b1.pk).update(status=PractitionerStatus.REVOKED)
    codes = codes_of(draws.eligibility(draw)[1])
    assert codes[w.lawyer_a1.pk] == {"not_in_pool"}
    assert codes[w.lawyer_b1.pk] == {"not_practising"}


def test_excluded_lawyers_never_win_over_many_seeds(aid_world):
    w = aid_world
    extra = pool_lawyer(w, "吴律师", "14401201210000011", firm=w.firm_a)
    case = granted(w, matter="criminal", category="criminal_defence", life_or_death=True)
    busy = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    AidCase.objects.filter(pk=busy.pk).update(lawyer=extra, assigned_on=TODAY)
    PoolMember.objects.filter(lawyer=extra).update(workload_cap=1)
    case, draw = announce(w, case)
    for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1, extra):
        opt(lawyer, draw)
    excluded_ids = {w.lawyer_a2.pk, extra.pk}
    winners = set()
    for seed in seeds(60, rng_seed=11):
        with transaction.atomic():
            Draw.objects.filter(pk=draw.pk).update(seed=seed, commitment=lottery.commitment(seed))
            locked = AidCase.objects.get(pk=case.pk)
            result = draws.run_draw(locked, ctx=ctx_at(w))
            assert set(codes_of(result)) == excluded_ids
            assert result.winner_id not in excluded_ids
            assert locked.lawyer_id == result.winner_id
            winners.add(result.winner_id)
            transaction.set_rollback(True)
    assert winners == {w.lawyer_a1.pk, w.lawyer_b1.pk}


def test_winners_are_uniform_among_eligible_opt_ins(aid_world):
    """10,000 simulated unweighted draws with random seeds over the published list built from
    the opt-ins: the winners are uniform among the eligible (chi-square below the p = 0.001
    critical value) and the excluded never win."""
    w = aid_world
    more = [pool_lawyer(w, f"律师{i}", f"1440120141000010{i}") for i in range(3)]
    suspended = more[2]
    case = granted(w, matter="criminal", category="criminal_defence", life_or_death=True)
    _case, draw = announce(w, case)
    for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1, *more):
        opt(lawyer, draw)
    PoolMember.objects.filter(lawyer=suspended).update(status=PoolMember.Status.SUSPENDED)
    candidates, excluded = draws.eligibility(draw, on_date=AFTER.date())
    assert {row["id"] for row in excluded} == {w.lawyer_a2.pk, suspended.pk}
    listed = draws.candidate_list(draw, candidates, AFTER.date())
    assert len(listed) == 4
    counts: dict[int, int] = {}
    for seed in seeds(10_000, rng_seed=2026):
        winner = listed[lottery.pick(seed, listed)].id
        counts[winner] = counts.get(winner, 0) + 1
    assert set(counts) == {c.id for c in listed}
    expected = {c.id: 10_000 / len(listed) for c in listed}
    assert chi_square(counts, expected) < critical_chi_square(len(listed) - 1)


def test_suspending_before_opt_in_closes(aid_world):
    w = aid_world
    _case, draw = announce(w, granted(w))
    opt(w.lawyer_b1, draw)
    PoolMember.objects.filter(lawyer=w.lawyer_b1).update(status=PoolMember.Status.REMOVED)
    assert draws.eligibility(draw)[0] == []


# -- weights -----------------------------------------------------------------------------------


def _evaluate(w, lawyer, score, on_date):
    Evaluation.objects.create(
        lawyer=lawyer, kind="hearing", evaluated_on=on_date, score=score, evaluator="专家",
        centre=w.haizhu_centre, region_code=w.haizhu_centre.region_id,
    )  # fmt: skip


def test_weights_are_the_mean_score_of_the_last_twelve_months(aid_world):
    w = aid_world
    _evaluate(w, w.lawyer_a1, "90.50", TODAY - datetime.timedelta(days=30))
    _evaluate(w, w.lawyer_a1, "80.00", TODAY - datetime.timedelta(days=200))  # mean 85.25
    _evaluate(w, w.lawyer_a1, "10.00", TODAY.replace(year=TODAY.year - 1))  # a year old: out
    _evaluate(w, w.lawyer_b1, "0.40", TODAY)  # rounds to 0, kept at 1
    _evaluate(w, w.lawyer_a2, "70.50", TODAY)  # half up
    weights = draws.weights_for([w.lawyer_a1, w.lawyer_a2, w.lawyer_b1], TODAY)
    assert weights == {w.lawyer_a1.pk: 85, w.lawyer_a2.pk: 71, w.lawyer_b1.pk: 1}
    newcomer = pool_lawyer(w, "吴律师", "14401201210000011")
    assert draws.weights_for([newcomer], TODAY) == {newcomer.pk: draws.DEFAULT_WEIGHT}


def test_weights_are_the_composite_the_ranking_uses(aid_world):
    """Hearing and file evaluations and the grades of files archived in the twelve months
    combine as in the yearly ranking (legalaid.quality): a1 has hearings 90, a file score 70
    and one file graded 不合格 (0) → (0.4·90 + 0.4·70 + 0.2·0) / 1.0 = 64; b1 has a hearing
    80 and a file graded 优秀 (100) → (0.4·80 + 0.2·100) / 0.6 = 86.67 → 87; a grade alone
    (a2) is no evaluation → the default weight."""
    w = aid_world
    _evaluate(w, w.lawyer_a1, "90.00", TODAY - datetime.timedelta(days=10))
    Evaluation.objects.filter(lawyer=w.lawyer_a1).update(kind="hearing")
    _evaluate(w, w.lawyer_a1, "70.00", TODAY - datetime.timedelta(days=20))
    Evaluation.objects.filter(lawyer=w.lawyer_a1, score="70.00").update(kind="file")
    _evaluate(w, w.lawyer_b1, "80.00", TODAY - datetime.timedelta(days=10))
    closed = timezone.make_aware(
        datetime.datetime.combine(TODAY - datetime.timedelta(days=5), datetime.time(10))
    )
    for lawyer, grade in ((w.lawyer_a1, "fail"), (w.lawyer_b1, "excellent"), (w.lawyer_a2, "good")):
        case = granted(w)
        AidCase.objects.filter(pk=case.pk).update(
            lawyer=lawyer, state="archived", grade=grade, closed_at=closed
        )
    weights = draws.weights_for([w.lawyer_a1, w.lawyer_a2, w.lawyer_b1], TODAY)
    assert weights == {w.lawyer_a1.pk: 64, w.lawyer_a2.pk: draws.DEFAULT_WEIGHT, w.lawyer_b1.pk: 87}


def test_weighted_draw_publishes_weights_and_favours_the_higher(aid_world):
    w = aid_world
    _evaluate(w, w.lawyer_a1, "95.00", TODAY)
    _evaluate(w, w.lawyer_b1, "5.00", TODAY)
    case, draw = announce(w, granted(w), weighted=True)
    assert draw.weighted
    for lawyer in (w.lawyer_a1, w.lawyer_b1):
        opt(lawyer, draw)
    case, draw = fire_draw(w, case)
    weights = {row["id"]: row["weight"] for row in draw.candidates}
    assert weights == {w.lawyer_a1.pk: 95, w.lawyer_b1.pk: 5}
    assert hand_winner(draw.seed, draw.candidates, weighted=True) == draw.winner_id
    assert all(check.ok for check in draws.check_draw(draw))
    # Over many seeds the published weights decide: about 95 in 100 go to lawyer_a1.
    listed = [lottery.Candidate(**row) for row in draw.candidates]
    wins = sum(
        listed[lottery.pick(seed, listed, weighted=True)].id == w.lawyer_a1.pk
        for seed in seeds(4000, rng_seed=3)
    )
    assert 0.93 < wins / 4000 < 0.97


# -- rotation and nobody eligible ---------------------------------------------------------------


def test_rotation_when_nobody_opts_in(aid_world):
    w = aid_world
    year_ago = TODAY.replace(year=TODAY.year - 1)
    # lawyer_a1 had a case assigned two months ago; lawyer_a2 one thirteen months ago (none in
    # the last twelve, but assigned before); lawyer_b1 never: lawyer_b1 comes first.
    for lawyer, on in ((w.lawyer_a1, TODAY - datetime.timedelta(days=60)),
                       (w.lawyer_a2, year_ago - datetime.timedelta(days=30))):  # fmt: skip
        old = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
        AidCase.objects.filter(pk=old.pk).update(lawyer=lawyer, assigned_on=on, closed_at=NOW)
    case, draw = announce(w, granted(w))
    case, draw = fire_draw(w, case)
    assert draw.method == "rotation" and case.assignment_method == "rotation"
    assert draw.winner == w.lawyer_b1 and case.lawyer == w.lawyer_b1
    rows = {row["id"]: row for row in draw.candidates}
    assert rows[w.lawyer_a1.pk]["cases_12m"] == 1
    assert rows[w.lawyer_a2.pk]["cases_12m"] == 0
    assert (
        rows[w.lawyer_a2.pk]["last_assigned"]
        == (year_ago - datetime.timedelta(days=30)).isoformat()
    )
    assert rows[w.lawyer_b1.pk]["last_assigned"] is None
    assert Representation.for_case(case).get().lawyer == w.lawyer_b1
    checks = draws.check_draw(draw)
    assert all(check.ok for check in checks)
    assert "rotation" in {check.key for check in checks}
    out = verify_command(draw.public_code)
    assert "by rotation, not by lot" in out


def test_rotation_ties_go_to_the_earliest_last_assignment_then_the_smallest_id(aid_world):
    w = aid_world
    case, _draw = announce(w, granted(w))
    # Nobody has any case: the smallest id.
    result = draws.run_draw(AidCase.objects.get(pk=case.pk), ctx=ctx_at(w))
    first = min(w.lawyer_a1.pk, w.lawyer_a2.pk, w.lawyer_b1.pk)
    assert result.winner_id == first


def test_rotation_when_every_opt_in_is_excluded(aid_world):
    w = aid_world
    case = granted(w, matter="criminal", category="criminal_defence", life_or_death=True)
    case, draw = announce(w, case)
    opt(w.lawyer_a2, draw)  # under three years' practice (Art. 26)
    case, draw = fire_draw(w, case)
    assert draw.method == "rotation"
    assert draw.winner in (w.lawyer_a1, w.lawyer_b1)
    assert codes_of(draw)[w.lawyer_a2.pk] == {"experience"}
    assert w.lawyer_a2.pk not in {row["id"] for row in draw.candidates}
    assert all(check.ok for check in draws.check_draw(draw))


def test_nobody_eligible_refuses_the_draw_and_changes_nothing(aid_world):
    w = aid_world
    case, draw = announce(w, granted(w))
    opt(w.lawyer_a1, draw)
    PoolMember.objects.update(status=PoolMember.Status.SUSPENDED)
    with pytest.raises(InvalidInput) as exc:
        fire_draw(w, case)
    assert "draw" in exc.value.fields and "Nobody may take the case" in exc.value.message
    draw.refresh_from_db()
    case.refresh_from_db()
    assert draw.state == Draw.State.OPEN and draw.winner is None and draw.candidates == []
    assert case.state == "announced" and case.lawyer is None and case.assignment_method == ""
    assert not Representation.for_case(case).exists()


def test_draw_without_an_open_draw_is_refused(aid_world):
    w = aid_world
    case, draw = announce(w, granted(w))
    Draw.objects.filter(pk=draw.pk).update(state=Draw.State.CANCELLED)
    with pytest.raises(InvalidInput) as exc:
        fire_draw(w, case)
    assert "no open draw" in exc.value.message


def test_public_record_reveals_the_seed_once_drawn(aid_world):
    w = aid_world
    case, draw = announce(w, granted(w))
    opt(w.lawyer_a1, draw)
    _case, draw = fire_draw(w, case)
    record = draws.public_record(draw)
    assert record["seed"] == draw.seed and record["method"] == "lottery"
    assert record["candidates"] == draw.candidates
    assert record["winner"] == {"id": w.lawyer_a1.pk, "name": w.lawyer_a1.name}
    assert record["opt_ins"] == 1


def test_every_draw_has_its_own_seed_from_the_system_csprng(aid_world):
    w = aid_world
    random.seed(1)  # the random module plays no part (secrets.token_hex)
    _c1, d1 = announce(w, granted(w))
    random.seed(1)
    _c2, d2 = announce(w, granted(w))
    assert d1.seed != d2.seed and d1.commitment != d2.commitment
    assert d1.public_code != d2.public_code


def test_opt_ins_may_not_outlast_the_assignment_period(aid_world):
    """Art. 43: the lawyer is assigned within 3 days of the grant; a draw announced late in
    that period may keep opt-ins open only until the period's last day ends. Granted on the
    test day, the period's last day is the clock's due date; announced at 10:00 on that day,
    14 hours remain (to midnight): 24 is refused naming the field, 14 is accepted."""
    w = aid_world
    case = granted(w)
    due = Clock.for_case(case).get(key="assignment").due_date
    late = datetime.datetime.combine(due, datetime.time(10), tzinfo=NOW.tzinfo)
    with time_machine.travel(late, tick=False):
        with pytest.raises(InvalidInput) as raised:
            announce(w, case, hours=24)
        assert "hours" in raised.value.fields and "14" in raised.value.message
        assert not Draw.objects.filter(case=case).exists()
        case.refresh_from_db()
        _case, draw = announce(w, case, hours=14)
    assert draw.closes_at == late + datetime.timedelta(hours=14)
