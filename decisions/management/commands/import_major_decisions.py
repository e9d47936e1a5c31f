"""`fazhi import_major_decisions FILE --user USERNAME [--check]`: the Excel import of past major
administrative decisions from the shell (decisions.importing: all rows or none, within the
user's reach — a decision-maker's handler only its own decisions)."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from decisions.importing import import_major_decisions


class Command(ImportCommand):
    help = "Import past major administrative decisions from a filled Excel template (all rows or none)."
    importer = import_major_decisions
    imported = gettext_lazy("%(rows)s rows valid, %(written)s major decisions imported.")
