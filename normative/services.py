"""Writes of normative documents: registration (统一登记), evaluation reports, filing (备案),
clean-up campaigns (清理) and the amendment link. Issue and publication are the process's
transitions (normative.process), fired through cases.engine. Each write is checked whole and
done in one transaction or not at all."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.attachments import attachment_add
from cases.calendar import get_calendar
from cases.models import Channel
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind
from core.regions import ancestor_codes, jurisdiction_prefix, within
from core.roles import Role
from core.validators import length_errors
from normative.choices import CleanupDecision, DocumentKind
from normative.models import (
    CleanupCampaign,
    CleanupItem,
    EvaluationReport,
    FilingCase,
    NormativeDocument,
)
from normative.process import S, filing_days
from normative.validity import in_force_q

ADD = "normative.add_normativedocument"


def _acts_for(actor, body: Organization, perm: str) -> bool:
    """The actor is a handler of `body`, or holds `perm` over its region."""
    for m in actor.active_memberships():
        if m.role == Role.AGENCY_HANDLER and m.organization_id == body.pk:
            return True
    return any(body.region_id.startswith(p) for p in actor.jurisdictions(perm))


def registrars(body: Organization):
    """The justice bureaus that register the documents of `body`: its region's or above."""
    codes = [body.region_id, *ancestor_codes(body.region_id)]
    return Organization.objects.filter(
        kind=OrganizationKind.JUSTICE_BUREAU, is_active=True, region_id__in=codes
    ).order_by("-region_id")


def document_register(
    *, actor, issuing_body: Organization | None, data: dict[str, Any],
    on_date: datetime.date | None = None,
) -> NormativeDocument:  # fmt: skip
    """Register a normative document (统一登记, §B.4 ❓): its issuing body (an agency or a
    people's government), kind (政府 / 部门), title and full text. The registration number is
    the case number, issued by the nearest justice bureau above the body."""
    if actor is None or not actor.can(ADD):
        raise PermissionDenied(_("You may not register normative documents."))
    errors: dict[str, list[str]] = {}
    cleaned = {k: str(data.get(k) or "").strip() for k in ("title", "full_text")}
    errors.update(length_errors(NormativeDocument, cleaned))
    if not cleaned["title"]:
        errors["title"] = [_("Give the title of the document.")]
    kind = data.get("kind") or ""
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose the kind: government or department document.")]
    bureau = None
    if issuing_body is None or issuing_body.kind != OrganizationKind.AGENCY:
        errors["issuing_body"] = [_("Choose the issuing body (an agency or a government).")]
    else:
        bureau = registrars(issuing_body).first()
        if bureau is None:
            errors["issuing_body"] = [_("No justice bureau registers the documents of this "
                                        "body.")]  # fmt: skip
        elif not _acts_for(actor, issuing_body, ADD):
            raise PermissionDenied(_("You may not register documents of this body."))
    InvalidInput.raise_for(errors)
    on_date = on_date or timezone.localdate()
    with acting(actor), transaction.atomic():
        document = NormativeDocument(
            **cleaned, kind=kind, issuing_body=issuing_body, organization=bureau,
            region_code=issuing_body.region_id, channel=Channel.ONLINE,
        )  # fmt: skip
        engine.open_case(document, actor=actor, data={"title": document.title}, on_date=on_date)
    return document


def evaluation_add(*, actor, document: NormativeDocument, upload, conclusion: str = "",
                   on_date: datetime.date | None = None) -> EvaluationReport:  # fmt: skip
    """Attach a post-evaluation report (后评估, §B.8) to a document."""
    if not engine.holds_over(actor, document, "normative.change_normativedocument"):
        raise PermissionDenied(_("You may not attach reports to this document."))
    if not upload:
        raise InvalidInput(_("Choose the report file."),
                           fields={"file": [_("Choose the report file.")]})  # fmt: skip
    on_date = on_date or timezone.localdate()
    with acting(actor), transaction.atomic():
        attachment = attachment_add(case=document, actor=actor, upload=upload,
                                    description=_("Evaluation report"))  # fmt: skip
        return EvaluationReport.objects.create(
            document=document, attachment=attachment, evaluated_on=on_date,
            conclusion=conclusion.strip(),
        )  # fmt: skip


