"""The public look-up of an enforcement certificate (执法证件查询) on the portal, no login: a
citizen facing an officer checks the number on the certificate shown (CF Art. 55 ✅: the party
may refuse an officer who shows none). The answer says whether the certificate is valid today,
and if not, why (suspended, cancelled, revoked, expired, or no such number), with the body and
the officer's name, never the ID number. Look-ups are rate-limited per address
(FAZHI_ENFORCEMENT_LOOKUP_PER_ADDRESS an hour) so that numbers cannot be harvested."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enforcement.choices import CertificateStatus
from enforcement.forms import LookupForm
from enforcement.selectors import public_certificate
from portal.registry import Service, register_service
from portal.security import client_ip, rate_limited


def lookup(request):
    form = LookupForm(request.GET or None)
    answer = None
    if form.is_bound and form.is_valid():
        if rate_limited("enforcement-certificate", client_ip(request),
                        limit=settings.FAZHI_ENFORCEMENT_LOOKUP_PER_ADDRESS, window=3600):  # fmt: skip
            form.add_error(None, _("Too many attempts. Please try again in an hour."))
        else:
            answer = answer_for(form.cleaned_data["number"])
    return render(request, "enforcement/lookup.html",
                  {"form": form, "answer": answer, "title": _("Enforcement certificate look-up")})  # fmt: skip


def answer_for(number: str) -> dict:
    """What the public is told about `number` today: found or not, valid or not, the status,
    the body, the officer's name and the last valid day. Nothing else of the certificate."""
    day = timezone.localdate()
    certificate = public_certificate(number)
    if certificate is None or certificate.issued_on > day:
        return {"found": False, "valid": False, "status": "unknown",
                "status_label": _("No certificate with this number"), "number": number}  # fmt: skip
    status = certificate.status_on(day)
    return {
        "found": True,
        "valid": status == CertificateStatus.VALID,
        "status": str(status),
        "status_label": CertificateStatus(status).label,
        "number": certificate.number,
        "body": certificate.body.name,
        "name": certificate.officer.name,
        "valid_until": certificate.valid_until,
    }


register_service(
    Service(
        key="enforcement_certificate",
        title=gettext_lazy("Enforcement certificate look-up"),
        description=gettext_lazy(
            "Check whether an enforcement officer's certificate is valid, by its number."
        ),
        url_name="enforcement:certificate_lookup",
        order=75,
    )
)
