"""One language: everything a person reads is Dutch (README, "Taal").

Stable machine formats stay as they are: JSON keys and enum values, subcommand and
option names, ids of criteria, checks, bindings and frameworks, file paths. The scan
takes those out and then looks for English words that have no business in Dutch text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, write_case
from tests.test_cli_check import broken_folder

ENGLISH = {
    # Words of the messages zntui, argparse, tomllib, pydantic and Textual printed.
    "the", "and", "not", "no", "file", "files", "folder", "checked", "valid", "invalid",
    "unknown", "error", "usage", "required", "choose", "mean", "missing", "cannot",
    "such", "found", "show", "help", "message", "exit", "arguments", "options", "should",
    "expected", "got", "line", "with", "without", "this", "that", "from", "which",
    "when", "written", "loaded", "none", "rules", "checks", "frameworks", "judgement",
    "cursor", "quit", "copy", "search", "matches", "theme", "page", "scroll", "select",
    "rank", "region", "verdict", "refused", "reason", "only", "key", "keys", "value",
    "input", "array", "unclosed", "illegal", "character", "statement", "larger", "empty",
    "binary", "symlink", "outside", "lines", "problem", "problems", "saved", "disk",
    "changed", "unlock", "note", "commands", "plugins", "disabled", "threshold", "left",
    "right", "up", "down", "home", "end", "palette", "screenshot", "maximize",
}  # fmt: skip
"""Lower-case English words; "plugin", "status", "format", "cache" and "open" are
Dutch as well and are allowed."""

MACHINE = re.compile(
    r"\S*[/_.\\=]\S*"  # paths, ids (ZN.IZ.2, one_coordinator), options with values
    r"|--?[a-z][a-z-]*"  # option names
    r"|`[^`]*`"  # a command to type
    r"|\{[^}]*\}"  # argparse's choices: machine values
    r"|'[^'\s]*'"  # a key or value of a file, quoted
    r"|\S+:\S+"  # no:NAME, file:line:col
)


def english_words(text: str, allowed: frozenset[str] = frozenset()) -> set[str]:
    """The forbidden English words in ``text`` once machine names are taken out."""
    from zntui.commands import BUILTIN_COMMANDS

    words = set(re.findall(r"[A-Za-z]+", MACHINE.sub(" ", text)))
    commands = set(BUILTIN_COMMANDS) | {"list", "explain", "info", "clear", "plugin"}
    return {w for w in words if w.lower() in ENGLISH and w not in commands | allowed}


def test_cli_outputs_speak_dutch(
    cli, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(SAMPLES, cases)
    rita = cases / "twente" / "rita-jansen.toml"
    broken = broken_folder(tmp_path / "broken")
    (broken / "unclosed.toml").write_text('id = "U"\nregion = [\n', encoding="utf-8")
    write_case(broken, "wrongtype.toml", id="W", client={"pseudonym": "W", "age": "oud"})
    empty = tmp_path / "leeg"
    empty.mkdir()
    monkeypatch.chdir(tmp_path)
    runs: list[tuple[str | Path, ...]] = [
        ("check", cases),
        ("check", broken),
        ("check", empty),
        ("check", tmp_path / "nergens"),
        ("triage", cases),
        ("triage", broken),
        ("triage", empty),
        ("triage", cases, "--statistics"),
        ("triage", cases, "--format", "markdown"),
        ("triage", cases, "--framework", "nope"),
        ("triage", cases, "--status", "gedaan"),
        ("triage", cases, "--fail-under", "slecht"),
        ("report", cases, "--region", "Atlantis"),
        ("report", empty),
        ("rules",),
        ("rules", "explain", "ZN.IZ.2"),
        ("rules", "explain", "zn.iz.9"),
        ("rules", "explain"),
        ("rules", "--explain-scoring"),
        ("plugins",),
        ("info", cases),
        ("cache",),
        ("judge", rita, "ZN.IZ.2", "voldoet"),
        ("judge", rita, "ZN.IZ.2", "prima", "--reason", "x"),
        ("judge", rita, "ZN.IZ.2", "voldoet", "--reason", "Besproken met de huisarts"),
        ("note", rita, "Terugbellen"),
        ("status", rita, "afgerond"),
        ("note", rita, "nog iets"),
        ("unlock", rita, "--reason", "Nieuw gesprek"),
        ("status", rita, "gedaan"),
        ("history", rita),
        ("generate", cases),
        ("tirage", cases),
        ("some_missing_dir",),
        ("ontbrekende-map",),
        ("--help",),
        ("triage", "--help"),
        ("report", "--help"),
        ("check", "--nope"),
        ("report", cases, "--level", "wereld"),
    ]
    found: dict[str, set[str]] = {}
    for args in runs:
        try:
            result = cli(*args)
            text = result.out + result.err
        except SystemExit:  # --help and argparse's refusals
            text = "".join(capsys.readouterr())
            assert text
        words = english_words(text)
        if words:
            found[" ".join(str(a) for a in args)] = words
    assert not found, found


def test_argparse_speaks_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    from zntui.cli import main

    for args in (["--help"], ["check", "--nope"], ["report", ".", "--level", "wereld"]):
        with pytest.raises(SystemExit):
            main(args)
        text = "".join(capsys.readouterr())
        assert "gebruik: zntui" in text and not english_words(text), (args, text)


def test_a_misspelled_command_and_a_missing_folder(cli, tmp_path: Path) -> None:
    typo = cli("tirage", SAMPLES)
    assert typo.code == 2 and "bedoelde u 'triage'?" in typo.err
    for missing in ("some_missing_dir", str(tmp_path / "nergens")):
        result = cli(missing)
        assert result.code == 2 and "die map bestaat niet" in result.err, result.err
        assert "invalid choice" not in result.err


def test_check_without_a_folder_checks_the_current_one(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_case(tmp_path, "a.toml", id="A-1")
    (tmp_path / "b.toml").write_text("id = [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("check")
    assert result.code == 2
    assert (
        result.out.splitlines()[-1]
        == "2 bestanden gecontroleerd: 1 geldig, 1 ongeldig (1 probleem)"
    )


def test_an_empty_folder_says_what_to_do(cli, tmp_path: Path) -> None:
    for command in ("check", "triage"):
        result = cli(command, tmp_path)
        assert "zntui generate" in result.out + result.err, command


def test_report_levels_in_dutch_and_a_default(cli) -> None:
    regional = cli("report", SAMPLES, "--format", "json")
    assert regional.code == 0 and json.loads(regional.out)["level"] == "regional"
    assert "--level landelijk" in regional.err
    for word, level in (("regionaal", "regional"), ("landelijk", "national"),
                        ("national", "national")):  # fmt: skip
        result = cli("report", SAMPLES, "--level", word, "--format", "json")
        assert result.code == 0 and json.loads(result.out)["level"] == level
        assert result.err == ""


def test_rules_explain_ignores_case_and_scoring_is_plain_dutch(cli) -> None:
    assert cli("rules", "explain", "zn.iz.2").out == cli("rules", "explain", "ZN.IZ.2").out
    assert cli("rules", "explain", "zn.iz.2").code == 0
    scoring = cli("rules", "--explain-scoring").out
    assert "``" not in scoring and "**" not in scoring
    assert "gewogen gemiddelde" in scoring and not english_words(scoring)


def test_the_dutch_scoring_text_has_the_developers_steps() -> None:
    from zntui.cli.scoring_text import SCORING_STEPS
    from zntui.engine import SCORING_EXPLANATION

    english = re.findall(r"^(\d+)\. \*\*(\w+)\.\*\*", SCORING_EXPLANATION, re.M)
    assert len(english) == len(SCORING_STEPS)


@pytest.mark.parametrize("word", ["bezig", "in_behandeling", "in behandeling", "In Behandeling"])
def test_one_status_many_spellings(cli, tmp_path: Path, word: str) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(SAMPLES, cases)
    rita = cases / "twente" / "rita-jansen.toml"
    assert cli("status", rita, *word.split()).code == 0
    listed = json.loads(cli("triage", cases, "--format", "json", "--status", word).out)
    assert [c["case"] for c in listed["cases"]] == ["ZN-2026-0001"]
    assert listed["cases"][0]["status"] == "in_behandeling"  # JSON: the stable id
    history = cli("history", rita).out
    assert "status" in history and "nieuw → in behandeling" in history


def test_csv_is_for_people_json_for_scripts(cli) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("triage", SAMPLES, "--format", "csv").out)))
    assert list(rows[0])[:9] == [
        "rang", "casus", "regio", "status", "kader", "risico", "oordeel",
        "oordelen inspecteur", "regelfouten",
    ]  # fmt: skip
    assert rows[0]["oordeel"] == "voldoet niet" and rows[0]["status"] == "nieuw"
    assert "voldoet grotendeels niet" in {v for r in rows for v in r.values()}
    assert not any("_" in v for r in rows for k, v in r.items() if k != "bestand")
    data = json.loads(cli("triage", SAMPLES, "--format", "json").out)
    assert data["cases"][0]["verdict"] == "voldoet_niet"
    markdown = cli("triage", SAMPLES, "--format", "markdown").out.splitlines()
    assert markdown[0].startswith("| # | casus | regio | status |")
