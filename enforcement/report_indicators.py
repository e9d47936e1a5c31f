"""The enforcement figure the annual report's section needs beyond the line's others
(enforcement.report; samples: 白云 2019 "区47个部门在白云信息网公开行政执法数据7376条", 广州
"公示执法信息172万条"):

- enforcement.published: decisions published (公示) in the period — their publicity day within
  it — on time or late, including those withdrawn later (they were published), by body and by
  kind of decision. Local definition: no national statistical definition was found; the
  samples count the items published in the year, not the decisions made in it.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from enforcement.decision_indicators import COLUMNS, LINE
from enforcement.decision_models import Decision
from indicators.registry import Breakdown, Indicator, Measure, registry

SOURCE = _("Local definition (no national statistical definition found); 行政处罚法 Arts. 39, "
           "48; 国办发〔2018〕118号 ◑; reference/statutes.md §8 ❓")  # fmt: skip

published = Measure(
    Decision, lambda p: Q(published_on__isnull=False, published_on__gte=p.start,
                          published_on__lte=p.end)
)  # fmt: skip

registry.register(
    Indicator(
        "enforcement.published", _("Enforcement decisions published"),
        pgettext_lazy("unit", "items of information"),
        _("Enforcement decisions published in the period (their publicity day within it), on "
          "time or late, including those withdrawn later."),
        SOURCE, "count", published,
        breakdowns={"body": Breakdown(published, "body__name"),
                    "kind": Breakdown(published, "kind")},
        columns=COLUMNS, business_line=LINE,
    )
)  # fmt: skip
