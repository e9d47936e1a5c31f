"""Periods of figures: a period not yet over is counted to today, named as what it is and
compared with the same span a year earlier (issue 9, part 6)."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from indicators.registry import Period

D = datetime.date
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_year_not_yet_over_ends_today_and_compares_with_the_same_span():
    period = Period.year(2026).as_of(D(2026, 11, 30))
    assert period == Period(D(2026, 1, 1), D(2026, 11, 30))
    assert period.previous_year() == Period(D(2025, 1, 1), D(2025, 11, 30))
    assert period.label() == "2026年1—11月"
    assert period.previous_year().label() == "2025年1—11月"
    assert not period.is_whole_year


def test_a_whole_past_year_is_not_truncated():
    period = Period.year(2025).as_of(D(2026, 11, 30))
    assert period == Period.year(2025) and period.is_whole_year
    assert period.label() == "2025年"
    assert period.previous_year() == Period.year(2024)
    assert Period.year(2026).as_of(D(2026, 12, 31)) == Period.year(2026)  # its last day
    assert Period.year(2027).as_of(D(2026, 11, 30)) == Period.year(2027)  # not begun


def test_today_is_the_local_date_in_guangzhou():
    # 16:30 UTC on 30 November is already 1 December in Guangzhou.
    with time_machine.travel(datetime.datetime(2026, 11, 30, 16, 30, tzinfo=ZoneInfo("UTC")),
                             tick=False):  # fmt: skip
        period = Period.year(2026).as_of()
    assert period.end == D(2026, 12, 1)
    assert period.label() == "2026年1月1日—12月1日"
    assert period.previous_year() == Period(D(2025, 1, 1), D(2025, 12, 1))


def test_29_february_compares_with_the_28th_and_whole_months_stay_whole():
    leap = Period.year(2024).as_of(D(2024, 2, 29))
    assert leap.label() == "2024年1—2月"
    assert leap.previous_year() == Period(D(2023, 1, 1), D(2023, 2, 28))
    # January–February 2025 is compared with January–February 2024, 29 February included.
    after = Period.year(2025).as_of(D(2025, 2, 28))
    assert after.previous_year() == Period(D(2024, 1, 1), D(2024, 2, 29))
    # A span that starts or ends on 29 February starts or ends on the 28th a year before.
    assert Period(D(2024, 2, 10), D(2024, 2, 29)).previous_year().end == D(2023, 2, 28)
    assert Period(D(2024, 2, 29), D(2024, 3, 10)).previous_year().start == D(2023, 2, 28)


def test_quarters_months_and_ranges_are_named_and_truncated_alike():
    today = D(2026, 11, 15)
    assert Period.quarter(2026, 4).label() == "2026年第4季度"
    assert Period.quarter(2026, 4).as_of(today).label() == "2026年10月1日—11月15日"
    assert Period.month(2026, 3).label() == "2026年3月"
    assert Period.month(2026, 11).as_of(today) == Period(D(2026, 11, 1), today)
    assert Period.year(2026).as_of(today).label() == "2026年1月1日—11月15日"
    assert Period.year(2026).as_of(today).end_label() == "2026年11月15日"
    assert Period.year(2026).as_of(D(2026, 1, 1)).label() == "2026年1月1日"
    custom = Period(D(2025, 7, 1), D(2026, 6, 30))
    assert custom.label() == "2025年7月1日—2026年6月30日"
    assert custom.previous_year() == Period(D(2024, 7, 1), D(2025, 6, 30))
