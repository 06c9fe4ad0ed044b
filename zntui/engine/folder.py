"""Score a whole folder: every case and its review, from the cache where it still holds.

A folder is held as :class:`ScoredCase` s: the assessment and the few facts lists,
exports and levels need — not the case itself, which for a national folder would not
fit in memory. Opening one case reads its file again (:func:`load_detail`).

Cases the cache does not hold are scored on every core (:mod:`zntui.engine.workers`);
each becomes the same text row whether it was scored now, by a worker or long ago, so
results with and without the cache are the same by construction.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import zntui
from zntui.engine.assess import assess_case, triage_key
from zntui.engine.results import CaseAssessment
from zntui.model.review import ReviewStatus
from zntui.plugins import Registry
from zntui.store import CaseError, CaseFile, ErrorKind, discover, read_case_file
from zntui.store.cache import (
    ABSENT,
    CaseCache,
    Row,
    Signature,
    disabled_by_env,
    signature,
)
from zntui.store.folder import REVIEW_SUFFIX, duplicate_id_errors, is_case_file_name
from zntui.store.reviews import LoadedReview, ReviewError, load_review

ROW_FORMAT = 3  # 2: a result's notes apart from its evidence; 3: the pseudonym
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
    signatures: tuple[Signature, Signature] = (ABSENT, ABSENT)
    """(case file, review sidecar) as they were when scored: the cache row to read back."""
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
        return cls(
            detail.file.path,
            detail.assessment,
            case.municipality,
            tuple(m.organisation for m in case.members if m.organisation),
            detail.review.review.status if detail.review else None,
            detail.review_error,
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
    criteria: CriteriaSource | None = None
    """Where the cases' criteria results are read back from (they are not kept)."""

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
    review_sig = signature(_sidecar(str(path)))
    try:
        detail = load_detail(path, registry, params, base)
    except CaseError as exc:
        error = json.dumps({"error": exc.to_dict()})
        return Row(str(path), case_sig, review_sig, error, "", ERROR_RANK)
    scored = ScoredCase.of(detail)
    summary = {
        "assessment": scored.assessment.to_dict(),
        "municipality": scored.municipality,
        "organisations": list(scored.organisations),
        "pseudonym": scored.pseudonym,
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
        rank_text(scored.assessment),
    )


ERROR_RANK = "~"
"""Sorts after every case's rank: invalid files are not read for the top of the list."""


def rank_text(assessment: CaseAssessment) -> str:
    """:func:`triage_key` as text that sorts the same way, so the cache can hand back
    the top of the list first. Counts are capped at 999 (no framework has that many)."""
    unassessed, risk, worst, bad, case_id = triage_key(assessment)  # risk, worst, bad ≤ 0
    counts = f"{999 + max(worst, -999):03d}{999 + max(bad, -999):03d}"
    return f"{unassessed}{100 + risk:03d}{counts}{case_id}"


def from_row(row: Row, criteria: CriteriaSource | None = None) -> ScoredCase | CaseError:
    """The scored case (or the file's error) a row holds; ValueError if it is damaged.

    The case's criteria results are not kept: ``criteria`` reads them back when asked
    (without one, the row's own text is kept)."""
    try:
        data = json.loads(row.summary)
        if "error" in data:
            return CaseError.from_dict(data["error"])
        review_error = data["review_error"]
        path = Path(row.path)
        signatures = (row.case, row.review)
        if criteria is None:
            assessment = CaseAssessment.from_dict(data["assessment"], row.criteria)
        else:
            loader = partial(criteria.text, row.path, signatures)
            assessment = CaseAssessment.from_dict(data["assessment"], criteria_loader=loader)
        return ScoredCase(
            path,
            assessment,
            sys.intern(data["municipality"]),
            tuple(map(sys.intern, data["organisations"])),
            ReviewStatus(data["status"]) if data["status"] else None,
            ReviewError(Path(review_error[0]), review_error[1], review_error[2])
            if review_error
            else None,
            signatures,
            data.get("pseudonym", ""),
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"damaged cache row for {row.path}: {exc}") from exc


