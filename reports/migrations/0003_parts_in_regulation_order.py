"""Drafts created with the leaders' part before the shortcomings get the regulation's order
(厅字〔2019〕28号: measures, shortcomings, leaders, plans, other; reference/statutes.md §9): the
two parts swap places and their numerals (二、/三、). Frozen reports keep the text they froze."""

import re

from django.db import migrations

NUMBERED = re.compile(r"^([一二三四五六七八九十]+、)(.*)$", re.S)


def forwards(apps, schema_editor):
    Section = apps.get_model("reports", "Section")
    leaders_parts = Section.objects.filter(key="leaders", report__state="draft")
    for leaders in leaders_parts.select_related("report"):
        problems = Section.objects.filter(report=leaders.report, key="problems").first()
        if problems is None or problems.position < leaders.position:
            continue
        leaders.position, problems.position = problems.position, leaders.position
        a, b = NUMBERED.match(leaders.heading), NUMBERED.match(problems.heading)
        if a and b:
            leaders.heading, problems.heading = b.group(1) + a.group(2), a.group(1) + b.group(2)
        leaders.save(update_fields=["position", "heading"])
        problems.save(update_fields=["position", "heading"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_report_frozen_period_end"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
