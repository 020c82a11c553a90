"""Data migrations do what they say to a database that has the old content."""

import importlib
from dataclasses import asdict, replace
from html import escape

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from careers.catalog.calibration import check_personas
from careers.catalog.models import (
    CalibrationPersona,
    CatalogEdition,
    PreferenceOption,
    PreferenceQuestion,
    Skill,
    Specialism,
    Track,
    TrackSkill,
    UpskillingStep,
)
from careers.catalog.scoring_catalog import load_catalog
from careers.core import scoring
from careers.core.planning import catalog_to_dict
from careers.core.result import plan_track
from careers.core.verdict import Sure, headline, verdict_of
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.plans import current_snapshot
from tests.helpers import SEED_CATALOG, load_personas

remote_as_context = importlib.import_module("careers.migrations.0008_remote_work_as_context")
ladder = importlib.import_module("careers.migrations.0009_serving_and_mlops_in_the_ladder")
step_levels = importlib.import_module("careers.migrations.0010_step_levels")
levels = importlib.import_module("careers.migrations.0019_levels_by_specialism_and_scope")


def test_the_remote_work_question_leaves_the_quiz_and_the_personas(catalog):
    question = PreferenceQuestion.objects.create(slug="remote", text="How important is remote?")
    PreferenceOption.objects.create(
        question=question, value="important", label="Remote", points={"ml-engineer": 2}
    )
    persona = CalibrationPersona.objects.create(
        name="Remote seeker",
        skills={"spark": 4},
        preferences={"data": "structured", "remote": "important"},
        expected_track=Track.objects.get(slug="ml-engineer"),
    )
    before = CatalogEdition.current()

    remote_as_context.remove_remote_question(apps, None)

    assert not PreferenceQuestion.objects.filter(slug="remote").exists()
    assert not PreferenceOption.objects.filter(value="important").exists()
    persona.refresh_from_db()
    assert persona.preferences == {"data": "structured"}
    assert CatalogEdition.current() != before  # nothing kept under the old quiz is served


def test_the_migration_leaves_a_catalog_without_the_question_alone(catalog):
    before = CatalogEdition.current()
    personas = list(CalibrationPersona.objects.values_list("preferences", flat=True))
    remote_as_context.remove_remote_question(apps, None)
    assert CatalogEdition.current() == before
    assert list(CalibrationPersona.objects.values_list("preferences", flat=True)) == personas


# 0009: serving counts toward AI Engineer levels, MLOps toward ML Engineer's senior level ------


def _requirement(track: str, skill: str) -> tuple:
    row = TrackSkill.objects.get(track__slug=track, skill__slug=skill)
    return tuple(getattr(row, name) for name in ladder.FIELDS)


def _old_ladder() -> None:
    """The catalog as 0008 left it: the seed's old requirements, no new personas."""
    for (track, skill), (old, _, _) in ladder.REQUIREMENTS.items():
        TrackSkill.objects.filter(track__slug=track, skill__slug=skill).update(
            **dict(zip(ladder.FIELDS, old, strict=True))
        )
    CalibrationPersona.objects.filter(name__in=[p[0] for p in ladder.PERSONAS]).delete()


def _follow_the_ladder_to_today() -> None:
    """0009 as a database that has it runs it: 0019 after it, which brings the personas 0009
    adds to the specialism ladder (the new skills rated, the standing questions answered)."""
    ladder.follow_the_ladder(apps, None)
    levels.levels_by_specialism_and_scope(apps, None)


def test_the_ladder_migration_brings_an_old_catalog_to_the_seeds(catalog):
    seeded = {key: _requirement(*key) for key in ladder.REQUIREMENTS}
    personas = {
        p.name: (p.skills, p.preferences, p.expected_track_id, p.expected_level)
        for p in CalibrationPersona.objects.filter(name__in=[p[0] for p in ladder.PERSONAS])
    }
    _old_ladder()
    before = CatalogEdition.current()

    _follow_the_ladder_to_today()

    assert {key: _requirement(*key) for key in ladder.REQUIREMENTS} == seeded
    assert {
        p.name: (p.skills, p.preferences, p.expected_track_id, p.expected_level)
        for p in CalibrationPersona.objects.filter(name__in=personas)
    } == personas  # the migrations' personas are the seed's, answer for answer
    assert CatalogEdition.current() != before  # nothing kept under the old ladder is served


def test_after_the_ladder_migration_every_persona_passes(catalog):
    _old_ladder()
    _follow_the_ladder_to_today()
    checks = check_personas(load_catalog())
    assert len(checks) == CalibrationPersona.objects.count() >= 13
    assert [c.persona.name for c in checks if not c.passed] == []


