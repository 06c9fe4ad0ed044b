"""Attacks on promise 1, "nothing a user wrote is lost": overwrites, modes, kills
mid-save, concurrent writers — through the CLI and the app."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES
from zntui.cli import main
from zntui.model.review import add_note
from zntui.store.regional_notes import NOTES_FILE
from zntui.store.reviews import load_review, save_review, sidecar_path

RITA_ID = "ZN-2026-0001"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    """The samples as an inspector keeps them: private files (0600)."""
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    for path in folder.rglob("*.toml"):
        os.chmod(path, 0o600)
    return folder


@pytest.fixture
def rita(cases: Path) -> Path:
    return cases / "twente" / "rita-jansen.toml"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), mode_of(p)) for p in folder.rglob("*") if p.is_file()}


# --- report -o: never over what zntui must not write ----------------------------------


def _own_files(cases: Path, rita: Path) -> list[Path]:
    """One file of each kind zntui must never write over."""
    assert main(["note", str(rita), "eerste"]) == 0
    notes = cases / NOTES_FILE
    notes.write_text("format = 1\n")
    config = cases / "zntui.toml"
    config.write_text("small_cell = 5\n")
    user_config = Path(os.environ["XDG_CONFIG_HOME"]) / "zntui" / "config.toml"
    user_config.parent.mkdir(parents=True, exist_ok=True)
    user_config.write_text("small_cell = 5\n")
    return [rita, sidecar_path(rita), notes, config, user_config]


@pytest.mark.parametrize("force", [False, True])
def test_report_never_writes_over_a_case_review_notes_or_config_file(
    cli, cases: Path, rita: Path, force: bool
) -> None:
    targets = _own_files(cases, rita)
    link = cases / "looks-harmless.md"
    link.symlink_to(rita)
    targets.append(link)
    before = snapshot(cases) | {str(targets[4]): (targets[4].read_bytes(), mode_of(targets[4]))}
    for target in targets:
        args = ["report", cases, "--level", "national", "-o", target]
        result = cli(*args, *(["--force"] if force else []))
        assert result.code == 2, (target, result.err)
        assert "niet geschreven" in result.err and str(target) in result.err
        assert "Traceback" not in result.err
    after = snapshot(cases) | {str(targets[4]): (targets[4].read_bytes(), mode_of(targets[4]))}
    assert after == before
    assert link.is_symlink()


def test_report_replaces_an_existing_file_only_with_force(cli, cases: Path, tmp_path: Path) -> None:
    out = tmp_path / "landelijk.md"
    out.write_text("mijn eigen aantekeningen\n")
    refused = cli("report", cases, "--level", "national", "-o", out)
    assert refused.code == 2 and "bestaat al" in refused.err and "--force" in refused.err
    assert out.read_text() == "mijn eigen aantekeningen\n"
    forced = cli("report", cases, "--level", "national", "-o", out, "--force")
    assert forced.code == 0, forced.err
    assert out.read_text().startswith("# Toezicht op zorgnetwerken")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("case_mode", [0o600, 0o640, 0o644])
def test_report_is_no_wider_than_the_case_files(
    cli, cases: Path, tmp_path: Path, case_mode: int
) -> None:
    for path in cases.rglob("*.toml"):
        os.chmod(path, case_mode)
    os.chmod(cases / "twente" / "rita-jansen.toml", 0o600)  # one private case narrows it
    out = tmp_path / f"rapport-{case_mode:o}.html"
    old = os.umask(0)  # the user's umask does not widen it either
    try:
        result = cli("report", cases, "--level", "national", "--format", "html", "-o", out)
    finally:
        os.umask(old)
    assert result.code == 0, result.err
    assert mode_of(out) == 0o600


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("{dir}", "is een map"),
        ("/no/such/dir/x.md", "die map bestaat niet"),
        ("{fifo}", "geen gewoon bestand"),  # like /dev/null, which root could replace
        ("{rita}/x.md", "geen map"),
    ],
)
def test_report_to_a_path_that_cannot_be_a_report_is_one_dutch_line(
    cli, cases: Path, rita: Path, tmp_path: Path, target: str, words: str
) -> None:
    os.mkfifo(tmp_path / "fifo")
    path = target.format(dir=tmp_path, rita=rita, fifo=tmp_path / "fifo")
    result = cli("report", cases, "--level", "national", "-o", path)
    assert result.code == 2
    assert words in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert (tmp_path / "fifo").is_fifo()


def test_report_into_a_folder_that_is_not_writable(
    cli, cases: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, who may write anywhere: the refusal is simulated at the one
    call that makes the temporary file."""
    import zntui.store.atomic as atomic

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    result = cli("report", cases, "--level", "national", "-o", tmp_path / "r.md")
    assert result.code == 2 and "geen toestemming om hier te schrijven" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "r.md").exists()


