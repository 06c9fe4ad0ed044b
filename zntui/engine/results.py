"""What the engine produces: results per criterion, scores per theme, a case assessment."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from zntui.model.framework_base import NOT_APPLICABLE, NOT_ASSESSED, UNSCORED


@dataclass(frozen=True)
class Outcome:
    """What a check returns: a verdict id and the evidence that led to it.

    ``verdict`` is an id of the framework's scale (``voldoet``, ``voldoet_grotendeels``,
    ``voldoet_grotendeels_niet``, ``voldoet_niet`` on the default scale) or
    ``niet_beoordeeld`` when the case file does not say (the evidence then says what is
    not recorded: "Niet vastgelegd: wie coördineert."), or ``niet_van_toepassing`` when
    the criterion does not apply to this client (the evidence says why). ``evidence``
    holds Dutch sentences an inspector recognises, each starting with a capital and
    ending with a full stop; name members by role, never by name.
    """

    verdict: str
    evidence: tuple[str, ...] | list[str] = ()


class Source(StrEnum):
    AUTOMATIC = "automatisch"
    INSPECTOR = "inspecteur"
    RULE_ERROR = "regelfout"


@dataclass(frozen=True, slots=True)
class CriterionResult:
    framework: str
    theme: str
    criterion: str
    verdict: str
    source: Source
    evidence: tuple[str, ...] = ()
    """What the check saw, in its own words."""
    weight: float = 1.0
    notes: tuple[str, ...] = ()
    """What zntui adds to the check's outcome: bottlenecks the client reports, a cap
    or a lowering of the verdict. Kept apart from ``evidence`` so that no surface has
    to tell the two apart by their words."""
    automatic_verdict: str | None = None
    """The check's verdict, also kept when an inspector's judgement overrides it."""
    reason: str = ""
    """The inspector's reason, when the source is an inspector."""
    error: str | None = None
    plugin: str = ""
    score: float | None = None
    """The verdict's place on the scale, 1 (best) … 0 (worst); None if not assessed."""
    stale: bool = False
    """An inspector's judgement made on an earlier version of the case file: it stands
    until the inspector confirms or changes it, and is flagged everywhere it is shown."""

    @property
    def assessed(self) -> bool:
        """It has a verdict on the scale (not niet beoordeeld, not niet van toepassing)."""
        return self.verdict not in UNSCORED

    @property
    def applicable(self) -> bool:
        return self.verdict != NOT_APPLICABLE


@dataclass(frozen=True, slots=True)
class ThemeScore:
    framework: str
    theme: str
    title: str
    verdict: str
    score: float | None
    """Weighted mean of the assessed criteria's scale scores, 0 (worst) … 1 (best)."""
    assessed: int
    total: int


