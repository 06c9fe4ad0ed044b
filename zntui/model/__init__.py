"""Domain models: cases, frameworks, results. Imports no Textual.

The names below are imported when first asked for: ``zntui.model.framework_base``
and the other pydantic-free modules of this package must be importable without
:mod:`zntui.model.case` (and pydantic) coming along.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from zntui.model.case import (
        CASE_FORMAT_VERSION,
        Bottleneck,
        Case,
        Client,
        Event,
        EventKind,
        Link,
        LinkKind,
        MemberKind,
        NetworkMember,
        personal_field_paths,
    )

__all__ = [
    "CASE_FORMAT_VERSION",
    "Bottleneck",
    "Case",
    "Client",
    "Event",
    "EventKind",
    "Link",
    "LinkKind",
    "MemberKind",
    "NetworkMember",
    "personal_field_paths",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from zntui.model import case

    return getattr(case, name)
