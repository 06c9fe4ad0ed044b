"""One file changed while the app is open costs the work of that file, not of the folder.

No timing here: the tests count what the list looks at (filter texts made, cells made,
sort keys taken) for one change in a folder of thousands, check that the list after
random changes (with a filter and a sort order set) is the list a fresh fill makes,
and that a change the kernel never told of still comes in by the walk.
"""

from __future__ import annotations

import asyncio
import math
import random
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zntui.engine import triage_key
from zntui.engine.results import CaseAssessment
from zntui.generate import write_cases
from zntui.model.review import ReviewStatus
from zntui.plugins import Registry
from zntui.ui import client_pane
from zntui.ui import loading as loading_module
from zntui.ui.app import ZntuiApp
from zntui.ui.case_table import CaseTable
from zntui.workflows.changes import FolderChange
from zntui.workflows.scored import ScoredCase, ScoredFolder
from zntui.workflows.scoring import score_folder
from zntui.workflows.watch import FolderWatch

REGIONS = ["Twente", "Utrecht", "Zeeland", "Noord-Holland-Noord"]
NAMES = ["An", "Bo de Vries", "Cor", "Dirk-Jan van den Berg-Smit", "", "Éva Özdemir"]


def _templates(tmp: Path, registry: Registry) -> list[ScoredCase]:
    write_cases(tmp, 24, 7)
    return score_folder(tmp, registry, cache=False).cases


def _variant(template: ScoredCase, n: int, rnd: random.Random) -> ScoredCase:
    """A case like ``template`` under another file and id, with another risk, region,
    name and status: the list's columns and orders vary as in a real folder."""
    a = template.assessment
    case_id = f"C-{n}" + "x" * rnd.randrange(3)
    assessment = CaseAssessment(
        case_id,
        rnd.choice(REGIONS),
        list(a.frameworks),
        [],
        list(a.themes),
        a.score,
        a.verdict,
        rnd.choice([None, 0, 5, 40, 100, a.risk]),
        tally=a.tally,
    )
    return ScoredCase(
        Path(f"/nowhere/{n}.toml"),
        assessment,
        status=rnd.choice([*ReviewStatus, None]),
        pseudonym=rnd.choice(NAMES),
        record_key=n.to_bytes(16, "big"),
    )


def _folder(cases: list[ScoredCase]) -> ScoredFolder:
    return ScoredFolder(sorted(cases, key=lambda s: triage_key(s.assessment)))


def _run(app: ZntuiApp, scenario) -> None:
    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(500):
                if not app.loading and triage(app).row_count:
                    break
                await pilot.pause(0.02)
            await scenario(pilot)

    asyncio.run(main())


def triage(app: ZntuiApp) -> CaseTable:
    return app.screen.query_one("#triage", CaseTable)


async def _copy_added(app: ZntuiApp, pilot, path: Path, case_id: str) -> None:
    """A copy of the first case written to ``path`` under ``case_id``; waits (bounded)
    until the list shows it as one more row."""
    table = triage(app)
    before = table.row_count
    first = app.scored.cases[0]
    source = first.path.read_text("utf-8").replace(first.assessment.case_id, case_id)
    path.write_text(source, "utf-8")
    for _ in range(500):
        if table.row_count == before + 1:
            break
        await pilot.pause(0.02)
    assert table.row_count == before + 1


def _change(app: ZntuiApp, removed: list[ScoredCase], added: list[ScoredCase]) -> None:
    """What the app does with a FolderChanged (ZntuiApp.on_folder_changed)."""
    paths = sorted({str(s.path) for s in [*removed, *added]})
    change = FolderChange(paths, {}, removed, added)
    app.loader.apply(app.scored, change)
    app.client.apply_change(removed, added)


