"""``zntui report DIR --level regional|national``: a document for the parties of the seed."""

from __future__ import annotations

import argparse
import sys

from zntui.cli.common import error, score_for, setup
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from zntui.report import html_report, markdown, report_input
from zntui.store.atomic import narrowest_mode
from zntui.store.regional_notes import NotesError, load_notes
from zntui.store.user_files import WriteRefused, check_target, write_user_file


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
    if small_cell < 1:
        error("--small-cell must be at least 1")
        return EXIT_BAD_INPUT
    scored = score_for(args, config, registry)
    for case_error in scored.errors:
        for line in case_error.lines():
            print(line, file=sys.stderr)
    known = {s.assessment.region for s in scored.cases}
    unknown = [r for r in args.region if r not in known]
    if unknown:
        error(f"unknown region {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return EXIT_BAD_INPUT
    try:
        followups = load_notes(args.dir).notes.followups
    except NotesError as exc:
        error(f"{exc}; regional follow-up left out")
        followups = []
    data = report_input(
        scored.cases, registry.frameworks, args.level, args.region, small_cell, followups
    )
    text = html_report(data) if args.format == "html" else markdown(data)
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
    return EXIT_BAD_INPUT if scored.errors else EXIT_OK


def _refused(exc: WriteRefused) -> int:
    error(f"niet geschreven: {exc}" + ("; kies een andere naam, of --force" if exc.exists else ""))
    return EXIT_BAD_INPUT
