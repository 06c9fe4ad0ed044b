"""``zntui [DIR]``: open the app."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import difflib
import gc
import os
import re
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from zntui.cli.common import error, folder_problem
from zntui.cli.exits import EXIT_BAD_INPUT

if TYPE_CHECKING:
    from zntui.ui.app import ZntuiApp


def run_open(args: argparse.Namespace) -> int:
    # What start-up makes lives as long as the app (modules, classes, the first screen):
    # the cycle collector would only walk it again and again (4% of the imports'
    # instructions, measured). The app turns it back on after its first frame.
    gc.disable()
    try:
        app = build_app(args)
    except BaseException:
        gc.enable()
        raise
    if isinstance(app, int):
        gc.enable()
        return app
    # SIGTERM (kill, a closing tmux pane) and SIGHUP (a dropped SSH connection) end the
    # app through its own exit, which gives the terminal back as found.
    ending = _SignalExit(app)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), ending.handle)
    code = 1
    try:
        app.run()
        # Textual has printed the traceback of a crash by now; the exit code must say so.
        code = app.return_code or 0
    except KeyboardInterrupt:
        code = 130
        raise
    finally:
        # Also when writing to a terminal that is gone raised out of the app.
        _end_if_threads_hang(code)
    return code


class _SignalExit:
    """Ends the app on SIGTERM/SIGHUP as `q` would, and the process in bounded time.

    The handler never raises into the main thread while the event loop runs: an
    exception landing inside Textual's shutdown could skip leaving the alternate
    screen, and one landing inside the output queue's lock lost a wake-up, so the app
    waited for ever to write to a terminal that was gone (a closed tmux pane sends
    SIGHUP twice: tmux's and the kernel's). The loop runs the exit between callbacks;
    a watchdog thread, which takes no lock a handler could hold, ends the process
    `grace` seconds after the first signal if the exit has not finished by then.
    """

    def __init__(self, app: ZntuiApp, grace: float = 5.0) -> None:
        self.app = app
        self.grace = grace
        self.deadline: float | None = None
        self.code = 1
        self.terminal = _terminal_mode()

    def handle(self, signum: int, frame: FrameType | None) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise KeyboardInterrupt from None  # before the loop runs or after it ended
        if self.deadline is not None:
            return  # the exit is under way; the watchdog ends it if it sticks
        self.code = 128 + signum
        self.deadline = time.monotonic() + self.grace
        threading.Thread(target=self._watch, name="zntui-exit-watch", daemon=True).start()
        loop.call_soon_threadsafe(self.app.exit, None, self.code)

    def _watch(self) -> None:
        try:
            while self.deadline is not None and time.monotonic() < self.deadline:
                time.sleep(0.1)
            _give_terminal_back(self.terminal)
        finally:  # whatever giving the terminal back raised, the process ends
            os._exit(self.code)


def _terminal_mode() -> list[Any] | None:
    """The terminal's mode as found, to give back if the app cannot."""
    try:
        import termios
    except ImportError:
        return None
    try:  # not a terminal (a browser session's pipe) raises termios.error, no OSError
        return termios.tcgetattr(sys.stdin.fileno())
    except (termios.error, OSError, ValueError, AttributeError):
        return None


def _give_terminal_back(mode: list[Any] | None) -> None:
    """Best effort: normal screen, cursor, no mouse reports, the mode as found."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.write(sys.__stdout__.fileno(), b"\x1b[?1000l\x1b[?1003l\x1b[?1006l\x1b[?25h\x1b[?1049l")
    if mode is not None:
        import termios

        # termios.error is not an OSError: a terminal that is gone raises it.
        with contextlib.suppress(termios.error, OSError, ValueError, AttributeError):
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSANOW, mode)


def _end_if_threads_hang(code: int, grace: float = 2.0) -> None:
    """End the process when a thread outlives the app.

    When the terminal goes away (a dropped SSH connection, a closed tmux pane) a signal
    can land in the middle of Textual's shutdown, and its input thread never learns that
    it should stop: it reads end-of-file forever at a full core, and Python waits for it
    at exit. The app is over by now, so such threads are given a moment and then left.
    """
    # A closing terminal sends more than one signal; one arriving in the wait below
    # must not cut the wait short and leave the process hanging after all.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    deadline = time.monotonic() + grace
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    if any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.current_thread()
    ):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


def build_app(args: argparse.Namespace) -> ZntuiApp | int:
    """The app as the options and the config say, or an exit code after the messages."""
    problem = folder_problem(args.dir)
    if problem:
        error(problem)
        return EXIT_BAD_INPUT
    from zntui.config import Config
    from zntui.workflows.session import SessionError, open_folder_leniently

    # A bad config does not keep the app shut: it opens with the defaults, read-only,
    # and shows what is wrong (workflows.session).
    try:
        session = open_folder_leniently(args.dir, args.plugins_dir, args.plugin_flags)
    except SessionError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    for problem in session.problems:
        error(problem)
    config, registry = session.config, session.registry
    problems, broken = list(session.config_problems), session.config_broken
    from zntui.ui.app import ZntuiApp
    from zntui.ui.glyphs import wants_ascii
    from zntui.ui.keymap import usable_keymap

    settings = config.config
    where = str(config.path or "config")
    keymap, keymap_problems = usable_keymap(settings.keymap)
    if keymap_problems:
        # The good entries hold; each bad one is reported and left out.
        problems += [f"{where}: {p}" for p in keymap_problems]
        settings = settings.model_copy(update={"keymap": keymap})
    theme_problem = check_theme(settings.theme, config.path)
    if theme_problem:
        problems.append(theme_problem)
        settings = settings.model_copy(update={"theme": Config().theme})
    for line in problems:
        error(line)
    if broken:
        error("geopend met de standaardinstellingen, alleen-lezen, tot de config hersteld is")

    read_only = args.read_only or settings.read_only or broken
    return ZntuiApp(
        args.dir,
        registry,
        config=settings,
        read_only=read_only,
        use_cache=not args.no_cache,
        ascii=args.ascii or wants_ascii(settings.ascii),
        config_problems=problems,
        config_fallback=broken,
    )


def check_theme(name: str, path: Path | None) -> str | None:
    """A sentence if ``name`` is not a Textual theme; names the config line when it can."""
    from textual.theme import BUILTIN_THEMES

    if name in BUILTIN_THEMES:
        return None
    line = 1
    if path is not None:
        found = re.search(r"^\s*theme\s*=", path.read_text("utf-8", "replace"), re.M)
        if found:
            line = path.read_text("utf-8", "replace")[: found.start()].count("\n") + 1
    hint = difflib.get_close_matches(name, list(BUILTIN_THEMES), n=1)
    suggestion = f"bedoelde u {hint[0]!r}?" if hint else f"kies uit {', '.join(BUILTIN_THEMES)}"
    return f"{path or 'config'}:{line}:1: theme: onbekend thema {name!r}; {suggestion}"
