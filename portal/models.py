"""What the public portal stores: messages between an applicant and the handling unit."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import CaseRecord


class Message(CaseRecord):
    """A message on a case filed through the portal, visible to its applicant."""

    from_applicant = models.BooleanField(_("from the applicant"), default=False)
    author = models.ForeignKey(
        "core.User",
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("portal message")
        verbose_name_plural = _("portal messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case_type", "case_id"], name="portal_message_case")]

    def __str__(self) -> str:
        return self.body[:40]
