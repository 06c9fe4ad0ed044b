"""Review sidecars: read, and write atomically without ever clobbering a newer version.

``NAME.review.toml`` lives beside ``NAME.toml``. A save:

1. takes an exclusive lock on the folder (two zntui processes never interleave);
2. checks that the sidecar on disk is still the one that was read — if not, the save is
   refused with :class:`ReviewConflict`, which says what changed, and nothing is written;
3. writes a temporary file in the same folder, flushes and fsyncs it, gives it the case
   file's permission bits (never wider), and renames it over the sidecar;
4. removes the temporary files that saves killed half-way left in that folder.

A sidecar that is corrupt or from a newer format raises :class:`ReviewError` on load,
and since saving needs a loaded review, it is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zntui.diagnostics import TomlError, validate
from zntui.store.atomic import digest, folder_lock, mode_like, read_or_none, write_atomic
from zntui.store.errors import SaveFailed, why_not_written
from zntui.store.folder import REVIEW_SUFFIX, remove_stale_saves

if TYPE_CHECKING:
    from zntui.model.review import AuditEntry, Review

# The review model (pydantic) is imported where a sidecar is read or written: a cache
# hit reads a ReviewError back from a row and must not pay for it.


def sidecar_path(case_path: Path) -> Path:
    """``cases/rita.toml`` → ``cases/rita.review.toml``."""
    return case_path.with_name(case_path.name.removesuffix(".toml") + REVIEW_SUFFIX)


@dataclass(frozen=True)
class LoadedReview:
    """A review and the exact sidecar bytes it came from (their digest; '' if none)."""

    path: Path
    review: Review
    digest: str


class ReviewError(Exception):
    """The sidecar cannot be used; the case opens read-only.

    ``kind`` is ``corrupt``, ``newer`` (a newer review format) or ``unreadable``.
    """

    def __init__(self, path: Path, kind: str, message: str) -> None:
        self.path = path
        self.kind = kind
        self.message = message
        super().__init__(f"{path}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (ReviewError, (self.path, self.kind, self.message))


class ReviewConflict(Exception):
    """The sidecar changed on disk since it was read; the save was refused."""

    def __init__(self, path: Path, changes: list[str]) -> None:
        self.path = path
        self.changes = changes
        listed = "; ".join(changes) if changes else "het bestand is vervangen"
        super().__init__(
            f"{path} is op schijf gewijzigd sinds het gelezen werd ({listed}). Er is niets "
            "bewaard; laad opnieuw en breng uw wijziging nog eens aan."
        )


def _read(path: Path) -> bytes | None:
    try:
        return read_or_none(path)
    except OSError as exc:
        raise ReviewError(path, "unreadable", f"onleesbaar: {exc.strerror}") from None


def parse_review(data: bytes, path: Path, case_id: str) -> Review:
    from zntui.model.review import REVIEW_FORMAT_VERSION, Review
    from zntui.store import toml_reader
    from zntui.store.reader import format_problem

    try:
        text = data.decode("utf-8")
        raw = toml_reader.read_toml(text)
    except UnicodeDecodeError as exc:
        raise ReviewError(path, "corrupt", f"geen leesbaar beoordelingsbestand: {exc}") from None
    except TomlError as exc:
        raise ReviewError(path, "corrupt", f"geen leesbaar beoordelingsbestand: {exc}") from None
    problem = format_problem(raw, REVIEW_FORMAT_VERSION, "review")
    if problem:
        # Never rewritten either way: a newer zntui's file is kept for it; a format no
        # zntui writes (a string, a float) means the file is not what it seems.
        version = raw.get("format")
        newer = type(version) is int and version > REVIEW_FORMAT_VERSION
        if newer:
            problem += "; alleen-lezen geopend"
        raise ReviewError(path, "newer" if newer else "corrupt", problem)
    try:
        review = validate(raw, text, Review)
    except TomlError as exc:
        first = exc.problems[0]
        where = f"regel {first.line}: " if first.line else ""
        raise ReviewError(
            path, "corrupt", f"ongeldig beoordelingsbestand: {where}{first.message}"
        ) from None
    if review.case != case_id:
        raise ReviewError(path, "corrupt", f"hoort bij casus {review.case!r}, niet bij {case_id!r}")
    return review


def load_review(case_path: Path, case_id: str) -> LoadedReview:
    """The review of a case; an empty one if there is no sidecar yet."""
    from zntui.model.review import Review

    path = sidecar_path(case_path)
    data = _read(path)
    if data is None:
        return LoadedReview(path, Review(case=case_id), "")
    return LoadedReview(path, parse_review(data, path, case_id), digest(data))


def serialise(review: Review) -> bytes:
    import tomli_w

    data = review.model_dump(mode="python", exclude_defaults=False)
    header = "# Review written by zntui: judgements, notes, status and the audit trail.\n"
    header += "# Do not edit by hand; use zntui (the audit list is append-only).\n"
    return (header + tomli_w.dumps(data)).encode("utf-8")


def describe_new_entries(entries: list[AuditEntry]) -> list[str]:
    from zntui.model.review import audit_label

    out = []
    for e in entries:
        change = f"{e.old} → {e.new}" if e.old else e.new
        out.append(f"{audit_label(e.what)}: {change} door {e.by} om {e.at:%Y-%m-%d %H:%M} UTC")
    return out


def save_review(case_path: Path, loaded: LoadedReview, review: Review) -> LoadedReview:
    """Write ``review`` if the sidecar is still as ``loaded`` found it; else ReviewConflict.
    A refusal of the file system is a :class:`SaveFailed` (one Dutch sentence)."""
    try:
        return _save(case_path, loaded, review)
    except (ReviewConflict, SaveFailed):
        raise
    except OSError as exc:
        raise SaveFailed(loaded.path, why_not_written(exc, loaded.path)) from None


def _save(case_path: Path, loaded: LoadedReview, review: Review) -> LoadedReview:
    path = loaded.path
    with folder_lock(path.parent):
        current = _read(path)
        current_digest = "" if current is None else digest(current)
        if current_digest != loaded.digest:
            changes: list[str] = []
            if current is None:
                changes.append("het beoordelingsbestand is verwijderd")
            else:
                try:
                    on_disk = parse_review(current, path, review.case)
                    changes = describe_new_entries(on_disk.audit[len(loaded.review.audit) :])
                except ReviewError as exc:
                    changes.append(exc.message)
            raise ReviewConflict(path, changes)
        data = serialise(review)
        write_atomic(path, data, mode_like(case_path))
        # Under the folder lock no other save is half-way: what a killed one left is stale.
        remove_stale_saves(path.parent)
    return LoadedReview(path, review, digest(data))
