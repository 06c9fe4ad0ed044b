"""What the app's helpers (bulk status, exports, follow-ups) use of the app.

They are handed the app and call back into it; typed by this protocol, they need not
import :mod:`zntui.ui.app`, which imports them — so the two make no circle, and what a
helper may reach of the app is written down in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from zntui.config import Config
    from zntui.disclosure import Publication
    from zntui.plugins import Registry
    from zntui.store.regional_notes import LoadedNotes
    from zntui.ui.client_pane import ClientPane
    from zntui.workflows.scored import ScoredFolder


class AppHost(Protocol):
    """The part of :class:`zntui.ui.app.ZntuiApp` its helpers use."""

    registry: Registry
    config: Config
    root: Path
    scored: ScoredFolder
    levels: Publication | None
    notes: LoadedNotes | None
    notes_error: str | None
    small_cell: int
    client: ClientPane

    @property
    def screen(self) -> Screen[Any]: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None: ...

    def refuse_change(self) -> bool: ...

    def current_pane(self) -> str: ...

    def show_levels(self, levels: Publication | None = None) -> None: ...

    def copy_to_clipboard(self, text: str) -> None: ...

    def push_screen(self, screen: Any, callback: Callable[[Any], Any] | None = None) -> Any: ...

    def run_worker(self, work: Any, *args: Any, **kwargs: Any) -> Any: ...

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...

    def post_message(self, message: Any) -> bool: ...
