"""Score case files on every core.

Workers send back rows of text (the ``score`` function handed over, which
:mod:`zntui.engine.folder` makes ``score_row``), not objects: pickling a validated case
costs about as much as validating it again. The function is handed over rather than
imported, so that this module and the folder scoring that uses it make no cycle.

Where the process is single-threaded (the CLI), workers are forked and inherit the
loaded plugins; the folder starts them (and hands them all the work) before it reads
anything from the cache, so what they inherit is little more than the code. The app
loads in a thread, and forking a threaded process can leave a lock held forever in the
child, so there workers start from a fork server and load the plugins again the same
way (``Registry.spec``); a registry that cannot be rebuilt that way (plugins handed
over in code, as tests do) is scored in-process instead.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from zntui.plugins import Registry, load_registry
from zntui.store.cache import Row

Params = Mapping[str, Mapping[str, Any]]
"""Rule parameters, as :data:`zntui.engine.folder.Params` (not imported: no cycle)."""

Score = Callable[[Path, Path, Registry, Any], Row]
"""``score(path, base, registry, params) -> Row``: a module-level function (pickled by
name for the workers)."""

CHUNK = 25
"""Files per task: small enough that the first rows come back at once."""

_registry: Registry | None = None
_params: Params | None = None
_base: Path | None = None
_score: Score | None = None


def score_in_pool(
    paths: list[str],
    base: Path,
    registry: Registry,
    params: Params | None,
    count: int,
    score: Score,
) -> Iterator[list[Row]] | None:
    """Batches of rows as workers finish them, or None when no pool can be used here."""
    global _registry
    if threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
        _registry = registry  # inherited by the forked workers
        spec = None
    elif registry.spec is not None:
        context = multiprocessing.get_context("forkserver")
        # Preload this module (and so the engine and the model), not the default
        # __main__: whatever script started us must not run again in the server.
        context.set_forkserver_preload(["zntui.engine.workers"])
        spec = registry.spec
    else:
        return None
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with _stderr_with_a_file():
        pool = context.Pool(count, initializer=_start, initargs=(spec, params, base, score))
    # Submitted now, not when the caller first asks: they work while it reads the hits.
    return _results(pool, pool.imap_unordered(_score_chunk, chunks))


@contextlib.contextmanager
def _stderr_with_a_file() -> Iterator[None]:
    """multiprocessing hands ``sys.stderr.fileno()`` to its helper process; inside the
    app, stderr is Textual's capture and has none. Lend it /dev/null meanwhile."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            sys.stderr = saved


def _results(pool: multiprocessing.pool.Pool, done: Iterator[list[Row]]) -> Iterator[list[Row]]:
    try:
        yield from done
    finally:
        pool.terminate()
        pool.join()


def _start(spec: dict | None, params: Params | None, base: Path, score: Score) -> None:
    global _registry, _params, _base, _score
    if spec is not None:
        # Started for the app: the terminal is the app's; a worker must not write to it.
        # (Failures still reach the app: the pool sends exceptions back.)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        _registry = load_registry(**spec)
    _params, _base, _score = params, base, score
    # A worker's heap is the code and the registry, then short-lived rows: nothing the
    # cycle collector should keep walking. Take the start out of its view and let it
    # run less often (the rows hold no cycles; what little cyclic garbage a check makes
    # is still collected).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _score_chunk(paths: list[str]) -> list[Row]:
    assert _registry is not None and _base is not None and _score is not None
    return [_score(Path(p), _base, _registry, _params) for p in paths]
