#!/usr/bin/env python3
"""Benchmark zntui as a user feels it; every time also as a ratio to floors of the same run.

    python bench/run.py [--count 10000] [--data DIR] [--seed 1] [--json FILE] [--skip-cold-app]
    python bench/run.py --table RUN.json [RUN.json ...]   # the issue's table, a column a run

``--data DIR`` reuses (or generates once into) DIR: generating 50,000 cases takes a while
and ~700 MB, so keep it outside the worktree. Measures, on the same files, in one run:

  floors   a bare loop that reads and parses every file with the stdlib tomllib, and
           one with rtoml (the parser zntui uses): wall and CPU seconds;
  check    ``zntui check DIR``;
  triage   ``zntui triage DIR --format json`` cold (empty cache), warm, 1% touched;
           ``zntui triage FILE`` on one file (start-up; its row cached, and just
           changed) and ``zntui --help``, each also as a ratio to the start-up floors
           ``python -c pass`` and ``python -c 'import tomllib'`` timed alongside;
  app      launched in a real terminal (tmux, 80×24), the screen polled: first rows
           shown, fully loaded (the status line says all cases, no "laden"), one cursor
           move; then, while it is open, one file added, that file changed (the list
           filtered to it, its name rewritten) and removed: the time until the screen
           shows each; and the CPU it spends watching, idle, as a share of one core.
           Warm (cache filled by triage) and cold (empty cache).

Memory is the peak of the whole process tree (the command and its workers, summed RSS,
sampled every 20 ms). CPU seconds include the workers. Record the load average with the
figures: the machine may be shared.

Python runs as an installed zntui does: with its bytecode cached. PYTHONDONTWRITEBYTECODE
is dropped from the commands' environment (a checkout with it set compiles every zntui
module on every start: ~0.15 s of a one-file triage that no installed copy pays).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZNTUI = Path(sys.executable).with_name("zntui")
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")
SOCKET = f"zntui-bench-{os.getpid()}"
"""The tmux server's socket; each app run gets one of its own (``-<kind>``)."""


# --- the process tree ----------------------------------------------------------------


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and all its descendants."""
    total = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of ``root`` and its live descendants, and their waited
    children."""
    total = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        except (OSError, IndexError, ValueError):
            pass
    return total / TICK


class PeakMemory:
    """Samples the tree's RSS every 20 ms in a thread, keeping the peak."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, tree_rss(self.pid))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall, CPU (with every descendant) and peak tree memory of one command."""
    before = os.times()
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = PeakMemory(child.pid)
    child.wait()
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    result = {"wall": wall, "cpu": cpu, "mib": peak.stop() / 2**20}
    print(" ".join(command[1:3]), result, os.getloadavg()[0], file=sys.stderr, flush=True)
    return result


# --- floors ----------------------------------------------------------------------------


def floor(files: list[Path], parse) -> dict[str, float]:
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        parse(path.read_text(encoding="utf-8"))
    return {"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}


# --- the app in tmux ---------------------------------------------------------------


_socket = SOCKET


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", _socket, *args], capture_output=True, text=True, check=False
    ).stdout


def screen(colours: bool = False) -> str:
    """The pane's text; with ``colours`` its attributes too (the cursor is only a colour)."""
    return tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "bench")


def wait_for(test, timeout: float) -> tuple[float, str] | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        text = screen()
        if test(text):
            return time.perf_counter(), text
        time.sleep(0.01)
    return None


def status_count(text: str) -> tuple[int, bool] | None:
    """(cases shown, still loading) from the list's status line."""
    found = re.search(r"^\s*(\d+) casussen( \(laden)?", text, re.M)
    return (int(found.group(1)), bool(found.group(2))) if found else None


