"""The documents (文书) of the legal-services sector, generated and kept through cases.documents.
Templates: profession/doctemplates (built by `python -m profession.doctemplates.build`).

Complaint (`profession.complaint`, a case):

- 行政处罚决定书 (`penalty`): once the complaint's decision recorded a Penalty (state
  penalised). Its content follows 行政处罚法 Art. 59 ✅ (reference/statutes-lines.md §C.5): the
  party's name and address (the lawyer, notary or appraiser, their institution and its
  address; or the firm, notary office or forensic institution), the facts found and the
  evidence (the evidence is not recorded: lines to fill in by hand), the penalty and its legal
  basis (律师法 Art. 47, 48, 49 or 50, §E.1; 公证法 Art. 41 or 42, §E.2; 《广东省司法鉴定管理
  条例》 without an article, §E.3 ❓ — `legal_basis`; the measures as
  profession.penalties.describe words them, and the term of a suspension, closure or
  revocation), how and by when to comply (a fine or confiscation paid within 15 days of
  service, Art. 67, with the 3 % a day of Art. 72), the channels of review and suit
  (行政复议 within 60 days, 行政复议法 Art. 20, before the people's government of the deciding
  bureau's level, Art. 24; 行政诉讼 within 6 months, 行政诉讼法 Art. 46) and that neither
  suspends the decision (Art. 73), the deciding bureau (Penalty.decided_by) with its seal and
  the date decided. Its number is the Penalty's decision number. Never the complainant.
- 投诉处理结果告知书 (`outcome`): to the complainant once the complaint is concluded: dismissed
  (不予处罚, with the findings as reasons) or penalised — then only what the public record of
  penalties shows (the decision number, the bureau, the date, the person or firm penalised and
  the measures), never the investigation's findings. A complaint not accepted gets the
  不予受理告知书 instead (the same kind, titled so), with the reasons recorded.

Inspection (`profession.inspection`, a case):

- 年度检查考核结果通知书 (`result`): to the firm once graded: the year of practice inspected,
  the result 合格 / 不合格 (律师法 Arts. 23–24; the grades ◑ practice), the lawyers' assessment
  when recorded, the remarks, and the filing with the city-level bureau (Art. 24) once filed.

The forms are official Chinese text: their labels are the statutes' words, not the
interface's translations. What is not recorded comes out as a line to fill in by hand.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from cases.documents import (
    blank,
    clean_text,
    cn_date,
    kind_maker,
    register_all,
    text_lines,
    yuan,
)
from core.roles import Role
from profession.choices import ARTICLE_LAW, SUBJECT_LAW, InspectionResult, Law, SubjectKind
from profession.process import CONCLUDED, C

COMPLAINT_LABEL = "profession.complaint"
INSPECTION_LABEL = "profession.inspection"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

make = kind_maker(TEMPLATES, VERSION)

#: The bureau's papers: its section staff (and the administrator).
BUREAU = frozenset({Role.SECTION_STAFF, Role.SYSTEM_ADMIN})

ARTICLES = {"47": "第四十七条", "48": "第四十八条", "49": "第四十九条", "50": "第五十条",
            "gz41": "第四十一条", "gz42": "第四十二条"}  # fmt: skip
#: The law a decision cites, by the subject's law (profession.choices.SUBJECT_LAW).
LAW_TITLES = {
    Law.LAWYERS: "《中华人民共和国律师法》",
    Law.NOTARIZATION: "《中华人民共和国公证法》",
    Law.APPRAISAL: "《广东省司法鉴定管理条例》",
}
#: What the complainant is thanked for supervising (投诉处理结果告知书).
SUPERVISED = {
    Law.LAWYERS: "律师执业活动",
    Law.NOTARIZATION: "公证执业活动",
    Law.APPRAISAL: "司法鉴定执业活动",
}
#: The party's kind, the name of their licence and of what a revocation takes away.
PARTY = {
    SubjectKind.LAWYER: ("律师", "执业证号", "律师执业证书"),
    SubjectKind.FIRM: ("律师事务所", "执业许可证号", "律师事务所执业许可证书"),
    SubjectKind.NOTARY: ("公证员", "执业证号", "公证员执业证书"),
    SubjectKind.NOTARY_OFFICE: ("公证机构", "执业证书号", "公证机构执业证书"),
    SubjectKind.APPRAISER: ("司法鉴定人", "执业证号", "司法鉴定人执业证"),
    SubjectKind.FORENSIC_INSTITUTION: ("司法鉴定机构", "许可证号", "司法鉴定许可证"),
}


def legal_basis(penalty) -> str:
    """The law and article a decision cites: 《中华人民共和国律师法》第四十七条,
    《中华人民共和国公证法》第四十二条, or the appraisal rules (GD‑SJ: the reference names no
    penalty article ❓, so the regulation is cited without one)."""
    law = ARTICLE_LAW.get(penalty.article) or SUBJECT_LAW.get(penalty.subject_kind, Law.LAWYERS)
    return LAW_TITLES[law] + ARTICLES.get(penalty.article, "")


RESULTS = {InspectionResult.PASSED.value: "合格", InspectionResult.FAILED.value: "不合格"}
NOT_ACCEPTED_TITLE = "投诉不予受理告知书"
OUTCOME_TITLE = "投诉处理结果告知书"


def _penalty(complaint):
    from profession.models import Penalty

    return (
        Penalty.objects.select_related("decided_by__region", "lawyer__organization")
        .filter(complaint=complaint)
        .first()
    )


def review_body(organization) -> str:
    """The people's government of the bureau's level, which decides a 行政复议 of its
    department's decision (行政复议法 Art. 24): 广州市司法局 → 广州市人民政府."""
    region = getattr(organization, "region", None)
    name = clean_text(region.name) if region is not None else ""
    return f"{name}人民政府" if name else blank("", 10) + "人民政府"


