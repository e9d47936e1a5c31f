"""REST API of the enforcement registers (执法主体、执法人员、执法证件、执法资格考试) and of the
discretion standards with their lenient lists (裁量基准、免罚轻罚清单): lists and details, read
only. Token-authenticated like every endpoint; each list is the same scoped queryset as its
staff page (core.api.ScopedViewSet, enforcement.selectors, enforcement.discretion_services):
the bureau's staff see their jurisdiction, an agency's handlers their own agency's bodies and
what belongs to them, and a row outside it answers 404.

What holds "today" (a body's powers in force, an officer's valid certificate, a certificate's
status, the version of a standard in force) is read from the registers' dates on the day of
the request (enforcement.validity), as the pages do. A resident ID number is shown masked.
The registers are written on the staff pages, not here."""

from __future__ import annotations

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers

from core.api import ModelSerializer, ScopedViewSet
from enforcement import discretion_services, selectors
from enforcement.choices import BodyKind, CertificateStatus, PowerKind
from enforcement.discretion_models import (
    DiscretionItem,
    DiscretionStandard,
    LenientEntry,
    LenientTreatment,
)
from enforcement.filters import BodyFilter, CertificateFilter, OfficerFilter, SittingFilter
from enforcement.models import (
    Certificate,
    EnforcementBody,
    ExamSitting,
    Officer,
    Power,
    Suspension,
)
from enforcement.validity import certificate_status_on, officer_certified_q, power_valid_q

# Plain strings with their values listed (an enum named after a field another line shares, such
# as `kind` or `status`, would make the OpenAPI document ambiguous).
BODY_KIND_HELP = "The kind of body: " + ", ".join(BodyKind.values) + "."
POWER_KIND_HELP = "The kind of power: " + ", ".join(PowerKind.values) + "."
STATUS_HELP = (
    "The certificate's status on the day of the request: " + ", ".join(CertificateStatus.values)
    + "."
)  # fmt: skip
TREATMENT_HELP = "The lenient treatment: " + ", ".join(LenientTreatment.values) + "."


# -- bodies and their powers --------------------------------------------------------------------


class CurrentPowerSerializer(ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text=POWER_KIND_HELP)

    class Meta:
        model = Power
        fields = ["id", "code", "name", "kind", "legal_basis", "valid_from", "valid_until"]
        read_only_fields = fields


