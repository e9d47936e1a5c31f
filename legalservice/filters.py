import django_filters
from django.utils.translation import gettext_lazy as _

from legalservice.choices import (
    MatterKind,
    PointLevel,
    PointService,
    ServiceChannel,
    ServiceOutcome,
)
from legalservice.models import EnterpriseCheckup, ServicePoint, ServiceRecord, VillageAdviser


class PointFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name contains"), field_name="name",
                                  lookup_expr="icontains")  # fmt: skip
    level = django_filters.ChoiceFilter(label=_("level"), choices=PointLevel.choices)
    service = django_filters.ChoiceFilter(
        label=_("offers the service"), choices=PointService.choices, method="filter_service"
    )
    is_active = django_filters.BooleanFilter(label=_("active"))

    class Meta:
        model = ServicePoint
        fields = ["q", "level", "service", "is_active"]

    def filter_service(self, queryset, name, value):
        # A JSON list of a few codes: contains works on SQLite and PostgreSQL alike as a text
        # match on the quoted code, which no other code contains.
        return queryset.filter(services__icontains=f'"{value}"')


class RecordFilter(django_filters.FilterSet):
    served_from = django_filters.DateFilter(label=_("from"), field_name="served_on",
                                            lookup_expr="gte")  # fmt: skip
    served_to = django_filters.DateFilter(label=_("to"), field_name="served_on",
                                          lookup_expr="lte")  # fmt: skip
    channel = django_filters.ChoiceFilter(label=_("channel"), choices=ServiceChannel.choices)
    matter_kind = django_filters.ChoiceFilter(label=_("kind of matter"),
                                              choices=MatterKind.choices)  # fmt: skip
    outcome = django_filters.ChoiceFilter(label=_("outcome"), choices=ServiceOutcome.choices)

    class Meta:
        model = ServiceRecord
        fields = ["served_from", "served_to", "channel", "matter_kind", "outcome"]


class AdviserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("lawyer's name contains"), field_name="lawyer__name",
                                  lookup_expr="icontains")  # fmt: skip
    serving = django_filters.BooleanFilter(label=_("no end day set"), field_name="ended_on",
                                           lookup_expr="isnull")  # fmt: skip

    class Meta:
        model = VillageAdviser
        fields = ["q", "serving"]


class CheckupFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("enterprise contains"), field_name="enterprise_name",
                                  lookup_expr="icontains")  # fmt: skip
    checked_from = django_filters.DateFilter(label=_("from"), field_name="checked_on",
                                             lookup_expr="gte")  # fmt: skip
    checked_to = django_filters.DateFilter(label=_("to"), field_name="checked_on",
                                           lookup_expr="lte")  # fmt: skip

    class Meta:
        model = EnterpriseCheckup
        fields = ["q", "checked_from", "checked_to"]
