"""Mediation classifications (reference/documents.md §2): the ministry's 15 reporting
categories of disputes with the second level used in current systems, case sources, agreement
forms and committee kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisputeType(models.TextChoices):
    MARRIAGE_FAMILY = "marriage_family", _("Marriage and family")
    NEIGHBOUR = "neighbour", _("Neighbours")
    HOUSING_LAND = "housing_land", _("Housing and homestead")
    CONTRACT = "contract", _("Contract")
    BUSINESS = "business", _("Production and business")
    DAMAGES = "damages", _("Compensation for damage")
    FOREST_LAND = "forest_land", _("Forest and land")
    LAND_ACQUISITION = "land_acquisition", _("Land acquisition and demolition")
    ENVIRONMENT = "environment", _("Environmental pollution")
    LABOUR = "labour", _("Labour")
    CONSUMER = "consumer", _("Consumer")
    MEDICAL = "medical", _("Medical")
    TRAFFIC = "traffic", _("Road traffic accident")
    PROPERTY_MANAGEMENT = "property_management", _("Property management")
    OTHER = "other", _("Other")


class DisputeSubtype(models.TextChoices):
    WAGE_ARREARS = "labour.wage_arrears", _("Unpaid wages of migrant workers")
    LABOUR_OTHER = "labour.other", _("Other labour disputes")
    TOURISM = "consumer.tourism", _("Tourism")
    ECOMMERCE = "consumer.ecommerce", _("E-commerce")
    CONSUMER_OTHER = "consumer.other", _("Other consumer disputes")


SUBTYPES_OF = {
    DisputeType.LABOUR: [DisputeSubtype.WAGE_ARREARS, DisputeSubtype.LABOUR_OTHER],
    DisputeType.CONSUMER: [
        DisputeSubtype.TOURISM,
        DisputeSubtype.ECOMMERCE,
        DisputeSubtype.CONSUMER_OTHER,
    ],
}


class Source(models.TextChoices):
    APPLICATION = "application", _("Application by a party")
    INITIATIVE = "initiative", _("Committee's own initiative (screening)")
    COURT = "court", _("Referred by a court")
    PROCURATORATE = "procuratorate", _("Referred by a procuratorate")
    POLICE = "police", _("Referred by the police")
    PETITION = "petition", _("Referred by the petitions office")
    HOTLINE = "hotline", _("Referred by the 12345 hotline")
    GOVERNMENT = "government", _("Referred by another government department")


class AgreementForm(models.TextChoices):
    WRITTEN = "written", _("Written agreement")
    ORAL = "oral", _("Oral agreement")


class Side(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")
    THIRD_PARTY = "third_party", _("Third party")


class Outcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("Agreement reached")
    FAILED = "failed", _("Mediation failed")
    TERMINATED = "terminated", _("Terminated")
    REFUSED = "refused", _("Not accepted")


class ConfirmationResult(models.TextChoices):
    VALID = "valid", _("Confirmed valid")
    REJECTED = "rejected", _("Application rejected")


class Performance(models.TextChoices):
    FULL = "full", _("Fully performed")
    PARTIAL = "partial", _("Partly performed")
    NONE = "none", _("Not performed")
    PENDING = "pending", _("Not yet due")


class OtherRoute(models.TextChoices):
    ARBITRATION = "arbitration", _("Arbitration")
    ADMINISTRATIVE = "administrative", _("Administrative channels")
    LITIGATION = "litigation", _("Litigation in court")


class CommitteeKind(models.TextChoices):
    VILLAGE = "village", _("Village committee")
    RESIDENTS = "residents", _("Residents' committee")
    TOWNSHIP = "township", _("Township committee")
    STREET = "street", _("Street committee")
    ENTERPRISE = "enterprise", _("Enterprise or institution committee")
    SOCIAL = "social", _("Social organisation committee")
    INDUSTRY = "industry", _("Industry or professional committee")
    STUDIO = "studio", _("Personal mediation studio")
    STATIONED = "stationed", _("Stationed mediation office")


class Employment(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
