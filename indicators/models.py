"""Monthly roll-ups of the declared indicators' measures (issue 11, slice 2).

A `Rollup` row holds one measure's value (a COUNT or a SUM) for one calendar month and one
region code as the rows store it (street level or below), so that the figure of any
jurisdiction and any period made of whole months is the sum of its rows under the region-code
prefix. Rows are written by `indicators.rollups.refresh` and proved equal to the live figures
by `indicators.rollups.check`; figures are not read from them yet.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rollup(models.Model):
    # The key of a distinct declared Measure (indicators.rollups.rollup_measures), e.g.
    # "mediation.received:numerator".
    measure = models.CharField(_("measure"), max_length=100)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    region_code = models.CharField(_("region code"), max_length=12)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("monthly roll-up")
        verbose_name_plural = _("monthly roll-ups")
        constraints = [
            # Its index also serves "measure = m AND month BETWEEN a AND b AND region_code
            # >= prefix AND region_code < prefix || ':'" (core.regions.within).
            models.UniqueConstraint(
                fields=["measure", "month", "region_code"], name="indicators_rollup_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.month:%Y-%m} {self.region_code}: {self.value}"
