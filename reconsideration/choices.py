"""Administrative reconsideration classifications (行政复议法 2023, reference/statutes.md §1):
the challenged act, how the application came in, the procedure, the grounds of suspension
(Art. 39), the decision types in their statutory order (Arts. 63–72) and the outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Side(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    THIRD_PARTY = "third_party", _("Third party")
    AGENT = "agent", _("Agent")


class ActType(models.TextChoices):
    """The kind of administrative act challenged (Art. 11)."""

    PENALTY = "penalty", _("Administrative penalty")
    COERCION = "coercion", _("Administrative coercion")
    LICENCE = "licence", _("Administrative licence")
    FAILURE_TO_ACT = "failure_to_act", _("Failure to perform a statutory duty")
    INFORMATION = "information", _("Government information disclosure")
    OWNERSHIP = "ownership", _("Determination of ownership of natural resources")
    EXPROPRIATION = "expropriation", _("Expropriation and requisition")
    WORK_INJURY = "work_injury", _("Work-injury determination")
    OTHER = "other", pgettext_lazy("act type", "Other")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary procedure")
    SIMPLIFIED = "simplified", _("Simplified procedure")


class SimplifiedGround(models.TextChoices):
    """Art. 53: facts clear, rights and duties plain, dispute minor, and one of these."""

    ON_THE_SPOT = "on_the_spot", _("Act made on the spot")
    WARNING = "warning", _("Warning or public criticism")
    SMALL_FINE = "small_fine", _("Fine or confiscation of at most 3,000 yuan")
    INFORMATION = "information", _("Government information disclosure")
    AGREED = "agreed", _("All parties agree to the simplified procedure")


class SuspensionGround(models.TextChoices):
    """Art. 39 ¶1, in the statute's order; grounds 1, 2 and 4 lasting 60 days end the case
    (Art. 41 ¶1 (5))."""

    DEATH = "1", _("(1) The applicant died and the next of kin have not decided")
    INCAPACITY = "2", _("(2) The applicant lost capacity and has no representative yet")
    MISSING = "3", _("(3) The applicant is missing")
    DISSOLVED = "4", _("(4) The organisation ended and no successor is known yet")
    FORCE_MAJEURE = "5", _("(5) Force majeure or another good reason")
    MEDIATION = "6", _("(6) Mediation or settlement agreed by both sides")
    INTERPRETATION = "7", _("(7) An interpretation of the law is needed")
    OTHER_CASE = "8", _("(8) The case depends on another case")
    DOCUMENT_REVIEW = "9", _("(9) Incidental review of a normative document (Arts. 56, 57)")
    OTHER = "10", _("(10) Another ground that requires suspension")


# Grounds whose suspension lasting 60 days ends the reconsideration (Art. 41 ¶1 (5)).
LAPSING_GROUNDS = frozenset({SuspensionGround.DEATH, SuspensionGround.INCAPACITY,
                             SuspensionGround.DISSOLVED})  # fmt: skip


class TerminationGround(models.TextChoices):
    """Art. 41 ¶1."""

    WITHDRAWN = "withdrawn", _("(1) The applicant withdrew and the withdrawal was approved")
    NO_SUCCESSOR_PERSON = "no_heir", _("(2) The applicant died with no next of kin, or they "
                                       "waived")  # fmt: skip
    NO_SUCCESSOR_ORG = "no_successor", _("(3) The organisation ended with no successor, or it "
                                         "waived")  # fmt: skip
    CRIMINAL = "criminal", _("(4) The detention became a criminal coercive measure")
    LAPSED = "lapsed", _("(5) Suspension on ground 1, 2 or 4 lasted 60 days")


class DecisionType(models.TextChoices):
    """The decisions on the merits, in the statute's order (Arts. 63–72)."""

    CHANGE = "change", _("Change the act (Art. 63)")
    ANNUL = "annul", _("Annul the act (Art. 64)")
    ANNUL_PART = "annul_part", _("Annul the act in part (Art. 64)")
    ANNUL_REDO = "annul_redo", _("Annul and order a new act (Art. 64)")
    DECLARE_UNLAWFUL = "declare_unlawful", _("Declare the act unlawful (Art. 65)")
    ORDER_PERFORMANCE = "order_performance", _("Order performance (Art. 66)")
    DECLARE_VOID = "declare_void", _("Declare the act void (Art. 67)")
    UPHOLD = "uphold", _("Uphold the act (Art. 68)")
    REJECT_CLAIM = "reject_claim", _("Reject the request for reconsideration (Art. 69)")
    CONTRACT_REMEDY = "contract_remedy", _("Order remedies under an administrative contract "
                                           "(Art. 71)")  # fmt: skip


# The decisions that correct the respondent (直接纠错, reference/statutes.md §8).
CORRECTING = frozenset({
    DecisionType.CHANGE, DecisionType.ANNUL, DecisionType.ANNUL_PART, DecisionType.ANNUL_REDO,
    DecisionType.DECLARE_UNLAWFUL, DecisionType.ORDER_PERFORMANCE, DecisionType.DECLARE_VOID,
    DecisionType.CONTRACT_REMEDY,
})  # fmt: skip


class Outcome(models.TextChoices):
    DECIDED = "decided", _("Decided")
    MEDIATED = "mediated", pgettext_lazy("reconsideration", "Mediated")
    SETTLED = "settled", _("Settled and withdrawn")
    WITHDRAWN = "withdrawn", pgettext_lazy("reconsideration", "Withdrawn")
    TERMINATED = "terminated", pgettext_lazy("reconsideration", "Terminated")
    REFUSED = "refused", _("Not accepted")
    REJECTED = "rejected", _("Application rejected")
    ABANDONED = "abandoned", _("Deemed abandoned")
