"""Levels by depth in a specialism and by scope (issue 27): the catalog gains what real job
postings ask and the ladder's new data.

- Twenty-nine senior steps for core skills that had no Proficient or Expert step.
- Eleven skills postings ask for and the catalog lacked (backend and distributed systems, cloud
  platforms, containers and infrastructure as code, managed LLM APIs, vector databases, LLM
  observability, LLM cost and latency, recommender systems, streaming, reinforcement learning,
  service observability), each with track requirements, examples and upskilling steps.
- Two standing questions asked first (what you own; how long you have worked), whose options
  cap and lift the level (careers/core/ladder.py).
- Five specialisms with their cores (fixtures/catalog/06_specialisms.json).
- The calibration personas rate the new skills and answer the standing questions; three whose
  L4 came from the breadth the old ladder asked read L5-L6 now, with the reason in their
  description; four personas are added.

The content is frozen beside this file (0019_levels_by_specialism_and_scope.json), as the seeds
had it when this migration was written. A row is added only where none has its slug or name, and
a persona's answers are only added to, never changed: an editor's own choices stay. A new
catalog edition starts when anything changed. Not reversible in content.
"""

import json
from functools import cache
import secrets
from pathlib import Path

from django.db import migrations

@cache
def data() -> dict:
    """The frozen content, read when the migration runs (not whenever migrations are loaded)."""
    return json.loads(Path(__file__).with_suffix(".json").read_text())
# personas whose expected level changes, with the old level they must still hold
RELEVELLED = {"Data-platform engineer": "L4", "Computer-vision engineer": "L4",
              "Pre-LLM NLP engineer": "L4"}  # fmt: skip


def rows(group: str, model: str) -> list[dict]:
    return [row for row in data()[group] if row["model"] == f"careers.{model}"]


def add_skills(apps) -> int:
    Skill, SkillCategory = (
        apps.get_model("careers", "Skill"),
        apps.get_model("careers", "SkillCategory"),
    )
    Track, TrackSkill = apps.get_model("careers", "Track"), apps.get_model("careers", "TrackSkill")
    Example = apps.get_model("careers", "ProficiencyExample")
    added = set()
    for row in rows("skills", "skill"):
        f = dict(row["fields"])
        category = SkillCategory.objects.filter(slug=f.pop("category")[0]).first()
        if category is None or Skill.objects.filter(slug=f["slug"]).exists():
            continue
        Skill.objects.create(category=category, **f)
        added.add(f["slug"])
    tracks = {t.slug: t for t in Track.objects.all()}
    for row in rows("skills", "trackskill"):
        f = dict(row["fields"])
        track, skill = f.pop("track")[0], f.pop("skill")[0]
        if skill in added and track in tracks:
            TrackSkill.objects.create(track=tracks[track], skill=Skill.objects.get(slug=skill), **f)
    for row in rows("skills", "proficiencyexample"):
        f = dict(row["fields"])
        skill = f.pop("skill")[0]
        if skill in added:
            Example.objects.create(skill=Skill.objects.get(slug=skill), **f)
    add_steps(apps, "steps", lambda skill, fields: skill in added)
    return len(added)


def add_steps(apps, group: str, wanted) -> int:
    """The group's steps whose skill `wanted` accepts, with their resources."""
    Skill, Step = apps.get_model("careers", "Skill"), apps.get_model("careers", "UpskillingStep")
    Resource = apps.get_model("careers", "Resource")
    made = {}
    for row in rows(group, "upskillingstep"):
        f = dict(row["fields"])
        skill = f.pop("skill")[0]
        if wanted(skill, f):
            made[row["pk"]] = Step.objects.create(skill=Skill.objects.get(slug=skill), **f)
    for row in rows(group, "resource"):
        f = dict(row["fields"])
        step = made.get(f.pop("step"))
        if step is not None:
            Resource.objects.create(step=step, **f)
    return len(made)


def add_core_steps(apps) -> int:
    """The Proficient and Expert steps written for core skills that had none at that level
    (L7+ asks Expert of core skills): each where its skill has no step of that title yet."""
    Step = apps.get_model("careers", "UpskillingStep")
    skills = set(apps.get_model("careers", "Skill").objects.values_list("slug", flat=True))

    def new(skill: str, fields: dict) -> bool:
        taken = Step.objects.filter(skill__slug=skill, title=fields["title"]).exists()
        return skill in skills and not taken

    return add_steps(apps, "core_steps", new)