def test_the_ladder_migration_leaves_an_editors_requirement_and_persona_alone(catalog):
    _old_ladder()
    TrackSkill.objects.filter(track__slug="ai-engineer", skill__slug="vllm").update(importance=3)
    CalibrationPersona.objects.create(name="Applied scientist", skills={"python": 2})

    ladder.follow_the_ladder(apps, None)

    assert _requirement("ai-engineer", "vllm") == (3, 1, 2, 3)
    assert CalibrationPersona.objects.get(name="Applied scientist").skills == {"python": 2}
    assert _requirement("ml-engineer", "ci-cd-for-ml") == (5, 1, 2, 4)


def test_the_ladder_migration_leaves_an_up_to_date_catalog_alone(catalog):
    before = CatalogEdition.current()
    count = CalibrationPersona.objects.count()
    ladder.follow_the_ladder(apps, None)
    assert CatalogEdition.current() == before
    assert CalibrationPersona.objects.count() == count


# 0010: each step says which level it serves -----------------------------------------------------


def test_an_existing_catalogs_steps_get_levels_from_the_order_they_were_written_in(catalog):
    UpskillingStep.objects.update(level=1)  # as the new column leaves a catalog that exists
    before = CatalogEdition.current()

    step_levels.guess_from_order(apps, None)

    pytorch = UpskillingStep.objects.filter(skill__slug="pytorch").order_by("order", "pk")
    assert [step.level for step in pytorch] == [1, 2, 3]
    java = UpskillingStep.objects.filter(skill__slug="java").order_by("order", "pk")
    assert [step.level for step in java] == [1, 2]
    assert CatalogEdition.current() != before  # plans kept under the old steps are not served


# 0014-0017, 0020: every stored result to version 2, 3, then 4, read through its one reader
# (issues 25, 26, 27)

SNAPSHOTS_FROM = ("careers", "0014_catalog_snapshot")
SHAPES = [
    "roadmap: steps raising to",  # 00ba9b0 (0003): plans per track, steps with raises_to
    "steps without a level",  # 93f183f: raises_to gone
    "skills and preferences apart",  # 76613a3: skills_margin, preferences_margin
    "quick quiz",  # 3184d73: how_sure (mode, questions_asked, settled, levels, could_change)
    "the lead's range",  # 5c2cdd5: how_sure's margin_range
    "very likely",  # e4825f2: how_sure's track_likely, sure and chances
    "progress carried over",  # d5baca5: carried
    "steps at their level",  # 4f6b2a1 (0010): each step's level, the shape before version 2
]
QUICK_SURE = {
    "mode": "quick",
    "questions_asked": 12,
    "settled": False,
    "track_settled": True,
    "levels": {"ai-engineer": ["L4", "L5-L6"], "ml-engineer": ["below L4", "L4"]},
    "could_change": ["Which kind of work do you enjoy more?"],
}
# What the breadth ladder kept beside each track's coverage, share of each band's defining
# skills: 0020 drops it, so a depth read from it instead of the coverage would show.
DEFINING = [0.25, 0.5, 0.75]


def breadth_tracks(tracks: list[dict]) -> list[dict]:
    """Tracks as results kept them before version 4, on the breadth ladder: "coverage" and
    "defining", no "depth" or "specialism". Made from today's tracks, the depth standing for the
    coverage (0020 makes the one the other)."""
    return [
        {key: value for key, value in track.items() if key not in ("depth", "specialism")}
        | {"coverage": list(track["depth"]), "defining": list(DEFINING)}
        for track in tracks
    ]


