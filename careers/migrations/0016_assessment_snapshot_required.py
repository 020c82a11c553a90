"""Every assessment points at its catalog snapshot (0015 filled them), so none keeps a copy of
the scoring catalog of its own. Apart from 0015: on PostgreSQL a table cannot be altered in the
transaction that updated its rows' deferred foreign keys."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("careers", "0015_results_version_2")]

    operations = [
        migrations.RemoveField(model_name="assessment", name="catalog"),
        migrations.AlterField(
            model_name="assessment",
            name="snapshot",
            field=models.ForeignKey(
                help_text="What the catalog said when the result was kept.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assessments",
                to="careers.catalogsnapshot",
                to_field="key",
            ),
        ),
    ]
