"""Remote work is no longer a scored preference (issue 12): none of its options leaned toward AI
Engineer, so wanting remote work always pushed toward ML Engineer. The roadmap shows the
article's remote shares (demand metric "remote-share") as context instead.

Removes the question the seed shipped (its options go with it) and the calibration personas'
answers to it, and starts a new catalog edition so nothing kept under the old one is served.
Assessments keep the catalog they were scored against, so their results do not change.
Not reversible in content: going back leaves the question out, as an editor can add it again.
"""

import secrets

from django.db import migrations

QUESTION = "remote"


def remove_remote_question(apps, schema_editor):
    PreferenceQuestion = apps.get_model("careers", "PreferenceQuestion")
    CalibrationPersona = apps.get_model("careers", "CalibrationPersona")
    CatalogEdition = apps.get_model("careers", "CatalogEdition")
    deleted, _ = PreferenceQuestion.objects.filter(slug=QUESTION).delete()
    for persona in CalibrationPersona.objects.all():
        if QUESTION in (persona.preferences or {}):
            persona.preferences = {k: v for k, v in persona.preferences.items() if k != QUESTION}
            persona.save(update_fields=["preferences"])
            deleted += 1
    if deleted:
        CatalogEdition.objects.filter(pk=1).update(number=secrets.randbits(62))


class Migration(migrations.Migration):
    dependencies = [("careers", "0007_assessment_attempt")]

    operations = [migrations.RunPython(remove_remote_question, migrations.RunPython.noop)]
