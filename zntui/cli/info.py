"""``zntui info [DIR]``: which config, plugins folders and readers are in use, and where."""

from __future__ import annotations

import argparse
import platform

from zntui import __version__
from zntui.cli import EXIT_BAD_INPUT, EXIT_OK
from zntui.cli.common import config_for


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
    print("Cache: none (zntui does not cache yet); logs: none, errors go to stderr and the app")
    return EXIT_OK
