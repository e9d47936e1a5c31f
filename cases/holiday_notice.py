"""Reading the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).

The notice (reference/statutes-lines.md §G) is published around November for the next year.
Staff paste its text; `parse_notice` reads the holiday items and their make-up working days
(调休上班日), and `validate_schedule` checks the result against the calendar and the Measures
before anything is stored. Text that cannot be read unambiguously is refused, never guessed:
every problem is reported with the line (or, for a schedule entered by hand, the item) it
concerns.

An item reads, in the 2025/2026 wording:
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。
Older notices write years on dates that cross the turn of the year ("2018年12月30日至2019年1月1日"),
leave out the weekday, write 星期X for 周X, and "6月10日放假，与周末连休" for a holiday joined to
the adjoining weekend; the span is then the day the item gives (the weekend rests anyway; the
package chinesecalendar counts such weekends in some years and not in others).

`parse_notice` checks what only the text shows (the stated number of days and the weekday labels)
and refuses lines that start like an item but cannot be read; `validate_schedule` checks the
schedule itself (make-up days, overlaps, other years, the statutory holidays). Pure Python: no
database.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from cases.holidays import HOLIDAY_NAMES, statutory_days

ONE_DAY = datetime.timedelta(days=1)
EXAMPLE_ITEM = "三、清明节：4月4日（周六）至6日（周一）放假，共3天。"


@dataclass(frozen=True)
class HolidaySpan:
    """One item of the notice: the days off (inclusive) and the make-up working days."""

    name: str  # as written: 春节, or "国庆节、中秋节"
    start: datetime.date
    end: datetime.date  # inclusive
    workdays: tuple[datetime.date, ...] = ()  # make-up working days (上班) of this item
    line: int = 0  # 1-based line in the pasted text; 0 when entered by hand

    def days(self) -> list[datetime.date]:
        return [self.start + i * ONE_DAY for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class HolidaySchedule:
    year: int
    spans: tuple[HolidaySpan, ...]
    document_number: str = ""  # e.g. 国办发明电〔2024〕12号, when the text has it
    issued_on: datetime.date | None = None  # the date at the foot, when the text has it

    def rest_days(self) -> dict[datetime.date, str]:
        """Every day of every span (weekends inside a span included) -> the item's name."""
        days: dict[datetime.date, str] = {}
        for span in self.spans:
            for day in span.days():
                days.setdefault(day, span.name)
        return dict(sorted(days.items()))

    def workdays(self) -> dict[datetime.date, str]:
        """Every make-up working day -> the name of the item that lists it."""
        days: dict[datetime.date, str] = {}
        for span in self.spans:
            for day in span.workdays:
                days.setdefault(day, span.name)
        return dict(sorted(days.items()))


class ScheduleError(Exception):
    """The text or schedule is refused. `errors` lists (line or 0, message) for every problem
    found; str() gives one problem a line, each naming its line ("第5行：…")."""

    def __init__(self, errors: Iterable[tuple[int, str]]):
        self.errors: list[tuple[int, str]] = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(_with_line(line, message) for line, message in self.errors)


def _with_line(line: int, message: str) -> str:
    if not line:
        return message
    return _("Line %(line)d: %(message)s") % {"line": line, "message": message}


# --- formatting -------------------------------------------------------------------------------


def _day(day: datetime.date, year: int | None = None) -> str:
    """A date as the notice writes it: without the year when it is the schedule's year."""
    if day.year == year:
        return _("%(month)d/%(day)d") % {"month": day.month, "day": day.day}
    return _("%(year)d/%(month)d/%(day)d") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
    }


def _weekday(day: datetime.date) -> str:
    return str(WEEKDAYS[day.weekday()])


