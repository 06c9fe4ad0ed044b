"""Issue 18, the screens: what a new inspector met at 80×24, driven with Pilot.

Problems view → editor → checked again; notices that hide nothing; evidence in full;
keys in `?`; read-only footers; "afgerond" asks first; `e` without an editor.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from tests.conftest import SAMPLES
from tests.test_app import choose, column, open_rita, run, settle, text_of, triage
from zntui.model.review import ReviewStatus
from zntui.plugins import Registry
from zntui.store.reviews import load_review
from zntui.ui.app import WEB_EDIT_MESSAGE, ZntuiApp
from zntui.ui.case_screen import CaseScreen, CriterionScreen
from zntui.ui.case_table import CaseTable
from zntui.ui.footer import CHANGES
from zntui.ui.help_screen import HelpScreen
from zntui.ui.notices import NoticeBar
from zntui.ui.problems_screen import ProblemsScreen
from zntui.ui.prompts import ChoicePrompt

RITA = Path("twente") / "rita-jansen.toml"


def messages(app: ZntuiApp) -> list[str]:
    return [n.message for n in app._notifications]


def fixing_editor(tmp_path: Path, old: str, new: str) -> str:
    """$VISUAL: a program that replaces ``old`` by ``new`` in the file it is given."""
    script = tmp_path / "fix.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text(p.read_text().replace({old!r}, {new!r}))\n"
    )
    return f"{sys.executable} {script}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "cases"
    shutil.copytree(SAMPLES, copy)
    return copy


@pytest.fixture
def broken(folder: Path) -> Path:
    """The samples with a misspelled key in Rita's file (as a slip in $EDITOR makes)."""
    rita = folder / RITA
    rita.write_text(rita.read_text().replace("region = ", "regoin = ", 1))
    return folder


@pytest.mark.parametrize("watch", [False, True], ids=["", "watching"])
def test_the_problems_view_opens_the_broken_file_and_checks_it_again(
    registry: Registry, broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, watch: bool
) -> None:
    monkeypatch.setenv("VISUAL", fixing_editor(tmp_path, "regoin = ", "region = "))

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        assert triage(app).row_count == 7  # Rita's file is out of the list
        problem = "verplichte sleutel 'region' ontbreekt"
        # One notice for the problem, however many routes report it.
        assert sum(problem in m for m in messages(app)) == 1, messages(app)
        await pilot.press("i")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        assert screen.current() == broken / RITA
        await pilot.press("e")  # the editor mends the file
        await settle(app, pilot)
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert app.screen is screen and screen.problems == []  # checked again, in place
        assert "ZN-2026-0001" in column(app.client.query_one(CaseTable))
        assert any("rita-jansen.toml is nu in orde" in m for m in messages(app))
        bar = screen.query_one(NoticeBar)
        assert "nu in orde" in text_of(bar)  # said where the user is looking

    run(ZntuiApp(broken, registry, watch=watch), scenario)


