"""A framework from a third-party plugin shows on every surface exactly like a built-in
one: its own theme ids and labels, a three-point scale of its own, its own risks and
link criteria, in a folder that mixes it with the built-in frameworks. And the review
commands on a case in a subfolder use the root folder's config, as the app does."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static

from tests.conftest import make_case, write_case
from tests.test_app import run, settle, text_of, wait_loaded
from zntui.levels import count_groups, level_inputs
from zntui.plugins import Registry, load_registry
from zntui.store.reviews import load_review
from zntui.testing import assert_verdict
from zntui.ui.app import ZntuiApp
from zntui.ui.case_screen import CaseScreen
from zntui.ui.case_table import CaseTable
from zntui.ui.help_screen import help_for
from zntui.workflows.caselist import theme_columns
from zntui.workflows.session import open_folder

RULES = """
id = "leiding"
title = "Toezicht op leiding in het netwerk"
version = "2026-test"
risk_labels = { leiding = "onduidelijk wie het netwerk leidt" }

[scale]
id = "drie"
values = [
  { id = "goed", label = "goed", short = "G", symbol = "+", score = 1.0 },
  { id = "matig", label = "matig", short = "M", symbol = "=", score = 0.5 },
  { id = "slecht", label = "slecht", short = "S", symbol = "-", score = 0.0 },
]

[[themes]]
id = "LD"
title = "Leiderschap"

[[themes.norms]]
id = "LX.LD-N1"
text = "Iemand leidt het netwerk"

[[themes.norms.criteria]]
id = "LX.LD.1"
text = "Er is precies één coördinator"
gloss = "one coordinator"
check = "lx_coordinator"
risks = ["leiding"]

[[themes]]
id = "SAMEN"
title = "Samenwerking"
short = "SAM"

[[themes.norms]]
id = "LX.SAM-N1"
text = "Zorgverleners kennen elkaar"

[[themes.norms.criteria]]
id = "LX.SAM.1"
text = "Elke zorgverlener is met een andere verbonden"
gloss = "every professional linked"
check = "lx_linked"
kind = "part"
risks = ["samenwerking"]
about_links = true
"""

PLUGIN = """
from pathlib import Path
from zntui import hookimpl
from zntui.checks import Outcome
from zntui.model.framework import load_framework_toml

RULES = Path(__file__).with_name("lx_rules.toml")

def coordinator(case, params):
    if sum(1 for m in case.members if m.coordinator) == 1:
        return Outcome("goed", ["Eén coördinator."])
    return Outcome("slecht", ["Niemand leidt het netwerk."])

def linked(case, params):
    if case.links:
        return Outcome("goed", ["Zorgverleners zijn verbonden."])
    return Outcome("slecht", ["Huisarts en wijkverpleegkundige kennen elkaar niet."])

@hookimpl
def zntui_register_frameworks(register):
    register(load_framework_toml(RULES))

@hookimpl
def zntui_register_checks(register):
    register("lx_coordinator", coordinator)
    register("lx_linked", linked)
