"""The triage order: complete cases worst first, then the incomplete ones, then the
unassessed (see :mod:`zntui.engine.assess`). Apart from the assessment so that reading
cases back from the cache sorts them without the checks' machinery."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zntui.engine.results import CaseAssessment


def triage_key(assessment: CaseAssessment) -> tuple[int, int, int, int, str]:
    """Sort key: complete cases worst first, then the incomplete ones, stable on ties
    (see the module docstring)."""
    tally = assessment.tally
    group = 2 if assessment.risk is None else 0 if assessment.completeness.complete else 1
    return (group, -(assessment.risk or 0), -tally.worst, -tally.bad, assessment.case_id)
