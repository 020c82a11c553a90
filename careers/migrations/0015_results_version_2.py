"""Every stored result to version 2 (issue 25, point 1; careers/core/result.py).

Before, a result was the scoring engine's whole output (asdict), the names of the skills rated,
and for every track a plan holding full copies of its steps (titles, why-texts, resources), and
the assessment kept the scoring catalog beside it: about 80 KB a result, 170 KB for one answered
in a single question. Shapes kept over time, all read here:

- 0003 on: plans per track, each step with "raises_to" (until step levels came, no "level").
- steps without "raises_to" (93f183f), still without "level".
- steps with "level" (issue 13, 0010).
- results without "skills_margin" / "preferences_margin" (before 76613a3): scored again on the
  catalog they were scored against, as the roadmap did when it showed them.
- results without "how_sure" (before the quick quiz): answered in full, settled.
- "how_sure" without "margin_range" (before 5c2cdd5) or without "track_likely", "sure" and the
  chances (before e4825f2): those read as not said (False, None).
- results without "carried" (before d5baca5): carried stays null (nothing recorded).
- results made before 0003 kept no scoring catalog (a "plan" key, `catalog` {} since 0003):
  nothing can read them against what they were scored on, and the roadmap has failed on them
  since 0003, so they are removed with their progress rather than guessed at.

Version 2 keeps the person's own verdict and the plan as step ids; what the catalog said goes
once per content into a CatalogSnapshot: the assessment's scoring catalog, and the steps and
why-texts its plans held (so the snapshot of an old result has exactly the steps it showed).

Reversible: going back writes the old shape again from the snapshot (the scoring engine's
contributions and pushes, which nothing read, come back empty).

Written against plain dicts on purpose, not careers.core.result: this migration must keep
meaning what it means when the reader moves on to a version 3.
"""

import hashlib
import json

from django.db import migrations

from careers.core.planning import catalog_from_dict
from careers.core.scoring import Answers, score

VERSION = 2
LEVELS = ("below L4", "L4", "L5-L6", "L7+")
BATCH = 200
HOW_SURE_DEFAULTS = {
    "track_likely": False,
    "sure": False,
    "chance_track": None,
    "chance_level": None,
    "likely_level": None,
    "levels": {},
    "could_change": [],
    "margin_range": None,
}
STEP_FIELDS = ("id", "skill", "title", "why", "hours")


def snapshot_key(content: dict) -> str:
    """As careers.core.result.Snapshot.key fingerprints its content."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def catalog_texts(result: dict) -> tuple[list[dict], list[list[str]]]:
    """The steps and why-texts an old result's plans hold, each once, skill by skill."""
    steps, why = {}, {}
    for track, plan in result["plans"].items():
        for phase in plan:
            for gap in phase["gaps"]:
                if gap.get("why_for_track"):
                    why[track, gap["skill"]] = gap["why_for_track"]
                for step in gap["steps"]:
                    steps.setdefault(step["id"], step)
    kept = [
        {
            **{name: step[name] for name in STEP_FIELDS},
            "level": step.get("level"),
            "resources": [{"title": r["title"], "url": r["url"]} for r in step["resources"]],
        }
        for step in steps.values()
    ]
    kept.sort(key=lambda step: step["skill"])  # stable: each skill's in plan order
    return kept, [[track, skill, text] for (track, skill), text in why.items()]


def margins(answers: dict, catalog: dict, result: dict) -> tuple[int, int]:
    if "skills_margin" in result:
        return result["skills_margin"], result["preferences_margin"]
    again = score(
        catalog_from_dict(catalog), Answers(answers["skills"], answers.get("preferences", {}))
    )
    return again.skills_margin, again.preferences_margin


def how_sure(catalog: dict, result: dict) -> dict:
    said = result.get("how_sure") or {
        "mode": "full",
        "questions_asked": len(catalog["skills"]) + len(catalog["preferences"]),
        "settled": True,
        "track_settled": True,
    }
    return {**HOW_SURE_DEFAULTS, **said}


