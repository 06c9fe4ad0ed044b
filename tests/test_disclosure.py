"""Promise 2, attacked: nobody is identified above the client level.

The attacks read only what a reader gets — ``zntui report --format json`` (the same
publication the panes, Y copies and x reports render) — and know the method: counts are
rounded to a multiple of t (so within t−1 of the truth), "<t" is 0…t−1, "x" is anything,
a region "te klein" has 1…t−1 cases, and the tables add up (rows to the framework's
count, regions to the country). The attacker here is written apart from
zntui/disclosure.py, so the module's own audit is checked, not trusted.
"""

from __future__ import annotations

import dataclasses
import json
import math
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tomli_w
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from tests.conftest import SAMPLES, personal_values
from zntui.disclosure import Publication, publish
from zntui.generate import generate_case
from zntui.levels import LevelCase, level_inputs
from zntui.model import Case, personal_field_paths
from zntui.model.framework import UNSCORED

T = 5
SIZES = {"Eentje": 1, "Tweetal": 2, "Viertal": 4, "Vijftal": 5, "Zestal": 6, "Groot": 12}


def write_folder(
    folder: Path,
    sizes: dict[str, int],
    seed: int,
    extra: dict[str, int] | None = None,
    unique_orgs: bool = True,
) -> list[dict[str, Any]]:
    """Generated cases in regions of the given sizes; ``extra`` adds cases (same seed,
    so a folder with extra holds every case of the one without). Some cases have an
    organisation no other case has."""
    written = []
    for region, count in sorted(sizes.items()):
        rng = random.Random(f"{seed}-{region}")
        for i in range(count + (extra or {}).get(region, 0)):
            case_id = f"S{seed}-{region[:3].upper()}-{i:03d}"
            case = generate_case(rng, case_id)
            case["region"], case["municipality"] = region, f"{region}stad"
            if unique_orgs and i % 3 == 0:
                for member in case["members"][:2]:
                    member["organisation"] = f"Uniek Zorgbureau {case_id}"
            path = folder / region.lower() / f"{case['client']['pseudonym'].lower()}-{i}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(tomli_w.dumps(case), encoding="utf-8")
            written.append(case)
    return written


def published(cli: Callable[..., Any], folder: Path, t: int = T) -> dict[str, Any]:
    """Everything a reader gets: the national report and every regional one, as data."""
    docs = {}
    for level in ("national", "regional"):
        result = cli("report", folder, "--level", level, "--format", "json", "--small-cell", str(t))
        assert result.code == 0, result.err
        docs[level] = json.loads(result.out)
    return docs


# --- the attacker's model: bounds from published cells, relations between tables -------


class Attack:
    """Variables (true counts), what the publication says of each, how they relate."""

    def __init__(self, t: int) -> None:
        self.t = t
        self.index: dict[tuple[Any, ...], int] = {}
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.eq: list[tuple[dict[int, float], float]] = []
        self.le: list[tuple[dict[int, float], float]] = []
        self.protected: list[tuple[Any, ...]] = []

    def var(self, name: tuple[Any, ...]) -> int:
        if name not in self.index:
            self.index[name] = len(self.lo)
            self.lo.append(0.0)
            self.hi.append(math.inf)
        return self.index[name]

    def bound(self, name: tuple[Any, ...], lo: float, hi: float) -> None:
        i = self.var(name)
        self.lo[i], self.hi[i] = max(self.lo[i], lo), min(self.hi[i], hi)

    def cell(self, name: tuple[Any, ...], cell: dict[str, Any]) -> None:
        t = self.t
        if "value" in cell:
            v = cell["value"]
            assert v % t == 0, (name, cell)  # every published count is rounded
            self.bound(name, max(0, v - (t - 1)), v + t - 1)
        elif cell["suppressed"] == "klein":
            self.bound(name, 0, t - 1)
            self.protected.append(name)
        else:
            assert cell["suppressed"] == "geheim", cell
            self.var(name)

    def solve(self, objective: dict[int, float], fixed: dict[int, float] | None = None) -> Any:
        n = len(self.lo)
        c = np.zeros(n)
        for i, w in objective.items():
            c[i] = w
        rows = [*self.eq, *self.le]
        a = lil_matrix((max(1, len(rows)), n))
        lb, ub = [], []
        for r, (coefs, rhs) in enumerate(rows):
            for i, w in coefs.items():
                a[r, i] += w
            lb.append(rhs if r < len(self.eq) else -np.inf)
            ub.append(rhs)
        lo, hi = np.array(self.lo), np.array(self.hi)
        for i, v in (fixed or {}).items():
            lo[i] = hi[i] = v
        constraints = [LinearConstraint(a.tocsr(), np.array(lb), np.array(ub))] if rows else []
        return milp(c, constraints=constraints, integrality=np.ones(n), bounds=Bounds(lo, hi))

    def minimum(self, name: tuple[Any, ...]) -> float:
        result = self.solve({self.index[name]: 1.0})
        assert result.x is not None, "the attacker's model excludes the truth"
        return float(result.fun)

    def maximum(self, name: tuple[Any, ...]) -> float:
        result = self.solve({self.index[name]: -1.0})
        assert result.x is not None
        return -float(result.fun) if result.status == 0 else math.inf


