"""The page of a background import: progress while it runs, the outcome when it ends."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.models import ImportJob


def _job(request, pk) -> ImportJob:
    # Only the person who uploaded the file sees its job: the errors quote the file's rows.
    job = ImportJob.objects.filter(pk=pk, actor=request.user).first()
    if job is None:
        raise Http404
    return job


@login_required
def import_job(request, pk):
    job = _job(request, pk)
    template = "core/_import_progress.html" if request.htmx else "core/import_job.html"
    return render(request, template, {"job": job, "title": job.title or _("Import")})
