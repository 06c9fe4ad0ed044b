"""Frameworks (toetsingskaders): a scale and themes → norms → criteria.

A plugin builds a :class:`Framework`, usually with :func:`load_framework_toml` from its
rules file, and hands it to the ``register`` callback of
``zntui_register_frameworks``. Criterion text lives in the rules file; the code that
decides a criterion is a *check*, registered under the id the criterion names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from zntui.diagnostics import TomlError, load_model
from zntui.model.case import Bottleneck
from zntui.model.framework_base import (
    NOT_APPLICABLE,
    NOT_ASSESSED,
    SEED_RISKS,
    UNSCORED,
    CheckKind,
    FrameworkMethods,
    ScaleMethods,
    ThemeMethods,
)

__all__ = [
    "DEFAULT_SCALE",
    "NOT_APPLICABLE",
    "NOT_ASSESSED",
    "SEED_RISKS",
    "UNSCORED",
    "CheckKind",
    "Criterion",
    "Framework",
    "Norm",
    "RuleFileError",
    "Scale",
    "ScaleValue",
    "ThemeDef",
    "load_framework_toml",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ScaleValue(_Frozen):
    """One step of a scale. ``score`` runs from 1.0 (best) to 0.0 (worst)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, description="Dutch label shown to users.")
    short: str = Field(min_length=1, max_length=4, description="Short code, e.g. VG.")
    symbol: str = Field(min_length=1, max_length=1, description="One character, not a colour.")
    score: float = Field(ge=0.0, le=1.0)


class Scale(ScaleMethods, _Frozen):
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


class ThemeDef(ThemeMethods, _Frozen):
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


class Framework(FrameworkMethods, _Frozen):
    """A toetsingskader: what an inspector assesses a case against."""

    id: str = Field(pattern=r"^[a-z0-9_]+$", description="Used in case files' frameworks.")
    title: str = Field(min_length=1)
    name: str = Field(
        "",
        max_length=30,
        description="A few Dutch words for narrow places (the case header), e.g. "
        "'ambulante ggz'; empty: the title.",
    )
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
