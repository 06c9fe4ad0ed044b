"""Remapping keys by binding id, and reporting what cannot be applied."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import SAMPLES
from zntui.config import Config
from zntui.plugins import Registry
from zntui.ui.app import ZntuiApp
from zntui.ui.case_table import CaseTable
from zntui.ui.help_screen import HelpScreen
from zntui.ui.keymap import binding_ids, check_keymap, usable_keymap


def test_defaults_have_ids_and_no_conflicts() -> None:
    ids = binding_ids()
    assert {"client.filter", "case.judge_v", "pane.regional", "app.quit"} <= set(ids)
    assert check_keymap({}) == []


def test_unknown_ids_and_conflicts_are_reported() -> None:
    assert check_keymap({"client.sortt": "o"}) == [
        "keymap: onbekende id 'client.sortt'; bedoelt u 'client.sort'?"
    ]
    assert check_keymap({"client.sort": "slash"}) == [
        "keymap-conflict in cliëntpaneel: toets 'slash' hoort bij client.filter, client.sort; "
        "overgeslagen: client.sort"
    ]
    assert check_keymap({"case.note": " , "}) == ["keymap: 'case.note' heeft geen toetsen"]
    # One bad entry costs only itself.
    good, problems = usable_keymap({"client.sort": "space", "client.filter": "F", "x.y": "z"})
    assert good == {"client.filter": "F"} and len(problems) == 2
    # The same key in panes that are never active together is fine.
    assert check_keymap({"regional.follow_up": "a"}) == []


def test_remapped_keys_work_and_show(registry: Registry) -> None:
    config = Config(keymap={"client.reverse": "R", "pane.regional": "2,f2"})

    async def main() -> None:
        app = ZntuiApp(SAMPLES, registry, watch=False, config=config)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):
                await pilot.pause(0.02)
                if app.scored.cases:
                    break
            await pilot.pause()
            table = app.screen.query_one("#triage", CaseTable)
            before = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
            await pilot.press("R")
            await pilot.pause()
            ids = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
            assert ids == before[::-1]
            await pilot.press("O")  # the old key no longer reverses
            await pilot.pause()
            assert [str(table.get_row_at(r)[0]) for r in range(table.row_count)] == ids
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            rows = {binding_id: keys for keys, _, binding_id in app.screen.rows}
            assert rows["client.reverse"] == "R"

    asyncio.run(main())


def test_a_keymap_with_bad_entries_applies_the_good_ones_and_names_the_bad(
    tmp_path: Path,
) -> None:
    from tests.test_config import open_with_config

    keymap = '[keymap]\n"client.sort" = "slash"\n"client.fliter" = "F"\n"pane.regional" = "f2"\n'
    problems, app = open_with_config(tmp_path, keymap)
    assert any("keymap-conflict in cliëntpaneel: toets 'slash'" in p for p in problems), problems
    assert any("onbekende id 'client.fliter'; bedoelt u 'client.filter'?" in p for p in problems)
    assert not app.read_only  # the rest of the config holds
    assert app.config.keymap == {"pane.regional": "f2"}  # the good entry is applied


def test_every_default_binding_has_a_key_that_arrives_everywhere() -> None:
    """Esc, Ctrl+P, Shift+Tab and the like may not reach the app over SSH, in tmux or in
    VS Code's terminal: each binding on them has another key too."""
    from zntui.ui.keymap import unreliable_only

    assert unreliable_only() == []


def test_the_alternatives_work(registry: Registry) -> None:
    from textual.command import CommandPalette

    from tests.conftest import SAMPLES
    from tests.test_app import run
    from zntui.ui.app import ZntuiApp
    from zntui.ui.case_screen import CaseScreen

    async def scenario(app: ZntuiApp, pilot) -> None:
        await pilot.press("right_square_bracket")
        assert app.screen.current_pane == "regional-pane"
        await pilot.press("left_square_bracket")
        assert app.screen.current_pane == "client-pane"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one("#case-tabs").active == "tab-network"
        await pilot.press("backspace")
        await pilot.pause()
        assert not isinstance(app.screen, CaseScreen)
        await pilot.press("colon")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
