"""Legal aid on the public portal: the online pre-application (网上预申请), what its applicant
may follow with a tracking code and a one-time SMS code, and the public record of the lottery
draws (摇珠) that anyone may check (DESIGN.md, Public portal and Public identity).

Legal Aid Law (法律援助法, reference/statutes.md §2):
- Art. 38: the applicant applies to the legal aid agency of the place of the matter; the form
  lists the active legal aid centres of the portal's regions.
- Art. 41: the applicant states their financial condition; a personal commitment (告知承诺)
  will do. Art. 32 drops the hardship condition and Art. 42 waives the means check for some
  categories, and a province or city may add its own: the form offers those active in the
  chosen centre's region, each with its legal basis.
- Art. 43: the materials on the matter are supplied when the centre asks for them (补正); the
  review period does not run meanwhile. Art. 44: aid before the decision when urgent.
- Arts. 48 and 64: aid obtained by deception is terminated, its costs are recovered and a fine
  may be imposed; the form says so next to the commitment.

The draw pages show only what the draw publishes (legalaid.models.Draw): never a party, never
the seed before the draw. The winner is recomputed on the page with legalaid.lottery.verify.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cases.models import CaseEvent, Channel, Clock, ClockState
from core import fields
from core.challenge import add_challenge, challenge_active, count_submission
from core.errors import InvalidInput
from core.fields import PhoneInput
from core.forms import SubmissionKeyMixin
from core.generic import scoped_object_or_404
from core.idempotency import run_once
from core.middleware import retry_safe
from core.models import Organization, OrganizationKind, Region
from core.services import clean_party_data
from legalaid.choices import Category, Group, Hardship, Material, Matter, Side, Source
from legalaid.models import AidCase, Draw, Exemption
from portal.forms import MessageForm
from portal.regions import contact_of, served_prefixes
from portal.registry import Service, Tracker, register_service, register_tracker
from portal.security import client_ip, rate_limited
from portal.services import applicant_notify_filed, reply_to_applicant

COMMITMENT = "commitment"
EXEMPTION = "exemption"

# The form's fields for each party, as the party fields they are (core.services).
PARTY_FIELDS = {
    "applicant_": ("name", "id_number", "phone", "address"),
    "opposing_": ("name",),
}


def _within_served(queryset, field: str):
    from django.db.models import Q

    from core.regions import within

    prefixes = served_prefixes()
    if not prefixes:
        return queryset
    condition = Q()
    for prefix in prefixes:
        condition |= within(field, prefix)
    return queryset.filter(condition)


def centres():
    """The active legal aid centres of the regions the portal serves (Art. 38)."""
    queryset = Organization.objects.filter(
        kind=OrganizationKind.LEGAL_AID_CENTRE, is_active=True
    ).select_related("region")
    return _within_served(queryset, "region_id").order_by("region_id", "name")


def exemption_choices():
    """Every active category that holds at some centre of the portal, grouped by the region it
    was added for; the service checks that the one chosen holds at the chosen centre."""
    from legalaid.services import applicable_exemptions

    exemptions = (
        applicable_exemptions([c.region_id for c in centres()])
        .filter(is_active=True)
        .order_by("region_code", "kind", "name")
    )
    exemptions = list(exemptions)
    names = dict(
        Region.objects.filter(code__in={e.region_code for e in exemptions}).values_list(
            "code", "name"
        )
    )
    grouped: dict[str, list] = {}
    for exemption in exemptions:
        grouped.setdefault(names.get(exemption.region_code, ""), []).append(
            (str(exemption.pk), str(exemption))
        )
    return [("", "—")] + [(region, items) for region, items in grouped.items()]


def hardship_of(exemption: Exemption) -> str:
    """How the financial condition is settled for an exempt applicant (Arts. 32, 42)."""
    if exemption.kind == Exemption.Kind.NO_HARDSHIP:
        return Hardship.NOT_REQUIRED
    return Hardship.CHECK_WAIVED


COMMITMENT_TEXT = _(
    "Personal commitment: my family and I have financial difficulties and cannot pay a "
    "lawyer. What I state in this application, about my financial condition and about the "
    "matter, is true and complete, and I agree that the legal aid agency may check it."
)
DECEIT_WARNING = _(
    "Warning: obtaining legal aid by deception or other improper means carries legal "
    "liability. The aid is terminated (Art. 48), the costs already paid are recovered and a "
    "fine may be imposed (Art. 64 of the Legal Aid Law)."
)


class CentreChoiceField(fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OnlineApplicationForm(SubmissionKeyMixin, forms.Form):
    centre = CentreChoiceField(
        label=_("legal aid centre"),
        queryset=Organization.objects.none(),
        empty_label="—",
        help_text=_("The centre of the district where the matter is, or where you live."),
    )
    applicant_name = forms.CharField(label=_("your name"), max_length=64)
    applicant_id_number = forms.CharField(
        label=_("your resident ID number"),
        max_length=18,
        help_text=_("18 characters, as on your identity card."),
    )
    applicant_phone = forms.CharField(
        label=_("your mobile phone"),
        max_length=20,
        widget=PhoneInput(own=True),
        help_text=_(
            "We text you the tracking code, each change of status and each reply, and the "
            "verification code when you track the application."
        ),
    )
    applicant_address = forms.CharField(
        label=_("your address"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    groups = forms.MultipleChoiceField(
        label=_("groups you belong to (optional)"),
        choices=Group.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    matter = forms.ChoiceField(label=_("kind of matter"), choices=[("", "—"), *Matter.choices])
    category = forms.ChoiceField(
        label=_("what the matter is about"), choices=[("", "—"), *Category.choices]
    )
    legal_role = forms.CharField(
        label=_("your role in the matter (optional)"),
        max_length=32,
        required=False,
        help_text=_("e.g. plaintiff, defendant, suspect, victim, applicant for arbitration"),
    )
    opposing_name = forms.CharField(
        label=_("the other party (optional)"),
        max_length=128,
        required=False,
        help_text=_("A person or a company, e.g. the employer who owes you wages."),
    )
    facts = forms.CharField(
        label=_("what happened, and why you apply"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    requests = forms.CharField(
        label=_("what help you ask for"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. a lawyer to represent you in labour arbitration to recover wages."),
    )
    urgent = forms.BooleanField(
        label=_("It is urgent: I ask for aid before the decision (Art. 44)"),
        required=False,
        help_text=_(
            "For example when a limitation period or a time limit ends within seven days, or "
            "property must be preserved or execution ordered at once."
        ),
    )
    urgent_reason = forms.CharField(
        label=_("why it is urgent"),
        max_length=200,
        required=False,
        help_text=_("Needed when you ask for aid before the decision."),
    )
    condition = forms.ChoiceField(
        label=_("your financial condition"),
        choices=[
            (COMMITMENT, _("I make the personal commitment below")),
            (EXEMPTION, _("I belong to a category exempt from the financial check")),
        ],
        initial=COMMITMENT,
        widget=forms.RadioSelect,
    )
    commitment = forms.BooleanField(
        label=_("I make the personal commitment above"),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "commitment-text deceit-warning"}),
    )
    exemption = forms.ChoiceField(
        label=_("exemption category and its legal basis"),
        choices=(),
        required=False,
        help_text=_(
            "Only the categories that hold at the centre you chose count. The centre will ask "
            "you for proof that you belong to it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres()
        self.fields["exemption"].choices = exemption_choices()

    def clean_applicant_phone(self):
        from django.core.exceptions import ValidationError

        from core.validators import validate_phone

        try:
            phone = validate_phone(self.cleaned_data["applicant_phone"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0]) from None
        if not (len(phone) == 11 and phone.startswith("1")):
            raise forms.ValidationError(
                gettext("Give a mobile number: the verification code is sent by SMS.")
            )
        return phone

    def clean(self):
        """Check the parties, the financial condition and the application itself (with the
        service's own rules, legalaid.services.clean_application_data) here, with every other
        field, so that all errors show at once."""
        from legalaid.services import clean_application_data

        cleaned = super().clean()
        for prefix, names in PARTY_FIELDS.items():
            entry = {name: cleaned[prefix + name] for name in names if cleaned.get(prefix + name)}
            if not entry and prefix == "opposing_":
                continue  # the other party is optional (a criminal defence has none)
            try:
                normalised = clean_party_data(entry)
            except InvalidInput as exc:
                for name, errors in exc.fields.items():
                    self._add_error_once(prefix + name, errors)
            else:
                cleaned.update(
                    {prefix + name: normalised[name] for name in names if name in normalised}
                )
        condition = cleaned.get("condition")
        if condition == COMMITMENT and not cleaned.get("commitment"):
            self.add_error(
                "commitment",
                gettext("Tick the personal commitment, or choose an exemption category (Art. 41)."),
            )
        elif condition == EXEMPTION:
            key = cleaned.get("exemption") or ""
            cleaned["exemption_row"] = Exemption.objects.filter(pk=key).first() if key else None
            if cleaned["exemption_row"] is None and "exemption" not in self.errors:
                self.add_error(
                    "exemption",
                    gettext("Choose your exemption category, or make the personal commitment."),
                )
        if condition and "exemption" not in self.errors:
            _data, errors = clean_application_data(
                application_data(cleaned), organization=cleaned.get("centre")
            )
            for field, messages in errors.items():
                self._add_error_once(SERVICE_FIELDS.get(field, field), messages)
        return cleaned

    def _add_error_once(self, target: str, errors) -> None:
        """Add errors to `target` unless its own check has already said what is wrong."""
        if target in self.errors:
            return
        for error in errors:
            self.add_error(target if target in self.fields else None, error)


# The service's names for the form's fields.
SERVICE_FIELDS = {"organization": "centre", "hardship": "condition"}


def application_data(cleaned: dict) -> dict:
    """The application as legalaid.services takes it, from the form's cleaned data. The
    identity is given and the financial condition declared online (Art. 41); the materials on
    the matter come when the centre asks for them (补正, Art. 43)."""
    exemption = cleaned.get("exemption_row") if cleaned.get("condition") == EXEMPTION else None
    if exemption is not None:
        hardship, materials = hardship_of(exemption), [Material.IDENTITY]
    else:
        hardship, materials = Hardship.COMMITMENT, [Material.IDENTITY, Material.HARDSHIP]
    category = cleaned.get("category")
    title = (
        gettext("Online application: %(category)s") % {"category": Category(category).label}
        if category in Category.values
        else gettext("Online application")
    )
    return {
        "title": title,
        "facts": cleaned.get("facts", ""),
        "requests": cleaned.get("requests", ""),
        "matter": cleaned.get("matter", ""),
        "category": category or "",
        "legal_role": cleaned.get("legal_role", ""),
        "groups": list(cleaned.get("groups") or []),
        "hardship": hardship,
        "exemption": exemption.pk if exemption is not None else None,
        "materials": materials,
        "urgent": bool(cleaned.get("urgent")),
        "urgent_reason": cleaned.get("urgent_reason", ""),
        "source": Source.APPLICATION,
        "channel": Channel.ONLINE,
    }


def application_parties(cleaned: dict) -> list[dict]:
    parties = [
        {
            "side": Side.APPLICANT,
            "name": cleaned["applicant_name"],
            "id_number": cleaned["applicant_id_number"],
            "phone": cleaned["applicant_phone"],
            "address": cleaned["applicant_address"],
        }
    ]
    if cleaned.get("opposing_name"):
        parties.append({"side": Side.OPPOSING, "name": cleaned["opposing_name"]})
    return parties


def application_file_online(cleaned: dict) -> AidCase:
    """Register an application filed on the portal (网上预申请) with the chosen centre, with a
    tracking code; the centre's staff hear of it, and the applicant is texted the code, once
    it is committed."""
    from legalaid.services import application_register

    case = application_register(
        actor=None,
        organization=cleaned["centre"],
        data=application_data(cleaned),
        parties=application_parties(cleaned),
        tracking_code=True,
    )
    transaction.on_commit(lambda: notify_centre(case, kind="online_request"))
    transaction.on_commit(lambda: applicant_notify_filed(case))
    return case


def notify_centre(case, *, kind: str, body: str = "") -> None:
    """Tell the people of the centre (or the case's assignee), and the assigned lawyer, about
    something from the public."""
    from cases.notifications import notify
    from core.models import User

    if case.assignee_id:
        recipients = [case.assignee]
    else:
        recipients = list(
            User.objects.filter(
                is_active=True,
                memberships__is_active=True,
                memberships__organization_id=case.organization_id,
            ).distinct()
        )
    if kind == "applicant_message" and case.lawyer_id and case.lawyer.user_id:
        lawyer_user = case.lawyer.user
        if lawyer_user.is_active and lawyer_user not in recipients:
            recipients.append(lawyer_user)
    title = {
        "online_request": gettext("New online legal aid application: %(number)s"),
        "applicant_message": gettext("Message from the applicant of %(number)s"),
    }[kind] % {"number": case.number}
    for user in recipients:
        notify(user, title=title, body=body, url=case.get_absolute_url(), kind=kind)


def _map_service_errors(form, exc: InvalidInput) -> None:
    """The service names the case's fields and `parties-N-field`; show each error at the form
    field it came from."""
    for field, errors in exc.fields.items():
        target = SERVICE_FIELDS.get(field, field)
        if field.startswith("parties-0-"):
            target = "applicant_" + field.removeprefix("parties-0-")
        elif field.startswith("parties-1-"):
            target = "opposing_" + field.removeprefix("parties-1-")
        for error in errors:
            form.add_error(target if target in form.fields else None, error)


@retry_safe
def apply(request):
    """The public form. A resubmitted form (same hidden key) shows the first case's code."""
    form = OnlineApplicationForm(request.POST or None)
    if challenge_active("apply"):
        add_challenge(form)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data.get("applicant_phone") or ""
        if rate_limited(
            "legalaid-apply",
            client_ip(request),
            limit=settings.FAZHI_PORTAL_APPLY_PER_ADDRESS,
            window=3600,
        ):
            form.add_error(None, gettext("Too many requests from this address; try again later."))
        elif phone and rate_limited(
            "legalaid-apply-phone",
            phone,
            limit=settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY,
            window=86400,
        ):
            form.add_error(
                "applicant_phone",
                gettext(
                    "Too many applications with this phone number today; if your earlier "
                    "application has a tracking code, follow it there, or call the legal aid "
                    "centre."
                ),
            )
        else:
            try:
                case, created = run_once(
                    key=form.cleaned_data["submission_key"],
                    scope="portal.legalaid_apply",
                    create=lambda: application_file_online(form.cleaned_data),
                    load=lambda pk: AidCase.objects.get(pk=pk),
                )
            except InvalidInput as exc:
                _map_service_errors(form, exc)
            else:
                if created:
                    count_submission("apply")
                request.session["legalaid_filed"] = case.tracking_code
                return redirect("legalaid:online_filed")
    return render(
        request,
        "legalaid/online_apply.html",
        {
            "form": form,
            "commitment": COMMITMENT_TEXT,
            "warning": DECEIT_WARNING,
            "title": gettext("Apply for legal aid"),
        },
    )


def _clock_due(case, key: str):
    """The due date of a running clock of the case, or None."""
    clock = Clock.for_case(case).filter(key=key).first()
    if clock is None or clock.state != ClockState.RUNNING:
        return None
    return clock.due_date


def filed(request):
    code = request.session.get("legalaid_filed")
    if not code:
        return redirect("legalaid:online_apply")
    case = AidCase.objects.select_related("organization").filter(tracking_code=code).first()
    context = {"code": code, "case": case, "title": gettext("Application received")}
    if case is not None:
        context["contact"], context["phone"] = contact_of(case.organization)
        context["review_due"] = _clock_due(case, "review")
        context["exempt"] = case.exemption_id is not None
    return render(request, "legalaid/online_filed.html", context)


# -- staff side: messages to the applicant -------------------------------------------------


@login_required
@require_POST
def message_applicant(request, pk: int):
    from cases.engine import roles_over

    case = scoped_object_or_404(AidCase, request.user, pk)
    if not case.tracking_code or not roles_over(request.user, case) - {"leader"}:
        raise PermissionDenied
    form = MessageForm(request.POST)
    if form.is_valid():
        reply_to_applicant(case=case, author=request.user, body=form.cleaned_data["body"])
        messages.success(
            request, gettext("The message is visible to the applicant, who is told by SMS.")
        )
    else:
        messages.error(request, gettext("Write a message first."))
    return redirect(case.get_absolute_url())


# -- what the applicant sees ---------------------------------------------------------------


def _applicant_phones(case) -> list[str]:
    return [
        ap.party.phone
        for ap in case.aid_parties.select_related("party")
        if ap.side == Side.APPLICANT and ap.party.phone
    ]


def public_view(case) -> dict:
    """What the applicant may see: the number, the status, the centre, the due dates of the
    review and of the assignment, the decision and its reasons, the materials asked for, the
    assigned lawyer and their firm; of the other party only the name; never staff notes."""
    from legalaid.process import S

    process = case.process
    steps, last = [], None
    for event in CaseEvent.for_case(case).order_by("at", "id"):
        label = process.state(event.to_state).label
        if event.to_state != last:
            steps.append((event.on_date, label))
            last = event.to_state
    org = case.organization
    contact, phone = contact_of(org)
    opposing = [
        ap.party.name for ap in case.aid_parties.select_related("party") if ap.side == Side.OPPOSING
    ]
    facts = [
        (gettext("handled by"), org.name),
        (
            gettext("telephone"),
            gettext("%(phone)s (%(unit)s)") % {"phone": phone, "unit": contact}
            if phone and contact != org.name
            else phone,
        ),
        (gettext("received on"), case.received_at.date().isoformat()),
        (gettext("matter"), f"{case.get_matter_display()} · {case.get_category_display()}"),
    ]
    if opposing:
        facts.append((gettext("the other party"), "、".join(opposing)))
    if case.state in (S.SUBMITTED, S.CORRECTION):
        due = _clock_due(case, "review")
        facts.append(
            (
                gettext("decision due by (Art. 43)"),
                due.isoformat()
                if due
                else gettext("the period is paused until the materials are supplied"),
            )
        )
    if case.state == S.CORRECTION and case.correction_items:
        facts.append((gettext("materials to supply"), case.correction_items))
    if case.decision:
        facts.append(
            (
                gettext("decision"),
                f"{case.get_decision_display()} ({case.decided_on.isoformat()})"
                if case.decided_on
                else case.get_decision_display(),
            )
        )
    if case.state in (S.REFUSED, S.OBJECTION) and case.refusal_reason:
        facts.append((gettext("reasons"), case.refusal_reason))
        facts.append(
            (
                gettext("if you disagree"),
                gettext(
                    "You may object to the justice bureau that set up the centre, which decides "
                    "within five days (Art. 49)."
                ),
            )
        )
    if case.state == S.WITHDRAWN and case.refusal_reason:
        facts.append((gettext("reasons"), case.refusal_reason))
    if case.state in (S.GRANTED, S.ANNOUNCED):
        due = _clock_due(case, "assignment")
        if due:
            facts.append((gettext("a lawyer is assigned by (Art. 43)"), due.isoformat()))
    if case.lawyer_id:
        lawyer = case.lawyer
        facts.append(
            (
                gettext("assigned lawyer"),
                gettext("%(lawyer)s, %(firm)s")
                % {"lawyer": lawyer.name, "firm": lawyer.organization.name},
            )
        )
    if case.state == S.TERMINATED and case.termination_reason:
        facts.append((gettext("reason for termination"), case.termination_reason))
    return {
        "title": case.title,
        "number": case.number,
        "status": case.state_label,
        "handler": org.name,
        "facts": facts,
        "steps": steps,
    }


def _announces(case, event) -> bool:
    """A change of status, or a lawyer providing aid before the decision (Art. 44)."""
    return event.from_state != event.to_state or event.transition == "provide_first"


def _message_received(case, message) -> None:
    transaction.on_commit(
        lambda: notify_centre(case, kind="applicant_message", body=message.body[:500])
    )


register_service(
    Service(
        "legalaid",
        _("Apply for legal aid"),
        _(
            "Free legal help from a lawyer for people who cannot afford one. Apply online; "
            "the centre reviews the application within seven days."
        ),
        "legalaid:online_apply",
        order=20,
    )
)
register_service(
    Service(
        "legalaid_draws",
        _("Legal aid lottery draws"),
        _("Announced cases and the published draws: check any draw yourself."),
        "legalaid:public_draws",
        order=80,
    )
)
register_tracker(
    Tracker(
        "legalaid.aidcase",
        find=lambda code: AidCase.objects.filter(tracking_code=code).first() if code else None,
        phones=_applicant_phones,
        public_view=public_view,
        on_message=_message_received,
        announces=_announces,
    )
)


# -- the public record of the draws (摇珠) ----------------------------------------------------

PUBLIC_STATES = (Draw.State.OPEN, Draw.State.DRAWN)
DRAWS_PER_PAGE = 20


def _district_names(codes) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=set(codes)).values_list("code", "name"))


