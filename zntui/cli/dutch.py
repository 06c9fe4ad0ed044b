"""argparse in Dutch: its own messages (usage, errors, the help's headings).

argparse looks every message it prints up through ``gettext`` (the module's ``_``),
which is how it is translated; zntui ships no ``.mo`` catalogue, so the few dozen
messages argparse has are translated here, and a message not listed stays as Python
wrote it rather than disappearing.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

MESSAGES: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected %s argument": "verwacht %s waarde",
    "expected %s arguments": "verwacht %s waarden",
    "invalid %(type)s value: %(value)r": "ongeldige waarde (%(type)s): %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn"
    ),
    "not allowed with argument %s": "niet samen met argument %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "ignored explicit argument %r": "genegeerde waarde %r",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unexpected option string: %s": "onverwachte optie: %s",
}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def speak_dutch() -> None:
    """Make argparse print its messages in Dutch (for this process: the zntui command)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; bedoelde u 'triage'?' for a near miss, else ''."""
    import difflib  # here: only a typo needs it

    hint = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"; bedoelde u {hint[0]!r}?" if hint else ""
