"""REST API of legality review: submissions (list, detail). There is no registration here: a
submission is registered with its required materials (files, legality.choices.
required_materials), which the submission page uploads; a submission without them is not
possible. The steps after it (correction, resumption, counsel, the opinion, the answers) go
through the case engine's endpoint /api/cases/legality.legalityreview/{id}/transitions/{name}/
like every line's. An agency handler reaches only their own department's submissions, the
bureau's staff those of their jurisdiction (the scoped queryset, core.api.ScopedViewSet)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy
from rest_framework import mixins, serializers

from cases.api import CaseClocksSerializer, ClockedListMixin
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


class LegalityReviewSerializer(CaseClocksSerializer, ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)
    points = OpinionPointSerializer(many=True, read_only=True)

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


class LegalityReviewViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
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
