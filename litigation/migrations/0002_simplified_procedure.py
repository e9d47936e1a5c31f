from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("litigation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="litigationcase",
            name="simplified",
            field=models.BooleanField(
                default=False,
                help_text="The court hears the case under the simplified procedure (Art. 82): judgment within 45 days of filing (Art. 83).",
                verbose_name="simplified procedure",
            ),
        ),
    ]
