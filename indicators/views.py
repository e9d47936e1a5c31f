"""Dashboard, drill-down to the cases behind a figure, and Excel downloads of every chart."""

from __future__ import annotations

import datetime
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from indicators import dashboard as board
from indicators.formatting import format_number
from indicators.registry import Period, registry

# The years a figure can be asked for (the API refuses the same: indicators/api.py).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _period(request) -> tuple[Period, dict]:
    """The effective period (`Period.as_of`) of the year (default: the last full year before
    January, else this year), quarter, month or custom range in the query string; `info` keeps
    what was asked for."""
    today = timezone.localdate()
    params = request.GET
    try:
        year = int(params.get("year") or (today.year if today.month > 1 else today.year - 1))
        if params.get("start") and params.get("end"):
            start = datetime.date.fromisoformat(params["start"])
            end = datetime.date.fromisoformat(params["end"])
            if end < start:
                raise ValueError
            asked, mode = Period(start, end), "custom"
        elif params.get("quarter"):
            asked, mode = Period.quarter(year, int(params["quarter"])), "quarter"
        elif params.get("month"):
            asked, mode = Period.month(year, int(params["month"])), "month"
        else:
            asked, mode = Period.year(year), "year"
        if not (FIRST_YEAR <= asked.start.year and asked.end.year <= LAST_YEAR):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise Http404(_("The period is not valid.")) from None
    period = asked.as_of(today)
    info = {"year": year, "mode": mode, "asked": asked, "partial": period != asked,
            "previous": period.previous_year()}  # fmt: skip
    return period, info


def _region(request):
    if not request.user.can("indicators.view_dashboard"):
        raise PermissionDenied
    region = board.resolve_region(request.user, request.GET.get("region"))
    if region is None:
        raise Http404(_("That region is outside your jurisdiction."))
    return region


@login_required
def dashboard(request):
    region = _region(request)
    period, info = _period(request)
    today = timezone.localdate()
    context = {
        "region": region,
        "period": period,
        "info": info,
        "years": list(range(today.year, today.year - 6, -1)),
        **board.page(region, period, today),
        "query": request.GET.urlencode(),
        "period_query": _period_query(request),
        "title": _("Dashboard"),
        "ancestors": board.ancestors(request.user, region),
    }
    return render(request, "indicators/dashboard.html", context)


def _period_query(request) -> str:
    """The period part of the query string, to keep when moving to another region."""
    from urllib.parse import urlencode

    keys = ("year", "quarter", "month", "start", "end")
    return urlencode({k: request.GET[k] for k in keys if request.GET.get(k)})


@login_required
def drilldown(request, key: str):
    """The cases (or register entries) behind a figure, in the viewer's jurisdiction: as many as
    the figure counts."""
    region = _region(request)
    period, _info = _period(request)
    try:
        indicator = registry.get(key)
    except KeyError:
        raise Http404 from None
    if indicator.cases is None or indicator.kind == "sum":
        raise Http404(_("This figure is not a count of cases."))
    prefix = board.prefix_of(region)
    figure = indicator.compute(prefix, period)
    queryset = indicator.cases(prefix, period).restrict(request.user, "view")
    if indicator.columns:
        related = {path.split("__")[0] for path, _heading in indicator.columns if "__" in path}
        queryset = queryset.select_related(*related).order_by(*queryset.model._meta.ordering, "pk")
    else:
        queryset = queryset.select_related("organization").order_by("-received_at", "-id")
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    counted = figure.numerator if indicator.kind == "ratio" else figure.value
    return render(
        request,
        "indicators/drilldown.html",
        {
            "indicator": indicator,
            "figure": figure,
            "counted": counted,
            "display": format_number(figure.value, str(indicator.unit)),
            "region": region,
            "period": period,
            "period_label": board.period_label(indicator, period),
            "page": page,
            "headings": [str(heading) for _path, heading in indicator.columns],
            "rows": [_row(record, indicator.columns) for record in page] if indicator.columns
            else None,
            "total": page.paginator.count,
            "query": request.GET.urlencode(),
            "title": str(indicator.name),
        },
    )  # fmt: skip


def _row(record, columns) -> dict:
    """One register entry as display values, following `attribute__path`s."""
    cells = []
    for path in (p for p, _heading in columns):
        value = record
        for part in path.split("__"):
            value = None if value is None else getattr(value, part)
        if callable(getattr(record, f"get_{path}_display", None)):
            value = getattr(record, f"get_{path}_display")()
        if isinstance(value, datetime.date):
            value = value.isoformat()
        cells.append("—" if value in (None, "") else value)
    url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
    return {"cells": cells, "url": url}


@login_required
def export(request, chart: str):
    """Each chart as a table (Excel)."""
    region = _region(request)
    period, _info = _period(request)
    prefix = board.prefix_of(region)
    wb = Workbook()
    ws = wb.active
    if chart == "tiles":
        ws.append([_("indicator"), _("key"), _("period"), _("value"), _("unit"), _("numerator"),
                   _("denominator"), _("same period of the previous year"), _("previous year"),
                   _("year on year")])  # fmt: skip
        for t in board.tiles(prefix, period):
            ws.append([t.name, t.key, t.period_label, _num(t.value), t.unit, _num(t.numerator),
                       _num(t.denominator), t.previous_label, _num(t.previous), t.yoy])  # fmt: skip
    elif chart == "trend":
        data = board.monthly(prefix, period)
        ws.append([_("month"), *[s["name"] for s in data["series"]]])
        for i, month in enumerate(data["months"]):
            ws.append([month, *[_num(s["data"][i]) for s in data["series"]]])
    elif chart == "types":
        ws.append([_("dispute type"), _("disputes received")])
        for row in board.breakdown(prefix, period, "dispute_type"):
            ws.append([row["name"], row["value"]])
    elif chart == "ranking":
        names = [str(registry.get(k).name) for k in board.RANKING_KEYS]
        ws.append([_("region"), *names])
        for row in board.ranking(region, period):
            ws.append([row["name"], *[_num(row[k]) for k in board.RANKING_KEYS]])
    elif chart == "deadlines":
        ws.append([_("business line"), _("running"), _("Due soon"), _("Overdue")])
        for row in board.deadline_health(prefix, timezone.localdate()):
            ws.append([row["line"], row["running"], row["due_soon"], row["overdue"]])
    else:
        raise Http404
    ws.title = chart
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{region.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}-{chart}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _num(value):
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value