class CaseAssessment:
    """A case scored on each of its frameworks: results, theme scores, overall verdict, risk.

    The per-criterion ``results`` of a whole folder are the bulk of its memory, so an
    assessment of a folder holds none of them: ``results_loader`` reads them back (from
    wherever the caller keeps them — the cache, in a form of its own) when something
    asks, and they are not kept. The counts that lists, levels and triage order need
    are kept apart (:class:`Tally`).
    """

    __slots__ = (
        "_criteria_json",
        "_results",
        "_results_loader",
        "_tally",
        "case_id",
        "frameworks",
        "region",
        "risk",
        "score",
        "themes",
        "unknown_frameworks",
        "verdict",
    )

    def __init__(
        self,
        case_id: str,
        region: str,
        frameworks: list[str],
        results: list[CriterionResult] | None = None,
        themes: list[ThemeScore] | None = None,
        score: float | None = None,
        verdict: str = NOT_ASSESSED,
        risk: int | None = None,
        unknown_frameworks: list[str] | None = None,
        *,
        tally: Tally | None = None,
        results_loader: Callable[[], list[CriterionResult]] | None = None,
    ) -> None:
        self.case_id = case_id
        self.region = region
        self.frameworks = frameworks
        self.themes = themes if themes is not None else []
        self.score = score
        self.verdict = verdict
        self.risk = risk
        """0 (no risk) … 100 (every assessed theme fails); None when nothing was assessed."""
        self.unknown_frameworks = unknown_frameworks if unknown_frameworks is not None else []
        if results is None and results_loader is None:
            results = []
        self._results = results
        self._results_loader = results_loader
        self._criteria_json: str | None = None
        self._tally = tally

    @property
    def results(self) -> list[CriterionResult]:
        if self._results is not None:
            return self._results
        assert self._results_loader is not None
        return self._results_loader()  # read back, not kept

    def criteria_json(self) -> str:
        """The results as a JSON array, in the shape of ``zntui triage --format json``
        (:func:`results_to_json`; never the form they are kept in elsewhere).

        A loader with a ``public_json()`` method may hand back that very text as it was
        kept when the case was scored — only when it knows it is what
        :func:`results_to_json` prints today (see :mod:`zntui.workflows.rows`); None
        makes the results be read back and encoded here."""
        if self._results is None:
            public_json = getattr(self._results_loader, "public_json", None)
            kept = public_json() if public_json is not None else None
            return kept if kept is not None else results_to_json(self.results)
        if self._criteria_json is None:
            self._criteria_json = results_to_json(self._results)
        return self._criteria_json

    @property
    def tally(self) -> Tally:
        if self._tally is None:
            self._tally = Tally.of(self.results)
        return self._tally

    def count(self, verdict: str) -> int:
        return self.tally.counts.get(verdict, 0)

    @property
    def completeness(self) -> Completeness:
        """How many of the criteria that apply have a verdict (see :class:`Completeness`)."""
        counts = self.tally.counts
        total = sum(counts.values())
        applicable = total - counts.get(NOT_APPLICABLE, 0)
        return Completeness(applicable - counts.get(NOT_ASSESSED, 0), applicable)

    @property
    def rule_errors(self) -> int:
        return self.tally.rule_errors

    @property
    def judged(self) -> int:
        return self.tally.judged

    @property
    def stale(self) -> int:
        """Inspector's judgements made on an earlier version of the case file."""
        return self.tally.stale

    def worst_theme(self, theme_id: str) -> ThemeScore | None:
        """The worst assessed theme with this id across the case's frameworks."""
        themes = [t for t in self.themes if t.theme == theme_id and t.score is not None]
        return min(themes, key=lambda t: t.score or 0.0) if themes else None

    def theme(self, framework: str, theme: str) -> ThemeScore | None:
        return next((t for t in self.themes if t.framework == framework and t.theme == theme), None)

    def to_dict(self) -> dict[str, object]:
        """Everything in the assessment, for comparing and storing."""
        return {
            "case_id": self.case_id,
            "region": self.region,
            "frameworks": list(self.frameworks),
            "unknown_frameworks": list(self.unknown_frameworks),
            "score": self.score,
            "verdict": self.verdict,
            "risk": self.risk,
            "themes": [
                [t.framework, t.theme, t.title, t.verdict, t.score, t.assessed, t.total]
                for t in self.themes
            ],
            "tally": self.tally.to_list(),
        }

    @classmethod
    def from_dict(
        cls,
        data: dict[str, Any],
        results_loader: Callable[[], list[CriterionResult]] | None = None,
    ) -> CaseAssessment:
        # Read back for every case of a folder: the few distinct words are shared.
        return cls(
            data["case_id"],
            sys.intern(data["region"]),
            [sys.intern(f) for f in data["frameworks"]],
            themes=[_shared_theme(tuple(t)) for t in data["themes"]],
            score=data["score"],
            verdict=sys.intern(data["verdict"]),
            risk=data["risk"],
            unknown_frameworks=data["unknown_frameworks"],
            tally=Tally.from_list(data["tally"]),
            results_loader=results_loader,
        )


COMPLETE_SHARE = 2 / 3
"""A case whose known criteria are fewer than this share of the ones that apply is
*onvolledig*: triage lists it apart, after the cases it can rank (see engine.assess)."""


