"""Case-file review (案卷评查, reference/statutes-lines.md §C.8; 山东省行政执法监督条例 = SD-JD
Arts. 14, 28): the seeded sample, the scoring against the rubric (§C.8: 10/25/20/25/10/10, 优秀 ≥
90, 合格 ≥ 70, 一票否决 = 不合格), the rectifications and their 30 days, the results per agency.

The world (enforcement.tests.conftest `ew`): 海珠 市监 (shijian_body, agency haizhu_agency), 海珠
城管 (chengguan_body) and 白云 市监 (outside 海珠). Decisions are written directly (rows, not the
reporting service: the review reads them only). The review's permissions are given to the roles
by the fixture `perms`, as enforcement.roles will once the lead adds them.
"""

from __future__ import annotations

import datetime
import random

import pytest

from core.errors import InvalidInput, PermissionDenied
from core.roles import ROLE_PERMISSIONS, Role
from enforcement import review_selectors as sel
from enforcement import review_services as svc
from enforcement.decision_models import Decision
from enforcement.review_models import Grade, Rectification, ReviewCampaign
from enforcement.tests.conftest import on

D = datetime.date
pytestmark = pytest.mark.django_db
FULL = {"subject": 10, "facts": 25, "law": 20, "procedure": 25, "documents": 10, "archive": 10}


@pytest.fixture
def perms(monkeypatch):
    """The lines the lead adds to enforcement.roles."""
    for role, extra in ((Role.SYSTEM_ADMIN, svc.REVIEW_WRITE), (Role.SECTION_STAFF,
                        svc.REVIEW_WRITE), (Role.LEADER, svc.REVIEW_READ),
                        (Role.AGENCY_HANDLER, svc.REVIEW_AGENCY)):  # fmt: skip
        monkeypatch.setitem(ROLE_PERMISSIONS, role, ROLE_PERMISSIONS[role] | extra)


def decisions(body, count, *, year=2026, prefix="罚"):
    rows = [Decision(body=body, agency_id=body.agency_id, region_code=body.region_code,
                     case_number=f"{prefix}〔{year}〕{i:03d}号", kind="penalty",
                     party_kind="organization", party_name=f"当事人{i}",
                     decided_on=D(year, 1 + i % 12, 1 + i % 28), facts="事实", legal_basis="依据",
                     result="警告", source="api") for i in range(1, count + 1)]  # fmt: skip
    Decision.objects.bulk_create(rows)
    return list(Decision.objects.filter(body=body, decided_on__year=year).order_by("case_number"))


@pytest.fixture
def rw(ew, perms):
    w = ew
    w.shijian_decisions = decisions(w.shijian_body, 30)
    w.chengguan_decisions = decisions(w.chengguan_body, 3)
    decisions(w.shijian_body, 5, year=2025)  # another year: not eligible
    decisions(w.baiyun_body, 5)  # another district: not eligible
    return w


def campaign(w, **changes):
    data = {"title": "2026年度行政执法案卷评查", "year": 2026, "seed": 20260301, "sample_size": 4}
    data.update(changes)
    with on(D(2027, 3, 1)):
        return svc.campaign_create(actor=w.clerk_haizhu, organization=w.haizhu_bureau, data=data)


def drawn(w, **changes):
    c = campaign(w, **changes)
    with on(D(2027, 3, 2)):
        svc.campaign_draw(actor=w.clerk_haizhu, campaign=c)
    return c


def auditor(seed, body_decisions, size):
    """The docstring's recipe (review_services.draw_sample), re-done by hand for one body."""
    ordered = [d.pk for d in sorted(body_decisions, key=lambda d: (d.case_number, d.pk))]
    body_id = body_decisions[0].body_id
    return random.Random(f"{seed}:{body_id}").sample(ordered, min(size, len(ordered)))


# -- the sample ----------------------------------------------------------------------------------


