"""The ASCII fallback: one ASCII character per glyph, and when it is chosen."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from zntui.ui.glyphs import to_ascii, wants_ascii


def test_boxes_symbols_and_accents() -> None:
    assert to_ascii("╭──╮\n│ok│\n╰──╯") == "+--+\n|ok|\n+--+"
    assert to_ascii("✓V ✗VN ~VG !VGN ·NB ● Zuid-Li…") == "+V xVN ~VG !VGN .NB * Zuid-Li~"
    assert to_ascii("▁▔▊▕█") == "_-||#"
    assert to_ascii("Cliënt coördineert café") == "Client coordineert cafe"
    assert to_ascii("\x1b[1mvet\x1b[0m") == "\x1b[1mvet\x1b[0m"  # escape sequences pass


@given(st.text())
def test_always_ascii_and_as_wide_as_before(text: str) -> None:
    out = to_ascii(text)
    assert out.isascii()
    width = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
    assert len(out) == width


def test_when_ascii_is_chosen() -> None:
    assert wants_ascii(True) and not wants_ascii(False)
    assert wants_ascii("auto", {"TERM": "linux", "LANG": "nl_NL.UTF-8"})
    assert wants_ascii("auto", {"TERM": "xterm", "LANG": "nl_NL.ISO-8859-1"})
    assert wants_ascii("auto", {"TERM": "xterm", "LC_ALL": "nl_NL", "LANG": "nl_NL.UTF-8"})
    assert not wants_ascii("auto", {"TERM": "tmux-256color", "LANG": "nl_NL.UTF-8"})
    assert not wants_ascii("auto", {"TERM": "xterm-256color"})  # no locale: no verdict
    assert not wants_ascii("auto", {"TERM": "xterm", "LC_CTYPE": "C.utf8"})
