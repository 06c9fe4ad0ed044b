"""Build the level pictures and reports of a scored folder, for the app's regional and
national panes and for ``zntui report`` alike.

Every regional and national output is made from the one :class:`Publication` that the
disclosure-control step (:func:`zntui.disclosure.publish`) makes of the folder's
de-identified inputs (:func:`zntui.levels.level_inputs`); nothing here counts, rounds or
suppresses anything itself. A report is that publication with what the document
around it needs (:class:`zntui.report.ReportInput`); the renderers are in
:mod:`zntui.report`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from zntui.disclosure import DEFAULT_THRESHOLD, Publication, publish, publish_counts
from zntui.levels import LevelCase, RunningCounts, Scored, level_case, level_inputs
from zntui.model.framework import Framework
from zntui.report import ReportInput
from zntui.store.regional_notes import FollowUp, LoadedNotes, NotesError, load_notes
from zntui.workflows.scored import ScoredCase

LEVELS = ("regional", "national")


def publication(
    cases: Iterable[ScoredCase],
    frameworks: Mapping[str, Framework],
    threshold: int = DEFAULT_THRESHOLD,
    inputs: Callable[[Iterable[Scored]], list[LevelCase]] = level_inputs,
) -> Publication:
    """The one disclosure-controlled publication of ``cases``: what every level pane and
    report of them shows. ``inputs`` makes their de-identified views."""
    return publish(inputs(cases), frameworks, threshold)


class KeptLevels:
    """The true counts of a folder the app keeps open, counted once and then kept as
    cases come and go: a changed file costs its own case's counting, not the folder's.
    Every publication made of them is the one a fresh count gives (the disclosure step
    itself runs whole: its rounding keys on every case of a group)."""

    def __init__(self, cases: Iterable[Scored], frameworks: Mapping[str, Framework]) -> None:
        self.frameworks = frameworks
        self.counts = RunningCounts.of(level_inputs(cases), frameworks)

    def change(self, removed: Iterable[Scored], added: Iterable[Scored]) -> None:
        """``removed`` (as they were counted) out, ``added`` in."""
        for s in removed:
            self.counts.remove(level_case(s))
        for s in added:
            self.counts.add(level_case(s))

    def publication(self, threshold: int = DEFAULT_THRESHOLD) -> Publication:
        return publish_counts(self.counts.groups(), self.frameworks, threshold)


@dataclass(frozen=True)
class Notes:
    """A folder's regional notes as read for the levels; ``problem`` says why there are
    none when the notes file could not be read (the levels are shown without them)."""

    loaded: LoadedNotes | None
    problem: str | None = None

    @property
    def followups(self) -> list[FollowUp]:
        return list(self.loaded.notes.followups) if self.loaded else []


def read_notes(root: Path) -> Notes:
    """The regional notes of the folder at ``root``; never raises for a bad notes file."""
    try:
        return Notes(load_notes(root))
    except NotesError as exc:
        return Notes(None, str(exc))


def report(
    published: Publication,
    frameworks: Mapping[str, Framework],
    level: str,
    regions: Sequence[str] = (),
    followups: Sequence[FollowUp] = (),
) -> ReportInput:
    """What a report of ``level`` (regional or national) of ``published`` needs;
    ``regions`` limits a regional one (all regions when empty)."""
    if level not in LEVELS:
        raise ValueError(f"level {level!r}: not one of {', '.join(LEVELS)}")
    chosen = [r for r in published.region_names if not regions or r in regions]
    return ReportInput(
        level=level,
        publication=published,
        regions=chosen,
        frameworks=dict(frameworks),
        followups=list(followups),
        date=dt.date.today(),
    )
