"""The app, driven with Pilot: every binding of the panes, the case screen and prompts."""

from __future__ import annotations

import asyncio
import io
import shutil
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import (
    ContentSwitcher,
    DataTable,
    Input,
    OptionList,
    SelectionList,
    Static,
    TabbedContent,
)

from tests.conftest import SAMPLES, personal_values
from zntui.model.review import add_note
from zntui.plugins import Registry
from zntui.store.regional_notes import load_notes
from zntui.store.reviews import load_review, save_review
from zntui.ui.app import ZntuiApp
from zntui.ui.case_screen import CaseScreen
from zntui.ui.case_table import CaseTable
from zntui.ui.help_screen import HelpScreen
from zntui.ui.problems_screen import ProblemsScreen
from zntui.ui.prompts import ChoicePrompt, TextPrompt
from zntui.ui.too_small import TooSmallScreen

Scenario = Callable[[ZntuiApp, Any], Awaitable[None]]


async def wait_loaded(app: ZntuiApp, pilot: Any) -> None:
    """Until the first load has reached the screen (it starts after the first refresh)."""
    for _ in range(200):
        await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        if not app.loading and app.client.query_one("#triage", CaseTable).row_count:
            break
    await pilot.pause(0.1)


def run(app: ZntuiApp, scenario: Scenario, size: tuple[int, int] = (80, 24)) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await wait_loaded(app, pilot)
            await scenario(app, pilot)

    asyncio.run(main())


def text_of(widget: Static) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def triage(app: ZntuiApp) -> CaseTable:
    return app.screen.query_one("#triage", CaseTable)