def old_result(snapshot, answers, scored, shape: str) -> dict:
    """A result as the code of that shape's day kept it: the scoring engine's whole output,
    the rated skills' names, every track's plan with full copies of its steps, and then what
    each later change added."""
    step, names = snapshot.step, snapshot.skill_names
    since = SHAPES.index(shape)

    def old_step(step_id: int, raises_to: int) -> dict:
        kept = asdict(step[step_id]) | {"skill_name": names[step[step_id].skill]}
        del kept["level"]
        kept |= {"raises_to": raises_to} if since == 0 else {}
        return kept | ({"level": step[step_id].level} if since >= 7 else {})

    plans = {
        track.slug: [
            {
                "band": phase.band,
                "level": phase.level,
                "hours": sum(step[i].hours for gap in phase.gaps for i in gap.steps),
                "gaps": [
                    asdict(snapshot.gap(track.slug, gap))
                    | {"why_for_track": snapshot.why.get((track.slug, gap.skill), "")}
                    | {"steps": [old_step(i, gap.required) for i in gap.steps]}
                    for gap in phase.gaps
                ],
            }
            for phase in plan_track(snapshot, track.slug, answers.skills, track.band)
        ]
        for track in scored.tracks
    }
    result = asdict(scored) | {"skill_names": {slug: names[slug] for slug in answers.skills}}
    result |= {"plans": plans}
    for track in result["tracks"]:
        del track["depth_band"]  # the scoring engine's since issue 27, never kept in a result
    result["tracks"] = breadth_tracks(result["tracks"])
    if since < 2:
        del result["skills_margin"], result["preferences_margin"]
    if since >= 3:
        result["how_sure"] = dict(QUICK_SURE)
    if since >= 4:
        result["how_sure"]["margin_range"] = ["AI Engineer", "ML Engineer", -3, 14]
    if since >= 5:
        result["how_sure"] |= {"track_likely": False, "sure": False, "chance_track": 88}
        result["how_sure"] |= {"chance_level": 61, "likely_level": "L4"}
    if since >= 6:
        result["carried"] = {"statuses": {"done": 1, "doing": 0, "skipped": 0}, "hours_per_week": 6}
    return result


def migrate_to(target: tuple[str, str]):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def latest() -> tuple[str, str]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes("careers")[0]


@pytest.fixture
def migrating(transactional_db):
    """For a test that migrates back and forth: if it stops half way (a failure, or a migration
    that raises), the schema is put back to the latest, emptied first so that no half-migrated
    row stops the migrations again. Left behind, the next test on this worker would fail to seed
    its catalog (a column the models have and the old schema lacks) and show as an ERROR far
    from the cause."""
    yield
    if MigrationExecutor(connection).migration_plan([latest()]):
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        migrate_to(latest())


@pytest.mark.django_db(transaction=True)
def test_every_shape_a_result_was_ever_kept_in_reads_through_the_reader(catalog, client, migrating):
    snapshot = current_snapshot()
    builder = CalibrationPersona.objects.get(name="LLM product builder")
    answers = scoring.Answers(builder.skills, builder.preferences)
    scored = scoring.score(snapshot.catalog, answers)
    old_apps = migrate_to(SNAPSHOTS_FROM)
    OldAssessment = old_apps.get_model("careers", "Assessment")
    for number, shape in enumerate(SHAPES):
        OldAssessment.objects.create(
            token=f"{number:02d}" * 10,
            answers={"skills": builder.skills, "preferences": builder.preferences},
            catalog_version="old",
            catalog=catalog_to_dict(snapshot.catalog),
            result=old_result(snapshot, answers, scored, shape),
        )
    migrate_to(latest())

    plan = plan_track(snapshot, scored.recommended, answers.skills, scored.tracks[0].band)
    first = snapshot.step[plan[0].gaps[0].steps[0]]
    assert Assessment.objects.count() == len(SHAPES)
    for old in Assessment.objects.all():
        shape = SHAPES[int(old.token[:2])]
        result = old.saved_result
        assert result.version == 4 and result.recommended == scored.recommended, shape
        # kept on the breadth ladder: its levels stand, its coverage is its depth, and it names
        # no specialism (that ladder had none)
        assert result.ladder == 1, shape
        assert [(t.slug, t.level, t.depth, t.specialism) for t in result.tracks] == [
            (t.slug, t.level, t.depth, "") for t in scored.tracks
        ], shape
        # nothing was estimated before issue 26: the verdict is the result's own, as sure as
        # its how_sure said (QUICK_SURE: track settled, level not, so open)
        assert result.estimated == {} and result.verdict == verdict_of(scored, sure(shape)), shape
        assert (result.skills_margin, result.preferences_margin) == (
            scored.skills_margin,
            scored.preferences_margin,
        ), shape  # kept, or scored again on the assessment's own catalog
        assert result.track(scored.recommended).plan == plan, shape
        assert old.snapshot_content.step[first.id].title == first.title
        assert old.how_sure.mode == ("full" if SHAPES.index(shape) < 3 else "quick"), shape
        assert (result.carried is None) == (SHAPES.index(shape) < 6), shape
        page = client.get(old.get_absolute_url())
        # as the page writes it: escaped (the first step names "Weights & Biases")
        assert page.status_code == 200 and escape(first.title) in page.text, shape
        exported = client.get(reverse("roadmap_json", args=[old.token])).json()
        level = exported["steps"][0]["level"]
        assert (level is None) == (SHAPES.index(shape) < 7), shape


def sure(shape: str) -> Sure:
    return Sure.SETTLED if SHAPES.index(shape) < 3 else Sure.OPEN


