"""Statistical disclosure control: the one step between the levels and every output.

Every regional and national output — the panes, ``Y`` copies, ``x`` saved reports and
``zntui report`` in every format — renders a :class:`Publication`, and only
:func:`publish` makes one (the constructor wants a token this module keeps). What it
applies, in order:

1. **Groups too small.** A region with fewer than ``threshold`` cases is published as
   "te klein": no table, no name, no percentage.
2. **Random rounding to base t** (the threshold). Every count is rounded to a multiple
   of t, down or up with the probabilities that keep it unbiased (7 → 5 with 3/5, → 10
   with 2/5). The choice is made by a hash of the group's *population key* (a digest of
   the record keys of every case in the group) and the cell: the same cases give the same
   tables in every output and every run (no averaging by asking twice), while one case
   more or less re-rounds *every* cell of the group, not only the cells that case is in.
   That is what defeats differencing of two folders a case apart: the cells the case is
   not in change as well, and every before/after pair of a cell is possible both with
   and without the case (see the differencing test). A record key digests the whole
   assessment with its evidence and reasons; a reader without the case files cannot
   compute it, so cannot undo the rounding.
3. **Small cells.** A count that rounds to 0 shows as "<t" (it is 0 to t−1); zeros are
   not told apart from small counts, so a 0 that becomes 1 is no tell.
4. **Names and percentages** only over enough clients: an organisation, criterion or
   risk is named when its rounded count is at least 2t (so at least t+1 true clients);
   a percentage is computed from the rounded counts shown (it adds nothing to them) and
   only where those counts guarantee a true denominator of at least t.
5. **Secondary suppression, verified.** An interval attack is run on the whole
   publication (every group, every table): an integer program per protected cell finds
   the smallest value a reader can prove from all published numbers and the linear
   relations between the tables (rows sum to the framework's count, regions to the
   country, criteria within risks, …). A small cell, or a cell of a group too small,
   whose minimum is not 0 is pinned — the reader would know some client is in it —
   and a related published cell is withheld ("x", geheim) until none is.

The threshold is configurable but never below :data:`MIN_THRESHOLD`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zntui.levels import (
    NATIONAL,
    GroupCounts,
    LevelCase,
    count_groups,
    risk_criteria,
)
from zntui.model.framework import UNSCORED, Framework

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3
TOP = 10
"""How many criteria and providers a group names at most."""

SMALL = "klein"
"""Rounded to 0: a count from 0 to t−1."""
SECRET = "geheim"
"""Withheld so that a small count cannot be worked out from the others."""
TOO_SMALL = "te_klein"
"""The group has fewer than t cases."""

_SEAL = object()


class ThresholdError(ValueError):
    """A small-cell threshold that would let a count single out a client."""


def check_threshold(threshold: int) -> int:
    if threshold < MIN_THRESHOLD:
        raise ThresholdError(
            f"small-cell threshold {threshold} refused: it must be at least {MIN_THRESHOLD}, "
            "since smaller published counts can single out a client"
        )
    return threshold


# --- published values -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One published count: its (rounded) value, or why it is withheld."""

    value: int | None
    mark: str | None = None
    """None (a value), :data:`SMALL`, :data:`SECRET` or :data:`TOO_SMALL`."""

    def text(self, threshold: int) -> str:
        if self.mark == SMALL or self.mark == TOO_SMALL:
            return f"<{threshold}"
        if self.mark == SECRET:
            return "x"
        return str(self.value)

    def json(self) -> dict[str, Any]:
        return {"value": self.value} if self.mark is None else {"suppressed": self.mark}


@dataclass(frozen=True, slots=True)
class ThemeRow:
    theme: str
    title: str
    short: str
    cells: tuple[Cell, ...]
    """One per verdict of the section, in its order."""
    failing_percent: int | None
    """Share (grotendeels) niet voldoet, from the rounded counts; None when not shown."""


