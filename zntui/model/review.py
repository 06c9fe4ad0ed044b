"""A review: the inspector's judgements, notes and status for one case, with an audit trail.

Stored in the sidecar ``NAME.review.toml`` beside the case file (see
:mod:`zntui.store.reviews`). Changes go through :func:`judge`, :func:`add_note`,
:func:`set_status` and :func:`unlock`, which return a new review with one more audit
entry; the audit list is append-only. A review with status afgerond is locked until
it is unlocked, with a reason.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from zntui.model.framework import NOT_ASSESSED, Scale
from zntui.model.review_status import ReviewStatus

REVIEW_FORMAT_VERSION = 1


AUDIT_WORDS: dict[str, str] = {
    "judgement": "oordeel",
    "note": "notitie",
    "status": "status",
    "unlock": "heropend",
}
"""The Dutch word for each kind of audit entry. The review file keeps the English
``what`` (a stable machine value); people read these."""


def audit_label(what: str) -> str:
    """``what`` of an audit entry in Dutch: 'judgement ZN.IZ.2' → 'oordeel ZN.IZ.2'."""
    head, sep, rest = what.partition(" ")
    return AUDIT_WORDS.get(head, head) + sep + rest


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Judgement(_Strict):
    """An inspector's verdict on one criterion."""

    verdict: str = Field(description="A scale value id, niet_beoordeeld or niet_van_toepassing.")
    reason: str = ""
    by: str = Field(min_length=1, description="Login name of the inspector.")
    at: dt.datetime = Field(description="When, in UTC.")
    case_digest: str = Field(
        "",
        description="What it judged: the digest of the case as it was (Case.digest). When "
        "the case changes afterwards the judgement is stale until confirmed or changed. "
        "Empty in reviews written before zntui recorded it.",
    )


class Note(_Strict):
    text: str = Field(min_length=1)
    by: str = Field(min_length=1)
    at: dt.datetime


class AuditEntry(_Strict):
    """One change: who, when (UTC), what, old → new, why."""

    at: dt.datetime
    by: str = Field(min_length=1)
    what: str = Field(description="'judgement ZN.IZ.2', 'note' or 'status'.")
    old: str = ""
    new: str = ""
    reason: str = ""


class Review(_Strict):
    format: int = REVIEW_FORMAT_VERSION
    case: str = Field(min_length=1, description="The case id this review belongs to.")
    status: ReviewStatus = ReviewStatus.NIEUW
    judgements: dict[str, Judgement] = Field(default_factory=dict)
    notes: list[Note] = Field(default_factory=list)
    audit: list[AuditEntry] = Field(default_factory=list)


class ReviewChangeError(ValueError):
    """A change that is refused (unknown verdict, missing reason…); the message says why."""


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _label(verdict: str | None, scale: Scale) -> str:
    if verdict is None:
        return ""
    return scale.label(verdict)


def _unlocked(review: Review) -> None:
    """A finished review is locked: changing it needs an explicit, audited unlock."""
    if review.status is ReviewStatus.AFGEROND:
        raise ReviewChangeError(
            "de beoordeling is afgerond en vergrendeld; heropen haar eerst (met een reden)"
        )


def unlock(review: Review, *, by: str, reason: str, at: dt.datetime | None = None) -> Review:
    """Reopen a finished review (status back to in behandeling); the reason is audited."""
    if review.status is not ReviewStatus.AFGEROND:
        raise ReviewChangeError("de beoordeling is niet afgerond; er is niets te heropenen")
    reason = reason.strip()
    if not reason:
        raise ReviewChangeError("een reden is verplicht om een afgeronde beoordeling te heropenen")
    entry = AuditEntry(
        at=at or now_utc(),
        by=by,
        what="unlock",
        old=ReviewStatus.AFGEROND.label,
        new=ReviewStatus.IN_BEHANDELING.label,
        reason=reason,
    )
    return review.model_copy(
        update={"status": ReviewStatus.IN_BEHANDELING, "audit": [*review.audit, entry]}
    )


def judge(
    review: Review,
    criterion_id: str,
    verdict_text: str,
    *,
    scale: Scale,
    automatic_verdict: str | None,
    reason: str,
    by: str,
    at: dt.datetime | None = None,
    case_digest: str = "",
) -> Review:
    """Record a judgement. ``verdict_text`` may be an id, a Dutch label or a short code.

    A reason is required when the verdict differs from the automatic result.
    ``case_digest`` is the digest of the case being judged; judging a stale judgement
    again with the same verdict confirms it for the case as it is now (audited).
    """
    _unlocked(review)
    verdict = scale.lookup(verdict_text)
    if verdict is None:
        allowed = ", ".join(f"{v.label} ({v.short})" for v in scale.values)
        raise ReviewChangeError(
            f"onbekend oordeel {verdict_text!r}; kies uit: {allowed}, niet beoordeeld (NB), "
            "niet van toepassing (NVT)"
        )
    reason = reason.strip()
    if verdict != automatic_verdict and not reason:
        raise ReviewChangeError(
            f"een reden is verplicht: '{_label(verdict, scale)}' wijkt af van de automatische "
            f"uitkomst '{_label(automatic_verdict or NOT_ASSESSED, scale)}'"
        )
    at = at or now_utc()
    old = review.judgements.get(criterion_id)
    same = old is not None and old.verdict == verdict and old.reason == reason
    confirms = same and old is not None and bool(case_digest) and old.case_digest != case_digest
    if same and not confirms:
        return review
    judgements = {
        **review.judgements,
        criterion_id: Judgement(
            verdict=verdict, reason=reason, by=by, at=at, case_digest=case_digest
        ),
    }
    entry = AuditEntry(
        at=at,
        by=by,
        what=f"judgement {criterion_id}"
        + (" bevestigd na wijziging van de casus" if confirms else ""),
        old=_label(old.verdict, scale) if old else "",
        new=_label(verdict, scale),
        reason=reason,
    )
    return review.model_copy(update={"judgements": judgements, "audit": [*review.audit, entry]})


def add_note(review: Review, text: str, *, by: str, at: dt.datetime | None = None) -> Review:
    _unlocked(review)
    text = text.strip()
    if not text:
        raise ReviewChangeError("een lege notitie wordt niet bewaard")
    at = at or now_utc()
    entry = AuditEntry(at=at, by=by, what="note", new=text)
    return review.model_copy(
        update={
            "notes": [*review.notes, Note(text=text, by=by, at=at)],
            "audit": [*review.audit, entry],
        }
    )


def set_status(
    review: Review,
    status: ReviewStatus | str,
    *,
    by: str,
    reason: str = "",
    at: dt.datetime | None = None,
) -> Review:
    new = status if isinstance(status, ReviewStatus) else ReviewStatus.parse(status)
    if new is None:
        allowed = ReviewStatus.words()
        raise ReviewChangeError(f"onbekende status {status!r}; kies uit: {allowed}")
    if new is review.status:
        return review
    _unlocked(review)
    entry = AuditEntry(
        at=at or now_utc(),
        by=by,
        what="status",
        old=review.status.label,
        new=new.label,
        reason=reason.strip(),
    )
    return review.model_copy(update={"status": new, "audit": [*review.audit, entry]})
