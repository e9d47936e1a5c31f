"""The legal-services sector menu (律师公证鉴定管理)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "profession",
    _("Lawyers, notaries and forensic appraisal"),
    64,
    MenuItem(_("Law firms"), "profession:firm_list", "profession.view_lawfirm"),
    MenuItem(_("Annual inspections"), "profession:inspection_list", "profession.view_inspection"),
    MenuItem(_("Complaints against practitioners"), "profession:complaint_list",
             "profession.view_complaint"),
    MenuItem(_("Notary offices"), "profession:notary_office_list", "profession.view_notaryoffice"),
    MenuItem(_("Forensic institutions"), "profession:institution_list",
             "profession.view_forensicinstitution"),
    MenuItem(_("Business volumes"), "profession:volume_list", "profession.view_volume"),
)  # fmt: skip
