"""In-app notifications, e-mailed as well when the operator has configured e-mail."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from cases.models import Notification

logger = logging.getLogger(__name__)


def notify(user, *, title: str, body: str = "", url: str = "", kind: str = "") -> Notification:
    note = Notification.objects.create(
        recipient=user, title=str(title)[:200], body=str(body), url=url, kind=kind
    )
    if settings.FAZHI_NOTIFY_EMAIL and user.email:
        link = f"{settings.FAZHI_SITE_URL.rstrip('/')}{url}" if url else ""
        try:
            send_mail(
                str(title),
                f"{body}\n\n{link}".strip(),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        except OSError:
            # The in-app notification stands; the mail is retried with the next digest.
            logger.exception("e-mail to %s failed", user.pk)
        else:
            note.emailed_at = timezone.now()
            note.save(update_fields=["emailed_at"])
    return note


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
