"""The quality loop: rubric, evaluations, the composite score and ranking, removal with notice
and appeal (法律援助法第五十七条、第五十九条; legalaid.quality's docstring has the formula).

The test day is 2026-06-10 (conftest); the ranking year is 2025, which is over.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import Notification
from core.errors import InvalidInput, PermissionDenied
from legalaid import quality
from legalaid.choices import Grade
from legalaid.models import AidCase, Criterion, Evaluation, PoolMember, Removal
from legalaid.selectors import assignable_lawyers
from legalaid.tests.factories import make_application

# Worked dates (notices, appeal periods, payment months) are written out for this day; the
# suite's late-December pass (FAZHI_TEST_TODAY) leaves these tests on it.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(
        datetime.datetime(2026, 6, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    ),
]

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = 2025
D = Decimal


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)


@pytest.fixture
def rubric(aid_world):
    """Hearing criteria (maxima 30 + 40 + 30 = 100) and file criteria (20 + 30 + 10 = 60)."""
    w = aid_world
    add = quality.criterion_add
    w.h = [
        add(actor=w.aid_clerk_haizhu, centre=w.haizhu_centre, kind="hearing", name=n,
            max_score=m, position=i)
        for i, (n, m) in enumerate([("庭前准备", 30), ("庭审表现", 40), ("法律适用", 30)])
    ]  # fmt: skip
    w.f = [
        add(actor=w.aid_clerk_haizhu, centre=w.haizhu_centre, kind="file", name=n,
            max_score=m, position=i)
        for i, (n, m) in enumerate([("案卷完整", 20), ("文书质量", 30), ("归档及时", 10)])
    ]  # fmt: skip
    return w


def evaluate(w, lawyer, kind, values, *, on=datetime.date(YEAR, 5, 6), case=None, actor=None):
    criteria = w.h if kind == "hearing" else w.f
    return quality.evaluation_record(
        actor=actor or w.aid_clerk_haizhu,
        centre=w.haizhu_centre,
        lawyer=lawyer,
        kind=kind,
        evaluated_on=on,
        scores={c.pk: v for c, v in zip(criteria, values, strict=True)},
        evaluator="李专家",
        case=case,
    )


def archived(w, lawyer, closed: datetime.date, grade: str):
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    AidCase.objects.filter(pk=case.pk).update(
        state="archived", closed_at=at(closed, 15), outcome="closed", lawyer=lawyer, grade=grade
    )
    case.refresh_from_db()
    return case


@pytest.fixture
def scored(rubric):
    """The worked example of the module docstring, for 2025:

    陈律师 (a1): hearings 80 and 90 → H 85; file 70 → F 70; one file graded excellent → G 100;
                 composite (0.4·85 + 0.4·70 + 0.2·100) / 1.0 = 82.00.
    黄律师 (b1): files 75 and 76 → F 75.5; one file graded pass → G 60 (a 2024 fail does not
                 count); composite (0.4·75.5 + 0.2·60) / 0.6 = 42.2 / 0.6 = 70.33.
    林律师 (a2): hearing 60 → H 60; composite 60.00.
    """
    w = rubric
    evaluate(w, w.lawyer_a1, "hearing", [30, 30, 20])  # 80
    evaluate(w, w.lawyer_a1, "hearing", [30, 35, 25])  # 90
    evaluate(w, w.lawyer_a1, "file", [14, 21, 7])  # 42/60 = 70
    evaluate(w, w.lawyer_b1, "file", [15, "22.5", "7.5"])  # 45/60 = 75
    evaluate(w, w.lawyer_b1, "file", [15, "22.6", 8])  # 45.6/60 = 76
    evaluate(w, w.lawyer_a2, "hearing", [20, 20, 20])  # 60
    # Outside the year: neither counts.
    evaluate(w, w.lawyer_a2, "hearing", [0, 0, 0], on=datetime.date(YEAR - 1, 12, 31))
    archived(w, w.lawyer_a1, datetime.date(YEAR, 8, 1), Grade.EXCELLENT)
    archived(w, w.lawyer_b1, datetime.date(YEAR, 12, 31), Grade.PASS)
    archived(w, w.lawyer_b1, datetime.date(YEAR - 1, 12, 31), Grade.FAIL)
    return w


# -- the rubric and evaluations ---------------------------------------------------------------


def test_an_evaluation_is_normalised_to_100(rubric):
    w = rubric
    evaluation = evaluate(w, w.lawyer_a1, "file", [15, "22.5", 8])
    # 45.5 of 60 = 75.8333… → 75.83
    assert evaluation.score == D("75.83")
    assert evaluation.region_code == w.haizhu_centre.region_id
    assert evaluation.scores[str(w.f[1].pk)] == {
        "criterion": "文书质量",
        "max": 30,
        "score": "22.5",
    }


def test_it_refuses_a_score_above_the_criterion_maximum_and_writes_nothing(rubric):
    w = rubric
    with pytest.raises(InvalidInput) as caught:
        evaluate(w, w.lawyer_a1, "file", [21, 10, 5])
    assert list(caught.value.fields) == [f"score_{w.f[0].pk}"]
    assert "案卷完整" in caught.value.message and "20" in caught.value.message
    assert not Evaluation.objects.exists()


def test_it_requires_every_criterion_and_a_named_evaluator(rubric):
    w = rubric
    with pytest.raises(InvalidInput) as caught:
        quality.evaluation_record(
            actor=w.aid_clerk_haizhu, centre=w.haizhu_centre, lawyer=w.lawyer_a1, kind="file",
            evaluated_on=datetime.date(YEAR, 5, 6), scores={w.f[0].pk: 10}, evaluator=" ",
        )  # fmt: skip
    assert {f"score_{w.f[1].pk}", f"score_{w.f[2].pk}", "evaluator"} <= set(caught.value.fields)
    assert not Evaluation.objects.exists()


def test_the_case_evaluated_must_be_the_lawyers_own(rubric):
    w = rubric
    case = archived(w, w.lawyer_a1, datetime.date(YEAR, 3, 1), Grade.GOOD)
    with pytest.raises(InvalidInput) as caught:
        evaluate(w, w.lawyer_a2, "file", [10, 10, 5], case=case)
    assert list(caught.value.fields) == ["case"]
    assert evaluate(w, w.lawyer_a1, "file", [10, 10, 5], case=case).case == case


def test_a_future_date_and_a_lawyer_outside_the_pool_are_refused(rubric):
    w = rubric
    PoolMember.objects.filter(lawyer=w.lawyer_b1).delete()
    with pytest.raises(InvalidInput) as caught:
        evaluate(w, w.lawyer_b1, "hearing", [1, 1, 1], on=datetime.date(2026, 6, 11))
    assert {"lawyer", "evaluated_on"} <= set(caught.value.fields)


def test_a_kind_without_criteria_cannot_be_evaluated(aid_world):
    w = aid_world
    with pytest.raises(InvalidInput) as caught:
        quality.evaluation_record(
            actor=w.aid_clerk_haizhu, centre=w.haizhu_centre, lawyer=w.lawyer_a1, kind="hearing",
            evaluated_on=datetime.date(YEAR, 5, 6), scores={}, evaluator="李专家",
        )  # fmt: skip
    assert list(caught.value.fields) == ["kind"]


def test_the_baiyun_clerk_cannot_change_the_haizhu_rubric_or_evaluate_there(rubric):
    w = rubric
    with pytest.raises(InvalidInput) as caught:
        quality.criterion_add(
            actor=w.aid_clerk_baiyun, centre=w.haizhu_centre, kind="file", name="x", max_score=5
        )
    assert list(caught.value.fields) == ["centre"]
    with pytest.raises(PermissionDenied):
        quality.criterion_change(
            actor=w.aid_clerk_baiyun, criterion=w.f[0], name="x", max_score=5, position=0,
            is_active=True,
        )  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        evaluate(w, w.lawyer_a1, "file", [10, 10, 5], actor=w.aid_clerk_baiyun)
    assert "centre" in caught.value.fields
    with pytest.raises(PermissionDenied):
        evaluate(w, w.lawyer_a1, "file", [10, 10, 5], actor=w.lawyer_a1.user)


def test_a_retired_criterion_is_no_longer_scored(rubric):
    w = rubric
    quality.criterion_change(
        actor=w.aid_clerk_haizhu, criterion=w.f[2], name="归档及时", max_score=10, position=2,
        is_active=False,
    )  # fmt: skip
    evaluation = quality.evaluation_record(
        actor=w.aid_clerk_haizhu, centre=w.haizhu_centre, lawyer=w.lawyer_a1, kind="file",
        evaluated_on=datetime.date(YEAR, 5, 6), scores={w.f[0].pk: 20, w.f[1].pk: 15},
        evaluator="李专家",
    )  # fmt: skip
    assert evaluation.score == D("70.00")  # 35 of 50


# -- composite score and ranking --------------------------------------------------------------


def test_the_composite_formula():
    assert quality.composite({"hearing": D(85), "file": D(70), "grade": D(100)}) == D("82.00")
    assert quality.composite({"hearing": None, "file": D("75.5"), "grade": D(60)}) == D("70.33")
    assert quality.composite({"hearing": D(60), "file": None, "grade": None}) == D("60.00")
    assert quality.composite({"hearing": None}) is None


def test_the_ranking_of_a_year_against_the_worked_numbers(scored):
    w = scored
    standings = quality.ranking(w.haizhu_centre, YEAR)
    assert [(s.lawyer, s.score, s.rank) for s in standings] == [
        (w.lawyer_a1, D("82.00"), 1),
        (w.lawyer_b1, D("70.33"), 2),
        (w.lawyer_a2, D("60.00"), 3),
    ]
    a1, b1, a2 = standings
    assert (a1.hearing, a1.hearing_count, a1.file, a1.grade) == (D("85.00"), 2, D("70.00"), D(100))
    assert (b1.hearing, b1.file, b1.file_count, b1.grade, b1.grade_count) == (
        None, D("75.50"), 2, D("60.00"), 1,
    )  # fmt: skip
    assert (a2.hearing, a2.hearing_count, a2.file, a2.grade) == (D("60.00"), 1, None, None)
    # The year before holds a2's zero and b1's failed file only: a2 ranks alone.
    assert [(s.lawyer, s.score) for s in quality.ranking(w.haizhu_centre, YEAR - 1)] == [
        (w.lawyer_a2, D("0.00"))
    ]
    assert quality.ranking(w.baiyun_centre, YEAR) == []


def test_equal_scores_share_a_rank(rubric):
    w = rubric
    evaluate(w, w.lawyer_a1, "hearing", [20, 20, 20])
    evaluate(w, w.lawyer_a2, "hearing", [20, 20, 20])
    evaluate(w, w.lawyer_b1, "hearing", [30, 30, 30])
    assert [s.rank for s in quality.ranking(w.haizhu_centre, YEAR)] == [1, 2, 2]


# -- removal: proposal, notice, appeal --------------------------------------------------------


def test_the_bottom_n_are_proposed_with_notice_and_an_appeal_period(
    scored, settings, django_capture_on_commit_callbacks
):
    w = scored
    settings.FAZHI_LEGALAID_REMOVE_LOWEST = 1
    settings.FAZHI_LEGALAID_APPEAL_DAYS = 15
    with django_capture_on_commit_callbacks(execute=True):
        (removal,) = quality.propose_removals(w.haizhu_centre, YEAR, w.aid_clerk_haizhu)
    assert removal.member.lawyer == w.lawyer_a2
    assert (removal.state, removal.rank, removal.score) == ("proposed", 3, D("60.00"))
    # Notice on 2026-06-10 (Wed); 15 calendar days later: 2026-06-25, a Thursday.
    assert removal.noticed_on == datetime.date(2026, 6, 10)
    assert removal.appeal_until == datetime.date(2026, 6, 25)
    (note,) = Notification.objects.filter(recipient=w.lawyer_a2.user)
    assert note.url == f"/legalaid/quality/removals/{removal.pk}/"
    # The pool is untouched until the removal takes effect.
    assert PoolMember.objects.get(lawyer=w.lawyer_a2).status == "active"


def test_a_last_appeal_day_on_a_rest_day_rolls_to_the_next_working_day(scored, settings):
    w = scored
    settings.FAZHI_LEGALAID_REMOVE_LOWEST = 2
    settings.FAZHI_LEGALAID_APPEAL_DAYS = 11
    removals = quality.propose_removals(w.haizhu_centre, YEAR, w.aid_clerk_haizhu)
    assert sorted(r.member.lawyer.name for r in removals) == sorted(["林律师", "黄律师"])
    # 2026-06-10 + 11 days = Sunday 2026-06-21 (端午 holiday 19–21 June) → Monday 22 June.
    assert {r.appeal_until for r in removals} == {datetime.date(2026, 6, 22)}


def test_lawyers_tied_at_the_cut_off_are_all_proposed(rubric, settings):
    w = rubric
    settings.FAZHI_LEGALAID_REMOVE_LOWEST = 1
    evaluate(w, w.lawyer_a1, "hearing", [20, 20, 20])
    evaluate(w, w.lawyer_a2, "hearing", [20, 20, 20])
    evaluate(w, w.lawyer_b1, "hearing", [30, 30, 30])
    removals = quality.propose_removals(w.haizhu_centre, YEAR, w.aid_clerk_haizhu)
    assert {r.member.lawyer for r in removals} == {w.lawyer_a1, w.lawyer_a2}


def test_lawyers_without_an_evaluation_or_already_removed_are_not_proposed(scored, settings):
    w = scored
    settings.FAZHI_LEGALAID_REMOVE_LOWEST = 1
    PoolMember.objects.filter(lawyer=w.lawyer_a2).update(
        status="removed", left_on=datetime.date(YEAR, 10, 1)
    )
    (removal,) = quality.propose_removals(w.haizhu_centre, YEAR, w.aid_clerk_haizhu)
    assert removal.member.lawyer == w.lawyer_b1


def test_proposals_are_refused_for_a_running_year_twice_or_without_evaluations(scored):
    w = scored
    for year in (2026, YEAR - 2):
        with pytest.raises(InvalidInput) as caught:
            quality.propose_removals(w.haizhu_centre, year, w.aid_clerk_haizhu)
        assert list(caught.value.fields) == ["year"]
    quality.propose_removals(w.haizhu_centre, YEAR, w.aid_clerk_haizhu)
    count = Removal.objects.count()
    with pytest.raises(InvalidInput) as caught:
        quality.propose_removals(w.haizhu_centre, YEAR, w.aid_clerk_haizhu)
    assert list(caught.value.fields) == ["year"]
    assert Removal.objects.count() == count
    with pytest.raises(InvalidInput):
        quality.propose_removals(w.haizhu_centre, YEAR, w.aid_clerk_baiyun)
    with pytest.raises(PermissionDenied):
        quality.propose_removals(w.haizhu_centre, YEAR, w.lawyer_a1.user)


@pytest.fixture
def proposed(scored, settings):
    settings.FAZHI_LEGALAID_REMOVE_LOWEST = 1
    settings.FAZHI_LEGALAID_APPEAL_DAYS = 15
    scored.removal = quality.propose_removals(scored.haizhu_centre, YEAR, scored.aid_clerk_haizhu)[
        0
    ]
    return scored


def test_the_lawyer_may_appeal_on_the_last_day_and_a_rejected_appeal_removes_them(proposed):
    w = proposed
    with time_machine.travel(at(datetime.date(2026, 6, 25), 17)):
        removal = quality.removal_appeal(
            actor=w.lawyer_a2.user, removal=w.removal, text="评分所依据的庭审系临时接手。"
        )
        assert removal.state == "appealed"
    with time_machine.travel(at(datetime.date(2026, 6, 29))):
        removal = quality.removal_decide(
            actor=w.aid_clerk_haizhu, removal=removal, upheld=False, decision="理由不成立。"
        )
    assert (removal.state, removal.effective_on) == ("effective", datetime.date(2026, 6, 29))
    member = PoolMember.objects.get(centre=w.haizhu_centre, lawyer=w.lawyer_a2)
    assert (member.status, member.left_on) == ("removed", datetime.date(2026, 6, 29))


def test_an_appeal_after_the_period_is_refused_and_nothing_changes(proposed):
    w = proposed
    with time_machine.travel(at(datetime.date(2026, 6, 26), 9)):
        with pytest.raises(InvalidInput) as caught:
            quality.removal_appeal(actor=w.lawyer_a2.user, removal=w.removal, text="迟到的申辩")
    assert list(caught.value.fields) == ["appeal"]
    assert "2026-06-25" in caught.value.message
    w.removal.refresh_from_db()
    assert (w.removal.state, w.removal.appeal) == ("proposed", "")


def test_only_the_lawyer_concerned_may_appeal(proposed):
    w = proposed
    for actor in (w.lawyer_a1.user, w.aid_clerk_haizhu):
        with pytest.raises(PermissionDenied):
            quality.removal_appeal(actor=actor, removal=w.removal, text="申辩")


def test_an_upheld_appeal_withdraws_the_proposal_and_keeps_the_lawyer(proposed):
    w = proposed
    quality.removal_appeal(actor=w.lawyer_a2.user, removal=w.removal, text="申辩理由")
    removal = quality.removal_decide(
        actor=w.aid_clerk_haizhu, removal=w.removal, upheld=True, decision="申辩成立。"
    )
    assert removal.state == "withdrawn"
    assert PoolMember.objects.get(lawyer=w.lawyer_a2).status == "active"
    with pytest.raises(PermissionDenied):
        quality.removal_decide(
            actor=w.aid_clerk_baiyun, removal=removal, upheld=False, decision="x"
        )


def test_an_unappealed_proposal_takes_effect_only_after_the_period(proposed):
    w = proposed
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    assert w.lawyer_a2 in assignable_lawyers(case)
    with time_machine.travel(at(datetime.date(2026, 6, 25), 18)):
        with pytest.raises(InvalidInput) as caught:
            quality.removal_make_effective(actor=w.aid_clerk_haizhu, removal=w.removal)
    assert list(caught.value.fields) == ["appeal_until"]
    assert PoolMember.objects.get(lawyer=w.lawyer_a2).status == "active"
    with time_machine.travel(at(datetime.date(2026, 6, 26))):
        removal = quality.removal_make_effective(actor=w.aid_clerk_haizhu, removal=w.removal)
    assert (removal.state, removal.effective_on) == ("effective", datetime.date(2026, 6, 26))
    member = PoolMember.objects.get(lawyer=w.lawyer_a2)
    assert (member.status, member.left_on) == ("removed", datetime.date(2026, 6, 26))
    # Out of the pool: no longer assignable, and never proposed again.
    assert w.lawyer_a2 not in assignable_lawyers(case)
    assert not quality.ranking(w.haizhu_centre, YEAR)[-1].in_pool
    # An effective removal cannot be appealed or withdrawn any more.
    with pytest.raises(InvalidInput):
        quality.removal_withdraw(actor=w.aid_clerk_haizhu, removal=removal, decision="撤回")


# -- jurisdiction and pages -------------------------------------------------------------------


def test_the_baiyun_clerk_sees_no_haizhu_evaluation_or_removal(proposed, client):
    w = proposed
    assert not quality.visible_evaluations(w.aid_clerk_baiyun).exists()
    assert not quality.visible_removals(w.aid_clerk_baiyun).exists()
    assert quality.visible_evaluations(w.aid_clerk_haizhu).count() == Evaluation.objects.count()
    client.force_login(w.aid_clerk_baiyun)
    page = client.get("/legalaid/quality/evaluations/?year=2025")
    assert page.status_code == 200 and "李专家" not in page.content.decode()
    assert client.get(f"/legalaid/quality/removals/{w.removal.pk}/").status_code == 404
    assert client.get(f"/legalaid/quality/ranking/?centre={w.haizhu_centre.pk}").status_code == 404
    assert client.get(f"/legalaid/quality/rubric/?centre={w.haizhu_centre.pk}").status_code == 404


def test_a_lawyer_sees_their_own_evaluations_and_removal_only(proposed, client):
    w = proposed
    mine = quality.visible_evaluations(w.lawyer_a2.user)
    assert set(mine.values_list("lawyer_id", flat=True)) == {w.lawyer_a2.pk}
    assert not quality.visible_removals(w.lawyer_a1.user).exists()
    client.force_login(w.lawyer_a2.user)
    page = client.get("/legalaid/quality/evaluations/?year=2025")
    assert page.status_code == 200
    html = page.content.decode()
    assert "林律师" in html and "陈律师" not in html and 'id="own-removals"' in html
    assert client.get(f"/legalaid/quality/removals/{w.removal.pk}/").status_code == 200
    assert client.get("/legalaid/quality/ranking/").status_code == 403
    assert client.get("/legalaid/quality/evaluate/").status_code == 403
    response = client.post(
        f"/legalaid/quality/removals/{w.removal.pk}/", {"action": "appeal", "text": "申辩"}
    )
    assert response.status_code == 302
    w.removal.refresh_from_db()
    assert w.removal.state == "appealed"
    client.force_login(w.lawyer_a1.user)
    assert client.get(f"/legalaid/quality/removals/{w.removal.pk}/").status_code == 404


def test_staff_pages_record_an_evaluation_and_propose_removals(rubric, client, settings):
    w = rubric
    settings.FAZHI_LEGALAID_REMOVE_LOWEST = 1
    client.force_login(w.aid_clerk_haizhu)
    assert client.get("/legalaid/quality/rubric/").status_code == 200
    response = client.post(
        "/legalaid/quality/rubric/", {"kind": "hearing", "name": "仪容仪表", "max_score": "10"}
    )
    assert response.status_code == 302
    assert Criterion.objects.filter(name="仪容仪表", centre=w.haizhu_centre).exists()
    w.h = list(quality.rubric(w.haizhu_centre, "hearing"))
    page = client.get("/legalaid/quality/evaluate/?kind=hearing")
    assert page.status_code == 200 and "仪容仪表" in page.content.decode()
    data = {"lawyer": w.lawyer_a1.pk, "evaluated_on": "2025-05-06", "evaluator": "王专家"}
    data.update({f"score_{c.pk}": "25" for c in w.h})
    looks = Criterion.objects.get(name="仪容仪表")
    data[f"score_{looks.pk}"] = "20"  # above 仪容仪表's maximum of 10
    page = client.post("/legalaid/quality/evaluate/?kind=hearing", data)
    assert page.status_code == 200 and not Evaluation.objects.exists()
    data[f"score_{looks.pk}"] = "10"
    page = client.post("/legalaid/quality/evaluate/?kind=hearing", data)
    assert page.status_code == 302, page.context["form"].errors
    # 25 + 25 + 25 + 10 = 85 of 110 → 77.27
    assert Evaluation.objects.get().score == D("77.27")
    evaluate(w, w.lawyer_a2, "hearing", [5, 10, 10, 10])  # 仪容仪表 first (order 0)
    page = client.get("/legalaid/quality/ranking/?year=2025")
    assert page.status_code == 200 and 'id="propose-submit"' in page.content.decode()
    assert client.post("/legalaid/quality/ranking/?year=2025").status_code == 302
    removal = Removal.objects.get()
    assert removal.member.lawyer == w.lawyer_a2
    page = client.get(f"/legalaid/quality/removals/{removal.pk}/")
    assert page.status_code == 200 and 'id="make-effective"' in page.content.decode()
    page = client.post(f"/legalaid/quality/removals/{removal.pk}/", {"action": "effective"})
    assert page.status_code == 200 and 'id="removal-errors"' in page.content.decode()
    removal.refresh_from_db()
    assert removal.state == "proposed"


def test_random_input_on_the_quality_forms_never_fails(proposed, client):
    from core.tests.test_forms_fuzz import fuzz

    w = proposed
    client.force_login(w.aid_clerk_haizhu)
    fuzz(client, "/legalaid/quality/rubric/")
    fuzz(client, "/legalaid/quality/evaluate/?kind=file")
    fuzz(client, f"/legalaid/quality/removals/{w.removal.pk}/")
    client.force_login(w.lawyer_a2.user)
    fuzz(client, f"/legalaid/quality/removals/{w.removal.pk}/")
