"""``zntui check`` and ``zntui generate`` through the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES, write_case
from zntui.store import load_folder

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def test_check_samples_exit_zero(cli) -> None:
    result = cli("check", SAMPLES)
    assert result.code == 0
    assert result.out.strip() == "8 bestanden gecontroleerd: alle geldig"


def broken_folder(root: Path) -> Path:
    write_case(root, "good.toml", id="GOOD-1")
    (root / "syntax.toml").write_text('id = "A"\nregion = [\n')
    (root / "empty.toml").write_text("")
    (root / "binary.toml").write_bytes(b"\x00\x01\x02")
    (root / "latin1.toml").write_bytes(b'id = "caf\xe9"\n')
    (root / "big.toml").write_bytes(b"#" * (1024 * 1024 + 1))
    write_case(root, "dup1.toml", id="DUP")
    write_case(root, "dup2.toml", id="DUP")
    write_case(root, "typo.toml", id="TYPO", regio="x")
    outside = write_case(root.parent / "outside", "o.toml", id="OUT")
    (root / "escape.toml").symlink_to(outside)
    return root


def test_check_reports_each_broken_file_with_its_place(cli, tmp_path: Path) -> None:
    folder = broken_folder(tmp_path / "cases")
    result = cli("check", folder)
    assert result.code == 2
    lines = result.out.strip().splitlines()
    problems = [LINE.match(line) for line in lines[:-1]]
    assert all(problems), lines
    by_file = {Path(m["path"]).name: m for m in problems if m}
    assert set(by_file) == {
        "syntax.toml",
        "empty.toml",
        "binary.toml",
        "latin1.toml",
        "big.toml",
        "dup1.toml",
        "dup2.toml",
        "typo.toml",
        "escape.toml",
    }
    assert by_file["syntax.toml"]["line"] == "2"
    assert "bedoelde u 'region'" in by_file["typo.toml"]["message"]
    assert lines[-1] == "10 bestanden gecontroleerd: 1 geldig, 9 ongeldig (9 problemen)"
    # The good file still loads.
    assert [c.case.id for c in load_folder(folder).cases] == ["GOOD-1"]


def test_check_json_format(cli, tmp_path: Path) -> None:
    folder = broken_folder(tmp_path / "cases")
    result = cli("check", folder, "--format", "json")
    assert result.code == 2
    data = json.loads(result.out)
    assert data["format"] == "zntui.check" and data["version"] == 1
    assert data["valid"] == 1 and data["invalid"] == 9
    kinds = {Path(e["path"]).name: e["kind"] for e in data["errors"]}
    assert kinds["big.toml"] == "too_large"
    assert kinds["escape.toml"] == "symlink_outside"
    assert all(p["message"] for e in data["errors"] for p in e["problems"])


def test_check_single_files_and_missing_path(cli, tmp_path: Path) -> None:
    good = write_case(tmp_path, "good.toml")
    assert cli("check", good).code == 0
    result = cli("check", good, tmp_path / "nope.toml")
    assert result.code == 2
    assert (
        f"{tmp_path / 'nope.toml'}:1:1: bestaat niet (geen bestand of map met die naam)"
        in result.out
    )


def test_generate_is_valid_varied_and_deterministic(cli, tmp_path: Path) -> None:
    assert cli("generate", tmp_path / "a", "--count", "60", "--seed", "3").code == 0
    assert cli("generate", tmp_path / "b", "--count", "60", "--seed", "3").code == 0
    assert cli("generate", tmp_path / "c", "--count", "60", "--seed", "4").code == 0
    a = load_folder(tmp_path / "a")
    assert a.errors == [] and len(a.cases) == 60
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.toml"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.toml"))
    assert files_a == files_b
    assert all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a
    )
    c = load_folder(tmp_path / "c")
    assert {x.case.id for x in c.cases}.isdisjoint({x.case.id for x in a.cases})
    assert all(5 <= len(x.case.members) <= 25 for x in a.cases)
    assert len({x.case.region for x in a.cases}) >= 5
    assert {f for x in a.cases for f in x.case.frameworks} == {"zorgnetwerken", "ambulante_ggz"}


def test_generate_refuses_a_folder_with_files(cli, tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text("x = 1")
    result = cli("generate", tmp_path, "--count", "2")
    assert result.code == 2
    assert "niet leeg" in result.err
    assert (tmp_path / "mine.toml").read_text() == "x = 1"


def test_console_script_version_and_help() -> None:
    exe = Path(sys.executable).with_name("zntui")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert re.fullmatch(r"zntui \d+\.\d+\.\d+\n", version.stdout)
    helped = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True)
    for command in ("check", "triage", "schema", "generate", "plugins", "rules"):
        assert command in helped.stdout


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys; from zntui.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('textual', 'pydantic', 'pluggy', 'tomllib') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]")


def test_format_1_files_are_refused_with_what_to_change(cli, tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    old.write_text(
        'format = 1\nid = "X"\nframeworks = ["zorgnetwerken"]\nregion = "R"\n'
        'opened = 2026-02-01\n[client]\npseudonym = "X"\nage = 80\n'
        '[[members]]\nid = "poh"\nrole = "POH-ggz"\nkind = "zorg"\ndiscipline = "POH-ggz"\n'
        '[[actions]]\nkind = "Respijtzorg"\ndate = 2026-01-01\n',
        encoding="utf-8",
    )
    result = cli("check", old)
    assert result.code == 2
    assert "old.toml:1:1: format 1: het oude casusformat; deze zntui leest format 2" in result.out
    for change in ("discipline", "administered_by", "consent", "handover_to", "found_absent"):
        assert change in result.out
    # Every word a check decides on is validated, with the near miss.
    old.write_text(old.read_text(encoding="utf-8").replace("format = 1", "format = 2"))
    result = cli("check", old)
    assert "bedoelde u 'poh_ggz'" in result.out
    assert "bedoelde u 'respijtzorg'" in result.out
