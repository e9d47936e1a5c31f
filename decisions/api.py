"""REST API of major administrative decisions: decisions (list, detail, start) and the yearly
catalogues of decision matters (list, detail). The steps after the start (draft, public
comment, hearing, expert argumentation, risk assessment, legality review, collective
discussion, decision, publication…) go through the case engine's endpoint
/api/cases/decisions.majordecision/{id}/transitions/{name}/ like every line's. An agency
handler reaches only their own decision-maker's decisions and catalogues, the bureau's staff
those of their jurisdiction (the scoped queryset, core.api.ScopedViewSet); the public reads
what the portal publishes, not here.

Starting runs decisions.services.decision_start, as the start page does: the API and the page
refuse the same input with the same words, naming the field."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from cases.api import CaseClocksSerializer, ClockedListMixin
from core.api import IDEMPOTENCY_KEY, ModelSerializer, ScopedViewSet, create_once, created_response
from core.errors import InvalidInput
from core.filters import LocalDateFromFilter, LocalDateToFilter
from core.models import Organization, OrganizationKind
from decisions.choices import MatterKind
from decisions.models import Catalogue, CatalogueItem, MajorDecision
from decisions.process import STATES


def _agencies():
    return Organization.objects.filter(kind=OrganizationKind.AGENCY)


class MajorDecisionApiFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=[(s.name, s.label) for s in STATES]
    )
    matter_kind = django_filters.ChoiceFilter(
        label=gettext_lazy("kind of matter"), choices=MatterKind.choices
    )
    decision_maker = django_filters.ModelChoiceFilter(
        label=gettext_lazy("decision-maker"), queryset=_agencies()
    )
    lead_unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("lead unit (承办单位)"), queryset=_agencies()
    )
    started_from = django_filters.DateFilter(
        label=gettext_lazy("started from"), field_name="started_on", lookup_expr="gte"
    )
    started_to = django_filters.DateFilter(
        label=gettext_lazy("started to"), field_name="started_on", lookup_expr="lte"
    )
    decided_from = django_filters.DateFilter(
        label=gettext_lazy("decided from"), field_name="decided_on", lookup_expr="gte"
    )
    decided_to = django_filters.DateFilter(
        label=gettext_lazy("decided to"), field_name="decided_on", lookup_expr="lte"
    )
    received_from = LocalDateFromFilter(
        label=gettext_lazy("registered from"), field_name="received_at"
    )
    received_to = LocalDateToFilter(label=gettext_lazy("registered to"), field_name="received_at")

    class Meta:
        model = MajorDecision
        fields = ["state", "matter_kind", "decision_maker", "lead_unit"]


class CatalogueApiFilter(django_filters.FilterSet):
    decision_maker = django_filters.ModelChoiceFilter(
        label=gettext_lazy("decision-maker"), queryset=_agencies()
    )
    year = django_filters.NumberFilter(label=gettext_lazy("year"))
    published = django_filters.BooleanFilter(
        label=gettext_lazy("published"), field_name="published_on", lookup_expr="isnull",
        exclude=True,
    )  # fmt: skip

    class Meta:
        model = Catalogue
        fields = ["decision_maker", "year"]


class MajorDecisionSerializer(CaseClocksSerializer, ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    decision_maker_name = serializers.CharField(source="decision_maker.name", read_only=True)
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True)

    class Meta:
        model = MajorDecision
        fields = [
            "id", "number", "title", "matter_kind", "decision_maker", "decision_maker_name",
            "lead_unit", "lead_unit_name", "catalogue_item", "summary", "organization",
            "region_code", "state", "state_label", "outcome", "version", "received_at",
            "closed_at", "due_date", "due_provisional", "assignee", "started_on",
            "expert_triggered", "risk_triggered", "drafted_on", "participation_exempt",
            "exemption_reason", "comment_opens_on", "comment_days", "comment_closes_on",
            "short_period_reason", "answers_published_on", "hearing_on", "expert_on",
            "risk_on", "legality_case_number", "legality_opinion_on", "legality_conclusion",
            "meeting_type", "meeting_on", "meeting_result", "decided_on", "decision_number",
            "published_on", "published_on_time", "publication_channels", "archived_on",
            "executing_unit", "evaluated_on", "adjusted_on", "round", "clocks",
        ]  # fmt: skip
        read_only_fields = fields


class CatalogueItemSerializer(ModelSerializer):
    class Meta:
        model = CatalogueItem
        fields = ["id", "number", "title", "matter_kind", "lead_unit", "planned", "added_by",
                  "removed_by"]  # fmt: skip
        read_only_fields = fields


class CatalogueSerializer(ModelSerializer):
    decision_maker_name = serializers.CharField(source="decision_maker.name", read_only=True)
    items = CatalogueItemSerializer(many=True, read_only=True)

    class Meta:
        model = Catalogue
        fields = ["id", "decision_maker", "decision_maker_name", "region_code", "year",
                  "party_approved_on", "published_on", "note", "items"]  # fmt: skip
        read_only_fields = fields


class MajorDecisionCreateSerializer(serializers.Serializer):
    # Left out: the user's only possible decision-maker (an agency handler's own agency), as
    # the start page preselects it.
    decision_maker = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="The decision-maker (an Organization of kind agency: a government or "
                  "department).",
    )  # fmt: skip
    lead_unit = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="The lead unit (承办单位, an Organization of kind agency).",
    )  # fmt: skip
    title = serializers.CharField(required=False, allow_blank=True)
    # Left empty or unknown: the service's own message ("choose the kind of matter").
    matter_kind = serializers.CharField(required=False, allow_blank=True)
    catalogue_item = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="The item of the decision-maker's catalogue this decision implements.",
    )  # fmt: skip
    summary = serializers.CharField(required=False, allow_blank=True)
    expert_triggered = serializers.BooleanField(required=False, default=False)
    risk_triggered = serializers.BooleanField(required=False, default=False)


class MajorDecisionViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    queryset_model = MajorDecision
    serializer_class = MajorDecisionSerializer
    filterset_class = MajorDecisionApiFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("decision_maker", "lead_unit")
            .order_by("-received_at", "-id")
        )

    @extend_schema(
        request=MajorDecisionCreateSerializer,
        responses={201: MajorDecisionSerializer, 200: MajorDecisionSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    def create(self, request):
        from decisions.forms import agencies_for
        from decisions.services import decision_start

        payload = MajorDecisionCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        # The decision-makers the start page offers: one beyond them is no choice (the service
        # names the field).
        makers = agencies_for(request.user)
        maker_id = data.pop("decision_maker")
        if maker_id is None:
            own = list(makers[:2])
            data["decision_maker"] = own[0] if len(own) == 1 else None
        else:
            data["decision_maker"] = makers.filter(pk=maker_id).first()
        # Any agency: the service checks that it is within the decision-maker's region.
        lead_id = data.pop("lead_unit")
        data["lead_unit"] = _agencies().filter(pk=lead_id).first() if lead_id else None
        item_id = data.pop("catalogue_item")
        data["catalogue_item"] = None
        if item_id is not None:
            data["catalogue_item"] = (
                CatalogueItem.objects.filter(
                    pk=item_id, catalogue__decision_maker__in=makers, removed_by__isnull=True
                )
                .select_related("catalogue")
                .first()
            )
            if data["catalogue_item"] is None:
                # The start page's own words for an item it does not offer (Django's).
                message = forms.ModelChoiceField.default_error_messages["invalid_choice"]
                message = str(message)
                raise InvalidInput(message, fields={"catalogue_item": [message]})

        def create():
            return decision_start(actor=request.user, data=data)

        decision, created = create_once(
            request,
            scope="api.majordecision_create",
            create=create,
            load=lambda pk: MajorDecision.objects.get(pk=pk, created_by=request.user),
        )
        decision = self.get_queryset().filter(pk=decision.pk).first() or decision
        return created_response(MajorDecisionSerializer(decision).data, created)


class CatalogueViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = Catalogue
    serializer_class = CatalogueSerializer
    filterset_class = CatalogueApiFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("decision_maker")
            .prefetch_related("items")
            .order_by("-year", "decision_maker__name", "id")
        )
