"""REST API of enforcement decisions (执法决定): the agencies' reporting by interface (list,
detail, report). Token-authenticated like every endpoint (REST_FRAMEWORK); an agency's handler
reaches only their own agency's decisions, the bureau's staff those of their jurisdiction (the
scoped queryset, core.api.ScopedViewSet).

`POST /api/enforcement/decisions/` is idempotent by the agency's own case number: a decision of
the same body under the same `case_number` already recorded is answered as it stands, 200 not
201, and nothing is written or changed. The checks are enforcement.decision_services.check, the
import's and the pages' own: the same input is refused with the same Chinese words, naming the
field. A natural person's ID number is shown masked."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from core.api import ModelSerializer, ScopedViewSet, created_response
from core.errors import InvalidInput
from enforcement.choices import PowerKind
from enforcement.decision_choices import (
    DecisionSource,
    LegalReviewTrigger,
    PenaltyKind,
    WithdrawalGround,
)
from enforcement.decision_models import Decision, DecisionOfficer
from enforcement.decision_services import decision_report, reporting_bodies
from enforcement.models import EnforcementBody

KIND_HELP = "The kind of decision: " + ", ".join(PowerKind.values) + "."
PARTY_KIND_HELP = (
    "person (a natural person) or organization (a legal person or other organisation)."
)


class DecisionApiFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(label=gettext_lazy("enforcement body"),
                                            queryset=EnforcementBody.objects.all())  # fmt: skip
    kind = django_filters.ChoiceFilter(label=gettext_lazy("kind of decision"),
                                       choices=PowerKind.choices)  # fmt: skip
    case_number = django_filters.CharFilter(label=gettext_lazy("case number"))
    decided_from = django_filters.DateFilter(label=gettext_lazy("decided from"),
                                             field_name="decided_on", lookup_expr="gte")  # fmt: skip
    decided_to = django_filters.DateFilter(label=gettext_lazy("decided to"),
                                           field_name="decided_on", lookup_expr="lte")  # fmt: skip
    published = django_filters.BooleanFilter(label=gettext_lazy("already published"),
                                             field_name="published_on", lookup_expr="isnull",
                                             exclude=True)  # fmt: skip

    class Meta:
        model = Decision
        fields = ["body", "kind", "case_number"]


class HandlerSerializer(ModelSerializer):
    name = serializers.CharField(source="officer.name", read_only=True)
    certificate_number = serializers.CharField(source="certificate.number", read_only=True)

    class Meta:
        model = DecisionOfficer
        fields = ["officer", "name", "certificate_number"]
        read_only_fields = fields


class DecisionSerializer(ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    party_id_number = serializers.CharField(source="masked_party_id_number", read_only=True)
    penalty_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=PenaltyKind.choices), read_only=True
    )
    legal_review_triggers = serializers.ListField(
        child=serializers.ChoiceField(choices=LegalReviewTrigger.choices), read_only=True
    )
    power_code = serializers.CharField(source="power.code", read_only=True, allow_null=True,
                                       default=None)  # fmt: skip
    discretion_standard_version = serializers.IntegerField(
        source="discretion_standard.version", read_only=True, allow_null=True, default=None,
        help_text="The version of the body's discretion standard (CF Art. 34) in force on the "
                  "decision day, recorded with a penalty when it was reported.",
    )  # fmt: skip
    outside_standard = serializers.BooleanField(
        read_only=True, help_text="The fine lies outside that version's range for the power "
                                  "(flagged for review, not refused).",
    )  # fmt: skip
    officers = HandlerSerializer(source="handlers", many=True, read_only=True)
    # Plain strings here: the choices are listed on the report's fields (an enum named twice, or
    # a name shared with another line's choices, would make the OpenAPI document ambiguous).
    kind = serializers.CharField(read_only=True, help_text=KIND_HELP)
    party_kind = serializers.CharField(read_only=True, help_text=PARTY_KIND_HELP)

    class Meta:
        model = Decision
        fields = [
            "id", "body", "body_name", "agency", "agency_name", "region_code", "case_number",
            "kind", "power_code", "party_kind", "party_name", "party_id_number", "decided_on",
            "facts", "legal_basis", "result", "penalty_kinds", "fine_amount", "officers",
            "recorded_full_process", "legal_review_triggers", "legal_review_required",
            "legal_reviewed_on", "publication_required", "publication_exempt_reason",
            "publication_due", "publication_due_provisional", "published_on",
            "published_on_time", "withdrawal_ground", "changed_on", "withdrawal_due",
            "withdrawal_due_provisional", "withdrawn_on", "withdrawal_reason",
            "withdrawn_on_time", "discretion_standard", "discretion_standard_version",
            "outside_standard", "source", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class DecisionReportSerializer(serializers.Serializer):
    """A decision as an agency reports it. Every field may be left out here: what is missing
    or wrong is refused by the service, in the same words as the import."""

    body = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="The enforcement body (id) that made the decision.",
    )  # fmt: skip
    case_number = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="The agency's own number of the decision (文书号): with the body, the key that "
                  "makes the report idempotent.",
    )  # fmt: skip
    kind = serializers.ChoiceField(choices=PowerKind.choices, required=False, allow_blank=True,
                                   default="")  # fmt: skip
    power_code = serializers.CharField(required=False, allow_blank=True, default="")
    party_kind = serializers.CharField(required=False, allow_blank=True, default="",
                                       help_text=PARTY_KIND_HELP)  # fmt: skip
    party_name = serializers.CharField(required=False, allow_blank=True, default="")
    party_id_number = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="A natural person's resident ID number, or an organisation's unified social "
                  "credit code.",
    )  # fmt: skip
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    legal_basis = serializers.CharField(required=False, allow_blank=True, default="")
    result = serializers.CharField(required=False, allow_blank=True, default="")
    penalty_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=PenaltyKind.choices), required=False, default=list
    )
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False,
                                           allow_null=True, default=None)  # fmt: skip
    officers = serializers.ListField(
        child=serializers.CharField(max_length=32), required=False, default=list,
        max_length=50, help_text="The certificate numbers of the handling officers (two or more).",
    )  # fmt: skip
    recorded_full_process = serializers.BooleanField(required=False, allow_null=True,
                                                     default=None)  # fmt: skip
    legal_review_triggers = serializers.ListField(
        child=serializers.ChoiceField(choices=LegalReviewTrigger.choices), required=False,
        default=list,
    )  # fmt: skip
    legal_reviewed_on = serializers.DateField(required=False, allow_null=True, default=None)
    publication_required = serializers.BooleanField(required=False, default=True)
    publication_exempt_reason = serializers.CharField(required=False, allow_blank=True,
                                                      default="")  # fmt: skip
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    withdrawal_ground = serializers.ChoiceField(choices=WithdrawalGround.choices, required=False,
                                                allow_blank=True, default="")  # fmt: skip
    changed_on = serializers.DateField(required=False, allow_null=True, default=None)
    withdrawn_on = serializers.DateField(required=False, allow_null=True, default=None)
    withdrawal_reason = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = Decision
    serializer_class = DecisionSerializer
    filterset_class = DecisionApiFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("body", "agency", "power", "discretion_standard")
            .prefetch_related("handlers__officer", "handlers__certificate")
            .order_by("-decided_on", "-id")
        )

    @extend_schema(
        request=DecisionReportSerializer,
        responses={201: DecisionSerializer, 200: DecisionSerializer},
        description="Report a decision. The same body and case number again answers 200 with "
                    "the decision recorded first, unchanged.",
    )  # fmt: skip
    def create(self, request):
        payload = DecisionReportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        body_id = data.pop("body")
        data["body"] = None
        if body_id is not None:
            data["body"] = reporting_bodies(request.user).filter(pk=body_id).first()
            if data["body"] is None:
                message = _("No enforcement body of yours with this id.")
                raise InvalidInput(message, fields={"body": [message]})
        decision, created = decision_report(actor=request.user, data=data,
                                            source=DecisionSource.API)  # fmt: skip
        decision = self.get_queryset().filter(pk=decision.pk).first() or decision
        return created_response(DecisionSerializer(decision).data, created)
