"""The staff pages of administrative reconsideration: the case list and the case page (the
process's steps, clocks, documents and history come from cases.views). An agency handler sees
the same pages for the cases against their agency, and the steps that are theirs (the answer,
the report on an opinion letter)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import ChallengedAct
from cases.views import case_page_context
from core.generic import ScopedDetailView, ScopedListView, create_with_parties
from reconsideration import application_period, importing
from reconsideration.filters import ReconsiderationCaseFilter
from reconsideration.forms import ApplicationForm, party_formset
from reconsideration.models import ReconsiderationCase
from reconsideration.tables import ReconsiderationCaseTable


class ReconsiderationCaseListView(ScopedListView):
    model = ReconsiderationCase
    table_class = ReconsiderationCaseTable
    filterset_class = ReconsiderationCaseFilter
    title = gettext_lazy("Reconsideration cases")
    create_url_name = "reconsideration:case_create"
    create_permission = "reconsideration.add_reconsiderationcase"
    import_permission = importing.PERMISSION
    template_name = "reconsideration/case_list.html"

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
        # The same act under reconsideration or in court elsewhere (Art. 29), within what the
        # user may see.
        from cases.engine import roles_over
        from reconsideration.publication import REVIEWERS
        from reconsideration.selectors import similar_decisions

        context["similar"] = similar_decisions(case, self.request.user)
        context["can_publish"] = bool(roles_over(self.request.user, case) & REVIEWERS)
        context["same_act"] = ChallengedAct.other_cases(
            case.respondent, case.act_number, exclude=case, user=self.request.user
        )
        return context


@login_required
def case_create(request):
    """Register an application for administrative reconsideration with its parties (Art. 22:
    in writing at the window or by post, or orally and recorded by staff)."""
    from reconsideration.services import application_register

    user = request.user
    if not user.can("reconsideration.add_reconsiderationcase"):
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, user=user)
    formset = party_formset(request.POST or None)
    done = create_with_parties(
        request,
        form,
        formset,
        scope="reconsideration.case_create",
        create=lambda parties: application_register(
            actor=user,
            organization=form.cleaned_data["organization"],
            data=form.application_data(),
            parties=parties,
        ),
        load=lambda pk: ReconsiderationCase.objects.get(pk=pk, created_by=user),
    )
    if done is not None:
        case, created = done
        if created:
            messages.success(
                request,
                _("Application %(number)s registered with %(office)s.")
                % {"number": case.number, "office": case.organization},
            )
        return redirect(case.get_absolute_url())
    return render(
        request,
        "reconsideration/case_form.html",
        {"form": form, "formset": formset,
         "title": _("Register a reconsideration application")},
    )  # fmt: skip
