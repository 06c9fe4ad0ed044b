"""The case list, built once for every surface: the client list, the triage table,
markdown, CSV, JUnit and the exports.

Its theme columns come from the frameworks present in the cases shown, never from a
fixed list. Verdicts are always read on their own framework's scale, and the overall
verdict on the scale it was expressed in (:func:`overall_scale`).

- Files (CSV, JSON, Markdown, JUnit): one column per (framework, theme)
  (:func:`theme_columns`), labelled with the theme's ``short``, or "TAG short" when two
  frameworks present share a label ("ZN CC", "GGZ CC").
- Terminals (client list, triage table), which must fit 80 columns
  (:func:`screen_columns`): one column per theme *label*. A case under one framework
  with that label shows its cell ("✗VN"); a case under two (ZN+GGZ both have CC) shows
  one symbol per framework, in the order of its kader column ("✗✓"): nothing is hidden
  behind the worse of the two. When those do not fit the width given, every cell is
  its symbol only ("✗"); when even that does not fit, there is one column per
  framework, headed by its tag, with one symbol per theme in the framework's order.
  The legend (:func:`legend`, one line: :func:`legend_line`) says what each column
  holds, whenever one holds more than one framework's verdicts (:func:`needs_legend`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zntui.engine.results import CaseAssessment
from zntui.model.framework_base import NOT_ASSESSED
from zntui.workflows.scored import ScoredCase

if TYPE_CHECKING:
    # Types only: a list read from the cache is drawn with copies of the frameworks
    # (zntui.model.framework_copy) and must not import pydantic for them.
    from zntui.model.framework import Framework, Scale
    from zntui.plugins import Registry


@dataclass(frozen=True)
class ThemeColumn:
    framework: str
    theme: str
    label: str
    """Unambiguous among the columns shown: the theme's short, or 'TAG short'."""
    title: str
    scale: Scale

    @property
    def key(self) -> str:
        """Stable machine name: 'framework.theme' (CSV headers, JSON)."""
        return f"{self.framework}.{self.theme}"


def frameworks_present(cases: Iterable[ScoredCase], registry: Registry) -> list[Framework]:
    """The registered frameworks the cases list: the most used first, ties by id, so
    the same folder always shows the same columns."""
    used: Counter[str] = Counter()
    for s in cases:
        used.update(s.assessment.frameworks)
    return frameworks_by_use(used, registry)


def frameworks_by_use(used: Mapping[str, int], registry: Registry) -> list[Framework]:
    """As :func:`frameworks_present`, from how many cases list each framework (a count
    kept as cases come and go)."""
    order = sorted(
        (fid for fid, n in used.items() if n > 0 and fid in registry.frameworks),
        key=lambda f: (-used[f], f),
    )
    return [registry.frameworks[fid] for fid in order]


def theme_columns(frameworks: Sequence[Framework]) -> list[ThemeColumn]:
    """One column per theme of each framework, labelled without ambiguity."""
    shorts = Counter(t.short for f in frameworks for t in f.themes)
    return [
        ThemeColumn(
            f.id,
            t.id,
            t.short if shorts[t.short] == 1 else f"{f.tag} {t.short}",
            t.title,
            f.scale,
        )
        for f in frameworks
        for t in f.themes
    ]


@dataclass(frozen=True)
class ScreenColumn:
    """A column of the theme block on a terminal: one theme label, or one framework."""

    label: str
    parts: tuple[ThemeColumn, ...]
    """The (framework, theme) pairs it shows, in framework order."""
    per_framework: bool = False
    symbols: bool = False
    """Symbols only ("✗" for "✗VN"): the narrower of the two by-label forms."""

    @property
    def legend(self) -> str:
        if self.per_framework:
            themes = " ".join(p.label for p in self.parts)
            return f"{self.label}: {themes}"
        titles = " · ".join(f"{p.title} ({p.framework})" for p in self.parts)
        return f"{self.label}: {titles}"

    def verdicts(self, a: CaseAssessment) -> list[Verdict | None]:
        """One per part; None where the case is not under that part's framework."""
        have = {(t.framework, t.theme): t.verdict for t in a.themes}
        return [
            Verdict(have[p.framework, p.theme], p.scale) if (p.framework, p.theme) in have else None
            for p in self.parts
        ]

    def cells(self, a: CaseAssessment) -> list[tuple[str, Verdict | None]]:
        """What the column shows for a case, piece by piece, each with its verdict (for
        colour): one full cell, or one symbol per framework or theme."""
        verdicts = self.verdicts(a)
        if self.per_framework:
            if all(v is None for v in verdicts):
                return []
            return [(v.symbol if v else " ", v) for v in verdicts]
        # In the order of the case's own frameworks, as its kader column lists them.
        rank = {f: i for i, f in enumerate(a.frameworks)}
        present = [
            v
            for _, v in sorted(
                (
                    (rank.get(p.framework, len(rank)), v)
                    for p, v in zip(self.parts, verdicts, strict=True)
                    if v
                ),
                key=lambda item: item[0],
            )
        ]
        if len(present) == 1 and not self.symbols:
            return [(present[0].cell, present[0])]
        return [(v.symbol, v) for v in present]

    def text(self, a: CaseAssessment) -> str:
        return "".join(piece for piece, _ in self.cells(a))

    @property
    def width(self) -> int:
        if self.per_framework or self.symbols:
            return max(len(self.label), len(self.parts))
        widest = max(max(len(v.symbol) + len(v.short) for v in p.scale.values) for p in self.parts)
        return max(len(self.label), widest, 3, len(self.parts))


