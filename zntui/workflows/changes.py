"""Files changed on disk put into an open folder as their rows alone.

A change is found in a worker thread (:func:`zntui.workflows.scoring.find_changes`) as a
:class:`FolderChange` — the old rows of the files that changed, their new rows and
problems, their signatures now — and applied on the thread that owns the folder
(:meth:`CaseIndex.apply`): the work is that of the files changed, not of the folder
(a bisect into the sorted cases, dict updates), so one file costs the same at 50,000
cases as at 50.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from zntui.engine.assess import triage_key
from zntui.store import CaseError
from zntui.store.cache import Signature
from zntui.workflows.scored import ScoredCase, ScoredFolder

Signatures = tuple[Signature, Signature]


def _order(s: ScoredCase) -> tuple[int, int, int, int, str]:
    return triage_key(s.assessment)


@dataclass
class FolderChange:
    """What some files changed on disk do to a folder."""

    changed: list[str]
    """The case files that changed, came or went."""
    files: dict[str, Signatures | None] = field(default_factory=dict)
    """Their (case, sidecar) signatures now; None: gone."""
    removed: list[ScoredCase] = field(default_factory=list)
    """Their rows as the folder holds them (to come out)."""
    added: list[ScoredCase] = field(default_factory=list)
    """Their rows now (to go in)."""
    errors: list[CaseError] = field(default_factory=list)
    """Their problems now (the old problems of ``changed`` go)."""


class CaseIndex:
    """A folder's cases by file and by case id: a changed file finds its old row, and a
    new id its namesake, without a walk over every case."""

    def __init__(self, folder: ScoredFolder) -> None:
        self.folder = folder
        self.by_path: dict[str, ScoredCase] = {str(s.path): s for s in folder.cases}
        self.by_id: dict[str, ScoredCase] = {s.assessment.case_id: s for s in folder.cases}

    def apply(self, change: FolderChange) -> None:
        """Put ``change`` into the folder (in place) and into this index."""
        folder, touched = self.folder, set(change.changed)
        for s in change.removed:
            i = bisect.bisect_left(folder.cases, _order(s), key=_order)
            if i < len(folder.cases) and folder.cases[i] is s:
                del folder.cases[i]
            else:  # not where its order says (never expected): found the slow way
                folder.cases.remove(s)
            self.by_path.pop(str(s.path), None)
            if self.by_id.get(s.assessment.case_id) is s:
                del self.by_id[s.assessment.case_id]
        for s in change.added:
            bisect.insort(folder.cases, s, key=_order)
            self.by_path[str(s.path)] = s
            self.by_id[s.assessment.case_id] = s
        if change.errors or any(str(e.path) in touched for e in folder.errors):
            kept = [e for e in folder.errors if str(e.path) not in touched]
            folder.errors = sorted(kept + change.errors, key=lambda e: str(e.path))
        for path, sigs in change.files.items():
            if sigs is None:
                folder.files.pop(path, None)
            else:
                folder.files[path] = sigs
        folder.from_cache = 0
