"""How figures read in Chinese: in the annual report's prose, and on the dashboard.

Report prose writes figures as the published sample reports do (../shared/samples/):

- counts without a thousands separator: 17725宗, 1158件;
- money in 元, 万元 from ten thousand, 亿元 from a hundred million, at most two decimals and no
  trailing zeros: 1512.8万元, 3750.5元;
- rates with one decimal and no trailing zero (94%, 33.3%), and more decimals only where one
  would mislead: a rate that is not exactly 100% (or 0%) never prints as 100% (99.96%), and two
  rates that differ (this year's and last year's) never print as equal (98.74% and 98.71%);
- 同比 computed from the numbers as printed, so that the sentence reconciles: 95.3% against
  94.1% is 上升1.2个百分点; 3037件 against 2809件 is 增长8.1%. Rates change by 百分点, counts
  and sums by a percentage (one decimal, more only where one would print a change as 0).

The dashboard keeps its compact tiles (3,037; 97.5%) through `format_number`, `change` and
`yoy_phrase`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

HUNDRED = Decimal(100)
# Enough for any ratio of counts the platform holds; beyond this a rate prints as rounded.
MAX_DECIMALS = 8
MONEY_UNITS = ("元", "yuan")
# The report's larger money units, largest first: the narrative's own words (as 全年, 1—11月).
MONEY_SCALES = ((Decimal(10) ** 8, "亿元"), (Decimal(10) ** 4, "万元"))


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def plain(value) -> str:
    """A number without exponent, thousands separator or trailing zeros: 1512.80 → 1512.8."""
    text = format(_dec(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# --- rates -------------------------------------------------------------------------------------


def rate_decimals(*rates) -> int:
    """The fewest decimals (at least one) at which none of `rates` prints as 100 or 0 unless it
    is exactly that, and no two different rates print as the same number."""
    values = [_dec(r) for r in rates if r is not None]
    for decimals in range(1, MAX_DECIMALS + 1):
        shown = [_round(v, decimals) for v in values]
        false_bound = any(s in (0, HUNDRED) and s != v for v, s in zip(values, shown, strict=True))
        merged = any(
            shown[i] == shown[j] and values[i] != values[j]
            for i in range(len(values))
            for j in range(i + 1, len(values))
        )
        if not false_bound and not merged:
            return decimals
    return MAX_DECIMALS


# --- report prose ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """A figure as the report prints it: its text, and its number as printed, in the unit of
    the value (1512.8万元 → 15128000), from which 同比 is computed."""

    text: str
    number: Decimal | None


MISSING = Printed("—", None)


def _money(value: Decimal, unit: str) -> Printed:
    for scale, words in MONEY_SCALES:
        shown = _round(value / scale, 2)
        if abs(shown) >= 1:
            return Printed(f"{plain(shown)}{words}", shown * scale)
    shown = _round(value, 2)
    return Printed(f"{plain(shown)}{unit}", shown)


def printed(value, unit: str, *, decimals: int | None = None) -> Printed:
    """`value` as report prose prints it, with its unit: 17725件, 99.96%, 1512.8万元.
    `decimals` fixes a rate's decimals (see `rate_decimals`); by default the rate's own."""
    if value is None:
        return MISSING
    value = _dec(value)
    if unit == "%":
        shown = _round(value, decimals or rate_decimals(value))
        return Printed(f"{plain(shown)}%", shown)
    if unit in MONEY_UNITS:
        return _money(value, unit)
    shown = value if value == value.to_integral() else _round(value, 2)
    return Printed(f"{plain(shown)}{unit}", shown)


def printed_pair(value, previous, unit: str) -> tuple[Printed, Printed]:
    """This year's and last year's figure as the report prints them; two rates share their
    decimals, so that different rates never print alike."""
    decimals = rate_decimals(value, previous) if unit == "%" else None
    return printed(value, unit, decimals=decimals), printed(previous, unit, decimals=decimals)


def _percent(change: Decimal) -> str:
    """A relative change with one decimal, more only where one would print a change as 0."""
    decimals = 1
    while _round(change, decimals) == 0 and change != 0 and decimals < MAX_DECIMALS:
        decimals += 1
    return plain(abs(_round(change, decimals)))


def yoy_from_printed(now: Printed, before: Printed, *, points: bool) -> str:
    """同比 as the samples phrase it, from two printed figures: rates in 百分点 (同比上升1.2个百分点),
    counts and sums in % (同比增长8.1%); empty when there is nothing to compare with."""
    if now.number is None or before.number is None:
        return ""
    if now.number == before.number:
        return _("the same as the previous year")
    if points:
        delta = plain(abs(now.number - before.number))
        if now.number > before.number:
            return _("a rise of %(points)s percentage points year on year") % {"points": delta}
        return _("down %(points)s percentage points year on year") % {"points": delta}
    if before.number == 0:
        return ""
    pct = _percent((now.number - before.number) / before.number * 100)
    if now.number > before.number:
        return _("an increase of %(pct)s%% year on year") % {"pct": pct}
    return _("a decrease of %(pct)s%% year on year") % {"pct": pct}


def prose_yoy(value, previous, unit: str, *, ratio: bool) -> str:
    """同比 of `value` against `previous`, computed from the numbers as the report prints them."""
    now, before = printed_pair(value, previous, unit)
    return yoy_from_printed(now, before, points=ratio)


# --- dashboard ---------------------------------------------------------------------------------


def format_number(value, unit: str = "") -> str:
    """A dashboard tile's number: 3,037; 1,234.50; 97.5% (99.96%, never 100.0% unless it is)."""
    if value is None:
        return "—"
    value = _dec(value)
    if unit == "%":
        return f"{_round(value, rate_decimals(value))}%"
    if value == value.to_integral():
        return f"{int(value):,}"
    return f"{_round(value, 2):,}"


def change(value, previous, *, ratio: bool) -> Decimal | None:
    """Relative change in % for counts and sums; difference in points for ratios."""
    if value is None or previous is None:
        return None
    value, previous = _dec(value), _dec(previous)
    if ratio:
        return _round(value - previous, 1)
    if previous == 0:
        return None
    return _round((value - previous) / previous * 100, 1)


def yoy_phrase(value, previous, *, ratio: bool) -> str:
    """The dashboard's 同比; empty when there is nothing to compare with."""
    delta = change(value, previous, ratio=ratio)
    if delta is None:
        return ""
    if delta == 0:
        return _("the same as the previous year")
    if ratio:
        if delta > 0:
            return _("up %(points)s percentage points year on year") % {"points": delta}
        return _("down %(points)s percentage points year on year") % {"points": -delta}
    if delta > 0:
        return _("an increase of %(pct)s%% year on year") % {"pct": delta}
    return _("a decrease of %(pct)s%% year on year") % {"pct": -delta}
