"""Referral to legal aid (core.referrals): a consultation at a public legal service point opens
an application here with the person as applicant, registered by the same service as an
application at the window or online (legalaid.services.application_register: same checks,
number, review clocks of Art. 43, audit). The centre is the one chosen, or the centre of the
person's district (Art. 38: the agency of the place of the matter or of residence).

The financial condition rests on the applicant's personal commitment (Art. 41) unless
`details` says otherwise; no material is ticked as received, so the centre's review asks for
the identity document and the signed commitment at once (补正, Art. 43), as it does for an
online pre-application.

`details` keys read here: matter (a legalaid Matter), category, hardship, exemption, groups,
requests, legal_role.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Channel
from core import referrals
from core.errors import InvalidInput
from core.models import Organization
from legalaid.choices import Category, Hardship, Matter, Side, Source
from legalaid.services import application_centres, application_register

# The kinds of matter of a consultation (legalservice.choices.MatterKind, by value) as legal
# aid's matter and category; a value that is itself a category is taken as it is (civil).
MATTER_OF = {"administrative": Matter.ADMINISTRATIVE}
CATEGORY_OF = {"marriage_family": Category.MARRIAGE_FAMILY}


def centre_for(actor, region_code: str) -> Organization | None:
    """The legal aid centre of the person's district that the actor may register for; else
    the city's (a district without a centre of its own). Never a centre outside the actor's
    reach: None then, and the referral is refused."""
    own = application_centres(actor)
    for prefix in (region_code[:6], region_code[:4]):
        found = own.filter(region__code__startswith=prefix).order_by("region_id", "name")
        best = found.first()
        if best is not None:
            return best
    return None


def open_application(
    *, actor, organization, person, matter, summary, source, other_party=None, details=None
):
    """Register the referred application for legal aid."""
    details = details or {}
    if organization is None:
        region_code = person.get("region_code", "")
        organization = centre_for(actor, region_code) if region_code else None
        if organization is None:
            message = (
                _(
                    "No legal aid centre within your jurisdiction serves the person's district; "
                    "choose a street or town of your jurisdiction."
                )
                if region_code
                else _(
                    "A referral to legal aid without a chosen centre needs the street or town "
                    "of the person, to find the centre."
                )
            )
            raise InvalidInput(message, fields={"region_code": [message]})
    aid_matter = details.get("matter") or MATTER_OF.get(matter, Matter.CIVIL)
    category = details.get("category") or (
        matter if matter in Category.values else CATEGORY_OF.get(matter, Category.OTHER)
    )
    title = (
        _("Referral: %(category)s") % {"category": Category(category).label}
        if category in Category.values
        else _("Referral")
    )
    parties = [
        {
            "side": Side.APPLICANT,
            "name": person.get("name", ""),
            "phone": person.get("phone", ""),
            "id_number": person.get("id_number", ""),
            "address": person.get("address", ""),
        }
    ]
    if other_party and other_party.get("name"):
        parties.append({"side": Side.OPPOSING, "name": other_party["name"],
                        "phone": other_party.get("phone", "")})  # fmt: skip
    try:
        return application_register(
            actor=actor,
            organization=organization,
            data={
                "title": title,
                "facts": referrals.case_facts(summary, source),
                "requests": details.get("requests", ""),
                "matter": aid_matter,
                "category": category,
                "legal_role": details.get("legal_role", ""),
                "groups": list(details.get("groups") or []),
                "hardship": details.get("hardship") or Hardship.COMMITMENT,
                "exemption": details.get("exemption"),
                "materials": [],
                "source": Source.APPLICATION,
                "channel": Channel.REFERRAL,
            },
            parties=parties,
        )
    except InvalidInput as exc:
        raise referrals.recast(
            exc,
            parties={0: "person", 1: "other_party"},
            rename={"facts": "summary", "category": "matter"},
        ) from exc


referrals.register(
    referrals.Target(
        key="legalaid",
        label=gettext_lazy("legal aid"),
        permission="legalaid.add_aidcase",
        open=open_application,
        # The applicant's identity is part of the application (Art. 41).
        requires=("person_name", "person_phone", "person_id_number", "summary"),
        order=20,
    )
)