def _term_lines(penalty) -> list[str]:
    """The term of a suspension, closure or revocation (profession.standing reads the same)."""
    start = penalty.effective_from or penalty.decided_on
    lines = []
    if penalty.suspension_months or penalty.closure_months:
        what = "停止执业" if penalty.suspension_months else "停业整顿"
        months = penalty.suspension_months or penalty.closure_months
        until = f"至{cn_date(penalty.effective_until)}止" if penalty.effective_until else ""
        lines.append(f"{what}{months}个月，自{cn_date(start)}起{until}。")
    if penalty.revocation:
        what = PARTY.get(penalty.subject_kind, PARTY[SubjectKind.FIRM])[2]
        lines.append(f"吊销{what}，自{cn_date(start)}起生效。")
    return lines


def without_complainant(text: str, complaint) -> str:
    """The text with the complainant's name and phone number replaced by "投诉人": a penalty
    decision may be published (行政处罚法 Art. 48), and whoever complained is never in it
    (the findings are free text; the public summary is checked when the decision is made)."""
    text = text or ""
    name = (complaint.complainant_name or "").strip()
    if len(name) >= 2:
        text = text.replace(name, "投诉人")
    phone = "".join(ch for ch in (complaint.complainant_phone or "") if ch.isdigit())
    if len(phone) >= 7:
        text = text.replace(phone, "（投诉人电话）")
    return text


# -- 行政处罚决定书 ----------------------------------------------------------------------------------


def penalty_context(complaint) -> dict:
    penalty = _penalty(complaint)
    kind = penalty.subject_kind
    label, licence_label, _revoked = PARTY.get(kind, PARTY[SubjectKind.FIRM])
    lawyer = penalty.lawyer if penalty.lawyer_id else complaint.lawyer
    person = lawyer if kind == SubjectKind.LAWYER else complaint.subject_person
    if person is not None:
        org = {SubjectKind.LAWYER: lambda: person.organization,
               SubjectKind.NOTARY: lambda: person.office.organization,
               SubjectKind.APPRAISER: lambda: person.institution.organization}[kind]()  # fmt: skip
        party = {
            "name": clean_text(penalty.subject_name),
            "kind": label,
            "firm": clean_text(penalty.firm_name or org.name),
            "licence_label": licence_label,
            "licence": blank(person.licence_number, 10),
            "address": blank(org.address, 16),
        }
    else:
        institution = complaint.subject_institution
        party = {
            "name": clean_text(penalty.subject_name or (institution.name if institution else "")),
            "kind": label,
            "firm": "",
            "licence_label": licence_label,
            "licence": blank(institution.licence_number if institution else "", 10),
            "address": blank(institution.organization.address if institution else "", 16),
        }
    findings = complaint.findings if (complaint.findings or "").strip() else penalty.summary
    findings = without_complainant(findings, complaint)
    pays = bool(penalty.fine or penalty.confiscated)
    payment = []
    if penalty.fine:
        payment.append(f"罚款{yuan(penalty.fine)}")
    if penalty.confiscated:
        payment.append(f"没收的违法所得{yuan(penalty.confiscated)}")
    return {
        "decision_number": blank(penalty.decision_number, 12),
        "complaint_number": blank(complaint.number, 12),
        "party": party,
        "received_date": cn_date(complaint.received_at),
        "investigated_by": clean_text(complaint.organization.name),
        "findings": text_lines(findings, 2),
        "evidence": text_lines("", 2),
        "grounds": text_lines(penalty.summary, 1),
        "article": ARTICLES.get(penalty.article, blank("", 4)),
        "basis": legal_basis(penalty),
        "measures": clean_text(penalty.measures) or blank("", 12),
        "terms": _term_lines(penalty),
        "pays": pays,
        "has_fine": bool(penalty.fine),
        "payment": "和".join(payment),
        "review_body": review_body(penalty.decided_by),
        "bureau": clean_text(penalty.decided_by.name),
        "decided_date": cn_date(penalty.decided_on),
    }


