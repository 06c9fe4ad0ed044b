"""sample_cases/ as a new user opens it: the written cases and the generated ones beside
them give the regional and national levels real pictures, not "te klein" everywhere."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import SAMPLE_FOLDER
from zntui.store import load_folder

REGIONS = {"Rijnmond", "Twente", "Utrecht", "Zuid-Limburg"}


def published(cell: dict[str, Any]) -> bool:
    return "value" in cell and cell["value"] > 0


def test_every_region_and_the_nation_publish_real_counts(cli) -> None:
    regional = json.loads(cli("report", SAMPLE_FOLDER, "--format", "json").out)
    national = json.loads(
        cli("report", SAMPLE_FOLDER, "--level", "landelijk", "--format", "json").out
    )
    groups = {g["name"]: g for g in regional["groups"] + national["groups"]}
    assert REGIONS | {"Nederland"} <= set(groups)
    for name, group in groups.items():
        assert not group["too_small"] and published(group["cases"]), name
        cells = [
            cell
            for framework in group["frameworks"]
            for theme in framework["themes"]
            for cell in theme["cells"].values()
        ]
        # A good share of the cells are counts, not "<5": a picture, not a wall of dashes.
        assert sum(published(c) for c in cells) >= len(cells) // 3, name
    rows = {row[0]: row[1:] for row in national["side_by_side"]["rows"]}
    assert set(rows) == REGIONS | {"Nederland"}
    for name, (count, *percents) in rows.items():
        assert count.isdigit() and int(count) >= 25, name
        assert sum(p.endswith("%") for p in percents) >= len(percents) // 2, (name, percents)


def test_the_generated_samples_are_what_zntui_generate_writes(cli, tmp_path) -> None:
    """The recipe in sample_cases/gegenereerd/LEESMIJ.md still makes those files."""
    generated = SAMPLE_FOLDER / "gegenereerd"
    recipe = (generated / "LEESMIJ.md").read_text(encoding="utf-8")
    command = " ".join(
        recipe.split("    zntui ", 1)[1].split("\n\n", 1)[0].replace("\\", " ").split()
    )
    words = command.split()
    assert words[0] == "generate" and words[1] == "sample_cases/gegenereerd"
    assert cli("generate", tmp_path / "fresh", *words[2:]).code == 0
    made = sorted(p.relative_to(tmp_path / "fresh") for p in (tmp_path / "fresh").rglob("*.toml"))
    kept = sorted(p.relative_to(generated) for p in generated.rglob("*.toml"))
    assert made == kept
    assert all((tmp_path / "fresh" / p).read_bytes() == (generated / p).read_bytes() for p in kept)
    loaded = load_folder(SAMPLE_FOLDER)
    assert loaded.errors == [] and {c.case.region for c in loaded.cases} == REGIONS
    assert {c.case.format for c in loaded.cases} == {2}