def add_standing(apps) -> int:
    Question = apps.get_model("careers", "PreferenceQuestion")
    Option = apps.get_model("careers", "PreferenceOption")
    added = 0
    for row in rows("standing", "preferencequestion"):
        f = dict(row["fields"], order=0)  # before every question an editor has ordered
        if not Question.objects.filter(slug=f["slug"]).exists():
            Question.objects.create(**f)
            added += 1
    for row in rows("standing", "preferenceoption"):
        f = dict(row["fields"])
        question = Question.objects.get(slug=f.pop("question")[0])
        Option.objects.get_or_create(question=question, value=f.pop("value"), defaults=f)
    return added


def add_specialisms(apps) -> int:
    Track, Skill = apps.get_model("careers", "Track"), apps.get_model("careers", "Skill")
    Specialism = apps.get_model("careers", "Specialism")
    Core = apps.get_model("careers", "SpecialismSkill")
    tracks, skills = (
        {t.slug: t for t in Track.objects.all()},
        {s.slug: s for s in Skill.objects.all()},
    )
    added = {}
    for row in rows("specialisms", "specialism"):
        f = dict(row["fields"])
        track = tracks.get(f.pop("track")[0])
        if track is not None and not Specialism.objects.filter(slug=f["slug"]).exists():
            added[f["slug"]] = Specialism.objects.create(track=track, **f)
    for row in rows("specialisms", "specialismskill"):
        f = dict(row["fields"])
        specialism, skill = added.get(f.pop("specialism")[0]), skills.get(f.pop("skill")[0])
        if specialism is not None and skill is not None:
            Core.objects.create(specialism=specialism, skill=skill, **f)
    return len(added)


def update_personas(apps) -> int:
    Persona, Track = (
        apps.get_model("careers", "CalibrationPersona"),
        apps.get_model("careers", "Track"),
    )
    seeds = {p["name"]: p for p in data()["personas"]}
    changed = 0
    for persona in Persona.objects.filter(name__in=seeds):
        seed = seeds[persona.name]
        new_ratings = data()["new_skill_ratings"].get(persona.name, {})
        skills = new_ratings | persona.skills  # the persona's own ratings win
        standing = {q: seed["preferences"][q] for q in ("scope", "years")}
        preferences = standing | persona.preferences
        level, description = persona.expected_level, persona.description
        if RELEVELLED.get(persona.name) == level:
            level, description = seed["expected_level"], seed["description"]
        if (skills, preferences, level) != (
            persona.skills,
            persona.preferences,
            persona.expected_level,
        ):
            persona.skills, persona.preferences = skills, preferences
            persona.expected_level, persona.description = level, description
            persona.save()
            changed += 1
    tracks = {t.slug: t for t in Track.objects.all()}
    order = max(Persona.objects.values_list("order", flat=True), default=0)
    for seed in data()["personas"]:
        if Persona.objects.filter(name=seed["name"]).exists():
            continue
        track = seed["expected_track"][0] if seed["expected_track"] else None
        order += 1
        changed += 1
        Persona.objects.create(
            name=seed["name"], description=seed["description"], skills=seed["skills"],
            preferences=seed["preferences"], expected_track=tracks.get(track),
            expected_level=seed["expected_level"], order=order,
        )  # fmt: skip
    return changed


def levels_by_specialism_and_scope(apps, schema_editor):
    if not apps.get_model("careers", "Track").objects.exists():
        return  # an empty database: seed_catalog loads the seeds, these rows among them
    changed = add_skills(apps) + add_core_steps(apps) + add_standing(apps) + add_specialisms(apps)
    changed += update_personas(apps)
    if changed:
        CatalogEdition = apps.get_model("careers", "CatalogEdition")
        CatalogEdition.objects.filter(pk=1).update(number=secrets.randbits(62))


class Migration(migrations.Migration):
    dependencies = [("careers", "0018_specialisms_and_standing")]

    operations = [migrations.RunPython(levels_by_specialism_and_scope, migrations.RunPython.noop)]
