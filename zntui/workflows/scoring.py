"""Score an opened folder: every case, from the cache where it is still good, on every
core when it pays, rows streamed to ``arrived`` as they come. The work itself is
:func:`zntui.engine.folder.score_folder` (cache, workers, streaming); this is the one
place that says what a session scores it with, for the CLI and the app alike."""

from __future__ import annotations

from zntui.engine.folder import Arrived, Progress, ScoredFolder, score_folder
from zntui.workflows.session import Session


def score_session(
    session: Session,
    *,
    cache: bool = True,
    progress: Progress | None = None,
    arrived: Arrived | None = None,
    freeze: bool = False,
) -> ScoredFolder:
    """The session's root scored with its plugins and rule parameters. ``freeze``:
    see :func:`~zntui.engine.folder.score_folder` (the caller keeps the folder for
    the rest of the process)."""
    return score_folder(
        session.root,
        session.registry,
        progress,
        session.config.config.rule_params,
        cache=cache,
        arrived=arrived,
        freeze=freeze,
    )
