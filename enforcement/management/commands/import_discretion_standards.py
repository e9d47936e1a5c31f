"""`fazhi import_discretion_standards FILE --user USERNAME [--check]`: the Excel import of the
discretion standards (行政处罚裁量基准) with their lenient lists from the shell
(enforcement.register_importing: all rows or none, only for the bodies within the user's
reach). Import the standards before past decisions, or run `recheck_discretion` afterwards."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from enforcement.register_importing import import_standards


class Command(ImportCommand):
    help = "Import discretion standards with their lenient lists from a filled Excel template."
    importer = import_standards
    imported = gettext_lazy("%(rows)s rows valid, %(written)s rows of standards imported.")
