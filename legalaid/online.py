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
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Channel, Clock, ClockState
from core import fields
from core.fields import PhoneInput
from core.middleware import retry_safe
from core.models import Organization, OrganizationKind, Region
from legalaid.choices import Category, Group, Hardship, Material, Matter, Side, Source
from legalaid.models import AidCase, Draw, Exemption
from portal import online as portal_online
from portal.forms import ApplicationForm
from portal.regions import within_served
from portal.registry import Service, Tracker, register_service, register_tracker

COMMITMENT = "commitment"
EXEMPTION = "exemption"

# The form's fields for each party, as the party fields they are (core.services).
PARTY_FIELDS = {
    "applicant_": ("name", "id_number", "phone", "address"),
    "opposing_": ("name",),
}


def centres():
    """The active legal aid centres of the regions the portal serves (Art. 38)."""
    queryset = Organization.objects.filter(
        kind=OrganizationKind.LEGAL_AID_CENTRE, is_active=True
    ).select_related("region")
    return within_served(queryset, "region_id").order_by("region_id", "name")


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


class OnlineApplicationForm(ApplicationForm):
    party_fields = PARTY_FIELDS
    optional_parties = ("opposing_",)  # a criminal defence has no other party

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

    def clean(self):
        """Check the parties (portal.forms.ApplicationForm), the financial condition and the
        application itself (with the service's own rules,
        legalaid.services.clean_application_data) here, with every other field, so that all
        errors show at once."""
        from legalaid.services import clean_application_data

        cleaned = super().clean()
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
                self.add_error_once(SERVICE_FIELDS.get(field, field), messages)
        return cleaned


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
    portal_online.announce_filing(case, notify_centre)
    return case


def notify_centre(case, *, kind: str, body: str = "") -> None:
    """Tell the people of the centre (or the case's assignee), and the assigned lawyer, about
    something from the public."""
    lawyer_user = None
    if kind == "applicant_message" and case.lawyer_id and case.lawyer.user_id:
        lawyer_user = case.lawyer.user
    title = {
        "online_request": gettext("New online legal aid application: %(number)s"),
        "applicant_message": gettext("Message from the applicant of %(number)s"),
    }[kind] % {"number": case.number}
    portal_online.notify_handlers(case, kind=kind, title=title, body=body, also=lawyer_user)


@retry_safe
def apply(request):
    """The public form. A resubmitted form (same hidden key) shows the first case's code."""
    form = OnlineApplicationForm(request.POST or None)
    case = portal_online.file_application(
        request,
        form,
        line="legalaid",
        scope="portal.legalaid_apply",
        model=AidCase,
        create=application_file_online,
        phone_limited=gettext(
            "Too many applications with this phone number today; if your earlier "
            "application has a tracking code, follow it there, or call the legal aid "
            "centre."
        ),
        parties=("applicant_", "opposing_"),
        fields=SERVICE_FIELDS,
    )
    if case is not None:
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
    context = portal_online.filed_context(
        request,
        AidCase,
        session_key="legalaid_filed",
        name="case",
        title=gettext("Application received"),
    )
    if context is None:
        return redirect("legalaid:online_apply")
    case = context["case"]
    if case is not None:
        context["review_due"] = _clock_due(case, "review")
        context["exempt"] = case.exemption_id is not None
    return render(request, "legalaid/online_filed.html", context)


# -- staff side: messages to the applicant -------------------------------------------------

message_applicant = portal_online.message_applicant_view(AidCase)


# -- what the applicant sees ---------------------------------------------------------------


def public_view(case) -> dict:
    """What the applicant may see: the number, the status, the centre, the due dates of the
    review and of the assignment, the decision and its reasons, the materials asked for, the
    assigned lawyer and their firm; of the other party only the name; never staff notes."""
    from legalaid.process import S

    opposing = [
        ap.party.name for ap in case.aid_parties.select_related("party") if ap.side == Side.OPPOSING
    ]
    view = portal_online.public_view(
        case, (gettext("matter"), f"{case.get_matter_display()} · {case.get_category_display()}")
    )
    facts = view["facts"]
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
    against_termination = bool(case.terminated_from)
    if case.state in (S.REFUSED, S.OBJECTION) and case.refusal_reason and not against_termination:
        facts.append((gettext("reasons"), case.refusal_reason))
        facts += _objection_route(case)
    if case.state == S.WITHDRAWN and case.refusal_reason:
        facts.append((gettext("reasons"), case.refusal_reason))
    if case.state in (S.GRANTED, S.ANNOUNCED):
        due = _clock_due(case, "assignment")
        if due:
            facts.append((gettext("a lawyer is assigned by (Art. 43)"), due.isoformat()))
    if case.lawyer_id and case.state not in ENDED:
        lawyer = case.lawyer
        facts.append(
            (
                gettext("assigned lawyer"),
                gettext("%(lawyer)s, %(firm)s")
                % {"lawyer": lawyer.name, "firm": lawyer.organization.name},
            )
        )
    if case.state in (S.TERMINATED, S.OBJECTION) and against_termination:
        if case.termination_reason:
            facts.append((gettext("reason for termination"), case.termination_reason))
        facts += _objection_route(case)
    return view


# States in which no lawyer acts for the applicant (aid provided before a refusal ended, Art. 44).
ENDED = ("refused", "withdrawn", "terminated", "objection")


def _objection_route(case) -> list[tuple[str, str]]:
    """What an applicant refused aid, or whose aid was terminated, can do next (法律援助法第四十九
    条): object to the justice bureau
    while no objection has been decided; while one is pending, when it was filed and when it is
    to be decided; once the bureau has upheld the refusal, administrative reconsideration or an
    administrative lawsuit (第三款) — objecting again is no longer the route."""
    from legalaid.process import S

    if case.state == S.OBJECTION:
        facts = []
        if case.objection_filed_on:
            facts.append((gettext("objection filed on"), case.objection_filed_on.isoformat()))
        due = _clock_due(case, "objection")
        if due:
            facts.append((gettext("objection decided by (Art. 49)"), due.isoformat()))
        return facts
    if case.objection_upheld is False:
        decided = case.objection_decided_on
        return [
            (
                gettext("result of the objection"),
                (
                    gettext("Not upheld (%(date)s): the justice bureau kept the termination.")
                    if case.terminated_from
                    else gettext("Not upheld (%(date)s): the justice bureau kept the refusal.")
                )
                % {"date": decided.isoformat() if decided else "—"},
            ),
            (
                gettext("if you do not accept it"),
                gettext(
                    "You may apply for administrative reconsideration or bring an administrative "
                    "lawsuit against the justice bureau's decision (Art. 49, para. 3)."
                ),
            ),
        ]
    return [
        (
            gettext("if you disagree"),
            gettext(
                "You may object to the justice bureau that set up the centre, which decides "
                "within five days (Art. 49)."
            ),
        )
    ]


def _announces(case, event) -> bool:
    """A change of status, or a lawyer providing aid before the decision (Art. 44)."""
    return event.from_state != event.to_state or event.transition == "provide_first"


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
        find=portal_online.find_by_tracking_code(AidCase),
        phones=lambda case: portal_online.applicant_phones(case.aid_parties, Side.APPLICANT),
        public_view=public_view,
        on_message=portal_online.message_received(notify_centre),
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
