"""Writes in legal aid: applications (申请), consultations, the lawyer pool and the exemption
categories. Each is one transaction with its audit rows; every value is checked before the
first write, so bad input writes nothing (core.errors.InvalidInput names each field). State
changes after registration go through the case engine (`cases.engine.fire`, legalaid.process).

Statute: Legal Aid Law (法律援助法) — reference/statutes.md §2.
"""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.models import Channel
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Lawyer, Organization, OrganizationKind, PartyKind, PractitionerStatus
from core.regions import ancestor_codes, jurisdiction_prefix, within
from core.roles import ROLE_PERMISSIONS, ROLE_SCOPE, Role, Scope
from core.services import clean_case_parties, save_case_parties, typed_amount
from core.validators import length_errors
from legalaid.choices import (
    Category,
    Decision,
    Group,
    Hardship,
    Material,
    Matter,
    NotifyingAuthority,
    Side,
    Source,
)
from legalaid.models import AidCase, AidParty, Consultation, Exemption, PoolMember
from legalaid.process import notified
from portal.security import new_tracking_code

# No application in Fazhi predates this: a year-1 date is a typing error, not history (and it
# would number the case （1）…).
EARLIEST_RECEIPT = datetime.date(2000, 1, 1)

# Criminal matters take the criminal categories (defence, representation of a victim) and
# "other" (e.g. compulsory medical treatment, Art. 28); no other matter takes them.
CRIMINAL_CATEGORIES = frozenset({Category.CRIMINAL_DEFENCE, Category.CRIMINAL_VICTIM})

# The hardship grounds that rest on an exemption category (Arts. 32, 42 and local ones), and
# the kind of category each accepts. A local category (其他情形 added by a province, city or
# district) may either drop the hardship condition or waive the means check: either kind.
EXEMPTION_KINDS = {
    Hardship.NOT_REQUIRED: {Exemption.Kind.NO_HARDSHIP},
    Hardship.CHECK_WAIVED: {Exemption.Kind.CHECK_WAIVED},
    Hardship.LOCAL: {Exemption.Kind.NO_HARDSHIP, Exemption.Kind.CHECK_WAIVED},
}

AMOUNT_LIMIT = Decimal("1e12")


# -- where an application may be registered -----------------------------------------------------


def application_centres(actor, perm: str = "legalaid.add_aidcase"):
    """The legal aid centres `actor` may register applications for: the active centres in the
    jurisdiction of a region-scoped role granting `perm`; justice-office staff (who take in
    applications at the window of a street office) also the centre of their district, i.e. a
    centre whose region code starts with the county prefix of their jurisdiction."""
    centres = Organization.objects.filter(kind=OrganizationKind.LEGAL_AID_CENTRE, is_active=True)
    if actor is None or not getattr(actor, "is_authenticated", False):
        return centres.none()
    condition = None
    for m in actor.active_memberships():
        if perm not in ROLE_PERMISSIONS.get(m.role, ()) or ROLE_SCOPE[m.role] != Scope.REGION:
            continue
        prefix = m.jurisdiction
        if m.role == Role.OFFICE_STAFF:
            prefix = prefix[:6]
        part = within("region_id", prefix)
        condition = part if condition is None else condition | part
    if condition is None:
        return centres.none()
    return centres.filter(condition)


def consultation_organizations(actor):
    """Where `actor` may record a consultation: the centres they may register applications
    for, and the justice offices (with their legal aid workstations) of their jurisdiction."""
    offices = Organization.objects.restrict(actor, "view").filter(
        kind=OrganizationKind.JUSTICE_OFFICE, is_active=True
    )
    centres = application_centres(actor, "legalaid.add_consultation")
    return Organization.objects.filter(
        Q(pk__in=centres.values("pk")) | Q(pk__in=offices.values("pk"))
    )


def pool_centres(actor):
    """The legal aid centres whose lawyer pool `actor` keeps."""
    return application_centres(actor, "legalaid.add_poolmember")


