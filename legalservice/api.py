"""REST API of public legal services (公共法律服务): the service points, the services given
(list, detail, record), the village legal advisers with their monthly logs, the enterprise
check-ups. Token-authenticated like every endpoint; each list is the same scoped queryset as
its staff page (core.api.ScopedViewSet: `restrict(user)`), and a row outside the caller's
jurisdiction answers 404.

`POST /api/legalservice/records/` records a service through legalservice.services.record_create,
the pages' own checks: a handling organisation or a service point outside the caller's
jurisdiction is refused on its field (SD‑GF Arts. 10–14), nothing written. It is idempotent by
the Idempotency-Key header: the same key again answers 200 with the record written first. The
person's telephone is shown masked. The network, the advisers and the check-ups are written on
the staff pages, not here."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from core.api import (
    IDEMPOTENCY_KEY,
    ModelSerializer,
    RegionPrefixFilter,
    ScopedViewSet,
    YearFilter,
    create_once,
    created_response,
)
from core.errors import InvalidInput
from core.fields import INT_MAX
from legalservice.choices import (
    MatterKind,
    PointLevel,
    PointService,
    ServiceChannel,
    ServiceOutcome,
)
from legalservice.models import (
    AdviserLog,
    EnterpriseCheckup,
    ServicePoint,
    ServiceRecord,
    VillageAdviser,
)
from legalservice.services import record_create

# Plain strings with their values listed: an enum named after a field another line shares
# (`level`, `channel`, `outcome`) would make the OpenAPI document ambiguous.
LEVEL_HELP = "The level of the point: " + ", ".join(PointLevel.values) + "."
SERVICES_HELP = "The services the point offers, among: " + ", ".join(PointService.values) + "."
CHANNEL_HELP = "The channel: " + ", ".join(ServiceChannel.values) + "."
MATTER_HELP = "The kind of matter: " + ", ".join(MatterKind.values) + "."
OUTCOME_HELP = "The outcome: " + ", ".join(ServiceOutcome.values) + "."


def labelled(model, exc: InvalidInput, names: dict[str, str] | None = None) -> InvalidInput:
    """The service's refusal with its first message naming the field (“服务日期：…”), so that a
    client shows it as it stands; the messages by field unchanged."""
    names = names or {}
    key = next(iter(exc.fields), None)
    if key is None:
        return exc
    try:
        label = str(model._meta.get_field(names.get(key, key)).verbose_name)
    except Exception:  # a key that is no model field keeps the plain message
        return exc
    return InvalidInput(f"{label}：{exc.fields[key][0]}", fields=exc.fields)


def checked_payload(serializer_class, data, model) -> dict:
    """The body checked by `serializer_class`; its refusal as InvalidInput naming the field."""
    payload = serializer_class(data=data)
    if payload.is_valid():
        return dict(payload.validated_data)
    fields = {
        key: [str(m) for m in (v if isinstance(v, list) else [v])]
        for key, v in payload.errors.items()
    }
    raise labelled(model, InvalidInput(next(iter(fields.values()))[0], fields=fields))


# -- service points ----------------------------------------------------------------------------


class PointApiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("name contains"), field_name="name",
                                  lookup_expr="icontains")  # fmt: skip
    level = django_filters.ChoiceFilter(label=gettext_lazy("level"), choices=PointLevel.choices)
    region = RegionPrefixFilter(label=gettext_lazy("region"), field_name="region_id")
    is_active = django_filters.BooleanFilter(label=gettext_lazy("active"))

    class Meta:
        model = ServicePoint
        fields = ["q", "level", "region", "is_active"]


class PointSerializer(ModelSerializer):
    level = serializers.CharField(read_only=True, help_text=LEVEL_HELP)
    region_name = serializers.CharField(source="region.name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    services = serializers.ListField(child=serializers.CharField(), read_only=True,
                                     help_text=SERVICES_HELP)  # fmt: skip

    class Meta:
        model = ServicePoint
        fields = [
            "id", "name", "level", "region", "region_name", "organization", "organization_name",
            "address", "hours", "phone", "services", "is_active", "established_on", "closed_on",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ServicePointViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Centres, stations and offices of the public legal service network (SD‑GF Arts. 10–12)."""

    queryset_model = ServicePoint
    serializer_class = PointSerializer
    filterset_class = PointApiFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("region", "organization")
            .order_by("region_id", "level", "name", "id")
        )  # fmt: skip


