"""Frameworks read back from their JSON form without validation (and without pydantic).

A warm start (:mod:`zntui.workflows.snapshot`) takes the frameworks the plugins
registered from a snapshot, not from the plugins, so that a cache hit imports neither
the plugins nor pydantic. These copies hold the same fields as the validated models of
:mod:`zntui.model.framework` and share their methods (:mod:`zntui.model.framework_base`),
so lists, exports and scales read the same from either. They are only ever made from
:func:`framework_data` of a validated framework, never from a user's file; scoring
always uses the validated models.
"""

from __future__ import annotations

from typing import Any

from zntui.model.framework_base import CheckKind, FrameworkMethods, ScaleMethods, ThemeMethods


class _Copy:
    """Fields as attributes, read-only once made (like the frozen models)."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if not k.startswith("_"))
        return f"{type(self).__name__}({shown})"


class ScaleValueCopy(_Copy):
    id: str
    label: str
    short: str
    symbol: str
    score: float


class ScaleCopy(ScaleMethods, _Copy):
    values: list[ScaleValueCopy]


class CriterionCopy(_Copy):
    id: str
    kind: CheckKind


class NormCopy(_Copy):
    criteria: list[CriterionCopy]


class ThemeCopy(ThemeMethods, _Copy):
    norms: list[NormCopy]


class FrameworkCopy(FrameworkMethods, _Copy):
    id: str
    scale: ScaleCopy
    themes: list[ThemeCopy]


def framework_data(framework: Any) -> dict[str, Any]:
    """A validated framework as the JSON-able data :func:`framework_copy` reads."""
    data: dict[str, Any] = framework.model_dump(mode="json")
    return data


def framework_copy(data: dict[str, Any]) -> FrameworkCopy:
    """A framework from :func:`framework_data`; ValueError when it is not such data."""
    try:
        fields = dict(data)
        scale = dict(fields["scale"])
        scale["values"] = [ScaleValueCopy(**v) for v in scale["values"]]
        fields["scale"] = ScaleCopy(**scale)
        fields["themes"] = [_theme(t) for t in fields["themes"]]
        return FrameworkCopy(**fields)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a framework's data: {exc!r}") from exc


def _theme(data: dict[str, Any]) -> ThemeCopy:
    fields = dict(data)
    fields["norms"] = [
        NormCopy(**{**n, "criteria": [_criterion(c) for c in n["criteria"]]})
        for n in fields["norms"]
    ]
    return ThemeCopy(**fields)


def _criterion(data: dict[str, Any]) -> CriterionCopy:
    # Bottlenecks stay their text values (the validated model's are a StrEnum of the
    # same values): only scoring reads them, and scoring never uses a copy.
    return CriterionCopy(**{**data, "kind": CheckKind(data["kind"])})
