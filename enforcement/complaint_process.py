"""The processes of complaints about enforcement (投诉举报) and their dispatch (交办, 协同监管).

Complaint (`enforcement_complaint`), handled by the bureau's enforcement-supervision section:

- received (filed on the portal or entered by staff) → **accept** (受理) or **refuse** (不予受理,
  with the reasons the complainant reads). Citizens and businesses may complain about
  enforcement they consider unlawful or improper (SD-JD Art. 6 ✅); the supervising body acts on
  complaints (CQ-JD Art. 13 ¶3 ✅).
- **dispatch** (交办) to one or several enforcement bodies of the bureau's jurisdiction at once,
  with the instructions each gets; again later to more bodies while it is open.
- **close** (办结) with the finding and the answer to the complainant, once every reply has been
  accepted. The handling runs FAZHI_ENFORCEMENT_COMPLAINT_DAYS working days from receipt
  (default 30 ❓ local rule: no national period was found — the 行政执法监督条例 2025 is not in
  the collection, §C.8; 30 working days leave room for a body's 10 working days (CQ-JD
  Art. 20), one send-back and the bureau's check; SD-JD Art. 28 gives a body 30 days to correct
  after a supervision opinion).

Dispatch (`enforcement_dispatch`), one per body:

- awaiting reply → **reply** by the body's handler → the bureau **accepts** it or **sends it
  back** (退回重办) with reasons, which asks a new reply on a fresh period. Each reply is due
  FAZHI_ENFORCEMENT_DISPATCH_DAYS working days after the dispatch or the send-back (default 10
  ❓: CQ-JD Art. 20 ✅ gives a body 10 working days to report back on a matter transferred to
  it; CQ-JD Art. 14 ¶3 ✅: the body reports within the period the supervising body sets). A
  reply after its deadline is recorded as late (DispatchRound.on_time).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.forms import DatedForm, TransitionForm
from cases.process import REGISTER, ClockSpec, Process, State, Transition, registry
from core.roles import Role
from enforcement.complaint_choices import Finding

STAFF = frozenset({Role.SECTION_STAFF})
BODY_OR_STAFF = frozenset({Role.AGENCY_HANDLER, Role.SECTION_STAFF})


def complaint_days() -> int:
    return settings.FAZHI_ENFORCEMENT_COMPLAINT_DAYS


def dispatch_days() -> int:
    return settings.FAZHI_ENFORCEMENT_DISPATCH_DAYS


class C:
    """States of a complaint."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    DISPATCHED = "dispatched"
    CLOSED = "closed"


class D:
    """States of a dispatch."""

    AWAITING = "awaiting"
    REPLIED = "replied"
    SENT_BACK = "sent_back"
    ACCEPTED = "accepted"


OPEN_DISPATCH_STATES = (D.AWAITING, D.REPLIED, D.SENT_BACK)
AWAITING_REPLY_STATES = (D.AWAITING, D.SENT_BACK)


# -- forms ------------------------------------------------------------------------------------


def _body_choices(case, blank: bool) -> list[tuple[str, str]]:
    from enforcement.complaint_selectors import bodies_for

    rows = [(str(b.pk), b.name) for b in bodies_for(case)] if case is not None else []
    return [("", "—"), *rows] if blank else rows


