"""Files that are not what they seem, and file systems that say no: every one is one
clear problem with its place, exit 2 headless, a notice in the app — and the rest
goes on. Driven through the CLI and the app (Pilot)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES
from zntui.store.regional_notes import NOTES_FILE
from zntui.store.reviews import sidecar_path

RITA = Path("twente") / "rita-jansen.toml"


@pytest.fixture(autouse=True)
def never_hang() -> Iterator[None]:
    """A FIFO opened to read waits for a writer for ever: end the test instead."""

    def hung(*_: object) -> None:
        raise TimeoutError("hung: something waited on a file that will never come")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    return folder


def lines_about(output: str, path: Path) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(str(path))]


# --- symlink loops, FIFOs, folders that cannot be listed --------------------------------


def test_a_symlink_loop_is_one_unreadable_problem_and_the_rest_loads(cli, cases: Path) -> None:
    (cases / "a.toml").symlink_to("b.toml")
    (cases / "b.toml").symlink_to("a.toml")
    (cases / "self.toml").symlink_to("self.toml")
    checked = cli("check", cases)
    assert checked.code == 2
    for name in ("a.toml", "b.toml", "self.toml"):
        assert lines_about(checked.out, cases / name) == [
            f"{cases / name}:1:1: onleesbaar: een lus van symbolische koppelingen"
        ]
    assert "11 bestanden gecontroleerd: 8 geldig, 3 ongeldig" in checked.out
    assert cli("check", cases / "a.toml").code == 2
    triaged = cli("triage", cases, "--format", "json")
    assert triaged.code == 2 and triaged.out.count('"case"') == 8
    assert f"{cases / 'a.toml'}:1:1: onleesbaar: een lus van symbolische koppelingen" in triaged.err
    report = cli("report", cases, "--level", "national")
    assert report.code == 2 and "Regio's naast elkaar" in report.out
    assert "Traceback" not in triaged.err + report.err


def test_fifos_are_never_opened_as_case_sidecar_notes_or_config(cli, cases: Path) -> None:
    rita = cases / RITA
    os.mkfifo(cases / "fifo.toml")
    os.mkfifo(sidecar_path(rita))
    os.mkfifo(cases / NOTES_FILE)
    checked = cli("check", cases / "fifo.toml")
    assert checked.code == 2
    assert checked.out.splitlines() == [
        f"{cases / 'fifo.toml'}:1:1: geen gewoon bestand (een FIFO); niet gelezen",
        "1 bestand gecontroleerd: 0 geldig, 1 ongeldig (1 probleem)",
    ]
    note = cli("note", rita, "hallo")
    assert note.code == 2 and "geen gewoon bestand" in note.err
    assert cli("history", rita).code == 2
    triaged = cli("triage", cases)
    assert triaged.code == 2  # fifo.toml is an invalid case file
    assert f"{sidecar_path(rita)}: onleesbaar: geen gewoon bestand" in triaged.err
    report = cli("report", cases, "--level", "national")
    assert f"{cases / NOTES_FILE}: onleesbaar" in report.err
    assert "Regio's naast elkaar" in report.out
    for path in (cases / "fifo.toml", sidecar_path(rita), cases / NOTES_FILE):
        assert stat.S_ISFIFO(os.lstat(path).st_mode)  # left as found

    os.mkfifo(cases / "zntui.toml")
    config = cli("triage", cases)
    assert config.code == 2
    assert f"{cases / 'zntui.toml'}:1:1: onleesbaar" in config.err


def test_a_folder_that_cannot_be_listed_is_reported_with_its_path(
    cli, cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root may list anything: the refusal is simulated where the walk lists a folder."""
    closed = cases / "utrecht"
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)) == closed:
            raise PermissionError(errno.EACCES, "Permission denied", str(closed))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", lambda p=".": [e.name for e in scandir(p)])
    checked = cli("check", cases)
    assert checked.code == 2
    assert lines_about(checked.out, closed) == [
        f"{closed}:1:1: map onleesbaar: permission denied; de casussen erin zijn niet geladen"
    ]
    assert "7 bestanden gecontroleerd: 6 geldig, 1 ongeldig" in checked.out
    triaged = cli("triage", cases)
    assert triaged.code == 2 and f"{closed}:1:1: map onleesbaar" in triaged.err


# --- bounded work per file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a." * 49_999 + "a = 1\n", "te ingewikkeld: een sleutel met meer dan 64 delen"),
        ('"a".' * 20_000 + "a = 1\n", "te ingewikkeld: een sleutel met meer dan 64 delen"),
        ("[" + "a." * 20_000 + "a]\nv = 1\n", "te ingewikkeld: een sleutel met meer dan 64"),
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "te ingewikkeld: te diep genest"),
        ("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", "te ingewikkeld: te diep genest"),
        ("x = [" + ",".join(["1"] * 40_000) + "]\n", "te ingewikkeld: meer dan 20,000 sleutels"),
    ],
)
def test_a_file_too_complex_to_read_is_said_so_and_the_rest_loads(
    cli, cases: Path, body: str, message: str
) -> None:
    bomb = cases / "bom.toml"
    bomb.write_text('id = "BOM"\n' + body)
    checked = cli("check", cases)
    assert checked.code == 2
    (line,) = lines_about(checked.out, bomb)
    assert message in line
    assert "9 bestanden gecontroleerd: 8 geldig, 1 ongeldig (1 probleem)" in checked.out


