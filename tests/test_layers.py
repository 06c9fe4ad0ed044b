"""Layer rules: the domain imports no Textual; hooks are documented."""

from __future__ import annotations

import inspect
import subprocess
import sys

from zntui import hookspecs


def test_domain_imports_no_textual() -> None:
    code = (
        "import sys\n"
        "import zntui.model, zntui.store, zntui.engine, zntui.engine.folder, zntui.plugins\n"
        "import zntui.checks, zntui.generate, zntui.cli.triage, zntui.cli.check\n"
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