# --- parsing ----------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ORDINAL = r"(?:[一二三四五六七八九十]+|\d{1,2})"
# After normalisation (NFKC: half-width punctuation and ASCII digits; no spaces).
_ITEM_HEAD = re.compile(rf"^(?:{_ORDINAL}、)?(?P<name>[^:,。;()]{{1,40}}?):")
# An item: a numbered line, or a holiday's name, a colon and a date ("春节：2月15日…").
_ITEM_START = re.compile(
    rf"^(?:{_ORDINAL}、|[^:,。;()]{{0,40}}(?:节|元旦|纪念日):(?:\d{{4}}年)?\d{{1,2}}月)"
)
_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日")
_NOTE = re.compile(r"\((?P<note>[^()]*)\)")
_OFF = re.compile(r"(?:放假(?:调休)?|调休放假)(?:(?P<days>\d+)天)?")
_TOTAL = re.compile(r"^共(?P<days>\d+)天$")
_WEEKDAY_LABEL = re.compile(r"^(?:周|星期)(?P<day>[一二三四五六日天])$")
_WEEKDAY_INDEX = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_CHAR = "一二三四五六日"
_TITLE_YEAR = re.compile(r"关于(\d{4})年(?:部分)?节假日安排的通知")
_BODY_YEAR = re.compile(r"现将(\d{4})年")
_DOCUMENT_NUMBER = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{2,8})[〔\[(](?P<year>\d{4})[〕\])]第?(?P<number>\d+)号"
)
_ISSUED_ON = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CLAUSE_SPLIT = re.compile(r"[,;。.]")


def _normalise(line: str) -> str:
    """Full-width digits and punctuation to their half-width forms (NFKC; 、。〔〕 stay), no
    whitespace or invisible characters."""
    line = unicodedata.normalize("NFKC", line).translate(_INVISIBLE)
    return "".join(line.split())


