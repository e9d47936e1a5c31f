"""The reconsideration application period (行政复议法 Arts. 20–21; reference/statutes.md §§1,
10), with dates worked out by hand. First day not counted; a last day on a rest day moves to
the next working day. 2026 (statutes-lines.md §G): 春节 15–23 Feb (Sun–Mon); 清明 4–6 Apr;
端午 19–21 Jun; National Day 1–7 Oct (Thu–Wed), make-up working day Sat 10 Oct. 2027 has no
schedule in the package: its dates are provisional."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from cases.calendar import Calendar, get_calendar, sync_from_package
from cases.models import CalendarYear
from reconsideration.application_period import check, warning

D = datetime.date


@pytest.fixture(autouse=True)
def _english():
    """The texts are checked in English (the msgids); the Chinese is the .po's."""
    with translation.override("en"):
        yield


@pytest.fixture
def calendar(db):
    if not CalendarYear.objects.exists():
        sync_from_package()
    return get_calendar()


@pytest.mark.django_db
def test_sixty_days_ending_on_national_day_roll_to_the_next_working_day(calendar):
    # Knew on Sun 2 Aug 2026: 29 days to 31 Aug, 30 to 30 Sep, day 60 = Thu 1 Oct (nominal),
    # a holiday until Wed 7 Oct -> Thu 8 Oct (Art. 20 ¶1; Civil Procedure Law Art. 85).
    result = check(knew_on=D(2026, 8, 2), on=D(2026, 8, 20), calendar=calendar)
    assert (result.nominal, result.due) == (D(2026, 10, 1), D(2026, 10, 8))
    assert (result.passed, result.provisional, result.cutoff) == (False, False, None)
    assert "Art. 20" in result.basis
    assert warning(result) is None


@pytest.mark.django_db
def test_sixty_days_over_february(calendar):
    # Knew on Fri 2 Jan 2026: 29 days to 31 Jan, 57 to 28 Feb, day 60 = Tue 3 Mar, a working
    # day (the Spring Festival ended on 23 Feb) -> due 3 Mar.
    result = check(knew_on=D(2026, 1, 2), on=D(2026, 3, 3), calendar=calendar)
    assert (result.nominal, result.due, result.passed) == (D(2026, 3, 3), D(2026, 3, 3), False)


@pytest.mark.django_db
def test_passed_only_after_the_rolled_due_date(calendar):
    # Due Thu 8 Oct 2026 (first test). On 2 Oct the nominal day is behind but the period is
    # not; on 8 Oct it is the last day; on 9 Oct it has passed.
    knew = D(2026, 8, 2)
    assert check(knew_on=knew, on=D(2026, 10, 2), calendar=calendar).passed is False
    assert check(knew_on=knew, on=D(2026, 10, 8), calendar=calendar).passed is False
    late = check(knew_on=knew, on=D(2026, 10, 9), calendar=calendar)
    assert late.passed is True
    with translation.override("en"):
        message = warning(late)
    assert "2026-10-08" in message
    assert "Art. 20" in message
    assert "force majeure" in message  # a reminder, not a refusal


@pytest.mark.django_db
def test_force_majeure_days_are_added_back(calendar):
    # Knew on Thu 23 Jul 2026: 8 days to 31 Jul, 39 to 31 Aug, day 60 = Mon 21 Sep.
    plain = check(knew_on=D(2026, 7, 23), on=D(2026, 9, 30), calendar=calendar)
    assert plain.due == D(2026, 9, 21)
    assert plain.passed is True
    # 10 days lost to a flood (Art. 20 ¶2): the period continues, day 70 = Thu 1 Oct, National
    # Day -> Thu 8 Oct. An application on 30 Sep is now in time.
    flood = check(knew_on=D(2026, 7, 23), on=D(2026, 9, 30), lost_days=10, calendar=calendar)
    assert (flood.nominal, flood.due, flood.passed) == (D(2026, 10, 1), D(2026, 10, 8), False)
    assert "Art. 20 ¶2" in flood.basis


