"""Loading at scale: the link index, memory per case, and single-file updates."""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from zntui.checks import linked_any
from zntui.generate import generate_case
from zntui.model.case import Case, LinkKind


def _pairwise(case: Case, a: str, others: list[str], kinds: list[LinkKind]) -> bool:
    """linked_any as first written: a pair test for every other member and kind."""
    return any(
        case.linked(a, b, kind) or case.linked(b, a, kind)
        for b in others
        if b != a
        for kind in kinds
    )


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), picks=st.randoms(use_true_random=False))
def test_linked_any_answers_as_the_pair_tests_do(seed: int, picks: random.Random) -> None:
    case = Case.model_validate(generate_case(random.Random(seed), f"c-{seed}"))
    ids = [m.id for m in case.members]
    for a in ids:
        others = picks.sample(ids, picks.randint(0, len(ids)))
        for size in (1, 2):
            for kinds in combinations(list(LinkKind), size):
                assert linked_any(case, a, others, kinds) == _pairwise(
                    case, a, others, list(kinds)
                ), (a, others, kinds)
