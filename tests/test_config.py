"""The config file: where it is found, what a bad one says, and what each key does."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.test_app import wait_loaded
from zntui.cli import build_parser
from zntui.cli.open import build_app
from zntui.config import ConfigError, load_config, user_config_file
from zntui.ui.app import ZntuiApp
from zntui.ui.problems_screen import ProblemsScreen


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    path = user_config_file()
    path.parent.mkdir(parents=True)
    return path


def test_discovery_order(cases: Path, user_config: Path) -> None:
    assert user_config == Path(os.environ["XDG_CONFIG_HOME"]) / "zntui" / "config.toml"
    assert load_config(cases).path is None
    user_config.write_text("small_cell = 10\n")
    found = load_config(cases)
    assert (found.path, found.config.small_cell) == (user_config, 10)
    (cases / "zntui.toml").write_text("small_cell = 3\n")
    found = load_config(cases)
    assert (found.path, found.config.small_cell) == (cases / "zntui.toml", 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "smal_cell = 3\n",
            "zntui.toml:1:1: onbekende sleutel 'smal_cell'; bedoelde u 'small_cell'?",
        ),
        ("\nsmall_cell = 0\n", "zntui.toml:2:1: small_cell: moet minstens 3 zijn"),
        (
            "small_cell = 2\n",
            "zntui.toml:1:1: small_cell: moet minstens 3 zijn",
        ),
        ("disable_plugins = 'ggz'\n", "zntui.toml:1:1: disable_plugins: verwacht een lijst"),
        ("[rule_params]\nZN = 3\n", "zntui.toml:2:1: rule_params.ZN: verwacht een tabel"),
        ("small_cell = \n", "zntui.toml: TOML-syntaxfout"),
    ],
)
def test_every_config_error_names_file_line_and_key(
    cli, cases: Path, text: str, expected: str
) -> None:
    (cases / "zntui.toml").write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(cases)
    assert str(cases / expected.split(":")[0]) in str(error.value)
    assert expected.split("zntui.toml", 1)[1] in str(error.value)
    for command in (["triage", cases], ["report", cases, "--level", "national"], ["info", cases]):
        result = cli(*command)
        assert result.code == 2 and expected.split("zntui.toml", 1)[1] in result.err
        assert "Traceback" not in result.err


def test_each_key_has_its_effect(
    cli, cases: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = tmp_path / "myplugins"
    plugins.mkdir()
    (plugins / "hello.py").write_text(
        "from zntui import hookimpl\n\n@hookimpl\ndef zntui_register_commands(register):\n"
        "    register('hallo', 'zeg hallo', lambda p: None, lambda a: print('hallo') or 0)\n"
    )
    (cases / "zntui.toml").write_text(
        'disable_plugins = ["ambulante_ggz"]\n'
        f'plugins_dirs = ["{os.path.relpath(plugins, cases)}"]\n'
        "small_cell = 3\n"
        "[rule_params.'ZN.VE.2']\nmax_age_days = 30\n"
    )
    data = json.loads(cli("triage", cases, "--format", "json").out)
    kees = next(c for c in data["cases"] if c["case"] == "GGZ-2026-0101")
    assert kees["unknown_frameworks"] == ["ambulante_ggz"]
    robert = next(c for c in data["cases"] if c["case"] == "ZN-2026-0002")
    ve2 = next(c for c in robert["criteria"] if c["id"] == "ZN.VE.2")
    assert ve2["verdict"] == "voldoet_grotendeels_niet"  # 65 days old, limit now 30
    assert "Ouder dan de grens van 30 dagen." in ve2["evidence"]
    report = cli("report", cases, "--level", "regional", "--region", "Twente").out
    assert "Aantal casussen: <3" in report  # small_cell 3 (not 5): Twente's 2 are too few
    info = cli("info", cases).out
    assert "* " + str(cases / "zntui.toml") in info and "Drempel kleine aantallen: 3" in info
    assert f"Pluginmappen: {plugins}" in info
    # The plugins folder, relative to the config file, is loaded: its command runs.
    monkeypatch.chdir(cases)
    assert cli("hallo").out == "hallo\n"


def open_with_config(tmp_path: Path, text: str, *options: str) -> tuple[list[str], ZntuiApp]:
    """Open the app through the CLI's own setup on a folder with this zntui.toml; return
    the lines of the problems screen (i) and the app, after the scenario ran."""
    folder = tmp_path / "cases"
    if not folder.exists():
        shutil.copytree(SAMPLES, folder)
    (folder / "zntui.toml").write_text(text, "utf-8")
    app = build_app(build_parser().parse_args(["open", str(folder), *options]))
    assert not isinstance(app, int)
    seen: list[str] = []

    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_loaded(app, pilot)
            messages = [n.message for n in app._notifications]
            if app.config_problems:
                assert any(app.config_problems[0] in m for m in messages), messages
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, ProblemsScreen)
            seen.extend(app.screen.lines)

    asyncio.run(main())
    return seen, app


def test_a_bad_config_opens_the_app_read_only_with_defaults_and_says_why(
    tmp_path: Path,
) -> None:
    problems, app = open_with_config(tmp_path, "read_only = false\nsmal_cell = 3\n")
    assert any("zntui.toml:2:1: onbekende sleutel 'smal_cell'" in p for p in problems)
    assert app.read_only and app.config_fallback
    assert app.small_cell == 5  # the default, not a half-read file


def test_theme_from_the_config(tmp_path: Path) -> None:
    problems, app = open_with_config(tmp_path, 'theme = "nord"\n')
    assert app.theme == "nord" and not [p for p in problems if "theme" in p]
    problems, app = open_with_config(tmp_path, 'small_cell = 3\ntheme = "nordd"\n')
    assert any(":2:1: theme: onbekend thema 'nordd'; bedoelde u 'nord'?" in p for p in problems)
    assert app.theme == "textual-dark" and app.small_cell == 3 and not app.read_only
