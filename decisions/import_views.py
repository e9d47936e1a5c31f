"""The staff pages of the Excel import of past major administrative decisions
(decisions.importing): the template download and the upload, which checks every row and writes
all of them or none; a large sheet goes to the task worker (core.jobs) and its page shows
progress (core.importing.import_pages). A decision-maker's handler imports only its own
decisions. URL patterns in decisions/urls.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from decisions.importing import PERMISSION, template

import_decisions_view, import_template = import_pages(
    permission=PERMISSION,
    template=template,
    importer="decisions.importing.import_major_decisions",
    filename="重大行政决策导入模板.xlsx",
    title=_("Import past major decisions from Excel"),
    instructions=_(
        "and fill one decision per row, as far as it went: start, draft, public participation, expert argumentation and risk assessment where required, legality review, collective discussion, decision, publication (see the sheet 填写说明)."
    ),
    done_message=_("%(count)s major decisions imported."),
    list_url="decisions:decision_list",
    template_url="decisions:decision_import_template",
)
