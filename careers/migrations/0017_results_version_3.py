"""Every stored result to version 3 (issue 26; careers/core/result.py).

Version 3 adds "estimated" (the ratings the quick quiz's model of the person gave the skills it
did not ask, which the result is scored on with the rated ones) and "verdict" (what the quiz's
last screen said: kind, track, level, how sure, the skills estimated).

A version 2 result was scored with every unasked skill as None: nothing of it was estimated, so
it gets "estimated": {} and the verdict its own figures state, as careers.core.verdict.verdict_of
states it, sure as its how_sure said: settled, very likely (the track very likely), or open.

Going back drops the two keys (a result scored on estimates keeps its figures, and forgets
which skills were estimated).

Written against plain dicts on purpose, not careers.core: this migration must keep meaning what
it means when the reader moves on to a version 4.
"""

from django.db import migrations

BATCH = 200
NEITHER_FIT = 40  # careers.core.scoring: every track below L4 and the best fit under this
BOTH_FIT_MARGIN = 5  # fits closer than this: both fit
TIE = 1  # careers.core.verdict: fits this close name neither track as ahead


def sure(how_sure: dict) -> str:
    if how_sure["settled"]:
        return "settled"
    return "very likely" if how_sure["track_likely"] else "open"


def verdict(result: dict) -> dict:
    """The verdict a version 2 result's own figures state (careers.core.verdict.verdict_of)."""
    ahead, margin = result["tracks"][0], result["margin"]
    if all(t["band"] == 0 for t in result["tracks"]) and ahead["fit"] < NEITHER_FIT:
        kind = "neither"
    elif result["both_fit"] or margin < BOTH_FIT_MARGIN:
        kind = "both"
    else:
        kind = "track"
    track = None if kind == "both" and margin < TIE else ahead["slug"]
    level = ahead["level"]
    return {"kind": kind, "track": track, "level": level, "sure": sure(result["how_sure"]),
            "estimated_skills": []}  # fmt: skip


def rewrite(apps, change) -> None:
    """Each result through change (None: left as it is), in batches by primary key."""
    Assessment = apps.get_model("careers", "Assessment")
    todo = Assessment.objects.only("result").order_by("pk")
    last = 0
    while batch := list(todo.filter(pk__gt=last)[:BATCH]):
        last = batch[-1].pk
        changed = []
        for assessment in batch:
            new = change(assessment.result)
            if new is not None:
                assessment.result = new
                changed.append(assessment)
        Assessment.objects.bulk_update(changed, ["result"])


def version_3(result: dict) -> dict | None:
    if result.get("version") != 2:
        return None
    return result | {"version": 3, "estimated": {}, "verdict": verdict(result)}


def version_2(result: dict) -> dict | None:
    if result.get("version") != 3:
        return None
    kept = {key: value for key, value in result.items() if key not in ("estimated", "verdict")}
    return kept | {"version": 2}


def forward(apps, schema_editor):
    rewrite(apps, version_3)


def backward(apps, schema_editor):
    rewrite(apps, version_2)


class Migration(migrations.Migration):
    dependencies = [("careers", "0016_assessment_snapshot_required")]

    operations = [migrations.RunPython(forward, backward)]
