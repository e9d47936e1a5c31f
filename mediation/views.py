from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.views import case_page_context
from core.generic import (
    ScopedDetailView,
    ScopedListView,
    create_with_parties,
    record_page,
    scoped_object_or_404,
)
from core.importing import import_pages
from mediation.filters import CommitteeFilter, DisputeFilter, MediatorFilter, ScreeningFilter
from mediation.forms import DisputeForm, party_formset
from mediation.importing import template as importing_template
from mediation.models import Committee, Dispute, Mediator, Screening
from mediation.selectors import case_mediators, handed_over
from mediation.services import dispute_register
from mediation.tables import CommitteeTable, DisputeTable, MediatorTable, ScreeningTable


class DisputeListView(ScopedListView):
    model = Dispute
    table_class = DisputeTable
    filterset_class = DisputeFilter
    title = gettext_lazy("Disputes")
    create_url_name = "mediation:dispute_create"
    create_permission = "mediation.add_dispute"
    import_permission = "mediation.add_dispute"  # the import page's own (mediation.views)
    template_name = "mediation/dispute_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "assignee")


class DisputeDetailView(ScopedDetailView):
    model = Dispute
    template_name = "mediation/dispute_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "assignee", "team")
            .prefetch_related("dispute_parties__party", "sessions", "follow_ups", "mediators")
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # The clerk who just sent the case to a unit outside their jurisdiction (and who
            # follows the redirect or a bookmark back here) learns where it went, not "not
            # found"; anyone else still gets the 404.
            if handed_over(request.user, kwargs.get("pk")) is not None:
                return redirect("mediation:dispute_rerouted", pk=kwargs["pk"])
            raise

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_page_context(self.request, self.object))
        context["mediator_names"] = case_mediators(self.object)
        if self.object.tracking_code:
            from cases.engine import roles_over
            from portal.models import Message

            context["portal_messages"] = Message.for_case(self.object)
            context["can_message"] = bool(roles_over(self.request.user, self.object) - {"leader"})
        return context


@login_required
def dispute_rerouted(request, pk: int):
    """Confirmation of a re-route (转交) that took the case out of the user's jurisdiction."""
    handover = handed_over(request.user, pk)
    if handover is None:
        if Dispute.objects.restrict(request.user, "view").filter(pk=pk).exists():
            return redirect("mediation:dispute_detail", pk=pk)
        raise Http404
    return render(
        request,
        "mediation/dispute_rerouted.html",
        {"handover": handover, "title": _("Case sent to another unit")},
    )


@login_required
def dispute_create(request):
    """Register a dispute with its parties (登记)."""
    user = request.user
    if not user.can("mediation.add_dispute"):
        raise PermissionDenied
    form = DisputeForm(request.POST or None, user=user)
    formset = party_formset(request.POST or None)
    done = create_with_parties(
        request,
        form,
        formset,
        scope="mediation.dispute_create",
        create=lambda parties: dispute_register(
            actor=user,
            organization=form.cleaned_data["organization"],
            data=form.dispute_data(),
            parties=parties,
            mediator_ids=[m.pk for m in form.cleaned_data.get("mediators") or []],
        ),
        load=lambda pk: scoped_object_or_404(Dispute, user, pk),
    )
    if done is not None:
        dispute, created = done
        if created:
            messages.success(
                request, _("Dispute %(number)s registered.") % {"number": dispute.number}
            )
        return redirect(dispute.get_absolute_url())
    return render(
        request,
        "mediation/dispute_form.html",
        {"form": form, "formset": formset, "title": _("Register a dispute")},
    )


import_disputes_view, import_template = import_pages(
    permission="mediation.add_dispute",
    template=importing_template,
    importer="mediation.importing.import_disputes",
    filename="人民调解导入模板.xlsx",
    title=gettext_lazy("Import disputes from Excel"),
    instructions=gettext_lazy("and fill one dispute per row (see the sheet 填写说明)."),
    done_message=gettext_lazy("%(count)s disputes imported."),
    list_url="mediation:dispute_list",
    template_url="mediation:dispute_import_template",
)


class CommitteeListView(ScopedListView):
    model = Committee
    table_class = CommitteeTable
    filterset_class = CommitteeFilter
    title = gettext_lazy("Mediation committees")

    def get_queryset(self):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset()
            .select_related("organization")
            .annotate(
                mediator_count=Count(
                    "organization__mediators",
                    filter=Q(organization__mediators__is_active=True),
                )
            )
            .order_by("region_code", "organization__name")
        )


class MediatorListView(ScopedListView):
    model = Mediator
    table_class = MediatorTable
    filterset_class = MediatorFilter
    title = gettext_lazy("Mediators")

    def get_queryset(self):
        return super().get_queryset().select_related("committee")


class ScreeningListView(ScopedListView):
    model = Screening
    table_class = ScreeningTable
    filterset_class = ScreeningFilter
    title = gettext_lazy("Dispute screenings")
    create_url_name = "mediation:screening_create"
    create_permission = "mediation.add_screening"

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


@login_required
def screening_create(request):
    """Record a round of proactive screening (排查) and what it found."""
    from mediation.forms import ScreeningForm
    from mediation.services import screening_record

    if not request.user.can("mediation.add_screening"):
        raise PermissionDenied
    form = ScreeningForm(request.POST or None, user=request.user)
    return record_page(
        request,
        form=form,
        scope="mediation.screening_create",
        create=lambda: screening_record(actor=request.user, **form.screening_data()),
        load=lambda pk: Screening.objects.get(pk=pk),
        done="mediation:screening_list",
        success=_("Screening recorded."),
        title=_("Record a screening"),
        cancel_url=reverse("mediation:screening_list"),
    )
