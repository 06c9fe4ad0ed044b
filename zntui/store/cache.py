"""The on-disk cache of scored cases: one SQLite file in the user's cache folder.

A row is trusted only when everything it was computed from is unchanged: the case
file (size, mtime_ns, inode), its review sidecar (the same, or absent), and the
*fingerprint* of the installed zntui, plugins, rules and rule parameters, which the
engine computes. Anything else is a miss and is scored again. The store does not
look inside the rows: they are the engine's text.

A cache that cannot be opened, is not ours, or is corrupt is removed and built again;
when even that fails, zntui goes on without a cache. Several processes may use one
cache at once: SQLite's locking (WAL, a busy timeout) keeps it whole, and a write that
still cannot get the lock is skipped — the cache is an optimisation, never the truth.
The file holds the same sensitive data as the case folder, so it is private to the
user (mode 0600 in a 0700 folder).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import sqlite3
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SCHEMA = "zntui.cache/2"
CACHE_ENV = "ZNTUI_CACHE"
"""Set to a file path to use that cache file; "off" turns the cache off."""

Signature = tuple[int, int, int]
"""(size, mtime_ns, inode) of a file; (-1, -1, -1) when there is none."""
ABSENT: Signature = (-1, -1, -1)


def signature(path: Path | str) -> Signature:
    """What must stay the same for a cached row to hold; ``ABSENT`` if there is no file.

    Symlinks count as absent (never cached): what they lead to can change unseen.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return ABSENT
    if not stat.S_ISREG(info.st_mode):
        return ABSENT
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def row_digest(path: str, case: Signature, review: Signature) -> int:
    """One number for a row's path and signatures (equal rows, equal numbers, in one
    process): what :meth:`CaseCache.digests_under` holds instead of the rows."""
    return hash((path, case, review))


@dataclass(frozen=True, slots=True)
class Row:
    path: str
    case: Signature
    review: Signature
    summary: str
    criteria: str
    """Empty when read without it (:meth:`CaseCache.rows_under`); see :meth:`CaseCache.criteria`."""
    rank: str = ""
    """The engine's sort key as text: rows are read back worst first by it."""


def default_path() -> Path:
    """``$ZNTUI_CACHE``, else ``cases.sqlite3`` in the user cache folder (XDG_CACHE_HOME)."""
    override = os.environ.get(CACHE_ENV)
    if override and override != "off":
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if sys.platform == "linux" and posixpath.isabs(xdg):
        # platformdirs' answer here ($XDG_CACHE_HOME/zntui; tests/test_cache.py holds
        # them equal) without importing it: a third of a bare Python start.
        return Path(os.path.join(xdg, "zntui"), "cases.sqlite3")
    from platformdirs import user_cache_path

    return user_cache_path("zntui", appauthor=False) / "cases.sqlite3"


def disabled_by_env() -> bool:
    return os.environ.get(CACHE_ENV) == "off"


