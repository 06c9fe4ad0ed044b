"""``zntui serve DIR``: the app in a browser, for colleagues without a terminal.

Runs the same app through textual-serve (the optional extra ``zntui[web]``): each
browser tab gets its own ``zntui open DIR`` process, which ends when the tab closes.
It listens on 127.0.0.1 only — reach it from elsewhere through an SSH tunnel — and
opens read-only unless ``--allow-changes`` is given. A browser session has no terminal
to hand to an editor, so ``e`` says so instead of starting one on the server.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from zntui.cli.common import error, folder_problem
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK

HOST = "127.0.0.1"
"""Never another interface: the app shows client data, and serves it without login."""


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve starts per browser tab (it runs it with a shell)."""
    words = [sys.executable, "-m", "zntui", "open", str(args.dir.resolve())]
    if not args.allow_changes:
        words.append("--read-only")
    if args.no_cache:
        words.append("--no-cache")
    for folder in args.plugins_dir:
        words += ["--plugins-dir", str(folder.resolve())]
    for flag in args.plugin_flags:
        words += ["-p", flag]
    return shlex.join(words)


def start_message(args: argparse.Namespace, url: str) -> str:
    mode = (
        "wijzigingen toegestaan (--allow-changes): oordelen, notities en status worden bewaard"
        if args.allow_changes
        else "alleen lezen; start met --allow-changes om oordelen en notities te bewaren"
    )
    return (
        f"zntui serve: {args.dir} op {url}\n"
        f"  {mode}\n"
        f"  alleen bereikbaar op deze machine; van elders via een SSH-tunnel:\n"
        f"    ssh -N -L {args.port}:{HOST}:{args.port} DEZE-MACHINE   en open dan {url}\n"
        "  Ctrl+C stopt de server"
    )


def run_serve(args: argparse.Namespace) -> int:
    problem = folder_problem(args.dir)
    if problem:
        error(problem)
        return EXIT_BAD_INPUT
    try:
        from textual_serve.server import Server
    except ImportError:
        error("zntui serve heeft de extra 'web' nodig: pip install 'zntui[web]'")
        return EXIT_BAD_INPUT
    url = f"http://{HOST}:{args.port}"
    message = start_message(args, url)

    class ZntuiServer(Server):
        async def on_startup(self, app: object) -> None:
            # Ours instead of textual-serve's banner: where, which mode, how to reach it.
            print(message, flush=True)

    server = ZntuiServer(app_command(args), host=HOST, port=args.port, title="zntui")
    try:
        server.serve()
    except OSError as exc:
        error(f"kan niet luisteren op {HOST}:{args.port}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    return EXIT_OK
