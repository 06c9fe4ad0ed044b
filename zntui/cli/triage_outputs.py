"""Triage outputs for scripts: ``--format jsonl`` and ``--statistics``.

Kept apart from ``triage.py`` so that the list formats and these two can change
independently. Both take the scored, filtered folder that the other formats get.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from zntui.engine.results import Source
from zntui.model.framework_base import NOT_ASSESSED
from zntui.plugins import Registry
from zntui.workflows.exports import case_json
from zntui.workflows.scored import ScoredFolder

RULE_ERROR = Source.RULE_ERROR.value


def write_jsonl(scored: ScoredFolder, registry: Registry, out: TextIO | None = None) -> None:
    """One case per line, worst first: each line is the object that ``--format json``
    has in its ``cases`` list (rank, id, file, region, …, criteria)."""
    out = out or sys.stdout
    for rank, s in enumerate(scored.cases, start=1):
        out.write(case_json(rank, s, registry) + "\n")


def criterion_counts(scored: ScoredFolder, registry: Registry) -> list[dict[str, object]]:
    """Per criterion (in framework order): how many cases got each verdict.

    ``counts`` has every verdict id of the criterion's scale and ``niet_beoordeeld``;
    a rule error (regelfout) is counted in ``rule_errors``, not as a verdict.
    """
    rows: dict[str, dict[str, object]] = {}
    for fid, framework in registry.frameworks.items():
        for theme in framework.themes:
            for norm in theme.norms:
                for criterion in norm.criteria:
                    counts = {v.id: 0 for v in framework.scale.values}
                    counts[NOT_ASSESSED] = 0
                    rows[criterion.id] = {
                        "id": criterion.id,
                        "framework": fid,
                        "cases": 0,
                        "counts": counts,
                        "rule_errors": 0,
                    }
    for s in scored.cases:
        for result in s.assessment.results:
            row = rows.get(result.criterion)
            if row is None:
                continue
            row["cases"] += 1  # type: ignore[operator]
            if result.source == Source.RULE_ERROR:
                row["rule_errors"] += 1  # type: ignore[operator]
                continue
            counts = row["counts"]
            assert isinstance(counts, dict)
            counts[result.verdict] = counts.get(result.verdict, 0) + 1
    return [row for row in rows.values() if row["cases"]]


def write_statistics(
    scored: ScoredFolder, registry: Registry, as_json: bool, out: TextIO | None = None
) -> None:
    """``--statistics``: the count per criterion and verdict, as a table or as JSON."""
    out = out or sys.stdout
    rows = criterion_counts(scored, registry)
    if as_json:
        document = {
            "format": "zntui.triage.statistics",
            "version": 1,
            "cases": len(scored.cases),
            "criteria": rows,
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        return
    columns: dict[str, str] = {}  # verdict id → short code, in scale order
    for framework in registry.frameworks.values():
        for value in framework.scale.values:
            columns.setdefault(value.id, value.short)
    columns[NOT_ASSESSED] = "NB"
    width = max([len("criterium"), *(len(str(r["id"])) for r in rows)])
    head = f"{'criterium':<{width}} " + "".join(f"{c:>6}" for c in columns.values())
    out.write(head + f"{'regelfout':>11}\n")
    for row in rows:
        counts = row["counts"]
        assert isinstance(counts, dict)
        cells = "".join(f"{counts.get(v, '-'):>6}" for v in columns)
        out.write(f"{row['id']!s:<{width}} {cells}{row['rule_errors']:>11}\n")
    out.write(f"\n{len(scored.cases)} casussen; per criterium het aantal casussen per oordeel\n")
