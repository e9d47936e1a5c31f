"""The staff pages of the Excel import of past legal aid cases (legalaid.importing): the
template download and the upload, which checks every row and writes all of them or none; a
large sheet goes to the task worker (core.jobs) and its page shows progress (core.importing.
import_pages). URL patterns in legalaid/urls_staff.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from legalaid.importing import PERMISSION, template

import_aid_cases_view, import_template = import_pages(
    permission=PERMISSION,
    template=template,
    importer="legalaid.importing.import_aid_cases",
    filename="法律援助案件导入模板.xlsx",
    title=_("Import legal aid cases from Excel"),
    instructions=_(
        "and fill one application per row, as far as the case went (see the sheet 填写说明)."
    ),
    done_message=_("%(count)s legal aid cases imported."),
    list_url="legalaid:case_list",
    template_url="legalaid:case_import_template",
)
