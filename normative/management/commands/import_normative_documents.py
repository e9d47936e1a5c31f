"""`fazhi import_normative_documents FILE --user USERNAME [--check]`: the Excel import of the
registry of normative documents already issued, from the shell (normative.importing: all rows
or none, within the user's reach — an agency's handler only their own body's documents)."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from normative.importing import import_normative_documents


class Command(ImportCommand):
    help = "Import published normative documents (and their filings) from a filled Excel template (all rows or none)."
    importer = import_normative_documents
    imported = gettext_lazy("%(rows)s rows valid, %(written)s normative documents imported.")
