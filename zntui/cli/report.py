"""``zntui report DIR --level regional|national``: a document for the parties of the seed."""

from __future__ import annotations

import argparse
import sys

from zntui.cli.common import error, score_for, setup, unknown_frameworks
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from zntui.disclosure import ThresholdError, check_threshold
from zntui.report import html_report, json_report, markdown
from zntui.store.atomic import narrowest_mode
from zntui.store.user_files import WriteRefused, check_target, write_user_file
from zntui.untrusted import visible
from zntui.workflows.levels import publication, read_notes, report


def run_report(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        error(f"{args.dir}: not a folder")
        return EXIT_BAD_INPUT
    if args.output:
        try:  # before the scoring: a wrong -o costs no minutes of waiting
            check_target(args.output, args.force)
        except WriteRefused as exc:
            return _refused(exc)
    ready = setup(args, args.dir)
    if ready is None:
        return EXIT_BAD_INPUT
    config, registry = ready
    small_cell = config.config.small_cell if args.small_cell is None else args.small_cell
    try:
        check_threshold(small_cell)
    except ThresholdError as exc:
        error(f"--small-cell: {exc}")
        return EXIT_BAD_INPUT
    scored = score_for(args, config, registry)
    for case_error in scored.errors:
        for line in case_error.lines():
            print(visible(line), file=sys.stderr)
    missing = unknown_frameworks(scored, registry)
    if missing:
        error(missing)
    known = {s.assessment.region for s in scored.cases}
    unknown = [r for r in args.region if r not in known]
    if unknown:
        error(f"unknown region {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return EXIT_BAD_INPUT
    notes = read_notes(args.dir)
    if notes.problem:
        error(f"{notes.problem}; regional follow-up left out")
    published = publication(scored.cases, registry.frameworks, small_cell)
    data = report(published, registry.frameworks, args.level, args.region, notes.followups)
    render = {"html": html_report, "json": json_report}.get(args.format, markdown)
    text = render(data)
    if args.output:
        # No wider than the case files it is made from: the report is theirs to share.
        mode = narrowest_mode(s.path for s in scored.cases)
        try:
            write_user_file(args.output, text, mode, force=args.force)
        except WriteRefused as exc:
            return _refused(exc)
        print(f"rapport geschreven naar {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_BAD_INPUT if scored.errors or missing else EXIT_OK


def _refused(exc: WriteRefused) -> int:
    error(f"niet geschreven: {exc}" + ("; kies een andere naam, of --force" if exc.exists else ""))
    return EXIT_BAD_INPUT
