"""The staff pages of the Excel imports of the officers with their certificates and of the
discretion standards with their lenient lists (enforcement.register_importing): for each, the
template download and the upload, which checks every row and writes all of them or none; a
large sheet goes to the task worker (core.importing.import_pages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from enforcement.register_importing import (
    OFFICER_PERMISSION,
    STANDARD_PERMISSION,
    officer_template,
    standard_template,
)

import_officers_view, officer_import_template = import_pages(
    permission=OFFICER_PERMISSION,
    template=officer_template,
    importer="enforcement.register_importing.import_officers",
    filename="执法人员及执法证件导入模板.xlsx",
    title=_("Import enforcement officers and their certificates from Excel"),
    instructions=_(
        "and fill one officer per row: the body, the name, the resident ID number, the post, "
        "the certificate number, its issue day and last valid day, and the training hours if "
        "known (see the sheet 填写说明)."
    ),
    done_message=_("%(count)s officers and their certificates imported."),
    list_url="enforcement:officer_list",
    template_url="enforcement:officer_import_template",
)

import_standards_view, standard_import_template = import_pages(
    permission=STANDARD_PERMISSION,
    template=standard_template,
    importer="enforcement.register_importing.import_standards",
    filename="裁量基准导入模板.xlsx",
    title=_("Import discretion standards from Excel"),
    instructions=_(
        "and fill one item of a standard, or one entry of its lenient list, per row: the rows "
        "of one body with the same day in force make one version (see the sheet 填写说明)."
    ),
    done_message=_("%(count)s rows of discretion standards imported."),
    list_url="enforcement:discretion_list",
    template_url="enforcement:discretion_import_template",
)
