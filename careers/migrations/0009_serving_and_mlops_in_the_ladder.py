"""Levels follow the article's ladder (issue 12, point 5): serving counts toward AI Engineer
levels, MLOps toward ML Engineer's senior level, and five calibration personas check it.

The AI Engineer is defined by "building, deploying, and scaling end-to-end AI systems", and the
FAQ names "Advanced deployment (e.g., Triton Inference Server, vLLM)" beside LLM development and
research, the other two already defining: vLLM now defines the track from mid level (asked of
L5-L6 and L7+; L4's "debugging inference pipelines" stays with model serving). ML Engineers
"specialize in statistical modeling, feature engineering, and MLOps" and the senior one "Scales
MLOps infrastructure": CI/CD for ML (automating pipelines for ingestion, training and deployment)
now defines ML, Expert at L7+; XGBoost, one tool beside LightGBM, no longer counts twice with
tabular modelling.

Changes a requirement only where it still holds the seed's old values (an editor's own choice
stays), adds a persona only where none has its name, and starts a new catalog edition when
anything changed, so nothing kept under the old ladder is served. Assessments keep the catalog
they were scored against. Not reversible in content: going back leaves the new ladder, which an
editor can change in the admin.
"""

import secrets

from django.db import migrations

# (track, skill): (old importance and L4/L5-L6/L7+ requirements, new ones, why it matters)
REQUIREMENTS = {
    ("ai-engineer", "vllm"): (
        (4, 1, 2, 3),
        (5, 0, 2, 3),
        "The article defines AI Engineers by building, deploying, and scaling AI systems, and "
        "its FAQ names vLLM among the advanced deployment an ML Engineer must add to become one: "
        "serving open LLMs fast and cheaply defines the track from mid level.",
    ),
    ("ml-engineer", "xgboost"): (
        (5, 2, 3, 4),
        (4, 2, 3, 4),
        "The article names XGBoost first among ML models, beside LightGBM: a tabular workhorse in "
        "fintech, ads and e-commerce, while tabular modelling itself is what defines the track.",
    ),
    ("ml-engineer", "ci-cd-for-ml"): (
        (4, 1, 2, 3),
        (5, 1, 2, 4),
        "The article's ML Engineers specialize in MLOps, automating pipelines for data ingestion, "
        "model training, and deployment, and its senior ML Engineer scales MLOps infrastructure.",
    ),
}
FIELDS = ("importance", "entry_required", "mid_required", "senior_required")

