"""Triage for scripts: --format jsonl, --statistics and --exit-zero."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tests.conftest import SAMPLES


def test_jsonl_is_the_json_cases_one_per_line(cli) -> None:
    full = json.loads(cli("triage", SAMPLES, "--format", "json").out)
    result = cli("triage", SAMPLES, "--format", "jsonl")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == len(full["cases"]) == 8
    assert [json.loads(line) for line in lines] == full["cases"]
    assert [json.loads(line)["rank"] for line in lines] == list(range(1, 9))


def test_jsonl_keeps_each_case_on_its_line_whatever_the_text(cli, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    rita = (SAMPLES / "twente" / "rita-jansen.toml").read_text(encoding="utf-8")
    (cases / "rita.toml").write_text(
        rita.replace('region = "Twente"', 'region = "Twen\\nte\\u2028\\u001b[2J"'),
        encoding="utf-8",
    )
    out = cli("triage", cases, "--format", "jsonl").out
    assert out.count("\n") == 1 and out.endswith("\n")  # newlines in text stay escaped
    assert json.loads(out)["region"].startswith("Twen\nte")


def test_statistics_count_every_criterion_and_verdict(cli) -> None:
    full = json.loads(cli("triage", SAMPLES, "--format", "json").out)
    expected: dict[str, Counter[str]] = {}
    for case in full["cases"]:
        for criterion in case["criteria"]:
            counts = expected.setdefault(criterion["id"], Counter())
            key = "regelfout" if criterion["source"] == "regelfout" else criterion["verdict"]
            counts[key] += 1
    result = cli("triage", SAMPLES, "--statistics", "--format", "json")
    assert result.code == 0
    stats = json.loads(result.out)
    assert stats["format"] == "zntui.triage.statistics" and stats["cases"] == 8
    assert {row["id"] for row in stats["criteria"]} == set(expected)
    for row in stats["criteria"]:
        got = Counter({k: v for k, v in row["counts"].items() if v})
        if row["rule_errors"]:
            got["regelfout"] = row["rule_errors"]
        assert got == expected[row["id"]], row["id"]
        assert row["cases"] == sum(expected[row["id"]].values())
    table = cli("triage", SAMPLES, "--statistics")
    assert table.out.splitlines()[0].split() == [
        "criterium",
        "V",
        "VG",
        "VGN",
        "VN",
        "NB",
        "regelfout",
    ]
    assert any(line.startswith("ZN.IZ.2 ") for line in table.out.splitlines())
    regional = json.loads(cli("triage", SAMPLES, "--statistics", "--format", "json",
                              "--region", "Utrecht").out)  # fmt: skip
    assert regional["cases"] == 2
    bad = cli("triage", SAMPLES, "--statistics", "--format", "csv")
    assert bad.code == 2 and "--statistics" in bad.err


def test_exit_zero_reports_but_never_fails_on_findings(cli, tmp_path: Path) -> None:
    failing = cli("triage", SAMPLES, "--fail-under", "VGN", "--format", "junit")
    assert failing.code == 1
    zero = cli("triage", SAMPLES, "--fail-under", "VGN", "--format", "junit", "--exit-zero")
    assert zero.code == 0 and zero.out == failing.out
    assert "<failure" in zero.out  # the outputs still mark the cases
    (tmp_path / "kapot.toml").write_text("id = [")
    assert cli("triage", tmp_path, "--exit-zero").code == 2  # bad input is still bad
    assert cli("triage", SAMPLES, "--exit-zero", "--fail-under", "prima").code == 2
