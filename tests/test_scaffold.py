"""Plugin authors: the scaffold installs, is listed, scores, and passes its own tests."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILTINS, ROOT, SAMPLES
from zntui import hookspecs
from zntui.testing import assert_verdict, case_from_toml, make_case

EXE = Path(sys.executable).with_name("zntui")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The scaffold for 'wijkverpleging', installed into a folder of its own."""
    root = tmp_path_factory.mktemp("scaffold")
    package = root / "zntui-wijkverpleging"
    out = subprocess.run(
        [EXE, "new", "plugin", "wijkverpleging", package], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    site = root / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--disable-pip-version-check", "--target", site, package],
        check=True, capture_output=True,
    )  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "ZNTUI_LOAD_PLUGINS": f"{BUILTINS},wijkverpleging",
    }
    return package, env


def test_scaffold_is_listed_and_explained(installed: tuple[Path, dict[str, str]]) -> None:
    _, env = installed
    out = subprocess.run([EXE, "plugins", "--format", "json"], env=env, capture_output=True,
                         text=True, check=True)  # fmt: skip
    plugins = {p["name"]: p for p in json.loads(out.stdout)}
    assert plugins["wijkverpleging"]["frameworks"] == ["wijkverpleging"]
    assert plugins["wijkverpleging"]["rules"] == 2
    assert plugins["wijkverpleging"]["source"] == "entry point (zntui-wijkverpleging)"
    explained = subprocess.run([EXE, "rules", "explain", "WIJK.IZ.1"], env=env,
                               capture_output=True, text=True, check=True)  # fmt: skip
    assert "[plugin wijkverpleging]" in explained.stdout


def test_scaffold_scores_cases(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    _, env = installed
    cases = tmp_path / "cases"
    cases.mkdir()
    rita = (SAMPLES / "twente" / "rita-jansen.toml").read_text()
    (cases / "rita.toml").write_text(
        rita.replace(
            'frameworks = ["zorgnetwerken"]', 'frameworks = ["zorgnetwerken", "wijkverpleging"]'
        )
    )
    out = subprocess.run([EXE, "triage", cases, "--format", "json"], env=env,
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 0, out.stderr
    criteria = {c["id"]: c for c in json.loads(out.stdout)["cases"][0]["criteria"]}
    assert criteria["WIJK.IZ.1"]["verdict"] == "voldoet_niet"
    assert criteria["WIJK.IZ.1"]["plugin"] == "wijkverpleging"
    samples = subprocess.run([EXE, "triage", SAMPLES], env=env, capture_output=True)
    assert samples.returncode == 0


def test_scaffold_own_tests_pass(installed: tuple[Path, dict[str, str]]) -> None:
    package, env = installed
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", package / "tests"],
        env=env, capture_output=True, text=True, cwd=package,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert "6 passed" in out.stdout


def test_scaffold_refuses_a_folder_with_files(cli, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = cli("new", "plugin", "x", tmp_path)
    assert result.code == 2 and "niet leeg" in result.err
    assert cli("new", "plugin", "9lives", tmp_path / "y").code == 2


def test_test_kit_messages_are_readable() -> None:
    case = make_case(found_absent=["coordinator"])
    with pytest.raises(AssertionError) as failed:
        assert_verdict(case, "ZN.IZ.2", "voldoet")
    message = str(failed.value)
    assert message.startswith("ZN.IZ.2: expected 'voldoet', got 'voldoet niet' (automatisch)")
    assert "- Niemand coördineert het netwerk (navraag gedaan)." in message
    with pytest.raises(Exception, match=r"test-case.toml:1:"):
        case_from_toml("id = [")


def test_fixtures_come_through_pytest11(zntui_case, zntui_assert_verdict) -> None:
    zntui_assert_verdict(zntui_case(found_absent=["coordinator"]), "ZN.IZ.2", "VN")
    zntui_assert_verdict(zntui_case(), "ZN.IZ.2", "NB")


def test_docs_cover_every_hook() -> None:
    docs = (ROOT / "docs" / "plugins.md").read_text()
    for name, hook in inspect.getmembers(hookspecs, inspect.isfunction):
        if not name.startswith("zntui_"):
            continue
        args = ", ".join(inspect.signature(hook).parameters)
        assert f"### `{name}({args})`" in docs, name
        doc = (hook.__doc__ or "").replace("``", "`")
        first_sentence = " ".join(doc.split()).split(". ")[0]
        assert first_sentence.rstrip(".") in " ".join(docs.split()), name
