"""Writes of legality review: a submission with its materials, checked whole and written in one
transaction or not at all; materials supplied after a 补正 request; the counsel register. The
steps after submission are the process's transitions (legality.process), fired through
cases.engine."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.attachments import attachment_add, clean_file_name, validate_size, validate_type
from cases.models import Channel
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind
from core.regions import ancestor_codes, jurisdiction_prefix, within
from core.roles import Role
from core.validators import length_errors
from legality.choices import CounselKind, MaterialCategory, ReviewKind, required_materials
from legality.models import Counsel, LegalityReview, Material
from legality.process import S

ADD = "legality.add_legalityreview"


def material_field(category: str) -> str:
    """The form field (and error key) of one category of material."""
    return f"material_{category}"


def departments(actor):
    """The agencies `actor` may submit for: their own agency (a handler), or every agency in
    the jurisdiction of a section-staff member."""
    agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
    if actor is None:
        return agencies.none()
    own = [m.organization_id for m in actor.active_memberships() if m.role == Role.AGENCY_HANDLER]
    condition = None
    for code in actor.jurisdictions(ADD):
        part = within("region_id", code)
        condition = part if condition is None else condition | part
    if own:
        from django.db.models import Q

        part = Q(pk__in=own)
        condition = part if condition is None else condition | part
    return agencies.filter(condition) if condition is not None else agencies.none()


def reviewers(department: Organization):
    """The justice bureaus that may review a submission of `department`: those whose region is
    the department's or one above it (a district bureau, the city bureau)."""
    codes = [department.region_id, *ancestor_codes(department.region_id)]
    return Organization.objects.filter(
        kind=OrganizationKind.JUSTICE_BUREAU, is_active=True, region_id__in=codes
    )


def _date(value, key, errors) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors[key] = [_("Enter a valid date.")]
        return None


def clean_submission_data(data: dict[str, Any]) -> tuple[dict, dict]:
    """Check and normalise the fields of a submission; return (cleaned, errors by field).
    A contract names its counterparty and amount."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for key in ("title", "summary", "counterparty", "key_risks"):
        cleaned[key] = str(data.get(key) or "").strip()
    errors.update(length_errors(LegalityReview, cleaned))
    kind = data.get("kind") or ""
    if kind not in ReviewKind.values:
        errors["kind"] = [_("Choose what is submitted: a normative document draft, a major "
                            "decision proposal or a government contract.")]  # fmt: skip
    cleaned["kind"] = kind
    if not cleaned["title"]:
        errors["title"] = [_("Give the title of the draft.")]
    cleaned["market_activity"] = data.get("market_activity") in (True, "true", "on", "1")
    amount = data.get("amount")
    cleaned["amount"] = None
    if amount not in (None, ""):
        try:
            cleaned["amount"] = Decimal(str(amount))
            if cleaned["amount"] < 0 or cleaned["amount"] >= Decimal("1e14"):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors["amount"] = [_("Enter the amount in yuan.")]
            cleaned["amount"] = None
    cleaned["term_start"] = _date(data.get("term_start"), "term_start", errors)
    cleaned["term_end"] = _date(data.get("term_end"), "term_end", errors)
    if (
        cleaned["term_start"]
        and cleaned["term_end"]
        and cleaned["term_end"] < cleaned["term_start"]
    ):
        errors["term_end"] = [_("The term cannot end before it begins.")]
    if kind == ReviewKind.CONTRACT:
        if not cleaned["counterparty"]:
            errors["counterparty"] = [_("Name the other party to the contract.")]
        if cleaned["amount"] is None and "amount" not in errors:
            errors["amount"] = [_("Give the contract amount (0 if none).")]
    else:
        cleaned.update(counterparty="", amount=None, term_start=None, term_end=None, key_risks="")
    return cleaned, errors


def _uploads(materials) -> list[tuple[str, Any]]:
    """(category, file) pairs from {category: file or [files]}, empty entries dropped."""
    pairs = []
    for category, files in (materials or {}).items():
        for upload in files if isinstance(files, list | tuple) else [files]:
            if upload:
                pairs.append((category, upload))
    return pairs


def check_materials(pairs, errors, *, required=()) -> None:
    """Each file is of a known category and an accepted type and size (checked before anything
    is written); each required category has a file."""
    given = set()
    for category, upload in pairs:
        key = material_field(category)
        if category not in MaterialCategory.values:
            errors.setdefault("materials", []).append(_("Unknown kind of material."))
            continue
        try:
            name = clean_file_name(getattr(upload, "name", ""))
            validate_size(name, upload.size)
            validate_type(upload, name)
        except InvalidInput as exc:
            errors.setdefault(key, []).append(exc.message)
            continue
        given.add(category)
    for category in required:
        if category not in given and material_field(category) not in errors:
            label = MaterialCategory(category).label
            errors[material_field(category)] = [
                _("Missing material: %(material)s.") % {"material": label}
            ]


def can_submit(actor, department, organization) -> bool:
    """Whether `actor` may submit (or import) for `department` to `organization`: the
    department's own handler, or staff whose jurisdiction holds the reviewing bureau."""
    for m in actor.active_memberships():
        if m.role == Role.AGENCY_HANDLER and m.organization_id == department.pk:
            return True
    prefixes = actor.jurisdictions(ADD)
    return any(organization.region_id.startswith(p) for p in prefixes)


