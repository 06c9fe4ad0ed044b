"""The zorgnetwerken framework: Toezicht op zorgnetwerken rond thuiswonende cliënten.

Its criteria are in ``rules/zorgnetwerken.toml``; the checks they name come from the
``network_checks`` plugin.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from typing import Any

from zntui import hookimpl
from zntui.model.framework import load_framework_toml

__version__ = "0.1.0"


@hookimpl
def zntui_register_frameworks(register: Any) -> None:
    with as_file(files("zntui_rules") / "zorgnetwerken.toml") as path:
        register(load_framework_toml(path))
