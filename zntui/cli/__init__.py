"""The ``zntui`` command: opens the app by default; subcommands for headless work.

Kept light at import: ``zntui --help`` and ``--version`` load no models, no plugins,
no Textual. Each subcommand imports what it needs when it runs.

Exit codes, everywhere: 0 done; 1 a triage threshold was hit; 2 bad input or refused.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zntui import __version__

if TYPE_CHECKING:
    from zntui.plugins import RegisteredCommand

from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from zntui.commands import BUILTIN_COMMANDS

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_OK", "build_parser", "main"]

DESCRIPTION = """\
zntui: toezicht op zorgnetwerken vanuit de terminal.

Without a command, opens the app on DIR (default: the current folder).
Exit codes: 0 done, 1 triage threshold hit, 2 bad input or refused."""


def _add_plugin_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("plugins")
    group.add_argument(
        "--plugins-dir",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="also load every .py file in DIR as a plugin (repeatable)",
    )
    group.add_argument(
        "-p",
        dest="plugin_flags",
        action="append",
        default=[],
        metavar="no:NAME",
        help="disable a plugin by name, e.g. -p no:ambulante_ggz (repeatable)",
    )


def _add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="score every case afresh and leave the cache alone (also: ZNTUI_CACHE=off)",
    )


def build_parser(plugin_commands: Sequence[RegisteredCommand] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zntui",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"zntui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def case_command(name: str, **kwargs: str) -> argparse.ArgumentParser:
        """A command on one case file (its review); CASE_FILE is its first argument."""
        command = sub.add_parser(name, **kwargs)
        command.add_argument("case_file", type=Path, metavar="CASE_FILE")
        return command

    p = sub.add_parser("open", help="open the app on a folder of cases (the default)")
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR")
    p.add_argument(
        "--read-only", action="store_true", help="view only: nothing can be changed or saved"
    )
    p.add_argument(
        "--ascii",
        action="store_true",
        help="draw with ASCII only, for consoles without box-drawing characters",
    )
    _add_cache_option(p)
    _add_plugin_options(p)

    p = sub.add_parser("check", help="validate case files; one line per problem")
    p.add_argument("paths", nargs="+", type=Path, metavar="DIR|FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("triage", help="score every case and list the worst first")
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv", "markdown", "junit"),
        default="table",
        help="jsonl: one case a line, each as in the json format's cases list",
    )
    p.add_argument(
        "--statistics",
        action="store_true",
        help="instead of the list: per criterion, how many cases got each verdict "
        "(a table, or JSON with --format json)",
    )
    p.add_argument("--framework", action="append", default=[], help="only these frameworks")
    p.add_argument("--region", action="append", default=[], help="only these regions")
    p.add_argument(
        "--status",
        action="append",
        default=[],
        help="only cases with this review status (nieuw, in_behandeling, afgerond)",
    )
    p.add_argument(
        "--fail-under",
        metavar="VERDICT",
        help="exit 1 when any case's overall verdict is at or below VERDICT (e.g. VGN)",
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when --fail-under is hit (the outputs still mark those cases); "
        "invalid files and bad options still exit 2",
    )
    _add_cache_option(p)
    _add_plugin_options(p)

    p = sub.add_parser(
        "report",
        help="write the regional or national picture as Markdown, HTML or JSON",
        description="Every report passes one disclosure-control step: no names, ages, case "
        "ids or free text; regions below --small-cell cases are too small to show; counts "
        "are randomly rounded to multiples of N (small ones show as <N); cells that would "
        "let a small count be worked out are withheld (x).",
    )
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument("--level", choices=("regional", "national"), required=True)
    p.add_argument("--region", action="append", default=[], help="only these regions")
    p.add_argument("--format", choices=("markdown", "html", "json"), default="markdown")
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (never a .toml file)"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _add_cache_option(p)
    p.add_argument(
        "--small-cell",
        type=int,
        metavar="N",
        help="the disclosure threshold, at least 3: regions with fewer cases are not shown, "
        "counts are rounded to multiples of N (default: small_cell from the config, else 5)",
    )
    _add_plugin_options(p)

    p = sub.add_parser(
        "schema", help="print the JSON Schema of a case file, zntui.toml or *.review.toml"
    )
    p.add_argument(
        "--kind",
        choices=("case", "config", "review"),
        default="case",
        help="case (default): a case file; config: zntui.toml; review: NAME.review.toml",
    )
    p.add_argument("--indent", type=int, default=2)

    p = sub.add_parser("generate", help="write synthetic cases for demos and benchmarks")
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument("--count", type=int, default=100, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument("--force", action="store_true", help="write into a folder that has files")

    p = sub.add_parser("new", help="scaffold a new plugin package: zntui new plugin NAME [DIR]")
    p.add_argument("what", choices=("plugin",), metavar="plugin")
    p.add_argument("name", metavar="NAME")
    p.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="default: ./zntui-NAME")

    p = sub.add_parser("plugins", help="list loaded plugins and what they register")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _add_plugin_options(p)

    p = sub.add_parser("rules", help="list criteria; `rules explain ID` explains one")
    p.add_argument("action", nargs="?", choices=("list", "explain"), default="list")
    p.add_argument("criterion", nargs="?", metavar="ID")
    p.add_argument("--framework", action="append", default=[], help="only these frameworks")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--explain-scoring", action="store_true", help="explain how themes and cases are scored"
    )
    _add_plugin_options(p)

    p = case_command(
        "judge",
        help="record an inspector's judgement on a criterion",
        description="Verdicts in the Dutch words or short codes of the criterion's scale "
        "(on IGJ's: voldoet (V), voldoet grotendeels (VG), voldoet grotendeels niet (VGN), "
        "voldoet niet (VN)), or niet beoordeeld (NB).",
    )
    p.add_argument("criterion", metavar="CRITERION_ID")
    p.add_argument("verdict", nargs="+", metavar="VERDICT")
    p.add_argument("--reason", help="why; required when it differs from the automatic result")
    _add_plugin_options(p)

    p = case_command("note", help="add a note to a case's review")
    p.add_argument("text", nargs="+", metavar="TEXT")

    p = case_command("status", help="set a case's review status (nieuw, in behandeling, afgerond)")
    p.add_argument("status", nargs="+", metavar="STATUS")
    p.add_argument("--reason", help="why (optional)")

    p = case_command("unlock", help="reopen a finished (afgerond) review; the reason is audited")
    p.add_argument("--reason", required=True, help="why the finished review is reopened")

    p = sub.add_parser("cache", help="where the cache of scored cases is; `cache clear` empties it")
    p.add_argument("action", nargs="?", choices=("info", "clear"), default="info")

    p = sub.add_parser("info", help="which config, plugins and readers are in use")
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR")

    p = case_command("history", help="print the audit trail of a case's review")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser(
        "serve",
        help="open the app in a browser on this machine (needs zntui[web])",
        description="Listens on 127.0.0.1 only; from elsewhere use an SSH tunnel "
        "(ssh -N -L 8000:127.0.0.1:8000 HOST). Read-only unless --allow-changes.",
    )
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument("--port", type=int, default=8000, help="default: 8000")
    p.add_argument(
        "--allow-changes",
        action="store_true",
        help="let the browser record judgements, notes and status (default: read-only)",
    )
    _add_cache_option(p)
    _add_plugin_options(p)

    p = sub.add_parser(
        "completion",
        help="print a shell completion script: bash, zsh or fish",
        description='bash: eval "$(zntui completion bash)" in ~/.bashrc; '
        'zsh: eval "$(zntui completion zsh)" in ~/.zshrc, after compinit; '
        "fish: zntui completion fish > ~/.config/fish/completions/zntui.fish",
    )
    p.add_argument("shell", choices=("bash", "zsh", "fish"))

    for command in plugin_commands:
        p = sub.add_parser(command.name, help=f"{command.help} [plugin {command.plugin}]")
        _add_plugin_options(p)
        command.add_arguments(p)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """``zntui``, ``zntui DIR`` and ``zntui --plugins-dir X DIR`` all mean ``open``."""
    if any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return argv
    first = next((a for a in argv if not a.startswith("-")), None)
    if first in BUILTIN_COMMANDS:
        return argv
    if first is not None and not Path(first).exists() and first.isidentifier():
        return argv  # maybe a plugin command; resolved in main()
    return ["open", *argv]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["__complete"]:
        from zntui.cli.completion import run_complete

        return run_complete(lambda: build_parser(_installed_plugin_commands()), args_list[1:])
    args_list = _with_default_command(args_list)
    if args_list[:1] in (["-h"], ["--help"]):
        build_parser(_installed_plugin_commands()).parse_args(args_list)
    first = next((a for a in args_list if not a.startswith("-")), None)
    # Whatever a command prints — case text, file names, plugin messages, argparse
    # echoing an argument — reaches the terminal with its controls made visible.
    from zntui.untrusted import GuardedStream

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = GuardedStream(sys.stdout), GuardedStream(sys.stderr)  # type: ignore[assignment]
    try:
        if first is not None and first not in BUILTIN_COMMANDS:
            return _run_plugin_command(args_list)
        args = build_parser().parse_args(args_list)
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `zntui triage DIR | head` closed the pipe: not an error for the user.
        saved[1].close()
        return EXIT_OK
    finally:
        sys.stdout, sys.stderr = saved


def _dispatch(args: argparse.Namespace) -> int:
    import importlib

    module, _, function = BUILTIN_COMMANDS[args.command or "open"].partition(":")
    return int(getattr(importlib.import_module(module), function)(args))


def _installed_plugin_commands() -> list[RegisteredCommand]:
    """The commands of installed plugins, for ``zntui --help`` and completion.

    zntui's own plugins register none, so plugins are loaded (which costs the models
    and pydantic) only when another distribution declares a ``zntui`` entry point:
    with zntui alone, ``--help`` stays as fast as before.
    """
    if not _other_plugins_installed():
        return []
    from zntui.plugins import load_registry

    return list(load_registry().commands.values())


def _other_plugins_installed() -> bool:
    """Whether a distribution other than zntui declares a ``zntui`` entry point.

    Reads the metadata folders on sys.path directly: importing importlib.metadata
    alone would cost ``--help`` more than all the rest of it.
    """
    import os

    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            if name.rsplit(".", 1)[0].split("-")[0] == "zntui":  # zntui's own
                continue
            # Not open(): in this package `open` is the zntui.cli.open module once loaded.
            try:
                if b"[zntui]" in Path(folder or ".", name, "entry_points.txt").read_bytes():
                    return True
            except OSError:
                continue
    return False


def _run_plugin_command(argv: list[str]) -> int:
    from zntui.cli.common import config_for, registry_from_args

    pre = argparse.ArgumentParser(add_help=False)
    _add_plugin_options(pre)
    known, _ = pre.parse_known_args(argv)
    # Plugin commands have no case folder: the config is the current folder's.
    config = config_for(Path.cwd())
    registry = registry_from_args(known, config) if config else None
    if registry is None:
        return EXIT_BAD_INPUT
    args = build_parser(list(registry.commands.values())).parse_args(argv)
    return int(registry.commands[args.command].run(args))