def _store(review, pairs, actor, on_date, stored) -> None:
    for category, upload in pairs:
        attachment = attachment_add(
            case=review, actor=actor, upload=upload,
            description=str(MaterialCategory(category).label),
        )  # fmt: skip
        stored.append(attachment.file)
        Material.objects.create(
            review=review, category=category, attachment=attachment, added_on=on_date
        )


def review_submit(
    *,
    actor,
    organization: Organization | None,
    department: Organization | None,
    data: dict[str, Any],
    materials: dict[str, Any],
    on_date: datetime.date | None = None,
) -> LegalityReview:
    """Submit a draft for legality review with its materials (DEC Art. 26: the draft, its legal
    bases and the procedures performed; 115号 ❓: explanation, comments and how handled, the
    drafter's own legality opinion; the fair-competition self-check where the draft touches
    market activity). Everything is checked first: a missing required material is refused,
    naming it, and nothing is written. Then in one transaction: number, review, first event,
    the review clock of its kind, the files and their categories."""
    if actor is None or not actor.can(ADD):
        raise PermissionDenied(_("You may not submit drafts for legality review."))
    errors: dict[str, list[str]] = {}
    if department is None or department.kind != OrganizationKind.AGENCY:
        errors["department"] = [_("Choose the submitting department (an agency).")]
    if organization is None or organization.kind != OrganizationKind.JUSTICE_BUREAU:
        errors["organization"] = [_("Choose the justice bureau that reviews the draft.")]
    elif department is not None and "department" not in errors:
        if not reviewers(department).filter(pk=organization.pk).exists():
            errors["organization"] = [
                _("%(bureau)s does not review the drafts of %(department)s.")
                % {"bureau": organization, "department": department}
            ]
        elif not can_submit(actor, department, organization):
            raise PermissionDenied(_("You may not submit drafts for this department."))
    cleaned, data_errors = clean_submission_data(data)
    errors.update(data_errors)
    pairs = _uploads(materials)
    required = required_materials(cleaned["kind"], cleaned["market_activity"])
    check_materials(pairs, errors, required=required if cleaned["kind"] else ())
    InvalidInput.raise_for(errors)
    on_date = on_date or timezone.localdate()
    if on_date > timezone.localdate():
        raise InvalidInput(_("The date cannot be in the future."),
                           fields={"submitted_on": [_("The date cannot be in the future.")]})  # fmt: skip
    stored: list = []
    try:
        with acting(actor), transaction.atomic():
            review = LegalityReview(
                **cleaned,
                department=department,
                organization=organization,
                region_code=organization.region_id,
                submitted_on=on_date,
                channel=Channel.ONLINE,
            )
            if on_date != timezone.localdate():
                review.received_at = timezone.make_aware(
                    datetime.datetime.combine(on_date, datetime.time(9, 0))
                )
            engine.open_case(
                review, actor=actor, data={"title": review.title, "kind": review.kind},
                on_date=on_date,
            )  # fmt: skip
            _store(review, pairs, actor, on_date, stored)
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise
    return review


def materials_supply(
    *, review: LegalityReview, actor, materials: dict[str, Any], resume: bool = True
) -> LegalityReview:
    """Add materials to a submission. While materials were asked for (补正), the review resumes
    in the same transaction ("materials_supplied": the clock runs again from the next day).
    Nothing is written if a file is refused."""
    if not engine.holds_over(actor, review, "legality.change_legalityreview"):
        raise PermissionDenied(_("You may not add materials to this submission."))
    if review.is_closed or review.state == S.OPINION_ISSUED:
        raise InvalidInput(_("The review is over; no more materials can be added."))
    errors: dict[str, list[str]] = {}
    pairs = _uploads(materials)
    if not pairs:
        errors["materials"] = [_("Choose at least one file.")]
    check_materials(pairs, errors)
    InvalidInput.raise_for(errors)
    on_date = timezone.localdate()
    stored: list = []
    try:
        with acting(actor), transaction.atomic():
            _store(review, pairs, actor, on_date, stored)
            if resume and review.state == S.CORRECTION:
                review = engine.fire(
                    review, "materials_supplied", actor=actor,
                    data={"on_date": on_date.isoformat()}, version=review.version,
                )  # fmt: skip
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise
    return review


def counsel_register(*, actor, data: dict[str, Any]) -> Counsel:
    """Enter a legal adviser or government lawyer in the register, in the actor's
    jurisdiction."""
    if actor is None or not actor.can("legality.add_counsel"):
        raise PermissionDenied(_("You may not keep the counsel register."))
    errors: dict[str, list[str]] = {}
    name = str(data.get("name") or "").strip()
    if not name:
        errors["name"] = [_("Give the name.")]
    kind = data.get("kind") or ""
    if kind not in CounselKind.values:
        errors["kind"] = [_("Choose legal adviser or government lawyer.")]
    organization = data.get("organization")
    if not isinstance(organization, Organization):
        errors["organization"] = [_("Choose the organisation.")]
    elif not any(
        organization.region_id.startswith(p) for p in actor.jurisdictions("legality.add_counsel")
    ):
        errors["organization"] = [_("That organisation is outside your jurisdiction.")]
    since = _date(data.get("since"), "since", errors)
    licence = str(data.get("licence_number") or "").strip()
    errors.update(length_errors(Counsel, {"name": name, "licence_number": licence}))
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return Counsel.objects.create(
            name=name, kind=kind, organization=organization,
            region_code=organization.region_id, licence_number=licence, since=since,
        )  # fmt: skip


__all__ = [
    "can_submit",
    "counsel_register",
    "departments",
    "jurisdiction_prefix",
    "material_field",
    "materials_supply",
    "review_submit",
    "reviewers",
]
