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

from zntui.diagnostics import TomlError, read_toml, validate
from zntui.store.atomic import digest, folder_lock, mode_like, read_or_none, write_atomic

NOTES_FILE = "regional-notes.zntui.toml"
NOTES_FORMAT_VERSION = 1


class FollowUp(BaseModel):
    """One agreement with a regional party."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    region: str = Field(min_length=1)
    party: str = Field(min_length=1, description="E.g. Gemeente, Zorgverzekeraar.")
    agreement: str = Field(min_length=1, description="What was agreed (no client data).")
    by: str = Field(min_length=1)
    at: dt.datetime


class RegionalNotes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

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
        raise NotesError(f"{path}: cannot read: {exc.strerror}") from None
    if data is None:
        return LoadedNotes(path, RegionalNotes(), "")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotesError(f"{path}: not readable: {exc}") from None
    try:
        raw = read_toml(text)
        if isinstance(raw.get("format"), int) and raw["format"] > NOTES_FORMAT_VERSION:
            raise NotesError(f"{path}: written by a newer zntui (format {raw['format']})")
        notes = validate(raw, text, RegionalNotes)
    except TomlError as exc:
        raise NotesError(exc.lines(path)[0]) from None
    return LoadedNotes(path, notes, digest(data))


def add_followup(loaded: LoadedNotes, followup: FollowUp) -> LoadedNotes:
    """Append one agreement and save; NotesConflict if the file changed since it was read."""
    notes = loaded.notes.model_copy(update={"followups": [*loaded.notes.followups, followup]})
    header = "# Regional follow-up written by zntui; no client data belongs here.\n"
    data = (header + tomli_w.dumps(notes.model_dump(mode="python"))).encode("utf-8")
    with folder_lock(loaded.path.parent):
        if digest(read_or_none(loaded.path)) != loaded.digest:
            raise NotesConflict(
                f"{loaded.path} changed on disk since it was read; nothing was saved. "
                "Reload and add the agreement again."
            )
        write_atomic(loaded.path, data, mode_like(loaded.path) if loaded.digest else 0o644)
    return LoadedNotes(loaded.path, notes, digest(data))