V2_FROM = ("careers", "0016_assessment_snapshot_required")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("persona", "how_sure", "expected"),
    [
        ("LLM product builder", {}, Sure.SETTLED),
        ("New graduate", {"mode": "quick", "settled": False, "track_likely": True}, None),
        ("LLM product builder", {"mode": "quick", "settled": False}, Sure.OPEN),
    ],
)
def test_a_version_2_result_gets_no_estimates_and_the_verdict_of_its_own_figures(
    catalog, client, migrating, persona, how_sure, expected
):
    """0017 (issue 26): a v2 result had every unasked skill as None, so nothing estimated; its
    verdict is what its figures state, as sure as its how_sure said. (0020 then takes it to
    version 4 on the breadth ladder.)"""
    made = create_assessment(*persona_answers(persona))
    v2 = {k: v for k, v in made.result.items() if k not in ("estimated", "verdict", "ladder")}
    v2 |= {"version": 2, "tracks": breadth_tracks(v2["tracks"])}
    v2 |= {"how_sure": v2["how_sure"] | how_sure}
    old_apps = migrate_to(V2_FROM)
    old_apps.get_model("careers", "Assessment").objects.filter(pk=made.pk).update(result=v2)
    migrate_to(latest())
    result = Assessment.objects.get(pk=made.pk).saved_result
    kept = made.saved_result.verdict
    assert result.version == 4 and result.ladder == 1 and result.estimated == {}
    assert result.verdict == replace(kept, sure=expected or Sure.VERY_LIKELY)
    page = client.get(made.get_absolute_url()).text
    assert headline(result.verdict, {t.slug: t.name for t in result.tracks}) in page


def persona_answers(name: str) -> tuple[dict, dict]:
    persona = CalibrationPersona.objects.get(name=name)
    return persona.skills, persona.preferences


@pytest.mark.django_db(transaction=True)
def test_the_result_migration_goes_back_to_the_old_shape_and_forward_again(catalog, migrating):
    made = create_assessment({"python": 3, "rag": 1}, {})
    before = Assessment.objects.get(pk=made.pk).result
    old_apps = migrate_to(SNAPSHOTS_FROM)
    old = old_apps.get_model("careers", "Assessment").objects.get(pk=made.pk)
    assert old.catalog["skills"] and "version" not in old.result
    steps = [s for p in old.result["plans"]["ai-engineer"] for g in p["gaps"] for s in g["steps"]]
    assert steps and all(step["title"] and "skill_name" in step for step in steps)
    migrate_to(latest())
    # Back to version 3 and forward again, a result comes back as one kept on the breadth
    # ladder: version 3 has no place for the specialism its level was judged in, nor for which
    # ladder judged it, so 0020 can only say "" and 1, as it says of every version 3 result.
    # Everything else comes back as it was, the depth through version 3's coverage.
    assert any(track["specialism"] for track in before["tracks"])  # so something is lost
    assert Assessment.objects.get(pk=made.pk).result == before | {
        "ladder": 1,
        "tracks": [track | {"specialism": ""} for track in before["tracks"]],
    }


@pytest.mark.django_db(transaction=True)
def test_a_result_from_before_catalogs_were_kept_is_removed_not_guessed_at(catalog, migrating):
    """Results made before migration 0003 kept no scoring catalog (a "plan" key, `catalog` {}):
    the roadmap could not show them, and the result migration removes them with their
    progress instead of failing on them."""
    old_apps = migrate_to(SNAPSHOTS_FROM)
    OldAssessment = old_apps.get_model("careers", "Assessment")
    ancient = OldAssessment.objects.create(
        token="ancient" * 4,
        answers={"skills": {"python": 3}, "preferences": {}},
        catalog_version="old",
        catalog={},
        result={"recommended": "ai-engineer", "plan": []},
    )
    old_apps.get_model("careers", "StepProgress").objects.create(
        assessment=ancient, step_id=1, status="done"
    )
    migrate_to(latest())
    assert not Assessment.objects.filter(token="ancient" * 4).exists()
    assert not StepProgress.objects.filter(assessment_id=ancient.pk).exists()


# 0019: levels by depth in a specialism and by scope (issue 27) ----------------------------------

NEW_SKILLS = [row["fields"]["slug"] for row in levels.rows("skills", "skill")]
STANDING = ("scope", "years")
NEW_PERSONAS = [
    seed["name"] for seed in levels.data()["personas"]
    if seed["name"] not in levels.data()["new_skill_ratings"]
]  # fmt: skip


