"""REST API of administrative litigation response: lawsuits against an agency, one per trial
level (list, detail, register). The steps after registration (the answer, hearings, the
judgment, the appeal, judicial recommendations) go through the case engine's endpoint
/api/cases/litigation.litigationcase/{id}/transitions/{name}/ like every line's. An agency
handler reaches only the lawsuits against their own agency, the bureau's staff every lawsuit
in their jurisdiction (the scoped queryset, core.api.ScopedViewSet).

Registration runs litigation.services.case_register, whose checks (clean_case_data,
check_defendant) the registration form runs too: the API and the page refuse the same input
with the same words, naming the field."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from cases.api import CaseClocksSerializer, ClockedListMixin
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
from core.filters import LocalDateFromFilter, LocalDateToFilter
from core.models import Organization, OrganizationKind
from litigation.choices import Judgment, TrialLevel
from litigation.models import Hearing, LitigationCase, Recommendation
from litigation.process import STATES


class LitigationCaseApiFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=[(s.name, s.label) for s in STATES]
    )
    trial_level = django_filters.ChoiceFilter(
        label=gettext_lazy("trial level"), choices=TrialLevel.choices
    )
    judgment_type = django_filters.ChoiceFilter(
        label=gettext_lazy("judgment or ruling"), choices=Judgment.choices
    )
    defendant = django_filters.ModelChoiceFilter(
        label=gettext_lazy("defendant agency"),
        field_name="organization",
        queryset=Organization.objects.filter(kind=OrganizationKind.AGENCY),
    )
    # A case is received on the day the complaint is served (litigation.services), so the
    # served dates are those of received_at, read through its scoped indexes.
    served_from = LocalDateFromFilter(label=gettext_lazy("served from"), field_name="received_at")
    served_to = LocalDateToFilter(label=gettext_lazy("served to"), field_name="received_at")

    class Meta:
        model = LitigationCase
        fields = ["state", "trial_level", "judgment_type", "defendant"]


class LitigationPartySerializer(CasePartySerializer):
    pass


class HearingSerializer(ModelSerializer):
    class Meta:
        model = Hearing
        fields = [
            "id", "hearing_on", "place", "notice_served_on", "held_on", "head_appeared",
            "head_name", "head_position", "staff", "absence_ground", "absence_explanation",
        ]  # fmt: skip
        read_only_fields = fields


class RecommendationSerializer(ModelSerializer):
    class Meta:
        model = Recommendation
        fields = ["id", "received_on", "content", "reply_due", "replied_on", "reply"]
        read_only_fields = fields


class LitigationCaseSerializer(CaseClocksSerializer, ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    defendant_name = serializers.CharField(source="organization.name", read_only=True)
    parties = LitigationPartySerializer(source="lit_parties", many=True, read_only=True)
    hearings = HearingSerializer(many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = LitigationCase
        fields = [
            "id", "number", "court", "court_case_number", "trial_level", "earlier", "cause",
            "act_description", "act_number", "reconsideration_number", "complaint_served_on",
            "filed_on", "simplified", "organization", "defendant_name", "region_code", "state",
            "state_label", "outcome", "version", "received_at", "closed_at", "due_date",
            "due_provisional", "assignee", "answer_submitted_on", "first_heard_on",
            "head_appeared", "judgment_type", "decided_on", "judgment_served_on",
            "loss_ground", "loss_reasons", "appealed_on", "appellant", "parties", "hearings",
            "recommendations", "clocks",
        ]  # fmt: skip
        read_only_fields = fields


class LitigationPartyInSerializer(PartyEntrySerializer):
    pass


class LitigationCaseCreateSerializer(serializers.Serializer):
    # Left out: the user's only possible defendant (an agency handler's own agency), as the
    # registration form preselects it.
    organization = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="The defendant agency (an Organization of kind agency).",
    )  # fmt: skip
    court = serializers.CharField(required=False, allow_blank=True)
    court_case_number = serializers.CharField(required=False, allow_blank=True)
    # Left empty: the service's own message ("choose the trial level").
    trial_level = serializers.ChoiceField(
        choices=TrialLevel.choices, required=False, allow_blank=True
    )
    earlier_number = serializers.CharField(
        required=False, allow_blank=True,
        help_text="For an appeal or a retrial: the court case number at the earlier level.",
    )  # fmt: skip
    cause = serializers.CharField(required=False, allow_blank=True)
    act_description = serializers.CharField(required=False, allow_blank=True)
    act_number = serializers.CharField(required=False, allow_blank=True)
    reconsideration_number = serializers.CharField(required=False, allow_blank=True)
    complaint_served_on = serializers.DateField(required=False, allow_null=True)
    filed_on = serializers.DateField(required=False, allow_null=True)
    simplified = serializers.BooleanField(
        required=False, default=False,
        help_text="Heard under the simplified procedure (Art. 82): judgment within 45 days of "
                  "filing (Art. 83).",
    )  # fmt: skip
    parties = LitigationPartyInSerializer(many=True, required=False)


class LitigationCaseViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    queryset_model = LitigationCase
    serializer_class = LitigationCaseSerializer
    filterset_class = LitigationCaseApiFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization")
            .prefetch_related("lit_parties__party", "hearings", "recommendations")
            .order_by("-received_at", "-id")
        )

    @extend_schema(
        request=LitigationCaseCreateSerializer,
        responses={201: LitigationCaseSerializer, 200: LitigationCaseSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    def create(self, request):
        from litigation.services import case_register, defendants

        data, org_id, parties = case_payload(LitigationCaseCreateSerializer, request)
        if org_id is None:
            own = list(defendants(request.user)[:2])
            organization = own[0] if len(own) == 1 else None
        else:
            # An unknown id, another kind or an agency beyond the user's reach: the service
            # names the field (check_defendant).
            organization = Organization.objects.filter(pk=org_id).first()

        def create():
            return case_register(
                actor=request.user, organization=organization, data=data, parties=parties
            )

        case, created = create_once(
            request,
            scope="api.litigationcase_create",
            create=create,
            # The user's own registration, whatever they may read afterwards.
            load=lambda pk: LitigationCase.objects.get(pk=pk, created_by=request.user),
        )
        case = self.get_queryset().filter(pk=case.pk).first() or case
        return created_response(LitigationCaseSerializer(case).data, created)
