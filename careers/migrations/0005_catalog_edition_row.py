from django.db import migrations


def create_row(apps, schema_editor):
    # The one row the page cache bumps atomically (careers/web/pagecache.py): present from the
    # start, so no two first edits race to create it.
    apps.get_model("careers", "CatalogEdition").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("careers", "0004_catalog_edition")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
