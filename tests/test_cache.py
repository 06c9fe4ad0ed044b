"""The cache of scored cases: hits, misses, invalidation, damage, and the same results."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import zntui
from zntui.generate import write_cases
from zntui.plugins import Registry, load_registry
from zntui.store.cache import default_path
from zntui.workflows import scoring as folder_module
from zntui.workflows import workers
from zntui.workflows.exports import render_json
from zntui.workflows.scored import ScoredFolder
from zntui.workflows.scoring import score_folder

COUNT = 24


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    write_cases(folder, COUNT, seed=7)
    return folder


def triage_json(scored: ScoredFolder, registry: Registry) -> dict:
    document = json.loads(render_json(scored, registry))
    document.pop("generated")
    return document


def test_second_load_comes_from_the_cache_with_the_same_results(
    cases: Path, registry: Registry
) -> None:
    cold = score_folder(cases, registry)
    assert cold.from_cache == 0 and len(cold.cases) == COUNT
    assert default_path().is_file()
    warm = score_folder(cases, registry)
    assert warm.from_cache == COUNT
    uncached = score_folder(cases, registry, cache=False)
    assert triage_json(cold, registry) == triage_json(warm, registry)
    assert triage_json(uncached, registry) == triage_json(warm, registry)
    # The results read back are the same objects' worth, not only the same JSON.
    by_path = {s.path: s for s in uncached.cases}
    for s in warm.cases:
        fresh = by_path[s.path]
        assert s.assessment.results == fresh.assessment.results
        assert s.assessment.themes == fresh.assessment.themes
        assert (s.municipality, s.organisations, s.status) == (
            fresh.municipality,
            fresh.organisations,
            fresh.status,
        )


def test_no_cache_leaves_the_cache_alone(cases: Path, registry: Registry) -> None:
    score_folder(cases, registry, cache=False)
    assert not default_path().exists()


def test_a_changed_case_file_is_scored_again(cases: Path, registry: Registry) -> None:
    score_folder(cases, registry)
    path = sorted(cases.rglob("*.toml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('municipality = "', 'municipality = "Nieuw-', 1), "utf-8")
    warm = score_folder(cases, registry)
    assert warm.from_cache == COUNT - 1
    changed = next(s for s in warm.cases if s.path == path.absolute())
    assert changed.municipality.startswith("Nieuw-")


def test_a_case_file_made_invalid_is_reported_not_served_from_the_cache(
    cases: Path, registry: Registry
) -> None:
    score_folder(cases, registry)
    path = sorted(cases.rglob("*.toml"))[1]
    path.write_text("id = [unclosed\n", "utf-8")
    warm = score_folder(cases, registry)
    assert len(warm.cases) == COUNT - 1
    assert [e.path for e in warm.errors] == [path.absolute()]
    again = score_folder(cases, registry)  # the error itself is cached, and still shown
    assert [e.lines() for e in again.errors] == [e.lines() for e in warm.errors]
    assert again.from_cache == COUNT


def test_a_new_judgement_is_seen_through_the_cache(cases: Path, registry: Registry, cli) -> None:
    before = score_folder(cases, registry)
    target = before.cases[0]
    result = cli("judge", target.path, "ZN.CC.1", "voldoet", "--reason", "gesprek met coördinator")
    assert result.code == 0, result.err
    after = score_folder(cases, registry)
    assert after.from_cache == COUNT - 1
    judged = next(s for s in after.cases if s.path == target.path)
    result_cc1 = next(r for r in judged.assessment.results if r.criterion == "ZN.CC.1")
    assert result_cc1.verdict == "voldoet" and judged.assessment.judged == 1


def test_deleted_files_leave_the_cache(cases: Path, registry: Registry) -> None:
    score_folder(cases, registry)
    gone = sorted(cases.rglob("*.toml"))[0]
    gone.unlink()
    after = score_folder(cases, registry)
    assert len(after.cases) == COUNT - 1 and after.from_cache == COUNT - 1
    import sqlite3

    with sqlite3.connect(default_path()) as db:
        paths = {row[0] for row in db.execute("SELECT path FROM cases")}
    assert str(gone.absolute()) not in paths and len(paths) == COUNT - 1


def test_rule_parameters_invalidate_the_cache(cases: Path, registry: Registry) -> None:
    score_folder(cases, registry)
    params = {"medication_overview_current": {"max_age_days": 10}}
    assert score_folder(cases, registry, params=params).from_cache == 0
    assert score_folder(cases, registry, params=params).from_cache == COUNT


def test_a_rule_change_invalidates_the_cache(cases: Path, tmp_path: Path) -> None:
    """The zorgnetwerken criteria come from a rules file a local plugin reads; edit it."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    rules = tmp_path / "zorgnetwerken.toml"
    shutil.copy(Path(zntui.__file__).parent.parent / "rules" / "zorgnetwerken.toml", rules)
    (plugins / "local_zn.py").write_text(
        "from zntui import hookimpl\n"
        "from zntui.model.framework import load_framework_toml\n\n\n"
        "@hookimpl\n"
        "def zntui_register_frameworks(register):\n"
        f"    register(load_framework_toml({str(rules)!r}))\n",
        "utf-8",
    )

    def local() -> Registry:
        registry = load_registry(plugins_dirs=[plugins], disabled=["zorgnetwerken"])
        assert not registry.errors, registry.errors
        return registry

    score_folder(cases, local())
    assert score_folder(cases, local()).from_cache == COUNT
    text = rules.read_text("utf-8")
    assert "weight = 2" in text
    rules.write_text(text.replace("weight = 2", "weight = 3", 1), "utf-8")
    assert score_folder(cases, local()).from_cache == 0


