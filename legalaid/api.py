"""REST API of legal aid: cases (list, detail, register), lottery draws (list, detail) and
consultations (list, record). State changes go through the case engine's endpoint
/api/cases/legalaid.aidcase/{id}/transitions/{name}/ like every line's."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from cases.models import Channel
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
from legalaid.choices import Category, Matter, Source
from legalaid.models import AidCase, Consultation, Draw
from legalaid.process import STATES


class AidCaseApiFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=[(s.name, s.label) for s in STATES]
    )
    matter = django_filters.ChoiceFilter(label=gettext_lazy("matter"), choices=Matter.choices)
    category = django_filters.ChoiceFilter(label=gettext_lazy("category"), choices=Category.choices)
    source = django_filters.ChoiceFilter(label=gettext_lazy("source"), choices=Source.choices)
    channel = django_filters.ChoiceFilter(label=gettext_lazy("channel"), choices=Channel.choices)
    received_from = LocalDateFromFilter(
        label=gettext_lazy("received from"), field_name="received_at"
    )
    received_to = LocalDateToFilter(label=gettext_lazy("received to"), field_name="received_at")

    class Meta:
        model = AidCase
        fields = ["state", "matter", "category", "source", "channel"]


class AidPartySerializer(CasePartySerializer):
    pass


class AidCaseSerializer(ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    parties = AidPartySerializer(source="aid_parties", many=True, read_only=True)
    lawyer_name = serializers.CharField(source="lawyer.name", read_only=True, default="")

    class Meta:
        model = AidCase
        fields = [
            "id", "number", "title", "facts", "requests", "matter", "category", "source",
            "channel", "notifying_authority", "notifying_body", "legal_role", "stage",
            "groups", "hardship", "exemption", "materials", "amount_claimed",
            "life_or_death", "urgent", "organization", "region_code", "state", "state_label",
            "outcome", "version", "received_at", "accepted_at", "closed_at", "due_date",
            "due_provisional", "assignee", "decision", "decided_on", "review_days",
            "review_within_target", "lawyer", "lawyer_name", "assigned_on",
            "assignment_method", "result", "recovered_losses", "concluded_on", "grade",
            "parties",
        ]  # fmt: skip
        read_only_fields = fields


class AidPartyInSerializer(PartyEntrySerializer):
    pass


class AidCaseCreateSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    title = serializers.CharField(required=False, allow_blank=True)
    facts = serializers.CharField(required=False, allow_blank=True)
    requests = serializers.CharField(required=False, allow_blank=True)
    matter = serializers.CharField(required=False, allow_blank=True)
    category = serializers.CharField(required=False, allow_blank=True)
    source = serializers.CharField(required=False)
    channel = serializers.CharField(required=False)
    notifying_authority = serializers.CharField(required=False, allow_blank=True)
    notifying_body = serializers.CharField(required=False, allow_blank=True)
    legal_role = serializers.CharField(required=False, allow_blank=True)
    stage = serializers.CharField(required=False, allow_blank=True)
    groups = serializers.ListField(child=serializers.CharField(), required=False)
    hardship = serializers.CharField(required=False, allow_blank=True)
    exemption = serializers.IntegerField(required=False, allow_null=True)
    materials = serializers.ListField(child=serializers.CharField(), required=False)
    amount_claimed = serializers.CharField(required=False, allow_blank=True)
    life_or_death = serializers.BooleanField(required=False)
    urgent = serializers.BooleanField(required=False)
    urgent_reason = serializers.CharField(required=False, allow_blank=True)
    received_on = serializers.DateField(required=False)
    parties = AidPartyInSerializer(many=True, required=False)


class AidCaseViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = AidCase
    serializer_class = AidCaseSerializer
    filterset_class = AidCaseApiFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("lawyer")
            .prefetch_related("aid_parties__party")
            .order_by("-received_at", "-id")
        )

    @extend_schema(
        request=AidCaseCreateSerializer,
        responses={201: AidCaseSerializer, 200: AidCaseSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    def create(self, request):
        from legalaid.services import application_register

        return register_case(
            self,
            request,
            payload=AidCaseCreateSerializer,
            read=AidCaseSerializer,
            kind=OrganizationKind.LEGAL_AID_CENTRE,
            unknown=_("No such legal aid centre."),
            register=application_register,
            scope="api.aidcase_create",
        )


class DrawSerializer(ModelSerializer):
    """A draw as staff see it; the seed only once it is drawn (before that, the commitment)."""

    case_number = serializers.CharField(source="case.number", read_only=True)
    seed = serializers.SerializerMethodField()
    winner_name = serializers.CharField(source="winner.name", read_only=True, default="")

    class Meta:
        model = Draw
        fields = [
            "id", "public_code", "case", "case_number", "matter", "category", "announcement",
            "announced_at", "closes_at", "commitment", "seed", "weighted", "state",
            "candidates", "excluded", "method", "winner", "winner_name", "drawn_at",
            "region_code",
        ]  # fmt: skip
        read_only_fields = fields

    def get_seed(self, draw) -> str:
        return draw.seed if draw.state == Draw.State.DRAWN else ""


class DrawViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = Draw
    serializer_class = DrawSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("case", "winner").order_by("-id")


class ConsultationSerializer(ModelSerializer):
    class Meta:
        model = Consultation
        fields = [
            "id", "organization", "region_code", "on_date", "channel", "category", "summary",
            "referred",
        ]  # fmt: skip
        read_only_fields = ["id", "region_code"]


class ConsultationViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = Consultation
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        return super().get_queryset().order_by("-on_date", "-id")

    @extend_schema(request=ConsultationSerializer, responses={201: ConsultationSerializer})
    def create(self, request):
        from legalaid.services import consultation_record

        payload = ConsultationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        organization = data.pop("organization")
        row = consultation_record(actor=request.user, organization=organization, data=data)
        return Response(ConsultationSerializer(row).data, status=status.HTTP_201_CREATED)
