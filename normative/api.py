"""REST API of administrative normative documents: documents (list, detail, register) and their
filings (list, detail). Issue, publication, filing review and the rest go through the case
engine's endpoint /api/cases/normative.normativedocument/{id}/transitions/{name}/ (and
normative.filingcase for a filing) like every line's. An agency handler reaches only their own
body's documents and filings, the bureau's staff those of their jurisdiction (the scoped
queryset, core.api.ScopedViewSet); the public reads the published documents on the portal
library, not here.

Registration runs normative.services.document_register, as the registration page does: the API
and the page refuse the same input with the same words, naming the field."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers

from cases.api import CaseClocksSerializer, ClockedListMixin
from core.api import IDEMPOTENCY_KEY, ModelSerializer, ScopedViewSet, create_once, created_response
from core.filters import LocalDateFromFilter, LocalDateToFilter
from core.models import Organization, OrganizationKind
from normative.choices import DocumentKind, FilingOpinion, Status
from normative.models import FilingCase, NormativeDocument
from normative.process import DOCUMENT_PROCESS, FILING_PROCESS
from normative.validity import status_q


def _agencies():
    return Organization.objects.filter(kind=OrganizationKind.AGENCY)


class DocumentApiFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=[(s.name, s.label) for s in DOCUMENT_PROCESS.states]
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("kind of document"), choices=DocumentKind.choices
    )
    issuing_body = django_filters.ModelChoiceFilter(
        label=gettext_lazy("issuing body"), queryset=_agencies()
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("status today"), choices=Status.choices, method="filter_status"
    )
    received_from = LocalDateFromFilter(
        label=gettext_lazy("registered from"), field_name="received_at"
    )
    received_to = LocalDateToFilter(label=gettext_lazy("registered to"), field_name="received_at")
    published_from = django_filters.DateFilter(
        label=gettext_lazy("published from"), field_name="published_on", lookup_expr="gte"
    )
    published_to = django_filters.DateFilter(
        label=gettext_lazy("published to"), field_name="published_on", lookup_expr="lte"
    )

    class Meta:
        model = NormativeDocument
        fields = ["state", "kind", "issuing_body"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_q(value, timezone.localdate())) if value else queryset


class FilingApiFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=[(s.name, s.label) for s in FILING_PROCESS.states]
    )
    late = django_filters.BooleanFilter(label=gettext_lazy("filed late"))
    opinion = django_filters.ChoiceFilter(
        label=gettext_lazy("review opinion"), choices=FilingOpinion.choices
    )
    issuing_body = django_filters.ModelChoiceFilter(
        label=gettext_lazy("issuing body"), queryset=_agencies()
    )
    filed_from = django_filters.DateFilter(
        label=gettext_lazy("filed from"), field_name="filed_on", lookup_expr="gte"
    )
    filed_to = django_filters.DateFilter(
        label=gettext_lazy("filed to"), field_name="filed_on", lookup_expr="lte"
    )

    class Meta:
        model = FilingCase
        fields = ["state", "late", "opinion", "issuing_body"]


class NormativeDocumentSerializer(CaseClocksSerializer, ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    issuing_body_name = serializers.CharField(source="issuing_body.name", read_only=True)
    status = serializers.SerializerMethodField(
        help_text="The status today (有效 / 失效 / 废止 / 已修改 / 尚未施行); null while not published."
    )

    class Meta:
        model = NormativeDocument
        fields = [
            "id", "number", "title", "kind", "issuing_body", "issuing_body_name",
            "organization", "region_code", "state", "state_label", "status", "outcome",
            "version", "received_at", "closed_at", "due_date", "due_provisional", "assignee",
            "unified_number", "document_number", "review_number", "signed_on", "published_on",
            "effective_from", "valid_until", "evaluate_by", "repealed_on",
            "declared_expired_on", "amended_on", "amended_by", "full_text", "clocks",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices, allow_null=True))
    def get_status(self, document) -> str | None:
        value = document.status_on(timezone.localdate())
        return str(value) if value is not None else None


class FilingCaseSerializer(CaseClocksSerializer, ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    issuing_body_name = serializers.CharField(source="issuing_body.name", read_only=True)
    document_title = serializers.CharField(source="document.title", read_only=True)

    class Meta:
        model = FilingCase
        fields = [
            "id", "number", "document", "document_title", "issuing_body",
            "issuing_body_name", "organization", "region_code", "state", "state_label",
            "outcome", "version", "received_at", "closed_at", "due_date", "due_provisional",
            "assignee", "filed_on", "filing_due", "late", "opinion", "opinion_text",
            "opinion_on", "answer", "answered_on", "clocks",
        ]  # fmt: skip
        read_only_fields = fields


class NormativeDocumentCreateSerializer(serializers.Serializer):
    # Left out: the user's only possible issuing body (an agency handler's own agency), as the
    # registration page offers only that one.
    issuing_body = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="The issuing body (an Organization of kind agency).",
    )  # fmt: skip
    # Left empty or unknown: the service's own message ("choose the kind").
    kind = serializers.CharField(required=False, allow_blank=True)
    title = serializers.CharField(required=False, allow_blank=True)
    full_text = serializers.CharField(required=False, allow_blank=True)


class NormativeDocumentViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    queryset_model = NormativeDocument
    serializer_class = NormativeDocumentSerializer
    filterset_class = DocumentApiFilter

    def get_queryset(self):
        return super().get_queryset().select_related("issuing_body").order_by("-received_at", "-id")

    @extend_schema(
        request=NormativeDocumentCreateSerializer,
        responses={201: NormativeDocumentSerializer, 200: NormativeDocumentSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    def create(self, request):
        from normative.forms import issuing_bodies
        from normative.services import document_register

        payload = NormativeDocumentCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        body_id = data.pop("issuing_body")
        # The bodies the registration page offers: one beyond them is no choice (the service
        # names the field), as on the page.
        offered = issuing_bodies(request.user)
        if body_id is None:
            own = list(offered[:2])
            body = own[0] if len(own) == 1 else None
        else:
            body = offered.filter(pk=body_id).first()

        def create():
            return document_register(actor=request.user, issuing_body=body, data=data)

        document, created = create_once(
            request,
            scope="api.normativedocument_create",
            create=create,
            load=lambda pk: NormativeDocument.objects.get(pk=pk, created_by=request.user),
        )
        document = self.get_queryset().filter(pk=document.pk).first() or document
        return created_response(NormativeDocumentSerializer(document).data, created)


class FilingCaseViewSet(
    ClockedListMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    queryset_model = FilingCase
    serializer_class = FilingCaseSerializer
    filterset_class = FilingApiFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("issuing_body", "document")
            .order_by("-received_at", "-id")
        )
