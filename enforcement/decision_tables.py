import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from enforcement.decision_models import Decision

ATTRS = {"class": "table table-sm table-hover align-middle"}


class DecisionTable(tables.Table):
    case_number = tables.Column(linkify=True, verbose_name=_("case number"))
    body = tables.Column(verbose_name=_("enforcement body"), order_by=("body__name",))
    party_name = tables.Column(verbose_name=_("party"))
    party_id_number = tables.Column(accessor="masked_party_id_number", orderable=False,
                                    verbose_name=_("ID number or credit code"))  # fmt: skip
    decided_on = tables.DateColumn(format="Y-m-d", verbose_name=_("decided on"))
    publication_due = tables.DateColumn(format="Y-m-d", verbose_name=_("to be published by"))
    published_on = tables.DateColumn(format="Y-m-d", verbose_name=_("publicity day"))
    published_on_time = tables.BooleanColumn(verbose_name=_("published on time"))
    legal_review = tables.Column(verbose_name=_("legal review"), accessor="pk", orderable=False,
                                 empty_values=())  # fmt: skip
    recorded_full_process = tables.BooleanColumn(verbose_name=_("full-process record"))
    withdrawn_on = tables.DateColumn(format="Y-m-d", verbose_name=_("withdrawn on"))

    class Meta:
        model = Decision
        fields = ("case_number", "body", "kind", "party_name", "party_id_number", "decided_on",
                  "publication_due", "published_on", "published_on_time", "legal_review",
                  "recorded_full_process", "withdrawn_on")  # fmt: skip
        attrs = ATTRS
        empty_text = _("No enforcement decisions.")

    def render_legal_review(self, record):
        if record.legal_reviewed_on:
            return record.legal_reviewed_on.isoformat()
        return _("review missing") if record.legal_review_required else _("not required")

    def value_legal_review(self, record):
        return str(self.render_legal_review(record))