def read_publication(attack: Attack, docs: dict[str, Any], tag: str = "") -> None:
    """Bounds and relations from one output pair (national + regional reports)."""
    t = attack.t
    national = docs["national"]["groups"][0]
    regions = docs["regional"]["groups"]
    assert not national["too_small"]
    universe = {
        (f["id"], th["id"]): list(th["cells"]) for f in national["frameworks"] for th in f["themes"]
    }
    frameworks = sorted({fid for fid, _ in universe})
    criteria = sorted({c["id"] for g in [national, *regions] for c in g["criteria"]})
    risks = sorted({r["name"] for g in [national, *regions] for r in g["risks"]})
    orgs = sorted({p["name"] for g in [national, *regions] for p in g["providers"]})
    names = [g["name"] for g in regions]
    for g in [*regions, national]:
        key = "NL" if g["national"] else g["name"]
        n_name = (tag, "N", key)
        if g["too_small"]:
            attack.bound(n_name, 1, t - 1)
        else:
            attack.cell(n_name, g["cases"])
        shown = {f["id"]: f for f in g["frameworks"]}
        for fid in frameworks:
            fw_name = (tag, "n", key, fid)
            attack.le.append(({attack.var(fw_name): 1, attack.var(n_name): -1}, 0))
            section = shown.get(fid)
            if section is not None:
                attack.cell(fw_name, section["cases"])
            elif not g["too_small"]:
                attack.bound(fw_name, 0, t - 1)  # a framework shows once it rounds above 0
            if section is None:
                attack.protected.append(fw_name)
            themes = {th["id"]: th for th in section["themes"]} if section else {}
            for (f, theme), verdicts in universe.items():
                if f != fid:
                    continue
                row = {}
                for verdict in verdicts:
                    name = (tag, "x", key, fid, theme, verdict)
                    row[attack.var(name)] = 1.0
                    if theme in themes:
                        attack.cell(name, themes[theme]["cells"][verdict])
                    else:
                        attack.protected.append(name)
                attack.eq.append(({**row, attack.var(fw_name): -1.0}, 0))
        for kind, ids, items in (
            ("c", criteria, {c["id"]: c["count"] for c in g["criteria"]}),
            ("r", risks, {r["name"]: r["count"] for r in g["risks"]}),
            ("p", orgs, {p["name"]: p["count"] for p in g["providers"]}),
        ):
            for i in ids:
                name = (tag, kind, key, i)
                if i in items:
                    attack.cell(name, items[i])
                elif g["too_small"]:
                    attack.protected.append(name)
                    attack.var(name)
                elif kind == "r":
                    attack.bound(name, 0, 2 * t - 1)  # named from 2t (rounded)
                else:
                    attack.var(name)
    # Regions add up to the country, every count.
    for name in list(attack.index):
        if name[0] == tag and name[2] == "NL":
            parts = {attack.index[name]: -1.0}
            for region in names:
                parts[attack.var((tag, name[1], region, *name[3:]))] = 1.0
            attack.eq.append((parts, 0))


