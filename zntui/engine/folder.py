"""Score a whole folder: load every case and its review, assess each, order worst first."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zntui.engine.assess import assess_case, triage_key
from zntui.engine.results import CaseAssessment
from zntui.plugins import Registry
from zntui.store import CaseError, CaseFile, discover, load_paths
from zntui.store.reviews import LoadedReview, ReviewError, load_review


@dataclass(frozen=True)
class ScoredCase:
    file: CaseFile
    assessment: CaseAssessment
    review: LoadedReview | None = None
    """None when the sidecar could not be read; then ``review_error`` says why."""
    review_error: ReviewError | None = None


@dataclass
class ScoredFolder:
    cases: list[ScoredCase] = field(default_factory=list)
    """Worst first."""
    errors: list[CaseError] = field(default_factory=list)

    @property
    def review_errors(self) -> list[ReviewError]:
        return [c.review_error for c in self.cases if c.review_error]


def score_case(
    file: CaseFile, registry: Registry, params: Mapping[str, Mapping[str, Any]] | None = None
) -> ScoredCase:
    """Assess one case with the inspector's judgements from its review sidecar."""
    try:
        review: LoadedReview | None = load_review(file.path, file.case.id)
        error = None
    except ReviewError as exc:
        review, error = None, exc
    judgements = review.review.judgements if review else {}
    assessment = assess_case(file.case, registry, judgements, params)
    return ScoredCase(file, assessment, review, error)


Progress = Callable[[str, int, int], None]
"""``progress(phase, done, total)``; phase is "lezen" or "beoordelen"."""


def _reported(
    items: list[Path], base: Path, progress: Progress | None
) -> Iterator[tuple[Path, Path]]:
    for done, path in enumerate(items, start=1):
        yield path, base
        if progress and (done % 50 == 0 or done == len(items)):
            progress("lezen", done, len(items))


def score_folder(
    root: Path,
    registry: Registry,
    progress: Progress | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
) -> ScoredFolder:
    """Load and score every case under ``root``, reporting progress as it goes."""
    base = root if root.is_dir() else root.parent
    loaded = load_paths(_reported(list(discover(root)), base, progress))
    scored = []
    total = len(loaded.cases)
    for done, file in enumerate(loaded.cases, start=1):
        scored.append(score_case(file, registry, params))
        if progress and (done % 50 == 0 or done == total):
            progress("beoordelen", done, total)
    scored.sort(key=lambda s: triage_key(s.assessment))
    return ScoredFolder(scored, loaded.errors)
