"""The staff pages of the Excel import of past legal aid cases (legalaid.importing), as
mediation's: the template download and the upload, which checks every row and writes all of
them or none; a large sheet goes to the task worker (core.jobs) and its page shows progress.

URL patterns, for legalaid/urls_staff.py:

    path("import/", import_views.import_aid_cases_view, name="case_import"),
    path("import/template.xlsx", import_views.import_template, name="case_import_template"),

The page renders legalaid/import.html (mediation/import.html with the legal aid words).
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from legalaid.importing import PERMISSION

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _done_url() -> str:
    """Where a finished import leads: the case list (once the staff pages have one)."""
    try:
        return reverse("legalaid:case_list")
    except NoReverseMatch:
        return "/legalaid/"


@login_required
def import_template(request):
    from legalaid.importing import template

    if not request.user.can(PERMISSION):
        raise PermissionDenied
    response = HttpResponse(template(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(
        "法律援助案件导入模板.xlsx"
    )
    return response


@login_required
def import_aid_cases_view(request):
    """Upload a filled template; nothing is written unless every row is valid."""
    from legalaid.importing import import_aid_cases

    if not request.user.can(PERMISSION):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose the filled template to upload."))
        elif upload.size > MAX_UPLOAD_BYTES:
            messages.error(request, _("The file is larger than 20 MB."))
        else:
            from core.jobs import is_large, start_import
            from core.spreadsheets import WorkbookRefused, check_workbook

            try:
                rows = check_workbook(upload)
            except WorkbookRefused:
                rows = 0  # refused with its reason below, in the request
            if is_large(rows):
                job = start_import(
                    upload,
                    importer="legalaid.importing.import_aid_cases",
                    actor=request.user,
                    title=str(_("Import legal aid cases from Excel")),
                    done_url=_done_url(),
                    rows=rows,
                )
                return redirect("import_job", pk=job.pk)
            result = import_aid_cases(upload, actor=request.user)
            if result.ok:
                messages.success(
                    request,
                    _("%(count)s legal aid cases imported.") % {"count": result.written},
                )
                return redirect(_done_url())
    return render(
        request,
        "legalaid/import.html",
        {"result": result, "title": _("Import legal aid cases from Excel")},
    )
