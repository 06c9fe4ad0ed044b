"""The zntui app: loads the folder in the background, keeps it fresh, and routes keys.

Widgets render state; the app asks the store, engine and levels for it in workers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual import events, work
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from zntui import __version__
from zntui.config import Config
from zntui.engine import triage_key
from zntui.engine.folder import (
    CaseDetail,
    ScoredCase,
    ScoredFolder,
    load_detail,
    rescore_changed,
    score_folder,
)
from zntui.engine.watch import FolderWatch
from zntui.levels import (
    REGIONAL_PARTIES,
    Picture,
    inputs_from,
    national_picture,
    regional_pictures,
)
from zntui.model.review import ReviewStatus, now_utc, set_status
from zntui.plugins import Registry
from zntui.report import html_report, markdown, report_input
from zntui.state import FolderState, load_state, save_state
from zntui.store import CaseError
from zntui.store.atomic import write_atomic
from zntui.store.cache import signature
from zntui.store.regional_notes import (
    FollowUp,
    LoadedNotes,
    NotesConflict,
    NotesError,
    add_followup,
    load_notes,
)
from zntui.store.reviews import change_reviews, sidecar_path
from zntui.ui.case_screen import CaseScreen
from zntui.ui.client_pane import SORTS, ClientPane
from zntui.ui.glyphs import ascii_driver
from zntui.ui.help_screen import HelpScreen, collect_bindings, key_label
from zntui.ui.level_panes import ExportReport, NationalPane, RegionalPane
from zntui.ui.main_screen import PANES, MainScreen
from zntui.ui.problems_screen import ProblemsScreen
from zntui.ui.prompts import ChoicePrompt, TextPrompt
from zntui.ui.too_small import TooSmallScreen, too_small
from zntui.user import login_name
from zntui.workflows.exports import render_csv, render_json, render_markdown

WATCH_SECONDS = 2.0
EVENT_SECONDS = 0.1
"""How often the kernel's word on changed files is read (a read that is mostly empty)."""
WATCH_SHARE = 20
STREAM_SECONDS = 1.0
"""While a folder loads, the list is redrawn with what has arrived at most this often."""
STREAM_UNTIL = 4000
"""No redraws while loading beyond this many rows (a screen shows 20): the CPU they
cost is taken from the workers; the whole list comes when all is scored."""
READ_ONLY_MESSAGE = (
    "Alleen-lezen (--read-only of read_only in de config): niets kan worden gewijzigd."
)
WEB_EDIT_MESSAGE = (
    "In de browser opent zntui geen editor: bewerk het casusbestand in een terminal "
    "(zntui via SSH) of met je eigen editor; zntui leest het daarna vanzelf opnieuw in."
)


@dataclass
class Levels:
    regions: list[Picture]
    national: Picture


