"""People's mediation indicators (reference/statutes.md §§3, 8).

Periods: `received` counts disputes by the day they were received; `concluded` and
`succeeded` by the day they were concluded (agreement reached, mediation failed or
terminated). A refused request is neither mediated nor concluded. Success (❓ in the
reference, here: an effective written or oral agreement) ÷ concluded is the success rate.
Committees and mediators are registers, counted as they stood on the period's last day
(established/dissolved, appointed/left dates), so a past year's report keeps its own count.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from core.models import OrganizationKind
from core.regions import within
from indicators.registry import Indicator, Period, registry, standing_on
from mediation.choices import ConfirmationResult, Outcome
from mediation.models import Committee, Dispute, Mediator, Screening

CONCLUDED = (Outcome.SUCCEEDED, Outcome.FAILED, Outcome.TERMINATED)
LOCAL = _("Local definition (no national statistical definition found)")
LAW = _("People's Mediation Law")


def _in(prefix: str):
    return Dispute.objects.filter(within("region_code", prefix))


def received(prefix: str, period: Period):
    return _in(prefix).filter(received_at__gte=period.start_at, received_at__lt=period.end_before)


def concluded(prefix: str, period: Period):
    return _in(prefix).filter(
        outcome__in=CONCLUDED, closed_at__gte=period.start_at, closed_at__lt=period.end_before
    )


def succeeded(prefix: str, period: Period):
    return concluded(prefix, period).filter(outcome=Outcome.SUCCEEDED)


def online(prefix: str, period: Period):
    return received(prefix, period).filter(channel="online")


def confirmations(prefix: str, period: Period):
    return _in(prefix).filter(
        confirmation_result=ConfirmationResult.VALID,
        confirmation_ruled_on__gte=period.start,
        confirmation_ruled_on__lte=period.end,
    )


def mass(prefix: str, period: Period):
    return received(prefix, period).filter(is_mass=True)


def _count(queryset_fn):
    return lambda prefix, period: queryset_fn(prefix, period).count()


def _labels(field: str) -> dict:
    """Display names of a field's coded values (dispute types, channels)."""
    try:
        return {k: str(v) for k, v in Dispute._meta.get_field(field).flatchoices}
    except FieldDoesNotExist:  # a related path such as organization__name has no choices
        return {}


def _breakdown(queryset_fn, field: str):
    def compute(prefix, period):
        labels = _labels(field)
        rows = queryset_fn(prefix, period).values(field).annotate(n=Count("id"))
        return {labels.get(r[field], str(r[field])): r["n"] for r in rows}

    return compute


def _rate_breakdown(field: str):
    def compute(prefix, period):
        labels = _labels(field)
        rows = (
            concluded(prefix, period)
            .values(field)
            .annotate(n=Count("id"), ok=Count("id", filter=Q(outcome=Outcome.SUCCEEDED)))
        )
        return {
            labels.get(r[field], str(r[field])): {"numerator": r["ok"], "denominator": r["n"]}
            for r in rows
        }

    return compute


def _standard(queryset_fn):
    return {
        "dispute_type": _breakdown(queryset_fn, "dispute_type"),
        "committee": _breakdown(queryset_fn, "organization__name"),
        "channel": _breakdown(queryset_fn, "channel"),
    }


def _amount(prefix, period):
    return received(prefix, period).aggregate(s=Sum("amount"))["s"] or 0


def committees(prefix: str, period: Period):
    """Committees and studios (with a committee profile) standing on the period's last day."""
    return Committee.objects.filter(
        within("region_code", prefix),
        standing_on(period.end, since="organization__established_on",
                    until="organization__dissolved_on", active="organization__is_active"),
        organization__kind__in=[
            OrganizationKind.MEDIATION_COMMITTEE,
            OrganizationKind.MEDIATION_STUDIO,
        ],
    )  # fmt: skip


