"""The staff pages of the Excel import of enforcement decisions (enforcement.importing): the
template download and the upload, which checks every row and writes all of them or none; a
large sheet goes to the task worker (core.jobs) and its page shows progress (core.importing.
import_pages). An agency's handler imports only their own agency's bodies' decisions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from enforcement.importing import PERMISSION, template

import_decisions_view, import_template = import_pages(
    permission=PERMISSION,
    template=template,
    importer="enforcement.importing.import_decisions",
    filename="执法决定导入模板.xlsx",
    title=_("Import enforcement decisions from Excel"),
    instructions=_(
        "and fill one decision per row: the body, the agency's case number, the kind, the "
        "party, the day, facts, basis and content, the officers' certificate numbers (at least "
        "two), the full-process record and legal review, and the publication (see the sheet "
        "填写说明)."
    ),
    done_message=_("%(count)s enforcement decisions imported."),
    list_url="enforcement:decision_list",
    template_url="enforcement:decision_import_template",
)
