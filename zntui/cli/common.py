"""What several subcommands share: loading plugins from the options, printing errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zntui.config import LoadedConfig
    from zntui.engine.folder import ScoredFolder
    from zntui.plugins import Registry


def error(message: str) -> None:
    """One line on stderr; file names and data in ``message`` are shown, never run."""
    from zntui.untrusted import visible

    print(f"zntui: {visible(message)}", file=sys.stderr)


def disabled_plugins(flags: list[str]) -> list[str] | None:
    """Names from ``-p no:NAME`` flags; None (after an error message) if one is malformed."""
    names = []
    for flag in flags:
        if not flag.startswith("no:") or not flag[3:]:
            error(f"-p {flag}: expected no:NAME, e.g. -p no:ambulante_ggz")
            return None
        names.append(flag[3:])
    return names


def config_for(path: Path | None) -> LoadedConfig | None:
    """The config in force for a case folder or file; None (after the errors) if bad."""
    from zntui.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return None


def registry_from_args(
    args: argparse.Namespace, config: LoadedConfig | None = None
) -> Registry | None:
    """Load plugins as the options and config say; report load problems and go on."""
    from zntui.plugins import load_registry

    disabled = disabled_plugins(getattr(args, "plugin_flags", []))
    if disabled is None:
        return None
    dirs = list(getattr(args, "plugins_dir", []))
    if config is not None:
        disabled += config.config.disable_plugins
        dirs += config.config.plugins_dirs
    registry = load_registry(plugins_dirs=dirs, disabled=disabled)
    for problem in registry.errors:
        error(problem)
    return registry


def setup(args: argparse.Namespace, folder: Path) -> tuple[LoadedConfig, Registry] | None:
    """The config for ``folder`` and the plugins it and the options name; None if bad."""
    config = config_for(folder)
    registry = registry_from_args(args, config) if config else None
    if config is None or registry is None:
        return None
    return config, registry


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
        f"{fid!r} in {n} case{'s' if n != 1 else ''} (e.g. {first[fid]})"
        for fid, n in sorted(counts.items())
    )
    loaded = ", ".join(registry.frameworks) or "none"
    return (
        f"no loaded plugin provides framework {named}; loaded frameworks: {loaded}. "
        "Is its plugin disabled or failing to load? See `zntui plugins`."
    )


def score_for(args: argparse.Namespace, config: LoadedConfig, registry: Registry) -> ScoredFolder:
    """Score ``args.dir`` as the config and ``--no-cache`` say; a cache note goes to stderr."""
    from zntui.engine.folder import score_folder

    scored = score_folder(
        args.dir, registry, params=config.config.rule_params, cache=not args.no_cache
    )
    if scored.cache_note:
        error(scored.cache_note)
    return scored
