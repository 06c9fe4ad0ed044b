"""Which files under a folder changed, told by the kernel instead of a walk (Linux).

Walking a national folder to find one changed file costs a fifth of a second of CPU
each time; inotify says which file it was, at once, for nothing while nothing changes.
Where inotify is not there (another system, or the kernel's watch limit reached),
:meth:`FolderWatch.start` returns None and the app walks the folder now and then.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import struct
import sys
import time
from pathlib import Path

_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_DELETE_SELF, _IN_MOVE_SELF, _IN_Q_OVERFLOW, _IN_IGNORED = 0x400, 0x800, 0x4000, 0x8000
_IN_ISDIR = 0x40000000
_MASK = (
    _IN_MODIFY
    | _IN_ATTRIB
    | _IN_CLOSE_WRITE
    | _IN_MOVED_FROM
    | _IN_MOVED_TO
    | _IN_CREATE
    | _IN_DELETE
    | _IN_DELETE_SELF
    | _IN_MOVE_SELF
)
_HEADER = struct.Struct("iIII")
HOLD_SECONDS = 1.0
"""A file being written (created or modified, not yet closed) is told of when it is
closed — not half-written — or after this long if its writer keeps it open."""


class FolderWatch:
    """Files under ``root`` that something happened to since the last :meth:`changed`."""

    def __init__(self, libc: ctypes.CDLL, fd: int, root: Path) -> None:
        self._libc, self._fd, self.root = libc, fd, root
        self._dirs: dict[int, str] = {}
        self._held: dict[str, float] = {}
        """Files being written (not yet closed): when the first word of it came."""

    @classmethod
    def start(cls, root: Path) -> FolderWatch | None:
        if not sys.platform.startswith("linux"):
            return None
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:
            return None
        watch = cls(libc, fd, root.absolute())
        if not watch._add_tree(str(watch.root)):
            watch.close()
            return None
        return watch

    def _add_tree(self, top: str) -> bool:
        """Watch ``top`` and the folders under it that the folder's walk would enter."""
        for dirpath, dirnames, _ in os.walk(top):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            wd = self._libc.inotify_add_watch(self._fd, os.fsencode(dirpath), _MASK)
            if wd < 0:
                return False  # e.g. the user's watch limit: fall back to walking
            self._dirs[wd] = dirpath
        return True

    def fileno(self) -> int:
        """Readable when the kernel has word (for an event loop's reader)."""
        return self._fd

    def changed(self) -> set[str] | None:
        """Paths of files (and folders) touched since the last call; None when the kernel
        lost count (too many at once) or a folder came or went: then walk it all."""
        found: set[str] = set()
        whole = False
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                break
            except OSError:
                return None
            offset = 0
            while offset + _HEADER.size <= len(data):
                wd, mask, _, size = _HEADER.unpack_from(data, offset)
                name = data[offset + _HEADER.size : offset + _HEADER.size + size]
                offset += _HEADER.size + size
                if mask & _IN_Q_OVERFLOW:
                    whole = True
                    continue
                folder = self._dirs.get(wd)
                if mask & _IN_IGNORED:
                    self._dirs.pop(wd, None)
                    continue
                if folder is None:
                    continue
                if mask & (_IN_DELETE_SELF | _IN_MOVE_SELF):
                    whole = True
                    continue
                name = name.rstrip(b"\0")
                if not name:
                    continue
                path = os.path.join(folder, os.fsdecode(name))
                if mask & _IN_ISDIR:
                    whole = True  # a folder of cases came or went: walk again
                    if mask & (_IN_CREATE | _IN_MOVED_TO) and not name.startswith(b"."):
                        self._add_tree(path)
                    continue
                if mask & (_IN_CREATE | _IN_MODIFY):
                    # Being written: read when closed, not half-way (a half-written case
                    # would show as broken for a moment).
                    self._held.setdefault(path, time.monotonic())
                    continue
                self._held.pop(path, None)
                found.add(path)
        now = time.monotonic()
        for path, since in list(self._held.items()):
            if now - since >= HOLD_SECONDS:
                del self._held[path]
                found.add(path)
        return None if whole else found

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)