def test_a_file_still_broken_after_the_editor_stays_in_the_problems_view(
    registry: Registry, broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", fixing_editor(tmp_path, "regoin = ", "regio = "))

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("i")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        assert any("onbekende sleutel 'regio'" in line for line in screen.lines)
        assert screen.current() == broken / RITA  # still on that file: e opens it again
        said = messages(app)
        assert any("rita-jansen.toml is nog ongeldig" in m for m in said), said

    run(ZntuiApp(broken, registry, watch=False), scenario)


def test_a_file_broken_in_the_editor_opens_the_problems_view_and_e_mends_it(
    registry: Registry, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slip the issue describes: a key misspelled in $EDITOR. The case drops out of
    the list; the app shows the problems view on that file, says it once, and `e`
    there opens it again."""
    script = tmp_path / "toggle.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1]); t = p.read_text()\n"
        "p.write_text(t.replace('regoin = ', 'region = ') if 'regoin = ' in t "
        "else t.replace('region = ', 'regoin = ', 1))\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await open_rita(app, pilot)
        await pilot.press("e")  # breaks it
        for _ in range(3):
            await settle(app, pilot)
            await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, ProblemsScreen), screen
        assert screen.current() == folder / RITA
        said = [m for m in messages(app) if "verplichte sleutel 'region' ontbreekt" in m]
        assert len(said) == 1, messages(app)
        assert "ZN-2026-0001" not in column(app.client.query_one(CaseTable))
        await pilot.press("e")  # mends it
        for _ in range(3):
            await settle(app, pilot)
            await app.workers.wait_for_complete()
        assert screen.problems == []
        assert "ZN-2026-0001" in column(app.client.query_one(CaseTable))

    run(ZntuiApp(folder, registry, watch=False), scenario)


def test_e_without_a_usable_editor_or_in_a_browser_says_so(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "/nonexistent/editor")

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        main = app.screen
        await pilot.press("e")
        await settle(app, pilot)
        assert any("Geen editor gevonden" in m for m in messages(app))
        monkeypatch.setattr(ZntuiApp, "is_web", property(lambda self: True))
        await pilot.press("e")
        await settle(app, pilot)
        assert messages(app)[-1] == WEB_EDIT_MESSAGE
        assert app.screen is main  # nothing opened, nothing waiting

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_notices_take_their_own_line_and_hide_no_evidence(registry: Registry, folder: Path) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        await pilot.press(*"te weinig overdracht", "enter")
        await settle(app, pilot)
        bar = screen.query_one(NoticeBar)
        detail = screen.query_one("#detail-scroll")
        assert bar.display and "Opgeslagen." in text_of(bar)
        assert not bar.region.overlaps(detail.region)
        assert not bar.region.overlaps(screen.query_one("#criteria").region)
        toasts = [t for t in screen.query("Toast") if t.display]
        assert toasts == []

    run(ZntuiApp(folder, registry, watch=False), scenario)


def test_evidence_is_readable_in_full_at_80x24(registry: Registry, folder: Path) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        results = screen.results()
        longest = max(range(len(results)), key=lambda i: len(results[i].evidence))
        table = screen.query_one("#criteria", DataTable)
        table.move_cursor(row=longest)
        await settle(app, pilot)
        await pilot.press("x", *"reden", "enter")  # a judgement adds two lines
        await settle(app, pilot)
        result = screen.results()[longest]
        assert len(result.evidence) >= 2
        await pilot.press("enter")  # the criterion whole
        await settle(app, pilot)
        full = app.screen
        assert isinstance(full, CriterionScreen)
        shown = text_of(full.query_one("#criterion-full", Static))
        for line in [*result.evidence, "Reden inspecteur: reden"]:
            assert " ".join(line.split()) in " ".join(shown.split()), line
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen

    run(ZntuiApp(folder, registry, watch=False), scenario)


def test_theme_codes_are_explained_on_the_list_and_the_case(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        legend = text_of(app.screen.query_one("#client-legend", Static))
        for framework in registry.frameworks.values():
            for theme in framework.themes:
                assert f"{theme.short} " in legend and theme.title in legend, theme
        screen = await open_rita(app, pilot)
        summary = " ".join(text_of(screen.query_one("#case-summary", Static)).split())
        rita = registry.frameworks["zorgnetwerken"]
        for theme in rita.themes:
            assert f"{theme.short} {theme.title}" in summary

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def test_region_names_are_not_cut(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        regions = set(column(triage(app), "regio"))
        assert {"Rijnmond", "Zuid-Limburg", "Twente", "Utrecht"} <= regions

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def help_rows(app: ZntuiApp) -> dict[str, str]:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return {keys: binding_id for keys, _, binding_id in screen.rows}


def test_help_lists_every_key_that_works(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await pilot.press("question_mark")
        await settle(app, pilot)
        keys = ",".join(help_rows(app))
        for key in ("right_square_bracket", "left_square_bracket", "colon", "home", "end"):
            assert key in keys.split(","), key
        assert "ctrl+g" in keys  # the prompts' cancel
        await pilot.press("escape")
        screen = await open_rita(app, pilot)
        assert isinstance(screen, CaseScreen)
        await pilot.press("question_mark")
        await settle(app, pilot)
        keys = ",".join(help_rows(app)).split(",")
        assert "backspace" in keys and "enter" in keys

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)


def footer_ids(app: ZntuiApp) -> set[str]:
    """The binding ids the footer offers (by action, as the footer shows them)."""
    actions = {k.action for k in app.screen.query(FooterKey)}
    return {
        b.binding.id or ""
        for b in app.screen.active_bindings.values()
        if b.binding.action in actions
    }


def test_read_only_offers_no_change_keys_in_footer_or_help(registry: Registry) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        assert not footer_ids(app) & CHANGES, footer_ids(app) & CHANGES
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert not set(help_rows(app).values()) & CHANGES
        await pilot.press("escape")
        await open_rita(app, pilot)
        assert not footer_ids(app) & CHANGES
        assert "app.help" in footer_ids(app)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert not set(help_rows(app).values()) & CHANGES

    run(ZntuiApp(SAMPLES, registry, watch=False, read_only=True), scenario)

    async def writable(app: ZntuiApp, pilot: Any) -> None:
        await open_rita(app, pilot)
        assert {"case.judge_v", "case.status"} <= footer_ids(app)

    run(ZntuiApp(SAMPLES, registry, watch=False), writable)


def test_choosing_afgerond_asks_first(registry: Registry, folder: Path) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        screen = await open_rita(app, pilot)
        await choose(app, pilot, "s", "afgerond")
        assert isinstance(app.screen, ChoicePrompt)  # asked
        await pilot.press("enter")  # "nee" is the default
        await settle(app, pilot)
        assert app.screen is screen
        assert load_review(folder / RITA, "ZN-2026-0001").review.status is ReviewStatus.NIEUW
        await choose(app, pilot, "s", "afgerond")
        await pilot.press("j", "enter")  # ja
        await settle(app, pilot)
        assert load_review(folder / RITA, "ZN-2026-0001").review.status is ReviewStatus.AFGEROND
        await pilot.press("escape")
        await settle(app, pilot)
        assert column(triage(app), "status")[column(triage(app)).index("ZN-2026-0001")] == (
            "afgerond"
        )

    run(ZntuiApp(folder, registry, watch=False), scenario)


def test_bulk_afgerond_asks_first_too(registry: Registry, folder: Path) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        await choose(app, pilot, "s", "afgerond")
        assert isinstance(app.screen, ChoicePrompt)
        await pilot.press("escape")  # cancelled: nothing written
        await settle(app, pilot)
        assert not (folder / "twente" / "rita-jansen.review.toml").exists()

    run(ZntuiApp(folder, registry, watch=False), scenario)


# --- one status name: what parse() reads -------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(
    status=st.sampled_from(list(ReviewStatus)),
    upper=st.lists(st.booleans(), min_size=20, max_size=20),
    separator=st.sampled_from([" ", "_", "-", "  ", " _ "]),
    pad=st.sampled_from(["", " ", "\t"]),
)
def test_status_parse_reads_the_label_in_any_spelling(
    status: ReviewStatus, upper: list[bool], separator: str, pad: str
) -> None:
    word = separator.join(status.label.split())
    typed = "".join(c.upper() if up else c for c, up in zip(word, upper * 3, strict=False))
    assert ReviewStatus.parse(pad + typed + pad) is status


@given(st.text(max_size=20))
def test_status_parse_accepts_nothing_but_a_status(text: str) -> None:
    found = ReviewStatus.parse(text)
    normal = " ".join(text.lower().replace("_", " ").replace("-", " ").split())
    assert found is None or found.label == normal
    assert ReviewStatus.parse("bezig") is None and ReviewStatus.parse("klaar") is None


# --- keys typed faster than focus moves ----------------------------------------------


def burst(app: ZntuiApp, text: str) -> None:
    """Keys arriving together (a paste of keystrokes over SSH): queued before any runs."""
    from textual import events

    names = {"/": "slash", " ": "space", "\r": "enter"}
    for ch in text:
        key = names.get(ch, ch)
        app.post_message(events.Key(key, None if ch == "\r" else ch))


def test_keys_typed_right_after_slash_or_a_verdict_key_go_into_the_field(
    registry: Registry, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "editor-ran"
    script = tmp_path / "editor.py"
    script.write_text(f"import pathlib; pathlib.Path({str(opened)!r}).write_text('x')\n")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        burst(app, "/jansen")  # the "e" must not open the editor, "s" not the status
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.client.query_text == "jansen"
        assert column(triage(app)) == ["ZN-2026-0001"]
        screen = await open_rita(app, pilot)
        burst(app, "xeen reden")  # the verdict key, then its reason at once
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert app.screen is screen, (app.screen_stack, messages(app))
        review = load_review(folder / RITA, "ZN-2026-0001").review
        assert [j.reason for j in review.judgements.values()] == ["een reden"]
        assert not opened.exists()

    run(ZntuiApp(folder, registry, watch=False), scenario)


def test_the_same_notice_twice_is_shown_once_and_a_newer_word_replaces_an_older(
    registry: Registry,
) -> None:
    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        bar = app.screen.query_one(NoticeBar)
        for _ in range(3):
            app.notify("Bestand x.toml is ongeldig.", severity="warning")
        app.notify("x.toml: nog 1 probleem", severity="warning", about="/x.toml")
        app.notify("x.toml is nu in orde.", about="/x.toml")
        await settle(app, pilot)
        shown = text_of(bar)
        assert shown.count("Bestand x.toml is ongeldig.") == 1
        assert "nu in orde" in shown and "nog 1 probleem" not in shown

    run(ZntuiApp(SAMPLES, registry, watch=False), scenario)
