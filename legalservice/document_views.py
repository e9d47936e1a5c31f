"""Downloading the 转介函 of a referred service record as DOCX or PDF (legalservice.documents).
A service record is not a case, so the letter is rendered on request from the record as it is
now and not stored; each download is written to the audit log as an access to the record. The
record is reached as on its page (ServiceRecord.objects.restrict): a justice office its street,
the bureau's staff their jurisdiction, the city's leader everything; anything else is answered
404, like a missing record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from cases.documents_views import rendered_on_request
from core.generic import scoped_object_or_404
from legalservice import documents
from legalservice.models import ServiceRecord


@login_required
@require_GET
def referral_letter(request, pk, fmt):
    record = scoped_object_or_404(ServiceRecord, request.user, pk)
    kind = documents.REFERRAL
    return rendered_on_request(
        request, kind, record, back=record.get_absolute_url(),
        filename=f"{record.served_on:%Y-%m-%d}{kind.title_for(record)}", fmt=fmt,
    )  # fmt: skip