class CaseCache:
    """Rows of scored cases for one fingerprint. Use :meth:`open`; never raises after."""

    def __init__(self, path: Path, connection: sqlite3.Connection, fingerprint: str) -> None:
        self.path = path
        self._db = connection
        self.fingerprint = fingerprint
        self.warning: str | None = None
        """Set when the cache had to be rebuilt, or a write was skipped."""

    @classmethod
    def open(cls, fingerprint: str, path: Path | None = None) -> CaseCache | None:
        """The cache at ``path``; rebuilt when it is not usable, None when it cannot be."""
        path = path or default_path()
        try:
            return cls(path, _connect(path), fingerprint)
        except (sqlite3.Error, OSError):
            pass
        # Not a database, not ours, or damaged: never trusted, rebuilt from scratch.
        try:
            _remove(path)
            cache = cls(path, _connect(path), fingerprint)
        except (sqlite3.Error, OSError):
            return None
        cache.warning = f"cache {path} was damaged or not zntui's; rebuilt"
        return cache

    def _under(self, root: Path) -> tuple[str, tuple[str, ...]]:
        key = str(root)
        if not os.path.isdir(key):
            # One file: its row by the path's own index. With the folder's range and an
            # OR, SQLite picks the (fingerprint, rank) index and reads every row of the
            # cache instead: 0.14-0.21 s for one file at 50,000 cases.
            return "fingerprint = ? AND path = ?", (self.fingerprint, key)
        low, high = key + os.sep, key + chr(ord(os.sep) + 1)
        return (
            "fingerprint = ? AND ((path >= ? AND path < ?) OR path = ?)",
            (self.fingerprint, low, high, key),
        )

    def plan_under(self, root: Path) -> list[str]:
        """How SQLite reads the rows under ``root`` (its query plan, for tests)."""
        where, args = self._under(root)
        sql = f"EXPLAIN QUERY PLAN SELECT path, summary, rank FROM cases WHERE {where}"
        return [str(r[-1]) for r in self._db.execute(sql + " ORDER BY rank", args)]

    def digests_under(self, root: Path) -> set[int]:
        """:func:`row_digest` of every row under ``root``: one number a row, for telling
        a likely hit from a miss without holding every row's path and signatures."""
        where, args = self._under(root)
        try:
            cursor = self._db.execute(
                f"SELECT path, size, mtime_ns, ino, r_size, r_mtime_ns, r_ino FROM cases "
                f"WHERE {where}",
                args,
            )
            return {
                row_digest(r[0], (r[1], r[2], r[3]), (r[4], r[5], r[6]))
                for batch in iter(lambda: cursor.fetchmany(1000), [])
                for r in batch
            }
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)
            return set()

    def paths_under(self, root: Path) -> Iterator[str]:
        """The paths of every row under ``root``, a few at a time."""
        where, args = self._under(root)
        try:
            cursor = self._db.execute(f"SELECT path FROM cases WHERE {where}", args)
            while batch := cursor.fetchmany(1000):
                for r in batch:
                    yield r[0]
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)

    def rows_under(self, root: Path, *, limit: int | None = None) -> Iterator[Row]:
        """Rows under ``root`` (a folder or one file), worst first, without their criteria;
        ``limit`` reads only the first ones (the top of the list, to show at once)."""
        where, args = self._under(root)
        sql = (
            "SELECT path, size, mtime_ns, ino, r_size, r_mtime_ns, r_ino, summary, rank "
            f"FROM cases WHERE {where} ORDER BY rank"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        try:
            cursor = self._db.execute(sql, args)
            while batch := cursor.fetchmany(500):
                for r in batch:
                    yield Row(r[0], (r[1], r[2], r[3]), (r[4], r[5], r[6]), r[7], "", r[8])
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)

    def criteria(self, path: str, case: Signature, review: Signature) -> str | None:
        """The criteria text of the row for ``path``, if it is still for these signatures."""
        try:
            found = self._db.execute(
                "SELECT criteria FROM cases WHERE path = ? AND fingerprint = ? AND size = ? "
                "AND mtime_ns = ? AND ino = ? AND r_size = ? AND r_mtime_ns = ? AND r_ino = ?",
                (path, self.fingerprint, *case, *review),
            ).fetchone()
        except sqlite3.Error:
            return None
        return found[0] if found else None

    def _rebuild(self, exc: Exception) -> None:
        # Damage deeper in the file shows only when its pages are read: start afresh.
        self.close()
        try:
            _remove(self.path)
            self._db = _connect(self.path)
        except (sqlite3.Error, OSError):
            self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self.warning = f"cache {self.path} was damaged ({exc}); rebuilt"

    def put(self, rows: Iterable[Row]) -> None:
        """Store rows (replacing older ones for the same path); skipped if locked too long."""
        values = [
            (r.path, self.fingerprint, *r.case, *r.review, r.summary, r.criteria, r.rank)
            for r in rows
        ]
        if not values:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values
                )
        except sqlite3.Error as exc:
            self.warning = f"cache {self.path} not updated ({exc})"

    def forget(self, paths: Iterable[str]) -> None:
        """Drop rows of files that are gone, so the cache does not grow without bound."""
        keys = [(p,) for p in paths]
        if not keys:
            return
        try:
            with self._db:
                self._db.executemany("DELETE FROM cases WHERE path = ?", keys)
        except sqlite3.Error as exc:
            self.warning = f"cache {self.path} not updated ({exc})"

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        # Create it private before SQLite opens it: it holds case data.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.isolation_level = "DEFERRED"
        with db:
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA,))
            db.execute(
                "CREATE TABLE IF NOT EXISTS cases (path TEXT PRIMARY KEY, fingerprint TEXT, "
                "size INT, mtime_ns INT, ino INT, r_size INT, r_mtime_ns INT, r_ino INT, "
                "summary TEXT, criteria TEXT, rank TEXT)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS cases_rank ON cases (fingerprint, rank)")
        found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found is None or found[0] != SCHEMA:
            raise sqlite3.DatabaseError(f"schema {found[0] if found else None!r}, not {SCHEMA}")
    except BaseException:
        db.close()
        raise
    return db


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def clear(path: Path | None = None) -> bool:
    """Delete the cache file; True if there was one."""
    path = path or default_path()
    existed = path.exists()
    _remove(path)
    return existed
