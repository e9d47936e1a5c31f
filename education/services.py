"""Writes of public legal education (普法): activities, responsibility lists (谁执法谁普法) and
the register of model villages.

Each write checks the whole input first and raises InvalidInput with a message per field that
names the field (nothing written), then writes in one transaction with the audit trail
attributed to the actor (core.audit.acting). Who may write what is the access matrix
(education.roles), applied with the same rule as the lists' scoping (core.querysets): a region
role within its jurisdiction, an agency's handler for its own agency.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.fields import INT_MAX
from core.models import Organization, OrganizationKind, Region
from core.querysets import may_at, within_reach
from core.regions import RegionLevel, jurisdiction_prefix
from education.choices import ActivityForm, AudienceKind, Grade, TitleLevel
from education.models import (
    EducationActivity,
    Evaluation,
    ModelVillage,
    ResponsibilityItem,
    ResponsibilityList,
)

Errors = dict[str, list[str]]

# The earliest year a list or a title may carry: the first five-year plan of public legal
# education began in 1986.
FIRST_YEAR = 1986


# -- helpers -----------------------------------------------------------------------------------


def may(actor, perm: str, *, region_code: str, organization_id: int | None = None) -> bool:
    """Whether `actor` holds `perm` over a row of the region `region_code` belonging to the
    organisation `organization_id` (core.querysets.may_at, for a row not yet written)."""
    return may_at(actor, perm, region_code=region_code, organization_id=organization_id)


def _require(actor, perm: str, *, region_code: str, organization_id: int | None, message: str):
    if not may(actor, perm, region_code=region_code, organization_id=organization_id):
        raise PermissionDenied(message)


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _text(data: dict, key: str, errors: Errors, model, *, required: bool = True,
          max_length: int | None = None) -> str:  # fmt: skip
    value = str(data.get(key) or "").strip()
    if required and not value:
        errors[key] = [_("Fill in “%(field)s”.") % {"field": _label(model, key)}]
    elif max_length and len(value) > max_length:
        errors[key] = [_("“%(field)s” holds at most %(n)s characters.")
                       % {"field": _label(model, key), "n": max_length}]  # fmt: skip
    return value


def _count(data: dict, key: str, errors: Errors, model, *, required: bool) -> int:
    """A head count or a number of copies: a whole number, 0 or more."""
    value = data.get(key)
    label = _label(model, key)
    if value in (None, ""):
        if required:
            errors[key] = [_("Fill in “%(field)s”.") % {"field": label}]
        return 0
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors[key] = [_("“%(field)s” must be a whole number.") % {"field": label}]
        return 0
    if number < 0:
        errors[key] = [_("“%(field)s” cannot be negative.") % {"field": label}]
    elif number > INT_MAX:
        errors[key] = [_("“%(field)s” is too large.") % {"field": label}]
    return number


def _date(data: dict, key: str, errors: Errors, model, *, required: bool,
          not_future: bool = True) -> datetime.date | None:  # fmt: skip
    value = data.get(key)
    label = _label(model, key)
    if value in (None, ""):
        if required:
            errors[key] = [_("Fill in “%(field)s”.") % {"field": label}]
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            errors[key] = [_("“%(field)s” must be a date (YYYY-MM-DD).") % {"field": label}]
            return None
    if not_future and value > timezone.localdate():
        errors[key] = [_("“%(field)s” cannot be in the future.") % {"field": label}]
    return value


def _choice(data: dict, key: str, errors: Errors, model, choices) -> str:
    value = str(data.get(key) or "").strip()
    if value not in choices.values:
        errors[key] = [_("Choose a value for “%(field)s” from the list.")
                       % {"field": _label(model, key)}]  # fmt: skip
    return value


def _year(data: dict, key: str, errors: Errors, model, *, latest: int) -> int | None:
    label = _label(model, key)
    try:
        year = int(str(data.get(key) or "").strip())
    except ValueError:
        errors[key] = [_("Fill in “%(field)s” as a year.") % {"field": label}]
        return None
    if not FIRST_YEAR <= year <= latest:
        errors[key] = [_("“%(field)s” must be a year from %(first)s to %(last)s.")
                       % {"field": label, "first": FIRST_YEAR, "last": latest}]  # fmt: skip
        return None
    return year


# -- activities --------------------------------------------------------------------------------


def organizers_for(user, perm: str = "education.add_educationactivity"):
    """The organisations whose activities `user` may record: every active organisation of a
    region role's jurisdiction, an organisation-scoped role's own."""
    orgs = Organization.objects.filter(is_active=True)
    return within_reach(orgs, user, perm).order_by("region_id", "kind", "name")


def _activity_fields(actor, data: dict[str, Any], errors: Errors, perm: str) -> dict[str, Any]:
    m = EducationActivity
    organizer = data.get("organizer")
    if (
        not isinstance(organizer, Organization)
        or not organizers_for(actor, perm).filter(pk=organizer.pk).exists()
    ):
        errors["organizer"] = [_("Choose an organiser whose activities you may record.")]
        organizer = None
    region_code = str(data.get("region") or "").strip()
    if organizer is not None:
        region_code = region_code or organizer.region_id
        if not Region.objects.filter(code=region_code).exists():
            errors["region"] = [_("“%(field)s”: no region has this code.")
                                % {"field": _label(m, "region_code")}]  # fmt: skip
        elif not region_code.startswith(jurisdiction_prefix(organizer.region_id)):
            errors["region"] = [_("“%(field)s” must be the organiser's region or a region "
                                  "within it.") % {"field": _label(m, "region_code")}]  # fmt: skip
    return {
        "organizer": organizer,
        "region_code": region_code,
        "held_on": _date(data, "held_on", errors, m, required=True),
        "place": _text(data, "place", errors, m, max_length=200),
        "topic": _text(data, "topic", errors, m, max_length=200),
        "form": _choice(data, "form", errors, m, ActivityForm),
        "audience": _choice(data, "audience", errors, m, AudienceKind),
        "people_reached": _count(data, "people_reached", errors, m, required=True),
        "materials_distributed": _count(data, "materials_distributed", errors, m, required=False),
        "online_views": _count(data, "online_views", errors, m, required=False),
        "notes": _text(data, "notes", errors, m, required=False),
    }


def activity_record(*, actor, data: dict[str, Any]) -> EducationActivity:
    """Record a public legal education activity (普法活动; SD-PF Arts. 23, 28 ✅ for 以案释法 and
    the December law-education month). The date may not lie in the future: an activity is
    recorded once held."""
    errors: Errors = {}
    fields = _activity_fields(actor, data, errors, "education.add_educationactivity")
    InvalidInput.raise_for(errors)
    _require(actor, "education.add_educationactivity", region_code=fields["region_code"],
             organization_id=fields["organizer"].pk,
             message=_("You may not record activities of this organiser."))  # fmt: skip
    with acting(actor), transaction.atomic():
        return EducationActivity.objects.create(**fields)


def activity_update(*, actor, activity: EducationActivity, data: dict[str, Any]):
    """Correct a recorded activity (same checks as recording it)."""
    _require(actor, "education.change_educationactivity", region_code=activity.region_code,
             organization_id=activity.organizer_id,
             message=_("You may not change this activity."))  # fmt: skip
    errors: Errors = {}
    fields = _activity_fields(actor, data, errors, "education.change_educationactivity")
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        for key, value in fields.items():
            setattr(activity, key, value)
        activity.save()
    return activity


# -- responsibility lists (谁执法谁普法) -----------------------------------------------------------


def agencies_for(user, perm: str = "education.add_responsibilitylist"):
    """The agencies whose lists `user` may write: their own (agency handler), or every agency
    of a region role's jurisdiction."""
    agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
    return within_reach(agencies, user, perm).order_by("region_id", "name")


