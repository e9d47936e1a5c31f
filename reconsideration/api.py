"""REST API of administrative reconsideration: cases (list, detail, register). State changes go
through the case engine's endpoint /api/cases/reconsideration.reconsiderationcase/{id}/
transitions/{name}/ like every line's; an agency handler reaches only the cases against their
agency (the answer, the report on an opinion letter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from core.api import (
    IDEMPOTENCY_KEY,
    CasePartySerializer,
    ModelSerializer,
    PartyEntrySerializer,
    ScopedViewSet,
    register_case,
)
from core.filters import LocalDateFromFilter, LocalDateToFilter
from core.models import OrganizationKind
from reconsideration.choices import ActType, DecisionType, Procedure
from reconsideration.models import ReconsiderationCase
from reconsideration.process import STATES


class ReconsiderationCaseApiFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=[(s.name, s.label) for s in STATES]
    )
    act_type = django_filters.ChoiceFilter(label=gettext_lazy("kind of act"),
                                           choices=ActType.choices)  # fmt: skip
    procedure = django_filters.ChoiceFilter(label=gettext_lazy("procedure"),
                                            choices=Procedure.choices)  # fmt: skip
    decision_type = django_filters.ChoiceFilter(label=gettext_lazy("decision"),
                                                choices=DecisionType.choices)  # fmt: skip
    received_from = LocalDateFromFilter(
        label=gettext_lazy("received from"), field_name="received_at"
    )
    received_to = LocalDateToFilter(label=gettext_lazy("received to"), field_name="received_at")

    class Meta:
        model = ReconsiderationCase
        fields = ["state", "act_type", "procedure", "decision_type", "respondent"]


class ReconPartySerializer(CasePartySerializer):
    pass


class ReconsiderationCaseSerializer(ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    parties = ReconPartySerializer(source="recon_parties", many=True, read_only=True)
    respondent_name = serializers.CharField(source="respondent.name", read_only=True)

    class Meta:
        model = ReconsiderationCase
        fields = [
            "id", "number", "title", "respondent", "respondent_name", "act_type",
            "act_description", "act_number", "act_on", "knew_on", "informed_of_right",
            "requests", "facts", "requests_void", "oral", "channel", "organization",
            "region_code", "state", "state_label", "outcome", "version", "received_at",
            "accepted_at", "accepted_on", "deemed_accepted", "procedure", "simplified_ground",
            "closed_at", "due_date", "due_provisional", "assignee", "copy_sent_on",
            "answer_received_on", "major", "hearing_on", "hearing_held_on",
            "suspension_ground", "termination_ground", "decision_type", "concluded_on",
            "respondent_corrected", "processing_days", "opinion_issued_on",
            "opinion_reported_on", "parties",
        ]  # fmt: skip
        read_only_fields = fields


class ReconPartyInSerializer(PartyEntrySerializer):
    pass


class ReconsiderationCaseCreateSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    respondent = serializers.IntegerField(required=False, allow_null=True)
    act_type = serializers.CharField(required=False, allow_blank=True)
    act_description = serializers.CharField(required=False, allow_blank=True)
    act_number = serializers.CharField(required=False, allow_blank=True)
    act_on = serializers.DateField(required=False, allow_null=True)
    knew_on = serializers.DateField(required=False, allow_null=True)
    informed_of_right = serializers.BooleanField(required=False, default=True)
    requests = serializers.CharField(required=False, allow_blank=True)
    facts = serializers.CharField(required=False, allow_blank=True)
    title = serializers.CharField(required=False, allow_blank=True)
    requests_void = serializers.BooleanField(required=False)
    oral = serializers.BooleanField(required=False)
    channel = serializers.CharField(required=False)
    received_on = serializers.DateField(required=False)
    parties = ReconPartyInSerializer(many=True, required=False)


class ReconsiderationCaseViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = ReconsiderationCase
    serializer_class = ReconsiderationCaseSerializer
    filterset_class = ReconsiderationCaseApiFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("respondent")
            .prefetch_related("recon_parties__party")
            .order_by("-received_at", "-id")
        )

    @extend_schema(
        request=ReconsiderationCaseCreateSerializer,
        responses={201: ReconsiderationCaseSerializer, 200: ReconsiderationCaseSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    def create(self, request):
        from reconsideration.services import application_register

        return register_case(
            self,
            request,
            payload=ReconsiderationCaseCreateSerializer,
            read=ReconsiderationCaseSerializer,
            kind=OrganizationKind.JUSTICE_BUREAU,
            unknown=_("No such justice bureau."),
            register=application_register,
            scope="api.reconsiderationcase_create",
        )
