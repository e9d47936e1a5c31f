"""The public portal: home, tracking by code + one-time SMS code, messages, large-text mode,
the deadline calculator."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import CaseRecord
from core.challenge import add_challenge, challenge_active, count_submission
from core.validators import validate_phone
from portal import registry
from portal.forms import CodeForm, MessageForm, TrackForm
from portal.models import Message
from portal.security import check_otp, client_ip, issue_otp, rate_limited
from portal.sms import gateway

SESSION_KEY = "portal_tracked"
logger = logging.getLogger(__name__)


def home(request):
    services = sorted(registry.SERVICES, key=lambda s: s.order)
    return render(
        request, "portal/home.html", {"services": services, "title": _("Public services")}
    )


def deadline(request):
    """The 期限计算器 in the portal's own look (长者模式, the way back), so that a citizen who
    opens it from the portal stays in the portal."""
    from cases.views import deadline_context

    return render(request, "portal/deadline.html", deadline_context(request))


@require_POST
def large_text(request):
    """长者模式: larger text and controls, remembered in a cookie."""
    target = request.POST.get("next") or reverse("portal:home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("portal:home")
    response = HttpResponseRedirect(target)
    on = request.COOKIES.get("fz_large") != "1"
    response.set_cookie("fz_large", "1" if on else "0", max_age=365 * 86400, samesite="Lax")
    return response


def _normal_phone(raw: str) -> str | None:
    try:
        return validate_phone(raw)
    except Exception:
        return None


def track(request):
    """Step 1: tracking code + phone → a one-time code by SMS (same answer whether or not they
    match, so that codes cannot be probed)."""
    form = TrackForm(request.POST or None)
    if challenge_active("track"):
        add_challenge(form)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        code = form.cleaned_data["tracking_code"]
        if rate_limited(
            "track", ip, limit=settings.FAZHI_PORTAL_TRACK_PER_ADDRESS, window=3600
        ) or rate_limited(
            "track-code", code, limit=settings.FAZHI_PORTAL_TRACK_PER_CODE, window=3600
        ):
            form.add_error(None, _("Too many attempts. Please try again in an hour."))
        else:
            count_submission("track")
            tracker, case = registry.find_case(code)
            phone = _normal_phone(form.cleaned_data["phone"])
            if case is not None and phone and phone in tracker.phones(case):
                otp = issue_otp(code)
                try:
                    gateway().send(
                        phone,
                        _("Your Fazhi verification code is %(code)s (valid for 10 minutes).")
                        % {"code": otp},
                    )
                except Exception:  # the provider's outage must not show the citizen a crash
                    logger.exception("SMS gateway failed")
                    form.add_error(
                        None, _("The text message could not be sent. Please try again later.")
                    )
                    return render(
                        request, "portal/track.html", {"form": form, "title": _("Track my case")}
                    )
            request.session["portal_pending"] = code
            messages.info(
                request,
                _(
                    "If the tracking code and the phone number match, a verification code "
                    "has been sent to that phone."
                ),
            )
            return redirect("portal:verify")
    return render(request, "portal/track.html", {"form": form, "title": _("Track my case")})


def verify(request):
    code = request.session.get("portal_pending")
    if not code:
        return redirect("portal:track")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if rate_limited(
            "verify",
            client_ip(request),
            limit=settings.FAZHI_PORTAL_VERIFY_PER_ADDRESS,
            window=3600,
        ):
            form.add_error(None, _("Too many attempts. Please try again in an hour."))
        elif check_otp(code, form.cleaned_data["code"]):
            tracked = set(request.session.get(SESSION_KEY, []))
            tracked.add(code)
            request.session[SESSION_KEY] = sorted(tracked)
            request.session.pop("portal_pending", None)
            request.session.cycle_key()
            return redirect("portal:case", code=code)
        else:
            form.add_error("code", _("The verification code is wrong or has expired."))
    return render(
        request, "portal/verify.html", {"form": form, "code": code, "title": _("Verification")}
    )


def case(request, code: str):
    if code not in request.session.get(SESSION_KEY, []):
        return redirect("portal:track")
    tracker, found = registry.find_case(code)
    if found is None:
        raise Http404
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if rate_limited("message", code, limit=20, window=86400):
            form.add_error(None, _("Too many messages today."))
        else:
            message = Message.objects.create(
                **CaseRecord.ref(found), from_applicant=True, body=form.cleaned_data["body"]
            )
            if tracker.on_message is not None:
                tracker.on_message(found, message)
            messages.success(request, _("Your message has been sent."))
            return redirect("portal:case", code=code)
    return render(
        request,
        "portal/case.html",
        {
            "view": tracker.public_view(found),
            "messages_list": Message.for_case(found),
            "form": form,
            "code": code,
            "title": _("My case"),
        },
    )
