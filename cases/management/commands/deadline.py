import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from cases.calendar import get_calendar, provisional_note


class Command(BaseCommand):
    help = (
        "Print the due date of an N-day period starting on START (the start day not counted). "
        "Calendar days by default (a last day that is a rest day rolls to the next working day); "
        "--working counts working days (工作日)."
    )

    def add_arguments(self, parser):
        parser.add_argument("start", help="start date, ISO (2025-09-30)")
        parser.add_argument("days", help="length of the period, at least 1")
        parser.add_argument("--working", action="store_true", help="count working days")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, start, days, working, json: bool = False, **options):
        try:
            start_date = datetime.date.fromisoformat(start)
        except ValueError:
            raise CommandError(f"日期格式错误 / bad date: {start!r} (use YYYY-MM-DD)") from None
        try:
            length = int(days)
        except ValueError:
            raise CommandError(f"天数必须是整数 / N must be a whole number: {days!r}") from None
        if length < 1:
            raise CommandError("期间至少为 1 日 / N must be at least 1")
        try:
            due = get_calendar().add(start_date, length, working=working)
        except OverflowError:
            raise CommandError("期间超出日历范围 / the period runs past the calendar") from None
        if json:
            self.stdout.write(
                _json(
                    {
                        "start": start_date.isoformat(),
                        "days": length,
                        "working": working,
                        "due": due.date.isoformat(),
                        "nominal": due.nominal.isoformat(),
                        "rolled_forward": due.rolled_forward,
                        "provisional": due.provisional,
                        "provisional_years": list(due.provisional_years),
                    }
                )
            )
        elif due.provisional:
            # The same flag as the calculator page: the date first, then why it is 暂定.
            self.stdout.write(f"{due.date.isoformat()} {provisional_note(due)}")
        else:
            self.stdout.write(due.date.isoformat())


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False)
