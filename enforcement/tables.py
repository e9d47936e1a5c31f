import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enforcement.choices import CertificateStatus
from enforcement.models import Certificate, EnforcementBody, ExamSitting, Officer, PowerTransfer

ATTRS = {"class": "table table-sm table-hover align-middle"}


class BodyTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    agency = tables.Column(verbose_name=_("agency"), order_by=("agency__name",))
    established_on = tables.DateColumn(format="Y-m-d", verbose_name=_("established on"))
    abolished_on = tables.DateColumn(format="Y-m-d", verbose_name=_("abolished on"))

    class Meta:
        model = EnforcementBody
        fields = ("name", "agency", "kind", "region_code", "established_on", "abolished_on")
        attrs = ATTRS
        empty_text = _("No enforcement bodies.")


class TransferTable(tables.Table):
    effective_on = tables.DateColumn(format="Y-m-d", linkify=True,
                                     verbose_name=_("effective on"))  # fmt: skip
    from_body = tables.Column(verbose_name=_("transferring body"))
    to_body = tables.Column(verbose_name=_("receiving body"))
    powers = tables.Column(verbose_name=_("powers"), orderable=False, empty_values=(),
                           accessor="pk")  # fmt: skip

    class Meta:
        model = PowerTransfer
        fields = ("effective_on", "from_body", "to_body", "basis_document", "powers")
        attrs = ATTRS
        empty_text = _("No transfers.")

    def render_powers(self, record):
        return record.power_count


class OfficerTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("full name"))
    id_number = tables.Column(accessor="masked_id_number", verbose_name=_("resident ID number"),
                              orderable=False)  # fmt: skip
    body = tables.Column(verbose_name=_("enforcement body"), order_by=("body__name",))
    certified = tables.BooleanColumn(verbose_name=_("valid certificate today"))

    class Meta:
        model = Officer
        fields = ("name", "id_number", "body", "post", "legal_qualification", "certified")
        attrs = ATTRS
        empty_text = _("No officers.")


class SittingTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("title"))
    held_on = tables.DateColumn(format="Y-m-d", verbose_name=_("exam day"))
    candidate_count = tables.Column(verbose_name=_("candidates"), orderable=False)

    class Meta:
        model = ExamSitting
        fields = ("title", "held_on", "organization", "place", "pass_mark", "candidate_count")
        attrs = ATTRS
        empty_text = _("No exam sittings.")


class CertificateTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("certificate number"))
    officer = tables.Column(verbose_name=_("enforcement officer"), order_by=("officer__name",))
    body = tables.Column(verbose_name=_("enforcement body"), order_by=("body__name",))
    issued_on = tables.DateColumn(format="Y-m-d", verbose_name=_("issue day"))
    valid_until = tables.DateColumn(format="Y-m-d", verbose_name=_("valid until"))
    status = tables.Column(verbose_name=_("status today"), orderable=False, empty_values=(),
                           accessor="pk")  # fmt: skip

    class Meta:
        model = Certificate
        fields = ("number", "officer", "body", "issued_on", "valid_until", "status")
        attrs = ATTRS
        empty_text = _("No certificates.")

    def render_status(self, record):
        return CertificateStatus(record.status_on(timezone.localdate())).label

    def value_status(self, record):
        return str(self.render_status(record))
