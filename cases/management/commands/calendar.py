from django.core.management.base import BaseCommand

from cases.schedules import sync_package


class Command(BaseCommand):
    help = (
        "Copy the holiday schedule of the installed chinesecalendar package into the calendar "
        "tables (years entered by staff are kept), then recompute the deadlines that were "
        "provisional for the years it adds."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync"])

    def handle(self, *args, action, **options):
        result = sync_package()
        self.stdout.write(
            f"calendar: {result['days']} days and {result['years']} years added, "
            f"{result['clocks']} deadlines recomputed"
        )
