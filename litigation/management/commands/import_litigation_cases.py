"""`fazhi import_litigation_cases FILE --user USERNAME [--check]`: the Excel import of past
litigation cases from the shell (litigation.importing: all rows or none, within the user's
reach — an agency's handler only their own agency's cases)."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from litigation.importing import import_litigation_cases


class Command(ImportCommand):
    help = "Import past litigation cases from a filled Excel template (all rows or none)."
    importer = import_litigation_cases
    imported = gettext_lazy("%(rows)s rows valid, %(written)s litigation cases imported.")
