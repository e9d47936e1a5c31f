"""Computing indicators for a jurisdiction and a period, with 同比 and roll-ups by child."""

from __future__ import annotations

from decimal import Decimal

from core.models import Region
from core.regions import jurisdiction_prefix, normalize_code
from indicators.grouped import with_previous
from indicators.registry import Figure, Indicator, Period, ratio, registry


def as_json_number(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value


def compute(prefix: str, period: Period, keys: list[str] | None = None) -> dict[str, dict]:
    """{key: {"name", "value", "numerator", "denominator", "previous", "unit", "snapshot"}} for
    the jurisdiction over the effective period (`Period.as_of`); `previous` is the same span a
    year earlier; a snapshot (running deadlines) is today's figure and has no `previous`.
    Declared indicators take one grouped statement per model for both spans, all models' in
    one query (indicators.grouped)."""
    return compute_many([prefix], period, keys)[prefix]


def compute_many(
    prefixes: list[str], period: Period, keys: list[str] | None = None
) -> dict[str, dict[str, dict]]:
    """`compute` for several jurisdictions at once ({prefix: {key: …}}), e.g. every child of a
    region: one GROUP BY over the region-code prefix per model, whatever their number (all
    models' in one query)."""
    indicators = _selected(keys)
    figures = with_previous(indicators, prefixes, period)
    return {prefix: {i.key: _row(i, *figures[prefix][i.key]) for i in indicators}
            for prefix in dict.fromkeys(prefixes)}  # fmt: skip


def _row(indicator: Indicator, now: Figure, before: Figure) -> dict:
    return {
        "name": str(indicator.name),
        "value": as_json_number(now.value),
        "numerator": as_json_number(now.numerator),
        "denominator": as_json_number(now.denominator),
        "previous": as_json_number(before.value),
        "unit": str(indicator.unit),
        "snapshot": indicator.snapshot,
    }


def children_json(children: list[Region], prefixes: list[str], period: Period,
                  keys: list[str] | None = None) -> list[dict]:  # fmt: skip
    """[{region, name, indicators}] for each child region (its prefix given beside it), as
    `fazhi indicators --by-child` and the API print them, computed together."""
    figures = compute_many(prefixes, period, keys)
    return [{"region": child.code, "name": child.name, "indicators": figures[prefix]}
            for child, prefix in zip(children, prefixes, strict=True)]  # fmt: skip


def period_json(asked: Period, effective: Period) -> dict:
    """The span the figures cover, for the command and the API: effective start, end and label,
    whether the period asked for has not ended yet, and the span 同比 compares with."""
    return {
        **effective.as_json(),
        "partial": effective != asked,
        "previous": effective.previous_year().as_json(),
    }


def _selected(keys) -> list[Indicator]:
    return [registry.get(k) for k in keys] if keys else registry.all()


def roll_up(figures: list[Figure]) -> Figure:
    """Sum of the children's figures: ratios from Σnumerators ÷ Σdenominators."""
    indicator = figures[0].indicator
    if indicator.kind != "ratio":
        return Figure(indicator, sum(f.value or 0 for f in figures), None, None)
    numerator = sum(f.numerator or 0 for f in figures)
    denominator = sum(f.denominator or 0 for f in figures)
    return Figure(indicator, ratio(numerator, denominator, indicator.percent), numerator,
                  denominator)  # fmt: skip


def region_prefix(code: str) -> tuple[Region, str]:
    normalized = normalize_code(code)
    region = Region.objects.get(code=normalized)
    return region, jurisdiction_prefix(normalized)


def children_of(region: Region) -> list[Region]:
    return list(region.children.order_by("code"))