def test_thousands_of_problems_in_one_file_are_counted_not_all_listed(cli, cases: Path) -> None:
    many = cases / "veel.toml"
    many.write_text('id = "VEEL"\n' + "".join(f"[[members]]\nidd = '{i}'\n" for i in range(8000)))
    checked = cli("check", many)
    problems = lines_about(checked.out, many)
    assert len(problems) == 51
    assert problems[-1].endswith("zulke problemen, niet getoond")


# --- format fields: only a known one is read, nothing is rewritten ---------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"99"', "format: verwacht het gehele getal 1, niet '99' (str)"),
        ("2.0", "format: verwacht het gehele getal 1, niet 2.0 (float)"),
        ("true", "format: verwacht het gehele getal 1, niet True (bool)"),
        ("7", "format 7: geschreven door een nieuwere zntui (review format 7; deze leest 1)"),
        ("0", "format 0 is geen bekend review-format"),
    ],
)
def test_a_sidecar_of_unknown_format_is_refused_and_never_rewritten(
    cli, cases: Path, value: str, message: str
) -> None:
    rita = cases / RITA
    sidecar = sidecar_path(rita)
    sidecar.write_text(f'format = {value}\ncase = "ZN-2026-0001"\n')
    before = sidecar.read_bytes()
    for args in (("note", rita, "x"), ("judge", rita, "ZN.IZ.2", "VN"), ("status", rita, "nieuw")):
        result = cli(*args)
        assert result.code == 2 and message in result.err, result.err
    assert sidecar.read_bytes() == before
    triaged = cli("triage", cases)
    assert message in triaged.err and "niet gebruikt" in triaged.err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("3", "format 3: geschreven door een nieuwere zntui (case format 3; deze leest 2); werk"),
        ('"2"', "format: verwacht het gehele getal 2, niet '2' (str)"),
        ("2.0", "format: verwacht het gehele getal 2, niet 2.0 (float)"),
        ("0", "format 0 is geen bekend case-format"),
        ("1", "format 1: het oude casusformat; deze zntui leest format 2. Zo werkt u"),
    ],
)
def test_a_case_of_unknown_format_fails_validation_with_its_place(
    cli, cases: Path, value: str, message: str
) -> None:
    rita = cases / RITA
    text = rita.read_text()
    assert "\nformat = 2 " in text
    rita.write_text(text.replace("\nformat = 2 ", f"\nformat = {value} ", 1))
    line = text[: text.index("\nformat = 2 ")].count("\n") + 2
    checked = cli("check", rita)
    assert checked.code == 2
    assert checked.out.splitlines()[0].startswith(f"{rita}:{line}:1: {message}")


def test_regional_notes_of_unknown_format_are_left_alone(cli, cases: Path) -> None:
    notes = cases / NOTES_FILE
    notes.write_text('format = "2"\n')
    report = cli("report", cases, "--level", "national")
    assert "format: verwacht het gehele getal 1, niet '2'" in report.err
    assert notes.read_text() == 'format = "2"\n'


# --- permission and path faults: one Dutch line, exit 2 ---------------------------------


@contextlib.contextmanager
def unwritable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Make ``folder`` refuse new files: for real where the system lets us (chmod for a
    user, chattr +i for root), else by refusing at the one call that creates them."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield "chmod"
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") and not subprocess.call(
        ["chattr", "+i", str(folder)], stderr=subprocess.DEVNULL
    ):
        try:
            yield "chattr"
        finally:
            subprocess.call(["chattr", "-i", str(folder)])
        return
    import zntui.store.atomic as atomic

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    with monkeypatch.context() as patch:
        patch.setattr(atomic.tempfile, "mkstemp", refused)
        yield "simulated"


