"""``zntui info [DIR]``: which config, plugins folders and readers are in use, and where."""

from __future__ import annotations

import argparse
import platform

from zntui import __version__
from zntui.cli.common import config_for
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    from zntui.config import candidates
    from zntui.store import toml_reader

    print(f"zntui {__version__} · Python {platform.python_version()} · "
          f"TOML reader: {toml_reader.reader_name()}")  # fmt: skip
    print("Config, searched in this order (the first that exists is used):")
    for path in candidates(args.dir):
        print(f"  {'*' if path.is_file() else ' '} {path}")
    config = config_for(args.dir)
    if config is None:
        return EXIT_BAD_INPUT
    if config.path is None:
        print("  none found: defaults in use")
    c = config.config
    print(f"Plugins disabled: {', '.join(c.disable_plugins) or '-'}")
    print(f"Plugins folders: {', '.join(str(d) for d in c.plugins_dirs) or '-'}")
    print(f"Rule parameters: {', '.join(sorted(c.rule_params)) or '-'}")
    print(f"Small-cell threshold: {c.small_cell}")
    print(f"Cache: {_cache_line()}")
    print("Logs: none; problems go to stderr and, in the app, to the problems screen (i)")
    return EXIT_OK


def _cache_line() -> str:
    from zntui.store.cache import default_path, disabled_by_env

    if disabled_by_env():
        return "off (ZNTUI_CACHE=off)"
    path = default_path()
    if not path.exists():
        return f"{path} (not made yet)"
    return f"{path} ({path.stat().st_size / 1024 / 1024:.1f} MiB)"


def run_cache(args: argparse.Namespace) -> int:
    """``zntui cache [info|clear]``."""
    from zntui.store.cache import clear, default_path

    if args.action == "clear":
        path = default_path()
        print(f"{path}: {'removed' if clear(path) else 'there was no cache'}")
        return EXIT_OK
    print(_cache_line())
    return EXIT_OK
