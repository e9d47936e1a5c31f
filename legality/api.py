"""REST API of legality review: submissions (list, detail). There is no registration here: a
submission is registered with its required materials (files, legality.choices.
required_materials), which the submission page uploads; a submission without them is not
possible. The steps after it (correction, resumption, counsel, the opinion, the answers) go
through the case engine's endpoint /api/cases/legality.legalityreview/{id}/transitions/{name}/
like every line's. An agency handler reaches only their own department's submissions, the
bureau's staff those of their jurisdiction (the scoped queryset, core.api.ScopedViewSet)."""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers

from cases.api import ClockSerializer
from cases.models import Clock
from core.api import ModelSerializer, ScopedViewSet
from core.filters import LocalDateFromFilter, LocalDateToFilter
from core.models import Organization, OrganizationKind
from legality.choices import Conclusion, ReviewKind
from legality.models import LegalityReview, Material, OpinionPoint
from legality.process import STATES


class LegalityReviewApiFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=[(s.name, s.label) for s in STATES]
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("kind of review"),
                                       choices=ReviewKind.choices)  # fmt: skip
    conclusion = django_filters.ChoiceFilter(label=gettext_lazy("conclusion"),
                                             choices=Conclusion.choices)  # fmt: skip
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("submitting department"),
        queryset=Organization.objects.filter(kind=OrganizationKind.AGENCY),
    )
    received_from = LocalDateFromFilter(label=gettext_lazy("submitted from"),
                                        field_name="received_at")  # fmt: skip
    received_to = LocalDateToFilter(label=gettext_lazy("submitted to"), field_name="received_at")
    opinion_from = django_filters.DateFilter(
        label=gettext_lazy("opinion issued from"), field_name="opinion_on", lookup_expr="gte"
    )
    opinion_to = django_filters.DateFilter(
        label=gettext_lazy("opinion issued to"), field_name="opinion_on", lookup_expr="lte"
    )

    class Meta:
        model = LegalityReview
        fields = ["state", "kind", "conclusion", "department"]


class OpinionPointSerializer(ModelSerializer):
    class Meta:
        model = OpinionPoint
        fields = ["number", "text", "answer", "reasons", "answered_on"]
        read_only_fields = fields


class MaterialSerializer(ModelSerializer):
    attachment = serializers.IntegerField(source="attachment.pk", read_only=True)
    name = serializers.CharField(source="attachment.original_name", read_only=True)
    size = serializers.IntegerField(source="attachment.size", read_only=True)
    sha256 = serializers.CharField(source="attachment.sha256", read_only=True)

    class Meta:
        model = Material
        fields = ["id", "category", "attachment", "name", "size", "sha256", "added_on"]
        read_only_fields = fields


class LegalityReviewSerializer(ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)
    points = OpinionPointSerializer(many=True, read_only=True)
    clocks = serializers.SerializerMethodField()

    class Meta:
        model = LegalityReview
        fields = [
            "id", "number", "kind", "title", "summary", "market_activity", "department",
            "department_name", "organization", "region_code", "state", "state_label",
            "outcome", "version", "received_at", "closed_at", "due_date", "due_provisional",
            "assignee", "submitted_on", "counterparty", "amount", "term_start", "term_end",
            "key_risks", "correction_items", "conclusion", "opinion_authority",
            "opinion_procedure", "opinion_conformity", "opinion_on", "review_working_days",
            "below_minimum", "on_time", "answered_on", "materials", "points", "clocks",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(ClockSerializer(many=True))
    def get_clocks(self, case) -> list:
        rows = getattr(case, "api_clocks", None)
        if rows is None:
            rows = _clocks_of([case])[case.pk]
        return ClockSerializer(rows, many=True).data


def _clocks_of(cases) -> dict[int, list[Clock]]:
    """The clocks of `cases` (already scoped) by case id, in one query for a page of a list."""
    ids = [c.pk for c in cases]
    found: dict[int, list[Clock]] = {pk: [] for pk in ids}
    rows = (
        Clock.objects.filter(
            case_type=ContentType.objects.get_for_model(LegalityReview), case_id__in=ids
        )
        .select_related("case_type")
        .prefetch_related("pauses")
    )
    for clock in rows:
        found[clock.case_id].append(clock)
    return found


class LegalityReviewViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = LegalityReview
    serializer_class = LegalityReviewSerializer
    filterset_class = LegalityReviewApiFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("department")
            .prefetch_related("materials__attachment", "points")
            .order_by("-received_at", "-id")
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            clocks = _clocks_of(page)
            for case in page:
                case.api_clocks = clocks[case.pk]
        return page
