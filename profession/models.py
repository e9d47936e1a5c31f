"""The legal-services sector (律师 / 公证 / 司法鉴定 行业管理; GLOSSARY: profession;
reference/statutes-lines.md §E).

Registers, built on core's: a law firm, a notary office and a forensic institution are
core.Organization rows (kinds LAW_FIRM, NOTARY_OFFICE, FORENSIC_INSTITUTION); this line adds
their profiles (licence number, form, status). Lawyers are core.Lawyer — one register with the
legal-aid pool (issue 16): no second lawyer table. Notaries and appraisers, whom no other line
meets, are kept here.

Cases on the engine (profession.process): the annual inspection of a firm (Inspection,
年度检查考核) and a complaint against a lawyer, a firm, a notary, a notary office, an appraiser
or a forensic institution (Complaint), whose decision may record a Penalty (Lawyers Law Arts.
47–50, Notarization Law Arts. 41–42, the GD‑SJ penalty provisions) — the public record of penalties on the portal lists
decided penalties only. Business volumes (Volume): notarisations of a notary office and
appraisals of a forensic institution by category and month, imported from the institutions'
Excel returns (profession.importing).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from core.crypto import EncryptedCharField, mask
from core.models import OrganizationKind, PractitionerStatus
from core.querysets import RestrictedManager
from core.regions import within
from core.roles import Role
from profession.choices import (
    AppraisalCategory,
    FirmForm,
    InspectionResult,
    InstitutionStatus,
    PenaltyArticle,
    SubjectKind,
    VolumeKind,
)


def bureau_staff_only(cls, role: str, user, scoped):
    """Section staff reach this sector through a justice bureau only: a legal-aid centre's
    section staff (core.roles lets the role sit there) assign these same lawyers to aid cases,
    so they see none of it (a conflict of interest). The rows of the jurisdictions of the
    user's section-staff memberships in justice bureaus; other roles as scoped."""
    if role != Role.SECTION_STAFF or scoped is None:
        return scoped
    condition = None
    for m in user.active_memberships():
        if m.role == role and m.organization.kind == OrganizationKind.JUSTICE_BUREAU:
            part = within(cls.scope_region_field, m.jurisdiction)
            condition = part if condition is None else condition | part
    return condition


class Institution(models.Model):
    """The profile of an organisation of the sector: its licence and status. Its region is its
    organisation's, never typed by hand."""

    organization = models.OneToOneField(
        "core.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    licence_number = models.CharField(_("practice licence number"), max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=InstitutionStatus.choices,
        default=InstitutionStatus.PRACTISING,
    )  # fmt: skip
    licensed_on = models.DateField(_("licensed on"), null=True, blank=True)
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"
    scope_user_condition = classmethod(bureau_staff_only)

    class Meta:
        abstract = True
        ordering = ["region_code", "id"]

    def __str__(self) -> str:
        return self.organization.name

    def save(self, *args, **kwargs):
        self.region_code = self.organization.region_id
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.organization.name


class LawFirm(Institution):
    """A law firm's profile (律师法 Arts. 14–24)."""

    form = models.CharField(
        _("organisational form"), max_length=16, choices=FirmForm.choices,
        default=FirmForm.PARTNERSHIP,
    )  # fmt: skip

    class Meta(Institution.Meta):
        verbose_name = _("law firm")
        verbose_name_plural = _("law firms")

    def get_absolute_url(self) -> str:
        return reverse("profession:firm_detail", args=[self.pk])


class NotaryOffice(Institution):
    """A notary office's profile (公证法)."""

    class Meta(Institution.Meta):
        verbose_name = _("notary office")
        verbose_name_plural = _("notary offices")

    def get_absolute_url(self) -> str:
        return reverse("profession:notary_office_detail", args=[self.pk])


class ForensicInstitution(Institution):
    """A forensic appraisal institution's profile and the categories it is registered for
    (GD‑SJ Arts. 9, 18–19)."""

    categories = models.JSONField(_("appraisal categories"), default=list)

    class Meta(Institution.Meta):
        verbose_name = _("forensic institution")
        verbose_name_plural = _("forensic institutions")

    def get_absolute_url(self) -> str:
        return reverse("profession:institution_detail", args=[self.pk])

    @property
    def category_labels(self) -> str:
        return "、".join(str(AppraisalCategory(c).label) for c in self.categories
                        if c in AppraisalCategory.values)  # fmt: skip


