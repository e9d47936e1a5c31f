"""Pluggable SMS gateway for one-time codes and notices to applicants (DESIGN.md, Public
identity).

FAZHI_SMS_GATEWAY names a class with `send(phone, text)`. The default, ConsoleGateway, prints
the message to the server log: fine for the demo, useless in production, where an operator
plugs in the provider the bureau has a contract with (e.g. a class calling its HTTP API).

Notices to applicants (tracking code on filing, status changes, replies: portal.services) go
to the gateway's optional `send_notice(phone, text)`, else to `send`: a provider that sends
only registered templates keeps its one-time-code template in `send` and its notice template
in `send_notice`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("fazhi.sms")


class ConsoleGateway:
    def send(self, phone: str, text: str) -> None:
        print(f"[SMS to {phone}] {text}", flush=True)
        logger.info("SMS to %s: %s", phone, text)


class MemoryGateway:
    """Keeps messages in memory (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        MemoryGateway.outbox.append((phone, text))


def gateway():
    return import_string(settings.FAZHI_SMS_GATEWAY)()


def send_notice(phone: str, text: str) -> None:
    """A notice (not a one-time code) to an applicant."""
    gw = gateway()
    getattr(gw, "send_notice", gw.send)(phone, text)