def exemption_organizations(actor):
    """The units in whose name `actor` may add an exemption category: justice bureaus and legal
    aid centres of their jurisdiction."""
    return Organization.objects.restrict(actor, "view").filter(
        kind__in=[OrganizationKind.JUSTICE_BUREAU, OrganizationKind.LEGAL_AID_CENTRE],
        is_active=True,
    )


def exemption_applies(exemption: Exemption, region_code: str) -> bool:
    """Whether a category added for `exemption.region_code` (a province, city or district)
    applies to a centre of `region_code`: the centre lies in the category's region."""
    return region_code.startswith(jurisdiction_prefix(exemption.region_code))


def applicable_exemptions(region_codes):
    """Exemption categories that apply somewhere in `region_codes`: those added for the
    region itself or for a region above it (a province's categories reach every district)."""
    codes = set()
    for code in region_codes:
        codes.add(code)
        codes.update(ancestor_codes(code))
    return Exemption.objects.filter(region_code__in=codes)


def visible_exemptions(user):
    """The categories a user reads: those added in their jurisdiction and those of the
    regions above it, which apply there too."""
    own = Exemption.objects.restrict(user, "view")
    regions = [
        m.organization.region_id
        for m in user.active_memberships()
        if "legalaid.view_exemption" in ROLE_PERMISSIONS.get(m.role, ())
    ]
    above = applicable_exemptions(regions)
    return Exemption.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=above.values("pk")))


# -- applications -----------------------------------------------------------------------------


def _date_messages(field: str) -> tuple[str, str]:
    """(in the future, too early) for a date field, each naming the field."""
    if field == "received_on":
        return (_("The date of receipt cannot be in the future."),
                _("The date of receipt cannot be before %(date)s."))  # fmt: skip
    if field == "on_date":
        return (_("The date of the consultation cannot be in the future."),
                _("The date of the consultation cannot be before %(date)s."))  # fmt: skip
    return (_("The date of joining cannot be in the future."),
            _("The date of joining cannot be before %(date)s."))  # fmt: skip


def _date(value, field: str, errors: dict) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, str) and value:
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            errors[field] = [_("Enter a date as YYYY-MM-DD.")]
            return None
    if not isinstance(value, datetime.date):
        return None
    future, early = _date_messages(field)
    if value > timezone.localdate():
        errors[field] = [future]
    elif value < EARLIEST_RECEIPT:
        errors[field] = [early % {"date": EARLIEST_RECEIPT.isoformat()}]
    return value


