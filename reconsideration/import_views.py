"""The staff pages of the Excel import of past reconsideration cases
(reconsideration.importing), as legal aid's: the template download and the upload, which
checks every row and writes all of them or none; a large sheet goes to the task worker
(core.jobs) and its page shows progress (both pages: core.importing).

URL patterns, for reconsideration/urls.py:

    path("import/", import_views.import_cases_view, name="case_import"),
    path("import/template.xlsx", import_views.import_template, name="case_import_template"),

The page renders reconsideration/import.html.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from reconsideration.importing import PERMISSION


def _done_url() -> str:
    """Where a finished import leads: the case list."""
    try:
        return reverse("reconsideration:case_list")
    except NoReverseMatch:
        return "/reconsideration/cases/"


@login_required
def import_template(request):
    from core.importing import template_response
    from reconsideration.importing import template

    return template_response(
        request, permission=PERMISSION, content=template, filename="行政复议案件导入模板.xlsx"
    )


@login_required
def import_cases_view(request):
    """Upload a filled template; nothing is written unless every row is valid."""
    from core.importing import upload_page

    return upload_page(
        request,
        permission=PERMISSION,
        importer="reconsideration.importing.import_reconsideration_cases",
        page="reconsideration/import.html",
        title=_("Import reconsideration cases from Excel"),
        done_url=_done_url,
        done_message=lambda n: _("%(count)s reconsideration cases imported.") % {"count": n},
    )