class ExactAttack(Attack):
    """A reader of unrounded tables: a published value is the truth."""

    def cell(self, name: tuple[Any, ...], cell: dict[str, Any]) -> None:
        if "value" in cell:
            self.bound(name, cell["value"], cell["value"])
        else:
            super().cell(name, cell)


def interval_attack(
    docs: dict[str, Any], t: int, kind: type[Attack] = Attack
) -> list[tuple[Any, ...]]:
    """Every protected cell whose smallest possible value is not 0."""
    attack = kind(t)
    read_publication(attack, docs)
    todo = list(dict.fromkeys(attack.protected))
    result = attack.solve(dict.fromkeys((attack.index[n] for n in todo), 1.0))
    assert result.x is not None, "the attacker's model excludes the truth"
    todo = [n for n in todo if result.x[attack.index[n]] > 0.5]
    return [n for n in todo if attack.minimum(n) > 0.5]


# --- the level input carries nothing that identifies a client ---------------------------

DENYLIST = {
    "id",
    "case_id",
    "path",
    "file",
    "name",
    "pseudonym",
    "age",
    "municipality",
    "reason",
    "reasons",
    "evidence",
    "text",
    "notes",
    "description",
    "members",
    "client",
    "findings",
    "results",
    "assessment",
}


def test_the_level_input_has_no_field_that_identifies_a_client() -> None:
    fields = {f.name for f in dataclasses.fields(LevelCase)}
    personal = {p.replace("[]", "").split(".")[-1] for p in personal_field_paths()}
    assert personal >= {"pseudonym", "age", "name", "text", "description"}
    assert not fields & (personal | DENYLIST), fields & (personal | DENYLIST)
    # And nothing of the case model under another name: only what levels need.
    assert fields == {
        "region",
        "frameworks",
        "themes",
        "failing",
        "failing_network",
        "organisations",
        "record_key",
    }
    assert not fields & set(Case.model_fields) - {"region", "frameworks"}


def test_a_level_case_holds_only_ids_verdicts_regions_and_organisations(registry) -> None:
    from zntui.workflows.scoring import score_folder

    scored = score_folder(SAMPLES, registry, cache=False)
    secrets = personal_values(SAMPLES) | {s.assessment.case_id for s in scored.cases}
    secrets |= {s.path.name for s in scored.cases} | {s.path.stem for s in scored.cases}
    for item in level_inputs(scored.cases):
        text = repr(dataclasses.replace(item, record_key=b""))
        assert not [s for s in secrets if s in text], text
        assert len(item.record_key) == 16


def test_only_the_disclosure_step_makes_a_publication() -> None:
    with pytest.raises(TypeError, match=r"only by zntui\.disclosure\.publish"):
        Publication(5, (), None, 0, 0, 0)  # type: ignore[arg-type]


def test_outputs_render_publications_not_counts() -> None:
    """The renderers import the publication, never the true counts of the levels."""
    root = Path(__file__).resolve().parent.parent / "zntui"
    for module in ("report.py", "ui/level_panes.py", "ui/app.py", "cli/report.py"):
        source = (root / module).read_text()
        for name in ("count_groups", "GroupCounts", "model_of", "_SEAL", "LevelCase("):
            assert name not in source, (module, name)


# --- the interval attack ----------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_small_cell_can_be_worked_out_from_the_published_tables(
    cli, tmp_path: Path, seed: int
) -> None:
    write_folder(tmp_path, SIZES, seed)
    docs = published(cli, tmp_path)
    small = [g["name"] for g in docs["regional"]["groups"] if g["too_small"]]
    assert small == ["Eentje", "Tweetal", "Viertal"]  # below 5: too small to show
    assert interval_attack(docs, T) == []


