"""The real app in tmux on a hostile folder: every byte it writes to the terminal is
logged (``tmux pipe-pane``) and searched for escape sequences that came from data."""

from __future__ import annotations

import base64
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BUILTINS, SAMPLES
from tests.hostile import CLIPBOARD, review_hostile, write_hostile_folder
from tests.test_tmux import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux(f"zntui-hostile-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    yield session
    session("kill-server")


def _start(tmux: Tmux, tmp_path: Path, folder: Path, env: str = "", options: str = "") -> Path:
    exe = Path(sys.executable).with_name("zntui")
    log = tmp_path / "terminal.log"
    environment = (
        f"ZNTUI_LOAD_PLUGINS={BUILTINS} TEXTUAL_ANIMATIONS=none "
        f"XDG_STATE_HOME={tmp_path / 'state'} XDG_CACHE_HOME={tmp_path / 'cache'} {env}"
    )
    # The app's own pid (exec), so a test can signal it and not the shell around it.
    app = f'echo $$ > {tmp_path / "pid"}; exec {exe} {options} "{folder}"'
    command = f"cd {tmp_path} && env {environment} sh -c '{app}'; echo EXITED"
    tmux("new-session", "-d", "-s", "zntui", "-x", "80", "-y", "24", command + "; sleep 30")
    tmux("pipe-pane", "-o", "-t", "zntui", f"cat >> '{log}'")
    return log


def _keys(tmux: Tmux, *keys: str, pause: float = 0.4) -> None:
    for key in keys:
        tmux("send-keys", "-t", "zntui", key)
        time.sleep(pause)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_no_escape_sequence_from_case_data_reaches_the_terminal(
    tmux: Tmux, tmp_path: Path, no_color: bool
) -> None:
    folder = tmp_path / "vijandig"
    review_hostile(write_hostile_folder(folder, SAMPLES))
    log = _start(tmux, tmp_path, folder, "NO_COLOR=1" if no_color else "")
    tmux.wait_for("ZN-2026-0001")
    _keys(tmux, "Enter")
    tmux.wait_for("Criteria")
    # Every tab of the case, a copy of a criterion and of the whole case, the levels with
    # their copies, and the problems screen (the hostile key and file name).
    _keys(tmux, "y", "]", "]", "]", "Y", "BSpace", "y", "2", "Y", "3", "Y", "i")
    tmux.wait_for("Problemen ·")
    _keys(tmux, "Escape")
    tmux.wait_gone("Problemen ·")
    _keys(tmux, "q")
    tmux.wait_for("EXITED")
    written = log.read_bytes()
    assert len(written) > 10_000  # the log saw the app

    hostile = (
        f"\x1b]52;c;{CLIPBOARD}".encode(),  # the case's own clipboard write
        b"\x1b]8;;https://evil.example",  # its link
        b"\x1b]0;pwned",  # its window title
        "\x9b".encode(),  # an 8-bit CSI
        "\u202e".encode(),  # a bidi override
    )
    for sequence in hostile:
        assert sequence not in written, sequence
    # Textual clears the screen with ESC[2J only when it enters the alternate screen.
    assert written.count(b"\x1b[2J") <= 1
    # The app's own copies (y, Y) are OSC 52 too: each holds text, no control character.
    copies = re.findall(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)", written)
    assert len(copies) >= 4
    for copy in copies:
        text = base64.b64decode(copy).decode("utf-8")
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text), text[:200]
    # The case's text was shown (made visible), not left out.
    assert "␛]52;c;".encode() in written


@pytest.mark.parametrize("how", ["q", "SIGHUP"])
def test_a_check_that_never_ends_does_not_hold_the_app(
    tmux: Tmux, tmp_path: Path, how: str
) -> None:
    """The app scores a small folder in a thread, where a check asleep in C cannot be
    interrupted: q and SIGHUP (a dropped SSH connection) still end the app at once (2 s
    grace for a save in progress), and the terminal comes back."""
    import signal

    from tests.test_plugin_faults import _cases, _plugin_dir

    plugins = _plugin_dir(tmp_path, time_limit=0.5)
    cases = _cases(tmp_path, 3)
    _start(tmux, tmp_path, cases, options=f"--plugins-dir {plugins}")
    # Loading may already be over on a fast machine: the checks cut off after 0.5 s are
    # still asleep in their abandoned threads, which is what must not hold the app.
    deadline = time.monotonic() + 30
    while not any(word in tmux.screen() for word in ("laden", "casussen")):
        assert time.monotonic() < deadline, tmux.screen()
        time.sleep(0.1)
    time.sleep(1)  # scoring has reached the sleeping check
    started = time.monotonic()
    if how == "q":
        _keys(tmux, "q", pause=0)
    else:
        os.kill(int((tmp_path / "pid").read_text()), signal.SIGHUP)
    screen = tmux.wait_for("EXITED", timeout=30)
    assert time.monotonic() - started < 10, screen
