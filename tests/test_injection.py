"""Text from other people is shown, never run: every output against a hostile folder.

tests/hostile.py writes a case with escape sequences, markup, Markdown and HTML in
every text field (and its file name), a review with a hostile note and reason, regional
notes with a hostile agreement, and an invalid file with a hostile key and file name.
Each output format is read back with a parser of that format.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import SAMPLES, CliResult
from tests.hostile import (
    FORMULA,
    PAYLOAD,
    assert_no_raw_controls,
    review_hostile,
    write_hostile_folder,
)
from zntui.untrusted import visible


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    folder = tmp_path / "vijandig"
    case_file = write_hostile_folder(folder, SAMPLES)
    printed = review_hostile(case_file)
    return folder, case_file, printed


def _clean(result: CliResult, where: str) -> None:
    assert_no_raw_controls(result.out, f"{where} stdout")
    assert_no_raw_controls(result.err, f"{where} stderr")


def test_note_and_judge_confirmations_show_the_file_name_not_run_it(hostile) -> None:
    _, _, printed = hostile
    for text in printed:
        assert_no_raw_controls(text, "note/judge")
    assert any("opgeslagen in" in text and "␛]52" in text for text in printed)


def test_check_names_the_hostile_key_and_file_visibly(hostile, cli) -> None:
    folder, _, _ = hostile
    result = cli("check", folder)
    assert result.code == 2
    _clean(result, "check")
    assert "kapot-␛]0;pwned␇.toml" in result.out
    as_json = cli("check", folder, "--format", "json")
    _clean(as_json, "check json")
    data = json.loads(as_json.out)
    # The JSON is data: it decodes to exactly what the file holds.
    messages = [p["message"] for e in data["errors"] for p in e["problems"]]
    assert any(PAYLOAD.replace("\n", " ") in m for m in messages)


def test_triage_table_and_stderr(hostile, cli) -> None:
    folder, _, _ = hostile
    result = cli("triage", folder, "--no-cache")
    assert result.code == 2  # the invalid file
    _clean(result, "triage table")
    assert "=HYPERLINK(…" in result.out  # the region, shown (and cut to its column)


def test_triage_json_is_printable_and_lossless(hostile, cli) -> None:
    folder, _, _ = hostile
    result = cli("triage", folder, "--format", "json", "--no-cache")
    _clean(result, "triage json")
    data = json.loads(result.out)
    (case,) = data["cases"]
    assert case["region"] == FORMULA + PAYLOAD  # data, not display: exact
    assert any(PAYLOAD in c["reason"] for c in case["criteria"] if c["reason"])


def test_triage_csv_runs_no_formula(hostile, cli) -> None:
    folder, _, _ = hostile
    result = cli("triage", folder, "--format", "csv", "--no-cache")
    _clean(result, "triage csv")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert len(rows) == 2  # the header and the one valid case
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    header = rows[0]
    assert rows[1][header.index("region")] == "'" + visible(FORMULA + PAYLOAD)


def _markdown_tokens(text: str) -> list:
    return MarkdownIt("commonmark").enable("table").parse(text)


def _assert_plain_markdown(text: str, where: str, headings: int) -> None:
    assert_no_raw_controls(text, where)
    tokens = _markdown_tokens(text)
    kinds = [t.type for t in tokens]
    assert "html_block" not in kinds, where
    for token in tokens:
        for child in token.children or []:
            assert child.type not in ("html_inline", "link_open", "image"), (where, child)
    assert kinds.count("heading_open") == headings, where
    assert "kop" not in [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"
    ]


def test_triage_markdown_keeps_its_table(hostile, cli) -> None:
    folder, _, _ = hostile
    result = cli("triage", folder, "--format", "markdown", "--no-cache")
    _clean(result, "triage markdown")
    _assert_plain_markdown(result.out, "triage markdown", headings=0)
    kinds = [t.type for t in _markdown_tokens(result.out)]
    assert kinds.count("tr_open") == 2  # header + the one case: no injected rows


def test_triage_junit_parses(hostile, cli) -> None:
    folder, _, _ = hostile
    result = cli("triage", folder, "--format", "junit", "--no-cache")
    _clean(result, "triage junit")
    suite = ET.fromstring(result.out)
    assert suite.get("errors") == "1" and len(suite.findall("testcase")) == 2


@pytest.mark.parametrize("level", ["regional", "national"])
def test_report_markdown_is_plain_text(hostile, cli, level: str) -> None:
    folder, _, _ = hostile
    result = cli("report", folder, "--level", level, "--no-cache", "--small-cell", "3")
    _clean(result, f"report {level}")
    sections = result.out.count("\n## ") + result.out.count("\n### ") + 1
    _assert_plain_markdown(result.out, f"report {level}", headings=sections)


@pytest.mark.parametrize("level", ["regional", "national"])
def test_report_html_escapes_everything(hostile, cli, level: str) -> None:
    folder, _, _ = hostile
    result = cli(
        "report", folder, "--level", level, "--format", "html", "--no-cache", "--small-cell", "3"
    )
    _clean(result, f"report html {level}")
    tags: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            tags.append(tag)
            assert not any(name.startswith("on") for name, _ in attrs), (tag, attrs)

    Tags().feed(result.out)
    assert "script" not in tags and "img" not in tags


def test_history_shows_one_line_per_entry(hostile, cli) -> None:
    _, case_file, _ = hostile
    result = cli("history", case_file)
    assert result.code == 0
    _clean(result, "history")
    # Two entries (note, judgement) and the judgement's reason: no line forged by data.
    assert len(result.out.splitlines()) == 4, result.out
    data = json.loads(cli("history", case_file, "--format", "json").out)
    assert data[-1]["reason"] == PAYLOAD


def test_plugin_messages_are_shown_not_run(tmp_path: Path, cli) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "boos.py").write_text(f"raise RuntimeError({PAYLOAD!r})\n")
    for command in (["plugins"], ["rules"]):
        result = cli(*command, "--plugins-dir", plugins)
        _clean(result, " ".join(command))
        assert "boos" in result.out + result.err


def test_the_list_exports_escape_like_triage(hostile) -> None:
    from zntui.plugins import load_registry
    from zntui.workflows.exports import render_csv, render_json, render_markdown
    from zntui.workflows.scoring import score_folder

    folder, _, _ = hostile
    registry = load_registry()
    scored = score_folder(folder, registry, cache=False)
    for render in (render_csv, render_json, render_markdown):
        assert_no_raw_controls(render(scored, registry), render.__name__)
    assert json.loads(render_json(scored, registry))["cases"][0]["region"] == FORMULA + PAYLOAD


def test_every_cli_output_is_guarded(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """Even a message nobody escaped (argparse echoing an argument) is made visible."""
    result = cli("triage", tmp_path / f"geen-{PAYLOAD}")
    assert result.code == 2
    _clean(result, "error message")
