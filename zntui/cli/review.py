"""``zntui judge``, ``note``, ``status``, ``unlock`` and ``history``: the review of one
case, headless. The workflow is :mod:`zntui.workflows.reviewing`; this parses and prints.

The case's root folder (the folder the app would open: the nearest one above with a
``zntui.toml``) gives the config and plugins, so ``judge`` records the automatic
verdict the app shows."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from zntui.cli.common import error, open_session
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from zntui.model.case import Case
from zntui.model.review import (
    Review,
    ReviewChangeError,
    add_note,
    audit_label,
    set_status,
    unlock,
)
from zntui.store import CaseError
from zntui.store.reviews import LoadedReview, ReviewError
from zntui.untrusted import json_text, visible
from zntui.user import login_name
from zntui.workflows.reviewing import Outcome, apply_change, judgement, open_review
from zntui.workflows.session import find_root


def _open(path: Path) -> tuple[Case, LoadedReview] | None:
    try:
        return open_review(path, find_root(path))
    except CaseError as exc:
        for line in exc.lines():
            print(visible(line), file=sys.stderr)
    except ReviewError as exc:
        error(f"geweigerd: {exc}")
    return None


def _save(path: Path, loaded: LoadedReview, change: Callable[[Review], Review]) -> int:
    result = apply_change(path, loaded, change)
    if result.outcome is Outcome.UNCHANGED:
        print("niets gewijzigd")
        return EXIT_OK
    if result.outcome is Outcome.REFUSED:
        error(result.message)
        return EXIT_BAD_INPUT
    if result.outcome is Outcome.FAILED:  # SaveFailed: one Dutch sentence naming the file
        error(result.message)
        return EXIT_BAD_INPUT
    if result.outcome is not Outcome.SAVED:
        error(f"geweigerd: {result.message}")
        return EXIT_BAD_INPUT
    last = result.last
    assert last is not None and result.loaded is not None
    change_text = f"{last.old} → {last.new}" if last.old else last.new
    print(visible(f"{audit_label(last.what)}: {change_text} — opgeslagen in {result.loaded.path}"))
    return EXIT_OK


def run_judge(args: argparse.Namespace) -> int:
    opened = _open(args.case_file)
    if opened is None:
        return EXIT_BAD_INPUT
    case, loaded = opened
    session = open_session(args, args.case_file)
    if session is None:
        return EXIT_BAD_INPUT
    try:
        change = judgement(
            case,
            session.registry,
            args.criterion,
            " ".join(args.verdict),
            reason=args.reason or "",
            by=login_name(),
            params=session.config.config.rule_params,
        )
    except ReviewChangeError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    return _save(args.case_file, loaded, change)


def _change(args: argparse.Namespace, change: Callable[[Review], Review]) -> int:
    opened = _open(args.case_file)
    if opened is None:
        return EXIT_BAD_INPUT
    return _save(args.case_file, opened[1], change)


def run_note(args: argparse.Namespace) -> int:
    return _change(args, lambda review: add_note(review, " ".join(args.text), by=login_name()))


def run_status(args: argparse.Namespace) -> int:
    return _change(
        args,
        lambda review: set_status(
            review, " ".join(args.status), by=login_name(), reason=args.reason or ""
        ),
    )


def run_unlock(args: argparse.Namespace) -> int:
    return _change(args, lambda review: unlock(review, by=login_name(), reason=args.reason or ""))


def run_history(args: argparse.Namespace) -> int:
    opened = _open(args.case_file)
    if opened is None:
        return EXIT_BAD_INPUT
    case, loaded = opened
    entries = loaded.review.audit
    if args.format == "json":
        dumped = [e.model_dump(mode="json") for e in entries]
        print(json_text(json.dumps(dumped, indent=2, ensure_ascii=False)))
        return EXIT_OK
    label = loaded.review.status.label
    print(f"Geschiedenis van {visible(case.id)} (status: {label}; tijden in UTC)")
    if not entries:
        print("  nog geen wijzigingen")
    for e in entries:
        change = f"{e.old} → {e.new}" if e.old else e.new
        # One line per entry: a newline in a note or reason cannot forge another entry.
        print(
            f"  {e.at:%Y-%m-%d %H:%M}  {visible(e.by):<12} {visible(audit_label(e.what)):<20} "
            f"{visible(change)}"
        )
        if e.reason:
            print(f"  {'':>16}  {'':<12} reden: {visible(e.reason)}")
    return EXIT_OK
