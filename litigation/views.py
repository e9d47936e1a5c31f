"""The staff pages of administrative litigation response: the case list, the case page (the
process's steps, clocks, documents and history come from cases.views) and the registration of
a lawsuit. An agency handler sees and registers only their own agency's cases; the bureau's
staff every case in their jurisdiction."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.views import case_page_context
from core.generic import ScopedDetailView, ScopedListView, create_with_parties
from litigation.filters import LitigationCaseFilter
from litigation.forms import CaseForm, party_formset
from litigation.models import LitigationCase
from litigation.tables import LitigationCaseTable


class LitigationCaseListView(ScopedListView):
    model = LitigationCase
    table_class = LitigationCaseTable
    filterset_class = LitigationCaseFilter
    title = gettext_lazy("Litigation cases")
    create_url_name = "litigation:case_create"
    create_permission = "litigation.add_litigationcase"
    # The Excel import of past cases (litigation.import_views).
    import_permission = "litigation.add_litigationcase"
    template_name = "litigation/case_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


class LitigationCaseDetailView(ScopedDetailView):
    model = LitigationCase
    template_name = "litigation/case_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "assignee", "team", "earlier")
            .prefetch_related("lit_parties__party", "hearings", "recommendations")
        )

    def get_context_data(self, **kwargs):
        from litigation.services import linked_reconsideration, same_act_cases

        context = super().get_context_data(**kwargs)
        case = self.object
        user = self.request.user
        context.update(case_page_context(self.request, case))
        visible = LitigationCase.objects.restrict(user, "view")
        context["earlier_case"] = (
            visible.filter(pk=case.earlier_id).first() if case.earlier_id else None
        )
        context["later_cases"] = list(visible.filter(earlier=case).order_by("received_at"))
        context["reconsideration"] = linked_reconsideration(case, user)
        context["same_act"] = same_act_cases(case, user)
        return context


@login_required
def case_create(request):
    """Register a lawsuit against an agency (one trial level) with its parties."""
    from litigation.services import case_register

    user = request.user
    if not user.can("litigation.add_litigationcase"):
        raise PermissionDenied
    form = CaseForm(request.POST or None, user=user)
    formset = party_formset(request.POST or None)
    done = create_with_parties(
        request,
        form,
        formset,
        scope="litigation.case_create",
        create=lambda parties: case_register(
            actor=user,
            organization=form.cleaned_data.get("organization"),
            data=form.case_data(),
            parties=parties,
        ),
        # The user's own registration (created_by), whatever they may read afterwards.
        load=lambda pk: LitigationCase.objects.get(pk=pk, created_by=user),
    )
    if done is not None:
        case, created = done
        if created:
            messages.success(
                request,
                _("Lawsuit %(number)s registered for %(agency)s.")
                % {"number": case.number, "agency": case.organization},
            )
        if LitigationCase.objects.restrict(user, "view").filter(pk=case.pk).exists():
            return redirect(case.get_absolute_url())
        return redirect(reverse("litigation:case_list"))
    return render(
        request,
        "litigation/case_form.html",
        {"form": form, "formset": formset, "title": _("Register a lawsuit")},
    )
