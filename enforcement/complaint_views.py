"""Staff pages of complaints and dispatches: the complaint list (state, body, overdue, channel,
dates), the entry of a complaint received by telephone, letter or referral, each complaint's
page with its dispatches, and each dispatch's page. The steps (accept, refuse, dispatch to
several bodies, reply, accept or send back a reply, close) are the processes' transitions,
offered on these pages and filled on the engine's transition page (cases.views.transition).

An agency's handlers see the dispatches to their agency's bodies only (the list and each
dispatch's page, where they reply), never the complaint's own page nor who complained; the
bureau's section staff see and handle everything in their jurisdiction; leaders read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import engine
from cases.views import case_page_context
from core.errors import FazhiError, InvalidInput
from core.generic import (
    ScopedDetailView,
    ScopedListView,
    add_service_errors,
    report_service_error,
)
from core.idempotency import run_once
from enforcement.complaint_filters import ComplaintFilter, DispatchFilter
from enforcement.complaint_forms import ComplaintEntryForm
from enforcement.complaint_models import Complaint, Dispatch
from enforcement.complaint_selectors import dispatches_of
from enforcement.complaint_services import complaint_register
from enforcement.complaint_tables import ComplaintTable, DispatchTable


class ComplaintListView(ScopedListView):
    model = Complaint
    table_class = ComplaintTable
    filterset_class = ComplaintFilter
    title = gettext_lazy("Complaints about enforcement")
    create_url_name = "enforcement:complaint_create"
    create_permission = "enforcement.add_complaint"

    def get_queryset(self):
        return super().get_queryset().select_related("body")


class DispatchListView(ScopedListView):
    model = Dispatch
    table_class = DispatchTable
    filterset_class = DispatchFilter
    title = gettext_lazy("Dispatched complaints")

    def get_queryset(self):
        return super().get_queryset().select_related("body")


@login_required
def complaint_create(request):
    """Enter a complaint received by telephone, letter, referral or at the window."""
    user = request.user
    if not user.can("enforcement.add_complaint"):
        raise PermissionDenied
    form = ComplaintEntryForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            complaint, _created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"enforcement.complaint_register:{user.pk}",
                create=lambda: complaint_register(
                    actor=user, organization=form.cleaned_data["organization"],
                    data=form.service_data(),
                ),
                load=lambda pk: Complaint.objects.get(pk=pk),
            )  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The complaint is registered."))
            return redirect(complaint.get_absolute_url())
    return render(request, "core/form.html", {
        "form": form, "title": _("Register a complaint"),
        "cancel_url": "/enforcement/complaints/"})  # fmt: skip


class ComplaintDetailView(ScopedDetailView):
    model = Complaint
    template_name = "enforcement/complaint_detail.html"

    def get_context_data(self, **kwargs):
        from core.audit import record_access

        context = super().get_context_data(**kwargs)
        complaint, request = self.object, self.request
        context.update(case_page_context(request, complaint))
        context["dispatches"] = dispatches_of(complaint)
        roles = engine.roles_over(request.user, complaint)
        context["can_reveal"] = bool(complaint.complainant_phone) and bool(
            roles & {"section_staff", "system_admin"}
        )
        if context["can_reveal"] and request.GET.get("reveal") == "phone":
            record_access(actor=request.user, instance=complaint, field="complainant_phone",
                          request=request)  # fmt: skip
            context["phone"] = complaint.complainant_phone
        for dispatch in context["dispatches"]:
            dispatch.actions = engine.available(dispatch, request.user)
            dispatch.late = any(r.on_time is False for r in dispatch.rounds.all())
        return context


class DispatchDetailView(ScopedDetailView):
    model = Dispatch
    template_name = "enforcement/dispatch_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("complaint", "body", "agency")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dispatch = self.object
        context.update(case_page_context(self.request, dispatch))
        context["rounds"] = list(dispatch.rounds.all())
        context["complaint"] = dispatch.complaint
        # The complaint's own page only for those who may see it (not the body's handlers).
        context["complaint_visible"] = self.request.user.can("enforcement.view_complaint")
        return context
