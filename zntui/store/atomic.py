"""Atomic, optimistic writes of the files zntui owns (review sidecars, regional notes).

A save writes ``.NAME.XXXXXXXX.tmp`` beside ``NAME`` and renames it over ``NAME``. The
writer holds an exclusive ``flock`` on the temporary file from its creation until after
the rename, so a temporary file that nobody holds a lock on, and that is older than
:data:`STALE_SECONDS`, was left by a writer that died (``kill -9``, power loss):
:func:`remove_stale_temporaries` removes those, and only those.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

STALE_SECONDS = 60.0
"""A temporary file younger than this is never removed, even when nobody locks it: a
writer between creating it and locking it (microseconds) must not lose it."""

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
"""What :func:`tempfile.mkstemp` makes of ``prefix=".NAME.", suffix=".tmp"``."""


def digest(data: bytes | None) -> str:
    """The fingerprint a save compares against; '' for a file that does not exist."""
    import hashlib  # here, like tempfile below: reading rows back needs neither

    return "" if data is None else hashlib.sha256(data).hexdigest()


class NotARegularFile(OSError):
    """The path exists but is a FIFO, device, socket or folder: it is never opened to read."""


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file (at most ``limit`` + 1 of them).

    Opened without blocking and checked before the first read, so a FIFO or a device put
    where a file of ours is expected is refused rather than waited on for ever.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(errno.EINVAL, "geen gewoon bestand", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read() if limit is None else handle.read(limit + 1)
    finally:
        os.close(fd)


def read_or_none(path: Path) -> bytes | None:
    """A regular file's bytes, or None if there is no file; OSError for anything else."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder, so two zntui processes never interleave a save."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def mode_like(path: Path) -> int:
    """``path``'s read/write permission bits (never execute), or 0o600 if it is gone."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode) & 0o666
    except OSError:
        return 0o600


def narrowest_mode(sources: Iterable[Path]) -> int:
    """The widest permission bits no wider than any of ``sources``' (their AND): what a
    file made from them may have. 0o600 when there are none."""
    mode = None
    for source in sources:
        mode = mode_like(source) if mode is None else mode & mode_like(source)
    return 0o600 if mode is None else mode | 0o600  # the owner can always read it back


def private_folder(path: Path) -> Path:
    """Make ``path`` (and any missing parent) a folder only its owner can enter: 0o700
    whatever the umask; a zntui folder made wider by an older version is narrowed."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask, never widened
    info = os.stat(path)
    if stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.geteuid():
        os.chmod(path, 0o700)
    return path


def temporary_for(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, locked for as long as the fd is open."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd, tmp


def write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Temporary file in the same folder, flush, fsync, rename; the old file stays intact
    until the rename, and a failure leaves no temporary file behind."""
    fd, tmp = temporary_for(path)
    try:
        try:
            os.fchmod(fd, mode)
            write_all(fd, data)
            os.fsync(fd)
            os.replace(tmp, path)
        finally:
            os.close(fd)  # releases the lock: only now may the file be called stale
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def fsync_folder(folder: Path) -> None:
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def remove_stale_temporaries(folder: Path, owns: Callable[[str], bool]) -> int:
    """Remove the temporary files a dead zntui writer left in ``folder``; how many.

    Only files named as :func:`temporary_for` names them, for a file name that ``owns``
    says is zntui's (a sidecar, the regional notes), regular, not symlinks, owned by
    this user, older than :data:`STALE_SECONDS` and not locked by a live writer.
    Anything else is left alone; nothing here ever raises.
    """
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    now = time.time()
    for name in names:
        found = _TEMPORARY.match(name)
        if not found or not owns(found.group("name")):
            continue
        if _remove_if_stale(folder / name, now):
            removed += 1
    return removed


def _remove_if_stale(path: Path, now: float) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False  # a symlink, gone meanwhile, or not ours to read
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.geteuid()
            or now - info.st_mtime < STALE_SECONDS
        ):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a live writer holds it
        # Still the same file under that name (not renamed over, not replaced)?
        try:
            current = os.lstat(path)
        except OSError:
            return False
        if (current.st_ino, current.st_dev) != (info.st_ino, info.st_dev):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def __getattr__(name: str) -> object:
    # ``atomic.tempfile``, as tests reach it to make mkstemp fail, without importing it
    # (and shutil, random, bz2, lzma with it) at every start.
    if name == "tempfile":
        import tempfile

        return tempfile
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
