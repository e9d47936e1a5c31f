"""Classifications of administrative enforcement (行政执法, reference/statutes-lines.md §C): the
kinds of enforcement body, the kinds of power in a power list (权责清单) and the status of an
enforcement certificate on a given day."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BodyKind(models.TextChoices):
    """Who may enforce (CF Arts. 17–20 ◑, not quoted in reference/): an administrative agency within its powers, an
    organisation a law or regulation authorises, or one the agency entrusts (受委托组织, which
    acts in the entrusting agency's name)."""

    AGENCY = "agency", _("Administrative agency")
    AUTHORISED = "authorised", _("Organisation authorised by law or regulation")
    ENTRUSTED = "entrusted", _("Entrusted organisation")


class PowerKind(models.TextChoices):
    """The kinds of power in a power list (权责清单 ◑, the usual national categories)."""

    PENALTY = "penalty", _("Administrative penalty")
    LICENCE = "licence", _("Administrative licence")
    COERCION = "coercion", _("Administrative coercion")
    INSPECTION = "inspection", _("Administrative inspection")
    LEVY = "levy", _("Administrative levy")
    CONFIRMATION = "confirmation", _("Administrative confirmation")
    BENEFIT = "benefit", _("Administrative benefit")
    REWARD = "reward", _("Administrative reward")
    OTHER = "other", _("Other administrative power")


class CertificateStatus(models.TextChoices):
    """The status of an enforcement certificate (执法证件) on a day, computed on read from its
    dates and its suspensions (enforcement.validity.certificate_status_on), never stored."""

    NOT_YET = "not_yet", _("Not yet issued")
    VALID = "valid", pgettext_lazy("enforcement certificate", "Valid")
    SUSPENDED = "suspended", pgettext_lazy("enforcement certificate", "Suspended")
    CANCELLED = "cancelled", pgettext_lazy("enforcement certificate", "Cancelled")
    REVOKED = "revoked", pgettext_lazy("enforcement certificate", "Revoked")
    EXPIRED = "expired", pgettext_lazy("enforcement certificate", "Expired")