def test_the_interval_attack_catches_what_rounding_alone_leaves(tmp_path: Path, registry) -> None:
    """The attack is not toothless: without the rounding (a threshold-only table, as
    before this step) it pins the small cells the issue names."""
    write_folder(tmp_path, {"Klein": 1, "Midden": 6, "Groot": 12}, seed=4, unique_orgs=False)
    from zntui.workflows.scoring import score_folder

    cases = level_inputs(score_folder(tmp_path, registry, cache=False).cases)
    pub = publish(cases, registry.frameworks, T)
    docs = {"national": _as_doc(pub, "national"), "regional": _as_doc(pub, "regional")}
    assert interval_attack(docs, T) == []
    # Threshold-only: the same true counts, published unrounded.
    pinned = interval_attack(_unrounded(cases, registry, T), T, ExactAttack)
    assert any(name[2] == "Klein" for name in pinned), pinned


def _as_doc(pub: Publication, level: str) -> dict[str, Any]:
    import datetime as dt

    from zntui.report import ReportInput, json_report

    data = ReportInput(level, pub, pub.region_names, {}, [], dt.date(2026, 1, 1))
    return json.loads(json_report(data))


def _unrounded(cases: Sequence[LevelCase], registry: Any, t: int) -> dict[str, Any]:
    """The old way: true counts, only those below t hidden. The attacker then reads
    exact values (bounds of width 0) — built here to show the attack bites."""
    from zntui.levels import count_groups

    regions, nation = count_groups(cases, registry.frameworks)

    def group(g: Any, national: bool) -> dict[str, Any]:
        def cell(n: int) -> dict[str, Any]:
            return {"suppressed": "klein"} if 0 < n < t else {"value": n}

        sections = []
        for fid in sorted(g.frameworks):
            fw = registry.frameworks[fid]
            verdicts = [*(v.id for v in fw.scale.values), *UNSCORED]
            sections.append(
                {
                    "id": fid,
                    "cases": cell(g.frameworks[fid]),
                    "themes": [
                        {
                            "id": th.id,
                            "cells": {
                                v: cell(g.themes.get((fid, th.id), {}).get(v, 0)) for v in verdicts
                            },
                        }
                        for th in fw.themes
                    ],
                }
            )
        return {
            "name": g.name,
            "national": national,
            "too_small": False,
            "cases": cell(g.cases),
            "frameworks": sections,
            "criteria": [],
            "risks": [],
            "providers": [],
        }

    return {
        "national": {"groups": [group(nation, True)]},
        "regional": {"groups": [group(g, False) for g in regions]},
    }


# --- the differencing attack ------------------------------------------------------------


def feasible_verdicts(
    before: dict[str, Any],
    after: dict[str, Any],
    region: str,
    case: Any,
    t: int,
    kind: type[Attack] = Attack,
) -> dict[tuple[str, str], list[str]]:
    """Per theme of the added case: the verdicts it may have, given both outputs.

    The attacker knows the added case's region and frameworks, and reads both outputs
    at once: the true counts after are those before plus the case (one verdict per
    theme, unknown criteria, risks and providers: each 0 or 1)."""
    attack = kind(t)
    read_publication(attack, before, "A")
    read_publication(attack, after, "B")
    frameworks = set(case.frameworks)
    delta: dict[tuple[Any, ...], int] = {}
    choices: dict[tuple[str, str], dict[str, int]] = {}
    shared: dict[tuple[Any, ...], int] = {}
    for name in list(attack.index):
        if name[0] != "B":
            continue
        a = attack.var(("A", *name[1:]))
        b = attack.index[name]
        kind, key, rest = name[1], name[2], name[3:]
        parts: dict[int, float] = {b: 1.0, a: -1.0}
        rhs = 0.0
        if key in (region, "NL"):
            if kind == "N":
                rhs = 1.0
            elif kind == "n":
                rhs = 1.0 if rest[0] in frameworks else 0.0
            elif kind == "x" and rest[0] in frameworks:
                theme = (rest[0], rest[1])
                d = attack.var(("d", *theme, rest[2]))
                attack.hi[d] = 1
                choices.setdefault(theme, {})[rest[2]] = d
                parts[d] = -1.0
            elif kind in ("c", "r", "p"):
                e = shared.setdefault((kind, *rest), attack.var(("e", kind, *rest)))
                attack.hi[e] = 1
                parts[e] = -1.0
        attack.eq.append((parts, rhs))
        delta[name] = int(rhs)
    for verdicts in choices.values():
        attack.eq.append(({d: 1.0 for d in verdicts.values()}, 1.0))
    out = {}
    for theme, verdicts in choices.items():
        out[theme] = [
            v for v, d in verdicts.items() if attack.solve({}, fixed={d: 1.0}).status == 0
        ]
    return out