class Practitioner(models.Model):
    name = models.CharField(_("name"), max_length=64)
    licence_number = models.CharField(_("practising certificate number"), max_length=32,
                                      unique=True)  # fmt: skip
    status = models.CharField(
        _("status"), max_length=16, choices=PractitionerStatus.choices,
        default=PractitionerStatus.PRACTISING,
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_user_condition = classmethod(bureau_staff_only)

    class Meta:
        abstract = True
        ordering = ["region_code", "name"]

    def __str__(self) -> str:
        return self.name


class Notary(Practitioner):
    """A notary (公证员) of a notary office (公证法 Arts. 18, 21)."""

    office = models.ForeignKey(NotaryOffice, verbose_name=_("notary office"),
                               on_delete=models.PROTECT, related_name="notaries")  # fmt: skip

    class Meta(Practitioner.Meta):
        verbose_name = _("notary")
        verbose_name_plural = _("notaries")

    def save(self, *args, **kwargs):
        self.region_code = self.office.region_code
        super().save(*args, **kwargs)


class Appraiser(Practitioner):
    """A forensic appraiser (司法鉴定人) of an institution, personally responsible for the
    opinion (GD‑SJ Art. 3)."""

    institution = models.ForeignKey(ForensicInstitution, verbose_name=_("forensic institution"),
                                    on_delete=models.PROTECT, related_name="appraisers")  # fmt: skip
    categories = models.JSONField(_("appraisal categories"), default=list)

    class Meta(Practitioner.Meta):
        verbose_name = _("appraiser")
        verbose_name_plural = _("appraisers")

    def save(self, *args, **kwargs):
        self.region_code = self.institution.region_code
        super().save(*args, **kwargs)


def institution_name(person) -> str:
    """The name of a lawyer's organisation, a notary's office or an appraiser's institution."""
    if isinstance(person, Notary):
        return person.office.name
    if isinstance(person, Appraiser):
        return person.institution.name
    return person.organization.name


class Inspection(Case):
    """The annual inspection of a law firm (年度检查考核, 律师法 Arts. 23–24). Its `year` is the
    year of practice inspected (考核年度: "2025年度检查考核" is held in 2026): the firm reports
    on that practice within the next year's window the bureau sets
    (FAZHI_PROFESSION_INSPECTION_OPENS / _CLOSES, default 1 April–31 May ◑), the bureau grades
    it 合格 or 不合格 (with the lawyers' assessment 称职 / 基本称职 / 不称职 ◑, optional), and the
    result is filed with the city-level bureau (Art. 24). Its organisation is the bureau, its
    region the firm's."""

    firm = models.ForeignKey(LawFirm, verbose_name=_("law firm"), on_delete=models.PROTECT,
                             related_name="inspections")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year inspected"))
    window_opens = models.DateField(_("window opens"))
    window_closes = models.DateField(_("window closes"))
    submitted_on = models.DateField(_("report submitted on"), null=True, blank=True)
    submitted_late = models.BooleanField(_("submitted after the window"), default=False)
    lawyers_competent = models.PositiveIntegerField(_("lawyers assessed competent"), null=True,
                                                    blank=True)  # fmt: skip
    lawyers_basic = models.PositiveIntegerField(_("lawyers assessed basically competent"),
                                                null=True, blank=True)  # fmt: skip
    lawyers_incompetent = models.PositiveIntegerField(_("lawyers assessed incompetent"),
                                                      null=True, blank=True)  # fmt: skip
    result = models.CharField(_("result"), max_length=16, choices=InspectionResult.choices,
                              blank=True)  # fmt: skip
    remarks = models.TextField(_("remarks"), blank=True)
    graded_on = models.DateField(_("graded on"), null=True, blank=True)
    filed_with = models.ForeignKey(
        "core.Organization", verbose_name=_("filed with"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    filed_on = models.DateField(_("filed on"), null=True, blank=True)

    scope_user_condition = classmethod(bureau_staff_only)

    class Meta(Case.Meta):
        verbose_name = _("annual inspection")
        verbose_name_plural = _("annual inspections")
        indexes = [*case_indexes("profinsp")]
        constraints = [models.UniqueConstraint(fields=["firm", "year"], name="profinsp_firm_year")]

    @property
    def window_eve(self) -> datetime.date:
        """The day before the window opens: the report clock counts from it (the first day of
        a period is not counted), so that its last day is the window's last."""
        return self.window_opens - datetime.timedelta(days=1)

    def get_absolute_url(self) -> str:
        return reverse("profession:inspection_detail", args=[self.pk])


class Complaint(Case):
    """A complaint against a practitioner or a practising institution (投诉): a lawyer or a law
    firm, a notary or a notary office, a forensic appraiser or a forensic institution;
    investigated by the county-level bureau (律师法 Art. 52) and decided — a penalty by the
    city-level (or provincial) bureau under 律师法 Arts. 47–50, 公证法 Arts. 41–42 or the
    penalty provisions of GD‑SJ (complaints: Arts. 58–59), or dismissed. Its organisation is
    the bureau that received it, its region the subject's.

    The subject is one foreign key per register. A complaint against a person also records
    their institution (a lawyer's firm, a notary's office, an appraiser's institution), as it
    always did for a lawyer's firm."""

    subject_kind = models.CharField(_("complaint against"), max_length=24,
                                    choices=SubjectKind.choices)  # fmt: skip
    lawyer = models.ForeignKey(
        "core.Lawyer", verbose_name=_("lawyer"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="complaints",
    )  # fmt: skip
    firm = models.ForeignKey(
        LawFirm, verbose_name=_("law firm"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="complaints",
    )  # fmt: skip
    notary = models.ForeignKey(
        Notary, verbose_name=_("notary"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="complaints",
    )  # fmt: skip
    notary_office = models.ForeignKey(
        NotaryOffice, verbose_name=_("notary office"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="complaints",
    )  # fmt: skip
    appraiser = models.ForeignKey(
        Appraiser, verbose_name=_("appraiser"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="complaints",
    )  # fmt: skip
    institution = models.ForeignKey(
        ForensicInstitution, verbose_name=_("forensic institution"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="complaints",
    )  # fmt: skip
    complainant_name = models.CharField(_("complainant"), max_length=128)
    complainant_phone = EncryptedCharField(_("complainant's phone"), max_length=20, blank=True)
    facts = models.TextField(_("what the complaint says"))
    refusal_reasons = models.TextField(_("reasons for not accepting"), blank=True)
    findings = models.TextField(_("findings of the investigation"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    on_time = models.BooleanField(_("concluded on time"), null=True, blank=True)

    scope_user_condition = classmethod(bureau_staff_only)

    class Meta(Case.Meta):
        verbose_name = _("complaint against a practitioner")
        verbose_name_plural = _("complaints against practitioners")
        indexes = [*case_indexes("profcompl")]

    @property
    def subject(self) -> str:
        """Who is complained about: a person with their institution in brackets, or the
        institution."""
        person, institution = self.subject_person, self.subject_institution
        if person is not None:
            return f"{person.name}（{institution_name(person)}）"
        return institution.name if institution is not None else ""

    @property
    def subject_person(self):
        """The lawyer, notary or appraiser complained about; None against an institution."""
        return {
            SubjectKind.LAWYER: self.lawyer if self.lawyer_id else None,
            SubjectKind.NOTARY: self.notary if self.notary_id else None,
            SubjectKind.APPRAISER: self.appraiser if self.appraiser_id else None,
        }.get(self.subject_kind)

    @property
    def subject_institution(self):
        """The firm, notary office or forensic institution complained about, or the person's
        (None for a lawyer whose organisation has no firm profile)."""
        kind = self.subject_kind
        if kind in (SubjectKind.LAWYER, SubjectKind.FIRM):
            return self.firm if self.firm_id else None
        if kind in (SubjectKind.NOTARY, SubjectKind.NOTARY_OFFICE):
            return self.notary_office if self.notary_office_id else None
        return self.institution if self.institution_id else None

    @property
    def masked_phone(self) -> str:
        return mask(self.complainant_phone, *settings.FAZHI_MASK_PHONE)

    def get_absolute_url(self) -> str:
        return reverse("profession:complaint_detail", args=[self.pk])


#: What reading a complaint's `subject` needs, in one query.
SUBJECT_RELATED = (
    "lawyer__organization", "firm__organization", "notary__office__organization",
    "notary_office__organization", "appraiser__institution__organization",
    "institution__organization",
)  # fmt: skip


class Penalty(models.Model):
    """An administrative penalty decided on a complaint (律师法 Arts. 47–50, 公证法 Arts. 41–42,
    GD‑SJ): the measures, each within what its article allows (profession.penalties). Written only by the complaint's
    decision; the portal's public record lists these, never the complaint or its complainant."""

    complaint = models.OneToOneField(Complaint, verbose_name=_("complaint"),
                                     on_delete=models.PROTECT, related_name="penalty")  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    decided_by = models.ForeignKey("core.Organization", verbose_name=_("decided by"),
                                   on_delete=models.PROTECT, related_name="+")  # fmt: skip
    subject_kind = models.CharField(_("penalised"), max_length=24,
                                    choices=SubjectKind.choices)  # fmt: skip
    lawyer = models.ForeignKey("core.Lawyer", verbose_name=_("lawyer"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    # The institution's name: the firm of a lawyer, the office of a notary, the institution
    # of an appraiser; an institution's own name when it is penalised.
    firm_name = models.CharField(_("practising institution"), max_length=128)
    subject_name = models.CharField(_("name"), max_length=128)
    article = models.CharField(_("article"), max_length=4, choices=PenaltyArticle.choices)
    warning = models.BooleanField(_("warning"), default=False)
    fine = models.DecimalField(_("fine (yuan)"), max_digits=10, decimal_places=2, default=0)
    confiscated = models.DecimalField(_("unlawful gains confiscated (yuan)"), max_digits=12,
                                      decimal_places=2, default=0)  # fmt: skip
    suspension_months = models.PositiveSmallIntegerField(_("suspension of practice (months)"),
                                                         default=0)  # fmt: skip
    closure_months = models.PositiveSmallIntegerField(_("closure for rectification (months)"),
                                                      default=0)  # fmt: skip
    revocation = models.BooleanField(_("licence revoked"), default=False)
    # The term of a suspension, closure or revocation on the register (profession.standing):
    # its first day (the decision day unless the decision names a later one) and, for a
    # suspension or closure, its last day; a revocation has no last day.
    effective_from = models.DateField(_("takes effect on"), null=True, blank=True)
    effective_until = models.DateField(_("last day of the term"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decided_on = models.DateField(_("decided on"))
    summary = models.TextField(_("facts and grounds (public)"))

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_user_condition = classmethod(bureau_staff_only)

    class Meta:
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")
        ordering = ["-decided_on", "-id"]
        # One decision, one number (the guard _number_free refuses it first, naming the field).
        constraints = [
            models.UniqueConstraint(fields=["decision_number"], name="profpenalty_number_unique")
        ]

    def __str__(self) -> str:
        return self.decision_number

    @property
    def measures(self) -> str:
        from profession.penalties import describe

        return describe(self)


class Volume(models.Model):
    """The business volume of an institution in one month, as its return gives it:
    notarisations of a notary office, appraisals of a forensic institution by category. One
    row per (institution, kind, category, month); a later return for the same month replaces
    the count."""

    organization = models.ForeignKey("core.Organization", verbose_name=_("institution"),
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    kind = models.CharField(_("business"), max_length=16, choices=VolumeKind.choices)
    category = models.CharField(_("category"), max_length=24, blank=True,
                                choices=AppraisalCategory.choices)  # fmt: skip
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    count = models.PositiveIntegerField(_("number"))
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"
    scope_user_condition = classmethod(bureau_staff_only)

    class Meta:
        verbose_name = _("business volume")
        verbose_name_plural = _("business volumes")
        ordering = ["-month", "organization_id", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "category", "month"], name="profvolume_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.month:%Y-%m} {self.count}"
