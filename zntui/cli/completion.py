"""Shell completion: ``zntui completion bash|zsh|fish`` and the hidden ``zntui __complete``.

The scripts are a few lines that call back ``zntui __complete WORD… CURRENT`` each time
Tab is pressed, so they never go stale when a plugin adds a framework or a command.
Commands and options come from the argparse parser itself (cheap: nothing heavy is
imported); framework ids, criterion ids and verdict words load the plugins, and only
when the cursor is where one of them belongs. No candidates means "a file or folder":
each script then falls back to the shell's own file completion.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zntui.plugins import Registry

SHELLS = ("bash", "zsh", "fish")

BASH = """\
# zntui completion for bash: eval "$(zntui completion bash)" in ~/.bashrc
_zntui_complete() {
    local IFS=$'\\n'
    local cur="${COMP_WORDS[COMP_CWORD]}"
    COMPREPLY=($(zntui __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null))
}
complete -o default -F _zntui_complete zntui
"""

ZSH = """\
#compdef zntui
# zntui completion for zsh: eval "$(zntui completion zsh)" in ~/.zshrc (after compinit),
# or save it as _zntui in a folder on $fpath.
_zntui() {
    local -a candidates
    candidates=("${(@f)$(zntui __complete "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" \\
        2>/dev/null)}")
    if (( ${#candidates} )) && [[ -n "${candidates[1]}" ]]; then
        compadd -Q -- "${candidates[@]}"
    else
        _files
    fi
}
if (( $+functions[compdef] )); then
    compdef _zntui zntui
fi
"""

FISH = """\
# zntui completion for fish: zntui completion fish > ~/.config/fish/completions/zntui.fish
function __zntui_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    set -l out (zntui __complete $words "$current" 2>/dev/null)
    if test (count $out) -eq 0
        __fish_complete_path "$current"
    else
        printf '%s\\n' $out
    end
end
complete -c zntui -f -a '(__zntui_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}


def script(shell: str) -> str:
    """The completion script for ``shell`` (one of :data:`SHELLS`)."""
    return SCRIPTS[shell]


def run_completion(args: argparse.Namespace) -> int:
    sys.stdout.write(script(args.shell))
    return 0


# --- zntui __complete ----------------------------------------------------------------


def complete(parser: argparse.ArgumentParser, words: Sequence[str]) -> list[str]:
    """Candidates for the last of ``words`` (the word under the cursor, maybe empty).

    ``words`` are the command line after ``zntui``, ``parser`` zntui's own (with the
    plugin commands); an empty list means "complete a file name".
    """
    *before, current = list(words) or [""]
    commands = _subparsers(parser)
    command, position, pending = None, 0, None
    for word in before:
        if pending is not None:
            pending = None
            continue
        if word.startswith("-"):
            action = _option(commands.get(command or "open", parser), word)
            if action is not None and action.nargs != 0 and "=" not in word:
                pending = action
            continue
        if command is None and word in commands:
            command = word
        elif command is None:
            command = "open"  # `zntui DIR` opens the app
            position = 1
        else:
            position += 1
    # Before a command, options are the app's: `zntui --read-only DIR` opens it.
    target = commands.get(command or "open", parser)
    if pending is not None:
        return _finish(_values(pending, current, before), current)
    if current.startswith("-"):
        if "=" in current:
            name, _, value = current.partition("=")
            action = _option(target, name)
            values = _values(action, value, before) if action else []
            return _finish([f"{name}={v}" for v in values], current)
        return _finish(_options(target) if command else ["--version", *_options(target)], current)
    if command is None:
        return _finish(commands, current)  # nothing matched: a folder to open, so files
    positionals = [a for a in target._actions if not a.option_strings]
    action = _positional_at(positionals, position)
    if action is None:
        return []
    return _finish(_values(action, current, before), current)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _option(parser: argparse.ArgumentParser, word: str) -> argparse.Action | None:
    return parser._option_string_actions.get(word.split("=", 1)[0])


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [s for a in parser._actions for s in a.option_strings if s.startswith("--")] + [
        s for a in parser._actions for s in a.option_strings if not s.startswith("--")
    ]


def _positional_at(actions: list[argparse.Action], position: int) -> argparse.Action | None:
    for index, action in enumerate(actions):
        if action.nargs in ("+", "*", argparse.REMAINDER):
            return action if position >= index else None
        if index == position:
            return action
    return None


def _values(action: argparse.Action, current: str, before: Sequence[str]) -> list[str]:
    """What may stand where ``action`` takes its value."""
    if action.choices:
        return [str(c) for c in action.choices]
    key = action.dest
    if key == "plugin_flags":
        return [f"no:{name}" for name in _plugin_names()]
    if key == "status":
        from zntui.model.review import ReviewStatus

        return [s.value for s in ReviewStatus]
    if key == "framework":
        return sorted(_registry(before).frameworks)
    if key == "criterion":
        return _criterion_ids(before)
    if key in ("verdict", "fail_under"):
        return _verdict_words(before)
    return []


def _plugin_names() -> list[str]:
    from importlib.metadata import entry_points

    return sorted({ep.name for ep in entry_points(group="zntui")})


def _registry(before: Sequence[str]) -> Registry:
    from pathlib import Path

    from zntui.plugins import load_registry

    dirs = [Path(w) for flag, w in itertools.pairwise(before) if flag == "--plugins-dir"]
    disabled = [w[3:] for flag, w in itertools.pairwise(before) if flag == "-p"]
    return load_registry(plugins_dirs=dirs, disabled=[d for d in disabled if d])


def _criterion_ids(before: Sequence[str]) -> list[str]:
    registry = _registry(before)
    ids = [
        criterion.id
        for framework in registry.frameworks.values()
        for theme in framework.themes
        for norm in theme.norms
        for criterion in norm.criteria
    ]
    # ZN.IZ.2 before ZN.IZ.10: numbers compare as numbers.
    return sorted(
        ids, key=lambda i: [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in i.split(".")]
    )


def _verdict_words(before: Sequence[str]) -> list[str]:
    """Short codes and ids of the scale in force: the judged criterion's framework's."""
    from zntui.model.framework import DEFAULT_SCALE, NOT_ASSESSED

    scale = DEFAULT_SCALE
    if before[:1] == ["judge"] and len(before) >= 3:
        found = _registry(before).criterion(before[2])
        if found is not None:
            scale = found[0].scale
    words = [v.short for v in scale.values] + ["NB"]
    return words + [v.id for v in scale.values] + [NOT_ASSESSED]


def _finish(candidates: Iterable[str], current: str) -> list[str]:
    seen: dict[str, None] = {}
    for candidate in candidates:
        if candidate and candidate.lower().startswith(current.lower()):
            seen.setdefault(candidate)
    return list(seen)


def run_complete(parser: Callable[[], argparse.ArgumentParser], words: Sequence[str]) -> int:
    """``zntui __complete WORD… CURRENT``: one candidate a line; never a traceback.

    ``parser`` builds zntui's parser with the plugin commands (passed in, so that this
    module does not import the CLI that imports it)."""
    try:
        candidates = complete(parser(), words)
    except Exception:  # a broken plugin must not break the user's shell
        candidates = []
    sys.stdout.write("".join(f"{c}\n" for c in candidates))
    return 0