class BodySerializer(ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=BODY_KIND_HELP)
    powers = CurrentPowerSerializer(
        source="current_powers", many=True, read_only=True,
        help_text="The powers the body holds on the day of the request (its power list).",
    )  # fmt: skip

    class Meta:
        model = EnforcementBody
        fields = [
            "id", "agency", "agency_name", "name", "kind", "legal_basis", "region_code",
            "established_on", "abolished_on", "powers", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class BodyViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Enforcement bodies (执法主体) with the powers each holds today."""

    queryset_model = EnforcementBody
    serializer_class = BodySerializer
    filterset_class = BodyFilter

    def get_queryset(self):
        current = Power.objects.filter(power_valid_q(timezone.localdate())).order_by("code", "id")
        return (
            selectors.bodies(self.request.user)
            .prefetch_related(Prefetch("powers", queryset=current, to_attr="current_powers"))
            .order_by("region_code", "name", "id")
        )


# -- officers and certificates ------------------------------------------------------------------


class SuspensionSerializer(ModelSerializer):
    class Meta:
        model = Suspension
        fields = ["suspended_on", "reason", "lifted_on", "lift_reason"]
        read_only_fields = fields


def _status_today(certificate) -> str:
    return str(certificate_status_on(certificate, timezone.localdate(),
                                     suspensions=list(certificate.suspensions.all())))  # fmt: skip


class OfficerCertificateSerializer(ModelSerializer):
    status = serializers.SerializerMethodField(help_text=STATUS_HELP)

    class Meta:
        model = Certificate
        fields = ["id", "number", "issued_on", "valid_until", "status"]
        read_only_fields = fields

    def get_status(self, certificate) -> str:
        return _status_today(certificate)


class OfficerSerializer(ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    id_number = serializers.CharField(source="masked_id_number", read_only=True)
    certified = serializers.BooleanField(
        read_only=True,
        help_text="Holds an enforcement certificate valid on the day of the request.",
    )
    certificates = OfficerCertificateSerializer(many=True, read_only=True)

    class Meta:
        model = Officer
        fields = [
            "id", "body", "body_name", "region_code", "name", "id_number", "post",
            "legal_qualification", "certified", "certificates", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class OfficerViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Enforcement officers (执法人员) with their certificates' status today; the resident ID
    number masked (a list may be filtered by the full number, `id_number`)."""

    queryset_model = Officer
    serializer_class = OfficerSerializer
    filterset_class = OfficerFilter

    def get_queryset(self):
        certified = ExpressionWrapper(officer_certified_q(timezone.localdate()),
                                      output_field=BooleanField())  # fmt: skip
        papers = Certificate.objects.prefetch_related("suspensions").order_by("-issued_on", "-id")
        return (
            selectors.officers(self.request.user)
            .annotate(certified=certified)
            .prefetch_related(Prefetch("certificates", queryset=papers))
            .order_by("body_id", "name", "id")
        )


class CertificateSerializer(ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    status = serializers.SerializerMethodField(help_text=STATUS_HELP)
    suspensions = SuspensionSerializer(many=True, read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id", "number", "officer", "officer_name", "body", "body_name", "region_code",
            "issued_on", "valid_until", "status", "cancelled_on", "cancel_reason", "revoked_on",
            "revoke_reason", "suspensions", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_status(self, certificate) -> str:
        return _status_today(certificate)


class CertificateViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Enforcement certificates (执法证件), read only, with their status today."""

    queryset_model = Certificate
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter

    def get_queryset(self):
        return (
            selectors.certificates(self.request.user)
            .prefetch_related("suspensions")
            .order_by("-issued_on", "-id")
        )


# -- exam sittings ------------------------------------------------------------------------------


class SittingSerializer(ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    candidate_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ExamSitting
        fields = [
            "id", "organization", "organization_name", "region_code", "title", "held_on",
            "place", "pass_mark", "candidate_count", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class SittingViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Sittings of the enforcement qualification exam (执法资格考试), read only: a user sees
    those of their region and the regions above it, where their officers sign up."""

    queryset_model = ExamSitting
    serializer_class = SittingSerializer
    filterset_class = SittingFilter

    def get_queryset(self):
        return (
            selectors.sittings(self.request.user)
            .annotate(candidate_count=Count("candidates"))
            .order_by("-held_on", "-id")
        )


# -- discretion standards and lenient lists -----------------------------------------------------


class DiscretionItemSerializer(ModelSerializer):
    class Meta:
        model = DiscretionItem
        fields = [
            "power_code", "violation", "legal_basis", "circumstance", "fine_min", "fine_max",
            "other_penalties",
        ]  # fmt: skip
        read_only_fields = fields


class LenientEntrySerializer(ModelSerializer):
    treatment = serializers.CharField(read_only=True, help_text=TREATMENT_HELP)

    class Meta:
        model = LenientEntry
        fields = ["treatment", "violation", "condition", "legal_basis"]
        read_only_fields = fields


class StandardSerializer(ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    in_force = serializers.SerializerMethodField(
        help_text="Published and in force on the day of the request."
    )
    items = DiscretionItemSerializer(many=True, read_only=True)
    lenient_entries = LenientEntrySerializer(many=True, read_only=True)

    class Meta:
        model = DiscretionStandard
        fields = [
            "id", "body", "body_name", "agency", "region_code", "title", "version",
            "basis_document", "effective_from", "effective_until", "published_on", "in_force",
            "items", "lenient_entries", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_in_force(self, standard) -> bool:
        return standard.in_force_on(timezone.localdate())


class StandardViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Versions of the discretion standards (裁量基准, CF Art. 34) with their items and lenient
    lists (免罚轻罚清单, CF Arts. 32–33), drafts included for those who may see them."""

    queryset_model = DiscretionStandard
    serializer_class = StandardSerializer

    def get_queryset(self):
        return discretion_services.standards_for(self.request.user).prefetch_related(
            "items", "lenient_entries"
        )
