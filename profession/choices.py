"""Fixed values of the legal-services sector (reference/statutes-lines.md §E)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FirmForm(models.TextChoices):
    """The organisational form of a law firm (律师法 Arts. 14–20)."""

    PARTNERSHIP = "partnership", _("Partnership")
    SOLE = "sole", _("Sole practitioner firm")
    STATE = "state", _("State-funded firm")


class InstitutionStatus(models.TextChoices):
    PRACTISING = "practising", pgettext_lazy("institution status", "Practising")
    SUSPENDED = "suspended", _("Closed for rectification")
    DEREGISTERED = "deregistered", _("Deregistered")


class AppraisalCategory(models.TextChoices):
    """The categories of forensic appraisal (GD‑SJ Art. 9 ✅)."""

    FORENSIC_MEDICINE = "forensic_medicine", _("Forensic medicine")
    PHYSICAL_EVIDENCE = "physical_evidence", _("Physical evidence")
    AUDIOVISUAL = "audiovisual", _("Audio-visual materials")
    ENVIRONMENTAL = "environmental", _("Environmental damage")
    OTHER = "other", _("Other appraisal")


class InspectionResult(models.TextChoices):
    """The grade of a firm's annual inspection (◑ practice, statutes-lines §E.1)."""

    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class VolumeKind(models.TextChoices):
    NOTARISATION = "notarisation", _("Notarisations")
    APPRAISAL = "appraisal", _("Forensic appraisals")


class SubjectKind(models.TextChoices):
    """Whom a complaint is against: a practitioner (a person) or a practising institution, of
    the three registers (律师 / 公证 / 司法鉴定)."""

    LAWYER = "lawyer", _("Lawyer")
    FIRM = "firm", _("Law firm")
    NOTARY = "notary", _("Notary")
    NOTARY_OFFICE = "notary_office", _("Notary office")
    APPRAISER = "appraiser", _("Forensic appraiser")
    FORENSIC_INSTITUTION = "forensic_institution", _("Forensic institution")


#: The subjects that are persons (suspended from practice, never closed) and those that are
#: institutions (closed for rectification, never suspended).
PERSONS = frozenset({SubjectKind.LAWYER, SubjectKind.NOTARY, SubjectKind.APPRAISER})
INSTITUTIONS = frozenset(
    {SubjectKind.FIRM, SubjectKind.NOTARY_OFFICE, SubjectKind.FORENSIC_INSTITUTION}
)


class Law(models.TextChoices):
    """The law under which a subject is penalised (reference/statutes-lines.md §E.1–E.3)."""

    LAWYERS = "ls", _("Lawyers Law")
    NOTARIZATION = "gz", _("Notarization Law")
    APPRAISAL = "sj", _("Guangdong forensic appraisal rules")


SUBJECT_LAW = {
    SubjectKind.LAWYER: Law.LAWYERS,
    SubjectKind.FIRM: Law.LAWYERS,
    SubjectKind.NOTARY: Law.NOTARIZATION,
    SubjectKind.NOTARY_OFFICE: Law.NOTARIZATION,
    SubjectKind.APPRAISER: Law.APPRAISAL,
    SubjectKind.FORENSIC_INSTITUTION: Law.APPRAISAL,
}


class PenaltyArticle(models.TextChoices):
    """The articles under which a penalty is imposed: the Lawyers Law (Arts. 47–50, §E.1), the
    Notarization Law (Arts. 41–42, §E.2) and, for forensic appraisal, the penalty provisions of
    the Guangdong regulation (GD‑SJ ❓: the reference names no article, so one generic choice)."""

    ART_47 = "47", _("Lawyers Law Art. 47")
    ART_48 = "48", _("Lawyers Law Art. 48")
    ART_49 = "49", _("Lawyers Law Art. 49")
    ART_50 = "50", _("Lawyers Law Art. 50 (firm)")
    GZ_41 = "gz41", _("Notarization Law Art. 41")
    GZ_42 = "gz42", _("Notarization Law Art. 42")
    GD_SJ = "gdsj", _("Forensic appraisal rules (GD‑SJ)")


ARTICLE_LAW = {
    PenaltyArticle.ART_47: Law.LAWYERS,
    PenaltyArticle.ART_48: Law.LAWYERS,
    PenaltyArticle.ART_49: Law.LAWYERS,
    PenaltyArticle.ART_50: Law.LAWYERS,
    PenaltyArticle.GZ_41: Law.NOTARIZATION,
    PenaltyArticle.GZ_42: Law.NOTARIZATION,
    PenaltyArticle.GD_SJ: Law.APPRAISAL,
}
