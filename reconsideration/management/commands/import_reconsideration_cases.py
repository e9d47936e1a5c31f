"""`fazhi import_reconsideration_cases FILE --user USERNAME [--check]`: the Excel import of past
administrative reconsideration cases from the shell (reconsideration.importing: all rows or
none)."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from reconsideration.importing import import_reconsideration_cases


class Command(ImportCommand):
    help = "Import past reconsideration cases from a filled Excel template (all rows or none)."
    importer = import_reconsideration_cases
    imported = gettext_lazy("%(rows)s rows valid, %(written)s reconsideration cases imported.")
