"""`fazhi recheck_discretion [--check]`: record the discretion-standard version in force on
the decision day for penalties reported while their body had none on record (e.g. past
decisions imported before the standards), with whether the fine lies outside its range
(enforcement.discretion_services.recheck_unrecorded; CF Art. 34). Decisions that already have
a version are left as they are."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from enforcement.discretion_services import recheck_unrecorded


class Command(BaseCommand):
    help = "Record the discretion standard version for penalties reported without one."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only count, write nothing.")

    def handle(self, *args, check=False, **options):
        found = recheck_unrecorded(write=not check)
        message = _(
            "%(checked)s penalty decisions without a discretion standard version looked at; "
            "a version was found for %(recorded)s, of which %(outside)s fines lie outside its "
            "range."
        ) % {"checked": found.checked, "recorded": found.recorded, "outside": found.outside}
        self.stdout.write(message)
        if check:
            self.stdout.write(_("Nothing written (--check)."))
