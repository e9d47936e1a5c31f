"""The documents (文书) of public legal services, from the data the line records, as DOCX and
PDF. Template: legalservice/doctemplates (built by `python -m legalservice.doctemplates.build`).

Service record (`legalservice.servicerecord`, not a case: rendered on request by
legalservice.document_views, nothing stored; each download is written to the audit log):

- 转介函 (`referral`, ◑ common practice, SD‑GF Arts. 10–14 on the platforms that take people
  in and hand them on): to the unit the person was referred to — people's mediation, legal aid
  or administrative reconsideration (legalservice.choices.REFERRALS) —: the person's name (not
  the phone: the receiving unit has it in the case a referral through Fazhi opened, and a
  letter handed to the person should not carry it), the day and channel of the service, the
  kind of matter and its summary, the receiving unit and the case number opened there when
  the referral went through Fazhi (core.referrals), the unit sending it (the record's handling
  organisation) and the date (the day the referred case was received, else the day served).
  A record whose outcome was set to a referral by hand has no case in Fazhi: the receiving
  unit is then a line to fill in by hand before the line's word (＿＿＿人民调解委员会).
  Available while the record's outcome is a referral.

The forms are official Chinese text: their labels are practice's words, not the interface's
translations. What is not recorded comes out as a line to fill in by hand.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from cases.documents import blank, clean_text, cn_date, kind_maker, text_lines
from legalservice.choices import REFERRALS, ServiceOutcome

TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

make = kind_maker(TEMPLATES, VERSION)

CHANNELS = {"window": "窗口", "hotline": "12348公共法律服务热线", "online": "网络平台"}
MATTERS = {
    "marriage_family": "婚姻家庭",
    "labour": "劳动争议",
    "contract": "合同",
    "loan": "借贷债务",
    "property": "房地产",
    "tort": "侵权",
    "administrative": "行政",
    "other": "其他",
}
#: outcome → (the line's name as the letter states it, the receiving unit when no case names it)
LINES = {
    ServiceOutcome.TO_MEDIATION.value: ("人民调解", "人民调解委员会"),
    ServiceOutcome.TO_LEGAL_AID.value: ("法律援助", "法律援助中心"),
    ServiceOutcome.TO_RECONSIDERATION.value: ("行政复议", "行政复议机构"),
}


def _referred(record):
    """The case the referral opened, if it went through Fazhi."""
    return record.referred_case if record.is_referred else None


def referral_context(record) -> dict:
    line, unit_word = LINES.get(record.outcome, (blank("", 4), blank("", 8)))
    case = _referred(record)
    if case is not None:
        receiving_unit = clean_text(case.organization.name)
        case_number = clean_text(getattr(case, "number", ""))
        referred_on = getattr(case, "received_at", None) or record.served_on
    else:
        receiving_unit = "＿" * 8 + unit_word
        case_number = ""
        referred_on = record.served_on
    return {
        "receiving_unit": receiving_unit,
        "person": blank(record.person_name, 4),
        "served_date": cn_date(record.served_on),
        "channel": CHANNELS.get(record.channel, blank("", 4)),
        "matter_kind": MATTERS.get(record.matter_kind, blank("", 4)),
        "summary": text_lines(record.summary, 2),
        "line": line,
        "case_number": case_number,
        "sender": clean_text(record.organization.name),
        "referred_date": cn_date(referred_on),
    }


def _referred_outcome(record) -> bool:
    return record.outcome in REFERRALS


REFERRAL = make(
    "referral",
    "转介函",
    referral_context,
    _referred_outcome,
    _(
        "The referral letter is made for a service referred to people's mediation, legal aid "
        "or administrative reconsideration."
    ),
)
