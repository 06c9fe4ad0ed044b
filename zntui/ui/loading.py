"""Loading and watching one case folder, in worker threads; outcomes go by message.

Nothing here touches a widget: the loader scores the folder (rows stream in while it
runs), builds the level pictures, reads the regional notes and compares what is on
disk with what was loaded, and posts :mod:`zntui.ui.messages` to the app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path

from textual.message import Message

from zntui.engine import triage_key
from zntui.engine.folder import Params, ScoredCase, ScoredFolder, score_folder
from zntui.levels import inputs_from, national_picture, regional_pictures
from zntui.model.framework import Framework
from zntui.plugins import Registry
from zntui.store import discover
from zntui.store.regional_notes import NotesError, load_notes
from zntui.store.reviews import sidecar_path
from zntui.ui.messages import FilesChanged, FolderLoaded, Levels, LoadProgress, RowsArrived

WATCH_SECONDS = 2.0
WATCH_SHARE = 20
"""Watching takes at most 1/WATCH_SHARE of a core: a slow walk is repeated less often."""
STREAM_SECONDS = 1.0
"""While a folder loads, the list is redrawn with what has arrived at most this often."""
STREAM_UNTIL = 4000
"""No redraws while loading beyond this many rows (a screen shows 20): the CPU they
cost is taken from the workers; the whole list comes when all is scored."""

FileState = dict[Path, tuple[int, int]]


def note_files(state: FileState, *case_paths: Path) -> None:
    """Record (mtime_ns, size) of case files and their sidecars; forget what is gone."""
    for p in [q for c in case_paths for q in (c, sidecar_path(c))]:
        try:
            info = p.stat()
        except OSError:
            state.pop(p, None)
            continue
        state[p] = (info.st_mtime_ns, info.st_size)


def file_state(root: Path) -> FileState:
    """(mtime_ns, size) of every case file and its sidecar: what a change looks like."""
    state: FileState = {}
    for path in discover(root):
        note_files(state, path)
    return state


def changed_files(old: FileState, new: FileState) -> list[Path]:
    """Files added, removed or changed between two states, in path order."""
    return sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


def levels_of(scored: ScoredFolder, frameworks: Mapping[str, Framework]) -> Levels:
    inputs = inputs_from(scored.cases, dict(frameworks))
    return Levels(regional_pictures(inputs), national_picture(inputs))


def _triage_order(s: ScoredCase) -> tuple[int, int, int, int, str]:
    return triage_key(s.assessment)


def resort(cases: list[ScoredCase]) -> list[ScoredCase]:
    """Worst first, as triage orders them."""
    return sorted(cases, key=_triage_order)


class FolderLoader:
    """Scores and watches ``root``; ``post`` (thread-safe) delivers the messages."""

    def __init__(
        self,
        root: Path,
        registry: Registry,
        params: Params | None,
        use_cache: bool,
        post: Callable[[Message], object],
    ) -> None:
        self.root = root
        self.registry = registry
        self.params = params
        self.use_cache = use_cache
        self.post = post
        self.state: FileState = {}
        """What the files looked like at the last load (or our own last save)."""
        self.stream = True
        self._incoming: list[ScoredCase] = []
        self._shown_at: float | None = None
        self._shown = 0
        self._next_watch = 0.0

    def load(self, stream: bool) -> None:
        """In a worker thread: score the folder; rows stream in when ``stream``."""
        self._incoming, self._shown_at, self._shown = [], None, 0
        self.stream = stream
        state = file_state(self.root)
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
        )
        levels = levels_of(scored, self.registry.frameworks)
        try:
            notes, notes_error = load_notes(self.root), None
        except NotesError as exc:
            notes, notes_error = None, str(exc)
        self.state = state
        self.post(FolderLoaded(scored, levels, notes, notes_error))

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

    def check(self) -> None:
        """In a worker thread: post :class:`FilesChanged` when the files changed."""
        if not self.state or time.monotonic() < self._next_watch:
            return
        start = time.monotonic()
        changed = changed_files(self.state, file_state(self.root))
        # A national folder takes ~0.15 s to walk: look less often there, so that an
        # idle app never spends more than 1/WATCH_SHARE of a core on watching.
        self._next_watch = start + WATCH_SHARE * (time.monotonic() - start)
        if changed:
            self.post(FilesChanged(changed))

    def saved(self, *case_paths: Path) -> None:
        """Our own save is not a change on disk to reload for."""
        note_files(self.state, *case_paths)
