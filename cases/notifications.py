"""In-app notifications, e-mailed as well when the operator has configured e-mail."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mail
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


def notify_many(messages: Iterable[tuple[object, dict]], *, kind: str = "") -> list[Notification]:
    """`notify()` for many people at once: each (user, {"title", "body", "url"}) becomes an
    in-app notification, all written by one INSERT; when e-mail is on, the users with an
    address are mailed over one connection, and one UPDATE records which mails went out. A
    failed mail is logged and leaves its in-app notification standing, as in `notify()`."""
    messages = list(messages)
    notes = [
        Notification(
            recipient=user,
            title=str(message["title"])[:200],
            body=str(message.get("body", "")),
            url=message.get("url", ""),
            kind=kind,
        )
        for user, message in messages
    ]
    if not notes:
        return notes
    notes = Notification.objects.bulk_create(notes)  # atomic, one statement per batch
    if settings.FAZHI_NOTIFY_EMAIL:
        _mail_all(
            [
                (note, str(message["title"]))
                for note, (user, message) in zip(notes, messages, strict=True)
                if user.email
            ]
        )
    return notes


def _mail_all(outgoing: list[tuple[Notification, str]]) -> None:
    """Mail each (notification, subject) over one connection, as `notify()` mails one."""
    if not outgoing:
        return
    connection = get_connection()
    mailed = []
    # Opened here so that every message goes over it (send() alone would open and close one
    # connection per message).
    if not _open(connection, len(outgoing)):
        return
    try:
        for n, (note, subject) in enumerate(outgoing):
            if _mail(note, subject, connection):
                mailed.append(note)
                continue
            # The connection may be broken now: go on with a fresh one.
            _close(connection)
            if not _open(connection, len(outgoing) - n - 1):
                break
    finally:
        _close(connection)
    if mailed:
        now = timezone.now()
        Notification.objects.filter(pk__in=[note.pk for note in mailed]).update(emailed_at=now)
        for note in mailed:
            note.emailed_at = now


def _open(connection, waiting: int) -> bool:
    try:
        connection.open()
    except OSError:
        logger.exception("e-mail connection failed; %s notifications not e-mailed", waiting)
        return False
    return True


def _mail(note: Notification, subject: str, connection) -> bool:
    link = f"{settings.FAZHI_SITE_URL.rstrip('/')}{note.url}" if note.url else ""
    message = EmailMessage(
        subject,
        f"{note.body}\n\n{link}".strip(),
        settings.DEFAULT_FROM_EMAIL,
        [note.recipient.email],
        connection=connection,
    )
    try:
        message.send()
    except OSError:
        # The in-app notification stands; the mail is retried with the next digest.
        logger.exception("e-mail to %s failed", note.recipient_id)
        return False
    return True


def _close(connection) -> None:
    with contextlib.suppress(OSError):
        connection.close()


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
