"""The zntui app: holds the open folder, routes keys and messages, and shows results.

Each workflow lives in a module of its own (loading and watching, editing, bulk
status, exports, follow-up); slow work runs in worker threads that report back with
the messages of :mod:`zntui.ui.messages`. Widgets render state and post what the user
asked for; they do not reach into the app.

Start-up is what a user waits for: only what the first screen shows is imported before
its first rows are drawn. The case screen, prompts, exports, help and the palette are
imported when first asked for (tests/test_first_rows.py counts what is imported).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
from collections.abc import Iterable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input

from zntui import __version__
from zntui.config import Config
from zntui.plugins import Registry
from zntui.state import FolderState, load_state, save_state
from zntui.store import CaseError
from zntui.store.folder import sweep_stale_saves
from zntui.ui import terminal_guard
from zntui.ui.client_pane import ClientPane
from zntui.ui.daemon_executor import DaemonThreadExecutor
from zntui.ui.glyphs import ascii_driver
from zntui.ui.level_panes import NationalPane, RegionalPane
from zntui.ui.loading import FolderLoader, resort, with_saved
from zntui.ui.main_screen import PANES, MainScreen
from zntui.ui.messages import (
    CaseRead,
    CasesRescored,
    CaseUnreadable,
    FolderChanged,
    FolderLoaded,
    Levels,
    LevelsReady,
    LoadProgress,
    RowsArrived,
)
from zntui.ui.notices import NoticeBar
from zntui.ui.too_small import TooSmallScreen, too_small
from zntui.untrusted import visible
from zntui.workflows.scored import ScoredCase, ScoredFolder
from zntui.workflows.scoring import cached_top

if TYPE_CHECKING:
    from zntui.store.regional_notes import LoadedNotes
    from zntui.ui.bulk_status import BulkStatus
    from zntui.ui.case_screen import CaseScreen
    from zntui.ui.exporting import Exports
    from zntui.ui.follow_up import FollowUps
    from zntui.ui.level_panes import ExportReport
    from zntui.ui.problems_screen import ProblemLine
    from zntui.workflows.scored import CaseDetail

READ_ONLY_MESSAGE = (
    "Alleen-lezen (--read-only of read_only in de config): niets kan worden gewijzigd."
)
TOP_ROWS = 60
"""Rows of the cache's top on the first screen: three screens of the list at 80×24. Each
costs two stats and a parse on the way to the first frame (~0.3 ms); the load brings
the rest within a second or so."""
WEB_EDIT_MESSAGE = (
    "In de browser opent zntui geen editor: bewerk het casusbestand in een terminal "
    "(zntui via SSH) of met je eigen editor; zntui leest het daarna vanzelf opnieuw in."
)


def _is(obj: object, module: str, name: str) -> bool:
    """``isinstance(obj, module.name)`` without importing ``module``: the screens of a
    module not imported yet cannot be open (they are imported when first opened)."""
    found = sys.modules.get(module)
    return found is not None and isinstance(obj, getattr(found, name))


def _is_case_screen(obj: object) -> bool:
    return _is(obj, "zntui.ui.case_screen", "CaseScreen")


def _is_problems_screen(obj: object) -> bool:
    return _is(obj, "zntui.ui.problems_screen", "ProblemsScreen")


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
        terminal_guard.install()
        self.config_problems = list(config_problems)
        """What is wrong with the config file; shown at start and on the problems screen."""
        self.config_fallback = config_fallback
        """The config file could not be used at all: defaults, read-only."""
        self.config = config or Config()
        self.read_only = read_only
        self._swept = False
        self._rechecking: Path | None = None
        """A file opened from the problems view: say how it is after the next load."""
        self._problems_on = False
        """Open the problems view on the file being checked again (it broke in `e`)."""
        self._announced: set[str] = set()
        """Problem lines already in a notice: one notice per problem, not one per route."""
        self.root = root.absolute()  # the folder's cases are known by absolute path
        self.registry = registry
        self.watch_files = watch
        self.loading = True
        self.scored = ScoredFolder()
        self.levels: Levels | None = None
        self.notes: LoadedNotes | None = None
        self.notes_error: str | None = None
        self.small_cell = self.config.small_cell
        self.client = ClientPane(registry)
        self.loader = FolderLoader(
            self.root,
            registry,
            self.config.rule_params,
            use_cache,
            self.post_message,
            self.small_cell,
        )
        self._top: list[ScoredCase] = []
        """The top of the list from the cache, on screen before the load starts."""
        self.sub_title = f"{root} · v{__version__}" + (" · ALLEEN-LEZEN" if read_only else "")
        self.theme = self.config.theme

    @cached_property
    def exports(self) -> Exports:
        from zntui.ui.exporting import Exports

        return Exports(self)

    @cached_property
    def follow_ups(self) -> FollowUps:
        from zntui.ui.follow_up import FollowUps

        return FollowUps(self)

    @cached_property
    def bulk_status(self) -> BulkStatus:
        from zntui.ui.bulk_status import BulkStatus

        return BulkStatus(self)

    # --- untrusted text: every toast, title and copy passes zntui.untrusted -------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
        about: str = "",
    ) -> None:
        """A toast whose text is shown, never run: messages carry file names, plugin
        errors and case text, so they are never read as markup, and controls are made
        visible (line breaks kept)."""
        super().notify(
            visible(message, multiline=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
        # Shown on the notice line (the toasts are hidden: at 80×24 they cover the
        # evidence), on the topmost screen that has one.
        text = visible(f"{title}: {message}" if title else message, multiline=True)
        self._to_notice_bar(text, str(severity), timeout, about)

    def _to_notice_bar(
        self, text: str, severity: str, timeout: float | None, about: str, retry: bool = True
    ) -> None:
        for screen in reversed(self.screen_stack):
            bars = screen.query(NoticeBar)
            if bars:
                bars.first().add(text, severity, timeout, about)
                return
        if retry:  # before the first screen is composed (a plugin error at start)
            self.call_after_refresh(self._to_notice_bar, text, severity, timeout, about, False)

    async def _on_key(self, event: events.Key) -> None:
        """Keys typed faster than focus moves go where the user is typing.

        `/` then "jansen" in one go (over SSH, keys arrive together), or `x` then the
        reason: the keys after the first are already on their way to the list or the
        case when the field gets focus, and would run as keys there — `e` opening the
        editor, `v` judging. A printable key that reaches the app while a text field
        has focus (or a reason prompt is opening) never reached that field: it is
        typed into it."""
        field = self._typing_into()
        if field is not None and event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)
            # Textual calls each class's handler in turn: this keeps App's (which runs
            # the bindings) from running for this key. Every other key goes on there.
            event.prevent_default()

    def _typing_into(self) -> Input | None:
        focused = self.focused
        if isinstance(focused, Input):
            # A field just hidden (Esc, Enter) may keep focus until the next refresh.
            return focused if focused.display else None
        if focused is None and _is(self.screen, "zntui.ui.prompts", "TextPrompt"):
            return self.screen.query_one(Input)
        return None

    def format_title(self, title: str, sub_title: str) -> Any:
        return super().format_title(visible(title), visible(sub_title))

    def copy_to_clipboard(self, text: str) -> None:
        """Copy over OSC 52 what the user chose, with its controls made visible: what
        lands on their clipboard is pasted into shells and editors later."""
        super().copy_to_clipboard(visible(text, multiline=True))

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.client, self.read_only)

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
        # Thread workers run plugins' checks: one stuck in a check must not keep `q` or
        # SIGHUP from ending the app (asyncio joins its executor's threads on exit).
        asyncio.get_running_loop().set_default_executor(DaemonThreadExecutor())
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

    def on_main_screen_ready(self) -> None:
        # Pane, sort and filter first: the first rows are drawn as the user left them.
        self._restore_state()
        self._show_top()
        self.call_after_refresh(self._start_loading)

    def _show_top(self) -> None:
        """The top of the list from the cache on the first screen, before the folder is
        walked: only rows still current for their files (each one looked at); the status
        line says that more are coming."""
        if not self.loader.use_cache:
            return
        self._top = cached_top(self.root, self.registry, self.config.rule_params, TOP_ROWS)
        if self._top:
            self.scored = ScoredFolder(self._top)
            self.client.show(self.scored, focus=isinstance(self.screen, MainScreen), partial=True)

    def _start_loading(self) -> None:
        if not gc.isenabled():
            # Started without the cycle collector (zntui.cli.open): what start-up made
            # stays for good, out of its view; from here on it runs.
            gc.freeze()
            gc.enable()
        # After the first frame. The watch first, so that nothing changed during the
        # load is missed (what changed before it, the load's walk sees).
        if self.watch_files:
            self.set_interval(self.loader.start_watch(self._watch), self._watch)
        self.action_reload()

    def on_unmount(self) -> None:
        self.loader.close()

    def refuse_change(self) -> bool:
        """True (after saying why) when nothing may be changed."""
        if self.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="warning")
        return self.read_only

    # --- loading and watching (the work is in zntui.ui.loading) ------------------------

    def action_reload(self) -> None:
        shown, self._top = self._top, []
        if not shown:  # the top's status line says what is loading
            self.client.show_progress("zoeken", 0, 0)
        self.loading = True
        # Stream rows only into an empty list (or one with just the top from the cache):
        # a reload keeps the old list until the new one is whole, rather than shrinking
        # it to the first batch.
        stream = bool(shown) or not self.scored.cases
        self.run_worker(
            partial(self.loader.load, stream, shown), thread=True, exclusive=True, group="load"
        )
        if not self.read_only and not self._swept:
            # Once per run, beside the load: what saves killed half-way left behind
            # (saves of this run clean up after themselves).
            self._swept = True
            self.run_worker(partial(sweep_stale_saves, self.root), thread=True, group="sweep")

    def run_worker(self, work: Any, *args: Any, description: str = "", **kwargs: Any) -> Any:
        """As App.run_worker, described by the function's name when not told. Textual
        describes a worker by ``repr(work)``: for a partial holding the folder that is the
        repr of every case, on the UI thread at each change — about 1 s at 50,000."""
        if not description:
            func = getattr(work, "func", work)
            description = getattr(func, "__qualname__", "") or type(func).__name__
        return super().run_worker(work, *args, description=description, **kwargs)

    def _watch(self) -> None:
        look = self.loader.tick(self.loading)
        if look is not None:
            work = partial(self.loader.rescore, self.scored, *look)
            self.run_worker(work, thread=True, exclusive=True, group="watch")

    def on_load_progress(self, message: LoadProgress) -> None:
        self.client.show_progress(message.phase, message.done, message.total)

    def on_rows_arrived(self, message: RowsArrived) -> None:
        if self.loading and self.loader.stream:
            self.scored = message.scored
            self.client.show(self.scored, focus=isinstance(self.screen, MainScreen), partial=True)

    def on_folder_loaded(self, message: FolderLoaded) -> None:
        self.scored, self.notes, self.notes_error = (
            message.scored,
            message.notes,
            message.notes_error,
        )
        self.loading = False
        self.client.show(self.scored, focus=isinstance(self.screen, MainScreen))
        if self.scored.cache_note:
            self.notify(self.scored.cache_note, title="Cache", severity="warning", timeout=8)
        self.show_levels(message.levels)
        self._announce_problems()
        if self.notes_error:
            self.notify(self.notes_error, title="Regionale afspraken", severity="error", timeout=10)
        unknown: dict[str, int] = {}
        for s in self.scored.cases:
            for framework_id in s.assessment.unknown_frameworks:
                unknown[framework_id] = unknown.get(framework_id, 0) + 1
        if unknown:
            named = ", ".join(f"{fid} ({n} casussen)" for fid, n in sorted(unknown.items()))
            self.notify(
                f"Geen geladen plugin levert {named}: die criteria zijn niet beoordeeld. "
                "Is de plugin uitgeschakeld of mislukt het laden? (zntui plugins)",
                title="Toetsingskader ontbreekt",
                severity="error",
                timeout=20,
            )

    def _announce_problems(self) -> None:
        """After a load: the problems view follows the folder, a file opened from it is
        reported on, and a problem not reported before gets one notice."""
        found = self.problems()
        for screen in self.screen_stack:
            if _is_problems_screen(screen):
                screen.show(found)  # type: ignore[attr-defined]
        checked, self._rechecking = self._rechecking, None
        opening, self._problems_on = self._problems_on, False
        if checked is not None:
            still = [p.text for p in found if p.path == checked]
            self._announced.update(still)
            if opening and still and not _is_problems_screen(self.screen):
                from zntui.ui.problems_screen import ProblemsScreen

                self.push_screen(ProblemsScreen(found, checked))
                # Said on that view's own notice line, once it is there.
                self.call_after_refresh(self._say_checked, checked, still, True)
            else:
                self._say_checked(checked, still)
        fresh = [
            p.text for p in found[len(self.config_problems) :] if p.text not in self._announced
        ]
        self._announced.update(fresh)
        if fresh:
            first = fresh[0] if len(fresh) == 1 else f"{fresh[0]}\n… en meer"
            total = len(self.scored.errors) + len(self.scored.review_errors)
            self.notify(
                f"{first}\nDruk i voor de lijst (e opent het bestand); de andere casussen "
                "zijn geladen.",
                title=f"{total} bestand(en) met problemen",
                severity="warning",
                timeout=10,
            )

    def _say_checked(self, checked: Path, still: list[str], broke: bool = False) -> None:
        if still:
            count = f"{len(still)} {'probleem' if len(still) == 1 else 'problemen'}"
            first = still[0].removeprefix(f"{checked}:")  # the view above names the file
            state = "is ongeldig" if broke else "is nog ongeldig"
            self.notify(
                f"{checked.name} {state} ({count}), de casus staat niet in de lijst; "
                f"e opent het weer.\nregel {first}",
                severity="warning",
                timeout=10,
                about=str(checked),
            )
        else:
            self.notify(
                f"{checked.name} is nu in orde en staat weer in de lijst.", about=str(checked)
            )

    def on_reload_needed(self) -> None:
        if not self.loading:
            self.notify("Bestanden gewijzigd op schijf; opnieuw geladen.", timeout=3)
            self.action_reload()

    def on_folder_changed(self, message: FolderChanged) -> None:
        """Files changed on disk, each put in the list as its one row."""
        self.loader.looked()
        if self.loading or self.scored is not message.before:
            self.loader.requeue(message.changed)  # the list moved on meanwhile: look again
            return
        change = message.change
        self.loader.apply(self.scored, change)
        self.client.apply_change(change.removed, change.added)
        if self.loader.pending:
            self._watch()  # told of more while this one was looked at
        # The row first: the levels' thread (the disclosure step runs on the whole table,
        # the counting on the changed cases alone) would share the interpreter with that
        # redraw.
        self.call_after_refresh(self._refresh_levels, False)
        changed = message.changed
        names = ", ".join(Path(p).name for p in changed[:3]) + (" …" if len(changed) > 3 else "")
        screen = self._case_screen()
        if screen is not None and str(screen.scored.file.path) in changed and screen.saving:
            return  # our own save, still on its way back: it shows its result itself
        if screen is not None and str(screen.scored.file.path) in changed:
            # The case on screen is the case on disk: read it again, say what changed.
            path = screen.scored.file.path
            self.run_worker(partial(self._reread, path, on_disk=True), thread=True, group="read")
            return
        self.notify(f"Gewijzigd op schijf, bijgewerkt: {names}", timeout=3)

    def _refresh_levels(self, recount: bool = True) -> None:
        """The levels again, in a thread: ``recount`` when the folder was replaced (a
        save, a status); else only the changes put in since are counted."""
        if recount:
            self.loader.recount()
        work = partial(self.loader.levels, self.scored)
        self.run_worker(work, thread=True, exclusive=True, group="levels")

    def on_levels_ready(self, message: LevelsReady) -> None:
        # Threads may end out of turn: levels older than those shown are not shown.
        if message.seq and message.seq < self.loader.shown_seq:
            return
        self.loader.shown_seq = message.seq
        # Computed in a thread (after a one-file change): they may arrive while the app
        # closes and the panes' parts are gone; then there is nothing left to draw.
        with contextlib.suppress(NoMatches):
            self.show_levels(message.levels)

    def show_levels(self, levels: Levels | None = None) -> None:
        """Draw the regional and national panes (from ``levels``, else the last ones)."""
        self.levels = levels or self.levels
        if self.levels is None:
            return
        screen = self._main()
        if screen is None:
            return
        followups = self.notes.notes.followups if self.notes else []
        screen.query_one(RegionalPane).show(self.levels, followups)
        screen.query_one(NationalPane).show(self.levels)

    def _case_screen(self) -> CaseScreen | None:
        """The open case, also under a prompt."""
        found = (s for s in self.screen_stack if _is_case_screen(s))
        return next(found, None)  # type: ignore[arg-type]

    def _case_on_top(self, path: Path) -> bool:
        """Whether the screen on top shows the case in ``path``."""
        screen: Any = self.screen
        return _is_case_screen(screen) and screen.scored.file.path == path

    def _main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def current_pane(self) -> str:
        main = self._main()
        return main.current_pane if main else PANES[0]

    # --- what is remembered per folder ------------------------------------------------

    def _restore_state(self) -> None:
        state = load_state(self.root)
        self.client.restore(state.sort, state.columns)
        self.client.query_text = state.filter
        self.client.query_one("#filter", Input).value = state.filter
        main = self._main()
        if main is not None and state.pane in PANES and state.pane != "client-pane":
            main.action_pane(state.pane)

    def remember_state(self) -> None:
        """Save pane, sort and filter for this folder; a failure only costs the memory."""
        state = FolderState(
            pane=self.current_pane(),
            sort=("-" if self.client.reverse else "") + self.client.sort,
            filter=self.client.query_text,
            columns=",".join(self.client.columns),
        )
        with contextlib.suppress(OSError):
            save_state(self.root, state)

    def on_client_pane_view_changed(self) -> None:
        self.remember_state()

    def on_main_screen_pane_changed(self) -> None:
        self.remember_state()

    # --- cases ----------------------------------------------------------------------

    def _find(self, path: str | Path) -> ScoredCase | None:
        return next((s for s in self.scored.cases if s.path_text == str(path)), None)

    def on_client_pane_open_case(self, message: ClientPane.OpenCase) -> None:
        found = self._find(message.path)
        if found is not None:
            # The folder keeps only a summary of each case: read the file again, in full.
            self.run_worker(partial(self._read, found.path), thread=True, group="read")

    def _read(self, path: Path) -> None:
        """In a worker thread: read and score one case file; report by message."""
        from zntui.workflows.detail import load_detail

        try:
            detail = load_detail(path, self.registry, self.config.rule_params, self.root)
        except CaseError as exc:
            self.post_message(CaseUnreadable(path, exc.lines()))
            return
        self.post_message(CaseRead(detail))

    def on_case_read(self, message: CaseRead) -> None:
        detail = message.detail
        found = self._find(detail.file.path)
        if found is None or ScoredCase.of(detail).summary_key() != found.summary_key():
            self._replace([detail], saved=False)  # changed since the list was made
        from zntui.ui.case_screen import CaseScreen

        self.push_screen(CaseScreen(detail, self.registry, self.config.rule_params, self.read_only))

    def on_case_unreadable(self, message: CaseUnreadable) -> None:
        self._announced.update(message.lines)  # the reload after this says it no more
        if message.edited:
            # Broken in the editor just now: straight to the problems view, on that
            # file, where `e` opens it again; the notice there says what is wrong.
            if self._case_on_top(message.path):
                self.pop_screen()
            self._rechecking, self._problems_on = message.path, True
            self.action_reload()
            return
        self.notify(
            "\n".join(message.lines[:2])
            + ("\n…" if len(message.lines) > 2 else "")
            + "\ni toont de problemen; e daar opent het bestand weer.",
            title="Casus ongeldig",
            severity="error",
            timeout=15,
        )
        if self._case_on_top(message.path):
            self.pop_screen()
        self.action_reload()

    def on_case_screen_case_changed(self, message: CaseScreen.CaseChanged) -> None:
        self._replace([message.scored])

    def on_cases_rescored(self, message: CasesRescored) -> None:
        self._replace(message.details, saved=message.saved)
        screen = self._case_screen()
        note = message.note
        for detail in message.details:
            if screen is not None and screen.scored.file.path == detail.file.path:
                same = screen.scored.file.case == detail.file.case and (
                    screen.scored.review == detail.review
                )
                if not message.saved and same:
                    note = ""  # the echo of this app's own save: nothing to tell
                elif len(message.details) == 1 and note:
                    from zntui.ui.case_screen import what_changed

                    note = f"{note}: {what_changed(screen.scored, detail, self.registry)}"
                screen.show_case(detail)
        if note:
            self.notify(note, severity=message.severity, timeout=15)  # type: ignore[arg-type]

    def _replace(self, details: list[CaseDetail], saved: bool = True) -> None:
        """Put rescored cases in the list and the levels (one redraw for all)."""
        fresh = {str(d.file.path): ScoredCase.of(d) for d in details}
        cases = resort([fresh.get(s.path_text, s) for s in self.scored.cases])
        # Our own save is not a change on disk to rescore: note the files as they are now.
        own = [d.file.path for d in details] if saved else []
        self.scored = with_saved(self.scored, cases, own)
        self.client.show(self.scored, focus=False)
        # Until the new publication is made, Y and x publish from the new scores.
        self.levels = None
        self._refresh_levels()

    def _selected_case(self) -> ScoredCase | None:
        if _is_case_screen(self.screen):
            return ScoredCase.of(self.screen.scored)  # type: ignore[attr-defined]
        return self.client.current_case()

    def action_edit(self) -> None:
        """`e`: the case on screen, the one under the cursor, or — in the problems view —
        the broken file, in the user's editor; checked again when it returns."""
        if self.is_web:
            # `zntui serve`: no terminal to hand to an editor; it would start on the
            # server, on textual-serve's pipe, and hang there after the browser leaves.
            self.notify(WEB_EDIT_MESSAGE, severity="warning", timeout=10)
            return
        if self.refuse_change():
            return
        problems = self.screen if _is_problems_screen(self.screen) else None
        if problems is not None:
            path = problems.current()
            if path is None:
                self.notify("Dit probleem hoort bij geen casusbestand.", severity="warning")
                return
        else:
            selected = self._selected_case()
            if selected is None:
                self.notify("Geen casus geselecteerd.", severity="warning")
                return
            path = selected.path
        from zntui.ui.editing import editor_command, run_editor

        command = editor_command()
        if command is None:
            self.notify(
                "Geen editor gevonden: zet $VISUAL of $EDITOR (bijvoorbeeld nano).",
                severity="warning",
                timeout=10,
            )
            return
        outcome = run_editor(self, command, path)
        if isinstance(outcome, str):
            self.notify(outcome.capitalize() + ".", severity="warning", timeout=10)
            return
        if outcome:
            self.notify(f"Editor stopte met code {outcome}.", severity="warning")
        if problems is not None:
            # A broken file is not in the list: check the folder again (the cache keeps
            # that quick), then say how the file is now and redraw the problems.
            self._rechecking = path
            self.action_reload()
            return
        self.run_worker(partial(self._reread, path), thread=True, group="read")

    def _reread(self, path: Path, on_disk: bool = False) -> None:
        """In a worker thread: read a case again (edited here, or changed on disk) and
        score it."""
        from zntui.workflows.detail import load_detail

        try:
            detail = load_detail(path, self.registry, self.config.rule_params, self.root)
        except CaseError as exc:
            self.post_message(CaseUnreadable(path, exc.lines(), edited=not on_disk))
            return
        note = "Gewijzigd op schijf" if on_disk else "Casus opnieuw gelezen en beoordeeld"
        self.post_message(CasesRescored([detail], note, saved=not on_disk))

    # --- the list, the levels: what widgets ask for -----------------------------------

    def on_client_pane_set_status(self, message: ClientPane.SetStatus) -> None:
        self.bulk_status.ask(message.cases)

    def on_client_pane_export_list(self, message: ClientPane.ExportList) -> None:
        self.exports.ask_list(message.cases, message.marked)

    def on_regional_pane_add_follow_up(self, message: RegionalPane.AddFollowUp) -> None:
        self.follow_ups.ask(message.region)

    def on_export_report(self, message: ExportReport) -> None:
        self.exports.ask_report(message)

    def action_copy_view(self) -> None:
        self.exports.copy_view()

    def action_save_view(self) -> None:
        self.exports.ask_save_view()

    # --- problems, help, palette ------------------------------------------------------

    def problems(self) -> list[ProblemLine]:
        """Every config problem, invalid case file and unusable review, as
        `path:line:col: message`, with the file to open where there is one."""
        from zntui.ui.problems_screen import ProblemLine

        found = [ProblemLine(line) for line in self.config_problems]
        found += [
            ProblemLine(line, error.path) for error in self.scored.errors for line in error.lines()
        ]
        found += [
            ProblemLine(f"{e.path}:1:1: {e.message}", e.path) for e in self.scored.review_errors
        ]
        if self.notes_error:
            found.append(ProblemLine(self.notes_error))
        return found

    def problem_lines(self) -> list[str]:
        return [p.text for p in self.problems()]

    def action_problems(self) -> None:
        from zntui.ui.problems_screen import ProblemsScreen

        self.push_screen(ProblemsScreen(self.problems()))

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: object) -> None:
        keys = ", ".join(sorted(b.id or b.action for b in clashed_bindings))
        self.notify(f"Toetsconflict in de keymap: {keys}", severity="error", timeout=10)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Ctrl+P finds every action that has a key here, and says which key."""
        from zntui.ui.dutch import system_commands
        from zntui.ui.help_screen import binding_commands

        yield from system_commands(super().get_system_commands(screen))
        yield from binding_commands(screen)

    def action_command_palette(self) -> None:
        """Textual's palette, in Dutch (ui/dutch.py)."""
        from zntui.ui.dutch import DutchCommandPalette

        if self.use_command_palette and not DutchCommandPalette.is_open(self):
            self.push_screen(DutchCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from zntui.ui.dutch import THEME_PLACEHOLDER, DutchCommandPalette

        self.push_screen(
            DutchCommandPalette(providers=[ThemeProvider], placeholder=THEME_PLACEHOLDER)
        )

    def action_help(self) -> None:
        from zntui.ui.help_screen import help_for

        self.push_screen(help_for(self.screen))
