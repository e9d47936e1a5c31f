"""What the dashboard shows for a jurisdiction and period: tiles with 同比, monthly trends,
breakdowns, a ranking of child regions, deadline health. Every figure comes from the registry.

The period given here is the effective one (`Period.as_of`, decided by the view): a year not
yet over is counted to today and compared with the same span a year earlier. Each tile says
what it covers: the period's label, "as at <last day>" for a register, "now" for a snapshot."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.models import Region
from core.regions import jurisdiction_prefix
from indicators.formatting import change, format_number, yoy_phrase
from indicators.grouped import evaluate, with_previous
from indicators.registry import Indicator, Period, registry

TREND_KEYS = ("mediation.received", "mediation.concluded", "mediation.succeeded")
RANKING_KEYS = ("mediation.received", "mediation.success_rate")
BREAKDOWN_KEY = "mediation.received"


def allowed_prefixes(user) -> list[str]:
    """The jurisdictions a user may see on the dashboard (region-scoped roles only)."""
    return user.jurisdictions("indicators.view_dashboard")


def resolve_region(user, code: str | None) -> Region | None:
    """The region asked for if the user may see it; by default the user's own."""
    prefixes = allowed_prefixes(user)
    if not prefixes:
        return None
    if not code:
        code = prefixes[0].ljust(12, "0")
    if not (code.isascii() and code.isdigit() and len(code) == 12):
        return None  # not a region code at all (e.g. %00): nothing to look up
    region = Region.objects.filter(code=code).first()
    if region is None or not any(region.code.startswith(p) for p in prefixes):
        return None
    return region


def prefix_of(region: Region) -> str:
    return jurisdiction_prefix(region.code)


@dataclass
class Tile:
    key: str
    name: str
    unit: str
    value: object
    previous: object
    display: str
    yoy: str
    delta: object
    numerator: object
    denominator: object
    definition: str
    source: str
    drillable: bool
    period_label: str = ""  # what the figure covers
    previous_label: str = ""  # what its 同比 compares with ("" for a snapshot)
    caption: str = ""  # on the tile when it differs from the dashboard's period


def period_label(indicator: Indicator, period: Period) -> str:
    """What a figure of `indicator` for `period` covers, as its tile and drill-down say it."""
    if indicator.snapshot:
        return _("now (as of today)")
    if indicator.register:
        return _("as at %(date)s") % {"date": period.end_label()}
    return period.label()


def tiles(prefix: str, period: Period) -> list[Tile]:
    """Every registered figure with its 同比: one query per model of the declared ones."""
    result = []
    previous = period.previous_year()
    indicators = registry.all()
    figures = with_previous(indicators, [prefix], period)[prefix]
    for indicator in indicators:
        now, before = figures[indicator.key]
        ratio = indicator.kind == "ratio"
        result.append(
            Tile(
                key=indicator.key,
                name=str(indicator.name),
                unit=str(indicator.unit),
                value=now.value,
                previous=before.value,
                display=format_number(now.value, str(indicator.unit)),
                yoy=yoy_phrase(now.value, before.value, ratio=ratio),
                delta=change(now.value, before.value, ratio=ratio),
                numerator=now.numerator,
                denominator=now.denominator,
                definition=str(indicator.definition),
                source=str(indicator.source),
                drillable=indicator.cases is not None and indicator.kind != "sum",
                period_label=period_label(indicator, period),
                previous_label="" if indicator.snapshot else period_label(indicator, previous),
                caption=period_label(indicator, period)
                if indicator.snapshot or indicator.register
                else "",
            )
        )
    return result


def monthly(prefix: str, period: Period) -> dict:
    """One point per calendar month of the (effective) period, each month clipped to the
    period, so a quarter shows its three months, a custom range its own months and a year not
    yet over its months to today (the last one partial)."""
    months = []
    day = period.start.replace(day=1)
    end = period.end
    while day <= end:
        whole = Period.month(day.year, day.month)
        months.append(Period(max(whole.start, period.start), min(whole.end, period.end)))
        day = whole.end + datetime.timedelta(days=1)
    indicators = [registry.get(key) for key in TREND_KEYS]
    figures = evaluate([(i, m) for i in indicators for m in months], [prefix])[prefix]
    series = [
        {"key": i.key, "name": str(i.name), "data": [figures[i.key, m].value for m in months]}
        for i in indicators
    ]
    multi_year = period.start.year != end.year
    labels = [f"{m.start.year}年{m.start.month}月" if multi_year else f"{m.start.month}月"
              for m in months]  # fmt: skip
    return {"months": labels, "series": series, "label": period.label()}


def breakdown(prefix: str, period: Period, dimension: str = "dispute_type") -> list[dict]:
    indicator = registry.get(BREAKDOWN_KEY)
    values = indicator.breakdowns[dimension](prefix, period)
    return sorted(({"name": k, "value": v} for k, v in values.items()), key=lambda r: -r["value"])


def ranking(region: Region, period: Period) -> list[dict]:
    """The child regions by the ranking figures, all children in one GROUP BY per model."""
    children = list(region.children.order_by("code"))
    indicators = [registry.get(key) for key in RANKING_KEYS]
    prefixes = [prefix_of(child) for child in children]
    figures = evaluate([(i, period) for i in indicators], prefixes)
    rows = []
    for child, prefix in zip(children, prefixes, strict=True):
        row = {"code": child.code, "name": child.name, "values": []}
        for indicator in indicators:
            figure = figures[prefix][indicator.key, period]
            row[indicator.key] = figure.value
            row["values"].append(format_number(figure.value, str(indicator.unit)))
        rows.append(row)
    return sorted(rows, key=lambda r: -(r[RANKING_KEYS[0]] or 0))


def deadline_health(prefix: str, today: datetime.date) -> list[dict]:
    """Running statutory clocks per business line (the cases.clocks_* indicators)."""
    from indicators.deadlines import by_line

    return by_line(prefix, today)
