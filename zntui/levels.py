"""The regional and national pictures: pure functions from many scored cases.

They carry nothing that identifies a client upward: only region, framework, theme and
criterion ids, verdict counts and provider organisations. Every count below the
small-cell threshold is shown as "<N" by :func:`cell`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from zntui.engine.folder import ScoredCase
from zntui.engine.results import CaseAssessment
from zntui.model.framework import NOT_ASSESSED

DEFAULT_SMALL_CELL = 5

# The recurring risks of the seed, and the criteria that show them.
RISK_THEMES: dict[str, tuple[str, ...]] = {
    "onvoldoende samenwerking": ("ZN.IZ.1", "ZN.IZ.4", "ZN.IZ.5", "GGZ.IZ.1", "GGZ.IZ.5"),
    "niet afgestemde zorg": ("ZN.IZ.2", "ZN.IZ.6", "ZN.MZ.3", "ZN.CC.4"),
    "onvoldoende overdracht": ("ZN.IZ.3", "GGZ.IZ.1"),
}

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


@dataclass
class ThemeDistribution:
    framework: str
    theme: str
    title: str
    counts: Counter[str] = field(default_factory=Counter)
    """Verdict id → number of cases."""


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


def inputs_from(cases: Iterable[ScoredCase]) -> list[ScoredInput]:
    """What the levels may know of scored cases: assessments and provider organisations."""
    return [ScoredInput(s.assessment, s.organisations) for s in cases]


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
        failed = a.tally.failing
        failing.update(failed)
        for risk, criteria in RISK_THEMES.items():
            if failed & set(criteria):
                risks[risk] += 1
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
    assessed = sum(n for v, n in dist.counts.items() if v != NOT_ASSESSED)
    if not assessed:
        return None
    bad = dist.counts.get("voldoet_grotendeels_niet", 0) + dist.counts.get("voldoet_niet", 0)
    return bad / assessed
