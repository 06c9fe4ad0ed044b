"""What the app's workers report back to the UI thread.

Slow work — walking and scoring the folder, reading a case file again, saving reviews
and rescoring — runs in worker threads; it never touches a widget. When it is done it
posts one of these messages, and the handler (on the UI thread) shows the outcome.
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from zntui.disclosure import Publication
from zntui.store.regional_notes import LoadedNotes
from zntui.workflows.changes import FolderChange
from zntui.workflows.scored import CaseDetail, ScoredFolder

Levels = Publication
"""What the level panes, Y copies and x reports show: the disclosure-controlled
publication of one scored folder (made only by zntui.disclosure.publish)."""


class LoadProgress(Message):
    """How far the load is: ``phase`` (zoeken, lezen, beoordelen), done of total."""

    def __init__(self, phase: str, done: int, total: int) -> None:
        super().__init__()
        self.phase, self.done, self.total = phase, done, total


class RowsArrived(Message):
    """Part of the folder is scored (worst first so far); more is coming."""

    def __init__(self, scored: ScoredFolder) -> None:
        super().__init__()
        self.scored = scored


class FolderLoaded(Message):
    """The whole folder is scored, with its levels and regional notes."""

    def __init__(
        self,
        scored: ScoredFolder,
        levels: Levels,
        notes: LoadedNotes | None,
        notes_error: str | None,
    ) -> None:
        super().__init__()
        self.scored, self.levels = scored, levels
        self.notes, self.notes_error = notes, notes_error


class ReloadNeeded(Message):
    """Files changed on disk in a way only a whole load settles (a duplicate id)."""


class FolderChanged(Message):
    """Files changed on disk, each to be put in as its one row: ``change`` says what they
    do to ``before`` (the folder as it was when they were looked at)."""

    def __init__(self, before: ScoredFolder, change: FolderChange) -> None:
        super().__init__()
        self.before, self.change = before, change

    @property
    def changed(self) -> list[str]:
        return self.change.changed


class LevelsReady(Message):
    """The level pictures, computed again after cases changed."""

    def __init__(self, levels: Levels, seq: int = 0) -> None:
        super().__init__()
        self.levels = levels
        self.seq = seq
        """Counted later than any levels of a lower ``seq`` (threads may end out of turn)."""


class CasesRescored(Message):
    """Cases were read and scored again (after an edit or a status change).

    ``saved`` are the files this app wrote itself: no change on disk to reload for.
    ``note`` is what to tell the user, with its ``severity``.
    """

    def __init__(
        self,
        details: list[CaseDetail],
        note: str = "",
        severity: str = "information",
        saved: bool = True,
    ) -> None:
        super().__init__()
        self.details, self.note, self.severity, self.saved = details, note, severity, saved


class CaseUnreadable(Message):
    """A case file could not be read or validated any more (after an edit)."""

    def __init__(self, path: Path, lines: list[str], edited: bool = False) -> None:
        super().__init__()
        self.path, self.lines = path, lines
        self.edited = edited
        """Broken in the editor this app opened: show the problems view on it."""


class CaseRead(Message):
    """A case file was read in full and scored, to be opened on its own screen."""

    def __init__(self, detail: CaseDetail) -> None:
        super().__init__()
        self.detail = detail
