"""Editor integration: the schemas and the .taplo.toml shipped in sample_cases/ work with
Taplo (the TOML language server behind VS Code's Even Better TOML, Neovim, Helix)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

TAPLO = shutil.which("taplo", path=str(Path(sys.executable).parent)) or shutil.which("taplo")


@pytest.mark.parametrize("kind", ["case", "config", "review"])
def test_shipped_schemas_are_what_zntui_schema_prints(cli, kind: str) -> None:
    result = cli("schema", "--kind", kind)
    assert result.code == 0
    shipped = (SAMPLES / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == result.out, (
        f"sample_cases/schemas/{kind}.schema.json is stale: "
        f"zntui schema --kind {kind} > sample_cases/schemas/{kind}.schema.json"
    )


def _taplo_check(folder: Path) -> subprocess.CompletedProcess[str]:
    assert TAPLO
    return subprocess.run(
        [TAPLO, "check", "--colors", "never"], cwd=folder, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


@pytest.mark.skipif(TAPLO is None, reason="taplo is not installed (pip install taplo)")
def test_taplo_checks_cases_reviews_and_config(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    clean = _taplo_check(folder)
    assert clean.returncode == 0, clean.stderr  # .taplo.toml itself is not read as a case
    assert "found files total=" in clean.stderr

    case = folder / "twente" / "rita-jansen.toml"
    case.write_text(case.read_text(encoding="utf-8").replace("\nregion =", "\nregoin ="))
    (folder / "twente" / "rita-jansen.review.toml").write_text(
        'format = 1\ncase = "ZN-2026-0001"\nstatus = "klaar"\n'
    )
    (folder / "zntui.toml").write_text("smal_cell = 3\n")
    (folder / "rijnmond" / "regional-notes.zntui.toml").write_text("anything = 1\n")
    broken = _taplo_check(folder)
    assert broken.returncode != 0
    out = broken.stdout + broken.stderr
    assert "'regoin' was unexpected" in out  # the case schema
    assert '"klaar" is not one of' in out  # the review schema
    assert "'smal_cell' was unexpected" in out  # the config schema
    assert "anything" not in out  # other zntui files are left alone
