"""The real `zntui` in a real terminal: tmux at 80×24, read as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BUILTINS, SAMPLES

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "zntui")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def wait_gone(self, text: str, timeout: float = 30.0) -> str:
        """Until ``text`` is off the screen: the key that closed a view has been read.
        (A key sent right after Escape can arrive within the terminal's escape timeout
        on a loaded machine and be read as Alt+key.)"""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} stayed on the screen:\n{screen}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    # A socket of its own per test: a server still shutting down is never reused.
    session = Tmux(f"zntui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    yield session
    session("kill-server")


def _detail(screen: str) -> str:
    """The first line of the case screen's detail, below its rule."""
    lines = screen.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("─" * 20)]
    below = lines[rules[-1] + 1 :] if rules else []
    return next((line.strip() for line in below if line.strip()), "")


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_real_app_at_80x24(tmux: Tmux, tmp_path: Path, no_color: bool) -> None:
    cases = tmp_path / "sample_cases"
    shutil.copytree(SAMPLES, cases)
    exe = Path(sys.executable).with_name("zntui")
    env = f"ZNTUI_LOAD_PLUGINS={BUILTINS} TEXTUAL_ANIMATIONS=none"
    if no_color:
        env += " NO_COLOR=1"
    command = f"cd {tmp_path} && env {env} {exe} sample_cases; echo EXITED; sleep 30"
    tmux("new-session", "-d", "-s", "zntui", "-x", "80", "-y", "24", command)

    screen = tmux.wait_for("ZN-2026-0002")
    lines = screen.splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    rows = [line for line in lines if "-2026-" in line]
    assert rows[0].split()[0] == "ZN-2026-0001" and "✗VN" in rows[0]  # Rita, worst first
    assert rows[-1].split()[0] == "ZN-2026-0002"  # Robert, last
    assert "status" in screen  # every column fits in 80 columns
    footer_first = "? Toetsen"  # whatever else the footer must leave out at 80 columns
    assert lines[-1].strip().startswith(footer_first), lines[-1]

    tmux("send-keys", "-t", "zntui", "Enter")
    screen = tmux.wait_for("Rita Jansen (63)")
    assert "Oordeel: ✗ voldoet niet" in screen
    for _ in range(30):  # down the criteria until the detail below shows ZN.IZ.2
        # Wait for the detail itself to follow each press: the cursor row is drawn
        # before the detail, so waiting for any change could press past ZN.IZ.2.
        before = _detail(tmux.screen())
        if before.startswith("ZN.IZ.2 ✗ voldoet niet"):
            break
        tmux("send-keys", "-t", "zntui", "j")
        deadline = time.monotonic() + 5
        while _detail(tmux.screen()) == before and time.monotonic() < deadline:
            time.sleep(0.05)
    screen = tmux.wait_for("Niemand coördineert het netwerk (navraag gedaan).")
    assert screen.splitlines()[-1].strip().startswith(footer_first), screen

    tmux("send-keys", "-t", "zntui", "Escape")
    tmux.wait_for("sortering: risico")
    tmux("send-keys", "-t", "zntui", "2")
    screen = tmux.wait_for("Regio Rijnmond")
    assert "Rita" not in screen
    assert screen.splitlines()[-1].strip().startswith(footer_first), screen
    tmux("send-keys", "-t", "zntui", "3")
    screen = tmux.wait_for("Landelijk beeld")
    assert screen.splitlines()[-1].strip().startswith(footer_first), screen
    tmux("send-keys", "-t", "zntui", "1")
    tmux.wait_for("sortering: risico")
    tmux("send-keys", "-t", "zntui", "q")
    tmux.wait_for("EXITED")


def _start(tmux: Tmux, tmp_path: Path, options: str = "") -> Path:
    """The real zntui on a copy of the samples; after it ends the shell prints the
    terminal's mode, so a test can see it was given back as found."""
    cases = tmp_path / "sample_cases"
    shutil.copytree(SAMPLES, cases)
    exe = Path(sys.executable).with_name("zntui")
    pid_file = tmp_path / "pid"
    env = f"ZNTUI_LOAD_PLUGINS={BUILTINS} TEXTUAL_ANIMATIONS=none"
    command = (
        f"cd {tmp_path} && env {env} sh -c 'echo $$ > {pid_file}; exec {exe} {options} "
        f"sample_cases'; echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e icanon "
        "-e -echo -e -icanon | tr '\\n' ' '; echo; echo DONE; sleep 30"
    )
    tmux("new-session", "-d", "-s", "zntui", "-x", "80", "-y", "24", command)
    if "--plugins-dir" not in options:
        tmux.wait_for("ZN-2026-0002")
    return pid_file


