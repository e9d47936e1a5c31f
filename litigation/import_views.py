"""The staff pages of the Excel import of past litigation cases (litigation.importing), as
reconsideration's: the template download and the upload, which checks every row and writes all
of them or none; a large sheet goes to the task worker (core.jobs) and its page shows progress
(both pages: core.importing). An agency's handler imports only its own agency's cases.

URL patterns, for litigation/urls.py:

    path("import/", import_views.import_cases_view, name="case_import"),
    path("import/template.xlsx", import_views.import_template, name="case_import_template"),

The page renders litigation/import.html.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from litigation.importing import PERMISSION


def _done_url() -> str:
    """Where a finished import leads: the case list."""
    try:
        return reverse("litigation:case_list")
    except NoReverseMatch:
        return "/litigation/cases/"


@login_required
def import_template(request):
    from core.importing import template_response
    from litigation.importing import template

    return template_response(
        request, permission=PERMISSION, content=template, filename="行政应诉案件导入模板.xlsx"
    )


@login_required
def import_cases_view(request):
    """Upload a filled template; nothing is written unless every row is valid."""
    from core.importing import upload_page

    return upload_page(
        request,
        permission=PERMISSION,
        importer="litigation.importing.import_litigation_cases",
        page="litigation/import.html",
        title=_("Import litigation cases from Excel"),
        done_url=_done_url,
        done_message=lambda n: _("%(count)s litigation cases imported.") % {"count": n},
    )
