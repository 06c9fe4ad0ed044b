"""Small modal prompts: a line of text (reason, note), a choice (review status, sort) and
a set of choices (the list's columns)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList
from textual.widgets.option_list import Option


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line. Enter returns it, Esc returns None (the caller keeps nothing)."""

    BINDINGS = [Binding("escape,ctrl+g", "cancel", "Annuleren", id="prompt.cancel")]

    def __init__(self, title: str, hint: str = "", value: str = "", required: bool = False):
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.initial_value = value
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt"):
            yield Label(self.title_text, classes="prompt-title")
            if self.hint:
                yield Label(self.hint, classes="prompt-hint")
            yield Input(value=self.initial_value, id="prompt-input")
            yield Label("Enter bewaart · Esc annuleert", classes="prompt-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.required and not text:
            self.notify("Een reden is verplicht.", severity="warning")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoicePrompt(ModalScreen[str | None]):
    """Choose one of a few options with the arrows (or j/k) and Enter, or Esc to cancel."""

    BINDINGS = [
        Binding("escape,ctrl+g,q", "cancel", "Annuleren", id="choice.cancel"),
        Binding("j", "move(1)", "Omlaag", show=False, id="choice.down"),
        Binding("k", "move(-1)", "Omhoog", show=False, id="choice.up"),
    ]

    def __init__(self, title: str, options: list[tuple[str, str]], current: str = ""):
        super().__init__()
        self.title_text = title
        self.options = options
        self.selected_value = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt"):
            yield Label(self.title_text, classes="prompt-title")
            yield OptionList(
                *(
                    Option(f"{'● ' if key == self.selected_value else '  '}{label}", id=key)
                    for key, label in self.options
                ),
                id="choice-list",
            )
            yield Label("↑↓/j k kiest · Enter bevestigt · Esc annuleert", classes="prompt-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        _move(self.query_one("#choice-list", OptionList), step)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _move(options: OptionList, step: int) -> None:
    if step > 0:
        options.action_cursor_down()
    else:
        options.action_cursor_up()


class ColumnsPrompt(ModalScreen[list[str] | None]):
    """Tick the options to keep (Space), Enter applies, Esc cancels."""

    BINDINGS = [
        Binding("escape,ctrl+g,q", "cancel", "Annuleren", id="columns.cancel"),
        Binding("enter", "apply", "Toepassen", priority=True, id="columns.apply"),
        Binding("j", "move(1)", "Omlaag", show=False, id="columns.down"),
        Binding("k", "move(-1)", "Omhoog", show=False, id="columns.up"),
    ]

    def __init__(self, title: str, options: list[tuple[str, str]], chosen: list[str]):
        super().__init__()
        self.title_text = title
        self.options = options
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt"):
            yield Label(self.title_text, classes="prompt-title")
            yield SelectionList[str](
                *((label, key, key in self.chosen) for key, label in self.options),
                id="columns-list",
            )
            yield Label(
                "↑↓/j k kiest · spatie zet aan/uit · Enter past toe · Esc annuleert",
                classes="prompt-keys",
            )

    def action_apply(self) -> None:
        chosen = set(self.query_one("#columns-list", SelectionList).selected)
        self.dismiss([key for key, _ in self.options if key in chosen])

    def action_move(self, step: int) -> None:
        _move(self.query_one("#columns-list", SelectionList), step)

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm_finish(count: int = 1) -> ChoicePrompt:
    """Asked before status afgerond: it locks the review, and unlocking needs a reason
    that is audited. "Nee" comes first, so Enter alone changes nothing."""
    what = "deze review" if count == 1 else f"{count} reviews"
    return ChoicePrompt(
        f"Afronden vergrendelt {what}; ontgrendelen vraagt een reden. Afronden?",
        [("nee", "Nee, niet afronden"), ("ja", "Ja, afronden en vergrendelen")],
        "nee",
    )
