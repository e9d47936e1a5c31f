"""The dates and numbers of a normative document, read rather than stored where they change by
themselves (reference/statutes-lines.md §B.4, §B.8, all ❓, so configurable in settings):

- Unified number (三统一: 统一登记、统一编号、统一印发). Formats are local (`穗府规〔2026〕3号`,
  `HFGS—2017—9`): FAZHI_NORMATIVE_NUMBER_FORMATS maps a region-code prefix to a regular
  expression with the groups `prefix`, `year` and `seq`; the longest prefix matching the
  issuing body's region wins; the default reads `<prefix>〔<year>〕<seq>号`. The raw string is
  kept with its parse.
- Validity (有效期): at most FAZHI_NORMATIVE_VALIDITY_YEARS (default 5) years, and at most
  FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS (default 2) for a title containing 暂行 or 试行.
  A validity of N years from the day it takes effect ends on the day before the corresponding
  day N years later (effective 2026-03-01, 2 years → valid until 2028-02-29); a corresponding
  day that does not exist (29 February) is the next day, so the period ends on 28 February.
- Evaluation (后评估) is due FAZHI_NORMATIVE_EVALUATE_MONTHS (default 6) months before expiry.
- Status on a day (Status): computed from the publication, effect, expiry, repeal, declared
  expiry and amendment dates, so that an expired document shows 失效 on the day after its last
  valid day and a clean-up's decisions take effect on the campaign's date without anyone
  touching the document.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from cases.calendar import shift_months
from normative.choices import Status

DEFAULT_NUMBER_FORMAT = r"^(?P<prefix>\S+?)〔(?P<year>\d{4})〕(?P<seq>\d+)号$"
PROVISIONAL_WORDS = ("暂行", "试行")


@dataclass(frozen=True)
class UnifiedNumber:
    raw: str
    prefix: str
    year: int
    seq: int


def number_formats() -> dict[str, str]:
    return {"": DEFAULT_NUMBER_FORMAT, **getattr(settings, "FAZHI_NORMATIVE_NUMBER_FORMATS", {})}


def number_format_for(region_code: str) -> str:
    formats = number_formats()
    key = max((k for k in formats if region_code.startswith(k)), key=len)
    return formats[key]


def parse_unified_number(raw: str, region_code: str) -> UnifiedNumber | None:
    """The parse of `raw` by the format of `region_code`, or None if it does not match."""
    raw = (raw or "").strip()
    match = re.match(number_format_for(region_code), raw)
    if not match:
        return None
    try:
        return UnifiedNumber(raw, match.group("prefix"), int(match.group("year")),
                             int(match.group("seq")))  # fmt: skip
    except (IndexError, ValueError):
        return None


def is_provisional(title: str) -> bool:
    return any(word in (title or "") for word in PROVISIONAL_WORDS)


def max_validity_years(title: str) -> int:
    if is_provisional(title):
        return int(getattr(settings, "FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS", 2))
    return int(getattr(settings, "FAZHI_NORMATIVE_VALIDITY_YEARS", 5))


def years_later(start: datetime.date, years: int) -> datetime.date:
    """The corresponding day `years` later; 29 February → 1 March of a common year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return datetime.date(start.year + years, 3, 1)


def longest_valid_until(effective_from: datetime.date, title: str) -> datetime.date:
    """The last day of the longest validity allowed (the day before the corresponding day)."""
    return years_later(effective_from, max_validity_years(title)) - datetime.timedelta(days=1)


def evaluate_by(valid_until: datetime.date) -> datetime.date:
    """The day the evaluation before expiry is due (6 months before by default, §B.8 ◑ S13)."""
    months = int(getattr(settings, "FAZHI_NORMATIVE_EVALUATE_MONTHS", 6))
    return shift_months(valid_until, -months)


def status_on(document, day: datetime.date) -> str | None:
    """The status of `document` on `day`; None while it is not published."""
    if document.published_on is None or document.published_on > day:
        return None
    if document.repealed_on and document.repealed_on <= day:
        return Status.REPEALED
    if document.declared_expired_on and document.declared_expired_on <= day:
        return Status.EXPIRED
    if document.valid_until and document.valid_until < day:
        return Status.EXPIRED
    if document.amended_on and document.amended_on <= day:
        return Status.AMENDED
    if document.effective_from and document.effective_from > day:
        return Status.NOT_YET
    return Status.VALID


def published_q(day: datetime.date) -> Q:
    return Q(published_on__isnull=False, published_on__lte=day)


def _not_on(field: str, day: datetime.date) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": day})


def in_force_q(day: datetime.date) -> Q:
    """The documents whose status on `day` is 有效 (in force): published, in effect, not past
    their validity, not repealed, declared expired or amended on or before `day`."""
    return (
        published_q(day)
        & Q(effective_from__lte=day)
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        & _not_on("repealed_on", day)
        & _not_on("declared_expired_on", day)
        & _not_on("amended_on", day)
    )


def status_q(status: str, day: datetime.date) -> Q:
    """The published documents whose status on `day` is `status` (the library's filter), the
    same order of precedence as status_on."""
    repealed = Q(repealed_on__lte=day)
    declared = Q(declared_expired_on__lte=day)
    lapsed = Q(valid_until__lt=day)
    amended = Q(amended_on__lte=day)
    pub = published_q(day)
    if status == Status.REPEALED:
        return pub & repealed
    if status == Status.EXPIRED:
        return pub & ~repealed & (declared | lapsed)
    if status == Status.AMENDED:
        return pub & ~repealed & ~declared & ~lapsed & amended
    if status == Status.NOT_YET:
        return pub & ~repealed & ~declared & ~lapsed & ~amended & Q(effective_from__gt=day)
    if status == Status.VALID:
        return in_force_q(day)
    return Q(pk__in=[])
