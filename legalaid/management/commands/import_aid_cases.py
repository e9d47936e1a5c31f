"""`fazhi import_aid_cases FILE --user USERNAME [--check]`: the Excel import of past legal aid
cases from the shell (legalaid.importing: all rows or none)."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from legalaid.importing import import_aid_cases


class Command(ImportCommand):
    help = "Import past legal aid cases from a filled Excel template (all rows or none)."
    importer = import_aid_cases
    imported = gettext_lazy("%(rows)s rows valid, %(written)s legal aid cases imported.")