# -- service records ---------------------------------------------------------------------------


class RecordApiFilter(django_filters.FilterSet):
    year = YearFilter(label=gettext_lazy("year"), field_name="served_on")
    served_from = django_filters.DateFilter(label=gettext_lazy("from"), field_name="served_on",
                                            lookup_expr="gte")  # fmt: skip
    served_to = django_filters.DateFilter(label=gettext_lazy("to"), field_name="served_on",
                                          lookup_expr="lte")  # fmt: skip
    region = RegionPrefixFilter(label=gettext_lazy("region"), field_name="region_code")
    channel = django_filters.ChoiceFilter(label=gettext_lazy("channel"),
                                          choices=ServiceChannel.choices)  # fmt: skip
    matter_kind = django_filters.ChoiceFilter(label=gettext_lazy("kind of matter"),
                                              choices=MatterKind.choices)  # fmt: skip
    outcome = django_filters.ChoiceFilter(label=gettext_lazy("outcome"),
                                          choices=ServiceOutcome.choices)  # fmt: skip

    class Meta:
        model = ServiceRecord
        fields = ["year", "served_from", "served_to", "region", "channel", "matter_kind",
                  "outcome"]  # fmt: skip


class RecordSerializer(ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    service_point_name = serializers.CharField(source="service_point.name", read_only=True,
                                               allow_null=True, default=None)  # fmt: skip
    channel = serializers.CharField(read_only=True, help_text=CHANNEL_HELP)
    matter_kind = serializers.CharField(read_only=True, help_text=MATTER_HELP)
    outcome = serializers.CharField(read_only=True, help_text=OUTCOME_HELP)
    person_phone = serializers.CharField(source="masked_phone", read_only=True,
                                         help_text="The person's telephone, masked.")  # fmt: skip
    referred = serializers.BooleanField(source="is_referred", read_only=True,
                                        help_text="Referred through Fazhi to another line.")  # fmt: skip

    class Meta:
        model = ServiceRecord
        fields = [
            "id", "served_on", "organization", "organization_name", "service_point",
            "service_point_name", "region_code", "channel", "matter_kind", "person_name",
            "person_phone", "summary", "outcome", "referred", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class RecordCreateSerializer(serializers.Serializer):
    """A service to record. The choices are checked by the service, in the pages' words."""

    served_on = serializers.DateField(help_text="The day of the service (not in the future).")
    organization = serializers.IntegerField(
        min_value=1, max_value=INT_MAX,
        help_text="The handling unit (id): a justice bureau, justice office or legal aid centre "
                  "of your jurisdiction.",
    )  # fmt: skip
    service_point = serializers.IntegerField(
        min_value=1, max_value=INT_MAX, required=False, allow_null=True, default=None,
        help_text="The service point (id), within the unit's region; empty for the hotline or "
                  "online.",
    )  # fmt: skip
    channel = serializers.CharField(max_length=16, help_text=CHANNEL_HELP)
    matter_kind = serializers.CharField(max_length=24, help_text=MATTER_HELP)
    outcome = serializers.CharField(max_length=32, help_text=OUTCOME_HELP)
    person_name = serializers.CharField(max_length=64, required=False, allow_blank=True,
                                        default="")  # fmt: skip
    person_phone = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                         default="")  # fmt: skip
    summary = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


class ServiceRecordViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Consultations and services at a point, on the 12348 hotline or online (SD‑GF Arts.
    13–14), the person's telephone masked."""

    queryset_model = ServiceRecord
    serializer_class = RecordSerializer
    filterset_class = RecordApiFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("organization", "service_point")
            .order_by("-served_on", "-id")
        )  # fmt: skip

    @extend_schema(
        request=RecordCreateSerializer,
        responses={201: RecordSerializer, 200: RecordSerializer},
        parameters=[IDEMPOTENCY_KEY],
        description="Record a service. The same Idempotency-Key again answers 200 with the "
                    "record written first, unchanged.",
    )  # fmt: skip
    def create(self, request):
        data = checked_payload(RecordCreateSerializer, request.data, ServiceRecord)

        def create():
            try:
                return record_create(actor=request.user, data=data)
            except InvalidInput as exc:
                raise labelled(ServiceRecord, exc) from exc

        record, created = create_once(
            request, scope="api.lsrecord_create", create=create,
            load=lambda pk: self.get_queryset().get(pk=pk),
        )  # fmt: skip
        record = self.get_queryset().filter(pk=record.pk).first() or record
        return created_response(RecordSerializer(record).data, created)


