"""The legality review documents: the 合法性审核意见书 (title ◑, common practice), once the
opinion is issued. Its three parts follow 重大行政决策程序暂行条例 Art. 27 (authority, procedure,
conformity), then the conclusion (合法 / 修改后合法 / 不合法) and the numbered points the
department answers. Template: legality/doctemplates (built by
`python -m legality.doctemplates.build`). The form is official Chinese text: its labels are the
statute's wording, not the interface's translations."""

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
from core.roles import Role

LABEL = "legality.legalityreview"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

make = kind_maker(TEMPLATES, VERSION)

# The form's own words (official Chinese text, not the interface's translations).
KIND_WORDS = {"document": "行政规范性文件送审稿", "decision": "重大行政决策草案",
              "contract": "政府合同"}  # fmt: skip
CONCLUSION_WORDS = {
    "lawful": "经审核，该草案合法。",
    "lawful_if_revised": "经审核，该草案按照下列意见修改后合法。",
    "unlawful": "经审核，该草案不合法，请按照下列意见研究处理。",
}


def opinion_context(review) -> dict:
    points = [clean_text(p.text) for p in review.points.order_by("number")]
    return {
        "number": review.number,
        "department": blank(review.department.name),
        "submitted_date": cn_date(review.submitted_on),
        "title": clean_text(review.title),
        "kind": KIND_WORDS.get(review.kind, ""),
        "authority": text_lines(review.opinion_authority),
        "procedure": text_lines(review.opinion_procedure),
        "conformity": text_lines(review.opinion_conformity),
        "conclusion": CONCLUSION_WORDS.get(review.conclusion, blank()),
        "points": numbered(points) if points else [],
        "reviewer": review.organization.name,
        "issued_date": cn_date(review.opinion_on),
    }


OPINION = make(
    "opinion",
    "合法性审核意见书",
    opinion_context,
    available=when_set("opinion_on"),
    unavailable_reason=_("The review opinion has not been issued yet."),
    roles={Role.SECTION_STAFF, Role.SYSTEM_ADMIN},
)

register_all(LABEL, [OPINION])
