"""The API's filter backend (its own module: DRF imports it while loading its settings)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, refusing what it would silently ignore: a query parameter that is no
    filter of the endpoint (a typo would otherwise return everything). Invalid values of known
    filters are refused by django-filter itself (400)."""

    ALWAYS = {"page", "page_size", "format"}

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) == "list":
            filterset_class = self.get_filterset_class(view, queryset)
            known = set(filterset_class.base_filters) if filterset_class else set()
            unknown = sorted(set(request.query_params) - known - self.ALWAYS)
            if unknown:
                raise exceptions.ValidationError(
                    {name: [_("Unknown filter; see the API documentation.")] for name in unknown}
                )
        return super().filter_queryset(request, queryset, view)
