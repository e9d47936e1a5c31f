"""The staff pages of the Excel import of past administrative reconsideration cases (reconsideration.importing): the
template download and the upload, which checks every row and writes all of them or none; a
large sheet goes to the task worker (core.jobs) and its page shows progress (core.importing.
import_pages). URL patterns in reconsideration/urls.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from reconsideration.importing import PERMISSION, template

import_cases_view, import_template = import_pages(
    permission=PERMISSION,
    template=template,
    importer="reconsideration.importing.import_reconsideration_cases",
    filename="行政复议案件导入模板.xlsx",
    title=_("Import reconsideration cases from Excel"),
    instructions=_(
        "and fill one application per row, as far as the case went: receipt, acceptance or not, hearing, conclusion (see the sheet 填写说明)."
    ),
    done_message=_("%(count)s reconsideration cases imported."),
    list_url="reconsideration:case_list",
    template_url="reconsideration:case_import_template",
)
