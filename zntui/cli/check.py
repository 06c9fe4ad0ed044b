"""``zntui check DIR|FILE…``: validate case files, one line per problem."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from zntui.store import CaseError, ErrorKind, discover, read_case_file
from zntui.store.folder import duplicate_id_errors
from zntui.untrusted import json_text, visible
from zntui.wording import EMPTY_FOLDER_HINT


@dataclass
class Checked:
    cases: list[tuple[str, Path]] = field(default_factory=list)
    """(case id, file) of each valid case: all that a check keeps of it, at any size."""
    errors: list[CaseError] = field(default_factory=list)


def collect(paths: list[Path]) -> Checked:
    """Validate every case file under ``paths``; a missing path is an error like any other."""
    result = Checked()
    missing: list[CaseError] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            missing.append(
                CaseError.single(
                    path, ErrorKind.UNREADABLE, "bestaat niet (geen bestand of map met die naam)"
                )
            )
            continue
        root = path if path.is_dir() else path.parent
        for found in discover(path):
            try:
                result.cases.append((read_case_file(found, root).id, found))
            except CaseError as error:
                result.errors.append(error)
    # Over all paths at once, so that a case id used in two of them is caught too.
    refused, duplicates = duplicate_id_errors(result.cases)
    if refused:
        result.cases = [c for c in result.cases if c[1] not in refused]
        result.errors = sorted(result.errors + duplicates, key=lambda e: str(e.path))
    result.errors = missing + result.errors
    return result


def run_check(args: argparse.Namespace) -> int:
    result = collect(args.paths)
    checked = len(result.cases) + len({e.path for e in result.errors})
    if args.format == "json":
        document = {
            "format": "zntui.check",
            "version": 1,
            "checked": checked,
            "valid": len(result.cases),
            "invalid": len({e.path for e in result.errors}),
            "errors": [e.to_dict() for e in result.errors],
        }
        print(json_text(json.dumps(document, indent=2, ensure_ascii=False)))
    else:
        for error in result.errors:
            for line in error.lines():
                print(visible(line))  # key and file names come from the file
        invalid = len({e.path for e in result.errors})
        problems = sum(len(e.problems) for e in result.errors)
        files = f"{checked} {'bestand' if checked == 1 else 'bestanden'} gecontroleerd"
        if invalid:
            print(
                f"{files}: {len(result.cases)} geldig, {invalid} ongeldig "
                f"({problems} {'probleem' if problems == 1 else 'problemen'})"
            )
        elif checked:
            print(f"{files}: alle geldig")
        else:
            print(f"{files}: {EMPTY_FOLDER_HINT}")
    return EXIT_BAD_INPUT if result.errors else EXIT_OK
