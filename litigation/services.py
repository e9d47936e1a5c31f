"""Writes of administrative litigation response: registering a lawsuit against an agency (one
trial level) with its plaintiffs, checked whole and written in one transaction or not at all —
the case, its parties, the first event, the answer clock (行政诉讼法第六十七条), the link to the
reconsideration case it follows (cases.models.CaseLink) and the act it challenges
(cases.models.ChallengedAct). The steps after registration are the process's transitions
(litigation.process), fired through cases.engine.

Agencies register their own cases; the bureau's staff register for any agency in their
jurisdiction. The reconsideration case is found generically — the process registered under the
key "reconsideration", searched by its number within what the user may see — so this line
imports no other."""

from __future__ import annotations

import datetime
import functools
import unicodedata
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.models import CaseLink, ChallengedAct
from cases.process import registry
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind
from core.querysets import within_reach
from core.services import clean_case_parties, save_case_parties
from core.validators import length_errors
from litigation.choices import Side, TrialLevel
from litigation.models import LitigationCase, LitigationParty

ADD = "litigation.add_litigationcase"
# The process key under which the reconsideration line registers its cases (cases.process).
RECONSIDERATION_PROCESS = "reconsideration"
# Which earlier levels a case may follow: an appeal follows the first instance, a retrial
# either (行政诉讼法第八十五条、第九十条至第九十二条).
EARLIER_LEVELS = {
    TrialLevel.SECOND: (TrialLevel.FIRST,),
    TrialLevel.RETRIAL: (TrialLevel.FIRST, TrialLevel.SECOND),
}


def court_case_key(number: str) -> str:
    """A court case number as compared: （2026）粤0105行初12号 = (2026)粤0105行初12号 = （２０２６）
    粤0105行初12号 — full-width forms folded, brackets made one kind, no spaces."""
    text = unicodedata.normalize("NFKC", number or "")
    for old in ("〔", "[", "【", "［"):
        text = text.replace(old, "(")
    for old in ("〕", "]", "】", "］"):
        text = text.replace(old, ")")
    return "".join(text.split())


def defendants(actor):
    """The agencies `actor` may register lawsuits for: an agency handler their own agency, the
    bureau's staff every agency in their jurisdiction."""
    agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
    return within_reach(agencies, actor, ADD)


def reconsideration_model():
    """The reconsideration line's case model, if that line is installed (looked up through the
    process registry, never imported)."""
    for process in registry.processes():
        if process.key == RECONSIDERATION_PROCESS:
            return apps.get_model(process.model)
    return None


def reconsideration_case(actor, number: str):
    """The reconsideration case numbered `number` among those `actor` may see, or None. The
    number may be typed with half-width brackets."""
    model = reconsideration_model()
    text = "".join((number or "").split())
    if model is None or not text:
        return None
    variants = {text, text.replace("(", "（").replace(")", "）"),
                text.replace("（", "(").replace("）", ")")}  # fmt: skip
    return model.objects.restrict(actor, "view").filter(number__in=variants).first()


def _date(data, key, errors, *, today, required_message=None) -> datetime.date | None:
    value = data.get(key)
    if value in (None, ""):
        if required_message:
            errors[key] = [required_message]
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            errors[key] = [_("Enter a valid date.")]
            return None
    if not isinstance(value, datetime.date):
        errors[key] = [_("Enter a valid date.")]
        return None
    if value > today:
        errors[key] = [_("The date cannot be in the future.")]
        return None
    return value


