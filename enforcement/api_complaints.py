"""REST API of complaints about enforcement (投诉举报) and their dispatches to the bodies (交办):
lists and details scoped like the pages, and the registration of a complaint the bureau's staff
received by telephone, letter, referral or at the window.

- The bureau's section staff see and register the complaints of their jurisdiction, leaders
  read them; an agency's handlers never reach a complaint nor who complained (403 on the list),
  only the dispatches to their own agency's bodies, with the facts and the bureau's
  instructions. The complainant's phone is shown masked; the tracking code is not shown.
- `POST /api/enforcement/complaints/` registers through
  enforcement.complaint_services.complaint_register, the pages' own checks: a refusal answers
  400 with the Chinese words naming the field, nothing written. It is idempotent by the
  `Idempotency-Key` header, like the other lines' registrations.
- The steps — accept, refuse, dispatch to bodies, close (the complaint); reply, accept the
  reply, send it back (the dispatch) — are the processes' transitions
  (enforcement.complaint_process), fired through the case engine's endpoint with the version
  the caller saw: `POST /api/cases/enforcement.complaint/{id}/transitions/{name}/` and
  `POST /api/cases/enforcement.dispatch/{id}/transitions/{name}/` (cases.api), which answers
  409 on a stale version and names the fields of a refused step."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from cases.api import CaseClocksSerializer, ClockedListMixin
from cases.models import Channel
from core.api import IDEMPOTENCY_KEY, ModelSerializer, ScopedViewSet, create_once, created_response
from core.models import PartyKind
from enforcement.complaint_choices import Finding, Verdict
from enforcement.complaint_filters import ComplaintFilter, DispatchFilter
from enforcement.complaint_forms import bureaus_for
from enforcement.complaint_models import Complaint, Dispatch, DispatchRound
from enforcement.complaint_selectors import complaints, dispatches
from enforcement.complaint_services import STAFF_CHANNELS, complaint_register

# Plain strings with their values listed (enums named after fields other lines share would make
# the OpenAPI document ambiguous).
CHANNEL_HELP = "How the complaint arrived: " + ", ".join(Channel.values) + "."
STAFF_CHANNEL_HELP = "How the complaint arrived: " + ", ".join(STAFF_CHANNELS) + "."
COMPLAINANT_KIND_HELP = "The complainant: " + ", ".join(PartyKind.values) + "."
FINDING_HELP = "The bureau's finding when it closed: " + ", ".join(Finding.values) + "."
VERDICT_HELP = "The bureau's verdict on the reply: " + ", ".join(Verdict.values) + "."


class ComplaintDispatchSerializer(ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Dispatch
        fields = ["id", "number", "body", "body_name", "state", "state_label", "round",
                  "due_date", "replied_on", "accepted_on"]  # fmt: skip
        read_only_fields = fields


class ComplaintSerializer(CaseClocksSerializer, ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    channel = serializers.CharField(read_only=True, help_text=CHANNEL_HELP)
    complainant_kind = serializers.CharField(read_only=True, help_text=COMPLAINANT_KIND_HELP)
    complainant_phone = serializers.CharField(source="masked_phone", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True, allow_null=True,
                                      default=None)  # fmt: skip
    finding = serializers.CharField(read_only=True, help_text=FINDING_HELP)
    dispatches = ComplaintDispatchSerializer(many=True, read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id", "number", "organization", "region_code", "state", "state_label", "version",
            "channel", "received_at", "accepted_at", "closed_at", "due_date", "due_provisional",
            "assignee", "complainant_kind", "complainant_name", "complainant_phone", "body",
            "body_name", "agency_named", "happened_on", "place", "facts", "referral_source",
            "referral_number", "refusal_reasons", "finding", "answer", "answered_on",
            "dispatches", "clocks",
        ]  # fmt: skip
        read_only_fields = fields


class ComplaintCreateSerializer(serializers.Serializer):
    """A complaint as the bureau's staff enter it. Every field may be left out here: what is
    missing or wrong is refused by the service, in the same words as the page."""

    organization = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="The justice bureau (id) that handles the complaint.",
    )  # fmt: skip
    channel = serializers.CharField(required=False, allow_blank=True, default="",
                                    help_text=STAFF_CHANNEL_HELP)  # fmt: skip
    referral_source = serializers.CharField(required=False, allow_blank=True, default="")
    referral_number = serializers.CharField(required=False, allow_blank=True, default="")
    received_on = serializers.DateField(required=False, allow_null=True, default=None)
    complainant_kind = serializers.CharField(required=False, allow_blank=True, default="",
                                             help_text=COMPLAINANT_KIND_HELP)  # fmt: skip
    complainant_name = serializers.CharField(required=False, allow_blank=True, default="")
    complainant_phone = serializers.CharField(required=False, allow_blank=True, default="")
    body = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="The enforcement body (id) complained about, if known.",
    )  # fmt: skip
    agency_named = serializers.CharField(required=False, allow_blank=True, default="")
    happened_on = serializers.DateField(required=False, allow_null=True, default=None)
    place = serializers.CharField(required=False, allow_blank=True, default="")
    facts = serializers.CharField(required=False, allow_blank=True, default="")


class ComplaintViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    """Complaints about enforcement of the caller's jurisdiction. Steps: POST
    /api/cases/enforcement.complaint/{id}/transitions/{name}/ with the version."""

    queryset_model = Complaint
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter

    def get_queryset(self):
        return (
            complaints(self.request.user)
            .prefetch_related("dispatches__body")
            .order_by("-received_at", "-id")
        )

    @extend_schema(
        request=ComplaintCreateSerializer,
        responses={201: ComplaintSerializer, 200: ComplaintSerializer},
        parameters=[IDEMPOTENCY_KEY],
        description="Register a complaint received by telephone, letter, referral or at the "
                    "window. The same Idempotency-Key again answers 200 with the complaint "
                    "registered first.",
    )  # fmt: skip
    def create(self, request):
        payload = ComplaintCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        org_id = data.pop("organization")
        # A bureau outside the caller's reach is no bureau: the service names the field.
        organization = None
        if org_id is not None:
            organization = bureaus_for(request.user).filter(pk=org_id).first()
        if not data["complainant_kind"]:
            data.pop("complainant_kind")

        def create():
            return complaint_register(actor=request.user, organization=organization, data=data)

        complaint, created = create_once(
            request, scope="api.enforcement_complaint", create=create,
            load=lambda pk: self.get_queryset().get(pk=pk),
        )  # fmt: skip
        complaint = self.get_queryset().filter(pk=complaint.pk).first() or complaint
        return created_response(ComplaintSerializer(complaint).data, created)


class RoundSerializer(ModelSerializer):
    verdict = serializers.CharField(read_only=True, help_text=VERDICT_HELP)

    class Meta:
        model = DispatchRound
        fields = ["number", "started_on", "due_date", "replied_on", "on_time", "reply",
                  "verdict", "verified_on", "reasons"]  # fmt: skip
        read_only_fields = fields


class DispatchSerializer(CaseClocksSerializer, ModelSerializer):
    """A dispatch as the body sees it: what happened and what it is asked to do, never who
    complained."""

    state_label = serializers.CharField(read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    complaint_number = serializers.CharField(source="complaint.number", read_only=True)
    happened_on = serializers.DateField(source="complaint.happened_on", read_only=True)
    place = serializers.CharField(source="complaint.place", read_only=True)
    facts = serializers.CharField(source="complaint.facts", read_only=True)
    rounds = RoundSerializer(many=True, read_only=True)

    class Meta:
        model = Dispatch
        fields = [
            "id", "number", "complaint", "complaint_number", "body", "body_name", "agency",
            "region_code", "state", "state_label", "version", "received_at", "closed_at",
            "due_date", "due_provisional", "assignee", "happened_on", "place", "facts",
            "instructions", "round", "reply", "replied_on", "accepted_on", "rounds", "clocks",
        ]  # fmt: skip
        read_only_fields = fields


class DispatchViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    """Complaints dispatched to enforcement bodies: the bureau's staff see those of their
    jurisdiction, an agency's handlers those to their own agency's bodies. Steps: POST
    /api/cases/enforcement.dispatch/{id}/transitions/{name}/ with the version."""

    queryset_model = Dispatch
    serializer_class = DispatchSerializer
    filterset_class = DispatchFilter

    def get_queryset(self):
        return (
            dispatches(self.request.user).prefetch_related("rounds").order_by("-received_at", "-id")
        )
