"""The list filter's modes: plain, regex, fuzzy, inverted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zntui.filtering import FilterError, compile_filter

ROWS = ["zn-2026-0001 twente enschede nieuw", "ggz-2026-0102 rijnmond rotterdam afgerond"]


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("twente", [0]),
        ("2026 nieuw", [0]),
        ("re:^ggz-", [1]),
        ("re:RIJN|twen", [0, 1]),
        ("~rjnmnd", [1]),
        ("~zntw", [0]),
        ("!twente", [1]),
        ("!re:^zn", [1]),
        ("!~rtdm", [0]),
        ("", [0, 1]),
    ],
)
def test_modes(query: str, kept: list[int]) -> None:
    keep = compile_filter(query)
    assert [i for i, row in enumerate(ROWS) if keep(row)] == kept


def test_bad_regex_says_why() -> None:
    with pytest.raises(FilterError, match="ongeldige regex"):
        compile_filter("re:(")


@given(st.text(max_size=30), st.text(max_size=60))
def test_inverting_keeps_exactly_the_rest(query: str, row: str) -> None:
    query = query.removeprefix("!")
    try:
        keep = compile_filter(query)
    except FilterError:
        return
    assert compile_filter("!" + query)(row) is not keep(row)
