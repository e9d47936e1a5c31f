"""System checks of the normative documents' settings: each unified-number format in
FAZHI_NORMATIVE_NUMBER_FORMATS must be a regular expression with the groups prefix, year and
seq (normative/validity.py), found at start-up rather than when a document is issued."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import Error, register

GROUPS = {"prefix", "year", "seq"}


@register()
def number_formats(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    for region, pattern in (getattr(settings, "FAZHI_NORMATIVE_NUMBER_FORMATS", {}) or {}).items():
        try:
            missing = GROUPS - set(re.compile(pattern).groupindex)
        except re.error as exc:
            errors.append(Error(f"FAZHI_NORMATIVE_NUMBER_FORMATS[{region}]: {exc}",
                                id="normative.E001"))  # fmt: skip
            continue
        if missing:
            errors.append(Error(
                f"FAZHI_NORMATIVE_NUMBER_FORMATS[{region}]: the pattern lacks the named "
                f"group(s) {', '.join(sorted(missing))}",
                id="normative.E002",
            ))  # fmt: skip
    return errors
