from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import BlindIndexField, EncryptedCharField, mask
from core.querysets import RestrictedManager, RestrictedQuerySet
from core.regions import RegionLevel, jurisdiction_prefix, validate_region_code
from core.roles import ROLE_ORGANIZATION_KINDS, Role


class Region(models.Model):
    """An administrative division, keyed by its 12-digit statistical code."""

    code = models.CharField(
        _("region code"), max_length=12, primary_key=True, validators=[validate_region_code]
    )
    name = models.CharField(_("name"), max_length=64)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    prefix = models.CharField(_("jurisdiction prefix"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "code"

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def full_name(self) -> str:
        names = []
        region: Region | None = self
        while region is not None:
            if region.name not in ("市辖区", "县"):
                names.append(region.name)
            region = region.parent
        return "".join(reversed(names))


class OrganizationKind(models.TextChoices):
    JUSTICE_BUREAU = "justice_bureau", _("Justice bureau")
    JUSTICE_OFFICE = "justice_office", _("Justice office")
    MEDIATION_COMMITTEE = "mediation_committee", _("People's mediation committee")
    MEDIATION_STUDIO = "mediation_studio", _("Personal mediation studio")
    LEGAL_AID_CENTRE = "legal_aid_centre", _("Legal aid centre")
    LAW_FIRM = "law_firm", _("Law firm")
    NOTARY_OFFICE = "notary_office", _("Notary office")
    FORENSIC_INSTITUTION = "forensic_institution", _("Forensic institution")
    AGENCY = "agency", _("Administrative agency")
    COURT = "court", _("People's court")


class Organization(models.Model):
    """A unit that handles cases or takes part in them; its region is its jurisdiction."""

    name = models.CharField(_("name"), max_length=128)
    short_name = models.CharField(_("short name"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organizations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("supervising organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The register's history: registers (committees, studios, and every later one) are
    # counted as they stood on the last day of a period (indicators.registry.standing_on).
    established_on = models.DateField(
        _("established on"),
        null=True,
        blank=True,
        help_text=_("Leave empty if it was established before records were kept."),
    )
    dissolved_on = models.DateField(
        _("dissolved on"),
        null=True,
        blank=True,
        help_text=_("The day it ceased to exist; empty while it stands."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region__code"
    scope_organization_field = "id"

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["region_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "kind", "name"], name="org_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:organization_detail", args=[self.pk])

    @property
    def jurisdiction(self) -> str:
        return jurisdiction_prefix(self.region_id)

    def clean(self) -> None:
        check_register_dates(
            self, "established_on", "dissolved_on",
            _("It cannot be dissolved before it was established."),
            _("A unit dissolved on %(date)s cannot stay active; untick “active”."),
        )  # fmt: skip


def check_register_dates(entry, since: str, until: str, order_message, active_message) -> None:
    """A register entry's dates in order, and an entry that has ended switched off (so that
    nothing is routed to a dissolved unit or a mediator who has left)."""
    from django.utils import timezone

    begun, ended = getattr(entry, since), getattr(entry, until)
    if begun and ended and ended < begun:
        raise ValidationError({until: order_message})
    if ended and ended <= timezone.localdate() and entry.is_active:
        raise ValidationError({"is_active": active_message % {"date": ended.isoformat()}})


class User(AbstractUser):
    """A staff member, mediator, lawyer or agency handler; never a member of the public."""

    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def active_memberships(self) -> list[Membership]:
        # Cached per instance: request.user lives for one request, so role changes apply at
        # the next request.
        cached = getattr(self, "_memberships_cache", None)
        if cached is None:
            cached = list(
                self.memberships.filter(is_active=True, organization__is_active=True)
                .select_related("organization", "organization__region")
                .order_by("-is_primary", "id")
            )
            self._memberships_cache = cached
        return cached

    @property
    def primary_membership(self) -> Membership | None:
        memberships = self.active_memberships()
        return memberships[0] if memberships else None

    def has_role(self, *roles: str) -> bool:
        return any(m.role in roles for m in self.active_memberships())

    def jurisdictions(self, perm: str) -> list[str]:
        """The region prefixes where the user holds a region-scoped role granting `perm`."""
        from core.roles import ROLE_PERMISSIONS, ROLE_SCOPE, Scope

        return [
            m.jurisdiction
            for m in self.active_memberships()
            if ROLE_SCOPE[m.role] == Scope.REGION and perm in ROLE_PERMISSIONS.get(m.role, ())
        ]

    def can_at(self, perm: str, region_code: str) -> bool:
        """Whether the user holds `perm` over the region `region_code` (a 12-digit code)."""
        return any(region_code.startswith(p) for p in self.jurisdictions(perm))

    def can(self, perm: str) -> bool:
        from core.roles import ROLE_PERMISSIONS

        return any(perm in ROLE_PERMISSIONS.get(m.role, ()) for m in self.active_memberships())


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_primary = models.BooleanField(_("primary"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedManager()
    scope_region_field = "organization__region__code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"

    @property
    def jurisdiction(self) -> str:
        return jurisdiction_prefix(self.organization.region_id)

    def clean(self) -> None:
        allowed = ROLE_ORGANIZATION_KINDS.get(self.role, set())
        if self.organization_id and self.organization.kind not in allowed:
            raise ValidationError(
                {
                    "role": _("The role “%(role)s” cannot be held in a %(kind)s.")
                    % {
                        "role": self.get_role_display(),
                        "kind": self.organization.get_kind_display(),
                    }
                }
            )


class PartyKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    ORGANIZATION = "organization", _("Legal person or other organisation")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class PartyQuerySet(RestrictedQuerySet):
    def with_id_number(self, number: str) -> PartyQuerySet:
        from core.crypto import blind_index
        from core.validators import normalize_id_number

        return self.filter(id_number_index=blind_index(normalize_id_number(number)))


class Party(models.Model):
    """A party to a case (当事人): a natural person or an organisation.

    The resident ID number and the phone are encrypted at rest; lists show them masked, and
    every reveal of a full value is written to the audit log with who revealed it.
    """

    kind = models.CharField(
        _("party kind"), max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON
    )
    name = models.CharField(_("name"), max_length=128)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=16, blank=True)
    id_number = EncryptedCharField(_("resident ID number"), max_length=18, blank=True)
    id_number_index = BlindIndexField(source="id_number")
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, db_index=True
    )
    legal_representative = models.CharField(_("legal representative"), max_length=64, blank=True)
    phone = EncryptedCharField(_("telephone"), max_length=20, blank=True)
    phone_index = BlindIndexField(source="phone")
    address = models.CharField(_("address"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("registering organisation"),
        on_delete=models.PROTECT,
        related_name="parties",
    )
    region_code = models.CharField(
        _("region code"), max_length=12, db_index=True, validators=[validate_region_code]
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = RestrictedManager.from_queryset(PartyQuerySet)()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["-created_at", "-id"]
        permissions = [("reveal_party", _("Can reveal full ID numbers and phones"))]
        indexes = [models.Index(fields=["region_code", "name"], name="party_region_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:party_detail", args=[self.pk])

    @property
    def masked_id_number(self) -> str:
        from django.conf import settings

        return mask(self.id_number, *settings.FAZHI_MASK_ID)

    @property
    def masked_phone(self) -> str:
        from django.conf import settings

        return mask(self.phone, *settings.FAZHI_MASK_PHONE)

    @property
    def identifier_label(self) -> str:
        if self.kind == PartyKind.ORGANIZATION:
            return self.credit_code
        return self.masked_id_number


class SubmissionKey(models.Model):
    """A form or API submission already processed, so that a resubmission is not a duplicate.

    Forms carry a hidden key generated when the form was shown; API clients send an
    Idempotency-Key header. The first request that stores the key wins; any repeat is answered
    with the object the first one created.
    """

    key = models.CharField(_("submission key"), max_length=64)
    scope = models.CharField(_("form"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission key")
        verbose_name_plural = _("submission keys")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="submission_unique_key")
        ]

    def __str__(self) -> str:
        return self.key


class ImportJob(models.Model):
    """An Excel import too large to run inside the request (FAZHI_IMPORT_BACKGROUND_ROWS): the
    upload is stored, a task checks and writes it in the task worker, and the page of the job
    shows its progress and, at the end, what was imported or why nothing was."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    class Phase(models.TextChoices):
        CHECKING = "checking", _("Checking the rows")
        WRITING = "writing", _("Writing")

    id = models.UUIDField(primary_key=True)
    title = models.CharField(_("title"), max_length=200)
    importer = models.CharField(max_length=200)  # dotted path of the import function
    done_url = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="import_jobs")
    file_name = models.CharField(_("file"), max_length=255)
    stored_file = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.CHECKING)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    rows_checked = models.PositiveIntegerField(default=0)
    written = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    more_errors = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.file_name})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if self.phase == self.Phase.WRITING:
            return 95
        if not self.total_rows:
            return 0
        return min(90, self.rows_checked * 90 // self.total_rows)


class ImportedFile(models.Model):
    """The fingerprint (SHA-256 of its bytes) of a file an Excel import has written, with the
    kind of import and the jurisdiction (region prefix) of the importer, one row per prefix:
    the same file imported again by the same kind of import where the jurisdictions overlap is
    refused (core.importing.run), so its rows are not written twice."""

    kind = models.CharField(_("kind of import"), max_length=100)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    scope = models.CharField(_("jurisdiction"), max_length=32)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("rows written"), default=0)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "sha256", "scope"], name="importedfile_once_per_scope"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.sha256[:12]} ({self.scope})"


class PractitionerKind(models.TextChoices):
    LAWYER = "lawyer", _("Practising lawyer")
    LEGAL_AID_LAWYER = "legal_aid_lawyer", _("Legal aid centre lawyer")
    GRASSROOTS = "grassroots_legal_worker", _("Grassroots legal service worker")


class PractitionerStatus(models.TextChoices):
    PRACTISING = "practising", _("Practising")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Licence revoked")


class Lawyer(models.Model):
    """A lawyer or grassroots legal service worker (律师 / 基层法律服务工作者) and the firm or
    centre they practise in.

    The register lives in core, not in a business line, because several lines meet it: legal
    aid assigns its cases to lawyers, any line records who represents a party
    (cases.Representation) and the conflict-of-interest check of the legal-aid draw reads all
    of them; the management of the profession (annual assessment, complaints) is a later
    line built on this register (GLOSSARY: profession).
    """

    name = models.CharField(_("name"), max_length=64)
    kind = models.CharField(
        _("kind"), max_length=32, choices=PractitionerKind.choices, default=PractitionerKind.LAWYER
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("law firm or centre"),
        on_delete=models.PROTECT,
        related_name="lawyers",
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lawyer_profiles",
    )
    licence_number = models.CharField(_("practising certificate number"), max_length=32)
    licensed_on = models.DateField(
        _("first licensed on"),
        help_text=_("The start of practice; years of practice are counted from it."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PractitionerStatus.choices,
        default=PractitionerStatus.PRACTISING,
    )
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("lawyer")
        verbose_name_plural = _("lawyers")
        ordering = ["organization_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["licence_number"], name="lawyer_unique_licence")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # A lawyer's region is their firm's; never typed by hand.
        self.region_code = self.organization.region_id
        super().save(*args, **kwargs)

    def years_of_practice(self, on) -> int:
        """Whole years of practice on the date `on` (Legal Aid Law Art. 26 asks for three for
        cases that may end in life imprisonment or death)."""
        years = on.year - self.licensed_on.year
        if (on.month, on.day) < (self.licensed_on.month, self.licensed_on.day):
            years -= 1
        return max(years, 0)