LLM_INFERENCE = {
    "python": 4, "cpp": 4, "go": 3, "pytorch": 3, "jax": 1, "tensorflow": 1, "scikit-learn": 1,
    "vertex-ai": 1, "sagemaker": 2, "ray": 3, "kubeflow": 1, "kubernetes": 4, "airflow": 1,
    "reading-papers": 3, "experiment-design": 2, "sql": 2, "unstructured-data": 2,
    "hugging-face": 3, "fine-tuning": 2, "rag": 2, "prompt-engineering": 2,
    "llm-evaluation-and-guardrails": 3, "ai-agents": 1, "multimodal-and-diffusion-models": 1,
    "model-serving": 4, "vllm": 4, "triton-inference-server": 4, "quantization": 4, "pruning": 3,
    "distributed-training": 3, "ab-testing": 1, "experiment-tracking": 2, "weights-and-biases": 1,
    "ci-cd-for-ml": 3, "data-quality-and-drift-monitoring": 1, "ai-compliance-and-safety": 1,
}  # fmt: skip
MLOPS_PLATFORM = {
    "python": 4, "go": 3, "java": 2, "scala": 2, "pytorch": 2, "tensorflow": 3, "tfx": 3,
    "scikit-learn": 3, "spark-ml": 2, "xgboost": 3, "lightgbm": 2, "vertex-ai": 2, "sagemaker": 3,
    "ray": 2, "databricks": 3, "kubeflow": 4, "kubernetes": 4, "airflow": 4, "reading-papers": 1,
    "experiment-design": 2, "sql": 4, "spark": 4, "dask": 2, "feature-engineering": 3,
    "feature-stores": 4, "tabular-modeling": 3, "unstructured-data": 1, "hugging-face": 1,
    "prompt-engineering": 1, "rag": 1, "model-serving": 4, "triton-inference-server": 2,
    "quantization": 1, "pruning": 1, "distributed-training": 3, "ab-testing": 3,
    "experiment-tracking": 4, "weights-and-biases": 3, "ci-cd-for-ml": 4,
    "data-quality-and-drift-monitoring": 4, "ai-compliance-and-safety": 3,
}  # fmt: skip
COMPUTER_VISION = {
    "python": 4, "cpp": 3, "java": 1, "pytorch": 4, "tensorflow": 2, "scikit-learn": 3,
    "xgboost": 1, "sagemaker": 2, "ray": 1, "kubeflow": 1, "kubernetes": 2, "airflow": 2,
    "reading-papers": 3, "experiment-design": 3, "sql": 2, "spark": 1, "feature-engineering": 2,
    "tabular-modeling": 1, "unstructured-data": 4, "hugging-face": 2, "fine-tuning": 3,
    "prompt-engineering": 1, "llm-evaluation-and-guardrails": 1,
    "multimodal-and-diffusion-models": 2, "model-serving": 3, "triton-inference-server": 3,
    "quantization": 3, "pruning": 3, "distributed-training": 3, "ab-testing": 1,
    "experiment-tracking": 3, "weights-and-biases": 3, "ci-cd-for-ml": 2,
    "data-quality-and-drift-monitoring": 3, "ai-compliance-and-safety": 2,
}  # fmt: skip
PRE_LLM_NLP = {
    "python": 4, "java": 2, "scala": 1, "pytorch": 3, "tensorflow": 3, "scikit-learn": 3,
    "xgboost": 1, "sagemaker": 2, "databricks": 1, "kubernetes": 2, "airflow": 1,
    "reading-papers": 3, "experiment-design": 3, "sql": 2, "spark": 1, "feature-engineering": 2,
    "tabular-modeling": 1, "unstructured-data": 4, "hugging-face": 4, "fine-tuning": 3, "rag": 2,
    "prompt-engineering": 2, "llm-evaluation-and-guardrails": 2, "ai-agents": 1,
    "multimodal-and-diffusion-models": 1, "model-serving": 3, "vllm": 1,
    "triton-inference-server": 1, "quantization": 2, "pruning": 1, "distributed-training": 2,
    "ab-testing": 2, "experiment-tracking": 3, "weights-and-biases": 2, "ci-cd-for-ml": 2,
    "data-quality-and-drift-monitoring": 2, "ai-compliance-and-safety": 1,
}  # fmt: skip
APPLIED_SCIENTIST = {
    "python": 4, "cpp": 1, "java": 1, "pytorch": 4, "jax": 2, "tensorflow": 2, "scikit-learn": 3,
    "xgboost": 2, "lightgbm": 1, "sagemaker": 3, "ray": 1, "kubernetes": 1, "reading-papers": 4,
    "experiment-design": 4, "sql": 3, "spark": 2, "feature-engineering": 2, "tabular-modeling": 2,
    "unstructured-data": 3, "hugging-face": 3, "fine-tuning": 3, "rag": 2,
    "prompt-engineering": 3, "llm-evaluation-and-guardrails": 3, "rlaif-rlhf": 2, "ai-agents": 1,
    "multimodal-and-diffusion-models": 2, "model-serving": 2, "vllm": 1, "quantization": 1,
    "distributed-training": 3, "ab-testing": 3, "experiment-tracking": 3,
    "weights-and-biases": 3, "ci-cd-for-ml": 1, "data-quality-and-drift-monitoring": 1,
    "ai-compliance-and-safety": 2,
}  # fmt: skip