def test_saving_in_a_folder_that_is_not_writable_is_one_dutch_line(
    cli, cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rita = cases / RITA
    with unwritable(rita.parent, monkeypatch):
        for args in (("note", rita, "x"), ("judge", rita, "ZN.IZ.2", "VN")):
            result = cli(*args)
            assert result.code == 2, result.err
            (line,) = result.err.strip().splitlines()
            assert line.startswith(f"zntui: {sidecar_path(rita)}: niet opgeslagen: ")
            assert "toestemming" in line
        report = cli("report", cases, "--level", "national", "-o", rita.parent / "r.md")
        assert report.code == 2 and "niet geschreven" in report.err
        assert "toestemming" in report.err
    assert not sidecar_path(rita).exists()


def test_a_sticky_folder_with_another_users_sidecar_says_so(
    cli, cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is made sticky and the sidecar someone else's for real; what the kernel
    then refuses a non-root user (the rename) is refused here, since tests run as root."""
    rita = cases / RITA
    assert cli("note", rita, "eerste").code == 0
    before = sidecar_path(rita).read_bytes()
    rita.parent.chmod(0o1777)
    os.chown(sidecar_path(rita), 4242, 4242)
    if os.geteuid() == 0:
        real_replace = os.replace

        def replace(src: Any, dst: Any, **kwargs: Any) -> None:
            if Path(os.fsdecode(dst)) == sidecar_path(rita):
                raise PermissionError(errno.EPERM, "Operation not permitted", str(dst))
            real_replace(src, dst, **kwargs)

        monkeypatch.setattr(os, "replace", replace)
    result = cli("note", rita, "tweede")
    assert result.code == 2
    assert "sticky" in result.err and "van een andere gebruiker" in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert sidecar_path(rita).read_bytes() == before
    assert not [p for p in rita.parent.iterdir() if p.name.endswith(".tmp")]


# --- the app: a notice, and it stays open -------------------------------------------------


def test_the_app_names_hostile_files_and_keeps_working(registry, cases: Path) -> None:
    from tests.test_app import run
    from zntui.ui.app import ZntuiApp

    (cases / "a.toml").symlink_to("b.toml")
    (cases / "b.toml").symlink_to("a.toml")
    os.mkfifo(cases / "fifo.toml")
    os.mkfifo(sidecar_path(cases / RITA))
    os.mkfifo(cases / NOTES_FILE)
    (cases / "bom.toml").write_text('id = "BOM"\n' + "a." * 49_999 + "a = 1\n")

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        problems = "\n".join(app.problem_lines())
        assert (
            f"{cases / 'a.toml'}:1:1: onleesbaar: een lus van symbolische koppelingen" in problems
        )
        assert f"{cases / 'fifo.toml'}:1:1: geen gewoon bestand (een FIFO)" in problems
        assert f"{cases / 'bom.toml'}:2:1: te ingewikkeld" in problems
        assert f"{sidecar_path(cases / RITA)}:1:1: onleesbaar" in problems
        assert f"{cases / NOTES_FILE}: onleesbaar" in problems
        assert app.client.query_one("#triage").row_count == 8
        await pilot.press("i")
        await pilot.pause()
        assert app.is_running

    run(ZntuiApp(cases, registry, watch=False), scenario)


def test_the_app_says_when_a_save_or_the_editor_fails_and_stays_open(
    registry, cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_app import goto, open_rita, run
    from zntui.ui.app import ZntuiApp

    monkeypatch.setenv("VISUAL", "no-such-editor --wait")
    rita = cases / RITA

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("e")
        await pilot.pause()
        message = app._notifications and list(app._notifications)[-1].message
        assert "Geen editor gevonden" in message  # not vi behind the user's back
        assert str(cases) not in message and "rita" not in message
        screen = await open_rita(app, pilot)
        await goto(screen, pilot, "ZN.IZ.2")
        with unwritable(rita.parent, monkeypatch):
            await pilot.press("v")
            await pilot.pause()
            await pilot.press(*"Overleg gezien", "enter")
            await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(
            f"{sidecar_path(rita)}: niet opgeslagen: " in m and "toestemming" in m for m in messages
        ), messages
        assert app.is_running

    run(ZntuiApp(cases, registry, watch=False), scenario)
    assert not sidecar_path(rita).exists()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
@pytest.mark.parametrize("visual", ["no-such-editor", "'unbalanced"])
def test_a_missing_editor_in_a_real_terminal_leaves_the_app_usable(
    tmp_path: Path, visual: str
) -> None:
    """In a terminal the app hands the screen to the editor (Textual's suspend); when
    the editor cannot start, the app must come back, not leave a dead screen."""
    import shlex
    import sys
    import uuid

    from tests.test_tmux import Tmux

    cases = tmp_path / "cases"
    shutil.copytree(SAMPLES, cases)
    tmux = Tmux(f"zntui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    exe = Path(sys.executable).with_name("zntui")
    env = f"TEXTUAL_ANIMATIONS=none NO_COLOR=1 VISUAL={shlex.quote(visual)}"
    command = f"cd {tmp_path} && env {env} {exe} cases; echo EXITED=$?; sleep 30"
    try:
        tmux("new-session", "-d", "-s", "zntui", "-x", "80", "-y", "24", command)
        tmux.wait_for("ZN-2026-0002", timeout=60)
        tmux("send-keys", "-t", "zntui", "e")
        screen = tmux.wait_for("Geen editor gevonden", timeout=30)
        assert str(cases) not in screen and "Traceback" not in screen
        tmux("send-keys", "-t", "zntui", "O")  # the app still answers keys (reverse sort)
        tmux.wait_for("sortering: risico ↑", timeout=30)
        tmux("send-keys", "-t", "zntui", "q")
        assert "EXITED=0" in tmux.wait_for("EXITED=", timeout=30)
    finally:
        tmux("kill-server")
