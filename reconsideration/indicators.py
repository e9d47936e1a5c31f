"""Administrative reconsideration indicators (行政复议法 2023, reference/statutes.md §§1, 8;
GLOSSARY: reconsideration.*).

Periods: `received` counts applications by the moment they were received, whatever became of
them (not accepted, abandoned, withdrawn); `accepted` by the day of acceptance (`accepted_on`),
an acceptance deemed under Art. 30 ¶3 on the day the review period ended; `hearings` by the
day the hearing was held (Arts. 50, 51). Everything else counts the cases concluded in the
period, by `concluded_on`: decided (Arts. 63–72), mediated (Art. 73), withdrawn or settled
after acceptance (Arts. 41 ¶1 (1), 74), terminated (Art. 41) or rejected after acceptance
(Art. 33). An application not accepted (Art. 30) or deemed abandoned (Art. 31), or withdrawn
during the acceptance review, was never a case and is not concluded.

The correction rates follow the recommended formulas of statutes §8 (no national statistical
definition was found): the direct rate is decisions of a correcting type (choices.CORRECTING:
变更, 撤销, 部分撤销, 撤销并责令重作, 确认违法, 责令履行, 确认无效, contract remedies) ÷ cases
concluded by decision; the overall rate is, over all cases concluded, those that corrected the
respondent in any way: a correcting decision, a mediation, settlement or withdrawal in which
the respondent corrected the act or conceded (`respondent_corrected`), or an opinion letter
(意见书, Art. 76). Each case counts once however many of these it has (one row, one OR).

The processing time is a mean, declared like legal aid's review time: Σ processing_days ÷
cases concluded with a measured time, in days (`percent=False`, no drill-down list).

"Not litigated" reads the generic `cases.models.CaseLink` (a lawsuit's link to the decision it
challenges, kind LITIGATION_OF), never another business line: a concluded case is litigated
when such a link names it. The condition is a subquery on the links, so a link created or
deleted after the case's month was rolled up must mark that month changed: the receivers at
the bottom do it (indicators.rollups.note_change), as a save of the case itself would. A case
concluded near the period's end may still be taken to court (15 days from the decision,
行政诉讼法第四十五条), so the latest months' rate can only fall.

A rate whose denominator is 0 has no value (None, printed "—"): no data, never 0%.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import CaseLink
from cases.signals import links_written
from indicators.registry import Breakdown, Indicator, Measure, registry
from reconsideration.choices import CORRECTING, Outcome
from reconsideration.models import ReconsiderationCase

LINE = "reconsideration"
LAW_APPLY = _("Administrative Reconsideration Law, Arts. 22 and 30")
LAW_ACCEPT = _("Administrative Reconsideration Law, Art. 30 (deemed acceptance: Art. 30 ¶3)")
LAW_CONCLUDE = _(
    "Administrative Reconsideration Law, Arts. 33, 41 and 63–74; local definition of the "
    "cases concluded"
)
RECOMMENDED = _(
    "Recommended formula (no national statistical definition found); decisions under the "
    "Administrative Reconsideration Law, Arts. 63–72"
)
RECOMMENDED_OVERALL = _(
    "Recommended formula (no national statistical definition found); Administrative "
    "Reconsideration Law, Arts. 63–74 and 76"
)
LAW_MEDIATE = _("Administrative Reconsideration Law, Arts. 73 and 74")
LOCAL_DAYS = _(
    "Local definition; decision period of the Administrative Reconsideration Law, Art. 62"
)
LOCAL_LITIGATION = _(
    "Local definition (no national statistical definition found); lawsuits against "
    "reconsideration decisions under the Administrative Litigation Law, Art. 45"
)
LAW_HEARING = _("Administrative Reconsideration Law, Arts. 50 and 51")

# The outcomes of a case concluded (concluded_on is set on these only: process._conclude).
CONCLUDED = (Outcome.DECIDED, Outcome.MEDIATED, Outcome.SETTLED, Outcome.WITHDRAWN,
             Outcome.TERMINATED, Outcome.REJECTED)  # fmt: skip
# The conclusions by agreement in which the respondent may have corrected the act (Arts. 73,
# 74; a plain withdrawal too, when the respondent corrected first).
AGREED = (Outcome.MEDIATED, Outcome.SETTLED, Outcome.WITHDRAWN)


def _litigated_ids():
    """The ids of reconsideration cases a lawsuit names (CaseLink LITIGATION_OF): a subquery,
    not correlated, so that it sits in a grouped COUNT(*) FILTER (WHERE …) column."""
    return CaseLink.objects.filter(
        kind=CaseLink.Kind.LITIGATION_OF,
        target_type__app_label=ReconsiderationCase._meta.app_label,
        target_type__model=ReconsiderationCase._meta.model_name,
    ).values("target_id")


# What each figure counts, declared once: the figure, its 同比, every child region's figure and
# the drill-down list all come from these (indicators.grouped).
received = Measure(
    ReconsiderationCase, lambda p: Q(received_at__gte=p.start_at, received_at__lt=p.end_before)
)
accepted = Measure(
    ReconsiderationCase, lambda p: Q(accepted_on__gte=p.start, accepted_on__lte=p.end)
)
concluded = Measure(
    ReconsiderationCase,
    lambda p: Q(outcome__in=CONCLUDED, concluded_on__gte=p.start, concluded_on__lte=p.end),
)
decided = concluded.filter(outcome=Outcome.DECIDED)
corrected_directly = decided.filter(decision_type__in=sorted(CORRECTING))
corrected = concluded.filter(
    Q(outcome=Outcome.DECIDED, decision_type__in=sorted(CORRECTING))
    | Q(outcome__in=AGREED, respondent_corrected=True)
    | Q(opinion_issued_on__isnull=False)
)
mediated_settled = concluded.filter(outcome__in=[Outcome.MEDIATED, Outcome.SETTLED])
timed = concluded.filter(processing_days__isnull=False)
processing_days = timed.summing("processing_days")
# `id`, not `pk`: the roll-ups read the field names of a measure's conditions.
not_litigated = concluded.filter(~Q(id__in=_litigated_ids()))
hearings = Measure(
    ReconsiderationCase, lambda p: Q(hearing_held_on__gte=p.start, hearing_held_on__lte=p.end)
)

CASE_FIELDS = {
    "respondent": "respondent__name",
    "act_type": "act_type",
    "decision_type": "decision_type",
    "procedure": "procedure",
    "channel": "channel",
    "outcome": "outcome",
}


class OutcomeBreakdown(Breakdown):
    """By the case's outcome, named as the line names it (the shared `Case.outcome` column has
    no choices of its own): computed live, never from the roll-ups."""

    def labels(self) -> dict[str, str]:
        return {value: str(label) for value, label in Outcome.choices}


def _by(measure: Measure, *names: str, denominator: Measure | None = None) -> dict:
    """Breakdowns of a case measure by the named dimensions (CASE_FIELDS); with a denominator,
    a rate's breakdown ({label: {"numerator", "denominator"}})."""
    out = {}
    for name in names:
        kind = OutcomeBreakdown if name == "outcome" else Breakdown
        out[name] = kind(measure, CASE_FIELDS[name], denominator)
    return out


