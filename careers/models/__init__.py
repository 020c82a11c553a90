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
from .market import (
    CompanyTier,
    Compensation,
    DemandFact,
    DemandMetric,
    ExitPath,
    FaqEntry,
    KeyInsight,
)
from .upskilling import Resource, UpskillingStep

__all__ = [
    "CompanyTier",
    "Compensation",
    "DemandFact",
    "DemandMetric",
    "EmployerFocus",
    "ExitPath",
    "FaqEntry",
    "Industry",
    "KeyInsight",
    "Level",
    "Proficiency",
    "ProficiencyExample",
    "Resource",
    "Responsibility",
    "Skill",
    "SkillCategory",
    "Track",
    "TrackSkill",
    "UpskillingStep",
]