def _before_specialisms() -> None:
    """The catalog as 0018 left it: none of the rows 0019 adds, and the personas as they were
    (no ratings of the new skills, no standing answers, the relevelled three at L4)."""
    Skill.objects.filter(slug__in=NEW_SKILLS).delete()
    PreferenceQuestion.objects.filter(slug__in=STANDING).delete()
    Specialism.objects.all().delete()
    CalibrationPersona.objects.filter(name__in=NEW_PERSONAS).delete()
    for persona in CalibrationPersona.objects.all():
        persona.skills = {k: v for k, v in persona.skills.items() if k not in NEW_SKILLS}
        persona.preferences = {k: v for k, v in persona.preferences.items() if k not in STANDING}
        persona.expected_level = levels.RELEVELLED.get(persona.name, persona.expected_level)
        persona.save()


def _personas() -> dict[str, tuple]:
    return {
        p.name: (p.skills, p.preferences, p.expected_track and p.expected_track.slug,
                 p.expected_level)
        for p in CalibrationPersona.objects.select_related("expected_track")
    }  # fmt: skip


def test_the_specialism_migration_brings_an_old_catalog_to_the_seeds(catalog):
    _before_specialisms()
    assert len(NEW_SKILLS) == 11 and len(NEW_PERSONAS) == 4
    assert not Specialism.objects.exists() and load_catalog() != SEED_CATALOG
    before = CatalogEdition.current()

    levels.levels_by_specialism_and_scope(apps, None)

    assert load_catalog() == SEED_CATALOG  # skills, tracks, questions and specialisms, in order
    assert _personas() == {
        p["name"]: (p["answers"], p["preferences"], p["expected_track"], p["expected_level"])
        for p in load_personas()
    }  # the migration's personas are the seed's, answer for answer
    assert CatalogEdition.current() != before  # nothing kept under the old ladder is served


def test_after_the_specialism_migration_every_persona_passes(catalog):
    _before_specialisms()
    levels.levels_by_specialism_and_scope(apps, None)
    checks = check_personas(load_catalog())
    assert len(checks) == CalibrationPersona.objects.count() == len(load_personas())
    assert [c.persona.name for c in checks if not c.passed] == []


def test_the_specialism_migration_leaves_an_editors_persona_answers_alone(catalog):
    _before_specialisms()
    builder = CalibrationPersona.objects.get(name="LLM product builder")
    builder.preferences["scope"] = "tasks"  # an editor's answer, not the seed's
    builder.save()
    platform = CalibrationPersona.objects.get(name="Data-platform engineer")
    platform.expected_level = "L7+"  # not the L4 the migration relevels
    platform.save()

    levels.levels_by_specialism_and_scope(apps, None)

    builder.refresh_from_db()
    seed = next(p for p in load_personas() if p["name"] == builder.name)
    assert seed["preferences"]["scope"] != "tasks"
    assert builder.preferences == seed["preferences"] | {"scope": "tasks"}
    assert builder.skills == seed["answers"]  # the new skills' ratings added all the same
    platform.refresh_from_db()
    assert platform.expected_level == "L7+"


def test_the_specialism_migration_leaves_an_up_to_date_catalog_alone(catalog):
    before = CatalogEdition.current()
    personas = _personas()
    levels.levels_by_specialism_and_scope(apps, None)
    assert CatalogEdition.current() == before
    assert load_catalog() == SEED_CATALOG
    assert _personas() == personas


# 0020: results kept on the breadth ladder become version 4 (issue 27) ----------------------------

BEFORE_V4 = ("careers", "0019_levels_by_specialism_and_scope")


@pytest.mark.django_db(transaction=True)
def test_a_version_3_result_keeps_its_levels_and_says_its_ladder(catalog, client, migrating):
    made = create_assessment(*persona_answers("LLM product builder"))
    v3 = {k: v for k, v in made.result.items() if k != "ladder"}
    # version 3's shape, as 0020's backward writes it (with a "defining" of its own, DEFINING)
    v3 |= {"version": 3, "tracks": breadth_tracks(v3["tracks"])}
    old_apps = migrate_to(BEFORE_V4)
    old_apps.get_model("careers", "Assessment").objects.filter(pk=made.pk).update(result=v3)
    migrate_to(latest())

    result = Assessment.objects.get(pk=made.pk).saved_result
    assert result.version == 4 and result.ladder == 1
    assert [
        (t.slug, t.fit, t.level, t.band, list(t.depth), t.specialism) for t in result.tracks
    ] == [
        (t["slug"], t["fit"], t["level"], t["band"], t["coverage"], "") for t in v3["tracks"]
    ]  # the level it was told stands; its coverage is its depth; no specialism
    assert result.verdict == made.saved_result.verdict
    assert client.get(made.get_absolute_url()).status_code == 200
