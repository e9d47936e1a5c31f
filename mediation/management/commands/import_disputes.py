"""`fazhi import_disputes FILE --user USERNAME [--check]`: the Excel import from the shell."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.models import User
from mediation.importing import import_disputes


class Command(BaseCommand):
    help = "Import past disputes from a filled Excel template (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="Whose jurisdiction and name to use.")
        parser.add_argument("--check", action="store_true", help="Only check, write nothing.")

    def handle(self, *args, file, user, check=False, **options):
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(_("No active user “%(user)s”.") % {"user": user})
        with open(file, "rb") as handle:
            result = import_disputes(handle, actor=actor, write=not check)
        for error in result.errors:
            self.stderr.write(f"{error.row}\t{error.column}\t{error.reason}")
        if not result.ok:
            raise CommandError(
                _("Nothing imported: %(n)s problems in %(rows)s rows.")
                % {"n": len(result.errors) + result.more_errors, "rows": result.rows}
            )
        self.stdout.write(
            _("%(rows)s rows valid, %(written)s disputes imported.")
            % {"rows": result.rows, "written": result.written}
        )
