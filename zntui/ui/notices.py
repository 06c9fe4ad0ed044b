"""Notices: a line above the footer instead of toasts.

At 80×24 Textual's toasts lay over the right half of the screen — over the evidence
an inspector is reading. The notice line takes its own rows (the list or the criteria
give way while it shows) and hides nothing; the same notice twice is shown once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

SHOWN = 3
"""Notices shown at once, newest first; older ones make room."""
MIN_SECONDS = {"information": 6.0, "warning": 10.0, "error": 15.0}
MARKS = {"information": "", "warning": "! ", "error": "!! "}


@dataclass
class Notice:
    text: str
    severity: str
    until: float
    about: str = ""
    """What it is about (a file): a newer notice about the same thing replaces it."""


class NoticeBar(Static):
    """The newest notices, one line each (a long one wraps), each for its time."""

    DEFAULT_CSS = """
    NoticeBar {
        height: auto;
        max-height: 4;
        padding: 0 1;
        display: none;
        border-top: solid $accent;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="notices")
        self.notices: list[Notice] = []
        self._timer: Timer | None = None

    def add(
        self,
        text: str,
        severity: str = "information",
        timeout: float | None = None,
        about: str = "",
    ) -> None:
        seconds = max(timeout or 0.0, MIN_SECONDS.get(severity, 6.0))
        until = time.monotonic() + seconds
        # The same notice again (a problem reported by two routes): shown once, for longer;
        # a newer word about the same file replaces the older one.
        self.notices = [
            n for n in self.notices if n.text != text and not (about and n.about == about)
        ]
        self.notices.append(Notice(text, severity, until, about))
        self.notices = self.notices[-SHOWN:]
        self._draw()

    def _draw(self) -> None:
        now = time.monotonic()
        self.notices = [n for n in self.notices if n.until > now]
        text = Text()
        for notice in reversed(self.notices):
            if text:
                text.append("\n")
            style = "bold" if notice.severity != "information" else ""
            text.append(MARKS.get(notice.severity, "") + notice.text, style=style)
        self.update(text)
        self.display = bool(self.notices)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.notices:
            wait = min(n.until for n in self.notices) - now
            self._timer = self.set_timer(max(wait, 0.05), self._draw)
