"""Downloading the documents of public legal education (education.documents) as DOCX or PDF.
The record is reached as on its page (scoped_object_or_404: the user's jurisdiction; an
agency's own staff their agency's); anything else is a 404, like a missing record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from cases.documents_views import rendered_on_request
from core.generic import scoped_object_or_404
from education import documents
from education.models import Evaluation, ResponsibilityList


@login_required
@require_GET
def evaluation_notice(request, pk: int, fmt: str):
    evaluation = scoped_object_or_404(Evaluation, request.user, pk)
    kind = documents.EVALUATION
    return rendered_on_request(
        request, kind, evaluation, back=evaluation.get_absolute_url(),
        filename=f"{evaluation.agency.name}{evaluation.year}年度{kind.title_for(evaluation)}",
        fmt=fmt,
    )  # fmt: skip


@login_required
@require_GET
def responsibility_list(request, pk: int, fmt: str):
    lst = scoped_object_or_404(ResponsibilityList, request.user, pk)
    kind = documents.LIST
    return rendered_on_request(
        request, kind, lst, back=lst.get_absolute_url(), filename=kind.title_for(lst), fmt=fmt
    )
