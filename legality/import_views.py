"""The staff pages of the Excel import of past legality reviews (legality.importing): the
template download and the upload, which checks every row and writes all of them or none; a
large sheet goes to the task worker (core.jobs) and its page shows progress (core.importing.
import_pages). A department's handler imports only its own department's reviews. URL patterns
in legality/urls.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from legality.importing import PERMISSION, template

import_reviews_view, import_template = import_pages(
    permission=PERMISSION,
    template=template,
    importer="legality.importing.import_legality_reviews",
    filename="合法性审查导入模板.xlsx",
    title=_("Import legality reviews from Excel"),
    instructions=_(
        "and fill one submission per row, as far as it went: submission, start of the review, "
        "request for materials (补正) and the materials, opinion, the department's answers (see "
        "the sheet 填写说明)."
    ),
    done_message=_("%(count)s legality reviews imported."),
    list_url="legality:review_list",
    template_url="legality:review_import_template",
)