def _announcement_row(draw: Draw, districts: dict[str, str]) -> dict:
    """What anyone may read of an announced draw: nothing of the case's parties, never the
    seed. Built field by field so that a template cannot reach further."""
    return {
        "public_code": draw.public_code,
        "matter": draw.get_matter_display(),
        "category": draw.get_category_display(),
        "district": districts.get(draw.region_code, ""),
        "centre": draw.organization.name,
        "announced_at": draw.announced_at,
        "closes_at": draw.closes_at,
        "commitment": draw.commitment,
        "state": draw.state,
        "state_label": draw.get_state_display(),
        "drawn_at": draw.drawn_at,
        "weighted": draw.weighted,
    }


def public_draws(request):
    """The open announcements and the drawn results (no login)."""
    draws = Draw.objects.filter(state__in=PUBLIC_STATES).select_related("organization")
    open_draws = list(draws.filter(state=Draw.State.OPEN).order_by("closes_at", "id"))
    page = Paginator(
        draws.filter(state=Draw.State.DRAWN).order_by("-drawn_at", "-id"), DRAWS_PER_PAGE
    ).get_page(request.GET.get("page"))
    districts = _district_names([d.region_code for d in [*open_draws, *page.object_list]])
    return render(
        request,
        "legalaid/public_draws.html",
        {
            "open_draws": [_announcement_row(d, districts) for d in open_draws],
            "drawn": [_announcement_row(d, districts) for d in page.object_list],
            "page": page,
            "title": gettext("Legal aid lottery draws"),
        },
    )


