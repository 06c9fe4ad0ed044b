"""The cache keeps rows in a form of its own: the public triage JSON and the cache's rows
can each change without the other breaking."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zntui.cli import triage as cli_triage
from zntui.engine import results as engine_results
from zntui.engine.assess import triage_key
from zntui.generate import write_cases
from zntui.plugins import Registry
from zntui.store import discover
from zntui.store.cache import default_path
from zntui.workflows import rows
from zntui.workflows.detail import load_detail
from zntui.workflows.exports import render_json
from zntui.workflows.scored import ScoredCase, ScoredFolder
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
    # What the cache reads results from is not the triage JSON's criteria array: the
    # row's own form comes first; the public array after it is a tagged copy only.
    with sqlite3.connect(default_path()) as db:
        texts = [text for (text,) in db.execute("SELECT criteria FROM cases")]
    stored = [json.loads(rows.own_form(text)) for text in texts]
    assert len(stored) == COUNT
    assert all(isinstance(item, list) for criteria in stored for item in criteria)
    assert all(rows.public_copy(text) is not None for text in texts)


def test_a_damaged_criteria_row_is_scored_again_not_shown(cases: Path, registry: Registry) -> None:
    fresh = criteria_of(score_folder(cases, registry, cache=False), registry)
    score_folder(cases, registry)
    with sqlite3.connect(default_path()) as db:
        db.execute('UPDATE cases SET criteria = \'[["only", "four", "fields", 1]]\'')
    warm = score_folder(cases, registry)
    assert warm.from_cache == COUNT  # the summaries are whole: served from the cache
    assert criteria_of(warm, registry) == fresh


def test_a_damaged_or_foreign_copy_of_the_public_array_is_never_printed(
    cases: Path, registry: Registry
) -> None:
    fresh = criteria_of(score_folder(cases, registry, cache=False), registry)
    score_folder(cases, registry)
    with sqlite3.connect(default_path()) as db:
        texts = dict(db.execute("SELECT path, criteria FROM cases"))
        for n, (path, text) in enumerate(sorted(texts.items())):
            own, tag, public = text.split("\n", 2)
            if n % 2:  # the copy edited in the file, its tag left as it was
                public = public.replace('"voldoet', '"voldoet_niet', 1).replace("e", "E")
            else:  # a copy made by another public encoder
                tag = "0123456789abcdef" + tag[16:]
            db.execute(
                "UPDATE cases SET criteria = ? WHERE path = ?",
                ("\n".join([own, tag, public]), path),
            )
    warm = score_folder(cases, registry)
    assert warm.from_cache == COUNT  # the rows' own form is whole: served from the cache
    assert criteria_of(warm, registry) == fresh


FORMATS = ["json", "jsonl", "table", "csv", "markdown", "junit"]


def test_every_format_is_the_same_from_a_warm_cache_as_from_a_cold_one(
    cli, tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("schemas"))
    write_cases(folder / "generated", 5, seed=19)
    judged = folder / "twente" / "rita-jansen.toml"
    # An inspector's judgement, then an edit after it: inspector and stale results too.
    assert cli("judge", judged, "ZN.CC.1", "voldoet", "--reason", "gesprek – ‘ok’").code == 0
    edited = judged.read_text(encoding="utf-8").replace(
        "assessed = 2026-03-16", "assessed = 2026-03-17"
    )
    judged.write_text(edited, encoding="utf-8")

    def outputs(*options: str) -> dict[str, tuple[int, str, str]]:
        found = {}
        for form in [*FORMATS, "statistics"]:
            args = ["--statistics"] if form == "statistics" else ["--format", form]
            r = cli("triage", folder, *args, "--exit-zero", *options)
            # The JSON header says when it was made: the one part that may differ.
            found[form] = (r.code, re.sub(r'"generated": "[^"]*"', "", r.out), r.err)
        return found

    # The truth: each case scored with its results kept as the engine made them, never
    # written to a row and read back (every other run reads results from rows).
    def in_memory(args: argparse.Namespace, config: object, registry: Registry) -> ScoredFolder:
        base = args.dir.absolute()
        cases = [ScoredCase.of(load_detail(p, registry, None, base)) for p in discover(base)]
        return ScoredFolder(sorted(cases, key=lambda s: triage_key(s.assessment)))

    kept = in_memory(argparse.Namespace(dir=folder), None, registry)

    with monkeypatch.context() as patched:
        patched.setattr(cli_triage, "score_for", in_memory)
        truth = outputs("--no-cache")
    uncached = outputs("--no-cache")
    cold = outputs()  # the first run fills the cache; every later one reads from it
    warm = score_folder(folder, registry)
    assert warm.from_cache == len(warm.cases) + len(warm.errors) == 13
    assert any(s.assessment.stale and s.assessment.judged for s in warm.cases)
    # Every field of every result, as a warm row reads back.
    assert [s.assessment.results for s in warm.cases] == [s.assessment.results for s in kept.cases]
    warm_outputs = outputs()
    with monkeypatch.context() as patched:  # the JSON encoded anew from the rows' own form
        patched.setattr(rows, "public_copy", lambda text: None)
        warm_outputs_anew = outputs()
    assert warm_outputs_anew == warm_outputs
    for form in truth:
        assert uncached[form] == truth[form], form
        assert cold[form] == truth[form], form
        assert warm_outputs[form] == truth[form], form
    assert all(len(out) > 200 for _, out, _ in truth.values())
