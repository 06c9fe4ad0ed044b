"""The app, driven with Pilot: the triage list loads and a case opens."""

from __future__ import annotations

import asyncio
import io
import shutil
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable, Input, Static

from tests.conftest import SAMPLES
from zntui.model.review import add_note
from zntui.plugins import Registry
from zntui.store.reviews import load_review, save_review
from zntui.ui.app import ZntuiApp
from zntui.ui.case_screen import CaseScreen
from zntui.ui.prompts import ChoicePrompt, TextPrompt


def text_of(widget: Static) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


async def loaded(app: ZntuiApp, pilot) -> DataTable:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.query_one("#triage", DataTable)


def test_triage_list_worst_first_and_open_rita(registry: Registry) -> None:
    asyncio.run(_open_rita(registry))


async def _open_rita(registry: Registry) -> None:
    app = ZntuiApp(SAMPLES, registry)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        assert table.row_count == 8
        assert table.get_row_at(0)[1] == "ZN-2026-0001"
        assert str(table.get_row_at(7)[1]) == "ZN-2026-0002"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        summary = text_of(app.screen.query_one("#case-summary", Static))
        assert "Rita Jansen (63)" in summary
        await goto(app.screen, pilot, "ZN.IZ.2")
        detail = text_of(app.screen.query_one("#criterion-detail", Static))
        assert "Niemand coördineert het netwerk." in detail
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CaseScreen)


def test_j_and_k_move_the_cursor(registry: Registry) -> None:
    asyncio.run(_j_and_k(registry))


async def _j_and_k(registry: Registry) -> None:
    app = ZntuiApp(SAMPLES, registry)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1


def copy_samples(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    return folder


async def open_rita(app: ZntuiApp, pilot) -> CaseScreen:  # type: ignore[no-untyped-def]
    await loaded(app, pilot)
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def goto(screen: CaseScreen, pilot, criterion: str) -> None:  # type: ignore[no-untyped-def]
    table = screen.query_one("#criteria", DataTable)
    while table.get_row_at(table.cursor_row)[0] != criterion:
        await pilot.press("j")


def test_judge_in_the_app_with_a_reason(registry: Registry, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    asyncio.run(_judge_in_app(registry, folder))
    review = load_review(folder / "twente" / "rita-jansen.toml", "ZN-2026-0001").review
    judgement = review.judgements["ZN.IZ.2"]
    assert (judgement.verdict, judgement.reason) == ("voldoet", "Huisarts coordineert")
    assert [e.what for e in review.audit] == ["judgement ZN.IZ.2", "note", "status"]
    assert review.status.value == "in_behandeling"


async def _judge_in_app(registry: Registry, folder: Path) -> None:
    app = ZntuiApp(folder, registry)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_rita(app, pilot)
        await goto(screen, pilot, "ZN.IZ.2")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # empty reason is refused: the prompt stays
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Huisarts coordineert", "enter")
        await pilot.pause()
        assert app.screen is screen
        row = screen.query_one("#criteria", DataTable).get_row_at(
            screen.query_one("#criteria", DataTable).cursor_row
        )
        assert (row[0], str(row[1]), row[2]) == ("ZN.IZ.2", "✓V", "inspecteur")
        await pilot.press("a", *"Bellen", "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePrompt)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        history = text_of(screen.query_one("#case-history", Static))
        assert "judgement ZN.IZ.2: voldoet" in history and "nieuw → in behandeling" in history


def test_conflicting_save_keeps_what_was_typed(registry: Registry, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    asyncio.run(_conflict(registry, folder))
    review = load_review(folder / "twente" / "rita-jansen.toml", "ZN-2026-0001").review
    assert [e.new for e in review.audit] == ["andere inspecteur", "mijn notitie"]


async def _conflict(registry: Registry, folder: Path) -> None:
    rita = folder / "twente" / "rita-jansen.toml"
    app = ZntuiApp(folder, registry)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rita(app, pilot)
        # Another inspector saves a note after this app read the review.
        other = load_review(rita, "ZN-2026-0001")
        save_review(rita, other, add_note(other.review, "andere inspecteur", by="b"))
        await pilot.press("a", *"mijn notitie", "enter")
        await pilot.pause()
        # Refused, reloaded, and the prompt is back with the text still in it.
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value == "mijn notitie"
        await pilot.press("enter")
        await pilot.pause()


def test_corrupt_sidecar_opens_read_only(registry: Registry, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    sidecar = folder / "twente" / "rita-jansen.review.toml"
    sidecar.write_text("format = 1\ncase = [\n")
    asyncio.run(_read_only(registry, folder))
    assert sidecar.read_text() == "format = 1\ncase = [\n"


async def _read_only(registry: Registry, folder: Path) -> None:
    app = ZntuiApp(folder, registry)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_rita(app, pilot)
        assert "Alleen-lezen" in text_of(screen.query_one("#case-summary", Static))
        for key in ("v", "x", "a", "s"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
