"""The engine: rules → a result per criterion → a score per theme → a case risk."""

from zntui.engine.assess import SCORING_EXPLANATION, assess_case, triage, triage_key
from zntui.engine.results import CaseAssessment, CriterionResult, Outcome, Source, ThemeScore

__all__ = [
    "SCORING_EXPLANATION",
    "CaseAssessment",
    "CriterionResult",
    "Outcome",
    "Source",
    "ThemeScore",
    "assess_case",
    "triage",
    "triage_key",
]
