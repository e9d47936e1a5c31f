import django_filters
from django.utils.translation import gettext_lazy as _

from profession.choices import InspectionResult, InstitutionStatus, SubjectKind, VolumeKind
from profession.models import Complaint, Inspection, LawFirm, Volume
from profession.process import COMPLAINT_PROCESS, INSPECTION_PROCESS


class FirmFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("name"), field_name="organization__name",
                                     lookup_expr="icontains")  # fmt: skip
    status = django_filters.ChoiceFilter(label=_("status"), choices=InstitutionStatus.choices)

    class Meta:
        model = LawFirm
        fields = ["name", "status"]


class InspectionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in INSPECTION_PROCESS.states]
    )
    year = django_filters.NumberFilter(label=_("year inspected"))
    result = django_filters.ChoiceFilter(label=_("result"), choices=InspectionResult.choices)

    class Meta:
        model = Inspection
        fields = ["state", "year", "result"]


class ComplaintFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in COMPLAINT_PROCESS.states]
    )
    subject_kind = django_filters.ChoiceFilter(label=_("complaint against"),
                                               choices=SubjectKind.choices)  # fmt: skip

    class Meta:
        model = Complaint
        fields = ["state", "subject_kind"]


class VolumeFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("business"), choices=VolumeKind.choices)
    month_from = django_filters.DateFilter(label=_("from month"), field_name="month",
                                           lookup_expr="gte")  # fmt: skip

    class Meta:
        model = Volume
        fields = ["kind", "month_from"]
