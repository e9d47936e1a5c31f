"""Writes of the legal-services sector: the registers' profiles, opening an annual inspection,
registering a complaint, the penalty a complaint's decision records. The steps of inspections
and complaints go through the engine (cases.engine.fire) along profession.process.

Every write checks its whole input first and refuses with a Chinese reason naming the field,
writing nothing (InvalidInput); the actor must hold the permission over the row's region.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.models import Channel
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Lawyer, Organization, OrganizationKind
from core.roles import ROLE_PERMISSIONS, ROLE_SCOPE, Scope
from core.validators import length_errors, validate_phone
from profession.choices import AppraisalCategory, FirmForm, InstitutionStatus, SubjectKind
from profession.models import (
    Appraiser,
    Complaint,
    ForensicInstitution,
    Inspection,
    LawFirm,
    Notary,
    NotaryOffice,
    Penalty,
    institution_name,
)
from profession.process import inspection_window

PROFILE = {
    OrganizationKind.LAW_FIRM: LawFirm,
    OrganizationKind.NOTARY_OFFICE: NotaryOffice,
    OrganizationKind.FORENSIC_INSTITUTION: ForensicInstitution,
}


def may(actor, perm: str, *, region_code: str) -> bool:
    """Whether `actor` holds `perm` through a region-scoped role of a justice bureau over
    `region_code` (a legal-aid centre's section staff keep out of this sector:
    profession.models.bureau_staff_only)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return any(
        perm in ROLE_PERMISSIONS.get(m.role, ()) and ROLE_SCOPE[m.role] == Scope.REGION
        and m.organization.kind == OrganizationKind.JUSTICE_BUREAU
        and region_code.startswith(m.jurisdiction)
        for m in actor.active_memberships()
    )  # fmt: skip


