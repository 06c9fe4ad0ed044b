"""The keymap: every binding has a stable id; a config ``[keymap]`` remaps ids to keys.

Problems are reported, never dropped: an unknown id (with the near miss) and two
bindings that would answer to the same key where they are active together.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from textual.binding import Binding

from zntui.ui.app import ZntuiApp
from zntui.ui.case_screen import CaseScreen
from zntui.ui.client_pane import ClientPane
from zntui.ui.level_panes import NationalPane, RegionalPane
from zntui.ui.main_screen import MainScreen

# The classes whose bindings are active together (the app's always are).
SCOPES: list[tuple[str, list[type]]] = [
    ("cliëntpaneel", [ZntuiApp, MainScreen, ClientPane]),
    ("regionaal paneel", [ZntuiApp, MainScreen, RegionalPane]),
    ("landelijk paneel", [ZntuiApp, MainScreen, NationalPane]),
    ("casus", [ZntuiApp, CaseScreen]),
]


def _bindings(cls: type) -> list[Binding]:
    return [b for b in getattr(cls, "BINDINGS", []) if isinstance(b, Binding)]


def binding_ids() -> dict[str, Binding]:
    """Every remappable binding, by id."""
    found: dict[str, Binding] = {}
    for _, classes in SCOPES:
        for cls in classes:
            for binding in _bindings(cls):
                if binding.id:
                    found[binding.id] = binding
    return found


def _keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def check_keymap(keymap: Mapping[str, str]) -> list[str]:
    """Problems with a keymap, as sentences; empty when it can be applied whole."""
    return usable_keymap(keymap)[1]


def usable_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The entries of a keymap that can be applied, and a sentence for each one that
    cannot: an unknown id (with the near miss), an entry without keys, or a remapping
    that makes two bindings answer to one key where they are active together. A bad
    entry costs only itself; the defaults stay for the bindings it named."""
    known = binding_ids()
    good: dict[str, str] = {}
    problems = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            hint = difflib.get_close_matches(binding_id, list(known), n=1)
            problems.append(
                f"keymap: onbekende id {binding_id!r}"
                + (f"; bedoelt u {hint[0]!r}?" if hint else "; `?` in de app toont de id's")
            )
        elif not _keys(keys):
            problems.append(f"keymap: {binding_id!r} heeft geen toetsen")
        else:
            good[binding_id] = keys
    while True:
        clashes = _clashes(good)
        if not clashes:
            return good, problems
        for scope, key, ids in clashes:
            bound = ", ".join(ids)
            culprits = [i for i in ids if i in good]
            problems.append(
                f"keymap-conflict in {scope}: toets {key!r} hoort bij {bound}; "
                f"overgeslagen: {', '.join(culprits)}"
            )
            for culprit in culprits:
                good.pop(culprit, None)


def _clashes(keymap: Mapping[str, str]) -> list[tuple[str, str, list[str]]]:
    """(scope, key, binding ids) for every key two bindings active together answer to."""
    found = []
    for scope, classes in SCOPES:
        owners: dict[str, list[str]] = {}
        for cls in classes:
            for binding in _bindings(cls):
                keys = keymap.get(binding.id or "", binding.key)
                for key in _keys(keys):
                    owners.setdefault(key, []).append(binding.id or binding.action)
        for key, ids in owners.items():
            if len(set(ids)) > 1:
                found.append((scope, key, sorted(set(ids))))
    return found


# Keys that often do not reach a program, or reach it late, over SSH, in tmux or in
# VS Code's terminal. Every default binding must have at least one key not listed here.
UNRELIABLE_KEYS: dict[str, str] = {
    "escape": "tmux holds Esc for its escape-time (500 ms by default) before passing it on",
    "ctrl+p": "VS Code's terminal takes it for Quick Open",
    "ctrl+s": "flow control (XOFF) freezes many terminals",
    "ctrl+q": "flow control (XON)",
    "ctrl+a": "the prefix key of GNU screen (and of many tmux setups)",
    "ctrl+b": "the prefix key of tmux",
    "ctrl+space": "not sent by many terminals",
    "shift+tab": "not sent by some terminals and by VS Code when Tab moves focus",
    "tab": "VS Code can take it to move focus (Ctrl+M toggles that)",
    **{
        f"f{n}": "function keys are taken by terminals, VS Code and window managers"
        for n in range(1, 13)
    },
}


def unreliable_only() -> list[str]:
    """Bindings whose every default key is in :data:`UNRELIABLE_KEYS`."""
    found = dict(binding_ids())
    from zntui.ui.prompts import ChoicePrompt, TextPrompt

    for cls in (TextPrompt, ChoicePrompt):
        found.update({b.id: b for b in _bindings(cls) if b.id})
    return sorted(
        binding_id
        for binding_id, binding in found.items()
        if all(key in UNRELIABLE_KEYS for key in _keys(binding.key))
    )