def _items(rows, errors: Errors) -> list[dict[str, str]]:
    m = ResponsibilityItem
    items = []
    for index, row in enumerate(rows or ()):
        row_errors: Errors = {}
        item = {key: _text(row, key, row_errors, m, max_length=limit)
                for key, limit in (("law", 200), ("target_audience", 200), ("measures", None))}  # fmt: skip
        if not any(item.values()):
            continue  # an empty row of the form
        for key, messages in row_errors.items():
            errors[f"items-{index}-{key}"] = messages
        items.append(item)
    return items


def _write_items(lst: ResponsibilityList, items: list[dict[str, str]]) -> None:
    lst.items.all().delete()
    ResponsibilityItem.objects.bulk_create(
        ResponsibilityItem(responsibility_list=lst, region_code=lst.region_code, position=i,
                           **item)
        for i, item in enumerate(items, start=1)
    )  # fmt: skip


def list_create(*, actor, agency, year, items) -> ResponsibilityList:
    """Draft an agency's 普法责任清单 for a year (谁执法谁普法; SD-PF Art. 10 ✅): the laws it
    enforces, whom it teaches each to, and how. One list per agency and year."""
    errors: Errors = {}
    m = ResponsibilityList
    if (
        not isinstance(agency, Organization)
        or not agencies_for(actor).filter(pk=agency.pk).exists()
    ):
        errors["agency"] = [_("Choose an agency whose list you may write.")]
        agency = None
    year = _year({"year": year}, "year", errors, m, latest=timezone.localdate().year + 1)
    if agency is not None and year and m.objects.filter(agency=agency, year=year).exists():
        errors["year"] = [_("This agency already has a list for %(year)s: change that one.")
                          % {"year": year}]  # fmt: skip
    cleaned = _items(items, errors)
    InvalidInput.raise_for(errors)
    _require(actor, "education.add_responsibilitylist", region_code=agency.region_id,
             organization_id=agency.pk,
             message=_("You may not write this agency's list."))  # fmt: skip
    with acting(actor), transaction.atomic():
        lst = m.objects.create(agency=agency, year=year, region_code=agency.region_id)
        _write_items(lst, cleaned)
    return lst


