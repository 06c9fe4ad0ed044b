"""Loading at scale: the link index, memory per case, and single-file updates."""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import tempfile
import tomllib
from itertools import combinations
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from zntui import levels
from zntui.checks import linked_any
from zntui.disclosure import publish, publish_counts
from zntui.generate import generate_case, write_cases
from zntui.model.case import Case, LinkKind
from zntui.plugins import Registry
from zntui.store.cache import default_path
from zntui.ui import loading as app_module  # where the app loads and watches
from zntui.ui.app import ZntuiApp
from zntui.ui.case_table import CaseTable
from zntui.ui.format import verdict_short
from zntui.workflows import scoring as folder_module
from zntui.workflows.changes import CaseIndex
from zntui.workflows.detail import load_detail
from zntui.workflows.exports import render_json
from zntui.workflows.levels import KeptLevels
from zntui.workflows.scoring import find_changes, rescore_changed, score_folder
from zntui.workflows.watch import FolderWatch


def _pairwise(case: Case, a: str, others: list[str], kinds: list[LinkKind]) -> bool:
    """linked_any as first written: a pair test for every other member and kind."""
    return any(
        case.linked(a, b, kind) or case.linked(b, a, kind)
        for b in others
        if b != a
        for kind in kinds
    )


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), picks=st.randoms(use_true_random=False))
def test_linked_any_answers_as_the_pair_tests_do(seed: int, picks: random.Random) -> None:
    case = Case.model_validate(generate_case(random.Random(seed), f"c-{seed}"))
    ids = [m.id for m in case.members]
    for a in ids:
        others = picks.sample(ids, picks.randint(0, len(ids)))
        for size in (1, 2):
            for kinds in combinations(list(LinkKind), size):
                assert linked_any(case, a, others, kinds) == _pairwise(
                    case, a, others, list(kinds)
                ), (a, others, kinds)


# --- the folder: the top first, criteria read back -----------------------------------


