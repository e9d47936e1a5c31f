"""The staff pages of the Excel import of past legal aid cases (legalaid.importing), as
mediation's: the template download and the upload, which checks every row and writes all of
them or none; a large sheet goes to the task worker (core.jobs) and its page shows progress
(both pages: core.importing).

URL patterns, for legalaid/urls_staff.py:

    path("import/", import_views.import_aid_cases_view, name="case_import"),
    path("import/template.xlsx", import_views.import_template, name="case_import_template"),

The page renders legalaid/import.html (mediation/import.html with the legal aid words).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from legalaid.importing import PERMISSION


def _done_url() -> str:
    """Where a finished import leads: the case list (once the staff pages have one)."""
    try:
        return reverse("legalaid:case_list")
    except NoReverseMatch:
        return "/legalaid/"


@login_required
def import_template(request):
    from core.importing import template_response
    from legalaid.importing import template

    return template_response(
        request, permission=PERMISSION, content=template, filename="法律援助案件导入模板.xlsx"
    )


@login_required
def import_aid_cases_view(request):
    """Upload a filled template; nothing is written unless every row is valid."""
    from core.importing import upload_page

    return upload_page(
        request,
        permission=PERMISSION,
        importer="legalaid.importing.import_aid_cases",
        page="legalaid/import.html",
        title=_("Import legal aid cases from Excel"),
        done_url=_done_url,
        done_message=lambda n: _("%(count)s legal aid cases imported.") % {"count": n},
    )
