"""The app's last line of defence: no control character from data reaches the terminal.

Textual turns every widget, toast, title and table cell into strips of segments, and
`Strip.render` is where a segment's text becomes what is written to the terminal. The
escape sequences Textual itself writes (styles, cursor moves, modes, the OSC 52 of a
copy) never travel inside a segment's text, so any control character found there came
from data: it is made visible (`zntui.untrusted.visible`) before it is written.

Widgets should still pass case text through `visible` when they build it (so that
columns are measured right); this guard makes the promise hold where one forgot.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip

from zntui.untrusted import visible

_original_render = Strip.render


def _guarded_render(self: Strip, console: Any) -> str:
    if self._render_cache is None and not all(text.isprintable() for text, _, _ in self._segments):
        clean = Strip(
            [Segment(visible(text), style, control) for text, style, control in self._segments]
        )
        self._render_cache = _original_render(clean, console)
        return self._render_cache
    return _original_render(self, console)


def install() -> None:
    """Guard `Strip.render` for every Textual app in this process (idempotent)."""
    if Strip.render is not _guarded_render:
        Strip.render = _guarded_render  # type: ignore[method-assign]
