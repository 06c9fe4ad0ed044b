"""Frameworks (toetsingskaders): a scale and themes → norms → criteria.

A plugin builds a :class:`Framework`, usually with :func:`load_framework_toml` from its
rules file, and hands it to the ``register`` callback of
``zntui_register_frameworks``. Criterion text lives in the rules file; the code that
decides a criterion is a *check*, registered under the id the criterion names.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from zntui.diagnostics import TomlError, load_model
from zntui.model.case import Bottleneck

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


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ScaleValue(_Frozen):
    """One step of a scale. ``score`` runs from 1.0 (best) to 0.0 (worst)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, description="Dutch label shown to users.")
    short: str = Field(min_length=1, max_length=4, description="Short code, e.g. VG.")
    symbol: str = Field(min_length=1, max_length=1, description="One character, not a colour.")
    score: float = Field(ge=0.0, le=1.0)


class Scale(_Frozen):
    """An ordered verdict scale, best first. "Niet beoordeeld" is always added by zntui."""

    id: str = "igj4"
    source: str = ""
    values: list[ScaleValue] = Field(min_length=2)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        scores = [v.score for v in self.values]
        if scores != sorted(scores, reverse=True) or len(set(scores)) != len(scores):
            raise ValueError("scale values must be listed best first with falling scores")
        ids = [v.id for v in self.values]
        if set(UNSCORED) & set(ids) or len(set(ids)) != len(ids):
            raise ValueError(f"scale value ids must be unique and not one of {UNSCORED}")
        return self

    @property
    def best(self) -> ScaleValue:
        return self.values[0]

    @property
    def worst(self) -> ScaleValue:
        return self.values[-1]

    @property
    def failing(self) -> list[ScaleValue]:
        """The values below the middle of the scale: what counts as failing ("voldoet
        grotendeels niet" and "voldoet niet" on IGJ's) in every count and share."""
        return [v for v in self.values if v.score < 0.5]

    def get(self, verdict: str) -> ScaleValue | None:
        return self._by_id.get(verdict)

    @cached_property
    def _by_id(self) -> dict[str, ScaleValue]:
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

    def nearest(self, score: float) -> ScaleValue:
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


DEFAULT_SCALE = Scale(
    id="igj4",
    # No framework text found gives this scale: the wording is the one of the
    # inspectorate's reports on other sectors, so it is marked as the project's reading.
    source=(
        "Lezing van het project (geen bron gevonden): de vierpuntsschaal uit rapporten "
        "van de inspectie over andere sectoren"
    ),
    values=[
        ScaleValue(id="voldoet", label="voldoet", short="V", symbol="✓", score=1.0),
        ScaleValue(
            id="voldoet_grotendeels",
            label="voldoet grotendeels",
            short="VG",
            symbol="~",
            score=2 / 3,
        ),
        ScaleValue(
            id="voldoet_grotendeels_niet",
            label="voldoet grotendeels niet",
            short="VGN",
            symbol="!",
            score=1 / 3,
        ),
        ScaleValue(id="voldoet_niet", label="voldoet niet", short="VN", symbol="✗", score=0.0),
    ],
)


class CheckKind(StrEnum):
    """How far case data decides a criterion (frameworks.md)."""

    AUTO = "auto"
    """Case data decides it."""
    PART = "part"
    """Case data shows whether the evidence exists; the automatic result is at most the
    second-best value until an inspector judges it."""
    JUDGE = "judge"
    """Niet beoordeeld until an inspector judges it."""


