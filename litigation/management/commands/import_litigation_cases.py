"""`fazhi import_litigation_cases FILE --user USERNAME [--check]`: the Excel import of past
litigation cases from the shell (litigation.importing: all rows or none, within the user's
reach — an agency's handler only their own agency's cases)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.errors import PermissionDenied
from core.importing import ImportCommand
from litigation.importing import import_litigation_cases


class Command(ImportCommand):
    help = "Import past litigation cases from a filled Excel template (all rows or none)."

    def handle(self, *args, file, user, check=False, **options):
        actor = self.actor(user)
        try:
            with open(file, "rb") as handle:
                result = import_litigation_cases(handle, actor=actor, write=not check)
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
            _("%(rows)s rows valid, %(written)s litigation cases imported.")
            % {"rows": result.rows, "written": result.written}
        )
