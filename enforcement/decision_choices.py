"""Classifications of enforcement decisions (执法决定, reference/statutes-lines.md §C): the kinds of
penalty (CF Art. 9), the grounds that make legal review mandatory (CF Art. 58), the grounds on
which a published decision is withdrawn (CF Art. 48), and where a decision came from.

The kind of a decision is the kind of power it exercises (enforcement.choices.PowerKind:
licence, penalty, coercion, inspection, …), so that a decision and the power list speak alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PenaltyKind(models.TextChoices):
    """The kinds of administrative penalty, CF Art. 9 ✅ (§C.1)."""

    WARNING = "warning", _("Warning")
    CRITICISM = "criticism", _("Circulated criticism")
    FINE = "fine", pgettext_lazy("penalty", "Fine")
    CONFISCATE_GAINS = "confiscate_gains", _("Confiscation of illegal gains")
    CONFISCATE_PROPERTY = "confiscate_property", _("Confiscation of illegal property")
    SUSPEND_LICENCE = "suspend_licence", _("Suspension of a licence")
    LOWER_QUALIFICATION = "lower_qualification", _("Lowering of a qualification grade")
    REVOKE_LICENCE = "revoke_licence", _("Revocation of a licence")
    RESTRICT_BUSINESS = "restrict_business", _("Restriction of production or business")
    SUSPEND_BUSINESS = "suspend_business", _("Order to suspend production or business")
    CLOSURE = "closure", _("Order to close")
    RESTRICT_PRACTICE = "restrict_practice", _("Restriction of practice")
    DETENTION = "detention", _("Administrative detention")
    OTHER = "other", _("Other penalty set by law or administrative regulation")


class LegalReviewTrigger(models.TextChoices):
    """The cases in which the legal review (法制审核) is mandatory before the head decides, CF
    Art. 58 ✅ ¶1 (1)–(4)."""

    PUBLIC_INTEREST = "public_interest", _("Involves a major public interest")
    HEARING = "hearing", _("Directly affects major rights and went through a hearing")
    COMPLEX = "complex", _("Complex, or involves several legal relationships")
    OTHER_LAW = "other_law", _("Another law or regulation requires legal review")


class WithdrawalGround(models.TextChoices):
    """Why a published decision is withdrawn within 3 working days with reasons, CF Art. 48 ✅
    ¶2 (and Art. 85: 三日 are working days)."""

    CHANGED = "changed", _("Changed")
    REVOKED = "revoked", _("Revoked")
    UNLAWFUL = "unlawful", _("Found unlawful")
    VOID = "void", _("Found void")


class DecisionSource(models.TextChoices):
    """How the decision reached Fazhi."""

    EXCEL = "excel", _("Excel import")
    API = "api", _("Interface")
    WEB = "web", _("Entered on the page")
