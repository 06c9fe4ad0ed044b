"""Third-party plugins: a plugins-dir file, an installed package, and failures contained."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import BUILTINS, SAMPLES, make_case, write_case
from zntui.engine import assess_case
from zntui.engine.results import Source
from zntui.plugins import load_registry

RULES = """
id = "wijkverpleging"
title = "Toezicht op de wijkverpleging"
version = "2026-test"

[[themes]]
id = "VE"
title = "Veiligheid"

[[themes.norms]]
id = "WV.VE-N1"
text = "De zorg is veilig"

[[themes.norms.criteria]]
id = "WV.VE.1"
text = "Er is een coördinator"
gloss = "a coordinator"
check = "wv_has_coordinator"

[[themes.norms.criteria]]
id = "WV.VE.2"
text = "De check van deze regel faalt"
gloss = "a check that raises"
check = "wv_raises"
"""

PLUGIN = """
from pathlib import Path
from zntui import hookimpl
from zntui.checks import V, VN, Outcome
from zntui.model.framework import load_framework_toml

__version__ = "0.3.1"
RULES = Path(__file__).with_name("wv_rules.toml")

def has_coordinator(case, params):
    if any(m.coordinator for m in case.members):
        return Outcome(V, ["Er is een coördinator."])
    return Outcome(VN, ["Niemand coördineert."])

def raises(case, params):
    raise RuntimeError("kapot")

@hookimpl
def zntui_register_frameworks(register):
    register(load_framework_toml(RULES))

@hookimpl
def zntui_register_checks(register):
    register("wv_has_coordinator", has_coordinator)
    register("wv_raises", raises)
