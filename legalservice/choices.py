"""Classifications of public legal services (reference/statutes-lines.md §F): the three levels
of the service network (SD‑GF Arts. 10–12), the services a point offers, the channels of a
service (window, the 12348 hotline, the network platform: SD‑GF Arts. 13–14), the kinds of
matter and what became of a request."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.regions import RegionLevel


class PointLevel(models.TextChoices):
    CENTRE = "centre", _("Public legal service centre")
    STATION = "station", _("Public legal service station")
    OFFICE = "office", _("Public legal service office")


# The region levels each kind of point stands at (SD‑GF Art. 10: province, city, county;
# Art. 11: township or street; Art. 12: village or residents' committee).
LEVEL_REGIONS = {
    PointLevel.CENTRE: (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY),
    PointLevel.STATION: (RegionLevel.TOWNSHIP,),
    PointLevel.OFFICE: (RegionLevel.VILLAGE,),
}


class PointService(models.TextChoices):
    CONSULTATION = "consultation", _("Legal consultation")
    MEDIATION_INTAKE = "mediation_intake", _("People's mediation intake")
    LEGAL_AID_INTAKE = "legal_aid_intake", _("Legal aid intake")
    NOTARISATION = "notarisation_guidance", _("Notarisation guidance")
    FORENSIC = "forensic_guidance", _("Forensic appraisal guidance")
    EDUCATION = "legal_education", _("Public legal education")
    DOCUMENTS = "document_help", _("Help with legal documents")


class ServiceChannel(models.TextChoices):
    WINDOW = "window", _("Centre or window")
    HOTLINE = "hotline", _("Hotline 12348")
    ONLINE = "online", _("Online")


class MatterKind(models.TextChoices):
    MARRIAGE_FAMILY = "marriage_family", _("Marriage and family")
    LABOUR = "labour", _("Labour dispute")
    CONTRACT = "contract", _("Contract")
    LOAN = "loan", _("Loans and debts")
    PROPERTY = "property", _("Real estate")
    TORT = "tort", _("Tort")
    ADMINISTRATIVE = "administrative", _("Administrative matter")
    OTHER = "other", _("Other")


class ServiceOutcome(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    TO_MEDIATION = "referred_mediation", _("Referred to people's mediation")
    TO_LEGAL_AID = "referred_legal_aid", _("Referred to legal aid")
    TO_RECONSIDERATION = "referred_reconsideration", _("Referred to administrative reconsideration")
    LITIGATION_GUIDANCE = "litigation_guidance", _("Litigation guidance")
    OTHER = "other", _("Other")
    # A consultation asked on the portal (legalservice.qa_services), not answered yet.
    PENDING = "pending", _("Pending answer")


# A referral hands the person on to another line, where a case may be opened (legalservice.
# referrals). Litigation guidance tells the person how to go to court: no line of Fazhi takes
# it up, so it is not a referral.
REFERRALS = (
    ServiceOutcome.TO_MEDIATION,
    ServiceOutcome.TO_LEGAL_AID,
    ServiceOutcome.TO_RECONSIDERATION,
)
