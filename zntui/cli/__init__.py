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

LEVELS = {"regionaal": "regional", "landelijk": "national", "regional": "regional",
          "national": "national"}  # fmt: skip
"""``--level`` in Dutch, and the ids of the JSON format (kept for scripts)."""
LEVEL_WORDS = tuple(LEVELS)

DESCRIPTION = """\
zntui: toezicht op zorgnetwerken vanuit de terminal.

Zonder opdracht opent zntui de app op MAP (standaard: de huidige map).
Afsluitcodes: 0 klaar, 1 drempel van triage geraakt, 2 foute invoer of geweigerd.
Opdrachten en JSON-sleutels zijn Engels (vaste namen voor scripts); al het andere
is Nederlands."""


def _add_plugin_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("plugins")
    group.add_argument(
        "--plugins-dir",
        action="append",
        type=Path,
        default=[],
        metavar="MAP",
        help="laad ook elk .py-bestand in MAP als plugin (herhaalbaar)",
    )
    group.add_argument(
        "-p",
        dest="plugin_flags",
        action="append",
        default=[],
        metavar="no:NAAM",
        help="zet een plugin uit op naam, bv. -p no:ambulante_ggz (herhaalbaar)",
    )


def _add_framework_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--framework",
        action="append",
        default=[],
        metavar="KADER",
        help="alleen dit toetsingskader",
    )


def _add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="beoordeel elke casus opnieuw en laat de cache met rust (ook: ZNTUI_CACHE=off)",
    )