"""


def plugin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "wv_rules.toml").write_text(RULES)
    (folder / "wijkverpleging.py").write_text(PLUGIN)
    return folder


def test_plugins_dir_framework_scores_cases(tmp_path: Path) -> None:
    registry = load_registry(plugins_dirs=[plugin_dir(tmp_path)])
    assert registry.errors == []
    assert registry.plugins["wijkverpleging"].source == "plugins dir"
    case = make_case(frameworks=["zorgnetwerken", "wijkverpleging"])
    a = assess_case(case, registry)
    wv1 = next(r for r in a.results if r.criterion == "WV.VE.1")
    assert (wv1.verdict, wv1.plugin) == ("voldoet_niet", "wijkverpleging")
    # The raising check is contained: a rule error naming the plugin, nothing else hurt.
    wv2 = next(r for r in a.results if r.criterion == "WV.VE.2")
    assert wv2.source is Source.RULE_ERROR and wv2.verdict == "niet_beoordeeld"
    assert wv2.error == "plugin wijkverpleging: controle wv_raises gaf RuntimeError: kapot"
    assert sum(1 for r in a.results if r.source is Source.RULE_ERROR) == 1
    assert a.theme("zorgnetwerken", "IZ") is not None


def test_cli_lists_and_explains_a_plugins_dir_framework(cli, tmp_path: Path) -> None:
    folder = plugin_dir(tmp_path)
    listed = cli("plugins", "--plugins-dir", folder)
    assert "wijkverpleging 0.3.1  [plugins dir]" in listed.out
    assert "toetsingskaders: wijkverpleging (2 criteria)" in listed.out
    explained = cli("rules", "explain", "WV.VE.1", "--plugins-dir", folder)
    assert "Controle:       wv_has_coordinator [plugin wijkverpleging]" in explained.out
    cases = tmp_path / "cases"
    write_case(cases, "a.toml", frameworks=["wijkverpleging"])
    triaged = json.loads(cli("triage", cases, "--format", "json", "--plugins-dir", folder).out)
    errors = [c for c in triaged["cases"][0]["criteria"] if c["error"]]
    assert [c["id"] for c in errors] == ["WV.VE.2"]


def test_installed_package_with_entry_point(tmp_path: Path) -> None:
    site = tmp_path / "site"
    package = site / "zntui_wijkverpleging"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(PLUGIN)
    (package / "wv_rules.toml").write_text(RULES)
    dist = site / "zntui_wijkverpleging-0.3.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: zntui-wijkverpleging\nVersion: 0.3.1\n"
    )
    (dist / "entry_points.txt").write_text("[zntui]\nwijkverpleging = zntui_wijkverpleging\n")
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "ZNTUI_LOAD_PLUGINS": f"{BUILTINS},wijkverpleging",
    }
    exe = Path(sys.executable).with_name("zntui")
    out = subprocess.run(
        [exe, "plugins", "--format", "json"], env=env, capture_output=True, text=True, check=True
    )
    plugins = {p["name"]: p for p in json.loads(out.stdout)}
    assert plugins["wijkverpleging"]["source"] == "entry point (zntui-wijkverpleging)"
    assert plugins["wijkverpleging"]["frameworks"] == ["wijkverpleging"]
    assert plugins["wijkverpleging"]["rules"] == 2
    # Built-ins come the same way, with the same fields.
    assert plugins["zorgnetwerken"]["source"] == "entry point (zntui)"
    rules = subprocess.run(
        [exe, "rules", "--framework", "wijkverpleging"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "WV.VE.1" in rules.stdout


def test_a_plugin_that_fails_to_import_is_listed_and_skipped(cli, tmp_path: Path) -> None:
    folder = plugin_dir(tmp_path)
    (folder / "broken.py").write_text("import does_not_exist\n")
    registry = load_registry(plugins_dirs=[folder])
    assert registry.plugins["broken"].error.startswith("importeren mislukt")
    assert "No module named 'does_not_exist'" in registry.plugins["broken"].error
    assert "wijkverpleging" in registry.frameworks
    result = cli("plugins", "--plugins-dir", folder)
    assert result.code == 0
    assert "FOUT: importeren mislukt" in result.out
    assert "plugin broken: importeren mislukt" in result.err


def test_misspelled_hook_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "typo.py").write_text(
        "from zntui import hookimpl\n\n@hookimpl\ndef zntui_register_framework(register):\n"
        "    pass\n"
    )
    registry = load_registry(plugins_dirs=[folder], entry_points=False)
    assert "ongeldige plugin" in (registry.plugins["typo"].error or "")
    assert "zntui_register_framework" in (registry.plugins["typo"].error or "")


def test_duplicate_framework_and_check_ids_are_refused(tmp_path: Path) -> None:
    folder = plugin_dir(tmp_path)
    (folder / "copycat.py").write_text(
        textwrap.dedent(
            """
            from pathlib import Path
            from zntui import hookimpl
            from zntui.model.framework import load_framework_toml

            @hookimpl
            def zntui_register_frameworks(register):
                register(load_framework_toml(Path(__file__).with_name("wv_rules.toml")))

            @hookimpl
            def zntui_register_checks(register):
                register("one_coordinator", lambda case, params: None)
            """
        )
    )
    registry = load_registry(plugins_dirs=[folder])
    # pluggy calls the last registered first (plugins-dir files load in name order,
    # after the entry points): the implementation it calls first keeps the id.
    assert registry.framework_plugin["wijkverpleging"] == "wijkverpleging"
    assert registry.checks["one_coordinator"].plugin == "copycat"
    joined = "\n".join(registry.errors)
    assert (
        "plugin copycat: toetsingskader 'wijkverpleging' is al geregistreerd door wijkverpleging"
        in joined
    )
    assert (
        "plugin network_checks: controle 'one_coordinator' is al geregistreerd door copycat"
        in joined
    )


def test_disable_a_plugin(cli) -> None:
    result = cli("plugins", "-p", "no:ambulante_ggz", "--format", "json")
    assert "ambulante_ggz" not in {p["name"] for p in json.loads(result.out)}
    triaged = json.loads(cli("triage", SAMPLES, "-p", "no:ambulante_ggz", "--format", "json").out)
    kees = next(c for c in triaged["cases"] if c["case"] == "GGZ-2026-0101")
    assert kees["unknown_frameworks"] == ["ambulante_ggz"] and kees["risk"] is None
    bad = cli("plugins", "-p", "ambulante_ggz")
    assert bad.code == 2 and "expected no:NAME" in bad.err


def test_disabling_the_checks_plugin_turns_criteria_into_rule_errors() -> None:
    registry = load_registry(disabled=["network_checks"])
    a = assess_case(make_case(), registry)
    errors = [r for r in a.results if r.source is Source.RULE_ERROR]
    assert errors and all("is niet geregistreerd" in (r.error or "") for r in errors)


def test_plugin_commands(cli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "hello.py").write_text(
        textwrap.dedent(
            """
            from zntui import hookimpl

            @hookimpl
            def zntui_register_commands(register):
                def add(parser):
                    parser.add_argument("name")
                def run(args):
                    print(f"dag {args.name}")
                    return 0
                register("groet", "zeg dag", add, run)
                register("check", "clashes", add, run)
            """
        )
    )
    result = cli("groet", "inspecteur", "--plugins-dir", folder)
    assert (result.code, result.out) == (0, "dag inspecteur\n")
    assert "opdracht 'check' bestaat al" in result.err
