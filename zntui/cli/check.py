"""``zntui check DIR|FILE…``: validate case files, one line per problem."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from zntui.cli import EXIT_BAD_INPUT, EXIT_OK
from zntui.store import CaseError, ErrorKind, LoadResult, discover, load_paths
from zntui.untrusted import json_text, visible


def collect(paths: list[Path]) -> LoadResult:
    """Load every case file under ``paths``; a missing path is an error like any other."""
    files: list[tuple[Path, Path]] = []
    missing: list[CaseError] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            missing.append(CaseError.single(path, ErrorKind.UNREADABLE, "no such file or folder"))
            continue
        root = path if path.is_dir() else path.parent
        files.extend((found, root) for found in discover(path))
    # One load over all paths, so that a case id used in two of them is caught too.
    result = load_paths(files)
    result.errors = missing + result.errors
    return result


def run_check(args: argparse.Namespace) -> int:
    result = collect(args.paths)
    checked = len(result.cases) + len({e.path for e in result.errors})
    if args.format == "json":
        print(
            json_text(
                json.dumps(
                    {
                        "format": "zntui.check",
                        "version": 1,
                        "checked": checked,
                        "valid": len(result.cases),
                        "invalid": len({e.path for e in result.errors}),
                        "errors": [e.to_dict() for e in result.errors],
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
        )
    else:
        for error in result.errors:
            for line in error.lines():
                print(visible(line))  # key and file names come from the file
        invalid = len({e.path for e in result.errors})
        problems = sum(len(e.problems) for e in result.errors)
        if invalid:
            print(
                f"{checked} files checked: {len(result.cases)} valid, {invalid} invalid "
                f"({problems} problem{'s' if problems != 1 else ''})"
            )
        else:
            print(f"{checked} files checked: all valid")
    return EXIT_BAD_INPUT if result.errors else EXIT_OK
