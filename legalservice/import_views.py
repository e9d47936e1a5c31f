"""The staff pages of the Excel imports of public legal services (legalservice.importing): for
the services given and for the village legal advisers' monthly logs, the template download and
the upload, which checks every row and writes all of them or none; a large sheet goes to the
task worker (core.importing.import_pages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.importing import import_pages
from legalservice.importing import LOG_PERMISSION, RECORD_PERMISSION, log_template, record_template

import_records_view, record_import_template = import_pages(
    permission=RECORD_PERMISSION,
    template=record_template,
    importer="legalservice.importing.import_records",
    filename="公共法律服务记录导入模板.xlsx",
    title=_("Import past public legal services from Excel"),
    instructions=_(
        "and fill one service per row: the date, the channel, the kind of matter, the outcome, "
        "the street, and the service point, the person's name and telephone if known (see the "
        "sheet 填写说明)."
    ),
    done_message=_("%(count)s services imported."),
    list_url="legalservice:record_list",
    template_url="legalservice:record_import_template",
)

import_logs_view, log_import_template = import_pages(
    permission=LOG_PERMISSION,
    template=log_template,
    importer="legalservice.importing.import_logs",
    filename="村居法律顾问服务台账导入模板.xlsx",
    title=_("Import village legal advisers' monthly logs from Excel"),
    instructions=_(
        "and fill one adviser's month per row: the village, the lawyer serving it, the month, "
        "and the visits, consultations, documents reviewed and lectures (see the sheet "
        "填写说明)."
    ),
    done_message=_("%(count)s monthly logs imported."),
    list_url="legalservice:adviser_list",
    template_url="legalservice:log_import_template",
)