def test_generate_never_writes_over_an_existing_case(cli, tmp_path: Path) -> None:
    folder = tmp_path / "gen"
    assert cli("generate", folder, "--count", "3", "--seed", "4").code == 0
    first = sorted(folder.rglob("*.toml"))[0]
    first.write_text(first.read_text() + "# door de inspecteur aangevuld\n")
    edited = first.read_bytes()
    again = cli("generate", folder, "--count", "3", "--seed", "4", "--force")
    assert first.read_bytes() == edited
    assert again.code == 0 and "3 bestonden al" in again.out


# --- modes of what zntui writes beside the cases and for itself ------------------------


def test_state_folder_and_regional_notes_are_private_under_umask_000(registry, cases: Path) -> None:
    """The state folder is the user's alone; the regional notes are no wider than the
    case files beside them (0600 here) — whatever the umask."""
    from tests.test_app import run
    from zntui.ui.app import ZntuiApp

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("2", "f")  # the pane change is remembered; a follow-up added
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Overleg", "enter")
        await pilot.pause()

    old = os.umask(0)
    try:
        run(ZntuiApp(cases, registry, watch=False), scenario)
    finally:
        os.umask(old)
    state = Path(os.environ["XDG_STATE_HOME"]) / "zntui"
    assert mode_of(state) == 0o700
    assert mode_of(state / "folders.json") == 0o600
    assert "Overleg" in (cases / NOTES_FILE).read_text()
    assert mode_of(cases / NOTES_FILE) == 0o600


# --- the app: w, W and x ask before replacing and never write a case -------------------


