"""The footer: Textual's, with `?` always first.

At 80 columns the footer cannot hold every key; Textual lists the focused widget's keys
first and the app's last, so `?` (which lists them all) was the first to be cut.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

FIRST = ("help",)
"""Actions shown before all others, in this order."""
CHANGES = frozenset(
    {
        "app.edit",
        "problems.edit",
        "case.judge_v",
        "case.judge_g",
        "case.judge_n",
        "case.judge_x",
        "case.judge_b",
        "case.note",
        "case.status",
        "case.unlock",
        "client.status",
        "regional.follow_up",
    }
)
"""Bindings that change a file: neither the footer nor `?` offers them where nothing
may change (--read-only, an unreadable review). Pressed anyway, they say why not."""


def offered(binding: Binding, screen: object) -> bool:
    """Whether ``screen`` offers this binding: change keys only where changes are
    possible (a screen says so with ``offers_changes``; screens without may change)."""
    return binding.id not in CHANGES or bool(getattr(screen, "offers_changes", True))


class ZntuiFooter(Footer):
    """Textual's footer, drawn again only when the keys it shows change.

    Textual's recomposes it whenever the bindings may have changed (each focus change,
    each refresh of the bindings): a dozen new keys, each styled and laid out again, a
    few times before the first rows are on screen. The same keys are not drawn again."""

    _drawn: tuple[object, ...] | None = None
    """What the footer shows now (see :meth:`_shown`)."""

    def _shown(self) -> list[tuple[Binding, bool, str]]:
        active = self.screen.active_bindings
        shown = [
            (b, enabled, tip)
            for (_, b, enabled, tip) in active.values()
            if b.show and offered(b, self.screen)
        ]
        shown.sort(
            key=lambda item: FIRST.index(item[0].action) if item[0].action in FIRST else len(FIRST)
        )
        return shown

    @staticmethod
    def _signature(shown: list[tuple[Binding, bool, str]]) -> tuple[object, ...]:
        return tuple(
            (b.key, b.action, b.description, b.group, enabled, tip) for b, enabled, tip in shown
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._signature(self._shown()) != self._drawn:
            await self.recompose()

    def _key(self, key: FooterKey) -> FooterKey:
        # Textual binds each key's `compact` to the footer's, whose watcher restyles every
        # key once more after it is mounted. This footer's `compact` is given once.
        key.set_reactive(FooterKey.compact, self.compact)
        key.set_class(self.compact, "-compact", update=False)
        return key

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown = self._shown()
        self._drawn = self._signature(shown)
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for binding, enabled, tip in shown:
            by_action[binding.action].append((binding, enabled, tip))
        self.styles.grid_size_columns = len(by_action)
        for group, members in groupby(by_action.values(), lambda m: m[0][0].group):
            items = list(members)
            if group is not None and len(items) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for item in items:
                        binding, enabled, tip = item[0]
                        yield self._key(
                            FooterKey(
                                binding.key,
                                self.app.get_key_display(binding),
                                "",
                                binding.action,
                                disabled=not enabled,
                                tooltip=tip or binding.description,
                                classes="-grouped",
                            )
                        )
                yield FooterLabel(group.description)
                continue
            for item in items:
                binding, enabled, tip = item[0]
                yield self._key(
                    FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=tip,
                    )
                )