def version_2(answers: dict, catalog: dict, result: dict) -> tuple[dict, dict]:
    """(snapshot content, result of version 2) of an old result and its assessment's catalog."""
    steps, why = catalog_texts(result)
    skills_margin, preferences_margin = margins(answers, catalog, result)
    tracks = [
        {name: track[name] for name in ("slug", "name", "fit", "level", "band", "coverage")}
        | {"defining": track.get("defining", [1.0, 1.0, 1.0])}
        for track in result["tracks"]
    ]
    plans = {
        track: [
            {
                "band": phase["band"],
                "gaps": [
                    [gap["skill"], gap["current"], gap["required"], [s["id"] for s in gap["steps"]]]
                    for gap in phase["gaps"]
                ],
            }
            for phase in plan
        ]
        for track, plan in result["plans"].items()
    }
    upgraded = {
        "version": VERSION,
        **{name: result[name] for name in ("recommended", "margin", "both_fit", "flat_ratings")},
        "skills_margin": skills_margin,
        "preferences_margin": preferences_margin,
        "deciding_factors": result["deciding_factors"],
        "tracks": tracks,
        "plans": plans,
        "how_sure": how_sure(catalog, result),
        "carried": result.get("carried"),
    }
    return {"catalog": catalog, "steps": steps, "why": why}, upgraded


def forward(apps, schema_editor):
    Assessment = apps.get_model("careers", "Assessment")
    CatalogSnapshot = apps.get_model("careers", "CatalogSnapshot")
    Assessment.objects.filter(catalog={}).delete()  # made before 0003: see the docstring
    todo = Assessment.objects.filter(snapshot__isnull=True).order_by("pk")
    last = 0
    while batch := list(todo.filter(pk__gt=last)[:BATCH]):
        last = batch[-1].pk
        for assessment in batch:
            content, assessment.result = version_2(
                assessment.answers, assessment.catalog, assessment.result
            )
            key = snapshot_key(content)
            CatalogSnapshot.objects.get_or_create(key=key, defaults={"content": content})
            assessment.snapshot_id = key
        Assessment.objects.bulk_update(batch, ["result", "snapshot"])


# --- back to the old shape --------------------------------------------------------------------


def old_gap(track: str, gap: list, content: dict, full: bool) -> dict:
    skill, current, required, step_ids = gap
    gap = {"skill": skill, "current": current, "required": required, "steps": step_ids}
    catalog = content["catalog"]
    names = {skill["slug"]: skill["name"] for skill in catalog["skills"]}
    spec = next(t for t in catalog["tracks"] if t["slug"] == track)
    weight = next(r["importance"] for r in spec["requirements"] if r["skill"] == gap["skill"])
    old = {
        **{name: gap[name] for name in ("skill", "current", "required")},
        "name": names[gap["skill"]],
        "priority": float(weight * (gap["required"] - gap["current"])),
    }
    if not full:
        return old
    why = {(t, s): text for t, s, text in content["why"]}
    steps = {step["id"]: step for step in content["steps"]}
    shown = [steps[i] | {"skill_name": names[steps[i]["skill"]]} for i in gap["steps"]]
    shown = [{k: v for k, v in step.items() if k != "level" or v is not None} for step in shown]
    return old | {"why_for_track": why.get((track, gap["skill"]), ""), "steps": shown}


def old_shape(answers: dict, content: dict, result: dict) -> dict:
    plans = {
        track: [
            {
                "band": phase["band"],
                "level": LEVELS[phase["band"]],
                "gaps": (gaps := [old_gap(track, g, content, True) for g in phase["gaps"]]),
                "hours": sum(step["hours"] for gap in gaps for step in gap["steps"]),
            }
            for phase in plan
        ]
        for track, plan in result["plans"].items()
    }
    tracks = []
    for track in result["tracks"]:
        first = result["plans"][track["slug"]][:1]
        gaps = [old_gap(track["slug"], gap, content, False) for p in first for gap in p["gaps"]]
        tracks.append(track | {"contributions": [], "gaps": gaps})
    names = {skill["slug"]: skill["name"] for skill in content["catalog"]["skills"]}
    kept = {name: result[name] for name in result if name not in ("version", "tracks", "plans")}
    return kept | {
        "tracks": tracks,
        "pushes": [],
        "skill_names": {slug: names[slug] for slug in answers["skills"]},
        "plans": plans,
    }


def backward(apps, schema_editor):
    Assessment = apps.get_model("careers", "Assessment")
    CatalogSnapshot = apps.get_model("careers", "CatalogSnapshot")
    contents = {}
    for assessment in Assessment.objects.filter(snapshot__isnull=False).iterator(BATCH):
        key = assessment.snapshot_id
        if key not in contents:
            contents[key] = CatalogSnapshot.objects.get(key=key).content
        assessment.catalog = contents[key]["catalog"]
        assessment.result = old_shape(assessment.answers, contents[key], assessment.result)
        assessment.snapshot_id = None
        assessment.save(update_fields=["catalog", "result", "snapshot"])
    CatalogSnapshot.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("careers", "0014_catalog_snapshot")]

    operations = [migrations.RunPython(forward, backward)]
