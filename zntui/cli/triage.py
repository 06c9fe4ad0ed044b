"""``zntui triage DIR``: score every case and list the worst first."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TYPE_CHECKING

from zntui.cli.common import error, score_for, setup, unknown_frameworks, warm_session
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from zntui.cli.triage_outputs import write_jsonl, write_statistics
from zntui.engine.results import CriterionResult
from zntui.model.framework_base import NOT_ASSESSED
from zntui.model.review_status import ReviewStatus
from zntui.plugins import Registry
from zntui.untrusted import visible, xml_chars
from zntui.wording import EMPTY_FOLDER_HINT
from zntui.workflows.caselist import (
    case_row,
    frameworks_present,
    needs_legend,
    overall_scale,
    screen_columns,
)
from zntui.workflows.exports import json_chunks, render_csv, render_markdown
from zntui.workflows.scored import ScoredCase, ScoredFolder

if TYPE_CHECKING:
    from zntui.config import LoadedConfig
    from zntui.workflows.scored import Params

THEME_BLOCK = 25
"""Characters the theme columns may take in an 80-column table (see workflows.caselist)."""


def run_triage(args: argparse.Namespace) -> int:
    if not args.dir.exists():
        error(f"{args.dir}: die map bestaat niet; geef de map met casusbestanden")
        return EXIT_BAD_INPUT
    # A warm start: the session's snapshot, so that a folder the cache holds whole is
    # listed without loading the plugins (their rule code, the models, pydantic).
    warm = warm_session(args, args.dir)
    config: LoadedConfig | None = None
    if warm is None:
        ready = setup(args, args.dir, snapshot=not args.no_cache)
        if ready is None:
            return EXIT_BAD_INPUT
        config, registry = ready
    else:
        registry = warm.registry
    unknown = [f for f in args.framework if f not in registry.frameworks]
    if unknown:
        error(
            f"onbekend toetsingskader {', '.join(unknown)}; bekend: "
            f"{', '.join(registry.frameworks)}"
        )
        return EXIT_BAD_INPUT
    statuses = set()
    for status in args.status:
        parsed = ReviewStatus.parse(status)
        if parsed is None:
            allowed = ", ".join(s.label for s in ReviewStatus)
            error(f"onbekende status {status!r}; kies uit: {allowed}")
            return EXIT_BAD_INPUT
        statuses.add(parsed)
    threshold = None
    if args.fail_under:
        known = [
            f.scale.lookup(args.fail_under)
            for f in registry.frameworks.values()
            if f.scale.lookup(args.fail_under) not in (None, NOT_ASSESSED)
        ]
        if not known:
            error(f"--fail-under {args.fail_under!r}: geef een oordeel zoals VGN of 'voldoet niet'")
            return EXIT_BAD_INPUT
        threshold = args.fail_under
    if args.statistics and args.format not in ("table", "json"):
        error("--statistics: gebruik --format table (de standaard) of json")
        return EXIT_BAD_INPUT
    # Options are checked first: a typo should not wait for a national folder.
    scored = None
    if warm is not None:
        from zntui.workflows.warm import read_cached

        scored = read_cached(args.dir, warm.fingerprint, lambda: _full_session(args))
    if scored is None:
        if config is None:  # the warm start has cases to score: load the plugins after all
            ready = setup(args, args.dir, quiet=True)  # (the snapshot still holds)
            if ready is None:
                return EXIT_BAD_INPUT
            config, registry = ready
        scored = score_for(args, config, registry)
    scored.cases = [
        s
        for s in scored.cases
        if (not args.framework or set(args.framework) & set(s.assessment.frameworks))
        and (not args.region or s.assessment.region in args.region)
        and (not statuses or s.status in statuses)
    ]
    failing = {s.assessment.case_id for s in scored.cases if _at_or_below(s, threshold, registry)}
    renderers = {"csv": render_csv, "markdown": render_markdown}
    if args.statistics:
        write_statistics(scored, registry, as_json=args.format == "json")
    elif args.format == "jsonl":
        write_jsonl(scored, registry)
    elif args.format == "junit":
        _junit(scored, registry, failing if threshold else None)
    elif args.format == "table":
        _table(scored, registry)
    elif args.format == "json":
        sys.stdout.writelines(json_chunks(scored, registry))
    else:
        sys.stdout.write(renderers[args.format](scored, registry))
    for case_error in scored.errors:
        for line in case_error.lines():
            print(visible(line), file=sys.stderr)
    for review_error in scored.review_errors:
        print(visible(f"{review_error}; de oordelen daarin worden niet gebruikt"), file=sys.stderr)
    print(summary(scored, registry), file=sys.stderr)
    if not scored.cases and not scored.errors and not (args.framework or args.region or statuses):
        error(EMPTY_FOLDER_HINT)
    missing = unknown_frameworks(scored, registry)
    if missing:
        error(missing)
    if scored.errors or missing:
        return EXIT_BAD_INPUT
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if threshold and failing else EXIT_OK


def _full_session(args: argparse.Namespace) -> tuple[Registry, Params | None]:
    """The plugins and rule parameters, for a row that has to be scored again after a
    warm start (it went missing from the cache while it was being read)."""
    ready = setup(args, args.dir, quiet=True)
    if ready is None:
        raise SystemExit(EXIT_BAD_INPUT)
    config, registry = ready
    return registry, config.config.rule_params


def _at_or_below(s: ScoredCase, threshold: str | None, registry: Registry) -> bool:
    """The case's overall verdict is at or below ``threshold``, read on the case's own
    scale (or, when that scale has no such value, on the first scale that has)."""
    if threshold is None or s.assessment.score is None:
        return False
    scale = overall_scale(s.assessment, registry)
    scales = [scale, *(f.scale for f in registry.frameworks.values())]
    limit = next(
        (v for sc in scales if (v := sc.get(sc.lookup(threshold) or "")) is not None), None
    )
    value = scale.get(s.assessment.verdict)
    return limit is not None and value is not None and value.score <= limit.score


def summary(scored: ScoredFolder, registry: Registry) -> str:
    """One line: cases, per overall verdict, rule errors, inspector judgements."""
    counts: dict[str, int] = {}
    ranks: dict[str, float] = {}
    for s in scored.cases:
        scale = overall_scale(s.assessment, registry)
        label = scale.label(s.assessment.verdict)
        counts[label] = counts.get(label, 0) + 1
        value = scale.get(s.assessment.verdict)
        ranks[label] = -1.0 if value is None else value.score
    order = sorted(counts, key=lambda label: -ranks[label])
    per = ", ".join(f"{counts[label]} {label}" for label in order)
    rule_errors = sum(s.assessment.rule_errors for s in scored.cases)
    judged = sum(s.assessment.judged for s in scored.cases)
    stale = sum(s.assessment.stale for s in scored.cases)
    incomplete = sum(1 for s in scored.cases if not s.assessment.completeness.complete)
    return (
        f"{_n(len(scored.cases), 'casus', 'casussen')} ({per or 'geen'}); "
        f"{incomplete} onvolledig; {_n(rule_errors, 'regelfout', 'regelfouten')}; "
        f"{_n(judged, 'oordeel', 'oordelen')} van de inspecteur"
        + (f" ({stale} verouderd: casus gewijzigd na het oordeel)" if stale else "")
        + "; "
        f"{_n(len(scored.errors), 'ongeldig bestand', 'ongeldige bestanden')}"
    )


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def top_reasons(s: ScoredCase, limit: int = 2) -> list[CriterionResult]:
    """The criteria that weigh most against the case: worst verdict, then heaviest."""
    failing = [r for r in s.assessment.results if r.score is not None and r.score < 0.5]
    failing.sort(key=lambda r: (r.score, -r.weight, r.criterion))
    return failing[:limit]


def _table(scored: ScoredFolder, registry: Registry) -> None:
    columns = screen_columns(frameworks_present(scored.cases, registry), THEME_BLOCK)
    head = f"{'#':>3} {'casus':<14} {'regio':<12} {'kader':<7}"
    head += "".join(f"{c.label:<{c.width + 1}}" for c in columns) + f"{'risico':>6}  oordeel"
    print(head)
    apart = False
    for rank, s in enumerate(scored.cases, start=1):
        a = s.assessment
        if not apart and not a.completeness.complete:
            apart = True
            print(
                "\n    Onvolledig, apart gerangschikt (minder dan ⅔ van de criteria te beoordelen):"
            )
        row = case_row(s, (), registry)
        cells = "".join(f"{c.text(s.assessment):<{c.width + 1}}" for c in columns)
        print(
            f"{rank:>3} {_fit(visible(row.case_id), 14)} {_fit(visible(row.region), 12)} "
            f"{_fit(visible(row.tags), 7)}"
            f"{cells}{row.risk_text:>6}  {row.overall.cell}"
        )
        if apart:
            print(f"      {a.completeness.label}")
        if a.stale:
            noun = "oordeel" if a.stale == 1 else "oordelen"
            print(f"      {a.stale} {noun} verouderd: de casus is gewijzigd na het oordeel")
        for reason in top_reasons(s):
            cell = registry.frameworks[reason.framework].scale.cell(reason.verdict)
            first = reason.evidence[0] if reason.evidence else ""
            text = visible(f"{cell} {reason.criterion} {first}")
            line = textwrap.shorten(text, 74, placeholder="…")
            print(f"      {line}")
    n = len(scored.cases)
    if needs_legend(columns):
        print("\nkolommen:")
        for c in columns:
            print("  " + textwrap.shorten(visible(c.legend), 76, placeholder="…"))
        if any(len(c.parts) > 1 and not c.per_framework for c in columns):
            print("  een teken per kader, in de volgorde van 'kader', waar kaders een label delen")
    print(
        f"\n{n} {'casus' if n == 1 else 'casussen'}, slechtste eerst"
        + (f"; {len(scored.errors)} ongeldige bestanden (zie stderr)" if scored.errors else "")
    )


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _junit(scored: ScoredFolder, registry: Registry, failing: set[str] | None) -> None:
    """Each case a test case; a failing network (or one under --fail-under) a failure.

    Every value goes through `xml_chars`, so a control character in a case never makes
    the XML unreadable for the CI system (ElementTree escapes the rest).
    """
    import xml.etree.ElementTree as ET

    x = xml_chars

    def fails(s: ScoredCase) -> bool:
        if failing is not None:
            return s.assessment.case_id in failing
        return s.assessment.score is not None and s.assessment.score < 0.5

    suite = ET.Element(
        "testsuite",
        name="zntui triage",
        tests=str(len(scored.cases) + len(scored.errors)),
        failures=str(sum(1 for s in scored.cases if fails(s))),
        errors=str(len(scored.errors)),
    )
    for s in scored.cases:
        a = s.assessment
        case = ET.SubElement(
            suite,
            "testcase",
            classname=x(f"{a.region}.{'+'.join(a.frameworks)}"),
            name=x(a.case_id),
        )
        case.set("file", x(str(s.path)))
        properties = ET.SubElement(case, "properties")
        for t in a.themes:
            scale = registry.frameworks[t.framework].scale
            ET.SubElement(
                properties,
                "property",
                name=x(f"{t.framework}.{t.theme}"),
                value=x(scale.cell(t.verdict)),
            )
        if fails(s):
            reasons = top_reasons(s, limit=5)
            failure = ET.SubElement(
                case,
                "failure",
                message=x(f"{overall_scale(a, registry).label(a.verdict)} (risico {a.risk})"),
                type=x(a.verdict),
            )
            failure.text = "\n".join(
                x(f"{r.criterion} {r.verdict}: {r.evidence[0] if r.evidence else ''}")
                for r in reasons
            )
    for case_error in scored.errors:
        case = ET.SubElement(suite, "testcase", classname="invalid", name=x(str(case_error.path)))
        err = ET.SubElement(case, "error", message=x(case_error.problems[0].message))
        err.text = "\n".join(x(line) for line in case_error.lines())
    ET.indent(suite)
    sys.stdout.write(ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n")
