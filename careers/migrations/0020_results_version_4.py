"""Every stored result to version 4 (issue 27; careers/core/result.py).

Version 4 judges levels by depth in a specialism's core and by scope. A version 3 result was
judged on the breadth ladder: its levels stand as they were (a result is what the person was
told), with "ladder": 1 so that the roadmap says which ladder they come from and that a retake
gives the new one. Each track's "coverage" becomes its "depth" (the share of what each band
asked that was met) and its "specialism" is "" (that ladder had none); "defining" goes.

Going back restores version 3's keys ("defining" as the depth, which a version 4 result never
measured).

Written against plain dicts on purpose, not careers.core: this migration must keep meaning what
it means when the reader moves on to a version 5.
"""

import importlib

from django.db import migrations

rewrite = importlib.import_module("careers.migrations.0017_results_version_3").rewrite


def version_4(result: dict) -> dict | None:
    if result.get("version") != 3:
        return None
    tracks = [
        {k: v for k, v in track.items() if k not in ("coverage", "defining")}
        | {"depth": track["coverage"], "specialism": ""}
        for track in result["tracks"]
    ]
    return result | {"version": 4, "ladder": 1, "tracks": tracks}


def version_3(result: dict) -> dict | None:
    if result.get("version") != 4:
        return None
    tracks = [
        {k: v for k, v in track.items() if k not in ("depth", "specialism")}
        | {"coverage": track["depth"], "defining": track["depth"]}
        for track in result["tracks"]
    ]
    kept = {k: v for k, v in result.items() if k != "ladder"}
    return kept | {"version": 3, "tracks": tracks}


def forward(apps, schema_editor):
    rewrite(apps, version_4)


def backward(apps, schema_editor):
    rewrite(apps, version_3)


class Migration(migrations.Migration):
    dependencies = [("careers", "0019_levels_by_specialism_and_scope")]

    operations = [migrations.RunPython(forward, backward)]
