"""Indicators of the legal-services sector (reference/statutes-lines.md §E, "Indicators (E)";
GLOSSARY: profession.*). Local definitions where the reference gives none.

- profession.law_firms: law firms in the register standing on the period's last day (their
  organisation established by then, or before records were kept, and not dissolved; a firm
  switched off without an end date counts in no period; a profile deregistered counts up to
  its organisation's dissolution day if one is given, else in no period), by organisational
  form.
- profession.lawyers: lawyers in the one register (core.Lawyer, shared with legal aid):
  practising lawyers and legal-aid centre lawyers holding their practising certificate on the
  period's last day — licensed by then (licensed_on) and not revoked by then (the revocation's
  penalty gives the day; a certificate marked revoked without one counts in no period);
  suspended lawyers keep their certificate and are counted. By kind.
- profession.notarisations / .appraisals: the counts of the institutions' monthly returns
  (profession.importing) summed over the months of the period (a month counts in a period that
  holds its first day); appraisals by category.
- profession.complaints: complaints against practitioners — lawyers, law firms, notaries,
  notary offices, forensic appraisers and forensic institutions — received in the period, by
  who was complained about (subject_kind, labelled by profession.choices.SubjectKind) and by
  outcome.
- profession.complaints_on_time_rate: complaints concluded in the period (not accepted,
  penalised or dismissed) by the end of their handling period (FAZHI_PROFESSION_COMPLAINT_DAYS
  calendar days from receipt ❓) ÷ complaints concluded in the period. Its drill-down lists the
  complaints concluded on time (the numerator). A complaint's handling due date, in the
  drill-downs, is its engine clock's (profession.selectors.with_handling_due); `on_time` is set
  from that clock when the complaint is concluded (profession.process).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Lawyer, PractitionerKind, PractitionerStatus
from indicators.registry import Breakdown, Indicator, Measure, registry, standing_on
from profession.choices import InstitutionStatus
from profession.models import Complaint, LawFirm, Penalty, Volume
from profession.selectors import with_handling_due

LINE = "profession"
LS = _("Lawyers Law (律师法), Arts. 14–24; reference/statutes-lines.md §E.1")
LS_COMPLAINTS = _("Lawyers Law (律师法), Arts. 46–52; Notarization Law (公证法), Arts. 41–42; "
                  "Guangdong Regulation on Forensic Appraisal (GD‑SJ), Arts. 58–59; local "
                  "definition (no national statistical definition found; the complaint period "
                  "is a local choice ❓)")  # fmt: skip
GZ = _("Notarization Law (公证法); the notary offices' monthly returns")
SJ = _("Guangdong Regulation on Forensic Appraisal (GD‑SJ), Art. 9; the institutions' monthly "
       "returns")  # fmt: skip

firms = Measure(
    LawFirm,
    lambda p: standing_on(p.end, since="organization__established_on",
                          until="organization__dissolved_on", active="organization__is_active")
    # A deregistered firm counts only up to its organisation's dissolution day, when given;
    # deregistered without a day, in no period (its profile keeps no date of its own).
    & (~Q(status=InstitutionStatus.DEREGISTERED) | Q(organization__dissolved_on__isnull=False)),
)  # fmt: skip
LAWYER_KINDS = (PractitionerKind.LAWYER, PractitionerKind.LEGAL_AID_LAWYER)


def _lawyers_on(p) -> Q:
    """Lawyers holding their practising certificate on the period's last day: licensed by then
    and not revoked by then. A revocation counts from its penalty's first day (律师法 Arts.
    49–50; profession.standing reads the same term); a certificate recorded as revoked with no
    revocation on record counts in no period (the day is not known). A suspension does not
    take the certificate away (Arts. 47–49): a suspended lawyer is counted."""
    revocations = Penalty.objects.filter(revocation=True, lawyer__isnull=False)
    revoked_by_then = revocations.filter(
        Q(effective_from__lte=p.end) | Q(effective_from__isnull=True, decided_on__lte=p.end)
    )
    return (
        Q(kind__in=LAWYER_KINDS, licensed_on__lte=p.end)
        & ~Q(pk__in=revoked_by_then.values("lawyer_id"))
        & (~Q(status=PractitionerStatus.REVOKED) | Q(pk__in=revocations.values("lawyer_id")))
    )


lawyers = Measure(Lawyer, _lawyers_on)
_volumes = Measure(Volume, lambda p: Q(month__gte=p.start, month__lte=p.end), summed="count")
notarisations = _volumes.filter(kind="notarisation")
appraisals = _volumes.filter(kind="appraisal")
received = Measure(
    Complaint, lambda p: Q(received_at__gte=p.start_at, received_at__lt=p.end_before)
)
concluded = Measure(Complaint, lambda p: Q(concluded_on__gte=p.start, concluded_on__lte=p.end))
on_time = concluded.filter(on_time=True)


def _complaints_of(measure: Measure):
    """The drill-down of a complaint measure: its rows, each with its clock's handling due."""
    return lambda prefix, period: with_handling_due(measure.rows(prefix, period))


