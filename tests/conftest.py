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
from zntui.model import Case
from zntui.plugins import Registry, load_registry

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
