from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "mediation",
    _("People's mediation"),
    20,
    MenuItem(_("Disputes"), "mediation:dispute_list", "mediation.view_dispute"),
    MenuItem(_("Register a dispute"), "mediation:dispute_create", "mediation.add_dispute"),
    MenuItem(_("Import from Excel"), "mediation:dispute_import", "mediation.add_dispute"),
    MenuItem(_("Dispute screenings"), "mediation:screening_list", "mediation.view_screening"),
    MenuItem(_("Mediation committees"), "mediation:committee_list", "mediation.view_committee"),
    MenuItem(_("Mediators"), "mediation:mediator_list", "mediation.view_mediator"),
)
