"""What a packager and a plugin author get: the sdist and wheel, the lazy pytest plugin,
plugin commands in --help."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BUILTINS, ROOT

EXE = Path(sys.executable).with_name("zntui")
SKIP_IN_COPY = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis",
    ".pytest_cache", ".ruff_cache", "snapshot_report.html", "last-run.json",
)  # fmt: skip


def _build(hook: str, source: Path, out: Path) -> Path:
    """Run a PEP 517 hook of setuptools in ``source``, as a build frontend does."""
    out.mkdir(exist_ok=True)
    code = f"from setuptools import build_meta as b; print(b.{hook}({str(out)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=source, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel): the sdist built from a copy of the tree, the wheel from the sdist."""
    pytest.importorskip("setuptools")
    root = tmp_path_factory.mktemp("build")
    tree = root / "tree"
    shutil.copytree(ROOT, tree, ignore=SKIP_IN_COPY)
    sdist = _build("build_sdist", tree, root / "dist")
    with tarfile.open(sdist) as archive:
        archive.extractall(root / "unpacked", filter="data")
    (unpacked,) = (root / "unpacked").iterdir()
    wheel = _build("build_wheel", unpacked, root / "dist")
    return sdist, wheel


def test_wheel_has_licence_marker_and_every_module(built: tuple[Path, Path]) -> None:
    _, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    licence = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    assert licence, "LICENSE missing from the wheel"
    text = zipfile.ZipFile(wheel).read(licence[0]).decode()
    assert text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in text
    assert "zntui/py.typed" in names
    # A package added to zntui/ but not to pyproject's list would be missing here.
    for path in (ROOT / "zntui").rglob("*"):
        if path.suffix in (".py", ".tcss", ".typed") and "__pycache__" not in path.parts:
            assert path.relative_to(ROOT).as_posix() in names, path
    for rules in (ROOT / "rules").glob("*.toml"):
        assert f"zntui_rules/{rules.name}" in names
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    meta = zipfile.ZipFile(wheel).read(metadata).decode()
    for line in (
        "License-Expression: EUPL-1.2",
        "License-File: LICENSE",
        "Classifier: Framework :: Pytest",
        "Classifier: Environment :: Console",
        "Classifier: Natural Language :: Dutch",
        "Classifier: Typing :: Typed",
        "Project-URL: ",
        "Provides-Extra: web",
    ):
        assert line in meta, line


def test_sdist_ships_what_its_tests_need(built: tuple[Path, Path]) -> None:
    sdist, _ = built
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    for needed in ("LICENSE", "tests/conftest.py", "docs/plugins.md", "dev.py", "README.md"):
        assert needed in names, needed
    for folder in ("tests/__snapshots__", "sample_cases"):
        tracked = [p for p in (ROOT / folder).rglob("*") if p.is_file()]
        assert tracked
        for path in tracked:
            assert path.relative_to(ROOT).as_posix() in names, path
    for test in (ROOT / "tests").glob("test_*.py"):
        assert f"tests/{test.name}" in names


def _pytest_run(tmp_path: Path, test_body: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_kit.py").write_text(test_body)
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "zntui.testing", "-p", "no:cacheprovider",
         "test_kit.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_loading_the_pytest_plugin_imports_nothing_heavy(tmp_path: Path) -> None:
    body = (
        "import sys\n\n"
        "def test_nothing_heavy_loaded():\n"
        "    assert 'zntui.testing' in sys.modules\n"
        "    heavy = [m for m in sys.modules if m.split('.')[0] in ('pydantic', 'textual')\n"
        "             or m.startswith(('zntui.engine', 'zntui.model', 'zntui.plugins'))]\n"
        "    assert heavy == []\n\n"
        "def test_the_fixtures_still_work(zntui_case, zntui_assert_verdict):\n"
        "    case = zntui_case(found_absent=['coordinator'])\n"
        "    zntui_assert_verdict(case, 'ZN.IZ.2', 'voldoet niet')\n"
    )
    done = _pytest_run(tmp_path, body)
    assert "2 passed" in done.stdout, done.stdout + done.stderr


def test_the_fixtures_fail_with_the_evidence(tmp_path: Path) -> None:
    body = (
        "def test_wrong(zntui_case, zntui_assert_verdict):\n"
        "    zntui_assert_verdict(zntui_case(found_absent=['coordinator']), 'ZN.IZ.2', 'V')\n"
    )
    done = _pytest_run(tmp_path, body)
    assert "1 failed" in done.stdout
    assert "ZN.IZ.2: expected 'voldoet', got 'voldoet niet'" in done.stdout


PLUGIN = """\
from zntui import hookimpl


@hookimpl
def zntui_register_commands(register):
    def add_arguments(parser):
        parser.add_argument("--naam", default="wereld")

    def run(args):
        print(f"hallo {args.naam}")
        return 0

    register("hallo", "zeg hallo tegen iemand", add_arguments, run)
"""


def test_plugin_commands_are_listed_in_help(tmp_path: Path) -> None:
    site = tmp_path / "site"
    info = site / "zntui_hallo-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zntui-hallo\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[zntui]\nhallo = zntui_hallo\n")
    (site / "zntui_hallo.py").write_text(PLUGIN)
    env = {**os.environ, "PYTHONPATH": str(site), "ZNTUI_LOAD_PLUGINS": f"{BUILTINS},hallo"}
    helped = subprocess.run([EXE, "--help"], env=env, capture_output=True, text=True)
    assert helped.returncode == 0, helped.stderr
    assert "hallo" in helped.stdout and "zeg hallo tegen iemand [plugin hallo]" in helped.stdout
    ran = subprocess.run([EXE, "hallo", "--naam", "Ria"], env=env, capture_output=True, text=True)
    assert ran.stdout == "hallo Ria\n"
    completed = subprocess.run([EXE, "__complete", "hal"], env=env, capture_output=True, text=True)
    assert completed.stdout == "hallo\n"
    completed = subprocess.run(
        [EXE, "__complete", "hallo", "--na"], env=env, capture_output=True, text=True
    )
    assert completed.stdout == "--naam\n"
    # Disabled by ZNTUI_LOAD_PLUGINS: not listed.
    env["ZNTUI_LOAD_PLUGINS"] = BUILTINS
    helped = subprocess.run([EXE, "--help"], env=env, capture_output=True, text=True)
    assert "hallo" not in helped.stdout


def test_the_scaffold_names_the_install_step_for_this_zntui(tmp_path: Path) -> None:
    from zntui.scaffold import install_command

    plugin = tmp_path / "zntui-wijk"
    pipx = tmp_path / "pipx"
    pipx.mkdir()
    (pipx / "pipx_metadata.json").write_text("{}")
    assert install_command(plugin, pipx) == f"pipx inject zntui -e {plugin}"
    uv = tmp_path / "uv"
    uv.mkdir()
    (uv / "uv-receipt.toml").write_text(
        "[tool]\nrequirements = [\n"
        '  { name = "zntui", directory = "/src/zn tui" },\n'
        '  { name = "zntui-ggz", editable = "/src/ggz" },\n'
        '  { name = "rich" },\n]\n'
    )
    assert install_command(plugin, uv) == (
        "uv tool install '/src/zn tui' --with-editable /src/ggz --with rich "
        f"--with-editable {plugin}"
    )
    assert install_command(plugin, tmp_path).endswith(f"-m pip install -e {plugin}")