def list_update(*, actor, responsibility_list: ResponsibilityList, items) -> ResponsibilityList:
    """Replace a list's items. A published list stays published: what the public reads is the
    list as it stands (the change log keeps the earlier items)."""
    lst = responsibility_list
    _require(actor, "education.change_responsibilitylist", region_code=lst.region_code,
             organization_id=lst.agency_id, message=_("You may not change this list."))  # fmt: skip
    errors: Errors = {}
    cleaned = _items(items, errors)
    if lst.published and not cleaned:
        errors["items"] = [_("A published list keeps at least one item.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        _write_items(lst, cleaned)
        lst.save(update_fields=["updated_at"])
    return lst


def list_publish(*, actor, responsibility_list: ResponsibilityList, published_on=None):
    """Publish the list on a day (not in the future; default today). A list without items is
    not published."""
    lst = responsibility_list
    _require(actor, "education.change_responsibilitylist", region_code=lst.region_code,
             organization_id=lst.agency_id, message=_("You may not publish this list."))  # fmt: skip
    errors: Errors = {}
    day = _date({"published_on": published_on or timezone.localdate()}, "published_on", errors,
                ResponsibilityList, required=True)  # fmt: skip
    if not lst.items.exists():
        errors["items"] = [_("Add at least one item before publishing the list.")]
    if lst.published:
        errors["published_on"] = [_("The list is already published.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        lst.published, lst.published_on = True, day
        lst.save(update_fields=["published", "published_on", "updated_at"])
    return lst


# -- model villages ----------------------------------------------------------------------------


def _village_fields(actor, data: dict[str, Any], errors: Errors, perm: str,
                    current: ModelVillage | None = None) -> dict[str, Any]:  # fmt: skip
    m = ModelVillage
    region = data.get("region")
    if not isinstance(region, Region):
        code = str(region or "").strip()
        region = Region.objects.filter(code=code).first() if code else None
        if region is None:
            errors["region"] = [_("“%(field)s”: enter the 12-digit code of a village or "
                                  "community in the region table.")
                                % {"field": _label(m, "region")}]  # fmt: skip
    if region is not None and "region" not in errors:
        if region.level != RegionLevel.VILLAGE:
            errors["region"] = [_("“%(field)s” must be a village or community (the lowest "
                                  "level of the region table).") % {"field": _label(m, "region")}]  # fmt: skip
        elif not may(actor, perm, region_code=region.code):
            errors["region"] = [_("“%(field)s” lies outside your jurisdiction.")
                                % {"field": _label(m, "region")}]  # fmt: skip
    today = timezone.localdate()
    level = _choice(data, "level", errors, m, TitleLevel)
    year = _year(data, "year_named", errors, m, latest=today.year)
    revoked = _date(data, "revoked_on", errors, m, required=False)
    if revoked and year and "revoked_on" not in errors and revoked.year < year:
        errors["revoked_on"] = [_("“%(field)s” cannot come before the year it was named.")
                                % {"field": _label(m, "revoked_on")}]  # fmt: skip
    if region is not None and level and "region" not in errors:
        clash = m.objects.filter(region=region, level=level)
        if current is not None:
            clash = clash.exclude(pk=current.pk)
        if clash.exists():
            errors["level"] = [_("This village already holds the title at this level.")]
    return {
        "region": region,
        "level": level,
        "year_named": year,
        "batch": _text(data, "batch", errors, m, required=False, max_length=200),
        "revoked_on": revoked,
    }


def village_register(*, actor, data: dict[str, Any]) -> ModelVillage:
    """Enter a village or community named 民主法治示范村（社区） at a level in the register."""
    errors: Errors = {}
    fields = _village_fields(actor, data, errors, "education.add_modelvillage")
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return ModelVillage.objects.create(region_code=fields["region"].code, **fields)


def village_update(*, actor, village: ModelVillage, data: dict[str, Any]) -> ModelVillage:
    """Correct an entry, or record the withdrawal of the title (`revoked_on`)."""
    _require(actor, "education.change_modelvillage", region_code=village.region_code,
             organization_id=None, message=_("You may not change this entry."))  # fmt: skip
    errors: Errors = {}
    fields = _village_fields(actor, data, errors, "education.change_modelvillage", village)
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        for key, value in fields.items():
            setattr(village, key, value)
        village.region_code = village.region.code
        village.save()
    return village


# -- the yearly evaluation (履职评议) ---------------------------------------------------------------


def evaluation_report(*, actor, agency, year, self_report, reported_on=None) -> Evaluation:
    """An agency's yearly report on its 普法 duty (年度履职报告, statutes-lines §F ◑ S11;
    SD-PF Art. 31 ✅ evaluation): one per agency and year, dated (not in the future)."""
    m = Evaluation
    errors: Errors = {}
    if (
        not isinstance(agency, Organization)
        or not agencies_for(actor, "education.add_evaluation").filter(pk=agency.pk).exists()
    ):
        errors["agency"] = [_("Choose an agency whose evaluation you may write.")]
        agency = None
    today = timezone.localdate()
    year = _year({"year": year}, "year", errors, m, latest=today.year)
    report = _text({"self_report": self_report}, "self_report", errors, m)
    day = _date({"reported_on": reported_on or today}, "reported_on", errors, m, required=True)
    if agency is not None and year and m.objects.filter(agency=agency, year=year).exists():
        errors["year"] = [_("This agency already has an evaluation for %(year)s.")
                          % {"year": year}]  # fmt: skip
    InvalidInput.raise_for(errors)
    _require(actor, "education.add_evaluation", region_code=agency.region_id,
             organization_id=agency.pk,
             message=_("You may not write this agency's evaluation."))  # fmt: skip
    with acting(actor), transaction.atomic():
        return m.objects.create(agency=agency, year=year, region_code=agency.region_id,
                                self_report=report, reported_on=day)  # fmt: skip


def evaluation_report_update(*, actor, evaluation: Evaluation, self_report,
                             reported_on=None) -> Evaluation:  # fmt: skip
    """Change the agency's self-report (and its date) until the result is published — by the
    agency's own handler or the bureau; a published result is not changed. The row is locked
    while it is checked, so that a publication meanwhile is not overwritten."""
    _require(actor, "education.change_evaluation", region_code=evaluation.region_code,
             organization_id=evaluation.agency_id,
             message=_("You may not change this agency's self-report."))  # fmt: skip
    m = Evaluation
    errors: Errors = {}
    report = _text({"self_report": self_report}, "self_report", errors, m)
    day = _date({"reported_on": reported_on or evaluation.reported_on}, "reported_on", errors, m,
                required=True)  # fmt: skip
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        locked = m.objects.select_for_update().get(pk=evaluation.pk)
        if locked.published:
            message = _("The result is published; the self-report is no longer changed.")
            raise InvalidInput(message, fields={"self_report": [message]})
        locked.self_report, locked.reported_on = report, day
        locked.save(update_fields=["self_report", "reported_on", "updated_at"])
    evaluation.self_report, evaluation.reported_on = locked.self_report, locked.reported_on
    evaluation.updated_at = locked.updated_at
    return evaluation


def _bureau_only(actor, evaluation: Evaluation, message: str) -> None:
    # organization_id=None: only a region role (the bureau's staff) passes, never the
    # agency's own handler, who may change the evaluation's self-report only.
    _require(
        actor,
        "education.change_evaluation",
        region_code=evaluation.region_code,
        organization_id=None,
        message=message,
    )


def evaluation_assess(*, actor, evaluation: Evaluation, data: dict[str, Any]) -> Evaluation:
    """The review panel's score (0–100) and the grade. The public votes are not typed: they are
    counted from the portal's ballots (education.voting)."""
    _bureau_only(actor, evaluation, _("You may not assess this evaluation."))
    m = Evaluation
    errors: Errors = {}
    if evaluation.published:
        errors["grade"] = [_("A published result is not changed.")]
    score = None
    raw = data.get("expert_score")
    if raw not in (None, ""):
        label = _label(m, "expert_score")
        try:
            score = Decimal(str(raw).strip())
        except (InvalidOperation, ValueError):
            score = None
        if score is None or not score.is_finite() or not 0 <= score <= 100:
            errors["expert_score"] = [_("“%(field)s” must be a number from 0 to 100.")
                                      % {"field": label}]  # fmt: skip
            score = None
        elif score != score.quantize(Decimal("0.01")):
            errors["expert_score"] = [_("“%(field)s” has at most two decimal places.")
                                      % {"field": label}]  # fmt: skip
    grade = _choice(data, "grade", errors, m, Grade) if data.get("grade") else ""
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        evaluation.expert_score, evaluation.grade = score, grade
        evaluation.save(update_fields=["expert_score", "grade", "updated_at"])
    return evaluation


def evaluation_publish(*, actor, evaluation: Evaluation, published_on=None) -> Evaluation:
    """Publish the result (the grade) on a day, not in the future; a result without a grade is
    not published."""
    _bureau_only(actor, evaluation, _("You may not publish this evaluation."))
    errors: Errors = {}
    day = _date({"published_on": published_on or timezone.localdate()}, "published_on", errors,
                Evaluation, required=True)  # fmt: skip
    if not evaluation.grade:
        errors["grade"] = [_("Give the grade before publishing the result.")]
    if evaluation.published:
        errors["published_on"] = [_("The result is already published.")]
    if day and "published_on" not in errors and day < evaluation.reported_on:
        errors["published_on"] = [_("“%(field)s” cannot come before the report.")
                                  % {"field": _label(Evaluation, "published_on")}]  # fmt: skip
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        # Locked and checked again: of two publications at once (or a copy loaded before
        # another publication) only the first writes; the ballot's votes wait on this lock.
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.published:
            message = _("The result is already published.")
            raise InvalidInput(message, fields={"published_on": [message]})
        if not locked.grade:
            message = _("Give the grade before publishing the result.")
            raise InvalidInput(message, fields={"grade": [message]})
        locked.published, locked.published_on = True, day
        locked.save(update_fields=["published", "published_on", "updated_at"])
    evaluation.published, evaluation.published_on = True, day
    evaluation.updated_at = locked.updated_at
    return evaluation