def clean_case_data(
    data: dict[str, Any], *, actor, defendant: Organization | None, unique: bool = True
):
    """Check and normalise the fields of a lawsuit; return (cleaned, errors by field). The
    cleaned data carries the earlier level's case (`earlier`) and the reconsideration case
    (`reconsideration`) when their numbers were given and found. `unique` False: the check
    that the court case is not registered yet is left to the service (a resubmitted form is
    answered with the case it registered, core.idempotency)."""
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    cleaned: dict[str, Any] = {}
    for key in ("court", "court_case_number", "cause", "act_description", "act_number",
                "reconsideration_number", "earlier_number"):  # fmt: skip
        value = data.get(key)
        cleaned[key] = " ".join(str(value).split()) if value not in (None, "") else ""
    errors.update(length_errors(LitigationCase, cleaned))
    if not cleaned["court"]:
        errors.setdefault("court", []).append(_("Name the court hearing the case."))
    if not cleaned["court_case_number"]:
        errors.setdefault("court_case_number", []).append(
            _("Enter the court case number, e.g. （2026）粤0105行初12号.")
        )
    if not cleaned["cause"]:
        errors.setdefault("cause", []).append(_("State the cause of action (案由)."))
    if not cleaned["act_description"]:
        errors.setdefault("act_description", []).append(
            _("Name the administrative act (or failure to act) the plaintiff challenges.")
        )
    level = data.get("trial_level") or ""
    if level not in TrialLevel.values:
        errors["trial_level"] = [_("Choose the trial level.")]
    cleaned["trial_level"] = level
    served = _date(data, "complaint_served_on", errors, today=today,
                   required_message=_("Enter the day the complaint (or the appeal or retrial "
                                      "papers) was served on the agency."))  # fmt: skip
    cleaned["complaint_served_on"] = served
    filed = _date(data, "filed_on", errors, today=today)
    if filed and served and filed > served:
        errors["filed_on"] = [_("The court files a case before it serves the complaint "
                                "(Art. 67).")]  # fmt: skip
        filed = None
    cleaned["filed_on"] = filed
    cleaned["simplified"] = data.get("simplified") in (True, "true", "True", "on", "1", 1)
    if cleaned["simplified"] and level and level != TrialLevel.FIRST:
        errors["simplified"] = [_("Only a first-instance case is heard under the simplified "
                                  "procedure (Art. 82).")]  # fmt: skip
    elif cleaned["simplified"] and filed is None and "filed_on" not in errors:
        errors["filed_on"] = [_("Enter the day the court filed the case: the 45 days of the "
                                "simplified procedure run from it (Art. 83).")]  # fmt: skip
    cleaned["court_case_key"] = court_case_key(cleaned["court_case_number"])
    if unique and defendant and cleaned["court_case_key"] and level in TrialLevel.values:
        taken = LitigationCase.objects.filter(
            organization=defendant, court_case_key=cleaned["court_case_key"], trial_level=level
        ).exists()
        if taken:
            errors.setdefault("court_case_number", []).append(
                _("This court case is already registered for %(agency)s at this trial level.")
                % {"agency": defendant}
            )
    cleaned["earlier"] = _earlier(cleaned, actor, defendant, errors)
    cleaned["reconsideration"] = None
    if cleaned["reconsideration_number"]:
        found = reconsideration_case(actor, cleaned["reconsideration_number"])
        if found is None:
            errors["reconsideration_number"] = [
                _(
                    "No reconsideration case with this number is within your reach: check the "
                    "number, or leave it empty."
                )
            ]
        cleaned["reconsideration"] = found
    return cleaned, errors


def _earlier(cleaned, actor, defendant, errors) -> LitigationCase | None:
    number, level = cleaned.pop("earlier_number"), cleaned["trial_level"]
    if not number:
        return None
    if level not in EARLIER_LEVELS:
        errors["earlier_number"] = [_("A first-instance case follows no earlier level.")]
        return None
    if defendant is None:
        return None
    earlier = (
        LitigationCase.objects.restrict(actor, "view")
        .filter(
            organization=defendant,
            court_case_key=court_case_key(number),
            trial_level__in=EARLIER_LEVELS[level],
        )
        .order_by("-received_at")
        .first()
    )
    if earlier is None:
        errors["earlier_number"] = [
            _("No case of %(agency)s at an earlier level has this court case number.")
            % {"agency": defendant}
        ]
    return earlier


def check_defendant(actor, organization, errors) -> None:
    if organization is None or organization.kind != OrganizationKind.AGENCY:
        errors["organization"] = [_("Choose the defendant agency.")]
    elif not organization.is_active:
        errors["organization"] = [_("That agency is no longer active.")]
    elif not defendants(actor).filter(pk=organization.pk).exists():
        errors["organization"] = [_("You may not register lawsuits against that agency.")]


