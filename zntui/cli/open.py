"""``zntui [DIR]``: open the app."""

from __future__ import annotations

import argparse

from zntui.cli import EXIT_BAD_INPUT
from zntui.cli.common import config_for, error, registry_from_args


def run_open(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        error(f"{args.dir}: not a folder; give the folder that holds the case files")
        return EXIT_BAD_INPUT
    config = config_for(args.dir)
    registry = registry_from_args(args, config) if config else None
    if config is None or registry is None:
        return EXIT_BAD_INPUT
    from zntui.ui.app import ZntuiApp
    from zntui.ui.keymap import check_keymap

    problems = check_keymap(config.config.keymap)
    if problems:
        where = config.path or "config"
        for problem in problems:
            error(f"{where}: {problem}")
        return EXIT_BAD_INPUT

    read_only = args.read_only or config.config.read_only
    ZntuiApp(args.dir, registry, config=config.config, read_only=read_only).run()
    return 0
