"""Discretion standards (行政处罚裁量基准) and lenient lists (免罚轻罚清单),
reference/statutes-lines.md §C.4; imported at the end of enforcement.models.

- DiscretionStandard: one version of a body's standard (CF Art. 34 ✅: agencies may set
  裁量基准 and must publish them). Versions of a body are numbered 1, 2, …; a version is in
  force from `effective_from`; when a later version is published, the earlier one ends the
  day before (`effective_until`), the history is kept. Only published versions count (for
  the portal and for the check of decisions).
- DiscretionItem: a row of a version: the power (code and name, or the violation described),
  the legal basis, the circumstance (轻微/一般/严重 …), the fine range in yuan and the other
  kinds of penalty allowed. A decision's fine is checked against the items of its power code
  in the version in force on the decision day (enforcement.discretion_services.check_decision).
- LenientEntry: a line of the lenient list that belongs to the same version (CF Art. 32 从轻/
  减轻处罚, Art. 33 不予处罚: first violations with minor harm corrected in time).

Scoping: the body's region code and agency are columns, like the decisions'.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.querysets import RestrictedManager


class LenientTreatment(models.TextChoices):
    NO_PENALTY = "none", _("no penalty (CF Art. 33)")
    MITIGATED = "mitigated", _("mitigated penalty (CF Art. 32)")
    LIGHTER = "lighter", _("lighter penalty (CF Art. 32)")


class DiscretionStandard(models.Model):
    body = models.ForeignKey(
        "enforcement.EnforcementBody", verbose_name=_("enforcement body"),
        on_delete=models.PROTECT, related_name="discretion_standards",
    )  # fmt: skip
    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("agency"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveIntegerField(_("version"))
    basis_document = models.CharField(_("basis document"), max_length=300)
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "agency_id"

    class Meta:
        verbose_name = _("discretion standard")
        verbose_name_plural = _("discretion standards")
        ordering = ["body_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"],
                                    name="enforcement_discretion_version"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return _("%(title)s (version %(version)s)") % {"title": self.title,
                                                       "version": self.version}  # fmt: skip

    def get_absolute_url(self) -> str:
        return reverse("enforcement:discretion_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    def in_force_on(self, day) -> bool:
        return (self.is_published and self.effective_from <= day
                and (self.effective_until is None or day <= self.effective_until))  # fmt: skip


class DiscretionItem(models.Model):
    standard = models.ForeignKey(DiscretionStandard, on_delete=models.CASCADE,
                                 related_name="items")  # fmt: skip
    power_code = models.CharField(_("power code"), max_length=64, blank=True)
    violation = models.CharField(_("power or violation"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    circumstance = models.CharField(_("circumstance"), max_length=100)
    fine_min = models.DecimalField(_("lowest fine (yuan)"), max_digits=14, decimal_places=2)
    fine_max = models.DecimalField(_("highest fine (yuan)"), max_digits=14, decimal_places=2)
    other_penalties = models.CharField(_("other kinds of penalty"), max_length=300, blank=True)

    objects = RestrictedManager()
    scope_region_field = "standard__region_code"
    scope_organization_field = "standard__agency_id"

    class Meta:
        verbose_name = _("discretion item")
        verbose_name_plural = _("discretion items")
        ordering = ["standard_id", "id"]

    def __str__(self) -> str:
        return f"{self.power_code or self.violation} · {self.circumstance}"


class LenientEntry(models.Model):
    standard = models.ForeignKey(DiscretionStandard, on_delete=models.CASCADE,
                                 related_name="lenient_entries")  # fmt: skip
    treatment = models.CharField(_("treatment"), max_length=16, choices=LenientTreatment.choices)
    violation = models.CharField(_("violation"), max_length=300)
    condition = models.CharField(_("condition"), max_length=500)
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    objects = RestrictedManager()
    scope_region_field = "standard__region_code"
    scope_organization_field = "standard__agency_id"

    class Meta:
        verbose_name = _("lenient list entry")
        verbose_name_plural = _("lenient list entries")
        ordering = ["standard_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_treatment_display()}: {self.violation}"