def case_register(
    *, actor, organization: Organization | None, data: dict[str, Any], parties: list[dict]
) -> LitigationCase:
    """Register a lawsuit against `organization` (the defendant agency) at one trial level,
    with its plaintiffs and third parties: everything is checked first and written in one
    transaction (case, parties, first event, the answer clock of 行政诉讼法第六十七条, the
    link to the reconsideration case, the challenged act), or nothing is written."""
    if actor is None or not actor.can(ADD):
        raise PermissionDenied(_("You may not register litigation cases."))
    errors: dict[str, list[str]] = {}
    check_defendant(actor, organization, errors)
    defendant = organization if "organization" not in errors else None
    cleaned, data_errors = clean_case_data(data, actor=actor, defendant=defendant)
    for key, messages in data_errors.items():
        errors.setdefault(key, []).extend(messages)
    party_rows = clean_case_parties(
        actor, parties, errors, sides=Side.values,
        required=[(Side.PLAINTIFF, _("Name at least one plaintiff."))],
    )  # fmt: skip
    InvalidInput.raise_for(errors)
    earlier = cleaned.pop("earlier")
    target = cleaned.pop("reconsideration")
    if target is None and earlier is not None:
        # An appeal or a retrial follows the same reconsideration as the level before.
        cleaned["reconsideration_number"] = earlier.reconsideration_number
        targets = list(
            CaseLink.for_case(earlier)
            .filter(kind=CaseLink.Kind.LITIGATION_OF)
            .values_list("target_type_id", "target_id")
        )
    elif target is not None:
        cleaned["reconsideration_number"] = target.number
        targets = [(ContentType.objects.get_for_model(target).pk, target.pk)]
    else:
        targets = []
    served = cleaned["complaint_served_on"]
    try:
        with acting(actor), transaction.atomic():
            case = LitigationCase(
                **cleaned, earlier=earlier, number=cleaned["court_case_number"],
                organization=defendant, region_code=defendant.region_id,
            )  # fmt: skip
            if served != timezone.localdate():
                case.received_at = timezone.make_aware(
                    datetime.datetime.combine(served, datetime.time(9, 0))
                )
            engine.open_case(
                case,
                actor=actor,
                data={
                    "court": case.court,
                    "court_case_number": case.court_case_number,
                    "trial_level": case.trial_level,
                },
                on_date=served,
            )
            save_case_parties(
                party_rows, organization=defendant, actor=actor,
                link=functools.partial(LitigationParty.objects.create, case=case),
            )  # fmt: skip
            for type_id, target_id in targets:
                CaseLink.objects.create(
                    **CaseLink.ref(case), target_type_id=type_id, target_id=target_id,
                    kind=CaseLink.Kind.LITIGATION_OF,
                )  # fmt: skip
            ChallengedAct.record(case, defendant, case.act_number)
    except IntegrityError as exc:
        # Registered by someone else in the meantime (litcase_unique_court_case).
        if "litcase" not in str(exc) and "litigationcase" not in str(exc):
            raise
        raise InvalidInput(
            _("This court case is already registered for %(agency)s at this trial level.")
            % {"agency": defendant},
            fields={"court_case_number": [_("Already registered.")]},
        ) from None
    return case


def linked_reconsideration(case, user):
    """The reconsideration case `case` follows, if `user` may see it (for the case page)."""
    link = CaseLink.for_case(case).filter(kind=CaseLink.Kind.LITIGATION_OF).first()
    if link is None:
        return None
    model = link.target_type.model_class()
    if model is None:
        return None
    return model.objects.restrict(user, "view").filter(pk=link.target_id).first()


def same_act_cases(case, user) -> list:
    """The other cases of any line, `user` may see, that challenge the same act of the same
    agency (行政复议法第二十九条: one act is not under reconsideration and in court at once),
    leaving out this lawsuit's other trial levels."""
    if not case.act_number:
        return []
    levels = {case.earlier_id, *case.later_levels.values_list("pk", flat=True)}
    others = ChallengedAct.other_cases(case.organization, case.act_number, exclude=case, user=user)
    return [o for o in others if not (isinstance(o, LitigationCase) and o.pk in levels)]
