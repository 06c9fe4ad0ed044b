"""The agreement corpus: cases written as stories, with each criterion's verdict decided
from the story before zntui ran on it (DESIGN.md §6, promise 3).

Each file in ``tests/corpus/`` starts with its story in Dutch comments and lines
``# verwacht: ID=CODE …`` (V, VG, VGN, VN, NB, NVT) naming every criterion of its
frameworks. The test scores the folder as ``zntui triage --format json`` does, reports
agreement per criterion and fails below 100%. A disagreement is settled in the open:
either the tool is fixed, or — when the tool is right — the story is, with the reason in
the commit.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zntui.plugins import Registry

CORPUS = Path(__file__).parent / "corpus"
CODES = {
    "V": "voldoet",
    "VG": "voldoet_grotendeels",
    "VGN": "voldoet_grotendeels_niet",
    "VN": "voldoet_niet",
    "NB": "niet_beoordeeld",
    "NVT": "niet_van_toepassing",
}
SHORT = {v: k for k, v in CODES.items()}


def expectations(path: Path) -> dict[str, str]:
    """The ``# verwacht:`` lines of a corpus file: criterion id → verdict id."""
    expected: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# verwacht:"):
            continue
        for pair in line.removeprefix("# verwacht:").split():
            criterion, code = pair.split("=")
            assert criterion not in expected, f"{path.name}: {criterion} twice"
            expected[criterion] = CODES[code]
    return expected


def test_the_corpus_is_large_and_varied_enough() -> None:
    files = sorted(CORPUS.glob("*.toml"))
    assert len(files) >= 24
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert all(t.startswith("# Verhaal:") for t in texts)
    both = [t for t in texts if '"zorgnetwerken", "ambulante_ggz"' in t]
    assert both, "a client with both frameworks"
    assert any('consent = "geweigerd"' in t for t in texts), "a naaste who declined"
    assert any("=NVT" in t for t in texts), "criteria that do not apply"
    near_empty = [t for t in texts if "[[members]]" not in t]
    assert len(near_empty) >= 2, "near-empty files"


def test_agreement_per_criterion(cli: Callable[..., Any], registry: Registry, capsys: Any) -> None:
    result = cli("triage", CORPUS, "--format", "json", "--no-cache")
    assert result.code == 0, result.err
    cases = json.loads(result.out)["cases"]
    assert len(cases) == len(list(CORPUS.glob("*.toml")))
    agree: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    for case in cases:
        path = Path(case["file"])
        expected = expectations(path)
        wanted = {c.id for f in case["frameworks"] for c in registry.frameworks[f].criteria}
        assert set(expected) == wanted, (
            f"{path.name}: verwacht lists {sorted(expected)}, the frameworks have {sorted(wanted)}"
        )
        for result_ in case["criteria"]:
            criterion = result_["id"]
            total[criterion] += 1
            if result_["verdict"] == expected[criterion]:
                agree[criterion] += 1
            else:
                misses.append(
                    f"{path.name} {criterion}: verwacht {SHORT[expected[criterion]]}, "
                    f"zntui {SHORT.get(result_['verdict'], result_['verdict'])} — "
                    + " ".join(result_["evidence"])
                )
    report = [
        f"{c:<9} {agree[c]:>3}/{total[c]:<3} {100 * agree[c] / total[c]:5.1f}%"
        for c in sorted(total)
    ]
    overall = sum(agree.values()) / sum(total.values())
    with capsys.disabled():
        print("\nOvereenstemming per criterium (corpus):")
        print("\n".join(report))
        print(f"totaal {sum(agree.values())}/{sum(total.values())} = {100 * overall:.1f}%")
    assert not misses, "\n".join(misses)


def test_expectation_lines_parse() -> None:
    for path in CORPUS.glob("*.toml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# verwacht:"):
                assert re.fullmatch(r"# verwacht:( [A-Z]+\.[A-Z]+\.\d+=[A-Z]+)+", line), line