FIRM_COLUMNS = (
    ("organization__name", _("name")), ("licence_number", _("practice licence number")),
    ("form", _("organisational form")), ("status", _("status")),
)  # fmt: skip
LAWYER_COLUMNS = (
    ("name", _("name")), ("organization__name", _("law firm or centre")),
    ("licence_number", _("practising certificate number")), ("kind", _("kind")),
)  # fmt: skip
VOLUME_COLUMNS = (
    ("month", _("month")), ("organization__name", _("institution")),
    ("category", _("category")), ("count", _("number")),
)  # fmt: skip
COMPLAINT_COLUMNS = (
    ("number", _("case number")), ("received_at", _("received at")),
    ("subject_kind", _("complaint against")), ("state", _("state")),
    ("handling_due", _("handling due")), ("concluded_on", _("concluded on")),
)  # fmt: skip


for indicator in (
    Indicator(
        "profession.law_firms", _("Law firms"), pgettext_lazy("unit of law firms", "firms"),
        _("Law firms in the register standing on the last day of the period."), LS,
        "count", firms, register=True, columns=FIRM_COLUMNS,
        breakdowns={"form": Breakdown(firms, "form")}, business_line=LINE,
    ),
    Indicator(
        "profession.lawyers", _("Practising lawyers"), pgettext_lazy("unit of lawyers", "persons"),
        _("Practising lawyers and legal-aid centre lawyers in the register of lawyers (the one "
          "register shared with legal aid) holding their practising certificate on the last day "
          "of the period: licensed by then and not revoked by then."), LS,
        "count", lawyers, register=True, columns=LAWYER_COLUMNS,
        breakdowns={"kind": Breakdown(lawyers, "kind")}, business_line=LINE,
    ),
    Indicator(
        "profession.notarisations", _("Notarisations"), pgettext_lazy("unit of notarisations", "items"),
        _("Notarisations of the notary offices, summed over their monthly returns for the "
          "months of the period."), GZ,
        "sum", notarisations, columns=VOLUME_COLUMNS,
        breakdowns={"institution": Breakdown(notarisations, "organization__name")},
        business_line=LINE,
    ),
    Indicator(
        "profession.appraisals", _("Forensic appraisals"), pgettext_lazy("unit of appraisals", "items"),
        _("Appraisals of the forensic institutions, summed over their monthly returns for the "
          "months of the period, by category (法医类, 物证类, 声像资料, 环境损害)."), SJ,
        "sum", appraisals, columns=VOLUME_COLUMNS,
        breakdowns={"category": Breakdown(appraisals, "category"),
                    "institution": Breakdown(appraisals, "organization__name")},
        business_line=LINE,
    ),
    Indicator(
        "profession.complaints", _("Complaints against practitioners"),
        pgettext_lazy("unit of complaints", "items"),
        _("Complaints against practitioners (lawyers, law firms, notaries, notary offices, "
          "forensic appraisers and forensic institutions) received in the period."),
        LS_COMPLAINTS,
        "count", received, cases=_complaints_of(received), columns=COMPLAINT_COLUMNS,
        breakdowns={"subject_kind": Breakdown(received, "subject_kind"),
                    "outcome": Breakdown(received, "outcome")},
        business_line=LINE,
    ),
    Indicator(
        "profession.complaints_on_time_rate", _("Complaints concluded on time"), "%",
        _("Complaints concluded in the period (not accepted, penalised or dismissed) by the end "
          "of their handling period ÷ complaints concluded in the period."), LS_COMPLAINTS,
        "ratio", on_time, concluded, cases=_complaints_of(on_time), columns=COMPLAINT_COLUMNS,
        breakdowns={"subject_kind": Breakdown(on_time, "subject_kind", concluded)},
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
