"""What several subcommands share: loading plugins from the options, printing errors."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zntui.plugins import Registry


def error(message: str) -> None:
    print(f"zntui: {message}", file=sys.stderr)


def disabled_plugins(flags: list[str]) -> list[str] | None:
    """Names from ``-p no:NAME`` flags; None (after an error message) if one is malformed."""
    names = []
    for flag in flags:
        if not flag.startswith("no:") or not flag[3:]:
            error(f"-p {flag}: expected no:NAME, e.g. -p no:ambulante_ggz")
            return None
        names.append(flag[3:])
    return names


def registry_from_args(args: argparse.Namespace) -> Registry | None:
    """Load plugins as the options say; report load problems on stderr and go on."""
    from zntui.plugins import load_registry

    disabled = disabled_plugins(getattr(args, "plugin_flags", []))
    if disabled is None:
        return None
    registry = load_registry(plugins_dirs=getattr(args, "plugins_dir", []), disabled=disabled)
    for problem in registry.errors:
        error(problem)
    return registry
