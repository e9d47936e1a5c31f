"""The public record of penalties on the portal (行政处罚信息公开): the penalties decided on
lawyers and law firms (律师法 Arts. 47–50), notaries and notary offices (公证法 Arts. 41–42),
forensic appraisers and institutions (the GD‑SJ rules) — who was penalised, the institution
of a person penalised, the article, the
measures, the decision's number and day, and its public summary. Only decided penalties
(a Penalty exists only once a complaint's decision records it; a pending complaint, one not
accepted or one dismissed has none), never the complaint, its facts or its complainant. No
login."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.registry import Service, register_service
from profession import selectors


def penalties(request):
    district = (request.GET.get("district") or "").strip()
    if not (district.isdigit() and len(district) in (4, 6)):
        district = ""
    page = Paginator(selectors.public_penalties(district or None), 50).get_page(
        request.GET.get("page"))  # fmt: skip
    return render(request, "profession/public_penalties.html", {
        "page": page, "district": district, "title": _("Penalties on legal-service practitioners"),
    })  # fmt: skip


register_service(
    Service(
        key="profession_penalties",
        title=gettext_lazy("Penalties on legal-service practitioners"),
        description=gettext_lazy(
            "The administrative penalties decided on lawyers, law firms, notaries, notary "
            "offices, forensic appraisers and institutions: who, the measures, the decision "
            "and its grounds."
        ),
        url_name="profession:public_penalties",
        order=64,
    )
)
