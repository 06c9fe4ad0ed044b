"""Score a whole folder: load every case, assess each, order worst first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zntui.engine.assess import assess_case, triage_key
from zntui.engine.results import CaseAssessment
from zntui.plugins import Registry
from zntui.store import CaseError, CaseFile, load_folder


@dataclass(frozen=True)
class ScoredCase:
    file: CaseFile
    assessment: CaseAssessment


@dataclass
class ScoredFolder:
    cases: list[ScoredCase] = field(default_factory=list)
    """Worst first."""
    errors: list[CaseError] = field(default_factory=list)


def score_folder(root: Path, registry: Registry) -> ScoredFolder:
    loaded = load_folder(root)
    scored = [ScoredCase(f, assess_case(f.case, registry)) for f in loaded.cases]
    scored.sort(key=lambda s: triage_key(s.assessment))
    return ScoredFolder(scored, loaded.errors)
