"""The regional and national levels: pure functions from many scored cases to true counts.

A level never sees who a client is. Per case it receives a :class:`LevelCase` — region,
frameworks, a verdict per theme, the criteria that fail, whether the network fails and
the provider organisations in it, and an opaque record key — and nothing else: no case
id, no path, no name, no free text, no personal field (a test holds the type to that).

The counts made here are the *true* counts. They are never shown: every regional and
national output is made from a :class:`zntui.disclosure.Publication`, which only the
disclosure-control step (:func:`zntui.disclosure.publish`) can make from these counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from zntui.engine.results import CaseAssessment

if TYPE_CHECKING:  # a type only: reading cases back from the cache needs no pydantic
    from zntui.model.framework import Framework

NATIONAL = "Nederland"

REGIONAL_PARTIES = (
    "Gemeentelijke toezichthouder (Wmo)",
    "Gezondheidscentrum",
    "Regionale ondersteuningsstructuur",
    "Zorgaanbieders",
    "Burgemeester / wethouder",
    "Zorgverzekeraar",
    "Gemeente",
)
NATIONAL_PARTIES = (
    "Patiëntenverenigingen",
    "Zorginstituut Nederland (ZIN)",
    "Ministerie van VWS",
    "VNG",
    "Kennisinstituten",
    "Branche- en beroepsorganisaties",
    "Nederlandse Zorgautoriteit (NZa)",
    "Toezicht Sociaal Domein (TSD)",
)


def risk_criteria(frameworks: Mapping[str, Framework]) -> dict[str, frozenset[str]]:
    """Risk (its Dutch label) → the criteria that show it, as the frameworks declare them
    (``Criterion.risks``); the levels never name a criterion themselves."""
    declared: dict[str, set[str]] = defaultdict(set)
    for framework in frameworks.values():
        for criterion in framework.criteria:
            for risk in criterion.risks:
                declared[framework.risk_label(risk)].add(criterion.id)
    return {risk: frozenset(ids) for risk, ids in sorted(declared.items())}


class Scored(Protocol):
    """What :func:`level_case` reads of a scored case (the application layer's
    :class:`zntui.workflows.scored.ScoredCase` is one): the levels name no type above
    their own layer."""

    @property
    def assessment(self) -> CaseAssessment: ...
    @property
    def municipality(self) -> str: ...
    @property
    def organisations(self) -> tuple[str, ...]: ...
    @property
    def record_key(self) -> bytes:
        """:func:`record_key` of the case, taken when it was scored (b"": not taken)."""
        ...


@dataclass(frozen=True, slots=True)
class LevelCase:
    """What a level may know of one case — and all it may know.

    Nothing here identifies a client: ``record_key`` is a one-way digest of the whole
    assessment (its id, evidence and the inspector's reasons), used only to key the
    rounding of the tables the case is counted in, never shown; a reader who does not
    hold the case file cannot compute it.
    """

    region: str
    frameworks: tuple[str, ...]
    themes: tuple[tuple[str, str, str], ...]
    """(framework id, theme id, verdict id) per theme the case is scored on."""
    failing: frozenset[str]
    """Criterion ids at grotendeels niet or worse."""
    failing_network: bool
    """The case's overall score is below the middle of the scale."""
    organisations: frozenset[str]
    """Provider organisations in the network (counted only when the network fails)."""
    record_key: bytes


def record_key(a: CaseAssessment, municipality: str, organisations: Iterable[str]) -> bytes:
    """The opaque key of :attr:`LevelCase.record_key`: a digest of the whole assessment.

    Taken when a case is scored and kept with it (the cache keeps it in its row), so
    that the levels need not read every case's results back to make their tables."""
    import hashlib  # here: a list read from the cache takes no record key

    digest = hashlib.sha256()
    # Content only, never where the folder lies: the same cases must give the same
    # tables however the folder is named or copied (or two runs could be averaged).
    for part in (a.case_id, a.region, municipality, a.criteria_json()):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    for org in sorted(organisations):
        digest.update(org.encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()[:16]


def level_case(scored: Scored) -> LevelCase:
    """The de-identified view of one scored case."""
    a = scored.assessment
    key = scored.record_key or record_key(a, scored.municipality, scored.organisations)
    return LevelCase(
        region=a.region,
        frameworks=tuple(a.frameworks),
        themes=tuple((t.framework, t.theme, t.verdict) for t in a.themes),
        failing=frozenset(a.tally.failing),
        failing_network=a.score is not None and a.score < 0.5,
        organisations=frozenset(o for o in scored.organisations if o),
        record_key=key,
    )


def level_inputs(cases: Iterable[Scored]) -> list[LevelCase]:
    """What the levels may know of a folder's scored cases."""
    return [level_case(s) for s in cases]


@dataclass
class GroupCounts:
    """True counts of a group of cases (a region, or the country). Never shown as such."""

    name: str
    cases: int = 0
    frameworks: Counter[str] = field(default_factory=Counter)
    themes: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    """(framework, theme) → verdict id → number of cases."""
    failing: Counter[str] = field(default_factory=Counter)
    """Criterion id → cases where it fails."""
    risks: Counter[str] = field(default_factory=Counter)
    """Risk → cases that show it."""
    failing_networks: int = 0
    providers: Counter[str] = field(default_factory=Counter)
    """Organisation → failing networks it appears in."""
    keys: list[bytes] = field(default_factory=list)
    _key: bytes | None = field(default=None, repr=False)

    def add(self, case: LevelCase, risks: Mapping[str, frozenset[str]]) -> None:
        # Called once per case per group (20,000 times for a national folder): plain
        # dict arithmetic, no Counter made per call.
        self.cases += 1
        for framework in case.frameworks:
            self.frameworks[framework] += 1
        for framework, theme, verdict in case.themes:
            row = self.themes.get((framework, theme))
            if row is None:
                row = self.themes[(framework, theme)] = Counter()
            row[verdict] += 1
        for criterion in case.failing:
            self.failing[criterion] += 1
        if case.failing:
            for risk, criteria in risks.items():
                if not case.failing.isdisjoint(criteria):
                    self.risks[risk] += 1
        if case.failing_network:
            self.failing_networks += 1
            for org in case.organisations:
                self.providers[org] += 1
        self.keys.append(case.record_key)
        self._key = None

    def remove(self, case: LevelCase, risks: Mapping[str, frozenset[str]]) -> None:
        """Count ``case`` no more (it was added): the counts are then those of the group
        without it, with no zero left behind (a fresh count has none)."""
        self.cases -= 1
        for framework in case.frameworks:
            _less(self.frameworks, framework)
        for framework, theme, verdict in case.themes:
            row = self.themes[(framework, theme)]
            _less(row, verdict)
            if not row:
                del self.themes[(framework, theme)]
        for criterion in case.failing:
            _less(self.failing, criterion)
        if case.failing:
            for risk, criteria in risks.items():
                if not case.failing.isdisjoint(criteria):
                    _less(self.risks, risk)
        if case.failing_network:
            self.failing_networks -= 1
            for org in case.organisations:
                _less(self.providers, org)
        self.keys.remove(case.record_key)
        self._key = None

    def absorb(self, other: GroupCounts) -> None:
        """Count ``other``'s cases too, as if each had been added (groups that share no
        case: the country is the sum of its regions)."""
        self.cases += other.cases
        self.frameworks.update(other.frameworks)
        for theme, verdicts in other.themes.items():
            row = self.themes.get(theme)
            if row is None:
                self.themes[theme] = Counter(verdicts)
            else:
                row.update(verdicts)
        self.failing.update(other.failing)
        self.risks.update(other.risks)
        self.failing_networks += other.failing_networks
        self.providers.update(other.providers)
        self.keys.extend(other.keys)
        self._key = None

    @property
    def key(self) -> bytes:
        """A digest of every record key in the group: the same cases give the same key,
        one case more or less gives another (so every cell is rounded afresh)."""
        if self._key is None:
            import hashlib

            digest = hashlib.sha256(b"zntui-group\0" + self.name.encode("utf-8", "surrogatepass"))
            # One update of the keys joined is the digest of one update per key, in C.
            digest.update(b"".join(sorted(self.keys)))
            self._key = digest.digest()
        return self._key


def count_groups(
    cases: Sequence[LevelCase], frameworks: Mapping[str, Framework]
) -> tuple[list[GroupCounts], GroupCounts]:
    """True counts per region (in name order) and for the whole country."""
    risks = risk_criteria(frameworks)
    regions: dict[str, GroupCounts] = {}
    for case in cases:
        group = regions.get(case.region)
        if group is None:
            group = regions[case.region] = GroupCounts(case.region)
        group.add(case, risks)
    # Every case is in exactly one region: the country is their sum (each case counted
    # once, not twice; the disclosure step counts the whole table at every change).
    national = GroupCounts(NATIONAL)
    for name in sorted(regions):
        national.absorb(regions[name])
    return [regions[name] for name in sorted(regions)], national


def _less(counter: Counter[str], key: str) -> None:
    left = counter[key] - 1
    if left > 0:
        counter[key] = left
    else:
        del counter[key]


class RunningCounts:
    """True counts per region and for the country, kept as cases come and go: after any
    sequence of :meth:`add` and :meth:`remove` they equal :func:`count_groups` of the
    cases held — one case's work each, so a changed file is not a recount of them all."""

    def __init__(self, frameworks: Mapping[str, Framework]) -> None:
        self.risks = risk_criteria(frameworks)
        self.regions: dict[str, GroupCounts] = {}
        self.nation = GroupCounts(NATIONAL)

    @classmethod
    def of(cls, cases: Sequence[LevelCase], frameworks: Mapping[str, Framework]) -> RunningCounts:
        counts = cls(frameworks)
        regions, counts.nation = count_groups(cases, frameworks)
        counts.regions = {g.name: g for g in regions}
        return counts

    def add(self, case: LevelCase) -> None:
        group = self.regions.get(case.region)
        if group is None:
            group = self.regions[case.region] = GroupCounts(case.region)
        group.add(case, self.risks)
        self.nation.add(case, self.risks)

    def remove(self, case: LevelCase) -> None:
        """``case`` (as it was added) goes; a region left without cases goes with it."""
        group = self.regions[case.region]
        group.remove(case, self.risks)
        if group.cases == 0:
            del self.regions[case.region]
        self.nation.remove(case, self.risks)

    def groups(self) -> tuple[list[GroupCounts], GroupCounts]:
        """As :func:`count_groups`: the regions in name order, and the country."""
        return [self.regions[name] for name in sorted(self.regions)], self.nation