# -- village legal advisers and their logs -----------------------------------------------------


class AdviserApiFilter(django_filters.FilterSet):
    region = RegionPrefixFilter(label=gettext_lazy("region"), field_name="village_id")
    serving = django_filters.BooleanFilter(label=gettext_lazy("no end day set"),
                                           field_name="ended_on", lookup_expr="isnull")  # fmt: skip

    class Meta:
        model = VillageAdviser
        fields = ["region", "serving"]


class AdviserLogSerializer(ModelSerializer):
    class Meta:
        model = AdviserLog
        fields = ["id", "month", "visits", "consultations", "documents_reviewed", "lectures",
                  "services"]  # fmt: skip
        read_only_fields = fields


class AdviserSerializer(ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)
    lawyer_name = serializers.CharField(source="lawyer.name", read_only=True)
    law_firm = serializers.CharField(source="lawyer.organization.name", read_only=True,
                                     allow_null=True, default=None)  # fmt: skip
    logs = AdviserLogSerializer(many=True, read_only=True,
                                help_text="The monthly service logs, latest first.")  # fmt: skip

    class Meta:
        model = VillageAdviser
        fields = ["id", "village", "village_name", "lawyer", "lawyer_name", "law_firm",
                  "started_on", "ended_on", "logs", "created_at"]  # fmt: skip
        read_only_fields = fields


class VillageAdviserViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Village legal advisers (村居法律顾问, SD‑GF Art. 19) with their monthly logs."""

    queryset_model = VillageAdviser
    serializer_class = AdviserSerializer
    filterset_class = AdviserApiFilter

    def get_queryset(self):
        logs = AdviserLog.objects.order_by("-month", "id")
        return (
            super().get_queryset().select_related("village", "lawyer__organization")
            .prefetch_related(Prefetch("logs", queryset=logs))
            .order_by("village_id", "-started_on", "id")
        )  # fmt: skip


# -- enterprise check-ups ----------------------------------------------------------------------


class CheckupApiFilter(django_filters.FilterSet):
    year = YearFilter(label=gettext_lazy("year"), field_name="checked_on")
    region = RegionPrefixFilter(label=gettext_lazy("region"), field_name="region_code")
    q = django_filters.CharFilter(label=gettext_lazy("enterprise contains"),
                                  field_name="enterprise_name", lookup_expr="icontains")  # fmt: skip

    class Meta:
        model = EnterpriseCheckup
        fields = ["year", "region", "q"]


class CheckupSerializer(ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    lawyer_name = serializers.CharField(source="lawyer.name", read_only=True)

    class Meta:
        model = EnterpriseCheckup
        fields = ["id", "enterprise_name", "checked_on", "organization", "organization_name",
                  "region_code", "lawyer", "lawyer_name", "problems_found", "advice",
                  "created_at"]  # fmt: skip
        read_only_fields = fields


class CheckupViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Enterprise legal check-ups (企业法治体检): the visit, the problems found, the advice."""

    queryset_model = EnterpriseCheckup
    serializer_class = CheckupSerializer
    filterset_class = CheckupApiFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("organization", "lawyer")
            .order_by("-checked_on", "-id")
        )  # fmt: skip
