"""Each upskilling step says which level it serves (issue 13), so a plan can give a senior gap a
senior step instead of the skill's first, beginner one.

A catalog that exists already gets a first guess from the order its steps were written in,
beginner first (the only hint of level it had): the first step L4, the second L5-L6, the rest
L7+. Editors correct it in the admin; a new catalog takes the seed's own levels. A new catalog
edition starts, so nothing kept under the old plans is served.
"""

import secrets

from django.db import migrations, models

LEVEL_CHOICES = [(1, "L4"), (2, "L5-L6"), (3, "L7+")]
LEVEL_HELP = (
    "L4 steps bring a skill to Working, L5-L6 steps to Proficient, L7+ steps to Expert: a plan "
    "gives a gap the steps of the levels it spans."
)


def guess_from_order(apps, schema_editor):
    UpskillingStep = apps.get_model("careers", "UpskillingStep")
    CatalogEdition = apps.get_model("careers", "CatalogEdition")
    changed = []
    for skill in UpskillingStep.objects.values_list("skill", flat=True).distinct():
        steps = UpskillingStep.objects.filter(skill=skill).order_by("order", "pk")
        for position, step in enumerate(steps, 1):
            if step.level != min(position, 3):
                step.level = min(position, 3)
                changed.append(step)
    UpskillingStep.objects.bulk_update(changed, ["level"])
    if changed:
        CatalogEdition.objects.filter(pk=1).update(number=secrets.randbits(62))


class Migration(migrations.Migration):
    dependencies = [("careers", "0009_serving_and_mlops_in_the_ladder")]

    operations = [
        migrations.AlterModelOptions(
            name="upskillingstep",
            options={"ordering": ["skill", "level", "order", "id"]},
        ),
        migrations.AddField(
            model_name="historicalupskillingstep",
            name="level",
            field=models.PositiveSmallIntegerField(
                choices=LEVEL_CHOICES,
                default=1,
                help_text=LEVEL_HELP,
                verbose_name="level it serves",
            ),
        ),
        migrations.AddField(
            model_name="upskillingstep",
            name="level",
            field=models.PositiveSmallIntegerField(
                choices=LEVEL_CHOICES,
                default=1,
                help_text=LEVEL_HELP,
                verbose_name="level it serves",
            ),
        ),
        migrations.RunPython(guess_from_order, migrations.RunPython.noop),
    ]