@dataclass(frozen=True, slots=True)
class Completeness:
    """Of the criteria that apply to a case, how many have a verdict ("te beoordelen")."""

    known: int
    """Criteria with a verdict on the scale (automatic or an inspector's)."""
    applicable: int
    """Criteria that apply: all of the case's frameworks minus niet van toepassing."""

    @property
    def complete(self) -> bool:
        """Enough is known to rank the case among the others (:data:`COMPLETE_SHARE`)."""
        return self.applicable > 0 and self.known >= COMPLETE_SHARE * self.applicable

    @property
    def label(self) -> str:
        """'12 van 17 criteria te beoordelen'."""
        noun = "criterium" if self.applicable == 1 else "criteria"
        return f"{self.known} van {self.applicable} {noun} te beoordelen"

    def to_dict(self) -> dict[str, object]:
        return {"known": self.known, "applicable": self.applicable, "complete": self.complete}


_THEMES: dict[tuple[Any, ...], ThemeScore] = {}


def _shared_theme(values: tuple[Any, ...]) -> ThemeScore:
    """One object for each distinct theme score: a folder of 50,000 cases has a few
    thousand, and each read back from text would otherwise hold its own strings."""
    found = _THEMES.get(values)
    if found is None:
        found = _THEMES[values] = ThemeScore(*values)
    return found


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts over a case's results, kept so that lists need not read every result."""

    counts: dict[str, int]
    """Verdict id → number of criteria."""
    judged: int
    rule_errors: int
    worst: int
    """Criteria at the scale's worst value (score 0)."""
    bad: int
    """Criteria below the middle of the scale but not at its worst."""
    failing: frozenset[str]
    """Criterion ids that fail: voldoet grotendeels niet or worse."""
    stale: int = 0
    """Inspector's judgements made on an earlier version of the case file."""

    @classmethod
    def of(cls, results: list[CriterionResult]) -> Tally:
        counts: dict[str, int] = {}
        for r in results:
            counts[r.verdict] = counts.get(r.verdict, 0) + 1
        return cls(
            counts=counts,
            judged=sum(1 for r in results if r.source is Source.INSPECTOR),
            rule_errors=sum(1 for r in results if r.source is Source.RULE_ERROR),
            worst=sum(1 for r in results if r.score == 0.0),
            bad=sum(1 for r in results if r.score is not None and 0.0 < r.score < 0.5),
            failing=frozenset(
                r.criterion for r in results if r.score is not None and r.score < 0.5
            ),
            stale=sum(1 for r in results if r.stale),
        )

    def to_list(self) -> list[object]:
        failing = sorted(self.failing)
        return [
            self.counts,
            self.judged,
            self.rule_errors,
            self.worst,
            self.bad,
            failing,
            self.stale,
        ]

    @classmethod
    def from_list(cls, data: list[Any]) -> Tally:
        counts, judged, rule_errors, worst, bad, failing, *rest = data
        stale = rest[0] if rest else 0  # entries cached before stale judgements were counted
        counts = {sys.intern(k): v for k, v in counts.items()}
        failing = frozenset(map(sys.intern, failing))
        return cls(counts, judged, rule_errors, worst, bad, failing, stale)


def results_to_json(results: list[CriterionResult]) -> str:
    """Results as the ``criteria`` array of the triage JSON — a public format of its own:
    the cache keeps results in another (:mod:`zntui.workflows.rows`), so either can
    change without the other."""
    return json.dumps(
        [
            {
                "framework": r.framework,
                "theme": r.theme,
                "id": r.criterion,
                "verdict": r.verdict,
                "source": r.source.value,
                "automatic_verdict": r.automatic_verdict,
                "reason": r.reason,
                "evidence": list(r.evidence),
                "notes": list(r.notes),
                "error": r.error,
                "plugin": r.plugin,
                "weight": r.weight,
                "score": r.score,
                "stale": r.stale,
                "explain": f"zntui rules explain {r.criterion}",
            }
            for r in results
        ],
        ensure_ascii=False,
    )
