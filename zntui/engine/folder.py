"""Score a whole folder: every case and its review, from the cache where it still holds.

A folder is held as :class:`ScoredCase` s: the assessment and the few facts lists,
exports and levels need — not the case itself, which for a national folder would not
fit in memory. Opening one case reads its file again (:func:`load_detail`).

Cases the cache does not hold are scored on every core (:mod:`zntui.engine.workers`);
each becomes the same text row whether it was scored now, by a worker or long ago, so
results with and without the cache are the same by construction.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import zntui
from zntui.engine.assess import assess_case, triage_key
from zntui.engine.results import CaseAssessment
from zntui.model.review import ReviewStatus
from zntui.plugins import Registry
from zntui.store import CaseError, CaseFile, discover, read_case_file
from zntui.store.cache import ABSENT, CaseCache, Row, disabled_by_env, signature
from zntui.store.folder import duplicate_id_errors
from zntui.store.reviews import LoadedReview, ReviewError, load_review, sidecar_path

ROW_FORMAT = 2  # 2: a result's notes apart from its evidence
"""Bump when the row text changes shape: every cached row is then scored again."""
FIRST_BATCH = 200
"""Cases in the first batch handed to ``arrived``; later batches are larger."""
PARALLEL_FROM = 200
"""Fewer cases than this to score are scored in this process: a pool costs more."""

Params = Mapping[str, Mapping[str, Any]]


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

    def summary_key(self) -> tuple[object, ...]:
        """What the list shows of the case: equal keys need no redraw."""
        return (self.assessment.to_dict(), self.status, self.municipality, self.organisations)

    @classmethod
    def of(cls, detail: CaseDetail) -> ScoredCase:
        case = detail.file.case
        return cls(
            detail.file.path,
            detail.assessment,
            case.municipality,
            tuple(m.organisation for m in case.members if m.organisation),
            detail.review.review.status if detail.review else None,
            detail.review_error,
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

    @property
    def review_errors(self) -> list[ReviewError]:
        return [c.review_error for c in self.cases if c.review_error]


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


# --- rows: the text form of a scored case, shared by the cache and the workers ---------


def score_row(path: Path, base: Path, registry: Registry, params: Params | None) -> Row:
    """Score the file at ``path`` into a row. The signatures are taken before reading, so
    a file that changes meanwhile is seen as changed next time."""
    case_sig = signature(path)
    review_sig = signature(sidecar_path(path))
    try:
        detail = load_detail(path, registry, params, base)
    except CaseError as exc:
        return Row(str(path), case_sig, review_sig, json.dumps({"error": exc.to_dict()}), "")
    scored = ScoredCase.of(detail)
    summary = {
        "assessment": scored.assessment.to_dict(),
        "municipality": scored.municipality,
        "organisations": list(scored.organisations),
        "status": scored.status.value if scored.status else None,
        "review_error": (
            [str(scored.review_error.path), scored.review_error.kind, scored.review_error.message]
            if scored.review_error
            else None
        ),
    }
    return Row(
        str(path),
        case_sig,
        review_sig,
        json.dumps(summary, ensure_ascii=False),
        scored.assessment.criteria_json(),
    )


def from_row(row: Row) -> ScoredCase | CaseError:
    """The scored case (or the file's error) a row holds; ValueError if it is damaged."""
    try:
        data = json.loads(row.summary)
        if "error" in data:
            return CaseError.from_dict(data["error"])
        review_error = data["review_error"]
        return ScoredCase(
            Path(row.path),
            CaseAssessment.from_dict(data["assessment"], row.criteria),
            data["municipality"],
            tuple(data["organisations"]),
            ReviewStatus(data["status"]) if data["status"] else None,
            ReviewError(Path(review_error[0]), review_error[1], review_error[2])
            if review_error
            else None,
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"damaged cache row for {row.path}: {exc}") from exc


def fingerprint(registry: Registry, params: Params | None = None) -> str:
    """What every cached row depends on besides its files: zntui, plugins, rules, params."""
    parts: list[str] = [zntui.__version__, str(ROW_FORMAT)]
    files: set[str] = set()
    for name, info in sorted(registry.plugins.items()):
        parts.append(f"{name}|{info.source}|{info.version}|{info.location}|{info.error}")
        files.add(info.location)
    for check_id, check in sorted(registry.checks.items()):
        module = getattr(check.function, "__module__", "")
        name = getattr(check.function, "__qualname__", type(check.function).__name__)
        parts.append(f"{check_id}|{check.plugin}|{module}|{name}")
        files.add(getattr(sys.modules.get(module), "__file__", None) or "")
    for framework_id, framework in sorted(registry.frameworks.items()):
        plugin = registry.framework_plugin.get(framework_id, "")
        parts.append(f"{framework_id}|{plugin}|{framework.model_dump_json()}")
    for name in sorted(f for f in files if f):
        parts.append(f"{name}|{signature(name)[:2]}")  # plugin code edited in place
    parts.append(json.dumps(params or {}, sort_keys=True, default=str))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# --- the folder --------------------------------------------------------------------------

Progress = Callable[[str, int, int], None]
"""``progress(phase, done, total)``; phase is "lezen" (finding files) or "beoordelen"."""
Arrived = Callable[[list[ScoredCase]], None]
"""Called with each batch of scored cases as it is ready (in no particular order)."""


def score_folder(
    root: Path,
    registry: Registry,
    progress: Progress | None = None,
    params: Params | None = None,
    *,
    cache: bool = True,
    arrived: Arrived | None = None,
    workers: int | None = None,
) -> ScoredFolder:
    """Load and score every case under ``root``, worst first.

    ``cache`` False scores everything afresh and leaves the cache alone. ``workers``
    is the number of processes for cases to score (default: every core).
    """
    root = root.absolute()
    base = root if root.is_dir() else root.parent
    paths = list(discover(root))
    if progress:
        progress("lezen", len(paths), len(paths))
    folder = ScoredFolder()
    store = None
    if cache and not disabled_by_env():
        store = CaseCache.open(fingerprint(registry, params))
        if store is None:
            folder.cache_note = "cache not usable; scoring without it"
    cached = store.rows_under(root) if store else {}
    if store and store.warning:
        folder.cache_note = store.warning

    scored: list[ScoredCase] = []
    done = 0

    def take(batch: list[ScoredCase | CaseError]) -> None:
        nonlocal done
        fresh = [s for s in batch if isinstance(s, ScoredCase)]
        folder.errors.extend(s for s in batch if isinstance(s, CaseError))
        scored.extend(fresh)
        done += len(batch)
        if arrived and fresh:
            arrived(fresh)
        if progress:
            progress("beoordelen", done, len(paths))

    misses: list[Path] = []
    hits: list[ScoredCase | CaseError] = []
    batch = FIRST_BATCH  # a small first batch: the app shows rows at once
    for path in paths:
        row = cached.pop(str(path), None)
        if (
            row is not None
            and row.case == signature(path) != ABSENT
            and row.review == signature(sidecar_path(path))
        ):
            try:
                hits.append(from_row(row))
            except ValueError:
                misses.append(path)  # a damaged row is scored again
        else:
            misses.append(path)
        if len(hits) >= batch:
            take(hits)
            hits, batch = [], 2000
    take(hits)
    folder.from_cache = done

    rows: list[Row] = []
    for batch in _score_rows(misses, base, registry, params, workers):
        rows.extend(batch)
        take([from_row(row) for row in batch])
        if store and len(rows) >= 1000:
            store.put(rows)
            rows = []
    if store:
        store.put(rows)
        store.forget(cached)  # rows of files that are no longer there
        if store.warning and not folder.cache_note:
            folder.cache_note = store.warning
        store.close()

    # The folder lives as long as it is shown: spare the cycle collector from walking
    # its hundreds of thousands of objects again at every later allocation burst.
    gc.freeze()
    refused, duplicates = duplicate_id_errors((s.assessment.case_id, s.path) for s in scored)
    folder.cases = [s for s in scored if s.path not in refused]
    folder.cases.sort(key=lambda s: triage_key(s.assessment))
    folder.errors = sorted(folder.errors + duplicates, key=lambda e: str(e.path))
    return folder


def _score_rows(
    paths: list[Path], base: Path, registry: Registry, params: Params | None, workers: int | None
):
    """Rows for ``paths`` in batches: on a pool of processes when it pays, else here."""
    count = workers or int(os.environ.get("ZNTUI_WORKERS", 0)) or _cores()
    if count > 1 and len(paths) >= PARALLEL_FROM:
        from zntui.engine.workers import score_in_pool

        pooled = score_in_pool(paths, base, registry, params, count)
        if pooled is not None:
            yield from pooled
            return
    for start in range(0, len(paths), 50):
        yield [score_row(p, base, registry, params) for p in paths[start : start + 50]]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
