"""The data a scored folder is made of: one case in full (:class:`CaseDetail`), a case as
a folder holds it (:class:`ScoredCase`), and the folder (:class:`ScoredFolder`).

A folder is held as :class:`ScoredCase` s: the assessment and the few facts lists,
exports and levels need — not the case itself, which for a national folder would not
fit in memory. Opening one case reads its file again (:mod:`zntui.workflows.detail`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from zntui.engine.results import CaseAssessment, CriterionResult
from zntui.levels import record_key
from zntui.model.review_status import ReviewStatus
from zntui.store.cache import ABSENT, Signature
from zntui.store.errors import CaseError
from zntui.store.reviews import LoadedReview, ReviewError

if TYPE_CHECKING:
    from zntui.store.folder import CaseFile

Params = Mapping[str, Mapping[str, Any]]
"""Rule parameters: check id → parameter → value (the config's ``[rules]``)."""


class CriteriaReader(Protocol):
    """Reads a scored case's criteria results back when asked (:mod:`zntui.workflows.rows`)."""

    def results(
        self, path: str, signatures: tuple[Signature, Signature]
    ) -> list[CriterionResult]: ...


@dataclass(frozen=True)
class CaseDetail:
    """One case in full: the file, its assessment and its review — for the case screen."""

    file: CaseFile
    assessment: CaseAssessment
    review: LoadedReview | None = None
    """None when the sidecar could not be read; then ``review_error`` says why."""
    review_error: ReviewError | None = None


@dataclass(frozen=True, slots=True)
class ScoredCase:
    """A case as a folder holds it: its assessment and what lists and levels show."""

    path: Path
    assessment: CaseAssessment
    municipality: str = ""
    organisations: tuple[str, ...] = ()
    """Provider organisations in the network (the levels count them in failing networks)."""
    status: ReviewStatus | None = ReviewStatus.NIEUW
    """The review's status; None when the sidecar could not be read."""
    review_error: ReviewError | None = None
    signatures: tuple[Signature, Signature] = (ABSENT, ABSENT)
    """(case file, review sidecar) as they were when scored: the cache row to read back."""
    record_key: bytes = b""
    """:func:`zntui.levels.record_key`, taken when scored (b"": the levels take it)."""
    pseudonym: str = ""
    """The client's name or pseudonym: the client level finds cases by it. Personal:
    the levels' input (:func:`zntui.levels.level_case`) leaves it behind."""

    def summary_key(self) -> tuple[object, ...]:
        """What the list shows of the case: equal keys need no redraw."""
        return (
            self.assessment.to_dict(),
            self.status,
            self.municipality,
            self.organisations,
            self.pseudonym,
        )

    @classmethod
    def of(cls, detail: CaseDetail) -> ScoredCase:
        case = detail.file.case
        organisations = tuple(m.organisation for m in case.members if m.organisation)
        return cls(
            detail.file.path,
            detail.assessment,
            case.municipality,
            organisations,
            detail.review.review.status if detail.review else None,
            detail.review_error,
            record_key=record_key(detail.assessment, case.municipality, organisations),
            pseudonym=case.client.pseudonym,
        )


@dataclass
class ScoredFolder:
    cases: list[ScoredCase] = field(default_factory=list)
    """Worst first."""
    errors: list[CaseError] = field(default_factory=list)
    cache_note: str | None = None
    """Why the cache was rebuilt or not used, when it was not plain sailing."""
    from_cache: int = 0
    """How many cases came from the cache unchanged."""
    files: dict[str, tuple[Signature, Signature]] = field(default_factory=dict)
    """(case, sidecar) signatures of every case file seen, valid or not, as scored:
    what a change on disk is told from (:func:`changed_files`)."""
    criteria: CriteriaReader | None = None
    """Where the cases' criteria results are read back from (they are not kept)."""

    @property
    def review_errors(self) -> list[ReviewError]:
        return [c.review_error for c in self.cases if c.review_error]
