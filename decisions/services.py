"""Writes of major administrative decisions: starting a decision (its registration on the case
engine), the evidence of its steps, the public's comments and their answers, and the yearly
catalogue. The steps after the start are the process's transitions (decisions.process), fired
through cases.engine."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.attachments import attachment_add, clean_file_name, validate_size, validate_type
from cases.models import Channel
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind
from core.regions import ancestor_codes, jurisdiction_prefix
from core.roles import Role
from core.validators import length_errors
from decisions.choices import Answer, MatterKind, Step
from decisions.models import (
    Catalogue,
    CatalogueAdjustment,
    CatalogueItem,
    Comment,
    Evidence,
    MajorDecision,
)
from decisions.process import comment_open_on

ADD = "decisions.add_majordecision"
CHANGE = "decisions.change_majordecision"
CATALOGUE = "decisions.change_catalogue"


def _own_agencies(actor) -> set[int]:
    return {m.organization_id for m in actor.active_memberships()
            if m.role == Role.AGENCY_HANDLER}  # fmt: skip


def may_act_for(actor, decision_maker: Organization, perm: str) -> bool:
    """Section staff over the decision-maker's region, or a handler of the decision-maker."""
    if actor is None or not actor.can(perm):
        return False
    if decision_maker.pk in _own_agencies(actor):
        return True
    return any(decision_maker.region_id.startswith(p) for p in actor.jurisdictions(perm))


def following_bureau(decision_maker: Organization) -> Organization | None:
    """The justice bureau that follows the decisions of `decision_maker`: the nearest one at
    its region or above."""
    codes = [decision_maker.region_id, *ancestor_codes(decision_maker.region_id)]
    bureaus = {
        b.region_id: b
        for b in Organization.objects.filter(
            kind=OrganizationKind.JUSTICE_BUREAU, is_active=True, region_id__in=codes
        )
    }
    return next((bureaus[c] for c in codes if c in bureaus), None)


def _agency(value, key, errors, message) -> Organization | None:
    if not isinstance(value, Organization) or value.kind != OrganizationKind.AGENCY:
        errors[key] = [message]
        return None
    return value


def decision_start(
    *,
    actor,
    data: dict[str, Any],
    on_date: datetime.date | None = None,
) -> MajorDecision:
    """Start a major decision (DEC Arts. 10–11): the decision-maker decides to start it and
    names the lead unit (承办单位); the triggers of expert argumentation (Art. 19) and risk
    assessment (Art. 22) are set now and may be changed later (`set_triggers`). Everything is
    checked first; nothing is written on an error."""
    errors: dict[str, list[str]] = {}
    maker = _agency(data.get("decision_maker"), "decision_maker", errors,
                    _("Choose the decision-maker (a government or department)."))  # fmt: skip
    lead = _agency(data.get("lead_unit"), "lead_unit", errors,
                   _("Name the lead unit (承办单位)."))  # fmt: skip
    if (
        lead is not None
        and maker is not None
        and not lead.region_id.startswith(jurisdiction_prefix(maker.region_id))
    ):
        errors["lead_unit"] = [_("The lead unit must be within the decision-maker's region.")]
    title = str(data.get("title") or "").strip()
    summary = str(data.get("summary") or "").strip()
    if not title:
        errors["title"] = [_("Give the matter to be decided.")]
    errors.update(length_errors(MajorDecision, {"title": title}))
    kind = data.get("matter_kind") or ""
    if kind not in MatterKind.values:
        errors["matter_kind"] = [_("Choose the kind of matter (Art. 3).")]
    item = data.get("catalogue_item")
    if item is not None and maker is not None and item.catalogue.decision_maker_id != maker.pk:
        errors["catalogue_item"] = [_("That item is in another decision-maker's catalogue.")]
    bureau = following_bureau(maker) if maker is not None else None
    if maker is not None and bureau is None:
        errors["decision_maker"] = [_("No justice bureau follows this decision-maker.")]
    if maker is not None and not may_act_for(actor, maker, ADD):
        raise PermissionDenied(_("You may not start decisions of this decision-maker."))
    InvalidInput.raise_for(errors)
    today = timezone.localdate()
    on_date = on_date or today
    if on_date > today:
        message = _("The date cannot be in the future.")
        raise InvalidInput(message, fields={"started_on": [message]})
    with acting(actor), transaction.atomic():
        decision = MajorDecision(
            title=title,
            summary=summary,
            matter_kind=kind,
            decision_maker=maker,
            lead_unit=lead,
            catalogue_item=item,
            started_on=on_date,
            expert_triggered=bool(data.get("expert_triggered")),
            risk_triggered=bool(data.get("risk_triggered")),
            organization=bureau,
            region_code=maker.region_id,
            channel=Channel.ONLINE,
        )
        if on_date != today:
            decision.received_at = timezone.make_aware(
                datetime.datetime.combine(on_date, datetime.time(9, 0))
            )
        engine.open_case(decision, actor=actor, data={"title": title, "kind": kind},
                         on_date=on_date)  # fmt: skip
    return decision


