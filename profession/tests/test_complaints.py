"""A complaint against a lawyer or a law firm on the engine, on worked dates, with the limits of
the penalties of 律师法 Arts. 47–50 (profession.penalties).

Worked example (Dragon Boat Festival 2026: Fri 19 – Sun 21 June are rest days; the first day
not counted, reference §0):

- Mon 8 Jun 2026: a complaint against 陈律师 is received by 海珠区司法局. Acceptance within
  10 working days (FAZHI_PROFESSION_COMPLAINT_ACCEPT_DAYS ❓): 9–12 (4), 15–18 (8),
  [19–21 端午], 22, 23 (10) → Tue 23 Jun. Decision within 60 calendar days of receipt
  (FAZHI_PROFESSION_COMPLAINT_DAYS ❓): 9–30 Jun (22), July (53), 1–7 Aug (60) → Fri 7 Aug 2026.
- Wed 10 Jun: accepted; the current deadline becomes 7 Aug.
- Wed 24 Jun: the district bureau proposes a penalty (Art. 52).
- Mon 6 Jul: the city bureau decides: warning and a fine of 5,000 yuan under Art. 47 (its
  maximum) — on time (6 Jul ≤ 7 Aug).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext

from cases.models import Clock
from core.errors import InvalidInput, PermissionDenied
from profession.models import Complaint, Penalty
from profession.penalties import check
from profession.tests.conftest import complain, fire

pytestmark = pytest.mark.django_db
D = datetime.date
DECISION = {"article": "47", "warning": True, "fine": "5000", "decision_number": "穗司罚〔2026〕1号",
            "summary": "该律师收取代理费后无正当理由拒绝出庭，违反律师法第四十七条。"}  # fmt: skip


def test_the_clocks_of_a_complaint(pw):
    complaint = complain(pw, D(2026, 6, 8))
    assert complaint.number == "（2026）海珠区司法局律投字第0001号"
    assert complaint.state == "received" and complaint.region_code == pw.haizhu.code
    clocks = {c.key: c for c in Clock.for_case(complaint)}
    assert (clocks["acceptance"].unit, clocks["acceptance"].due_date) == (
        "working_days",
        D(2026, 6, 23),
    )
    assert (clocks["handling"].unit, clocks["handling"].due_date) == ("days", D(2026, 8, 7))
    assert complaint.due_date == D(2026, 6, 23)


def test_the_worked_example_to_a_penalty(pw):
    w = pw
    complaint = complain(w, D(2026, 6, 8))
    complaint = fire(complaint, "accept", w.clerk_haizhu, D(2026, 6, 10))
    assert complaint.state == "accepted" and complaint.due_date == D(2026, 8, 7)
    complaint = fire(complaint, "propose", w.clerk_haizhu, D(2026, 6, 24),
                     findings="经调查，该律师收费后未出庭属实。")  # fmt: skip
    assert complaint.state == "proposed"
    complaint = fire(complaint, "decide", w.clerk_city, D(2026, 7, 6), **DECISION)
    assert complaint.state == "penalised" and complaint.outcome == "penalised"
    assert (complaint.concluded_on, complaint.on_time) == (D(2026, 7, 6), True)
    penalty = Penalty.objects.get()
    assert (penalty.article, penalty.warning, penalty.fine) == ("47", True, Decimal("5000"))
    assert (penalty.subject_name, penalty.firm_name) == ("陈律师", "广东海珠律师事务所")
    assert penalty.decided_by == w.city_bureau and penalty.decided_on == D(2026, 7, 6)
    assert penalty.measures == "，".join([gettext("warning"),
                                          gettext("fine of %(amount)s yuan") % {"amount": "5,000"}])  # fmt: skip


def test_a_county_bureau_proposes_but_does_not_decide(pw):
    """Arts. 47–50: the city-level department decides; the county-level one proposes (Art. 52)."""
    complaint = complain(pw, D(2026, 6, 8))
    fire(complaint, "accept", pw.clerk_haizhu, D(2026, 6, 10))
    with pytest.raises(InvalidInput):
        fire(complaint, "decide", pw.clerk_haizhu, D(2026, 6, 12), **DECISION)
    complaint.refresh_from_db()
    assert complaint.state == "accepted" and not Penalty.objects.exists()


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"fine": "5000.01"}, "fine",
     ("Art. %(article)s allows a fine of at most %(max)s yuan.", {"article": "47", "max": "5,000"})),
    ({"suspension_months": 4}, "suspension_months",
     ("Art. %(article)s allows suspension of at most %(high)s months.", {"article": "47", "high": 3})),
    ({"article": "48", "suspension_months": 2}, "suspension_months",
     ("Art. %(article)s allows suspension of %(low)s to %(high)s months.",
      {"article": "48", "low": 3, "high": 6})),
    ({"article": "48", "fine": "10001"}, "fine",
     ("Art. %(article)s allows a fine of at most %(max)s yuan.", {"article": "48", "max": "10,000"})),
    ({"article": "50"}, "article",
     ("Art. %(article)s penalises a law firm, not a lawyer.", {"article": "50"})),
    ({"closure_months": 1}, "closure_months",
     ("Closure for rectification applies to a law firm (Art. 50).", {})),
    ({"revocation": True}, "revocation", ("Art. %(article)s provides no revocation.", {"article": "47"})),
])  # fmt: skip
def test_a_penalty_beyond_its_articles_limits_is_refused(pw, changes, field, message):
    """律师法 Art. 47: warning, fine ≤5,000, suspension ≤3 months; Art. 48: fine ≤10,000,
    suspension 3–6 months; Art. 50 is the firm's; revocation only under Arts. 49–50."""
    complaint = complain(pw, D(2026, 6, 8))
    fire(complaint, "accept", pw.clerk_haizhu, D(2026, 6, 10))
    with pytest.raises(InvalidInput) as caught:
        fire(complaint, "decide", pw.clerk_city, D(2026, 7, 6), **{**DECISION, **changes})
    text, values = message
    assert caught.value.fields[field] == [gettext(text) % values]
    complaint.refresh_from_db()
    assert complaint.state == "accepted" and not Penalty.objects.exists()


