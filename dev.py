#!/usr/bin/env python3
"""Set up a local .venv and run zntui or its tests; needs only Python 3.11+ and pip.

python3 dev.py run [ARGS…]   set up, then open zntui (default: on sample_cases/)
python3 dev.py test [ARGS…]  set up, then ruff check, ruff format --check, pytest
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".zntui-installed"


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit(f"zntui needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print("Creating .venv …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # Reinstall only when pyproject.toml changed: the second run starts at once.
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    print("Installing zntui and its test tools into .venv …", file=sys.stderr)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip", "setuptools"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True, env=_quiet_editable_env())
    STAMP.write_text(digest)


def _quiet_editable_env() -> dict[str, str]:
    """The environment for the editable install, without setuptools' layout notice.

    Our layout maps rules/ and plugins/* to packages of other names, which only
    setuptools' import-hook editable mode supports; it then warns that a folder named
    like the package could shadow it. Here that folder *is* the package, so the notice
    (every editable mode, lenient, strict or compat, prints one of its own) only
    alarms a new user. Just this message is filtered; any other warning still shows.
    """
    env = dict(os.environ)
    quiet = "ignore:Editable installation"
    env["PYTHONWARNINGS"] = ",".join(filter(None, [env.get("PYTHONWARNINGS"), quiet]))
    return env


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    ensure_venv()
    command, rest = argv[0], argv[1:]
    os.chdir(ROOT)
    if command == "run":
        return subprocess.call([str(BIN / "zntui"), *(rest or ["sample_cases"])])
    for step in (
        [str(BIN / "ruff"), "check", "."],
        [str(BIN / "ruff"), "format", "--check", "."],
    ):
        code = subprocess.call(step)
        if code:
            print(f"dev.py test: `{' '.join(step[1:])}` failed (exit {code})", file=sys.stderr)
            return code
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
