"""Figure tokens in report narrative: {{key}}, {{key|同比}}, {{key|上年}}, {{period}},
{{period_end}}.

`{{mediation.received}}` prints the value with its unit as the samples write figures (3037件,
98.9%, 99.96%, 1512.8万元; the rules are in indicators.formatting); a unit typed after the token
is not printed twice. `{{mediation.received|同比}}` prints the year-on-year phrase as the samples
write it (同比增长8.1%, 同比下降…, 与上年持平; rates change by 百分点), computed from the numbers as
printed; `{{key|上年}}` prints the value of the same span of the previous year.

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

from indicators.formatting import MONEY_UNITS, Printed, printed_pair, yoy_from_printed
from indicators.registry import Period, registry

TOKEN = re.compile(r"[，,]?\{\{\s*([a-z_]+\.[a-z_]+)\s*(?:\|\s*(同比|上年)\s*)?\}\}")
PERIOD_TOKEN = re.compile(r"\{\{\s*(period|period_end)\s*\}\}")
NUMBER_PREFIX = re.compile(r"-?[0-9.]+")


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
    from indicators.grouped import with_previous

    prefix = jurisdiction_prefix(report.region_code)
    period = period or period_of(report)
    now = timezone.now()
    indicators = [registry.get(key) for key in sorted(keys) if key in registry.keys()]
    figures = with_previous(indicators, [prefix], period)[prefix]  # one query per model
    out = {}
    for indicator in indicators:
        figure, before = figures[indicator.key]
        out[indicator.key] = Value(indicator.key, figure.value, figure.numerator,
                                   figure.denominator, before.value, now)  # fmt: skip
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


def _rate_now(indicator, value: Value):
    """This year's rate from its numerator and denominator where known (the registry's value is
    already rounded, and 99.996% must not print as 100%); the stored value otherwise."""
    if (indicator.kind == "ratio" and indicator.percent and value.numerator is not None
            and value.denominator):  # fmt: skip
        return Decimal(value.numerator) / Decimal(value.denominator) * 100
    return value.value


def printed(key: str, value: Value | None) -> tuple[Printed, Printed] | None:
    """This year's and last year's figure of `key` as the report prints them (None for an
    unknown key): every figure of the report, in every format, is printed through here."""
    if value is None or key not in registry.keys():
        return None
    indicator = registry.get(key)
    return printed_pair(_rate_now(indicator, value), value.previous, str(indicator.unit))


def display(key: str, value: Value | None, modifier: str | None) -> str:
    pair = printed(key, value)
    if pair is None:
        return "【未知指标】"
    now, before = pair
    if modifier == "同比":
        # No previous year to compare with: the clause is left out altogether.
        ratio = registry.get(key).in_points
        return yoy_from_printed(now, before, points=ratio)
    return (before if modifier == "上年" else now).text


def _unit_words(key: str, shown: str) -> tuple[str, ...]:
    """What a writer may have typed after a figure that already prints its unit (912件 then 件;
    392.8万元 then 元 or 万元), longest first."""
    match = NUMBER_PREFIX.match(shown)
    suffix = shown[match.end() :] if match and match.end() else ""
    if not suffix:
        return ()
    words = {suffix}
    if suffix == "%":
        words.add("％")
    unit = str(registry.get(key).unit) if key in registry.keys() else ""
    if unit in MONEY_UNITS:
        words |= {unit, "元", "万元", "亿元"}
    return tuple(sorted(words, key=len, reverse=True))


def pieces(text: str, values: dict[str, Value], period: Period | None = None):
    """The narrative as ("text", str) and ("figure", key, shown, comma) pieces: the period
    filled in, each token printed, a clause with nothing to print dropped with the comma before
    it, and a unit typed after a figure that already prints it dropped (912件件 → 912件)."""
    text = fill_period(text, period)
    last = 0
    for m in TOKEN.finditer(text):
        yield ("text", text[last : m.start()])
        last = m.end()
        key, modifier = m.group(1), m.group(2)
        shown = display(key, values.get(key), modifier)
        if modifier != "同比":
            for word in _unit_words(key, shown):
                if text.startswith(word, last):
                    last += len(word)
                    break
        if shown:
            yield ("figure", key, shown, _comma(m))
    yield ("text", text[last:])


def _comma(match) -> str:
    return match.group(0)[0] if match.group(0)[0] in "，," else ""


def render_text(text: str, values: dict[str, Value], period: Period | None = None) -> str:
    out = []
    for piece in pieces(text, values, period):
        out.append(piece[1] if piece[0] == "text" else piece[3] + piece[2])
    return "".join(out)


def render_html(text: str, values: dict[str, Value], *, links: dict[str, str] | None = None,
                changed: set[str] = frozenset(), period: Period | None = None) -> str:  # fmt: skip
    """Narrative as HTML: each figure a span (a link to its cases when given), marked when the
    live figure now differs from the frozen one."""
    out = []
    for piece in pieces(text, values, period):
        if piece[0] == "text":
            out.append(escape(piece[1]))
            continue
        _kind, key, shown, comma = piece
        out.append(escape(comma))
        css = "fz-figure" + (" fz-figure-changed" if key in changed else "")
        href = (links or {}).get(key)
        if href:
            out.append(
                f'<a class="{css}" data-key="{key}" href="{escape(href)}">{escape(shown)}</a>'
            )
        else:
            out.append(f'<span class="{css}" data-key="{key}">{escape(shown)}</span>')
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
            indicator = registry.get(key)
            then, now = printed_pair(_rate_now(indicator, old), _rate_now(indicator, new),
                                     str(indicator.unit))  # fmt: skip
            result.append({"key": key, "name": str(indicator.name), "frozen": old, "live": new,
                           "frozen_text": then.text, "live_text": now.text})  # fmt: skip
    return result
