"""Score case files on every core.

Workers send back rows of text (the ``score`` function handed over, which
:mod:`zntui.workflows.rows` makes ``score_row``), not objects: pickling a validated case
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
import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from zntui.plugins import Registry, load_registry
from zntui.store import CaseError, ErrorKind
from zntui.store.cache import ABSENT, Row
from zntui.workflows.scored import Params

Score = Callable[[Path, Path, Registry, Any], Row]
"""``score(path, base, registry, params) -> Row``: a module-level function (pickled by
name for the workers)."""

CHUNK = 25
"""Files per task: small enough that the first rows come back at once."""

_registry: Registry | None = None
_params: Params | None = None
_base: Path | None = None
_score: Score | None = None
_taken: Any = None


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
        # Preload nothing, not even the default __main__ (whatever script started us
        # must not run again in the server): every process in the tree counts, and a
        # server that imported the engine and the model would hold ~36 MB for as long
        # as the app runs, for workers that import them again anyway (they load the
        # plugins); a bare one holds ~14 MB.
        context.set_forkserver_preload([])
        spec = registry.spec
    else:
        return None
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    # Which worker (pid) took each chunk: when one dies, its chunk is known.
    taken = context.Array("i", len(chunks), lock=False)
    with _stderr_with_a_file():
        pool = context.Pool(count, initializer=_start, initargs=(spec, params, base, score, taken))
    # Submitted now, not when the caller first asks: they work while it reads the hits.
    done = pool.imap_unordered(_score_chunk, list(enumerate(chunks)))
    rescue = partial(_rescue, context=context, spec=spec, params=params, base=base, score=score)
    return _results(pool, done, chunks, taken, rescue)


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


def _results(
    pool: multiprocessing.pool.Pool,
    done: Any,
    chunks: list[list[str]],
    taken: Any,
    rescue: Callable[[list[str]], list[Row]],
) -> Iterator[list[Row]]:
    """Rows as chunks come back; a chunk whose worker died (a plugin's check killed its
    process) is scored again one case per process, and a case that kills that one too
    comes back as a problem of its file. A dead worker never hangs the run."""
    try:
        pending = set(range(len(chunks)))
        alive = _pids(pool)
        dead: set[int] = set()
        while pending:
            try:
                index, rows = done.next(timeout=0.5)
            except multiprocessing.TimeoutError:
                now = _pids(pool)
                dead |= alive - now  # pool workers never end on their own: these died
                alive = now
                for index in sorted(i for i in pending if taken[i] in dead):
                    pending.discard(index)
                    yield rescue(chunks[index])
                continue
            pending.discard(index)
            yield rows
    finally:
        pool.terminate()
        pool.join()


def _pids(pool: multiprocessing.pool.Pool) -> set[int]:
    # Pool keeps its worker processes in ._pool and replaces any that exit.
    return {p.pid for p in getattr(pool, "_pool", []) if p.pid is not None}


def _start(
    spec: dict | None, params: Params | None, base: Path, score: Score, taken: Any = None
) -> None:
    global _registry, _params, _base, _score, _taken
    # stdout is the parent's output (the triage JSON): nothing a plugin writes, even from
    # C, may land in it.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    if spec is not None:
        # Started for the app: the terminal is the app's; a worker must not write to it.
        # (Failures still reach the app: the pool sends exceptions back.)
        os.dup2(devnull, 2)
        _registry = load_registry(**spec)
    _params, _base, _score, _taken = params, base, score, taken
    # A worker's heap is the code and the registry, then short-lived rows: nothing the
    # cycle collector should keep walking. Take the start out of its view and let it
    # run less often (the rows hold no cycles; what little cyclic garbage a check makes
    # is still collected).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _score_chunk(job: tuple[int, list[str]]) -> tuple[int, list[Row]]:
    index, paths = job
    assert _registry is not None and _base is not None and _score is not None
    if _taken is not None:
        _taken[index] = os.getpid()
    return index, [_score(Path(p), _base, _registry, _params) for p in paths]


RESCUE_SECONDS = 300.0
"""How long one case may take on its own after its worker died, before it is given up."""


def _rescue(
    paths: list[str],
    *,
    context: Any,
    spec: dict | None,
    params: Params | None,
    base: Path,
    score: Score,
) -> list[Row]:
    rows = []
    for path in paths:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_score_alone, args=(send, path, spec, params, base, score))
        with _stderr_with_a_file():
            process.start()
        send.close()
        row = None
        with contextlib.suppress(EOFError, OSError):
            if receive.poll(RESCUE_SECONDS):
                row = receive.recv()
        process.join(1)
        if process.is_alive():
            process.kill()
            process.join()
        receive.close()
        rows.append(row if row is not None else _died_row(path, process.exitcode))
    return rows


def _score_alone(
    send: Any, path: str, spec: dict | None, params: Params | None, base: Path, score: Score
) -> None:
    _start(spec, params, base, score)
    assert _registry is not None
    send.send(score(Path(path), base, _registry, params))
    send.close()


def _died_row(path: str, exitcode: int | None) -> Row:
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit {exitcode}"
    error = CaseError.single(
        Path(path),
        ErrorKind.UNREADABLE,
        f"het proces dat deze casus beoordeelde stopte ({how}): een controle van een "
        "plugin bracht het ten val; `zntui plugins` toont wat er geladen is",
    )
    # A signature no file has: never served from the cache, scored again next time.
    return Row(path, (-2, -2, -2), ABSENT, json.dumps({"error": error.to_dict()}), "")
