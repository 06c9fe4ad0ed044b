"""Helpers for writing checks: verdict ids of the default (IGJ) scale and network queries.

``V``, ``VG``, ``VGN``, ``VN`` are the ids of the default scale, for checks of frameworks
that use it; a framework with a scale of its own returns its own ids (and may pass its
scale to :func:`fraction_verdict`).

A check is a plain function ``check(case, params) -> Outcome``. These helpers keep
checks short and make every plugin read the network the same way. A check tells four
situations apart (DESIGN.md §6, promise 3):

- the case file shows the criterion is met → a scale value (``V``…);
- it shows the criterion is not met → a lower scale value; only what the file records
  counts, including an absence the inspector asked after (``case.absent(...)``);
- it does not say → ``NB`` with evidence from :func:`not_recorded`
  ("Niet vastgelegd: wie coördineert.");
- the criterion does not apply to this client → ``NA`` with the reason.

Checks decide on declared vocabularies (``Discipline``, ``Sector``, ``ActionKind``,
``Topic``…), never on free text: :func:`role_matches` is kept for old plugins only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from zntui.engine.results import Outcome
from zntui.model.case import Case, EventKind, LinkKind, MemberKind, NetworkMember, Sector, Topic
from zntui.model.framework import DEFAULT_SCALE, NOT_APPLICABLE, NOT_ASSESSED, Scale

V = "voldoet"
VG = "voldoet_grotendeels"
VGN = "voldoet_grotendeels_niet"
VN = "voldoet_niet"
NB = NOT_ASSESSED
NA = NOT_APPLICABLE

ORDER = [V, VG, VGN, VN]
"""The default scale, best first."""

__all__ = [
    "NA",
    "NB",
    "ORDER",
    "VG",
    "VGN",
    "VN",
    "Outcome",
    "V",
    "age_in_days",
    "care_professionals",
    "concerning",
    "count_of",
    "fraction_verdict",
    "in_sectors",
    "informal_carers",
    "linked_any",
    "names",
    "not_applicable",
    "not_recorded",
    "role_matches",
    "sectors",
    "sentence",
    "verb",
    "weigh_concerns",
    "worse",
    "worst",
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


def worse(a: str, b: str) -> str:
    """The worse of two verdicts of the default scale."""
    return max(a, b, key=ORDER.index)


def worst(verdicts: Iterable[str]) -> str:
    """The worst of verdicts of the default scale; ``NB`` when there are none."""
    listed = [v for v in verdicts if v in ORDER]
    return max(listed, key=ORDER.index) if listed else NB


def sentence(text: str) -> str:
    """Evidence is report Dutch: a capital at the start, a full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


def not_recorded(*what: str) -> Outcome:
    """Niet beoordeeld, saying what the file does not record: 'Niet vastgelegd: wie …'."""
    return Outcome(NB, [f"Niet vastgelegd: {w.rstrip('.')}." for w in what])


def not_applicable(why: str) -> Outcome:
    """Niet van toepassing, saying why."""
    return Outcome(NA, [sentence(f"{why.rstrip('.')}: niet van toepassing")])


def count_of(part: int, total: int, noun: str, plural: str) -> str:
    """'1 van de 3 zorgverleners', 'alle 3 zorgverleners', 'beide zorgverleners', 'de enige
    zorgverlener' — never 'alle 1' or '1 van 1'. Pair it with :func:`verb`."""
    if total == 1:
        return f"de enige {noun}" if part == 1 else f"de {noun}"
    if part == total:
        return f"beide {plural}" if total == 2 else f"alle {total} {plural}"
    return f"{part} van de {total} {plural}"


def verb(count: int, singular: str, plural: str) -> str:
    """The verb form that goes with ``count`` of :func:`count_of`: 'heeft' / 'hebben'."""
    return singular if count == 1 else plural


def care_professionals(
    case: Case, kinds: Iterable[str] = (MemberKind.ZORG, MemberKind.WMO)
) -> list[NetworkMember]:
    """Zorg- en hulpverleners (of ``kinds``) who deliver care or support now."""
    wanted = {MemberKind(k) for k in kinds}
    return [m for m in case.members if m.kind in wanted and m.delivers_care]


def informal_carers(case: Case) -> list[NetworkMember]:
    """Mantelzorgers and other informal helpers."""
    return [m for m in case.members if m.kind.informal]


def sectors(values: Iterable[str]) -> set[Sector]:
    """Sector ids from a rules file's parameters; an unknown id raises ValueError."""
    return {Sector(v) for v in values}


def in_sectors(member: NetworkMember, wanted: set[Sector]) -> bool:
    """Whether the member's discipline belongs to one of ``wanted`` sectors."""
    return member.sector in wanted


def names(members: Iterable[NetworkMember]) -> str:
    """Members by role, for evidence: 'huisarts, wijkverpleegkundige'. Never by name."""
    return ", ".join(m.label for m in members)


def age_in_days(case: Case, date: dt.date) -> int:
    """Days between ``date`` and the date the case describes."""
    return (case.reference_date - date).days


def concerning(case: Case, topics: Iterable[str], since: dt.date | None = None) -> list[str]:
    """Evidence lines for incidents, complaints and signals that concern ``topics``."""
    wanted = {Topic(t) for t in topics}
    lines = []
    for event in case.events:
        if event.kind.needs_handover or not wanted & set(event.concerns):
            continue
        if since is not None and event.date < since:
            continue
        about = ", ".join(t.label for t in event.concerns if t in wanted)
        kind = "klacht" if event.kind is EventKind.KLACHT else event.kind.value
        lines.append(sentence(f"{kind} op {event.date:%d-%m-%Y} betreft {about}"))
    return lines


def weigh_concerns(case: Case, params: dict[str, object], outcome: Outcome) -> Outcome:
    """Lower a verdict one step when an incident, complaint or signal concerns it.

    The topics come from the criterion's ``concerns`` parameter in the rules file; the
    evidence names each event. A verdict off the scale is kept, with the lines added.
    """
    topics = params.get("concerns", ())
    lines = concerning(case, topics if isinstance(topics, list | tuple) else ())
    if not lines:
        return outcome
    verdict = outcome.verdict
    if verdict in ORDER:
        verdict = ORDER[min(ORDER.index(verdict) + 1, len(ORDER) - 1)]
    return Outcome(verdict, [*outcome.evidence, *lines])


def role_matches(member: NetworkMember, fragments: Sequence[str]) -> bool:
    """Deprecated: whether the member's role or organisation contains one of ``fragments``.

    Free-text matching counts "POH-ggz" as both huisarts and ggz; decide on
    ``member.discipline`` / ``member.sector`` instead. Kept so old plugins still load.
    """
    text = f"{member.role} {member.organisation}".lower()
    return any(fragment.lower() in text for fragment in fragments)


def linked_any(case: Case, a: str, others: Iterable[str], kinds: Iterable[LinkKind]) -> bool:
    """Whether ``a`` has a link of one of ``kinds`` with any of ``others`` (either way)."""
    if not isinstance(others, list | tuple | set | frozenset):
        others = list(others)  # read once per kind below
    for kind in kinds:
        near = case.neighbours(a, kind)
        if not near:
            continue
        if a not in near:  # then every member in near is another: one test in C
            if not near.isdisjoint(others):
                return True
        elif any(b != a and b in near for b in others):
            return True
    return False
