"""Citizens' review proposals (审查建议, statutes-lines §B.7 "Citizens may propose a review" ❓) on
the public portal: from a published document's page, a citizen asks the bureau to review it,
gets a tracking code and follows the answer with it and their phone (portal.registry). The
answer is due within FAZHI_NORMATIVE_PROPOSAL_ANSWER_DAYS (60 ❓, local practice)."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import engine
from cases.models import Channel
from cases.notifications import notify_many
from core.fields import PhoneInput
from core.middleware import retry_safe
from core.models import Membership
from core.roles import Role
from normative import selectors
from normative.models import ReviewProposal
from portal import online as portal_online
from portal.forms import ApplicationForm
from portal.registry import Tracker, register_tracker
from portal.security import new_tracking_code


class ProposalForm(ApplicationForm):
    reasons = forms.CharField(label=_("why the document should be reviewed"), max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    applicant_name = forms.CharField(label=_("your name"), max_length=64)
    applicant_phone = forms.CharField(
        label=_("your mobile phone"), max_length=20, widget=PhoneInput(own=True),
        help_text=_("We text you the tracking code and the answer."),
    )  # fmt: skip


def proposal_file(*, document, cleaned: dict) -> ReviewProposal:
    """Register a citizen's review proposal on a published document, with a tracking code; the
    bureau's section staff are told and the citizen is texted the code after the commit."""
    with transaction.atomic():
        proposal = ReviewProposal(
            document=document, organization=document.organization,
            region_code=document.region_code, applicant_name=cleaned["applicant_name"].strip(),
            applicant_phone=cleaned["applicant_phone"], reasons=cleaned["reasons"].strip(),
            tracking_code=new_tracking_code(), channel=Channel.ONLINE,
        )  # fmt: skip
        engine.open_case(proposal, actor=None, data={"document": document.number})
        portal_online.announce_filing(proposal, notify_bureau)
    return proposal


def notify_bureau(case, *, kind: str, body: str = "") -> None:
    staff = Membership.objects.filter(organization_id=case.organization_id,
                                      role=Role.SECTION_STAFF, is_active=True,
                                      user__is_active=True).select_related("user")  # fmt: skip
    title = gettext("Review proposal on %(title)s") % {"title": case.title}
    notify_many([(m.user, {"title": title, "body": body, "url": case.get_absolute_url()})
                 for m in staff], kind=kind)  # fmt: skip


@retry_safe
def propose(request, pk: int):
    document = get_object_or_404(selectors.published(timezone.localdate()), pk=pk)
    form = ProposalForm(request.POST or None)
    case = portal_online.file_application(
        request, form, line="normative", scope="portal.normative_propose", model=ReviewProposal,
        create=lambda cleaned: proposal_file(document=document, cleaned=cleaned),
        phone_limited=gettext("Too many proposals with this phone number today."),
        parties=("applicant_",),
    )  # fmt: skip
    if case is not None:
        request.session["normative_proposed"] = case.tracking_code
        return redirect("normative:proposal_filed")
    return render(request, "normative/propose.html", {
        "form": form, "document": document, "title": gettext("Propose a review")})  # fmt: skip


def filed(request):
    context = portal_online.filed_context(request, ReviewProposal,
                                          session_key="normative_proposed", name="case",
                                          title=gettext("Proposal received"))  # fmt: skip
    if context is None:
        return redirect("normative:library")
    return render(request, "normative/proposal_filed.html", context)


def public_view(case) -> dict:
    """What the citizen may see: the document, the status, the answer and its date."""
    view = portal_online.public_view(case, (gettext("normative document"), case.document.title))
    if case.answered_on:
        view["facts"].append((gettext("answer"), f"{case.answer} ({case.answered_on})"))
    return view


register_tracker(
    Tracker(
        "normative.reviewproposal",
        find=portal_online.find_by_tracking_code(ReviewProposal),
        phones=lambda case: [case.applicant_phone],
        public_view=public_view,
    )
)
