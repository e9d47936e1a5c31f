"""The staff pages of the Excel import of past public legal education activities
(education.importing): the template download and the upload, which checks every row and writes
all of them or none; a large sheet goes to the task worker (core.importing.import_pages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from education.importing import PERMISSION, template

import_activities_view, activity_import_template = import_pages(
    permission=PERMISSION,
    template=template,
    importer="education.importing.import_activities",
    filename="普法活动导入模板.xlsx",
    title=_("Import past public legal education activities from Excel"),
    instructions=_(
        "and fill one activity per row: the date, the organiser, the place and its region, the "
        "topic, the form, the audience, the people reached, and the materials distributed and "
        "online views if known (see the sheet 填写说明)."
    ),
    done_message=_("%(count)s activities imported."),
    list_url="education:activity_list",
    template_url="education:activity_import_template",
)
