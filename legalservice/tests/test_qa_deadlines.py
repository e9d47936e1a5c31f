"""The public statutory-deadline calculator on the portal: a period from a short list drawn
from reference/statutes.md and a start day give the last day on the engine's calendar — the
start day not counted, a last day on a rest day rolled to the next working day, working-day
periods skipping holidays and counting make-up working days (statutes.md §10: Civil Procedure
Law Art. 85; Civil Code Arts. 201–203; Administrative Reconsideration Law Art. 88) — and a
period reaching a year without a published schedule is marked provisional, never an error.
The worked values are the reference's (§10, chinesecalendar 1.11.0)."""

from __future__ import annotations

import datetime

import pytest

from legalservice import qa_deadlines

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/legalservice/public/deadlines/"


def due(key: str, start: datetime.date):
    return qa_deadlines.compute(qa_deadlines.kind_of(key), start)


@pytest.mark.parametrize(
    ("key", "start", "expected", "rolled"),
    [
        # 60 days to apply for reconsideration (ARL Art. 20): statutes.md §10's worked values.
        ("reconsideration_apply", D(2025, 1, 2), D(2025, 3, 3), False),
        # Nominally 1 Oct 2025, National Day: rolled to the first working day, 9 Oct.
        ("reconsideration_apply", D(2025, 8, 2), D(2025, 10, 9), True),
        # 5 working days (ARL Arts. 30, 88): Sat 11 Oct 2025 is a make-up working day and counts.
        ("reconsideration_accept", D(2025, 9, 30), D(2025, 10, 14), False),
        ("reconsideration_accept", D(2025, 9, 26), D(2025, 10, 10), False),
        # 30 days ending on a make-up Saturday (11 Oct 2025): a working day, no roll-forward.
        ("judicial_confirmation", D(2025, 9, 11), D(2025, 10, 11), False),
        ("reconsideration_simple", D(2025, 9, 11), D(2025, 10, 11), False),
        # 15 days to sue after reconsideration (ALL Art. 45): nominally 4 Feb 2025, the last day
        # of the Spring Festival holiday, rolled to 5 Feb.
        ("litigation_after_reconsideration", D(2025, 1, 20), D(2025, 2, 5), True),
        # 6 months to sue (ALL Art. 46): the corresponding day, or the month's last day
        # (Civil Code Art. 202) — 31 Mar → 30 Sep 2025, a Tuesday.
        ("litigation_sue", D(2025, 3, 31), D(2025, 9, 30), False),
        # From 1 Apr 2025 the sixth month ends on 1 Oct, National Day: rolled to 9 Oct.
        ("litigation_sue", D(2025, 4, 1), D(2025, 10, 9), True),
        # One month of mediation from 31 Jan 2026 → 28 Feb 2026, a Saturday but a make-up
        # working day of the 2026 Spring Festival schedule: no roll-forward.
        ("mediation", D(2026, 1, 31), D(2026, 2, 28), False),
    ],
)
def test_worked_deadlines(regions, key, start, expected, rolled):
    result = due(key, start)
    assert (result.date, result.rolled_forward, result.provisional) == (expected, rolled, False)


def test_legal_aid_review_follows_the_configured_unit(regions, settings):
    # Legal Aid Law Art. 43: 7 days, whose kind the law leaves open (statutes.md §2 ❓).
    # From Fri 26 Sep 2025: 7 calendar days → 3 Oct (National Day) → rolled to Thu 9 Oct.
    settings.FAZHI_LEGALAID_PERIOD_UNIT = "days"
    assert due("legalaid_review", D(2025, 9, 26)).date == D(2025, 10, 9)
    # 7 working days: Sun 28 Sep (make-up), 29, 30 Sep, then 9, 10, Sat 11 (make-up), 13 Oct.
    settings.FAZHI_LEGALAID_PERIOD_UNIT = "working_days"
    assert due("legalaid_review", D(2025, 9, 26)).date == D(2025, 10, 13)


def test_a_year_without_a_schedule_is_provisional_not_an_error(regions, client):
    result = due("reconsideration_apply", D(2026, 12, 20))
    assert result.provisional and result.provisional_years == (2027,)
    assert result.nominal == D(2027, 2, 18)
    response = client.get(URL, {"kind": "reconsideration_apply", "start": "2026-12-20"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="deadline-provisional"' in body and "2027" in body


def test_the_page_shows_the_last_day_and_the_article(regions, client):
    response = client.get(URL, {"kind": "reconsideration_apply", "start": "2025-08-02"})
    body = response.content.decode()
    assert 'data-due="2025-10-09"' in body and 'id="deadline-rolled"' in body
    assert str(qa_deadlines.kind_of("reconsideration_apply").article) in body


def test_bad_input_is_named_beside_its_field(regions, client):
    response = client.get(URL, {"kind": "no_such_period", "start": "2025-02-30"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"kind", "start"}
    assert response.context["result"] is None
    assert client.get(URL).context["result"] is None  # the empty form, no error
    assert not client.get(URL).context["form"].errors