def test_the_limits_at_their_bounds():
    lawyer = {"subject_kind": "lawyer", "warning": False, "fine": Decimal(0),
              "confiscated": Decimal(0), "closure_months": 0, "revocation": False}  # fmt: skip
    assert check(article="47", **{**lawyer, "suspension_months": 3}) == {}
    assert check(article="48", **{**lawyer, "suspension_months": 6, "fine": Decimal(10000)}) == {}
    assert check(article="49", **{**lawyer, "suspension_months": 12, "fine": Decimal(50000)}) == {}
    assert "suspension_months" in check(article="49", **{**lawyer, "suspension_months": 5})
    assert "suspension_months" in check(article="49", **{**lawyer, "fine": Decimal(1000),
                                                          "suspension_months": 0})  # fmt: skip
    assert check(article="49", **{**lawyer, "suspension_months": 0, "revocation": True}) == {}
    firm = {**lawyer, "subject_kind": "firm", "suspension_months": 0}
    assert check(article="50", **{**firm, "closure_months": 6, "fine": Decimal(100000)}) == {}
    assert "closure_months" in check(article="50", **{**firm, "closure_months": 7})
    assert "fine" in check(article="50", **{**firm, "warning": True, "fine": Decimal(100001)})
    assert "warning" in check(article="47", **{**lawyer, "suspension_months": 0})  # no measure


def test_a_firm_complaint_dismissed_on_time_and_a_refusal(pw):
    w = pw
    complaint = complain(w, D(2026, 6, 8), firm=w.firm)
    assert complaint.subject == "广东海珠律师事务所"
    fire(complaint, "accept", w.clerk_haizhu, D(2026, 6, 9))
    complaint = fire(complaint, "dismiss", w.clerk_haizhu, D(2026, 6, 30),
                     findings="经调查，投诉事项不属实。")  # fmt: skip
    assert complaint.state == "dismissed" and complaint.on_time is True
    refused = complain(w, D(2026, 6, 8), lawyer=w.lawyer_b)
    refused = fire(refused, "refuse", w.clerk_haizhu, D(2026, 6, 9), reasons="非律师执业行为。")
    assert refused.state == "not_accepted" and refused.concluded_on == D(2026, 6, 9)
    assert not Penalty.objects.exists()


