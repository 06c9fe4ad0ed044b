"""Domain models: cases, frameworks, results. Imports no Textual."""

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
