"""Writes of administrative reconsideration: registering an application (窗口, post, oral, or
online on the portal) with its parties, checked whole and written in one transaction or not at
all. The steps after registration are the process's transitions (reconsideration.process),
fired through cases.engine."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.models import ChallengedAct, Channel
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind
from core.regions import jurisdiction_prefix, within
from core.services import clean_case_parties, save_case_parties
from core.validators import length_errors
from portal.security import new_tracking_code
from reconsideration.choices import ActType, Side
from reconsideration.models import ReconParty, ReconsiderationCase

CHANNELS = (Channel.WINDOW, Channel.ONLINE, Channel.POST)


def offices(actor):
    """The justice bureaus whose reconsideration office `actor` may register applications for."""
    bureaus = Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, is_active=True)
    if actor is None:
        return bureaus
    codes = actor.jurisdictions("reconsideration.add_reconsiderationcase")
    if not codes:
        return bureaus.none()
    condition = within("region_id", codes[0])
    for code in codes[1:]:
        condition |= within("region_id", code)
    return bureaus.filter(condition)


def respondents(office: Organization):
    """The agencies an application to `office` may name as respondent: those in its region."""
    return Organization.objects.filter(
        within("region_id", jurisdiction_prefix(office.region_id)),
        kind=OrganizationKind.AGENCY,
        is_active=True,
    )


def _date(data, key, errors, *, today) -> datetime.date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            errors[key] = [_("Enter a valid date.")]
            return None
    if value > today:
        errors[key] = [_("The date cannot be in the future.")]
        return None
    return value


def clean_application_data(data: dict[str, Any], *, office: Organization | None):
    """Check and normalise the fields of an application; return (cleaned, errors by field).
    No respondent or no challenged act is an error (Art. 22: the application names the
    respondent and the act)."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    today = timezone.localdate()
    for key in ("title", "act_description", "act_number", "requests", "facts"):
        cleaned[key] = str(data.get(key) or "").strip()
    errors.update(length_errors(ReconsiderationCase, cleaned))
    if not cleaned["act_description"]:
        errors["act_description"] = [_("Name the administrative act you challenge.")]
    if not cleaned["requests"]:
        errors["requests"] = [_("State what you ask the reconsideration authority to decide.")]
    if not cleaned["title"]:
        cleaned["title"] = cleaned["act_description"][:200]
    act_type = data.get("act_type") or ""
    if act_type not in ActType.values:
        errors["act_type"] = [_("Choose the kind of act.")]
    cleaned["act_type"] = act_type
    respondent = data.get("respondent")
    if isinstance(respondent, int | str) and str(respondent).isdigit():
        key = int(respondent)
        respondent = Organization.objects.filter(pk=key).first() if key < 2**31 else None
    if not isinstance(respondent, Organization):
        errors["respondent"] = [_("Name the agency whose act you challenge (the respondent).")]
    elif office is not None and not respondents(office).filter(pk=respondent.pk).exists():
        errors["respondent"] = [
            _("That agency is not within the jurisdiction of %(office)s.") % {"office": office}
        ]
    cleaned["respondent"] = respondent if "respondent" not in errors else None
    cleaned["act_on"] = _date(data, "act_on", errors, today=today)
    cleaned["knew_on"] = _date(data, "knew_on", errors, today=today)
    received_on = _date(data, "received_on", errors, today=today)
    if received_on:
        cleaned["received_on"] = received_on
    if cleaned["act_on"] and cleaned["knew_on"] and cleaned["knew_on"] < cleaned["act_on"]:
        errors["knew_on"] = [_("You cannot have learned of the act before it was made.")]
    channel = data.get("channel") or Channel.WINDOW
    if channel not in CHANNELS:
        errors["channel"] = [_("Choose how the application came in: window, online or post.")]
    cleaned["channel"] = channel
    for key in ("requests_void", "oral"):
        cleaned[key] = bool(data.get(key))
    cleaned["informed_of_right"] = data.get("informed_of_right", True) not in (False, "", "0")
    return cleaned, errors


def _check_office(actor, office, errors) -> None:
    if office is None or office.kind != OrganizationKind.JUSTICE_BUREAU:
        errors["organization"] = [_("Choose the justice bureau that handles the application.")]
    elif not office.is_active:
        errors["organization"] = [_("That justice bureau is no longer active.")]
    elif actor is not None and not offices(actor).filter(pk=office.pk).exists():
        errors["organization"] = [_("That justice bureau is outside your jurisdiction.")]


def application_register(
    *,
    actor,
    organization: Organization,
    data: dict[str, Any],
    parties: list[dict[str, Any]],
    tracking_code: bool = False,
) -> ReconsiderationCase:
    """Register an application for administrative reconsideration with its parties
    (applicants, third parties, agents): everything is checked first and written in one
    transaction (number, case, parties, first event, the acceptance review clock of Art. 30),
    or nothing is written. `actor` None: an application made online on the portal."""
    if actor is not None and not actor.can("reconsideration.add_reconsiderationcase"):
        raise PermissionDenied(_("You may not register reconsideration applications."))
    errors: dict[str, list[str]] = {}
    _check_office(actor, organization, errors)
    office = organization if "organization" not in errors else None
    cleaned, data_errors = clean_application_data(data, office=office)
    for key, messages in data_errors.items():
        errors.setdefault(key, []).extend(messages)
    party_rows = clean_case_parties(
        actor,
        parties,
        errors,
        sides=Side.values,
        required=[(Side.APPLICANT, _("Name at least one applicant."))],
    )
    InvalidInput.raise_for(errors)
    received_on = cleaned.pop("received_on", None)
    with acting(actor), transaction.atomic():
        case = ReconsiderationCase(
            **cleaned, organization=organization, region_code=organization.region_id
        )
        if received_on and received_on != timezone.localdate():
            case.received_at = timezone.make_aware(
                datetime.datetime.combine(received_on, datetime.time(9, 0))
            )
        if tracking_code:
            case.tracking_code = new_tracking_code()
        engine.open_case(
            case,
            actor=actor,
            data={"title": case.title, "act_type": case.act_type},
            on_date=received_on,
        )
        save_case_parties(
            party_rows,
            organization=organization,
            actor=actor,
            link=functools.partial(ReconParty.objects.create, case=case),
        )
        ChallengedAct.record(case, case.respondent, case.act_number)
    return case
