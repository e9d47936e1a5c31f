"""What the portal tells an applicant by SMS, and the handling unit's replies.

The applicant gets a text when the request is filed (with its tracking code), when its status
or its handling unit changes, and when the unit replies. Texts go out after the commit, through
the pluggable gateway (portal.sms), to the applicant phones the line's tracker names. They never
carry a one-time code, nor anything the applicant did not give or may not see on the tracking
page: the tracking code, the status, the handling unit and its telephone. They are written in the
site's language (LANGUAGE_CODE) whatever the language of the staff member whose action sends
them. A failing gateway is logged; it never undoes or breaks the action that caused the text.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import CaseRecord
from portal import registry
from portal.models import Message
from portal.regions import contact_of
from portal.sms import send_notice

logger = logging.getLogger("fazhi.sms")


def _track_url() -> str:
    return f"{settings.FAZHI_SITE_URL.rstrip('/')}{reverse('portal:track')}"


def _handler(case) -> str:
    name = case.organization.name
    contact, phone = contact_of(case.organization)
    if not phone:
        return name
    if contact == name:
        return _("%(name)s, telephone %(phone)s") % {"name": name, "phone": phone}
    return _("%(name)s (%(contact)s, telephone %(phone)s)") % {
        "name": name,
        "contact": contact,
        "phone": phone,
    }


def _send(case, compose) -> None:
    tracker = registry.tracker_for(case)
    code = getattr(case, "tracking_code", "")
    if tracker is None or not code:
        return
    with translation.override(settings.LANGUAGE_CODE):
        text = compose(code)
    for phone in dict.fromkeys(tracker.phones(case)):
        try:
            send_notice(phone, text)
        except Exception:  # the provider's outage must not break the staff member's action
            logger.exception("SMS to the applicant of %s failed", case.pk)


def applicant_notify_filed(case) -> None:
    """The request is registered: its tracking code and who handles it."""
    _send(
        case,
        lambda code: (
            _(
                "Your request “%(title)s” has been received. Tracking code: %(code)s. "
                "Handled by: %(handler)s. Follow it at %(url)s with the code and this phone number."
            )
            % {"title": case.title, "code": code, "handler": _handler(case), "url": _track_url()}
        ),
    )


def applicant_notify_status(case) -> None:
    """The status or the handling unit changed."""
    _send(
        case,
        lambda code: (
            _(
                "Your request with tracking code %(code)s is now: %(status)s. Handled by: "
                "%(handler)s. Details at %(url)s."
            )
            % {
                "code": code,
                "status": case.state_label,
                "handler": _handler(case),
                "url": _track_url(),
            }
        ),
    )


def applicant_notify_reply(case) -> None:
    """The handling unit wrote to the applicant (the text says so, not what it wrote)."""
    _send(
        case,
        lambda code: (
            _(
                "%(unit)s has replied about your request with tracking code %(code)s. "
                "Read it at %(url)s."
            )
            % {"unit": case.organization.name, "code": code, "url": _track_url()}
        ),
    )


def reply_to_applicant(*, case, author, body: str) -> Message:
    """A message from the handling unit to the applicant, who is told of it by SMS."""
    with transaction.atomic():
        message = Message.objects.create(**CaseRecord.ref(case), author=author, body=body)
        transaction.on_commit(lambda: applicant_notify_reply(case))
    return message


def on_transition(sender, *, case, transition, event, actor, **kwargs) -> None:
    """cases.signals.transition_committed: text the applicant when the step is one the line
    announces (by default, a change of status)."""
    if not getattr(case, "tracking_code", ""):
        return
    tracker = registry.tracker_for(case)
    if tracker is not None and tracker.announces(case, event):
        applicant_notify_status(case)