@pytest.mark.parametrize(
    ("seed", "region"), [(1, "Viertal"), (2, "Groot"), (3, "Eentje"), (4, "Zestal")]
)
def test_two_folders_a_case_apart_do_not_tell_that_case_s_verdicts(
    cli, tmp_path: Path, registry, seed: int, region: str
) -> None:
    from zntui.workflows.scoring import score_folder

    write_folder(tmp_path / "before", SIZES, seed)
    write_folder(tmp_path / "after", SIZES, seed, extra={region: 1})
    added_id = f"S{seed}-{region[:3].upper()}-{SIZES[region]:03d}"
    after = score_folder(tmp_path / "after", registry, cache=False).cases
    (added,) = [s.assessment for s in after if s.assessment.case_id == added_id]
    possible = feasible_verdicts(
        published(cli, tmp_path / "before"), published(cli, tmp_path / "after"), region, added, T
    )
    assert possible, "the attack found no theme of the added case to look at"
    for theme in added.themes:
        found = possible[(theme.framework, theme.theme)]
        assert theme.verdict in found, (theme, found)  # the attacker's model holds the truth
        assert len(found) >= 2, f"{theme.theme}: the added case's verdict reads off as {found}"


def test_the_differencing_attack_reads_unrounded_tables(cli, tmp_path: Path, registry) -> None:
    """Without the rounding the same attack reads the added case's verdicts off."""
    from zntui.workflows.scoring import score_folder

    write_folder(tmp_path / "before", SIZES, 5)
    write_folder(tmp_path / "after", SIZES, 5, extra={"Groot": 1})
    docs = []
    for name in ("before", "after"):
        cases = level_inputs(score_folder(tmp_path / name, registry, cache=False).cases)
        docs.append(_unrounded(cases, registry, T))
    added_id = f"S5-GRO-{SIZES['Groot']:03d}"
    after = score_folder(tmp_path / "after", registry, cache=False).cases
    (added,) = [s.assessment for s in after if s.assessment.case_id == added_id]

    possible = feasible_verdicts(docs[0], docs[1], "Groot", added, T, ExactAttack)
    assert any(len(found) == 1 for found in possible.values()), possible


# --- a scan of every output for what identifies a case ----------------------------------


