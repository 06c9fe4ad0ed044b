"""Score a whole folder: every case and its review, from the cache where it still holds.

Cases the cache does not hold are scored on every core (:mod:`zntui.workflows.workers`)
into rows (:mod:`zntui.workflows.rows`), streamed to ``arrived`` as they come.
:func:`score_session` is the one place that says what an opened folder is scored with,
for the CLI and the app alike.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from zntui.engine.order import triage_key
from zntui.plugins import Registry
from zntui.store import CaseError, ErrorKind, discover
from zntui.store.cache import ABSENT, CaseCache, Row, Signature, disabled_by_env, signature
from zntui.store.folder import REVIEW_SUFFIX, duplicate_id_errors, is_case_file_name
from zntui.workflows.changes import CaseIndex, FolderChange
from zntui.workflows.rows import (
    ERROR_RANK,
    CriteriaSource,
    fingerprint,
    from_row,
    score_row,
    sidecar_text,
)
from zntui.workflows.scored import Params, ScoredCase, ScoredFolder

if TYPE_CHECKING:  # reading a folder back from the cache needs no config model (pydantic)
    from zntui.workflows.session import Session

FIRST_BATCH = 200
"""Cases in the first batch handed to ``arrived``; later batches are larger."""
SCREENFUL = 20
"""Cases the app scores first, in its own process, when the cache holds no top: about
what its list shows at once (``score_folder``'s ``first``)."""
PARALLEL_FROM = 200
"""Fewer cases than this to score are scored in this process: a pool costs more."""


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
    shown: Iterable[ScoredCase] = (),
    first: int = 0,
) -> ScoredFolder:
    """Load and score every case under ``root``, worst first.

    ``freeze`` takes what is scored out of the cycle collector's view (``gc.freeze``,
    which is process-wide): for a caller that keeps the folder as long as the process
    lives — the app, a one-shot command — and decides so itself.

    ``cache`` False scores everything afresh and leaves the cache alone. ``workers``
    is the number of processes for cases to score (default: every core).

    ``shown``: the top of the list as :func:`cached_top` gave it to the caller, already
    on screen; it is not read or handed to ``arrived`` again. ``first``: when the cache
    holds fewer current rows than that (a cold cache), that many files are scored here
    as soon as the walk has found them, and handed to ``arrived`` before the rest of the
    folder is walked and the pool has started — a screenful to show at once.

    In order: the top of the list straight from the cache (to ``arrived`` before the
    folder is walked), or a first small batch scored here; the walk, which tells hits
    from misses by signatures alone; workers started on the misses while this process
    is still small; the hits read back, worst first, while they work; then their rows
    as they come.
    """
    root = root.absolute()
    base = root if root.is_dir() else root.parent
    folder = ScoredFolder()
    key = fingerprint(registry, params)
    store: CaseCache | None = None
    if cache and not disabled_by_env():
        store = CaseCache.open(key)
        if store is None:
            folder.cache_note = "cache niet bruikbaar; beoordelen zonder cache"
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

    # 1. The top of the list, before the walk: a screenful is all a user sees at first.
    early = {str(s.path): s for s in shown}
    if store is not None and arrived is not None and not early:
        early = {str(s.path): s for s in _current_top(store, root, source, FIRST_BATCH)}
        if early:
            arrived(list(early.values()))

    # 2. The walk: hits and misses by signature. With no top from the cache, the first
    # files found are scored here at once (the pool and the rest of the walk take longer).
    walk = discover(root)
    paths: list[str] = []
    ahead: dict[str, Row] = {}
    if arrived is not None and len(early) < first:
        for found_path in walk:
            paths.append(str(found_path))
            if len(paths) >= first:
                break
        ahead = {p: score_row(Path(p), base, registry, params) for p in paths if p not in early}
        take([from_row(row, source) for row in ahead.values()])
    paths.extend(str(p) for p in walk)
    total = len(paths)
    if progress:
        progress("lezen", total, total)
    known = store.signatures_under(root) if store else {}
    if store and store.warning:
        folder.cache_note = store.warning
    hits: set[str] = set()
    misses: list[str] = []
    rows: list[Row] = []
    for path in paths:
        now = (signature(path), signature(sidecar_text(path)))
        folder.files[path] = now
        if path in ahead:
            if (ahead[path].case, ahead[path].review) == now:
                rows.append(ahead[path])  # scored already: only to be stored
                continue
            # Rewritten since it was scored: forgotten, and scored again with the misses.
            scored.pop(path, None)
            folder.errors = [e for e in folder.errors if str(e.path) != path]
            done -= 1
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


def cached_top(
    root: Path, registry: Registry, params: Params | None = None, limit: int = FIRST_BATCH
) -> list[ScoredCase]:
    """The top of ``root``'s list straight from the cache, worst first, before anything
    is walked or scored: the rows still current for their files (each file and sidecar
    looked at), at most ``limit``. Empty without a usable cache. Hand them to
    :func:`score_folder` as ``shown`` to go on from there."""
    if disabled_by_env():
        return []
    root = root.absolute()
    key = fingerprint(registry, params)
    store = CaseCache.open(key)
    if store is None:
        return []
    try:
        base = root if root.is_dir() else root.parent
        source = CriteriaSource(key, store.path, registry, params, base)
        return _current_top(store, root, source, limit)
    finally:
        store.close()


def _current_top(
    store: CaseCache, root: Path, source: CriteriaSource, limit: int
) -> list[ScoredCase]:
    top: list[ScoredCase] = []
    for row in store.rows_under(root, limit=limit):
        if row.rank == ERROR_RANK or not _current(row):
            continue
        with contextlib.suppress(ValueError):
            found = from_row(row, source)
            if isinstance(found, ScoredCase):
                top.append(found)
    return top


