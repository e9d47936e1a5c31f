"""A picture challenge (图形验证码) that the public forms show only while the site as a whole
receives more submissions than usual (issue 10, "Limits that hold").

The per-address and per-phone limits stop one sender; a flood from many addresses passes them.
So every accepted submission of a kind is also counted site-wide for the hour, and once the
count reaches the ceiling (FAZHI_PORTAL_<KIND>_CEILING) the form asks for the answer to a small
sum drawn in a picture (django-simple-captcha; the challenges are kept in the database). Below
the ceiling citizens see no challenge at all.
"""

from __future__ import annotations

from captcha.fields import CaptchaField, CaptchaTextInput
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.limits import hit, hits

WINDOW = 3600


class ChallengeInput(CaptchaTextInput):
    """The package's widget, its picture described in the user's language (its own says
    "captcha" in English), the answer asking for the number keypad."""

    template_name = "core/widgets/captcha.html"


def _ceiling(kind: str) -> int:
    return getattr(settings, f"FAZHI_PORTAL_{kind.upper()}_CEILING")


def challenge_active(kind: str) -> bool:
    """True while the submissions of `kind` in the current hour have reached the ceiling."""
    return hits("ceiling", kind) >= _ceiling(kind)


def count_submission(kind: str) -> None:
    hit("ceiling", kind, WINDOW)


def add_challenge(form) -> None:
    """Give `form` the challenge field (call when challenge_active)."""
    form.fields["captcha"] = CaptchaField(
        widget=ChallengeInput(attrs={"inputmode": "numeric"}),
        label=_("Verification: the result in the picture"),
        help_text=_(
            "Many requests are arriving at the moment; to tell people from programs, type the "
            "result of the sum shown in the picture."
        ),
        error_messages={"invalid": _("The result is not right; here is a new picture.")},
    )
