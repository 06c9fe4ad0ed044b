"""Helpers for writing checks: verdict ids of the default (IGJ) scale and network queries.

``V``, ``VG``, ``VGN``, ``VN`` are the ids of the default scale, for checks of frameworks
that use it; a framework with a scale of its own returns its own ids (and may pass its
scale to :func:`fraction_verdict`).

A check is a plain function ``check(case, params) -> Outcome``. These helpers keep
checks short and make every plugin read the network the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from zntui.engine.results import Outcome
from zntui.model.case import Case, LinkKind, MemberKind, NetworkMember
from zntui.model.framework import DEFAULT_SCALE, NOT_ASSESSED, Scale

V = "voldoet"
VG = "voldoet_grotendeels"
VGN = "voldoet_grotendeels_niet"
VN = "voldoet_niet"
NB = NOT_ASSESSED

__all__ = [
    "NB",
    "VG",
    "VGN",
    "VN",
    "Outcome",
    "V",
    "age_in_days",
    "care_professionals",
    "fraction_verdict",
    "informal_carers",
    "names",
    "role_matches",
]


def fraction_verdict(good: int, total: int, scale: Scale = DEFAULT_SCALE) -> str:
    """The best value of ``scale`` whose score the share ``good / total`` reaches.

    On the default scale: all → voldoet, ≥ ⅔ → grotendeels, ≥ ⅓ → grotendeels niet,
    less → voldoet niet. Nothing to count → niet beoordeeld.
    """
    if total <= 0:
        return NB
    share = good / total
    # A small tolerance: 2 of 3 is ⅔ exactly, though floats may say otherwise.
    return next((v.id for v in scale.values if v.score <= share + 1e-9), scale.worst.id)


def care_professionals(
    case: Case, kinds: Iterable[str] = (MemberKind.ZORG, MemberKind.WMO)
) -> list[NetworkMember]:
    """Professional members (of ``kinds``) who deliver care or support now."""
    wanted = {MemberKind(k) for k in kinds}
    return [m for m in case.members if m.kind in wanted and m.delivers_care]


def informal_carers(case: Case) -> list[NetworkMember]:
    """Mantelzorgers and other informal helpers."""
    return [m for m in case.members if m.kind in (MemberKind.MANTELZORG, MemberKind.INFORMEEL)]


def names(members: Iterable[NetworkMember]) -> str:
    """Members by role, for evidence: 'huisarts, wijkverpleegkundige'. Never by name."""
    return ", ".join(m.role for m in members)


def age_in_days(case: Case, date: dt.date) -> int:
    """Days between ``date`` and the date the case describes."""
    return (case.reference_date - date).days


def role_matches(member: NetworkMember, fragments: Sequence[str]) -> bool:
    """Whether the member's role or organisation contains one of ``fragments``."""
    text = f"{member.role} {member.organisation}".lower()
    return any(fragment.lower() in text for fragment in fragments)


def linked_any(case: Case, a: str, others: Iterable[str], kinds: Iterable[LinkKind]) -> bool:
    """Whether ``a`` has a link of one of ``kinds`` with any of ``others`` (either way)."""
    if not isinstance(others, list | tuple | set | frozenset):
        others = list(others)  # read once per kind below
    for kind in kinds:
        near = case.neighbours(a, kind)
        if near:
            for b in others:
                if b != a and b in near:
                    return True
    return False