def amendment_link(*, actor, document: NormativeDocument, amending: NormativeDocument):
    """Record that `amending` (a published document) amends `document`: from the day it takes
    effect, `document` shows 已修改 with the link."""
    if not engine.holds_over(actor, document, "normative.change_normativedocument"):
        raise PermissionDenied(_("You may not change this document."))
    if amending.pk == document.pk or amending.effective_from is None:
        raise InvalidInput(_("Choose a published amending document."),
                           fields={"amended_by": [_("Choose a published amending document.")]})  # fmt: skip
    with acting(actor), transaction.atomic():
        document.amended_by = amending
        document.amended_on = amending.effective_from
        document.save(update_fields=["amended_by", "amended_on", "updated_at"])
    return document


# -- filing (备案) ------------------------------------------------------------------------------


def filing_due(published_on: datetime.date) -> datetime.date:
    """The last day to file: FAZHI_NORMATIVE_FILING_DAYS (30 ❓) calendar days from publication,
    the day of publication not counted, a last day that is a statutory holiday moved to the next
    working day (statutes-lines §0 counting rules, MS Art. 85)."""
    return get_calendar().add_days(published_on, filing_days()).date


def filing_submit(*, actor, document: NormativeDocument,
                  on_date: datetime.date | None = None) -> FilingCase:  # fmt: skip
    """File a published document with the bureau (备案, §B.6 ❓): a filing case on the engine,
    flagged late when filed after the due day. The filing day is neither in the future nor
    before the publication day."""
    if actor is None or not _acts_for(actor, document.issuing_body, "normative.add_filingcase"):
        raise PermissionDenied(_("You may not file documents of this body."))
    if document.state != S.PUBLISHED:
        raise InvalidInput(_("Only a published document is filed."),
                           fields={"document": [_("Only a published document is filed.")]})  # fmt: skip
    if document.filings.exists():
        raise InvalidInput(_("This document is already filed."),
                           fields={"document": [_("This document is already filed.")]})  # fmt: skip
    today = timezone.localdate()
    on_date = on_date or today
    if on_date > today:
        message = _("The filing date cannot be in the future.")
        raise InvalidInput(message, fields={"on_date": [message]})
    if on_date < document.published_on:
        message = _("The filing date cannot be before the publication date (%(day)s).") % {
            "day": document.published_on.isoformat()
        }
        raise InvalidInput(message, fields={"on_date": [message]})
    due = filing_due(document.published_on)
    with acting(actor), transaction.atomic():
        filing = FilingCase(
            document=document, issuing_body=document.issuing_body,
            organization=document.organization, region_code=document.region_code,
            filed_on=on_date, filing_due=due, late=on_date > due, channel=Channel.ONLINE,
        )  # fmt: skip
        if on_date != timezone.localdate():
            filing.received_at = timezone.make_aware(
                datetime.datetime.combine(on_date, datetime.time(9, 0))
            )
        engine.open_case(filing, actor=actor, data={"document": document.number},
                         on_date=on_date)  # fmt: skip
    return filing


# -- clean-ups (清理) ---------------------------------------------------------------------------


def campaign_open(*, actor, organization: Organization, title: str,
                  effective_on: datetime.date | None,
                  on_date: datetime.date | None = None) -> CleanupCampaign:  # fmt: skip
    """Open a clean-up (§B.9 ❓): every document in force in the bureau's jurisdiction on the
    opening day is listed, each awaiting its owner's decision."""
    if actor is None or not any(
        organization.region_id.startswith(p)
        for p in actor.jurisdictions("normative.add_cleanupcampaign")
    ):
        raise PermissionDenied(_("You may not open clean-ups for this bureau."))
    on_date = on_date or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the title of the clean-up.")]
    if effective_on is None:
        errors["effective_on"] = [_("Give the day the decisions take effect.")]
    elif effective_on < on_date:
        errors["effective_on"] = [_("The decisions cannot take effect before the clean-up "
                                    "opens.")]  # fmt: skip
    InvalidInput.raise_for(errors)
    prefix = jurisdiction_prefix(organization.region_id)
    with acting(actor), transaction.atomic():
        campaign = CleanupCampaign.objects.create(
            organization=organization, region_code=organization.region_id, title=title.strip(),
            opened_on=on_date, effective_on=effective_on,
        )  # fmt: skip
        rows = NormativeDocument.objects.filter(in_force_q(on_date), within("region_code", prefix))
        CleanupItem.objects.bulk_create(
            CleanupItem(campaign=campaign, document=d, region_code=d.region_code) for d in rows
        )
    return campaign


