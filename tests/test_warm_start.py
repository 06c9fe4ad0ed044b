"""A warm start: ``zntui triage`` on what the cache holds whole loads no plugin.

Each run here is a fresh process (as a user's is), with a cache folder of the test's
own. What is asserted: a warm run imports none of pydantic, the models, the checks or
the plugins' modules (the class of fault: the one-file path importing and building
everything whatever it needs); a plugin or config changed on disk after the row was
cached gives a fresh verdict, never the cached one; and warm, cold and ``--no-cache``
print the same bytes, in every format.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILTINS, SAMPLES

HEAVY = (
    "pydantic",
    "pydantic_core",
    "pluggy",
    "importlib.metadata",
    "zntui.model.case",
    "zntui.model.framework",
    "zntui.model.review",
    "zntui.config",
    "zntui.checks",
    "zntui.engine.assess",
    "zntui.engine.check_run",
    "zntui.store.reader",
    "zntui_network_checks",
    "zntui_zorgnetwerken",
    "zntui_ambulante_ggz",
    "zntui_local_plugin_extra",
)
"""What a warm one-file triage must not import."""

RUN = """
import json, sys
from zntui.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump(sorted(sys.modules), out)
sys.exit(code)
"""

PLUGIN = """
import os
from pathlib import Path
from zntui import hookimpl
from zntui.checks import Outcome
from zntui.model.framework import load_framework_toml

__version__ = "1"
VERDICT = "voldoet"


def _check(case, params):
    with open(os.environ["EXTRA_LOG"], "a") as log:
        log.write(case.id + "\\n")
    return Outcome(VERDICT, ["gezien"])


@hookimpl
def zntui_register_frameworks(register):
    register(load_framework_toml(Path(__file__).with_name("extra.toml")))


@hookimpl
def zntui_register_checks(register):
    register("extra_check", _check)