def screen_columns(frameworks: Sequence[Framework], width: int | None = None) -> list[ScreenColumn]:
    """The theme block of a terminal list; ``width`` the characters it may take (one
    space between columns), None for no limit."""
    by_label: dict[str, list[ThemeColumn]] = {}
    for f in frameworks:
        for t in f.themes:
            by_label.setdefault(t.short, []).append(
                ThemeColumn(f.id, t.id, t.short, t.title, f.scale)
            )
    columns = [ScreenColumn(label, tuple(parts)) for label, parts in by_label.items()]
    if width is None or block_width(columns) <= width:
        return columns
    narrow = [ScreenColumn(c.label, c.parts, symbols=True) for c in columns]
    if block_width(narrow) <= width:
        return narrow
    return [
        ScreenColumn(
            f.tag,
            tuple(ThemeColumn(f.id, t.id, t.short, t.title, f.scale) for t in f.themes),
            per_framework=True,
        )
        for f in frameworks
    ]


def block_width(columns: Sequence[ScreenColumn]) -> int:
    return sum(c.width for c in columns) + max(len(columns) - 1, 0)


def legend(columns: Sequence[ScreenColumn]) -> str:
    """What each column holds, one line per column."""
    return "\n".join(c.legend for c in columns)


def needs_legend(columns: Sequence[ScreenColumn]) -> bool:
    """A column holds the verdicts of more than one framework, or symbols only: which
    symbol is whose cannot be told from the list without a legend."""
    return any(c.per_framework or c.symbols or len(c.parts) > 1 for c in columns)


def legend_line(columns: Sequence[ScreenColumn]) -> str:
    """The legend of a terminal list in one line (empty when none is needed)."""
    if not needs_legend(columns):
        return ""
    pieces = []
    merged = [c.label for c in columns if len(c.parts) > 1 and not c.per_framework]
    if merged:
        pieces.append(f"{' '.join(merged)}: een teken per kader, in de volgorde van 'kader'")
    if any(c.symbols or c.per_framework for c in columns):
        scales = {p.scale.id: p.scale for c in columns for p in c.parts}
        pieces.append(
            "; ".join(" ".join(f"{v.symbol}{v.short}" for v in sc.values) for sc in scales.values())
        )
    pieces += [
        f"{c.label}: {' '.join(p.label for p in c.parts)}" for c in columns if c.per_framework
    ]
    return " · ".join(pieces)


def overall_scale(a: CaseAssessment, registry: Registry) -> Scale:
    """The scale the overall verdict is expressed on: that of the case's first
    framework with an assessed theme (the engine's rule), else its first known one."""
    for t in a.themes:
        if t.score is not None and t.framework in registry.frameworks:
            return registry.frameworks[t.framework].scale
    for fid in a.frameworks:
        if fid in registry.frameworks:
            return registry.frameworks[fid].scale
    from zntui.model.framework import DEFAULT_SCALE

    return DEFAULT_SCALE


def framework_tag(framework_id: str, registry: Registry) -> str:
    framework = registry.frameworks.get(framework_id)
    return framework.tag if framework else framework_id[:4].upper()


@dataclass(frozen=True)
class Verdict:
    """A verdict with the scale it is on; ``score`` None when not assessed."""

    id: str
    scale: Scale

    @property
    def cell(self) -> str:
        return self.scale.cell(self.id)

    @property
    def label(self) -> str:
        return self.scale.label(self.id)

    @property
    def score(self) -> float | None:
        value = self.scale.get(self.id)
        return value.score if value else None

    @property
    def symbol(self) -> str:
        value = self.scale.get(self.id)
        return value.symbol if value else "·"


@dataclass(frozen=True)
class CaseRow:
    """What every list shows of one case. Plain data: each surface renders it."""

    case: ScoredCase
    case_id: str
    region: str
    tags: str
    """The case's frameworks by tag: 'ZN+GGZ'."""
    themes: tuple[Verdict | None, ...]
    """One per column; None where the case is not under that column's framework."""
    risk: int | None
    overall: Verdict
    status: str

    @property
    def risk_text(self) -> str:
        return "-" if self.risk is None else str(self.risk)


def status_of(s: ScoredCase) -> str:
    return s.status.label if s.status else "onleesbaar"


def case_row(s: ScoredCase, columns: Sequence[ThemeColumn], registry: Registry) -> CaseRow:
    a = s.assessment
    verdicts = {(t.framework, t.theme): t.verdict for t in a.themes}
    themes = tuple(
        Verdict(verdicts[c.framework, c.theme], c.scale)
        if (c.framework, c.theme) in verdicts
        else None
        for c in columns
    )
    return CaseRow(
        case=s,
        case_id=a.case_id,
        region=a.region,
        tags="+".join(framework_tag(f, registry) for f in a.frameworks),
        themes=themes,
        risk=a.risk,
        overall=Verdict(a.verdict, overall_scale(a, registry)),
        status=status_of(s),
    )


@dataclass(frozen=True)
class CaseList:
    columns: list[ThemeColumn]
    rows: list[CaseRow]


def case_list(cases: Sequence[ScoredCase], registry: Registry) -> CaseList:
    """The rows of ``cases`` in their order, with the columns of the frameworks present."""
    columns = theme_columns(frameworks_present(cases, registry))
    return CaseList(columns, [case_row(s, columns, registry) for s in cases])


def fails(verdict: Verdict) -> bool:
    """Below the middle of its scale: 'voldoet grotendeels niet' or worse on IGJ's."""
    return verdict.score is not None and verdict.score < 0.5


def not_assessed_cell(scale: Scale | None = None) -> str:
    if scale is None:
        from zntui.model.framework import DEFAULT_SCALE

        scale = DEFAULT_SCALE
    return scale.cell(NOT_ASSESSED)