def test_a_decision_after_the_handling_period_is_late(pw):
    """Received Mon 8 Jun 2026, due Fri 7 Aug; dismissed Mon 10 Aug: late."""
    complaint = complain(pw, D(2026, 6, 8))
    fire(complaint, "accept", pw.clerk_haizhu, D(2026, 6, 10))
    complaint = fire(complaint, "dismiss", pw.clerk_haizhu, D(2026, 8, 10), findings="不属实。")
    assert (complaint.concluded_on, complaint.on_time) == (D(2026, 8, 10), False)


def test_bad_input_names_the_field_and_writes_nothing(pw):
    with pytest.raises(InvalidInput) as caught:
        complain(pw, D(2026, 6, 8), name="")
    assert caught.value.fields["complainant_name"] == [gettext("Give the complainant's name.")]
    with pytest.raises(InvalidInput) as caught:
        complain(pw, D(2026, 6, 8), phone="12")
    assert "complainant_phone" in caught.value.fields
    assert not Complaint.objects.exists()


def test_another_districts_lawyer_is_not_the_clerks(pw):
    with pytest.raises(PermissionDenied):
        complain(pw, D(2026, 6, 8), lawyer=pw.lawyer_baiyun)
    assert not Complaint.objects.exists()


def test_the_same_decision_number_twice_is_refused(pw):
    w = pw
    first = complain(w, D(2026, 6, 8))
    fire(first, "accept", w.clerk_haizhu, D(2026, 6, 9))
    fire(first, "decide", w.clerk_city, D(2026, 7, 6), **DECISION)
    second = complain(w, D(2026, 6, 8), lawyer=w.lawyer_b)
    fire(second, "accept", w.clerk_haizhu, D(2026, 6, 9))
    with pytest.raises(InvalidInput) as caught:
        fire(second, "decide", w.clerk_city, D(2026, 7, 6), **DECISION)
    assert "decision_number" in caught.value.fields
    assert Penalty.objects.count() == 1


def test_the_conclusion_is_on_time_by_the_clocks_due_date_as_it_stands(pw):
    """The handling period is the engine's "handling" clock, the one deadline of a complaint
    (no copy on the complaint). Received Mon 8 Jun 2026, due Fri 7 Aug; when the clock's due
    date moves (say to Mon 10 Aug, a year's holidays entered later: cases.schedules), a
    decision on 10 Aug is on time, on 11 Aug late."""
    w = pw
    moved, late = complain(w, D(2026, 6, 8)), complain(w, D(2026, 6, 8), lawyer=w.lawyer_b)
    assert not hasattr(moved, "handling_due")
    for complaint in (moved, late):
        Clock.for_case(complaint).filter(key="handling").update(due_date=D(2026, 8, 10))
        fire(complaint, "accept", w.clerk_haizhu, D(2026, 6, 10))
    moved = fire(moved, "dismiss", w.clerk_haizhu, D(2026, 8, 10), findings="不属实。")
    late = fire(late, "dismiss", w.clerk_haizhu, D(2026, 8, 11), findings="不属实。")
    assert (moved.concluded_on, moved.on_time) == (D(2026, 8, 10), True)
    assert (late.concluded_on, late.on_time) == (D(2026, 8, 11), False)
    stopped = Clock.for_case(moved).get(key="handling")
    assert (stopped.state, stopped.stopped_on, stopped.due_date) == (
        "stopped", D(2026, 8, 10), D(2026, 8, 10))  # fmt: skip


def test_the_complaints_handling_due_is_read_from_its_clock(pw):
    from profession.selectors import with_handling_due

    w = pw
    complain(w, D(2026, 6, 8))
    second = complain(w, D(2026, 6, 9), lawyer=w.lawyer_b)
    Clock.for_case(second).filter(key="handling").update(due_date=D(2026, 8, 10))
    rows = with_handling_due(Complaint.objects.order_by("pk"))
    assert [c.handling_due for c in rows] == [D(2026, 8, 7), D(2026, 8, 10)]