class Criterion(_Frozen):
    """One criterion. ``check`` names a registered check; ``params`` are passed to it."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$", description="Stable id, e.g. ZN.IZ.2.")
    text: str = Field(min_length=1, description="Dutch text as shown to inspectors.")
    gloss: str = Field(min_length=1, description="English gloss for developers.")
    kind: CheckKind = CheckKind.AUTO
    check: str | None = Field(None, description="Id of the check; none for kind = judge.")
    params: dict[str, Any] = Field(default_factory=dict)
    weight: float = Field(1.0, gt=0)
    bottlenecks: list[Bottleneck] = Field(
        default_factory=list, description="Reported bottlenecks that count against it."
    )
    provisional: bool = Field(False, description="The project's reading, not the source's.")
    passes: str = Field("", description="What passes, in words (shown by rules explain).")
    fails: str = Field("", description="What fails, in words.")
    risks: list[str] = Field(
        default_factory=list,
        description="Recurring risks a failing result shows, by id: the seed's "
        "'samenwerking', 'afstemming', 'overdracht', or the framework's own "
        "(labelled in Framework.risk_labels). Counted by the regional and national pictures.",
    )
    about_links: bool = Field(
        False,
        description="The criterion concerns links between network members; the case "
        "screen lists its failing evidence under the missing links.",
    )

    @model_validator(mode="after")
    def _check_named(self) -> Criterion:
        if self.kind is not CheckKind.JUDGE and not self.check:
            raise ValueError(f"criterion {self.id}: kind {self.kind} needs a check")
        return self


class Norm(_Frozen):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    text: str = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)


class ThemeDef(_Frozen):
    """A theme of a framework, e.g. Integrale zorg."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    title: str = Field(min_length=1)
    short: str = Field(
        "",
        max_length=4,
        description="Column label, at most 4 characters; empty: the id's first four.",
    )
    norms: list[Norm] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _short_default(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("short") and isinstance(data.get("id"), str):
            data = {**data, "short": data["id"][:4]}
        return data

    @property
    def criteria(self) -> list[Criterion]:
        return [c for norm in self.norms for c in norm.criteria]


class Framework(_Frozen):
    """A toetsingskader: what an inspector assesses a case against."""

    id: str = Field(pattern=r"^[a-z0-9_]+$", description="Used in case files' frameworks.")
    title: str = Field(min_length=1)
    version: str = Field(min_length=1, description="Version of the framework document.")
    source: str = ""
    target_group: str = ""
    scale: Scale = DEFAULT_SCALE
    time_limit: float | None = Field(
        None,
        gt=0,
        le=600,
        description="Seconds one check may take on one case (default 10); a check that "
        "takes longer is stopped and becomes a rule error.",
    )
    themes: list[ThemeDef] = Field(min_length=1)
    risk_labels: dict[str, str] = Field(
        default_factory=dict,
        description="Dutch labels of risks of the framework's own (risk id → label); "
        "the seed's risks (SEED_RISKS) need none.",
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Framework:
        seen: set[str] = set()
        for criterion in self.criteria:
            if criterion.id in seen:
                raise ValueError(f"criterion id {criterion.id} is used twice")
            seen.add(criterion.id)
        theme_ids = [t.id for t in self.themes]
        if len(set(theme_ids)) != len(theme_ids):
            raise ValueError("theme ids must be unique within a framework")
        for criterion in self.criteria:
            for risk in criterion.risks:
                if risk not in SEED_RISKS and risk not in self.risk_labels:
                    known = ", ".join([*SEED_RISKS, *self.risk_labels])
                    raise ValueError(
                        f"criterion {criterion.id}: unknown risk {risk!r} "
                        f"(known: {known}; label a risk of your own in risk_labels)"
                    )
        return self

    def risk_label(self, risk: str) -> str:
        """The Dutch label of a risk id this framework's criteria name."""
        return self.risk_labels.get(risk) or SEED_RISKS.get(risk, risk)

    @property
    def criteria(self) -> list[Criterion]:
        return [c for theme in self.themes for c in theme.criteria]

    @cached_property
    def tag(self) -> str:
        """A short tag for narrow columns: the prefix of its criterion ids (ZN, GGZ)."""
        return self.criteria[0].id.split(".")[0][:4]

    def locate(self, criterion_id: str) -> tuple[ThemeDef, Norm, Criterion] | None:
        for theme in self.themes:
            for norm in theme.norms:
                for criterion in norm.criteria:
                    if criterion.id == criterion_id:
                        return theme, norm, criterion
        return None


class RuleFileError(Exception):
    """A rules file that cannot be read; the message names the file and where."""


def load_framework_toml(path: Path | str) -> Framework:
    """Read a framework from a rules TOML file. Raises :class:`RuleFileError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{path}: {exc}") from exc
    try:
        return load_model(text, Framework)
    except TomlError as exc:
        raise RuleFileError("\n".join(exc.lines(path))) from exc
