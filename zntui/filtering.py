"""The list filter: plain words, a regex or fuzzy, optionally inverted.

``hoog risico``  every word occurs (plain, the default)
``re:^ZN-``      a regular expression (case-insensitive)
``~rtjns``       fuzzy: the letters occur in this order
``!…``           in front of any of these: keep what does *not* match
"""

from __future__ import annotations

import re
from collections.abc import Callable


class FilterError(ValueError):
    """A filter that cannot be used; the message says why."""


def compile_filter(query: str) -> Callable[[str], bool]:
    """A predicate over a row's lower-cased search text."""
    text = query.strip()
    invert = text.startswith("!")
    if invert:
        text = text[1:].strip()
    if text.startswith("re:"):
        try:
            pattern = re.compile(text[3:], re.IGNORECASE)
        except re.error as exc:
            raise FilterError(f"ongeldige regex: {exc}") from None

        def test(haystack: str) -> bool:
            return pattern.search(haystack) is not None

    elif text.startswith("~"):
        letters = text[1:].replace(" ", "").lower()

        def test(haystack: str) -> bool:
            position = 0
            for letter in letters:
                position = haystack.find(letter, position) + 1
                if not position:
                    return False
            return True

    else:
        words = text.lower().split()

        def test(haystack: str) -> bool:
            return all(word in haystack for word in words)

    return (lambda haystack: not test(haystack)) if invert else test
