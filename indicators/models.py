"""Monthly roll-ups of the declared indicators' measures (issue 11, slice 2).

A `Rollup` row holds one measure's value (a COUNT or a SUM) for one calendar month and one
jurisdiction prefix: the 2-digit province, 4-digit city, 6-digit county, 9-digit township and
the 12-digit code as the rows store it. The figure of a jurisdiction for a month is then one
row, whatever the number of cases under it. `RollupMonth` says which months are rolled up,
`RollupChange` which of them a change has made stale since. Rows are written by
`indicators.rollups.refresh`, read by `indicators.grouped.evaluate` and proved equal to the
live figures by `indicators.rollups.check`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rollup(models.Model):
    # The key of a distinct declared Measure (indicators.rollups.rollup_measures), e.g.
    # "mediation.received:numerator".
    measure = models.CharField(_("measure"), max_length=100)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    # A jurisdiction prefix: 2, 4, 6, 9 or 12 digits.
    region_code = models.CharField(_("region code"), max_length=12)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("monthly roll-up")
        verbose_name_plural = _("monthly roll-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "month", "region_code"], name="indicators_rollup_unique"
            ),
        ]
        # The read: region_code IN (the prefixes asked for) AND month BETWEEN a AND b.
        indexes = [models.Index(fields=["region_code", "month"], name="indicators_rollup_read")]

    def __str__(self) -> str:
        return f"{self.measure} {self.month:%Y-%m} {self.region_code}: {self.value}"


class RollupMonth(models.Model):
    """A month whose roll-ups have been computed. It is read from the roll-ups while no
    `RollupChange` names it; a month with changes is computed live until the next refresh."""

    month = models.DateField(_("month"), unique=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("rolled-up month")
        verbose_name_plural = _("rolled-up months")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class RollupChange(models.Model):
    """A change to rows counted in a closed month (a case saved or deleted with one of its
    counted dates in the month, past cases imported), written in the same transaction as the
    change. Rows are only inserted, never updated, so writers never wait on each other or on a
    refresh; a refresh deletes a month's changes before it recomputes the month, in its own
    transaction, so a change committed after that delete stays and keeps the month live."""

    month = models.DateField(_("month"), db_index=True)
    at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("roll-up change")
        verbose_name_plural = _("roll-up changes")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} @ {self.at}"
