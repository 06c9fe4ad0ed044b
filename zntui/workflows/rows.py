"""The cache row: the text form of a scored case, shared by the cache and the workers.

Each case becomes the same text row whether it was scored now, by a worker or long
ago, so results with and without the cache are the same by construction. The store
(:mod:`zntui.store.cache`) keeps rows without looking inside them; this module makes
and reads them, and says what every row depends on besides its files
(:func:`fingerprint`).

A row's criteria are in a form of the cache's own (:func:`encode_results`), not the
triage JSON's ``criteria`` array (:func:`zntui.engine.results.results_to_json`): the
public format can gain or change a field without a cached row being read wrongly, and
the rows can change shape (:data:`ROW_FORMAT`) without a change to what triage prints.

Encoding that array again for every case of a warm ``triage --format json`` cost about
as much CPU as the rest of the command, so a row also keeps a copy of the public array
as it was printed when the case was scored (:func:`encode_criteria`), tagged with the
public encoder it came from (:func:`public_key`) and a checksum. The copy is used only
when both still hold; otherwise the row's own form is read and encoded anew, and the
row stays good — the copy is a shortcut, never what the cache reads results from.
"""

from __future__ import annotations

import json
import sys
import threading
import weakref
import zlib
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING

import zntui
from zntui.engine import results as public_format
from zntui.engine.order import triage_key
from zntui.engine.results import CaseAssessment, CriterionResult, Source
from zntui.model.review_status import ReviewStatus
from zntui.store.cache import CaseCache, Row, Signature, signature
from zntui.store.errors import CaseError
from zntui.store.folder import REVIEW_SUFFIX
from zntui.store.reviews import ReviewError
from zntui.workflows.scored import Params, ScoredCase

if TYPE_CHECKING:
    import hashlib

    from zntui.plugins import Registry

ROW_FORMAT = 5  # 2: a result's notes apart from its evidence; 3: criteria of their own
# form, and the levels' record key (which reads the results) taken when scored; 4: the
# client's pseudonym (the client list shows and filters on it); 5: a tagged copy of the
# public criteria array after the row's own form
"""Bump when the row text changes shape: every cached row is then scored again."""


