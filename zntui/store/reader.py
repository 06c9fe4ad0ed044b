"""Read one case file: bytes → TOML → validated :class:`Case`, or a :class:`CaseError`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from zntui.diagnostics import TomlError, read_toml, validate
from zntui.model.case import Case
from zntui.store import toml_reader
from zntui.store.errors import CaseError, ErrorKind

MAX_CASE_BYTES = 1024 * 1024
"""Files larger than this are refused unread: no real case file comes near it."""


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
        raw = read_toml(text, toml_reader.loads, toml_reader.TOMLDecodeError)
    except TomlError as exc:
        raise CaseError(path, ErrorKind.SYNTAX, exc.problems) from None
    if not raw:
        raise CaseError.single(path, ErrorKind.EMPTY, "no keys: the file holds only comments")
    try:
        return validate(raw, text, Case)
    except TomlError as exc:
        raise CaseError(path, ErrorKind.VALIDATION, exc.problems) from None


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col
