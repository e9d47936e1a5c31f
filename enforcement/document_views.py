"""Downloading the 行政执法案卷评查整改通知书 of a reviewed case file as DOCX or PDF
(enforcement.documents). A reviewed file is not a case, so the notice is rendered on request
from the file as it is now and not stored; each download is written to the audit log as an
access to the file. The file is reached as on its page (ReviewedFile.objects.restrict): an
agency's handlers their own agency's files, the bureau's staff their jurisdiction; anything
else is answered 404, like a missing file.

The dispatch letter and the supervision opinion are documents of cases (Dispatch, Complaint):
generated and downloaded through the documents card of their pages (cases.documents_views)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from cases.documents_views import rendered_on_request
from enforcement import documents
from enforcement.review_models import ReviewedFile


@login_required
@require_GET
def rectification_notice(request, pk, fmt):
    file = get_object_or_404(
        ReviewedFile.objects.restrict(request.user).select_related(
            "campaign__organization", "decision", "body", "agency"
        ),
        pk=pk,
    )
    kind = documents.RECTIFICATION
    return rendered_on_request(
        request, kind, file, back=reverse("enforcement:review_file", args=[file.pk]),
        filename=f"{file.decision.case_number}{kind.title_for(file)}", fmt=fmt,
    )  # fmt: skip