class CriteriaSource:
    """Where the criteria results of a scored folder are read back from when asked: the
    cache (through a connection of its own), or — with the cache off — a scratch file
    of this process's, removed when the source goes. A row that is no longer there, or
    no longer for the file as it was scored, is scored again from the file: the cache
    is never the truth."""

    def __init__(
        self,
        fingerprint: str,
        path: Path | None,
        registry: Registry,
        params: Params | None,
        base: Path,
    ) -> None:
        self._fingerprint, self._path = fingerprint, path
        self._registry, self._params, self._base = registry, params, base
        self._store: CaseCache | None = None
        self._opened = False
        self._lock = threading.Lock()

    @classmethod
    def scratch(
        cls, fingerprint: str, registry: Registry, params: Params | None, base: Path
    ) -> tuple[CriteriaSource, CaseCache | None]:
        """A source over a new scratch file, and the store to fill it through."""
        folder = tempfile.mkdtemp(prefix="zntui-scratch-")
        path = Path(folder) / "cases.sqlite3"
        source = cls(fingerprint, path, registry, params, base)
        weakref.finalize(source, shutil.rmtree, folder, ignore_errors=True)
        return source, CaseCache.open(fingerprint, path)

    def text(self, path: str, signatures: tuple[Signature, Signature]) -> str:
        with self._lock:
            if not self._opened:
                self._opened = True
                self._store = CaseCache.open(self._fingerprint, self._path)
            found = self._store.criteria(path, *signatures) if self._store else None
        if found is None:
            found = score_row(Path(path), self._base, self._registry, self._params).criteria
        return found or "[]"


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
    freeze: bool = False,
) -> ScoredFolder:
    """Load and score every case under ``root``, worst first.

    ``freeze`` takes what is scored out of the cycle collector's view (``gc.freeze``,
    which is process-wide): for a caller that keeps the folder as long as the process
    lives — the app, a one-shot command — and decides so itself.

    ``cache`` False scores everything afresh and leaves the cache alone. ``workers``
    is the number of processes for cases to score (default: every core).

    In order: the top of the list straight from the cache (to ``arrived`` before the
    folder is walked); the walk, which tells hits from misses by signatures alone;
    workers started on the misses while this process is still small; the hits read
    back, worst first, while they work; then their rows as they come.
    """
    root = root.absolute()
    base = root if root.is_dir() else root.parent
    folder = ScoredFolder()
    key = fingerprint(registry, params)
    store: CaseCache | None = None
    if cache and not disabled_by_env():
        store = CaseCache.open(key)
        if store is None:
            folder.cache_note = "cache not usable; scoring without it"
    if store is not None:
        source = CriteriaSource(key, store.path, registry, params, base)
        writer = store
    else:
        source, writer = CriteriaSource.scratch(key, registry, params, base)
    folder.criteria = source

    scored: dict[str, ScoredCase] = {}
    done = 0
    total = 0
    frozen = 0

    def take(batch: list[ScoredCase | CaseError], *, show: bool = True) -> None:
        nonlocal done, frozen
        fresh = [s for s in batch if isinstance(s, ScoredCase)]
        folder.errors.extend(s for s in batch if isinstance(s, CaseError))
        for s in fresh:
            scored[str(s.path)] = s
        done += len(batch)
        if freeze and done >= 2 * frozen + FIRST_BATCH:
            # What is scored lives as long as the folder is shown: keep the cycle
            # collector from walking it again and again while more arrives (and ever
            # after). Each time the folder has doubled, so a load freezes a few times.
            gc.freeze()
            frozen = done
        if arrived and fresh and show:
            arrived(fresh)
        if progress and total:
            progress("beoordelen", done, total)

    def current(path: str, row: Row) -> bool:
        return row.case == signature(path) != ABSENT and row.review == signature(_sidecar(path))

    # 1. The top of the list, before the walk: a screenful is all a user sees at first.
    early: dict[str, ScoredCase] = {}
    if store is not None and arrived is not None:
        for row in store.rows_under(root, limit=FIRST_BATCH):
            if row.rank != ERROR_RANK and current(row.path, row):
                with contextlib.suppress(ValueError):
                    found = from_row(row, source)
                    if isinstance(found, ScoredCase):
                        early[row.path] = found
        if early:
            arrived(list(early.values()))

    # 2. The walk: hits and misses by signature.
    paths = [str(p) for p in discover(root)]
    total = len(paths)
    if progress:
        progress("lezen", total, total)
    known = store.signatures_under(root) if store else {}
    if store and store.warning:
        folder.cache_note = store.warning
    hits: set[str] = set()
    misses: list[str] = []
    for path in paths:
        now = (signature(path), signature(_sidecar(path)))
        folder.files[path] = now
        if known.get(path) == now and now[0] != ABSENT:
            hits.add(path)
        else:
            misses.append(path)
    gone = [p for p in known if p not in folder.files]
    del known

    # 3. Workers on the misses now, before this process holds the hits.
    pending = _score_rows(misses, base, registry, params, workers)

    # 4. The hits, worst first.
    if early:
        kept = [s for p, s in early.items() if p in hits and folder.files[p] == s.signatures]
        take(list(kept), show=False)
    damaged: list[str] = []
    if store is not None and hits:
        handled = set(scored)
        batch: list[ScoredCase | CaseError] = []
        size = FIRST_BATCH
        for row in store.rows_under(root):
            if row.path not in hits or row.path in handled:
                continue
            handled.add(row.path)
            if folder.files[row.path] != (row.case, row.review):
                damaged.append(row.path)  # rewritten by another process meanwhile
                continue
            try:
                batch.append(from_row(row, source))
            except ValueError:
                damaged.append(row.path)  # a damaged row is scored again
                continue
            if len(batch) >= size:
                take(batch)
                batch, size = [], 2000
        take(batch)
        damaged.extend(sorted(hits - handled))  # gone from the cache meanwhile
    folder.from_cache = done

    # 5. The misses as they are scored.
    rows: list[Row] = []

    def finish(batch: list[Row]) -> None:
        nonlocal rows
        rows.extend(batch)
        take([from_row(row, source) for row in batch])
        if writer is not None and len(rows) >= 1000:
            writer.put(rows)
            rows = []

    for batch in pending:
        finish(batch)
    for batch in _score_rows(damaged, base, registry, params, 1):
        finish(batch)
    if writer is not None:
        writer.put(rows)
        if store is not None:
            store.forget(gone)  # rows of files that are no longer there
            if store.warning and not folder.cache_note:
                folder.cache_note = store.warning
        writer.close()

    found = list(scored.values())
    refused, duplicates = duplicate_id_errors((s.assessment.case_id, s.path) for s in found)
    folder.cases = [s for s in found if s.path not in refused]
    folder.cases.sort(key=lambda s: triage_key(s.assessment))
    folder.errors = sorted(folder.errors + duplicates, key=lambda e: str(e.path))
    return folder


