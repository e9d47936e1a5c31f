"""Pluggable SMS gateway for one-time codes (DESIGN.md, Public identity).

FAZHI_SMS_GATEWAY names a class with `send(phone, text)`. The default, ConsoleGateway, prints
the message to the server log: fine for the demo, useless in production, where an operator
plugs in the provider the bureau has a contract with (e.g. a class calling its HTTP API).
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
