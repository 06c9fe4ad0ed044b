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
    assert [r["case"] for r in rows] == [c["case"] for c in as_json["cases"]]
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
    assert cli("triage", folder, "--status", "klaar").code == 2


@pytest.mark.parametrize("level", ["regional", "national"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_reports_on_samples_and_generated(
    cli, generated: Path, tmp_path: Path, level: str, fmt: str
) -> None:
    for folder in (SAMPLES, generated):
        out = tmp_path / f"report.{fmt}"
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
            if folder is generated:
                assert "<svg" in text


def test_regional_report_for_one_region(cli) -> None:
    result = cli("report", SAMPLES, "--level", "regional", "--region", "Twente")
    assert "## Regio Twente" in result.out and "Regio Utrecht" not in result.out
    unknown = cli("report", SAMPLES, "--level", "regional", "--region", "Atlantis")
    assert unknown.code == 2 and "unknown region Atlantis" in unknown.err


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
