from django.core.management.base import BaseCommand

from cases.calendar import sync_from_package


class Command(BaseCommand):
    help = "Copy the holiday schedule of the installed chinesecalendar package into the calendar tables (manual entries are kept)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync"])

    def handle(self, *args, action, **options):
        result = sync_from_package()
        self.stdout.write(f"calendar: {result['days']} days and {result['years']} years added")
