"""`fazhi report --region CODE --year YYYY --format html|docx|pdf -o FILE`."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from core.errors import FazhiError
from core.models import Region
from core.regions import normalize_code
from reports import render
from reports.models import Report
from reports.services import report_create


class Command(BaseCommand):
    help = "Write the annual report of a jurisdiction and year to a file (created if missing)."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["html", "docx", "pdf"], default="docx")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, region, year, format, output, **options):
        translation.activate(settings.LANGUAGE_CODE)
        try:
            code = normalize_code(region)
            place = Region.objects.get(code=code)
        except (ValidationError, Region.DoesNotExist):
            raise CommandError(_("Unknown region code “%(code)s”.") % {"code": region}) from None
        report = Report.objects.filter(region=place, year=year).first()
        try:
            if report is None:
                report = report_create(actor=None, region=place, year=year)
            content, _type, _ext = render.export(report, format)
        except FazhiError as exc:
            raise CommandError(exc.message) from None
        with open(output, "wb") as handle:
            handle.write(content)
        self.stdout.write(_("%(title)s → %(file)s") % {"title": report.title, "file": output})