def build_parser(plugin_commands: Sequence[RegisteredCommand] = ()) -> argparse.ArgumentParser:
    from zntui.cli.dutch import speak_dutch

    speak_dutch()
    parser = argparse.ArgumentParser(
        prog="zntui",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"zntui {__version__}", help="toon de versie"
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten")

    def case_command(name: str, **kwargs: str) -> argparse.ArgumentParser:
        """A command on one case file (its review); CASUSBESTAND is its first argument."""
        command = sub.add_parser(name, **kwargs)
        command.add_argument("case_file", type=Path, metavar="CASUSBESTAND")
        return command

    p = sub.add_parser("open", help="open de app op een map met casussen (de standaard)")
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="MAP")
    p.add_argument(
        "--read-only", action="store_true", help="alleen bekijken: niets wijzigen of bewaren"
    )
    p.add_argument(
        "--ascii",
        action="store_true",
        help="teken alleen met ASCII, voor consoles zonder lijntekens",
    )
    _add_cache_option(p)
    _add_plugin_options(p)

    p = sub.add_parser(
        "check", help="controleer casusbestanden; één regel per probleem (standaard: deze map)"
    )
    p.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="MAP|BESTAND")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("triage", help="beoordeel elke casus en toon de slechtste eerst")
    p.add_argument("dir", type=Path, metavar="MAP")
    p.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv", "markdown", "junit"),
        default="table",
        help="jsonl: één casus per regel, elk als in de lijst cases van het json-formaat",
    )
    p.add_argument(
        "--statistics",
        action="store_true",
        help="in plaats van de lijst: per criterium hoeveel casussen elk oordeel kregen "
        "(een tabel, of JSON met --format json)",
    )
    _add_framework_option(p)
    p.add_argument(
        "--region", action="append", default=[], metavar="REGIO", help="alleen deze regio's"
    )
    p.add_argument(
        "--status",
        action="append",
        default=[],
        help="alleen casussen met deze status (nieuw, in behandeling, afgerond)",
    )
    p.add_argument(
        "--fail-under",
        metavar="OORDEEL",
        help="afsluitcode 1 als het oordeel van een casus OORDEEL is of slechter (bv. VGN)",
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="afsluitcode 0 ook als --fail-under geraakt is (de uitvoer markeert die "
        "casussen nog); ongeldige bestanden en foute opties geven nog steeds 2",
    )
    _add_cache_option(p)
    _add_plugin_options(p)

    p = sub.add_parser(
        "report",
        help="schrijf het regionale of landelijke beeld als Markdown, HTML of JSON",
        description="Elk rapport gaat door één stap van onthullingscontrole: geen namen, "
        "leeftijden, casusnummers of vrije tekst; regio's met minder dan --small-cell "
        "casussen zijn te klein om te tonen; aantallen worden willekeurig afgerond op "
        "veelvouden van N (kleine als <N); cellen waaruit een klein aantal terug te rekenen "
        "is, worden weggelaten (x).",
    )
    p.add_argument("dir", type=Path, metavar="MAP")
    p.add_argument(
        "--level",
        choices=LEVEL_WORDS,
        metavar="NIVEAU",
        help="regionaal (standaard) of landelijk; ook regional of national",
    )
    p.add_argument(
        "--region", action="append", default=[], metavar="REGIO", help="alleen deze regio's"
    )
    p.add_argument("--format", choices=("markdown", "html", "json"), default="markdown")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="BESTAND",
        help="schrijf naar BESTAND (nooit een .toml-bestand)",
    )
    p.add_argument("--force", action="store_true", help="vervang BESTAND als het bestaat")
    _add_cache_option(p)
    p.add_argument(
        "--small-cell",
        type=int,
        metavar="N",
        help="de drempel, minstens 3: regio's met minder casussen worden niet getoond, "
        "aantallen worden afgerond op veelvouden van N (standaard: small_cell uit de "
        "config, anders 5)",
    )
    _add_plugin_options(p)

    p = sub.add_parser(
        "schema", help="toon het JSON-schema van een casusbestand, zntui.toml of *.review.toml"
    )
    p.add_argument(
        "--kind",
        choices=("case", "config", "review"),
        default="case",
        help="case (standaard): een casusbestand; config: zntui.toml; review: NAAM.review.toml",
    )
    p.add_argument("--indent", type=int, default=2, help="inspringing (standaard 2)")

    p = sub.add_parser("generate", help="schrijf verzonnen casussen voor demo's en benchmarks")
    p.add_argument("dir", type=Path, metavar="MAP")
    p.add_argument("--count", type=int, default=100, metavar="N", help="hoeveel (standaard 100)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="startwaarde (standaard 1)")
    p.add_argument(
        "--region",
        action="append",
        default=[],
        metavar="REGIO",
        help="alleen in deze regio's (herhaalbaar; standaard: tien regio's)",
    )
    p.add_argument(
        "--force", action="store_true", help="schrijf ook in een map waar al bestanden staan"
    )

    p = sub.add_parser("new", help="zet een nieuw pluginpakket klaar: zntui new plugin NAAM [MAP]")
    p.add_argument("what", choices=("plugin",), metavar="plugin")
    p.add_argument("name", metavar="NAAM")
    p.add_argument("dir", nargs="?", type=Path, metavar="MAP", help="standaard: ./zntui-NAAM")

    p = sub.add_parser("plugins", help="toon de geladen plugins en wat ze registreren")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _add_plugin_options(p)

    p = sub.add_parser("rules", help="toon de criteria; `rules explain ID` legt er een uit")
    p.add_argument("action", nargs="?", choices=("list", "explain"), default="list")
    p.add_argument("criterion", nargs="?", metavar="ID")
    _add_framework_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--explain-scoring",
        action="store_true",
        help="leg uit hoe thema's en casussen beoordeeld worden",
    )
    _add_plugin_options(p)

    p = case_command(
        "judge",
        help="leg het oordeel van de inspecteur over een criterium vast",
        description="Oordelen in de woorden of korte codes van de schaal van het criterium "
        "(op die van de IGJ: voldoet (V), voldoet grotendeels (VG), voldoet grotendeels niet "
        "(VGN), voldoet niet (VN)), of niet beoordeeld (NB).",
    )
    p.add_argument("criterion", metavar="CRITERIUM")
    p.add_argument("verdict", nargs="+", metavar="OORDEEL")
    p.add_argument(
        "--reason", help="waarom; verplicht als het afwijkt van de automatische uitkomst"
    )
    _add_plugin_options(p)

    p = case_command("note", help="voeg een notitie toe aan de beoordeling van een casus")
    p.add_argument("text", nargs="+", metavar="TEKST")

    p = case_command("status", help="zet de status van een casus (nieuw, in behandeling, afgerond)")
    p.add_argument("status", nargs="+", metavar="STATUS")
    p.add_argument("--reason", help="waarom (niet verplicht)")

    p = case_command(
        "unlock", help="heropen een afgeronde beoordeling; de reden komt in de geschiedenis"
    )
    p.add_argument("--reason", required=True, help="waarom de beoordeling heropend wordt")

    p = sub.add_parser(
        "cache", help="waar de cache van beoordeelde casussen staat; `cache clear` leegt hem"
    )
    p.add_argument("action", nargs="?", choices=("info", "clear"), default="info")

    p = sub.add_parser("info", help="welke config, plugins en lezers in gebruik zijn")
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="MAP")

    p = case_command("history", help="toon de geschiedenis van de beoordeling van een casus")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser(
        "serve",
        help="open de app in een browser op deze machine (vraagt zntui[web])",
        description="Luistert alleen op 127.0.0.1; van elders via een SSH-tunnel "
        "(ssh -N -L 8000:127.0.0.1:8000 HOST). Alleen-lezen tenzij --allow-changes.",
    )
    p.add_argument("dir", type=Path, metavar="MAP")
    p.add_argument("--port", type=int, default=8000, help="standaard: 8000")
    p.add_argument(
        "--allow-changes",
        action="store_true",
        help="laat de browser oordelen, notities en status vastleggen (standaard: alleen-lezen)",
    )
    _add_cache_option(p)
    _add_plugin_options(p)

    p = sub.add_parser(
        "completion",
        help="toon een script voor aanvullen in de shell: bash, zsh of fish",
        description='bash: eval "$(zntui completion bash)" in ~/.bashrc; '
        'zsh: eval "$(zntui completion zsh)" in ~/.zshrc, na compinit; '
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
    word = next((a for a in argv if not a.startswith("-")), "")
    if word not in registry.commands:
        return _not_a_command(word, [*BUILTIN_COMMANDS, *registry.commands])
    args = build_parser(list(registry.commands.values())).parse_args(argv)
    return int(registry.commands[args.command].run(args))


def _not_a_command(word: str, commands: list[str]) -> int:
    """``zntui tirage`` or ``zntui some_missing_dir``: neither a command nor a folder."""
    from zntui.cli.common import error
    from zntui.cli.dutch import did_you_mean

    hint = did_you_mean(word, commands)
    if hint:
        error(f"onbekende opdracht {word!r}{hint}")
    else:
        error(
            f"{word}: die map bestaat niet; geef de map met casusbestanden, "
            "of een opdracht (zntui --help)"
        )
    return EXIT_BAD_INPUT
