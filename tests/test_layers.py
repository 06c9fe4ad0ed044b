"""Layer rules: the domain and the application layer import no Textual; every module
imports only its own layer or lower ones, and no import runs in a circle; hooks are
documented."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

from zntui import hookspecs


def test_domain_imports_no_textual() -> None:
    code = (
        "import sys\n"
        "import zntui.model, zntui.store, zntui.engine, zntui.workflows.scoring, zntui.plugins\n"
        "import zntui.checks, zntui.generate, zntui.cli.triage, zntui.cli.check\n"
        "import zntui.levels, zntui.disclosure, zntui.report, zntui.diagnostics\n"
        "import zntui.commands\n"
        "import zntui.workflows.caselist, zntui.workflows.session, zntui.workflows.exports\n"
        "import zntui_network_checks, zntui_zorgnetwerken, zntui_ambulante_ggz\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_hook_has_a_docstring_for_plugin_authors() -> None:
    hooks = [
        f
        for name, f in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("zntui_")
    ]
    assert {f.__name__ for f in hooks} == {
        "zntui_register_frameworks",
        "zntui_register_checks",
        "zntui_register_commands",
    }
    for hook in hooks:
        assert hook.__doc__ and len(hook.__doc__.split()) > 20, hook.__name__


# --- import direction and cycles ------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent / "zntui"

# Each module's layer, lowest first; a module may import its own layer or lower ones
# only (DESIGN.md §3). Longest prefix wins; every module must be listed.
LAYERS: list[tuple[str, ...]] = [
    # 0: no zntui imports of substance: markers, helpers, the command names
    ("zntui", "zntui.hookspecs", "zntui.user", "zntui.untrusted", "zntui.filtering",
     "zntui.commands", "zntui.diagnostics"),
    ("zntui.model", "zntui.generate"),  # 1: the domain's data
    ("zntui.store", "zntui.config", "zntui.state"),  # 2: files
    ("zntui.plugins",),  # 3: what plugins register
    ("zntui.engine", "zntui.checks", "zntui.testing", "zntui.scaffold"),  # 4: scoring
    ("zntui.levels", "zntui.disclosure"),  # 5: counts of many cases, and what is published
    ("zntui.report",),  # 6: documents from pictures
    ("zntui.workflows",),  # 7: the application layer
    ("zntui.ui",),  # 8: the app
    ("zntui.cli",),  # 9: the command (may open the app)
    ("zntui.__main__",),
]  # fmt: skip


PLUGINS = ROOT.parent / "plugins"
"""The built-in plugins' packages: no layer of zntui's, but in the import graph."""


def _modules(*, plugins: bool = False) -> dict[str, Path]:
    found = {}
    tops = [(ROOT, ROOT.parent)]
    if plugins:
        tops += [(top, PLUGINS) for top in sorted(PLUGINS.iterdir()) if top.is_dir()]
    for top, base in tops:
        for path in top.rglob("*.py"):
            parts = list(path.relative_to(base).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(test or node)


def _imports(name: str, path: Path, modules: dict[str, Path], *, typing: bool = True) -> set[str]:
    """Every zntui module ``name`` imports, at the top or inside a function, and — unless
    ``typing`` is False — the imports only for type checkers: they never run, but two
    modules that name each other's types are tied as closely as two that import each
    other, and a reader sees a circle all the same."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    wanted: set[str] = set()

    def visit(node: ast.AST) -> None:
        if not typing and _type_checking(node):
            return
        if isinstance(node, ast.Import):
            wanted.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in modules]
            wanted.update(subs)
            if len(subs) < len(node.names):
                wanted.add(module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found = set()
    for module in wanted:
        while module and module not in modules:
            module = module.rpartition(".")[0]
        if module.startswith("zntui") and module != name:
            found.add(module)
    return found


def _layer(module: str) -> int:
    best, layer = -1, None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > best:
                best, layer = len(prefix), index
    assert layer is not None, f"{module} is in no layer of tests/test_layers.py"
    return layer


def _graph(*, plugins: bool = False) -> dict[str, set[str]]:
    modules = _modules(plugins=plugins)
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{module} ({_layer(module)}) imports {target} ({_layer(target)})"
        for module, targets in sorted(_graph().items())
        for target in sorted(targets)
        if _layer(target) > _layer(module)
    ]
    assert upward == []


# What the engine (rules -> results -> theme scores -> risk) must never do itself:
# files, the cache, config, processes and executors are the application layer's.
NOT_SCORING = ("zntui.store", "zntui.config", "zntui.state", "zntui.workflows", "sqlite3",
               "multiprocessing", "concurrent", "tempfile", "shutil", "pathlib")  # fmt: skip


def test_the_engine_is_scoring_only() -> None:
    found = []
    for path in sorted((ROOT / "engine").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found += [
                f"{path.name}: {n}"
                for n in names
                if any(n == bad or n.startswith(bad + ".") for bad in NOT_SCORING)
            ]
    assert found == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle of imports, found once (a depth-first walk's back edges)."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def walk(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                walk(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    return cycles


def test_the_imports_have_no_cycle() -> None:
    """Anywhere: zntui and the built-in plugins, imports for type checkers included."""
    assert _cycles(_graph(plugins=True)) == []


def test_the_cycle_check_sees_a_circle_made_only_for_type_checkers(tmp_path: Path) -> None:
    """The checker itself: two modules that import each other's types for a type checker
    are a circle (as the app and its helpers were)."""
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("from zntui.ui.b import B\nclass A: ...\n", encoding="utf-8")
    b.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from zntui.ui.a import A\n"
        "class B:\n    def __init__(self, a: 'A') -> None: ...\n",
        encoding="utf-8",
    )
    modules = {**_modules(), "zntui.ui.a": a, "zntui.ui.b": b}
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert _cycles(graph) == [["zntui.ui.a", "zntui.ui.b", "zntui.ui.a"]]


def test_the_layer_check_sees_a_lazy_upward_import(tmp_path: Path) -> None:
    """The checker itself: an import inside a function counts, and one for type checkers
    unless asked to leave those out."""
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from zntui.ui.app import ZntuiApp\n"
        "def f():\n    from zntui.cli import main\n",
        encoding="utf-8",
    )
    modules = {**_modules(), "zntui.model.m": module}
    assert _imports("zntui.model.m", module, modules, typing=False) == {"zntui.cli"}
    assert _imports("zntui.model.m", module, modules) == {"zntui.cli", "zntui.ui.app"}