@dataclass(frozen=True, slots=True)
class FrameworkSection:
    framework: str
    title: str
    version: str
    tag: str
    cases: Cell
    verdicts: tuple[str, ...]
    verdict_labels: tuple[str, ...]
    verdict_cells: tuple[str, ...]
    """Short symbol + code per verdict, for narrow columns."""
    rows: tuple[ThemeRow, ...]
    failing: tuple[str, ...] = ()
    """The verdicts the failing share counts: below the middle of this framework's scale."""
    failing_labels: tuple[str, ...] = ()
    """Their labels ("voldoet grotendeels niet", "voldoet niet" on IGJ's scale)."""
    failing_shorts: tuple[str, ...] = ()
    """Their short codes ("VGN", "VN")."""


@dataclass(frozen=True, slots=True)
class Named:
    """A named count: an organisation, a criterion or a risk."""

    name: str
    label: str
    count: Cell


@dataclass(frozen=True, slots=True)
class GroupPublication:
    name: str
    national: bool
    too_small: bool
    cases: Cell
    sections: tuple[FrameworkSection, ...] = ()
    risks: tuple[Named, ...] = ()
    criteria: tuple[Named, ...] = ()
    providers: tuple[Named, ...] = ()

    def section(self, framework: str) -> FrameworkSection | None:
        return next((s for s in self.sections if s.framework == framework), None)

    def failing_percent(self, framework: str, theme: str) -> int | None:
        """The published share failing a theme, or None where none may be shown."""
        section = self.section(framework)
        row = next((r for r in section.rows if r.theme == theme), None) if section else None
        return None if row is None else row.failing_percent


@dataclass(frozen=True)
class Publication:
    """Everything a regional or national output may show. Made only by :func:`publish`."""

    threshold: int
    regions: tuple[GroupPublication, ...]
    national: GroupPublication
    withheld: int
    """Cells withheld by secondary suppression."""
    cells: int
    """Published count cells in all."""
    small: int
    """Cells shown as <t."""
    _seal: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._seal is not _SEAL:
            raise TypeError("a Publication is made only by zntui.disclosure.publish()")

    def region(self, name: str) -> GroupPublication | None:
        return next((r for r in self.regions if r.name == name), None)

    @property
    def region_names(self) -> list[str]:
        return [r.name for r in self.regions]

    def method_lines(self) -> list[str]:
        """The protection applied, in plain Dutch (for every report and pane)."""
        t = self.threshold
        return [
            f"Regio's met minder dan {t} casussen staan er niet in detail in ('te klein').",
            f"Alle aantallen zijn willekeurig afgerond op een veelvoud van {t}: dezelfde "
            "gegevens geven altijd dezelfde afronding, één casus meer of minder geeft een "
            "nieuwe. Zo verraadt het vergelijken van twee rapporten niets over één cliënt.",
            f"'<{t}' betekent: afgerond op 0, dus 0 tot en met {t - 1}. 'x' betekent: "
            "geheim, weggelaten zodat een klein aantal niet uit de andere is terug te rekenen.",
            f"Aanbieders, criteria en risico's staan er alleen bij minstens {2 * t} "
            "(afgerond) cliënten; percentages zijn berekend uit de afgeronde aantallen, "
            f"alleen waar minstens {t} casussen beoordeeld zijn.",
            "Namen, leeftijden, casusnummers, bestandsnamen en vrije tekst over cliënten "
            "staan nooit in dit overzicht.",
        ]


# --- rounding ---------------------------------------------------------------------------