def test_app_saves_never_write_over_a_case_and_ask_before_replacing(
    registry, cases: Path, rita: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input

    from tests.test_app import run
    from zntui.ui.app import ZntuiApp
    from zntui.ui.prompts import ChoicePrompt, TextPrompt

    mine = tmp_path / "mijn.md"
    mine.write_text("mijn aantekeningen\n")
    alias = tmp_path / "export.csv"
    alias.symlink_to(rita)  # a name that looks like an export, leading to a case
    before = snapshot(cases)

    async def save_as(app: ZntuiApp, pilot: Any, keys: tuple[str, ...], target: Path) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the file is written in a worker
        await pilot.pause()

    def messages(app: ZntuiApp) -> list[str]:
        return [n.message for n in app._notifications]

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        for keys, target in ((("w",), alias), (("W",), rita), (("3", "x"), rita)):
            await save_as(app, pilot, keys, target)
            assert not isinstance(app.screen, ChoicePrompt)  # no "overwrite?" for a case
            assert "symbolische koppeling" in messages(app)[-1] or (
                "nooit een .toml-bestand" in messages(app)[-1]
            )
        await pilot.press("1")
        await save_as(app, pilot, ("W",), mine)
        assert isinstance(app.screen, ChoicePrompt)  # exists: asked, "nee" first
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert mine.read_text() == "mijn aantekeningen\n"
        assert messages(app)[-1] == "Niet opgeslagen."
        await save_as(app, pilot, ("w",), mine)
        assert isinstance(app.screen, ChoicePrompt)
        await pilot.press("j", "enter")  # ja, overschrijven
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert mine.read_text().startswith("| # | casus |")
        await save_as(app, pilot, ("w",), tmp_path / "no" / "such" / "x.csv")
        assert "die map bestaat niet" in messages(app)[-1]
        assert app.is_running

    run(ZntuiApp(cases, registry, watch=False), scenario)
    assert snapshot(cases) == before
    assert mode_of(mine) == 0o600  # replaced by a file no wider than the cases


# --- kills mid-save and concurrent writers ----------------------------------------------


def _saving_child(rita: Path, ready: int) -> None:
    """Save notes as fast as it can until killed (the window a kill must hit)."""
    for i in range(1_000_000):
        loaded = load_review(rita, RITA_ID)
        save_review(rita, loaded, add_note(loaded.review, f"n{i}", by="kill"))
        if i == 0:
            os.write(ready, b"x")


def test_kill_9_mid_save_never_tears_the_review_and_leftovers_are_cleaned(
    cli, cases: Path, rita: Path
) -> None:
    rng = random.Random(14)
    audit = 0
    leftovers: set[Path] = set()
    for _ in range(25):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child is killed
            os.close(read)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            try:
                _saving_child(rita, write)
            finally:
                os._exit(0)
        os.close(write)
        os.read(read, 1)
        os.close(read)
        time.sleep(rng.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        # Whole after every kill, and the audit only ever grew.
        review = load_review(rita, RITA_ID).review
        assert len(review.audit) >= audit
        audit = len(review.audit)
        leftovers |= {p for p in rita.parent.iterdir() if p.name.endswith(".tmp")}
    assert leftovers, "no kill landed inside a save: the attack did not attack"

    # Never listed as cases, by check, triage or the app's discovery.
    checked = cli("check", cases)
    assert checked.code == 0 and ".tmp" not in checked.out, checked.out
    triaged = json.loads(cli("triage", cases, "--format", "json").out)
    assert len(triaged["cases"]) == 8

    # A fresh leftover (a writer may still be at work) is kept; a stale one is removed
    # by the next save in that folder, and nothing else is.
    stale = sorted(p for p in leftovers if p.exists())
    young = stale.pop()
    for path in stale:
        os.utime(path, (time.time() - 3600,) * 2)
    foreign = rita.parent / ".notities.txt.abcd1234.tmp"  # not one of zntui's
    foreign.write_text("van iemand anders")
    os.utime(foreign, (time.time() - 3600,) * 2)
    assert cli("note", rita, "na de kills").code == 0
    remaining = {p for p in rita.parent.iterdir() if p.name.endswith(".tmp")}
    assert remaining == {young, foreign}
    assert load_review(rita, RITA_ID).review.notes[-1].text == "na de kills"


def test_a_stale_looking_temporary_file_a_live_writer_holds_is_kept(cli, rita: Path) -> None:
    import fcntl

    assert cli("note", rita, "eerste").code == 0
    held = rita.parent / f".{sidecar_path(rita).name}.live0001.tmp"
    held.write_text("halverwege")
    os.utime(held, (time.time() - 3600,) * 2)  # old, but someone is still writing it
    link = rita.parent / f".{sidecar_path(rita).name}.link0001.tmp"
    link.symlink_to(rita)
    os.utime(link, (time.time() - 3600,) * 2, follow_symlinks=False)
    read, write = os.pipe()
    go_read, go_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - a stand-in for a live writer in another process
        fd = os.open(held, os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(write, b"x")
        os.read(go_read, 1)
        os._exit(0)
    try:
        os.read(read, 1)
        assert cli("note", rita, "tweede").code == 0
        assert held.read_text() == "halverwege" and link.is_symlink()
    finally:
        os.write(go_write, b"x")
        os.waitpid(pid, 0)
    assert cli("note", rita, "derde").code == 0  # the writer is gone: now it is stale
    assert not held.exists() and link.is_symlink() and rita.exists()


def test_concurrent_writers_lose_nothing(cases: Path, rita: Path, tmp_path: Path) -> None:
    """Four processes add notes to one case at once: each note is saved or refused with
    exit 2, never silently lost; every saved one is in the audit."""
    children = []
    for writer in range(4):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            codes = {}
            try:
                for i in range(6):
                    text = f"schrijver {writer} notitie {i}"
                    codes[text] = main(["note", str(rita), text])
            finally:
                (tmp_path / f"codes-{writer}.json").write_text(json.dumps(codes))
                os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    codes: dict[str, int] = {}
    for writer in range(4):
        codes |= json.loads((tmp_path / f"codes-{writer}.json").read_text())
    assert len(codes) == 24 and set(codes.values()) <= {0, 2}
    review = load_review(rita, RITA_ID).review
    saved = sorted(t for t, c in codes.items() if c == 0)
    assert sorted(n.text for n in review.notes) == saved
    assert len(review.audit) == len(saved)
    assert not [p for p in rita.parent.iterdir() if p.name.endswith(".tmp")]
