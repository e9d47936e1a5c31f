"""The processes of normative documents (reference/statutes-lines.md §B, ❓ unless marked).

Document (`normative`): registered (统一登记: the registration number is the case number) →
issued (统一编号、统一印发: only with a unified number in the region's format, and only once its
legality review (§B.2) has an opinion that is not 不合法: "a document not reviewed, or found
unlawful, may not go to deliberation" ❓) → published (§B.5: publication is mandatory; OGI
Art. 20(1) ✅). Withdrawn before issue. After publication its status is read from its dates
(normative.validity); nothing fires when it expires.

Filing (`normative_filing`, §B.6–7): filed → under review → opinion (none / 纠正建议 /
撤销建议) → the issuing body's answer → closed. The filing is due within
FAZHI_NORMATIVE_FILING_DAYS (default 30 ❓, by analogy with BAS Art. 4) calendar days from
publication; a filing after that day is flagged late. The review runs
FAZHI_NORMATIVE_FILING_REVIEW_MONTHS (default 2 ❓, BAS Art. 11 by analogy) months from filing;
the answer to a correction or revocation suggestion is due within
FAZHI_NORMATIVE_ANSWER_DAYS (default 30 ❓, BAS Art. 21 by analogy) days of the opinion.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.forms import DatedForm, ReasonForm
from cases.process import REGISTER, ClockSpec, Process, State, Transition, registry
from core.roles import Role
from normative.choices import FilingOpinion

STAFF = frozenset({Role.SECTION_STAFF})
AGENCY = frozenset({Role.AGENCY_HANDLER})

#: The legality review's model and the conclusions that allow issue (read, never imported).
REVIEW_MODEL = ("legality", "legalityreview")
ISSUABLE_CONCLUSIONS = ("lawful", "lawful_if_revised")


def filing_days() -> int:
    return int(getattr(settings, "FAZHI_NORMATIVE_FILING_DAYS", 30))


def filing_review_months() -> int:
    return int(getattr(settings, "FAZHI_NORMATIVE_FILING_REVIEW_MONTHS", 2))


def answer_days() -> int:
    return int(getattr(settings, "FAZHI_NORMATIVE_ANSWER_DAYS", 30))


def proposal_answer_days() -> int:
    return int(getattr(settings, "FAZHI_NORMATIVE_PROPOSAL_ANSWER_DAYS", 60))


class S:
    REGISTERED = "registered"
    ISSUED = "issued"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class F:
    FILED = "filed"
    UNDER_REVIEW = "under_review"
    AWAITING_ANSWER = "awaiting_answer"
    CLOSED = "closed"


# -- the legality review, looked up generically -----------------------------------------------


def find_review(number: str, document):
    """The legality review numbered `number` of the document's issuing body, through the model
    registry (no import of the legality line); None if that line is not installed or no such
    review exists."""
    try:
        model = apps.get_model(*REVIEW_MODEL)
    except LookupError:
        return None
    return (
        model._default_manager.filter(number=number.strip(), department_id=document.issuing_body_id)
        .order_by("-id")
        .first()
    )


def review_problem(number: str, document) -> str | None:
    """Why the review numbered `number` does not allow the document to be issued, or None."""
    review = find_review(number, document)
    if review is None:
        return gettext("No legality review numbered %(number)s of %(body)s was found.") % {
            "number": number, "body": document.issuing_body}  # fmt: skip
    if getattr(review, "kind", "document") != "document":
        return gettext("Review %(number)s is not the review of a normative document.") % {
            "number": number}  # fmt: skip
    if review.opinion_on is None:
        return gettext("Review %(number)s has no opinion yet: a document is issued only after "
                       "its legality review.") % {"number": number}  # fmt: skip
    if review.conclusion not in ISSUABLE_CONCLUSIONS:
        return gettext("Review %(number)s found the draft unlawful: it may not be issued.") % {
            "number": number}  # fmt: skip
    return None


# -- forms ------------------------------------------------------------------------------------


class IssueForm(DatedForm):
    unified_number = forms.CharField(label=_("unified number"), max_length=64, required=False)
    document_number = forms.CharField(label=_("document number (文号)"), max_length=64)
    review_number = forms.CharField(label=_("legality review case number"), max_length=64)
    signed_on = forms.DateField(label=_("signed on"))

    def clean(self):
        from normative.validity import parse_unified_number

        cleaned = super().clean()
        raw = (cleaned.get("unified_number") or "").strip()
        if not raw:
            self.add_error("unified_number", gettext(
                "A normative document is issued only with its unified number (统一编号): give "
                "the unified number."))  # fmt: skip
        elif self.case is not None:
            parsed = parse_unified_number(raw, self.case.region_code)
            if parsed is None:
                self.add_error("unified_number", gettext(
                    "%(number)s is not in this region's format of unified numbers.")
                    % {"number": raw})  # fmt: skip
            else:
                cleaned["parsed"] = parsed
                model = type(self.case)
                if model.objects.filter(unified_number=raw).exclude(pk=self.case.pk).exists():
                    self.add_error(
                        "unified_number",
                        gettext("The unified number %(number)s is already used.") % {"number": raw},
                    )
        review = (cleaned.get("review_number") or "").strip()
        if review and self.case is not None:
            problem = review_problem(review, self.case)
            if problem:
                self.add_error("review_number", problem)
        return cleaned


class PublishForm(DatedForm):
    effective_from = forms.DateField(label=_("in effect from"))
    valid_until = forms.DateField(label=_("valid until"), required=False)

    def __init__(self, *args, **kwargs):
        from normative.validity import max_validity_years

        super().__init__(*args, **kwargs)
        self.fields["valid_until"].help_text = _(
            "❓ configurable: at most %(years)s years, %(provisional)s for 暂行/试行; empty: "
            "the longest."
        ) % {"years": max_validity_years(""), "provisional": max_validity_years("暂行")}

    def clean(self):
        from normative.validity import longest_valid_until

        cleaned = super().clean()
        start, until = cleaned.get("effective_from"), cleaned.get("valid_until")
        if start and self.case is not None:
            longest = longest_valid_until(start, self.case.title)
            if until is None:
                cleaned["valid_until"] = longest
            elif until < start:
                self.add_error("valid_until", gettext("The validity cannot end before it "
                                                      "begins."))  # fmt: skip
            elif until > longest:
                self.add_error("valid_until", gettext(
                    "The validity may last until %(date)s at the latest.")
                    % {"date": longest.isoformat()})  # fmt: skip
        on_date = cleaned.get("on_date")
        if start and on_date and start < on_date:
            self.add_error("effective_from", gettext(
                "A document cannot take effect before it is published."))  # fmt: skip
        return cleaned


class FilingOpinionForm(DatedForm):
    opinion = forms.ChoiceField(
        label=_("review opinion"),
        choices=[(FilingOpinion.CORRECT.value, FilingOpinion.CORRECT.label),
                 (FilingOpinion.REVOKE.value, FilingOpinion.REVOKE.label)],
    )  # fmt: skip
    opinion_text = forms.CharField(label=_("points of the opinion"),
                                   widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


class AnswerForm(DatedForm):
    answer = forms.CharField(label=_("answer of the issuing body"),
                             widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


# -- effects ----------------------------------------------------------------------------------


def _issue(case, cleaned, ctx):
    from django.contrib.contenttypes.models import ContentType

    parsed = cleaned["parsed"]
    review = find_review(cleaned["review_number"], case)
    case.unified_number = parsed.raw
    case.unified_prefix, case.unified_year, case.unified_seq = (parsed.prefix, parsed.year,
                                                                parsed.seq)  # fmt: skip
    case.document_number = cleaned["document_number"].strip()
    case.signed_on = cleaned["signed_on"]
    case.review_number = review.number
    case.review_type = ContentType.objects.get_for_model(review)
    case.review_id = review.pk


def _publish(case, cleaned, ctx):
    from normative.validity import evaluate_by

    case.published_on = cleaned["on_date"]
    case.effective_from = cleaned["effective_from"]
    case.valid_until = cleaned["valid_until"]
    case.evaluate_by = evaluate_by(case.valid_until)


def _filing_opinion(case, cleaned, ctx):
    case.opinion = cleaned["opinion"]
    case.opinion_text = (cleaned.get("opinion_text") or "").strip()
    case.opinion_on = cleaned["on_date"]


def _no_problem(case, cleaned, ctx):
    case.opinion = FilingOpinion.NO_PROBLEM
    case.opinion_on = cleaned["on_date"]


def _answer(case, cleaned, ctx):
    case.answer = cleaned["answer"].strip()
    case.answered_on = cleaned["on_date"]


DOCUMENT_PROCESS = registry.register(
    Process(
        key="normative",
        label=_("Normative documents"),
        model="normative.NormativeDocument",
        states=(
            State(S.REGISTERED, _("Registered"), tone="info"),
            State(S.ISSUED, pgettext_lazy("normative", "Issued"), tone="primary"),
            State(S.PUBLISHED, pgettext_lazy("normative", "Published"), final=True, tone="success"),
            State(
                S.WITHDRAWN, pgettext_lazy("normative", "Withdrawn"), final=True, tone="secondary"
            ),
        ),
        initial=S.REGISTERED,
        transitions=(
            Transition(
                "issue",
                _("Issue with the unified number"),
                source=(S.REGISTERED,),
                target=S.ISSUED,
                roles=STAFF,
                form=IssueForm,
                effect=_issue,
                date_field="on_date",
                tone="success",
                article="国办发〔2018〕37号 ❓（三统一）",
            ),
            Transition(
                "publish",
                pgettext_lazy("normative", "Publish"),
                source=(S.ISSUED,),
                target=S.PUBLISHED,
                roles=STAFF,
                form=PublishForm,
                effect=_publish,
                stamps=("closed_at",),
                date_field="on_date",
                tone="success",
                article="政府信息公开条例第二十条",
            ),
            Transition(
                "withdraw",
                pgettext_lazy("normative", "Withdraw"),
                source=(S.REGISTERED,),
                target=S.WITHDRAWN,
                roles=STAFF | AGENCY,
                form=ReasonForm,
                stamps=("closed_at",),
                date_field="on_date",
                tone="outline-secondary",
            ),
        ),
        number_series="normative",
        number_pattern="（{year}）{abbr}规登字第{seq:04d}号",
    )
)

FILING_PROCESS = registry.register(
    Process(
        key="normative_filing",
        label=_("Filing of normative documents"),
        model="normative.FilingCase",
        states=(
            State(F.FILED, pgettext_lazy("normative", "Filed"), tone="info"),
            State(F.UNDER_REVIEW, _("Under filing review"), tone="primary"),
            State(F.AWAITING_ANSWER, _("Suggestion sent, awaiting the answer"), tone="warning"),
            State(F.CLOSED, pgettext_lazy("normative", "Closed"), final=True, tone="success"),
        ),
        initial=F.FILED,
        transitions=(
            Transition(
                "start_review",
                _("Start the filing review"),
                source=(F.FILED,),
                target=F.UNDER_REVIEW,
                roles=STAFF,
                form=DatedForm,
                stamps=("accepted_at",),
                date_field="on_date",
                article="法规规章备案审查条例第三条",
            ),
            Transition(
                "no_problem",
                _("Close: no problem found"),
                source=(F.FILED, F.UNDER_REVIEW),
                target=F.CLOSED,
                roles=STAFF,
                form=DatedForm,
                effect=_no_problem,
                stamps=("closed_at",),
                date_field="on_date",
                tone="success",
                article="法规规章备案审查条例第三条",
            ),
            Transition(
                "issue_opinion",
                _("Send a suggestion to correct or revoke"),
                source=(F.FILED, F.UNDER_REVIEW),
                target=F.AWAITING_ANSWER,
                roles=STAFF,
                form=FilingOpinionForm,
                effect=_filing_opinion,
                date_field="on_date",
                tone="warning",
                article="法规规章备案审查条例第三条、第二十一条",
            ),
            Transition(
                "record_answer",
                _("Record the answer"),
                source=(F.AWAITING_ANSWER,),
                target=F.CLOSED,
                roles=STAFF | AGENCY,
                form=AnswerForm,
                effect=_answer,
                stamps=("closed_at",),
                date_field="on_date",
                tone="success",
                article="法规规章备案审查条例第二十一条",
            ),
        ),
        clocks=(
            ClockSpec(
                "filing_review",
                _("Filing review ❓"),
                length=filing_review_months,
                unit="months",
                start_on=(REGISTER,),
                stop_on=("issue_opinion", "no_problem"),
                article="法规规章备案审查条例第十一条（参照）❓",
            ),
            ClockSpec(
                "filing_answer",
                _("Answer to the suggestion ❓"),
                length=answer_days,
                unit="days",
                start_on=("issue_opinion",),
                stop_on=("record_answer",),
                article="法规规章备案审查条例第二十一条（参照）❓",
            ),
        ),
        number_series="normative_filing",
        number_pattern="（{year}）{abbr}规备字第{seq:04d}号",
    )
)

PROPOSAL_PROCESS = registry.register(
    Process(
        key="normative_proposal",
        label=_("Review proposals on normative documents"),
        model="normative.ReviewProposal",
        states=(
            State("received", pgettext_lazy("normative", "Received"), tone="info"),
            State("answered", pgettext_lazy("normative", "Answered"), final=True, tone="success"),
        ),
        initial="received",
        transitions=(
            Transition(
                "answer",
                _("Answer the proposal"),
                source=("received",),
                target="answered",
                roles=STAFF,
                form=AnswerForm,
                effect=_answer,
                stamps=("closed_at",),
                date_field="on_date",
                tone="success",
                article="法规规章备案审查条例第三条（参照）❓",
            ),
        ),
        clocks=(
            ClockSpec(
                "proposal_answer",
                _("Answer to a review proposal ❓"),
                length=proposal_answer_days,
                unit="days",
                start_on=(REGISTER,),
                stop_on=("answer",),
                article="❓ local practice",
            ),
        ),
        number_series="normative_proposal",
        number_pattern="（{year}）{abbr}规审建字第{seq:04d}号",
    )
)

__all__ = ["DOCUMENT_PROCESS", "FILING_PROCESS", "F", "S", "find_review", "review_problem"]