def rescore_changed(
    folder: ScoredFolder,
    root: Path,
    registry: Registry,
    params: Params | None = None,
    *,
    cache: bool = True,
    candidates: Iterable[str] | None = None,
) -> tuple[ScoredFolder, list[str]] | None:
    """``folder`` with each case file added, changed or removed on disk since it was
    scored put in as that one row (and into the cache), and which files those were.
    ``candidates`` are the only paths (case files or sidecars) that may have changed,
    as a watch tells them; without them the folder is walked. The same folder and no
    files when nothing changed; None when a change touches a case id used twice,
    which only a whole load can settle."""
    root = root.absolute()
    if candidates is None:
        files, changed = changed_files(root, folder.files)
    else:
        files, changed = _changed_among(folder.files, candidates)
    if not changed:
        return folder, []
    base = root if root.is_dir() else root.parent
    touched = set(changed)
    if any(e.kind is ErrorKind.DUPLICATE_ID for e in folder.errors if str(e.path) in touched):
        return None
    rows = [score_row(Path(p), base, registry, params) for p in changed if p in files]
    cases = [s for s in folder.cases if str(s.path) not in touched]
    errors = [e for e in folder.errors if str(e.path) not in touched]
    ids = {s.assessment.case_id for s in cases}
    cached = cache and not disabled_by_env()
    for row in rows:
        # Read back from the cache like the rest; without it, these few keep their own.
        found = from_row(row, folder.criteria if cached else None)
        if isinstance(found, CaseError):
            errors.append(found)
            continue
        if found.assessment.case_id in ids:
            return None
        ids.add(found.assessment.case_id)
        bisect.insort(cases, found, key=lambda s: triage_key(s.assessment))
    if cached:
        store = CaseCache.open(fingerprint(registry, params))
        if store is not None:
            store.put(rows)
            store.forget(p for p in changed if p not in files)
            store.close()
    errors.sort(key=lambda e: str(e.path))
    fresh = ScoredFolder(cases, errors, folder.cache_note, 0, files, folder.criteria)
    return fresh, changed


