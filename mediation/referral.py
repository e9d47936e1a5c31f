"""Referral to people's mediation (core.referrals): a consultation at a public legal service
point opens a dispute here with the person as applicant, registered by the same service as a
walk-in application (mediation.services.dispute_register: same checks, number, clock, audit),
routed like an online request (mediation.routing) when no committee is chosen. The person
applies (People's Mediation Law Art. 17), so the source is the party's application; the
channel says the application came by referral.

`details` keys read here: dispute_type (a DisputeType value; otherwise from `matter`),
dispute_subtype, requests, address (the place of the dispute; otherwise the person's).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Channel
from core import referrals
from core.errors import InvalidInput
from mediation.choices import DisputeType, Side, Source
from mediation.routing import route
from mediation.services import dispute_register

# The kinds of matter of a consultation (legalservice.choices.MatterKind, by value) as the
# ministry's dispute types; a value that is itself a dispute type is taken as it is.
DISPUTE_TYPE_OF_MATTER = {
    "marriage_family": DisputeType.MARRIAGE_FAMILY,
    "labour": DisputeType.LABOUR,
    "contract": DisputeType.CONTRACT,
    "loan": DisputeType.CONTRACT,  # 民间借贷 is a contract dispute in the ministry's table
    "property": DisputeType.HOUSING_LAND,
    "tort": DisputeType.DAMAGES,
}


def dispute_type_of(matter: str) -> str:
    if matter in DisputeType.values:
        return matter
    return DISPUTE_TYPE_OF_MATTER.get(matter, DisputeType.OTHER)


def open_dispute(
    *, actor, organization, person, matter, summary, source, other_party=None, details=None
):
    """Register the referred dispute; the committee is `organization`, or the one routing
    finds for the person's street and the dispute type."""
    details = details or {}
    dispute_type = details.get("dispute_type") or dispute_type_of(matter)
    if organization is None:
        if not person.get("region_code"):
            message = _(
                "A referral to mediation without a chosen committee needs the street or town "
                "of the person, to find the committee."
            )
            raise InvalidInput(message, fields={"region_code": [message]})
        organization = route(person["region_code"], dispute_type)
        if organization is None:
            from mediation.online import no_one_serves

            message = no_one_serves(person["region_code"])
            raise InvalidInput(message, fields={"region_code": [message]})
    title_type = (
        DisputeType(dispute_type).label if dispute_type in DisputeType.values else dispute_type
    )
    other = other_party or {}
    try:
        return dispute_register(
            actor=actor,
            organization=organization,
            data={
                "title": _("Referral: %(type)s") % {"type": title_type},
                "facts": referrals.case_facts(summary, source),
                "requests": details.get("requests", ""),
                "dispute_type": dispute_type,
                "dispute_subtype": details.get("dispute_subtype", ""),
                "address": details.get("address") or person.get("address", ""),
                "source": Source.APPLICATION,
                "channel": Channel.REFERRAL,
            },
            parties=[
                {
                    "side": Side.APPLICANT,
                    "name": person.get("name", ""),
                    "phone": person.get("phone", ""),
                    "id_number": person.get("id_number", ""),
                    "address": person.get("address", ""),
                },
                {
                    "side": Side.RESPONDENT,
                    "name": other.get("name", ""),
                    "phone": other.get("phone", ""),
                },
            ],
        )
    except InvalidInput as exc:
        raise referrals.recast(
            exc,
            parties={0: "person", 1: "other_party"},
            rename={"facts": "summary", "dispute_type": "matter", "dispute_subtype": "matter"},
        ) from exc


referrals.register(
    referrals.Target(
        key="mediation",
        label=gettext_lazy("people's mediation"),
        permission="mediation.add_dispute",
        open=open_dispute,
        # Art. 17 and the register (登记) name both sides of the dispute.
        requires=("person_name", "person_phone", "other_party_name", "summary"),
        order=10,
    )
)
