"""Configuration: one file, found in the case folder or the user's config folder.

Order: ``zntui.toml`` in the case folder, then ``config.toml`` in the user config
folder (platformdirs; honours ``XDG_CONFIG_HOME``). The first that exists is used, as a
whole. It is validated like a case file: a bad key names the file, line and column and
suggests the near miss; it is never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

CONFIG_NAME = "zntui.toml"
MAX_CONFIG_BYTES = 256 * 1024
"""A config file is a few lines; anything this large is not one."""


class Config(BaseModel):
    """What a config file may hold. Every key has an effect; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    disable_plugins: list[str] = Field(
        default_factory=list, description="Plugins not to load, as with -p no:NAME."
    )
    plugins_dirs: list[Path] = Field(
        default_factory=list,
        description="Folders whose .py files are plugins; relative to the config file.",
    )
    rule_params: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Parameters per check or criterion id, e.g. "
        "[rule_params.'ZN.VE.2'] max_age_days = 90.",
    )
    small_cell: int = Field(
        5,
        ge=3,
        description="The disclosure threshold of regional and national output, at least 3: "
        "regions with fewer cases are too small to show, counts are rounded to multiples "
        "of it and what rounds to 0 shows as <N.",
    )
    read_only: bool = Field(False, description="Open the app for viewing only.")
    keymap: dict[str, str] = Field(
        default_factory=dict,
        description="Binding id → keys (comma-separated), e.g. 'client.sort' = 's'.",
    )
    theme: str = Field(
        "textual-dark",
        description="The app's colour theme, e.g. textual-light, nord, gruvbox "
        "(Ctrl+P → 'theme' lists them).",
    )
    ascii: bool | Literal["auto"] = Field(
        "auto",
        description="Draw with ASCII only (no box-drawing or symbols): true, false, or "
        "'auto' (on the Linux console, old terminals and non-UTF-8 locales).",
    )


@dataclass(frozen=True)
class LoadedConfig:
    config: Config
    path: Path | None
    """The file it came from; None when no config file exists (defaults)."""


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the place."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def user_config_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("zntui")) / "config.toml"


def candidates(case_folder: Path | None) -> list[Path]:
    found = []
    if case_folder is not None:
        folder = case_folder if case_folder.is_dir() else case_folder.parent
        found.append(folder / CONFIG_NAME)
    found.append(user_config_file())
    return found


def load_config(case_folder: Path | None) -> LoadedConfig:
    """The config in force for ``case_folder``; defaults if there is no file."""
    for path in candidates(case_folder):
        # Not is_file(): a FIFO, a folder or a broken link by that name is an error to
        # show, not a reason to go on with other settings.
        if path.exists() or path.is_symlink():
            return LoadedConfig(parse_config(path), path)
    return LoadedConfig(Config(), None)


def parse_config(path: Path) -> Config:
    from zntui.diagnostics import TomlError, validate
    from zntui.store import toml_reader
    from zntui.store.atomic import read_regular

    try:
        data = read_regular(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        reason = "a folder" if path.is_dir() else (exc.strerror or str(exc))
        raise ConfigError([f"{path}:1:1: cannot read: {reason}"]) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError([f"{path}:1:1: larger than {MAX_CONFIG_BYTES // 1024} KiB; not read"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError([f"{path}:1:1: not UTF-8; save the file as UTF-8"]) from None
    try:
        config = validate(toml_reader.read_toml(text), text, Config)
    except TomlError as exc:
        raise ConfigError(exc.lines(path)) from None
    dirs = [p if p.is_absolute() else (path.parent / p).resolve() for p in config.plugins_dirs]
    return config.model_copy(update={"plugins_dirs": dirs})
