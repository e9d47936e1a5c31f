"""The public vote of the yearly evaluation (履职评议) on the portal, no login (education.voting):
the years and districts with agencies under evaluation; for one of them, the agencies open to
the vote with the form (mobile phone, a one-time SMS code as the portal's other forms send,
a rating of each agency) and the published results, counted from the votes cast."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.challenge import add_challenge, challenge_active, count_submission
from core.errors import InvalidInput
from core.fields import PhoneInput
from core.models import Region
from education import voting
from education.choices import VoteRating
from education.models import district_of
from portal.forms import clean_mobile
from portal.registry import Service, register_service
from portal.security import check_otp, client_ip, issue_otp, otp_matches, rate_limited
from portal.sms import gateway

logger = logging.getLogger(__name__)


def otp_key(year: int, district: str, phone: str) -> str:
    """The one-time code is bound to the year, the district and the phone."""
    return f"education-vote:{year}:{district}:{phone}"


class VoteForm(forms.Form):
    phone = forms.CharField(
        label=_("your mobile phone"),
        max_length=20,
        widget=PhoneInput(own=True),
        help_text=_("Not published. A verification code is sent to it by SMS; one vote per "
                    "phone and year."),
    )  # fmt: skip
    code = forms.CharField(
        label=_("verification code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, *args, evaluations=(), **kwargs):
        super().__init__(*args, **kwargs)
        for evaluation in evaluations:
            self.fields[voting.rating_field(evaluation)] = forms.ChoiceField(
                label=evaluation.agency.name, choices=VoteRating.choices, required=False,
                widget=forms.RadioSelect,
            )  # fmt: skip

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])

    def rating_fields(self):
        return [self[name] for name in self.fields if name.startswith("rating_")]


def index(request):
    return render(request, "education/public_vote_index.html", {
        "scopes": voting.scopes(),
        "title": gettext("Public vote on agencies' public legal education duty"),
    })  # fmt: skip


def _send_code(request, form, year: int, district: str) -> None:
    phone = form.cleaned_data["phone"]
    if rate_limited(
        "education-vote-code", client_ip(request),
        limit=settings.FAZHI_PORTAL_TRACK_PER_ADDRESS, window=3600,
    ) or rate_limited("education-vote-code-phone", phone, limit=5, window=3600):  # fmt: skip
        form.add_error(None, gettext("Too many attempts. Please try again in an hour."))
        return
    code = issue_otp(otp_key(year, district, phone))
    try:
        gateway().send(phone, gettext("Your Fazhi verification code is %(code)s (valid for 10 "
                                      "minutes).") % {"code": code})  # fmt: skip
    except Exception:  # the provider's outage must not show the citizen a crash
        logger.exception("SMS gateway failed")
        form.add_error(None, gettext("The text message could not be sent. Please try again later."))
        return
    messages.info(request, gettext("A verification code has been sent to your phone."))


def _show(form, exc: InvalidInput) -> None:
    for field, errors in exc.fields.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _vote(request, form, evaluations, year: int, district: str) -> bool:
    """Check the code without spending it, then the ballot; the code is spent only when the
    ballot is written (voting.vote_cast). False (errors on the form, nothing written, the code
    still good for another try) on any error."""
    data = form.cleaned_data
    try:
        voting.check_ratings(evaluations, data)
    except InvalidInput as exc:
        _show(form, exc)
    if not data.get("code"):
        form.add_error("code", gettext("Enter the verification code sent to your phone."))
    if form.errors:
        return False
    if rate_limited(
        "education-vote", client_ip(request),
        limit=settings.FAZHI_PORTAL_VERIFY_PER_ADDRESS, window=3600,
    ):  # fmt: skip
        form.add_error(None, gettext("Too many attempts. Please try again in an hour."))
        return False
    key = otp_key(year, district, data["phone"])
    if not otp_matches(key, data["code"]):
        form.add_error("code", gettext("The verification code is wrong or has expired."))
        return False
    try:
        voting.vote_cast(phone=data["phone"], year=year, district=district, data=data,
                         spend_code=lambda: check_otp(key, data["code"]))  # fmt: skip
    except InvalidInput as exc:
        _show(form, exc)
        return False
    count_submission("apply")
    return True


def vote(request, year: int, district: str):
    """The agencies under evaluation in `district` for `year`, the vote, and the results."""
    if not (district.isdigit() and len(district) in (6, 12)):
        raise Http404
    district = district_of(district)
    region = Region.objects.filter(code=district).first()
    evaluations = list(voting.ballot(year, district))
    results = voting.published_results(year, district)
    if region is None or not (evaluations or results):
        raise Http404
    form = VoteForm(request.POST or None, evaluations=evaluations)
    if challenge_active("apply"):
        add_challenge(form)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "send_code":
            _send_code(request, form, year, district)
        elif _vote(request, form, evaluations, year, district):
            messages.success(request, gettext("Thank you: your vote has been recorded."))
            return redirect("education:public_vote", year=year, district=district[:6])
    return render(request, "education/public_vote.html", {
        "form": form, "evaluations": evaluations, "results": results, "region": region,
        "year": year, "ratings": VoteRating.choices,
        "title": gettext("%(year)s evaluation of agencies in %(district)s")
        % {"year": year, "district": region.name},
    })  # fmt: skip


register_service(
    Service(
        "education_vote",
        _("Vote on agencies' public legal education"),
        _("Rate how the agencies of your district carried out their duty to teach the law "
          "(谁执法谁普法) this year — one vote per mobile phone and year — and read the "
          "published results."),
        "education:public_vote_index",
        order=75,
    )
)  # fmt: skip
