"""A plugin is someone else's code: every way it can misbehave ends as a named fault.

A plugins dir holds one plugin, ``faulty``, whose framework ``faults`` has one criterion
per misbehaviour (sys.exit, os._exit, KeyboardInterrupt, BaseException, sleeping past
the framework's time limit, printing to stdout) beside a criterion that behaves. The
cases name that framework too. Triage runs in process and on worker processes; each
fault must be a regelfout naming the plugin, the JSON must parse, the run must go on.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.conftest import BUILTINS, SAMPLES
from zntui.cli import main

FAULTS = {
    "exit": "sys.exit(3)",
    "os_exit": "os._exit(4)",
    "interrupt": "raise KeyboardInterrupt",
    "base": "raise BaseException('weg')",
    "sleep": "time.sleep(3600)",
    "spin": "while True: pass",
    "print": 'print(\'{"not": "json"}\')',
}

PLUGIN = """
import os, sys, time
from pathlib import Path
from zntui import hookimpl
from zntui.checks import V, Outcome
from zntui.model.framework import load_framework_toml

ONLY = os.environ.get("FAULTY_ONLY_CASE")


def _guarded(body):
    def check(case, params):
        if ONLY is None or case.id == ONLY:
            body()
        return Outcome(V, ["gezien"])
    return check


@hookimpl
def zntui_register_frameworks(register):
    register(load_framework_toml(Path(__file__).with_name("faults.toml")))


