"""Generating and downloading 文书. Downloads go only through `document_download`, after the
checks of cases.documents.document_open; there is no public URL to a stored file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.documents import (
    FORMATS,
    DocumentDamaged,
    available_kinds,
    can_generate,
    document_generate,
    document_open,
    download_name,
)
from cases.selectors import case_for, case_label, documents
from core.errors import FazhiError, InvalidInput
from core.generic import report_service_error

PARTIAL = "cases/_documents.html"


def documents_context(*, user, case, notice: str = "", warning: str = "", error: str = "") -> dict:
    """What cases/_documents.html needs; case pages include the partial with this."""
    return {
        "case": case,
        "case_label": case_label(case),
        "documents": list(documents(case)),
        "document_kinds": available_kinds(case, user),
        "can_generate": can_generate(user, case),
        "document_notice": notice,
        "document_warning": warning,
        "document_error": error,
    }


def case_url(case) -> str:
    try:
        return case.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return reverse("home")


@login_required
@require_POST
def document_create(request, label, pk):
    try:
        case = case_for(label, pk, request.user)
    except FazhiError as exc:
        report_service_error(request, exc)  # raises Http404
        raise
    notice = warning = error = ""
    try:
        document = document_generate(
            case=case, kind_key=request.POST.get("kind", ""), actor=request.user
        )
    except InvalidInput as exc:
        error = exc.message
    except FazhiError as exc:
        report_service_error(request, exc)  # 404 / 403 raised; others become a message
        return redirect(case_url(case))
    else:
        notice = _("“%(title)s” was generated.") % {"title": document.title}
        if document.replaces is not None:
            notice = _(
                "“%(title)s” was generated again and replaces the one of %(date)s, which is "
                "kept under its earlier versions."
            ) % {
                "title": document.title,
                "date": timezone.localtime(document.replaces.generated_at).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            }
        warning = getattr(document, "pdf_error", "")
    if request.htmx:
        context = documents_context(
            user=request.user, case=case, notice=notice, warning=warning, error=error
        )
        return render(request, PARTIAL, context)
    if notice:
        messages.success(request, notice)
    if warning:
        messages.warning(request, warning)
    if error:
        messages.error(request, error)
    return redirect(case_url(case))


@login_required
@require_GET
def document_download(request, pk, fmt):
    try:
        document, handle = document_open(
            document_id=pk, fmt=fmt, actor=request.user, request=request
        )
    except DocumentDamaged as exc:
        messages.error(request, exc.message)
        case = exc.document.case if exc.document is not None else None
        return redirect(case_url(case) if case is not None else reverse("home"))
    except FazhiError as exc:
        report_service_error(request, exc)  # raises Http404 / PermissionDenied
        return redirect("home")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(document, fmt),
        content_type=FORMATS[fmt],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def rendered_on_request(request, kind, obj, *, back: str, filename: str, fmt: str):
    """The response for a 文书 of a record that is not a case (a reviewed case file, an
    evaluation, a responsibility list, a service record): rendered from the record as it is now
    and not stored; each download is written to the audit log as an access to the record. The
    caller has found `obj` through the user's scope (anything else is a 404). Not available at
    this stage, or no PDF converter: back to `back` with the reason."""
    from django.http import Http404, HttpResponse
    from django.utils.http import content_disposition_header

    from cases.documents import render_docx
    from cases.pdf import PdfUnavailable, docx_to_pdf
    from core.audit import record_access

    if fmt not in FORMATS:
        raise Http404
    if not kind.is_available(obj):
        messages.error(request, kind.reason_unavailable(obj))
        return redirect(back)
    data = render_docx(kind, obj)
    if fmt == "pdf":
        try:
            data = docx_to_pdf(data, title=kind.title_for(obj))
        except PdfUnavailable as exc:
            messages.warning(request, exc.message)
            return redirect(back)
    record_access(actor=request.user, instance=obj, field=f"{kind.key}.{fmt}", request=request)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(filename, fmt))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def safe_filename(text: str, fmt: str) -> str:
    """`text.fmt` without the characters file systems refuse."""
    import re

    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .")
    return f"{name or 'document'}.{fmt}"