# name, description, skills, preferences, expected track (None: a close call), expected level
PERSONAS = (
    (
        "LLM-inference engineer",
        "Six years: backend C++ first, the last three running an AI startup's LLM serving stack: "
        "vLLM and Triton behind an OpenAI-style gateway, AWQ/FP8 quantization, batching and GPU "
        "autoscaling on Kubernetes; reads the serving papers, fine-tunes little. The article's AI "
        "Engineers focus on 'building, deploying, and scaling end-to-end AI systems' and its FAQ "
        "names 'Advanced deployment (e.g., Triton Inference Server, vLLM)', so AI; they lead the "
        "serving side of LLM products (the mid rung) but do not define AI strategy or model "
        "selection (the senior one): AI, L5-L6.",
        LLM_INFERENCE,
        {"data": "unstructured", "work": "operational", "product": "generative"},
        "ai-engineer",
        "L5-L6",
    ),
    (
        "MLOps platform engineer",
        "Ten years: four training ranking and fraud models, six building the ML platform 30 teams "
        "ship on: Kubeflow and Airflow pipelines, TFX validation, the feature store, the model "
        "registry, CI/CD and continuous training, KServe serving and drift monitoring, Spark "
        "feature jobs at scale; advises on model governance. The article's ML Engineers "
        "specialize in 'statistical modeling, feature engineering, and MLOps', and its senior "
        "rung 'Scales MLOps infrastructure, advises on AI governance': ML, L7+.",
        MLOPS_PLATFORM,
        {"data": "structured", "work": "operational", "product": "predictive"},
        "ml-engineer",
        "L7+",
    ),
    (
        "Computer-vision engineer",
        "Five years on defect detection and medical imaging: PyTorch detection and segmentation "
        "models, fine-tuned pretrained backbones, CVPR papers, TensorRT/Triton with quantization "
        "and pruning for latency, drift checks on image data; no LLM work. The article puts "
        "vision on both sides (AI: 'custom architectures for tasks like ... computer vision', "
        "unstructured text/image data; ML: 'neural networks for tabular data, NLP, or vision "
        "tasks', healthcare), so a close call. On the leading AI side the entry rung (fine-tuning "
        "open-source models, debugging inference pipelines) fits and the mid rung integrates LLMs "
        "into products, which they have not done: L4.",
        COMPUTER_VISION,
        {"data": "unstructured", "work": "operational", "product": "predictive"},
        None,
        "L4",
    ),
    (
        "Pre-LLM NLP engineer",
        "Seven years of NLP before LLMs: text classification, NER and semantic search with spaCy, "
        "scikit-learn and fine-tuned BERT/T5 models from Hugging Face, served behind TF Serving; "
        "has only tried RAG and prompting since. Text is the article's AI data skill "
        "('Unstructured (text/image)') and fine-tuning pre-trained models its first AI "
        "responsibility, so AI. The entry rung ('fine-tuning open-source models (e.g., Hugging "
        "Face)') fits; the mid rung leads projects integrating LLMs into products, and what is "
        "missing is the FAQ's upskilling (RAG, advanced deployment): AI, L4.",
        PRE_LLM_NLP,
        {"data": "unstructured", "work": "both", "product": "both"},
        "ai-engineer",
        "L4",
    ),
    (
        "Applied scientist",
        "PhD, then four years as an applied scientist at a retailer: designs experiments and A/B "
        "tests, fine-tunes and evaluates language models for search and product text, publishes "
        "now and then, hands models to engineers to serve. The article lists 'Applied Scientist "
        "(Amazon)' among AI Engineer specializations and calls a PhD 'highly valued' for "
        "research-adjacent AI roles, so AI; they lead modelling projects with research teams (the "
        "mid rung) but do not own production serving or AI strategy: AI, L5-L6.",
        APPLIED_SCIENTIST,
        {"data": "both", "work": "research", "product": "both"},
        "ai-engineer",
        "L5-L6",
    ),
)


def update_requirements(TrackSkill) -> int:
    changed = 0
    for (track, skill), (old, new, why) in REQUIREMENTS.items():
        row = TrackSkill.objects.filter(track__slug=track, skill__slug=skill).first()
        if row is None or tuple(getattr(row, f) for f in FIELDS) != old:
            continue  # not the seed's row, or an editor has changed it: theirs stands
        for name, value in zip(FIELDS, new, strict=True):
            setattr(row, name, value)
        row.why_it_matters = why
        row.save(update_fields=[*FIELDS, "why_it_matters"])
        changed += 1
    return changed


def add_personas(CalibrationPersona, Track, Skill) -> int:
    if not Track.objects.exists():
        return 0  # an empty catalog: the seed brings its own personas
    known = set(Skill.objects.values_list("slug", flat=True))
    tracks = {t.slug: t for t in Track.objects.all()}
    order = max(CalibrationPersona.objects.values_list("order", flat=True), default=0)
    added = 0
    for name, description, skills, preferences, track, level in PERSONAS:
        if CalibrationPersona.objects.filter(name=name).exists():
            continue
        if (track and track not in tracks) or set(skills) - known:
            continue  # a catalog this persona cannot be scored against
        added += 1
        CalibrationPersona.objects.create(
            name=name,
            description=description,
            skills=skills,
            preferences=preferences,
            expected_track=tracks.get(track),
            expected_level=level,
            order=order + added,
        )
    return added


def follow_the_ladder(apps, schema_editor):
    TrackSkill = apps.get_model("careers", "TrackSkill")
    CalibrationPersona = apps.get_model("careers", "CalibrationPersona")
    Track = apps.get_model("careers", "Track")
    Skill = apps.get_model("careers", "Skill")
    CatalogEdition = apps.get_model("careers", "CatalogEdition")
    changed = update_requirements(TrackSkill)
    changed += add_personas(CalibrationPersona, Track, Skill)
    if changed:
        CatalogEdition.objects.filter(pk=1).update(number=secrets.randbits(62))


class Migration(migrations.Migration):
    dependencies = [("careers", "0008_remote_work_as_context")]

    operations = [migrations.RunPython(follow_the_ladder, migrations.RunPython.noop)]
