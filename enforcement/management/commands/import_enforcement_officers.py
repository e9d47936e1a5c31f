"""`fazhi import_enforcement_officers FILE --user USERNAME [--check]`: the Excel import of
enforcement officers with their certificates from the shell (enforcement.register_importing:
all rows or none, only for the bodies within the user's reach)."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from enforcement.register_importing import import_officers


class Command(ImportCommand):
    help = "Import enforcement officers and their certificates from a filled Excel template."
    importer = import_officers
    imported = gettext_lazy("%(rows)s rows valid, %(written)s officers imported.")
