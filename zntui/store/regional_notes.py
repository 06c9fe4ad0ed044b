"""Regional follow-up: what was agreed with the regional parties, per region.

Kept in ``regional-notes.zntui.toml`` in the case folder — never in a case file — and
saved like a review: atomically, refusing to overwrite a version that changed on disk.
It holds no client data: region, party, agreement, who, when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ConfigDict, Field

from zntui.diagnostics import TomlError, validate
from zntui.store import toml_reader
from zntui.store.atomic import (
    digest,
    folder_lock,
    mode_like,
    narrowest_mode,
    read_or_none,
    write_atomic,
)
from zntui.store.errors import SaveFailed, why_not_written
from zntui.store.folder import discover, remove_stale_saves
from zntui.store.reader import format_problem

NOTES_FILE = "regional-notes.zntui.toml"
NOTES_FORMAT_VERSION = 1


class FollowUp(BaseModel):
    """One agreement with a regional party."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    region: str = Field(min_length=1)
    party: str = Field(min_length=1, description="E.g. Gemeente, Zorgverzekeraar.")
    agreement: str = Field(min_length=1, description="What was agreed (no client data).")
    by: str = Field(min_length=1)
    at: dt.datetime


class RegionalNotes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    format: int = NOTES_FORMAT_VERSION
    followups: list[FollowUp] = Field(default_factory=list)

    def for_region(self, region: str) -> list[FollowUp]:
        return [f for f in self.followups if f.region == region]


@dataclass(frozen=True)
class LoadedNotes:
    path: Path
    notes: RegionalNotes
    digest: str


class NotesError(Exception):
    """The notes file cannot be used; the regional follow-up is read-only."""


class NotesConflict(Exception):
    """The notes file changed on disk since it was read; nothing was saved."""


def load_notes(folder: Path) -> LoadedNotes:
    path = folder / NOTES_FILE
    try:
        data = read_or_none(path)
    except OSError as exc:
        raise NotesError(f"{path}: cannot read: {exc.strerror}; read-only") from None
    if data is None:
        return LoadedNotes(path, RegionalNotes(), "")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotesError(f"{path}: not readable: {exc}") from None
    try:
        raw = toml_reader.read_toml(text)
        problem = format_problem(raw, NOTES_FORMAT_VERSION, "regional notes")
        if problem:
            raise NotesError(f"{path}: {problem}; read-only")
        notes = validate(raw, text, RegionalNotes)
    except TomlError as exc:
        raise NotesError(exc.lines(path)[0]) from None
    return LoadedNotes(path, notes, digest(data))


def add_followup(
    loaded: LoadedNotes, followup: FollowUp, cases_mode: int | None = None
) -> LoadedNotes:
    """Append one agreement and save; NotesConflict if the file changed since it was read.

    The file gets permission bits no wider than the case files' (``cases_mode``, their
    :func:`narrowest_mode`; found by walking the folder when not given) nor its own.
    """
    notes = loaded.notes.model_copy(update={"followups": [*loaded.notes.followups, followup]})
    header = "# Regional follow-up written by zntui; no client data belongs here.\n"
    data = (header + tomli_w.dumps(notes.model_dump(mode="python"))).encode("utf-8")
    try:
        _write(loaded, data, cases_mode)
    except (NotesConflict, SaveFailed):
        raise
    except OSError as exc:
        raise SaveFailed(loaded.path, why_not_written(exc, loaded.path)) from None
    return LoadedNotes(loaded.path, notes, digest(data))


def _write(loaded: LoadedNotes, data: bytes, cases_mode: int | None) -> None:
    with folder_lock(loaded.path.parent):
        if digest(read_or_none(loaded.path)) != loaded.digest:
            raise NotesConflict(
                f"{loaded.path} changed on disk since it was read; nothing was saved. "
                "Reload and add the agreement again."
            )
        if cases_mode is None:
            cases_mode = narrowest_mode(discover(loaded.path.parent))
        mode = cases_mode & (mode_like(loaded.path) if loaded.digest else 0o666)
        write_atomic(loaded.path, data, mode | 0o600)
        remove_stale_saves(loaded.path.parent)
