"""Load the holiday schedule shipped by `chinesecalendar` (2004 to its last year)."""

from django.db import migrations


def load(apps, schema_editor):
    from cases.calendar import sync_from_package

    sync_from_package(apps.get_model("cases", "CalendarDay"), apps.get_model("cases", "CalendarYear"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_calendar")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
