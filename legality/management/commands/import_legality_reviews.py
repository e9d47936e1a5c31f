"""`fazhi import_legality_reviews FILE --user USERNAME [--check]`: the Excel import of past
legality reviews from the shell (legality.importing: all rows or none, within the user's
reach — a department's handler only their own department's reviews)."""

from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from legality.importing import import_legality_reviews


class Command(ImportCommand):
    help = "Import past legality reviews from a filled Excel template (all rows or none)."
    importer = import_legality_reviews
    imported = gettext_lazy("%(rows)s rows valid, %(written)s legality reviews imported.")
