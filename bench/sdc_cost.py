"""What disclosure control costs in detail: share of counts suppressed, rounded, names
and percentages lost, and the time it takes. Usage:

    .venv/bin/python bench/sdc_cost.py sample_cases /tmp/g10k [--small-cell 5]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from zntui.disclosure import model_of, publish
from zntui.levels import NATIONAL, count_groups, level_inputs
from zntui.plugins import load_registry
from zntui.workflows.scoring import score_folder


def cost(folder: Path, t: int) -> dict[str, object]:
    registry = load_registry()
    scored = score_folder(folder, registry)
    cases = level_inputs(scored.cases)
    start = time.perf_counter()
    pub = publish(cases, registry.frameworks, t)
    seconds = time.perf_counter() - start
    model = model_of(cases, registry.frameworks, t)
    regions, nation = count_groups(cases, registry.frameworks)
    too_small = {g.name for g in regions if g.cases < t}
    # Count cells of the tables (cases, per framework, per theme and verdict) that a
    # threshold-only table would show: those with a true count above 0.
    cells = [v for n, v in model.vars.items() if n[0] in ("N", "n", "x") and v.true > 0]
    hidden = [v for v in cells if v.name[1] in too_small or (v.rounded is None and not v.secret)]
    small = [v for v in cells if v.rounded == 0 and v not in hidden]
    secret = [v for v in cells if v.secret]
    values = [v for v in cells if v.rounded and not v.secret]
    changed = [v for v in values if v.rounded != v.true]
    error = sum(abs((v.rounded or 0) - v.true) for v in values) / max(1, len(values))
    named_before = 0
    named_now = 0
    for g in [*regions, nation]:
        if g.cases < t:
            continue
        for counter, top in ((g.failing, 10), (g.providers, 10), (g.risks, 99)):
            named_before += min(top, sum(1 for n in counter.values() if n >= t))
        pg = pub.national if g.name == NATIONAL else pub.region(g.name)
        if pg is not None:
            named_now += len(pg.criteria) + len(pg.providers) + len(pg.risks)
    return {
        "folder": str(folder),
        "cases": len(cases),
        "regions": len(regions),
        "regions too small": len(too_small),
        "table cells with a count > 0": len(cells),
        "hidden (region too small)": _share(len(hidden), len(cells)),
        "shown as <t": _share(len(small), len(cells)),
        "withheld (x)": _share(len(secret), len(cells)),
        "shown as a value": _share(len(values), len(cells)),
        "of those, changed by rounding": _share(len(changed), len(values)),
        "mean absolute rounding error": round(error, 2),
        "names (criteria, providers, risks) at >= t: before": named_before,
        "named now": named_now,
        "withheld cells in the publication": pub.withheld,
        "publish seconds": round(seconds, 2),
        "load average": os.getloadavg()[0],
    }


def _share(part: int, whole: int) -> str:
    return f"{part} ({100 * part / max(1, whole):.1f}%)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--small-cell", type=int, default=5)
    args = parser.parse_args()
    for folder in args.folders:
        for key, value in cost(folder, args.small_cell).items():
            print(f"{key:>52}: {value}")
        print()


if __name__ == "__main__":
    main()
