"""Shared fixtures: the built-in registry, a CLI runner, and a small case builder."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from zntui.cli import main
from zntui.model import Case, personal_field_paths
from zntui.plugins import Registry, load_registry
from zntui.store import load_folder

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_cases"
BUILTINS = "network_checks,zorgnetwerken,ambulante_ggz"

# Never see plugins installed on the developer's machine: only the built-ins load.
os.environ["ZNTUI_LOAD_PLUGINS"] = BUILTINS


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


BASE_CASE: dict[str, Any] = {
    "id": "T-1",
    "frameworks": ["zorgnetwerken"],
    "region": "Testregio",
    "opened": "2026-01-01",
    "assessed": "2026-03-01",
    "client": {"pseudonym": "Test Cliënt", "age": 80},
    "members": [
        {"id": "huisarts", "role": "huisarts", "kind": "zorg"},
        {"id": "wijk", "role": "wijkverpleegkundige", "kind": "zorg"},
        {"id": "dochter", "role": "dochter", "kind": "mantelzorg"},
    ],
}


def case_dict(**changes: Any) -> dict[str, Any]:
    """A valid minimal case as a dict, with top-level keys replaced by ``changes``."""
    data = copy.deepcopy(BASE_CASE)
    data.update(copy.deepcopy(changes))
    return data


def make_case(**changes: Any) -> Case:
    import datetime as dt

    data = case_dict(**changes)

    def dates(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: dates(v) for k, v in value.items()}
        if isinstance(value, list):
            return [dates(v) for v in value]
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            return dt.date.fromisoformat(value)
        return value

    return Case.model_validate(dates(data))


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
