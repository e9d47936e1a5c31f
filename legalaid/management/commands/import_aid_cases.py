"""`fazhi import_aid_cases FILE --user USERNAME [--check]`: the Excel import of past legal aid
cases from the shell (legalaid.importing: all rows or none)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.errors import PermissionDenied
from core.models import User
from legalaid.importing import import_aid_cases


class Command(BaseCommand):
    help = "Import past legal aid cases from a filled Excel template (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="Whose jurisdiction and name to use.")
        parser.add_argument("--check", action="store_true", help="Only check, write nothing.")

    def handle(self, *args, file, user, check=False, **options):
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(_("No active user “%(user)s”.") % {"user": user})
        try:
            with open(file, "rb") as handle:
                result = import_aid_cases(handle, actor=actor, write=not check)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        for error in result.errors:
            self.stderr.write(f"{error.row}\t{error.column}\t{error.reason}")
        if not result.ok:
            raise CommandError(
                _("Nothing imported: %(n)s problems in %(rows)s rows.")
                % {"n": len(result.errors) + result.more_errors, "rows": result.rows}
            )
        if check:
            self.stdout.write(
                _("%(rows)s rows valid; nothing written (--check).") % {"rows": result.rows}
            )
            return
        self.stdout.write(
            _("%(rows)s rows valid, %(written)s legal aid cases imported.")
            % {"rows": result.rows, "written": result.written}
        )