@pytest.mark.parametrize("how", ["q", "C-c", "SIGTERM"])
def test_the_terminal_is_given_back_on_every_exit(tmux: Tmux, tmp_path: Path, how: str) -> None:
    import signal

    pid_file = _start(tmux, tmp_path)
    if how == "SIGTERM":
        os.kill(int(pid_file.read_text()), signal.SIGTERM)
    else:
        tmux("send-keys", "-t", "zntui", how)
    screen = tmux.wait_for("DONE")
    assert "echo icanon" in screen or "icanon echo" in screen, screen  # cooked mode again
    assert "-icanon" not in screen and "-echo" not in screen
    assert "ZN-2026-0002" not in screen  # the alternate screen is gone
    if how == "SIGTERM":  # ended by its own exit, with the shell's code for the signal
        assert "EXIT=143" in screen, screen


def test_the_terminal_is_given_back_after_a_crash(tmux: Tmux, tmp_path: Path) -> None:
    """A bug that raises while the list is drawn: the app ends with the traceback, and
    the terminal is usable again."""
    bug = tmp_path / "bug"
    bug.mkdir()
    (bug / "simulated_bug.py").write_text(
        "from zntui.ui import client_pane\n\n\n"
        "def _row(self, s):\n"
        "    raise RuntimeError('simulated bug in the list')\n\n\n"
        "client_pane.ClientPane._row = _row\n"
    )
    _start(tmux, tmp_path, f"--plugins-dir {bug}")
    screen = tmux.wait_for("DONE")
    assert "simulated bug in the list" in screen and "EXIT=0" not in screen
    assert "echo icanon" in screen or "icanon echo" in screen, screen
    assert "-icanon" not in screen and "-echo" not in screen


def test_ascii_mode_draws_with_ascii_only(tmux: Tmux, tmp_path: Path) -> None:
    _start(tmux, tmp_path, "--ascii")
    screen = tmux.screen()
    assert screen.isascii(), [c for c in screen if not c.isascii()]
    assert "xVN" in screen and "+V" in screen  # the verdict symbols, in ASCII
    tmux("send-keys", "-t", "zntui", "s")
    screen = tmux.wait_for("Reviewstatus")
    assert screen.isascii() and "+---" in screen  # the prompt's box, in ASCII


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _must_end(pid: int, seconds: float, failure: str) -> None:
    """Wait for the process to end; kill it and fail if it is still there after `seconds`."""
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _alive(pid):
        os.kill(pid, 9)
        raise AssertionError(failure)


@pytest.mark.parametrize("how", ["q", "kill-server"])
def test_a_thread_that_outlives_the_app_does_not_keep_it_alive(
    tmux: Tmux, tmp_path: Path, how: str
) -> None:
    """When the terminal goes away mid-shutdown, Textual's input thread can miss its
    stop and spin on end-of-file; Python would then wait for it forever at a full core
    (seen after tmux sessions closed). A plugin's never-ending thread stands in for it:
    after `q`, or the terminal closing, the process must still end."""
    plugins = tmp_path / "stuck"
    plugins.mkdir()
    (plugins / "stuck_thread.py").write_text(
        "import threading, time\n\n\n"
        "def _forever():\n"
        "    while True:\n"
        "        time.sleep(0.05)\n\n\n"
        "threading.Thread(target=_forever, name='stuck', daemon=False).start()\n"
    )
    pid_file = _start(tmux, tmp_path, f"--plugins-dir {plugins}")
    tmux.wait_for("ZN-2026-0002")
    pid = int(pid_file.read_text())
    if how == "q":
        tmux("send-keys", "-t", "zntui", "q")
        tmux.wait_for("DONE")
    else:
        tmux("kill-server")
    _must_end(pid, 15, f"the app was still running 15 s after {how}")


@pytest.mark.parametrize("ascii_mode", [False, True], ids=["unicode", "ascii"])
def test_the_app_ends_when_its_terminal_closes_with_a_prompt_open(
    tmux: Tmux, tmp_path: Path, ascii_mode: bool
) -> None:
    """A closed tmux pane or a dropped SSH link while a prompt is open: the exit has
    to write to a terminal that is gone, and Textual's output queue could then wait for
    ever (orphans of this test suite were found asleep that way, one per run). The
    process must end, whatever the shutdown does, within the watchdog's grace."""
    pid_file = _start(tmux, tmp_path, "--ascii" if ascii_mode else "")
    pid = int(pid_file.read_text())
    tmux("send-keys", "-t", "zntui", "s")
    tmux.wait_for("Reviewstatus")
    tmux("kill-server")
    _must_end(pid, 20, "the app outlived its terminal")
