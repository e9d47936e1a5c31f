"""Periods that reach a year whose holiday schedule is not entered yet (issue #9).

The provisional calendar is the one the Measures fix in advance (全国年节及纪念日放假办法, 2024
revision, reference/statutes-lines.md §G): the 13 statutory days (Art. 2) and a make-up day off
(补假) for each that falls on a weekend (Art. 6). Only the swaps (调休) are unknown. Every date
below was worked out by hand from a 2027 wall calendar.
"""

import datetime

import pytest

from cases.calendar import Calendar
from cases.holidays import provisional_rest_days, statutory_days

D = datetime.date


@pytest.fixture
def calendar():
    """2026 known (no rest day in it matters here), 2027 unknown."""
    return Calendar(set(), set(), {2026})


def test_the_2024_measures_give_13_statutory_days_in_2027():
    days = statutory_days(2027)
    assert len(days) == 13
    assert {d for d, _ in days} == {
        D(2027, 1, 1),  # 元旦
        D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8),  # 除夕 … 初三
        D(2027, 4, 5),  # 清明: the solar term
        D(2027, 5, 1), D(2027, 5, 2),  # 劳动节
        D(2027, 6, 9),  # 端午: 五月初五
        D(2027, 9, 15),  # 中秋: 八月十五
        D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3),  # 国庆
    }  # fmt: skip


def test_the_2013_text_had_11_days_and_no_new_years_eve():
    days = {d for d, _ in statutory_days(2024)}
    assert len(statutory_days(2024)) == 11
    assert D(2024, 2, 9) not in days  # 除夕 2024 was not a statutory day before 2025
    assert D(2024, 5, 2) not in days


def test_a_holiday_on_a_weekend_gives_a_make_up_day_off_on_the_next_working_day():
    rest = provisional_rest_days(2027)
    # 初一 (Sat 02-06) and 初二 (Sun 02-07) are made up on Tue 02-09 and Wed 02-10, after 初三.
    assert {D(2027, 2, 9), D(2027, 2, 10)} <= set(rest)
    assert D(2027, 2, 11) not in rest
    # 劳动节 Sat 05-01 and Sun 05-02 → Mon 05-03 and Tue 05-04; 国庆 Sat/Sun → Mon/Tue.
    assert {D(2027, 5, 3), D(2027, 5, 4), D(2027, 10, 4), D(2027, 10, 5)} <= set(rest)
    # 元旦 2027 is a Friday: nothing to make up.
    assert D(2027, 1, 4) not in rest


def test_two_holidays_on_one_day_give_a_make_up_day_too():
    # 2028: 中秋 (八月十五) is Tue 10-03, also 国庆's third day; 10-01 is a Sunday.
    rest = provisional_rest_days(2028)
    assert D(2028, 10, 3) in rest
    assert {D(2028, 10, 4), D(2028, 10, 5)} <= set(rest)
    assert D(2028, 10, 6) not in rest


def test_a_one_month_term_ending_on_a_sunday_rolls_to_monday_and_is_provisional(calendar):
    # People's Mediation: a dispute accepted on Thu 2026-12-10 has one month (Civil Code
    # Art. 202): nominally Sun 2027-01-10, so Mon 2027-01-11, provisional.
    due = calendar.add_months(D(2026, 12, 10), 1)
    assert (due.nominal, due.date) == (D(2027, 1, 10), D(2027, 1, 11))
    assert due.provisional and due.provisional_years == (2027,)


def test_a_period_ending_on_qingming_rolls_to_the_next_day(calendar):
    # 清明 2027 is Monday 04-05: a 10-day period from 03-26 ends on 04-06.
    due = calendar.add_days(D(2027, 3, 26), 10)
    assert (due.nominal, due.date, due.provisional) == (D(2027, 4, 5), D(2027, 4, 6), True)


def test_a_period_ending_in_spring_festival_lands_after_the_holidays_and_their_make_up_days(
    calendar,
):
    # Nominal end Sat 02-06 (初一). Rest: 除夕 Fri 02-05 … 初三 Mon 02-08 (statutory), then
    # Tue 02-09 and Wed 02-10 make up 初一 and 初二 that fell on the weekend: Thu 02-11.
    due = calendar.add_days(D(2027, 1, 27), 10)
    assert (due.nominal, due.date) == (D(2027, 2, 6), D(2027, 2, 11))


def test_a_working_day_clock_skips_new_years_day(calendar):
    # 5 working days from Mon 2026-12-28: Tue 29, Wed 30, Thu 31, (Fri 01-01 元旦), Mon 01-04,
    # Tue 01-05.
    due = calendar.add_working_days(D(2026, 12, 28), 5)
    assert due.date == D(2027, 1, 5) and due.provisional


def test_a_working_day_clock_within_a_known_year_is_not_provisional(calendar):
    assert not calendar.add_working_days(D(2026, 12, 1), 5).provisional


def test_a_calendar_period_in_a_known_year_ending_on_a_day_in_it_is_not_provisional(calendar):
    # The count reads only the day it ends on (and the days it rolls over).
    assert not calendar.add_days(D(2026, 11, 1), 30).provisional
