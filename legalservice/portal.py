"""The service network on the public portal (SD‑GF Art. 38: service information published): the
active centres, stations and offices by district and street, with address, hours, telephone
and services — a list drawn from Fazhi's own data, no external map tiles. No login; nothing of
the service records is shown."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from legalservice import selectors
from portal.registry import Service, register_service


def points(request):
    district = (request.GET.get("district") or "").strip()
    if not (district.isdigit() and len(district) in (6, 12)):
        district = ""
    return render(request, "legalservice/public_points.html", {
        "groups": selectors.public_points(district or None),
        "districts": selectors.public_districts(),
        "district": district.ljust(12, "0") if district else "",
        "title": _("Public legal service points"),
    })  # fmt: skip


register_service(
    Service(
        key="legalservice_points",
        title=gettext_lazy("Find a public legal service point"),
        description=gettext_lazy(
            "Centres, stations and offices near you, by district and street: address, opening "
            "hours, telephone and the services each offers. Free legal advice also on the "
            "12348 hotline."
        ),
        url_name="legalservice:public_points",
        order=60,
    )
)

register_service(
    Service(
        key="legalservice_fees",
        title=gettext_lazy("Litigation fee calculator"),
        description=gettext_lazy(
            "What a lawsuit or an application to the court costs, under the Measures on the "
            "Payment of Litigation Costs, with the working shown."
        ),
        url_name="legalservice:public_fees",
        order=61,
    )
)