def test_the_same_seed_draws_the_same_sample_and_another_seed_another(rw):
    args = {"region_code": "440105000000", "year": 2026, "size": 4}
    first = svc.draw_sample(seed=20260301, **args)
    assert first == svc.draw_sample(seed=20260301, **args)
    other = svc.draw_sample(seed=20260302, **args)
    # 4 of 30 from 市监: C(30,4) = 27 405 samples, so the same draw by chance is negligible.
    assert other != first
    # 4 from 市监 (30 decisions), all 3 of 城管 (fewer than 4), none of 2025 nor of 白云.
    for sample in (first, other):
        rows = Decision.objects.in_bulk(sample)
        assert len(sample) == 7 == len(set(sample))
        assert sorted(d.body_id for d in rows.values()) == sorted(
            [rw.shijian_body.pk] * 4 + [rw.chengguan_body.pk] * 3
        )
        assert {d.decided_on.year for d in rows.values()} == {2026}
    # Exactly the auditor's recipe: per body in ascending id, Random("seed:body").sample.
    bodies = sorted([rw.shijian_decisions, rw.chengguan_decisions], key=lambda ds: ds[0].body_id)
    assert first == [pk for ds in bodies for pk in auditor(20260301, ds, 4)]


def test_draw_records_the_sample_once_and_it_re_runs_identically(rw):
    c = drawn(rw)
    assert c.drawn_on == D(2027, 3, 2)
    files = list(c.files.order_by("position"))
    assert [f.decision_id for f in files] == svc.draw_sample(
        seed=c.seed, region_code=c.region_code, year=2026, size=4
    )
    assert [f.position for f in files] == list(range(1, 8))
    assert all(f.agency_id == f.decision.agency_id for f in files)
    assert sel.sample_matches(c)
    with pytest.raises(InvalidInput):
        svc.campaign_draw(actor=rw.clerk_haizhu, campaign=c)
    assert c.files.count() == 7
    # A second campaign with another seed draws (in general) other files of 市监.
    other = drawn(rw, title="复查", seed=1)
    assert list(other.files.values_list("decision_id", flat=True)) != [f.decision_id for f in files]


def test_campaign_defaults_are_the_statute_model(rw):
    c = campaign(rw)
    assert [p["max"] for p in c.parts()] == [10, 25, 20, 25, 10, 10] and c.max_total == 100
    assert (c.excellent_threshold, c.pass_threshold, c.rectification_days) == (90, 70, 30)
    assert c.region_code == "440105000000"


@pytest.mark.parametrize("changes, field", [
    ({"sample_size": 0}, "sample_size"),
    ({"sample_size": -3}, "sample_size"),
    ({"rubric": {"parts": []}}, "rubric"),
    ({"rubric": {"parts": [{"key": "a", "name": "甲", "max": 0}]}}, "rubric"),
    ({"seed": ""}, "seed"),
    ({"title": ""}, "title"),
    ({"pass_threshold": 95}, "pass_threshold"),
    ({"excellent_threshold": 101}, "excellent_threshold"),
])  # fmt: skip
def test_a_bad_campaign_names_the_field_and_writes_nothing(rw, changes, field):
    with pytest.raises(InvalidInput) as exc:
        campaign(rw, **changes)
    assert field in exc.value.fields
    label = str(ReviewCampaign._meta.get_field(field).verbose_name)
    assert exc.value.message.startswith(label + "：")
    assert not ReviewCampaign.objects.exists()


def test_only_the_jurisdictions_staff_open_a_campaign(rw):
    with pytest.raises(PermissionDenied):
        svc.campaign_create(
            actor=rw.clerk_baiyun,
            organization=rw.haizhu_bureau,
            data={"title": "x", "year": 2026, "seed": 1, "sample_size": 1},
        )
    with pytest.raises(PermissionDenied):
        svc.campaign_create(
            actor=rw.agency_haizhu,
            organization=rw.haizhu_bureau,
            data={"title": "x", "year": 2026, "seed": 1, "sample_size": 1},
        )


# -- scoring -------------------------------------------------------------------------------------


SCORED_ON = D(2027, 4, 1)


def score(w, f, day=SCORED_ON, actor=None, **data):
    with on(day):
        return svc.file_score(actor=actor or w.clerk_haizhu, file=f, data=data)


