"""The engine: rules → a result per criterion → a score per theme → a case risk.

The names below are imported when first asked for: reading results back from the
cache (:mod:`zntui.engine.results`) must not import the checks' machinery and the
models that :mod:`zntui.engine.assess` needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from zntui.engine.assess import SCORING_EXPLANATION, assess_case, triage, triage_key
    from zntui.engine.results import (
        CaseAssessment,
        CriterionResult,
        Outcome,
        Source,
        ThemeScore,
    )

_WHERE = {
    "SCORING_EXPLANATION": "zntui.engine.assess",
    "assess_case": "zntui.engine.assess",
    "triage": "zntui.engine.assess",
    "triage_key": "zntui.engine.assess",
    "CaseAssessment": "zntui.engine.results",
    "CriterionResult": "zntui.engine.results",
    "Outcome": "zntui.engine.results",
    "Source": "zntui.engine.results",
    "ThemeScore": "zntui.engine.results",
}

__all__ = [
    "SCORING_EXPLANATION",
    "CaseAssessment",
    "CriterionResult",
    "Outcome",
    "Source",
    "ThemeScore",
    "assess_case",
    "triage",
    "triage_key",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