def evidence_add(*, decision: MajorDecision, actor, step: str, upload) -> Evidence:
    """Attach a file proving a step (the report, the signed opinions, the minutes...), in the
    decision's current round of the procedure (DEC Art. 37)."""
    if not engine.holds_over(actor, decision, CHANGE):
        raise PermissionDenied(_("You may not add evidence to this decision."))
    errors: dict[str, list[str]] = {}
    if step not in Step.values:
        errors["step"] = [_("Choose the step the file belongs to.")]
    if not upload:
        errors["file"] = [_("Choose a file.")]
    else:
        try:
            name = clean_file_name(getattr(upload, "name", ""))
            validate_size(name, upload.size)
            validate_type(upload, name)
        except InvalidInput as exc:
            errors["file"] = [exc.message]
    InvalidInput.raise_for(errors)
    stored = None
    try:
        with acting(actor), transaction.atomic():
            attachment = attachment_add(case=decision, actor=actor, upload=upload,
                                        description=str(Step(step).label))  # fmt: skip
            stored = attachment.file
            return Evidence.objects.create(
                decision=decision, step=step, attachment=attachment,
                added_on=timezone.localdate(), round=decision.round,
            )  # fmt: skip
    except BaseException:
        if stored is not None:
            stored.storage.delete(stored.name)
        raise


# -- the public's comments ------------------------------------------------------------------


def comment_closed_reason(decision: MajorDecision, today) -> str:
    """Why no comment may be sent on `decision` today, or "" while its period is open."""
    if comment_open_on(decision, today):
        return ""
    closes = decision.comment_closes_on
    if closes is not None and today > closes:
        return _("Comment: the comment period closed on %(day)s; comments are no longer "
                 "accepted.") % {"day": closes.isoformat()}  # fmt: skip
    return _("Comment: this draft is not open for comment.")


