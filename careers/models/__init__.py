from .catalog import (
    EmployerFocus,
    Industry,
    Level,
    Proficiency,
    ProficiencyExample,
    Responsibility,
    Skill,
    SkillCategory,
    Track,
    TrackSkill,
)
from .edition import CatalogEdition
from .health import HealthProbe
from .market import (
    CompanyTier,
    Compensation,
    DemandFact,
    DemandMetric,
    ExitPath,
    FaqEntry,
    KeyInsight,
)
from .quiz import (
    CLOSE_CALL_MARGIN,
    LEVEL_LABELS,
    Assessment,
    CalibrationPersona,
    PreferenceOption,
    PreferenceQuestion,
    StepProgress,
)
from .upskilling import Resource, UpskillingStep

__all__ = [
    "CLOSE_CALL_MARGIN",
    "LEVEL_LABELS",
    "Assessment",
    "CalibrationPersona",
    "CatalogEdition",
    "PreferenceOption",
    "PreferenceQuestion",
    "CompanyTier",
    "Compensation",
    "DemandFact",
    "DemandMetric",
    "EmployerFocus",
    "ExitPath",
    "FaqEntry",
    "HealthProbe",
    "Industry",
    "KeyInsight",
    "Level",
    "Proficiency",
    "ProficiencyExample",
    "Resource",
    "Responsibility",
    "Skill",
    "SkillCategory",
    "StepProgress",
    "Track",
    "TrackSkill",
    "UpskillingStep",
]