def _excluded_row(entry: dict) -> dict:
    reason = entry.get("reason") or entry.get("reasons") or ""
    if isinstance(reason, list | tuple):
        reason = "；".join(str(r) for r in reason)
    return {"id": entry.get("id"), "name": entry.get("name", ""), "reason": reason}


def draw_record(draw: Draw) -> dict:
    """The published record of a draw: before the draw its announcement and commitment; after
    it also the seed, the ordered candidates, the exclusions, the lawyer drawn and the
    server's recomputation. Built field by field: the case, its parties and, before the
    draw, the seed never reach the template."""
    record = _announcement_row(draw, _district_names([draw.region_code]))
    record["announcement"] = draw.announcement
    if draw.state != Draw.State.DRAWN:
        return record  # the seed stays secret until the draw
    rotation = draw.method == "rotation"
    record.update(
        {
            "seed": draw.seed,
            "method": draw.method,
            "method_label": draw.get_method_display() if draw.method else "",
            "rotation": rotation,
            "candidates": [
                {"position": position, **c} for position, c in enumerate(draw.candidates or [])
            ],
            "excluded": [_excluded_row(e) for e in draw.excluded or []],
            "winner": (
                {
                    "id": draw.winner_id,
                    "name": draw.winner.name,
                    "firm": draw.winner.organization.name,
                }
                if draw.winner_id
                else None
            ),
        }
    )
    if rotation:
        record["check"] = _recompute_rotation(draw)
    elif draw.candidates:
        record["check"] = recompute(draw)
    return record


