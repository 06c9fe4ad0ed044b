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
        out = tmp_path / f"report-{folder.name}.{fmt}"
        result = cli("report", folder, "--level", level, "--format", fmt, "-o", out)
        assert result.code == 0, result.err
        text = out.read_text()
        assert "casussen" in text and re.search(r"\d{1,2} \w+ 20\d\d", text)  # dated
        assert "Toezicht op zorgnetwerken rond cliënten in de thuissituatie" in text
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
    open_ = cli("report", SAMPLES, "--level", "regional", "--region", "Twente", "--small-cell", "1")
    assert "Aantal casussen: 2" in open_.out
    strict = cli("report", SAMPLES, "--level", "national", "--small-cell", "50").out
    assert "Aantal casussen: <50" in strict and "8 casussen" not in strict
