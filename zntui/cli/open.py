"""``zntui [DIR]``: open the app."""

from __future__ import annotations

import argparse

from zntui.cli import EXIT_BAD_INPUT
from zntui.cli.common import error, setup


def run_open(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        error(f"{args.dir}: not a folder; give the folder that holds the case files")
        return EXIT_BAD_INPUT
    ready = setup(args, args.dir)
    if ready is None:
        return EXIT_BAD_INPUT
    config, registry = ready
    from zntui.ui.app import ZntuiApp
    from zntui.ui.keymap import check_keymap

    problems = check_keymap(config.config.keymap)
    if problems:
        where = config.path or "config"
        for problem in problems:
            error(f"{where}: {problem}")
        return EXIT_BAD_INPUT

    read_only = args.read_only or config.config.read_only
    app = ZntuiApp(
        args.dir,
        registry,
        config=config.config,
        read_only=read_only,
        use_cache=not args.no_cache,
    )
    app.run()
    return 0
