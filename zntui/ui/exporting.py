"""Saving and copying what is on screen: the list, the view, the level reports.

The user names the file in a prompt; writing happens in a worker thread, through
:func:`zntui.store.user_files.write_user_file`: never over a case, review, notes or
config file, over an existing file only after "ja", no wider than the cases.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from zntui.report import ReportInput, html_report, markdown
from zntui.store.atomic import narrowest_mode
from zntui.store.user_files import WriteRefused, write_user_file
from zntui.ui.case_screen import CaseScreen
from zntui.ui.level_panes import ExportReport, RegionalPane
from zntui.ui.prompts import ChoicePrompt, TextPrompt
from zntui.workflows.exports import render_csv, render_json, render_markdown
from zntui.workflows.levels import publication, report
from zntui.workflows.scored import ScoredCase, ScoredFolder

if TYPE_CHECKING:
    from zntui.ui.host import AppHost

RENDERERS = {".csv": render_csv, ".md": render_markdown, ".json": render_json}


class Exports:
    """The app's save and copy actions; ``app`` holds the folder and the screens."""

    def __init__(self, app: AppHost) -> None:
        self.app = app

    def ask_list(self, cases: list[ScoredCase], marked: bool) -> None:
        """Save ``cases`` (the marked ones, else the list as filtered) as csv, md or json."""
        stamp = dt.date.today().strftime("%Y%m%d")
        default = str(Path.cwd() / f"zntui-lijst-{stamp}.csv")
        what = f"de {len(cases)} gemarkeerde casussen" if marked else "de lijst zoals gefilterd"
        self.app.push_screen(
            TextPrompt(f"Bewaar {what} als (.csv, .md of .json)", "", default),
            lambda target: self._save_list(cases, target),
        )

    def _save_list(self, cases: list[ScoredCase], target: str | None) -> None:
        if not target:
            return
        path = Path(target).expanduser()
        render = RENDERERS.get(path.suffix.lower())
        if render is None:
            self.app.notify("Kies .csv, .md of .json als extensie.", severity="warning")
            return
        text = render(ScoredFolder(cases, []), self.app.registry)
        self._write(path, text, 0o600, f"{len(cases)} casussen opgeslagen in {path}")

    def _write(self, path: Path, text: str, cap: int, done: str, force: bool = False) -> None:
        """Write in a worker thread; say so (or why not) when done. The file's mode is
        no wider than the case files it is made from, nor than ``cap`` (lists and views
        can hold case data: 0600)."""
        sources = [s.path for s in self.app.scored.cases]

        def write() -> None:
            try:
                write_user_file(path, text, narrowest_mode(sources) & cap, force=force)
            except WriteRefused as exc:
                if exc.exists and not force:
                    self.app.call_from_thread(self._ask_overwrite, path, text, cap, done)
                else:
                    self.app.call_from_thread(
                        self.app.notify, f"Niet opgeslagen: {exc}", severity="error", timeout=10
                    )
                return
            self.app.call_from_thread(self.app.notify, done)

        self.app.run_worker(write, thread=True, group="write")

    def _ask_overwrite(self, path: Path, text: str, cap: int, done: str) -> None:
        def answered(answer: str | None) -> None:
            if answer == "ja":
                self._write(path, text, cap, done, force=True)
            else:
                self.app.notify("Niet opgeslagen.", severity="warning")

        self.app.push_screen(
            ChoicePrompt(
                f"{path.name} bestaat al. Overschrijven?",
                [("nee", "Nee, niet opslaan"), ("ja", "Ja, overschrijven")],
                "nee",
            ),
            answered,
        )

    def view_text(self) -> str:
        """What is on screen as plain text: the case, the list as filtered, or the
        regional or national picture (as its de-identified report)."""
        app = self.app
        if isinstance(app.screen, CaseScreen):
            return app.screen.view_text()
        pane = app.current_pane()
        if pane == "client-pane":
            return render_markdown(ScoredFolder(app.client.visible(), []), app.registry)
        region = app.screen.query_one(RegionalPane).current_region
        level = "regional" if pane == "regional-pane" else "national"
        return markdown(self._report_data(level, region if level == "regional" else None))

    def _report_data(self, level: str, region: str | None) -> ReportInput:
        app = self.app
        # Until the new publication is made (after a rescore), publish from the new scores.
        published = app.levels or publication(
            app.scored.cases, app.registry.frameworks, app.small_cell
        )
        return report(
            published,
            app.registry.frameworks,
            level,
            [region] if region else [],
            app.notes.notes.followups if app.notes else [],
        )

    def copy_view(self) -> None:
        """Copy the current view as text to the user's own clipboard (OSC 52)."""
        text = self.view_text()
        self.app.copy_to_clipboard(text)
        self.app.notify(
            f"{text.count(chr(10))} regels naar het klembord gestuurd (OSC 52). Werkt dat "
            "niet in deze terminal: W bewaart dezelfde tekst als bestand."
        )

    def ask_save_view(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        default = str(Path.cwd() / f"zntui-scherm-{stamp}.md")
        self.app.push_screen(TextPrompt("Scherm bewaren als", "", default), self._save_view)

    def _save_view(self, target: str | None) -> None:
        if target:
            path = Path(target).expanduser()
            self._write(path, self.view_text(), 0o600, f"Scherm bewaard in {path}")

    def ask_report(self, message: ExportReport) -> None:
        stamp = dt.date.today().strftime("%Y%m%d")
        what = (
            f"regio-{message.region.lower().replace(' ', '-')}" if message.region else "landelijk"
        )
        default = str(Path.cwd() / f"zntui-{what}-{stamp}.html")
        self.app.push_screen(
            TextPrompt("Rapport opslaan als (.html of .md)", "Geen cliëntgegevens.", default),
            lambda target: self._save_report(message, target),
        )

    def _save_report(self, message: ExportReport, target: str | None) -> None:
        if not target:
            return
        path = Path(target).expanduser()
        data = self._report_data(message.level, message.region)
        text = markdown(data) if path.suffix.lower() == ".md" else html_report(data)
        # A report is de-identified: it may be as readable as the cases, not more.
        self._write(path, text, 0o666, f"Rapport opgeslagen: {path}")
