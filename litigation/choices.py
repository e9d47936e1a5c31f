"""Administrative litigation classifications (行政诉讼法 2017, reference/statutes.md §5; 最高人民
法院关于行政机关负责人出庭应诉若干问题的规定, in force 2020-07-01): the trial level, the sides,
who counts as the agency's head in court (Provisions Art. 2), the excuses for a head's absence
(Art. 8), the judgments and rulings and which of them are losses for the agency (statutes.md
§8), and the grounds of a loss (Arts. 70, 72)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The court serves the notice to appear on the agency's head at least this many days before the
# hearing (Provisions Art. 5, 开庭三日前).
HEAD_NOTICE_DAYS = 3


class TrialLevel(models.TextChoices):
    """One LitigationCase per trial level (审级): an appeal or a retrial is a case of its own,
    linked to the earlier level's."""

    FIRST = "first", _("First instance")
    SECOND = "second", _("Second instance (appeal)")
    RETRIAL = "retrial", _("Retrial")


class Side(models.TextChoices):
    PLAINTIFF = "plaintiff", _("Plaintiff")
    THIRD_PARTY = "third_party", pgettext_lazy("litigation", "Third party")


class HeadPosition(models.TextChoices):
    """Who may appear as the head of the defendant agency (Provisions Art. 2 ¶1). The heads of
    an organisation the agency delegated, or of a lower agency, do not count (Art. 2 ¶2): they
    are recorded as delegated staff."""

    PRINCIPAL = "principal", _("Principal head (正职负责人)")
    DEPUTY = "deputy", _("Deputy head (副职负责人)")
    OTHER = "other", _("Other responsible person in charge of the act (参与分管的其他负责人)")


class AbsenceGround(models.TextChoices):
    """Why the head did not appear (Provisions Art. 8 ¶1); "none": absent without a valid
    excuse, which the court may answer with a judicial recommendation (Art. 12)."""

    FORCE_MAJEURE = "1", _("(1) Force majeure")
    ACCIDENT = "2", _("(2) Accident")
    DUTY = "3", _("(3) Official duties no one else can perform")
    OTHER = "4", _("(4) Another legitimate reason")
    NONE = "none", _("No valid excuse")


class Appellant(models.TextChoices):
    AGENCY = "agency", _("The agency (defendant)")
    OTHER = "other", _("Another party")


class Judgment(models.TextChoices):
    """How a trial level ended (行政诉讼法 Arts. 60, 62, 69–78, 89): judgments, rulings and
    mediation; the last two apply to an appeal or a retrial only. A judgment that changes the
    earlier level's is recorded by its own type (撤销, 确认违法, ...)."""

    REJECT_CLAIMS = "reject_claims", _("Claims rejected (Art. 69)")
    ANNUL = "annul", _("Act annulled (Art. 70)")
    ANNUL_PART = "annul_part", _("Act annulled in part (Art. 70)")
    DECLARE_UNLAWFUL = "declare_unlawful", _("Act declared unlawful (Art. 74)")
    DECLARE_VOID = "declare_void", _("Act declared void (Art. 75)")
    ORDER_PERFORMANCE = "order_performance", _("Agency ordered to perform (Arts. 72, 73)")
    CHANGE = "change", _("Act changed (Art. 77)")
    COMPENSATION = "compensation", _("Compensation ordered (Art. 76)")
    WITHDRAWN = "withdrawn", _("Plaintiff withdrew (ruling, Art. 62)")
    DISMISS_SUIT = "dismiss_suit", _("Suit dismissed (ruling)")
    MEDIATED = "mediated", pgettext_lazy("litigation", "Mediated (Art. 60)")
    UPHELD = "upheld", _("Appeal or petition rejected, earlier judgment upheld (Art. 89)")
    REMANDED = "remanded", _("Remanded for retrial (Art. 89)")


# The judgments against the agency (statutes.md §8): annulled in whole or part, declared
# unlawful or void, ordered to perform, changed, compensation.
LOSSES = frozenset({
    Judgment.ANNUL, Judgment.ANNUL_PART, Judgment.DECLARE_UNLAWFUL, Judgment.DECLARE_VOID,
    Judgment.ORDER_PERFORMANCE, Judgment.CHANGE, Judgment.COMPENSATION,
})  # fmt: skip
# Judgments proper (判决): appealed within 15 days of service (Art. 85).
JUDGMENTS = LOSSES | {Judgment.REJECT_CLAIMS}
# Rulings appealed within 10 days (Art. 85): the ruling dismissing the suit. A ruling allowing
# the withdrawal and a mediation statement are not appealed.
APPEALABLE_RULINGS = frozenset({Judgment.DISMISS_SUIT})
# The first-instance conclusions the loss and win rates count (litigation.indicators): the
# judgments and the dismissal of the suit, a win for the agency. A withdrawal and a mediation
# decide nobody's right (a withdrawal often follows the agency changing its act, Art. 62) and
# are left out of both rates.
DECIDED = JUDGMENTS | APPEALABLE_RULINGS
WINS = frozenset({Judgment.REJECT_CLAIMS, Judgment.DISMISS_SUIT})
# Only an appeal or a retrial ends this way.
LATER_LEVEL_ONLY = frozenset({Judgment.UPHELD, Judgment.REMANDED})


class LossGround(models.TextChoices):
    """The main reason the agency lost (行政诉讼法 Arts. 70, 72, 74, 75, 77)."""

    EVIDENCE = "evidence", _("Main evidence insufficient")
    LAW = "law", _("Wrong application of laws or regulations")
    PROCEDURE = "procedure", _("Statutory procedure violated")
    EXCESS = "excess", _("Beyond the agency's powers")
    ABUSE = "abuse", _("Abuse of power")
    UNREASONABLE = "unreasonable", _("Obviously improper")
    FAILURE_TO_ACT = "failure_to_act", _("Failure to perform a statutory duty")
    VOID = "void", _("Serious and obvious illegality (void act)")
    OTHER = "other", pgettext_lazy("loss ground", "Other")
