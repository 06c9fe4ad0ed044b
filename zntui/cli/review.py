"""``zntui judge``, ``note``, ``status`` and ``history``: the review of one case, headless."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from zntui.cli.common import error, open_session
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from zntui.engine import assess_case
from zntui.model.case import Case
from zntui.model.review import (
    Review,
    ReviewChangeError,
    add_note,
    judge,
    set_status,
    unlock,
)
from zntui.store import CaseError, read_case_file
from zntui.store.reviews import (
    LoadedReview,
    ReviewConflict,
    ReviewError,
    load_review,
    save_review,
)
from zntui.user import login_name
from zntui.workflows.session import find_root


def _open(path: Path) -> tuple[Case, LoadedReview] | None:
    try:
        case = read_case_file(path, find_root(path))
    except CaseError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return None
    try:
        return case, load_review(path, case.id)
    except ReviewError as exc:
        error(f"refused: {exc}")
        return None


def _save(path: Path, loaded: LoadedReview, review: Review) -> int:
    if review == loaded.review:
        print("niets gewijzigd")
        return EXIT_OK
    try:
        save_review(path, loaded, review)
    except ReviewConflict as exc:
        error(f"refused: {exc}")
        return EXIT_BAD_INPUT
    last = review.audit[-1]
    change = f"{last.old} → {last.new}" if last.old else last.new
    print(f"{last.what}: {change} — opgeslagen in {loaded.path}")
    return EXIT_OK


def run_judge(args: argparse.Namespace) -> int:
    opened = _open(args.case_file)
    if opened is None:
        return EXIT_BAD_INPUT
    case, loaded = opened
    # The case's root folder's config and plugins: what the app opened on it uses.
    session = open_session(args, args.case_file)
    if session is None:
        return EXIT_BAD_INPUT
    config, registry = session.config, session.registry
    found = registry.criterion(args.criterion)
    if found is None or found[0].id not in case.frameworks:
        where = ", ".join(case.frameworks)
        error(f"{args.criterion}: no such criterion in this case's frameworks ({where})")
        return EXIT_BAD_INPUT
    framework = found[0]
    automatic = next(
        r.verdict
        for r in assess_case(case, registry, params=config.config.rule_params).results
        if r.criterion == args.criterion
    )
    try:
        review = judge(
            loaded.review,
            args.criterion,
            " ".join(args.verdict),
            scale=framework.scale,
            automatic_verdict=automatic,
            reason=args.reason or "",
            by=login_name(),
        )
    except ReviewChangeError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    return _save(args.case_file, loaded, review)


def _change(args: argparse.Namespace, change: Callable[[Review], Review]) -> int:
    opened = _open(args.case_file)
    if opened is None:
        return EXIT_BAD_INPUT
    _, loaded = opened
    try:
        review = change(loaded.review)
    except ReviewChangeError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    return _save(args.case_file, loaded, review)


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
        print(
            json.dumps([e.model_dump(mode="json") for e in entries], indent=2, ensure_ascii=False)
        )
        return EXIT_OK
    print(f"Geschiedenis van {case.id} (status: {loaded.review.status.label}; tijden in UTC)")
    if not entries:
        print("  nog geen wijzigingen")
    for e in entries:
        change = f"{e.old} → {e.new}" if e.old else e.new
        print(f"  {e.at:%Y-%m-%d %H:%M}  {e.by:<12} {e.what:<20} {change}")
        if e.reason:
            print(f"  {'':>16}  {'':<12} reden: {e.reason}")
    return EXIT_OK
