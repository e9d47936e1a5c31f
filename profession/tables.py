import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.models import Lawyer
from profession.models import (
    Complaint,
    ForensicInstitution,
    Inspection,
    LawFirm,
    NotaryOffice,
    Volume,
)

ATTRS = {"class": "table table-sm table-hover align-middle"}


class FirmTable(tables.Table):
    name = tables.Column(accessor="organization__name", linkify=lambda record: record.get_absolute_url(),
                         verbose_name=_("name"), order_by="organization__name")  # fmt: skip

    class Meta:
        model = LawFirm
        fields = ("name", "licence_number", "form", "status", "licensed_on")
        attrs = ATTRS
        empty_text = _("No law firms.")


class NotaryOfficeTable(FirmTable):
    class Meta:
        model = NotaryOffice
        fields = ("name", "licence_number", "status", "licensed_on")
        attrs = ATTRS
        empty_text = _("No notary offices.")


class InstitutionTable(FirmTable):
    categories = tables.Column(accessor="category_labels", verbose_name=_("appraisal categories"),
                               orderable=False)  # fmt: skip

    class Meta:
        model = ForensicInstitution
        fields = ("name", "licence_number", "categories", "status", "licensed_on")
        attrs = ATTRS
        empty_text = _("No forensic institutions.")


class LawyerTable(tables.Table):
    class Meta:
        model = Lawyer
        fields = ("name", "licence_number", "kind", "status", "licensed_on")
        attrs = ATTRS
        empty_text = _("No lawyers.")


class InspectionTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    firm = tables.Column(accessor="firm__organization__name", verbose_name=_("law firm"),
                         order_by="firm__organization__name")  # fmt: skip
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("current deadline"))

    class Meta:
        model = Inspection
        fields = ("number", "firm", "year", "state", "submitted_on", "result", "due_date",
                  "filed_on")  # fmt: skip
        attrs = ATTRS
        order_by = "-received_at"
        empty_text = _("No inspections.")


class ComplaintTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    received_at = tables.DateColumn(format="Y-m-d", verbose_name=_("received on"))
    subject = tables.Column(verbose_name=_("complaint against"), orderable=False,
                            empty_values=())  # fmt: skip
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("current deadline"))

    class Meta:
        model = Complaint
        fields = ("number", "received_at", "subject", "state", "due_date", "concluded_on")
        attrs = ATTRS
        order_by = "-received_at"
        empty_text = _("No complaints.")


class VolumeTable(tables.Table):
    organization = tables.Column(accessor="organization__name", verbose_name=_("institution"),
                                 order_by="organization__name")  # fmt: skip
    month = tables.DateColumn(format="Y-m", verbose_name=_("month"))

    class Meta:
        model = Volume
        fields = ("month", "organization", "kind", "category", "count")
        attrs = ATTRS
        empty_text = _("No business volumes.")
