import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from legalservice.models import (
    AdviserLog,
    EnterpriseCheckup,
    ServicePoint,
    ServiceRecord,
    VillageAdviser,
)

ATTRS = {"class": "table table-sm table-hover align-middle"}


class PointTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    region = tables.Column(verbose_name=_("region"), order_by="region_id")
    services = tables.Column(verbose_name=_("services offered"), orderable=False)

    class Meta:
        model = ServicePoint
        fields = ("name", "level", "region", "organization", "address", "hours", "phone",
                  "services", "is_active")  # fmt: skip
        attrs = ATTRS
        empty_text = _("No service points.")

    def render_services(self, record):
        return "、".join(record.services_display())

    def value_services(self, record):
        return "、".join(record.services_display())


class RecordTable(tables.Table):
    served_on = tables.DateColumn(format="Y-m-d", linkify=True, verbose_name=_("date"))
    person_phone = tables.Column(
        accessor="masked_phone", verbose_name=_("telephone"), orderable=False
    )

    class Meta:
        model = ServiceRecord
        fields = ("served_on", "organization", "service_point", "channel", "matter_kind",
                  "person_name", "person_phone", "outcome")  # fmt: skip
        attrs = ATTRS
        empty_text = _("No services recorded.")


class AdviserTable(tables.Table):
    village = tables.Column(linkify=lambda record: record.get_absolute_url(),
                            verbose_name=_("village or community"), order_by="village_id")  # fmt: skip
    organization = tables.Column(accessor="lawyer__organization", verbose_name=_("law firm"),
                                 orderable=False)  # fmt: skip

    class Meta:
        model = VillageAdviser
        fields = ("village", "lawyer", "organization", "started_on", "ended_on")
        attrs = ATTRS
        empty_text = _("No village legal advisers.")


class AdviserLogTable(tables.Table):
    month = tables.DateColumn(format="Y-m", verbose_name=_("month"))

    class Meta:
        model = AdviserLog
        fields = ("month", "visits", "consultations", "documents_reviewed", "lectures",
                  "services")  # fmt: skip
        attrs = ATTRS
        empty_text = _("No monthly logs.")


class CheckupTable(tables.Table):
    enterprise_name = tables.Column(linkify=True, verbose_name=_("enterprise"))

    class Meta:
        model = EnterpriseCheckup
        fields = ("checked_on", "enterprise_name", "lawyer", "organization", "problems_found")
        attrs = ATTRS
        empty_text = _("No check-ups recorded.")