class AcceptForm(DatedForm):
    body = forms.ChoiceField(
        label=_("enforcement body complained about"), required=False, choices=(),
        help_text=_("Name it if the complainant did not or named it wrongly."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = _body_choices(self.case, blank=True)
        if self.case is not None and self.case.body_id:
            self.fields["body"].initial = str(self.case.body_id)


class RefuseForm(DatedForm):
    reasons = forms.CharField(
        label=_("reasons for not accepting"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The complainant reads them on the portal."),
    )  # fmt: skip


class DispatchForm(DatedForm):
    bodies = forms.MultipleChoiceField(
        label=_("enforcement bodies"), choices=(), widget=forms.CheckboxSelectMultiple,
        help_text=_("One dispatch per body, each with its own deadline."),
    )  # fmt: skip
    instructions = forms.CharField(
        label=_("what the bodies are asked to do"), max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Each body reads these with the complaint's facts; the complainant's name "
                    "and phone are not shown to it."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].choices = _body_choices(self.case, blank=False)
        if self.case is not None and self.case.body_id and not self.is_bound:
            self.fields["bodies"].initial = [str(self.case.body_id)]


class CloseForm(DatedForm):
    finding = forms.ChoiceField(label=_("finding"), choices=[("", "—"), *Finding.choices])
    answer = forms.CharField(
        label=_("answer to the complainant"), max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The complainant reads it on the portal."),
    )  # fmt: skip


class ReplyForm(TransitionForm):
    reply = forms.CharField(
        label=_("reply: what was found and what was done"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip


class SendBackForm(TransitionForm):
    reasons = forms.CharField(
        label=_("reasons for sending back"), max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The body reads them; a new reply is due on a fresh period."),
    )  # fmt: skip


# -- guards -----------------------------------------------------------------------------------


def _bodies_free(case, cleaned, ctx):
    """A body is dispatched once at a time: not again while its dispatch is open."""
    open_names = list(
        case.dispatches.filter(body_id__in=cleaned.get("bodies") or [],
                               state__in=OPEN_DISPATCH_STATES)
        .order_by("body__name").values_list("body__name", flat=True)
    )  # fmt: skip
    if open_names:
        return ("bodies", gettext("Already dispatched and not yet settled: %(bodies)s.")
                % {"bodies": "、".join(open_names)})  # fmt: skip
    return None


def _no_open_dispatch(case) -> bool:
    return not case.dispatches.filter(state__in=OPEN_DISPATCH_STATES).exists()


def _all_settled(case, cleaned, ctx):
    """The complaint closes when every dispatch's reply has been accepted."""
    open_names = list(
        case.dispatches.filter(state__in=OPEN_DISPATCH_STATES)
        .order_by("body__name").values_list("body__name", flat=True)
    )  # fmt: skip
    if open_names:
        return gettext("The complaint closes once every reply is accepted; still open: "
                       "%(bodies)s.") % {"bodies": "、".join(open_names)}  # fmt: skip
    return None


# -- effects ----------------------------------------------------------------------------------


def _accept(case, cleaned, ctx):
    from enforcement.models import EnforcementBody

    if cleaned.get("body"):
        case.body = EnforcementBody.objects.get(pk=cleaned["body"])


def _refuse(case, cleaned, ctx):
    case.refusal_reasons = cleaned["reasons"].strip()
    case.answered_on = cleaned["on_date"]


def _dispatch(case, cleaned, ctx):
    from enforcement.complaint_services import dispatches_open

    dispatches_open(complaint=case, body_ids=cleaned["bodies"],
                    instructions=cleaned["instructions"].strip(), ctx=ctx)  # fmt: skip


def _close(case, cleaned, ctx):
    case.finding = cleaned["finding"]
    case.outcome = cleaned["finding"]
    case.answer = cleaned["answer"].strip()
    case.answered_on = cleaned["on_date"]


def _reply(case, cleaned, ctx):
    from enforcement.complaint_services import round_reply

    round_reply(dispatch=case, reply=cleaned["reply"].strip(), on_date=ctx.on_date)


def _accept_reply(case, cleaned, ctx):
    from enforcement.complaint_services import round_accept

    round_accept(dispatch=case, on_date=ctx.on_date)


def _send_back(case, cleaned, ctx):
    from enforcement.complaint_services import round_send_back

    round_send_back(dispatch=case, reasons=cleaned["reasons"].strip(), ctx=ctx)


COMPLAINT_PROCESS = registry.register(
    Process(
        key="enforcement_complaint",
        label=_("Complaints about enforcement"),
        model="enforcement.Complaint",
        states=(
            State(C.RECEIVED, pgettext_lazy("enforcement complaint", "Received"), tone="info"),
            State(C.ACCEPTED, pgettext_lazy("enforcement complaint", "Accepted"), tone="primary"),
            State(
                C.NOT_ACCEPTED,
                pgettext_lazy("enforcement complaint", "Not accepted"),
                final=True,
                tone="secondary",
            ),
            State(
                C.DISPATCHED, pgettext_lazy("enforcement complaint", "Dispatched"), tone="warning"
            ),
            State(
                C.CLOSED,
                pgettext_lazy("enforcement complaint", "Closed"),
                final=True,
                tone="success",
            ),
        ),
        initial=C.RECEIVED,
        transitions=(
            Transition(
                "accept",
                _("Accept the complaint"),
                source=(C.RECEIVED,),
                target=C.ACCEPTED,
                roles=STAFF,
                form=AcceptForm,
                effect=_accept,
                stamps=("accepted_at",),
                date_field="on_date",
                article="山东省行政执法监督条例第六条；重庆市行政执法监督条例第十三条第三款",
            ),
            Transition(
                "refuse",
                _("Do not accept"),
                source=(C.RECEIVED,),
                target=C.NOT_ACCEPTED,
                roles=STAFF,
                form=RefuseForm,
                effect=_refuse,
                stamps=("closed_at",),
                outcome="not_accepted",
                date_field="on_date",
                tone="outline-danger",
                article="❓ local practice",
            ),
            Transition(
                "dispatch",
                _("Dispatch to enforcement bodies"),
                source=(C.ACCEPTED, C.DISPATCHED),
                target=C.DISPATCHED,
                roles=STAFF,
                form=DispatchForm,
                guards=(_bodies_free,),
                effect=_dispatch,
                date_field="on_date",
                tone="warning",
                article="重庆市行政执法监督条例第十四条第三款、第二十条（参照）",
            ),
            Transition(
                "close",
                _("Close with the answer"),
                source=(C.ACCEPTED, C.DISPATCHED),
                target=C.CLOSED,
                roles=STAFF,
                form=CloseForm,
                guards=(_all_settled,),
                offered_if=_no_open_dispatch,
                effect=_close,
                stamps=("closed_at",),
                date_field="on_date",
                tone="success",
                article="❓ local practice",
            ),
        ),
        clocks=(
            ClockSpec(
                "handling",
                _("Handling of the complaint ❓"),
                length=complaint_days,
                unit="working_days",
                start_on=(REGISTER,),
                stop_on=("refuse", "close"),
                article="❓ 地方规则 FAZHI_ENFORCEMENT_COMPLAINT_DAYS（参照山东省行政执法监督条例"
                "第二十八条、重庆市行政执法监督条例第二十条）",
            ),
        ),
        number_series="enforcement_complaint",
        number_pattern="（{year}）{abbr}执投字第{seq:04d}号",
    )
)

DISPATCH_PROCESS = registry.register(
    Process(
        key="enforcement_dispatch",
        label=_("Dispatches of enforcement complaints"),
        model="enforcement.Dispatch",
        states=(
            State(
                D.AWAITING, pgettext_lazy("enforcement dispatch", "Awaiting reply"), tone="warning"
            ),
            State(
                D.REPLIED,
                pgettext_lazy("enforcement dispatch", "Replied, to be verified"),
                tone="info",
            ),
            State(D.SENT_BACK, pgettext_lazy("enforcement dispatch", "Sent back"), tone="danger"),
            State(
                D.ACCEPTED,
                pgettext_lazy("enforcement dispatch", "Reply accepted"),
                final=True,
                tone="success",
            ),
        ),
        initial=D.AWAITING,
        transitions=(
            Transition(
                "reply",
                _("Reply"),
                source=AWAITING_REPLY_STATES,
                target=D.REPLIED,
                roles=BODY_OR_STAFF,
                form=ReplyForm,
                effect=_reply,
                article="重庆市行政执法监督条例第十四条第三款、第二十条",
            ),
            Transition(
                "accept",
                _("Accept the reply"),
                source=(D.REPLIED,),
                target=D.ACCEPTED,
                roles=STAFF,
                effect=_accept_reply,
                stamps=("closed_at",),
                outcome="accepted",
                tone="success",
                article="❓ local practice",
            ),
            Transition(
                "send_back",
                _("Send back to be handled again"),
                source=(D.REPLIED,),
                target=D.SENT_BACK,
                roles=STAFF,
                form=SendBackForm,
                effect=_send_back,
                tone="outline-danger",
                article="❓ local practice (退回重办)",
            ),
        ),
        clocks=(
            ClockSpec(
                "reply",
                _("Reply of the enforcement body ❓"),
                length=dispatch_days,
                unit="working_days",
                start_on=(REGISTER, "send_back"),
                stop_on=("reply",),
                article="重庆市行政执法监督条例第二十条（参照，十个工作日）❓ "
                "FAZHI_ENFORCEMENT_DISPATCH_DAYS",
            ),
        ),
    )
)

__all__ = ["COMPLAINT_PROCESS", "DISPATCH_PROCESS", "OPEN_DISPATCH_STATES", "C", "D"]
