from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.views import case_page_context
from core.errors import FazhiError, InvalidInput
from core.generic import (
    ScopedDetailView,
    ScopedListView,
    report_service_error,
    scoped_object_or_404,
)
from core.idempotency import run_once
from mediation.filters import DisputeFilter
from mediation.forms import DisputeForm, party_formset
from mediation.models import Dispute
from mediation.services import dispute_register
from mediation.tables import DisputeTable


class DisputeListView(ScopedListView):
    model = Dispute
    table_class = DisputeTable
    filterset_class = DisputeFilter
    title = gettext_lazy("Disputes")
    create_url_name = "mediation:dispute_create"
    create_permission = "mediation.add_dispute"

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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_page_context(self.request, self.object))
        if self.object.tracking_code:
            from portal.models import Message

            context["portal_messages"] = Message.for_case(self.object)
        return context


@login_required
def dispute_create(request):
    """Register a dispute with its parties (登记)."""
    user = request.user
    if not user.can("mediation.add_dispute"):
        raise PermissionDenied
    form = DisputeForm(request.POST or None, user=user)
    formset = party_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        rows = [f for f in formset.forms if f.cleaned_data.get("name")]
        parties = [dict(f.cleaned_data) for f in rows]
        try:
            dispute, created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"mediation.dispute_create:{user.pk}",
                create=lambda: dispute_register(
                    actor=user,
                    organization=form.cleaned_data["organization"],
                    data=form.dispute_data(),
                    parties=parties,
                    mediator_ids=[m.pk for m in form.cleaned_data.get("mediators") or []],
                ),
                load=lambda pk: scoped_object_or_404(Dispute, user, pk),
            )
        except InvalidInput as exc:
            for field, errors in exc.fields.items():
                target, name = form, field
                if field.startswith("parties-") and field.count("-") >= 2:
                    _prefix, index, name = field.split("-", 2)
                    target = rows[int(index)] if int(index) < len(rows) else form
                for error in errors:
                    target.add_error(name if name in target.fields else None, error)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
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


@login_required
def import_template(request):
    from django.http import HttpResponse

    from mediation.importing import template

    if not request.user.can("mediation.add_dispute"):
        raise PermissionDenied
    response = HttpResponse(
        template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E4%BA%BA%E6%B0%91%E8%B0%83%E8%A7%A3%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    )
    return response


@login_required
def import_disputes_view(request):
    """Upload a filled template; nothing is written unless every row is valid."""
    from mediation.importing import import_disputes

    if not request.user.can("mediation.add_dispute"):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose the filled template to upload."))
        elif upload.size > 20 * 1024 * 1024:
            messages.error(request, _("The file is larger than 20 MB."))
        else:
            result = import_disputes(upload, actor=request.user)
            if result.ok:
                messages.success(
                    request,
                    _("%(count)s disputes imported.") % {"count": result.written},
                )
                return redirect("mediation:dispute_list")
    return render(
        request,
        "mediation/import.html",
        {"result": result, "title": _("Import disputes from Excel")},
    )
