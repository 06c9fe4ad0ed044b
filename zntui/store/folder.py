"""Find and load every case file under a folder; bad files never stop the good ones."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zntui.store.atomic import remove_stale_temporaries
from zntui.store.errors import CaseError, ErrorKind, Problem

if TYPE_CHECKING:
    from zntui.model.case import Case

REVIEW_SUFFIX = ".review.toml"
RESERVED_NAMES = frozenset({"zntui.toml"})
"""Files beside the cases that belong to zntui itself (config, regional notes)."""


@dataclass(frozen=True)
class CaseFile:
    """A loaded case and the file it came from."""

    path: Path
    case: Case


@dataclass
class LoadResult:
    cases: list[CaseFile] = field(default_factory=list)
    errors: list[CaseError] = field(default_factory=list)


def is_case_file_name(name: str) -> bool:
    return (
        name.endswith(".toml")
        and not name.endswith(REVIEW_SUFFIX)
        and not name.endswith(".zntui.toml")
        and name not in RESERVED_NAMES
        and not name.startswith(".")
    )


def zntui_writes(name: str) -> bool:
    """Whether a file of this name is one zntui writes beside the cases (a review
    sidecar, the regional notes): its stale temporary files are zntui's to remove."""
    return name.endswith(REVIEW_SUFFIX) or name.endswith(".zntui.toml")


def remove_stale_saves(folder: Path) -> int:
    """Remove what saves killed half-way left in one folder (see :mod:`.atomic`)."""
    return remove_stale_temporaries(folder, zntui_writes)


def sweep_stale_saves(root: Path) -> int:
    """:func:`remove_stale_saves` in every folder under ``root`` discovery walks."""
    if not root.is_dir():
        return 0
    removed = 0
    for dirpath, dirnames, _ in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        removed += remove_stale_saves(Path(dirpath))
    return removed


def discover(root: Path) -> Iterator[Path]:
    """Case files under ``root`` in a stable order, skipping sidecars and hidden folders.

    Symlinked folders are not followed (they could loop or leave the tree); symlinked
    files are yielded and judged by the reader. Anything given that is not a folder (a
    file, a FIFO, a broken link) is yielded for the reader to judge, and so is every
    folder that cannot be listed: the reader says why, with its path.
    """
    if not root.is_dir():
        yield root
        return
    unlisted: list[Path] = []

    def cannot_list(error: OSError) -> None:
        unlisted.append(Path(error.filename) if error.filename else root)

    for dirpath, dirnames, filenames in os.walk(root, onerror=cannot_list):
        yield from sorted(unlisted)
        unlisted.clear()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if is_case_file_name(name):
                yield Path(dirpath) / name
    yield from sorted(unlisted)


def load_paths(paths: Iterable[tuple[Path, Path | None]]) -> LoadResult:
    """Load (file, root) pairs; ``root`` is the folder a symlinked file must stay in."""
    # Here, not at the top: the walk and duplicate ids (a cache hit) need no validation.
    from zntui.store.reader import read_case_file

    result = LoadResult()
    for path, root in paths:
        try:
            result.cases.append(CaseFile(path, read_case_file(path, root)))
        except CaseError as error:
            result.errors.append(error)
    _reject_duplicate_ids(result)
    return result


def load_folder(root: Path) -> LoadResult:
    """Load every case under ``root`` (a folder or a single file)."""
    base = root if root.is_dir() else root.parent
    return load_paths((path, base) for path in discover(root))


def _reject_duplicate_ids(result: LoadResult) -> None:
    """A case id in two files is ambiguous: refuse both and name each other."""
    refused, errors = duplicate_id_errors((c.case.id, c.path) for c in result.cases)
    if refused:
        result.cases = [c for c in result.cases if c.path not in refused]
        result.errors = sorted(result.errors + errors, key=lambda e: str(e.path))


def duplicate_id_errors(
    cases: Iterable[tuple[str, Path]],
) -> tuple[set[Path], list[CaseError]]:
    """The files whose case id another file also uses, and an error for each."""
    by_id: dict[str, list[Path]] = defaultdict(list)
    for case_id, path in cases:
        by_id[case_id].append(path)
    refused: set[Path] = set()
    errors = []
    for case_id, paths in by_id.items():
        if len(paths) < 2:
            continue
        for path in paths:
            others = ", ".join(str(o) for o in paths if o != path)
            refused.add(path)
            errors.append(
                CaseError(
                    path,
                    ErrorKind.DUPLICATE_ID,
                    [Problem(f"case id '{case_id}' is also used in {others}", field="id")],
                )
            )
    return refused, errors
