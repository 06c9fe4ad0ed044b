"""Text for the screen: verdicts as symbol + word, so colour is never the only signal."""

from __future__ import annotations

from rich.text import Text

from zntui.model.framework import DEFAULT_SCALE, NOT_ASSESSED, Scale

VERDICT_STYLE = {
    "voldoet": "green",
    "voldoet_grotendeels": "cyan",
    "voldoet_grotendeels_niet": "yellow",
    "voldoet_niet": "bold red",
    NOT_ASSESSED: "dim",
}


def verdict_short(verdict: str, scale: Scale = DEFAULT_SCALE) -> Text:
    return Text(scale.cell(verdict), style=VERDICT_STYLE.get(verdict, ""))


def verdict_long(verdict: str, scale: Scale = DEFAULT_SCALE) -> Text:
    value = scale.get(verdict)
    label = f"{value.symbol} {value.label}" if value else "· niet beoordeeld"
    return Text(label, style=VERDICT_STYLE.get(verdict, ""))