def changed_files(
    root: Path, files: Mapping[str, tuple[Signature, Signature]]
) -> tuple[dict[str, tuple[Signature, Signature]], list[str]]:
    """Walk ``root`` again: the signatures now, and the case files added, changed (or
    their sidecar) or gone since ``files`` was taken."""
    now: dict[str, tuple[Signature, Signature]] = {}
    for path in discover(root.absolute()):
        key = str(path)
        now[key] = (signature(key), signature(_sidecar(key)))
    changed = [p for p, sig in now.items() if files.get(p) != sig]
    changed += [p for p in files if p not in now]
    return now, changed


def _changed_among(
    files: Mapping[str, tuple[Signature, Signature]], candidates: Iterable[str]
) -> tuple[dict[str, tuple[Signature, Signature]], list[str]]:
    """As :func:`changed_files`, looking only at ``candidates`` (the rest is as it was)."""
    now = dict(files)
    changed: list[str] = []
    for path in candidates:
        name = os.path.basename(path)
        if name.endswith(REVIEW_SUFFIX):
            path = path.removesuffix(REVIEW_SUFFIX) + ".toml"
        elif not is_case_file_name(name):
            continue
        if path in changed:
            continue
        if os.path.lexists(path):
            sigs = (signature(path), signature(_sidecar(path)))
            if now.get(path) != sigs:
                now[path] = sigs
                changed.append(path)
        elif now.pop(path, None) is not None:
            changed.append(path)
    return now, changed


def _sidecar(path: str) -> str:
    """:func:`sidecar_path` on text: the walk takes it for every file."""
    return path.removesuffix(".toml") + REVIEW_SUFFIX


def _score_rows(
    paths: list[str], base: Path, registry: Registry, params: Params | None, workers: int | None
) -> Iterator[list[Row]]:
    """Rows for ``paths`` in batches: on a pool of processes when it pays, else here.
    A pool is started at once, before the caller goes on."""
    count = workers or int(os.environ.get("ZNTUI_WORKERS", 0)) or _cores()
    if count > 1 and len(paths) >= PARALLEL_FROM:
        from zntui.engine.workers import score_in_pool

        pooled = score_in_pool(paths, base, registry, params, count, score_row)
        if pooled is not None:
            return pooled
    return _score_here(paths, base, registry, params)


def _score_here(
    paths: list[str], base: Path, registry: Registry, params: Params | None
) -> Iterator[list[Row]]:
    for start in range(0, len(paths), 50):
        yield [score_row(Path(p), base, registry, params) for p in paths[start : start + 50]]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