def encode_results(results: list[CriterionResult]) -> str:
    """A case's results as a row keeps them: one array per result, its fields in the
    order of :class:`~zntui.engine.results.CriterionResult`."""
    return json.dumps(
        [
            [
                r.framework,
                r.theme,
                r.criterion,
                r.verdict,
                r.source.value,
                r.evidence,
                r.weight,
                r.notes,
                r.automatic_verdict,
                r.reason,
                r.error,
                r.plugin,
                r.score,
                r.stale,
            ]
            for r in results
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


_SOURCES = {s.value: s for s in Source}


def encode_criteria(results: list[CriterionResult]) -> str:
    """A row's criteria column: the results in the row's own form
    (:func:`encode_results`), a line with the public encoder's key and the copy's
    checksum, then the public array (``results_to_json``) as printed today.

    The own form is compact JSON, which holds no line break, so the first one ends it."""
    public = public_format.results_to_json(results)
    return f"{encode_results(results)}\n{_tag(public)}\n{public}"


def own_form(text: str) -> str:
    """The row's own form of its results, from a criteria column."""
    return text.partition("\n")[0]


def public_copy(text: str) -> str | None:
    """The copy of the public criteria array a criteria column keeps, if it is what the
    public encoder of this process prints and is whole; else None."""
    _, found, rest = text.partition("\n")
    tag, found, public = rest.partition("\n")
    return public if found and tag == _tag(public) else None


def _tag(public: str) -> str:
    # crc32: a copy damaged in the file is never printed (it is encoded anew).
    return f"{public_key()} {zlib.crc32(public.encode('utf-8', 'surrogatepass')):08x}"


def public_key() -> str:
    """Which public encoder made a copy: a digest of ``results_to_json``'s code and of
    what it prints for a few results that use every field. A change to the public
    format (a field added, renamed or spelled otherwise, by an edit or by a test that
    replaces the function) changes the key, so older copies are not used."""
    encode = public_format.results_to_json
    found = _KEYS.get(encode)
    if found is None:
        import hashlib  # here: a warm table needs neither key nor fingerprint

        digest = hashlib.sha256(encode(_SAMPLE).encode("utf-8", "surrogatepass"))
        _add_code(digest, getattr(encode, "__code__", None))
        found = _KEYS[encode] = digest.hexdigest()[:16]
    return found


_KEYS: dict[object, str] = {}
_SAMPLE = [
    CriterionResult("f", "t", "f.t.1", "voldoet", Source.AUTOMATIC, ('é – \x85 \u202e "x"',)),
    CriterionResult(
        "g",
        "u",
        "g.u.2",
        "niet_beoordeeld",
        Source.INSPECTOR,
        (),
        2.5,
        ("n",),
        "voldoet_niet",
        "reden",
        None,
        "p",
        None,
        True,
    ),
    CriterionResult("h", "v", "h.v.3", "voldoet_niet", Source.RULE_ERROR, error="e", score=0.0),
]


def _add_code(digest: hashlib._Hash, code: CodeType | None) -> None:
    if code is None:
        return
    digest.update(code.co_code)
    digest.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _add_code(digest, const)  # comprehensions and nested functions
        else:
            digest.update(repr(const).encode())


def decode_results(text: str) -> list[CriterionResult]:
    """:func:`encode_results` read back; ValueError when the text is not such a row's."""
    try:
        results = []
        for f, t, c, v, source, evidence, weight, notes, *rest in json.loads(text):
            if len(rest) != 6:
                raise ValueError(f"{8 + len(rest)} fields, not 14")
            results.append(
                CriterionResult(
                    f, t, c, v, _SOURCES[source], tuple(evidence), weight, tuple(notes), *rest
                )
            )
        return results
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a cached row's criteria: {exc}") from exc


def score_row(path: Path, base: Path, registry: Registry, params: Params | None) -> Row:
    """Score the file at ``path`` into a row. The signatures are taken before reading, so
    a file that changes meanwhile is seen as changed next time."""
    # Here, not at the top: reading rows back (a cache hit) must not import the models,
    # the checks' machinery or pydantic that scoring needs.
    from zntui.workflows.detail import load_detail

    case_sig = signature(path)
    review_sig = signature(sidecar_text(str(path)))
    try:
        detail = load_detail(path, registry, params, base)
    except CaseError as exc:
        error = json.dumps({"error": exc.to_dict()})
        return Row(str(path), case_sig, review_sig, error, "", ERROR_RANK)
    scored = ScoredCase.of(detail)
    summary = {
        "assessment": scored.assessment.to_dict(),
        "municipality": scored.municipality,
        "organisations": list(scored.organisations),
        "pseudonym": scored.pseudonym,
        "status": scored.status.value if scored.status else None,
        "record_key": scored.record_key.hex(),
        "review_error": (
            [str(scored.review_error.path), scored.review_error.kind, scored.review_error.message]
            if scored.review_error
            else None
        ),
    }
    return Row(
        str(path),
        case_sig,
        review_sig,
        json.dumps(summary, ensure_ascii=False),
        encode_criteria(scored.assessment.results),
        rank_text(scored.assessment),
    )


ERROR_RANK = "~"
"""Sorts after every case's rank: invalid files are not read for the top of the list."""


def rank_text(assessment: CaseAssessment) -> str:
    """:func:`triage_key` as text that sorts the same way, so the cache can hand back
    the top of the list first. Counts are capped at 999 (no framework has that many)."""
    unassessed, risk, worst, bad, case_id = triage_key(assessment)  # risk, worst, bad ≤ 0
    counts = f"{999 + max(worst, -999):03d}{999 + max(bad, -999):03d}"
    return f"{unassessed}{100 + risk:03d}{counts}{case_id}"


def from_row(row: Row, criteria: CriteriaSource | None = None) -> ScoredCase | CaseError:
    """The scored case (or the file's error) a row holds; ValueError if it is damaged.

    The case's criteria results are not kept: ``criteria`` reads them back when asked
    (without one, the row's own text is kept and read when asked)."""
    try:
        data = json.loads(row.summary)
        if "error" in data:
            return CaseError.from_dict(data["error"])
        review_error = data["review_error"]
        path = Path(row.path)
        signatures = (row.case, row.review)
        if criteria is None:
            loader: Kept | Stored = Kept(row.criteria or "[]")
        else:
            loader = Stored(criteria, row.path, signatures)
        assessment = CaseAssessment.from_dict(data["assessment"], results_loader=loader)
        return ScoredCase(
            path,
            assessment,
            sys.intern(data["municipality"]),
            tuple(map(sys.intern, data["organisations"])),
            ReviewStatus(data["status"]) if data["status"] else None,
            ReviewError(Path(review_error[0]), review_error[1], review_error[2])
            if review_error
            else None,
            signatures,
            bytes.fromhex(data["record_key"]),
            data["pseudonym"],
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"damaged cache row for {row.path}: {exc}") from exc


class Kept:
    """A case's results read from a criteria column held in memory."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self) -> list[CriterionResult]:
        return decode_results(own_form(self.text))

    def public_json(self) -> str | None:
        return public_copy(self.text)


class Stored:
    """A case's results read back from a :class:`CriteriaSource` when asked (a few
    slots a case: a folder holds one for every case)."""

    __slots__ = ("path", "signatures", "source")

    def __init__(
        self, source: CriteriaSource, path: str, signatures: tuple[Signature, Signature]
    ) -> None:
        self.source, self.path, self.signatures = source, path, signatures

    def __call__(self) -> list[CriterionResult]:
        return self.source.results(self.path, self.signatures)

    def public_json(self) -> str | None:
        return self.source.public_json(self.path, self.signatures)


class CriteriaSource:
    """Where the criteria results of a scored folder are read back from when asked: the
    cache (through a connection of its own), or — with the cache off — a scratch file
    of this process's, removed when the source goes. A row that is no longer there, or
    no longer for the file as it was scored, is scored again from the file: the cache
    is never the truth."""

    def __init__(
        self,
        fingerprint: str,
        path: Path | None,
        registry: Registry,
        params: Params | None,
        base: Path,
    ) -> None:
        self._fingerprint, self._path = fingerprint, path
        self._registry, self._params, self._base = registry, params, base
        self._store: CaseCache | None = None
        self._opened = False
        self._lock = threading.Lock()

    @classmethod
    def scratch(
        cls, fingerprint: str, registry: Registry, params: Params | None, base: Path
    ) -> tuple[CriteriaSource, CaseCache | None]:
        """A source over a new scratch file, and the store to fill it through."""
        import shutil  # here: only --no-cache needs a scratch file
        import tempfile

        folder = tempfile.mkdtemp(prefix="zntui-scratch-")
        path = Path(folder) / "cases.sqlite3"
        source = cls(fingerprint, path, registry, params, base)
        weakref.finalize(source, shutil.rmtree, folder, ignore_errors=True)
        return source, CaseCache.open(fingerprint, path)

    def text(self, path: str, signatures: tuple[Signature, Signature]) -> str:
        with self._lock:
            if not self._opened:
                self._opened = True
                self._store = CaseCache.open(self._fingerprint, self._path)
            found = self._store.criteria(path, *signatures) if self._store else None
        if found is None:
            found = score_row(Path(path), self._base, self._registry, self._params).criteria
        return found or "[]"

    def results(self, path: str, signatures: tuple[Signature, Signature]) -> list[CriterionResult]:
        """The results of the row for ``path``; a damaged row is scored again."""
        try:
            return decode_results(own_form(self.text(path, signatures)))
        except ValueError:
            row = score_row(Path(path), self._base, self._registry, self._params)
            return decode_results(own_form(row.criteria or "[]"))

    def public_json(self, path: str, signatures: tuple[Signature, Signature]) -> str | None:
        """The row's copy of its public criteria array, if still good (:func:`public_copy`)."""
        return public_copy(self.text(path, signatures))


def fingerprint(registry: Registry, params: Params | None = None) -> str:
    """What every cached row depends on besides its files: zntui, plugins, rules, params."""
    parts: list[str] = [zntui.__version__, str(ROW_FORMAT)]
    files: set[str] = set()
    for name, info in sorted(registry.plugins.items()):
        parts.append(f"{name}|{info.source}|{info.version}|{info.location}|{info.error}")
        files.add(info.location)
    for check_id, check in sorted(registry.checks.items()):
        module = getattr(check.function, "__module__", "")
        name = getattr(check.function, "__qualname__", type(check.function).__name__)
        parts.append(f"{check_id}|{check.plugin}|{module}|{name}")
        files.add(getattr(sys.modules.get(module), "__file__", None) or "")
    for framework_id, framework in sorted(registry.frameworks.items()):
        plugin = registry.framework_plugin.get(framework_id, "")
        parts.append(f"{framework_id}|{plugin}|{framework.model_dump_json()}")
    for name in sorted(f for f in files if f):
        parts.append(f"{name}|{signature(name)[:2]}")  # plugin code edited in place
    parts.append(json.dumps(params or {}, sort_keys=True, default=str))
    import hashlib

    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def sidecar_text(path: str) -> str:
    """:func:`~zntui.store.reviews.sidecar_path` on text: the walk takes it for every file."""
    return path.removesuffix(".toml") + REVIEW_SUFFIX
