"""The documents (文书) of public legal education, as DOCX and PDF, rendered on request from
the records (neither record is a case: nothing is stored; each download is written to the audit
log, cases.documents_views.rendered_on_request). Templates: education/doctemplates (built by
`python -m education.doctemplates.build`).

- 普法履职评议结果通知书 (`evaluation`): to the agency once its yearly evaluation (年度履职报告评议,
  statutes-lines §F ◑ S11; e.g. SD‑PF Art. 31 ✅ in Shandong) is published: the year, the date of its report,
  the expert score, the public vote by rating (the portal's ballots and the votes tallied
  outside it), the satisfaction rate (satisfied and fairly satisfied ÷ portal votes) and the
  grade; signed by the justice bureau of the agency's district (or city), which runs the vote.
- 普法责任清单 (`list`): the agency's published list for the year (谁执法谁普法; SD‑PF Art. 10 ✅):
  each law it enforces, whom it teaches it to and how.

The forms are official Chinese text: their labels are the practice's words, not the interface's
translations. What is not recorded comes out as a line to fill in by hand.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.documents import blank, clean_text, cn_date, kind_maker, text_lines
from core.models import Organization, OrganizationKind
from education.choices import Grade

TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

make = kind_maker(TEMPLATES, VERSION)


def basis() -> str:
    """The basis the documents cite (settings.FAZHI_EDUCATION_DOCUMENT_BASIS): the national
    谁执法谁普法 opinion (2017 ❓, not in the collection) unless a province names its own."""
    return clean_text(settings.FAZHI_EDUCATION_DOCUMENT_BASIS)


GRADE_WORDS = {
    Grade.EXCELLENT: "优秀",
    Grade.GOOD: "良好",
    Grade.PASS: "合格",
    Grade.FAIL: "不合格",
}
RATING_WORDS = {"satisfied": "满意", "fairly_satisfied": "基本满意", "dissatisfied": "不满意"}


def evaluating_bureau(evaluation) -> Organization | None:
    """The justice bureau of the agency's district, or of its city: it runs the vote and
    publishes the results (education.voting)."""
    code = evaluation.region_code or ""
    for region_id in (code[:6].ljust(12, "0"), code[:4].ljust(12, "0")):
        bureau = (
            Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, region_id=region_id)
            .order_by("id")
            .first()
        )
        if bureau is not None:
            return bureau
    return None


def _votes(tally: dict) -> str:
    parts = [f"{RATING_WORDS.get(k, k)}{n}票" for k, n in tally["by_rating"].items()]
    text = f"共{tally['total']}票"
    if tally["portal"]:
        text += f"（网上投票{tally['portal']}票：" + "、".join(parts) + "）"
    if tally["offline"]:
        text += f"；线下计票{tally['offline']}票"
    return text


def evaluation_context(evaluation) -> dict:
    tally = evaluation.tally()
    bureau = evaluating_bureau(evaluation)
    rate = tally["satisfied_rate"]
    return {
        "agency": clean_text(evaluation.agency.name),
        "year": evaluation.year,
        "basis": basis(),
        "reported_date": cn_date(evaluation.reported_on),
        "expert_score": (
            f"{evaluation.expert_score}分" if evaluation.expert_score is not None else blank()
        ),
        "votes": _votes(tally),
        "satisfied_rate": f"{rate}%" if rate is not None else "—（无网上投票）",
        "grade": GRADE_WORDS.get(evaluation.grade, blank()),
        "bureau": clean_text(bureau.name) if bureau else blank(),
        "published_date": cn_date(evaluation.published_on),
    }


def list_context(lst) -> dict:
    items = [
        {
            "position": n,
            "law": clean_text(item.law),
            "audience": clean_text(item.target_audience),
            "measures": "；".join(text_lines(item.measures)),
        }
        for n, item in enumerate(lst.items.all(), start=1)
    ]
    return {
        "agency": clean_text(lst.agency.name),
        "year": lst.year,
        "basis": basis(),
        "items": items,
        "published_date": cn_date(lst.published_on),
    }


EVALUATION = make(
    "evaluation",
    "普法履职评议结果通知书",
    evaluation_context,
    available=lambda e: e.published,
    unavailable_reason=_("The result notice is made once the evaluation is published."),
)
LIST = make(
    "list",
    lambda lst: f"{lst.agency.name}{lst.year}年度普法责任清单",
    list_context,
    available=lambda lst: lst.published and lst.items.exists(),
    unavailable_reason=_("The list is printed once it is published with at least one item."),
)
