"""The indicators' panel on the home page (core.navigation.register_home_panel): a few key
figures of the user's own jurisdiction for the year, each with its 同比 and a link to the
cases behind it, and a link to the dashboard for the rest. Only users who may see the
dashboard get it, for the same jurisdiction the dashboard would show them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from core.navigation import HomePanel, register_home_panel
from indicators import dashboard as board
from indicators.formatting import change, format_number, yoy_phrase
from indicators.grouped import with_previous
from indicators.registry import Period, registry

# Key figures, in this order: for each business line the count its report section opens with
# and its headline rate (the rest is on the dashboard); a key no line registers is left out.
HOME_KEYS = (
    "mediation.received", "mediation.success_rate",
    "legalaid.applications", "legalaid.grant_rate",
    "reconsideration.received", "reconsideration.correction_rate_overall",
    "litigation.first_instance", "litigation.head_appearance_rate",
)  # fmt: skip


def home_year(today) -> int:
    """The year the home page and the dashboard show by default: this year, except in
    January, when the year just ended is the one being reported (indicators.views._period)."""
    return today.year if today.month > 1 else today.year - 1


def figures_panel(request) -> dict | None:
    user = request.user
    if not user.can("indicators.view_dashboard"):
        return None
    region = board.resolve_region(user, None)
    if region is None:
        return None
    today = timezone.localdate()
    year = home_year(today)
    period = Period.year(year).as_of(today)
    prefix = board.prefix_of(region)
    query = f"region={region.code}&year={year}"
    indicators = [registry.get(key) for key in HOME_KEYS if key in registry.keys()]
    computed = with_previous(indicators, [prefix], period)[prefix]
    figures = []
    for indicator in indicators:
        key = indicator.key
        now, before = computed[key]
        ratio = indicator.in_points
        drillable = indicator.cases is not None and indicator.kind != "sum"
        figures.append(
            {
                "key": key,
                "name": str(indicator.name),
                "unit": str(indicator.unit),
                "display": format_number(now.value, str(indicator.unit)),
                "yoy": yoy_phrase(now.value, before.value, ratio=ratio),
                "delta": change(now.value, before.value, ratio=ratio),
                "url": f"{reverse('indicators:drilldown', args=[key])}?{query}"
                if drillable
                else "",
            }
        )
    return {
        "region": region,
        "period": period,
        "period_label": period.label(),
        "previous_label": period.previous_year().label(),
        "figures": figures,
        "dashboard_url": f"{reverse('indicators:dashboard')}?{query}",
    }


register_home_panel(
    HomePanel(
        key="figures",
        order=20,
        template="indicators/_home_figures.html",
        context=figures_panel,
    )
)
