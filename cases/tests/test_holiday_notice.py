"""Reading the State Council's holiday notice (reference/statutes-lines.md §G).

The fixtures are the 2025 notice (国办发明电〔2024〕12号) and the 2026 notice as published, and
an invented 2027 notice in the same format built on the 2027 statutory dates. The 2025 and 2026
notices must give exactly the days the package chinesecalendar 1.11 holds for those years.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import chinese_calendar
import pytest
from django.utils import translation

from cases.holiday_notice import (
    HolidaySchedule,
    HolidaySpan,
    ScheduleError,
    parse_notice,
    validate_schedule,
)

D = datetime.date
FIXTURES = Path(__file__).parent / "fixtures"

# The 2024 notice as published (国办发明电〔2023〕7号), without its closing paragraph.
NOTICE_2024 = """国务院办公厅关于2024年部分节假日安排的通知
国办发明电〔2023〕7号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2024年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
国务院办公厅
2023年10月25日
"""

# The 2019 items in the format of the notices of that time: years written on the dates across
# the turn of the year, no weekday on the days off, 星期X, and "与周末连休" (劳动节 as amended
# in March 2019).
NOTICE_2019 = """国务院办公厅关于2019年部分节假日安排的通知
一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。
三、清明节：4月5日放假，与周末连休。
四、劳动节：5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。
五、端午节：6月7日放假，与周末连休。
六、中秋节：9月13日放假，与周末连休。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
"""


@pytest.fixture(autouse=True)
def english():
    # The assertions read the English msgids; the zh-hans translations are in locale/.
    with translation.override("en"):
        yield


def notice(year: int) -> str:
    return (FIXTURES / f"holiday_notice_{year}.txt").read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    """The 1-based number of the line of `text` that starts with `start`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def refusal(call, *args, **kwargs) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        call(*args, **kwargs)
    return caught.value


def package_days(year: int) -> tuple[set[D], set[D]]:
    return (
        {d for d in chinese_calendar.holidays if d.year == year},
        {d for d in chinese_calendar.workdays if d.year == year},
    )


# --- the published notices ----------------------------------------------------------------------


@pytest.mark.parametrize("year", [2025, 2026])
def test_it_reads_the_published_notice_as_chinesecalendar_holds_it(year):
    schedule = parse_notice(notice(year))
    holidays, workdays = package_days(year)
    assert schedule.year == year
    # The package lists every day of a span, weekends included, and only the make-up days as
    # its extra working days.
    assert set(schedule.rest_days()) == holidays
    assert set(schedule.workdays()) == workdays
    validate_schedule(schedule)


def test_it_reads_the_items_document_number_and_date_of_the_2025_notice():
    text = notice(2025)
    schedule = parse_notice(text)
    assert schedule.document_number == "国办发明电〔2024〕12号"
    assert schedule.issued_on == D(2024, 11, 12)
    assert [span.name for span in schedule.spans] == [
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "国庆节、中秋节",
    ]
    spring = schedule.spans[1]
    assert spring == HolidaySpan(
        "春节", D(2025, 1, 28), D(2025, 2, 4), (D(2025, 1, 26), D(2025, 2, 8)), spring.line
    )
    assert spring.line == line_of(text, "二、春节")
    assert schedule.spans[0].start == schedule.spans[0].end == D(2025, 1, 1)
    assert schedule.spans[4].start == D(2025, 5, 31) and schedule.spans[4].end == D(2025, 6, 2)
    assert schedule.workdays()[D(2025, 10, 11)] == "国庆节、中秋节"
    assert schedule.rest_days()[D(2025, 10, 6)] == "国庆节、中秋节"


def test_the_2026_notice_has_its_date_but_no_document_number():
    schedule = parse_notice(notice(2026))
    assert schedule.document_number == ""
    assert schedule.issued_on == D(2025, 11, 4)
    assert len(schedule.spans) == 7
    assert schedule.spans[1].start == D(2026, 2, 15) and schedule.spans[1].end == D(2026, 2, 23)
    # Against the stored neighbouring years, as the data-entry page will check it.
    validate_schedule(schedule, other_years=_package_mapping(2025))


def _package_mapping(year: int) -> dict[D, str]:
    days = {d: name for d, name in chinese_calendar.holidays.items() if d.year == year}
    days.update({d: name for d, name in chinese_calendar.workdays.items() if d.year == year})
    return days


