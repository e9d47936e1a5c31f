"""The documents (文书) of normative documents (行政规范性文件, reference/statutes-lines.md §B),
from the data the line records, as DOCX and PDF through cases.documents. Templates:
normative/doctemplates (built by `python -m normative.doctemplates.build`).

Filing (`normative.filingcase`):
- 规范性文件备案报告 (`report`): the issuing body's report filing a published document with the
  bureau (§B.6 ❓; the package — 备案报告, the text, 说明 — after 法规规章备案审查条例 Art. 8 by
  analogy): the document's title, unified number and 文号, issuing body, kind, the dates (signed,
  published, in effect, valid until), the filing date against the filing period (Art. 4 by
  analogy, flagged when late) and the materials: the text, the legality review opinion it was
  issued on (§B.2) and every file attached to the filing. Always available: a filing exists
  only once the document is filed.
- 规范性文件备案审查意见书 (`opinion`): the bureau's filing review opinion (有件必备、有备必审、
  有错必纠, BAS Art. 3 ✅): no problem found, or the problems found with the suggestion to
  correct or to revoke (纠正建议 / 撤销建议) and the day by which the issuing body answers —
  the due day of the filing's answer clock (FAZHI_NORMATIVE_ANSWER_DAYS, BAS Art. 21 by
  analogy ❓). Once the review has an opinion.

Document (`normative.normativedocument`):
- 行政规范性文件发布登记表 (`publication`, title ◑/❓ local practice): the record of 统一登记、统一
  编号、统一印发 and publication (§B.4–5; OGI Art. 20(1) ✅): registration number, unified
  number, 文号, legality review, signature, publication, validity and the evaluation due day.
  Once the document is published.

The forms are official Chinese text: their labels are the statutes' and practice's words, not
the interface's translations. What is not recorded comes out as a line to fill in by hand.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from cases.documents import (
    blank,
    clean_text,
    cn_date,
    kind_maker,
    numbered,
    register_all,
    text_lines,
    when_set,
)
from cases.models import Attachment, Clock
from core.roles import Role
from normative.choices import FilingOpinion

FILING_LABEL = "normative.filingcase"
DOCUMENT_LABEL = "normative.normativedocument"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

make = kind_maker(TEMPLATES, VERSION)

#: The bureau's own papers: its legal section (and the administrator).
BUREAU = frozenset({Role.SECTION_STAFF, Role.SYSTEM_ADMIN})
#: The filing report is the issuing body's: its handler makes it too.
BUREAU_AND_BODY = BUREAU | {Role.AGENCY_HANDLER}

# The form's own words (official Chinese text, not the interface's translations).
KIND_WORDS = {"government": "政府规范性文件", "department": "部门规范性文件"}
SUGGESTION_WORDS = {
    FilingOpinion.CORRECT: "纠正",
    FilingOpinion.REVOKE: "撤销",
}
OPINION_WORDS = {
    FilingOpinion.NO_PROBLEM: "经审查，未发现该文件存在违法或者不当的问题。",
    FilingOpinion.CORRECT: "经审查，该文件存在下列问题，建议你单位予以纠正：",
    FilingOpinion.REVOKE: "经审查，该文件存在下列问题，建议你单位予以撤销：",
}


def _document_rows(document) -> dict:
    """What the filing report and the publication record both print of the document."""
    return {
        "title": clean_text(document.title),
        "issuing_body": clean_text(document.issuing_body.name),
        "kind": KIND_WORDS.get(document.kind, blank()),
        "registration_number": blank(document.number),
        "unified_number": blank(document.unified_number),
        "document_number": blank(document.document_number),
        "review_number": blank(document.review_number),
        "signed_date": cn_date(document.signed_on),
        "published_date": cn_date(document.published_on),
        "effective_date": cn_date(document.effective_from),
        "valid_until": cn_date(document.valid_until) if document.valid_until else "长期",
    }


def materials(filing) -> list[str]:
    """The filing package: the text, the legality review opinion the document was issued on,
    and the files attached to the filing (their description, else their name)."""
    document = filing.document
    items = [f"《{clean_text(document.title)}》正式文本（含电子文本）"]
    if document.review_number:
        items.append(f"合法性审核意见书（{clean_text(document.review_number)}）")
    for attachment in Attachment.for_case(filing).order_by("uploaded_at", "id"):
        items.append(clean_text(attachment.description or attachment.original_name))
    return numbered(items)


def report_context(filing) -> dict:
    document = filing.document
    return {
        **_document_rows(document),
        "number": filing.number,
        "bureau": clean_text(filing.organization.name),
        "filed_date": cn_date(filing.filed_on),
        "filing_due": cn_date(filing.filing_due),
        "timeliness": "逾期报送" if filing.late else "按期报送",
        "late": filing.late,
        "materials": materials(filing),
    }


def answer_due(filing):
    """The last day of the issuing body's answer: the due day of the filing's answer clock."""
    clock = Clock.for_case(filing).filter(key="filing_answer").first()
    return clock.due_date if clock is not None else None


def opinion_context(filing) -> dict:
    document = filing.document
    suggestion = SUGGESTION_WORDS.get(filing.opinion, "")
    return {
        "number": filing.number,
        "issuing_body": clean_text(filing.issuing_body.name),
        "filed_date": cn_date(filing.filed_on),
        "title": clean_text(document.title),
        "document_number": blank(document.document_number or document.unified_number),
        "opinion": OPINION_WORDS.get(filing.opinion, blank()),
        "suggestion": suggestion,
        "points": numbered(text_lines(filing.opinion_text)) if suggestion else [],
        "answer_due": cn_date(answer_due(filing)) if suggestion else "",
        "bureau": clean_text(filing.organization.name),
        "opinion_date": cn_date(filing.opinion_on),
    }


def publication_context(document) -> dict:
    return {
        **_document_rows(document),
        "registrar": clean_text(document.organization.name),
        "evaluate_by": cn_date(document.evaluate_by),
    }


REPORT = make(
    "report",
    "规范性文件备案报告",
    report_context,
    available=when_set("filed_on"),
    unavailable_reason=_(
        "The filing report is made once the document is filed (Regulations on the Filing "
        "Review of Regulations and Rules, Art. 8, by analogy)."
    ),
    roles=BUREAU_AND_BODY,
)

OPINION = make(
    "opinion",
    "规范性文件备案审查意见书",
    opinion_context,
    available=when_set("opinion_on"),
    unavailable_reason=_(
        "The filing review opinion is made once the review has found no problem or sent a "
        "suggestion to correct or revoke (Regulations on the Filing Review of Regulations and "
        "Rules, Art. 3, by analogy)."
    ),
    roles=BUREAU,
)

PUBLICATION = make(
    "publication",
    "行政规范性文件发布登记表",
    publication_context,
    available=when_set("published_on"),
    unavailable_reason=_(
        "The publication record is made once the document is published (Regulations on Open "
        "Government Information, Art. 20)."
    ),
    roles=BUREAU,
)

register_all(FILING_LABEL, [REPORT, OPINION])
register_all(DOCUMENT_LABEL, [PUBLICATION])
