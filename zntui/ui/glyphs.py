"""ASCII fallback for consoles that cannot draw boxes and symbols (the Linux console,
old terminals, a non-UTF-8 locale).

Rather than teach every widget — ours and Textual's — two ways to draw, the app's
output is translated on its way to the terminal: every box-drawing, block and symbol
character becomes one ASCII character of the same width, so the layout is unchanged.
Letters with accents lose them (ë → e). Escape sequences are ASCII and pass untouched.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Literal

from textual.driver import Driver

AsciiSetting = bool | Literal["auto"]

# One ASCII character per glyph, chosen to keep the meaning where there is one.
_GLYPHS = {
    "✓": "+",
    "✗": "x",
    "●": "*",
    "⭘": "o",
    "·": ".",
    "…": "~",
    "←": "<",
    "→": ">",
    "↑": "^",
    "↓": "v",
    "▲": "^",
    "▼": "v",
    "▶": ">",
    "◀": "<",
    "•": "*",
    "–": "-",
    "—": "-",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "×": "x",
    "≤": "<",
    "≥": ">",
}


def _box(char: str) -> str:
    """Box drawing (U+2500–257F) and block elements (U+2580–259F) by their shape."""
    name = unicodedata.name(char, "")
    if "BLOCK" in name or "SHADE" in name or "QUADRANT" in name:
        if "LOWER ONE EIGHTH" in name:
            return "_"
        if "UPPER ONE EIGHTH" in name:
            return "-"
        if "LEFT" in name or "RIGHT" in name:
            return "|"
        return "#"
    across = "HORIZONTAL" in name or ("LEFT" in name and "UP" not in name and "DOWN" not in name)
    down = "VERTICAL" in name or (
        ("UP" in name or "DOWN" in name) and "LEFT" not in name and "RIGHT" not in name
    )
    if across and not down:
        return "-"
    if down and not across:
        return "|"
    if "DIAGONAL" in name:
        return "/" if "UPPER RIGHT TO LOWER LEFT" in name else "\\"
    return "+"


def _table() -> dict[int, str]:
    table = {ord(k): v for k, v in _GLYPHS.items()}
    for code in range(0x2500, 0x25A0):
        table.setdefault(code, _box(chr(code)))
    return table


_TABLE = _table()


def to_ascii(text: str) -> str:
    """``text`` with every non-ASCII character replaced by one ASCII character."""
    if text.isascii():
        return text
    text = text.translate(_TABLE)
    if text.isascii():
        return text
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if unicodedata.east_asian_width(char) in ("W", "F"):
            out.append((plain or "?")[:1] * 2)  # keeps two cells two cells
        else:
            out.append((plain or "?")[:1])
    return "".join(out)


def wants_ascii(setting: AsciiSetting, environ: dict[str, str] | None = None) -> bool:
    """True, False, or "auto": ASCII on the Linux console and old terminals, and when
    the locale in force names a character set other than UTF-8."""
    if setting != "auto":
        return bool(setting)
    env = os.environ if environ is None else environ
    if env.get("TERM", "") in ("linux", "vt100", "vt102", "vt220", "cons25"):
        return True
    locale = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
    if not locale or locale in ("C", "POSIX"):
        return False  # says nothing about the terminal; Python itself speaks UTF-8 here
    normal = locale.lower().replace("-", "")
    return "utf8" not in normal


def ascii_driver(base: type[Driver]) -> type[Driver]:
    """``base`` with its output translated by :func:`to_ascii`."""

    class AsciiDriver(base):  # type: ignore[valid-type,misc]
        def write(self, data: str) -> None:
            super().write(to_ascii(data))

    AsciiDriver.__name__ = f"Ascii{base.__name__}"
    return AsciiDriver