def test_the_invented_2027_notice_parses_and_keeps_the_rules():
    schedule = parse_notice(notice(2027))
    validate_schedule(schedule, other_years=_package_mapping(2026))
    assert schedule.issued_on == D(2026, 11, 6)
    rest, work = schedule.rest_days(), schedule.workdays()
    assert len(rest) == 3 + 8 + 3 + 5 + 1 + 1 + 7
    assert set(work) == {
        D(2027, 1, 31),
        D(2027, 2, 20),
        D(2027, 5, 8),
        D(2027, 9, 26),
        D(2027, 10, 9),
    }
    # A Wednesday holiday is that day only, and no more than 6 working days in a row.
    assert rest[D(2027, 6, 9)] == "端午节" and D(2027, 6, 8) not in rest
    streak = longest = 0
    day = D(2027, 1, 1)
    while day.year == 2027:
        working = day in work or (day.weekday() < 5 and day not in rest)
        streak = streak + 1 if working else 0
        longest = max(longest, streak)
        day += datetime.timedelta(days=1)
    assert longest == 6


def test_it_reads_the_2024_notice_as_chinesecalendar_holds_it():
    schedule = parse_notice(NOTICE_2024)
    holidays, workdays = package_days(2024)
    assert set(schedule.rest_days()) == holidays
    assert set(schedule.workdays()) == workdays
    assert schedule.document_number == "国办发明电〔2023〕7号"
    assert schedule.issued_on == D(2023, 10, 25)
    # 与周末连休: the span is the holiday itself.
    line = line_of(NOTICE_2024, "五、端午节")
    assert schedule.spans[4] == HolidaySpan("端午节", D(2024, 6, 10), D(2024, 6, 10), (), line)
    validate_schedule(schedule)


def test_it_reads_the_older_format_with_years_on_the_dates():
    schedule = parse_notice(NOTICE_2019)
    assert schedule.spans[0] == HolidaySpan(
        "元旦", D(2018, 12, 30), D(2019, 1, 1), (D(2018, 12, 29),), 2
    )
    holidays, workdays = package_days(2019)
    rest = set(schedule.rest_days())
    # For 2019 the package also counts the weekends that 与周末连休 joins to 清明, 端午 and
    # 中秋; the notice gives the holiday itself. It files 29–31 December 2018 under 2018.
    joined = {D(2019, 4, 6), D(2019, 4, 7), D(2019, 6, 8), D(2019, 6, 9), D(2019, 9, 14)}
    joined.add(D(2019, 9, 15))
    assert all(day.weekday() >= 5 for day in joined)
    assert rest == (holidays - joined) | {D(2018, 12, 30), D(2018, 12, 31)}
    assert set(schedule.workdays()) == workdays | {D(2018, 12, 29)}
    validate_schedule(schedule)


def test_it_tolerates_half_width_punctuation_full_width_digits_and_loose_layout():
    text = notice(2026)
    loose = (
        text.replace("：", ":")
        .replace("（", "(")
        .replace("）", ")")
        .replace("，", ",")
        .replace("周", "星期")
        .translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        .replace("\n", "\n\n   ")
    )
    # An end date written with its month as well as one without.
    loose = loose.replace("至２３日", "至２月２３日")
    schedule = parse_notice(loose)
    assert schedule.rest_days() == parse_notice(text).rest_days()
    assert schedule.workdays() == parse_notice(text).workdays()
    assert schedule.issued_on == D(2025, 11, 4)


def test_it_takes_the_year_from_the_body_when_the_title_is_missing():
    text = notice(2026).replace("国务院办公厅关于2026年部分节假日安排的通知", "")
    assert parse_notice(text).year == 2026


# --- refusals -----------------------------------------------------------------------------------


def test_it_refuses_a_line_that_starts_like_an_item_but_does_not_parse():
    text = notice(2026).replace("4月4日（周六）至6日", "4月4日（周六）到6日")
    error = refusal(parse_notice, text)
    line = line_of(text, "三、清明节")
    assert [n for n, _message in error.errors] == [line]
    assert "cannot be read" in error.errors[0][1]
    assert str(error).startswith(f"Line {line}: ")


def test_it_refuses_unreadable_make_up_days():
    text = notice(2026).replace("5月9日（周六）上班", "5月9日（周六）照常上班")
    error = refusal(parse_notice, text)
    assert error.errors[0][0] == line_of(text, "四、劳动节")
    assert "make-up working days" in error.errors[0][1]


def test_it_refuses_a_day_count_that_does_not_match_the_span():
    text = notice(2026).replace("共9天", "共8天")
    error = refusal(parse_notice, text)
    assert error.errors == [
        (
            line_of(text, "二、春节"),
            "The item says 8 days, but 2/15 to 2/23 is 9 days.",
        )
    ]