def test_no_output_carries_what_identifies_a_case(cli, tmp_path: Path, registry) -> None:
    import asyncio

    from zntui.ui.app import ZntuiApp

    folder = tmp_path / "cases"
    cases = write_folder(folder, SIZES, 7)
    files = sorted(folder.rglob("*.toml"))
    judged = next(p for p in files if "zorgnetwerken" in p.read_text() and "groot" in str(p))
    reason = "Dochter belde huilend over de val in de badkamer"
    assert cli("note", judged, "Buurvrouw Kaatje weet van de schulden").code == 0
    assert cli("judge", judged, "ZN.IZ.2", "VGN", "--reason", reason).code == 0
    by_org: dict[str, set[str]] = {}
    for case in cases:
        for member in case["members"]:
            if member.get("organisation"):
                by_org.setdefault(member["organisation"], set()).add(case["id"])
    unique = {org for org, ids in by_org.items() if len(ids) == 1}
    assert any(org.startswith("Uniek Zorgbureau") for org in unique)
    secrets = personal_values(folder) | unique | {c["id"] for c in cases}
    secrets |= {p.name for p in files} | {p.stem for p in files}
    secrets |= {reason, "Buurvrouw Kaatje"}

    outputs: dict[str, str] = {}
    for level in ("national", "regional"):
        for fmt in ("markdown", "html", "json"):
            outputs[f"{level}.{fmt}"] = cli("report", folder, "--level", level, "--format", fmt).out
    for region in SIZES:
        outputs[region] = cli("report", folder, "--level", "regional", "--region", region).out

    async def scenario() -> None:
        app = ZntuiApp(folder, registry, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            from textual.widgets import Static

            from tests.test_app import text_of, wait_loaded

            await wait_loaded(app, pilot)
            await pilot.press("2")
            for i in range(len(SIZES)):
                await pilot.pause()
                outputs[f"pane {i}"] = text_of(app.screen.query_one("#region-body", Static))
                outputs[f"title {i}"] = text_of(app.screen.query_one("#region-title", Static))
                await pilot.press("Y")
                outputs[f"Y {i}"] = app.clipboard
                await pilot.press("right")
            await pilot.press("3")
            await pilot.pause()
            outputs["national pane"] = text_of(app.screen.query_one("#national-body", Static))
            await pilot.press("Y")
            outputs["national Y"] = app.clipboard

    asyncio.run(scenario())
    assert len(outputs) == 6 + len(SIZES) + 3 * len(SIZES) + 2
    for where, text in outputs.items():
        assert text.strip(), where
        leaked = sorted(s for s in secrets if s in text)
        assert leaked == [], (where, leaked[:5])
    # Still a useful picture: the large region is shown, the small ones are not.
    assert "Regio Groot" in outputs["Groot"] and "te klein" in outputs["Eentje"]


# --- many small random groups, straight into the disclosure step ------------------------


def random_cases(seed: int, registry: Any) -> list[LevelCase]:
    """De-identified cases as the levels get them, in regions of 1 to 12, some with an
    organisation of their own; verdicts skewed like real folders (most pass)."""
    rng = random.Random(seed)
    frameworks = registry.frameworks
    out = []
    sizes = {**SIZES, "Wisselend": rng.randrange(5, 9)}
    for region, count in sizes.items():
        for _ in range(count):
            fid = rng.choice(sorted(frameworks))
            fw = frameworks[fid]
            verdicts = [v.id for v in fw.scale.values] + ["niet_beoordeeld"]
            themes = tuple(
                (fid, th.id, rng.choice(verdicts[:2] if rng.random() < 0.7 else verdicts))
                for th in fw.themes
            )
            failing = frozenset(c.id for c in fw.criteria if rng.random() < 0.2)
            orgs = frozenset({f"Thuiszorg {rng.randrange(4)}", f"Eigen bureau {rng.random()}"})
            out.append(
                LevelCase(
                    region, (fid,), themes, failing, rng.random() < 0.4, orgs, rng.randbytes(16)
                )
            )
    return out


def docs_of(pub: Publication) -> dict[str, Any]:
    return {"national": _as_doc(pub, "national"), "regional": _as_doc(pub, "regional")}


@pytest.mark.parametrize("threshold", [3, 5])
def test_secondary_suppression_holds_against_the_interval_attack(registry, threshold) -> None:
    withheld = 0
    for seed in range(3):
        pub = publish(random_cases(seed, registry), registry.frameworks, threshold)
        withheld += pub.withheld
        assert interval_attack(docs_of(pub), threshold) == [], seed
    assert withheld > 0  # the attack was needed: rounding alone left cells to withhold


def test_without_secondary_suppression_the_attack_pins_cells(
    registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zntui.disclosure

    monkeypatch.setattr(zntui.disclosure, "pinned", lambda model, only=None: [])
    found = []
    for seed in range(3):
        pub = publish(random_cases(seed, registry), registry.frameworks, 5)
        assert pub.withheld == 0
        found += interval_attack(docs_of(pub), 5)
    assert found, "the attack must bite where nothing is withheld"


def test_the_same_cases_give_the_same_tables_wherever_the_folder_is(cli, tmp_path: Path) -> None:
    """Rounding is keyed by content: a copy, or another way to name the folder, gives
    exactly the same numbers (else two runs could be averaged)."""
    import shutil

    write_folder(tmp_path / "a", {"Groot": 12, "Zestal": 6}, seed=9)
    shutil.copytree(tmp_path / "a", tmp_path / "elders" / "b")
    first = published(cli, tmp_path / "a")
    again = published(cli, tmp_path / "elders" / ".." / "elders" / "b")
    for level in ("national", "regional"):
        assert first[level]["groups"] == again[level]["groups"]
