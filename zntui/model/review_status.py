"""A review's status, apart from the review model: a cache hit reads it from a row and
must not import pydantic for it (:mod:`zntui.model.review` re-exports it)."""

from __future__ import annotations

from enum import StrEnum


class ReviewStatus(StrEnum):
    """A review's status. The one vocabulary of every surface: the list, the case, the
    chooser, the filter, the CLI and the exports show :attr:`label` ("in behandeling")
    and read any spelling :meth:`parse` accepts. The value ("in_behandeling") is the
    stable machine form (sidecars, JSON)."""

    NIEUW = "nieuw"
    IN_BEHANDELING = "in_behandeling"
    AFGEROND = "afgerond"

    @property
    def label(self) -> str:
        """The name people read, everywhere the status is shown."""
        return self.value.replace("_", " ")

    @classmethod
    def parse(cls, text: str) -> ReviewStatus | None:
        """The status a person typed: the label or the value, in any case, with spaces,
        underscores or hyphens ("in behandeling", "in_behandeling", "In-Behandeling");
        None for any other word (one name per status: no synonyms)."""
        word = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        return next((status for status in cls if word == status.label), None)

    @classmethod
    def words(cls) -> str:
        """The labels, for a message that says what may be typed."""
        return ", ".join(s.label for s in cls)
