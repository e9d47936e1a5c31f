"""GET /api/indicators/?region=CODE&year=YYYY[&by_child=1]: the same JSON as `fazhi indicators`,
for the caller's jurisdiction only. A year not yet over is counted to today (`period`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import InvalidInput, NotFound, PermissionDenied
from indicators import dashboard
from indicators.compute import children_json, children_of, compute, period_json
from indicators.registry import Period


class IndicatorsView(APIView):
    name = gettext_lazy("Indicators")
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("region", str, description="12-digit region code (default: yours)"),
            OpenApiParameter("year", int, required=True),
            OpenApiParameter("by_child", bool, description="add one block per child region"),
        ],
        responses=dict,
    )
    def get(self, request):
        if not request.user.can("indicators.view_dashboard"):
            raise PermissionDenied(_("You may not see the figures."))
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError:
            raise InvalidInput(
                _("Give the year, e.g. 2025."), fields={"year": [_("Required.")]}
            ) from None
        if not 2000 <= year <= 2100:
            raise InvalidInput(
                _("The year must lie between 2000 and 2100."),
                fields={"year": [_("Out of range.")]},
            )
        region = dashboard.resolve_region(request.user, request.query_params.get("region"))
        if region is None:
            raise NotFound(_("That region is outside your jurisdiction."))
        asked = Period.year(year)
        period = asked.as_of()
        result = {
            "region": region.code,
            "year": year,
            "period": period_json(asked, period),
            "indicators": compute(dashboard.prefix_of(region), period),
        }
        if request.query_params.get("by_child") in ("1", "true"):
            children = children_of(region)
            prefixes = [dashboard.prefix_of(child) for child in children]
            result["children"] = children_json(children, prefixes, period)
        return Response(result)