@hookimpl
def zntui_register_checks(register):
    register("faulty_fine", lambda case, params: Outcome(V, ["in orde"]))
{registrations}
"""


def _plugin_dir(tmp_path: Path, time_limit: float) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    registrations = []
    criteria = [
        '[[themes.norms.criteria]]\nid = "F.1"\ntext = "goed"\ngloss = "fine"\n'
        'check = "faulty_fine"\n'
    ]
    for n, (name, body) in enumerate(FAULTS.items(), start=2):
        registrations.append(
            f"    def _{name}():\n        {body}\n"
            f"    register('faulty_{name}', _guarded(_{name}))\n"
        )
        criteria.append(
            f'[[themes.norms.criteria]]\nid = "F.{n}"\ntext = "{name}"\ngloss = "{name}"\n'
            f'check = "faulty_{name}"\n'
        )
    (folder / "faulty.py").write_text(PLUGIN.replace("{registrations}", "\n".join(registrations)))
    (folder / "faults.toml").write_text(
        f'id = "faults"\ntitle = "Fouten"\nversion = "1"\ntime_limit = {time_limit}\n'
        '[[themes]]\nid = "F"\ntitle = "Fouten"\n[[themes.norms]]\nid = "F-N1"\ntext = "n"\n'
        + "\n".join(criteria)
    )
    return folder


def _cases(tmp_path: Path, count: int) -> Path:
    cases = tmp_path / "cases"
    assert main(["generate", str(cases), "--count", str(count), "--seed", "3"]) == 0
    for path in cases.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^frameworks = \[", 'frameworks = ["faults", ', text, count=1))
    return cases


def _triage(
    cases: Path, plugins: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess:
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "zntui",
            "triage",
            str(cases),
            "--plugins-dir",
            str(plugins),
            "--format",
            "json",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "ZNTUI_LOAD_PLUGINS": BUILTINS, **env},
    )
    done.elapsed = time.monotonic() - started  # type: ignore[attr-defined]
    return done


def _assert_faults_named(stdout: str, expect_cases: int, faulty_case: str | None) -> None:
    data = json.loads(stdout)  # stdout is whole JSON: nothing a check printed is in it
    assert len(data["cases"]) == expect_cases
    for case in data["cases"]:
        results = {c["id"]: c for c in case["criteria"]}
        assert results["F.1"]["verdict"] == "voldoet"
        for n, name in enumerate(FAULTS, start=2):
            result = results[f"F.{n}"]
            if faulty_case is not None and case["case"] != faulty_case:
                assert result["verdict"] == "voldoet", (case["case"], name, result)
                continue
            assert result["source"] == "regelfout", (name, result)
            assert "plugin faulty" in result["error"] and f"faulty_{name}" in result["error"]
        # The other frameworks were scored as usual.
        assert any(c["source"] == "automatisch" for c in case["criteria"])


def test_every_fault_in_process_is_a_rule_error_naming_the_plugin(tmp_path: Path) -> None:
    plugins = _plugin_dir(tmp_path, time_limit=0.5)
    cases = _cases(tmp_path, 3)
    done = _triage(cases, plugins, {"ZNTUI_WORKERS": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr
    _assert_faults_named(done.stdout, 3, None)
    # Two checks run past 0.5 s on three cases: stopped, not waited for.
    assert done.elapsed < 60


def test_every_fault_in_worker_processes_is_a_rule_error(tmp_path: Path) -> None:
    plugins = _plugin_dir(tmp_path, time_limit=0.5)
    cases = _cases(tmp_path, 210)  # workers start from 200 cases
    faulty = "GEN-3-000007"
    done = _triage(cases, plugins, {"ZNTUI_WORKERS": "2", "FAULTY_ONLY_CASE": faulty}, timeout=300)
    assert done.returncode == 0, done.stderr
    _assert_faults_named(done.stdout, 210, faulty)


def test_a_check_that_kills_its_worker_is_named_and_the_run_ends(tmp_path: Path) -> None:
    plugins = _plugin_dir(tmp_path, time_limit=5)
    text = (plugins / "faulty.py").read_text()
    # The 'exit' check kills its own process for one case, where nothing can catch it.
    (plugins / "faulty.py").write_text(
        text.replace("sys.exit(3)", "import signal; os.kill(os.getpid(), signal.SIGKILL)")
    )
    cases = _cases(tmp_path, 210)
    faulty = "GEN-3-000007"
    done = _triage(cases, plugins, {"ZNTUI_WORKERS": "2", "FAULTY_ONLY_CASE": faulty}, timeout=300)
    assert done.returncode == 2, done.stderr  # one file could not be scored: named, exit 2
    data = json.loads(done.stdout)
    assert len(data["cases"]) == 209
    (error,) = data["errors"]
    assert error["path"].endswith(f"{faulty.lower()}.toml")
    assert "signal 9" in error["problems"][0]["message"]
    assert faulty.lower() in done.stderr


def test_a_framework_no_plugin_provides_fails_the_run(tmp_path: Path, cli) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(SAMPLES, cases)
    for flags in ([], ["--fail-under", "VN"]):
        result = cli("triage", cases, "-p", "no:zorgnetwerken", "--no-cache", *flags)
        assert result.code == 2, result.err
        assert "geen geladen plugin levert toetsingskader 'zorgnetwerken'" in result.err
    result = cli("report", cases, "--level", "national", "-p", "no:zorgnetwerken", "--no-cache")
    assert result.code == 2 and "'zorgnetwerken'" in result.err
    assert cli("triage", cases, "--no-cache").code == 0


def _plugin(folder: Path, name: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(
        "from zntui import hookimpl\nfrom zntui.checks import V, Outcome\n" + textwrap.dedent(body)
    )


def _plugins_json(cli, folder: Path) -> dict[str, dict]:
    result = cli("plugins", "--plugins-dir", folder, "--format", "json")
    return {row["name"]: row for row in json.loads(result.out)}


def test_duplicate_ids_go_to_the_implementation_pluggy_calls_first(tmp_path: Path, cli) -> None:
    folder = tmp_path / "plugins"
    register = textwrap.dedent("""
        def zntui_register_checks(register):
            register("dup_check", lambda case, params: Outcome(V, ["{name}"]))
    """)
    # Loaded a, then b: pluggy calls b first (last registered), and tryfirst before both.
    _plugin(folder, "a_first_file", "@hookimpl(tryfirst=True)" + register.format(name="a"))
    _plugin(folder, "b_plain", "@hookimpl" + register.format(name="b"))
    rows = _plugins_json(cli, folder)
    assert not rows["a_first_file"]["error"]
    assert rows["a_first_file"]["checks"] == ["dup_check"]
    assert "al geregistreerd door a_first_file" in rows["b_plain"]["error"]


def test_hook_wrappers_are_refused_by_name(tmp_path: Path, cli) -> None:
    folder = tmp_path / "plugins"
    for name, mark in (("new_style", "wrapper=True"), ("old_style", "hookwrapper=True")):
        _plugin(
            folder,
            name,
            f"""
            @hookimpl({mark})
            def zntui_register_checks(register):
                register("{name}_check", lambda case, params: Outcome(V, []))
                yield
            """,
        )
    rows = _plugins_json(cli, folder)
    for name, mark in (("new_style", "wrapper=True"), ("old_style", "hookwrapper=True")):
        assert mark in rows[name]["error"] and "kent geen wrappers" in rows[name]["error"]
        assert rows[name]["checks"] == []


def test_a_plugin_that_exits_while_loading_is_a_plugin_error(tmp_path: Path, cli) -> None:
    folder = tmp_path / "plugins"
    _plugin(folder, "exits_on_import", "import sys\nprint('rommel')\nsys.exit(5)\n")
    result = cli("triage", SAMPLES, "--plugins-dir", folder, "--format", "json", "--no-cache")
    assert result.code == 0
    json.loads(result.out)  # nothing it printed is in the JSON
    assert "plugin exits_on_import: importeren mislukt" in result.err


def test_the_app_says_when_no_plugin_provides_a_framework() -> None:
    from tests.test_app import run
    from zntui.plugins import load_registry
    from zntui.ui.app import ZntuiApp

    registry = load_registry(disabled=["zorgnetwerken"])

    async def scenario(app: ZntuiApp, pilot) -> None:
        shown = [(n.title, n.message) for n in app._notifications]
        assert any(
            title == "Toetsingskader ontbreekt" and "zorgnetwerken" in message
            for title, message in shown
        ), shown

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