def comment_submit(*, decision: MajorDecision, name: str, phone: str, body: str) -> Comment:
    """A comment of the public on a draft (DEC Art. 15), on the day it is received. After the
    comment period closes it is refused, naming the field, and nothing is written. The phone
    was verified by a one-time SMS code (the portal's view); the name may be left out."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    body = (body or "").strip()
    name = (name or "").strip()
    if not body:
        errors["body"] = [_("Write your comment.")]
    elif len(body) > 3000:
        errors["body"] = [_("A comment is limited to 3,000 characters.")]
    if len(name) > 64:
        errors["name"] = [_("The name is limited to 64 characters.")]
    closed = comment_closed_reason(decision, today)
    if closed:
        errors = {"body": [closed]}
    InvalidInput.raise_for(errors)
    with transaction.atomic():
        locked = MajorDecision.objects.select_for_update().get(pk=decision.pk)
        last = locked.comments.aggregate(n=Max("number"))["n"] or 0
        return Comment.objects.create(
            decision=locked, region_code=locked.region_code, number=last + 1, name=name,
            phone=phone, body=body, received_on=today, round=locked.round,
        )  # fmt: skip


def comment_answer(*, comment: Comment, actor, answer: str, reasons: str = "") -> Comment:
    """Answer a comment: adopted, or not adopted with the reasons (DEC Art. 18). Answers may be
    changed until the handling of the comments is published; a comment of an earlier round
    of the procedure (before a major adjustment, Art. 37) keeps the answer it was given."""
    decision = comment.decision
    if not engine.holds_over(actor, decision, CHANGE):
        raise PermissionDenied(_("You may not answer the comments on this decision."))
    errors: dict[str, list[str]] = {}
    reasons = (reasons or "").strip()
    if answer not in Answer.values:
        errors["answer"] = [_("Choose adopted or not adopted.")]
    elif answer == Answer.NOT_ADOPTED and not reasons:
        errors["reasons"] = [_("The comment is not adopted: give the reasons.")]
    if decision.answers_published_on is not None:
        errors["answer"] = [_("The handling of the comments is already published.")]
    elif comment.round != decision.round:
        errors["answer"] = [_("This comment was made on the draft before the major adjustment; "
                              "its handling was published then.")]  # fmt: skip
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        comment.answer = answer
        comment.reasons = reasons
        comment.answered_on = timezone.localdate()
        comment.save(update_fields=["answer", "reasons", "answered_on"])
    return comment


# -- the catalogue --------------------------------------------------------------------------


def _catalogue_guard(actor, maker: Organization) -> None:
    if not may_act_for(actor, maker, CATALOGUE):
        raise PermissionDenied(_("You may not keep this decision-maker's catalogue."))


def _date(value, key, errors, *, required=True) -> datetime.date | None:
    if value in (None, ""):
        if required:
            errors[key] = [_("Give the date.")]
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors[key] = [_("Enter a valid date.")]
        return None


def _items(rows, errors) -> list[dict]:
    out = []
    for index, row in enumerate(rows or []):
        title = str(row.get("title") or "").strip()
        kind = row.get("matter_kind") or ""
        if not title:
            errors[f"items-{index}-title"] = [_("Give the matter.")]
        elif len(title) > 200:
            errors[f"items-{index}-title"] = [_("At most 200 characters.")]
        if kind not in MatterKind.values:
            errors[f"items-{index}-matter_kind"] = [_("Choose the kind of matter (Art. 3).")]
        out.append({"title": title, "matter_kind": kind, "lead_unit": row.get("lead_unit"),
                    "planned": str(row.get("planned") or "").strip()[:64]})  # fmt: skip
    return out


def catalogue_create(*, actor, decision_maker: Organization, year: int,
                     items: list[dict], note: str = "") -> Catalogue:  # fmt: skip
    """Draw up a decision-maker's catalogue for a year (DEC Art. 3 ¶3), not yet approved."""
    errors: dict[str, list[str]] = {}
    if not isinstance(decision_maker, Organization) or (
        decision_maker.kind != OrganizationKind.AGENCY
    ):
        raise InvalidInput(_("Choose the decision-maker (a government or department)."),
                           fields={"decision_maker": [_("Choose the decision-maker.")]})  # fmt: skip
    _catalogue_guard(actor, decision_maker)
    if Catalogue.objects.filter(decision_maker=decision_maker, year=year).exists():
        errors["year"] = [_("This decision-maker already has a catalogue for %(year)s.")
                          % {"year": year}]  # fmt: skip
    rows = _items(items, errors)
    if not rows:
        errors["items"] = [_("A catalogue lists at least one matter.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        catalogue = Catalogue.objects.create(
            decision_maker=decision_maker, region_code=decision_maker.region_id, year=year,
            note=note,
        )  # fmt: skip
        for number, row in enumerate(rows, start=1):
            CatalogueItem.objects.create(catalogue=catalogue, region_code=catalogue.region_code,
                                         number=number, **row)  # fmt: skip
    return catalogue


def catalogue_publish(*, actor, catalogue: Catalogue, party_approved_on, published_on) -> Catalogue:
    """Publish a catalogue once the same-level Party committee has approved it (DEC Art. 3
    ¶3): the approval date is required and cannot follow the publication."""
    _catalogue_guard(actor, catalogue.decision_maker)
    errors: dict[str, list[str]] = {}
    approved = _date(party_approved_on, "party_approved_on", errors)
    published = _date(published_on, "published_on", errors)
    if catalogue.published_on is not None:
        errors["published_on"] = [_("The catalogue is already published; adjust it instead.")]
    if approved and published and published < approved:
        errors["published_on"] = [_("A catalogue is published after the Party committee "
                                    "approves it.")]  # fmt: skip
    if published and published > timezone.localdate():
        errors["published_on"] = [_("The date cannot be in the future.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        catalogue.party_approved_on, catalogue.published_on = approved, published
        catalogue.save(update_fields=["party_approved_on", "published_on"])
    return catalogue


def catalogue_adjust(*, actor, catalogue: Catalogue, party_approved_on, published_on,
                     reason: str, add: list[dict] = (), remove: list[int] = ()) -> CatalogueAdjustment:  # fmt: skip
    """Adjust a published catalogue (DEC Art. 3 ¶3: approved and published the same way):
    matters added and matters removed (kept in the record, marked removed)."""
    _catalogue_guard(actor, catalogue.decision_maker)
    errors: dict[str, list[str]] = {}
    if catalogue.published_on is None:
        errors["published_on"] = [_("The catalogue is not published yet; change it directly.")]
    approved = _date(party_approved_on, "party_approved_on", errors)
    published = _date(published_on, "published_on", errors)
    if approved and published and published < approved:
        errors["published_on"] = [_("An adjustment is published after the Party committee "
                                    "approves it.")]  # fmt: skip
    elif published and published > timezone.localdate():
        errors["published_on"] = [_("The date cannot be in the future.")]
    elif published and catalogue.published_on and published < catalogue.published_on:
        errors["published_on"] = [_("An adjustment is published after the catalogue "
                                    "(%(day)s).") % {"day": catalogue.published_on.isoformat()}]  # fmt: skip
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Give the reasons for the adjustment.")]
    rows = _items(add, errors)
    removing = list(catalogue.items.filter(number__in=list(remove), removed_by__isnull=True))
    if len(removing) != len(set(remove)):
        errors["remove"] = [_("Only current items of this catalogue can be removed.")]
    if not rows and not removing:
        errors["items"] = [_("An adjustment adds or removes at least one matter.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        adjustment = CatalogueAdjustment.objects.create(
            catalogue=catalogue, party_approved_on=approved, published_on=published,
            reason=reason,
        )  # fmt: skip
        last = catalogue.items.aggregate(n=Max("number"))["n"] or 0
        for number, row in enumerate(rows, start=last + 1):
            CatalogueItem.objects.create(catalogue=catalogue, region_code=catalogue.region_code,
                                         number=number, added_by=adjustment, **row)  # fmt: skip
        for item in removing:
            item.removed_by = adjustment
            item.save(update_fields=["removed_by"])
    return adjustment
