"""Headless triage formats, exit codes, reports at both levels, and the privacy scan."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, personal_values
from zntui.generate import write_cases


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    write_cases(folder, 80, seed=21)
    return folder


def test_every_triage_format_parses(cli) -> None:
    as_json = json.loads(cli("triage", SAMPLES, "--format", "json").out)
    assert len(as_json["cases"]) == 8
    rows = list(csv.DictReader(io.StringIO(cli("triage", SAMPLES, "--format", "csv").out)))
    assert [r["casus"] for r in rows] == [c["case"] for c in as_json["cases"]]
    suite = ET.fromstring(cli("triage", SAMPLES, "--format", "junit").out.encode())
    assert suite.tag == "testsuite" and suite.get("tests") == "8"
    failures = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failures == ["ZN-2026-0001", "GGZ-2026-0102"]
    rita = next(c for c in suite.iter("testcase") if c.get("name") == "ZN-2026-0001")
    assert "ZN.IZ.2" in (rita.find("failure").text or "")  # type: ignore[union-attr]
    md = cli("triage", SAMPLES, "--format", "markdown").out.splitlines()
    assert md[0].startswith("| # | casus |") and len(md) == 10
    table = cli("triage", SAMPLES)
    assert "8 casussen (1 voldoet, 5 voldoet grotendeels" in table.err


def test_triage_exit_codes(cli, tmp_path: Path) -> None:
    assert cli("triage", SAMPLES).code == 0
    assert cli("triage", SAMPLES, "--fail-under", "voldoet niet").code == 1
    assert cli("triage", SAMPLES, "--fail-under", "VN", "--region", "Utrecht").code == 0
    bad = cli("triage", SAMPLES, "--fail-under", "prima")
    assert bad.code == 2 and "--fail-under" in bad.err
    shutil.copytree(SAMPLES, tmp_path / "cases")
    (tmp_path / "cases" / "broken.toml").write_text("id = [")
    assert cli("triage", tmp_path / "cases", "--fail-under", "VN").code == 2
    junit = ET.fromstring(cli("triage", tmp_path / "cases", "--format", "junit").out.encode())
    assert junit.get("errors") == "1"


def test_triage_fail_under_marks_junit_failures(cli) -> None:
    suite = ET.fromstring(
        cli("triage", SAMPLES, "--format", "junit", "--fail-under", "VG").out.encode()
    )
    failures = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    assert len(failures) == 7  # everything but Robert Donatie


def test_triage_status_filter(cli, tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    cli("status", folder / "twente" / "rita-jansen.toml", "afgerond")
    done = json.loads(cli("triage", folder, "--format", "json", "--status", "afgerond").out)
    assert [c["case"] for c in done["cases"]] == ["ZN-2026-0001"]
    new = json.loads(cli("triage", folder, "--format", "json", "--status", "nieuw").out)
    assert len(new["cases"]) == 7
    assert cli("triage", folder, "--status", "gedaan").code == 2


@pytest.mark.parametrize("level", ["regional", "national"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_reports_on_samples_and_generated(
    cli, generated: Path, tmp_path: Path, level: str, fmt: str
) -> None:
    for folder in (SAMPLES, generated):
        out = tmp_path / f"report-{folder.name}.{fmt}"
        result = cli("report", folder, "--level", level, "--format", fmt, "-o", out)
        assert result.code == 0, result.err
        text = out.read_text()
        assert "casussen" in text and re.search(r"\d{1,2} \w+ 20\d\d", text)  # dated
        if folder is SAMPLES and level == "regional":
            # Every sample region has two cases: each is too small to show in detail.
            assert text.count("te klein om in detail te tonen") == 4
            assert "Toezicht op zorgnetwerken rond cliënten in de thuissituatie" not in text
        else:
            assert "Toezicht op zorgnetwerken rond cliënten in de thuissituatie" in text
        assert "willekeurig afgerond op een veelvoud van 5" in text  # the method, in Dutch
        if level == "national":
            assert "Regio's naast elkaar" in text and "Zorginstituut Nederland" in text
        else:
            assert "Regionale partijen" in text and "Zorgverzekeraar" in text
        if fmt == "html":
            assert text.startswith("<!DOCTYPE html>") and "<style>" in text
            assert not re.search(r"<(script|link|img|iframe)\b", text)
            assert not re.search(r"(src|href)=", text)  # no outside assets
            if folder is generated and level == "national":
                assert "<svg" in text  # bars where the rounded counts prove 5 assessed


def test_regional_report_for_one_region(cli) -> None:
    result = cli("report", SAMPLES, "--level", "regional", "--region", "Twente")
    assert "## Regio Twente" in result.out and "Regio Utrecht" not in result.out
    unknown = cli("report", SAMPLES, "--level", "regional", "--region", "Atlantis")
    assert unknown.code == 2 and "onbekende regio Atlantis" in unknown.err


@pytest.mark.parametrize("source", ["samples", "generated"])
def test_no_report_carries_anything_that_identifies_a_client(
    cli, generated: Path, source: str
) -> None:
    folder = SAMPLES if source == "samples" else generated
    secrets = personal_values(folder)
    assert len(secrets) > 20
    for level in ("regional", "national"):
        for fmt in ("markdown", "html"):
            text = cli("report", folder, "--level", level, "--format", fmt).out
            leaked = sorted(s for s in secrets if s in text)
            assert leaked == [], (level, fmt, leaked[:5])


def test_small_cells_are_suppressed_and_the_threshold_is_configurable(cli) -> None:
    default = cli("report", SAMPLES, "--level", "regional", "--region", "Twente").out
    assert "Aantal casussen: <5" in default
    assert re.search(r"\| [1-4] \|", default) is None  # no raw count below 5 anywhere
    for low in ("2", "1", "0"):
        refused = cli("report", SAMPLES, "--level", "regional", "--small-cell", low)
        assert refused.code == 2 and refused.out == ""
        assert f"threshold {low} refused: it must be at least 3" in refused.err
    three = cli("report", SAMPLES, "--level", "regional", "--region", "Twente", "--small-cell", "3")
    assert "Aantal casussen: <3" in three.out and "veelvoud van 3" in three.out
    strict = cli("report", SAMPLES, "--level", "national", "--small-cell", "50").out
    assert "Aantal casussen: <50" in strict and "8 casussen" not in strict


def test_a_regional_report_covers_only_its_region(cli, tmp_path: Path) -> None:
    """The scope counts the region's own cases (the report once printed the folder's
    count beside the region's) and lists only frameworks found in the region."""
    from tests.test_disclosure import write_folder

    write_folder(tmp_path, {"Groot": 14, "Klein": 3, "Midden": 9}, seed=8)
    triage = json.loads(cli("triage", tmp_path, "--format", "json").out)["cases"]
    for region in ("Groot", "Midden"):
        mine = [c for c in triage if c["region"] == region]
        doc = json.loads(
            cli(
                "report", tmp_path, "--level", "regional", "--region", region, "--format", "json"
            ).out
        )
        (group,) = doc["groups"]
        assert group["name"] == region and not group["too_small"]
        # Rounded to a multiple of 5, but of this region's count, not the folder's 26.
        assert abs(group["cases"]["value"] - len(mine)) <= 4
        present = {f for c in mine for f in c["frameworks"]}
        assert {f["id"] for f in group["frameworks"]} <= present
        for f in group["frameworks"]:
            n = sum(1 for c in mine if f["id"] in c["frameworks"])
            assert abs(f["cases"].get("value", 0) - n) <= 4
        md = cli("report", tmp_path, "--level", "regional", "--region", region).out
        scope = md.split("## Hoe cliënten")[0]
        assert f"Regio {region}: {group['cases']['value']} casussen." in scope
        assert "Nederland" not in scope and "Klein" not in scope
    small = json.loads(
        cli("report", tmp_path, "--level", "regional", "--region", "Klein", "--format", "json").out
    )["groups"][0]
    assert small["too_small"] and small["cases"] == {"suppressed": "te_klein"}
    assert small["frameworks"] == [] and small["criteria"] == [] and small["providers"] == []


def test_every_html_header_cell_sits_in_a_row(cli) -> None:
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.orphans = 0
            self.headers = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in ("th", "td"):
                self.headers += tag == "th"
                self.orphans += "tr" not in self.stack
            if tag not in ("meta",):
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass

    for level in ("regional", "national"):
        parser = Rows()
        parser.feed(cli("report", SAMPLES, "--level", level, "--format", "html").out)
        assert parser.orphans == 0 and (parser.headers > 0 or level == "regional")


def test_json_report_cells_are_values_or_suppressions(cli) -> None:
    doc = json.loads(cli("report", SAMPLES, "--level", "national", "--format", "json").out)
    assert doc["format"] == "zntui.report" and doc["version"] == 1
    assert doc["protection"]["threshold"] == 5 and doc["protection"]["text"]
    (nl,) = doc["groups"]
    cells = [nl["cases"]] + [
        c for f in nl["frameworks"] for th in f["themes"] for c in th["cells"].values()
    ]
    assert cells and all(
        ("value" in c and c["value"] % 5 == 0) or c.get("suppressed") in ("klein", "geheim")
        for c in cells
    )
    assert [row[0] for row in doc["side_by_side"]["rows"]][-1] == "Nederland"
