"""Change a review: load → change → save → conflict → rescore, written once for
``zntui judge/note/status/unlock``, the case screen and the app's bulk status.

A change is a function ``Review -> Review`` from :mod:`zntui.model.review` (``judge``,
``add_note``, ``set_status``, ``unlock``). :func:`apply_change` runs it on the review as
it was loaded and saves the result only if the sidecar is still as it was read; it
never raises for what a user can cause, it says what happened (:class:`ChangeResult`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from zntui.engine import assess_case
from zntui.model.case import Case
from zntui.model.review import AuditEntry, Review, ReviewChangeError, judge
from zntui.plugins import Registry
from zntui.store import read_case_file
from zntui.store.reviews import (
    LoadedReview,
    ReviewConflict,
    ReviewError,
    load_review,
    save_review,
)
from zntui.workflows.detail import score_case
from zntui.workflows.scored import CaseDetail

Change = Callable[[Review], Review]
Params = Mapping[str, Mapping[str, Any]]


class Outcome(StrEnum):
    SAVED = "saved"
    UNCHANGED = "unchanged"
    REFUSED = "refused"
    """The change itself is not allowed (a locked review, a reason missing…)."""
    CONFLICT = "conflict"
    """Someone else saved the review meanwhile; nothing was written."""
    FAILED = "failed"
    """The file could not be written."""


@dataclass(frozen=True)
class ChangeResult:
    outcome: Outcome
    message: str = ""
    """Why it was refused, conflicted or failed, in the error's words."""
    loaded: LoadedReview | None = None
    """The review as saved (SAVED)."""

    @property
    def last(self) -> AuditEntry | None:
        """The audit entry the saved change added."""
        if self.loaded is None or not self.loaded.review.audit:
            return None
        return self.loaded.review.audit[-1]


def open_review(case_path: Path, root: Path | None = None) -> tuple[Case, LoadedReview]:
    """The case and its review. Raises ``CaseError`` or ``ReviewError``."""
    case = read_case_file(case_path, root)
    return case, load_review(case_path, case.id)


def apply_change(case_path: Path, loaded: LoadedReview, change: Change) -> ChangeResult:
    """``change`` applied to the review as ``loaded`` found it, and saved."""
    try:
        review = change(loaded.review)
    except ReviewChangeError as exc:
        return ChangeResult(Outcome.REFUSED, str(exc))
    if review == loaded.review:
        return ChangeResult(Outcome.UNCHANGED)
    try:
        saved = save_review(case_path, loaded, review)
    except ReviewConflict as exc:
        return ChangeResult(Outcome.CONFLICT, str(exc))
    except OSError as exc:
        return ChangeResult(Outcome.FAILED, str(exc))
    return ChangeResult(Outcome.SAVED, loaded=saved)


def automatic_verdict(
    case: Case, registry: Registry, criterion_id: str, params: Params | None = None
) -> str:
    """What the checks say of the criterion, as the app shows it (no judgements)."""
    results = assess_case(case, registry, params=params).results
    return next(r.verdict for r in results if r.criterion == criterion_id)


def judgement(
    case: Case,
    registry: Registry,
    criterion_id: str,
    verdict: str,
    *,
    reason: str,
    by: str,
    params: Params | None = None,
) -> Change:
    """The change that records an inspector's ``verdict`` (words or a short code) on a
    criterion of the case, against the automatic result. Raises ``ReviewChangeError``
    for a criterion that is not in the case's frameworks."""
    found = registry.criterion(criterion_id)
    if found is None or found[0].id not in case.frameworks:
        where = ", ".join(case.frameworks)
        raise ReviewChangeError(
            f"{criterion_id}: no such criterion in this case's frameworks ({where})"
        )
    scale = found[0].scale
    automatic = automatic_verdict(case, registry, criterion_id, params)
    return lambda review: judge(
        review,
        criterion_id,
        verdict,
        scale=scale,
        automatic_verdict=automatic,
        reason=reason,
        by=by,
        case_digest=case.digest,  # what it judged: stale once the case file changes
    )


def rescore(detail: CaseDetail, registry: Registry, params: Params | None = None) -> CaseDetail:
    """The case scored again with its review as it is on disk now."""
    return score_case(detail.file, registry, params)


@dataclass(frozen=True)
class ChangeOutcome:
    """What happened to one review in a change applied to several."""

    case_path: Path
    changed: bool
    refused: str = ""
    """Why it was not changed, in the words of the error; empty when changed or equal."""


def change_reviews(cases: Iterable[tuple[Path, str]], change: Change) -> list[ChangeOutcome]:
    """Apply ``change`` to the review of each (case file, case id), each saved on its own.

    A review that cannot be read, is locked, or changed on disk meanwhile is left as it
    is and reported; the others are saved. Nothing is half-written.
    """
    outcomes = []
    for case_path, case_id in cases:
        try:
            loaded = load_review(case_path, case_id)
        except ReviewError as exc:
            outcomes.append(ChangeOutcome(case_path, False, str(exc)))
            continue
        result = apply_change(case_path, loaded, change)
        outcomes.append(ChangeOutcome(case_path, result.outcome is Outcome.SAVED, result.message))
    return outcomes
