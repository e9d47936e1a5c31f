"""Downloading the 行政执法案卷评查整改通知书 of a reviewed case file as DOCX or PDF
(enforcement.documents). A reviewed file is not a case, so the notice is rendered on request
from the file as it is now and not stored; each download is written to the audit log as an
access to the file. The file is reached as on its page (ReviewedFile.objects.restrict): an
agency's handlers their own agency's files, the bureau's staff their jurisdiction; anything
else is answered 404, like a missing file.

The dispatch letter and the supervision opinion are documents of cases (Dispatch, Complaint):
generated and downloaded through the documents card of their pages (cases.documents_views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from cases.documents import FORMATS, render_docx
from cases.pdf import PdfUnavailable, docx_to_pdf
from core.audit import record_access
from enforcement import documents
from enforcement.review_models import ReviewedFile


@login_required
@require_GET
def rectification_notice(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404
    file = get_object_or_404(
        ReviewedFile.objects.restrict(request.user).select_related(
            "campaign__organization", "decision", "body", "agency"
        ),
        pk=pk,
    )
    kind = documents.RECTIFICATION
    file_url = reverse("enforcement:review_file", args=[file.pk])
    if not kind.is_available(file):
        messages.error(request, kind.reason_unavailable(file))
        return redirect(file_url)
    data = render_docx(kind, file)
    if fmt == "pdf":
        try:
            data = docx_to_pdf(data, title=kind.title_for(file))
        except PdfUnavailable as exc:
            messages.warning(request, exc.message)
            return redirect(file_url)
    record_access(actor=request.user, instance=file, field=f"{kind.key}.{fmt}", request=request)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    name = documents.rectification_filename(file, fmt)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
