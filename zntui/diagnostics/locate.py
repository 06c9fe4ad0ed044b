"""Find the line and column of a key path in TOML source.

tomllib gives us data without positions, and pydantic reports errors as key paths
(``members[2].kind``). A light scan of the source maps a path back to the header or
key line that defines it, so every validation error can say where to look. The scan is
best effort: when a path cannot be found exactly, the nearest enclosing table wins.
"""

from __future__ import annotations

import re

PathPart = str | int

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def _split_key(raw: str) -> tuple[str, ...]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", raw)
    return tuple(next(p for p in groups if p) if any(groups) else "" for groups in parts)


def index_positions(text: str) -> dict[tuple[PathPart, ...], tuple[int, int]]:
    """Map every table header and key in ``text`` to its (line, col), both 1-based."""
    positions: dict[tuple[PathPart, ...], tuple[int, int]] = {}
    array_counts: dict[tuple[PathPart, ...], int] = {}
    current: tuple[PathPart, ...] = ()
    in_multiline: str | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header and len(header.group(1)) == len(header.group(3)):
            keys = _split_key(header.group(2))
            resolved = _resolve(keys, array_counts)
            if header.group(1) == "[[":
                index = array_counts.get(resolved, -1) + 1
                array_counts[resolved] = index
                positions.setdefault(resolved, (lineno, line.index("[") + 1))
                current = (*resolved, index)
            else:
                current = resolved
            positions.setdefault(current, (lineno, line.index("[") + 1))
            continue
        key = _KEY.match(line)
        if key:
            path = (*current, *_split_key(key.group(1)))
            col = len(line) - len(line.lstrip()) + 1
            positions.setdefault(path, (lineno, col))
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
    return positions


def _resolve(
    keys: tuple[str, ...], array_counts: dict[tuple[PathPart, ...], int]
) -> tuple[PathPart, ...]:
    """Insert the current index of every array of tables that a dotted header passes."""
    resolved: list[PathPart] = []
    for key in keys:
        resolved.append(key)
        prefix = tuple(resolved)
        if prefix in array_counts and len(resolved) < len(keys):
            resolved.append(array_counts[prefix])
    return tuple(resolved)


def locate(
    positions: dict[tuple[PathPart, ...], tuple[int, int]],
    path: tuple[PathPart, ...],
    text: str | None = None,
) -> tuple[int, int] | None:
    """The position of ``path``, or of its nearest enclosing key that is in the source.

    With ``text``, a key inside an inline table (``{ id = "x", kind = "y" }``) is found by
    looking for the path's last key after the enclosing key's line.
    """
    for end in range(len(path), 0, -1):
        found = positions.get(tuple(path[:end]))
        if found:
            if end < len(path) and text is not None:
                return _search_after(text, found[0], path[end:]) or found
            return found
    return None


def _search_after(text: str, line: int, rest: tuple[PathPart, ...]) -> tuple[int, int] | None:
    keys = [p for p in rest if isinstance(p, str)]
    if not keys:
        return None
    pattern = re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(keys[-1])}\s*=")
    lines = text.splitlines()
    # Skip as many earlier occurrences as the path's list index says (members[2] → third).
    skip = next((p for p in rest if isinstance(p, int)), 0)
    for number in range(line - 1, len(lines)):
        for match in pattern.finditer(lines[number]):
            if skip == 0:
                return number + 1, match.start() + 1
            skip -= 1
        if number > line - 1 and _HEADER.match(lines[number]):
            break
    return None


def format_path(path: tuple[PathPart, ...]) -> str:
    """``("members", 2, "kind")`` → ``members[2].kind``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def parse_path(text: str) -> tuple[PathPart, ...]:
    """Inverse of :func:`format_path`."""
    parts: list[PathPart] = []
    for name, index in re.findall(r"([A-Za-z0-9_-]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)
