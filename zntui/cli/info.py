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
          f"TOML-lezer: {toml_reader.reader_name()}")  # fmt: skip
    print("Config, gezocht in deze volgorde (de eerste die bestaat, geldt):")
    for path in candidates(args.dir):
        print(f"  {'*' if path.is_file() else ' '} {path}")
    config = config_for(args.dir)
    if config is None:
        return EXIT_BAD_INPUT
    if config.path is None:
        print("  geen gevonden: de standaardinstellingen gelden")
    c = config.config
    print(f"Uitgezette plugins: {', '.join(c.disable_plugins) or '-'}")
    print(f"Pluginmappen: {', '.join(str(d) for d in c.plugins_dirs) or '-'}")
    print(f"Regelparameters: {', '.join(sorted(c.rule_params)) or '-'}")
    print(f"Drempel kleine aantallen: {c.small_cell}")
    print(f"Cache: {_cache_line()}")
    print("Logboek: geen; problemen gaan naar stderr en, in de app, naar het scherm problemen (i)")
    return EXIT_OK


def _cache_line() -> str:
    from zntui.store.cache import default_path, disabled_by_env

    if disabled_by_env():
        return "uit (ZNTUI_CACHE=off)"
    path = default_path()
    if not path.exists():
        return f"{path} (nog niet aangemaakt)"
    return f"{path} ({path.stat().st_size / 1024 / 1024:.1f} MiB)"


def run_cache(args: argparse.Namespace) -> int:
    """``zntui cache [info|clear]``."""
    from zntui.store.cache import clear, default_path

    if args.action == "clear":
        path = default_path()
        print(f"{path}: {'verwijderd' if clear(path) else 'er was geen cache'}")
        return EXIT_OK
    print(_cache_line())
    return EXIT_OK
