"""The staff pages of administrative reconsideration: the case list and the case page (the
process's steps, clocks, documents and history come from cases.views). An agency handler sees
the same pages for the cases against their agency, and the steps that are theirs (the answer,
the report on an opinion letter)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases.views import case_page_context
from core.generic import ScopedDetailView, ScopedListView
from reconsideration import application_period
from reconsideration.filters import ReconsiderationCaseFilter
from reconsideration.models import ReconsiderationCase
from reconsideration.tables import ReconsiderationCaseTable


class ReconsiderationCaseListView(ScopedListView):
    model = ReconsiderationCase
    table_class = ReconsiderationCaseTable
    filterset_class = ReconsiderationCaseFilter
    title = gettext_lazy("Reconsideration cases")

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "respondent")


class ReconsiderationCaseDetailView(ScopedDetailView):
    model = ReconsiderationCase
    template_name = "reconsideration/case_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "respondent", "assignee", "team")
            .prefetch_related("recon_parties__party")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        context.update(case_page_context(self.request, case))
        # The application period (Arts. 20, 21) as at receipt: a warning, never a refusal.
        period = application_period.check(
            knew_on=case.knew_on,
            on=timezone.localtime(case.received_at).date(),
            act_on=case.act_on,
            informed=case.informed_of_right,
        )
        context["application_period"] = period
        context["period_warning"] = application_period.warning(period)
        return context
