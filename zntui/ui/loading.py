"""Loading and watching one case folder, in worker threads; outcomes go by message.

Nothing here touches a widget: the loader scores the folder (rows stream in while it
runs), builds the level pictures, reads the regional notes, and puts files changed on
disk in as their one row — told by the kernel (inotify) where it can, else by walking
the folder now and then. It posts :mod:`zntui.ui.messages` to the app.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from zntui.disclosure import DEFAULT_THRESHOLD
from zntui.engine import triage_key
from zntui.plugins import Registry
from zntui.store.cache import signature
from zntui.store.reviews import sidecar_path
from zntui.ui.messages import (
    FolderChanged,
    FolderLoaded,
    Levels,
    LevelsReady,
    LoadProgress,
    ReloadNeeded,
    RowsArrived,
)
from zntui.workflows.changes import CaseIndex, FolderChange
from zntui.workflows.rows import score_row
from zntui.workflows.scored import Params, ScoredCase, ScoredFolder
from zntui.workflows.scoring import SCREENFUL, find_changes, score_folder
from zntui.workflows.watch import FolderWatch

if TYPE_CHECKING:
    from zntui.workflows.levels import KeptLevels

WATCH_SECONDS = 2.0
"""Without the kernel's word, the folder is walked this often (at most)."""
EVENT_SECONDS = 0.5
"""With the kernel's word (read the moment it comes), how often to look anyway: for a
file written but not yet closed (:data:`zntui.workflows.watch.HOLD_SECONDS`)."""
WATCH_SHARE = 20
"""Watching takes at most 1/WATCH_SHARE of a core: a slow walk is repeated less often."""
CHECK_SHARE = 200
"""With the kernel's word, the folder is still walked now and then — events can be
lost (a network share tells nothing of changes made elsewhere) — at most 1/CHECK_SHARE
of a core, and no more often than every CHECK_SECONDS."""
CHECK_SECONDS = 60.0
BUSY_SECONDS = 30.0
"""A look at changed files that has not ended after this long is taken for lost."""
STREAM_SECONDS = 1.0
"""While a folder loads, the list is redrawn with what has arrived at most this often."""
STREAM_UNTIL = 4000
"""No redraws while loading beyond this many rows (a screen shows 20): the CPU they
cost is taken from the workers; the whole list comes when all is scored."""


def _triage_order(s: ScoredCase) -> tuple[int, int, int, int, str]:
    return triage_key(s.assessment)


def resort(cases: list[ScoredCase]) -> list[ScoredCase]:
    """Worst first, as triage orders them."""
    return sorted(cases, key=_triage_order)


def with_saved(folder: ScoredFolder, cases: list[ScoredCase], saved: list[Path]) -> ScoredFolder:
    """``folder`` with ``cases`` instead; ``saved`` files (our own writes) noted as they
    are now, so that they are not taken for a change on disk."""
    files = dict(folder.files)
    for path in saved:
        files[str(path)] = (signature(str(path)), signature(sidecar_path(path)))
    return ScoredFolder(cases, folder.errors, files=files, criteria=folder.criteria)