"""

RULES = """id = "extra"
title = "Extra kader"
version = "1"
[[themes]]
id = "X"
title = "Extra"
[[themes.norms]]
id = "X-N1"
text = "n"
[[themes.norms.criteria]]
id = "X.1"
text = "extra"
gloss = "extra"
check = "extra_check"
"""


class Runner:
    """``zntui`` in a fresh process, in ``tmp_path``, with the test's own cache."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        # Nothing is written where the runs start (the folder is on their sys.path).
        self.cwd = tmp_path / "cwd"
        self.cwd.mkdir()
        self.out = tmp_path / "out"
        self.out.mkdir()
        self.log = self.out / "checks.log"
        self.env = {**os.environ, "EXTRA_LOG": str(self.log), "ZNTUI_LOAD_PLUGINS": BUILTINS}
        # PYTHONDONTWRITEBYTECODE stays as it is: a first run that writes bytecode
        # changes package folders while it builds, and is then (rightly) not snapshotted.

    def __call__(self, *args: str | Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
        modules = self.out / "modules.json"
        done = subprocess.run(
            [sys.executable, "-c", RUN, str(modules), *map(str, args)],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return done, set(json.loads(modules.read_text()))

    def checks_run(self) -> int:
        return len(self.log.read_text().splitlines()) if self.log.exists() else 0


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.fixture
def run(tmp_path: Path) -> Runner:
    return Runner(tmp_path)


@pytest.fixture
def extra(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with one case that also names the framework of a local plugin, and
    that plugin's folder: (case file, plugins folder)."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "extra.py").write_text(PLUGIN)
    (plugins / "extra.toml").write_text(RULES)
    cases = tmp_path / "cases"
    cases.mkdir()
    source = SAMPLES / "rijnmond" / "kees-verbeek.toml"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^frameworks = \[", 'frameworks = ["extra", ', text, count=1)
    case = cases / "kees.toml"
    case.write_text(text, encoding="utf-8")
    return case, plugins


def _masked(stdout: str) -> str:
    """The triage JSON without the moment it was generated."""
    return re.sub(r'"generated": "[^"]*"', '"generated": ""', stdout)


def _verdict(stdout: str, criterion: str) -> str:
    (case,) = json.loads(stdout)["cases"]
    return next(c["verdict"] for c in case["criteria"] if c["id"] == criterion)


def test_a_warm_one_file_triage_imports_no_plugin_nor_pydantic(run: Runner) -> None:
    case = run.tmp / "kees.toml"
    shutil.copy(SAMPLES / "rijnmond" / "kees-verbeek.toml", case)
    cold, cold_modules = run("triage", case)
    assert cold.returncode == 0, cold.stderr
    assert "zntui.model.case" in cold_modules  # the cold run scored it: the models came
    for fmt in ("table", "json", "csv", "jsonl", "markdown", "junit"):
        warm, modules = run("triage", case, "--format", fmt)
        assert warm.returncode == 0, warm.stderr
        assert heavy(modules) == [], fmt
    # The file changed: it is scored again, with everything that takes.
    case.write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again, modules = run("triage", case)
    assert again.stdout == cold.stdout and "zntui.checks" in modules


def test_warm_cold_and_no_cache_print_the_same_bytes(run: Runner) -> None:
    folder = run.tmp / "cases"
    shutil.copytree(SAMPLES, folder)
    one = folder / "rijnmond" / "kees-verbeek.toml"
    # A review sidecar, an invalid file and a case id used twice among them.
    assert run("note", one, "gezien")[0].returncode == 0
    text = one.read_text(encoding="utf-8")
    broken = folder / "twente" / "kapot.toml"
    broken.write_text(text.replace("[client]", "onbekend = 1\n[client]", 1), encoding="utf-8")
    shutil.copy(folder / "utrecht" / "jannie-de-graaf.toml", folder / "utrecht" / "kopie.toml")
    every = [
        ["--format", "table"],
        ["--format", "json"],
        ["--format", "jsonl"],
        ["--format", "csv"],
        ["--format", "markdown"],
        ["--format", "junit"],
        ["--statistics"],
        ["--statistics", "--format", "json"],
        ["--fail-under", "VGN"],
        ["--framework", "zorgnetwerken", "--status", "nieuw"],
    ]
    changed = 0
    for target, touched, options in (
        (one, one, every),
        (folder, one, [["--format", "table"], ["--format", "json"], ["--format", "csv"]]),
        (broken, broken, [["--format", "table"], ["--format", "json"]]),
    ):
        for option in options:
            seen = []
            for mode in ("no cache", "cold", "warm"):
                if mode == "cold":  # the file changed: its row no longer holds
                    changed += 1
                    stat = touched.stat()
                    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + changed * 10**9))
                done, modules = run(
                    "triage", target, *option, *(["--no-cache"] * (mode == "no cache"))
                )
                seen.append((done.returncode, _masked(done.stdout), done.stderr))
                assert (heavy(modules) == []) == (mode == "warm"), (target, option, mode)
            assert seen[0] == seen[1] == seen[2], (target, option)
            assert seen[0][1] or seen[0][0] == 2


def test_a_plugin_changed_on_disk_gives_a_fresh_verdict(
    run: Runner, extra: tuple[Path, Path]
) -> None:
    case, plugins = extra
    triage = ("triage", case, "--plugins-dir", plugins, "--format", "json")
    first, _ = run(*triage)
    assert first.returncode == 0, first.stderr
    assert _verdict(first.stdout, "X.1") == "voldoet" and run.checks_run() == 1
    warm, modules = run(*triage)
    assert _masked(warm.stdout) == _masked(first.stdout) and run.checks_run() == 1  # cached
    assert heavy(modules) == []
    # The plugin's code: another verdict.
    code = plugins / "extra.py"
    code.write_text(code.read_text().replace('VERDICT = "voldoet"', 'VERDICT = "voldoet_niet"'))
    edited, _ = run(*triage)
    assert _verdict(edited.stdout, "X.1") == "voldoet_niet" and run.checks_run() == 2
    assert run(*triage)[1] and run.checks_run() == 2
    # Its version alone: scored again.
    code.write_text(code.read_text().replace('__version__ = "1"', '__version__ = "2"'))
    assert run(*triage)[0].returncode == 0 and run.checks_run() == 3
    # Its rules file (data, not code): the new title is shown, the case scored again.
    rules = plugins / "extra.toml"
    rules.write_text(rules.read_text().replace("Extra kader", "Ander kader"))
    renamed, _ = run(*triage)
    assert json.loads(renamed.stdout)["frameworks"]["extra"]["title"] == "Ander kader"
    assert run.checks_run() == 4
    # A plugin added to the folder: its framework is listed.
    (plugins / "other.py").write_text(
        PLUGIN.replace("extra.toml", "other.toml").replace("extra_check", "other_check")
    )
    (plugins / "other.toml").write_text(
        RULES.replace('"extra"', '"other"').replace("X", "O").replace("extra_check", "other_check")
    )
    added, _ = run(*triage)
    assert set(json.loads(added.stdout)["frameworks"]) >= {"extra", "other"}, added.stderr


def test_a_plugin_disabled_after_the_row_was_cached_is_seen(
    run: Runner, extra: tuple[Path, Path]
) -> None:
    case, plugins = extra
    triage = ("triage", case, "--plugins-dir", plugins)
    assert run(*triage)[0].returncode == 0
    assert run(*triage)[0].returncode == 0 and run.checks_run() == 1
    # Disabled by the folder's config, right after a warm run: the framework is gone.
    config = case.parent / "zntui.toml"
    config.write_text('disable_plugins = ["extra"]\n')
    done, _ = run(*triage)
    assert done.returncode == 2, done.stderr
    assert "geen geladen plugin levert toetsingskader 'extra'" in done.stderr
    # The config's rule parameters instead: scored again, then warm.
    config.write_text("[rule_params.extra_check]\nanything = 1\n")
    assert run(*triage)[0].returncode == 0 and run.checks_run() == 2
    assert run(*triage)[0].returncode == 0 and run.checks_run() == 2
    # Disabled by option.
    done, _ = run(*triage, "-p", "no:extra")
    assert done.returncode == 2 and "'extra'" in done.stderr


def test_an_entry_point_plugin_upgraded_gives_a_fresh_verdict(run: Runner, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    # No __version__ of its own: the distribution's version is the plugin's.
    code = PLUGIN.replace('__version__ = "1"\n', "")
    (site / "zntui_extra_plugin.py").write_text(
        code.replace('Path(__file__).with_name("extra.toml")', "Path(os.environ['EXTRA_RULES'])")
    )
    rules = tmp_path / "extra.toml"
    rules.write_text(RULES)

    def install(version: str) -> None:
        for old in site.glob("*.dist-info"):
            shutil.rmtree(old)
        dist = site / f"zntui_extra-{version}.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: zntui-extra\nVersion: {version}\n"
        )
        (dist / "entry_points.txt").write_text("[zntui]\nextra = zntui_extra_plugin\n")

    install("1.0")
    run.env.update(
        PYTHONPATH=str(site),
        EXTRA_RULES=str(rules),
        ZNTUI_LOAD_PLUGINS=f"{BUILTINS},extra",
    )
    case = tmp_path / "kees.toml"
    text = (SAMPLES / "rijnmond" / "kees-verbeek.toml").read_text(encoding="utf-8")
    case.write_text(re.sub(r"(?m)^frameworks = \[", 'frameworks = ["extra", ', text, count=1))
    for _ in range(2):
        done, modules = run("triage", case)
        assert done.returncode == 0, done.stderr
    assert run.checks_run() == 1 and heavy(modules) == []
    install("1.1")
    assert run("triage", case)[0].returncode == 0 and run.checks_run() == 2
    # Uninstalled: the framework is no longer provided.
    for old in site.glob("*.dist-info"):
        shutil.rmtree(old)
    gone, _ = run("triage", case)
    assert gone.returncode == 2 and "'extra'" in gone.stderr


@pytest.mark.parametrize("xdg", ["/tmp/zntui-elders", "relative/cache", "", None])
def test_the_cache_is_where_platformdirs_puts_it(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import user_cache_path

    from zntui.store.cache import default_path

    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert default_path() == user_cache_path("zntui", appauthor=False) / "cases.sqlite3"
