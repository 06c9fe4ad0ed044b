"""The one error type of the store: a bad case file, with where and what."""

from __future__ import annotations

import errno
import os
import stat
from enum import StrEnum
from pathlib import Path
from typing import Any

from zntui.diagnostics import Problem

__all__ = [
    "CaseError",
    "ErrorKind",
    "Problem",
    "SaveFailed",
    "dutch_reason",
    "why_not_written",
]


class ErrorKind(StrEnum):
    SYNTAX = "syntax"
    VALIDATION = "validation"
    EMPTY = "empty"
    ENCODING = "encoding"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    SYMLINK_OUTSIDE = "symlink_outside"
    NOT_A_FILE = "not_a_file"
    DUPLICATE_ID = "duplicate_id"
    UNREADABLE = "unreadable"
    TOO_COMPLEX = "too_complex"


class CaseError(Exception):
    """A case file that could not be loaded. Carries one or more :class:`Problem` s."""

    def __init__(self, path: Path, kind: ErrorKind, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a CaseError needs at least one problem")
        self.path = path
        self.kind = kind
        self.problems = problems
        super().__init__(str(self))

    @classmethod
    def single(
        cls,
        path: Path,
        kind: ErrorKind,
        message: str,
        line: int | None = None,
        col: int | None = None,
    ) -> CaseError:
        return cls(path, kind, [Problem(message, line, col)])

    def lines(self) -> list[str]:
        """Compiler-style lines: ``path:line:col: message``."""
        return [f"{p.location(self.path)}: {p.message}" for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __reduce__(self) -> tuple[object, ...]:
        return (CaseError, (self.path, self.kind, self.problems))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseError:
        """The inverse of :meth:`to_dict`."""
        problems = [
            Problem(p["message"], p.get("line"), p.get("col"), p.get("field"))
            for p in data["problems"]
        ]
        return cls(Path(data["path"]), ErrorKind(data["kind"]), problems)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "kind": str(self.kind),
            "problems": [
                {"line": p.line, "col": p.col, "field": p.field, "message": p.message}
                for p in self.problems
            ],
        }


_REASONS = {
    errno.EACCES: "geen toestemming om hier te schrijven",
    errno.EPERM: "geen toestemming om hier te schrijven",
    errno.ENOENT: "die map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "dat is een map; geef een bestandsnaam",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "uw schijfquotum is op",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "te veel symbolische koppelingen (een lus?)",
    errno.EXDEV: "kan niet over bestandssystemen heen hernoemen",
}


def dutch_reason(exc: OSError) -> str:
    """An OS error as a short Dutch reason, without a traceback or an errno number."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def why_not_written(exc: OSError, path: Path) -> str:
    """Why ``path`` could not be written, in Dutch: the reason, and for a refusal what
    is behind it (a folder without write permission, a sticky folder where the file is
    someone else's)."""
    reason = dutch_reason(exc)
    if exc.errno not in (errno.EACCES, errno.EPERM):
        return reason
    try:
        folder = os.stat(path.parent)
        owner = os.lstat(path).st_uid if os.path.lexists(path) else os.geteuid()
    except OSError:
        return reason
    if folder.st_mode & stat.S_ISVTX and owner != os.geteuid():
        return (
            f"{reason}: de map is 'sticky' en {path.name} is van een andere gebruiker; "
            "alleen die (of de eigenaar van de map) kan het vervangen"
        )
    if not os.access(path.parent, os.W_OK):
        return f"{reason}: de map {path.parent} is niet schrijfbaar voor u"
    return reason


class SaveFailed(OSError):
    """The file system refused a save; ``str()`` is one Dutch sentence naming the file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EIO, reason, str(path))
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: niet opgeslagen: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        return (SaveFailed, (self.path, self.reason))
