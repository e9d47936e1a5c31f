"""Load the holiday schedule shipped by `chinesecalendar` (2004 to its last year)."""

from django.db import migrations


def load(apps, schema_editor):
    import chinese_calendar

    CalendarDay = apps.get_model("cases", "CalendarDay")
    CalendarYear = apps.get_model("cases", "CalendarYear")
    rows = [
        CalendarDay(date=d, kind="rest", name=str(n), source="package")
        for d, n in chinese_calendar.holidays.items()
    ] + [
        CalendarDay(date=d, kind="workday", name=str(n), source="package")
        for d, n in chinese_calendar.workdays.items()
    ]
    CalendarDay.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    years = sorted({d.year for d in chinese_calendar.holidays})
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source="package") for y in years], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_calendar")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
