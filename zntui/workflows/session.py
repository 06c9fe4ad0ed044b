"""Open a folder: find its root, read its config, load the plugins it and the options
name. Problems are returned, never printed: the CLI prints them, the app shows them.

The *root* of a case file is the folder the app would open for it: the nearest
folder, from the case's own upwards, that holds a ``zntui.toml``; without one
anywhere above, the case's own folder. So ``zntui judge`` on a case in a subfolder
uses the same rule parameters and plugins as the app opened on the root, and records
the automatic verdict the app shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zntui.config import CONFIG_NAME, Config, ConfigError, LoadedConfig, load_config
from zntui.plugins import Registry, load_registry


def find_root(path: Path) -> Path:
    """The folder whose config governs ``path`` (a case file or a folder)."""
    start = path if path.is_dir() else path.parent
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return start


@dataclass
class Session:
    """A folder opened: what every workflow on it needs."""

    root: Path
    config: LoadedConfig
    registry: Registry
    problems: list[str] = field(default_factory=list)
    """Plugin load problems, one line each (the session is usable)."""
    config_problems: list[str] = field(default_factory=list)
    """What is wrong with the config file (:func:`open_folder_leniently` only)."""
    config_broken: bool = False
    """The config file could not be used: the defaults are in force instead."""


class SessionError(Exception):
    """The folder cannot be opened as asked; ``lines`` say where and why."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def parse_disabled(flags: Sequence[str]) -> list[str]:
    """Plugin names from ``no:NAME`` flags (``-p no:NAME``)."""
    names = []
    for flag in flags:
        if not flag.startswith("no:") or not flag[3:]:
            raise SessionError([f"-p {flag}: expected no:NAME, e.g. -p no:ambulante_ggz"])
        names.append(flag[3:])
    return names


def load_plugins(
    config: LoadedConfig | None, plugins_dirs: Sequence[Path] = (), disabled: Sequence[str] = ()
) -> Registry:
    """The plugins the options and the config name (the config's are added to them)."""
    dirs, off = list(plugins_dirs), list(disabled)
    if config is not None:
        dirs += config.config.plugins_dirs
        off += config.config.disable_plugins
    return load_registry(plugins_dirs=dirs, disabled=off)


def open_folder(
    path: Path,
    plugins_dirs: Sequence[Path] = (),
    plugin_flags: Sequence[str] = (),
    *,
    root: Path | None = None,
) -> Session:
    """Open the folder that governs ``path`` (see :func:`find_root`), or ``root`` when
    given. Raises :class:`SessionError` for a bad config or bad options."""
    disabled = parse_disabled(plugin_flags)
    root = root if root is not None else find_root(path)
    try:
        config = load_config(root)
    except ConfigError as exc:
        raise SessionError(list(exc.lines)) from None
    registry = load_plugins(config, plugins_dirs, disabled)
    return Session(root, config, registry, list(registry.errors))


def open_folder_leniently(
    root: Path, plugins_dirs: Sequence[Path] = (), plugin_flags: Sequence[str] = ()
) -> Session:
    """Open ``root`` for the app: a bad config does not keep it shut. The defaults are
    used instead, and ``config_problems`` say what is wrong (the app opens read-only,
    since the file may have meant ``read_only = true``). Raises :class:`SessionError`
    only for bad options."""
    disabled = parse_disabled(plugin_flags)
    try:
        config, problems, broken = load_config(root), [], False
    except ConfigError as exc:
        config, problems, broken = LoadedConfig(Config(), None), list(exc.lines), True
    registry = load_plugins(config, plugins_dirs, disabled)
    return Session(root, config, registry, list(registry.errors), problems, broken)
