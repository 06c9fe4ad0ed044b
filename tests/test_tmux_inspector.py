"""Issue 18 in a real terminal: tmux at 80×24 with NO_COLOR, read as an inspector would."""

from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import BUILTINS, SAMPLES
from tests.test_tmux import Tmux, _detail, tmux  # noqa: F401  (the fixture: a socket of its own)

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def _open(tmux: Tmux, tmp_path: Path) -> None:  # noqa: F811
    cases = tmp_path / "sample_cases"
    shutil.copytree(SAMPLES, cases)  # the written cases: the ones this test reads
    exe = Path(sys.executable).with_name("zntui")
    env = (
        f"ZNTUI_LOAD_PLUGINS={BUILTINS} TEXTUAL_ANIMATIONS=none NO_COLOR=1 "
        f"XDG_STATE_HOME={tmp_path / 'state'} XDG_CACHE_HOME={tmp_path / 'cache'}"
    )
    command = f"cd {tmp_path} && env {env} {exe} sample_cases; echo EXITED; sleep 30"
    tmux("new-session", "-d", "-s", "zntui", "-x", "80", "-y", "24", command)
    tmux.wait_for("ZN-2026-0002")


def _keys(tmux: Tmux, *keys: str) -> None:  # noqa: F811
    tmux("send-keys", "-t", "zntui", *keys)


def _sgr(line: str) -> set[str]:
    """The SGR attributes a captured line (capture-pane -e) switches on."""
    found: set[str] = set()
    for codes in re.findall(r"\x1b\[([0-9;]*)m", line):
        found.update(codes.split(";"))
    return found


def test_find_rita_by_name_and_read_her_screen_at_80x24(tmux: Tmux, tmp_path: Path) -> None:  # noqa: F811
    _open(tmux, tmp_path)
    screen = tmux.screen()
    lines = screen.splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    assert "Rita Jansen" in screen and "Zuid-Limburg" in screen and "Rijnmond" in screen
    assert "…" not in "".join(line for line in lines if "-2026-" in line)  # nothing cut
    assert "CC Cliënt centraal" in screen  # the legend of the theme codes

    # NO_COLOR: the cursor row is marked (reverse), the header row is not.
    coded = tmux("capture-pane", "-p", "-e", "-t", "zntui").splitlines()
    header = next(line for line in coded if "casus" in line and "naam" in line)
    cursor = next(line for line in coded if "ZN-2026-0001" in line)
    assert "7" in _sgr(cursor) and "7" not in _sgr(header)

    _keys(tmux, "/")
    tmux.wait_for("filter: woorden")  # the field is open (and has the keys)
    _keys(tmux, *"jansen", "Enter")
    screen = tmux.wait_for("filter: jansen")
    rows = [line for line in screen.splitlines() if "-2026-" in line]
    assert len(rows) == 1 and "ZN-2026-0001" in rows[0] and "Rita Jansen" in rows[0]

    _keys(tmux, "Enter")
    tmux.wait_for("Rita Jansen (63)")
    for _ in range(12):  # down to ZN.IZ.3, the criterion with the most evidence
        before = _detail(tmux.screen())
        if before.startswith("ZN.IZ.3 ✗"):
            break
        _keys(tmux, "j")
        deadline = time.monotonic() + 5  # the detail follows the cursor row: wait for it
        while _detail(tmux.screen()) == before and time.monotonic() < deadline:
            time.sleep(0.05)
    _keys(tmux, "x")
    tmux.wait_for("ZN.IZ.3 → voldoet niet")
    _keys(tmux, *"geen overdracht", "Enter")
    screen = tmux.wait_for("Opgeslagen.")
    assert "Reden inspecteur: geen overdracht" in screen
    # The notice has a line of its own: the detail's last line is not covered.
    notice = next(i for i, line in enumerate(screen.splitlines()) if "Opgeslagen." in line)
    assert screen.splitlines()[notice].strip() == "Opgeslagen."
    tmux.wait_for("Enter toont alles")  # at 80×24 the pane cuts it, and says so
    _keys(tmux, "Enter")  # the criterion whole
    screen = tmux.wait_for("Criterium (Esc sluit)")
    assert "Cliënt meldt: onvoldoende afstemming en overdracht." in screen
    _keys(tmux, "q")  # closes the criterion (Esc would be held by tmux's escape-time)
    deadline = time.monotonic() + 10
    while "Criterium (Esc sluit)" in tmux.screen() and time.monotonic() < deadline:
        time.sleep(0.1)
    _keys(tmux, "q")
    tmux.wait_for("EXITED")
