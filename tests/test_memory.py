"""Memory that does not grow with what each case's file or results hold (issue 19).

Counted with tracemalloc (bytes Python holds, the same on any machine and under any
load), never timed. A national folder has 50,000 cases: what the app and triage keep
per case, times 50,000, must leave room in 400 MB for the code (~110 MB with Textual
and scipy) and the worker processes (~100 MB).
"""

from __future__ import annotations

import gc
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from zntui.cli.check import collect
from zntui.generate import write_cases
from zntui.plugins import Registry
from zntui.workflows.scoring import score_folder

CASES = 120

HELD_PER_CASE = 1_800
"""Bytes a scored folder may hold per case, read back from the cache or scored afresh.
It holds ~1.6 KB (at 50,000 cases ~80 MB); before issue 19's fix it held ~3.1 KB: a Path per case
(~0.5 KB), a dict and a frozenset for each case's counts (~0.6 KB), its file's
signatures twice. Results, evidence and the file's own text are never held (they
were ~10 KB a case)."""

CHECKED_PER_CASE = 1_000
"""Bytes ``zntui check`` may hold per valid case: its id and path (~0.6 KB), never the
validated case (~100 KB). It holds ~0.55 KB."""


def _held(make: object) -> tuple[object, int]:
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        made = make()  # type: ignore[operator]
        gc.collect()
        return made, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


@pytest.fixture
def two_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("ZNTUI_CACHE", str(tmp_path / "cache.sqlite3"))
    first, second = tmp_path / "a", tmp_path / "b"
    write_cases(first, CASES, seed=3)
    write_cases(second, CASES, seed=4)
    return first, second


def test_a_folder_read_from_the_cache_holds_little_per_case(
    two_folders: tuple[Path, Path], registry: Registry
) -> None:
    first, second = two_folders
    for folder in two_folders:
        score_folder(folder, registry, workers=1)  # fills the cache
    # One-time work (imports, the fingerprint, the words all cases share) on other
    # cases, so that what is measured is what each case of the second folder adds.
    score_folder(first, registry)
    scored, held = _held(lambda: score_folder(second, registry))
    assert scored.from_cache == CASES and len(scored.cases) == CASES  # type: ignore[attr-defined]
    assert held / CASES <= HELD_PER_CASE, f"{held / CASES:.0f} bytes a case"


def test_a_folder_scored_afresh_holds_as_little(
    two_folders: tuple[Path, Path], registry: Registry
) -> None:
    first, second = two_folders
    score_folder(first, registry, workers=1, cache=False)
    scored, held = _held(lambda: score_folder(second, registry, workers=1, cache=False))
    assert len(scored.cases) == CASES  # type: ignore[attr-defined]
    assert held / CASES <= HELD_PER_CASE, f"{held / CASES:.0f} bytes a case"


def test_check_keeps_only_an_id_and_a_path_per_valid_case(
    two_folders: tuple[Path, Path],
) -> None:
    first, second = two_folders
    collect([first])
    checked, held = _held(lambda: collect([second]))
    assert len(checked.cases) == CASES and not checked.errors  # type: ignore[attr-defined]
    assert held / CASES <= CHECKED_PER_CASE, f"{held / CASES:.0f} bytes a case"


WORKERS_SEE = """
import gc, os, sys
from pathlib import Path
from zntui.engine.results import CaseAssessment
from zntui.plugins import load_registry
from zntui.workflows import scoring, workers
from zntui.workflows.scored import ScoredCase

folder, seen = Path(sys.argv[1]), Path(sys.argv[2])
start = workers._start

def recording(*args):
    # In the worker, first: the scored cases it inherited from the process it was
    # forked from (it holds them too, and its RSS with them).
    held = sum(isinstance(o, ScoredCase | CaseAssessment) for o in gc.get_objects())
    (seen / f"worker-{os.getpid()}").write_text(str(held))
    start(*args)

workers._start = recording
scoring.PARALLEL_FROM, workers.CHUNK = 1, 2
scored = scoring.score_folder(folder, load_registry(), workers=2)
print(scored.from_cache, len(scored.cases))
"""


def test_workers_are_forked_before_the_folder_grows(
    two_folders: tuple[Path, Path], registry: Registry, tmp_path: Path
) -> None:
    first, _ = two_folders
    score_folder(first, registry, workers=1)  # every case a hit now …
    changed = sorted(first.rglob("*.toml"))[:6]
    for path in changed:  # … but for these, which workers score
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    seen = tmp_path / "seen"
    seen.mkdir()
    # A process of its own: single-threaded, as the CLI is (threads left behind by
    # other tests would make the pool start from a fork server instead).
    done = subprocess.run(
        [sys.executable, "-c", WORKERS_SEE, str(first), str(seen)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(CASES - len(changed)), str(CASES)]
    found = [int(p.read_text()) for p in seen.iterdir()]
    # Forked while this process held only the walk (no case read back, none scored).
    assert found and found == [0] * len(found), found
