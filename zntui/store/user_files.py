"""Write a file the user named — a report, an export, a saved view — losing nothing.

Every command and key that writes to a path the user typed comes here:

- it never writes over a case file, a review sidecar, the regional notes or a config
  file (all of them TOML, so nothing ending in ``.toml`` is ever written), nor over
  anything that is not a plain file (a folder, ``/dev/null``, a FIFO, a symlink such
  as ``/dev/stdout``: root would replace it for the whole machine);
- it never replaces an existing file unless told (``force``: ``--force``, or "yes" in
  the app); without it, the new file is linked into place, which fails if a file of
  that name appeared meanwhile — no check-then-write window;
- the file is whole or absent (temporary file, fsync, then link or rename), and has
  the permission bits it is given (callers pass :func:`narrowest_mode` of the case
  files it was made from), never wider;
- whatever goes wrong ends in :class:`WriteRefused`, one Dutch sentence naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from zntui.store.atomic import fsync_folder, temporary_for, write_all
from zntui.store.errors import _REASONS, dutch_reason, why_not_written

PROTECTED_SUFFIX = ".toml"
"""Case files, sidecars, regional notes and config files are all TOML."""


class WriteRefused(Exception):
    """The file was not written; the message says why, in Dutch, naming the path."""

    def __init__(self, path: Path, reason: str, exists: bool = False) -> None:
        self.path = path
        self.reason = reason
        self.exists = exists
        """True when only ``force`` was missing: the app may then ask to overwrite."""
        super().__init__(f"{path}: {reason}")


def check_target(path: Path, force: bool = False) -> None:
    """Raise :class:`WriteRefused` if ``path`` may not be written (before any work)."""
    if path.name.lower().endswith(PROTECTED_SUFFIX):
        raise WriteRefused(
            path,
            "zntui schrijft nooit een .toml-bestand (casus, review, regionale afspraken "
            "of configuratie); kies een naam op .md, .html, .csv of .json",
        )
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteRefused(path, dutch_reason(exc)) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            # Never replaced, even with force: /dev/stdout is a symlink, and so may be a
            # name that leads to a case file.
            target = Path(os.path.realpath(path))
            raise WriteRefused(
                path, f"dat is een symbolische koppeling (naar {target}); geef het echte bestand"
            )
        if stat.S_ISDIR(info.st_mode):
            raise WriteRefused(path, _REASONS[errno.EISDIR])
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(
                path,
                "dat is geen gewoon bestand (een apparaat, FIFO of socket); laat -o weg "
                "om naar de standaarduitvoer te schrijven",
            )
        if not force:
            raise WriteRefused(path, "bestaat al", True)
    parent = path.parent
    if not parent.is_dir():
        reason = "die map bestaat niet" if not parent.exists() else "dat is geen map"
        raise WriteRefused(path, f"{reason}: {parent}")


def write_user_file(path: Path, text: str, mode: int, force: bool = False) -> Path:
    """Write ``text`` to the file the user named; see the module. Returns ``path``."""
    check_target(path, force)
    data = text.encode("utf-8")
    try:
        fd, tmp = temporary_for(path)
    except OSError as exc:
        raise WriteRefused(path, why_not_written(exc, path)) from None
    try:
        try:
            os.fchmod(fd, mode & 0o666)
            write_all(fd, data)
            os.fsync(fd)
            if force:
                os.replace(tmp, path)
            else:
                _link_new(tmp, path)
        finally:
            os.close(fd)
        fsync_folder(path.parent)
    except FileExistsError:
        raise WriteRefused(path, "bestaat al", True) from None
    except OSError as exc:
        raise WriteRefused(path, why_not_written(exc, path)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)  # gone after a rename; the spare name after a link
    return path


def _link_new(tmp: str, path: Path) -> None:
    """Put ``tmp`` at ``path`` only if nothing is there (atomic: link fails if it is)."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # A file system without hard links: exclusive create, then the bytes.
        with open(tmp, "rb") as source:
            data = source.read()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.fchmod(fd, os.stat(tmp).st_mode & 0o666)
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
