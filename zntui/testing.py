"""Helpers for testing zntui plugins, also offered as pytest fixtures.

Installed with zntui and registered through the ``pytest11`` entry point, so in any
project that has zntui installed these fixtures just work::

    def test_coordinator(zntui_case, zntui_assert_verdict):
        case = zntui_case(frameworks=["wijkverpleging"], members=[...])
        zntui_assert_verdict(case, "WIJK.IZ.1", "voldoet niet")

Or import the functions directly: :func:`make_case`, :func:`case_from_toml`,
:func:`run_criterion`, :func:`run_framework`, :func:`assert_verdict`.

pytest loads this module in every run of every project where zntui is installed, so
it imports nothing of zntui's own at load time: the engine, the models and pydantic
come in when a test first uses a fixture or a function (``tests/test_packaging.py``
keeps it so).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from zntui.engine import CaseAssessment, CriterionResult
    from zntui.model.case import Case
    from zntui.plugins import Registry

DEFAULT_CASE: dict[str, Any] = {
    "id": "TEST-1",
    "frameworks": ["zorgnetwerken"],
    "region": "Testregio",
    "opened": "2026-01-05",
    "assessed": "2026-02-16",
    "client": {"pseudonym": "Test Cliënt", "age": 80},
    "members": [
        {"id": "huisarts", "role": "huisarts", "kind": "zorg", "discipline": "huisarts"},
        {
            "id": "wijkverpleging",
            "role": "wijkverpleegkundige",
            "kind": "zorg",
            "discipline": "wijkverpleging",
        },
        {"id": "dochter", "role": "dochter", "kind": "mantelzorg"},
    ],
}
"""What a test gets for everything it does not set: a small, valid case."""


def make_case(data: Mapping[str, Any] | None = None, **overrides: Any) -> Case:
    """A validated case: :data:`DEFAULT_CASE`, updated with ``data`` and ``overrides``.

    Top-level keys are replaced whole (``members=[...]`` replaces the members). Dates may
    be ``datetime.date`` objects or ISO strings (``"2026-03-01"``).
    """
    from zntui.model.case import Case

    merged = copy.deepcopy(DEFAULT_CASE)
    merged.update(copy.deepcopy(dict(data or {})))
    merged.update(copy.deepcopy(overrides))
    return Case.model_validate(merged)


def case_from_toml(text: str, name: str = "test-case.toml") -> Case:
    """A case from TOML text, exactly as zntui reads a case file (same errors, same places)."""
    from zntui.store import parse_case_bytes

    return parse_case_bytes(text.encode("utf-8"), Path(name))


@cache
def default_registry() -> Registry:
    """Every installed plugin, loaded once per test session."""
    from zntui.plugins import load_registry

    return load_registry()


def run_framework(
    case: Case, framework: str | None = None, registry: Registry | None = None
) -> CaseAssessment:
    """Assess ``case``; with ``framework``, only that framework (it must be in the registry)."""
    from zntui.engine import assess_case

    registry = registry or default_registry()
    if framework is not None:
        if framework not in registry.frameworks:
            known = ", ".join(sorted(registry.frameworks))
            raise AssertionError(f"framework {framework!r} is not loaded; loaded: {known}")
        case = case.model_copy(update={"frameworks": [framework]})
    return assess_case(case, registry)


def run_criterion(
    case: Case, criterion_id: str, registry: Registry | None = None
) -> CriterionResult:
    """The result of one criterion on ``case`` (its framework is added to the case if needed)."""
    from zntui.engine import assess_case

    registry = registry or default_registry()
    found = registry.criterion(criterion_id)
    if found is None:
        raise AssertionError(f"no criterion {criterion_id!r} in the loaded frameworks")
    framework = found[0]
    if framework.id not in case.frameworks:
        case = case.model_copy(update={"frameworks": [*case.frameworks, framework.id]})
    assessment = assess_case(case, registry)
    return next(r for r in assessment.results if r.criterion == criterion_id)


def assert_verdict(
    case: Case, criterion_id: str, expected: str, registry: Registry | None = None
) -> CriterionResult:
    """Assert the verdict of one criterion; ``expected`` in the Dutch words or a short
    code of the criterion's own scale ("voldoet niet"/"VN" on IGJ's).

    On a mismatch the message gives the verdict, its source and the evidence.
    """
    registry = registry or default_registry()
    result = run_criterion(case, criterion_id, registry)
    scale = registry.frameworks[result.framework].scale
    wanted = scale.lookup(expected)
    if wanted is None:
        words = ", ".join(f"'{v.label}' ({v.short})" for v in scale.values)
        raise AssertionError(f"unknown verdict {expected!r} on this scale; use one of {words}")
    if result.verdict != wanted:
        evidence = "\n".join(f"  - {line}" for line in result.evidence) or "  (no evidence)"
        error = f"\n  rule error: {result.error}" if result.error else ""
        expected_label, got = scale.label(wanted), scale.label(result.verdict)
        raise AssertionError(
            f"{criterion_id}: expected '{expected_label}', got '{got}' "
            f"({result.source.value}){error}\n evidence:\n{evidence}"
        )
    return result


# --- pytest fixtures (registered through the pytest11 entry point) ------------------


@pytest.fixture
def zntui_registry() -> Registry:
    """The registry of every installed zntui plugin."""
    return default_registry()


@pytest.fixture
def zntui_case() -> Callable[..., Case]:
    """A factory: ``zntui_case(frameworks=[...], members=[...])`` → a valid Case."""
    return make_case


@pytest.fixture
def zntui_case_from_toml() -> Callable[..., Case]:
    return case_from_toml


@pytest.fixture
def zntui_assert_verdict(zntui_registry: Registry) -> Callable[..., CriterionResult]:
    """``zntui_assert_verdict(case, "WIJK.IZ.1", "voldoet niet")``."""

    def check(case: Case, criterion_id: str, expected: str) -> CriterionResult:
        return assert_verdict(case, criterion_id, expected, zntui_registry)

    return check


@pytest.fixture
def zntui_run_criterion(zntui_registry: Registry) -> Callable[..., CriterionResult]:
    def run(case: Case, criterion_id: str) -> CriterionResult:
        return run_criterion(case, criterion_id, zntui_registry)

    return run
