"""`fazhi import_aid_cases FILE --user USERNAME [--check]`: the Excel import of past legal aid
cases from the shell (legalaid.importing: all rows or none)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.errors import PermissionDenied
from core.importing import ImportCommand
from legalaid.importing import import_aid_cases


class Command(ImportCommand):
    help = "Import past legal aid cases from a filled Excel template (all rows or none)."

    def handle(self, *args, file, user, check=False, **options):
        actor = self.actor(user)
        try:
            with open(file, "rb") as handle:
                result = import_aid_cases(handle, actor=actor, write=not check)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.report(result)
        if check:
            self.stdout.write(
                _("%(rows)s rows valid; nothing written (--check).") % {"rows": result.rows}
            )
            return
        self.stdout.write(
            _("%(rows)s rows valid, %(written)s legal aid cases imported.")
            % {"rows": result.rows, "written": result.written}
        )
