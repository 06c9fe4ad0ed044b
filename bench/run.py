#!/usr/bin/env python3
"""Benchmark zntui on a generated folder; figures as seconds and as ratios to the floor.

    python bench/run.py [--count 10000] [--seed 1] [--keep DIR] [--json bench.json]

Measures in one run, on the same files:
  (a) floor: a bare loop that reads and parses every file with the stdlib tomllib;
  (b) cold `zntui triage DIR --format json`;
  (c) warm, nothing changed;  (d) warm after touching 1% of the files;
  (e) the app (on the warm cache): time to first rows, to fully loaded, and to move
      the cursor — the CPU time the app spends on a move; the wall time of Pilot's
      press + pause is printed too, but is mostly Pilot's own idle waits (~85 ms even
      on an 8-row list);
  (f) peak memory of (b) and (e);  (g) `zntui --help`.
Ratios are against (a) from the same run, so machines can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZNTUI = Path(sys.executable).with_name("zntui")
TARGETS = {
    "cold triage": 1.0,
    "warm triage": 0.1,
    "1% changed": 0.15,
}


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of a child process."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before)


def floor(folder: Path) -> float:
    start = time.perf_counter()
    for path in sorted(folder.rglob("*.toml")):
        tomllib.loads(path.read_text(encoding="utf-8"))
    return time.perf_counter() - start


def app_figures(folder: Path, cache_home: Path) -> dict[str, float]:
    """First rows, fully loaded and one cursor move, driven with Pilot in a child process."""
    code = f"""
import asyncio, json, resource, time
from pathlib import Path
from zntui.plugins import load_registry
from zntui.ui.app import ZntuiApp

async def main():
    app = ZntuiApp(Path({str(folder)!r}), load_registry(), watch=False)
    start = time.perf_counter()
    first = full = None
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#triage")
        while full is None:
            await asyncio.sleep(0.01)
            if first is None and table.row_count:
                first = time.perf_counter() - start
            if not app.loading and table.row_count == len(app.scored.cases):
                full = time.perf_counter() - start
        await pilot.pause()
        moves, cpu = [], []
        for _ in range(20):
            t, c = time.perf_counter(), time.process_time()
            await pilot.press("j")
            await pilot.pause()
            moves.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({{"first": first, "full": full, "move": sorted(cpu)[len(cpu) // 2],
                      "move_wall": sorted(moves)[len(moves) // 2], "peak_kib": peak}}))

asyncio.run(main())
"""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "last-run.json")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="zntui-bench-"))
    if not (work.exists() and any(work.rglob("*.toml"))):
        subprocess.run(
            [ZNTUI, "generate", work, "--count", str(args.count), "--seed", str(args.seed),
             "--force"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    files = sorted(work.rglob("*.toml"))
    os.environ.setdefault("ZNTUI_LOAD_PLUGINS", "network_checks,zorgnetwerken,ambulante_ggz")
    # A cache of this run's own, empty at the start: (b) is cold, (c)–(e) are warm.
    cache_home = Path(tempfile.mkdtemp(prefix="zntui-bench-cache-"))
    os.environ["XDG_CACHE_HOME"] = str(cache_home)
    os.environ.pop("ZNTUI_CACHE", None)

    results: dict[str, float] = {}
    results["floor"] = floor(work)
    triage = [str(ZNTUI), "triage", str(work), "--format", "json"]
    results["cold triage"], cold_peak = timed(triage)
    results["warm triage"], _ = timed(triage)
    for path in files[: max(1, len(files) // 100)]:
        path.touch()
    results["1% changed"], _ = timed(triage)
    app = app_figures(work, cache_home)
    results["app first rows"] = app["first"]
    results["app fully loaded"] = app["full"]
    results["cursor move"] = app["move"]
    results["cursor move (wall)"] = app["move_wall"]
    empty = Path(tempfile.mkdtemp(prefix="zntui-bench-cache-"))
    cold_app = app_figures(work, empty)
    shutil.rmtree(empty, ignore_errors=True)
    results["app cold first rows"] = cold_app["first"]
    results["app cold loaded"] = cold_app["full"]
    results["zntui --help"], _ = timed([str(ZNTUI), "--help"])

    base = results["floor"]
    print(f"zntui benchmark: {len(files)} files, {sys.platform}, {os.cpu_count()} cores")
    print(f"{'measure':<20}{'seconds':>10}{'× floor':>10}{'target':>22}")
    targets = {
        **{k: f"≤ {v:g}× floor" for k, v in TARGETS.items()},
        "app first rows": "≤ 1.0 s",
        "app cold first rows": "≤ 1.0 s",
        "app cold loaded": f"≤ {1.5 * results['cold triage']:.2f} s (1.5× cold)",
        "app fully loaded": f"≤ {1.5 * results['cold triage']:.2f} s (1.5× cold)",
        "cursor move": "≤ 0.050 s",
        "cursor move (wall)": "(Pilot's own waits)",
        "zntui --help": "≤ 0.3 s",
    }
    for name, seconds in results.items():
        ratio = seconds / base if base else 0.0
        print(f"{name:<20}{seconds:>10.3f}{ratio:>10.2f}{targets.get(name, ''):>22}")
    print(f"{'peak memory triage':<20}{cold_peak / 1024:>9.0f}M{'':>10}{'≤ 400 MB':>22}")
    print(f"{'peak memory app':<20}{app['peak_kib'] / 1024:>9.0f}M{'':>10}{'≤ 400 MB':>22}")
    print(f"{'peak mem app cold':<20}{cold_app['peak_kib'] / 1024:>9.0f}M{'':>10}{'≤ 400 MB':>22}")
    report = {
        "files": len(files),
        "cores": os.cpu_count(),
        "seconds": results,
        "ratios": {k: v / base for k, v in results.items()},
        "peak_mib": {
            "triage": cold_peak / 1024,
            "app": app["peak_kib"] / 1024,
            "app cold": cold_app["peak_kib"] / 1024,
        },
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2))
    shutil.rmtree(cache_home, ignore_errors=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
