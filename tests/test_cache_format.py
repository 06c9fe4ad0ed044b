"""The cache keeps rows in a form of its own: the public triage JSON and the cache's rows
can each change without the other breaking."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from zntui.engine import results as engine_results
from zntui.generate import write_cases
from zntui.plugins import Registry
from zntui.store.cache import default_path
from zntui.workflows import rows
from zntui.workflows.exports import render_json
from zntui.workflows.scored import ScoredFolder
from zntui.workflows.scoring import score_folder

COUNT = 6


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    write_cases(folder, COUNT, seed=15)
    return folder


def criteria_of(scored: ScoredFolder, registry: Registry) -> dict[str, list[dict]]:
    document = json.loads(render_json(scored, registry))
    return {c["case"]: c["criteria"] for c in document["cases"]}


def test_a_new_field_of_the_triage_json_shows_also_for_cases_read_from_the_cache(
    cases: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    score_folder(cases, registry)  # the rows are written in the format of today
    public = engine_results.results_to_json

    def with_a_field(results: list) -> str:
        data = json.loads(public(results))
        for item in data:
            item["new_field"] = item["id"]
        return json.dumps(data, ensure_ascii=False)

    # The public format gains a field (a new zntui); the cache's rows are still good.
    monkeypatch.setattr(engine_results, "results_to_json", with_a_field)
    warm = score_folder(cases, registry)
    assert warm.from_cache == COUNT
    fresh = score_folder(cases, registry, cache=False)
    found = criteria_of(warm, registry)
    assert found == criteria_of(fresh, registry)
    assert all(c["new_field"] == c["id"] for criteria in found.values() for c in criteria)
    assert sum(len(c) for c in found.values()) > COUNT


def test_the_rows_change_shape_without_changing_what_triage_prints(
    cases: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = criteria_of(score_folder(cases, registry, cache=False), registry)
    monkeypatch.setattr(rows, "ROW_FORMAT", rows.ROW_FORMAT + 1)  # rows of another shape
    cold = score_folder(cases, registry)
    warm = score_folder(cases, registry)
    assert cold.from_cache == 0 and warm.from_cache == COUNT
    assert criteria_of(warm, registry) == before
    # What the cache holds is not the triage JSON's criteria array.
    with sqlite3.connect(default_path()) as db:
        stored = [json.loads(text) for (text,) in db.execute("SELECT criteria FROM cases")]
    assert len(stored) == COUNT
    assert all(isinstance(item, list) for criteria in stored for item in criteria)


def test_a_damaged_criteria_row_is_scored_again_not_shown(cases: Path, registry: Registry) -> None:
    fresh = criteria_of(score_folder(cases, registry, cache=False), registry)
    score_folder(cases, registry)
    with sqlite3.connect(default_path()) as db:
        db.execute('UPDATE cases SET criteria = \'[["only", "four", "fields", 1]]\'')
    warm = score_folder(cases, registry)
    assert warm.from_cache == COUNT  # the summaries are whole: served from the cache
    assert criteria_of(warm, registry) == fresh