def mediators(prefix: str, period: Period):
    """Mediators serving on the period's last day."""
    return Mediator.objects.filter(
        within("region_code", prefix),
        standing_on(period.end, since="joined_on", until="left_on", active="is_active"),
    )


def _screenings(prefix, period):
    return Screening.objects.filter(
        within("region_code", prefix), held_on__gte=period.start, held_on__lte=period.end
    ).count()


for indicator in (
    Indicator(
        "mediation.received", _("Disputes received"), _("cases"),
        _("Disputes registered by people's mediation committees in the period."), LAW,
        "count", _count(received), cases=received, breakdowns=_standard(received),
    ),
    Indicator(
        "mediation.concluded", _("Disputes concluded"), _("cases"),
        _("Disputes whose mediation ended in the period: agreement reached, failed or "
          "terminated (not-accepted requests excluded)."), LOCAL,
        "count", _count(concluded), cases=concluded, breakdowns=_standard(concluded),
    ),
    Indicator(
        "mediation.succeeded", _("Disputes mediated successfully"), _("cases"),
        _("Concluded disputes with an effective written or oral agreement (Arts. 28–31)."),
        LAW, "count", _count(succeeded), cases=succeeded, breakdowns=_standard(succeeded),
    ),
    Indicator(
        "mediation.success_rate", _("Mediation success rate"), "%",
        _("Disputes mediated successfully ÷ disputes concluded in the period."), LOCAL,
        "ratio", _count(succeeded), _count(concluded), cases=succeeded,
        breakdowns={"dispute_type": _rate_breakdown("dispute_type"),
                    "committee": _rate_breakdown("organization__name"),
                    "channel": _rate_breakdown("channel")},
    ),
    Indicator(
        "mediation.amount_involved", _("Amount involved in disputes"), _("yuan"),
        _("Sum of the amounts involved in the disputes received in the period."), LOCAL,
        "sum", _amount, cases=received,
    ),
    Indicator(
        "mediation.online_share", _("Share of disputes filed online"), "%",
        _("Disputes received through the online channel ÷ disputes received."), LOCAL,
        "ratio", _count(online), _count(received), cases=online,
    ),
    Indicator(
        "mediation.judicial_confirmations", _("Agreements judicially confirmed"), _("cases"),
        _("Mediation agreements that a court confirmed valid in the period (Art. 33)."), LAW,
        "count", _count(confirmations), cases=confirmations,
        breakdowns=_standard(confirmations),
    ),
    Indicator(
        "mediation.mass_disputes", _("Mass disputes received"), _("cases"),
        _("Disputes flagged as mass disputes among those received in the period."), LOCAL,
        "count", _count(mass), cases=mass, breakdowns=_standard(mass),
    ),
    Indicator(
        "mediation.screenings", _("Dispute screening rounds"), _("times"),
        _("Rounds of proactive screening for disputes held in the period."), LOCAL,
        "count", _screenings,
    ),
    Indicator(
        "mediation.committees", _("People's mediation committees"), _("committees"),
        _("Committees and personal mediation studios standing on the last day of the period: "
          "established by then (or before records were kept) and not yet dissolved."), LAW,
        "count", _count(committees), cases=committees, register=True,
        columns=(("organization__name", _("committee")), ("kind", _("committee kind")),
                 ("region_code", _("region code")),
                 ("organization__established_on", _("established on")),
                 ("organization__dissolved_on", _("dissolved on"))),
    ),
    Indicator(
        "mediation.mediators", _("People's mediators"), _("persons"),
        _("People's mediators serving on the last day of the period: appointed by then (or "
          "before records were kept) and not yet left."), LAW,
        "count", _count(mediators), cases=mediators, register=True,
        columns=(("name", _("mediator")), ("committee__name", _("committee")),
                 ("employment", _("employment")), ("joined_on", _("appointed on")),
                 ("left_on", _("left on"))),
    ),
):  # fmt: skip
    registry.register(indicator)
