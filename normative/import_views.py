"""The staff pages of the Excel import of the registry of normative documents already issued
(normative.importing): the template download and the upload, which checks every row and writes
all of them or none; a large sheet goes to the task worker (core.jobs) and its page shows
progress (core.importing.import_pages). An agency's handler imports only its own body's
documents. URL patterns in normative/urls.py; the documents list links here."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from normative.importing import PERMISSION, template

import_documents_view, import_template = import_pages(
    permission=PERMISSION,
    template=template,
    importer="normative.importing.import_normative_documents",
    filename="规范性文件导入模板.xlsx",
    title=_("Import normative documents from Excel"),
    instructions=_(
        "and fill one published document per row, with its filing and filing review if it was "
        "filed (see the sheet 填写说明)."
    ),
    done_message=_("%(count)s normative documents imported."),
    list_url="normative:document_list",
    template_url="normative:document_import_template",
)