def editor_command() -> list[str]:
    """$VISUAL, then $EDITOR, then a sane default."""
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("editor", "nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    return ["vi"]


def _triage_order(s: ScoredCase) -> tuple[int, int, int, int, str]:
    return triage_key(s.assessment)


class ZntuiApp(App[None]):
    """Toezicht op zorgnetwerken."""

    CSS_PATH = "zntui.tcss"
    TITLE = "zntui"
    BINDINGS = [
        Binding("q", "quit", "Stoppen", id="app.quit"),
        # Ctrl+C ends a terminal program; here too, from anywhere.
        Binding("ctrl+c", "quit", "Stoppen", show=False, priority=True, id="app.interrupt"),
        Binding("question_mark", "help", "Toetsen", id="app.help"),
        Binding("r", "reload", "Herladen", id="app.reload"),
        Binding("e", "edit", "Bewerken", id="app.edit"),
        Binding("i", "problems", "Problemen", id="app.problems"),
        Binding("Y", "copy_view", "Kopieer scherm", show=False, id="app.copy_view"),
        Binding("W", "save_view", "Scherm bewaren", show=False, id="app.save_view"),
        # Ctrl+P never reaches the app in VS Code's terminal: ':' opens the palette too.
        Binding("ctrl+p,colon", "command_palette", "Opdrachten", show=False, id="app.palette"),
    ]

    def __init__(
        self,
        root: Path,
        registry: Registry,
        watch: bool = True,
        config: Config | None = None,
        read_only: bool = False,
        use_cache: bool = True,
        ascii: bool = False,
        config_problems: Iterable[str] = (),
        config_fallback: bool = False,
    ) -> None:
        super().__init__(driver_class=ascii_driver(self.get_driver_class()) if ascii else None)
        self.config_problems = list(config_problems)
        """What is wrong with the config file; shown at start and on the problems screen."""
        self.config_fallback = config_fallback
        """The config file could not be used at all: defaults, read-only."""
        self.use_cache = use_cache
        self._incoming: list[ScoredCase] = []
        self._shown_at: float | None = None
        self._shown = 0
        self._stream = True
        self._next_watch = 0.0
        self._watch: FolderWatch | None = None
        self._touched: set[str] | None = set()
        """Paths the watch has told of, not yet looked at; None: walk the whole folder."""
        self.loading = True
        self.config = config or Config()
        self.read_only = read_only
        self.root = root.absolute()  # the folder's cases are known by absolute path
        self.registry = registry
        self.watch_files = watch
        self.scored = ScoredFolder()
        self.notes: LoadedNotes | None = None
        self.notes_error: str | None = None
        self.small_cell = self.config.small_cell
        self.client = ClientPane(registry)
        self.sub_title = f"{root} · v{__version__}" + (" · ALLEEN-LEZEN" if read_only else "")
        self.theme = self.config.theme

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.client)

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        """Cover the screen with "terminal te klein" below the minimum; lift it after."""
        if too_small(width, height):
            if isinstance(self.screen, TooSmallScreen):
                self.screen.show_size(width, height)
            else:
                self.push_screen(TooSmallScreen())
            return
        if isinstance(self.screen, TooSmallScreen):
            while isinstance(self.screen, TooSmallScreen):
                self.pop_screen()
            # Columns measured in a tiny terminal stay tiny: lay the list out again.
            self.client.show(self.scored, focus=isinstance(self.screen, MainScreen))

    def on_mount(self) -> None:
        self.call_after_refresh(lambda: self._check_size(self.size.width, self.size.height))
        if self.config.keymap:
            self.set_keymap(dict(self.config.keymap))
        for problem in self.registry.errors:
            self.notify(problem, title="Plugin", severity="error", timeout=10)
        if self.config_problems:
            self.notify(
                "\n".join(self.config_problems[:3])
                + ("\n…" if len(self.config_problems) > 3 else "")
                + "\nDruk i voor alles."
                + (
                    "\nGeopend met standaardinstellingen, alleen-lezen."
                    if self.config_fallback
                    else ""
                ),
                title="Configuratie met fouten",
                severity="error",
                timeout=20,
            )
        self.call_after_refresh(self._restore_state)
        self.call_after_refresh(self.action_reload)
        if self.watch_files:
            # Told by the kernel where it can (started before the first load, so that
            # nothing changed meanwhile is missed); else walked now and then.
            self._watch = FolderWatch.start(self.root)
            if self._watch is not None:
                self.set_interval(EVENT_SECONDS, self._check_events)
            else:
                self.set_interval(WATCH_SECONDS, self._check_changes)

    # --- loading --------------------------------------------------------------------

    def action_reload(self) -> None:
        self.client.show_progress("zoeken", 0, 0)
        self._incoming, self._shown_at, self._shown, self.loading = [], None, 0, True
        # Stream rows only into an empty list: a reload keeps the old list until the new
        # one is whole, rather than shrinking it to the first batch.
        self._stream = not self.scored.cases
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        shown_at = 0.0

        def progress(phase: str, done: int, total: int) -> None:
            # Five times a second is enough to read; every redraw costs the workers CPU.
            nonlocal shown_at
            now = time.monotonic()
            if now - shown_at >= 0.2 or done == total:
                shown_at = now
                self.call_from_thread(self.client.show_progress, phase, done, total)

        scored = score_folder(
            self.root,
            self.registry,
            progress,
            self.config.rule_params,
            cache=self.use_cache,
            arrived=self._arrived,
        )
        levels = self._levels(scored)
        try:
            notes, notes_error = load_notes(self.root), None
        except NotesError as exc:
            notes, notes_error = None, str(exc)
        self.call_from_thread(self._loaded, scored, levels, notes, notes_error)

    def _arrived(self, batch: list[ScoredCase]) -> None:
        """Called in the loading thread: show what is there now and then, not every batch."""
        if not self._stream:
            return
        self._incoming.extend(batch)
        now = time.monotonic()
        # Redrawing the list costs time in proportion to its length: redraw when it
        # has doubled (and not more often than STREAM_SECONDS), so all redraws together
        # cost about as much as the last one.
        if self._shown_at is None or (
            now - self._shown_at >= STREAM_SECONDS
            and 2 * self._shown <= len(self._incoming) <= STREAM_UNTIL
        ):
            self._shown_at, self._shown = now, len(self._incoming)
            partial_folder = ScoredFolder(sorted(self._incoming, key=_triage_order))
            self.call_from_thread(self._show_partial, partial_folder)

    def _show_partial(self, scored: ScoredFolder) -> None:
        if self.loading:
            self.scored = scored
            self.client.show(scored, focus=isinstance(self.screen, MainScreen), partial=True)

    def _levels(self, scored: ScoredFolder) -> Levels:
        inputs = inputs_from(scored.cases, self.registry.frameworks)
        return Levels(regional_pictures(inputs), national_picture(inputs))

    def _restore_state(self) -> None:
        state = load_state(self.root)
        if state.sort in SORTS:
            self.client.sort = state.sort
        self.client.query_text = state.filter
        self.client.query_one("#filter", Input).value = state.filter
        main = self._main()
        if main is not None and state.pane in PANES and state.pane != "client-pane":
            main.action_pane(state.pane)

    def remember_state(self) -> None:
        """Save pane, sort and filter for this folder; a failure only costs the memory."""
        main = self._main()
        state = FolderState(
            pane=main.current_pane if main else "client-pane",
            sort=self.client.sort,
            filter=self.client.query_text,
        )
        with contextlib.suppress(OSError):
            save_state(self.root, state)

    def _loaded(
        self,
        scored: ScoredFolder,
        levels: Levels,
        notes: LoadedNotes | None,
        notes_error: str | None,
    ) -> None:
        self.scored, self.notes, self.notes_error = scored, notes, notes_error
        self.loading = False
        self.client.show(scored, focus=isinstance(self.screen, MainScreen))
        if scored.cache_note:
            self.notify(scored.cache_note, title="Cache", severity="warning", timeout=8)
        self._show_levels(levels)
        problems = self.problem_lines()[len(self.config_problems) :]  # those were shown
        if self.scored.errors or self.scored.review_errors:
            first = problems[0] if len(problems) == 1 else f"{problems[0]}\n… en meer"
            self.notify(
                f"{first}\nDruk i voor de lijst; de andere casussen zijn geladen.",
                title=f"{len(self.scored.errors) + len(self.scored.review_errors)} "
                "bestand(en) met problemen",
                severity="warning",
                timeout=10,
            )
        if notes_error:
            self.notify(notes_error, title="Regionale afspraken", severity="error", timeout=10)

    def _show_levels(self, levels: Levels) -> None:
        screen = self._main()
        if screen is None:
            return
        followups = self.notes.notes.followups if self.notes else []
        labels = {
            c.id: c.text
            for framework in self.registry.frameworks.values()
            for c in framework.criteria
        }
        screen.query_one(RegionalPane).show(levels.regions, followups, self.small_cell, labels)
        screen.query_one(NationalPane).show(
            levels.national, levels.regions, self.small_cell, labels
        )

    def _main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()

    def _check_events(self) -> None:
        """What the watch has told since the last look (cheap: one read, mostly empty)."""
        assert self._watch is not None
        told = self._watch.changed()
        if told is None:
            self._touched = None
        elif self._touched is not None:
            self._touched |= told
        if self._touched != set() and not self.loading:
            candidates, self._touched = self._touched, set()
            self._check_changes(candidates, force=True)

    def _requeue(self, paths: set[str]) -> None:
        if self._touched is not None:
            self._touched |= paths

    @work(thread=True, exclusive=True, group="watch")
    def _check_changes(self, candidates: set[str] | None = None, force: bool = False) -> None:
        if self.loading:
            if candidates:
                self.call_from_thread(self._requeue, candidates)
            return
        if not force and (not self.scored.files or time.monotonic() < self._next_watch):
            return
        start = time.monotonic()
        scored = self.scored
        found = rescore_changed(
            scored,
            self.root,
            self.registry,
            self.config.rule_params,
            cache=self.use_cache,
            candidates=candidates,
        )
        # A national folder takes ~0.15 s to walk: look less often there, so that an
        # idle app never spends more than 1/WATCH_SHARE of a core on watching.
        self._next_watch = start + WATCH_SHARE * (time.monotonic() - start)
        if found is None:
            self.call_from_thread(self._changed_on_disk)
        elif found[1]:
            fresh, changed = found
            self.call_from_thread(self._apply_changes, scored, fresh, changed)

    def _changed_on_disk(self) -> None:
        self.notify("Bestanden gewijzigd op schijf; opnieuw geladen.", timeout=3)
        self.action_reload()

    def _apply_changes(self, before: ScoredFolder, fresh: ScoredFolder, changed: list[str]):
        """Files changed on disk, each put in the list as its one row."""
        if self.loading or self.scored is not before:
            self._requeue(set(changed))  # the list moved on meanwhile: look again
            return
        self.scored = fresh
        self.client.show(fresh, focus=False)
        self._refresh_levels(fresh)
        names = ", ".join(Path(p).name for p in changed[:3]) + (" …" if len(changed) > 3 else "")
        self.notify(f"Gewijzigd op schijf, bijgewerkt: {names}", timeout=3)

    @work(thread=True, exclusive=True, group="levels")
    def _refresh_levels(self, scored: ScoredFolder) -> None:
        levels = self._levels(scored)
        self.call_from_thread(self._show_levels, levels)

    # --- cases ----------------------------------------------------------------------

    def on_client_pane_open_case(self, message: ClientPane.OpenCase) -> None:
        found = self._find(message.path)
        if found is None:
            return
        # The folder keeps only a summary of each case: read the file again, in full.
        try:
            detail = load_detail(found.path, self.registry, self.config.rule_params, self.root)
        except CaseError as exc:
            self.notify(
                "\n".join(exc.lines()), title="Casus ongeldig", severity="error", timeout=15
            )
            self.action_reload()
            return
        if ScoredCase.of(detail).summary_key() != found.summary_key():
            self._replace(detail, note=False)  # changed since the list was made
        self.push_screen(CaseScreen(detail, self.registry))

    def _find(self, path: str) -> ScoredCase | None:
        return next((s for s in self.scored.cases if str(s.path) == path), None)

    def on_case_screen_case_changed(self, message: CaseScreen.CaseChanged) -> None:
        self._replace(message.scored)

    def _replace(self, *details: CaseDetail, note: bool = True) -> None:
        """Put rescored cases in the list and the levels (one redraw for all)."""
        fresh = {d.file.path: ScoredCase.of(d) for d in details}
        cases = [fresh.get(s.path, s) for s in self.scored.cases]
        cases.sort(key=_triage_order)
        files = dict(self.scored.files)
        if note:
            # Our own save is not a change on disk to rescore; the files as they are now.
            for path in fresh:
                key = str(path)
                files[key] = (signature(key), signature(sidecar_path(path)))
        self.scored = ScoredFolder(
            cases, self.scored.errors, files=files, criteria=self.scored.criteria
        )
        self.client.show(self.scored, focus=False)
        self._refresh_levels(self.scored)

    def _selected_case(self) -> ScoredCase | None:
        if isinstance(self.screen, CaseScreen):
            return ScoredCase.of(self.screen.scored)
        row_key = self.client.cursor_key()
        return self._find(row_key) if row_key else None

    def action_edit(self) -> None:
        if self.is_web:
            # `zntui serve`: no terminal to hand to an editor; it would start on the
            # server, on textual-serve's pipe, and hang there after the browser leaves.
            self.notify(WEB_EDIT_MESSAGE, severity="warning", timeout=10)
            return
        if self.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="warning")
            return
        selected = self._selected_case()
        if selected is None:
            self.notify("Geen casus geselecteerd.", severity="warning")
            return
        path = selected.path
        command = [*editor_command(), str(path)]
        try:
            with self.suspend():
                code = subprocess.call(command)
        except SuspendNotSupported:
            # Headless (tests, textual-serve): nothing to hand the terminal back from.
            code = subprocess.call(command)
        if code:
            self.notify(f"Editor stopte met code {code}.", severity="warning")
        try:
            rescored = load_detail(path, self.registry, self.config.rule_params, self.root)
        except CaseError as exc:
            self.notify(
                "\n".join(exc.lines()), title="Casus ongeldig", severity="error", timeout=15
            )
            if isinstance(self.screen, CaseScreen):
                self.pop_screen()
            self.action_reload()
            return
        self._replace(rescored)
        if isinstance(self.screen, CaseScreen):
            self.screen.scored = rescored
            self.screen.refresh_all()
        self.notify("Casus opnieuw gelezen en beoordeeld.")

    # --- regional follow-up -----------------------------------------------------------

    def on_regional_pane_add_follow_up(self, message: RegionalPane.AddFollowUp) -> None:
        if self.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="warning")
            return
        if self.notes is None:
            self.notify(f"Alleen-lezen: {self.notes_error}", severity="warning")
            return
        region = message.region

        def chosen(party: str | None) -> None:
            if party:
                self.push_screen(
                    TextPrompt(f"Afspraak met {party} ({region})", "Geen cliëntgegevens."),
                    lambda text: self._save_followup(region, party, text),
                )

        options = [(p, p) for p in REGIONAL_PARTIES]
        self.push_screen(ChoicePrompt(f"Partij in {region}", options), chosen)

    def _save_followup(self, region: str, party: str, text: str | None) -> None:
        if not text or self.notes is None:
            return
        followup = FollowUp(
            region=region, party=party, agreement=text, by=login_name(), at=now_utc()
        )
        try:
            self.notes = add_followup(self.notes, followup)
        except NotesConflict as exc:
            self.notify(str(exc), severity="error", timeout=15)
            self.notes = load_notes(self.root)
            self.push_screen(
                TextPrompt(f"Afspraak met {party} ({region})", "Opnieuw opslaan?", text),
                lambda again: self._save_followup(region, party, again),
            )
            return
        except OSError as exc:
            self.notify(f"Niet opgeslagen: {exc}", severity="error")
            return
        self._show_levels(self._levels(self.scored))
        self.notify("Afspraak opgeslagen.")

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: object) -> None:
        keys = ", ".join(sorted(b.id or b.action for b in clashed_bindings))
        self.notify(f"Toetsconflict in de keymap: {keys}", severity="error", timeout=10)

    # --- problems -------------------------------------------------------------------

    def problem_lines(self) -> list[str]:
        """Every invalid case file and unusable review, as `path:line:col: message`."""
        lines = list(self.config_problems)
        lines += [line for error in self.scored.errors for line in error.lines()]
        lines += [f"{e.path}:1:1: {e.message}" for e in self.scored.review_errors]
        if self.notes_error:
            lines.append(self.notes_error)
        return lines

    def action_problems(self) -> None:
        self.push_screen(ProblemsScreen(self.problem_lines()))

    # --- the list: export and copy ---------------------------------------------------

    def action_export_list(self) -> None:
        """Save the marked cases, else the list as filtered, as csv, md or json."""
        stamp = dt.date.today().strftime("%Y%m%d")
        default = str(Path.cwd() / f"zntui-lijst-{stamp}.csv")
        marked = len(self.client.marked)
        what = f"de {marked} gemarkeerde casussen" if marked else "de lijst zoals gefilterd"
        self.push_screen(
            TextPrompt(f"Bewaar {what} als (.csv, .md of .json)", "", default), self._export_list
        )

    def action_bulk_status(self) -> None:
        """Set the review status of the marked cases (or the one under the cursor)."""
        if self.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="warning")
            return
        targets = self.client.marked_cases()
        if not targets:
            selected = self._selected_case()
            targets = [selected] if selected else []
        if not targets:
            self.notify("Geen casus geselecteerd.", severity="warning")
            return
        title = (
            f"Reviewstatus voor {len(targets)} gemarkeerde casussen"
            if len(targets) > 1
            else f"Reviewstatus van {targets[0].assessment.case_id}"
        )
        options = [(s.value, s.label) for s in ReviewStatus]
        current = targets[0].status.value if targets[0].status else ReviewStatus.NIEUW.value
        self.push_screen(
            ChoicePrompt(title, options, current),
            lambda choice: self._bulk_status(targets, choice),
        )

    def _bulk_status(self, targets: list[ScoredCase], choice: str | None) -> None:
        if not choice:
            return
        by = login_name()
        outcomes = change_reviews(
            ((s.path, s.assessment.case_id) for s in targets),
            lambda review: set_status(review, choice, by=by),
        )
        changed = [o.case_path for o in outcomes if o.changed]
        details = []
        for path in changed:
            with contextlib.suppress(CaseError):
                details.append(load_detail(path, self.registry, self.config.rule_params, self.root))
        self._replace(*details)
        refused = [o for o in outcomes if o.refused]
        label = ReviewStatus(choice).label
        message = f"Status '{label}' gezet voor {len(changed)} casus(sen)"
        if len(outcomes) - len(changed) - len(refused):
            message += f"; {len(outcomes) - len(changed) - len(refused)} stond(en) er al op"
        if refused:
            lines = [f"{o.case_path.name}: {o.refused}" for o in refused[:5]]
            more = f"\n… en {len(refused) - 5} meer" if len(refused) > 5 else ""
            self.notify(
                f"{message}; {len(refused)} niet gewijzigd:\n" + "\n".join(lines) + more,
                severity="warning",
                timeout=15,
            )
        else:
            self.notify(message + ".")

    def _export_list(self, target: str | None) -> None:
        if not target:
            return
        path = Path(target).expanduser()
        renderers = {".csv": render_csv, ".md": render_markdown, ".json": render_json}
        render = renderers.get(path.suffix.lower())
        if render is None:
            self.notify("Kies .csv, .md of .json als extensie.", severity="warning")
            return
        shown = ScoredFolder(self.client.marked_cases() or self.client.visible(), [])
        if self._write_new(path, render(shown, self.registry), 0o600):
            self.notify(f"{len(shown.cases)} casussen opgeslagen in {path}")

    def _write_new(self, path: Path, text: str, mode: int) -> bool:
        """Write a file the user named; never over an existing one. False (after saying
        why) when it could not be written."""
        try:
            if path.exists():
                raise FileExistsError(f"{path} bestaat al; kies een andere naam")
            write_atomic(path, text.encode("utf-8"), mode)
        except OSError as exc:
            self.notify(f"Niet opgeslagen: {exc}", severity="error", timeout=10)
            return False
        return True

    def action_copy_case_id(self) -> None:
        """Copy the case id to the clipboard of the user's own machine (OSC 52)."""
        selected = self._selected_case()
        if selected is None:
            return
        self.copy_to_clipboard(selected.assessment.case_id)
        self.notify(
            f"{selected.assessment.case_id} naar het klembord gestuurd (OSC 52). Werkt dat niet "
            "in deze terminal: w bewaart de lijst als bestand."
        )

    def view_text(self) -> str:
        """What is on screen as plain text: the case, the list as filtered, or the
        regional or national picture (as its de-identified report)."""
        if isinstance(self.screen, CaseScreen):
            return self.screen.view_text()
        main = self._main()
        pane = main.current_pane if main else "client-pane"
        if pane == "client-pane":
            return render_markdown(ScoredFolder(self.client.visible(), []), self.registry)
        region = self.screen.query_one(RegionalPane).current_region
        level = "regional" if pane == "regional-pane" else "national"
        data = report_input(
            self.scored.cases,
            self.registry.frameworks,
            level,
            [region] if level == "regional" and region else [],
            self.small_cell,
            self.notes.notes.followups if self.notes else [],
        )
        return markdown(data)

    def action_copy_view(self) -> None:
        """Copy the current view as text to the user's own clipboard (OSC 52)."""
        text = self.view_text()
        self.copy_to_clipboard(text)
        self.notify(
            f"{text.count(chr(10))} regels naar het klembord gestuurd (OSC 52). Werkt dat "
            "niet in deze terminal: W bewaart dezelfde tekst als bestand."
        )

    def action_save_view(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        default = str(Path.cwd() / f"zntui-scherm-{stamp}.md")
        self.push_screen(TextPrompt("Scherm bewaren als", "", default), self._save_view)

    def _save_view(self, target: str | None) -> None:
        if not target:
            return
        path = Path(target).expanduser()
        if self._write_new(path, self.view_text(), 0o600):
            self.notify(f"Scherm bewaard in {path}")

    # --- reports --------------------------------------------------------------------

    def on_export_report(self, message: ExportReport) -> None:
        stamp = dt.date.today().strftime("%Y%m%d")
        what = (
            f"regio-{message.region.lower().replace(' ', '-')}" if message.region else "landelijk"
        )
        default = str(Path.cwd() / f"zntui-{what}-{stamp}.html")
        self.push_screen(
            TextPrompt("Rapport opslaan als (.html of .md)", "Geen cliëntgegevens.", default),
            lambda target: self._export(message, target),
        )

    def _export(self, message: ExportReport, target: str | None) -> None:
        if not target:
            return
        path = Path(target).expanduser()
        data = report_input(
            self.scored.cases,
            self.registry.frameworks,
            message.level,
            [message.region] if message.region else [],
            self.small_cell,
            self.notes.notes.followups if self.notes else [],
        )
        text = markdown(data) if path.suffix.lower() == ".md" else html_report(data)
        if self._write_new(path, text, 0o644):
            self.notify(f"Rapport opgeslagen: {path}")

    # --- help -----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Ctrl+P finds every action that has a key here, and says which key."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            ident = binding.id or binding.action
            if not binding.description or ident in seen:
                continue
            seen.add(ident)
            yield SystemCommand(
                f"{binding.description} ({key_label(binding.key)})",
                f"toets {key_label(binding.key)} · {binding.id or binding.action}",
                partial(self.run_action, binding.action, active.node),
            )

    def action_help(self) -> None:
        bindings = [(k, b.binding) for k, b in self.screen.active_bindings.items()]
        self.push_screen(HelpScreen(collect_bindings(bindings)))