for indicator in (
    Indicator(
        "reconsideration.received", _("Reconsideration applications received"), _("cases"),
        _("Applications for administrative reconsideration received in the period (by the day "
          "received), whatever became of them: accepted, not accepted, corrected, abandoned or "
          "withdrawn."),
        LAW_APPLY, "count", received,
        breakdowns=_by(received, "respondent", "act_type", "channel"),
        business_line=LINE,
    ),
    Indicator(
        "reconsideration.accepted", _("Reconsideration applications accepted"), _("cases"),
        _("Applications accepted in the period (by the day of acceptance), including those "
          "deemed accepted when the five working days of the acceptance review ended without a "
          "decision (from that day, Art. 30 ¶3)."),
        LAW_ACCEPT, "count", accepted,
        breakdowns=_by(accepted, "respondent", "act_type", "procedure"),
        business_line=LINE,
    ),
    Indicator(
        "reconsideration.concluded", _("Reconsideration cases concluded"), _("cases"),
        _("Accepted cases closed in the period (by the day concluded): by a decision, a "
          "mediation, a withdrawal or settlement, a termination, or a rejection of the "
          "application after acceptance. Applications not accepted or abandoned are not "
          "counted."),
        LAW_CONCLUDE, "count", concluded,
        breakdowns=_by(concluded, "respondent", "act_type", "outcome"),
        business_line=LINE,
    ),
    Indicator(
        "reconsideration.correction_rate_direct", _("Direct correction rate"), "%",
        _("Decisions that correct the respondent (change, annul in whole or in part, annul "
          "and order a new act, declare unlawful, order performance, declare void, contract "
          "remedies) ÷ cases concluded by a decision in the period. Mediations, settlements, "
          "withdrawals, terminations and rejections are not in the denominator."),
        RECOMMENDED, "ratio", corrected_directly, decided,
        breakdowns=_by(corrected_directly, "respondent", "act_type", "decision_type",
                       denominator=decided),
        business_line=LINE,
    ),
    Indicator(
        "reconsideration.correction_rate_overall", _("Overall correction rate"), "%",
        _("Cases concluded in the period that corrected the respondent ÷ all cases concluded "
          "in the period. Corrected: a correcting decision; a mediation, settlement or "
          "withdrawal in which the respondent corrected the act or conceded; or a case in "
          "which an opinion letter was issued (Art. 76). Each case is counted once."),
        RECOMMENDED_OVERALL, "ratio", corrected, concluded,
        breakdowns=_by(corrected, "respondent", "act_type", "outcome", denominator=concluded),
        business_line=LINE,
    ),
    Indicator(
        "reconsideration.mediated_settled", _("Cases concluded by mediation or settlement"),
        _("cases"),
        _("Cases concluded in the period by a mediation statement signed by every party "
          "(Art. 73) or by a withdrawal after a settlement (Art. 74): a part of the cases "
          "concluded."),
        LAW_MEDIATE, "count", mediated_settled,
        breakdowns=_by(mediated_settled, "respondent", "act_type", "outcome"),
        business_line=LINE,
    ),
    Indicator(
        "reconsideration.processing_days_mean", _("Average processing time of reconsideration"),
        pgettext_lazy("reconsideration", "days"),
        _("Mean time from acceptance to conclusion, in days, the days of suspension not "
          "counted: Σ processing time ÷ cases concluded in the period (a mean, not a "
          "percentage)."),
        LOCAL_DAYS, "ratio", processing_days, timed, percent=False, listed=False,
        breakdowns=_by(processing_days, "respondent", "act_type", denominator=timed),
        business_line=LINE,
    ),
    Indicator(
        "reconsideration.not_litigated_rate",
        _("Share of reconsideration cases not taken to court"), "%",
        _("Cases concluded in the period against which no administrative lawsuit is recorded "
          "÷ cases concluded in the period. A case concluded late in the period may still be "
          "taken to court (15 days from the decision), so the latest figures may fall."),
        LOCAL_LITIGATION, "ratio", not_litigated, concluded,
        breakdowns=_by(not_litigated, "respondent", "act_type", "outcome",
                       denominator=concluded),
        business_line=LINE,
    ),
    Indicator(
        "reconsideration.hearings", _("Reconsideration hearings held"), _("times"),
        _("Cases in which a hearing was held in the period (by the day held), required for "
          "major, difficult or complex cases (Art. 50)."),
        LAW_HEARING, "count", hearings,
        breakdowns=_by(hearings, "respondent", "act_type"),
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)


# Keeping the roll-ups current when a lawsuit's link is recorded or removed -----------------


def _link_changed(sender, instance: CaseLink, **kwargs) -> None:
    """A link naming a concluded reconsideration case changes the month it was concluded in
    (not_litigated): mark that month changed, in the writer's transaction. Links are written
    and deleted, not re-pointed."""
    _links_written(sender, [instance])


def _links_written(sender, links, **kwargs) -> None:
    """The months of the concluded reconsideration cases `links` name (a writer in bulk sends
    cases.signals.links_written once for its batch): one query, however many links."""
    from indicators.rollups import note_change

    ours = ContentType.objects.get_for_model(ReconsiderationCase).pk
    ids = {
        link.target_id
        for link in links
        if link.kind == CaseLink.Kind.LITIGATION_OF and link.target_type_id == ours
    }
    if ids:
        days = ReconsiderationCase._base_manager.filter(pk__in=ids, concluded_on__isnull=False)
        note_change(days.values_list("concluded_on", flat=True).distinct())


post_save.connect(_link_changed, sender=CaseLink, dispatch_uid="reconsideration.link_saved")
post_delete.connect(_link_changed, sender=CaseLink, dispatch_uid="reconsideration.link_deleted")
links_written.connect(_links_written, dispatch_uid="reconsideration.links_written")
