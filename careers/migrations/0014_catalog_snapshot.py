"""Catalog snapshots (issue 25, point 1): what the catalog said — the scoring catalog, the
upskilling steps and why each track needs each skill — kept once per content instead of in
every result. Assessments point at one; 0015 fills them from the results, 0016 drops the
per-assessment copy of the scoring catalog."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("careers", "0013_assessment_last_seen")]

    operations = [
        migrations.CreateModel(
            name="CatalogSnapshot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(editable=False, max_length=64, unique=True)),
                ("content", models.JSONField(editable=False)),
                ("created", models.DateTimeField(auto_now_add=True)),
            ],
        ),
        migrations.AddField(
            model_name="assessment",
            name="snapshot",
            field=models.ForeignKey(
                help_text="What the catalog said when the result was kept.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assessments",
                to="careers.catalogsnapshot",
                to_field="key",
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="result",
            field=models.JSONField(help_text="The person's own verdict and plan (SavedResult)."),
        ),
    ]
