"""Read one case file: bytes → TOML → validated :class:`Case`, or a :class:`CaseError`."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from zntui.diagnostics import Problem, TomlError, validate
from zntui.diagnostics.locate import index_positions
from zntui.model.case import CASE_FORMAT_VERSION, FORMAT_1_UPGRADE, Case
from zntui.store import toml_reader
from zntui.store.atomic import NotARegularFile, read_regular
from zntui.store.errors import CaseError, ErrorKind

MAX_CASE_BYTES = 1024 * 1024
"""Files larger than this are refused unread: no real case file comes near it."""
MAX_VALUES = 20_000
"""Keys and values in one file: the largest real case holds about 1,500."""
MAX_DEPTH = 32
"""Levels of nesting in one file: a case uses four."""
WALK_FROM = 64 * 1024
"""Texts shorter than this are not walked for :data:`MAX_VALUES` (they cannot exceed it
by much, and walking costs 40% of a parse)."""


def open_case_file(path: Path) -> bytes:
    """Read a file's bytes. Separate so that tests can simulate unreadable files as root."""
    return read_regular(path, MAX_CASE_BYTES)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "een FIFO"
    if stat.S_ISSOCK(mode):
        return "een socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    return "geen bestand"


def read_case_file(path: Path, root: Path | None = None) -> Case:
    """Load the case at ``path``; raise :class:`CaseError` for anything wrong with it.

    ``root`` is the folder the user opened: a symlink that leads outside it is refused.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise CaseError.single(
            path, ErrorKind.UNREADABLE, f"onleesbaar: {_os_reason(exc)}"
        ) from None
    if stat.S_ISLNK(info.st_mode) and root is not None:
        # realpath, not resolve(): a symlink loop must be this file's problem, not a crash.
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(os.path.realpath(root)):
            raise CaseError.single(
                path,
                ErrorKind.SYMLINK_OUTSIDE,
                f"symbolische koppeling naar buiten de casusmap (naar {target}); geweigerd",
            )
    try:
        info = os.stat(path)
    except OSError as exc:
        reason = (
            "een lus van symbolische koppelingen" if exc.errno == errno.ELOOP else _os_reason(exc)
        )
        raise CaseError.single(path, ErrorKind.UNREADABLE, f"onleesbaar: {reason}") from None
    if stat.S_ISDIR(info.st_mode):
        # Discovery yields a folder only when it could not list it.
        try:
            os.listdir(path)
        except OSError as exc:
            raise CaseError.single(
                path,
                ErrorKind.UNREADABLE,
                f"map onleesbaar: {_os_reason(exc)}; de casussen erin zijn niet geladen",
            ) from None
        raise CaseError.single(path, ErrorKind.NOT_A_FILE, "een map, geen casusbestand")
    if not stat.S_ISREG(info.st_mode):
        raise CaseError.single(
            path, ErrorKind.NOT_A_FILE, f"geen gewoon bestand ({_kind(info.st_mode)}); niet gelezen"
        )
    if info.st_size > MAX_CASE_BYTES:
        raise CaseError.single(
            path,
            ErrorKind.TOO_LARGE,
            f"het bestand is {info.st_size / 1024 / 1024:.1f} MiB, groter dan de grens van "
            "1 MiB voor een casusbestand; niet gelezen",
        )
    try:
        data = open_case_file(path)
    except NotARegularFile:  # swapped for a FIFO or a device since the stat
        raise CaseError.single(
            path, ErrorKind.NOT_A_FILE, "geen gewoon bestand; niet gelezen"
        ) from None
    except OSError as exc:
        raise CaseError.single(
            path, ErrorKind.UNREADABLE, f"onleesbaar: {_os_reason(exc)}"
        ) from None
    return parse_case_bytes(data, path)


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def parse_case_bytes(data: bytes, path: Path) -> Case:
    """Validate raw bytes as a case file. Raises only :class:`CaseError`."""
    if len(data) > MAX_CASE_BYTES:
        raise CaseError.single(
            path, ErrorKind.TOO_LARGE, "groter dan de grens van 1 MiB; niet gelezen"
        )
    nul = data.find(b"\x00")
    if nul != -1:
        raise CaseError.single(
            path,
            ErrorKind.BINARY,
            "binair bestand (bevat NUL-bytes), geen TOML-casusbestand",
            *_position_of(data, nul),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of(data, exc.start)
        raise CaseError.single(
            path,
            ErrorKind.ENCODING,
            f"geen UTF-8: byte 0x{data[exc.start]:02x} is niet te lezen; "
            "bewaar het bestand als UTF-8",
            line,
            col,
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip(" \t\r\n"):  # TOML's whitespace only: a form feed is an error
        raise CaseError.single(
            path, ErrorKind.EMPTY, "leeg bestand: een casus heeft minstens een id nodig"
        )
    return parse_case_text(text, path)


def parse_case_text(text: str, path: Path) -> Case:
    try:
        raw = toml_reader.read_toml(text)
    except TomlError as exc:
        complex_ = exc.problems[0].message.startswith("te ingewikkeld")
        kind = ErrorKind.TOO_COMPLEX if complex_ else ErrorKind.SYNTAX
        raise CaseError(path, kind, exc.problems) from None
    if not raw:
        raise CaseError.single(
            path, ErrorKind.EMPTY, "geen sleutels: het bestand bevat alleen commentaar"
        )
    check_size_of(raw, text, path)
    problem = format_problem(raw, CASE_FORMAT_VERSION, "case", {1: FORMAT_1_UPGRADE})
    if problem:
        where = index_positions(text).get(("format",))
        line, col = where if where else (None, None)
        raise CaseError(path, ErrorKind.VALIDATION, [Problem(problem, line, col, "format")])
    try:
        return validate(raw, text, Case)
    except TomlError as exc:
        raise CaseError(path, ErrorKind.VALIDATION, exc.problems) from None


def check_size_of(raw: dict[str, Any], text: str, path: Path) -> None:
    """Refuse data with more values or deeper nesting than :data:`MAX_VALUES` and
    :data:`MAX_DEPTH`. Only large texts are walked: a short one cannot hold that many."""
    if len(text) < WALK_FROM:
        return
    count, stack = 0, [(raw, 1)]
    while stack:
        node, depth = stack.pop()
        items = node.values() if isinstance(node, dict) else node
        count += len(items)
        if count > MAX_VALUES or depth > MAX_DEPTH:
            what = (
                f"meer dan {MAX_VALUES:,} sleutels en waarden"
                if count > MAX_VALUES
                else (f"dieper genest dan {MAX_DEPTH}")
            )
            raise CaseError.single(
                path, ErrorKind.TOO_COMPLEX, f"te ingewikkeld: {what}; niet gelezen"
            )
        stack.extend((v, depth + 1) for v in items if isinstance(v, dict | list))


def format_problem(
    raw: dict[str, Any], current: int, what: str, upgrades: dict[int, str] | None = None
) -> str | None:
    """What is wrong with a file's ``format`` key, or None. Only a known version is
    read: a string, a float, a bool, a newer or an unknown number is refused; an older
    one in ``upgrades`` gets the message that says what to change."""
    if "format" not in raw:
        return None
    value = raw["format"]
    if type(value) is not int:
        return (
            f"format: verwacht het gehele getal {current}, niet {value!r} "
            f"({type(value).__name__}); niet gelezen"
        )
    if value > current:
        return (
            f"format {value}: geschreven door een nieuwere zntui ({what} format {value}; "
            f"deze leest {current}); werk zntui bij om het te lezen"
        )
    if upgrades and value in upgrades:
        return f"format {value}: {upgrades[value]}"
    if value != current:
        return f"format {value} is geen bekend {what}-format (deze zntui leest {current})"
    return None


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col
