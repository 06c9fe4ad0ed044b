"""What the engine produces: results per criterion, scores per theme, a case assessment."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from zntui.model.framework import NOT_ASSESSED


@dataclass(frozen=True)
class Outcome:
    """What a check returns: a verdict id and the evidence that led to it.

    ``verdict`` is an id of the framework's scale (``voldoet``, ``voldoet_grotendeels``,
    ``voldoet_grotendeels_niet``, ``voldoet_niet`` on the default scale) or
    ``niet_beoordeeld`` when the case data cannot show it. ``evidence`` holds Dutch
    sentences an inspector recognises; name members by role, never by name.
    """

    verdict: str
    evidence: tuple[str, ...] | list[str] = ()


class Source(StrEnum):
    AUTOMATIC = "automatisch"
    INSPECTOR = "inspecteur"
    RULE_ERROR = "regelfout"


@dataclass(frozen=True)
class CriterionResult:
    framework: str
    theme: str
    criterion: str
    verdict: str
    source: Source
    evidence: tuple[str, ...] = ()
    weight: float = 1.0
    automatic_verdict: str | None = None
    """The check's verdict, also kept when an inspector's judgement overrides it."""
    reason: str = ""
    """The inspector's reason, when the source is an inspector."""
    error: str | None = None
    plugin: str = ""
    score: float | None = None
    """The verdict's place on the scale, 1 (best) … 0 (worst); None if not assessed."""

    @property
    def assessed(self) -> bool:
        return self.verdict != NOT_ASSESSED


@dataclass(frozen=True)
class ThemeScore:
    framework: str
    theme: str
    title: str
    verdict: str
    score: float | None
    """Weighted mean of the assessed criteria's scale scores, 0 (worst) … 1 (best)."""
    assessed: int
    total: int


@dataclass
class CaseAssessment:
    case_id: str
    region: str
    frameworks: list[str]
    results: list[CriterionResult] = field(default_factory=list)
    themes: list[ThemeScore] = field(default_factory=list)
    score: float | None = None
    verdict: str = NOT_ASSESSED
    risk: int | None = None
    """0 (no risk) … 100 (every assessed theme fails); None when nothing was assessed."""
    unknown_frameworks: list[str] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(1 for r in self.results if r.verdict == verdict)

    @property
    def rule_errors(self) -> int:
        return sum(1 for r in self.results if r.source is Source.RULE_ERROR)

    @property
    def judged(self) -> int:
        return sum(1 for r in self.results if r.source is Source.INSPECTOR)

    def worst_theme(self, theme_id: str) -> ThemeScore | None:
        """The worst assessed theme with this id across the case's frameworks."""
        themes = [t for t in self.themes if t.theme == theme_id and t.score is not None]
        return min(themes, key=lambda t: t.score or 0.0) if themes else None

    def theme(self, framework: str, theme: str) -> ThemeScore | None:
        return next((t for t in self.themes if t.framework == framework and t.theme == theme), None)
