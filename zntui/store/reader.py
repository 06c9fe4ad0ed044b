"""Read one case file: bytes → TOML → validated :class:`Case`, or a :class:`CaseError`."""

from __future__ import annotations

import difflib
import os
import re
import stat
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from zntui.model.case import Case
from zntui.store import toml_reader
from zntui.store.errors import CaseError, ErrorKind, Problem
from zntui.store.locate import PathPart, format_path, index_positions, locate, parse_path

MAX_CASE_BYTES = 1024 * 1024
"""Files larger than this are refused unread: no real case file comes near it."""

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_REF_ERROR = re.compile(r"^(?:Value error, )?([A-Za-z0-9_.\[\]]+): (.*)$", re.S)


def open_case_file(path: Path) -> bytes:
    """Read a file's bytes. Separate so that tests can simulate unreadable files as root."""
    with open(path, "rb") as handle:
        return handle.read(MAX_CASE_BYTES + 1)


def read_case_file(path: Path, root: Path | None = None) -> Case:
    """Load the case at ``path``; raise :class:`CaseError` for anything wrong with it.

    ``root`` is the folder the user opened: a symlink that leads outside it is refused.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise CaseError.single(
            path, ErrorKind.UNREADABLE, f"cannot read: {_os_reason(exc)}"
        ) from None
    if stat.S_ISLNK(info.st_mode) and root is not None:
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            raise CaseError.single(
                path,
                ErrorKind.SYMLINK_OUTSIDE,
                f"symlink leads outside the case folder (to {target}); refused",
            )
    try:
        info = os.stat(path)
    except OSError as exc:
        raise CaseError.single(
            path, ErrorKind.UNREADABLE, f"cannot read: {_os_reason(exc)}"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise CaseError.single(path, ErrorKind.NOT_A_FILE, "not a regular file")
    if info.st_size > MAX_CASE_BYTES:
        raise CaseError.single(
            path,
            ErrorKind.TOO_LARGE,
            f"file is {info.st_size / 1024 / 1024:.1f} MiB, larger than the 1 MiB limit "
            "for a case file; not read",
        )
    try:
        data = open_case_file(path)
    except OSError as exc:
        raise CaseError.single(
            path, ErrorKind.UNREADABLE, f"cannot read: {_os_reason(exc)}"
        ) from None
    return parse_case_bytes(data, path)


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def parse_case_bytes(data: bytes, path: Path) -> Case:
    """Validate raw bytes as a case file. Raises only :class:`CaseError`."""
    if len(data) > MAX_CASE_BYTES:
        raise CaseError.single(path, ErrorKind.TOO_LARGE, "larger than the 1 MiB limit; not read")
    if b"\x00" in data:
        raise CaseError.single(
            path, ErrorKind.BINARY, "binary file (contains NUL bytes), not a TOML case file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of(data, exc.start)
        raise CaseError.single(
            path,
            ErrorKind.ENCODING,
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; save the file as UTF-8",
            line,
            col,
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CaseError.single(path, ErrorKind.EMPTY, "empty file: a case needs at least an id")
    return parse_case_text(text, path)


def parse_case_text(text: str, path: Path) -> Case:
    try:
        raw = toml_reader.loads(text)
    except toml_reader.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POS.search(message)
        line, col = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        if "(at end of document)" in message:
            lines = text.splitlines() or [""]
            line, col = len(lines), len(lines[-1]) + 1
            message = message.replace("(at end of document)", "").strip() + " at end of file"
        reason = _TOML_POS.sub("", message).strip()
        raise CaseError.single(
            path, ErrorKind.SYNTAX, f"TOML syntax: {reason}", line, col
        ) from None
    except (RecursionError, MemoryError) as exc:
        raise CaseError.single(
            path, ErrorKind.SYNTAX, f"TOML syntax: nested too deeply ({exc})"
        ) from None
    if not raw:
        raise CaseError.single(path, ErrorKind.EMPTY, "no keys: the file holds only comments")
    try:
        return Case.model_validate(raw)
    except ValidationError as exc:
        raise CaseError(path, ErrorKind.VALIDATION, validation_problems(exc, text, Case)) from None


def validation_problems(exc: ValidationError, text: str, model: type[BaseModel]) -> list[Problem]:
    """Translate pydantic's errors into TOML words: key path, line, column, a hint."""
    positions = index_positions(text)
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc: tuple[PathPart, ...] = tuple(error["loc"])
        message = _explain(error, loc, model)
        if not loc:
            ref = _REF_ERROR.match(error["msg"])
            if ref:
                loc = parse_path(ref.group(1))
                message = f"{ref.group(1)}: {ref.group(2)}"
        where = locate(positions, loc, text)
        line, col = where if where else (None, None)
        problems.append(Problem(message, line, col, format_path(loc) or None))
    return problems


def _explain(error: Any, loc: tuple[PathPart, ...], model: type[BaseModel]) -> str:
    kind = error["type"]
    where = format_path(loc)
    value = error.get("input")
    if kind == "extra_forbidden":
        parent, key = loc[:-1], str(loc[-1])
        known = _known_keys(model, parent)
        hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        text = f"unknown key '{key}'"
        if parent:
            text += f" in {format_path(parent)}"
        if hint:
            text += f"; did you mean '{hint[0]}'?"
        elif known:
            text += f"; known keys: {', '.join(sorted(known))}"
        return text
    if kind == "missing":
        return f"missing required key '{where}'"
    if kind == "enum":
        allowed = error.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", allowed)
        hint = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        text = f"{where}: {value!r} is not one of {allowed}"
        return text + (f"; did you mean '{hint[0]}'?" if hint else "")
    if kind.startswith("date"):
        return f"{where}: expected a date like 2026-03-01 (no quotes), got {value!r}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"{where}: expected true or false, got {value!r}"
    if kind == "string_pattern_mismatch":
        return f"{where}: {value!r} may only hold letters, digits, '_', '-' and '.'"
    return f"{where}: {error['msg'][0].lower()}{error['msg'][1:]}" if where else error["msg"]


def _known_keys(model: type[BaseModel], parent: tuple[PathPart, ...]) -> list[str]:
    """The keys allowed at ``parent`` (a path into ``model``)."""
    from zntui.model.case import nested_models

    current: type[BaseModel] = model
    for part in parent:
        if isinstance(part, int):
            continue
        field = next(
            (f for n, f in current.model_fields.items() if (f.alias or n) == part),
            None,
        )
        if field is None:
            return []
        nested = nested_models(field.annotation)
        if not nested:
            return []
        current = nested[0][0]
    return [f.alias or n for n, f in current.model_fields.items()]


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col