def _current(row: Row) -> bool:
    """Whether the file and sidecar are still as they were when ``row`` was scored."""
    return row.case == signature(row.path) != ABSENT and row.review == signature(
        sidecar_text(row.path)
    )


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
    which only a whole load can settle. ``folder`` itself is left as it was (the app,
    which keeps its folder, applies a :func:`find_changes` in place instead)."""
    change = find_changes(
        folder, CaseIndex(folder), root, registry, params, cache=cache, candidates=candidates
    )
    if change is None:
        return None
    if not change.changed:
        return folder, []
    fresh = ScoredFolder(
        list(folder.cases),
        list(folder.errors),
        folder.cache_note,
        0,
        dict(folder.files),
        folder.criteria,
    )
    CaseIndex(fresh).apply(change)
    return fresh, change.changed


def find_changes(
    folder: ScoredFolder,
    index: CaseIndex,
    root: Path,
    registry: Registry,
    params: Params | None = None,
    *,
    cache: bool = True,
    candidates: Iterable[str] | None = None,
) -> FolderChange | None:
    """What the case files added, changed or removed on disk since ``folder`` was scored
    do to it (their rows scored, and put into the cache): the work of those files
    alone when ``candidates`` (a watch's word) name them; else the folder is walked.
    Reads ``folder`` and ``index`` (of it) and changes neither: this runs in a worker
    while the list is shown. An empty change when nothing changed; None when a change
    touches a case id used twice, which only a whole load can settle."""
    root = root.absolute()
    if candidates is None:
        # A copy first: the folder's own dict may be updated meanwhile (in one C call,
        # so the copy is whole).
        files, changed = changed_files(root, dict(folder.files))
        now = {p: files.get(p) for p in changed}
    else:
        now, changed = _changed_among(folder.files, candidates)
    change = FolderChange(changed, now)
    if not changed:
        return change
    base = root if root.is_dir() else root.parent
    touched = set(changed)
    if any(e.kind is ErrorKind.DUPLICATE_ID for e in folder.errors if str(e.path) in touched):
        return None
    change.removed = [s for p in changed if (s := index.by_path.get(p)) is not None]
    rows = [score_row(Path(p), base, registry, params) for p in changed if now[p] is not None]
    cached = cache and not disabled_by_env()
    for row in rows:
        # Read back from the cache like the rest; without it, these few keep their own.
        found = from_row(row, folder.criteria if cached else None)
        if isinstance(found, CaseError):
            change.errors.append(found)
            continue
        case_id = found.assessment.case_id
        namesake = index.by_id.get(case_id)
        if namesake is not None and str(namesake.path) not in touched:
            return None
        if any(s.assessment.case_id == case_id for s in change.added):
            return None
        change.added.append(found)
    if cached:
        store = CaseCache.open(fingerprint(registry, params))
        if store is not None:
            store.put(rows)
            store.forget(p for p in changed if now[p] is None)
            store.close()
    return change


def changed_files(
    root: Path, files: Mapping[str, tuple[Signature, Signature]]
) -> tuple[dict[str, tuple[Signature, Signature]], list[str]]:
    """Walk ``root`` again: the signatures now, and the case files added, changed (or
    their sidecar) or gone since ``files`` was taken."""
    now: dict[str, tuple[Signature, Signature]] = {}
    for path in discover(root.absolute()):
        key = str(path)
        now[key] = (signature(key), signature(sidecar_text(key)))
    changed = [p for p, sig in now.items() if files.get(p) != sig]
    changed += [p for p in files if p not in now]
    return now, changed


def _changed_among(
    files: Mapping[str, tuple[Signature, Signature]], candidates: Iterable[str]
) -> tuple[dict[str, tuple[Signature, Signature] | None], list[str]]:
    """As :func:`changed_files`, looking only at ``candidates`` (the rest is as it was):
    the signatures now of the files that changed (None: gone), and those files."""
    now: dict[str, tuple[Signature, Signature] | None] = {}
    changed: list[str] = []
    for path in candidates:
        name = os.path.basename(path)
        if name.endswith(REVIEW_SUFFIX):
            path = path.removesuffix(REVIEW_SUFFIX) + ".toml"
        elif not is_case_file_name(name):
            continue
        if path in now:
            continue
        if os.path.lexists(path):
            sigs = (signature(path), signature(sidecar_text(path)))
            if files.get(path) != sigs:
                now[path] = sigs
                changed.append(path)
        elif path in files:
            now[path] = None
            changed.append(path)
    return now, changed


def _score_rows(
    paths: list[str], base: Path, registry: Registry, params: Params | None, workers: int | None
) -> Iterator[list[Row]]:
    """Rows for ``paths`` in batches: on a pool of processes when it pays, else here.
    A pool is started at once, before the caller goes on."""
    count = workers or int(os.environ.get("ZNTUI_WORKERS", 0)) or _cores()
    if count > 1 and len(paths) >= PARALLEL_FROM:
        from zntui.workflows.workers import score_in_pool

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


def score_session(
    session: Session,
    *,
    cache: bool = True,
    progress: Progress | None = None,
    arrived: Arrived | None = None,
    freeze: bool = False,
) -> ScoredFolder:
    """The session's root scored with its plugins and rule parameters. ``freeze``:
    see :func:`score_folder` (the caller keeps the folder for
    the rest of the process)."""
    return score_folder(
        session.root,
        session.registry,
        progress,
        session.config.config.rule_params,
        cache=cache,
        arrived=arrived,
        freeze=freeze,
    )
