"""The app, driven with Pilot: the triage list loads and a case opens."""

from __future__ import annotations

import asyncio
import io

from rich.console import Console
from textual.widgets import DataTable, Static

from tests.conftest import SAMPLES
from zntui.plugins import Registry
from zntui.ui.app import ZntuiApp
from zntui.ui.case_screen import CaseScreen


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
        criteria = text_of(app.screen.query_one("#case-criteria", Static))
        assert "Niemand coördineert het netwerk." in criteria
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