def test_it_refuses_a_wrong_weekday_label():
    text = notice(2026).replace("腊月二十八、周日", "腊月二十八、周一")
    error = refusal(parse_notice, text)
    line = line_of(text, "二、春节")
    assert error.errors == [(line, "2/15 is labelled 周一, but it is 周日.")]
    assert str(error) == f"Line {line}: 2/15 is labelled 周一, but it is 周日."


def test_it_lists_every_problem_of_the_text_at_once():
    text = notice(2026).replace("共9天", "共8天").replace("5月9日（周六）", "5月9日（周五）")
    error = refusal(parse_notice, text)
    assert [n for n, _message in error.errors] == [
        line_of(text, "二、春节"),
        line_of(text, "四、劳动节"),
    ]
    assert len(str(error).splitlines()) == 2


def test_it_refuses_a_make_up_day_that_is_not_a_weekend():
    text = notice(2026).replace("2月14日（周六）", "2月13日（周五）")
    schedule = parse_notice(text)
    error = refusal(validate_schedule, schedule)
    assert error.errors == [
        (
            line_of(text, "二、春节"),
            "2/13 (Friday) is listed as a make-up working day, but it is not a Saturday or Sunday.",
        )
    ]


def test_it_refuses_days_another_years_stored_schedule_already_has():
    schedule = parse_notice(NOTICE_2019)
    # chinesecalendar files 29–31 December 2018 under 2018.
    error = refusal(validate_schedule, schedule, other_years=_package_mapping(2018))
    assert error.errors == [
        (
            2,
            "2018/12/29、2018/12/30、2018/12/31 overlap the schedule already entered for 2018.",
        )
    ]


def test_it_refuses_a_schedule_missing_a_statutory_holiday():
    text = notice(2026).replace("五、端午节：6月19日（周五）至21日（周日）放假，共3天。", "")
    error = refusal(validate_schedule, parse_notice(text))
    assert error.errors == [(0, "Missing Dragon Boat Festival: no item covers the statutory 6/19.")]


def test_it_refuses_a_text_without_a_year():
    text = (
        notice(2026)
        .replace("国务院办公厅关于2026年部分节假日安排的通知", "")
        .replace("现将2026年", "现将")
    )
    error = refusal(parse_notice, text)
    assert [n for n, _message in error.errors] == [0]
    assert "names no year" in str(error)


def test_it_refuses_a_text_without_items():
    text = "\n".join(notice(2026).splitlines()[:5])
    error = refusal(parse_notice, text)
    assert error.errors[0][0] == 0
    assert "no holiday item" in error.errors[0][1]


def test_it_refuses_a_title_and_body_that_name_different_years():
    text = notice(2026).replace("现将2026年", "现将2027年")
    error = refusal(parse_notice, text)
    assert error.errors[0][0] == line_of(text, "经国务院批准")


def test_it_refuses_a_make_up_day_inside_a_span_and_overlapping_spans_all_at_once():
    schedule = HolidaySchedule(
        2026,
        (
            HolidaySpan("元旦", D(2026, 1, 1), D(2026, 1, 3), (D(2026, 1, 4),)),
            HolidaySpan("春节", D(2026, 2, 15), D(2026, 2, 23), (D(2026, 2, 21),)),
            HolidaySpan("清明节", D(2026, 4, 4), D(2026, 4, 6)),
            HolidaySpan("劳动节", D(2026, 5, 1), D(2026, 5, 5), (D(2026, 5, 9),)),
            HolidaySpan("端午节", D(2026, 6, 19), D(2026, 6, 21)),
            HolidaySpan("中秋节", D(2026, 9, 25), D(2026, 10, 2)),
            HolidaySpan("国庆节", D(2026, 10, 1), D(2026, 10, 7), (D(2026, 10, 10),)),
        ),
    )
    error = refusal(validate_schedule, schedule)
    assert error.errors == [
        (
            0,
            "春节: 2/21 is listed as a make-up working day, but it lies inside 春节 "
            "(2/15 to 2/23).",
        ),
        (0, "国庆节: 国庆节 (10/1 to 10/7) overlaps 中秋节 (9/25 to 10/2)."),
    ]


def test_it_refuses_a_span_outside_the_years_reach():
    schedule = parse_notice(notice(2026))
    moved = HolidaySpan("元旦", D(2025, 11, 30), D(2026, 1, 3), (D(2026, 1, 4),), 5)
    error = refusal(
        validate_schedule,
        HolidaySchedule(2026, (moved, *schedule.spans[1:])),
    )
    assert error.errors == [
        (5, "2025/11/30 is outside 2025/12/1 to 2027/1/31, the days a schedule for 2026 may cover.")
    ]
