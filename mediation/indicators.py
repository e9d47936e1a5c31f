"""People's mediation indicators (reference/statutes.md §§3, 8).

Periods: `received` counts disputes by the day they were received; `concluded` and
`succeeded` by the day they were concluded (agreement reached, mediation failed or
terminated). A refused request is neither mediated nor concluded. Success (❓ in the
reference, here: an effective written or oral agreement) ÷ concluded is the success rate.
Committees and mediators are registers, counted as they stood on the period's last day
(established/dissolved, appointed/left dates), so a past year's report keeps its own count.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import OrganizationKind
from indicators.registry import Breakdown, Indicator, Measure, registry, standing_on
from mediation.choices import ConfirmationResult, Outcome
from mediation.models import Committee, Dispute, Mediator, Screening

CONCLUDED = (Outcome.SUCCEEDED, Outcome.FAILED, Outcome.TERMINATED)
LOCAL = _("Local definition (no national statistical definition found)")
LAW = _("People's Mediation Law")

# What each figure counts, declared once: the figure, its 同比, the figures of every child
# region and the drill-down list all come from these (indicators.grouped).
received = Measure(Dispute, lambda p: Q(received_at__gte=p.start_at, received_at__lt=p.end_before))
concluded = Measure(
    Dispute,
    lambda p: Q(outcome__in=CONCLUDED, closed_at__gte=p.start_at, closed_at__lt=p.end_before),
)
succeeded = concluded.filter(outcome=Outcome.SUCCEEDED)
online = received.filter(channel="online")
mass = received.filter(is_mass=True)
amount = received.summing("amount")
confirmations = Measure(
    Dispute,
    lambda p: Q(
        confirmation_result=ConfirmationResult.VALID,
        confirmation_ruled_on__gte=p.start,
        confirmation_ruled_on__lte=p.end,
    ),
)
# Committees and studios (with a committee profile) standing on the period's last day.
committees = Measure(
    Committee,
    lambda p: standing_on(p.end, since="organization__established_on",
                          until="organization__dissolved_on", active="organization__is_active")
    & Q(organization__kind__in=[OrganizationKind.MEDIATION_COMMITTEE,
                                OrganizationKind.MEDIATION_STUDIO]),
)  # fmt: skip
# Mediators serving on the period's last day.
mediators = Measure(
    Mediator, lambda p: standing_on(p.end, since="joined_on", until="left_on", active="is_active")
)
screenings = Measure(Screening, lambda p: Q(held_on__gte=p.start, held_on__lte=p.end))


def _breakdown(measure: Measure, field: str) -> Breakdown:
    return Breakdown(measure, field)


def _rate_breakdown(field: str) -> Breakdown:
    """Success rate by `field`: succeeded ÷ concluded for each value."""
    return Breakdown(succeeded, field, denominator=concluded)


def _standard(measure: Measure):
    return {
        "dispute_type": _breakdown(measure, "dispute_type"),
        "committee": _breakdown(measure, "organization__name"),
        "channel": _breakdown(measure, "channel"),
    }


for indicator in (
    Indicator(
        "mediation.received", _("Disputes received"), _("cases"),
        _("Disputes registered by people's mediation committees in the period."), LAW,
        "count", received, breakdowns=_standard(received),
    ),
    Indicator(
        "mediation.concluded", _("Disputes concluded"), _("cases"),
        _("Disputes whose mediation ended in the period: agreement reached, failed or "
          "terminated (not-accepted requests excluded)."), LOCAL,
        "count", concluded, breakdowns=_standard(concluded),
    ),
    Indicator(
        "mediation.succeeded", _("Disputes mediated successfully"), _("cases"),
        _("Concluded disputes with an effective written or oral agreement (Arts. 28–31)."),
        LAW, "count", succeeded, breakdowns=_standard(succeeded),
    ),
    Indicator(
        "mediation.success_rate", _("Mediation success rate"), "%",
        _("Disputes mediated successfully ÷ disputes concluded in the period."), LOCAL,
        "ratio", succeeded, concluded,
        breakdowns={"dispute_type": _rate_breakdown("dispute_type"),
                    "committee": _rate_breakdown("organization__name"),
                    "channel": _rate_breakdown("channel")},
    ),
    Indicator(
        "mediation.amount_involved", _("Amount involved in disputes"), _("yuan"),
        _("Sum of the amounts involved in the disputes received in the period."), LOCAL,
        "sum", amount,
    ),
    Indicator(
        "mediation.online_share", _("Share of disputes filed online"), "%",
        _("Disputes received through the online channel ÷ disputes received."), LOCAL,
        "ratio", online, received,
    ),
    Indicator(
        "mediation.judicial_confirmations", _("Agreements judicially confirmed"), _("cases"),
        _("Mediation agreements that a court confirmed valid in the period (Art. 33)."), LAW,
        "count", confirmations,
        breakdowns=_standard(confirmations),
    ),
    Indicator(
        "mediation.mass_disputes", _("Mass disputes received"), _("cases"),
        _("Disputes flagged as mass disputes among those received in the period."), LOCAL,
        "count", mass, breakdowns=_standard(mass),
    ),
    Indicator(
        "mediation.screenings", _("Dispute screening rounds"), _("times"),
        _("Rounds of proactive screening for disputes held in the period."), LOCAL,
        "count", screenings, listed=False,
    ),
    Indicator(
        "mediation.committees", _("People's mediation committees"), _("committees"),
        _("Committees and personal mediation studios standing on the last day of the period: "
          "established by then (or before records were kept) and not yet dissolved."), LAW,
        "count", committees, register=True,
        columns=(("organization__name", _("committee")), ("kind", _("committee kind")),
                 ("region_code", _("region code")),
                 ("organization__established_on", _("established on")),
                 ("organization__dissolved_on", _("dissolved on"))),
    ),
    Indicator(
        "mediation.mediators", _("People's mediators"), _("persons"),
        _("People's mediators serving on the last day of the period: appointed by then (or "
          "before records were kept) and not yet left."), LAW,
        "count", mediators, register=True,
        columns=(("name", _("mediator")), ("committee__name", _("committee")),
                 ("employment", _("employment")), ("joined_on", _("appointed on")),
                 ("left_on", _("left on"))),
    ),
):  # fmt: skip
    registry.register(indicator)
