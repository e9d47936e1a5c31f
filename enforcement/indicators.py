"""Enforcement supervision indicators, slice 1: the registers (reference/statutes-lines.md §C.3
and "Indicators (C)"; GLOSSARY: enforcement.*).

- enforcement.bodies: enforcement bodies (执法主体) in the register on the last day of the
  period (established on or before it, or before records were kept; not abolished by then),
  by kind and by agency.
- enforcement.officers_certified: officers holding an enforcement certificate valid on the last
  day of the period (issued, not expired, cancelled, revoked or suspended that day), by body:
  the numerator of 持证率 (statutes-lines §C Indicators ❓).
- enforcement.exam_candidates: candidates who sat a qualification exam held in the period (a
  score recorded, not absent), by body — the samples' "海珠 473 officers examined".
- enforcement.exam_pass_rate: candidates who passed ÷ candidates who sat, exams held in the
  period, by body.

No national statistical definition was found for these figures: they are local definitions,
named as such. A rate whose denominator is 0 has no value (None): no data, never 0%.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enforcement.models import EnforcementBody, ExamCandidate, Officer
from enforcement.validity import officer_certified_q
from indicators.registry import Breakdown, Indicator, Measure, registry, standing_on

LINE = "enforcement"
LOCAL = _("Local definition (no national statistical definition found); 行政处罚法 Arts. 17–20, "
          "42; reference/statutes-lines.md §C.3 ❓")  # fmt: skip
LOCAL_EXAM = _("Local definition; training and examination before the certificate (山东省行政执法"
               "监督条例 Art. 10 ✅ by analogy) ❓")  # fmt: skip

bodies = Measure(
    EnforcementBody, lambda p: standing_on(p.end, since="established_on", until="abolished_on")
)
officers_certified = Measure(Officer, lambda p: officer_certified_q(p.end))
sat = Measure(
    ExamCandidate,
    lambda p: Q(sat_on__gte=p.start, sat_on__lte=p.end, absent=False, score__isnull=False),
)
passed = sat.filter(passed=True)
CANDIDATE_COLUMNS = (("officer__name", _("full name")), ("body__name", _("enforcement body")),
                     ("sat_on", _("exam day")), ("score", _("score")), ("passed", _("passed")))  # fmt: skip


for indicator in (
    Indicator(
        "enforcement.bodies", _("Enforcement bodies"), _("bodies"),
        _("Enforcement bodies in the register on the last day of the period: established on or "
          "before it (or before records were kept) and not abolished by then."),
        LOCAL, "count", bodies, register=True,
        breakdowns={"kind": Breakdown(bodies, "kind"),
                    "agency": Breakdown(bodies, "agency__name")},
        columns=(("name", _("name")), ("agency__name", _("agency")), ("kind", _("kind of body")),
                 ("established_on", _("established on"))),
        business_line=LINE,
    ),
    Indicator(
        "enforcement.officers_certified", _("Officers holding a valid certificate"),
        _("persons"),
        _("Enforcement officers holding an enforcement certificate valid on the last day of the "
          "period: issued by then, not expired, cancelled, revoked or suspended on that day."),
        LOCAL, "count", officers_certified, register=True,
        breakdowns={"body": Breakdown(officers_certified, "body__name")},
        columns=(("name", _("full name")), ("body__name", _("enforcement body")),
                 ("post", _("post"))),
        business_line=LINE,
    ),
    Indicator(
        "enforcement.exam_candidates", _("Candidates who sat the qualification exam"),
        _("persons"),
        _("Candidates who sat an enforcement qualification exam held in the period (a score "
          "recorded; absent candidates not counted)."),
        LOCAL_EXAM, "count", sat,
        breakdowns={"body": Breakdown(sat, "body__name")},
        columns=CANDIDATE_COLUMNS,
        business_line=LINE,
    ),
    Indicator(
        "enforcement.exam_pass_rate", _("Qualification exam pass rate"), "%",
        _("Candidates who reached the pass mark of their sitting ÷ candidates who sat, for the "
          "exams held in the period."),
        LOCAL_EXAM, "ratio", passed, sat,
        breakdowns={"body": Breakdown(passed, "body__name", sat)},
        columns=CANDIDATE_COLUMNS,
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
