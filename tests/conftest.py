"""Shared fixtures: the built-in registry, a CLI runner, and a small case builder."""

from __future__ import annotations

import atexit
import copy
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from zntui import testing
from zntui.cli import main
from zntui.model import Case, personal_field_paths
from zntui.plugins import Registry, load_registry
from zntui.store import load_folder

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FOLDER = ROOT / "sample_cases"
"""What a new user opens: the written cases and, in gegenereerd/, generated ones."""


def _written_samples() -> Path:
    """The eight written cases alone, in a folder named sample_cases: what the tests'
    expected counts and verdicts are about. The generated cases beside them (there for
    the regional and national panes) are tested in tests/test_samples.py."""
    target = Path(tempfile.mkdtemp(prefix="zntui-samples-")) / "sample_cases"
    shutil.copytree(SAMPLE_FOLDER, target, ignore=shutil.ignore_patterns("gegenereerd"))
    atexit.register(shutil.rmtree, target.parent, True)
    return target


SAMPLES = _written_samples()
BUILTINS = "network_checks,zorgnetwerken,ambulante_ggz"

# Never see plugins installed on the developer's machine: only the built-ins load.
os.environ["ZNTUI_LOAD_PLUGINS"] = BUILTINS
# Nor the developer's own config: a user config folder of the test run's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="zntui-test-config-")


@pytest.fixture(autouse=True)
def own_state_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test remembers panes, sorts and filters, and caches scores, in folders of its
    own: nothing carries over from one test to the next, or from the developer's use."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("ZNTUI_CACHE", raising=False)


@pytest.fixture(scope="session")
def registry() -> Registry:
    loaded = load_registry()
    assert not loaded.errors, loaded.errors
    return loaded


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


# The test kit's defaults, with dates and member ids these tests are written against.
BASE_CASE: dict[str, Any] = {
    **testing.DEFAULT_CASE,
    "id": "T-1",
    "opened": "2026-01-01",
    "assessed": "2026-03-01",
    "members": [
        {"id": "huisarts", "role": "huisarts", "kind": "zorg", "discipline": "huisarts"},
        {
            "id": "wijk",
            "role": "wijkverpleegkundige",
            "kind": "zorg",
            "discipline": "wijkverpleging",
        },
        {"id": "dochter", "role": "dochter", "kind": "mantelzorg"},
    ],
}


def case_dict(**changes: Any) -> dict[str, Any]:
    """A valid minimal case as a dict, with top-level keys replaced by ``changes``."""
    data = copy.deepcopy(BASE_CASE)
    data.update(copy.deepcopy(changes))
    return data


def make_case(**changes: Any) -> Case:
    return testing.make_case(BASE_CASE, **changes)


def write_case(folder: Path, name: str, **changes: Any) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = tomli_w.dumps(case_dict(**changes))
    # tomli-w writes ISO strings for our string dates; make them TOML dates.
    import re

    text = re.sub(r'"(\d{4}-\d{2}-\d{2})"', r"\1", text)
    path.write_text(text, encoding="utf-8")
    return path


def personal_values(folder: Path) -> set[str]:
    """Every value of a field the model marks personal, in every case of the folder."""
    values: set[str] = set()
    for loaded in load_folder(folder).cases:
        data = loaded.case.model_dump(by_alias=True)
        for path in personal_field_paths():
            values.update(_collect(data, path.replace("[]", "").split(".")))
    return {v for v in values if len(v) >= 4}


def _collect(data: Any, keys: list[str]) -> list[str]:
    if isinstance(data, list):
        return [v for item in data for v in _collect(item, keys)]
    if not keys:
        if isinstance(data, list | tuple):
            return [str(v) for v in data]
        return [str(data)]
    if isinstance(data, dict) and keys[0] in data:
        return _collect(data[keys[0]], keys[1:])
    return []
