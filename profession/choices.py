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
    LAWYER = "lawyer", _("Lawyer")
    FIRM = "firm", _("Law firm")


class PenaltyArticle(models.TextChoices):
    """The articles of the Lawyers Law under which a penalty is imposed."""

    ART_47 = "47", _("Lawyers Law Art. 47")
    ART_48 = "48", _("Lawyers Law Art. 48")
    ART_49 = "49", _("Lawyers Law Art. 49")
    ART_50 = "50", _("Lawyers Law Art. 50 (firm)")
