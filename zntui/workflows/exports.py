"""Export the case list: the formats triage writes and the app exports (json, csv,
markdown). Each renderer returns text for the given scored cases (worst first, or as
filtered); the columns come from :mod:`zntui.workflows.caselist`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator

from zntui import __version__
from zntui.model.framework_base import NOT_ASSESSED
from zntui.plugins import Registry
from zntui.untrusted import csv_cell, json_text, markdown_cell
from zntui.workflows.caselist import (
    case_list,
    framework_tag,
    overall_scale,
    status_of,
    theme_columns,
)
from zntui.workflows.scored import ScoredCase, ScoredFolder


def verdict_counts(s: ScoredCase, registry: Registry) -> dict[str, int]:
    """Criteria per verdict id: every value of the case's frameworks' scales (0 when
    none), niet beoordeeld, and niet van toepassing where it occurs."""
    a = s.assessment
    ids = [
        v.id
        for f in a.frameworks
        if f in registry.frameworks
        for v in registry.frameworks[f].scale.values
    ]
    # Niet van toepassing appears (through the tally) when a criterion of the case has it.
    return {v: a.count(v) for v in dict.fromkeys([*ids, *a.tally.counts, NOT_ASSESSED])}


def case_dict(rank: int, s: ScoredCase, registry: Registry) -> dict[str, object]:
    """One case of the triage JSON, without its ``criteria`` (see :func:`case_json`)."""
    a = s.assessment
    return {
        "rank": rank,
        "case": a.case_id,
        "file": str(s.path),
        "region": a.region,
        "municipality": s.municipality,
        "status": s.status.value if s.status else None,
        "frameworks": a.frameworks,
        "unknown_frameworks": a.unknown_frameworks,
        "risk": a.risk,
        "score": a.score,
        "verdict": a.verdict,
        "counts": verdict_counts(s, registry),
        "completeness": a.completeness.to_dict(),
        "judged": a.judged,
        "stale_judgements": a.stale,
        "rule_errors": a.rule_errors,
        "themes": [
            {
                "framework": t.framework,
                "theme": t.theme,
                "title": t.title,
                "verdict": t.verdict,
                "score": t.score,
                "assessed": t.assessed,
                "criteria": t.total,
            }
            for t in a.themes
        ],
    }


def case_json(rank: int, s: ScoredCase, registry: Registry) -> str:
    """One case of the triage JSON on one line, its criteria as the assessment keeps them."""
    head = json.dumps(case_dict(rank, s, registry), ensure_ascii=False)
    # json_text: C1 controls and bidi overrides in case text are spelled \uXXXX, so the
    # line can be printed to a terminal and still decodes to the same data.
    return json_text(f'{head[:-1]}, "criteria": {s.assessment.criteria_json()}}}')


def render_json(scored: ScoredFolder, registry: Registry) -> str:
    """The triage JSON: a header, then one case per line (easy to grep, quick to write)."""
    return "".join(json_chunks(scored, registry))


def json_chunks(scored: ScoredFolder, registry: Registry) -> Iterator[str]:
    """:func:`render_json` piece by piece, so that a national folder is never one string."""
    header = {
        "format": "zntui.triage",
        "version": 1,
        "zntui": __version__,
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "frameworks": {
            fid: {"title": fw.title, "version": fw.version}
            for fid, fw in registry.frameworks.items()
        },
        "errors": [e.to_dict() for e in scored.errors],
    }
    head = json_text(json.dumps(header, ensure_ascii=False))
    yield f'{head[:-1]}, "cases": [\n'
    for rank, s in enumerate(scored.cases, start=1):
        yield ("" if rank == 1 else ",\n") + case_json(rank, s, registry)
    yield "\n]}\n"


def render_markdown(scored: ScoredFolder, registry: Registry) -> str:
    listed = case_list(scored.cases, registry)
    labels = [c.label for c in listed.columns]
    lines = [
        "| # | casus | regio | status | kader | " + " | ".join(labels) + " | risico | oordeel |",
        "|---|---|---|---|---|" + "---|" * len(labels) + "---|---|",
    ]
    for rank, row in enumerate(listed.rows, start=1):
        cells = [v.cell if v else "" for v in row.themes]
        overall = f"{row.overall.cell} {row.overall.label}"
        # Each cell through markdown_cell: a | or newline in a region adds no row.
        shown = [
            str(rank),
            row.case_id,
            row.region,
            row.status,
            row.tags,
            *cells,
            row.risk_text,
            overall,
        ]
        lines.append("| " + " | ".join(markdown_cell(c) for c in shown) + " |")
    return "\n".join(lines) + "\n"


CSV_HEADERS = (
    "rang",
    "casus",
    "regio",
    "status",
    "kader",
    "risico",
    "oordeel",
    "oordelen inspecteur",
    "regelfouten",
)
"""The CSV is for people (a spreadsheet): Dutch headers and the scales' Dutch labels.
Scripts read the JSON, whose keys and values are stable ids."""


def render_csv(scored: ScoredFolder, registry: Registry) -> str:
    import csv  # here: only this format needs it

    frameworks = list(registry.frameworks.values())
    columns = theme_columns(frameworks)
    tags = {f.id: f.tag for f in frameworks}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_HEADERS, *(f"{tags[c.framework]} {c.title}" for c in columns), "bestand"])
    for rank, s in enumerate(scored.cases, start=1):
        a = s.assessment
        themes = {(t.framework, t.theme): t.verdict for t in a.themes}
        # Numbers stay numbers; every text cell is shown, not run, by a spreadsheet.
        writer.writerow(
            [
                rank,
                csv_cell(a.case_id),
                csv_cell(a.region),
                status_of(s),
                csv_cell("+".join(framework_tag(f, registry) for f in a.frameworks)),
                "" if a.risk is None else a.risk,
                csv_cell(overall_scale(a, registry).label(a.verdict)),
                a.judged,
                a.rule_errors,
            ]
            + [
                csv_cell(c.scale.label(v) if (v := themes.get((c.framework, c.theme))) else "")
                for c in columns
            ]
            + [csv_cell(str(s.path))]
        )
    return out.getvalue()