class _LineError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class _Reader:
    """Reads one item line; collects the problems that do not stop the reading."""

    text: str
    year: int
    pos: int = 0
    problems: list[str] = field(default_factory=list)

    def match(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        found = pattern.match(self.text, self.pos)
        if found:
            self.pos = found.end()
        return found

    def date(self, *, year: int, after: datetime.date | None = None) -> datetime.date:
        """The next date and its optional note: '2018年12月30日', '2月15日（农历腊月二十八、周日）'.
        Without a year it is in `year`; a date without a month ('至23日') takes the year and
        month of `after`, the date before it, and is unreadable when there is none."""
        found = self.match(_DATE)
        if not found or (found["m"] is None and (after is None or found["y"])):
            raise _LineError(self.unreadable())
        if found["m"] is None:
            assert after is not None
            y, m = after.year, after.month
        else:
            y, m = (int(found["y"]) if found["y"] else year), int(found["m"])
        try:
            day = datetime.date(y, m, int(found["d"]))
        except ValueError:
            raise _LineError(
                _("%(text)s is not a valid date.") % {"text": found.group(0)}
            ) from None
        note = self.match(_NOTE)
        if note:
            self.check_labels(day, note["note"])
        return day

    def check_labels(self, day: datetime.date, note: str) -> None:
        for part in re.split(r"[、,]", note):
            label = _WEEKDAY_LABEL.match(part)
            if label and _WEEKDAY_INDEX[label["day"]] != day.weekday():
                prefix = "星期" if part.startswith("星期") else "周"
                self.problems.append(
                    _("%(day)s is labelled %(label)s, but it is %(actual)s.")
                    % {
                        "day": _day(day, self.year),
                        "label": part,
                        "actual": prefix + _WEEKDAY_CHAR[day.weekday()],
                    }
                )

    def unreadable(self) -> str:
        return _(
            "This line starts like a holiday item but cannot be read; an item reads like "
            "“%(example)s”."
        ) % {"example": EXAMPLE_ITEM}


def _read_item(text: str, line: int, year: int) -> tuple[HolidaySpan | None, list[str]]:
    """One normalised item line -> (span, problems); span is None when it cannot be read."""
    reader = _Reader(text, year)
    try:
        head = reader.match(_ITEM_HEAD)
        if not head:
            raise _LineError(reader.unreadable())
        name = head["name"]
        start = reader.date(year=year)
        end = start
        if text.startswith("至", reader.pos):
            reader.pos += 1
            end = reader.date(year=year, after=start)
        off = reader.match(_OFF)
        if not off and not text.startswith("与周末连休", reader.pos):
            raise _LineError(reader.unreadable())
        if end < start:
            raise _LineError(
                _("The holiday ends (%(end)s) before it starts (%(start)s).")
                % {"end": _day(end, year), "start": _day(start, year)}
            )
        stated = [int(off["days"])] if off and off["days"] else []
        workdays: list[datetime.date] = []
        no_swap = False
        for clause in _CLAUSE_SPLIT.split(text[reader.pos :]):
            total = _TOTAL.match(clause)
            if total:
                stated.append(int(total["days"]))
            elif clause == "不调休":
                no_swap = True
            elif clause == "与周末连休":
                pass  # the weekend rests anyway: the span is the days the item gives
            elif "上班" in clause:
                workdays += _read_workdays(clause, year, reader)
            elif "放假" in clause:
                raise _LineError(reader.unreadable())
            # Anything else (a recommendation such as 安排职工在除夕休息) sets no day.
        if no_swap and workdays:
            raise _LineError(_("The item says 不调休 but lists make-up working days."))
        actual = (end - start).days + 1
        for days in stated:
            if days != actual:
                reader.problems.append(
                    _("The item says %(stated)d days, but %(start)s to %(end)s is %(actual)d days.")
                    % {
                        "stated": days,
                        "start": _day(start, year),
                        "end": _day(end, year),
                        "actual": actual,
                    }
                )
    except _LineError as error:
        return None, [*reader.problems, error.message]
    return HolidaySpan(name, start, end, tuple(workdays), line), reader.problems


def _read_workdays(clause: str, year: int, reader: _Reader) -> list[datetime.date]:
    """'1月26日（周日）、2月8日（周六）上班' -> the dates; a day without a month takes the
    month of the day before it in the list."""
    inner = _Reader(clause, year)
    days: list[datetime.date] = []
    while True:
        days.append(inner.date(year=year, after=days[-1] if days else None))
        if clause.startswith("上班", inner.pos) and inner.pos + 2 == len(clause):
            break
        if inner.pos < len(clause) and clause[inner.pos] in "、和及":
            inner.pos += 1
            continue
        raise _LineError(
            _("The make-up working days in “%(text)s” cannot be read.") % {"text": clause}
        )
    reader.problems += inner.problems
    return days


def _find_year(lines: list[str]) -> tuple[int | None, list[tuple[int, str]]]:
    title = [(n, int(m.group(1))) for n, t in lines for m in _TITLE_YEAR.finditer(t)]
    body = [(n, int(m.group(1))) for n, t in lines for m in _BODY_YEAR.finditer(t)]
    found = title or body
    if not found:
        return None, [
            (
                0,
                _(
                    "The text names no year: it should have the title "
                    "“国务院办公厅关于%(year)d年部分节假日安排的通知” or say “现将%(year)d年……”."
                )
                % {"year": timezone.localdate().year + 1},
            )
        ]
    year = found[0][1]
    errors = [
        (
            n,
            _("This line names the year %(other)d, but the notice is for %(year)d.")
            % {"other": other, "year": year},
        )
        for n, other in title + body
        if other != year
    ]
    return year, errors


def parse_notice(text: str) -> HolidaySchedule:
    """Read a pasted notice. Raises ScheduleError listing every line that cannot be read, every
    stated day count that is not the span's length and every wrong weekday label, or saying
    that the text has no year or no holiday item. Call validate_schedule on the result."""
    lines = [(n, _normalise(raw)) for n, raw in enumerate(text.splitlines(), start=1)]
    lines = [(n, t) for n, t in lines if t]
    year, errors = _find_year(lines)
    spans: list[HolidaySpan] = []
    document_number = ""
    issued_on = None
    starts = 0
    for n, t in lines:
        if _ITEM_START.match(t):
            starts += 1
            if year is None:
                continue
            span, problems = _read_item(t, n, year)
            errors += [(n, problem) for problem in problems]
            if span:
                spans.append(span)
            continue
        number = _DOCUMENT_NUMBER.search(t)
        if number and not spans and not document_number:
            document_number = f"{number['org']}〔{number['year']}〕{number['number']}号"
        foot = _ISSUED_ON.match(t)
        if foot:
            try:
                issued_on = datetime.date(*map(int, foot.groups()))
            except ValueError:
                errors.append((n, _("%(text)s is not a valid date.") % {"text": t}))
    if not starts:
        errors.append((0, _no_items()))
    if errors:
        raise ScheduleError(errors)
    assert year is not None
    return HolidaySchedule(year, tuple(spans), document_number, issued_on)


def _no_items() -> str:
    return _("The text has no holiday item; an item reads like “%(example)s”.") % {
        "example": EXAMPLE_ITEM
    }


# --- validation -------------------------------------------------------------------------------


def validate_schedule(
    schedule: HolidaySchedule, *, other_years: Mapping[datetime.date, str] = {}
) -> None:
    """Check a schedule (parsed or entered by hand) and raise ScheduleError listing all its
    problems: spans outside December of the year before to January of the year after; make-up
    working days that are not a Saturday or Sunday, lie inside a span or are listed twice;
    spans that overlap; days outside the schedule's year that another year's stored schedule
    (`other_years`: date -> name) already has; statutory holidays (HOL Art. 2) in no span."""
    year = schedule.year
    errors: list[tuple[int, str]] = []

    def report(span: HolidaySpan, message: str) -> None:
        if not span.line:
            message = _("%(item)s: %(message)s") % {"item": span.name, "message": message}
        errors.append((span.line, message))

    if not schedule.spans:
        errors.append((0, _no_items()))
    first, last = datetime.date(year - 1, 12, 1), datetime.date(year + 1, 1, 31)
    listed: dict[datetime.date, HolidaySpan] = {}
    for index, span in enumerate(schedule.spans):
        if span.end < span.start:
            report(
                span,
                _("The holiday ends (%(end)s) before it starts (%(start)s).")
                % {"end": _day(span.end, year), "start": _day(span.start, year)},
            )
            continue
        for day in (span.start, span.end, *span.workdays):
            if not first <= day <= last:
                report(
                    span,
                    _(
                        "%(day)s is outside %(first)s to %(last)s, the days a schedule for "
                        "%(year)d may cover."
                    )
                    % {
                        "day": _day(day, year),
                        "first": _day(first, year),
                        "last": _day(last, year),
                        "year": year,
                    },
                )
        for other in schedule.spans[:index]:
            if other.start <= span.end and span.start <= other.end and other.start <= other.end:
                report(
                    span,
                    _("%(item)s (%(start)s to %(end)s) overlaps %(other)s (%(from)s to %(to)s).")
                    % {
                        "item": span.name,
                        "start": _day(span.start, year),
                        "end": _day(span.end, year),
                        "other": other.name,
                        "from": _day(other.start, year),
                        "to": _day(other.end, year),
                    },
                )
        for day in span.workdays:
            if day.weekday() < 5:
                report(
                    span,
                    _(
                        "%(day)s (%(weekday)s) is listed as a make-up working day, but it is "
                        "not a Saturday or Sunday."
                    )
                    % {"day": _day(day, year), "weekday": _weekday(day)},
                )
            if day in listed:
                report(
                    span,
                    _("%(day)s is listed as a make-up working day twice.")
                    % {"day": _day(day, year)},
                )
            listed[day] = span
            for other in schedule.spans:
                if other.start <= day <= other.end:
                    report(
                        span,
                        _(
                            "%(day)s is listed as a make-up working day, but it lies inside "
                            "%(other)s (%(from)s to %(to)s)."
                        )
                        % {
                            "day": _day(day, year),
                            "other": other.name,
                            "from": _day(other.start, year),
                            "to": _day(other.end, year),
                        },
                    )
        taken = sorted(
            day for day in {*span.days(), *span.workdays} if day.year != year and day in other_years
        )
        for other_year in sorted({day.year for day in taken}):
            days = [day for day in taken if day.year == other_year]
            report(
                span,
                _("%(days)s overlap the schedule already entered for %(year)d.")
                % {"days": "、".join(_day(day, year) for day in days), "year": other_year},
            )
    rest = schedule.rest_days()
    missing: dict[str, list[datetime.date]] = {}
    for day, key in statutory_days(year):
        if day not in rest:
            missing.setdefault(key, []).append(day)
    for key, days in missing.items():
        errors.append(
            (
                0,
                _("Missing %(name)s: no item covers the statutory %(days)s.")
                % {
                    "name": str(HOLIDAY_NAMES.get(key, key)),
                    "days": "、".join(_day(day, year) for day in days),
                },
            )
        )
    if errors:
        raise ScheduleError(errors)