@pytest.mark.django_db
def test_a_longer_period_in_another_law_replaces_sixty_days_but_a_shorter_one_does_not(
    calendar,
):
    # 90 days from Fri 2 Jan 2026: 88 to 31 Mar, day 90 = Thu 2 Apr, a working day.
    longer = check(knew_on=D(2026, 1, 2), on=D(2026, 3, 20), law_days=90, calendar=calendar)
    assert longer.due == D(2026, 4, 2)
    assert "90" in longer.basis
    # Only a period "超过六十日" is excepted (Art. 20 ¶1): 30 days leaves the 60 (3 Mar).
    shorter = check(knew_on=D(2026, 1, 2), on=D(2026, 3, 20), law_days=30, calendar=calendar)
    assert shorter.due == D(2026, 3, 3)


@pytest.mark.django_db
def test_not_informed_runs_from_learning_of_the_right(calendar):
    # Knew of the act on 2 Jan 2026, not told of the right (Art. 20 ¶3), learned of it on Wed
    # 10 Jun: 20 days to 30 Jun, 51 to 31 Jul, day 60 = Sun 9 Aug -> Mon 10 Aug. The one-year
    # limit (2 Jan 2027) is later and does not bind.
    result = check(
        knew_on=D(2026, 1, 2),
        on=D(2026, 8, 10),
        informed=False,
        learned_of_right_on=D(2026, 6, 10),
        calendar=calendar,
    )
    assert (result.nominal, result.due) == (D(2026, 8, 9), D(2026, 8, 10))
    assert (result.cutoff, result.passed, result.provisional) == (None, False, False)
    assert "Art. 20 ¶3" in result.basis


@pytest.mark.django_db
def test_not_informed_is_capped_one_year_after_knowing_of_the_act(calendar):
    # Knew of the act on Mon 10 Mar 2025, learned of the right on Fri 20 Feb 2026: 60 days
    # would end on Tue 21 Apr 2026 (8 days to 28 Feb, 39 to 31 Mar, 60 = 21 Apr), but one year
    # from 10 Mar 2025 ends on Tue 10 Mar 2026, a working day.
    result = check(
        knew_on=D(2025, 3, 10),
        on=D(2026, 3, 11),
        informed=False,
        learned_of_right_on=D(2026, 2, 20),
        calendar=calendar,
    )
    assert (result.due, result.cutoff) == (D(2026, 3, 10), D(2026, 3, 10))
    assert result.passed is True
    assert result.absolute is False
    with translation.override("en"):
        assert "force majeure" in warning(result)


@pytest.mark.django_db
def test_not_informed_and_right_not_yet_learned_leaves_the_one_year_limit(calendar):
    # Knew of the act on Wed 1 Oct 2025: one year -> Thu 1 Oct 2026 (nominal), National Day
    # -> Thu 8 Oct.
    result = check(knew_on=D(2025, 10, 1), on=D(2026, 6, 10), informed=False, calendar=calendar)
    assert (result.nominal, result.due, result.cutoff) == (
        D(2026, 10, 1),
        D(2026, 10, 8),
        D(2026, 10, 8),
    )
    assert result.passed is False


@pytest.mark.django_db
def test_five_year_cut_off_when_the_applicant_did_not_know(calendar):
    # Act made on Thu 10 Jun 2021, the applicant never knew: 5 years -> Wed 10 Jun 2026, a
    # working day (端午 is 19 Jun) (Art. 21).
    result = check(knew_on=None, act_on=D(2021, 6, 10), on=D(2026, 6, 10), calendar=calendar)
    assert (result.due, result.cutoff, result.absolute) == (D(2026, 6, 10), D(2026, 6, 10), True)
    assert result.passed is False
    late = check(knew_on=None, act_on=D(2021, 6, 10), on=D(2026, 6, 11), calendar=calendar)
    assert late.passed is True
    with translation.override("en"):
        message = warning(late)
    assert "2026-06-10" in message
    assert "Art. 21" in message
    assert "does not move for force majeure" in message


