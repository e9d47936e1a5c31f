"""Writes of complaints about enforcement (投诉举报) and their dispatches (交办).

- `complaint_register`: a complaint filed on the portal (tracking code, the phone proven by a
  one-time SMS code in enforcement.complaint_portal) or entered by the bureau's staff
  (telephone, letter, a 12345 hotline referral, the window). The whole input is checked first;
  a refusal names the field in Chinese and writes nothing.
- The complaint's and the dispatches' steps go through the engine (cases.engine.fire) along
  enforcement.complaint_process; the effects of those steps call the helpers below, inside the
  engine's transaction: `dispatches_open` (one Dispatch case per body, with its first round),
  `round_reply`, `round_accept`, `round_send_back` (the reply rounds, DispatchRound).
- The body's handlers are told of a dispatch and of a send-back, the complaint's handler of a
  reply (the engine tells the dispatch's assignee), after the commit.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.models import Channel, Clock
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind, PartyKind
from core.regions import jurisdiction_prefix
from core.validators import length_errors, validate_phone
from enforcement.complaint_choices import Verdict
from enforcement.complaint_models import Complaint, Dispatch, DispatchRound
from enforcement.models import EnforcementBody
from enforcement.validity import body_stands_on

#: The channels a complaint arrives by (cases.models.Channel): the portal's own, and those staff
#: enter (a call, a letter, a referral from the 12345 hotline or another body, the window).
STAFF_CHANNELS = (Channel.PHONE, Channel.POST, Channel.REFERRAL, Channel.WINDOW)
CHANNELS = (Channel.ONLINE, *STAFF_CHANNELS)
FACTS_MAX = 5000


def _label(name: str) -> str:
    from django.core.exceptions import FieldDoesNotExist

    try:
        return str(Complaint._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return {"received_on": _("received on")}.get(name, name)


class Errors(dict):
    """Reasons by field, each field with its label, so that the message of the InvalidInput
    names the field (“投诉人：请填写投诉人姓名。”) while the form shows the reason beside it."""

    def __init__(self):
        super().__init__()
        self.labels: dict[str, str] = {}

    def raise_if_any(self) -> None:
        if self:
            name, reasons = next(iter(self.items()))
            label = self.labels.get(name) or _label(name)
            raise InvalidInput(f"{label}：{reasons[0]}", fields=dict(self))


def _say(errors: Errors, name: str, reason: str, label: str | None = None) -> None:
    errors.setdefault(name, []).append(str(reason))
    if label:
        errors.labels[name] = str(label)


def _date(value, name: str, errors: dict, *, required: bool) -> datetime.date | None:
    if value in (None, ""):
        if required:
            _say(errors, name, _("Give the date."))
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        _say(errors, name, _("Enter a valid date (YYYY-MM-DD)."))
        return None


def bureaus():
    """The justice bureaus that take complaints (active ones)."""
    return Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, is_active=True)


def complaint_clean(*, organization, data: dict[str, Any], online: bool) -> dict[str, Any]:
    """The complaint's fields, checked; InvalidInput naming every wrong field, nothing written.
    `online`: filed on the portal (a mobile phone is required, the channel is online)."""
    errors = Errors()
    today = timezone.localdate()
    text = {k: str(data.get(k) or "").strip() for k in (
        "complainant_name", "complainant_phone", "agency_named", "place", "facts",
        "referral_source", "referral_number")}  # fmt: skip
    if any("\x00" in v for v in text.values()):
        raise InvalidInput(_("Null characters are not allowed."))
    if not isinstance(organization, Organization) or organization.kind != (
        OrganizationKind.JUSTICE_BUREAU
    ):
        _say(errors, "organization", _("Choose the justice bureau that handles the complaint."),
             label=_("justice bureau"))  # fmt: skip
        organization = None
    kind = str(data.get("complainant_kind") or PartyKind.PERSON)
    if kind not in PartyKind.values:
        _say(errors, "complainant_kind", _("Choose a natural person or an organisation."))
    if not text["complainant_name"]:
        _say(errors, "complainant_name", _("Give the complainant's name."))
    phone = text["complainant_phone"]
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as exc:
            _say(errors, "complainant_phone", exc.messages[0])
        else:
            if online and not (len(phone) == 11 and phone.startswith("1")):
                _say(errors, "complainant_phone",
                     _("Give a mobile number: the verification code is sent by SMS."))  # fmt: skip
    elif online:
        _say(errors, "complainant_phone", _("Give a mobile number."))
    channel = Channel.ONLINE if online else str(data.get("channel") or "")
    if channel not in (CHANNELS if online else STAFF_CHANNELS):
        _say(errors, "channel", _("Choose how the complaint arrived."))
    if channel == Channel.REFERRAL and not text["referral_source"]:
        _say(errors, "referral_source", _("Name who referred the complaint (e.g. 12345)."))
    received_on = today if online else _date(data.get("received_on"), "received_on", errors,
                                              required=False) or today  # fmt: skip
    if received_on > today and "received_on" not in errors:
        _say(errors, "received_on", _("The date cannot be in the future."), label=_("received on"))
    happened_on = _date(data.get("happened_on"), "happened_on", errors, required=True)
    if happened_on and "happened_on" not in errors and happened_on > received_on:
        _say(errors, "happened_on", _("It cannot be after the complaint was received."))
    if not text["facts"]:
        _say(errors, "facts", _("Say what happened."))
    elif len(text["facts"]) > FACTS_MAX:
        _say(errors, "facts", _("At most %(max)s characters (this has %(count)s).")
             % {"max": FACTS_MAX, "count": len(text["facts"])})  # fmt: skip
    for name, messages in length_errors(Complaint, text).items():
        if name not in errors:
            for message in messages:
                _say(errors, name, message)
    body = data.get("body")
    if body not in (None, ""):
        if not isinstance(body, EnforcementBody):
            body = EnforcementBody.objects.filter(pk=body).first() if str(body).isdigit() else None
        if body is None:
            _say(errors, "body", _("No such enforcement body."))
        elif organization is not None and not body.region_code.startswith(
            jurisdiction_prefix(organization.region_id)
        ):
            _say(errors, "body", _("The body is outside the jurisdiction of %(bureau)s.")
                 % {"bureau": organization.name})  # fmt: skip
        elif not body_stands_on(body, received_on):
            _say(errors, "body", _("The body does not exist on %(day)s.")
                 % {"day": received_on.isoformat()})  # fmt: skip
    else:
        body = None
    errors.raise_if_any()
    return {
        "organization": organization, "complainant_kind": kind,
        "complainant_name": text["complainant_name"], "complainant_phone": phone,
        "body": body, "agency_named": "" if body else text["agency_named"],
        "happened_on": happened_on, "place": text["place"], "facts": text["facts"],
        "referral_source": text["referral_source"] if channel == Channel.REFERRAL else "",
        "referral_number": text["referral_number"] if channel == Channel.REFERRAL else "",
        "channel": channel, "received_on": received_on,
    }  # fmt: skip


def complaint_register(
    *, actor, organization, data: dict[str, Any], online: bool = False, upload=None
) -> Complaint:
    """Register a complaint about enforcement (SD-JD Art. 6 ✅, CQ-JD Art. 13 ¶3 ✅) with the
    justice bureau `organization`. On the portal (`online`) it gets a tracking code and its
    complainant a text with it; entered by staff it gets one when a mobile phone is given.
    `upload`: an optional file from the complainant, checked like every attachment."""
    from portal.security import new_tracking_code

    cleaned = complaint_clean(organization=organization, data=data, online=online)
    organization = cleaned.pop("organization")
    if not online:
        from enforcement.services import may

        if not may(actor, "enforcement.add_complaint", region_code=organization.region_id):
            raise PermissionDenied(_("You may not register complaints for this bureau."))
    attachment = _checked_upload(upload) if upload is not None else None
    received_on = cleaned.pop("received_on")
    phone = cleaned["complainant_phone"]
    mobile = len(phone) == 11 and phone.startswith("1")
    now = timezone.now()
    received_at = now
    if received_on != timezone.localdate(now):
        received_at = timezone.make_aware(
            datetime.datetime.combine(received_on, timezone.localtime(now).time())
        )
    stored = ""
    try:
        with acting(actor), transaction.atomic():
            complaint = Complaint(
                organization=organization, region_code=organization.region_id,
                received_at=received_at, tracking_code=new_tracking_code() if mobile else "",
                **cleaned,
            )  # fmt: skip
            engine.open_case(complaint, actor=actor if getattr(actor, "pk", None) else None,
                             on_date=received_on,
                             data={"channel": cleaned["channel"]})  # fmt: skip
            if attachment is not None:
                stored = _attach(complaint, *attachment)
            if online:  # the bureau hears of it, the complainant gets the tracking code
                from portal.online import announce_filing

                announce_filing(complaint, notify_bureau)
            elif complaint.tracking_code:  # entered by staff: only the complainant is texted
                from portal.services import applicant_notify_filed

                transaction.on_commit(lambda: applicant_notify_filed(complaint))
    except BaseException:
        if stored:
            from django.core.files.storage import default_storage

            default_storage.delete(stored)
        raise
    return complaint


def _checked_upload(upload) -> tuple:
    """(file, name, mime, size, sha256) of an acceptable upload; InvalidInput on the field
    "attachment" otherwise (cases.attachments' rules: content sniffed, size limited)."""
    from django.core.files import File

    from cases import files
    from cases.attachments import clean_file_name, validate_size, validate_type

    if not isinstance(upload, File):
        upload = File(upload, name=getattr(upload, "name", ""))
    name = clean_file_name(upload.name)
    try:
        validate_size(name, upload.size)
        mime, name = validate_type(upload, name)
        size, sha256 = files.digest(upload)
        validate_size(name, size)
    except InvalidInput as exc:
        raise InvalidInput(f"{_('attachment')}：{exc.message}",
                           fields={"attachment": [exc.message]}) from None  # fmt: skip
    return upload, name, mime, size, sha256


def _attach(complaint: Complaint, upload, name, mime, size, sha256) -> str:
    """The complainant's file on the complaint (cases.Attachment, uploaded by the public);
    returns the stored name, for the caller to remove if its transaction fails."""
    from cases.models import Attachment

    attachment = Attachment(**Attachment.ref(complaint), original_name=name, content_type=mime,
                            size=size, sha256=sha256, description=_("Sent with the complaint"))  # fmt: skip
    attachment.file.save(name, upload, save=False)
    stored = attachment.file.name
    try:
        attachment.save()
    except BaseException:
        attachment.file.storage.delete(stored)
        raise
    return stored


# -- notifications ---------------------------------------------------------------------------


def notify_bureau(case, *, kind: str, body: str = "") -> None:
    """Tell the bureau's section staff (or the complaint's handler) about something from the
    public: a complaint filed online, a message of its complainant."""
    from cases.notifications import notify_many
    from core.models import Membership
    from core.roles import Role

    title = {
        "online_request": _("New complaint about enforcement: %(number)s"),
        "applicant_message": _("Message from the complainant of %(number)s"),
    }.get(kind, "%(number)s") % {"number": case.number}
    if case.assignee_id:
        users = [case.assignee]
    else:
        users = [m.user for m in Membership.objects.filter(
            organization_id=case.organization_id, role=Role.SECTION_STAFF, is_active=True,
            user__is_active=True).select_related("user")]  # fmt: skip
    notify_many([(u, {"title": title, "body": body, "url": case.get_absolute_url()})
                 for u in users], kind=kind)  # fmt: skip


def _notify_body(dispatch: Dispatch, title: str) -> None:
    """Tell the active handlers of the dispatch's agency, after the commit."""
    from cases.notifications import notify_many
    from core.models import Membership
    from core.roles import Role

    def send():
        users = [m.user for m in Membership.objects.filter(
            organization_id=dispatch.agency_id, role=Role.AGENCY_HANDLER, is_active=True,
            user__is_active=True).select_related("user")]  # fmt: skip
        notify_many([(u, {"title": title, "body": dispatch.body.name,
                          "url": dispatch.get_absolute_url()}) for u in users],
                    kind="dispatch")  # fmt: skip

    transaction.on_commit(send)


# -- dispatches and their rounds (called by the process's effects, inside fire()) -------------


def dispatches_open(*, complaint: Complaint, body_ids, instructions: str, ctx) -> list[Dispatch]:
    """Dispatch the complaint to each body at once (交办): one Dispatch case per body, numbered
    after the complaint, handled by the complaint's handler (or the one dispatching), its reply
    clock started on the dispatch day, and its first round with that deadline."""
    from enforcement.complaint_selectors import bodies_for

    allowed = {b.pk: b for b in bodies_for(complaint, ctx.on_date)}
    wanted = [int(pk) for pk in dict.fromkeys(body_ids)]
    unknown = [pk for pk in wanted if pk not in allowed]
    if unknown or not wanted:
        message = _("Choose enforcement bodies of the bureau's jurisdiction.")
        raise InvalidInput(message, fields={"bodies": [message]})
    handler = complaint.assignee or (ctx.actor if getattr(ctx.actor, "pk", None) else None)
    received_at = ctx.now
    if ctx.on_date != timezone.localdate(ctx.now):
        received_at = timezone.make_aware(
            datetime.datetime.combine(ctx.on_date, timezone.localtime(ctx.now).time())
        )
    made = []
    seq = complaint.dispatches.count()
    for pk in wanted:
        body = allowed[pk]
        seq += 1
        dispatch = Dispatch(
            complaint=complaint, body=body, agency_id=body.agency_id,
            organization_id=complaint.organization_id, region_code=complaint.region_code,
            number=f"{complaint.number}-{seq}", instructions=instructions,
            assignee=handler, received_at=received_at, channel=Channel.REFERRAL,
        )  # fmt: skip
        engine.open_case(dispatch, actor=ctx.actor, on_date=ctx.on_date,
                         data={"body": body.name})  # fmt: skip
        DispatchRound.objects.create(
            dispatch=dispatch, number=1, region_code=dispatch.region_code, body=body,
            agency_id=body.agency_id, started_on=ctx.on_date, due_date=dispatch.due_date,
        )  # fmt: skip
        _notify_body(dispatch, _("Complaint dispatched to %(body)s: %(number)s")
                     % {"body": body.name, "number": dispatch.number})  # fmt: skip
        made.append(dispatch)
    return made


def _current_round(dispatch: Dispatch) -> DispatchRound:
    return DispatchRound.objects.select_for_update().get(dispatch=dispatch, number=dispatch.round)


def round_reply(*, dispatch: Dispatch, reply: str, on_date: datetime.date) -> DispatchRound:
    """The body's reply to the current round; late when given after the round's deadline
    (CQ-JD Art. 14 ¶3, Art. 20)."""
    current = _current_round(dispatch)
    current.reply, current.replied_on = reply, on_date
    current.on_time = on_date <= current.due_date
    current.save(update_fields=["reply", "replied_on", "on_time"])
    dispatch.reply, dispatch.replied_on = reply, on_date
    return current


def round_accept(*, dispatch: Dispatch, on_date: datetime.date) -> DispatchRound:
    current = _current_round(dispatch)
    current.verdict, current.verified_on = Verdict.ACCEPTED, on_date
    current.save(update_fields=["verdict", "verified_on"])
    dispatch.accepted_on = on_date
    return current


def round_send_back(*, dispatch: Dispatch, reasons: str, ctx) -> DispatchRound:
    """Send the reply back (退回重办): the round's verdict with the reasons, and a new round
    whose deadline is the reply clock's fresh period from today — the same count the engine
    makes when the clock restarts on this step (cases.clocks.compute_due, the clock's length)."""
    from cases.clocks import compute_due

    current = _current_round(dispatch)
    current.verdict, current.verified_on, current.reasons = (
        Verdict.SENT_BACK,
        ctx.on_date,
        reasons,
    )
    current.save(update_fields=["verdict", "verified_on", "reasons"])
    clock = Clock.for_case(dispatch).get(key="reply")
    due = compute_due(start=ctx.on_date, length=clock.length, unit=clock.unit, today=ctx.on_date)
    dispatch.round += 1
    dispatch.reply, dispatch.replied_on = "", None
    following = DispatchRound.objects.create(
        dispatch=dispatch, number=dispatch.round, region_code=dispatch.region_code,
        body_id=dispatch.body_id, agency_id=dispatch.agency_id, started_on=ctx.on_date,
        due_date=due.date,
    )  # fmt: skip
    _notify_body(dispatch, _("Reply sent back to be handled again: %(number)s")
                 % {"number": dispatch.number})  # fmt: skip
    return following
