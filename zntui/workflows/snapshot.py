"""The session a folder was last opened with, kept so that a warm start need not load
the plugins.

Loading the plugins imports their rule code, the case models and pydantic: most of a
one-file triage whose row the cache already holds. A *snapshot* keeps what such a
start needs of the session — the cache's fingerprint (:func:`zntui.workflows.rows.
fingerprint`), the frameworks (as data, read back as
:mod:`zntui.model.framework_copy`) and the plugins' load problems — with everything
it was built from, so that it is used only while all of that is unchanged:

- in its key: zntui's version, the interpreter and ``sys.path``, the path asked for,
  the ``--plugins-dir`` and ``-p`` options, and the ``ZNTUI_*``/``XDG_*``/``HOME``
  environment (which plugins load, where the config lives);
- as *dependencies*, each with its ``stat`` (mode, size, mtime, inode, device,
  ctime): the file of every module imported when the session was built (plugins,
  zntui, pydantic…) and its folder, every folder on ``sys.path`` (a distribution
  installed, upgraded or removed changes its folder), every file opened and folder
  listed while the config was read and the plugins loaded (rules files, entry-point
  metadata, plugin folders), and every place a config could be found (``zntui.toml``
  in the folder and above it, the user's config), present or not.

A plugin whose code, version, metadata or data file changes, a plugin added, removed
or disabled, a config edited: each changes a dependency or the key, and the next start
loads the plugins and writes a new snapshot. What a plugin reads other than through
files (another environment variable, the clock, the network) is not seen; a plugin
that writes anything while it loads is never snapshotted (its output would be missing
from a warm start). The snapshot is never the truth about rows: it only names the
fingerprint, and the rows still hold only for files whose signatures are unchanged.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import zntui
from zntui.plugins import Registry
from zntui.store.cache import default_path, disabled_by_env

if TYPE_CHECKING:
    from zntui.workflows.session import Session

SNAPSHOT_FORMAT = 1
"""Bump when a snapshot's content changes shape."""
CHANGED_JUST_NOW = 20 * 10**6
"""Nanoseconds before a build within which a changed dependency keeps it from being
snapshotted: file times come from a coarse clock that lags by up to a few ms."""
KEEP = 64
"""Snapshots kept (one per folder, options and environment); the oldest go first."""

_ENV_PREFIXES = ("ZNTUI_", "XDG_")
_ENV_NAMES = ("HOME",)
_EVENTS = frozenset({"open", "os.listdir", "os.scandir"})
"""Audit events whose path the session build depends on (files read, folders listed)."""


@dataclass(frozen=True)
class Snapshot:
    """What a warm start knows of the session without loading the plugins."""

    fingerprint: str
    registry: Registry
    """The frameworks as copies, in registration order; no checks, no commands: it can
    draw a list, never score a case (:class:`NoChecks`)."""
    problems: list[str]
    """The plugins' load problems, one line each, as the full load reported them."""


class NoChecks(dict[str, Any]):
    """The checks of a snapshot's registry: there are none to run, and asking is a bug
    (a case scored with them would be all rule errors), so it fails loudly."""

    def _refuse(self, *_: object, **__: object) -> Any:
        raise RuntimeError("a registry read from a snapshot has no checks; load the plugins")

    __getitem__ = __contains__ = __iter__ = __len__ = get = items = values = keys = _refuse


def snapshot_folder() -> Path:
    return Path(f"{default_path()}.sessions")


def snapshot_key(path: Path, plugins_dirs: Sequence[Path], plugin_flags: Sequence[str]) -> str:
    """Everything a snapshot depends on that is not a file (see the module docstring),
    as one text: a snapshot holds it whole and is used only when it is equal."""
    env = sorted(
        (k, v) for k, v in os.environ.items() if k.startswith(_ENV_PREFIXES) or k in _ENV_NAMES
    )
    parts = [
        SNAPSHOT_FORMAT,
        zntui.__version__,
        sys.executable,
        sys.version,
        sys.path,
        str(path.absolute()),
        [str(Path(p).absolute()) for p in plugins_dirs],
        list(plugin_flags),
        env,
    ]
    return json.dumps(parts)


def _file_name(key: str) -> str:
    # Only where to look: a snapshot whose key is not equal is not used, so checksums
    # do (hashlib costs a warm start more than the rest of this module).
    data = key.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.json"


def stamp(path: str) -> list[int] | None:
    """What must stay the same for a dependency to hold; None when there is nothing."""
    try:
        st = os.stat(path)
    except OSError:
        try:
            st = os.lstat(path)  # a dangling link: its own stat
        except OSError:
            return None
    return [st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, st.st_ctime_ns]


