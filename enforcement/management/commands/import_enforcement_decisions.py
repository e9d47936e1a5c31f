"""`fazhi import_enforcement_decisions FILE --user USERNAME [--check]`: the Excel import of
enforcement decisions from the shell (enforcement.importing: all rows or none, within the
user's reach — an agency's handler only their own agency's bodies' decisions)."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from enforcement.importing import import_decisions


class Command(ImportCommand):
    help = "Import enforcement decisions from a filled Excel template (all rows or none)."
    importer = import_decisions
    imported = gettext_lazy("%(rows)s rows valid, %(written)s enforcement decisions imported.")
