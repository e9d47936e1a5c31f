"""Upload and download of case attachments. Downloads go only through this view, after the
permission checks of cases.attachments.attachment_open; there is no public URL to a file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.attachments import (
    AttachmentDamaged,
    attachment_add,
    attachment_open,
    can_add_attachment,
    type_label,
)
from cases.forms_attachments import AttachmentForm
from cases.selectors import attachments, case_for, case_label
from core.errors import FazhiError, InvalidInput
from core.generic import report_service_error

PARTIAL = "cases/_attachments.html"


def attachments_context(*, user, case, form=None, notice: str = "") -> dict:
    """What cases/_attachments.html needs; case pages include the partial with this."""
    can_upload = can_add_attachment(user, case)
    items = list(attachments(case))
    for item in items:
        item.type_label = type_label(item.content_type)
    return {
        "case": case,
        "case_label": case_label(case),
        "attachments": items,
        "can_upload": can_upload,
        "attachment_form": (form or AttachmentForm()) if can_upload else None,
        "attachment_notice": notice,
    }


def case_url(case) -> str:
    get_url = getattr(case, "get_absolute_url", None)
    return get_url() if get_url else reverse("home")


@login_required
@require_POST
def attachment_upload(request, label, pk):
    try:
        case = case_for(label, pk, request.user)
    except FazhiError as exc:
        report_service_error(request, exc)  # raises Http404
        raise
    form = AttachmentForm(request.POST, request.FILES)
    notice = ""
    if form.is_valid():
        try:
            attachment = attachment_add(
                case=case,
                actor=request.user,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except InvalidInput as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except FazhiError as exc:
            report_service_error(request, exc)  # 404 / 403 raised; others become a message
            return redirect(case_url(case))
        else:
            notice = _("“%(name)s” was attached.") % {"name": attachment.original_name}
            form = AttachmentForm()
    if request.htmx:
        context = attachments_context(user=request.user, case=case, form=form, notice=notice)
        return render(request, PARTIAL, context)
    if notice:
        messages.success(request, notice)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(case_url(case))


@login_required
@require_GET
def attachment_download(request, pk):
    try:
        attachment, handle = attachment_open(attachment_id=pk, actor=request.user, request=request)
    except AttachmentDamaged as exc:
        messages.error(request, exc.message)
        case = exc.attachment.case if exc.attachment is not None else None
        return redirect(case_url(case) if case is not None else reverse("home"))
    except FazhiError as exc:
        report_service_error(request, exc)  # raises Http404 / PermissionDenied
        return redirect("home")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
