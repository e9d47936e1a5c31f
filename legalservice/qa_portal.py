"""The legal Q&A library on the public portal (法律问答), no login: search in Chinese words
(legalservice.qa_search), the answer page with "was this helpful" (one answer per browser
session and entry), and the hand-off when no answer fits (没有找到答案？提交咨询): a consultation
with the person's name, mobile phone (proven by a one-time SMS code, portal.security),
street and question, which becomes an online service record of the street's justice office and
gives a tracking code; with that code and another SMS code the person reads the answer."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.challenge import add_challenge, challenge_active, count_submission
from core.errors import InvalidInput
from core.fields import PhoneInput
from core.forms import SubmissionKeyMixin
from core.idempotency import run_once
from core.models import SubmissionKey
from core.validators import validate_phone
from legalservice import qa_search, qa_services
from legalservice.choices import MatterKind
from legalservice.models import QaConsultation, QaEntry
from portal.regions import contact_of, street_choices
from portal.registry import Service, register_service
from portal.security import (
    check_otp,
    client_ip,
    issue_otp,
    new_tracking_code,
    otp_matches,
    rate_limited,
)
from portal.sms import gateway, send_notice

logger = logging.getLogger(__name__)
VOTED_KEY = "qa_voted"
FILED_KEY = "qa_filed"
SEEN_KEY = "qa_seen"  # tracking codes whose consultation this session may read
VIEWED_KEY = "qa_viewed"  # entries whose answer page this session has shown (may vote)
VIEWED_KEEP = 200
# Answers to "was this helpful" counted per address and entry a day: a browser that opened
# the answer page counts once, and one address (an office behind one gateway) a few times.
VOTES_PER_ADDRESS_DAY = 10
SUBMIT_SCOPE = "legalservice.qa_consultation"


def _mobile(raw: str) -> str:
    try:
        phone = validate_phone(raw)
    except ValidationError as exc:
        raise forms.ValidationError(exc.messages[0]) from None
    if not (len(phone) == 11 and phone.startswith("1")):
        raise forms.ValidationError(
            gettext("Give a mobile number: the verification code is sent by SMS.")
        )
    return phone


def _code_field():
    return forms.CharField(
        label=_("verification code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def _code_limited(request, phone: str) -> bool:
    """Count one code sent from this address and to this phone; True when either is over its
    limit. Both counters are counted every time (no short cut), whatever else holds."""
    by_address = rate_limited(
        "legalservice-qa-code", client_ip(request),
        limit=settings.FAZHI_PORTAL_TRACK_PER_ADDRESS, window=3600,
    )  # fmt: skip
    by_phone = rate_limited("legalservice-qa-code-phone", phone, limit=5, window=3600)
    return by_address or by_phone


def _deliver_code(key: str, phone: str) -> bool:
    """Issue a one-time code bound to `key` and text it to `phone`; False (logged) when the
    SMS provider fails."""
    code = issue_otp(key)
    try:
        gateway().send(phone, gettext("Your Fazhi verification code is %(code)s (valid for 10 "
                                      "minutes).") % {"code": code})  # fmt: skip
    except Exception:  # the provider's outage must not show the citizen a crash
        logger.exception("SMS gateway failed")
        return False
    return True


def _send_code(request, form, key: str, phone: str) -> bool:
    """Text a one-time code bound to `key` to `phone`; False (error on the form) if refused."""
    if _code_limited(request, phone):
        form.add_error(None, gettext("Too many attempts. Please try again in an hour."))
        return False
    if not _deliver_code(key, phone):
        form.add_error(None, gettext("The text message could not be sent. Please try again later."))
        return False
    return True


def _check_code(request, form, key: str) -> bool:
    code = form.cleaned_data.get("code") or ""
    if not code:
        form.add_error("code", gettext("Enter the verification code sent to your phone."))
        return False
    if rate_limited(
        "legalservice-qa-verify", client_ip(request),
        limit=settings.FAZHI_PORTAL_VERIFY_PER_ADDRESS, window=3600,
    ):  # fmt: skip
        form.add_error(None, gettext("Too many attempts. Please try again in an hour."))
        return False
    if not check_otp(key, code):
        form.add_error("code", gettext("The verification code is wrong or has expired."))
        return False
    return True


def _code_matches(request, form, key: str) -> bool:
    """As _check_code, but without spending the code (portal.security.otp_matches): for a form
    that spends it only when it writes."""
    code = form.cleaned_data.get("code") or ""
    if not code:
        form.add_error("code", gettext("Enter the verification code sent to your phone."))
        return False
    if rate_limited(
        "legalservice-qa-verify", client_ip(request),
        limit=settings.FAZHI_PORTAL_VERIFY_PER_ADDRESS, window=3600,
    ):  # fmt: skip
        form.add_error(None, gettext("Too many attempts. Please try again in an hour."))
        return False
    if not otp_matches(key, code):
        form.add_error("code", gettext("The verification code is wrong or has expired."))
        return False
    return True


# -- search and answers -------------------------------------------------------------------------


def search(request):
    raw = request.GET.get("q")
    query = (raw or "").strip()[:200]
    results, error = [], ""
    if raw is not None:
        if not query:
            error = gettext("Type your question in the search box, e.g. 老板拖欠工资怎么办.")
        elif not qa_search.words(query):
            error = gettext(
                "Your question has no word to search by; describe the matter in a few more "
                "words, e.g. 工资、离婚、租房."
            )
        else:
            results = qa_search.search(query)
    return render(request, "legalservice/qa_search.html", {
        "query": query, "searched": bool(query) and not error, "results": results,
        "error": error, "title": gettext("Legal Q&A"),
    })  # fmt: skip


def answer(request, pk: int):
    entry = get_object_or_404(QaEntry.objects.select_related("organization"), pk=pk,
                              published=True)  # fmt: skip
    voted = request.session.get(VOTED_KEY, {}).get(str(pk))
    viewed = [p for p in request.session.get(VIEWED_KEY, []) if p != pk]
    request.session[VIEWED_KEY] = [*viewed, pk][-VIEWED_KEEP:]
    return render(request, "legalservice/qa_answer.html", {
        "entry": entry, "voted": voted, "tally": qa_services.tally(entry),
        "query": (request.GET.get("q") or "").strip()[:200], "title": entry.question,
    })  # fmt: skip


@require_POST
def vote(request, pk: int):
    """Count "was this helpful" once per browser session that has shown the answer page (a
    bare POST, without a session that read the answer, counts nothing), and at most
    VOTES_PER_ADDRESS_DAY times a day per address and entry."""
    entry = get_object_or_404(QaEntry, pk=pk, published=True)
    value = request.POST.get("helpful")
    if value not in ("yes", "no"):
        messages.error(request, gettext("Choose yes or no."))
        return redirect("legalservice:qa_answer", pk=pk)
    voted = dict(request.session.get(VOTED_KEY, {}))
    if pk not in request.session.get(VIEWED_KEY, []):
        messages.info(request, gettext("Read the answer first, then tell us whether it helped."))
        return redirect("legalservice:qa_answer", pk=pk)
    if str(pk) in voted:
        messages.info(request, gettext("You have already told us whether this answer helped."))
        return redirect("legalservice:qa_answer", pk=pk)
    if rate_limited(f"legalservice-qa-vote:{pk}", client_ip(request),
                    limit=VOTES_PER_ADDRESS_DAY, window=86400):  # fmt: skip
        messages.info(request, gettext("Thank you; many answers about this question have come "
                                       "from your network today, so yours is not counted."))  # fmt: skip
        return redirect("legalservice:qa_answer", pk=pk)
    if qa_services.vote(entry=entry, session_key=request.session.session_key or "",
                        helpful=value == "yes"):  # fmt: skip
        messages.success(request, gettext("Thank you for your feedback."))
    else:
        messages.info(request, gettext("You have already told us whether this answer helped."))
    voted[str(pk)] = value
    request.session[VOTED_KEY] = voted
    return redirect("legalservice:qa_answer", pk=pk)


# -- the hand-off: a consultation -------------------------------------------------------------


class AskForm(SubmissionKeyMixin, forms.Form):
    person_name = forms.CharField(label=_("your name"), max_length=64)
    person_phone = forms.CharField(
        label=_("your mobile phone"), max_length=20, widget=PhoneInput(own=True),
        help_text=_("A verification code is sent to it by SMS, and later the tracking code."),
    )  # fmt: skip
    street = forms.ChoiceField(label=_("your district and street"), choices=())
    matter_kind = forms.ChoiceField(
        label=_("kind of matter"), choices=[("", "—"), *MatterKind.choices], required=False
    )
    question = forms.CharField(
        label=_("your question"), max_length=qa_services.QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    code = _code_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].choices = street_choices()

    def clean_person_phone(self):
        return _mobile(self.cleaned_data["person_phone"])


def ask_otp_key(phone: str) -> str:
    return f"legalservice-qa-ask:{phone}"


def ask(request):
    form = AskForm(request.POST or None, initial={"question": (request.GET.get("q") or "")[:200]})
    if challenge_active("apply"):
        add_challenge(form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "send_code":
            if _send_code(request, form, ask_otp_key(data["person_phone"]), data["person_phone"]):
                messages.info(request, gettext("A verification code has been sent to your phone."))
        else:
            done = _submit(request, form)
            if done is not None:
                request.session[FILED_KEY] = done.tracking_code
                return redirect("legalservice:qa_filed")
    return render(request, "legalservice/qa_ask.html", {
        "form": form, "title": gettext("Ask a legal question"),
    })  # fmt: skip


def _submit(request, form) -> QaConsultation | None:
    """Check everything, the SMS code last without spending it, then write; the code is spent
    only inside the write's transaction (qa_services.consultation_submit), so a refused
    submission leaves it good for another try and an accepted one spends it, once. None
    (errors on the form, nothing written) on any error. A resubmitted form (same hidden key)
    gives the first consultation."""
    data = form.cleaned_data
    key = data["submission_key"]
    first = SubmissionKey.objects.filter(key=key, scope=SUBMIT_SCOPE).first()
    if first is not None and first.object_id:
        return QaConsultation.objects.filter(pk=first.object_id).first()
    try:
        qa_services.check_consultation(data)
    except InvalidInput as exc:
        _show(form, exc)
    if form.errors or not _code_matches(request, form, ask_otp_key(data["person_phone"])):
        return None
    if rate_limited("legalservice-qa-ask-phone", data["person_phone"],
                    limit=settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY, window=86400):  # fmt: skip
        form.add_error("person_phone", gettext("Too many questions from this phone today."))
        return None
    otp_key = ask_otp_key(data["person_phone"])
    try:
        consultation, created = run_once(
            key=key, scope=SUBMIT_SCOPE,
            create=lambda: qa_services.consultation_submit(
                data=data, tracking_code=new_tracking_code(),
                spend_code=lambda: check_otp(otp_key, data["code"])),
            load=lambda pk: QaConsultation.objects.get(pk=pk),
        )  # fmt: skip
    except InvalidInput as exc:
        _show(form, exc)
        return None
    if created:
        count_submission("apply")
        _notify_filed(consultation)
    return consultation


def _notify_filed(consultation: QaConsultation) -> None:
    record = consultation.record
    try:
        send_notice(
            record.person_phone,
            gettext("Your legal question has been received; tracking code %(code)s. %(unit)s "
                    "will answer it; read the answer on the portal with this code.")
            % {"code": consultation.tracking_code, "unit": record.organization.name},
        )  # fmt: skip
    except Exception:
        logger.exception("SMS gateway failed")


def _show(form, exc: InvalidInput) -> None:
    for field, errors in exc.fields.items():
        for error in errors:
            target = field if field in form.fields else None
            if target is None or target not in form.errors:
                form.add_error(target, error)


def filed(request):
    code = request.session.get(FILED_KEY)
    consultation = (
        QaConsultation.objects.select_related("record__organization")
        .filter(tracking_code=code)
        .first()
        if code
        else None
    )
    if consultation is None:
        return redirect("legalservice:qa_ask")
    contact, phone = contact_of(consultation.record.organization)
    return render(request, "legalservice/qa_filed.html", {
        "consultation": consultation, "contact": contact, "phone": phone,
        "title": gettext("Question received"),
    })  # fmt: skip


# -- reading the answer: tracking code + SMS code --------------------------------------------


class LookupForm(forms.Form):
    tracking_code = forms.CharField(label=_("tracking code"), max_length=16)
    phone = forms.CharField(
        label=_("mobile phone used when asking"), max_length=20, widget=PhoneInput(own=True)
    )
    code = _code_field()

    def clean_tracking_code(self):
        return self.cleaned_data["tracking_code"].strip().upper().replace(" ", "")

    def clean_phone(self):
        return _mobile(self.cleaned_data["phone"])


def lookup_otp_key(tracking_code: str, phone: str) -> str:
    return f"legalservice-qa-lookup:{tracking_code}:{phone}"


def lookup(request):
    """Step 1 sends a code (the same answer whether or not code and phone match, so that codes
    cannot be probed); step 2 with the code shows the consultation and its answer."""
    form = LookupForm(request.POST or None)
    if challenge_active("track"):
        add_challenge(form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key = lookup_otp_key(data["tracking_code"], data["phone"])
        if request.POST.get("action") == "send_code":
            _lookup_send_code(request, form, data, key)
        elif _check_code(request, form, key):
            seen = set(request.session.get(SEEN_KEY, []))
            seen.add(data["tracking_code"])
            request.session[SEEN_KEY] = sorted(seen)
            request.session.cycle_key()
            return redirect("legalservice:qa_consultation_public", code=data["tracking_code"])
    return render(request, "legalservice/qa_lookup.html", {
        "form": form, "title": gettext("Read the answer to my question"),
    })  # fmt: skip


def _lookup_send_code(request, form, data: dict, key: str) -> None:
    """Send the lookup code when tracking code and phone match. Every counter (per tracking
    code, per address, per phone) is counted before the match is checked, so a tripped limit
    shows the same whether or not they match; past the limits, a match and a mismatch give the
    same neutral message (an SMS failure is logged, not shown)."""
    by_code = rate_limited("legalservice-qa-lookup", data["tracking_code"],
                           limit=settings.FAZHI_PORTAL_TRACK_PER_CODE, window=3600)  # fmt: skip
    by_sender = _code_limited(request, data["phone"])
    if by_code or by_sender:
        form.add_error(None, gettext("Too many attempts. Please try again in an hour."))
        return
    found = (
        QaConsultation.objects.select_related("record")
        .filter(tracking_code=data["tracking_code"])
        .first()
    )
    if found is not None and found.record.person_phone == data["phone"]:
        _deliver_code(key, data["phone"])
    messages.info(request, _sent_if_match())


def _sent_if_match() -> str:
    return gettext("If the tracking code and the phone number match, a verification code has "
                   "been sent to that phone.")  # fmt: skip


def consultation_public(request, code: str):
    if code not in request.session.get(SEEN_KEY, []):
        return redirect("legalservice:qa_lookup")
    consultation = (
        QaConsultation.objects.select_related("record__organization")
        .filter(tracking_code=code)
        .first()
    )
    if consultation is None:
        raise Http404
    contact, phone = contact_of(consultation.record.organization)
    return render(request, "legalservice/qa_consultation_public.html", {
        "consultation": consultation, "contact": contact, "phone": phone,
        "title": gettext("My legal question"),
    })  # fmt: skip


register_service(
    Service(
        key="legalservice_qa",
        title=_("Legal Q&A"),
        description=_(
            "Search common legal questions in your own words, read the answer and the law it "
            "rests on; if none fits, ask the justice office of your street."
        ),
        url_name="legalservice:qa_search",
        order=58,
    )
)