class FolderLoader:
    """Scores and watches ``root``; ``post`` (thread-safe) delivers the messages."""

    def __init__(
        self,
        root: Path,
        registry: Registry,
        params: Params | None,
        use_cache: bool,
        post: Callable[[Message], object],
        threshold: int = DEFAULT_THRESHOLD,
    ) -> None:
        self.root = root
        self.threshold = threshold
        self.registry = registry
        self.params = params
        self.use_cache = use_cache
        self.post = post
        self.stream = True
        self.watch: FolderWatch | None = None
        self.touched: set[str] | None = set()
        """Paths the watch has told of, not yet looked at; None: walk the whole folder."""
        self._incoming: list[ScoredCase] = []
        self._shown_at: float | None = None
        self._shown = 0
        self._next_watch = 0.0
        self._next_check = 0.0
        self.index: CaseIndex | None = None
        """The shown folder's cases by file and id (made once, then kept up to date)."""
        self._busy_since: float | None = None
        self._kept: KeptLevels | None = None
        """The shown folder's true counts, kept as its cases change (levels thread)."""
        self._count_lock = threading.Lock()
        """Held by the levels thread that counts and publishes (one at a time)."""
        self._queue_lock = threading.Lock()
        """Held briefly: a change put into the folder and queued for the counts, or the
        folder taken whole for them — so each change is counted exactly once."""
        self._queued: list[FolderChange] = []
        self._recount = True
        """The counts are to be made afresh from the folder (a load, a save)."""
        self._seq = 0
        self.shown_seq = 0
        """The ``seq`` of the levels on screen (older ones arriving later are dropped)."""
        """When the look at changed files now under way began (one at a time: the next
        one reads the folder as the last one's change left it)."""

    # --- loading ----------------------------------------------------------------------

    def load(self, stream: bool, shown: list[ScoredCase] | None = None) -> None:
        """In a worker thread: score the folder; rows stream in when ``stream``.
        ``shown``: the top of the list already on screen (from the cache)."""
        self._incoming = list(shown or ())
        self._shown_at, self._shown = (time.monotonic() if shown else None), len(self._incoming)
        self.stream = stream
        shown_at = 0.0

        def progress(phase: str, done: int, total: int) -> None:
            # Five times a second is enough to read; every redraw costs the workers CPU.
            nonlocal shown_at
            now = time.monotonic()
            if now - shown_at >= 0.2 or done == total:
                shown_at = now
                self.post(LoadProgress(phase, done, total))

        scored = score_folder(
            self.root,
            self.registry,
            progress,
            self.params,
            cache=self.use_cache,
            arrived=self._arrived,
            # The app keeps the folder for as long as it runs: spare the cycle collector.
            freeze=True,
            shown=shown or (),
            first=SCREENFUL,
        )
        self.index = CaseIndex(scored)  # here, not on the first changed file's way
        self._recount = True
        levels, self.shown_seq = self._count(scored)
        # The levels (and their reports) are imported here, in the loader's thread:
        # not on the first screen, whose rows come first.
        from zntui.workflows.levels import read_notes

        notes = read_notes(self.root)
        self.post(FolderLoaded(scored, levels, notes.loaded, notes.problem))
        if self.watch is not None and scored.cases:
            # A file changed on disk is scored in this process (the rest came from the
            # cache or the workers): build what that takes now, not on the first
            # change's way to the screen (the case validators: ~0.03 s, measured).
            # Nothing is kept of it.
            base = self.root if self.root.is_dir() else self.root.parent
            with contextlib.suppress(Exception):
                score_row(scored.cases[0].path, base, self.registry, self.params)

    def _arrived(self, batch: list[ScoredCase]) -> None:
        """Called in the loading thread: show what is there now and then, not every batch."""
        if not self.stream:
            return
        self._incoming.extend(batch)
        now = time.monotonic()
        # Redrawing the list costs time in proportion to its length: redraw when it
        # has doubled (and not more often than STREAM_SECONDS), so all redraws together
        # cost about as much as the last one.
        if self._shown_at is None or (
            now - self._shown_at >= STREAM_SECONDS
            and 2 * self._shown <= len(self._incoming) <= STREAM_UNTIL
        ):
            self._shown_at, self._shown = now, len(self._incoming)
            self.post(RowsArrived(ScoredFolder(resort(self._incoming))))

    def levels(self, scored: ScoredFolder) -> None:
        """In a worker thread: the level pictures of ``scored`` as it is now."""
        levels, seq = self._count(scored)
        self.post(LevelsReady(levels, seq))

    def recount(self) -> None:
        """The next levels are counted afresh (the folder was replaced, not changed)."""
        self._recount = True

    def _count(self, scored: ScoredFolder) -> tuple[Levels, int]:
        """The counts brought up to date — the changes queued since, each case counted
        or uncounted alone; afresh after a load or a save — and their publication."""
        with self._count_lock:
            with self._queue_lock:
                queued, self._queued = self._queued, []
                whole = self._recount or self._kept is None
                cases = list(scored.cases) if whole else []
                self._recount = False
            if whole:
                from zntui.workflows.levels import KeptLevels

                self._kept = KeptLevels(cases, self.registry.frameworks)
            else:
                assert self._kept is not None
                for change in queued:
                    self._kept.change(change.removed, change.added)
            self._seq += 1
            return self._kept.publication(self.threshold), self._seq

    # --- watching ---------------------------------------------------------------------

    def start_watch(self, wake: Callable[[], object] | None = None) -> float:
        """Start watching; how often to call :meth:`tick` (seconds). Told by the kernel
        where it can (started before the first load, so that nothing changed meanwhile
        is missed); else walked now and then. ``wake`` (on the running event loop) is
        called the moment the kernel has word: call :meth:`tick` then."""
        self.watch = FolderWatch.start(self.root)
        if self.watch is None:
            return WATCH_SECONDS
        self._next_check = time.monotonic() + CHECK_SECONDS
        if wake is not None:
            with contextlib.suppress(RuntimeError, NotImplementedError, ValueError, OSError):
                asyncio.get_running_loop().add_reader(self.watch.fileno(), wake)
        return EVENT_SECONDS

    def close(self) -> None:
        if self.watch is not None:
            with contextlib.suppress(RuntimeError, NotImplementedError, ValueError, OSError):
                asyncio.get_running_loop().remove_reader(self.watch.fileno())
            self.watch.close()

    def tick(self, loading: bool) -> tuple[set[str] | None, bool] | None:
        """On the UI thread, now and then: what to look at, or None for nothing now.

        The paths the kernel told of, or None to walk the whole folder; and whether
        the kernel asked for it (else it is a walk of our own, spaced out)."""
        if self._busy_since is not None:
            if time.monotonic() - self._busy_since < BUSY_SECONDS:
                if self.watch is not None:
                    self._take(self.watch.changed())  # kept for when that look is done
                return None
            self._busy_since = None
        if self.watch is None:
            return None if loading else self._start((None, False))
        self._take(self.watch.changed())
        if loading:
            return None  # what the kernel told is kept for after the load
        if self.touched == set():
            if time.monotonic() < self._next_check:
                return None
            # Events can be lost: walk now and then all the same (spaced by its cost).
            return self._start((None, False))
        candidates, self.touched = self.touched, set()
        return self._start((candidates, True))

    def _take(self, told: set[str] | None) -> None:
        if told is None:
            self.touched = None
        elif self.touched is not None:
            self.touched |= told

    def _start(self, look: tuple[set[str] | None, bool]) -> tuple[set[str] | None, bool]:
        self._busy_since = time.monotonic()
        return look

    def looked(self) -> None:
        """The look at changed files is done (its change applied, or dropped)."""
        self._busy_since = None

    @property
    def pending(self) -> bool:
        """Files told of, not yet looked at."""
        return self.touched is None or bool(self.touched)

    def apply(self, scored: ScoredFolder, change: FolderChange) -> None:
        """On the UI thread: put ``change`` into ``scored`` (the folder shown)."""
        with self._queue_lock:
            if self.index is None or self.index.folder is not scored:
                self.index = CaseIndex(scored)
            self.index.apply(change)
            self._queued.append(change)

    def requeue(self, paths: set[str] | list[str]) -> None:
        """Look at these again next time (the list moved on meanwhile)."""
        if self.touched is not None:
            self.touched |= set(paths)

    def rescore(self, scored: ScoredFolder, candidates: set[str] | None, told: bool) -> None:
        """In a worker thread: put files changed on disk in as their one row.

        ``told``: the kernel named ``candidates`` (or asked for a walk); else this is a
        walk of its own, done no more often than watching may cost."""
        posted = False
        try:
            if not told and (not scored.files or time.monotonic() < self._next_watch):
                return
            start = time.monotonic()
            index = self.index
            if index is None or index.folder is not scored:
                index = self.index = CaseIndex(scored)  # after a load or a save: once
            change = find_changes(
                scored,
                index,
                self.root,
                self.registry,
                self.params,
                cache=self.use_cache,
                candidates=candidates,
            )
            if candidates is None:
                # A national folder takes ~0.15 s to walk: look less often there, so that
                # an idle app never spends more than 1/WATCH_SHARE of a core on watching
                # (1/CHECK_SHARE when the kernel tells of changes: the walk is a check).
                took = time.monotonic() - start
                self._next_watch = start + WATCH_SHARE * took
                self._next_check = start + max(CHECK_SECONDS, CHECK_SHARE * took)
            if change is None:
                self.post(ReloadNeeded())
            elif change.changed:
                self.post(FolderChanged(scored, change))
                posted = True
        finally:
            if not posted:
                self.looked()
