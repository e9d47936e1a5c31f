"""The annual report on building a law-based government (法治政府建设年度报告).

A report belongs to a jurisdiction (region) and a year. Its sections hold narrative with figure
tokens such as {{mediation.received}} or {{mediation.received|同比}}; while the report is a
draft the tokens show live figures (for a year not yet over: the year to today); freezing
stores every figure with its query time and the span it covers, and a frozen report compares
its figures with live data over that span to show which now differ.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.querysets import RestrictedManager


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft (figures live)")
    FROZEN = "frozen", _("Frozen")


class Report(models.Model):
    region = models.ForeignKey("core.Region", verbose_name=_("region"), on_delete=models.PROTECT)
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(
        _("state"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT
    )
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        "core.User", verbose_name=_("frozen by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # The last day the frozen figures count: 31 December, or the freeze day for a year that
    # had not ended (empty: frozen before spans were kept, i.e. the whole year).
    frozen_period_end = models.DateField(_("figures counted to"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "region_code"]
        permissions = [("freeze_report", _("Can freeze an annual report"))]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="report_unique_region_year")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.state == ReportState.FROZEN


class Section(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("section key"), max_length=64)
    position = models.PositiveSmallIntegerField(_("order"))
    level = models.PositiveSmallIntegerField(_("heading level"), default=1)
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        "core.User", verbose_name=_("last edited by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_unique_key")
        ]

    def __str__(self) -> str:
        return self.heading


class SectionRevision(models.Model):
    """Every saved text of a section (the history behind "versions are kept")."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("edited by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("section revision")
        verbose_name_plural = _("section revisions")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.section} v{self.version}"


class FrozenFigure(models.Model):
    """A figure as it was when the report was frozen, with the time of the query."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="figures")
    revision = models.PositiveIntegerField(_("revision"))
    key = models.CharField(_("indicator"), max_length=64)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True)
    numerator = models.DecimalField(_("numerator"), max_digits=20, decimal_places=4, null=True)
    denominator = models.DecimalField(_("denominator"), max_digits=20, decimal_places=4, null=True)
    previous = models.DecimalField(_("previous year"), max_digits=20, decimal_places=4, null=True)
    computed_at = models.DateTimeField(_("query time"))

    class Meta:
        verbose_name = _("frozen figure")
        verbose_name_plural = _("frozen figures")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "revision", "key"], name="frozen_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
