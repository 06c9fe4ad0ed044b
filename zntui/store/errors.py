"""The one error type of the store: a bad case file, with where and what."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from zntui.diagnostics import Problem

__all__ = ["CaseError", "ErrorKind", "Problem"]


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
