"""The staff list's filters of enforcement decisions: body, kind, decision days, and what the
supervision looks for — published late (or not yet, after the window), the mandatory legal
review missing (CF Art. 58), no full-process record (CF Art. 47), a withdrawal late (Art. 48),
a fine outside the discretion standard recorded with the penalty (Art. 34)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enforcement.choices import PowerKind
from enforcement.decision_models import Decision
from enforcement.decision_selectors import late_q, review_missing_q, withdrawal_late_q
from enforcement.models import EnforcementBody


class DecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("case number or party contains"), method="filter_q")
    body = django_filters.ModelChoiceFilter(label=_("enforcement body"),
                                            queryset=EnforcementBody.objects.none())  # fmt: skip
    kind = django_filters.ChoiceFilter(label=_("kind of decision"), choices=PowerKind.choices)
    decided_from = django_filters.DateFilter(label=_("decided from"), field_name="decided_on",
                                             lookup_expr="gte")  # fmt: skip
    decided_to = django_filters.DateFilter(label=_("decided to"), field_name="decided_on",
                                           lookup_expr="lte")  # fmt: skip
    late = django_filters.BooleanFilter(label=_("published late or overdue"),
                                        method="filter_late")  # fmt: skip
    review_missing = django_filters.BooleanFilter(label=_("legal review missing"),
                                                  method="filter_review_missing")  # fmt: skip
    recording_missing = django_filters.BooleanFilter(label=_("full-process record missing"),
                                                     method="filter_recording_missing")  # fmt: skip
    withdrawal_late = django_filters.BooleanFilter(label=_("withdrawn late or overdue"),
                                                   method="filter_withdrawal_late")  # fmt: skip
    outside_standard = django_filters.BooleanFilter(
        label=_("fine outside the discretion standard"), field_name="outside_standard"
    )

    class Meta:
        model = Decision
        fields = ["q", "body", "kind", "decided_from", "decided_to", "late", "review_missing",
                  "recording_missing", "withdrawal_late", "outside_standard"]  # fmt: skip

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.filters["body"].queryset = EnforcementBody.objects.restrict(user).order_by("name")

    def filter_q(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(case_number__icontains=value) | Q(party_name__icontains=value))

    @staticmethod
    def _flag(queryset, value, condition):
        if value is None:
            return queryset
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_late(self, queryset, name, value):
        return self._flag(queryset, value, late_q(timezone.localdate()))

    def filter_review_missing(self, queryset, name, value):
        return self._flag(queryset, value, review_missing_q())

    def filter_recording_missing(self, queryset, name, value):
        return self._flag(queryset, value, Q(recorded_full_process=False))

    def filter_withdrawal_late(self, queryset, name, value):
        return self._flag(queryset, value, withdrawal_late_q(timezone.localdate()))
