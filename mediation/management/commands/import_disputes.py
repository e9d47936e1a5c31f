"""`fazhi import_disputes FILE --user USERNAME [--check]`: the Excel import from the shell."""

from django.utils.translation import gettext as _

from core.importing import ImportCommand
from mediation.importing import import_disputes


class Command(ImportCommand):
    help = "Import past disputes from a filled Excel template (all rows or none)."

    def handle(self, *args, file, user, check=False, **options):
        actor = self.actor(user)
        with open(file, "rb") as handle:
            result = import_disputes(handle, actor=actor, write=not check)
        self.report(result)
        self.stdout.write(
            _("%(rows)s rows valid, %(written)s disputes imported.")
            % {"rows": result.rows, "written": result.written}
        )
