"""Administrative litigation indicators (reference/statutes.md §§5, 8; GLOSSARY: litigation.*).

One LitigationCase is one trial level of one lawsuit against one agency (co-defendant agencies
each count their own), in the defendant agency's region.

- `litigation.received` and `litigation.first_instance`: cases received in the period, by the
  day the complaint (or the appeal or retrial papers) was served on the agency.
- `litigation.head_appearance_rate` (负责人出庭应诉率, statutes §8): cases heard in court —
  trial levels whose first hearing was held in the period — in which a qualifying head
  (Provisions Art. 2: principal head, deputy, other person in charge of the act) appeared at a
  hearing of that level (one appearance per level suffices, Art. 7). Counted per trial level:
  a lawsuit heard at first and second instance counts twice. A head appearing at a later
  hearing of the same level still counts, so a period's figure can rise until its cases end.
- `litigation.loss_rate` / `litigation.win_rate` (败诉率 / 胜诉率, statutes §8): over the
  first-instance cases decided in the period (by the date of the judgment or ruling) by a
  judgment or by a ruling dismissing the suit. Losses: annulled in whole or part, declared
  unlawful or void, ordered to perform, changed, compensation. Wins: claims rejected, suit
  dismissed. Withdrawals (原告撤诉) and mediation are in neither rate, numerator or
  denominator: they decide no one's right, and a withdrawal often follows the agency changing
  its act (Art. 62). So win rate = 100% − loss rate. First instance only, as the annual
  reports give it (一审); the appeal and retrial outcomes are on the cases.
- The counts the annual reports print beside those rates (白云 2019 "共办理行政应诉案件 282 件
  （含一审行政应诉案件 147 件），已判决的一审行政应诉案件为 117 件，胜诉率为 94.02%"; 海珠 2020
  "为被告的一审案件33宗,二审及再审案31宗"; 广州's 1,780 head appearances) are the same measures
  as figures of their own: `litigation.later_instance` (appeals and retrials received: with
  the first instance, the cases received), `litigation.first_instance_decided` (the rates'
  denominator) and `litigation.head_appearances` (the appearance rate's numerator). They are
  registered after the rates so that each shared measure keeps its roll-up key
  (indicators.rollups: the first indicator part that declares it).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.registry import Breakdown, Indicator, Measure, registry
from litigation.choices import DECIDED, LOSSES, WINS, TrialLevel
from litigation.models import LitigationCase

LINE = "litigation"
LAW_ANSWER = _("Administrative Litigation Law, Arts. 67, 85, 90–92")
LAW_HEADS = _(
    "Administrative Litigation Law, Art. 3 ¶3; SPC Provisions on Heads of Administrative "
    "Agencies Appearing in Court, Arts. 2, 7 (recommended formula: statutes §8)"
)
LAW_OUTCOME = _(
    "Local definition (no national statistical definition found); judgments under "
    "Administrative Litigation Law, Arts. 69–77"
)

received = Measure(
    LitigationCase, lambda p: Q(received_at__gte=p.start_at, received_at__lt=p.end_before)
)
first_instance = received.filter(trial_level=TrialLevel.FIRST)
later_instance = received.filter(trial_level__in=[TrialLevel.SECOND, TrialLevel.RETRIAL])
heard = Measure(LitigationCase, lambda p: Q(first_heard_on__gte=p.start, first_heard_on__lte=p.end))
head_appeared = heard.filter(head_appeared=True)
decided = Measure(
    LitigationCase,
    lambda p: Q(trial_level=TrialLevel.FIRST, judgment_type__in=sorted(DECIDED),
                decided_on__gte=p.start, decided_on__lte=p.end),
)  # fmt: skip
lost = decided.filter(judgment_type__in=sorted(LOSSES))
won = decided.filter(judgment_type__in=sorted(WINS))

AGENCY = "organization__name"


for indicator in (
    Indicator(
        "litigation.received", _("Litigation cases received"), _("cases"),
        _("Lawsuits against agencies received in the period, every trial level (first "
          "instance, appeal, retrial) counted once, by the day the complaint or the appeal or "
          "retrial papers were served on the agency."),
        LAW_ANSWER, "count", received,
        breakdowns={"trial_level": Breakdown(received, "trial_level"),
                    "agency": Breakdown(received, AGENCY)},
        business_line=LINE,
    ),
    Indicator(
        "litigation.first_instance", _("First-instance litigation cases received"), _("cases"),
        _("First-instance lawsuits against agencies received in the period, by the day the "
          "complaint was served on the agency (Art. 67)."),
        LAW_ANSWER, "count", first_instance,
        breakdowns={"agency": Breakdown(first_instance, AGENCY)},
        business_line=LINE,
    ),
    Indicator(
        "litigation.head_appearance_rate", _("Agency heads appearing in court"), "%",
        _("Cases heard in court whose agency head appeared ÷ cases heard in court, counted per "
          "trial level: a case counts in the period of its first hearing at that level, and in "
          "the numerator when a qualifying head (the principal head, a deputy or another person "
          "in charge of the act; not the head of a delegated organisation or a lower agency) "
          "appeared at any hearing of that level."),
        LAW_HEADS, "ratio", head_appeared, heard,
        breakdowns={"trial_level": Breakdown(head_appeared, "trial_level", heard),
                    "agency": Breakdown(head_appeared, AGENCY, heard)},
        business_line=LINE,
    ),
    Indicator(
        "litigation.loss_rate", _("Litigation loss rate"), "%",
        _("First-instance cases lost ÷ first-instance cases decided in the period (by the date "
          "of the judgment or ruling). Lost: the act annulled in whole or in part, declared "
          "unlawful or void, the agency ordered to perform, the act changed, compensation "
          "ordered. Decided: those and the judgments rejecting the claims and the rulings "
          "dismissing the suit; withdrawals and mediation are not counted."),
        LAW_OUTCOME, "ratio", lost, decided,
        breakdowns={"agency": Breakdown(lost, AGENCY, decided)},
        business_line=LINE,
    ),
    Indicator(
        "litigation.win_rate", _("Litigation win rate"), "%",
        _("First-instance cases won ÷ first-instance cases decided in the period, on the same "
          "basis as the loss rate (win rate = 100% − loss rate). Won: the claims rejected or "
          "the suit dismissed; withdrawals and mediation are not counted."),
        LAW_OUTCOME, "ratio", won, decided,
        breakdowns={"agency": Breakdown(won, AGENCY, decided)},
        business_line=LINE,
    ),
    Indicator(
        "litigation.later_instance", _("Second-instance and retrial litigation cases received"),
        _("cases"),
        _("Appeals (second instance) and retrials of lawsuits against agencies received in the "
          "period, by the day the appeal or retrial papers were served on the agency (Arts. 85, "
          "90–92). With the first-instance cases they make up the cases received."),
        LAW_ANSWER, "count", later_instance,
        breakdowns={"trial_level": Breakdown(later_instance, "trial_level"),
                    "agency": Breakdown(later_instance, AGENCY)},
        business_line=LINE,
    ),
    Indicator(
        "litigation.first_instance_decided", _("First-instance litigation cases decided"),
        _("cases"),
        _("First-instance cases decided in the period (by the date of the judgment or ruling) "
          "by a judgment or by a ruling dismissing the suit: the denominator of the loss and "
          "win rates. Withdrawals and mediation are not counted."),
        LAW_OUTCOME, "count", decided,
        breakdowns={"agency": Breakdown(decided, AGENCY)},
        business_line=LINE,
    ),
    Indicator(
        "litigation.head_appearances", _("Cases with an agency head appearing in court"),
        _("cases"),
        _("Cases heard in court in which a qualifying head (the principal head, a deputy or "
          "another person in charge of the act) appeared at a hearing, counted per trial level "
          "in the period of the level's first hearing: the numerator of the head appearance "
          "rate."),
        LAW_HEADS, "count", head_appeared,
        breakdowns={"trial_level": Breakdown(head_appeared, "trial_level"),
                    "agency": Breakdown(head_appeared, AGENCY)},
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
