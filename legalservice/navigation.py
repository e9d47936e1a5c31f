"""The public legal services menu (公共法律服务)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "legalservice",
    _("Public legal services"),
    60,
    MenuItem(_("Service records"), "legalservice:record_list", "legalservice.view_servicerecord"),
    MenuItem(_("Service points"), "legalservice:point_list", "legalservice.view_servicepoint"),
    MenuItem(_("Village legal advisers"), "legalservice:adviser_list",
             "legalservice.view_villageadviser"),
    MenuItem(_("Adviser coverage by street"), "legalservice:coverage",
             "legalservice.view_villageadviser"),
    MenuItem(_("Enterprise legal check-ups"), "legalservice:checkup_list",
             "legalservice.view_enterprisecheckup"),
    MenuItem(_("Legal Q&A library"), "legalservice:qa_list", "legalservice.view_qaentry"),
    MenuItem(_("Online legal consultations"), "legalservice:qa_consultations",
             "legalservice.view_qaconsultation"),
)  # fmt: skip
