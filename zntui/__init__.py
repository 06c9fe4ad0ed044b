"""zntui: supervise personal care networks (zorgnetwerken) from the terminal.

Plugin authors import :data:`hookimpl` from here::

    from zntui import hookimpl
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]

if TYPE_CHECKING:  # pragma: no cover
    from pluggy import HookimplMarker

    hookimpl: HookimplMarker


def __getattr__(name: str) -> Any:
    # Lazy, so that `zntui --version` and `--help` import nothing heavy.
    if name == "hookimpl":
        from zntui.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
