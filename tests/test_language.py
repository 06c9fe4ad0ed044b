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
    "quit", "copy", "search", "matches", "theme", "page", "scroll", "select",
    "rank", "region", "verdict", "refused", "reason", "only", "key", "keys", "value",
    "input", "array", "unclosed", "illegal", "character", "statement", "larger", "empty",
    "binary", "symlink", "outside", "lines", "problem", "problems", "saved", "disk",
    "changed", "unlock", "note", "commands", "plugins", "disabled", "threshold", "left",
    "right", "up", "down", "home", "end", "palette", "screenshot", "maximize",
}  # fmt: skip
"""Lower-case English words; "plugin", "status", "format", "cache", "cursor" and "open" are
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
    write_case(broken, "limits.toml", id="L", client={"pseudonym": "", "age": 200})
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


@pytest.mark.parametrize(
    "word", ["in_behandeling", "in behandeling", "In Behandeling", "in-behandeling"]
)
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


def test_help_and_palette_speak_dutch(registry) -> None:
    """`?` on every screen and Ctrl+P list Textual's built-in keys and commands in Dutch."""
    from textual.command import CommandInput, CommandList
    from textual.widgets import Static

    from tests.test_app import run, settle, text_of
    from zntui.ui.app import ZntuiApp
    from zntui.ui.help_screen import HelpScreen

    found: dict[str, set[str]] = {}

    def scan(where: str, text: str) -> None:
        # Key names (Ctrl+Q, pageup, home) are what is printed on the keys: not words.
        words = english_words(re.sub(r"\([^)]*\)|toets .*", " ", text))
        if words:
            found[where] = words

    async def look(app: ZntuiApp, pilot: object, where: str) -> None:
        await pilot.press("question_mark")  # type: ignore[attr-defined]
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen), where
        assert len(help_screen.rows) > 10
        scan(f"{where} ?", "\n".join(description for _, description, _ in help_screen.rows))
        # As drawn, key names included: ↑ and PgUp, not "up" and "pageup"; Home and End
        # are what the keys say.
        drawn = text_of(help_screen.query_one("#help-body Static", Static))
        if words := english_words(drawn, frozenset({"Home", "End"})):
            found[f"{where} ? as drawn"] = words
        await pilot.press("escape")  # type: ignore[attr-defined]
        await pilot.press("ctrl+p")  # type: ignore[attr-defined]
        await settle(app, pilot)
        palette_input = app.screen.query_one(CommandInput)
        scan(f"{where} palette placeholder", palette_input.placeholder)
        options = app.screen.query_one(CommandList)
        listed = "\n".join(
            str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
        )
        assert options.option_count > 5, listed
        scan(f"{where} palette", listed)
        await pilot.press(*"qqzzxx")  # type: ignore[attr-defined]
        await pilot.pause(0.8)  # type: ignore[attr-defined]
        nothing = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Niets gevonden" in p for p in nothing), nothing
        scan(f"{where} palette, no match", "\n".join(nothing))
        await pilot.press("escape")  # type: ignore[attr-defined]
        await settle(app, pilot)

    async def scenario(app: ZntuiApp, pilot: object) -> None:
        await look(app, pilot, "lijst")
        for key, where in (("2", "regionaal"), ("3", "landelijk")):
            await pilot.press(key)  # type: ignore[attr-defined]
            await settle(app, pilot)
            await look(app, pilot, where)
        await pilot.press("1", "enter")  # type: ignore[attr-defined]
        await settle(app, pilot)
        await look(app, pilot, "casus")

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
    assert not found, found


def test_the_case_header_names_the_framework_not_its_id(registry) -> None:
    from textual.widgets import Static

    from tests.test_app import run, settle, text_of
    from zntui.ui.app import ZntuiApp
    from zntui.ui.case_screen import CaseScreen

    async def scenario(app: ZntuiApp, pilot: object) -> None:
        await pilot.press("slash", *"GGZ-2026-0102", "enter", "enter")  # type: ignore[attr-defined]
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        header = text_of(screen.query_one("#case-summary", Static))
        assert "Rijnmond · ambulante ggz" in header and "ambulante_ggz" not in header, header

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_the_app_on_an_empty_folder_says_what_to_do(registry, tmp_path: Path) -> None:
    from textual.widgets import Static

    from tests.test_app import run, text_of
    from zntui.ui.app import ZntuiApp

    async def scenario(app: ZntuiApp, pilot: object) -> None:
        line = text_of(app.screen.query_one("#client-status", Static)).strip()
        assert "zntui generate" in line and len(line) <= 78, line

    run(ZntuiApp(tmp_path, registry, watch=False), scenario)
