"""`e`: hand a case file to the user's editor, then read it again off the UI thread."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported


def editor_command(environ: dict[str, str] | None = None) -> list[str] | None:
    """$VISUAL, then $EDITOR, then a sane default; None when none can be started."""
    env = os.environ if environ is None else environ
    chosen = False
    for var in ("VISUAL", "EDITOR"):
        value = env.get(var, "").strip()
        if value:
            chosen = True
            try:
                command = shlex.split(value)
            except ValueError:
                continue  # unbalanced quotes: not a command we can start
            if command and shutil.which(command[0]):
                return command
    if chosen:
        return None  # the user chose an editor: never open another one behind their back
    for fallback in ("editor", "nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    return None


def run_editor(app: App[object], command: list[str], path: Path) -> int | str:
    """Run the editor on ``path`` with the terminal handed over; its exit code, or a
    sentence saying why it could not run."""
    full = [*command, str(path)]
    failure: OSError | None = None
    try:
        with app.suspend():
            # Caught inside: Textual gives the screen back only when this block ends
            # normally; an exception leaves a dead, blank terminal.
            try:
                code = subprocess.call(full)
            except OSError as exc:
                failure, code = exc, 0
    except SuspendNotSupported:
        # No terminal to hand over (tests, a browser via textual-serve): an editor
        # that needs one would hang, so only one that runs without is tried.
        if app.is_headless:
            return _call(full)
        return "de editor kan hier niet worden geopend (geen terminal, bijvoorbeeld in een browser)"
    if failure is not None:
        return f"de editor kon niet starten: {failure.strerror or failure}"
    return code


def _call(command: list[str]) -> int | str:
    try:
        return subprocess.call(command, stdin=subprocess.DEVNULL, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"de editor kon niet starten: {exc}"
