"""Writes on annual reports: create with the default outline, edit a section (optimistic
locking, every version kept), freeze (snapshot of every figure with its query time), reopen."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import acting
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind, Region
from core.regions import jurisdiction_prefix
from indicators.registry import registry
from reports import figures
from reports.models import FrozenFigure, Report, ReportState, Section, SectionRevision
from reports.outline import default_sections, has_placeholder


class PlaceholdersRemain(Conflict):
    """Freezing a report whose text still holds placeholders (请填写) needs a confirmation."""

    code = "placeholders_remain"

    def __init__(self, message: str, *, sections: list[Section]):
        super().__init__(message, fields={"confirm": [message]})
        self.sections = sections


def report_title(organization: Organization, year: int) -> str:
    return f"{organization.name}{year}年法治政府建设年度报告"


def report_create(*, actor, region: Region, year: int) -> Report:
    """A new draft for a jurisdiction and year, with the required outline and each business
    line's default narrative."""
    if actor is not None and not actor.can_at("reports.add_report", region.code):
        raise PermissionDenied(_("You may not write reports for this jurisdiction."))
    if not 2000 <= year <= timezone.localdate().year:
        raise InvalidInput(
            _("Choose a past or the current year."), fields={"year": [_("Invalid year.")]}
        )
    if Report.objects.filter(region=region, year=year).exists():
        raise InvalidInput(
            _("A report for this jurisdiction and year already exists."),
            fields={"year": [_("Already exists.")]},
        )
    organization = (
        Organization.objects.filter(region=region, kind=OrganizationKind.JUSTICE_BUREAU)
        .order_by("id")
        .first()
    )
    if organization is None:
        raise InvalidInput(
            _("There is no justice bureau for this region."),
            fields={"region": [_("No justice bureau here.")]},
        )
    with acting(actor), transaction.atomic():
        report = Report.objects.create(
            region=region,
            region_code=region.code,
            organization=organization,
            year=year,
            title=report_title(organization, year),
        )
        for position, spec in enumerate(default_sections(report), start=1):
            section = Section.objects.create(report=report, position=position, updated_by=actor,
                                             **spec)  # fmt: skip
            SectionRevision.objects.create(section=section, version=1, heading=section.heading,
                                           body=section.body, created_by=actor)  # fmt: skip
    return report


def section_update(*, actor, section: Section, body: str, heading: str | None = None,
                   version: int | None = None) -> Section:  # fmt: skip
    report = section.report
    if not actor.can_at("reports.change_report", report.region_code):
        raise PermissionDenied(_("You may not edit this report."))
    unknown = figures.unknown_keys(body)
    if unknown:
        raise InvalidInput(
            _("Unknown figure %(keys)s; use the keys listed beside the editor.")
            % {"keys": "、".join(unknown)},
            fields={"body": [_("Unknown figure: %(keys)s") % {"keys": "、".join(unknown)}]},
        )
    with acting(actor), transaction.atomic():
        locked = Section.objects.select_for_update().get(pk=section.pk)
        if Report.objects.get(pk=report.pk).is_frozen:
            raise Conflict(_("The report is frozen; reopen it to edit."))
        if version is not None and int(version) != locked.version:
            raise Conflict(
                _("Someone else saved this section meanwhile (version %(now)s). Reload and "
                  "apply your changes again.") % {"now": locked.version}
            )  # fmt: skip
        locked.body = body
        if heading:
            locked.heading = heading
        locked.version += 1
        locked.updated_by = actor
        locked.save()
        SectionRevision.objects.create(section=locked, version=locked.version,
                                       heading=locked.heading, body=body, created_by=actor)  # fmt: skip
    return locked


def figure_keys(report: Report) -> set[str]:
    keys: set[str] = set()
    for section in report.sections.all():
        keys |= figures.keys_in(section.body)
    # Every period figure is kept (registers as they stood on the period's last day);
    # snapshots (running deadlines) only where the text prints them, since they change daily.
    return keys | {i.key for i in registry.all() if not i.snapshot}


def sections_with_placeholders(report: Report) -> list[Section]:
    """The sections whose heading or text still holds a placeholder (（请填写：……）)."""
    return [
        s for s in report.sections.all() if has_placeholder(s.heading) or has_placeholder(s.body)
    ]


def report_freeze(*, actor, report: Report, confirm_placeholders: bool = False) -> Report:
    """Snapshot every figure (those in the text and every registered indicator) with its query
    time and the span it covers (a year not yet over: to today); the text can no longer change
    until the report is reopened. While placeholders (请填写) remain nothing is frozen unless the
    actor confirms (PlaceholdersRemain names the sections)."""
    if not actor.can_at("reports.freeze_report", report.region_code):
        raise PermissionDenied(_("You may not freeze this report."))
    with acting(actor), transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.is_frozen:
            raise Conflict(_("The report is already frozen."))
        unfinished = sections_with_placeholders(report)
        if unfinished and not confirm_placeholders:
            raise PlaceholdersRemain(
                _("Placeholders (请填写) remain in: %(sections)s. Confirm to freeze anyway.")
                % {"sections": "；".join(s.heading for s in unfinished)},
                sections=unfinished,
            )
        # A year not yet over is frozen as counted to today; the report keeps that span.
        period = figures.period_of(report)
        values = figures.live(report, figure_keys(report), period)
        report.frozen_period_end = period.end
        report.revision += 1
        FrozenFigure.objects.bulk_create(
            [
                FrozenFigure(
                    report=report,
                    revision=report.revision,
                    key=v.key,
                    value=v.value,
                    numerator=v.numerator,
                    denominator=v.denominator,
                    previous=v.previous,
                    computed_at=v.computed_at,
                )
                for v in values.values()
            ]
        )
        report.state = ReportState.FROZEN
        report.frozen_at = timezone.now()
        report.frozen_by = actor
        report.save()
    return report


def report_reopen(*, actor, report: Report) -> Report:
    """Back to a draft with live figures; the frozen revision's figures are kept."""
    if not actor.can_at("reports.freeze_report", report.region_code):
        raise PermissionDenied(_("You may not reopen this report."))
    with acting(actor), transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        report.state = ReportState.DRAFT
        report.save()
    return report


def prefix_of(report: Report) -> str:
    return jurisdiction_prefix(report.region_code)
