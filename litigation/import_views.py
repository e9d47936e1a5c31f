"""The staff pages of the Excel import of past litigation cases (litigation.importing): the
template download and the upload, which checks every row and writes all of them or none; a
large sheet goes to the task worker (core.jobs) and its page shows progress (core.importing.
import_pages). An agency's handler imports only its own agency's cases. URL patterns in litigation/urls.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from litigation.importing import PERMISSION, template

import_cases_view, import_template = import_pages(
    permission=PERMISSION,
    template=template,
    importer="litigation.importing.import_litigation_cases",
    filename="行政应诉案件导入模板.xlsx",
    title=_("Import litigation cases from Excel"),
    instructions=_(
        "and fill one court case per trial level per row, as far as it went: service of the complaint, answer, hearing, judgment or ruling, appeal (see the sheet 填写说明)."
    ),
    done_message=_("%(count)s litigation cases imported."),
    list_url="litigation:case_list",
    template_url="litigation:case_import_template",
)
