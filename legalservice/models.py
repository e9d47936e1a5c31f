"""Public legal services (公共法律服务): the service network, the services given, village legal
advisers with their monthly logs, and enterprise legal check-ups (法治体检).

Statute: reference/statutes-lines.md §F — the Shandong Regulation on Public Legal Services
(SD‑GF, the default model): centres, stations and offices (Arts. 10–12), the 12348 hotline and
the network platform (Arts. 13–14), a free legal adviser for every village or residents'
committee (Art. 19). These are simple records, not cases: no process, no clock.

Every row carries the 12-digit code of the place it belongs to (a point's region, a record's
point or unit, an adviser's village), so that scoping is one prefix match (core.querysets).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedCharField, mask
from core.querysets import RestrictedManager
from legalservice.choices import MatterKind, PointLevel, ServiceChannel, ServiceOutcome


class ServicePoint(models.Model):
    """A centre, station or office of the public legal service network (实体平台)."""

    name = models.CharField(_("name"), max_length=128)
    level = models.CharField(_("level"), max_length=16, choices=PointLevel.choices)
    region = models.ForeignKey(
        "core.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("running organisation"),
        on_delete=models.PROTECT,
        related_name="legal_service_points",
    )
    address = models.CharField(_("address"), max_length=200)
    hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=32, blank=True)
    services = models.JSONField(_("services offered"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Counted as it stood on a period's last day (legalservice.service_points).
    established_on = models.DateField(
        _("established on"),
        null=True,
        blank=True,
        help_text=_("Leave empty if it was established before records were kept."),
    )
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_("The day it closed; empty while it is open."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    # The region's key is its 12-digit code: a local column, no join.
    scope_region_field = "region_id"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("public legal service point")
        verbose_name_plural = _("public legal service points")
        ordering = ["region_id", "level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="lspoint_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("legalservice:point_detail", args=[self.pk])

    def services_display(self) -> list[str]:
        from legalservice.choices import PointService

        labels = dict(PointService.choices)
        return [str(labels.get(s, s)) for s in self.services or []]


class ServiceRecord(models.Model):
    """A consultation or service given at a point, on the 12348 hotline or online."""

    served_on = models.DateField(_("date"))
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("handling organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    service_point = models.ForeignKey(
        ServicePoint,
        verbose_name=_("service point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    region_code = models.CharField(_("region code"), max_length=12)
    channel = models.CharField(_("channel"), max_length=16, choices=ServiceChannel.choices)
    matter_kind = models.CharField(_("kind of matter"), max_length=24, choices=MatterKind.choices)
    person_name = models.CharField(_("name of the person served"), max_length=64, blank=True)
    person_phone = EncryptedCharField(_("telephone of the person served"), max_length=20,
                                      blank=True)  # fmt: skip
    summary = models.TextField(_("summary"))
    outcome = models.CharField(_("outcome"), max_length=32, choices=ServiceOutcome.choices)
    # The case a referral (转介, legalservice.services.record_refer) opened in another line
    # (a mediation.Dispute, a legalaid.AidCase): a generic reference, because cases.Case is an
    # abstract base (each line has its own table) and this line imports none of them. Empty
    # while the record has not been referred through Fazhi; set once, never changed.
    referred_case_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("line of the referred case"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    referred_case_id = models.PositiveBigIntegerField(_("referred case"), null=True, blank=True)
    referred_case = GenericForeignKey("referred_case_type", "referred_case_id")
    recorded_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("public legal service record")
        verbose_name_plural = _("public legal service records")
        ordering = ["-served_on", "-id"]
        indexes = [models.Index(fields=["region_code", "served_on"], name="lsrecord_region_date")]
        constraints = [
            # A referred case is named by both columns or by neither.
            models.CheckConstraint(
                condition=Q(referred_case_type__isnull=True, referred_case_id__isnull=True)
                | Q(referred_case_type__isnull=False, referred_case_id__isnull=False),
                name="lsrecord_referred_case_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.served_on} {self.get_matter_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("legalservice:record_detail", args=[self.pk])

    @property
    def is_referred(self) -> bool:
        """Referred through Fazhi: the case it opened in another line is recorded."""
        return self.referred_case_id is not None

    @property
    def masked_phone(self) -> str:
        return mask(self.person_phone, *settings.FAZHI_MASK_PHONE)


class VillageAdviser(models.Model):
    """A lawyer serving as the legal adviser of a village or residents' committee (村居法律顾问,
    SD‑GF Art. 19), from one day to another."""

    lawyer = models.ForeignKey(
        "core.Lawyer", verbose_name=_("lawyer"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        "core.Region",
        verbose_name=_("village or community"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_on = models.DateField(_("adviser from"))
    ended_on = models.DateField(
        _("adviser until"),
        null=True,
        blank=True,
        help_text=_("The first day without this adviser; empty while serving."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "village_id"

    class Meta:
        verbose_name = _("village legal adviser")
        verbose_name_plural = _("village legal advisers")
        ordering = ["village_id", "-started_on"]

    def __str__(self) -> str:
        return f"{self.village} · {self.lawyer}"

    def get_absolute_url(self) -> str:
        return reverse("legalservice:adviser_detail", args=[self.pk])


class AdviserLog(models.Model):
    """A village legal adviser's work in one month (服务台账)."""

    adviser = models.ForeignKey(
        VillageAdviser, verbose_name=_("village legal adviser"), on_delete=models.PROTECT,
        related_name="logs",
    )  # fmt: skip
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    region_code = models.CharField(_("region code"), max_length=12)
    visits = models.PositiveIntegerField(_("visits to the village"), default=0)
    consultations = models.PositiveIntegerField(_("consultations"), default=0)
    documents_reviewed = models.PositiveIntegerField(_("documents reviewed"), default=0)
    lectures = models.PositiveIntegerField(_("lectures on the law"), default=0)
    # The sum of the four, kept on save: what legalservice.village_adviser_services adds up.
    services = models.PositiveIntegerField(_("services in all"), default=0, editable=False)
    recorded_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedManager()
    scope_region_field = "region_code"

    class Meta:
        verbose_name = _("village legal adviser's monthly log")
        verbose_name_plural = _("village legal advisers' monthly logs")
        ordering = ["-month", "adviser_id"]
        constraints = [
            models.UniqueConstraint(fields=["adviser", "month"], name="lsadviserlog_month")
        ]

    def __str__(self) -> str:
        return f"{self.adviser} {self.month:%Y-%m}"

    def save(self, *args, **kwargs):
        self.region_code = self.adviser.village_id
        self.services = self.visits + self.consultations + self.documents_reviewed + self.lectures
        super().save(*args, **kwargs)


