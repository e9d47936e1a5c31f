"""REST API of people's mediation: disputes (list, detail, register). State changes go through
the case engine's endpoint /api/cases/mediation.dispute/{id}/transitions/{name}/."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from core.api import (
    IDEMPOTENCY_KEY,
    CasePartySerializer,
    ModelSerializer,
    PartyEntrySerializer,
    ScopedViewSet,
    case_payload,
    create_once,
    created_response,
)
from core.errors import InvalidInput
from core.models import Organization
from mediation.filters import DisputeFilter
from mediation.models import Dispute
from mediation.services import dispute_register, handling_organizations


class DisputePartySerializer(CasePartySerializer):
    pass


class DisputeSerializer(ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    parties = DisputePartySerializer(source="dispute_parties", many=True, read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id", "number", "title", "facts", "requests", "dispute_type", "dispute_subtype",
            "source", "channel", "amount", "is_mass", "tags", "address", "organization",
            "region_code", "state", "state_label", "outcome", "version", "received_at",
            "accepted_at", "closed_at", "due_date", "due_provisional", "assignee",
            "agreement_form",
            "agreement_effective_on", "confirmation_result", "performance", "parties",
        ]  # fmt: skip
        read_only_fields = fields


class PartyInSerializer(PartyEntrySerializer):
    party_id = serializers.IntegerField(required=False)


class DisputeCreateSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    title = serializers.CharField(required=False, allow_blank=True)
    facts = serializers.CharField(required=False, allow_blank=True)
    requests = serializers.CharField(required=False, allow_blank=True)
    dispute_type = serializers.CharField(required=False, allow_blank=True)
    dispute_subtype = serializers.CharField(required=False, allow_blank=True)
    source = serializers.CharField(required=False)
    channel = serializers.CharField(required=False)
    amount = serializers.CharField(required=False, allow_blank=True)
    is_mass = serializers.BooleanField(required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    address = serializers.CharField(required=False, allow_blank=True)
    received_on = serializers.DateField(required=False)
    parties = PartyInSerializer(many=True, required=False)
    mediators = serializers.ListField(child=serializers.IntegerField(), required=False)


class DisputeViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = Dispute
    serializer_class = DisputeSerializer
    filterset_class = DisputeFilter

    def get_queryset(self):
        return super().get_queryset().prefetch_related("dispute_parties__party")

    @extend_schema(
        request=DisputeCreateSerializer,
        responses={201: DisputeSerializer, 200: DisputeSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    def create(self, request):
        data, org_id, parties = case_payload(DisputeCreateSerializer, request)
        mediator_ids = data.pop("mediators", [])
        organization = handling_organizations(request.user).filter(pk=org_id).first()
        if organization is None and not Organization.objects.filter(pk=org_id).exists():
            raise InvalidInput(
                _("Unknown organisation."),
                fields={"organization": [_("No such committee in your jurisdiction.")]},
            )

        def create():
            return dispute_register(
                actor=request.user,
                organization=organization or Organization.objects.get(pk=org_id),
                data=data,
                parties=parties,
                mediator_ids=mediator_ids,
            )

        dispute, created = create_once(
            request,
            scope="api.dispute_create",
            create=create,
            load=lambda pk: self.get_queryset().get(pk=pk),
        )
        return created_response(DisputeSerializer(dispute).data, created)