def _choices(value, allowed, field: str, message: str, errors: dict) -> list[str]:
    """A list of choice values (a list, or text separated by commas), each one allowed."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [v for v in (p.strip() for p in value.replace("，", ",").split(",")) if v]
    if not isinstance(value, list | tuple | set):
        errors[field] = [message]
        return []
    items = [str(v) for v in value]
    if any(v not in allowed for v in items):
        errors[field] = [message]
    return sorted(set(items), key=items.index)


def _amount(raw, errors: dict) -> Decimal:
    try:
        amount = typed_amount(raw)
    except (InvalidOperation, ValueError):
        errors["amount_claimed"] = [_("Enter the amount claimed in yuan, e.g. 12000 or 12000.50.")]
        return Decimal(0)
    # The size is checked first: 1e30 cannot even be rounded to fen (Decimal's precision).
    if amount >= AMOUNT_LIMIT:
        errors["amount_claimed"] = [_("The amount claimed is implausibly large.")]
        return Decimal(0)
    if amount < 0:
        errors["amount_claimed"] = [_("The amount claimed cannot be negative.")]
        return Decimal(0)
    try:
        rounded = amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # a tiny amount with a huge exponent, e.g. 1e-999
        rounded = None
    if rounded is None or amount != rounded:
        # Not rounded silently: 1.234 yuan is a typing error, not 1.23.
        errors["amount_claimed"] = [_("The amount claimed has at most two decimal places (fen).")]
        return Decimal(0)
    return rounded


def _exemption(raw, hardship: str, organization, errors: dict) -> Exemption | None:
    """The exemption category a hardship ground rests on (Arts. 32, 42, local categories)."""
    kinds = EXEMPTION_KINDS.get(hardship)
    if raw in (None, ""):
        if kinds:
            errors["exemption"] = [
                _("Choose the exemption category the financial condition rests on.")
            ]
        return None
    if isinstance(raw, Exemption):
        exemption = raw
    else:
        try:
            exemption = Exemption.objects.filter(pk=int(raw)).first()
        except (TypeError, ValueError):
            exemption = None
        if exemption is None:
            errors["exemption"] = [_("The exemption category does not exist.")]
            return None
    if not kinds:
        errors["exemption"] = [
            _("An exemption category is chosen only when the financial condition rests on one.")
        ]
    elif exemption.kind not in kinds:
        errors["exemption"] = [
            _(
                "The exemption category “%(category)s” is of another kind (%(kind)s) than the "
                "financial condition chosen."
            )
            % {"category": exemption.name, "kind": exemption.get_kind_display()}
        ]
    elif not exemption.is_active:
        errors["exemption"] = [
            _("The exemption category “%(category)s” is no longer in use.")
            % {"category": exemption.name}
        ]
    elif organization is not None and not exemption_applies(exemption, organization.region_id):
        errors["exemption"] = [
            _("The exemption category “%(category)s” does not apply in this centre's region.")
            % {"category": exemption.name}
        ]
    return exemption


def clean_application_data(
    data: dict[str, Any], *, organization: Organization | None = None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Check and normalise the fields of an application; return (cleaned, errors by field).

    Missing materials are not an error here: an incomplete application is registered, and
    the review asks for everything missing at once (Art. 43; the grant's guard in
    legalaid.process)."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for key in ("title", "facts", "requests", "legal_role", "stage", "notifying_body",
                "urgent_reason"):  # fmt: skip
        cleaned[key] = str(data.get(key) or "").strip()
    errors.update(length_errors(AidCase, cleaned))
    if not cleaned["title"]:
        errors["title"] = [_("The matter in brief is required.")]
    if not cleaned["facts"]:
        errors["facts"] = [_("State the facts and reasons of the application.")]

    matter = data.get("matter") or ""
    if matter not in Matter.values:
        errors["matter"] = [_("Choose the matter: civil, criminal, administrative or state "
                              "compensation.")]  # fmt: skip
    cleaned["matter"] = matter
    category = data.get("category") or ""
    if category not in Category.values:
        errors["category"] = [_("Choose the category of the matter.")]
    elif matter in Matter.values:
        criminal = matter == Matter.CRIMINAL
        if category in CRIMINAL_CATEGORIES and not criminal:
            errors["category"] = [
                _("The category “%(category)s” is for criminal matters only.")
                % {"category": Category(category).label}
            ]
        elif criminal and category not in CRIMINAL_CATEGORIES | {Category.OTHER}:
            errors["category"] = [
                _("A criminal matter takes a criminal category (defence or a crime victim).")
            ]
    cleaned["category"] = category

    source = data.get("source") or Source.APPLICATION
    if source not in Source.values:
        errors["source"] = [_("Choose where the application came from.")]
    cleaned["source"] = source
    channel = data.get("channel") or Channel.WINDOW
    if channel not in Channel.values:
        errors["channel"] = [_("Choose how the application reached the centre.")]
    cleaned["channel"] = channel
    authority = data.get("notifying_authority") or ""
    if source == Source.NOTIFICATION:
        # Notified defence and representation (Arts. 25–28, 36): the organ that notified is
        # part of the record, and there is no means test.
        if authority not in NotifyingAuthority.values:
            errors["notifying_authority"] = [
                _("A notified case names the notifying authority (police, procuratorate or court).")
            ]
        if not cleaned["notifying_body"]:
            errors["notifying_body"] = [
                _("A notified case names the notifying organ, e.g. 广州市海珠区人民法院.")
            ]
    else:
        authority = ""
        cleaned["notifying_body"] = ""
    cleaned["notifying_authority"] = authority

    hardship = data.get("hardship") or ""
    if source == Source.NOTIFICATION:
        hardship = Hardship.NOTIFIED
    elif hardship == Hardship.NOTIFIED:
        errors["hardship"] = [
            _("Only a case notified by the police, procuratorate or court skips the means test.")
        ]
    elif hardship not in Hardship.values:
        errors["hardship"] = [_("Choose how the financial condition is established.")]
    cleaned["hardship"] = hardship
    cleaned["exemption"] = (
        None
        if hardship == Hardship.NOTIFIED
        else _exemption(data.get("exemption"), hardship, organization, errors)
    )

    cleaned["groups"] = _choices(data.get("groups"), Group.values, "groups",
                                 _("Choose the groups from the list."), errors)  # fmt: skip
    cleaned["materials"] = _choices(data.get("materials"), Material.values, "materials",
                                    _("Tick the materials received from the checklist."),
                                    errors)  # fmt: skip
    cleaned["amount_claimed"] = _amount(data.get("amount_claimed"), errors)

    cleaned["life_or_death"] = bool(data.get("life_or_death"))
    if cleaned["life_or_death"] and matter in Matter.values and matter != Matter.CRIMINAL:
        errors["life_or_death"] = [
            _("Only a criminal case may lead to life imprisonment or death.")
        ]
    cleaned["urgent"] = bool(data.get("urgent"))
    if cleaned["urgent"] and not cleaned["urgent_reason"]:
        errors["urgent_reason"] = [
            _(
                "Aid before the decision needs its reason: a deadline within 7 days or urgent "
                "preservation or execution (Art. 44)."
            )
        ]
    elif not cleaned["urgent"]:
        cleaned["urgent_reason"] = ""
    cleaned["received_on"] = _date(data.get("received_on"), "received_on", errors)
    return cleaned, errors


def _clean_parties(actor, parties: list[dict], errors: dict) -> list[tuple[str, Any]]:
    """(side, Party or cleaned data) per entry; errors keyed parties-N-field. The applicant is
    a natural person (legal aid is for citizens, Art. 2) whose resident ID number, when given,
    is checked (GB 11643)."""

    def check(side, kind):
        if side == Side.APPLICANT and kind != PartyKind.PERSON:
            return _("The applicant for legal aid is a natural person.")
        return None

    return clean_case_parties(
        actor,
        parties,
        errors,
        sides=Side.values,
        required=[(Side.APPLICANT, _("Name at least one applicant."))],
        check=check,
    )


def _check_organization(actor, organization, errors: dict) -> None:
    if organization is None or organization.kind != OrganizationKind.LEGAL_AID_CENTRE:
        errors["organization"] = [_("Choose the legal aid centre that handles the application.")]
    elif not organization.is_active:
        errors["organization"] = [_("That legal aid centre is no longer active.")]
    elif actor is not None and not application_centres(actor).filter(pk=organization.pk).exists():
        errors["organization"] = [_("That legal aid centre is outside your jurisdiction.")]


def _raise(errors: dict) -> None:
    InvalidInput.raise_for(errors)


def application_register(
    *,
    actor,
    organization: Organization,
    data: dict[str, Any],
    parties: list[dict[str, Any]],
    tracking_code: bool = False,
) -> AidCase:
    """Register an application for legal aid (申请) with its parties: everything is checked
    first and written in one transaction (number, case, parties, first event and the review
    clocks of Art. 43), or nothing is written. `actor` None: an online pre-application."""
    if actor is not None and not actor.can("legalaid.add_aidcase"):
        raise PermissionDenied(_("You may not register legal aid applications."))
    errors: dict[str, list[str]] = {}
    _check_organization(actor, organization, errors)
    centre = organization if "organization" not in errors else None
    cleaned, data_errors = clean_application_data(data, organization=centre)
    for field, messages in data_errors.items():
        errors.setdefault(field, []).extend(messages)
    party_rows = _clean_parties(actor, parties, errors)
    _raise(errors)
    return _create(
        actor=actor,
        organization=organization,
        cleaned=cleaned,
        party_rows=party_rows,
        tracking_code=tracking_code,
    )


def _create(*, actor, organization, cleaned, party_rows, tracking_code) -> AidCase:
    received_on = cleaned.pop("received_on", None)
    with acting(actor), transaction.atomic():
        case = AidCase(**cleaned, organization=organization, region_code=organization.region_id)
        if received_on and received_on != timezone.localdate():
            case.received_at = timezone.make_aware(
                datetime.datetime.combine(received_on, datetime.time(9, 0))
            )
        if tracking_code:
            case.tracking_code = new_tracking_code()
        if notified(case):
            # Aided on receipt, without review (Arts. 25, 28, 36): the process starts it in
            # the granted state with the assignment period running.
            case.decision = Decision.GRANTED
            case.decided_on = received_on or timezone.localdate()
            case.accepted_at = case.received_at
        engine.open_case(
            case,
            actor=actor,
            data={"title": case.title, "matter": case.matter, "category": case.category},
            on_date=received_on,
        )
        save_case_parties(
            party_rows,
            organization=organization,
            actor=actor,
            link=functools.partial(AidParty.objects.create, case=case),
        )
    return case


# -- consultations ------------------------------------------------------------------------------


def consultation_record(*, actor, organization, data: dict[str, Any]) -> Consultation:
    """Record a free legal consultation (法律咨询) given at the window, on the 12348 hotline or
    online."""
    if not actor.can("legalaid.add_consultation"):
        raise PermissionDenied(_("You may not record consultations."))
    errors: dict[str, list[str]] = {}
    if organization is None:
        errors["organization"] = [_("Choose the centre or office that gave the consultation.")]
    elif not consultation_organizations(actor).filter(pk=organization.pk).exists():
        errors["organization"] = [
            _(
                "That centre or office is outside your jurisdiction, or does not give legal aid "
                "consultations."
            )
        ]
    on_date = data.get("on_date") or None
    if on_date is None:
        errors["on_date"] = [_("The date of the consultation is required.")]
    else:
        on_date = _date(on_date, "on_date", errors)
    channel = data.get("channel") or ""
    if channel not in Consultation.Channel.values:
        errors["channel"] = [_("Choose how the consultation was given.")]
    category = data.get("category") or ""
    if category not in Category.values:
        errors["category"] = [_("Choose the category of the question.")]
    summary = str(data.get("summary") or "").strip()
    errors.update(length_errors(Consultation, {"summary": summary}))
    _raise(errors)
    with acting(actor), transaction.atomic():
        return Consultation.objects.create(
            organization=organization,
            region_code=organization.region_id,
            on_date=on_date,
            channel=channel,
            category=category,
            summary=summary,
            referred=bool(data.get("referred")),
            recorded_by=actor,
        )


# -- the lawyer pool ----------------------------------------------------------------------------


def pool_add(
    *, actor, centre, lawyer, matters=None, joined_on=None, workload_cap=None
) -> PoolMember:
    """Put a lawyer in a centre's pool (法律援助律师库): a practising lawyer, once per centre,
    for the matters they take (none listed: every matter)."""
    if not actor.can("legalaid.add_poolmember"):
        raise PermissionDenied(_("You may not change the lawyer pool."))
    errors: dict[str, list[str]] = {}
    if centre is None or centre.kind != OrganizationKind.LEGAL_AID_CENTRE:
        errors["centre"] = [_("Choose the legal aid centre whose pool the lawyer joins.")]
    elif not pool_centres(actor).filter(pk=centre.pk).exists():
        errors["centre"] = [_("That legal aid centre is outside your jurisdiction.")]
    if not isinstance(lawyer, Lawyer):
        errors["lawyer"] = [_("Choose a lawyer from the register.")]
    elif lawyer.status != PractitionerStatus.PRACTISING:
        errors["lawyer"] = [
            _("%(lawyer)s is not practising (%(status)s) and cannot join the pool.")
            % {"lawyer": lawyer, "status": lawyer.get_status_display()}
        ]
    elif centre is not None and "centre" not in errors:
        existing = PoolMember.objects.filter(centre=centre, lawyer=lawyer).first()
        if existing is not None:
            errors["lawyer"] = [
                _("%(lawyer)s is already in this centre's pool (%(status)s).")
                % {"lawyer": lawyer, "status": existing.get_status_display()}
            ]
    matters = _choices(matters, Matter.values, "matters",
                       _("Choose the matters from the list."), errors)  # fmt: skip
    if joined_on is None:
        joined_on = timezone.localdate()
    joined_on = _date(joined_on, "joined_on", errors)
    if (
        joined_on
        and isinstance(lawyer, Lawyer)
        and "joined_on" not in errors
        and joined_on < lawyer.licensed_on
    ):
        errors["joined_on"] = [_("A lawyer cannot join the pool before being licensed.")]
    if workload_cap not in (None, ""):
        try:
            workload_cap = int(workload_cap)
        except (TypeError, ValueError):
            workload_cap = -1
        if not 1 <= workload_cap <= 99:
            errors["workload_cap"] = [
                _("The workload cap is a number of open cases from 1 to 99, or empty.")
            ]
    else:
        workload_cap = None
    _raise(errors)
    with acting(actor), transaction.atomic():
        return PoolMember.objects.create(
            centre=centre,
            lawyer=lawyer,
            matters=matters,
            joined_on=joined_on,
            workload_cap=workload_cap,
        )


# -- exemption categories -----------------------------------------------------------------------


def exemption_add(*, actor, organization, name, kind, legal_basis) -> Exemption:
    """Add an exemption category (免予核查 / 不受经济困难条件限制 其他情形) with its legal basis,
    for the region of `organization` and every centre below it."""
    if not actor.can("legalaid.add_exemption"):
        raise PermissionDenied(_("You may not add exemption categories."))
    errors: dict[str, list[str]] = {}
    if organization is None:
        errors["organization"] = [_("Choose the unit that adds the category.")]
    elif not exemption_organizations(actor).filter(pk=organization.pk).exists():
        errors["organization"] = [
            _(
                "That unit is outside your jurisdiction, or is not a justice bureau or legal aid "
                "centre."
            )
        ]
    name = str(name or "").strip()
    legal_basis = str(legal_basis or "").strip()
    errors.update(length_errors(Exemption, {"name": name, "legal_basis": legal_basis}))
    if not name:
        errors["name"] = [_("The name of the category is required.")]
    if not legal_basis:
        errors["legal_basis"] = [
            _("State the legal basis of the category, e.g. 广东省法律援助条例第十八条.")
        ]
    if kind not in Exemption.Kind.values:
        errors["kind"] = [_("Choose whether the category drops the hardship condition or "
                            "waives the means check.")]  # fmt: skip
    if (
        "organization" not in errors
        and name
        and Exemption.objects.filter(
            region_code=organization.region_id, name=name, kind=kind, is_active=True
        ).exists()
    ):
        errors["name"] = [_("This region already has an active category of that name.")]
    _raise(errors)
    with acting(actor), transaction.atomic():
        return Exemption.objects.create(
            name=name, kind=kind, legal_basis=legal_basis, organization=organization
        )
