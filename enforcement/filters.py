import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import blind_index
from core.validators import normalize_id_number
from enforcement.choices import BodyKind, CertificateStatus
from enforcement.models import Certificate, EnforcementBody, ExamSitting, Officer, PowerTransfer
from enforcement.validity import body_standing_q, certificate_status_q, officer_certified_q


class BodyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name contains"), field_name="name",
                                  lookup_expr="icontains")  # fmt: skip
    kind = django_filters.ChoiceFilter(label=_("kind of body"), choices=BodyKind.choices)
    standing = django_filters.BooleanFilter(label=_("standing today"), method="filter_standing")

    class Meta:
        model = EnforcementBody
        fields = ["q", "kind", "standing"]

    def filter_standing(self, queryset, name, value):
        if value is None:
            return queryset
        condition = body_standing_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class TransferFilter(django_filters.FilterSet):
    effective_from = django_filters.DateFilter(label=_("effective from"),
                                               field_name="effective_on", lookup_expr="gte")  # fmt: skip
    effective_to = django_filters.DateFilter(label=_("effective to"), field_name="effective_on",
                                             lookup_expr="lte")  # fmt: skip

    class Meta:
        model = PowerTransfer
        fields = ["effective_from", "effective_to"]


class OfficerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("full name contains"), field_name="name",
                                  lookup_expr="icontains")  # fmt: skip
    id_number = django_filters.CharFilter(label=_("resident ID number (exact)"),
                                          method="filter_id_number")  # fmt: skip
    legal_qualification = django_filters.BooleanFilter(
        label=_("holds the legal professional qualification")
    )
    certified = django_filters.BooleanFilter(label=_("valid certificate today"),
                                             method="filter_certified")  # fmt: skip

    class Meta:
        model = Officer
        fields = ["q", "id_number", "legal_qualification", "certified"]

    def filter_id_number(self, queryset, name, value):
        return queryset.filter(id_number_index=blind_index(normalize_id_number(value)))

    def filter_certified(self, queryset, name, value):
        if value is None:
            return queryset
        condition = officer_certified_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class SittingFilter(django_filters.FilterSet):
    held_from = django_filters.DateFilter(label=_("held from"), field_name="held_on",
                                          lookup_expr="gte")  # fmt: skip
    held_to = django_filters.DateFilter(label=_("held to"), field_name="held_on",
                                        lookup_expr="lte")  # fmt: skip

    class Meta:
        model = ExamSitting
        fields = ["held_from", "held_to"]


class CertificateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("number or name contains"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("status today"),
                                         choices=CertificateStatus.choices,
                                         method="filter_status")  # fmt: skip

    class Meta:
        model = Certificate
        fields = ["q", "status"]

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(number__icontains=value) | Q(officer__name__icontains=value))

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(certificate_status_q(value, timezone.localdate()))
