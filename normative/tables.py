import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from normative.models import CleanupCampaign, FilingCase, NormativeDocument, ReviewProposal


class DocumentTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("registration number"))
    title = tables.Column(verbose_name=_("title"))
    issuing_body = tables.Column(verbose_name=_("issuing body"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")

    class Meta:
        model = NormativeDocument
        fields = ("number", "unified_number", "title", "issuing_body", "kind", "state",
                  "published_on", "valid_until", "evaluate_by")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-received_at"


class CampaignTable(tables.Table):
    title = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name=_("title"))

    class Meta:
        model = CleanupCampaign
        fields = ("title", "organization", "opened_on", "effective_on", "confirmed_on")
        attrs = {"class": "table table-sm table-hover align-middle"}


class FilingTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("filing number"))
    document = tables.Column(accessor="document__title", verbose_name=_("normative document"))
    issuing_body = tables.Column(verbose_name=_("issuing body"))
    late = tables.BooleanColumn(verbose_name=_("filed late"), yesno=(_("filed late"), ""))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")

    class Meta:
        model = FilingCase
        fields = ("number", "document", "issuing_body", "filed_on", "filing_due", "late",
                  "state", "opinion", "answered_on")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-filed_on"


class ProposalTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("proposal number"))
    document = tables.Column(accessor="document__title", verbose_name=_("normative document"))
    received_at = tables.DateColumn(verbose_name=_("received on"), format="Y-m-d")
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")

    class Meta:
        model = ReviewProposal
        fields = ("number", "document", "applicant_name", "received_at", "state", "answered_on")
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-received_at"