# -- 投诉处理结果告知书 / 投诉不予受理告知书 ----------------------------------------------------------


def outcome_title(complaint) -> str:
    return NOT_ACCEPTED_TITLE if complaint.state == C.NOT_ACCEPTED else OUTCOME_TITLE


def outcome_context(complaint) -> dict:
    """What the complainant is told: the reasons of a refusal or a dismissal; of a penalty only
    what the public record of penalties shows (profession.portal), not the findings."""
    penalty = _penalty(complaint) if complaint.state == C.PENALISED else None
    context = {
        "title": outcome_title(complaint),
        "number": blank(complaint.number, 12),
        "complainant": blank(complaint.complainant_name, 6),
        "subject": clean_text(complaint.subject) or blank("", 10),
        "received_date": cn_date(complaint.received_at),
        "not_accepted": complaint.state == C.NOT_ACCEPTED,
        "dismissed": complaint.state == C.DISMISSED,
        "penalised": penalty is not None,
        "reasons": [],
        "bureau": clean_text(complaint.organization.name),
        "concluded_date": cn_date(complaint.concluded_on),
        "supervised": SUPERVISED[SUBJECT_LAW.get(complaint.subject_kind, Law.LAWYERS)],
    }
    if complaint.state == C.NOT_ACCEPTED:
        context["reasons"] = text_lines(complaint.refusal_reasons, 2)
    elif complaint.state == C.DISMISSED:
        context["reasons"] = text_lines(complaint.findings, 2)
    if penalty is not None:
        context.update(
            decision_number=blank(penalty.decision_number, 12),
            penalised_name=clean_text(penalty.subject_name),
            penalty_bureau=clean_text(penalty.decided_by.name),
            penalty_date=cn_date(penalty.decided_on),
            measures=clean_text(penalty.measures),
        )
    return context


# -- 年度检查考核结果通知书 ----------------------------------------------------------------------------


def result_context(inspection) -> dict:
    counts = [inspection.lawyers_competent, inspection.lawyers_basic,
              inspection.lawyers_incompetent]  # fmt: skip
    assessed = any(n is not None for n in counts)
    return {
        "number": blank(inspection.number, 12),
        "firm": clean_text(inspection.firm.organization.name),
        "year": inspection.year,
        "submitted_date": cn_date(inspection.submitted_on),
        "late": bool(inspection.submitted_late),
        "result": RESULTS.get(inspection.result, blank("", 4)),
        "failed": inspection.result == InspectionResult.FAILED,
        "assessed": assessed,
        "competent": inspection.lawyers_competent or 0,
        "basic": inspection.lawyers_basic or 0,
        "incompetent": inspection.lawyers_incompetent or 0,
        "remarks": text_lines(inspection.remarks) if (inspection.remarks or "").strip() else [],
        "filed": inspection.filed_with_id is not None,
        "filed_with": clean_text(inspection.filed_with.name) if inspection.filed_with_id else "",
        "filed_date": cn_date(inspection.filed_on),
        "bureau": clean_text(inspection.organization.name),
        "graded_date": cn_date(inspection.graded_on),
    }


# -- the kinds ------------------------------------------------------------------------------------


def _penalised(complaint) -> bool:
    return complaint.state == C.PENALISED and _penalty(complaint) is not None


def _concluded(complaint) -> bool:
    return complaint.state in CONCLUDED


def _graded(inspection) -> bool:
    return bool(inspection.result)


PENALTY = make(
    "penalty",
    "行政处罚决定书",
    penalty_context,
    _penalised,
    _(
        "The penalty decision is made once a penalty has been decided on the complaint "
        "(Lawyers Law Arts. 47–50, Notarization Law Arts. 41–42, the Guangdong forensic "
        "appraisal rules)."
    ),
    roles=BUREAU,
)
OUTCOME = dataclasses.replace(
    make(
        "outcome",
        outcome_title,
        outcome_context,
        _concluded,
        _(
            "The notice to the complainant is made once the complaint is concluded: not "
            "accepted, dismissed or penalised."
        ),
        roles=BUREAU,
    ),
    name=OUTCOME_TITLE,
)
RESULT = make(
    "result",
    "年度检查考核结果通知书",
    result_context,
    _graded,
    _("The result notice is made once the inspection has been graded (Lawyers Law Art. 24)."),
    roles=BUREAU,
)

register_all(COMPLAINT_LABEL, (PENALTY, OUTCOME))
register_all(INSPECTION_LABEL, (RESULT,))
