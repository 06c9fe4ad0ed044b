"""The Netwerk tab's picture: members × members, a mark per relation, the missing ones
that matter marked, readable at 80×24, without colour and in ASCII."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TabbedContent

from tests.conftest import BUILTINS, SAMPLE_FOLDER, SAMPLES
from tests.test_app import run, settle, text_of
from tests.test_tmux import Tmux, tmux  # noqa: F401  (the fixture)
from zntui.model.case import LinkKind
from zntui.plugins import Registry
from zntui.ui.app import ZntuiApp
from zntui.ui.network_matrix import NetworkMatrix

ROW = re.compile(r"^\s*(\d+) (.+?)\s{2,}")


async def network_of(app: ZntuiApp, pilot: Any, case_id: str) -> list[str]:
    await pilot.press("slash", *case_id, "enter", "enter")
    await settle(app, pilot)
    app.screen.query_one(TabbedContent).active = "tab-network"
    await settle(app, pilot)
    matrix = app.screen.query_one(NetworkMatrix)
    for _ in range(100):  # shown: laid out at its real width, then redrawn
        if matrix.size.width:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    assert matrix.region.width <= 80
    return [line.rstrip() for line in text_of(matrix).splitlines()]


def cells(line: str) -> list[str]:
    """The cells of a matrix row, after its label."""
    return line[24:].split()


def test_rita_s_network_as_a_picture(registry: Registry) -> None:
    seen: list[str] = []

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        seen.extend(await network_of(app, pilot, "ZN-2026-0001"))

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
    assert all(len(line) <= 80 for line in seen), seen
    rows = {m[2].strip(): line for line in seen if (m := ROW.match(line)) and "·" in line}
    assert {"huisarts", "wijkverpleegkundige", "apotheker", "dochter"} <= set(rows), seen
    # Every kind of link of the model has its letter and its Dutch word in the legend.
    legend = next(line for line in seen if "kent rol" in line)
    assert all(kind.label in legend for kind in LinkKind)
    # The huisarts knows, knows the role of and informs the apotheker (row 1 → column 5).
    assert "kri··" in rows["huisarts"]
    # Huisarts and wijkverpleegkundige neither know each other nor each other's role:
    # missing, and it matters (both give care); the apotheker gives none, so no ✗ there.
    assert cells(rows["huisarts"])[0] == "✗✗···"
    assert "✗" not in rows["apotheker"]
    assert any("wijkverpleegkundige informeert en overlegt met niemand" in line for line in seen)
    # The file records no attunement at all: not called missing, said as not recorded.
    assert "✗" not in rows["dochter"]
    assert any(line.startswith("Niet vastgelegd") and "stemt af" in line for line in seen)


def test_coordinator_and_contact_point_are_marked(registry: Registry) -> None:
    seen: list[str] = []

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        seen.extend(await network_of(app, pilot, "ZN-2026-0002"))

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
    marked = [line for line in seen if ROW.match(line) and "*@" in line[:24]]
    assert len(marked) == 1 and "praktijkonder" in marked[0], seen
    assert any("* coördinator" in line and "@ aanspreekpunt" in line for line in seen)
    assert all(len(line) <= 80 for line in seen)


def test_a_large_network_still_fits_80_columns(registry: Registry, tmp_path: Path) -> None:
    from zntui.store import load_folder

    big = max(load_folder(SAMPLE_FOLDER / "gegenereerd").cases, key=lambda c: len(c.case.members))
    assert len(big.case.members) >= 20
    folder = tmp_path / "groot"
    folder.mkdir()
    shutil.copy(big.path, folder / big.path.name)
    seen: list[str] = []

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        seen.extend(await network_of(app, pilot, big.case.id))

    run(ZntuiApp(folder, registry, watch=False), scenario)
    rows = [line for line in seen if ROW.match(line)]
    assert len(rows) == len(big.case.members)
    assert all(len(line) <= 80 for line in seen), seen
    assert any("cijfer: zoveel soorten relaties" in line for line in seen)


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def foreground_of(screen: str, mark: str) -> set[int | None]:
    """The 256-colour foreground (None: the default) each ``mark`` is drawn in."""
    found: set[int | None] = set()
    fg: int | None = None
    at = 0
    for code in [*SGR.finditer(screen), None]:
        end = code.start() if code else len(screen)
        if mark in screen[at:end]:
            found.add(fg)
        if code is None:
            break
        params = code.group(1).split(";")
        if params in (["0"], [""], ["39"]):
            fg = None
        for i, p in enumerate(params[:-2]):
            if p == "38" and params[i + 1] == "5":
                fg = int(params[i + 2])
        at = code.end()
    return found


@pytest.mark.parametrize("options", ["", "--ascii"], ids=["unicode", "ascii"])
def test_the_matrix_at_80x24_without_colour(tmux: Tmux, tmp_path: Path, options: str) -> None:  # noqa: F811
    cases = tmp_path / "sample_cases"
    shutil.copytree(SAMPLES, cases)
    exe = Path(sys.executable).with_name("zntui")
    env = f"ZNTUI_LOAD_PLUGINS={BUILTINS} TEXTUAL_ANIMATIONS=none NO_COLOR=1"
    command = f"cd {tmp_path} && env {env} {exe} {options} sample_cases; sleep 30"
    tmux("new-session", "-d", "-s", "zntui", "-x", "80", "-y", "24", command)
    tmux.wait_for("ZN-2026-0002")
    tmux("send-keys", "-t", "zntui", "Enter")
    tmux.wait_for("criterium  oordeel")  # the case screen, its table drawn
    title = "rij > kolom" if options else "rij → kolom"
    for _ in range(20):  # "]": the next tab (a key sent while the screen mounts is lost)
        tmux("send-keys", "-t", "zntui", "]")
        try:
            screen = tmux.wait_for(title, timeout=3)
            break
        except AssertionError:
            continue
    lines = screen.splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    huisarts = next(line for line in lines if re.match(r"\s+1 huisarts", line))
    missing = "x" if options else "✗"
    assert f"{missing}{missing}" in huisarts and "kri" in huisarts, screen
    if options:
        assert screen.isascii(), [c for c in screen if not c.isascii()]
    # Without colour the missing marks stay light (NO_COLOR turns colours grey).
    drawn = foreground_of(tmux("capture-pane", "-p", "-e", "-t", "zntui"), missing * 2)
    assert drawn and all(fg is None or 244 <= fg <= 255 for fg in drawn), drawn