def recompute(draw: Draw) -> dict:
    """Recompute a drawn lottery from what it published, step by step as legalaid.lottery
    documents it, and the problems `lottery.verify` finds (none: verified)."""
    import hashlib
    import hmac

    from legalaid import lottery

    problems = [
        str(p)
        for p in lottery.verify(
            draw.commitment, draw.seed, list(draw.candidates), draw.winner_id, draw.weighted
        )
    ]
    check = {
        "problems": problems,
        "verified": not problems,
        "seed_hash": lottery.commitment(draw.seed) if draw.seed else "",
    }
    check["commitment_ok"] = bool(draw.seed) and check["seed_hash"] == draw.commitment
    candidates, form_problems = lottery.parse(list(draw.candidates))
    if form_problems or not lottery.SEED_RE.match(draw.seed or ""):
        return check
    canonical = lottery.canonical(candidates)
    digest = hmac.new(draw.seed.encode("utf-8"), canonical, hashlib.sha256).hexdigest()
    r = int(digest, 16)
    total = sum(c.weight for c in candidates) if draw.weighted else len(candidates)
    index = lottery.pick(draw.seed, candidates, weighted=draw.weighted)
    check.update(
        {
            "canonical": canonical.decode("utf-8"),
            "hmac": digest,
            "r": str(r),
            "modulus": total,
            "residue": r % total,
            "index": index,
            "recomputed": {"id": candidates[index].id, "name": candidates[index].name},
        }
    )
    return check


