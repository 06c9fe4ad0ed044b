"""One place that turns TOML text into data, choosing the fastest reader available.

Measured on 500 generated cases (13.7 KB each) on a 2-core machine: stdlib tomllib
1.18 s, tomli (compiled) 0.44 s, pytomlpp 0.25 s, rtoml 0.20 s. rtoml parses; when
it rejects a document, the stdlib reader parses it again so that the error message —
line, column and wording — is always tomllib's. The two agreed on every generated and
sample file and on 3,000 fuzzed documents; a property test in tests/test_store.py
keeps checking that they accept, reject and read alike.

rtoml also reads some of TOML 1.1 (seconds left out of a time, newlines and a trailing
comma in an inline table, ``\\x`` and ``\\e`` escapes), which TOML 1.0 — the format of a
case file — rejects. Whether a file is valid must not depend on the reader, so a
document rtoml accepts is handed to tomllib as well when a cheap look finds any of
those constructs in it (:func:`beyond_toml_1_0`; false alarms cost only the second
parse). tests/test_toml_compliance.py holds both readers to the toml-test suite's
invalid corpus.

The work per document is bounded before the stdlib reader sees it: tomllib walks a
dotted key once per part for every part (a 50,000-part key took a minute and 10 GB),
so a key of more than :data:`MAX_KEY_PARTS` parts is refused as too complex unread.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

try:  # pragma: no cover - exercised by whichever reader the environment has
    import rtoml
except ImportError:  # pragma: no cover
    rtoml = None

TOMLDecodeError = tomllib.TOMLDecodeError

MAX_KEY_PARTS = 64
"""No case, review or config key comes near this (the deepest has four parts)."""

_LONG_KEY = re.compile(
    r"(?:(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*\.[ \t]*){" + str(MAX_KEY_PARTS) + "}"
)


class TooComplex(ValueError):
    """The document would cost far more to read than any real one; ``line`` says where."""

    def __init__(self, message: str, line: int) -> None:
        self.line = line
        super().__init__(message)


def check_complexity(text: str) -> None:
    """Raise :class:`TooComplex` for what would make a reader's work explode."""
    found = _LONG_KEY.search(text)
    if found:
        raise TooComplex(
            f"te ingewikkeld: een sleutel met meer dan {MAX_KEY_PARTS} delen; niet gelezen",
            text.count("\n", 0, found.start()) + 1,
        )


_TIME_WITHOUT_SECONDS = re.compile(
    # A time value (alone or in a date-time) right after '=', '[' or ',' — whitespace and
    # comments between — whose minutes are not followed by ':' and seconds.
    r"[=\[,](?:\s|#[^\n]*)*(?:\d{4}-\d\d-\d\d[Tt ])?\d\d:\d\d(?!:\d)"
)
_STRINGS = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'")
_TRAILING_COMMA = re.compile(r",\s*\}")


def beyond_toml_1_0(text: str) -> bool:
    """Whether ``text`` may use what TOML 1.1 allows and 1.0 does not.

    Never False for such a document; sometimes True for one without (a string holding
    ``= 12:30``, a literal string holding ``\\x``), which then costs a second parse.
    """
    # Plain substring scans first: a regex over the whole text would cost a third of
    # the parse; these cost a few percent.
    if "\\" in text and ("\\x" in text or "\\e" in text):
        return True
    if "\ufeff" in text:  # rtoml skips any number of leading BOMs
        return True
    colon = text.find(":")
    while colon != -1:
        if text[colon - 1 : colon].isdigit() and text[colon + 1 : colon + 3].isdigit():
            if _TIME_WITHOUT_SECONDS.search(text):
                return True
            break
        colon = text.find(":", colon + 1)
    start = text.find("{")
    while start != -1:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        # In a valid 1.1 document the first inline table that spans lines opens on a
        # line with more '{' than '}' outside strings and comments: 1.0 wants one line.
        bare = _STRINGS.sub("", text[line_start:line_end]).split("#", 1)[0]
        if bare.count("{") != bare.count("}") or _TRAILING_COMMA.search(bare):
            return True
        start = text.find("{", line_end)
    return False


def loads(text: str) -> dict[str, Any]:
    """Parse TOML 1.0; raise :class:`tomllib.TOMLDecodeError` with tomllib's message on
    error, or :class:`TooComplex`."""
    if rtoml is not None:
        try:
            data = rtoml.loads(text)
        except Exception:
            pass  # tomllib below raises the error users see, or parses what rtoml refused
        else:
            if not beyond_toml_1_0(text):
                return data
    check_complexity(text)
    return tomllib.loads(text)


def read_toml(text: str) -> dict[str, Any]:
    """:func:`loads` through :func:`zntui.diagnostics.read_toml`: every failure, a
    document too complex to read included, is a ``TomlError`` with its place."""
    from zntui.diagnostics import Problem, TomlError
    from zntui.diagnostics import read_toml as read_with

    try:
        return read_with(text, loads, TOMLDecodeError)
    except TooComplex as exc:
        raise TomlError([Problem(str(exc), exc.line, 1)]) from None


def reader_name() -> str:
    return "rtoml" if rtoml is not None else "tomllib"