def item_decide(*, actor, campaign: CleanupCampaign, document, decision: str,
                reasons: str = "", on_date: datetime.date | None = None) -> CleanupItem:  # fmt: skip
    """The owner's decision on one document of a campaign (保留 / 修改 / 废止 / 宣布失效). A
    document outside the campaign is refused, naming the field, and nothing is written."""
    errors: dict[str, list[str]] = {}
    item = None
    if document is not None:
        item = (
            campaign.items.select_related("document__issuing_body")
            .filter(document_id=getattr(document, "pk", document))
            .first()
        )
    if item is None:
        errors["document"] = [_("This document is not in the clean-up “%(campaign)s”.")
                              % {"campaign": campaign.title}]  # fmt: skip
    if decision not in CleanupDecision.values:
        errors["decision"] = [_("Choose keep, amend, repeal or declare expired.")]
    elif decision != CleanupDecision.KEEP and not (reasons or "").strip():
        errors["reasons"] = [_("Give the reasons for the decision.")]
    if campaign.confirmed_on:
        errors["campaign"] = [_("The clean-up is confirmed; its decisions are final.")]
    InvalidInput.raise_for(errors)
    if actor is None or not _acts_for(actor, item.document.issuing_body,
                                      "normative.change_cleanupitem"):  # fmt: skip
        raise PermissionDenied(_("You may not decide on this document."))
    with acting(actor), transaction.atomic():
        item.decision = decision
        item.reasons = (reasons or "").strip()
        item.decided_on = on_date or timezone.localdate()
        item.decided_by = actor
        item.save(update_fields=["decision", "reasons", "decided_on", "decided_by"])
    return item


def campaign_confirm(*, actor, campaign: CleanupCampaign,
                     on_date: datetime.date | None = None) -> CleanupCampaign:  # fmt: skip
    """The bureau confirms the campaign: each repeal and declared expiry is dated on the
    campaign's effective day, so the library shows the new statuses from that day, read from
    the dates (normative.validity.status_on), with nothing to run on the day."""
    if actor is None or not any(
        campaign.organization.region_id.startswith(p)
        for p in actor.jurisdictions("normative.change_cleanupcampaign")
    ):
        raise PermissionDenied(_("You may not confirm this clean-up."))
    if campaign.confirmed_on:
        raise InvalidInput(_("The clean-up is already confirmed."))
    undecided = campaign.items.filter(decision="").count()
    if undecided:
        message = _("%(n)s documents still await a decision.") % {"n": undecided}
        raise InvalidInput(message, fields={"items": [message]})
    with acting(actor), transaction.atomic():
        for item in campaign.items.select_related("document"):
            document = item.document
            # An earlier campaign's repeal or declaration stands: a later one never moves it
            # (the library's history does not change).
            if item.decision == CleanupDecision.REPEAL:
                if document.repealed_on is None or document.repealed_on > campaign.effective_on:
                    document.repealed_on = campaign.effective_on
                    document.save(update_fields=["repealed_on", "updated_at"])
            elif item.decision == CleanupDecision.DECLARE_EXPIRED:
                day = document.declared_expired_on
                if day is None or day > campaign.effective_on:
                    document.declared_expired_on = campaign.effective_on
                    document.save(update_fields=["declared_expired_on", "updated_at"])
        campaign.confirmed_on = on_date or timezone.localdate()
        campaign.confirmed_by = actor
        campaign.save(update_fields=["confirmed_on", "confirmed_by"])
    return campaign
