"""REST API of the legal-services sector (律师 / 公证 / 司法鉴定 行业管理): the registers of law
firms, notary offices and forensic institutions (their profiles, with the appraisers and
categories of an institution), the notaries, the business volumes, the annual inspections and
the complaints against lawyers, firms, notaries, notary offices, forensic appraisers and
institutions. Token-authenticated like every endpoint; each list is
the same scoped queryset as its staff page (core.api.ScopedViewSet: `restrict(user)`), and a
row outside the caller's jurisdiction answers 404.

`POST /api/profession/complaints/` registers a complaint through
profession.services.complaint_register, the pages' own checks: a refusal answers 400 with the
Chinese words naming the field, nothing written. A subject outside the caller's jurisdiction
is none here: the refusal names its field (`lawyer`, `firm`, `notary`, `notary_office`,
`appraiser` or `institution`, by `subject_kind`). It is idempotent
by the `Idempotency-Key` header: the same key again answers 200 with the complaint registered
first. The complainant's phone is shown masked.

The steps — accept, refuse, propose, decide (the penalty, Lawyers Law Arts. 47–50,
Notarization Law Arts. 41–42 or the GD‑SJ rules; city-level bureau only), dismiss; submit, grade and file an inspection — are the processes' transitions
(profession.process), fired through the case engine's endpoint with the version the caller
saw: `POST /api/cases/profession.complaint/{id}/transitions/{name}/` and
`POST /api/cases/profession.inspection/{id}/transitions/{name}/` (cases.api), which answers
409 on a stale version and names the fields of a refused step. The registers are written on the
staff pages, not here."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers

from cases.api import CaseClocksSerializer, ClockedListMixin, clocks_by_case
from cases.models import Channel
from core.api import IDEMPOTENCY_KEY, ModelSerializer, ScopedViewSet, create_once, created_response
from core.fields import INT_MAX
from profession.choices import (
    AppraisalCategory,
    FirmForm,
    InspectionResult,
    InstitutionStatus,
    PenaltyArticle,
    SubjectKind,
    VolumeKind,
)
from profession.filters import ComplaintFilter, FirmFilter, InspectionFilter, VolumeFilter
from profession.models import (
    SUBJECT_RELATED,
    Appraiser,
    Complaint,
    ForensicInstitution,
    Inspection,
    LawFirm,
    Notary,
    NotaryOffice,
    Penalty,
    Volume,
)
from profession.selectors import SUBJECT_CHOICES
from profession.services import complaint_register

# Plain strings with their values listed: an enum named after a field other lines share
# (`status`, `kind`, `form`, `result`) would make the OpenAPI document ambiguous.
INSTITUTION_STATUS_HELP = "The status: " + ", ".join(InstitutionStatus.values) + "."
FIRM_FORM_HELP = "The organisational form: " + ", ".join(FirmForm.values) + "."
CATEGORIES_HELP = "Appraisal categories, among: " + ", ".join(AppraisalCategory.values) + "."
PRACTITIONER_STATUS_HELP = "The status: practising, suspended, revoked."
VOLUME_KIND_HELP = "The business: " + ", ".join(VolumeKind.values) + "."
VOLUME_CATEGORY_HELP = (
    "The appraisal category (empty for notarisations): " + ", ".join(AppraisalCategory.values)
    + "."
)  # fmt: skip
RESULT_HELP = "The inspection's grade: " + ", ".join(InspectionResult.values) + " (empty before)."
SUBJECT_HELP = "Complaint against: " + ", ".join(SubjectKind.values) + "."
ARTICLE_HELP = (
    "The article: Lawyers Law 47-50, Notarization Law gz41/gz42, GD-SJ appraisal rules gdsj: "
    + ", ".join(PenaltyArticle.values) + "."
)  # fmt: skip
CHANNEL_HELP = "How the complaint arrived: " + ", ".join(Channel.values) + "."


# -- registers ----------------------------------------------------------------------------------


class _ProfileSerializer(ModelSerializer):
    name = serializers.CharField(source="organization.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=INSTITUTION_STATUS_HELP)

    class Meta:
        fields = ["id", "organization", "name", "region_code", "licence_number", "status",
                  "licensed_on"]  # fmt: skip
        read_only_fields = fields


class LawFirmSerializer(_ProfileSerializer):
    form = serializers.CharField(read_only=True, help_text=FIRM_FORM_HELP)
    lawyer_count = serializers.IntegerField(
        read_only=True, help_text="Lawyers of the firm in the register (core.Lawyer)."
    )

    class Meta(_ProfileSerializer.Meta):
        model = LawFirm
        fields = [*_ProfileSerializer.Meta.fields, "form", "lawyer_count"]
        read_only_fields = fields


class NotaryOfficeSerializer(_ProfileSerializer):
    notary_count = serializers.IntegerField(read_only=True)

    class Meta(_ProfileSerializer.Meta):
        model = NotaryOffice
        fields = [*_ProfileSerializer.Meta.fields, "notary_count"]
        read_only_fields = fields


class AppraiserSerializer(ModelSerializer):
    status = serializers.CharField(read_only=True, help_text=PRACTITIONER_STATUS_HELP)
    categories = serializers.ListField(child=serializers.CharField(), read_only=True,
                                       help_text=CATEGORIES_HELP)  # fmt: skip

    class Meta:
        model = Appraiser
        fields = ["id", "name", "licence_number", "status", "categories"]
        read_only_fields = fields


class ForensicInstitutionSerializer(_ProfileSerializer):
    categories = serializers.ListField(child=serializers.CharField(), read_only=True,
                                       help_text=CATEGORIES_HELP)  # fmt: skip
    appraisers = AppraiserSerializer(many=True, read_only=True)

    class Meta(_ProfileSerializer.Meta):
        model = ForensicInstitution
        fields = [*_ProfileSerializer.Meta.fields, "categories", "appraisers"]
        read_only_fields = fields


class NotarySerializer(ModelSerializer):
    office_name = serializers.CharField(source="office.organization.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=PRACTITIONER_STATUS_HELP)

    class Meta:
        model = Notary
        fields = ["id", "name", "licence_number", "status", "office", "office_name",
                  "region_code"]  # fmt: skip
        read_only_fields = fields


class LawFirmViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Law firms (律师事务所) of the caller's jurisdiction with their profile."""

    queryset_model = LawFirm
    serializer_class = LawFirmSerializer
    filterset_class = FirmFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("organization")
            .annotate(lawyer_count=Count("organization__lawyers", distinct=True))
            .order_by("region_code", "id")
        )  # fmt: skip


class NotaryOfficeViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Notary offices (公证处) of the caller's jurisdiction."""

    queryset_model = NotaryOffice
    serializer_class = NotaryOfficeSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return (
            super().get_queryset().select_related("organization")
            .annotate(notary_count=Count("notaries", distinct=True))
            .order_by("region_code", "id")
        )  # fmt: skip


class ForensicInstitutionViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Forensic appraisal institutions (司法鉴定机构) with their categories and appraisers."""

    queryset_model = ForensicInstitution
    serializer_class = ForensicInstitutionSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        people = Appraiser.objects.order_by("name", "id")
        return (
            super().get_queryset().select_related("organization")
            .prefetch_related(Prefetch("appraisers", queryset=people))
            .order_by("region_code", "id")
        )  # fmt: skip


class NotaryViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Notaries (公证员) of the notary offices of the caller's jurisdiction."""

    queryset_model = Notary
    serializer_class = NotarySerializer
    filterset_fields = ["office", "status"]

    def get_queryset(self):
        return (
            super().get_queryset().select_related("office__organization")
            .order_by("region_code", "name", "id")
        )  # fmt: skip


# -- business volumes ---------------------------------------------------------------------------


class VolumeSerializer(ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=VOLUME_KIND_HELP)
    category = serializers.CharField(read_only=True, help_text=VOLUME_CATEGORY_HELP)

    class Meta:
        model = Volume
        fields = ["id", "organization", "organization_name", "region_code", "kind", "category",
                  "month", "count", "imported_at"]  # fmt: skip
        read_only_fields = fields


class VolumeViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Business volumes (业务量) of notary offices and forensic institutions by month, as
    imported from their returns; read only."""

    queryset_model = Volume
    serializer_class = VolumeSerializer
    filterset_class = VolumeFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("organization")
            .order_by("-month", "organization_id", "category", "id")
        )  # fmt: skip


# -- annual inspections -------------------------------------------------------------------------


class InspectionSerializer(CaseClocksSerializer, ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    firm_name = serializers.CharField(source="firm.organization.name", read_only=True)
    result = serializers.CharField(read_only=True, help_text=RESULT_HELP)

    class Meta:
        model = Inspection
        fields = [
            "id", "number", "organization", "region_code", "state", "state_label", "version",
            "received_at", "closed_at", "due_date", "due_provisional", "firm", "firm_name",
            "year", "window_opens", "window_closes", "submitted_on", "submitted_late",
            "lawyers_competent", "lawyers_basic", "lawyers_incompetent", "result", "remarks",
            "graded_on", "filed_with", "filed_on", "clocks",
        ]  # fmt: skip
        read_only_fields = fields


class InspectionViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    """Annual inspections of law firms (年度检查考核, Lawyers Law Arts. 23–24). Steps: POST
    /api/cases/profession.inspection/{id}/transitions/{name}/ with the version."""

    queryset_model = Inspection
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("firm__organization")
            .order_by("-year", "-received_at", "-id")
        )  # fmt: skip


# -- complaints ---------------------------------------------------------------------------------


class PractitionerPenaltySerializer(ModelSerializer):
    article = serializers.CharField(read_only=True, help_text=ARTICLE_HELP)
    measures = serializers.CharField(read_only=True)

    class Meta:
        model = Penalty
        fields = ["id", "decision_number", "decided_on", "article", "warning", "fine",
                  "confiscated", "suspension_months", "closure_months", "revocation",
                  "measures", "summary"]  # fmt: skip
        read_only_fields = fields


class PractitionerComplaintSerializer(CaseClocksSerializer, ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    channel = serializers.CharField(read_only=True, help_text=CHANNEL_HELP)
    subject_kind = serializers.CharField(read_only=True, help_text=SUBJECT_HELP)
    subject = serializers.CharField(read_only=True,
                                    help_text="The person (with their institution) or the institution complained about.")  # fmt: skip
    complainant_phone = serializers.CharField(source="masked_phone", read_only=True)
    penalty = PractitionerPenaltySerializer(read_only=True, allow_null=True,
                                help_text="The penalty decided, if any.")  # fmt: skip
    handling_due = serializers.SerializerMethodField(
        help_text="The due date of the decision period: the `handling` clock's (see `clocks`)."
    )

    class Meta:
        model = Complaint
        fields = [
            "id", "number", "organization", "region_code", "state", "state_label", "version",
            "channel", "received_at", "accepted_at", "closed_at", "due_date", "due_provisional",
            "subject_kind", "lawyer", "firm", "notary", "notary_office", "appraiser",
            "institution", "subject", "complainant_name",
            "complainant_phone", "facts", "refusal_reasons", "findings", "handling_due",
            "concluded_on", "on_time", "penalty", "clocks",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_handling_due(self, case) -> str | None:
        rows = getattr(case, "api_clocks", None)
        if rows is None:  # a single complaint: read its clocks once, for `clocks` too
            rows = case.api_clocks = clocks_by_case(type(case), [case])[case.pk]
        due = next((c.due_date for c in rows if c.key == "handling"), None)
        return due.isoformat() if due else None


class PractitionerComplaintCreateSerializer(serializers.Serializer):
    """A complaint as the bureau's staff enter it. Every field may be left out here: what is
    missing or wrong is refused by the service, in the same words as the page."""

    subject_kind = serializers.CharField(required=False, allow_blank=True, default="",
                                         help_text=SUBJECT_HELP)  # fmt: skip
    lawyer = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=INT_MAX,
        help_text="The lawyer (core.Lawyer id) complained about, when against a lawyer.",
    )  # fmt: skip
    firm = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=INT_MAX,
        help_text="The law firm (id of its profile) complained about, when against a firm.",
    )  # fmt: skip
    notary = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=INT_MAX,
        help_text="The notary (id) complained about, when against a notary.",
    )  # fmt: skip
    notary_office = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=INT_MAX,
        help_text="The notary office (id of its profile), when against a notary office.",
    )  # fmt: skip
    appraiser = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=INT_MAX,
        help_text="The forensic appraiser (id) complained about, when against an appraiser.",
    )  # fmt: skip
    institution = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=INT_MAX,
        help_text="The forensic institution (id of its profile), when against an institution.",
    )  # fmt: skip
    received_on = serializers.DateField(required=False, allow_null=True, default=None)
    complainant_name = serializers.CharField(required=False, allow_blank=True, default="")
    complainant_phone = serializers.CharField(required=False, allow_blank=True, default="")
    facts = serializers.CharField(required=False, allow_blank=True, default="")


PERM = "profession.add_complaint"


class ComplaintViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    """Complaints against practitioners (投诉: lawyers, firms, notaries, notary offices,
    appraisers, forensic institutions) of the caller's jurisdiction. Steps:
    POST /api/cases/profession.complaint/{id}/transitions/{name}/ with the version."""

    queryset_model = Complaint
    serializer_class = PractitionerComplaintSerializer
    filterset_class = ComplaintFilter

    def get_queryset(self):
        return (
            super().get_queryset()
            .select_related(*SUBJECT_RELATED, "penalty")
            .order_by("-received_at", "-id")
        )  # fmt: skip

    @extend_schema(
        request=PractitionerComplaintCreateSerializer,
        responses={201: PractitionerComplaintSerializer, 200: PractitionerComplaintSerializer},
        parameters=[IDEMPOTENCY_KEY],
        description="Register a complaint against a lawyer, law firm, notary, notary office, "
                    "forensic appraiser or forensic institution of the caller's "
                    "jurisdiction. The same Idempotency-Key again answers 200 with the "
                    "complaint registered first.",
    )  # fmt: skip
    def create(self, request):
        payload = PractitionerComplaintCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        user = request.user
        # A subject outside the caller's reach is none: the service names the field.
        for name, rows_for in SUBJECT_CHOICES.items():
            pk = data.pop(name)
            if pk is not None:
                data[name] = rows_for(user, PERM).filter(pk=pk).first()

        def create():
            return complaint_register(actor=user, data=data)

        complaint, created = create_once(
            request, scope="api.profession_complaint", create=create,
            load=lambda pk: self.get_queryset().get(pk=pk),
        )  # fmt: skip
        complaint = self.get_queryset().filter(pk=complaint.pk).first() or complaint
        return created_response(PractitionerComplaintSerializer(complaint).data, created)
