"""Figure tokens in report narrative: {{key}}, {{key|同比}}, {{key|上年}}, {{period}},
{{period_end}}.

`{{mediation.received}}` prints the value with its unit (3,037件, 98.9%, 1,234.5万元);
`{{mediation.received|同比}}` prints the year-on-year phrase as the samples write it (同比增长8.1%,
同比下降…, 与上年持平; rates change by 百分点); `{{key|上年}}` prints the value of the same span
of the previous year.

The figures cover the report's period (`period_of`): the whole year once it has ended; for a
year not yet over, the year to today, compared with the same span of the previous year; for a
frozen report, the span it froze. `{{period}}` names that span as the samples do (全年, or
1—11月 as in "1-10月共受理法律援助案件1158件"), `{{period_end}}` its last day (截至12月31日).
Like the rest of the narrative these words are the report's content, written in Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape

from indicators.formatting import format_number, yoy_phrase
from indicators.registry import Period, registry

TOKEN = re.compile(r"[，,]?\{\{\s*([a-z_]+\.[a-z_]+)\s*(?:\|\s*(同比|上年)\s*)?\}\}")
PERIOD_TOKEN = re.compile(r"\{\{\s*(period|period_end)\s*\}\}")


@dataclass
class Value:
    key: str
    value: object
    numerator: object
    denominator: object
    previous: object
    computed_at: object


def keys_in(text: str) -> set[str]:
    return {m.group(1) for m in TOKEN.finditer(text or "")}


def unknown_keys(text: str) -> list[str]:
    return sorted(k for k in keys_in(text) if k not in registry.keys())


def period_of(report) -> Period:
    """The span the report's figures cover: a frozen report's is the one it froze (the whole
    year for reports frozen before spans were kept); a draft's is its year to today."""
    year = Period.year(report.year)
    if report.is_frozen:
        return Period(year.start, report.frozen_period_end or year.end)
    return year.as_of()


def period_words(period: Period) -> str:
    """The span in the narrative's words: 全年, 1—11月, 3月, 1月1日—11月15日."""
    form, n = period.shape()
    if form == "year":
        return "全年"
    if form == "quarter":
        return f"{3 * n['quarter'] - 2}—{3 * n['quarter']}月"
    if form == "months":
        return f"{n['first']}—{n['last']}月"
    if form == "month":
        return f"{n['month']}月"
    if form == "day":
        return f"{n['month']}月{n['day']}日"
    if form == "days":
        return f"{n['start_month']}月{n['start_day']}日—{n['end_month']}月{n['end_day']}日"
    return (f"{n['start_year']}年{n['start_month']}月{n['start_day']}日—"
            f"{n['end_year']}年{n['end_month']}月{n['end_day']}日")  # fmt: skip


def end_words(period: Period) -> str:
    return f"{period.end.month}月{period.end.day}日"


def fill_period(text: str, period: Period | None) -> str:
    """{{period}} and {{period_end}} replaced (left as they are when no period is given)."""
    if period is None:
        return text or ""
    words = {"period": period_words(period), "period_end": end_words(period)}
    return PERIOD_TOKEN.sub(lambda m: words[m.group(1)], text or "")


def live(report, keys, period: Period | None = None) -> dict[str, Value]:
    from core.regions import jurisdiction_prefix

    prefix = jurisdiction_prefix(report.region_code)
    period = period or period_of(report)
    now = timezone.now()
    out = {}
    for key in sorted(keys):
        if key not in registry.keys():
            continue
        indicator = registry.get(key)
        figure, before = indicator.compute_with_previous(prefix, period)
        out[key] = Value(key, figure.value, figure.numerator, figure.denominator, before.value, now)
    return out


def frozen(report) -> dict[str, Value]:
    return {
        f.key: Value(
            f.key, _n(f.value), _n(f.numerator), _n(f.denominator), _n(f.previous), f.computed_at
        )
        for f in report.figures.filter(revision=report.revision)
    }


def _n(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral() else value.normalize()


def display(key: str, value: Value | None, modifier: str | None) -> str:
    if value is None or key not in registry.keys():
        return "【未知指标】"
    indicator = registry.get(key)
    unit = str(indicator.unit)
    if modifier == "同比":
        # No previous year to compare with: the clause is left out altogether.
        return yoy_phrase(value.value, value.previous, ratio=indicator.kind == "ratio")
    number = value.previous if modifier == "上年" else value.value
    return amount(number, unit)


def amount(number, unit: str) -> str:
    if number is None:
        return "—"
    if unit == "%":
        return format_number(number, "%")
    if unit in ("元", "yuan"):
        number = Decimal(number)
        if number >= Decimal("100000000"):
            return f"{(number / Decimal('100000000')).quantize(Decimal('0.01'))}亿元"
        if number >= Decimal("10000"):
            return f"{(number / Decimal('10000')).quantize(Decimal('0.01'))}万元"
    return f"{format_number(number)}{unit}"


def _comma(match) -> str:
    return match.group(0)[0] if match.group(0)[0] in "，," else ""


def render_text(text: str, values: dict[str, Value], period: Period | None = None) -> str:
    def replace(m):
        shown = display(m.group(1), values.get(m.group(1)), m.group(2))
        return _comma(m) + shown if shown else ""

    return TOKEN.sub(replace, fill_period(text, period))


def render_html(text: str, values: dict[str, Value], *, links: dict[str, str] | None = None,
                changed: set[str] = frozenset(), period: Period | None = None) -> str:  # fmt: skip
    """Narrative as HTML: each figure a span (a link to its cases when given), marked when the
    live figure now differs from the frozen one."""
    text = fill_period(text, period)
    out, last = [], 0
    for m in TOKEN.finditer(text or ""):
        out.append(escape(text[last : m.start()]))
        last = m.end()
        key = m.group(1)
        shown = escape(display(key, values.get(key), m.group(2)))
        if not shown:
            continue
        out.append(escape(_comma(m)))
        css = "fz-figure" + (" fz-figure-changed" if key in changed else "")
        href = (links or {}).get(key)
        if href:
            out.append(f'<a class="{css}" data-key="{key}" href="{escape(href)}">{shown}</a>')
        else:
            out.append(f'<span class="{css}" data-key="{key}">{shown}</span>')
    out.append(escape((text or "")[last:]))
    return "".join(out).replace("\n", "<br>")


def differences(report) -> list[dict]:
    """For a frozen report: the figures whose live value now differs from the frozen one."""
    if not report.is_frozen:
        return []
    stored = frozen(report)
    current = live(report, stored.keys())
    result = []
    for key, old in stored.items():
        new = current.get(key)
        if new is None:
            continue
        if (old.value, old.previous) != (_n(new.value), _n(new.previous)):
            result.append({"key": key, "name": str(registry.get(key).name), "frozen": old,
                           "live": new})  # fmt: skip
    return result
