"""A case file is valid TOML 1.0 or it is not, whichever TOML reader runs.

The fixture is toml-test's invalid corpus for TOML 1.0.0, pinned (see its README):
every file must be reported by ``zntui check`` as invalid TOML — a syntax, encoding or
binary problem, never a mere validation failure of a document that was read — with a
line and a column, and the same report with the fast reader as with the stdlib one.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from zntui.store import toml_reader

CORPUS = Path(__file__).parent / "fixtures" / "toml-test-invalid"
NOT_READ = {"syntax", "encoding", "binary"}


def check_corpus(cli) -> dict:
    result = cli("check", CORPUS, "--format", "json")
    assert result.code == 2
    return json.loads(result.out)


def test_the_corpus_is_whole() -> None:
    files = sorted(CORPUS.rglob("*.toml"))
    assert len(files) == 499  # as listed in toml-test's tests/files-toml-1.0.0
    assert "d168c2a4f539a5219c804055af1600b8cf9ca6d7" in (CORPUS / "README.md").read_text()


@pytest.mark.parametrize("reader", ["fast", "stdlib"])
def test_every_invalid_document_is_reported_as_invalid_toml_with_its_place(
    cli, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    if reader == "stdlib":
        monkeypatch.setattr(toml_reader, "rtoml", None)
    elif toml_reader.rtoml is None:  # pragma: no cover - rtoml is a dependency
        pytest.skip("rtoml is not installed")
    report = check_corpus(cli)
    assert (report["checked"], report["valid"], report["invalid"]) == (499, 0, 499)
    wrong = [
        (error["path"], error["kind"], error["problems"][0]["message"])
        for error in report["errors"]
        if error["kind"] not in NOT_READ
        or any(p["line"] is None or p["col"] is None for p in error["problems"])
    ]
    assert not wrong, wrong


def test_both_readers_report_the_corpus_alike(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    if toml_reader.rtoml is None:  # pragma: no cover - rtoml is a dependency
        pytest.skip("rtoml is not installed")
    fast = check_corpus(cli)
    monkeypatch.setattr(toml_reader, "rtoml", None)
    assert check_corpus(cli) == fast


@pytest.mark.parametrize(
    "text",
    [
        'a = """\n{\n"""\nt = { b = 1 }\n',  # a brace in a multi-line string
        "t = { s = \"}\", u = '{' }\n",  # braces in strings
        "t = { a = 1 } # {\n",  # a brace in a comment
        'note = "om 12:30 gebeld"\n',  # a time in a string
        "d = 1979-05-27T07:32:00Z\nt = 07:32:00\n",  # times with seconds
        "path = 'C:\\xfiles'\n",  # \x in a literal string is just text
    ],
)
def test_valid_toml_1_0_that_looks_like_1_1_is_still_read(text: str) -> None:
    assert toml_reader.loads(text) == tomllib.loads(text)
