"""Snapshots of each pane at 80×24 and 120×40 (update: pytest --snapshot-update)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES
from tests.test_app import settle, wait_loaded
from zntui.plugins import Registry
from zntui.ui.app import ZntuiApp

SIZES = [(80, 24), (120, 40)]
PANES = {"client": [], "regional": ["2"], "national": ["3"], "case": ["enter"]}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pane", list(PANES))
def test_pane_snapshot(
    snap_compare: Any,
    registry: Registry,
    monkeypatch: pytest.MonkeyPatch,
    pane: str,
    size: tuple[int, int],
) -> None:
    # A relative folder keeps the header the same on every checkout; the written
    # cases only (the generated ones have tests of their own).
    monkeypatch.chdir(SAMPLES.parent)
    app = ZntuiApp(Path(SAMPLES.name), registry, watch=False)

    async def loaded(pilot: Any) -> None:
        await wait_loaded(app, pilot)
        # Opening a case reads its file in a worker: wait for it, then take the picture.
        await pilot.press(*PANES[pane])
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=loaded)
