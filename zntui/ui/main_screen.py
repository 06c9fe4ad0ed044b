"""The main screen: the client, regional and national panes, one at a time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header

from zntui.ui.client_pane import ClientPane
from zntui.ui.footer import ZntuiFooter
from zntui.ui.level_panes import NationalPane, RegionalPane
from zntui.ui.notices import NoticeBar

PANE_KEYS = Binding.Group("Paneel", compact=True)
"""1 2 3 show in the footer as one item."""
PANES = ("client-pane", "regional-pane", "national-pane")
PANE_TITLES = {
    "client-pane": "1 Cliënt",
    "regional-pane": "2 Regionaal",
    "national-pane": "3 Landelijk",
}


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("1", "pane('client-pane')", "Cliënt", id="pane.client", group=PANE_KEYS),
        Binding("2", "pane('regional-pane')", "Regio", id="pane.regional", group=PANE_KEYS),
        Binding("3", "pane('national-pane')", "Landelijk", id="pane.national", group=PANE_KEYS),
        Binding(
            "tab,right_square_bracket", "next_pane", "Volgend paneel", show=False, id="pane.next"
        ),
        Binding(
            "shift+tab,left_square_bracket",
            "previous_pane",
            "Vorig paneel",
            show=False,
            id="pane.previous",
        ),
    ]

    class PaneChanged(Message):
        """Another pane is shown: worth remembering for this folder."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    class Ready(Message):
        """Every pane is composed: the list can be filled (before the first frame)."""

    def __init__(self, client: ClientPane, read_only: bool = False) -> None:
        super().__init__()
        self.client = client
        self.offers_changes = not read_only
        """The footer and `?` offer change keys (see zntui.ui.footer.CHANGES)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="client-pane", id="panes"):
            yield self.client
            yield RegionalPane()
            yield NationalPane()
        yield NoticeBar()
        yield ZntuiFooter()

    def on_mount(self) -> None:
        # The panes' widgets exist now (the app's own mount comes before them).
        self.post_message(self.Ready())

    @property
    def current_pane(self) -> str:
        return self.query_one("#panes", ContentSwitcher).current or PANES[0]

    def action_pane(self, pane: str) -> None:
        self.query_one("#panes", ContentSwitcher).current = pane
        self.sub_title = PANE_TITLES[pane]
        if pane == "client-pane":
            self.query_one("#triage").focus()
        else:
            self.query_one(f"#{pane} VerticalScroll").focus()
        self.refresh_bindings()
        self.post_message(self.PaneChanged(pane))

    def action_next_pane(self) -> None:
        self.action_pane(PANES[(PANES.index(self.current_pane) + 1) % len(PANES)])

    def action_previous_pane(self) -> None:
        self.action_pane(PANES[(PANES.index(self.current_pane) - 1) % len(PANES)])
