"""The columns of the client list: which there are, how each sorts, which fit.

Plain data and functions (no widget): the client pane asks which columns to draw at
its width and in which order to list the cases; the folder state remembers the
choice. Theme columns come from the frameworks present (workflows.caselist), never
from a fixed list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from zntui.engine import triage_key
from zntui.model.review import ReviewStatus
from zntui.plugins import Registry
from zntui.ui.format import natural_key
from zntui.workflows.caselist import ScreenColumn, block_width, overall_scale, screen_columns
from zntui.workflows.scored import ScoredCase

THEMES = "themas"


@dataclass(frozen=True)
class ListColumn:
    id: str
    header: str
    title: str
    """What the chooser calls it."""


COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("casus", " casus", "casus (id)"),
    ListColumn("naam", "naam", "naam of pseudoniem van de cliënt"),
    ListColumn("regio", "regio", "regio"),
    ListColumn("kader", "kader", "toetsingskader(s)"),
    ListColumn(THEMES, "thema's", "thema's (één kolom per thema)"),
    ListColumn("risico", "risico", "risico"),
    ListColumn("oordeel", "oordeel", "oordeel over de hele casus"),
    ListColumn("status", "status", "reviewstatus"),
)
BY_ID = {c.id: c for c in COLUMNS}
ALWAYS = "casus"
"""Never hidden: the row must say which case it is."""
DROP_ORDER = ("kader", "oordeel", "regio", "naam", "status", "risico", THEMES)
"""Which chosen column gives way first when the terminal is too narrow for all."""
GAP = 1
"""Characters between two columns."""
DEFAULT_SORT = "risico"
"""Worst first: the folder's own triage order."""


def parse_columns(text: str) -> list[str]:
    """The shown columns a saved state names (unknown ids dropped); all when empty."""
    chosen = [c for c in text.split(",") if c in BY_ID]
    if not chosen:
        return [c.id for c in COLUMNS]
    if ALWAYS not in chosen:
        chosen.insert(0, ALWAYS)
    return [c.id for c in COLUMNS if c.id in chosen]


@dataclass(frozen=True)
class Layout:
    columns: list[str]
    """The column ids drawn, in order."""
    themes: list[ScreenColumn]
    """The theme block's columns (empty when the block is not drawn)."""
    hidden: list[str]
    """Chosen columns left out because the width does not hold them."""


def fit(
    chosen: Sequence[str],
    widths: dict[str, int],
    frameworks: Sequence[object],
    width: int,
    theme_limit: int = 19,
) -> Layout:
    """The chosen columns that fit in ``width``: the theme block takes what the others
    leave (up to ``theme_limit``) in the widest form that fits there; when even its
    narrowest does not, chosen columns give way in :data:`DROP_ORDER`."""
    shown = [c for c in chosen if c in BY_ID]
    hidden: list[str] = []
    while True:
        others = [c for c in shown if c != THEMES]
        used = sum(widths.get(c, 0) for c in others) + GAP * max(len(shown) - 1, 0)
        themes: list[ScreenColumn] = []
        fits = used <= width
        if THEMES in shown:
            budget = max(min(width - used, theme_limit), 0)
            themes = screen_columns(frameworks, budget)  # type: ignore[arg-type]
            fits = fits and block_width(themes) <= budget
        if fits:
            return Layout(shown, themes, hidden)
        victim = next((c for c in DROP_ORDER if c in shown and c != ALWAYS), None)
        if victim is None:
            return Layout(shown, themes, hidden)
        shown.remove(victim)
        hidden.append(victim)


# --- sorting ---------------------------------------------------------------------------

SortKey = Callable[[ScoredCase], object]
STATUS_ORDER = {s: i for i, s in enumerate(ReviewStatus)}


def sort_options(themes: Sequence[ScreenColumn]) -> list[tuple[str, str]]:
    """(sort id, what the chooser says): every column, each theme label its own."""
    options = [(c.id, c.title) for c in COLUMNS if c.id != THEMES]
    options[5:5] = [(f"thema:{t.label}", f"thema {t.label}") for t in themes]
    return options


def sort_cases(
    cases: list[ScoredCase], sort: str, reverse: bool, registry: Registry
) -> list[ScoredCase]:
    """The cases in the order of one column; stable, so ties keep the triage order.
    Empty cells sort last in both directions."""
    if sort == DEFAULT_SORT:
        return cases[::-1] if reverse else cases
    key = _key(sort, registry)
    present = [(key(s), s) for s in cases]
    known = [(k, s) for k, s in present if k is not None]
    known.sort(key=lambda item: item[0], reverse=reverse)  # type: ignore[arg-type, return-value]
    return [s for _, s in known] + [s for k, s in present if k is None]


class _Descending:
    """A key that sorts the other way round (for a reversed order kept by bisect)."""

    __slots__ = ("key",)

    def __init__(self, key: object) -> None:
        self.key = key

    def __lt__(self, other: _Descending) -> bool:
        return other.key < self.key  # type: ignore[operator, no-any-return]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


def order_key(sort: str, reverse: bool, registry: Registry) -> SortKey:
    """The order :func:`sort_cases` gives as one key of a case, ties and empty cells
    included (ties keep the triage order, which ends in the unique case id), so that a
    changed case is put in its place in the shown list by bisect instead of a sort."""
    if sort == DEFAULT_SORT:
        if reverse:
            return lambda s: _Descending(triage_key(s.assessment))
        return lambda s: triage_key(s.assessment)
    key = _key(sort, registry)

    def order(s: ScoredCase) -> object:
        value = key(s)
        if value is None:
            return (1, triage_key(s.assessment))
        return (0, _Descending(value) if reverse else value, triage_key(s.assessment))

    return order


def _key(sort: str, registry: Registry) -> SortKey:
    if sort == "casus":
        return lambda s: natural_key(s.assessment.case_id)
    if sort == "naam":
        return lambda s: s.pseudonym.lower() or None
    if sort == "regio":
        return lambda s: s.assessment.region.lower()
    if sort == "kader":
        return lambda s: tuple(s.assessment.frameworks)
    if sort == "status":
        return lambda s: STATUS_ORDER.get(s.status, len(STATUS_ORDER)) if s.status else None
    if sort == "oordeel":

        def overall(s: ScoredCase) -> float | None:
            value = overall_scale(s.assessment, registry).get(s.assessment.verdict)
            return value.score if value else None

        return overall
    if sort.startswith("thema:"):
        label = sort.split(":", 1)[1]

        def theme(s: ScoredCase) -> float | None:
            scores = []
            for t in s.assessment.themes:
                framework = registry.frameworks.get(t.framework)
                found = (
                    next((d for d in framework.themes if d.id == t.theme), None)
                    if framework
                    else None
                )
                if found is not None and found.short == label and framework is not None:
                    value = framework.scale.get(t.verdict)
                    if value is not None:
                        scores.append(value.score)
            return min(scores) if scores else None  # the worst of its frameworks first

        return theme
    return lambda s: None