def may_work(actor, perm: str) -> bool:
    """Whether `actor` holds `perm` through a region-scoped role of a justice bureau anywhere
    (the forms that open before a region is chosen)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return any(
        perm in ROLE_PERMISSIONS.get(m.role, ()) and ROLE_SCOPE[m.role] == Scope.REGION
        and m.organization.kind == OrganizationKind.JUSTICE_BUREAU
        for m in actor.active_memberships()
    )  # fmt: skip


def _refuse(field: str, reason: str, label) -> None:
    raise InvalidInput(f"{label}：{reason}", fields={field: [str(reason)]})


def _bureau_over(region_code: str, actor) -> Organization | None:
    """The actor's justice bureau whose jurisdiction holds `region_code` (the case's
    handling organisation)."""
    for m in actor.active_memberships():
        org = m.organization
        if org.kind == OrganizationKind.JUSTICE_BUREAU and region_code.startswith(m.jurisdiction):
            return org
    return None


# -- registers ---------------------------------------------------------------------------------


def profile_save(*, actor, organization: Organization, data: dict[str, Any], instance=None):
    """Create or change the profile of a firm, notary office or forensic institution."""
    model = PROFILE.get(organization.kind)
    if model is None:
        _refuse("organization", _("Choose a law firm, notary office or forensic institution."),
                _("organisation"))  # fmt: skip
    perm = f"profession.{'change' if instance else 'add'}_{model._meta.model_name}"
    if not may(actor, perm, region_code=organization.region_id):
        raise PermissionDenied(_("You may not keep the register of this organisation."))
    errors: dict[str, list[str]] = {}
    if model.objects.filter(organization=organization).exclude(
            pk=getattr(instance, "pk", None)).exists():  # fmt: skip
        errors["organization"] = [_("This organisation has its profile in the register "
                                    "already; edit that one.")]  # fmt: skip
    number = "".join(str(data.get("licence_number") or "").split())
    if not number:
        errors["licence_number"] = [_("Give the practice licence number.")]
    elif model.objects.filter(licence_number=number).exclude(
            pk=getattr(instance, "pk", None)).exists():  # fmt: skip
        errors["licence_number"] = [_("This licence number is in the register already.")]
    status = str(data.get("status") or InstitutionStatus.PRACTISING)
    if status not in InstitutionStatus.values:
        errors["status"] = [_("Choose a status.")]
    extra = {}
    if model is LawFirm:
        form = str(data.get("form") or FirmForm.PARTNERSHIP)
        if form not in FirmForm.values:
            errors["form"] = [_("Choose the organisational form.")]
        extra["form"] = form
    if model is ForensicInstitution:
        categories = list(dict.fromkeys(data.get("categories") or []))
        if not categories or any(c not in AppraisalCategory.values for c in categories):
            errors["categories"] = [_("Choose the categories it is registered for.")]
        extra["categories"] = categories
    for name, messages in length_errors(model, {"licence_number": number}).items():
        errors.setdefault(name, messages)
    if errors:
        name, reasons = next(iter(errors.items()))
        label = model._meta.get_field(name).verbose_name
        raise InvalidInput(f"{label}：{reasons[0]}", fields=errors)
    with acting(actor), transaction.atomic():
        profile = instance or model(organization=organization)
        profile.licence_number, profile.status = number, status
        profile.licensed_on = data.get("licensed_on") or None
        for key, value in extra.items():
            setattr(profile, key, value)
        try:
            with transaction.atomic():
                profile.save()
        except IntegrityError:  # the same organisation or number saved meanwhile
            _refuse("organization", _("This organisation has its profile in the register "
                                      "already; edit that one."), _("organisation"))  # fmt: skip
    return profile


# -- annual inspection -------------------------------------------------------------------------


def inspection_open(*, actor, firm: LawFirm, year: int) -> Inspection:
    """Open the annual inspection of `firm` for its practice of `year` (考核年度: "2025年度检查
    考核" inspects the practice of 2025), held in `year` + 1 within the window the settings give
    (profession.process.inspection_window). Once per firm and year.

    Opened before or during its window, the case starts on the window's first day at the
    latest. Opened after its window closed, it records history: it is dated from the window's
    first day like the others, but no report clock runs (profession.process: the firm files
    after its assessment, Art. 24, and is overdue only if the window closed without the filing,
    which is not known yet); the report is entered with the day it was really received, which
    then decides 逾期提交."""
    if not may(actor, "profession.add_inspection", region_code=firm.region_code):
        raise PermissionDenied(_("You may not inspect firms of this region."))
    bureau = _bureau_over(firm.region_code, actor)
    if bureau is None:
        raise PermissionDenied(_("Only a justice bureau's staff open inspections."))
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        _refuse("year", _("Give the year of practice inspected, from 2000 to this year."),
                _("year inspected"))  # fmt: skip
    if firm.status == InstitutionStatus.DEREGISTERED or not firm.organization.is_active:
        _refuse("firm", _("The firm is deregistered."), _("law firm"))
    if Inspection.objects.filter(firm=firm, year=year).exists():
        _refuse("year", _("This firm's inspection of %(year)s is open already.") % {"year": year},
                _("year inspected"))  # fmt: skip
    opens, closes = inspection_window(year + 1)
    opened_on = min(today, opens)
    with acting(actor), transaction.atomic():
        received_at = timezone.now()
        if opened_on != timezone.localdate(received_at):
            received_at = timezone.make_aware(datetime.datetime.combine(
                opened_on, timezone.localtime(received_at).time()))  # fmt: skip
        inspection = Inspection(
            organization=bureau, region_code=firm.region_code, firm=firm, year=year,
            window_opens=opens, window_closes=closes, channel=Channel.WINDOW,
            received_at=received_at,
        )  # fmt: skip
        try:
            with transaction.atomic():
                engine.open_case(inspection, actor=actor, on_date=opened_on)
        except IntegrityError:
            _refuse("year", _("This firm's inspection of %(year)s is open already.")
                    % {"year": year}, _("year inspected"))  # fmt: skip
    return inspection


# -- complaints --------------------------------------------------------------------------------


def _date(value, name: str, errors: dict) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(name, [_("Enter a valid date (YYYY-MM-DD).")])
        return None


#: Whom a complaint may be against: the field naming the register row and its model.
SUBJECT_FIELDS = {
    SubjectKind.LAWYER: ("lawyer", Lawyer),
    SubjectKind.FIRM: ("firm", LawFirm),
    SubjectKind.NOTARY: ("notary", Notary),
    SubjectKind.NOTARY_OFFICE: ("notary_office", NotaryOffice),
    SubjectKind.APPRAISER: ("appraiser", Appraiser),
    SubjectKind.FORENSIC_INSTITUTION: ("institution", ForensicInstitution),
}


def _subject_missing(kind: str) -> str:
    return {
        SubjectKind.LAWYER: _("Choose the lawyer complained about."),
        SubjectKind.FIRM: _("Choose the law firm complained about."),
        SubjectKind.NOTARY: _("Choose the notary complained about."),
        SubjectKind.NOTARY_OFFICE: _("Choose the notary office complained about."),
        SubjectKind.APPRAISER: _("Choose the forensic appraiser complained about."),
        SubjectKind.FORENSIC_INSTITUTION: _("Choose the forensic institution complained about."),
    }[kind]


def _subject_rows(kind: str, row) -> dict[str, Any]:
    """The complaint's foreign keys for `row` of kind `kind`: the subject and, for a person,
    their institution (a lawyer's firm, a notary's office, an appraiser's institution)."""
    rows: dict[str, Any] = {SUBJECT_FIELDS[kind][0]: row}
    if kind == SubjectKind.LAWYER:
        rows["firm"] = LawFirm.objects.filter(organization_id=row.organization_id).first()
    elif kind == SubjectKind.NOTARY:
        rows["notary_office"] = row.office
    elif kind == SubjectKind.APPRAISER:
        rows["institution"] = row.institution
    return rows


def complaint_register(*, actor, data: dict[str, Any]) -> Complaint:
    """Register a complaint against a lawyer (core.Lawyer, the one register) or a law firm
    (律师法 Art. 46, 52), a notary or a notary office (公证法 Arts. 41–42), a forensic appraiser
    or institution (GD‑SJ Arts. 58–59), received by the actor's bureau over the subject's
    region (the complaint's region is the subject's). InvalidInput naming the field, nothing
    written; a subject outside the actor's jurisdiction is refused."""
    errors: dict[str, list[str]] = {}
    kind = str(data.get("subject_kind") or "")
    subject = None
    rows: dict[str, Any] = {}
    if kind not in SubjectKind.values:
        errors["subject_kind"] = [_("Choose whom the complaint is against.")]
    else:
        kind = SubjectKind(kind)
        field, model = SUBJECT_FIELDS[kind]
        value = data.get(field)
        subject = value if isinstance(value, model) else (
            model.objects.filter(pk=value).first() if str(value or "").isdigit() else None)  # fmt: skip
        if subject is None:
            errors[field] = [_subject_missing(kind)]
        else:
            rows = _subject_rows(kind, subject)
    text = {k: str(data.get(k) or "").strip() for k in ("complainant_name", "complainant_phone",
                                                         "facts")}  # fmt: skip
    if any("\x00" in v for v in text.values()):
        raise InvalidInput(_("Null characters are not allowed."))
    if not text["complainant_name"]:
        errors["complainant_name"] = [_("Give the complainant's name.")]
    phone = text["complainant_phone"]
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as exc:
            errors["complainant_phone"] = [exc.messages[0]]
    if not text["facts"]:
        errors["facts"] = [_("Say what the complaint is about.")]
    elif len(text["facts"]) > 5000:
        errors["facts"] = [_("At most %(n)s characters.") % {"n": 5000}]
    for name, messages in length_errors(Complaint, text).items():
        errors.setdefault(name, messages)
    today = timezone.localdate()
    received_on = _date(data.get("received_on"), "received_on", errors) or today
    if received_on > today:
        errors.setdefault("received_on", [_("The date cannot be in the future.")])
    if errors:
        name, reasons = next(iter(errors.items()))
        label = (_("received on") if name == "received_on"
                 else Complaint._meta.get_field(name).verbose_name)  # fmt: skip
        raise InvalidInput(f"{label}：{reasons[0]}", fields=errors)
    region_code = subject.region_code
    if not may(actor, "profession.add_complaint", region_code=region_code):
        raise PermissionDenied(_("You may not register complaints about this practitioner."))
    bureau = _bureau_over(region_code, actor)
    if bureau is None:
        raise PermissionDenied(_("Only a justice bureau's staff register complaints."))
    now = timezone.now()
    received_at = now
    if received_on != timezone.localdate(now):
        received_at = timezone.make_aware(
            datetime.datetime.combine(received_on, timezone.localtime(now).time()))  # fmt: skip
    with acting(actor), transaction.atomic():
        complaint = Complaint(
            organization=bureau, region_code=region_code, received_at=received_at,
            subject_kind=kind, **rows,
            complainant_name=text["complainant_name"], complainant_phone=phone,
            facts=text["facts"], channel=str(data.get("channel") or Channel.WINDOW),
        )  # fmt: skip
        engine.open_case(complaint, actor=actor, on_date=received_on)
    return complaint


def penalty_record(*, complaint, cleaned: dict, ctx) -> Penalty:
    """The penalty of a complaint's decision (inside the engine's transaction; the guards
    have checked the limits and the deciding bureau's level): 律师法 Arts. 47–50, 公证法
    Arts. 41–42 or the GD‑SJ penalty provisions. Its name is the person's or the
    institution's, its firm_name the institution's (a person's firm, office or institution)."""
    from profession.process import measures
    from profession.standing import term

    bureau = _bureau_over(complaint.region_code, ctx.actor) or complaint.organization
    person = complaint.subject_person
    if person is not None:
        subject_name, firm_name = person.name, institution_name(person)
    else:
        subject_name = firm_name = complaint.subject_institution.name
    chosen = measures(cleaned)
    effective_from, effective_until = term(chosen, cleaned.get("effective_from") or ctx.on_date)
    return Penalty.objects.create(
        complaint=complaint, region_code=complaint.region_code, decided_by=bureau,
        subject_kind=complaint.subject_kind, lawyer=complaint.lawyer, firm_name=firm_name,
        subject_name=subject_name, article=cleaned["article"],
        decision_number=cleaned["decision_number"].strip(), decided_on=ctx.on_date,
        summary=cleaned["summary"].strip(), effective_from=effective_from,
        effective_until=effective_until, **chosen,
    )  # fmt: skip


def practitioner_add(*, actor, institution, data: dict[str, Any]):
    """Add a notary to a notary office or an appraiser to a forensic institution (公证法
    Arts. 18, 21; GD‑SJ Arts. 3, 9): name and certificate number (once in the register), the
    appraiser's categories among the institution's."""
    model = Notary if isinstance(institution, NotaryOffice) else Appraiser
    perm = f"profession.add_{model._meta.model_name}"
    if not may(actor, perm, region_code=institution.region_code):
        raise PermissionDenied(_("You may not keep the register of this organisation."))
    errors: dict[str, list[str]] = {}
    name = str(data.get("name") or "").strip()
    number = "".join(str(data.get("licence_number") or "").split())
    if not name:
        errors["name"] = [_("Give the name.")]
    if not number:
        errors["licence_number"] = [_("Give the practising certificate number.")]
    elif model.objects.filter(licence_number=number).exists():
        errors["licence_number"] = [_("This certificate number is in the register already.")]
    extra = {}
    if model is Appraiser:
        categories = list(dict.fromkeys(data.get("categories") or []))
        if not categories or any(c not in institution.categories for c in categories):
            errors["categories"] = [_("Choose categories the institution is registered for.")]
        extra["categories"] = categories
    for key, messages in length_errors(model, {"name": name, "licence_number": number}).items():
        errors.setdefault(key, messages)
    if errors:
        key, reasons = next(iter(errors.items()))
        label = model._meta.get_field(key).verbose_name
        raise InvalidInput(f"{label}：{reasons[0]}", fields=errors)
    owner = {"office": institution} if model is Notary else {"institution": institution}
    with acting(actor), transaction.atomic():
        return model.objects.create(name=name, licence_number=number, **owner, **extra)
