"""``zntui triage DIR``: score every case and list the worst first."""

from __future__ import annotations

import argparse
import sys
import textwrap

from zntui.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from zntui.cli.common import error, score_for, setup
from zntui.cli.triage_outputs import write_jsonl, write_statistics
from zntui.engine.folder import ScoredCase, ScoredFolder
from zntui.engine.results import CriterionResult
from zntui.exports import (
    THEME_COLUMNS,
    framework_tag,
    json_chunks,
    render_csv,
    render_markdown,
    verdict_cell,
)
from zntui.model.framework import DEFAULT_SCALE, NOT_ASSESSED
from zntui.model.review import ReviewStatus
from zntui.plugins import Registry


def run_triage(args: argparse.Namespace) -> int:
    if not args.dir.exists():
        error(f"{args.dir}: no such file or folder")
        return EXIT_BAD_INPUT
    ready = setup(args, args.dir)
    if ready is None:
        return EXIT_BAD_INPUT
    config, registry = ready
    unknown = [f for f in args.framework if f not in registry.frameworks]
    if unknown:
        error(f"unknown framework {', '.join(unknown)}; known: {', '.join(registry.frameworks)}")
        return EXIT_BAD_INPUT
    statuses = set()
    for status in args.status:
        try:
            statuses.add(ReviewStatus(status.strip().lower().replace(" ", "_")))
        except ValueError:
            allowed = ", ".join(s.value for s in ReviewStatus)
            error(f"unknown status {status!r}; use one of: {allowed}")
            return EXIT_BAD_INPUT
    threshold = None
    if args.fail_under:
        threshold = DEFAULT_SCALE.lookup(args.fail_under)
        if threshold is None or threshold == NOT_ASSESSED:
            error(f"--fail-under {args.fail_under!r}: use a verdict such as VGN or 'voldoet niet'")
            return EXIT_BAD_INPUT
    if args.statistics and args.format not in ("table", "json"):
        error("--statistics: use --format table (the default) or json")
        return EXIT_BAD_INPUT
    # Options are checked first: a typo should not wait for a national folder.
    scored = score_for(args, config, registry)
    scored.cases = [
        s
        for s in scored.cases
        if (not args.framework or set(args.framework) & set(s.assessment.frameworks))
        and (not args.region or s.assessment.region in args.region)
        and (not statuses or s.status in statuses)
    ]
    failing = {s.assessment.case_id for s in scored.cases if _at_or_below(s, threshold)}
    renderers = {"csv": render_csv, "markdown": render_markdown}
    if args.statistics:
        write_statistics(scored, registry, as_json=args.format == "json")
    elif args.format == "jsonl":
        write_jsonl(scored)
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
            print(line, file=sys.stderr)
    for review_error in scored.review_errors:
        print(f"{review_error}; judgements in it are not used", file=sys.stderr)
    print(summary(scored), file=sys.stderr)
    if scored.errors:
        return EXIT_BAD_INPUT
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if threshold and failing else EXIT_OK


def _at_or_below(s: ScoredCase, threshold: str | None) -> bool:
    if threshold is None:
        return False
    limit = DEFAULT_SCALE.get(threshold)
    score = s.assessment.score
    value = DEFAULT_SCALE.get(s.assessment.verdict)
    return (
        limit is not None
        and score is not None
        and value is not None
        and (value.score <= limit.score)
    )


def summary(scored: ScoredFolder) -> str:
    """One line: cases, per overall verdict, rule errors, inspector judgements."""
    counts = {v.id: 0 for v in DEFAULT_SCALE.values}
    counts[NOT_ASSESSED] = 0
    for s in scored.cases:
        counts[s.assessment.verdict] = counts.get(s.assessment.verdict, 0) + 1
    per = ", ".join(f"{n} {DEFAULT_SCALE.label(v)}" for v, n in counts.items() if n)
    rule_errors = sum(s.assessment.rule_errors for s in scored.cases)
    judged = sum(s.assessment.judged for s in scored.cases)
    return (
        f"{len(scored.cases)} casussen ({per or 'geen'}); {rule_errors} regelfouten; "
        f"{judged} oordelen van de inspecteur; {len(scored.errors)} ongeldige bestanden"
    )


def top_reasons(s: ScoredCase, limit: int = 2) -> list[CriterionResult]:
    """The criteria that weigh most against the case: worst verdict, then heaviest."""
    failing = [r for r in s.assessment.results if r.score is not None and r.score < 0.5]
    failing.sort(key=lambda r: (r.score, -r.weight, r.criterion))
    return failing[:limit]


def _table(scored: ScoredFolder, registry: Registry) -> None:
    head = f"{'#':>3} {'casus':<14} {'regio':<12} {'kader':<7}"
    head += "".join(f"{t:<5}" for t in THEME_COLUMNS) + f"{'risico':>6}  oordeel"
    print(head)
    for rank, s in enumerate(scored.cases, start=1):
        a = s.assessment
        tags = "+".join(framework_tag(f, registry) for f in a.frameworks)
        cells = ""
        for theme_id in THEME_COLUMNS:
            theme = s.assessment.worst_theme(theme_id)
            cell = verdict_cell(theme.verdict, registry, theme.framework) if theme else "·NB"
            cells += f"{cell:<5}"
        risk = "-" if s.assessment.risk is None else str(s.assessment.risk)
        overall = verdict_cell(s.assessment.verdict, registry)
        print(
            f"{rank:>3} {_fit(a.case_id, 14)} {_fit(a.region, 12)} {_fit(tags, 7)}"
            f"{cells}{risk:>6}  {overall}"
        )
        for reason in top_reasons(s):
            cell = verdict_cell(reason.verdict, registry, reason.framework)
            first = reason.evidence[0] if reason.evidence else ""
            line = textwrap.shorten(f"{cell} {reason.criterion} {first}", 74, placeholder="…")
            print(f"      {line}")
    n = len(scored.cases)
    print(
        f"\n{n} {'casus' if n == 1 else 'casussen'}, slechtste eerst"
        + (f"; {len(scored.errors)} ongeldige bestanden (zie stderr)" if scored.errors else "")
    )


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _junit(scored: ScoredFolder, registry: Registry, failing: set[str] | None) -> None:
    """Each case a test case; a failing network (or one under --fail-under) a failure."""
    import xml.etree.ElementTree as ET

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
            suite, "testcase", classname=f"{a.region}.{'+'.join(a.frameworks)}", name=a.case_id
        )
        case.set("file", str(s.path))
        if fails(s):
            reasons = top_reasons(s, limit=5)
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{DEFAULT_SCALE.label(a.verdict)} (risico {a.risk})",
                type=a.verdict,
            )
            failure.text = "\n".join(
                f"{r.criterion} {r.verdict}: {r.evidence[0] if r.evidence else ''}" for r in reasons
            )
    for case_error in scored.errors:
        case = ET.SubElement(suite, "testcase", classname="invalid", name=str(case_error.path))
        err = ET.SubElement(case, "error", message=case_error.problems[0].message)
        err.text = "\n".join(case_error.lines())
    ET.indent(suite)
    sys.stdout.write(ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n")
