import django_filters
from django.utils.translation import gettext_lazy as _

from core.crypto import blind_index
from core.models import Organization, OrganizationKind, Party, PartyKind, Region
from core.validators import normalize_id_number


class PartyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("name contains"), field_name="name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("party kind"), choices=PartyKind.choices)
    id_number = django_filters.CharFilter(
        label=_("resident ID number (exact)"), method="filter_id_number"
    )

    class Meta:
        model = Party
        fields = ["q", "kind", "id_number"]

    def filter_id_number(self, queryset, name, value):
        return queryset.filter(id_number_index=blind_index(normalize_id_number(value)))


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("name contains"), field_name="name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrganizationKind.choices)
    region = django_filters.CharFilter(
        label=_("region code starts with"), field_name="region__code", lookup_expr="startswith"
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "region"]


class RegionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("name contains"), field_name="name", lookup_expr="icontains"
    )
    parent = django_filters.CharFilter(label=_("parent code"), field_name="parent_id")

    class Meta:
        model = Region
        fields = ["q", "parent"]
