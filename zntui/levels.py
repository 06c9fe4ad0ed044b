"""The regional and national pictures: pure functions from many scored cases.

They carry nothing that identifies a client upward: only region, framework, theme and
criterion ids, verdict counts and provider organisations. Every count below the
small-cell threshold is shown as "<N" by :func:`cell`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from zntui.engine.folder import ScoredCase
from zntui.engine.results import CaseAssessment
from zntui.model.framework import UNSCORED, Framework

DEFAULT_SMALL_CELL = 5

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


def cell(count: int, threshold: int = DEFAULT_SMALL_CELL) -> str:
    """A count as shown in regional and national output: small counts suppressed."""
    if 0 < count < threshold:
        return f"<{threshold}"
    return str(count)


@dataclass(frozen=True)
class ScoredInput:
    """What a level may know of one case: its assessment and provider organisations."""

    assessment: CaseAssessment
    organisations: tuple[str, ...] = ()
    risks: frozenset[str] = frozenset()
    """Labels of the recurring risks its failing criteria show (``Criterion.risks``)."""
    failing_themes: frozenset[tuple[str, str]] = frozenset()
    """(framework, theme) pairs whose verdict is below the middle of their scale."""


@dataclass
class ThemeDistribution:
    framework: str
    theme: str
    title: str
    counts: Counter[str] = field(default_factory=Counter)
    """Verdict id → number of cases."""
    failing: int = 0
    """Cases where the theme fails: below the middle of its framework's scale."""


@dataclass
class Picture:
    """The picture of a group of cases (a region, or the whole country)."""

    name: str
    cases: int
    frameworks: Counter[str]
    themes: list[ThemeDistribution]
    failing_criteria: list[tuple[str, int]]
    """Criterion id → number of cases where it fails (grotendeels niet or worse)."""
    risks: list[tuple[str, int]]
    """Seed risk → number of cases that show it."""
    providers: list[tuple[str, int]]
    """Organisation → number of failing networks it appears in."""


def inputs_from(
    cases: Iterable[ScoredCase], frameworks: Mapping[str, Framework]
) -> list[ScoredInput]:
    """What the levels may know of scored cases: assessments, provider organisations,
    and what the frameworks say their results mean (risks, failing themes)."""
    risk_of: dict[str, frozenset[str]] = {
        c.id: frozenset(f.risk_label(r) for r in c.risks)
        for f in frameworks.values()
        for c in f.criteria
        if c.risks
    }
    inputs = []
    for s in cases:
        a = s.assessment
        risks = frozenset(r for c in a.tally.failing for r in risk_of.get(c, ()))
        failing_themes = frozenset(
            (t.framework, t.theme)
            for t in a.themes
            if t.framework in frameworks
            and (v := frameworks[t.framework].scale.get(t.verdict)) is not None
            and v.score < 0.5
        )
        inputs.append(ScoredInput(a, s.organisations, risks, failing_themes))
    return inputs


def picture(name: str, inputs: Sequence[ScoredInput], top: int = 10) -> Picture:
    frameworks: Counter[str] = Counter()
    themes: dict[tuple[str, str], ThemeDistribution] = {}
    failing: Counter[str] = Counter()
    risks: Counter[str] = Counter()
    providers: Counter[str] = Counter()
    for item in inputs:
        a = item.assessment
        frameworks.update(a.frameworks)
        for t in a.themes:
            dist = themes.setdefault(
                (t.framework, t.theme), ThemeDistribution(t.framework, t.theme, t.title)
            )
            dist.counts[t.verdict] += 1
            dist.failing += (t.framework, t.theme) in item.failing_themes
        failing.update(a.tally.failing)
        risks.update(item.risks)
        if a.score is not None and a.score < 0.5:
            providers.update({o for o in item.organisations if o})
    return Picture(
        name=name,
        cases=len(inputs),
        frameworks=frameworks,
        themes=sorted(themes.values(), key=lambda d: (d.framework, d.theme)),
        failing_criteria=_most_common(failing, top),
        risks=_most_common(risks, len(risks)),
        providers=_most_common(providers, top),
    )


def _most_common(counter: Counter[str], top: int) -> list[tuple[str, int]]:
    """Highest count first; ties by name, so the same folder always reads the same."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:top]


def regional_pictures(inputs: Iterable[ScoredInput], top: int = 10) -> list[Picture]:
    """One picture per region, in name order."""
    by_region: dict[str, list[ScoredInput]] = defaultdict(list)
    for item in inputs:
        by_region[item.assessment.region].append(item)
    return [picture(region, items, top) for region, items in sorted(by_region.items())]


def national_picture(inputs: Sequence[ScoredInput], top: int = 10) -> Picture:
    return picture("Nederland", inputs, top)


def theme_share_failing(dist: ThemeDistribution) -> float | None:
    """Share of assessed cases where the theme fails (grotendeels niet or worse)."""
    assessed = sum(n for v, n in dist.counts.items() if v not in UNSCORED)
    if not assessed:
        return None
    return dist.failing / assessed
