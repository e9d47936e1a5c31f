"""`fazhi import_reconsideration_cases FILE --user USERNAME [--check]`: the Excel import of past
administrative reconsideration cases from the shell (reconsideration.importing: all rows or
none)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.errors import PermissionDenied
from core.importing import ImportCommand
from reconsideration.importing import import_reconsideration_cases


class Command(ImportCommand):
    help = "Import past reconsideration cases from a filled Excel template (all rows or none)."

    def handle(self, *args, file, user, check=False, **options):
        actor = self.actor(user)
        try:
            with open(file, "rb") as handle:
                result = import_reconsideration_cases(handle, actor=actor, write=not check)
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
            _("%(rows)s rows valid, %(written)s reconsideration cases imported.")
            % {"rows": result.rows, "written": result.written}
        )
