"""Read one case in detail: its file read and validated again, scored with the
inspector's judgements from its review sidecar — for the case screen, ``zntui judge``
and every cache row (:mod:`zntui.workflows.rows`)."""

from __future__ import annotations

from pathlib import Path

from zntui.engine.assess import assess_case
from zntui.plugins import Registry
from zntui.store import CaseFile, read_case_file
from zntui.store.reviews import LoadedReview, ReviewError, load_review
from zntui.workflows.scored import CaseDetail, Params


def score_case(file: CaseFile, registry: Registry, params: Params | None = None) -> CaseDetail:
    """Assess one case with the inspector's judgements from its review sidecar."""
    try:
        review: LoadedReview | None = load_review(file.path, file.case.id)
        error = None
    except ReviewError as exc:
        review, error = None, exc
    judgements = review.review.judgements if review else {}
    assessment = assess_case(file.case, registry, judgements, params)
    return CaseDetail(file, assessment, review, error)


def load_detail(
    path: Path, registry: Registry, params: Params | None = None, root: Path | None = None
) -> CaseDetail:
    """Read, validate and score one case file again; raises :class:`CaseError`."""
    return score_case(CaseFile(path, read_case_file(path, root)), registry, params)
