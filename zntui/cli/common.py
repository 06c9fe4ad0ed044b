"""What several subcommands share: loading plugins from the options, printing errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zntui.config import LoadedConfig
    from zntui.plugins import Registry
    from zntui.workflows.scored import ScoredFolder
    from zntui.workflows.session import Session
    from zntui.workflows.snapshot import Snapshot


def error(message: str) -> None:
    """One line on stderr; file names and data in ``message`` are shown, never run."""
    from zntui.untrusted import visible

    print(f"zntui: {visible(message)}", file=sys.stderr)


def _print(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def config_for(path: Path | None) -> LoadedConfig | None:
    """The config in force for a case folder or file; None (after the errors) if bad."""
    from zntui.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as exc:
        _print(exc.lines)
        return None


def registry_from_args(
    args: argparse.Namespace, config: LoadedConfig | None = None
) -> Registry | None:
    """Load plugins as the options and config say; report load problems and go on."""
    from zntui.workflows.session import SessionError, load_plugins, parse_disabled

    try:
        disabled = parse_disabled(getattr(args, "plugin_flags", []))
    except SessionError as exc:
        error(str(exc))
        return None
    registry = load_plugins(config, getattr(args, "plugins_dir", []), disabled)
    for problem in registry.errors:
        error(problem)
    return registry


def open_session(
    args: argparse.Namespace,
    path: Path,
    *,
    root: Path | None = None,
    snapshot: bool = False,
    quiet: bool = False,
) -> Session | None:
    """The session for ``path`` (its root's config and plugins); None after the errors.
    A folder given on the command line is its own root; a case file's root is found.

    ``snapshot`` keeps a snapshot of it for the next warm start (see
    :func:`warm_session`); ``quiet`` leaves the plugins' load problems unsaid (a warm
    start already said them)."""
    import contextlib

    from zntui.workflows.session import SessionError, open_folder

    plugins_dirs = getattr(args, "plugins_dir", [])
    plugin_flags = getattr(args, "plugin_flags", [])
    watched: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
    snapshot = snapshot and _fresh_process()
    if snapshot:
        from zntui.workflows.snapshot import recording

        watched = recording()
    try:
        with watched as recorded:
            session = open_folder(
                path,
                plugins_dirs,
                plugin_flags,
                root=root if root is not None else (path if path.is_dir() else None),
            )
    except SessionError as exc:
        if len(exc.lines) == 1 and exc.lines[0].startswith("-p "):
            error(exc.lines[0])
        else:
            _print(exc.lines)
        return None
    if not quiet:
        for problem in session.problems:
            error(problem)
    if snapshot:
        from zntui.workflows.snapshot import write_snapshot

        write_snapshot(path, plugins_dirs, plugin_flags, session, recorded)
    return session


def _fresh_process() -> bool:
    """No models imported yet: a warm start can save their import. A process that has
    them (the app, a test, a library caller) gains nothing from a snapshot, and may
    have changed plugins or rows in memory, unseen on disk: it loads the plugins."""
    return "zntui.model.case" not in sys.modules


def warm_session(args: argparse.Namespace, path: Path) -> Snapshot | None:
    """The snapshot of the session for ``path`` with these options, if it still holds
    and the cache is on; its load problems are said as :func:`open_session` says them.
    None: open the session (``open_session(..., snapshot=True)``)."""
    if getattr(args, "no_cache", False) or not _fresh_process():
        return None
    from zntui.workflows.snapshot import read_snapshot

    found = read_snapshot(path, getattr(args, "plugins_dir", []), getattr(args, "plugin_flags", []))
    if found is not None:
        for problem in found.problems:
            error(problem)
    return found


def setup(
    args: argparse.Namespace, folder: Path, *, snapshot: bool = False, quiet: bool = False
) -> tuple[LoadedConfig, Registry] | None:
    """The config for ``folder`` and the plugins it and the options name; None if bad.
    ``snapshot``, ``quiet``: see :func:`open_session`."""
    session = open_session(args, folder, snapshot=snapshot, quiet=quiet)
    return None if session is None else (session.config, session.registry)


def unknown_frameworks(scored: ScoredFolder, registry: Registry) -> str | None:
    """A message when cases name a framework that no loaded plugin provides, else None.

    Their criteria cannot be checked at all; a CI job must not pass on that."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for s in scored.cases:
        for framework_id in s.assessment.unknown_frameworks:
            counts[framework_id] = counts.get(framework_id, 0) + 1
            first.setdefault(framework_id, str(s.path))
    if not counts:
        return None
    named = "; ".join(
        f"{fid!r} in {n} {'casus' if n == 1 else 'casussen'} (bv. {first[fid]})"
        for fid, n in sorted(counts.items())
    )
    loaded = ", ".join(registry.frameworks) or "geen"
    return (
        f"geen geladen plugin levert toetsingskader {named}; geladen toetsingskaders: "
        f"{loaded}. Staat de plugin uit, of laadt hij niet? Zie `zntui plugins`."
    )


def score_for(args: argparse.Namespace, config: LoadedConfig, registry: Registry) -> ScoredFolder:
    """Score ``args.dir`` as the config and ``--no-cache`` say; a cache note goes to stderr."""
    from zntui.workflows.scoring import score_session
    from zntui.workflows.session import Session

    scored = score_session(
        Session(args.dir, config, registry), cache=not args.no_cache, freeze=True
    )
    if scored.cache_note:
        error(scored.cache_note)
    return scored


def folder_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened as a folder of cases, in one sentence; None if it can."""
    if not path.exists():
        return f"{path}: die map bestaat niet; geef de map met casusbestanden"
    if not path.is_dir():
        return f"{path}: is geen map; geef de map met casusbestanden"
    return None
