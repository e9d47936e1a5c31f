"""Major administrative decisions on the public portal (DESIGN.md, Public portal): the published
catalogues (DEC Art. 3 ¶3), the drafts open for comment with their explanation (Art. 15), the
form to comment (name optional; a mobile phone proven by a one-time SMS code, as the portal's
tracking does), the published handling of the comments (Art. 18) and the published decisions
(Art. 32). Nothing else of a decision is shown (decisions.selectors)."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.challenge import add_challenge, challenge_active, count_submission
from core.errors import InvalidInput
from core.fields import PhoneInput
from decisions import selectors
from decisions.process import comment_open_on
from portal.registry import Service, register_service
from portal.security import check_otp, client_ip, issue_otp, rate_limited
from portal.sms import gateway

logger = logging.getLogger(__name__)


def otp_key(decision, phone: str) -> str:
    """The one-time code is bound to the draft and the phone."""
    return f"decision-comment:{decision.pk}:{phone}"


class CommentForm(forms.Form):
    name = forms.CharField(label=_("your name (optional)"), max_length=64, required=False)
    phone = forms.CharField(
        label=_("your mobile phone"),
        max_length=20,
        widget=PhoneInput(own=True),
        help_text=_("Not published. A verification code is sent to it by SMS."),
    )
    code = forms.CharField(
        label=_("verification code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    body = forms.CharField(
        label=_("your comment"), max_length=3000, required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip

    def clean_phone(self):
        from django.core.exceptions import ValidationError

        from core.validators import validate_phone

        try:
            phone = validate_phone(self.cleaned_data["phone"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0]) from None
        if not (len(phone) == 11 and phone.startswith("1")):
            raise forms.ValidationError(
                gettext("Give a mobile number: the verification code is sent by SMS.")
            )
        return phone


def catalogues(request):
    rows = selectors.public_catalogues().prefetch_related(
        selectors.catalogue_items(), "adjustments"
    )
    return render(request, "decisions/public_catalogues.html",
                  {"catalogues": rows, "title": gettext("Catalogues of major decision matters")})  # fmt: skip


def consultations(request):
    rows = selectors.in_comment()
    published = selectors.public_decisions().exclude(pk__in=rows.values("pk"))
    return render(request, "decisions/public_list.html",
                  {"open": rows, "others": published.order_by("-published_on", "-id"),
                   "title": gettext("Major administrative decisions: public comment")})  # fmt: skip


def _send_code(request, form, decision) -> None:
    phone = form.cleaned_data["phone"]
    from decisions.services import comment_closed_reason

    closed = comment_closed_reason(decision, timezone.localdate())
    if closed:  # no code is sent for a draft no longer open for comment
        form.add_error("body", closed)
        return
    if rate_limited(
        "decision-code", client_ip(request),
        limit=settings.FAZHI_PORTAL_TRACK_PER_ADDRESS, window=3600,
    ) or rate_limited("decision-code-phone", phone, limit=5, window=3600):  # fmt: skip
        form.add_error(None, gettext("Too many attempts. Please try again in an hour."))
        return
    code = issue_otp(otp_key(decision, phone))
    try:
        gateway().send(phone, gettext("Your Fazhi verification code is %(code)s (valid for 10 "
                                      "minutes).") % {"code": code})  # fmt: skip
    except Exception:  # the provider's outage must not show the citizen a crash
        logger.exception("SMS gateway failed")
        form.add_error(None, gettext("The text message could not be sent. Please try again later."))
        return
    messages.info(request, gettext("A verification code has been sent to your phone."))


def _comment(request, form, decision) -> bool:
    from decisions.services import comment_submit

    data = form.cleaned_data
    if not data.get("body", "").strip():
        form.add_error("body", gettext("Write your comment."))
    if not data.get("code"):
        form.add_error("code", gettext("Enter the verification code sent to your phone."))
    if form.errors:
        return False
    # After the period the service refuses, naming the field, before any code is spent.
    if comment_open_on(decision, timezone.localdate()) and not check_otp(
        otp_key(decision, data["phone"]), data["code"]
    ):
        form.add_error("code", gettext("The verification code is wrong or has expired."))
        return False
    try:
        comment_submit(decision=decision, name=data.get("name", ""), phone=data["phone"],
                       body=data["body"])  # fmt: skip
    except InvalidInput as exc:
        for field, errors in exc.fields.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return False
    count_submission("apply")
    return True


def detail(request, pk: int):
    """A draft in its comment period (with the form), or a draft whose comments' handling is
    published, or a published decision."""
    # A comment posted from a page opened in the period is answered with the reason it is
    # refused once the period is over, not with "not found".
    rows = selectors.consulted() if request.method == "POST" else selectors.public_decisions()
    decision = get_object_or_404(rows, pk=pk)
    # The draft is shown only while the public may open the page: a comment posted after the
    # period gets its reason and keeps its text, not a draft revised since.
    public = request.method != "POST" or selectors.public_decisions().filter(pk=pk).exists()
    is_open = comment_open_on(decision, timezone.localdate())
    form = CommentForm(request.POST or None)
    if challenge_active("apply"):
        add_challenge(form)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "send_code":
            _send_code(request, form, decision)
        elif _comment(request, form, decision):
            messages.success(request, gettext("Thank you: your comment has been received."))
            return redirect("decisions:public_detail", pk=decision.pk)
    return render(
        request,
        "decisions/public_detail.html",
        {
            "decision": decision,
            "public": public,
            "is_open": is_open,
            "form": form,
            "answers": selectors.published_answers(decision),
            "title": decision.title,
        },
    )


register_service(
    Service(
        "decisions_comment",
        _("Comment on major administrative decisions"),
        _("Read the drafts of major decisions open for public comment and send your comments; "
          "read how they were handled, and the catalogues of decision matters."),
        "decisions:public_list",
        order=70,
    )
)  # fmt: skip
