"""Shell completion: what `zntui __complete` offers, and each shell's script in that shell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BUILTINS, SAMPLES
from tests.test_tmux import Tmux

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}


def offered(cli, *words: str) -> list[str]:
    result = cli("__complete", *words)
    assert result.code == 0 and result.err == ""
    return result.out.splitlines()


def test_commands_and_options(cli) -> None:
    assert {"triage", "check", "judge", "completion", "serve"} <= set(offered(cli, ""))
    assert offered(cli, "tr") == ["triage"]
    assert offered(cli, "triage", "--f") == ["--format", "--framework", "--fail-under"]
    assert "--exit-zero" in offered(cli, "triage", SAMPLES, "--")
    assert offered(cli, "triage", "--format", "j") == ["json", "jsonl", "junit"]
    assert offered(cli, "triage", "--format=m") == ["--format=markdown"]
    assert offered(cli, "completion", "") == ["bash", "zsh", "fish"]
    assert offered(cli, "--read") == ["--read-only"]  # the app's own options


def test_ids_and_words_come_from_the_frameworks(cli, registry) -> None:
    assert offered(cli, "triage", SAMPLES, "--framework", "") == sorted(registry.frameworks)
    ids = offered(cli, "rules", "explain", "ZN.IZ.")
    assert ids == [f"ZN.IZ.{i}" for i in range(1, 7)]  # in number order
    assert set(ids) == {i for i in ids if registry.criterion(i)}
    verdicts = offered(cli, "judge", "x.toml", "ZN.IZ.2", "")
    assert {"VN", "VGN", "voldoet_niet", "niet_beoordeeld"} <= set(verdicts)
    assert offered(cli, "triage", SAMPLES, "--fail-under", "VG") == ["VG", "VGN"]
    assert offered(cli, "status", "x.toml", "") == ["nieuw", "in_behandeling", "afgerond"]
    assert "no:ambulante_ggz" in offered(cli, "triage", SAMPLES, "-p", "no:")


def test_files_where_a_path_belongs(cli) -> None:
    # Nothing offered: each script then completes a file or folder name.
    assert offered(cli, "triage", "samp") == []
    assert offered(cli, "sample") == []  # `zntui DIR` opens the app
    assert offered(cli, "judge", "") == []


def test_a_broken_plugin_never_breaks_the_shell(cli, tmp_path: Path) -> None:
    (tmp_path / "kapot.py").write_text("raise SystemError('kapot')\n")
    words = ("--plugins-dir", tmp_path, "rules", "explain", "ZN.IZ.1")
    assert offered(cli, "rules", "--plugins-dir", tmp_path, "explain", "ZN.IZ.1") == ["ZN.IZ.1"]
    assert cli("__complete", *words).code == 0


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish() -> None:
    def complete(line: str) -> list[str]:
        script = f'zntui completion fish | source; complete -C "{line}"'
        done = subprocess.run(
            ["fish", "--no-config", "-c", script], env=ENV, capture_output=True, text=True,
            timeout=60, cwd=SAMPLES.parent,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return [line.split("\t")[0] for line in done.stdout.splitlines()]

    assert complete("zntui rules explain GGZ.VE.") == ["GGZ.VE.1", "GGZ.VE.2", "GGZ.VE.3"]
    assert "voldoet_grotendeels_niet" in complete("zntui judge x.toml ZN.IZ.2 voldoet_g")
    assert complete("zntui triage sample_c") == ["sample_cases/"]  # files as fallback


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.skip("needs tmux")
    session = Tmux(f"zntui-compl-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    yield session
    session("kill-server")


SHELLS = {
    "bash": ["bash", "--norc", "--noprofile", "-i"],
    "zsh": ["zsh", "-f", "-i"],
}
SETUP = {
    "bash": 'eval "$(zntui completion bash)"',
    "zsh": 'autoload -Uz compinit && compinit -u && eval "$(zntui completion zsh)"',
}


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_bash_and_zsh_in_a_terminal(tmux: Tmux, shell: str) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    command = " ".join(SHELLS[shell])
    env = f"env PATH={BIN}:$PATH ZNTUI_LOAD_PLUGINS={BUILTINS} PS1='$ ' PROMPT='$ '"
    tmux("new-session", "-d", "-s", "zntui", "-x", "100", "-y", "30", "-c",
         str(SAMPLES.parent), f"{env} {command}")  # fmt: skip
    tmux("send-keys", "-t", "zntui", SETUP[shell], "Enter")
    tmux("send-keys", "-t", "zntui", "clear", "Enter")
    # A unique prefix completes in place…
    tmux("send-keys", "-t", "zntui", "zntui judge x.toml ZN.IZ.2 voldoet_grotendeels_n", "Tab")
    tmux.wait_for("voldoet_grotendeels_niet", timeout=60)
    tmux("send-keys", "-t", "zntui", "C-u")
    tmux("send-keys", "-t", "zntui", "clear", "Enter")
    # …an ambiguous one lists the criterion ids (bash on the second Tab).
    tmux("send-keys", "-t", "zntui", "zntui rules explain GGZ.VE.", "Tab", "Tab")
    screen = tmux.wait_for("GGZ.VE.3", timeout=60)
    assert "GGZ.VE.1" in screen and "GGZ.VE.2" in screen
    tmux("send-keys", "-t", "zntui", "C-u")
    # A path falls back to the shell's own file completion.
    tmux("send-keys", "-t", "zntui", "zntui triage sample_c", "Tab")
    tmux.wait_for("zntui triage sample_cases/", timeout=60)


def test_completion_after_the_app_was_opened_in_this_process(cli, tmp_path: Path) -> None:
    # Once `zntui.cli.open` is imported, the name `open` in zntui.cli is that module.
    import zntui.cli.open  # noqa: F401

    assert offered(cli, "tr") == ["triage"]
