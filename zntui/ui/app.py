"""The zntui app: a thin shell that loads the folder in the background and shows panes."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header

from zntui import __version__
from zntui.engine.folder import ScoredFolder, score_folder
from zntui.plugins import Registry
from zntui.ui.case_screen import CaseScreen
from zntui.ui.client_pane import ClientPane


class ZntuiApp(App[None]):
    """Toezicht op zorgnetwerken."""

    CSS_PATH = "zntui.tcss"
    TITLE = "zntui"
    BINDINGS = [
        Binding("q", "quit", "Stoppen", id="quit"),
        Binding("r", "reload", "Herladen", id="reload"),
    ]

    def __init__(self, root: Path, registry: Registry) -> None:
        super().__init__()
        self.root = root
        self.registry = registry
        self.scored = ScoredFolder()
        self.sub_title = f"{root} · v{__version__}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield ClientPane(self.registry)
        yield Footer()

    def on_mount(self) -> None:
        for problem in self.registry.errors:
            self.notify(problem, title="Plugin", severity="error", timeout=10)
        self.action_reload()

    def action_reload(self) -> None:
        self.query_one(ClientPane).show_loading()
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        scored = score_folder(self.root, self.registry)
        self.call_from_thread(self._loaded, scored)

    def _loaded(self, scored: ScoredFolder) -> None:
        self.scored = scored
        self.query_one(ClientPane).show(scored)
        if scored.errors:
            self.notify(
                f"{len(scored.errors)} bestand(en) ongeldig; zie `zntui check {self.root}`",
                title="Ongeldige casussen",
                severity="warning",
                timeout=8,
            )

    def on_case_screen_case_changed(self, message: CaseScreen.CaseChanged) -> None:
        from zntui.engine import triage_key

        cases = [
            message.scored if s.file.path == message.scored.file.path else s
            for s in self.scored.cases
        ]
        cases.sort(key=lambda s: triage_key(s.assessment))
        self.scored = ScoredFolder(cases, self.scored.errors)
        self.query_one(ClientPane).show(self.scored, focus=False)

    def on_client_pane_open_case(self, message: ClientPane.OpenCase) -> None:
        found = next(
            (s for s in self.scored.cases if s.assessment.case_id == message.case_id), None
        )
        if found is not None:
            self.push_screen(CaseScreen(found, self.registry))