def test_the_top_of_the_list_comes_from_the_cache_before_the_walk(
    tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    write_cases(cases, 30, seed=5)
    expected = [s.path for s in score_folder(cases, registry).cases]
    events: list[object] = []
    real_discover = folder_module.discover

    def walk(root: Path):
        events.append("walk")
        yield from real_discover(root)

    monkeypatch.setattr(folder_module, "discover", walk)
    monkeypatch.setattr(folder_module, "FIRST_BATCH", 10)
    warm = score_folder(cases, registry, arrived=lambda batch: events.append(batch))
    first = events[0]
    assert isinstance(first, list) and events[1] == "walk"
    assert [s.path for s in first] == expected[:10]  # worst first, as the list shows them
    assert [s.path for s in warm.cases] == expected and warm.from_cache == 30


def test_criteria_are_read_back_and_are_the_truth_when_the_cache_is_gone(
    tmp_path: Path, registry: Registry
) -> None:
    cases = tmp_path / "cases"
    write_cases(cases, 12, seed=6)
    expected = json.loads(render_json(score_folder(cases, registry, cache=False), registry))
    warm = score_folder(cases, registry)
    warm = score_folder(cases, registry)
    assert warm.from_cache == 12
    default_path().unlink()  # rows gone under the loaded folder: scored again when asked
    again = json.loads(render_json(warm, registry))
    for document in (expected, again):
        document.pop("generated")
    assert again == expected


def test_check_keeps_only_ids_and_paths(tmp_path: Path) -> None:
    from zntui.cli.check import collect

    cases = tmp_path / "cases"
    write_cases(cases, 5, seed=8)
    result = collect([cases])
    assert all(isinstance(i, str) and isinstance(p, Path) for i, p in result.cases)
    assert len(result.cases) == 5 and not result.errors


# --- levels after one changed file ----------------------------------------------------


def _write(path: Path, case: dict[str, object]) -> None:
    """A new file in place (a new inode, as an editor's save makes): seen as changed."""
    fresh = path.with_suffix(".new")
    fresh.write_text(tomli_w.dumps(case), encoding="utf-8")
    os.replace(fresh, path)


@settings(max_examples=5, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    steps=st.lists(
        st.tuples(st.sampled_from(("rewrite", "remove", "add")), st.integers(0, 10_000)),
        min_size=1,
        max_size=3,
    ),
)
def test_levels_after_changed_files_equal_those_of_a_fresh_load(
    registry: Registry, seed: int, steps: list[tuple[str, int]]
) -> None:
    """The app recomputes the levels from the folder as single-row updates left it (each
    case's record key kept from its scoring): they must be those of the folder read anew."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "cases"
        write_cases(root, 6, seed)
        folder = score_folder(root, registry)
        in_place = score_folder(root, registry)
        index = CaseIndex(in_place)
        counted = KeptLevels(in_place.cases, registry.frameworks)
        for action, n in steps:
            files = sorted(root.rglob("*.toml"))
            if action == "add" or not files:
                _write(root / f"added-{n}.toml", generate_case(random.Random(n), f"ADDED-{n}"))
            elif action == "remove":
                files[n % len(files)].unlink()
            else:  # the same case id, other content: most often another verdict
                target = files[n % len(files)]
                case_id = tomllib.loads(target.read_text(encoding="utf-8"))["id"]
                _write(target, generate_case(random.Random(n), case_id))
            found = rescore_changed(folder, root, registry)
            assert found is not None
            # As the app does it: the change found, put in place, its cases (un)counted.
            change = find_changes(in_place, index, root, registry)
            assert change is not None and change.changed == found[1]
            index.apply(change)
            counted.change(change.removed, change.added)
            folder = found[0]
            assert [s.path for s in in_place.cases] == [s.path for s in folder.cases]
            kept = levels.level_inputs(folder.cases)
            fresh = levels.level_inputs(score_folder(root, registry, cache=False).cases)
            assert sorted(kept, key=lambda c: c.record_key) == sorted(
                fresh, key=lambda c: c.record_key
            )
            published = publish(fresh, registry.frameworks)
            assert publish(kept, registry.frameworks) == published
            assert counted.publication() == published


_THEMES = {"zorgnetwerken": ("cc", "mz", "iz"), "ambulante_ggz": ("cc", "iz")}
_CRITERIA = {"zorgnetwerken": ("ZN.CC.1", "ZN.IZ.2", "ZN.VE.1"), "ambulante_ggz": ("GGZ.IZ.4",)}


@st.composite
def _level_case(draw: st.DrawFn) -> levels.LevelCase:
    """A case as scoring makes one: themes (one verdict each) and failing criteria only of
    the frameworks it is assessed on ("x": a framework no plugin provides, unscored)."""
    frameworks = draw(
        st.sampled_from([("zorgnetwerken",), ("ambulante_ggz",), ("zorgnetwerken", "x")])
    )
    known = [f for f in frameworks if f in _THEMES]
    themes = tuple(
        (f, theme, draw(st.sampled_from(["vg", "vn", "nb"])))
        for f in known
        for theme in _THEMES[f]
        if draw(st.booleans())
    )
    criteria = [c for f in known for c in _CRITERIA[f]]
    return levels.LevelCase(
        region=draw(st.sampled_from(["Twente", "Utrecht", "Zeeland"])),
        frameworks=frameworks,
        themes=themes,
        failing=draw(st.frozensets(st.sampled_from(criteria))),
        failing_network=draw(st.booleans()),
        organisations=draw(st.frozensets(st.sampled_from(["A", "B", "C", "D"]))),
        record_key=draw(st.binary(min_size=16, max_size=16)),
    )


_LEVEL_CASES = _level_case()


@settings(max_examples=60, deadline=None)
@given(cases=st.lists(_LEVEL_CASES, max_size=30))
def test_the_country_counts_every_case_once_as_its_regions_do(
    registry: Registry, cases: list[levels.LevelCase]
) -> None:
    regions, national = levels.count_groups(cases, registry.frameworks)
    risks = levels.risk_criteria(registry.frameworks)
    one_by_one = levels.GroupCounts(levels.NATIONAL)
    for case in cases:
        one_by_one.add(case, risks)
    for name in ("cases", "frameworks", "themes", "failing", "risks", "failing_networks"):
        assert getattr(national, name) == getattr(one_by_one, name), name
    assert national.providers == one_by_one.providers
    assert national.key == one_by_one.key
    assert sum(g.cases for g in regions) == len(cases)


@settings(max_examples=15, deadline=None)
@given(
    start=st.lists(_LEVEL_CASES, max_size=25),
    steps=st.lists(st.tuples(st.booleans(), _LEVEL_CASES, st.integers(0, 100)), max_size=12),
)
def test_counts_kept_as_cases_come_and_go_are_those_of_a_fresh_count(
    registry: Registry,
    start: list[levels.LevelCase],
    steps: list[tuple[bool, levels.LevelCase, int]],
) -> None:
    """The app counts a changed file's case alone (RunningCounts): after any adds and
    removes, every count, every group's rounding key and the publication are those of
    the cases counted afresh."""
    held = list(start)
    running = levels.RunningCounts.of(held, registry.frameworks)
    for add, case, n in steps:
        if add or not held:
            held.append(case)
            running.add(case)
        else:
            running.remove(held.pop(n % len(held)))
    regions, national = levels.count_groups(held, registry.frameworks)
    kept_regions, kept_national = running.groups()
    assert [g.name for g in kept_regions] == [g.name for g in regions]
    for kept, fresh in zip([*kept_regions, kept_national], [*regions, national], strict=True):
        for name in ("cases", "frameworks", "themes", "failing", "risks", "failing_networks"):
            assert getattr(kept, name) == getattr(fresh, name), name
        # Iterated by the disclosure step: nothing left behind at zero.
        assert set(kept.providers) == set(fresh.providers)
        assert set(kept.frameworks) == set(fresh.frameworks)
        assert set(kept.themes) == set(fresh.themes)
        assert kept.providers == fresh.providers
        assert kept.key == fresh.key
    assert publish_counts(running.groups(), registry.frameworks) == publish(
        held, registry.frameworks
    )


# --- the app: one changed file is one row -------------------------------------------


@pytest.mark.parametrize("told", ["by the kernel", "by walking"])
def test_files_changed_while_the_app_is_open_are_shown_as_their_rows_alone(
    tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch, told: str
) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 0.05)
    if told == "by walking":
        monkeypatch.setattr(app_module.FolderWatch, "start", lambda root: None)
    else:
        assert FolderWatch.start(folder) is not None  # Linux, where CI runs
    loads: list[Path] = []
    real = app_module.score_folder

    def counted(root: Path, *args, **kwargs):
        loads.append(root)
        return real(root, *args, **kwargs)

    monkeypatch.setattr(app_module, "score_folder", counted)
    app = ZntuiApp(folder, registry)

    async def until(pilot, condition) -> None:
        for _ in range(400):
            await pilot.pause(0.02)
            if condition():
                return
        raise AssertionError("not shown")

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.screen.query_one("#triage", CaseTable)
            await until(pilot, lambda: not app.loading and table.row_count == 8)
            worst, best = Path(table.key_at(0)), Path(table.key_at(7))
            worst_id = str(table.get_row_at(0)[0]).strip()
            # The worst case's file now holds the best one's network, under its own id.
            text = best.read_text("utf-8")
            best_id = str(table.get_row_at(7)[0]).strip()
            worst.write_text(text.replace(best_id, worst_id), "utf-8")
            verdict = load_detail(worst, registry, root=folder).assessment.verdict
            assert verdict != app.scored.cases[0].assessment.verdict

            def moved() -> bool:
                row = table.get_row_index(str(worst))
                return (
                    row is not None
                    and str(table.get_row_at(row)[5]).strip() == str(verdict_short(verdict)).strip()
                    and row != 0
                )

            await until(pilot, moved)
            # A new file is one more row; a file removed is one row less.
            added = folder / "twente" / "nieuw.toml"
            added.write_text(text.replace(best_id, "NIEUW-1"), "utf-8")
            await until(pilot, lambda: table.row_count == 9)
            assert "NIEUW-1" in [str(table.get_row_at(r)[0]).strip() for r in range(9)]
            added.unlink()
            await until(pilot, lambda: table.row_count == 8)
            # Broken: the row goes, the problem is listed, the rest stays.
            worst.write_text("id = [kapot\n", "utf-8")
            await until(pilot, lambda: table.row_count == 7)
            assert [str(e.path) for e in app.scored.errors] == [str(worst)]
            assert loads == [folder]  # one load, at the start; never again for a file

    asyncio.run(main())