def test_grades_from_the_thresholds_and_the_veto(rw):
    c = drawn(rw)
    a, b, d, e = list(c.files.order_by("position"))[:4]
    score(rw, a, scores=FULL)
    assert (a.total, a.grade, a.scored_on, a.reviewer) == (100, Grade.EXCELLENT, D(2027, 4, 1),
                                                           rw.clerk_haizhu)  # fmt: skip
    score(rw, b, scores={**FULL, "facts": 15})  # 90: 优秀 (≥ 90)
    assert (b.total, b.grade) == (90, Grade.EXCELLENT)
    score(rw, d, scores={**FULL, "facts": 0, "archive": 5})  # 70: 合格 (≥ 70)
    assert (d.total, d.grade) == (70, Grade.PASS)
    # 95 points, but no advance notice (CF Art. 44): 一票否决 → 不合格.
    score(
        rw,
        e,
        scores={**FULL, "documents": 5},
        veto="未履行事先告知",
        problems="未送达行政处罚事先告知书\n证据目录缺页",
    )
    assert (e.total, e.vetoed, e.grade) == (95, True, Grade.FAIL)
    assert e.problems == ["未送达行政处罚事先告知书", "证据目录缺页"]


@pytest.mark.parametrize("data, field", [
    ({"scores": {**FULL, "facts": 26}}, "scores.facts"),
    ({"scores": {**FULL, "law": -1}}, "scores.law"),
    ({"scores": {k: v for k, v in FULL.items() if k != "archive"}}, "scores.archive"),
    ({"scores": {**FULL, "extra": 1}}, "scores"),
    ({"scores": FULL, "veto": "不是否决项"}, "veto_reason"),
])  # fmt: skip
def test_a_bad_score_names_the_part_and_writes_nothing(rw, data, field):
    c = drawn(rw)
    f = c.files.first()
    with pytest.raises(InvalidInput) as exc:
        score(rw, f, **data)
    assert field in exc.value.fields
    assert "：" in exc.value.message
    f.refresh_from_db()
    assert (f.total, f.grade, f.scores, f.scored_on) == (None, "", {}, None)


def test_the_message_names_the_part_in_chinese_terms_of_the_rubric(rw):
    f = drawn(rw).files.first()
    with pytest.raises(InvalidInput) as exc:
        score(rw, f, scores={**FULL, "facts": 26})
    assert "事实证据" in exc.value.message


def test_agency_handlers_do_not_score(rw):
    f = drawn(rw).files.filter(agency=rw.haizhu_agency).first()
    with pytest.raises(PermissionDenied):
        score(rw, f, actor=rw.agency_haizhu, scores=FULL)


# -- rectification -------------------------------------------------------------------------------


@pytest.fixture
def notified(rw):
    c = drawn(rw)
    f = c.files.filter(agency=rw.haizhu_agency).first()
    score(rw, f, scores={**FULL, "documents": 4}, problems=["文书未加盖印章"])
    # Notified Mon 2 March 2026 + 30 calendar days (SD-JD Art. 28): March has 31 days, so
    # 2 March + 29 = 31 March, + 30 = Wed 1 April 2026.
    with on(D(2026, 3, 2)):
        r = svc.rectification_notify(actor=rw.clerk_haizhu, file=f, problem="文书未加盖印章")
    rw.campaign, rw.file, rw.rect = c, f, r
    return rw


def test_the_deadline_is_thirty_calendar_days_and_overdue_after_it(notified):
    r = notified.rect
    assert (r.notified_on, r.deadline) == (D(2026, 3, 2), D(2026, 4, 1))
    assert not r.is_overdue_on(D(2026, 4, 1))  # the last day is still in time
    assert r.is_overdue_on(D(2026, 4, 2))
    assert list(sel.overdue_on(D(2026, 4, 2))) == [r]
    assert list(sel.overdue_on(D(2026, 4, 1))) == []