def _unit(key: bytes, label: str) -> float:
    digest = hashlib.sha256(key + b"\0" + label.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def random_round(count: int, base: int, key: bytes, label: str) -> int:
    """``count`` rounded to a multiple of ``base``, unbiased, the direction fixed by
    ``key`` and ``label`` (the same cell of the same cases always rounds the same way)."""
    rest = count % base
    if rest == 0:
        return count
    down = count - rest
    return down + base if _unit(key, label) < rest / base else down


# --- the model of what a reader knows: variables, bounds, relations ----------------------


@dataclass
class _Var:
    name: tuple[str, ...]
    true: int
    lo: float = 0.0
    hi: float = math.inf
    rounded: int | None = None
    """The published rounded value, when the variable is published as a value."""
    protected: bool = False
    """A small or hidden count: a reader must not be able to prove it above 0."""
    secret: bool = False


@dataclass
class Model:
    """The true counts behind a publication, what the publication tells of each (bounds)
    and the linear relations between them that hold for every folder."""

    threshold: int
    vars: dict[tuple[str, ...], _Var] = field(default_factory=dict)
    equalities: list[dict[tuple[str, ...], int]] = field(default_factory=list)
    """Each: sum of coefficient × variable = 0."""
    inequalities: list[dict[tuple[str, ...], int]] = field(default_factory=list)
    """Each: sum of coefficient × variable ≤ 0."""
    _matrix: Any = field(default=None, repr=False)

    def var(self, *name: str, true: int) -> _Var:
        found = self.vars.get(name)
        if found is None:
            found = self.vars[name] = _Var(name, true)
        return found

    def publish_value(self, v: _Var, rounded: int) -> None:
        t = self.threshold
        v.rounded = rounded
        if rounded == 0:
            v.lo, v.hi, v.protected = 0, t - 1, True
        else:
            v.lo, v.hi = max(0, rounded - (t - 1)), rounded + (t - 1)

    def withhold(self, v: _Var) -> None:
        v.secret, v.lo, v.hi = True, 0, math.inf

    def matrix(self) -> tuple[list[tuple[str, ...]], dict[tuple[str, ...], int], list[Any]]:
        """Variables, their index and the relations as one sparse constraint; made once
        (withholding a cell changes bounds, never relations)."""
        from scipy.optimize import LinearConstraint
        from scipy.sparse import coo_matrix

        shape = (len(self.vars), len(self.equalities), len(self.inequalities))
        if self._matrix is None or self._matrix[0] != shape:
            names = list(self.vars)
            index = {n: i for i, n in enumerate(names)}
            rows = [*self.equalities, *self.inequalities]
            r, c, v = [], [], []
            for i, rel in enumerate(rows):
                for n, coef in rel.items():
                    r.append(i)
                    c.append(index[n])
                    v.append(coef)
            constraints = []
            if rows:
                a = coo_matrix((v, (r, c)), shape=(len(rows), len(names))).tocsr()
                lb = [0.0] * len(self.equalities) + [-math.inf] * len(self.inequalities)
                constraints.append(LinearConstraint(a, lb, [0.0] * len(rows)))
            self._matrix = (shape, names, index, constraints)
        return self._matrix[1], self._matrix[2], self._matrix[3]

    def related(self, name: tuple[str, ...]) -> list[tuple[str, ...]]:
        """Variables that share a relation with ``name``."""
        out: list[tuple[str, ...]] = []
        for rel in (*self.equalities, *self.inequalities):
            if name in rel:
                out.extend(n for n in rel if n != name and n not in out)
        return out


def _solve(
    model: Model,
    objective: Mapping[tuple[str, ...], float],
    integer: bool,
    fixed: Mapping[tuple[str, ...], float] | None = None,
    seconds: float | None = None,
) -> dict[tuple[str, ...], float] | None:
    """Minimise ``objective`` over every count a reader must allow; None when nothing
    fits (or, for an integer program, none was found in ``seconds``)."""
    import numpy as np
    from scipy.optimize import Bounds, milp

    names, index, constraints = model.matrix()
    c = np.zeros(len(names))
    for n, w in objective.items():
        c[index[n]] = w
    lo = np.array([model.vars[n].lo for n in names], dtype=float)
    hi = np.array([model.vars[n].hi for n in names], dtype=float)
    for n, value in (fixed or {}).items():
        lo[index[n]] = hi[index[n]] = value
    options: dict[str, Any] = {"presolve": True}
    if seconds is not None:
        options["time_limit"] = seconds
    result = milp(
        c,
        constraints=constraints,
        integrality=np.ones(len(names)) if integer else np.zeros(len(names)),
        bounds=Bounds(lo, hi),
        options=options,
    )
    if result.x is None:
        return None
    return {n: float(result.x[index[n]]) for n in names}


def _integral(solution: Mapping[tuple[str, ...], float]) -> bool:
    return all(abs(v - round(v)) < 1e-7 for v in solution.values())


def pinned(model: Model, only: Iterable[tuple[str, ...]] | None = None) -> list[tuple[str, ...]]:
    """Protected counts a reader may be able to prove at least 1 (the interval attack).

    A count is *safe* when a whole-number solution of everything published has it at 0
    (that answer fits, so a reader cannot rule it out); it is *pinned* when even the
    linear relaxation keeps it above 0 (then every whole-number answer is at least 1).
    Undecided counts are treated as pinned, so the answer errs towards withholding.
    A protected count that is truly 0 is safe as it stands (the truth always fits).
    """
    names = list(model.vars) if only is None else list(only)
    todo = [n for n in names if model.vars[n].protected and model.vars[n].true > 0]
    while todo:
        # One program for all: those at 0 in a whole-number answer are safe.
        best = _solve(model, dict.fromkeys(todo, 1.0), integer=False)
        if best is None:
            raise AssertionError("the published bounds exclude the true counts")
        if not _integral(best):
            best = _solve(model, dict.fromkeys(todo, 1.0), integer=True, seconds=2.0)
        safe = {n for n in todo if best is not None and abs(best[n]) < 1e-7}
        if not safe:
            break
        todo = [n for n in todo if n not in safe]
    out = []
    for n in todo:
        low = _solve(model, {n: 1.0}, integer=False)
        if low is None or low[n] > 1e-7:
            out.append(n)
            continue
        if _integral(low):
            continue
        witness = _solve(model, {}, integer=True, fixed={n: 0.0}, seconds=2.0)
        if witness is None:
            out.append(n)
    return out


# --- publishing ------------------------------------------------------------------------


def _failing_verdicts(framework: Framework) -> set[str]:
    return {v.id for v in framework.scale.values if v.score < 0.5}


class _Builder:
    def __init__(
        self,
        groups: tuple[list[GroupCounts], GroupCounts],
        frameworks: Mapping[str, Framework],
        threshold: int,
    ) -> None:
        self.t = threshold
        self.frameworks = dict(frameworks)
        self.risks = risk_criteria(frameworks)
        self.regions, self.nation = groups
        self.groups = [*self.regions, self.nation]
        self.model = Model(threshold)
        used = {f for g in self.groups for f in g.frameworks}
        self.fids = [f for f in sorted(used) if f in self.frameworks]
        self.named: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
        """(group, kind) → named (id, label, rounded) in order."""
        self.orgs = sorted({o for g in self.groups for o in g.providers})

    def too_small(self, g: GroupCounts) -> bool:
        return g.cases < self.t

    def shown(self, g: GroupCounts) -> bool:
        return not self.too_small(g) and not self.too_small(self.nation)

    def rnd(self, g: GroupCounts, count: int, *label: str) -> int:
        return random_round(count, self.t, g.key, "|".join(label))

    # the model of every count and what is published of it
    def build_model(self) -> None:
        m, t = self.model, self.t
        for g in self.groups:
            shown = self.shown(g)
            n_var = m.var("N", g.name, true=g.cases)
            if not shown:
                n_var.lo, n_var.hi = (1, t - 1) if g.cases else (0, 0)
                n_var.protected = False
            else:
                m.publish_value(n_var, self.rnd(g, g.cases, "N"))
                n_var.protected = False
                n_var.lo = max(n_var.lo, t)
            w = m.var("w", g.name, true=g.failing_networks)
            w.protected = not shown
            m.inequalities.append({w.name: 1, n_var.name: -1})
            for fid in self.fids:
                fw = self.frameworks[fid]
                n = m.var("n", g.name, fid, true=g.frameworks.get(fid, 0))
                m.inequalities.append({n.name: 1, n_var.name: -1})
                section = shown and self.rnd(g, n.true, "n", fid) > 0
                if section:
                    m.publish_value(n, self.rnd(g, n.true, "n", fid))
                else:
                    n.protected = True
                    if shown:
                        n.lo, n.hi = 0, t - 1  # a framework not listed rounds to 0
                verdicts = [*(v.id for v in fw.scale.values), *UNSCORED]
                for theme in fw.themes:
                    counts = g.themes.get((fid, theme.id), {})
                    row = {}
                    for verdict in verdicts:
                        x = m.var("x", g.name, fid, theme.id, verdict, true=counts.get(verdict, 0))
                        row[x.name] = 1
                        if section:
                            m.publish_value(x, self.rnd(g, x.true, "x", fid, theme.id, verdict))
                        else:
                            x.protected = True
                    if sum(counts.get(v, 0) for v in verdicts) == n.true:
                        m.equalities.append({**row, n.name: -1})
                for criterion in fw.criteria:
                    cv = m.var("c", g.name, criterion.id, true=g.failing.get(criterion.id, 0))
                    m.inequalities.append({cv.name: 1, n.name: -1})
                    if not shown:
                        cv.protected = True
            for risk, ids in self.risks.items():
                r = m.var("r", g.name, risk, true=g.risks.get(risk, 0))
                m.inequalities.append({r.name: 1, n_var.name: -1})
                known = [("c", g.name, i) for i in sorted(ids) if ("c", g.name, i) in m.vars]
                for c_name in known:
                    m.inequalities.append({c_name: 1, r.name: -1})
                if known and len(known) == len(ids):
                    m.inequalities.append({r.name: 1, **dict.fromkeys(known, -1)})
                if not shown:
                    r.protected = True
            for org in self.orgs:
                p = m.var("p", g.name, org, true=g.providers.get(org, 0))
                p.protected = not shown
                m.inequalities.append({p.name: 1, w.name: -1})
            if shown:
                self._name_lists(g)
        # Regions add up to the country, for every count.
        for name in list(m.vars):
            if name[1] != NATIONAL:
                continue
            rel = {name: -1}
            for g in self.regions:
                rel[(name[0], g.name, *name[2:])] = 1
            m.equalities.append(rel)

    def _name_lists(self, g: GroupCounts) -> None:
        m, t = self.model, self.t
        lists = {
            "c": (
                [c.id for fid in self.fids for c in self.frameworks[fid].criteria],
                g.failing,
                TOP,
            ),
            "r": (list(self.risks), g.risks, len(self.risks)),
            "p": (self.orgs, g.providers, TOP),
        }
        for kind, (ids, counts, top) in lists.items():
            rounded = {i: self.rnd(g, counts.get(i, 0), kind, i) for i in ids}
            eligible = sorted(
                (i for i in ids if rounded[i] >= 2 * t), key=lambda i: (-rounded[i], i)
            )
            chosen = eligible[:top]
            self.named[(g.name, kind)] = [(i, i, rounded[i]) for i in chosen]
            cap = (max(t, rounded[chosen[-1]]) if len(eligible) > top else t) + t - 1
            for i in ids:
                v = m.vars[(kind, g.name, i)]
                if i in chosen:
                    m.publish_value(v, rounded[i])
                elif kind != "p":  # the set of criteria and risks is known; of orgs not
                    v.lo, v.hi = 0, cap

    def secure(self) -> None:
        """Withhold related published cells until no protected cell is pinned."""
        m = self.model
        # Withholding only widens what a reader must allow, so a cell once shown safe
        # stays safe: after the first round only the pinned ones are asked again.
        stuck = pinned(m)
        while stuck:
            name = stuck[0]

            def open_(names: Iterable[tuple[str, ...]]) -> list[_Var]:
                return [m.vars[n] for n in names if m.vars[n].rounded and not m.vars[n].secret]

            candidates = open_(m.related(name)) or open_(n for n in m.vars if n[1] == name[1])
            if not candidates:
                candidates = open_(m.vars)
            if not candidates:
                raise AssertionError(f"cannot protect {name}")
            # The least detail lost: the smallest published value; the same kind first.
            best = min(candidates, key=lambda v: (v.name[0] != name[0], v.rounded, v.name))
            m.withhold(best)
            stuck = pinned(m, stuck)

    # the publication itself
    def cell(self, *name: str) -> Cell:
        v = self.model.vars[name]
        if v.secret:
            return Cell(None, SECRET)
        if v.rounded is None or v.rounded == 0:
            return Cell(None, SMALL)
        return Cell(v.rounded)

    def group(self, g: GroupCounts) -> GroupPublication:
        t = self.t
        national = g is self.nation
        if not self.shown(g):
            return GroupPublication(g.name, national, True, Cell(None, TOO_SMALL))
        sections = []
        for fid in self.fids:
            if self.model.vars[("n", g.name, fid)].rounded in (None, 0):
                continue
            fw = self.frameworks[fid]
            verdicts = (*(v.id for v in fw.scale.values), *UNSCORED)
            failing = _failing_verdicts(fw)
            rows = []
            for theme in fw.themes:
                cells = tuple(self.cell("x", g.name, fid, theme.id, v) for v in verdicts)
                rows.append(
                    ThemeRow(
                        theme.id,
                        theme.title,
                        theme.short,
                        cells,
                        _percent(verdicts, cells, failing, t),
                    )
                )
            sections.append(
                FrameworkSection(
                    fid,
                    fw.title,
                    fw.version,
                    fw.tag,
                    self.cell("n", g.name, fid),
                    verdicts,
                    tuple(fw.scale.label(v) for v in verdicts),
                    tuple(fw.scale.cell(v) for v in verdicts),
                    tuple(rows),
                    tuple(v.id for v in fw.scale.failing),
                    tuple(v.label for v in fw.scale.failing),
                    tuple(v.short for v in fw.scale.failing),
                )
            )
        labels = {c.id: c.text for fw in self.frameworks.values() for c in fw.criteria}

        def named(kind: str) -> tuple[Named, ...]:
            return tuple(
                Named(i, labels.get(i, "") if kind == "c" else i, self.cell(kind, g.name, i))
                for i, _, _ in self.named.get((g.name, kind), [])
            )

        return GroupPublication(
            g.name,
            national,
            False,
            self.cell("N", g.name),
            tuple(sections),
            named("r"),
            named("c"),
            named("p"),
        )


def _percent(
    verdicts: Sequence[str], cells: Sequence[Cell], failing: set[str], t: int
) -> int | None:
    """The failing share from the rounded counts shown — nothing a reader could not
    compute — where they prove at least t assessed cases: each rounded value is within
    t−1 of the truth, so the true denominator is at least the sum minus (t−1) per value."""
    assessed = [(v, c) for v, c in zip(verdicts, cells, strict=True) if v not in UNSCORED]
    if any(c.mark == SECRET for _, c in assessed):
        return None
    values = [(v, c.value or 0) for v, c in assessed]
    total = sum(n for _, n in values)
    nonzero = sum(1 for _, n in values if n)
    if total - nonzero * (t - 1) < t:
        return None
    return round(100 * sum(n for v, n in values if v in failing) / total)


def publish(
    cases: Sequence[LevelCase],
    frameworks: Mapping[str, Framework],
    threshold: int = DEFAULT_THRESHOLD,
) -> Publication:
    """The disclosure-controlled publication of every region and the country."""
    return publish_counts(count_groups(cases, frameworks), frameworks, threshold)


def publish_counts(
    groups: tuple[list[GroupCounts], GroupCounts],
    frameworks: Mapping[str, Framework],
    threshold: int = DEFAULT_THRESHOLD,
) -> Publication:
    """As :func:`publish`, from the true counts of the regions (in name order) and the
    country already made (:func:`zntui.levels.count_groups`, or kept as cases come and
    go: :class:`zntui.levels.RunningCounts`). Only counting is saved: every step of the
    method runs on them as on a fresh count."""
    check_threshold(threshold)
    builder = _Builder(groups, frameworks, threshold)
    builder.build_model()
    builder.secure()
    regions = tuple(builder.group(g) for g in builder.regions)
    national = builder.group(builder.nation)
    cells = [c for g in (*regions, national) for c in _group_cells(g)]
    return Publication(
        threshold=threshold,
        regions=regions,
        national=national,
        withheld=sum(1 for c in cells if c.mark == SECRET),
        cells=len(cells),
        small=sum(1 for c in cells if c.mark == SMALL),
        _seal=_SEAL,
    )


def model_of(
    cases: Sequence[LevelCase],
    frameworks: Mapping[str, Framework],
    threshold: int = DEFAULT_THRESHOLD,
) -> Model:
    """The model the interval attack runs on, after secondary suppression (for tests and
    audits: it holds the true counts, so it never reaches an output)."""
    builder = _Builder(count_groups(cases, frameworks), frameworks, threshold)
    builder.build_model()
    builder.secure()
    return builder.model


def _group_cells(g: GroupPublication) -> Iterable[Cell]:
    yield g.cases
    for s in g.sections:
        yield s.cases
        for row in s.rows:
            yield from row.cells
    for n in (*g.risks, *g.criteria, *g.providers):
        yield n.count