def rows_shown(text: str) -> bool:
    """Whether the case list shows a row: the line under its header is not blank.

    Not the status line: while a folder loads it says how far scoring is ("Casussen
    beoordelen… 1000/1000"), also when the top of the list is already on screen."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:-1]):
        # The header's first column; the columns after it are the user's choice.
        if re.match(r"^\s+casu\S*\s+\S", line):
            return bool(lines[i + 1].strip())
    return False


SIZE = ("80", "24")
"""The terminal the app is launched in (columns, lines): ``--app-size``."""


def app_figures(folder: Path, expected: int, env: dict[str, str], scratch: Path, kind: str) -> dict:
    """Launch the app in tmux (80×24 unless ``--app-size``) and read its screen as a user
    would."""
    global _socket
    _socket = f"{SOCKET}-{kind}"  # a server of its own: the last one may still be ending
    figures: dict[str, float | None] = {}
    command = f"exec {ZNTUI} {folder}"
    start = time.perf_counter()
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", SIZE[0], "-y", SIZE[1],
         *[a for k, v in env.items() for a in ("-e", f"{k}={v}")], command)  # fmt: skip
    pid = int(tmux("display", "-p", "-t", "bench", "#{pane_pid}").strip() or 0)
    if pid <= 0:  # no pane: measuring "pid 0" would sum the whole machine
        raise RuntimeError(f"tmux did not start the app ({_socket})")
    peak = PeakMemory(pid)
    timeout = 60 + expected / 50
    try:
        first = wait_for(rows_shown, timeout)
        figures["first rows"] = first and first[0] - start
        # CPU the app (and its workers) spent until then: what a busy machine cannot hide.
        figures["first rows cpu"] = tree_cpu(pid)
        full = wait_for(lambda t: status_count(t) == (expected, False), timeout)
        figures["fully loaded"] = full and full[0] - start
        if full is None:
            figures["last screen"] = screen()  # type: ignore[assignment]
            return figures
        time.sleep(1.0)
        before = screen(colours=True)
        t = time.perf_counter()
        tmux("send-keys", "-t", "bench", "j")
        moved = wait_for(lambda _: screen(colours=True) != before, 5)
        figures["cursor move"] = moved and moved[0] - t
        # Watching, idle: CPU over a quiet stretch, as a share of one core. Longer than a
        # minute: the app also walks the folder now and then (lost kernel events).
        cpu0, t0 = tree_cpu(pid), time.perf_counter()
        time.sleep(WATCH_WINDOW)
        figures["watch share"] = (tree_cpu(pid) - cpu0) / (time.perf_counter() - t0)
        _changes(figures, folder, scratch, expected, pid)
    finally:
        figures["peak mib"] = peak.stop() / 2**20
        tmux("kill-server")
    return figures


WATCH_WINDOW = 70.0
"""Seconds the idle app is watched for its CPU share."""
CHANGES = 5
"""Each change (add, change, remove) is timed this often; the median is reported, the
first addition also on its own (the first after a load may build what later ones reuse)."""


def _timed(figures: dict, name: str, write, shown, pid: int, into: dict) -> None:
    t, cpu0 = time.perf_counter(), tree_cpu(pid)
    write()
    seen = wait_for(shown, 60)
    into.setdefault(name, []).append(seen and seen[0] - t)
    into.setdefault(f"{name} cpu", []).append(tree_cpu(pid) - cpu0)
    time.sleep(2.0)  # the levels of the change are made in a thread: let them end


def _median(values: list) -> float | None:
    if not values or any(v is None for v in values):
        return None  # one not seen: the whole figure is not seen
    return sorted(values)[len(values) // 2]


def _changes(figures: dict, folder: Path, scratch: Path, expected: int, pid: int) -> None:
    """While the app is open: a file added (a copy of a case under a new id), that file
    changed (the list filtered to it, as an inspector following one case would; its name
    rewritten) and removed, each CHANGES times; the time until the screen shows it."""
    source = next(folder.rglob("*.toml"))
    added = scratch / "bench-added.toml"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r'^id = "([^"]*)"', r'id = "\1-BENCH"', text, count=1, flags=re.M)
    case_id = re.search(r'^id = "([^"]*)"', text, re.M)
    runs: dict[str, list] = {}

    def grown(s: str) -> bool:
        return status_count(s) == (expected + 1, False)

    def back(s: str) -> bool:
        return status_count(s) == (expected, False)

    for round_ in range(CHANGES):
        _timed(figures, "one file added", lambda: added.write_text(text, "utf-8"), grown, pid,
               runs)  # fmt: skip
        if round_ == 0:
            figures["first file added"] = runs["one file added"][0]
            if case_id and re.search(r"^pseudonym = ", text, re.M):
                tmux("send-keys", "-t", "bench", "/")
                tmux("send-keys", "-t", "bench", "-l", case_id.group(1))
                tmux("send-keys", "-t", "bench", "Enter")
                if wait_for(lambda s: f"1 van {expected + 1} casussen" in s, 30) is not None:
                    time.sleep(1.0)
                    for n in range(CHANGES):
                        marker = f"Bench Gewijzigd {n}"
                        changed = re.sub(r'^pseudonym = ".*"$', f'pseudonym = "{marker}"',
                                         text, count=1, flags=re.M)  # fmt: skip
                        _timed(figures, "one file changed",
                               lambda c=changed: added.write_text(c, "utf-8"),
                               lambda s, m=marker: m in s, pid, runs)  # fmt: skip
                tmux("send-keys", "-t", "bench", "/")
                tmux("send-keys", "-t", "bench", "Escape")  # the filter cleared
                wait_for(grown, 30)
                time.sleep(1.0)
        _timed(figures, "one file removed", added.unlink, back, pid, runs)
    for name, values in runs.items():
        figures[name] = _median(values)


def startup(
    command: list[str], env: dict[str, str], floors: dict[str, list[str]], prepare=None
) -> dict:
    """The fastest of 5 runs of ``command`` and of each start-up floor, taken in turn (A B C
    A B C …) so that a drift of the machine's speed touches all alike. ``prepare`` runs
    before each run of the command (untimed)."""
    runs: dict[str, list[dict[str, float]]] = {"command": [], **{k: [] for k in floors}}
    for _ in range(5):
        if prepare is not None:
            prepare()
        runs["command"].append(run(command, env))
        for name, floor_command in floors.items():
            runs[name].append(run(floor_command, env))
    best = {k: min(v, key=lambda x: x["cpu"]) for k, v in runs.items()}
    result = dict(best["command"])
    for name in floors:
        result[f"floor {name}"] = best[name]
        result[f"cpu/{name}"] = best["command"]["cpu"] / max(best[name]["cpu"], 1e-3)
        result[f"wall/{name}"] = best["command"]["wall"] / max(best[name]["wall"], 1e-3)
    return result


def ratios(x: dict, tom: dict, rt: dict) -> dict[str, float]:
    return {
        "wall/tomllib": x["wall"] / tom["wall"],
        "cpu/tomllib": x["cpu"] / tom["cpu"],
        "wall/rtoml": x["wall"] / rt["wall"],
        "cpu/rtoml": x["cpu"] / rt["cpu"],
    }


def issue_column(count: int, r: dict[str, dict], app: dict[str, dict]) -> list[tuple[str, str]]:
    """The figures of one run in the rows of issue 19's table."""

    def mib(x: float | None) -> str:
        return "-" if x is None else f"{x:,.0f} MB"

    def sec(x: float | None) -> str:
        return "not seen" if x is None else f"{x:.2f} s"

    warm, cold = app.get("warm", {}), app.get("cold", {})
    rt = r["floor rtoml"]
    rows = [
        ("`zntui check` peak memory", mib(r["check"]["mib"])),
        ("triage peak memory (cold / warm)",
         f"{mib(r['cold triage']['mib'])} / {mib(r['warm triage']['mib'])}"),
        ("app memory (cold / warm)", f"{mib(cold.get('peak mib'))} / {mib(warm.get('peak mib'))}"),
        ("app: first rows, from launch in tmux (warm / cold)",
         f"{sec(warm.get('first rows'))} / {sec(cold.get('first rows'))}"),
        ("  … CPU spent until then (warm / cold)",
         f"{sec(warm.get('first rows cpu'))} / {sec(cold.get('first rows cpu'))}"),
        ("app: fully loaded, warm (vs 2× warm triage)",
         f"{sec(warm.get('fully loaded'))} ({2 * r['warm triage']['wall']:.2f} s)"),
        ("one file added / changed / removed while the app is open (median of 5)",
         f"{sec(warm.get('one file added'))} / {sec(warm.get('one file changed'))} / "
         f"{sec(warm.get('one file removed'))}"),
        ("  … CPU until shown (added / changed / removed)",
         f"{sec(warm.get('one file added cpu'))} / {sec(warm.get('one file changed cpu'))} / "
         f"{sec(warm.get('one file removed cpu'))}"),
        ("  … the first addition after the load", sec(warm.get("first file added"))),
        ("app watching, idle", f"{100 * (warm.get('watch share') or 0):.1f}% of a core"),
        ("cold triage vs an rtoml parse-only loop",
         f"{r['cold triage']['wall'] / rt['wall']:.1f}× wall, "
         f"{r['cold triage']['cpu'] / rt['cpu']:.1f}× CPU"),
        ("cold triage vs the tomllib loop",
         "not measured" if r["floor tomllib"].get("skipped") else
         f"{r['cold triage']['wall'] / r['floor tomllib']['wall']:.2f}× wall"),
        ("triage start-up on one file",
         f"{r['triage one file']['wall']:.2f} s ({r['triage one file']['cpu']:.2f} s CPU)"),
        ("  … vs `python -c pass` (CPU / wall)", _startup_ratio(r["triage one file"], "pass")),
        ("  … vs `python -c 'import tomllib'` (CPU / wall)",
         _startup_ratio(r["triage one file"], "tomllib")),
    ]  # fmt: skip
    if "triage one changed file" in r:  # runs before these were measured have no such row
        changed = r["triage one changed file"]
        rows += [
            ("triage start-up on one file just changed",
             f"{changed['wall']:.2f} s ({changed['cpu']:.2f} s CPU)"),
            ("  … just changed, vs `python -c pass` (CPU / wall)", _startup_ratio(changed, "pass")),
        ]  # fmt: skip
    return rows


