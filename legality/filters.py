import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import LocalDateFromFilter, LocalDateToFilter
from legality.choices import Conclusion, ReviewKind
from legality.models import LegalityReview
from legality.process import STATES


class LegalityReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("search"), method="filter_q",
                                  help_text=_("Case number or title."))  # fmt: skip
    kind = django_filters.ChoiceFilter(label=_("kind of review"), choices=ReviewKind.choices)
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in STATES]
    )
    conclusion = django_filters.ChoiceFilter(label=_("conclusion"), choices=Conclusion.choices)
    received_from = LocalDateFromFilter(label=_("submitted from"), field_name="received_at")
    received_to = LocalDateToFilter(label=_("submitted to"), field_name="received_at")

    class Meta:
        model = LegalityReview
        fields = ["q", "kind", "state", "conclusion"]

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value))


class ContractFilter(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("submitting department"), queryset=None, method="filter_department"
    )

    class Meta:
        model = LegalityReview
        fields = ["department"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from core.models import Organization, OrganizationKind

        # Only departments that have contracts in the rows the user may see.
        self.filters["department"].queryset = Organization.objects.filter(
            kind=OrganizationKind.AGENCY, pk__in=self.queryset.values("department_id")
        ).order_by("name")

    def filter_department(self, queryset, name, value):
        return queryset.filter(department=value) if value else queryset
