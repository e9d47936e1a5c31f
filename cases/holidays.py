"""The statutory holidays a year is known to have before its schedule is published.

全国年节及纪念日放假办法 (reference/statutes-lines.md §G) fixes the dates of the holidays that
every citizen has (Art. 2): they follow the solar calendar, the lunar calendar (春节, 端午, 中秋)
or a solar term (清明). Art. 6 gives a make-up day off (补假) on a working day when one of them
falls on a Saturday or Sunday. What only the State Council's yearly notice decides are the swaps
(调休) that join holidays to weekends; so for a year whose notice has not been entered, these
dates plus their 补假 are the honest provisional calendar (cases.calendar marks its results
暂定). Lunar dates and solar terms come from `lunar-python`.

The Measures were revised three times; each revision applies from its first year:
- from 2025 (2024 revision, 13 days): 元旦 1; 春节 除夕 to 初三 (4); 清明 1; 劳动节 1–2 May;
  端午 1; 中秋 1; 国庆 1–3 Oct;
- 2014–2024 (2013 revision, 11 days): as above but 春节 初一 to 初三 and 劳动节 1 May only;
- 2008–2013 (2007 revision, 11 days): 春节 除夕 to 初二;
- before 2008 (1999 revision, 10 days): 元旦, 春节 初一 to 初三, 劳动节 and 国庆 1–3 each.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

ONE_DAY = datetime.timedelta(days=1)

# The holidays of HOL Art. 2 in the order of the State Council's notice.
NEW_YEAR, SPRING, QINGMING, LABOUR = "new_year", "spring", "qingming", "labour"
DRAGON_BOAT, MID_AUTUMN, NATIONAL = "dragon_boat", "mid_autumn", "national"
HOLIDAY_ORDER = (NEW_YEAR, SPRING, QINGMING, LABOUR, DRAGON_BOAT, MID_AUTUMN, NATIONAL)
HOLIDAY_NAMES = {
    NEW_YEAR: _("New Year's Day"),
    SPRING: _("Spring Festival"),
    QINGMING: _("Qingming Festival"),
    LABOUR: _("Labour Day"),
    DRAGON_BOAT: _("Dragon Boat Festival"),
    MID_AUTUMN: _("Mid-Autumn Festival"),
    NATIONAL: _("National Day"),
}
MAKE_UP = _("make-up day off")

# The names `chinesecalendar` gives its holidays (English), and those staff type (Chinese).
_KNOWN_NAMES = {
    "New Year's Day": NEW_YEAR,
    "Spring Festival": SPRING,
    "Tomb-sweeping Day": QINGMING,
    "Labour Day": LABOUR,
    "Dragon Boat Festival": DRAGON_BOAT,
    "Mid-autumn Festival": MID_AUTUMN,
    "National Day": NATIONAL,
    "元旦": NEW_YEAR,
    "春节": SPRING,
    "清明节": QINGMING,
    "清明": QINGMING,
    "劳动节": LABOUR,
    "端午节": DRAGON_BOAT,
    "中秋节": MID_AUTUMN,
    "国庆节": NATIONAL,
}


def holiday_label(name: str):
    """The holiday's name as the user's language says it, whatever wrote the calendar row."""
    key = _KNOWN_NAMES.get(name)
    return HOLIDAY_NAMES[key] if key else name


def _lunar(year: int, month: int, day: int) -> datetime.date:
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> datetime.date:
    """清明 is the day of the solar term (reference §G: 'compute it astronomically')."""
    from lunar_python import Solar

    term = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
    return datetime.date(term.getYear(), term.getMonth(), term.getDay())


def _span(first: datetime.date, days: int) -> list[datetime.date]:
    return [first + i * ONE_DAY for i in range(days)]


def statutory_days(year: int) -> list[tuple[datetime.date, str]]:
    """(date, holiday key) for every full-population holiday day of `year` (HOL Art. 2), in
    date order; a date that two holidays share (中秋 on 1 October) appears twice. The keys are
    those of HOLIDAY_NAMES."""
    new_year_lunar = _lunar(year, 1, 1)  # 正月初一
    eve = new_year_lunar - ONE_DAY  # 除夕: the day before 初一, 腊月廿九 or 三十
    if year >= 2025:
        spring, labour = _span(eve, 4), _span(datetime.date(year, 5, 1), 2)
    elif year >= 2014:
        spring, labour = _span(new_year_lunar, 3), [datetime.date(year, 5, 1)]
    elif year >= 2008:
        spring, labour = _span(eve, 3), [datetime.date(year, 5, 1)]
    else:
        spring, labour = _span(new_year_lunar, 3), _span(datetime.date(year, 5, 1), 3)
    days = [(datetime.date(year, 1, 1), NEW_YEAR)]
    days += [(d, SPRING) for d in spring]
    days += [(d, LABOUR) for d in labour]
    days += [(d, NATIONAL) for d in _span(datetime.date(year, 10, 1), 3)]
    if year >= 2008:
        days += [
            (_qingming(year), QINGMING),
            (_lunar(year, 5, 5), DRAGON_BOAT),
            (_lunar(year, 8, 15), MID_AUTUMN),
        ]
    return sorted(days, key=lambda item: item[0])


@lru_cache(maxsize=64)
def provisional_rest_days(year: int) -> dict[datetime.date, object]:
    """The rest days of `year` that are certain before its notice: the statutory holidays and
    their 补假 (HOL Art. 6). A holiday on a Saturday or Sunday, and each further holiday on a
    day another holiday already takes, gives one make-up day off on the first working day
    after it that is not itself a holiday or an earlier make-up day. Weekends are not listed:
    they rest anyway. Days the 补假 of late-year holidays push into the next year belong to
    this year's schedule (they are rare; 国庆 ends on 3 October)."""
    rest: dict[datetime.date, object] = {}
    owed: list[tuple[datetime.date, object]] = []
    for day, name in statutory_days(year):
        if day in rest or day.weekday() >= 5:
            owed.append((day, name))
        rest.setdefault(day, HOLIDAY_NAMES[name])
    for day, name in owed:
        make_up = day + ONE_DAY
        while make_up.weekday() >= 5 or make_up in rest:
            make_up += ONE_DAY
        rest[make_up] = format_lazy("{}（{}）", HOLIDAY_NAMES[name], MAKE_UP)
    return dict(sorted(rest.items()))
