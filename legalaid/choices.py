"""Legal aid classifications (reference/statutes.md §2, reference/documents.md §4): matters,
categories of help, where a case comes from, the grounds on which financial hardship is
established or not required, and outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Matter(models.TextChoices):
    CIVIL = "civil", _("Civil")
    CRIMINAL = "criminal", _("Criminal")
    ADMINISTRATIVE = "administrative", _("Administrative")
    STATE_COMPENSATION = "state_compensation", _("State compensation")


class Category(models.TextChoices):
    """The kind of matter (案由) as the centres report it; Art. 31 lists the civil and
    administrative matters open to people in financial hardship."""

    WAGES = "wages", _("Claim for unpaid labour remuneration")
    WORK_INJURY = "work_injury", _("Work injury")
    MARRIAGE_FAMILY = "marriage_family", pgettext_lazy("legal aid", "Marriage and family")
    MAINTENANCE = "maintenance", _("Maintenance of relatives")
    TRAFFIC = "traffic", pgettext_lazy("legal aid", "Road traffic accident")
    MEDICAL = "medical", _("Medical dispute")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance and minimum living allowance")
    PERSONAL_INJURY = "personal_injury", _("Personal injury compensation")
    ENVIRONMENT = "environment", _("Environmental and ecological damage")
    STATE_COMPENSATION = "state_compensation", _("State compensation")
    CRIMINAL_DEFENCE = "criminal_defence", _("Criminal defence")
    CRIMINAL_VICTIM = "criminal_victim", _("Representation of a crime victim")
    OTHER = "other", pgettext_lazy("legal aid", "Other")


class Source(models.TextChoices):
    APPLICATION = "application", _("Application by the person")
    DUTY_LAWYER = "duty_lawyer", _("Transferred by a duty lawyer at a workstation")
    NOTIFICATION = "notification", _("Notification by police, procuratorate or court")


class NotifyingAuthority(models.TextChoices):
    POLICE = "police", _("Public security organ")
    PROCURATORATE = "procuratorate", _("People's procuratorate")
    COURT = "court", _("People's court")


class Hardship(models.TextChoices):
    """How the financial condition is settled (Arts. 32, 34, 41, 42)."""

    COMMITMENT = "commitment", _("Personal commitment in lieu of proof")
    PROOF = "proof", _("Proof of financial hardship")
    NOT_REQUIRED = "not_required", _("No hardship condition (Art. 32)")
    CHECK_WAIVED = "check_waived", _("Means check waived (Art. 42)")
    LOCAL = "local", _("Local category")
    NOTIFIED = "notified", _("Notified case: no means test (Arts. 25–28)")


class Group(models.TextChoices):
    """人群类别 on the application form."""

    DISABLED = "disabled", _("Person with a disability")
    ELDERLY = "elderly", _("Elderly person")
    MINOR = "minor", _("Minor")
    WOMAN = "woman", _("Woman")
    MIGRANT_WORKER = "migrant_worker", _("Migrant worker")
    VETERAN = "veteran", _("Veteran or military family")
    POOR = "poor", _("Person in financial hardship")
    OTHER = "other", pgettext_lazy("legal aid", "Other")


class Side(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    AGENT = "agent", _("Agent of the applicant")
    OPPOSING = "opposing", _("Opposing party")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Aid granted")
    REFUSED = "refused", _("Aid refused")


class TerminationGround(models.TextChoices):
    """Art. 48."""

    FRAUD = "fraud", _("Aid obtained by deception")
    CONCEALMENT = "concealment", _("Facts concealed or false evidence")
    MISUSE = "misuse", _("Aid used for an illegal purpose")
    NO_LONGER_ELIGIBLE = "no_longer_eligible", _("Financial condition no longer qualifies")
    ENDED = "ended", _("The case ended or was withdrawn")
    OWN_LAWYER = "own_lawyer", _("The recipient hired their own lawyer")
    RECIPIENT_ASKS = "recipient_asks", _("The recipient asked, with good reason")
    OTHER = "other", _("Other ground set by law")


class AssignmentMethod(models.TextChoices):
    LOTTERY = "lottery", _("Lottery draw")
    ROTATION = "rotation", _("Rotation (nobody opted in)")
    DIRECT = "direct", _("Direct assignment")


class Outcome(models.TextChoices):
    REFUSED = "refused", _("Aid refused")
    WITHDRAWN = "withdrawn", _("Application withdrawn")
    TERMINATED = "terminated", _("Aid terminated")
    CLOSED = "closed", _("Case closed")


class Result(models.TextChoices):
    """How the matter itself ended, from the closing report (结案报告表)."""

    JUDGMENT_WON = "judgment_won", _("Judgment in the recipient's favour")
    JUDGMENT_PARTLY = "judgment_partly", _("Judgment partly in the recipient's favour")
    JUDGMENT_LOST = "judgment_lost", _("Judgment against the recipient")
    MEDIATED = "mediated", _("Mediated")
    SETTLED = "settled", _("Settled")
    WITHDRAWN = "withdrawn", _("Claim withdrawn")
    DEFENCE_ADOPTED = "defence_adopted", _("Defence opinions adopted")
    DEFENCE_NOT_ADOPTED = "defence_not_adopted", _("Defence opinions not adopted")
    OTHER = "other", pgettext_lazy("legal aid", "Other")


class Grade(models.TextChoices):
    """The centre's grade of a closed file (归档审查)."""

    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class Material(models.TextChoices):
    """The checklist of materials (Art. 41)."""

    IDENTITY = "identity", _("Identity document")
    HARDSHIP = "hardship", _("Financial hardship commitment or proof")
    MATTER = "matter", _("Materials on the matter")
    AGENT_AUTHORITY = "agent_authority", _("Agent's authority (if an agent applies)")


class ProgressStage(models.TextChoices):
    FILED = "filed", _("Case filed")
    HEARING = "hearing", _("Hearing held")
    OTHER = "other", _("Other step")
