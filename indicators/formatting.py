"""How figures read in Chinese reports: 3,037件; 98.9%; 同比增长8.1% / 下降 / 持平; for rates
the change in percentage points (百分点)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_number(value, unit: str = "") -> str:
    if value is None:
        return "—"
    value = _dec(value)
    if unit == "%":
        return f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
    if value == value.to_integral():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def change(value, previous, *, ratio: bool) -> Decimal | None:
    """Relative change in % for counts and sums; difference in points for ratios."""
    if value is None or previous is None:
        return None
    value, previous = _dec(value), _dec(previous)
    if ratio:
        return (value - previous).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if previous == 0:
        return None
    return ((value - previous) / previous * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def yoy_phrase(value, previous, *, ratio: bool) -> str:
    """同比 as the sample reports phrase it; empty when there is nothing to compare with."""
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
