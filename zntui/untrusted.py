"""The one place where untrusted text becomes displayable text.

Case files, notes, judgement reasons, file names, TOML key names and plugin messages come
from other people. They are shown, never executed: before such text reaches a terminal, a
report or an export it passes through one function here.

- `visible(text)` makes every character that a terminal (or a viewer) would act on instead
  of show into something printable: C0 controls (ESC included) and DEL become their Unicode
  control pictures (ESC is ``␛``, NUL ``␀``, newline ``␊``, DEL ``␡``); C1 controls,
  bidirectional overrides and isolates, the line and paragraph separators and lone
  surrogates become ``\\u009b``-style text (as JSON would spell them). So no output of
  `visible` contains a control character (Unicode category Cc), a bidi control ("Trojan
  source") or a character that cannot be encoded as UTF-8. Other format characters
  (zero-width joiners for emoji, soft hyphens) stay: they cannot drive a terminal.
  With ``multiline=True`` a line break (``\\n``, ``\\r\\n``) is kept as ``\\n``; every
  other control is still made visible.
- One escaper per output format, each applying `visible` first:
  `markup` (Textual/Rich content markup), `markdown_cell`, `markdown_text`, `html_text`,
  `csv_cell` (spreadsheet formulas neutralised) and `xml_text` (XML 1.0 characters only).
  `json_text` makes a JSON document safe to print without changing what it decodes to.
- `GuardedStream` wraps stdout and stderr of every command: whatever reaches them has
  its controls made visible (line breaks and tabs kept), so a message nobody
  escaped still cannot drive the terminal.

Every escaper is safe on its own; never escape twice (``html_text(markdown_text(x))``
would show the backslashes).
"""

from __future__ import annotations

import functools
import re
from typing import TextIO

__all__ = [
    "GuardedStream",
    "csv_cell",
    "html_text",
    "json_text",
    "markdown_cell",
    "markdown_text",
    "markup",
    "visible",
    "xml_chars",
    "xml_text",
]

# Bidirectional formatting characters: embeddings, overrides, isolates, the marks, and
# U+2028/U+2029 which some renderers treat as line breaks.
_BIDI = frozenset(
    [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟; ESC (0x1B) is ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    # C1, bidi, separators, surrogates: no control picture exists. The JSON spelling
    # keeps a JSON document valid (and lossless) even when it passes through this.
    return f"\\u{code:04x}"


def _build_table() -> dict[int, str]:
    table = {code: _picture(code) for code in (*range(0x20), *range(0x7F, 0xA0))}
    table.update({code: _picture(code) for code in _BIDI})
    # Lone surrogates (JSON can carry them) cannot be written as UTF-8: show them.
    table.update({code: _picture(code) for code in range(0xD800, 0xE000)})
    return table


_TABLE = _build_table()
_TABLE_MULTILINE = {**_TABLE, 0x0A: "\n"}


def visible(text: object, *, multiline: bool = False) -> str:
    """`text` with every control character made visible, never executed.

    Non-strings are shown through `str()` first. With ``multiline=True`` line breaks are
    kept (``\\r\\n`` becomes ``\\n``); a lone ``\\r`` is still shown as ``␍``.
    """
    text = text if isinstance(text, str) else str(text)
    if text.isprintable():  # the common case: nothing to do (fast path)
        return text
    if multiline:
        return text.replace("\r\n", "\n").translate(_TABLE_MULTILINE)
    return text.translate(_TABLE)


def markup(text: object, *, multiline: bool = False) -> str:
    """`visible` text escaped for Textual and Rich content markup.

    Without this, ``[@click=app.quit]`` in a case file would be an action and
    ``[link=…]`` an OSC 8 hyperlink. Every ``[`` is escaped, so no tag survives.
    """
    # Textual reads a backslash right before "[" as the escape and every other backslash
    # as itself, so escaping each "[" is all it takes.
    return visible(text, multiline=multiline).replace("[", "\\[")


# --- Markdown -------------------------------------------------------------------------

# Inline syntax that has a meaning anywhere in a line (CommonMark and GitHub's tables).
_MD_INLINE = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "|": "\\|",
    "~": "\\~",
}
_MD_INLINE_TABLE = str.maketrans(_MD_INLINE)
# HTML and entities start only with "<" + letter, "/", "!" or "?" and "&" + name or "#"
# (CommonMark §6.6, §2.5); escaping just those keeps "<5" and "a & b" readable.
_MD_HTML = re.compile(r"<(?=[A-Za-z/!?])|&(?=[A-Za-z#])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
# What would start a block when it opens a line: headings, quotes, lists, rules, setext
# underlines, fences, numbered lists ("1." / "1)").
_MD_BLOCK_START = re.compile(r"^(\d+(?=[.)])|)([#>+\-=]|(?<=\d)[.)])")


def markdown_text(text: object) -> str:
    """`visible` text as one line of Markdown that renders as exactly that text.

    Line breaks become spaces (so a newline in a region name cannot start a heading or
    a table row), inline syntax and HTML are escaped, and a leading block marker
    (``#``, ``>``, ``-``, ``1.`` …) is escaped, so the result is safe anywhere in a line,
    also at its start.
    """
    text = text if isinstance(text, str) else str(text)
    one_line = _LINE_BREAKS.sub(" ", text)
    shown = visible(one_line).translate(_MD_INLINE_TABLE)
    shown = _MD_HTML.sub(lambda m: "&lt;" if m.group(0) == "<" else "&amp;", shown)
    # Leading blanks would make an indented code block; a non-breaking space does not.
    stripped = shown.lstrip(" ")
    if len(stripped) != len(shown):
        shown = "&#32;" + stripped
    else:
        # A backslash escapes punctuation only: "1." becomes "1\.", "#" becomes "\#".
        shown = _MD_BLOCK_START.sub(r"\1\\\2", shown, count=1)
    return shown


def markdown_cell(text: object) -> str:
    """`visible` text for one cell of a Markdown table: `markdown_text`, ``|`` escaped.

    An empty value stays empty; the table row around it keeps its column count.
    """
    text = text if isinstance(text, str) else str(text)
    return markdown_text(_LINE_BREAKS.sub(" ", text).strip(" "))


# --- HTML, XML, CSV -------------------------------------------------------------------

_HTML_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def html_text(text: object, *, multiline: bool = False) -> str:
    """`visible` text escaped for HTML element content and quoted attribute values."""
    return visible(text, multiline=multiline).translate(_HTML_TABLE)


# XML 1.0 (§2.2) forbids U+FFFE and U+FFFF outright; `visible` already removed every
# other character it forbids (C0 except tab/newline/CR, surrogates).
_XML_TABLE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&apos;",
        "\ufffe": "\\ufffe",
        "\uffff": "\\uffff",
    }
)


