"""What a framework is and does apart from its validation: the verdict ids outside
every scale, the seed's risks, and the methods of scales, themes and frameworks.

The validated models (:mod:`zntui.model.framework`, built on pydantic) and the copies a
warm start reads back from the cache (:mod:`zntui.model.framework_copy`, no pydantic)
share these methods, so both answer every question the same way. Nothing here may
import pydantic: a cache hit must not pay for it.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

NOT_ASSESSED = "niet_beoordeeld"
"""The verdict id of a criterion nobody (no check, no inspector) has assessed: the case
file does not say enough (the evidence says what is not recorded)."""

NOT_APPLICABLE = "niet_van_toepassing"
"""The verdict id of a criterion that does not apply to this client (e.g. help to express
the care need for a client who needs none). Shown and explained, left out of every score
and of the completeness count."""

UNSCORED = (NOT_ASSESSED, NOT_APPLICABLE)
"""Verdict ids that are not on any scale and never count in a score."""

SEED_RISKS: dict[str, str] = {
    "samenwerking": "onvoldoende samenwerking",
    "afstemming": "niet afgestemde zorg",
    "overdracht": "onvoldoende overdracht",
}
"""The recurring risks the inspectorate reports (seed 000), id → Dutch label. A criterion
names the ones it shows in ``Criterion.risks``; a framework may add risks of its own
with a label in ``Framework.risk_labels``."""


class CheckKind(StrEnum):
    """How far case data decides a criterion (frameworks.md)."""

    AUTO = "auto"
    """Case data decides it."""
    PART = "part"
    """Case data shows whether the evidence exists; the automatic result is at most the
    second-best value until an inspector judges it."""
    JUDGE = "judge"
    """Niet beoordeeld until an inspector judges it."""


class ScaleMethods:
    """What a scale answers; its ``values`` (best first) are the subclass's."""

    if TYPE_CHECKING:
        id: str
        values: list[Any]

    @property
    def best(self) -> Any:
        return self.values[0]

    @property
    def worst(self) -> Any:
        return self.values[-1]

    @property
    def failing(self) -> list[Any]:
        """The values below the middle of the scale: what counts as failing ("voldoet
        grotendeels niet" and "voldoet niet" on IGJ's) in every count and share."""
        return [v for v in self.values if v.score < 0.5]

    def get(self, verdict: str) -> Any | None:
        return self._by_id.get(verdict)

    @cached_property
    def _by_id(self) -> dict[str, Any]:
        # Looked up for every cell of every list row: a dict, not a scan.
        return {v.id: v for v in self.values}

    def lookup(self, text: str) -> str | None:
        """A verdict id from its id, label or short code, in any case; None if unknown."""
        wanted = text.strip().lower().replace("_", " ")
        if wanted in (NOT_ASSESSED.replace("_", " "), "nb"):
            return NOT_ASSESSED
        if wanted in (NOT_APPLICABLE.replace("_", " "), "nvt", "n.v.t."):
            return NOT_APPLICABLE
        for value in self.values:
            if wanted in (value.id.replace("_", " "), value.label.lower(), value.short.lower()):
                return value.id
        return None

    def nearest(self, score: float) -> Any:
        """The scale value nearest ``score``; a tie goes to the worse value."""
        return min(reversed(self.values), key=lambda v: abs(v.score - score))

    def step_down(self, verdict: str, steps: int = 1) -> str:
        value = self.get(verdict)
        if value is None:
            return verdict
        index = min(self.values.index(value) + steps, len(self.values) - 1)
        return self.values[index].id

    def at_best(self, verdict: str, ceiling: str) -> str:
        """``verdict``, but no better than ``ceiling``."""
        value, cap = self.get(verdict), self.get(ceiling)
        if value is None or cap is None:
            return verdict
        return verdict if value.score <= cap.score else ceiling

    def label(self, verdict: str) -> str:
        """The Dutch label; "niet van toepassing", else "niet beoordeeld" off the scale."""
        value = self.get(verdict)
        if value:
            return value.label
        return "niet van toepassing" if verdict == NOT_APPLICABLE else "niet beoordeeld"

    def cell(self, verdict: str) -> str:
        """Symbol + short code, readable without colour: '✗VN'; '·NB' when not assessed,
        '-NVT' when not applicable."""
        value = self.get(verdict)
        if value:
            return f"{value.symbol}{value.short}"
        return "-NVT" if verdict == NOT_APPLICABLE else "·NB"


class ThemeMethods:
    """What a theme answers; its ``norms`` are the subclass's."""

    if TYPE_CHECKING:
        norms: Sequence[Any]

    @property
    def criteria(self) -> list[Any]:
        return [c for norm in self.norms for c in norm.criteria]


class FrameworkMethods:
    """What a framework answers; its fields are the subclass's."""

    if TYPE_CHECKING:
        name: str
        title: str
        themes: Sequence[Any]
        risk_labels: dict[str, str]

    def risk_label(self, risk: str) -> str:
        """The Dutch label of a risk id this framework's criteria name."""
        return self.risk_labels.get(risk) or SEED_RISKS.get(risk, risk)

    @property
    def short_title(self) -> str:
        """What people call it where the title does not fit: the name, else the title."""
        return self.name or self.title

    @property
    def criteria(self) -> list[Any]:
        return [c for theme in self.themes for c in theme.criteria]

    @cached_property
    def tag(self) -> str:
        """A short tag for narrow columns: the prefix of its criterion ids (ZN, GGZ)."""
        return self.criteria[0].id.split(".")[0][:4]

    def locate(self, criterion_id: str) -> tuple[Any, Any, Any] | None:
        for theme in self.themes:
            for norm in theme.norms:
                for criterion in norm.criteria:
                    if criterion.id == criterion_id:
                        return theme, norm, criterion
        return None