"""


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "lx_rules.toml").write_text(RULES, encoding="utf-8")
    (folder / "leiding.py").write_text(PLUGIN, encoding="utf-8")
    return folder


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Three cases: the plugin's framework alone, mixed with a built-in, a built-in alone."""
    folder = tmp_path / "cases"
    write_case(folder, "a.toml", id="LX-1", frameworks=["leiding"])
    write_case(folder, "b.toml", id="MIX-1", frameworks=["zorgnetwerken", "leiding"])
    write_case(folder, "c.toml", id="ZN-1", frameworks=["zorgnetwerken"])
    return folder


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Enough cases of each kind for the levels to publish them (threshold 5)."""
    folder = tmp_path / "many"
    for i in range(6):
        write_case(folder, f"lx{i}.toml", id=f"LX-{i}", frameworks=["leiding"])
        write_case(folder, f"mix{i}.toml", id=f"MIX-{i}", frameworks=["zorgnetwerken", "leiding"])
        write_case(folder, f"zn{i}.toml", id=f"ZN-{i}", frameworks=["zorgnetwerken"])
    return folder


@pytest.fixture
def lx_registry(plugins: Path) -> Registry:
    registry = load_registry(plugins_dirs=[plugins])
    assert registry.errors == []
    return registry


def triage_json(cli: Any, folder: Path, plugins: Path) -> dict[str, Any]:
    result = cli("triage", folder, "--format", "json", "--plugins-dir", plugins)
    assert result.code == 0, result.err
    return {c["case"]: c for c in json.loads(result.out)["cases"]}


def test_the_triage_json_has_the_plugins_themes_and_scale(cli, mixed, plugins) -> None:
    cases = triage_json(cli, mixed, plugins)
    lx = cases["LX-1"]
    assert {(t["theme"], t["verdict"]) for t in lx["themes"]} == {
        ("LD", "slecht"),
        ("SAMEN", "slecht"),
    }
    assert lx["verdict"] == "slecht" and lx["risk"] == 100
    assert lx["counts"] == {"goed": 0, "matig": 0, "slecht": 2, "niet_beoordeeld": 0}
    # A mixed case gets an overall verdict on a real scale, never "niet beoordeeld".
    assert cases["MIX-1"]["verdict"] != "niet_beoordeeld"
    assert cases["MIX-1"]["risk"] is not None


def test_the_triage_table_shows_the_plugins_columns_and_verdicts(cli, mixed, plugins) -> None:
    result = cli("triage", mixed, "--plugins-dir", plugins)
    lines = result.out.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    header = lines[0].split()
    for label in ("LD", "SAM", "CC", "MZ", "IZ", "VE"):
        assert label in header
    # Six theme labels do not fit 80 columns as full cells: symbols, and a legend.
    lx = next(line for line in lines if "LX-1" in line).split()
    assert lx[4:6] == ["-", "-"] and "·NB" not in lx
    assert lx[-1] == "-S"  # the overall verdict, on the plugin's scale
    assert "  LD: Leiderschap (leiding)" in lines
    # The summary counts it by its own label (how many depends on the built-in checks).
    assert re.search(r"\b\d+ slecht\b", result.err)


def test_csv_markdown_and_junit_show_the_plugins_themes(cli, mixed, plugins) -> None:
    flags = ("--plugins-dir", plugins)
    rows = list(csv.DictReader(io.StringIO(cli("triage", mixed, "--format", "csv", *flags).out)))
    lx = next(r for r in rows if r["casus"] == "LX-1")
    assert (lx["LX Leiderschap"], lx["LX Samenwerking"], lx["oordeel"]) == ("slecht",) * 3
    assert next(r for r in rows if r["casus"] == "ZN-1")["LX Leiderschap"] == ""

    markdown = cli("triage", mixed, "--format", "markdown", *flags).out.splitlines()
    assert {"LD", "SAM"} <= {c.strip() for c in markdown[0].split("|")}
    lx_md = next(line for line in markdown if "LX-1" in line)
    assert "-S slecht" in lx_md and lx_md.count("-S") == 3

    junit = ET.fromstring(cli("triage", mixed, "--format", "junit", *flags).out)
    case = next(c for c in junit.iter("testcase") if c.get("name") == "LX-1")
    props = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert props == {"leiding.LD": "-S", "leiding.SAMEN": "-S"}
    failure = case.find("failure")
    assert failure is not None and failure.get("message", "").startswith("slecht")


def test_fail_under_reads_a_verdict_on_the_cases_own_scale(cli, mixed, plugins) -> None:
    flags = ("--plugins-dir", plugins)
    assert cli("triage", mixed, "--fail-under", "slecht", *flags).code == 1
    assert cli("triage", mixed, "--fail-under", "nonsense", *flags).code == 2


def test_two_frameworks_with_the_same_theme_labels_are_told_apart(lx_registry) -> None:
    built_in = [lx_registry.frameworks["zorgnetwerken"], lx_registry.frameworks["ambulante_ggz"]]
    labels = [c.label for c in theme_columns(built_in)]
    assert len(labels) == len(set(labels)) == 7
    assert "ZN CC" in labels and "GGZ CC" in labels and "MZ" in labels


def test_the_levels_count_the_plugins_own_risks(mixed, lx_registry) -> None:
    from zntui.workflows.scoring import score_folder

    scored = score_folder(mixed, lx_registry, cache=False)
    _, nation = count_groups(level_inputs(scored.cases), lx_registry.frameworks)
    assert nation.risks["onduidelijk wie het netwerk leidt"] == 2  # LX-1 and MIX-1
    assert nation.risks["onvoldoende samenwerking"] >= 2
    assert nation.themes[("leiding", "LD")]["slecht"] == 2


def test_the_client_list_and_case_screen_show_the_plugins_themes(mixed, lx_registry) -> None:
    async def main() -> None:
        app = ZntuiApp(mixed, lx_registry, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.client.query_one("#triage", CaseTable)
            for _ in range(200):
                await pilot.pause(0.02)
                if not app.loading and table.row_count == 3:
                    break
            # The columns shown at 80 are fitted to the width: find them by id.
            shown = app.client.list_layout.columns
            themes, overall = shown.index("themas"), shown.index("oordeel")
            header = str(table.ordered_columns[themes].label)
            assert "LD" in header.split() and "SAM" in header.split()
            rows = {str(table.get_row_at(r)[0]).strip(): table.get_row_at(r) for r in range(3)}
            lx = rows["LX-1"]
            assert str(lx[themes]).split() == ["-", "-"] and str(lx[overall]) == "-S"
            mixed_row = str(rows["MIX-1"][themes]).split()
            assert len(mixed_row) == 6 and mixed_row[:2] == ["-", "-"]
            # Open LX-1: it is the worst, so the first row.
            assert str(table.get_row_at(0)[0]).strip() == "LX-1"
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CaseScreen)
            summary = str(screen.query_one("#case-summary", Static).content)
            # The theme codes the list shows (ThemeDef.short), with their titles.
            assert "- slecht" in summary and "LD Leiderschap" in summary
            assert "SAM Samenwerking" in summary
            network = screen._network()
            text = "\n".join(str(t) for t in network.renderables)
            # The plugin's link criterion names the missing link; its other one does not.
            assert "Huisarts en wijkverpleegkundige kennen elkaar niet. (LX.SAM.1)" in text
            assert "LX.LD.1" not in text

    asyncio.run(main())


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


@pytest.mark.parametrize("level", ["regional", "national"])
def test_the_reports_show_the_plugins_scale(cli, many, plugins, level: str) -> None:
    flags = ("--level", level, "--plugins-dir", plugins)
    result = cli("report", many, *flags)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    lx = next(cells(line) for line in lines if line.startswith("| thema | goed"))
    assert lx == ["thema", "goed", "matig", "slecht", "niet beoordeeld", "niet van toepassing",
                  "% slecht"]  # fmt: skip
    zn = next(cells(line) for line in lines if line.startswith("| thema | voldoet |"))
    assert zn[-1] == "% voldoet grotendeels niet of voldoet niet"
    leiderschap = next(cells(line) for line in lines if line.startswith("| Leiderschap |"))
    assert leiderschap[-1] == "100%"  # every case under the plugin fails its LD criterion
    # What the share counts is said in each scale's words, not in IGJ's alone.
    if level == "national":  # the regions side by side
        assert "(LX: slecht; ZN: voldoet grotendeels niet of voldoet niet)" in result.out
    assert "(grotendeels) niet" not in result.out

    html = cli("report", many, *flags, "--format", "html").out
    assert "<th>% slecht</th>" in html and "(grotendeels) niet" not in html
    data = json.loads(cli("report", many, *flags, "--format", "json").out)
    sections = {f["id"]: f for g in data["groups"] for f in g["frameworks"]}
    assert sections["leiding"]["verdicts"][:3] == ["goed", "matig", "slecht"]
    assert sections["leiding"]["failing_verdicts"] == ["slecht"]
    assert sections["zorgnetwerken"]["failing_verdicts"] == [
        "voldoet_grotendeels_niet",
        "voldoet_niet",
    ]


def test_the_level_panes_show_the_plugins_scale(many, lx_registry) -> None:
    async def main() -> None:
        app = ZntuiApp(many, lx_registry, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_loaded(app, pilot)
            for key, body in (("2", "#region-body"), ("3", "#national-body")):
                await pilot.press(key)
                await settle(app, pilot)
                text = text_of(app.screen.query_one(body, Static))
                lx = next(line.split() for line in text.splitlines() if "+G" in line)
                assert lx == ["thema", "+G", "=M", "-S", "·NB", "-NVT", "%S"], text
                zn = next(line.split() for line in text.splitlines() if "✓V" in line)
                assert zn[-1] == "%VGN/VN"
                leiderschap = next(line.split() for line in text.splitlines()
                                   if line.strip().startswith("Leiderschap"))  # fmt: skip
                assert leiderschap[-1] == "100%"
                # The app's export of the pane (its report) says the same.
                assert "| thema | goed | matig | slecht |" in app.exports.view_text()
            assert "(LX: slecht; ZN: voldoet grotendeels niet of voldoet niet)" in " ".join(
                text.split()
            )

    asyncio.run(main())


def test_the_judge_keys_and_the_list_legend_speak_the_frameworks_scale(mixed, lx_registry) -> None:
    async def main() -> None:
        app = ZntuiApp(mixed, lx_registry, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_loaded(app, pilot)
            # MIX-1's CC, IZ, VE hold a symbol of each of its frameworks: the list says so.
            legend = app.client.query_one("#client-legend", Static)
            assert legend.display
            assert "+G =M -S" in text_of(legend) and "✓V ~VG !VGN ✗VN" in text_of(legend)
            table = app.client.query_one("#triage", CaseTable)
            row = next(r for r in range(table.row_count) if "MIX-1" in str(table.get_row_at(r)[0]))
            table.move_cursor(row=row)
            await pilot.press("enter")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, CaseScreen)

            def judge_keys() -> dict[str, str]:
                return {
                    b.binding.key: b.binding.description
                    for b in screen.active_bindings.values()
                    if b.binding.action.startswith("judge(")
                }

            criteria = screen.query_one("#criteria", DataTable)
            while criteria.get_row_at(criteria.cursor_row)[0] != "LX.LD.1":
                await pilot.press("j")
            assert judge_keys() == {
                "v": "goed",
                "g": "matig",
                "n": "matig",
                "x": "slecht",
                "b": "niet beoordeeld",
            }
            helped = {key: words for key, words, _ in help_for(screen).rows}  # what ? lists
            assert helped["v"] == "goed" and helped["x"] == "slecht"
            while criteria.get_row_at(criteria.cursor_row)[0] != "ZN.CC.1":
                await pilot.press("k")
            assert judge_keys()["v"] == "voldoet" and judge_keys()["n"] == (
                "voldoet grotendeels niet"
            )

    asyncio.run(main())


def test_the_apps_list_exports_show_the_plugins_themes(mixed, lx_registry, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()

    async def scenario(app: ZntuiApp, pilot: Any) -> None:
        for name in ("lijst.csv", "lijst.md", "lijst.json"):
            await pilot.press("w")
            await settle(app, pilot)
            app.screen.query_one(Input).value = str(out / name)
            await pilot.press("enter")
            await settle(app, pilot)

    run(ZntuiApp(mixed, lx_registry, watch=False), scenario)
    rows = {r["casus"]: r for r in csv.DictReader(io.StringIO((out / "lijst.csv").read_text()))}
    assert (rows["LX-1"]["LX Leiderschap"], rows["LX-1"]["oordeel"]) == ("slecht", "slecht")
    assert rows["ZN-1"]["LX Leiderschap"] == "" and rows["MIX-1"]["LX Samenwerking"] == "slecht"
    markdown = (out / "lijst.md").read_text().splitlines()
    assert {"LD", "SAM"} <= {c.strip() for c in markdown[0].split("|")}
    assert "-S slecht" in next(line for line in markdown if "LX-1" in line)
    cases = {c["case"]: c for c in json.loads((out / "lijst.json").read_text())["cases"]}
    assert {(t["theme"], t["verdict"]) for t in cases["LX-1"]["themes"]} == {
        ("LD", "slecht"),
        ("SAMEN", "slecht"),
    }


def test_rules_explain_speaks_the_plugins_scale(cli, plugins) -> None:
    explained = cli("rules", "explain", "LX.SAM.1", "--plugins-dir", plugins)
    assert explained.code == 0, explained.err
    assert "automatisch hoogstens 'matig'" in explained.out


def test_the_plugin_testing_helpers_read_the_criterions_own_scale(lx_registry) -> None:
    case = make_case(frameworks=["leiding"])
    assert assert_verdict(case, "LX.LD.1", "slecht", lx_registry).verdict == "slecht"
    assert_verdict(case, "LX.LD.1", "S", lx_registry)
    with pytest.raises(AssertionError, match="expected 'goed', got 'slecht'"):
        assert_verdict(case, "LX.LD.1", "goed", lx_registry)
    with pytest.raises(AssertionError, match="'goed' \\(G\\)"):
        assert_verdict(case, "LX.LD.1", "voldoet niet", lx_registry)


# --- the root folder's config -------------------------------------------------------


def test_judge_in_a_subfolder_uses_the_root_config_like_the_app(cli, tmp_path: Path) -> None:
    root = tmp_path / "casussen"
    # The root config makes the care need stale after 30 days (the default is 365).
    root.mkdir()
    (root / "zntui.toml").write_text(
        "[rule_params.'ZN.CC.3']\nmax_age_days = 30\n", encoding="utf-8"
    )
    case = write_case(
        root / "twente" / "2026",
        "a.toml",
        client={"pseudonym": "Test", "age": 80, "care_need": {"documented": "2025-12-01"}},
    )
    assert open_folder(case).root == root.resolve()
    # What the app, opened on the root, shows as the automatic verdict:
    app_view = json.loads(cli("triage", root, "--format", "json").out)
    criteria = {c["id"]: c for c in app_view["cases"][0]["criteria"]}
    assert criteria["ZN.CC.3"]["verdict"] == "voldoet_grotendeels_niet"
    # The same verdict needs no reason from judge: it is the automatic one...
    judged = cli("judge", case, "ZN.CC.3", "VGN")
    assert judged.code == 0, judged.err
    # ...and the subfolder's own (absent) config would have said voldoet: a different
    # verdict then needs a reason, which proves the root's parameters were used.
    refused = cli("judge", case, "ZN.CC.3", "voldoet")
    assert refused.code == 2 and "reden" in refused.err.lower()
    history = json.loads(cli("history", case, "--format", "json").out)
    assert [(e["what"], e["new"]) for e in history] == [
        ("judgement ZN.CC.3", "voldoet grotendeels niet")
    ]
    # The app opened on the root, as `zntui casussen` opens it, shows that automatic
    # verdict, before and after a judgement that differs from it.
    session = open_folder(root)

    def in_the_app() -> tuple[str, str | None]:
        shown: list[tuple[str, str | None]] = []

        async def main() -> None:
            app = ZntuiApp(root, session.registry, watch=False, config=session.config.config)
            async with app.run_test(size=(80, 24)) as pilot:
                await wait_loaded(app, pilot)
                await pilot.press("enter")
                await settle(app, pilot)
                screen = app.screen
                assert isinstance(screen, CaseScreen)
                results = screen.scored.assessment.results
                r = next(r for r in results if r.criterion == "ZN.CC.3")
                shown.append((r.verdict, r.automatic_verdict))

        asyncio.run(main())
        return shown[0]

    assert in_the_app()[0] == "voldoet_grotendeels_niet"
    changed = cli("judge", case, "ZN.CC.3", "voldoet", "--reason", "Zorgvraag besproken.")
    assert changed.code == 0, changed.err
    assert load_review(case, "T-1").review.judgements["ZN.CC.3"].verdict == "voldoet"
    assert in_the_app() == ("voldoet", "voldoet_grotendeels_niet")