@pytest.mark.django_db
def test_twenty_year_cut_off_for_real_property(calendar):
    # Act on Wed 15 Feb 2006 concerning land: 20 years -> Sun 15 Feb 2026 (nominal), in the
    # Spring Festival, rest until Mon 23 Feb -> Tue 24 Feb 2026 (Art. 21).
    land = check(
        knew_on=None,
        act_on=D(2006, 2, 15),
        on=D(2026, 2, 20),
        real_property=True,
        calendar=calendar,
    )
    assert (land.nominal, land.due, land.passed) == (D(2026, 2, 15), D(2026, 2, 24), False)
    assert "20 years" in land.basis
    # The same act not concerning real property: 5 years ended on Tue 15 Feb 2011.
    other = check(knew_on=None, act_on=D(2006, 2, 15), on=D(2026, 2, 20), calendar=calendar)
    assert (other.due, other.passed) == (D(2011, 2, 15), True)


@pytest.mark.django_db
def test_the_cut_off_caps_a_late_knowledge_and_is_not_moved_by_force_majeure(calendar):
    # Act made on Mon 1 Mar 2021; the applicant learned of it only on Sun 1 Feb 2026. 60 days
    # would run to Thu 2 Apr (27 days to 28 Feb, 58 to 31 Mar, 60 = 2 Apr), but 5 years from
    # the act end on Sun 1 Mar 2026 -> Mon 2 Mar. Ten days lost to force majeure move the 60
    # days (to 12 Apr) but not the Art. 21 limit.
    result = check(
        knew_on=D(2026, 2, 1),
        act_on=D(2021, 3, 1),
        lost_days=10,
        on=D(2026, 3, 3),
        calendar=calendar,
    )
    assert (result.nominal, result.due, result.cutoff) == (
        D(2026, 3, 1),
        D(2026, 3, 2),
        D(2026, 3, 2),
    )
    assert (result.absolute, result.passed) == (True, True)


@pytest.mark.django_db
def test_twenty_ninth_of_february_ends_on_the_twenty_eighth(calendar):
    # Act on Sat 29 Feb 2020: 2025 has no 29 Feb, so the month's last day, Fri 28 Feb 2025, a
    # working day (Civil Code Art. 202).
    result = check(knew_on=None, act_on=D(2020, 2, 29), on=D(2025, 2, 28), calendar=calendar)
    assert (result.due, result.passed) == (D(2025, 2, 28), False)


@pytest.mark.django_db
def test_a_period_reaching_2027_is_provisional_not_an_error(calendar):
    # Knew on Tue 1 Dec 2026: 30 days to 31 Dec, day 60 = Sat 30 Jan 2027 -> Mon 1 Feb 2027 on
    # the provisional calendar (weekends; 春节 2027 starts on 除夕, Fri 5 Feb).
    result = check(knew_on=D(2026, 12, 1), on=D(2027, 2, 2), calendar=calendar)
    assert (result.nominal, result.due) == (D(2027, 1, 30), D(2027, 2, 1))
    assert result.provisional is True
    assert result.passed is True
    with translation.override("en"):
        assert "provisional" in warning(result)


@pytest.mark.django_db
def test_the_stored_calendar_is_used_by_default(calendar):
    assert check(knew_on=D(2026, 8, 2), on=D(2026, 8, 2)).due == D(2026, 10, 8)


def test_nothing_known_gives_no_date():
    # No DB needed: nothing is counted.
    result = check(knew_on=None, on=D(2026, 6, 10), calendar=Calendar(set(), set(), set()))
    assert (result.due, result.nominal, result.passed, result.cutoff) == (None, None, False, None)
    assert "Arts. 20–21" in result.basis
    assert warning(result) is None