def read_snapshot(
    path: Path, plugins_dirs: Sequence[Path], plugin_flags: Sequence[str]
) -> Snapshot | None:
    """The snapshot for opening ``path`` with these options, if every dependency still
    holds; None otherwise (and with the cache off)."""
    if disabled_by_env():
        return None
    key = snapshot_key(path, plugins_dirs, plugin_flags)
    try:
        data = json.loads((snapshot_folder() / _file_name(key)).read_bytes())
        if data["format"] != SNAPSHOT_FORMAT or data["key"] != key:
            return None
        for dependency, expected in data["deps"]:
            if stamp(dependency) != expected:
                return None
        from zntui.model.framework_copy import framework_copy

        registry = Registry(errors=list(data["problems"]), checks=NoChecks())
        for framework_id, plugin, framework in data["frameworks"]:
            registry.frameworks[framework_id] = framework_copy(framework)
            registry.framework_plugin[framework_id] = plugin
        return Snapshot(data["fingerprint"], registry, list(data["problems"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


# --- recording what a session is built from -------------------------------------------

_recording: list[set[str]] = []
_hooked = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _recording or event not in _EVENTS:
        return
    try:
        target = args[0] if args else None
        if target is None and event != "open":
            target = "."
        if isinstance(target, (str, bytes, os.PathLike)):
            _recording[-1].add(os.path.abspath(os.fsdecode(target)))
    except Exception:  # an audit hook must never raise into the code it watches
        return


@dataclass
class Recorded:
    """What a session build touched: paths read or listed, and whether it wrote."""

    paths: set[str]
    wrote: bool = False
    started: int = 0
    """``time.time_ns()`` when the build began."""


class _Watch:
    """Standard error while the session is built: passes writes on, notes that there
    were any."""

    def __init__(self, stream: Any, recorded: Recorded) -> None:
        self._stream, self._recorded = stream, recorded

    def write(self, text: str) -> int:
        if text:
            self._recorded.wrote = True
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def recording() -> Iterator[Recorded]:
    """Note the files opened and folders listed (an audit hook, added once and idle
    outside this block) and any output, while a session is built."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    recorded = Recorded(set(), started=time.time_ns())
    _recording.append(recorded.paths)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Watch(sys.stdout, recorded), _Watch(sys.stderr, recorded)
    try:
        yield recorded
    finally:
        sys.stdout, sys.stderr = saved
        _recording.remove(recorded.paths)


def _config_places(path: Path, root: Path) -> set[str]:
    """Every file whose presence decides which config is in force: ``zntui.toml`` in the
    folder of ``path`` and each folder above it (how the root is found), and the
    user's config."""
    from zntui.config import CONFIG_NAME, user_config_file

    start = (path if path.is_dir() else path.parent).resolve()
    places = {str(folder / CONFIG_NAME) for folder in (start, *start.parents)}
    places.add(str(root / CONFIG_NAME))
    places.add(str(user_config_file()))
    return places


def _module_files() -> set[str]:
    found: set[str] = set()
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if isinstance(name, str) and name:
            found.add(os.path.abspath(name))
            found.add(os.path.dirname(os.path.abspath(name)))
    return found


def write_snapshot(
    path: Path,
    plugins_dirs: Sequence[Path],
    plugin_flags: Sequence[str],
    session: Session,
    recorded: Recorded,
) -> None:
    """Keep what a warm start needs of ``session`` (see :func:`read_snapshot`); a
    snapshot that cannot be written is skipped — it is only a shortcut."""
    if disabled_by_env() or recorded.wrote:
        return
    from zntui.model.framework_copy import framework_data
    from zntui.workflows.rows import fingerprint

    registry = session.registry
    if registry.spec is None:  # plugins handed over in code (tests): not from files
        return
    key = snapshot_key(path, plugins_dirs, plugin_flags)
    deps: set[str] = set(recorded.paths)
    deps |= _module_files()
    deps |= {os.path.abspath(p or ".") for p in sys.path}
    deps |= _config_places(path, session.root)
    deps |= {str(Path(p).absolute()) for p in (*plugins_dirs, *session.config.config.plugins_dirs)}
    # A bytecode cache is rewritten from its source, whose own stamp is kept.
    deps = {d for d in deps if "__pycache__" not in d}
    data = {
        "format": SNAPSHOT_FORMAT,
        "key": key,
        "fingerprint": fingerprint(registry, session.config.config.rule_params),
        "problems": list(session.problems),
        "frameworks": [
            [fid, registry.framework_plugin.get(fid, ""), framework_data(framework)]
            for fid, framework in registry.frameworks.items()
        ],
        "deps": sorted([d, stamp(d)] for d in deps),
    }
    # The stamps are taken after the build: a file changed while (or just before) it
    # was read might be stamped as it is now but built as it was. Such a snapshot is
    # not kept; the next start builds one from files that have stayed put.
    recent = recorded.started - CHANGED_JUST_NOW
    if any(s is not None and s[5] >= recent for _, s in data["deps"]):  # type: ignore[union-attr]
        return
    with contextlib.suppress(OSError, TypeError, ValueError):
        _write(snapshot_folder(), _file_name(key), json.dumps(data, ensure_ascii=False))


def _write(folder: Path, name: str, text: str) -> None:
    import tempfile  # here: a warm start reads, it does not write

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".snapshot-")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, folder / name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
