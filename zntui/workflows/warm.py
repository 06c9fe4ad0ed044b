"""A folder read back whole from the cache, without loading the plugins.

When a snapshot of the session holds (:mod:`zntui.workflows.snapshot`) and the cache
has a current row for every case file under the folder, the folder is what
:func:`zntui.workflows.scoring.score_folder` would return — the same rows, read the
same way — without scoring anything, so the plugins, the checks and pydantic are never
imported. Anything else (a file added, changed or gone, a damaged row, a cache that
had to be rebuilt) returns None, and the caller scores the folder as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zntui.engine.order import triage_key
from zntui.store.cache import ABSENT, CaseCache, signature
from zntui.store.errors import CaseError
from zntui.store.folder import discover, duplicate_id_errors
from zntui.workflows.rows import CriteriaSource, from_row, sidecar_text
from zntui.workflows.scored import ScoredCase, ScoredFolder

if TYPE_CHECKING:
    from zntui.plugins import Registry
    from zntui.workflows.scored import Params

Load = Callable[[], "tuple[Registry, Params | None]"]
"""Loads the real session's registry and rule parameters (the plugins)."""


def read_cached(root: Path, fingerprint: str, load: Load) -> ScoredFolder | None:
    """``root`` (a folder or one case file) from the cache alone, worst first; None
    when any case would have to be scored. ``load`` gives the real registry and rule
    parameters if a row has to be scored again later (it went missing while its
    criteria were being read): only then are the plugins loaded."""
    root = root.absolute()
    base = root if root.is_dir() else root.parent
    store = CaseCache.open(fingerprint)
    if store is None:
        return None
    try:
        return _read(store, root, base, fingerprint, load)
    finally:
        store.close()


def _read(
    store: CaseCache, root: Path, base: Path, fingerprint: str, load: Load
) -> ScoredFolder | None:
    if store.warning:
        return None
    folder = ScoredFolder()
    known = store.signatures_under(root)
    if store.warning:
        return None
    for path in map(str, discover(root)):
        now = (signature(path), signature(sidecar_text(path)))
        if now[0] == ABSENT or known.get(path) != now:
            return None
        folder.files[path] = now
    if len(known) != len(folder.files):
        return None  # rows of files that are gone: a full load forgets them
    session = _Deferred(load)
    source = CriteriaSource(fingerprint, store.path, session.registry, session.params, base)  # type: ignore[arg-type]
    folder.criteria = source
    found: list[ScoredCase] = []
    for row in store.rows_under(root):
        if folder.files.get(row.path) != (row.case, row.review):
            return None  # rewritten meanwhile
        try:
            item = from_row(row, source)
        except ValueError:
            return None  # a damaged row is scored again by the full load
        if isinstance(item, CaseError):
            folder.errors.append(item)
        else:
            found.append(item)
    if store.warning or len(found) + len(folder.errors) != len(folder.files):
        return None
    folder.from_cache = len(folder.files)
    refused, duplicates = duplicate_id_errors((s.assessment.case_id, s.path) for s in found)
    folder.cases = [s for s in found if s.path not in refused]
    folder.cases.sort(key=lambda s: triage_key(s.assessment))
    folder.errors = sorted(folder.errors + duplicates, key=lambda e: str(e.path))
    return folder


class _Deferred:
    """The real registry and rule parameters, loaded the first time one is used."""

    def __init__(self, load: Load) -> None:
        self._load = load
        self._loaded: tuple[Registry, Params | None] | None = None
        self.registry = _RegistryProxy(self)
        self.params = _ParamsProxy(self)

    def get(self) -> tuple[Registry, Params | None]:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded


class _RegistryProxy:
    __slots__ = ("_session",)

    def __init__(self, session: _Deferred) -> None:
        self._session = session

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session.get()[0], name)


class _ParamsProxy(Mapping[str, Any]):
    def __init__(self, session: _Deferred) -> None:
        self._session = session

    def _params(self) -> Mapping[str, Any]:
        return self._session.get()[1] or {}

    def __getitem__(self, key: str) -> Any:
        return self._params()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._params())

    def __len__(self) -> int:
        return len(self._params())
