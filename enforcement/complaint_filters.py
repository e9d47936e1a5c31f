"""Filters of the complaint and dispatch lists: state, body (complained about or dispatched
to), overdue (a deadline passed while a reply or the bureau's answer is awaited), channel and
receipt dates."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Channel
from enforcement.complaint_models import Complaint, Dispatch
from enforcement.complaint_process import COMPLAINT_PROCESS, DISPATCH_PROCESS
from enforcement.complaint_selectors import complaint_overdue_q, dispatch_overdue_q
from enforcement.complaint_services import CHANNELS
from enforcement.models import EnforcementBody


def _bodies(request):
    if request is None:
        return EnforcementBody.objects.none()
    return EnforcementBody.objects.restrict(request.user).order_by("region_code", "name")


class ComplaintFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in COMPLAINT_PROCESS.states]
    )
    body = django_filters.ModelChoiceFilter(
        label=_("enforcement body"), queryset=_bodies, method="filter_body",
        help_text=_("Complained about or dispatched to."),
    )  # fmt: skip
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")
    channel = django_filters.ChoiceFilter(
        label=_("channel"), choices=[(c, Channel(c).label) for c in CHANNELS]
    )
    received_from = django_filters.DateFilter(label=_("received from"), field_name="received_at",
                                              lookup_expr="date__gte")  # fmt: skip
    received_to = django_filters.DateFilter(label=_("received to"), field_name="received_at",
                                            lookup_expr="date__lte")  # fmt: skip

    class Meta:
        model = Complaint
        fields = ["state", "body", "overdue", "channel", "received_from", "received_to"]

    def filter_body(self, queryset, name, value):
        if not value:
            return queryset
        dispatched = Dispatch.objects.filter(body=value).values("complaint_id")
        return queryset.filter(body=value) | queryset.filter(pk__in=dispatched)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = complaint_overdue_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class DispatchFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in DISPATCH_PROCESS.states]
    )
    body = django_filters.ModelChoiceFilter(label=_("enforcement body"), queryset=_bodies)
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")

    class Meta:
        model = Dispatch
        fields = ["state", "body", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = dispatch_overdue_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)