class EnterpriseCheckup(models.Model):
    """A legal check-up of an enterprise (企业法治体检): a lawyer's visit, the problems found and
    the advice given."""

    enterprise_name = models.CharField(_("enterprise"), max_length=128)
    checked_on = models.DateField(_("date"))
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    region_code = models.CharField(_("region code"), max_length=12)
    lawyer = models.ForeignKey(
        "core.Lawyer", verbose_name=_("lawyer"), on_delete=models.PROTECT, related_name="+"
    )
    problems_found = models.PositiveIntegerField(_("problems found"), default=0)
    advice = models.TextField(_("advice given"))
    recorded_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("enterprise legal check-up")
        verbose_name_plural = _("enterprise legal check-ups")
        ordering = ["-checked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.checked_on} {self.enterprise_name}"

    def get_absolute_url(self) -> str:
        return reverse("legalservice:checkup_detail", args=[self.pk])


# -- the legal Q&A library on the portal (法律问答, legalservice.qa_*) ---------------------------


class QaEntry(models.Model):
    """A question and its answer in the public legal Q&A library, kept by the staff of the
    owning organisation; the public sees it once published. `search_text` holds the question,
    keywords, answer and legal basis segmented into words (jieba), which the database's own
    full-text engine searches (legalservice.qa_search)."""

    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"))
    legal_basis = models.TextField(
        _("legal basis"), blank=True, help_text=_("The statutes and articles the answer rests on.")
    )
    matter_kind = models.CharField(_("kind of matter"), max_length=24, choices=MatterKind.choices)
    keywords = models.CharField(
        _("keywords and synonyms"), max_length=500, blank=True,
        help_text=_("Other words people use for this question, separated by spaces or commas "
                    "(e.g. 欠薪 讨薪 老板不发工资)."),
    )  # fmt: skip
    published = models.BooleanField(_("published"), default=False)
    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("owning organisation"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    search_text = models.TextField(_("search words"), editable=False, default="")
    created_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("legal Q&A entry")
        verbose_name_plural = _("legal Q&A entries")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.question

    def save(self, *args, **kwargs):
        from legalservice import qa_search

        self.region_code = self.organization.region_id
        self.search_text = qa_search.document_text(self)
        super().save(*args, **kwargs)
        qa_search.index(self)

    def get_absolute_url(self) -> str:
        return reverse("legalservice:qa_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        from legalservice import qa_search

        pk = self.pk
        result = super().delete(*args, **kwargs)
        qa_search.unindex(pk)
        return result


class QaVote(models.Model):
    """An answer to "was this helpful?": one per browser session and entry."""

    entry = models.ForeignKey(QaEntry, on_delete=models.CASCADE, related_name="votes")
    # The entry's region code, kept on save: votes are scoped like their entry.
    region_code = models.CharField(_("region code"), max_length=12, editable=False)
    session_key = models.CharField(_("browser session"), max_length=64)
    helpful = models.BooleanField(_("helpful"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"

    class Meta:
        verbose_name = _("Q&A vote")
        verbose_name_plural = _("Q&A votes")
        constraints = [
            models.UniqueConstraint(fields=["entry", "session_key"], name="lsqavote_once")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {'+' if self.helpful else '-'}"

    def save(self, *args, **kwargs):
        self.region_code = self.entry.region_code
        super().save(*args, **kwargs)


class QaConsultation(models.Model):
    """A question asked on the portal when no answer in the library fitted (没有找到答案？提交
    咨询): a service record (channel online, pending answer) of the street's justice office,
    with a tracking code under which the person reads the answer after a one-time SMS code."""

    record = models.OneToOneField(
        ServiceRecord, verbose_name=_("service record"), on_delete=models.PROTECT,
        related_name="qa_consultation",
    )  # fmt: skip
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    street_code = models.CharField(_("street"), max_length=12)
    region_code = models.CharField(_("region code"), max_length=12)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"

    class Meta:
        verbose_name = _("online consultation")
        verbose_name_plural = _("online consultations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.tracking_code

    def get_absolute_url(self) -> str:
        return reverse("legalservice:qa_consultation", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
