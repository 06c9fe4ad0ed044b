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
    """Problems with a keymap, as sentences; empty when it can be applied."""
    known = binding_ids()
    problems = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            hint = difflib.get_close_matches(binding_id, list(known), n=1)
            problems.append(
                f"keymap: unknown binding id {binding_id!r}"
                + (f"; did you mean {hint[0]!r}?" if hint else "; `?` in the app lists them")
            )
        elif not _keys(keys):
            problems.append(f"keymap: {binding_id!r} has no keys")
    for scope, classes in SCOPES:
        owners: dict[str, list[str]] = {}
        for cls in classes:
            for binding in _bindings(cls):
                keys = keymap.get(binding.id or "", binding.key)
                for key in _keys(keys):
                    owners.setdefault(key, []).append(binding.id or binding.action)
        for key, ids in owners.items():
            if len(set(ids)) > 1:
                bound = ", ".join(sorted(set(ids)))
                problems.append(f"keymap conflict in {scope}: key {key!r} is bound to {bound}")
    return problems