def test_a_plugin_change_invalidates_the_cache(cases: Path, tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    plugin = plugins / "extra_checks.py"
    plugin.write_text("VERSION = 1\n", "utf-8")
    registry = load_registry(plugins_dirs=[plugins])
    score_folder(cases, registry)
    assert score_folder(cases, load_registry(plugins_dirs=[plugins])).from_cache == COUNT
    plugin.write_text("VERSION = 2  # edited in place\n", "utf-8")
    assert score_folder(cases, load_registry(plugins_dirs=[plugins])).from_cache == 0
    disabled = load_registry(disabled=["ambulante_ggz"])
    assert score_folder(cases, disabled).from_cache == 0


def test_a_new_zntui_version_invalidates_the_cache(
    cases: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    score_folder(cases, registry)
    monkeypatch.setattr(zntui, "__version__", zntui.__version__ + ".post1")
    assert score_folder(cases, registry).from_cache == 0


@pytest.mark.parametrize(
    "damage",
    [
        b"this is not a database at all\n" * 100,
        b"SQLite format 3\x00" + b"\xff" * 5000,
    ],
    ids=["garbage", "broken-header"],
)
def test_a_damaged_cache_is_rebuilt(cases: Path, registry: Registry, damage: bytes) -> None:
    expected = triage_json(score_folder(cases, registry, cache=False), registry)
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(damage)
    rebuilt = score_folder(cases, registry)
    assert rebuilt.from_cache == 0 and "rebuilt" in (rebuilt.cache_note or "")
    assert triage_json(rebuilt, registry) == expected
    warm = score_folder(cases, registry)
    assert warm.from_cache == COUNT and warm.cache_note is None


def test_a_damaged_row_is_scored_again(cases: Path, registry: Registry) -> None:
    import sqlite3

    expected = triage_json(score_folder(cases, registry), registry)
    with sqlite3.connect(default_path()) as db:
        db.execute("UPDATE cases SET summary = '{\"assessment\": ' WHERE rowid = 1")
    again = score_folder(cases, registry)
    assert again.from_cache == COUNT - 1
    assert triage_json(again, registry) == expected


def test_a_foreign_database_is_not_trusted(cases: Path, registry: Registry) -> None:
    import sqlite3

    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema', 'someone-else/9')")
    scored = score_folder(cases, registry)
    assert "rebuilt" in (scored.cache_note or "")
    assert score_folder(cases, registry).from_cache == COUNT


def test_the_cache_file_is_private(cases: Path, registry: Registry) -> None:
    score_folder(cases, registry)
    assert default_path().stat().st_mode & 0o077 == 0


def test_workers_give_the_same_results_as_one_process(
    cases: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = score_folder(cases, registry, cache=False, workers=1)
    monkeypatch.setattr(folder_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "CHUNK", 5)
    arrived: list[int] = []
    pooled = score_folder(
        cases, registry, cache=False, workers=2, arrived=lambda b: arrived.append(len(b))
    )
    assert sum(arrived) == COUNT and len(arrived) > 1  # streamed in batches
    assert triage_json(one, registry) == triage_json(pooled, registry)


def test_two_processes_share_one_cache(cases: Path, tmp_path: Path) -> None:
    """Both finish with the same answer, and the cache they filled is whole."""
    more = tmp_path / "more"
    write_cases(more, 300, seed=3)  # enough for the workers to take part
    shutil.copytree(cases, more / "extra")
    command = [sys.executable, "-m", "zntui", "triage", str(more), "--format", "json"]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    documents = [json.loads(out) for out, _ in outputs]
    for document in documents:
        document.pop("generated")
    assert documents[0] == documents[1]
    assert len(documents[0]["cases"]) == 300 + COUNT
    env = {**os.environ}
    third = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    warm = json.loads(third.stdout)
    warm.pop("generated")
    assert warm == documents[0]
    assert "cache" not in third.stderr  # no note: the cache was whole


def test_cache_command_reports_and_clears(cases: Path, registry: Registry, cli) -> None:
    assert "nog niet aangemaakt" in cli("cache").out
    score_folder(cases, registry)
    assert str(default_path()) in cli("cache").out
    result = cli("cache", "clear")
    assert result.code == 0 and "verwijderd" in result.out
    assert not default_path().exists()
    assert "er was geen cache" in cli("cache", "clear").out
    assert "Cache:" in cli("info", cases).out


def test_one_file_is_read_by_its_path_not_by_reading_the_whole_cache(
    cases: Path, registry: Registry
) -> None:
    """A one-file triage asks for the rows "under" that file. Asked as the folder's range
    with an OR, SQLite chose the (fingerprint, rank) index and read every row of the
    cache: 0.14-0.21 s for one file at 50,000 cases, growing with the cache."""
    from zntui.store.cache import CaseCache
    from zntui.workflows.rows import fingerprint

    score_folder(cases, registry)
    one = next(cases.rglob("*.toml"))
    store = CaseCache.open(fingerprint(registry, None))
    assert store is not None
    try:
        plan = " ".join(store.plan_under(one))
        assert "(path=?)" in plan and "cases_rank" not in plan, plan
        assert [r.path for r in store.rows_under(one)] == [str(one)]
        assert len(store.digests_under(one)) == 1
        # A folder still gets every row under it, and only those.
        under = {r.path for r in store.rows_under(one.parent)}
        assert str(one) in under and all(p.startswith(str(one.parent) + os.sep) for p in under)
    finally:
        store.close()