def column(table: CaseTable, label: str = "casus") -> list[str]:
    """The cells of the column with this heading, top to bottom."""
    labels = [str(c.label).strip() for c in table.ordered_columns]
    index = labels.index(label)
    return [str(table.get_row_at(r)[index]).strip(" ●") for r in range(table.row_count)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "cases"
    shutil.copytree(SAMPLES, copy)
    return copy


async def settle(app: ZntuiApp, pilot: Any) -> None:
    """Until the workers a key started have reported back and the screen shows it."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_rita(app: ZntuiApp, pilot: Any) -> CaseScreen:
    await pilot.press("enter")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def choose(app: ZntuiApp, pilot: Any, key: str, option: str) -> None:
    """Press ``key``, then pick ``option`` (an id) in the choice it opens."""
    await pilot.press(key)
    await settle(app, pilot)
    prompt = app.screen
    assert isinstance(prompt, ChoicePrompt), prompt
    ids = [key for key, _ in prompt.options]
    options = prompt.query_one(OptionList)
    steps = ids.index(option) - (options.highlighted or 0)
    await pilot.press(*(["j"] * steps if steps > 0 else ["k"] * -steps), "enter")
    await settle(app, pilot)


async def goto(screen: CaseScreen, pilot: Any, criterion: str) -> None:
    table = screen.query_one("#criteria", DataTable)
    while table.get_row_at(table.cursor_row)[0] != criterion:
        await pilot.press("j")


# --- client pane ---------------------------------------------------------------------


def test_triage_list_worst_first_and_open_rita(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        table = triage(app)
        assert column(table)[0] == "ZN-2026-0001"  # Rita Jansen
        assert column(table)[-1] == "ZN-2026-0002"  # Robert Donatie
        screen = await open_rita(app, pilot)
        assert "Rita Jansen (63)" in text_of(screen.query_one("#case-summary", Static))
        await goto(screen, pilot, "ZN.IZ.2")
        detail = text_of(screen.query_one("#criterion-detail", Static))
        assert "Niemand coördineert het netwerk (navraag gedaan)." in detail
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, CaseScreen)

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_cursor_keys_filter_and_sort(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        table = triage(app)
        await pilot.press("j", "j", "k", "down")
        assert table.cursor_row == 2
        await pilot.press("slash", *"utrecht")
        await settle(app, pilot)
        assert column(table) == ["ZN-2026-0005", "ZN-2026-0002"]
        await pilot.press("enter")
        assert table.has_focus
        await pilot.press("slash", "escape")
        await settle(app, pilot)
        assert table.row_count == 8
        await pilot.press("slash", *"ggz =vgn", "enter")
        await settle(app, pilot)
        assert column(table) == ["GGZ-2026-0102"]
        await pilot.press("slash", "escape")
        await settle(app, pilot)
        await choose(app, pilot, "o", "casus")
        ids = column(table)
        assert ids == sorted(ids) and len(ids) == 8
        await choose(app, pilot, "o", "casus")  # the same column again: reversed
        assert column(table) == ids[::-1]
        await pilot.press("O")  # and back
        await settle(app, pilot)
        assert column(table) == ids
        await choose(app, pilot, "o", "naam")
        names = column(table, "naam")
        assert names == sorted(names, key=str.lower) and "Rita Jansen" in names
        await choose(app, pilot, "o", "thema:VE")  # a theme column: worst first
        assert column(table)[0] == "ZN-2026-0001"  # the only ✗ on VE
        await choose(app, pilot, "o", "thema:VE")  # best first; ties in triage order
        assert column(table)[:3] == ["ZN-2026-0003", "GGZ-2026-0101", "ZN-2026-0002"]
        await choose(app, pilot, "o", "risico")
        assert column(table)[0] == "ZN-2026-0001"

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_pane_keys(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        switcher = app.screen.query_one("#panes", ContentSwitcher)
        for key, pane in [
            ("2", "regional-pane"),
            ("3", "national-pane"),
            ("1", "client-pane"),
            ("tab", "regional-pane"),
            ("tab", "national-pane"),
            ("tab", "client-pane"),
            ("shift+tab", "national-pane"),
        ]:
            await pilot.press(key)
            await settle(app, pilot)
            assert switcher.current == pane, key

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_help_and_command_palette(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app.screen.query_one("#help-body Static", Static))
        for binding_id in ("pane.regional", "client.filter", "app.edit", "app.reload"):
            assert binding_id in shown
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+p", *"Landelijk")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await settle(app, pilot)
        switcher = app.screen.query_one("#panes", ContentSwitcher)
        assert switcher.current == "national-pane"
        await pilot.press("q")
        await settle(app, pilot)
        assert app.return_code == 0 and not app.is_running

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


# --- reload, editor, file watching --------------------------------------------------


def test_reload_and_watch_pick_up_changes(registry: Registry, folder: Path) -> None:
    robert = folder / "utrecht" / "robert-donatie.toml"

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        robert.write_text(robert.read_text().replace('region = "Utrecht"', 'region = "Zeeland"'))
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert "Zeeland" in column(triage(app), "regio")
        # Now without a key: the watcher notices within a few seconds.
        robert.write_text(robert.read_text().replace('region = "Zeeland"', 'region = "Drenthe"'))
        for _ in range(40):
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            if "Drenthe" in column(triage(app), "regio"):
                break
        assert "Drenthe" in column(triage(app), "regio")

    run(ZntuiApp(folder, registry), scenario)


def test_editor_key_edits_and_rescored(
    registry: Registry, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = tmp_path / "fake-editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "t = p.read_text().replace('handover_to = []', 'handover_to = [\"longarts\"]')\n"
        "p.write_text(t.replace('handover_to = [\"huisarts\"]', "
        '\'handover_to = ["huisarts", "wijkverpleging"]\'))\n'
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    rita = folder / "twente" / "rita-jansen.toml"

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        await goto(screen, pilot, "ZN.IZ.3")
        assert "✗VN" in str(
            screen.query_one("#criteria", DataTable).get_row_at(
                screen.query_one("#criteria", DataTable).cursor_row
            )[1]
        )
        await pilot.press("e")
        await settle(app, pilot)
        table = app.screen.query_one("#criteria", DataTable)
        row = next(
            table.get_row_at(r)
            for r in range(table.row_count)
            if table.get_row_at(r)[0] == "ZN.IZ.3"
        )
        assert str(row[1]) == "~VG"  # handovers now in place; lowered by the bottleneck

    run(ZntuiApp(folder, registry, watch=False), scenario)
    assert 'handover_to = ["huisarts", "wijkverpleging"]' in rita.read_text()


# --- judgements, notes, status -------------------------------------------------------


def test_judge_note_status_and_history(registry: Registry, folder: Path) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        await goto(screen, pilot, "ZN.IZ.2")
        await pilot.press("v")
        await settle(app, pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # an empty reason is refused: the prompt stays
        await settle(app, pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Huisarts coordineert", "enter")
        await settle(app, pilot)
        table = screen.query_one("#criteria", DataTable)
        row = table.get_row_at(table.cursor_row)
        assert (row[0], str(row[1]), row[2]) == ("ZN.IZ.2", "✓V", "inspecteur")
        for key, verdict in [("g", "~VG"), ("n", "!VGN"), ("x", "✗VN"), ("b", "·NB")]:
            await pilot.press(key, *"reden", "enter")
            await settle(app, pilot)
            assert str(table.get_row_at(table.cursor_row)[1]) == verdict, key
        await pilot.press("a", *"Bellen", "enter")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoicePrompt)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        history = text_of(screen.query_one("#case-history", Static))
        assert "oordeel ZN.IZ.2: voldoet" in history and "nieuw → in behandeling" in history
        await pilot.press("v")  # not on the criteria tab: back to it, nothing judged
        await settle(app, pilot)
        assert screen.query_one("#case-tabs", TabbedContent).active == "tab-criteria"
        assert app.screen is screen
        for expected in ("tab-network", "tab-events", "tab-history", "tab-criteria"):
            await pilot.press("tab")
            await settle(app, pilot)
            assert screen.query_one("#case-tabs", TabbedContent).active == expected
        await pilot.press("shift+tab")
        await settle(app, pilot)
        assert screen.query_one("#case-tabs", TabbedContent).active == "tab-history"
        await pilot.press("escape")
        await settle(app, pilot)
        # One name for the status: the list says what the case and the chooser say.
        assert "in behandeling" in column(triage(app), "status")

    run(ZntuiApp(folder, registry, watch=False), scenario)
    review = load_review(folder / "twente" / "rita-jansen.toml", "ZN-2026-0001").review
    assert review.judgements["ZN.IZ.2"].verdict == "niet_beoordeeld"
    assert [e.what for e in review.audit].count("judgement ZN.IZ.2") == 5
    assert review.status.value == "in_behandeling"


def test_conflicting_save_keeps_what_was_typed(registry: Registry, folder: Path) -> None:
    rita = folder / "twente" / "rita-jansen.toml"

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await open_rita(app, pilot)
        other = load_review(rita, "ZN-2026-0001")
        save_review(rita, other, add_note(other.review, "andere inspecteur", by="b"))
        await pilot.press("a", *"mijn notitie", "enter")
        await settle(app, pilot)
        # Refused, reloaded, and the prompt is back with the text still in it.
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value == "mijn notitie"
        await pilot.press("enter")
        await settle(app, pilot)

    run(ZntuiApp(folder, registry, watch=False), scenario)
    review = load_review(rita, "ZN-2026-0001").review
    assert [e.new for e in review.audit] == ["andere inspecteur", "mijn notitie"]


def test_corrupt_sidecar_opens_read_only(registry: Registry, folder: Path) -> None:
    sidecar = folder / "twente" / "rita-jansen.review.toml"
    sidecar.write_text("format = 1\ncase = [\n")

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        assert "Alleen-lezen" in text_of(screen.query_one("#case-summary", Static))
        for key in ("v", "g", "n", "x", "b", "a", "s"):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is screen, key

    run(ZntuiApp(folder, registry, watch=False), scenario)
    assert sidecar.read_text() == "format = 1\ncase = [\n"


# --- regional and national panes -----------------------------------------------------


def test_regional_pane_regions_and_follow_up(registry: Registry, folder: Path) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("2")
        await settle(app, pilot)
        title = app.screen.query_one("#region-title", Static)
        assert "Regio Rijnmond (1/4)" in text_of(title)
        await pilot.press("right", "right")
        assert "Regio Utrecht (3/4)" in text_of(title)
        await pilot.press("left")
        assert "Regio Twente (2/4)" in text_of(title)
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoicePrompt)
        await pilot.press("down", "down", "enter")  # Regionale ondersteuningsstructuur
        await settle(app, pilot)
        await pilot.press(*"Kwartaaloverleg over overdracht", "enter")
        await settle(app, pilot)
        body = text_of(app.screen.query_one("#region-body", Static))
        assert "Kwartaaloverleg over overdracht" in body

    run(ZntuiApp(folder, registry, watch=False), scenario)
    (followup,) = load_notes(folder).notes.followups
    assert (followup.region, followup.party) == ("Twente", "Regionale ondersteuningsstructuur")
    # The follow-up went to the notes file, never into a case file.
    assert all(
        "Kwartaaloverleg" not in p.read_text()
        for p in folder.rglob("*.toml")
        if p.name != "regional-notes.zntui.toml"
    )


def test_regional_and_national_panes_show_no_client_identity(registry: Registry) -> None:
    secrets = personal_values(SAMPLES)
    assert {"Rita Jansen", "Robert Donatie", "Linda Jansen"} <= secrets

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        shown = []
        await pilot.press("2")
        for _ in range(4):
            shown.append(text_of(app.screen.query_one("#region-title", Static)))
            shown.append(text_of(app.screen.query_one("#region-body", Static)))
            await pilot.press("right")
        await pilot.press("3")
        shown.append(text_of(app.screen.query_one("#national-body", Static)))
        text = "\n".join(shown)
        # Four regions of two cases: each too small to show; the country only rounded.
        assert "Twente" in text and text.count("Te klein om in detail te tonen") == 4
        leaked = sorted(s for s in secrets if s in text)
        assert leaked == []

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_export_reports_from_the_level_panes(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("3", "x")
        await settle(app, pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("2", "x")
        await settle(app, pilot)
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "rijnmond.md")
        await pilot.press("enter")
        await settle(app, pilot)

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
    (html_file,) = tmp_path.glob("zntui-landelijk-*.html")
    assert "Regio's naast elkaar" in html_file.read_text()
    assert "## Regio Rijnmond" in (tmp_path / "rijnmond.md").read_text()


@pytest.mark.parametrize("size", [(50, 12), (60, 16)])
def test_small_terminals_degrade_gracefully(registry: Registry, size: tuple[int, int]) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        assert triage(app).row_count == 8
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("escape", "2", "3")
        await settle(app, pilot)

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario, size=size)


def test_invalid_files_are_listed_with_their_place(registry: Registry, folder: Path) -> None:
    (folder / "twente" / "kapot.toml").write_text('id = "X"\nregio = "Twente"\n')

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        assert triage(app).row_count == 8  # everything else still loads
        status = text_of(app.screen.query_one("#client-status", Static))
        assert "1 ongeldig (i)" in status
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ProblemsScreen)
        shown = "\n".join(app.screen.lines)
        assert f"{folder / 'twente' / 'kapot.toml'}:2:1: onbekende sleutel 'regio'" in shown
        assert "bedoelde u 'region'?" in shown

    run(ZntuiApp(folder, registry, watch=False), scenario)


def folder_state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_read_only_sweep_changes_nothing(
    registry: Registry, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text("import sys, pathlib; pathlib.Path(sys.argv[1]).write_text('x')\n")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    before = folder_state(folder)
    change_keys = ["v", "g", "n", "x", "b", "a", "s", "u", "e"]

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        assert "ALLEEN-LEZEN" in app.sub_title
        await pilot.press("e", "space", "asterisk", "s")  # client pane, marked or not
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoicePrompt)
        assert any("Alleen-lezen" in n.message for n in app._notifications)
        await pilot.press("c")
        for row in (0, 1):  # a zorgnetwerken and an ambulante ggz case
            triage(app).move_cursor(row=row)
            screen = await open_rita(app, pilot)
            for key in change_keys:
                await pilot.press(key)
                await settle(app, pilot)
                assert app.screen is screen, key  # no prompt opened
            for _ in range(3):
                await pilot.press("tab")
                for key in change_keys:
                    await pilot.press(key)
            await pilot.press("escape")
            await settle(app, pilot)
        await pilot.press("2", "f", "3")
        await settle(app, pilot)
        assert not isinstance(app.screen, (TextPrompt, ChoicePrompt))

    run(ZntuiApp(folder, registry, watch=False, read_only=True), scenario)
    assert folder_state(folder) == before


def test_finished_review_is_locked_until_an_audited_unlock(
    registry: Registry, folder: Path
) -> None:
    rita = folder / "twente" / "rita-jansen.toml"
    loaded = load_review(rita, "ZN-2026-0001")
    from zntui.model.review import set_status

    save_review(rita, loaded, set_status(loaded.review, "afgerond", by="a"))

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        assert "vergrendeld" in text_of(screen.query_one("#case-summary", Static))
        for key in ("v", "a", "s"):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is screen, key
        await pilot.press("u")
        await settle(app, pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # a reason is required
        await settle(app, pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Nieuwe informatie van de huisarts", "enter")
        await settle(app, pilot)
        await pilot.press("a", *"Na heropenen", "enter")
        await settle(app, pilot)

    run(ZntuiApp(folder, registry, watch=False), scenario)
    review = load_review(rita, "ZN-2026-0001").review
    assert [(e.what, e.reason) for e in review.audit][-2:] == [
        ("unlock", "Nieuwe informatie van de huisarts"),
        ("note", ""),
    ]


def test_too_small_says_so_and_recovers(registry: Registry) -> None:
    async def main() -> None:
        app = ZntuiApp(SAMPLES, registry, watch=False)
        async with app.run_test(size=(40, 10)) as pilot:
            await pilot.pause(0.2)
            assert isinstance(app.screen, TooSmallScreen)
            assert "Terminal te klein (40×10)" in text_of(app.screen.query_one(Static))
            await pilot.resize_terminal(45, 11)
            await settle(app, pilot)
            assert "Terminal te klein (45×11)" in text_of(app.screen.query_one(Static))
            await pilot.resize_terminal(80, 24)
            await settle(app, pilot)
            await wait_loaded(app, pilot)
            assert not isinstance(app.screen, TooSmallScreen)
            assert triage(app).row_count == 8

    asyncio.run(main())


def test_sort_filter_and_pane_are_remembered_per_folder(registry: Registry, folder: Path) -> None:
    async def first(app: ZntuiApp, pilot: Any) -> None:
        await choose(app, pilot, "o", "casus")
        await pilot.press("O", "slash", *"utrecht", "enter")
        await pilot.press("K")  # the column chooser: naam off
        await settle(app, pilot)
        chooser = app.screen.query_one(SelectionList)
        chooser.highlighted = [s.value for s in chooser._options].index("naam")
        await pilot.press("space", "enter", "2")
        await settle(app, pilot)

    run(ZntuiApp(folder, registry, watch=False), first)

    async def second(app: ZntuiApp, pilot: Any) -> None:
        switcher = app.screen.query_one("#panes", ContentSwitcher)
        assert switcher.current == "regional-pane"
        assert (app.client.sort, app.client.query_text) == ("casus", "utrecht")
        assert column(triage(app)) == ["ZN-2026-0005", "ZN-2026-0002"]  # reversed
        headers = [str(c.label).strip() for c in triage(app).ordered_columns]
        assert "naam" not in headers and "regio" in headers

    run(ZntuiApp(folder, registry, watch=False), second)

    async def elsewhere(app: ZntuiApp, pilot: Any) -> None:
        assert (app.client.sort, app.client.query_text) == ("risico", "")
        assert "naam" in [str(c.label).strip() for c in triage(app).ordered_columns]

    run(ZntuiApp(SAMPLES, registry, watch=False), elsewhere)


def test_export_the_filtered_list_and_copy_an_id(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import csv as csv_module
    import json as json_module

    monkeypatch.chdir(tmp_path)

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("slash", *"utrecht", "enter", "w")
        await settle(app, pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # the default: a csv in the current folder
        await settle(app, pilot)
        for name in ("lijst.md", "lijst.json"):
            await pilot.press("w")
            await settle(app, pilot)
            app.screen.query_one(Input).value = str(tmp_path / name)
            await pilot.press("enter")
            await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.clipboard == "ZN-2026-0005"

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
    (csv_file,) = tmp_path.glob("zntui-lijst-*.csv")
    rows = list(csv_module.DictReader(csv_file.open()))
    assert [r["casus"] for r in rows] == ["ZN-2026-0005", "ZN-2026-0002"]
    assert "| 2 | ZN-2026-0002 | Utrecht |" in (tmp_path / "lijst.md").read_text()
    data = json_module.loads((tmp_path / "lijst.json").read_text())
    assert [c["case"] for c in data["cases"]] == ["ZN-2026-0005", "ZN-2026-0002"]


def test_marks_and_a_bulk_status_change(registry: Registry, folder: Path) -> None:
    """Space marks, * marks the filtered, c clears; s and w act on the marked cases."""
    export = folder.parent / "gemarkeerd.csv"

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("space", "space")  # the two worst, cursor moves down each time
        assert len(app.client.marked) == 2
        assert "2 gemarkeerd" in text_of(app.screen.query_one("#client-status", Static))
        assert column(triage(app))[:2] == ["ZN-2026-0001", "GGZ-2026-0102"]
        assert str(triage(app).get_row_at(0)[0]).startswith("●")
        await pilot.press("c")
        assert not app.client.marked
        await pilot.press("slash", *"twente", "enter", "asterisk")
        assert len(app.client.marked) == 2  # the two Twente cases
        await pilot.press("slash", "ctrl+u", "enter")  # filter off: marks stay
        await settle(app, pilot)
        assert len(app.client.marked) == 2 and triage(app).row_count == 8
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoicePrompt)
        await pilot.press("j", "enter")  # in behandeling
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        app.screen.query_one(Input).value = str(export)
        await pilot.press("enter")
        await settle(app, pilot)

    run(ZntuiApp(folder, registry, watch=False), scenario)
    twente = {"rita-jansen.toml": "ZN-2026-0001", "gerrit-hofman.toml": "ZN-2026-0003"}
    for name, case_id in twente.items():
        loaded = load_review(folder / "twente" / name, case_id)
        assert loaded.review.status.value == "in_behandeling"
        entry = loaded.review.audit[-1]
        assert (entry.what, entry.old, entry.new) == ("status", "nieuw", "in behandeling")
    others = [p for p in folder.rglob("*.review.toml") if p.parent.name != "twente"]
    assert not others  # nothing else was touched
    import csv as csv_module

    rows = list(csv_module.DictReader(export.open()))
    assert sorted(r["casus"] for r in rows) == ["ZN-2026-0001", "ZN-2026-0003"]
    assert {r["status"] for r in rows} == {"in behandeling"}


def test_bulk_status_skips_a_locked_review_and_says_why(registry: Registry, folder: Path) -> None:
    from zntui.model.review import set_status

    rita = folder / "twente" / "rita-jansen.toml"
    loaded = load_review(rita, "ZN-2026-0001")
    save_review(rita, loaded, set_status(loaded.review, "afgerond", by="test"))
    before = (folder / "twente" / "rita-jansen.review.toml").read_bytes()

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("slash", *"twente", "enter", "asterisk", "s")
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("1 niet gewijzigd" in m and "afgerond" in m for m in messages), messages

    run(ZntuiApp(folder, registry, watch=False), scenario)
    assert (folder / "twente" / "rita-jansen.review.toml").read_bytes() == before


def test_copy_a_criterion_and_the_view_and_save_the_view(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("Y")  # the list as filtered, as Markdown
        assert app.clipboard.startswith("| # | casus |") and "ZN-2026-0002" in app.clipboard
        await pilot.press("2", "Y")  # the regional picture: its de-identified report
        assert app.clipboard.startswith("# Toezicht op zorgnetwerken — regionaal beeld")
        for value in personal_values(SAMPLES):
            assert value not in app.clipboard
        await pilot.press("1", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        await goto(screen, pilot, "ZN.IZ.2")
        await pilot.press("y")
        assert (
            app.clipboard.startswith("ZN.IZ.2 ✗ voldoet niet")
            and "Niemand coördineert" in app.clipboard
        )
        await pilot.press("Y")
        assert app.clipboard.startswith("Rita Jansen (63)") and "\nZN.IZ.2 " in app.clipboard
        await pilot.press("W")
        await settle(app, pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")
        await settle(app, pilot)

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
    (saved,) = tmp_path.glob("zntui-scherm-*.md")
    assert saved.read_text().startswith("Rita Jansen (63)")
    assert saved.stat().st_mode & 0o077 == 0


def test_an_open_case_follows_its_file_on_disk_and_says_what_changed(
    registry: Registry, folder: Path
) -> None:
    """The case on screen is the case on disk: edited elsewhere while open, the summary,
    the criteria and the notice show the new reading without leaving the case."""
    rita = folder / "twente" / "rita-jansen.toml"

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        assert "Rita Jansen (63)" in text_of(screen.query_one("#case-summary", Static))
        text = rita.read_text()
        assert "age = 63" in text
        rita.write_text(text.replace("age = 63", "age = 64"))
        summary = screen.query_one("#case-summary", Static)
        for _ in range(100):
            await pilot.pause(0.1)
            if "Rita Jansen (64)" in text_of(summary):
                break
        await settle(app, pilot)
        assert app.screen is screen
        assert "Rita Jansen (64)" in text_of(summary)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Gewijzigd op schijf: ") for m in messages), messages

    run(ZntuiApp(folder, registry), scenario)


def test_criteria_are_listed_in_id_order(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        table = screen.query_one("#criteria", DataTable)
        ids = [table.get_row_at(r)[0] for r in range(table.row_count)]
        integral = [i for i in ids if i.startswith("ZN.IZ.")]
        assert integral == sorted(integral, key=lambda i: int(i.rsplit(".", 1)[1]))
        assert len(integral) >= 3
        # The detail below the table follows the row, not the framework's order.
        await goto(screen, pilot, integral[1])
        detail = text_of(screen.query_one("#criterion-detail", Static))
        assert detail.startswith(integral[1])

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_a_client_is_found_by_name_at_the_client_level(registry: Registry) -> None:
    """The client level shows the pseudonym and filters on it; the levels never do."""

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        table = triage(app)
        assert column(table, "naam")[0] == "Rita Jansen"
        await pilot.press("slash", *"jansen", "enter")
        await settle(app, pilot)
        assert column(table) == ["ZN-2026-0001"]
        await pilot.press("slash", "ctrl+u", *"~rtjns", "enter")  # fuzzy, by name too
        await settle(app, pilot)
        assert column(table) == ["ZN-2026-0001"]
        await pilot.press("2")
        await settle(app, pilot)
        regional = text_of(app.screen.query_one("#region-body", Static))
        await pilot.press("3")
        await settle(app, pilot)
        national = text_of(app.screen.query_one("#national-body", Static))
        assert "Jansen" not in regional + national

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_one_status_name_in_list_case_chooser_and_filter(registry: Registry, folder: Path) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("s")
        await settle(app, pilot)
        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt)
        labels = [label for _, label in prompt.options]
        assert labels == ["nieuw", "in behandeling", "afgerond"]
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert column(triage(app), "status")[0] == "in behandeling"
        for query in ("in behandeling", "in_behandeling", "IN BEHANDELING"):
            await pilot.press("slash", "ctrl+u", *query, "enter")
            await settle(app, pilot)
            assert column(triage(app)) == ["ZN-2026-0001"], query
        screen = await open_rita(app, pilot)
        assert "status: in behandeling" in text_of(screen.query_one("#case-summary", Static))

    run(ZntuiApp(folder, registry, watch=False), scenario)