def test_one_changed_file_costs_the_same_in_a_large_folder(
    tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = _templates(tmp_path / "small", registry)
    rnd = random.Random(1)
    count = 2000
    cases = [_variant(templates[i % len(templates)], i, rnd) for i in range(count)]
    counted = {"search_text": 0, "cells": 0, "order": 0}
    real_search, real_cells, real_order = (
        client_pane.search_text,
        client_pane.ClientPane._cells,
        client_pane.order_key,
    )

    def search_text(*args):
        counted["search_text"] += 1
        return real_search(*args)

    def cells(self, s):
        counted["cells"] += 1
        return real_cells(self, s)

    def order_key(*args):
        key = real_order(*args)

        def order(s):
            counted["order"] += 1
            return key(s)

        return order

    monkeypatch.setattr(client_pane, "search_text", search_text)
    monkeypatch.setattr(client_pane.ClientPane, "_cells", cells)
    monkeypatch.setattr(client_pane, "order_key", order_key)
    app = ZntuiApp(tmp_path / "small", registry, watch=False)

    async def scenario(pilot) -> None:
        table = triage(app)
        for sort, reverse, query in [("risico", False, ""), ("naam", True, "twente")]:
            app.client.query_text = query
            app.client.sort, app.client.reverse = sort, reverse
            app.scored = _folder(cases)
            app.client.show(app.scored)
            await pilot.pause()
            table.move_cursor(row=5)
            old = app.scored.cases[count // 2]
            new = _variant(templates[3], count // 2, rnd)  # the same file, scored again
            added = _variant(templates[5], count + 1, rnd)  # a new file
            for key in counted:
                counted[key] = 0
            _change(app, [old], [new, added])
            await pilot.pause()  # and drawn
            steps = 2 * (math.log2(count) + 2)
            assert counted["search_text"] <= 2, counted  # the added alone (was: all 2000)
            assert counted["order"] <= 3 * steps, counted  # a bisect each
            assert counted["cells"] <= 24 + 3, counted  # the rows drawn and a new shape
            assert table.row_count == len(app.client.visible())

    _run(app, scenario)


SORTS = [("risico", False), ("risico", True), ("naam", False), ("regio", True),
         ("oordeel", False), ("status", True), ("casus", True), ("kader", False)]  # fmt: skip
QUERIES = ["", "twente", "!utrecht", "nieuw"]


def test_the_list_after_random_changes_is_that_of_a_fresh_fill(
    tmp_path: Path, registry: Registry
) -> None:
    templates = _templates(tmp_path / "small", registry)
    app = ZntuiApp(tmp_path / "small", registry, watch=False)

    def seen() -> tuple[object, ...]:
        table = triage(app)
        keys = [table.key_at(i) for i in range(table.row_count)]
        widths = [c.width for c in table.ordered_columns]
        return keys, widths, app.client.list_layout, app.client.marked

    async def scenario(pilot) -> None:
        table = triage(app)
        for seed in range(12):
            rnd = random.Random(seed)
            sort, reverse = SORTS[seed % len(SORTS)]
            app.client.query_text = QUERIES[seed % len(QUERIES)]
            app.client.sort, app.client.reverse = sort, reverse
            count = rnd.randrange(0, 60)
            cases = [_variant(rnd.choice(templates), i, rnd) for i in range(count)]
            app.scored = _folder(cases)
            app.client.marked = {str(s.path) for s in cases if rnd.random() < 0.2}
            app.client.show(app.scored)
            serial = count
            for _ in range(15):
                if table.row_count > 1:
                    table.move_cursor(row=rnd.randrange(1, table.row_count))
                watched = table.cursor_key() if table.cursor_row else None
                action = rnd.choice(["add", "change", "remove"])
                current = app.scored.cases
                if action == "add" or not current:
                    serial += 1
                    _change(app, [], [_variant(rnd.choice(templates), serial, rnd)])
                elif action == "remove":
                    _change(app, [rnd.choice(current)], [])
                else:
                    old = rnd.choice(current)
                    n = int(old.path.stem)
                    _change(app, [old], [_variant(rnd.choice(templates), n, rnd)])
                assert [triage_key(s.assessment) for s in app.scored.cases] == sorted(
                    triage_key(s.assessment) for s in app.scored.cases
                )
                if watched is not None and watched in {str(s.path) for s in app.scored.cases}:
                    shown = [table.key_at(i) for i in range(table.row_count)]
                    if watched in shown:
                        assert table.cursor_key() == watched  # the cursor stayed on its case
                kept = seen()
                app.client.show(app.scored)  # laid out afresh from the folder
                assert kept == seen(), (seed, action, sort, reverse)
            await pilot.pause()

    _run(app, scenario)


def test_a_change_the_kernel_never_told_of_comes_in_by_the_walk(
    tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    assert FolderWatch.start(folder) is not None  # Linux, where CI runs
    monkeypatch.setattr(FolderWatch, "changed", lambda self: set())  # every event lost
    monkeypatch.setattr(loading_module, "CHECK_SECONDS", 0.05)
    monkeypatch.setattr(loading_module, "EVENT_SECONDS", 0.05)
    app = ZntuiApp(folder, registry)

    async def scenario(pilot) -> None:
        await _copy_added(app, pilot, folder / "nieuw.toml", "LOST-1")

    _run(app, scenario)


def test_a_file_being_written_is_told_of_when_it_is_closed(tmp_path: Path) -> None:
    watch = FolderWatch.start(tmp_path)
    assert watch is not None
    try:
        target = tmp_path / "half.toml"
        with target.open("w", encoding="utf-8") as f:
            f.write('id = "HALF')
            f.flush()
            assert str(target) not in (watch.changed() or set())  # not half-way
            f.write('-1"\n')
        assert str(target) in (watch.changed() or set())
        target.unlink()
        assert str(target) in (watch.changed() or set())
    finally:
        watch.close()


def test_levels_from_a_thread_that_ends_late_do_not_replace_newer_ones(
    tmp_path: Path, registry: Registry
) -> None:
    """Each change's levels are counted in a thread; threads may end out of turn."""
    from zntui.disclosure import publish
    from zntui.ui.messages import LevelsReady

    write_cases(tmp_path / "small", 12, 3)
    app = ZntuiApp(tmp_path / "small", registry, watch=False)

    async def scenario(pilot) -> None:
        newer = app.levels
        assert newer is not None
        older = publish([], registry.frameworks)
        seq = app.loader.shown_seq
        app.post_message(LevelsReady(newer, seq + 2))
        app.post_message(LevelsReady(older, seq + 1))  # counted before, arrives after
        await pilot.pause()
        await pilot.pause()
        assert app.levels is newer

    _run(app, scenario)


def test_a_change_on_disk_never_writes_out_the_whole_folder(
    tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual describes a worker by repr(work) unless told; a worker given the folder
    then wrote out every case on the UI thread at each change (~1 s at 50,000 cases, the
    calm bench). A changed file and the levels after it must not repr the folder."""
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    monkeypatch.setattr(loading_module, "EVENT_SECONDS", 0.05)
    app = ZntuiApp(folder, registry)
    written: list[int] = []

    def counted(self: ScoredFolder) -> str:
        written.append(len(self.cases))
        return "ScoredFolder(…)"

    async def scenario(pilot) -> None:
        monkeypatch.setattr(ScoredFolder, "__repr__", counted)
        await _copy_added(app, pilot, folder / "nieuw.toml", "REPR-1")
        await pilot.pause(0.3)  # the levels' worker after the change
        assert written == []

    _run(app, scenario)
