"""The catalog's tables, by topic; everything else imports them from here."""

from .edition import CatalogEdition
from .market import (
    CompanyTier,
    Compensation,
    DemandFact,
    DemandMetric,
    ExitPath,
    FaqEntry,
    KeyInsight,
)
from .personas import CalibrationPersona
from .preferences import PreferenceOption, PreferenceQuestion
from .skills import EmployerFocus, Proficiency, ProficiencyExample, Skill, SkillCategory, TrackSkill
from .specialisms import Specialism, SpecialismSkill
from .tracks import Industry, Level, Responsibility, Track
from .upskilling import Resource, UpskillingStep

__all__ = [
    "CalibrationPersona",
    "CatalogEdition",
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
    "PreferenceOption",
    "PreferenceQuestion",
    "Proficiency",
    "ProficiencyExample",
    "Resource",
    "Responsibility",
    "Skill",
    "SkillCategory",
    "Specialism",
    "SpecialismSkill",
    "Track",
    "TrackSkill",
    "UpskillingStep",
]