def test_answered_in_time_is_not_overdue_sent_back_is_accepted_is_not(notified):
    w, r = notified, notified.rect
    with on(D(2026, 3, 20)):
        svc.rectification_answer(actor=w.agency_haizhu, rectification=r, answer="已补盖印章并归档")
    assert r.answered_on == D(2026, 3, 20) and not r.is_overdue_on(D(2026, 4, 10))
    assert list(sel.overdue_on(D(2026, 4, 10))) == []
    with on(D(2026, 3, 25)):
        svc.rectification_send_back(actor=w.clerk_haizhu, rectification=r, reason="未附整改材料")
    # Sent back: awaiting an answer again; the deadline does not move.
    assert r.is_overdue_on(D(2026, 4, 2)) and list(sel.overdue_on(D(2026, 4, 2))) == [r]
    with on(D(2026, 4, 5)):
        svc.rectification_answer(actor=w.agency_haizhu, rectification=r, answer="附整改材料")
    with on(D(2026, 4, 6)):
        svc.rectification_accept(actor=w.clerk_haizhu, rectification=r)
    r.refresh_from_db()
    assert (r.verdict, r.verdict_on, r.is_overdue_on(D(2026, 5, 1))) == (
        "accepted",
        D(2026, 4, 6),
        False,
    )


def test_an_empty_answer_names_the_field_and_writes_nothing(notified):
    w, r = notified, notified.rect
    with pytest.raises(InvalidInput) as exc:
        svc.rectification_answer(actor=w.agency_haizhu, rectification=r, answer="  ")
    assert "answer" in exc.value.fields
    assert exc.value.message.startswith(
        str(Rectification._meta.get_field("answer").verbose_name) + "："
    )
    r.refresh_from_db()
    assert (r.answer, r.answered_on) == ("", None)
    with pytest.raises(InvalidInput):
        svc.rectification_notify(actor=w.clerk_haizhu, file=w.file, problem="")
    assert Rectification.objects.count() == 1


def test_only_the_files_agency_answers(notified):
    with pytest.raises(PermissionDenied):
        svc.rectification_answer(
            actor=notified.agency_chengguan, rectification=notified.rect, answer="x"
        )
    with pytest.raises(PermissionDenied):
        svc.rectification_accept(actor=notified.agency_haizhu, rectification=notified.rect)


def test_agency_handlers_see_their_own_files_only(notified):
    c = notified.campaign
    mine = sel.files_for(notified.agency_haizhu, c)
    assert mine.count() == 4 and {f.agency_id for f in mine} == {notified.haizhu_agency.pk}
    assert sel.files_for(notified.clerk_haizhu, c).count() == 7
    assert sel.files_for(notified.agency_baiyun, c).count() == 0


# -- results -------------------------------------------------------------------------------------


def test_results_per_agency_ranking_and_worst_files(rw):
    c = drawn(rw)
    shijian = list(c.files.filter(agency=rw.haizhu_agency).order_by("position"))
    chengguan = list(c.files.filter(agency=rw.chengguan).order_by("position"))
    # 市监: 100, 80, 60 (+1 unscored) → mean 240/3 = 80.00; 城管: 95 (vetoed), 85, 71 → 251/3 =
    # 83.666… → 83.67: 城管 ranks first.
    score(rw, shijian[0], scores=FULL)
    score(rw, shijian[1], scores={**FULL, "facts": 5})  # 80
    score(rw, shijian[2], scores={**FULL, "facts": 0, "law": 5})  # 60
    score(rw, chengguan[0], scores={**FULL, "documents": 5}, veto="未履行事先告知")
    score(rw, chengguan[1], scores={**FULL, "facts": 10})
    score(rw, chengguan[2], scores={**FULL, "facts": 0, "law": 16})  # 100 − 25 − 4 = 71
    results = sel.agency_results(c)
    assert [(r.agency, r.files, r.scored, str(r.mean), r.rank) for r in results] == [
        ("海珠区城市管理和综合执法局", 3, 3, "83.67", 1),
        (rw.haizhu_agency.name, 4, 3, "80.00", 2),
    ]
    assert (results[0].vetoed, results[0].failed, results[0].excellent) == (1, 1, 0)
    worst = sel.worst_files(c, limit=3)
    # The vetoed file first, then the lowest totals: 60 (市监), 71 (城管).
    assert [(f.vetoed, f.total) for f in worst] == [(True, 95), (False, 60), (False, 71)]
