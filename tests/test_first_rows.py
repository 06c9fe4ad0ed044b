"""The first rows of the list: on the first screen, before the folder is walked, with no
more imported, composed or read than that screen needs (issue 19).

Counted, never timed: what is imported, what is composed and how much of the folder is
walked at the moment the first rows are there. The app runs in a process of its own
(this one has imported everything already)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zntui.generate import write_cases
from zntui.plugins import Registry
from zntui.workflows import scoring
from zntui.workflows.scoring import score_folder

NOT_ON_THE_FIRST_SCREEN = (
    "scipy",  # the levels' disclosure step, after the whole folder is scored
    "zntui.ui.case_screen",
    "zntui.ui.network_matrix",
    "zntui.ui.prompts",
    "zntui.ui.exporting",
    "zntui.ui.bulk_status",
    "zntui.ui.follow_up",
    "zntui.ui.help_screen",
    "zntui.ui.problems_screen",
    "zntui.ui.dutch",
    "zntui.ui.editing",
    "zntui.workflows.reviewing",
    "zntui.report",  # the level panes' reports: drawn once the folder is scored
    "textual.widgets._tabbed_content",
    "textual.widgets._selection_list",
)
"""Modules of screens and work that the first screen does not show."""

APP = """
import json, sys
from pathlib import Path

from zntui.plugins import load_registry
from zntui.ui import footer
from zntui.ui.app import ZntuiApp
from zntui.ui.case_table import CaseTable

composed = []
real_compose = footer.ZntuiFooter.compose


def compose(self):
    composed.append(self._bindings_ready)
    return real_compose(self)


footer.ZntuiFooter.compose = compose
seen = {}


real_reload = ZntuiApp.action_reload


def action_reload(self):
    # The load starts after the first frame: what is there now was on it.
    if not seen:
        seen["modules"] = sorted(sys.modules)
        seen["rows"] = self.screen.query_one("#triage", CaseTable).row_count
        seen["footers"] = len(composed)
    real_reload(self)


ZntuiApp.action_reload = action_reload


async def main():
    app = ZntuiApp(Path(sys.argv[1]), load_registry(), watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6000):  # events, not a timer: bounded only for a hung load
            await pilot.pause(0.02)
            if seen and not app.loading:
                break
        seen["loaded"] = len(app.scored.cases)
        seen["footers_loaded"] = len(composed)


import asyncio

asyncio.run(main())
print(json.dumps(seen))
"""


def first_screen(folder: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", APP, str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_first_screen_shows_the_cache_top_and_imports_nothing_else(
    tmp_path: Path, registry: Registry
) -> None:
    cases = tmp_path / "cases"
    write_cases(cases, 12, seed=3)
    score_folder(cases, registry)  # a warm cache (XDG_CACHE_HOME is this test's own)
    seen = first_screen(cases)
    assert seen["rows"] == 12  # from the cache, on the first frame: before any walk
    imported = [m for m in NOT_ON_THE_FIRST_SCREEN if m in seen["modules"]]  # type: ignore[operator]
    assert imported == []
    assert seen["loaded"] == 12
    # The footer is drawn with its keys once; not again for every change of focus.
    # (Composed before the bindings are known, empty, and once with them.)
    assert seen["footers_loaded"] <= 2, seen


def test_a_cold_folder_shows_a_first_batch_before_the_walk_ends(
    tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    write_cases(cases, 30, seed=4)
    expected = score_folder(cases, registry, cache=False)
    walked: list[Path] = []
    real_discover = scoring.discover

    def walk(root: Path):
        for path in real_discover(root):
            walked.append(path)
            yield path

    monkeypatch.setattr(scoring, "discover", walk)
    batches: list[tuple[int, int]] = []
    cold = score_folder(
        cases, registry, arrived=lambda b: batches.append((len(b), len(walked))), first=5
    )
    assert batches[0] == (5, 5)  # five scored as soon as five were found
    assert sum(n for n, _ in batches) == 30
    assert [(s.path, s.assessment.verdict) for s in cold.cases] == [
        (s.path, s.assessment.verdict) for s in expected.cases
    ]
    # The first batch went into the cache with the rest.
    assert score_folder(cases, registry).from_cache == 30


def test_a_file_rewritten_after_the_first_batch_is_scored_again(
    tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    write_cases(cases, 8, seed=9)
    real_score_row = scoring.score_row
    first_path: list[Path] = []

    def score_then_break(path: Path, *args: object, **kwargs: object):
        row = real_score_row(path, *args, **kwargs)  # type: ignore[arg-type]
        if not first_path:
            first_path.append(path)
            path.write_text("id = [kapot\n", "utf-8")  # rewritten once it is scored
        return row

    monkeypatch.setattr(scoring, "score_row", score_then_break)
    folder = score_folder(cases, registry, arrived=lambda b: None, first=3, workers=1)
    assert [str(e.path) for e in folder.errors] == [str(first_path[0])]
    assert len(folder.cases) == 7
