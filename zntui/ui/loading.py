"""Loading and watching one case folder, in worker threads; outcomes go by message.

Nothing here touches a widget: the loader scores the folder (rows stream in while it
runs), builds the level pictures, reads the regional notes, and puts files changed on
disk in as their one row — told by the kernel (inotify) where it can, else by walking
the folder now and then. It posts :mod:`zntui.ui.messages` to the app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path

from textual.message import Message

from zntui.disclosure import DEFAULT_THRESHOLD
from zntui.engine import triage_key
from zntui.model.framework import Framework
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
from zntui.workflows.scored import Params, ScoredCase, ScoredFolder
from zntui.workflows.scoring import SCREENFUL, rescore_changed, score_folder
from zntui.workflows.watch import FolderWatch

WATCH_SECONDS = 2.0
"""Without the kernel's word, the folder is walked this often (at most)."""
EVENT_SECONDS = 0.1
"""How often the kernel's word on changed files is read (a read that is mostly empty)."""
WATCH_SHARE = 20
"""Watching takes at most 1/WATCH_SHARE of a core: a slow walk is repeated less often."""
STREAM_SECONDS = 1.0
"""While a folder loads, the list is redrawn with what has arrived at most this often."""
STREAM_UNTIL = 4000
"""No redraws while loading beyond this many rows (a screen shows 20): the CPU they
cost is taken from the workers; the whole list comes when all is scored."""


def levels_of(scored: ScoredFolder, frameworks: Mapping[str, Framework], threshold: int) -> Levels:
    """The one disclosure-controlled publication of the folder (levels and SDC), of every
    case each time. Each case's record key is kept from its scoring, so the views read
    nothing back: 0.07–0.1 s CPU at 10,000 cases, and publish() 0.12–0.17 s (calm)."""
    # Imported here, in the loader's thread: the levels and their reports are not on the
    # first screen (its rows come first).
    from zntui.workflows.levels import publication

    return publication(scored.cases, frameworks, threshold)


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
        levels = levels_of(scored, self.registry.frameworks, self.threshold)
        from zntui.workflows.levels import read_notes

        notes = read_notes(self.root)
        self.post(FolderLoaded(scored, levels, notes.loaded, notes.problem))

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
        """In a worker thread: the level pictures of ``scored``."""
        self.post(LevelsReady(levels_of(scored, self.registry.frameworks, self.threshold)))

    # --- watching ---------------------------------------------------------------------

    def start_watch(self) -> float:
        """Start watching; how often to call :meth:`tick` (seconds). Told by the kernel
        where it can (started before the first load, so that nothing changed meanwhile
        is missed); else walked now and then."""
        self.watch = FolderWatch.start(self.root)
        return EVENT_SECONDS if self.watch is not None else WATCH_SECONDS

    def close(self) -> None:
        if self.watch is not None:
            self.watch.close()

    def tick(self, loading: bool) -> tuple[set[str] | None, bool] | None:
        """On the UI thread, now and then: what to look at, or None for nothing now.

        The paths the kernel told of, or None to walk the whole folder; and whether
        the kernel asked for it (else it is a walk of our own, spaced out)."""
        if self.watch is None:
            return None if loading else (None, False)
        told = self.watch.changed()
        if told is None:
            self.touched = None
        elif self.touched is not None:
            self.touched |= told
        if self.touched == set() or loading:
            return None  # what the kernel told is kept for after the load
        candidates, self.touched = self.touched, set()
        return candidates, True

    def requeue(self, paths: set[str] | list[str]) -> None:
        """Look at these again next time (the list moved on meanwhile)."""
        if self.touched is not None:
            self.touched |= set(paths)

    def rescore(self, scored: ScoredFolder, candidates: set[str] | None, told: bool) -> None:
        """In a worker thread: put files changed on disk in as their one row.

        ``told``: the kernel named ``candidates`` (or asked for a walk); else this is a
        walk of its own, done no more often than watching may cost."""
        if not told and (not scored.files or time.monotonic() < self._next_watch):
            return
        start = time.monotonic()
        found = rescore_changed(
            scored,
            self.root,
            self.registry,
            self.params,
            cache=self.use_cache,
            candidates=candidates,
        )
        # A national folder takes ~0.15 s to walk: look less often there, so that an
        # idle app never spends more than 1/WATCH_SHARE of a core on watching.
        self._next_watch = start + WATCH_SHARE * (time.monotonic() - start)
        if found is None:
            self.post(ReloadNeeded())
        elif found[1]:
            fresh, changed = found
            self.post(FolderChanged(scored, fresh, changed))