def xml_chars(text: object, *, multiline: bool = False) -> str:
    """`visible` text with XML 1.0 characters only, not escaped: for a serializer that
    escapes ``&`` and ``<`` itself (ElementTree)."""
    shown = visible(text, multiline=multiline)
    return shown.replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")


def xml_text(text: object, *, multiline: bool = False) -> str:
    """`visible` text escaped for XML 1.0 element content and quoted attribute values.

    The result always parses: forbidden characters are made visible, never dropped.
    """
    return visible(text, multiline=multiline).translate(_XML_TABLE)


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (tab and CR because they are stripped before the check; the full-width forms because
# some spreadsheets fold them to ASCII).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(text: object) -> str:
    """`visible` text for one CSV cell: a cell that a spreadsheet would run is prefixed
    with ``'`` (OWASP's advice), so it shows as text. Quoting is left to `csv.writer`.
    """
    text = text if isinstance(text, str) else str(text)
    shown = visible(text)
    if text.lstrip(" ").startswith(_FORMULA_START):
        return "'" + shown
    return shown


# --- JSON and streams -----------------------------------------------------------------

# Tabs and line breaks pass: in JSON they can only be whitespace between tokens, and in
# printed text they are what they are.
_PASS = (0x09, 0x0A, 0x0D)


@functools.cache
def _json_table() -> dict[int, str]:
    # Built when first needed (a document with such a character is rare): every start
    # imports this module, and the table is ~2,000 entries.
    return {code: f"\\u{code:04x}" for code in _TABLE if code not in _PASS}


_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def json_text(document: str) -> str:
    """A JSON document with every character `visible` would change spelled ``\\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` leaves C1 controls, DEL, bidi controls and
    lone surrogates raw; in JSON they can only stand inside strings, where the escape
    decodes to the same character. So the data is unchanged and the text is printable.
    """
    if _UNSAFE.search(document) is None:
        return document
    return document.translate(_json_table())


# CR too: a bare CR in printed text would let a line overwrite what came before it.


@functools.cache
def _stream_table() -> dict[int, str]:
    # Built when first needed, like _json_table.
    return {code: text for code, text in _TABLE.items() if code not in (0x09, 0x0A)}


_STREAM_UNSAFE = re.compile(_UNSAFE.pattern.replace("\x0c", "\x0c\r"))


class GuardedStream:
    """A text stream that shows controls instead of passing them to the terminal.

    Line breaks and tabs pass; everything else `visible` would change is made visible.
    The zntui CLI writes no escape sequence of its own, so nothing legitimate is lost.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if _STREAM_UNSAFE.search(text) is not None:
            text = text.translate(_stream_table())
        return self._stream.write(text)

    def isatty(self) -> bool:
        # So that Rich (a crash report of Textual's, say) writes no colour codes, which
        # this stream would then show as text.
        return False

    def writelines(self, lines: object) -> None:
        for line in lines:  # type: ignore[attr-defined]
            self.write(line)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