def _startup_ratio(x: dict, floor_name: str) -> str:
    if f"cpu/{floor_name}" not in x:
        return "not measured"
    return f"{x[f'cpu/{floor_name}']:.1f}× / {x[f'wall/{floor_name}']:.1f}×"


def issue_table(reports: list[dict]) -> str:
    """Issue 19's table (markdown): a column per run, the load average under it."""
    columns = [issue_column(x["files"], x["commands"], x["app"]) for x in reports]
    head = " | ".join(f"{x['files']:,}" for x in reports)
    lines = [f"| measure | {head} |", "|---|" + "---|" * len(reports)]
    names = list(dict.fromkeys(name for c in columns for name, _ in c))
    by_name = [dict(c) for c in columns]  # runs older than a row have no figure for it
    for name in names:
        lines.append(f"| {name} | " + " | ".join(c.get(name, "-") for c in by_name) + " |")
    loads = " | ".join(" → ".join(f"{a[0]:.2f}" for a in x["load"]) for x in reports)
    lines.append(f"| load average (1 min) during the run | {loads} |")
    return "\n".join(lines)


# --- the run ---------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", "--keep", type=Path, help="generate into (or reuse) this")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "last-run.json")
    parser.add_argument("--skip-cold-app", action="store_true")
    parser.add_argument("--app-size", default="80x24", help="the app's terminal, COLSxLINES")
    parser.add_argument(
        "--table",
        nargs="+",
        type=Path,
        metavar="RUN.json",
        help="print the issue's table from saved runs (--json files), a column each; no run",
    )
    parser.add_argument(
        "--no-tomllib",
        action="store_true",
        help="skip the tomllib floor (pure Python: minutes at 50,000 on a busy machine)",
    )
    args = parser.parse_args()
    if args.table:
        print(issue_table([json.loads(path.read_text()) for path in args.table]))
        return 0
    global SIZE
    columns, _, lines = args.app_size.partition("x")
    SIZE = (str(int(columns)), str(int(lines)))

    work = args.data or Path(tempfile.mkdtemp(prefix="zntui-bench-"))
    if not (work.exists() and any(work.rglob("*.toml"))):
        subprocess.run(
            [ZNTUI, "generate", work, "--count", str(args.count), "--seed", str(args.seed),
             "--force"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    files = sorted(work.rglob("*.toml"))
    files = [f for f in files if not f.name.endswith(".review.toml")]
    scratch = work / "bench-scratch"  # where the app's one-file test adds its file
    shutil.rmtree(scratch, ignore_errors=True)
    cache_home = Path(tempfile.mkdtemp(prefix="zntui-bench-cache-"))
    env = {
        **os.environ,
        "ZNTUI_LOAD_PLUGINS": os.environ.get(
            "ZNTUI_LOAD_PLUGINS", "network_checks,zorgnetwerken,ambulante_ggz"
        ),
        "XDG_CACHE_HOME": str(cache_home),
        "XDG_STATE_HOME": str(cache_home / "state"),
    }
    env.pop("ZNTUI_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached (see above)
    load = [os.getloadavg()]

    import rtoml

    r: dict[str, dict] = {}
    r["floor rtoml"] = floor(files, rtoml.loads)
    if args.no_tomllib:
        r["floor tomllib"] = {**r["floor rtoml"], "skipped": True}
    else:
        r["floor tomllib"] = floor(files, tomllib.loads)
    triage = [str(ZNTUI), "triage", str(work), "--format", "json"]
    r["check"] = run([str(ZNTUI), "check", str(work)], env)
    r["cold triage"] = run(triage, env)
    r["warm triage"] = run(triage, env)
    for path in files[: max(1, len(files) // 100)]:
        path.touch()
    r["1% changed"] = run(triage, env)
    python = str(ZNTUI.with_name("python"))
    floors = {"pass": [python, "-c", "pass"], "tomllib": [python, "-c", "import tomllib"]}
    run([str(ZNTUI), "triage", str(files[0])], env)  # writes the bytecode caches, if missing
    r["triage one file"] = startup([str(ZNTUI), "triage", str(files[0])], env, floors)
    # The same file just changed (its cached row no longer current): what a script that
    # triages each file it writes pays.
    r["triage one changed file"] = startup(
        [str(ZNTUI), "triage", str(files[0])], env, floors, prepare=files[0].touch
    )
    r["zntui --help"] = min((run([str(ZNTUI), "--help"], env) for _ in range(5)),
                            key=lambda x: x["wall"])  # fmt: skip
    load.append(os.getloadavg())
    scratch.mkdir()
    app = {"warm": app_figures(work, len(files), env, scratch, "warm")}
    if not args.skip_cold_app:
        cold_env = {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="zntui-bench-cache-")}
        app["cold"] = app_figures(work, len(files), cold_env, scratch, "cold")
        shutil.rmtree(cold_env["XDG_CACHE_HOME"], ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)
    load.append(os.getloadavg())

    tom, rt = r["floor tomllib"], r["floor rtoml"]
    print(f"zntui benchmark: {len(files)} files, {os.cpu_count()} cores, load average "
          + " → ".join(f"{a[0]:.2f}" for a in load))  # fmt: skip
    print(f"{'measure':<22}{'wall s':>9}{'cpu s':>9}{'MiB':>7}{'wall/tomllib':>13}"
          f"{'cpu/tomllib':>12}{'wall/rtoml':>11}{'cpu/rtoml':>10}")  # fmt: skip
    for name, x in r.items():
        mib = f"{x['mib']:.0f}" if "mib" in x else ""
        print(f"{name:<22}{x['wall']:>9.3f}{x['cpu']:>9.3f}{mib:>7}"
              f"{x['wall'] / tom['wall']:>13.3f}{x['cpu'] / tom['cpu']:>12.3f}"
              f"{x['wall'] / rt['wall']:>11.2f}{x['cpu'] / rt['cpu']:>10.2f}")  # fmt: skip
    one = r["triage one file"]
    print(f"triage one file vs `python -c pass`: {_startup_ratio(one, 'pass')} (CPU / wall); "
          f"vs `python -c 'import tomllib'`: {_startup_ratio(one, 'tomllib')}")  # fmt: skip
    for kind, figures in app.items():
        print(f"app ({kind} cache):")
        for name, value in figures.items():
            if isinstance(value, float):
                unit = " MiB" if "mib" in name else (" of a core" if "share" in name else " s")
                print(f"  {name:<20}{value:>9.3f}{unit}")
            elif isinstance(value, str):
                print(f"  {name}:\n{value}")
            else:
                print(f"  {name:<20}{'not seen':>9}")
    report = {
        "files": len(files),
        "data": str(work),
        "app size": "x".join(SIZE),
        "cores": os.cpu_count(),
        "load": load,
        "commands": r,
        "ratios": {k: ratios(v, tom, rt) for k, v in r.items()},
        "app": app,
    }
    print()
    print(issue_table([report]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2))
    shutil.rmtree(cache_home, ignore_errors=True)
    if not args.data:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