def _recompute_rotation(draw: Draw) -> dict:
    """Nobody eligible opted in: the rotation rule over the published rows (fewest cases in
    twelve months, then the earliest last assignment, then the smallest id)."""
    from legalaid import lottery

    rows = list(draw.candidates or [])
    if not rows or not all(set(lottery.ROTATION_KEYS) <= set(row) for row in rows):
        return {"problems": [], "verified": None}
    chosen = lottery.rotation_pick(rows)
    name = next((row["name"] for row in rows if row["id"] == chosen), "")
    problems = []
    if chosen != draw.winner_id:
        problems.append(
            gettext(
                "The rotation rule chooses %(name)s (id %(id)s), not the lawyer recorded "
                "(id %(recorded)s)."
            )
            % {"name": name, "id": chosen, "recorded": draw.winner_id}
        )
    return {
        "problems": problems,
        "verified": not problems,
        "recomputed": {"id": chosen, "name": name},
    }


def public_draw(request, code: str):
    draw = (
        Draw.objects.filter(public_code=code, state__in=PUBLIC_STATES)
        .select_related("organization", "winner__organization")
        .first()
    )
    if draw is None:
        raise Http404
    record = draw_record(draw)
    return render(
        request,
        "legalaid/public_draw.html",
        {
            "draw": record,
            "title": gettext("Draw %(code)s") % {"code": draw.public_code},
        },
    )
