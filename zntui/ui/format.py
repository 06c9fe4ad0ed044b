"""Text for the screen: verdicts as symbol + word, so colour is never the only signal.

Colours follow a verdict's place on its own scale, so every framework's scale reads
the same way: best green, top half cyan, bottom half yellow, worst red.
"""

from __future__ import annotations

import re
from typing import Protocol

from rich.text import Text

from zntui.model.framework import DEFAULT_SCALE, Scale


class _ScaledVerdict(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def scale(self) -> Scale: ...


def style_of(verdict: str, scale: Scale) -> str:
    value = scale.get(verdict)
    if value is None:
        return "dim"
    if value.id == scale.best.id:
        return "green"
    if value.id == scale.worst.id:
        return "bold red"
    return "cyan" if value.score >= 0.5 else "yellow"


def verdict_style(verdict: _ScaledVerdict) -> str:
    return style_of(verdict.id, verdict.scale)


def verdict_short(verdict: str, scale: Scale = DEFAULT_SCALE) -> Text:
    return Text(scale.cell(verdict), style=style_of(verdict, scale))


def verdict_long(verdict: str, scale: Scale = DEFAULT_SCALE) -> Text:
    value = scale.get(verdict)
    label = f"{value.symbol} {value.label}" if value else "· niet beoordeeld"
    return Text(label, style=style_of(verdict, scale))


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sorts ids as people read them: numbers by value, the rest by letters."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", text)
        if part
    )
