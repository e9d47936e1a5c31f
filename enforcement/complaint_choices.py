"""Classifications of complaints about enforcement (投诉举报) and their dispatch (交办): what the
bureau found when it closes a complaint, and its verdict on each reply of a body."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Finding(models.TextChoices):
    """What the bureau found when it closes a complaint (❓ local practice; the usual 查实 /
    部分查实 / 未查实 of complaint handling)."""

    SUBSTANTIATED = "substantiated", _("Substantiated")
    PARTLY = "partly", _("Partly substantiated")
    UNSUBSTANTIATED = "unsubstantiated", _("Not substantiated")


class Verdict(models.TextChoices):
    """The bureau's verdict on one reply of a body (核实)."""

    ACCEPTED = "accepted", pgettext_lazy("dispatch reply", "Accepted")
    SENT_BACK = "sent_back", pgettext_lazy("dispatch reply", "Sent back")
