"""Reviews: judgements recorded, audited, saved atomically, and never lost or clobbered."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path
from unittest import mock

import pytest

from tests.conftest import SAMPLES
from zntui.model.framework import DEFAULT_SCALE
from zntui.model.review import ReviewChangeError, ReviewStatus, add_note, judge, set_status
from zntui.store.reviews import (
    ReviewConflict,
    ReviewError,
    load_review,
    save_review,
    sidecar_path,
)

RITA = "twente/rita-jansen.toml"


@pytest.fixture
def cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USER", "inspecteur1")
    monkeypatch.setenv("LOGNAME", "inspecteur1")
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    return folder


def test_judge_round_trip_and_history(cli, cases: Path) -> None:
    rita = cases / RITA
    before = rita.read_bytes()
    result = cli(
        "judge", rita, "ZN.IZ.4", "voldoet", "grotendeels", "niet", "--reason", "Geen overleg"
    )
    assert result.code == 0, result.err
    assert cli("judge", rita, "ZN.IZ.2", "VN").code == 0  # same as automatic: no reason needed
    assert cli("judge", rita, "ZN.IZ.2", "vg", "--reason", "Dochter regelt").code == 0
    assert cli("note", rita, "Terugbellen", "wijkverpleging").code == 0
    assert cli("status", rita, "in", "behandeling").code == 0
    assert rita.read_bytes() == before  # the case file is never touched

    review = load_review(rita, "ZN-2026-0001").review
    assert review.judgements["ZN.IZ.4"].verdict == "voldoet_grotendeels_niet"
    assert review.judgements["ZN.IZ.2"].verdict == "voldoet_grotendeels"
    assert review.judgements["ZN.IZ.2"].by == "inspecteur1"
    assert review.status is ReviewStatus.IN_BEHANDELING
    assert [n.text for n in review.notes] == ["Terugbellen wijkverpleging"]
    audit = [(e.what, e.old, e.new, e.reason) for e in review.audit]
    assert audit == [
        ("judgement ZN.IZ.4", "", "voldoet grotendeels niet", "Geen overleg"),
        ("judgement ZN.IZ.2", "", "voldoet niet", ""),
        ("judgement ZN.IZ.2", "voldoet niet", "voldoet grotendeels", "Dochter regelt"),
        ("note", "", "Terugbellen wijkverpleging", ""),
        ("status", "nieuw", "in behandeling", ""),
    ]
    assert all(
        e.at.tzinfo is not None and e.at.utcoffset().total_seconds() == 0 for e in review.audit
    )

    history = cli("history", rita)
    assert "tijden in UTC" in history.out
    assert re.search(
        r"inspecteur1\s+oordeel ZN.IZ.2\s+voldoet niet → voldoet grotendeels", history.out
    )
    assert "reden: Dochter regelt" in history.out
    entries = json.loads(cli("history", rita, "--format", "json").out)
    assert len(entries) == 5 and entries[0]["by"] == "inspecteur1"


def test_judgements_win_in_triage(cli, cases: Path) -> None:
    rita = cases / RITA
    cli("judge", rita, "ZN.IZ.2", "voldoet", "--reason", "Huisarts coördineert feitelijk")
    data = json.loads(cli("triage", cases, "--format", "json").out)
    case = next(c for c in data["cases"] if c["case"] == "ZN-2026-0001")
    iz2 = next(c for c in case["criteria"] if c["id"] == "ZN.IZ.2")
    assert (iz2["verdict"], iz2["source"], iz2["automatic_verdict"]) == (
        "voldoet",
        "inspecteur",
        "voldoet_niet",
    )
    assert iz2["reason"] == "Huisarts coördineert feitelijk"
    assert case["judged"] == 1


def test_bad_judgements_are_refused_with_exit_2(cli, cases: Path) -> None:
    rita = cases / RITA
    missing_reason = cli("judge", rita, "ZN.IZ.2", "voldoet")
    assert missing_reason.code == 2
    assert "een reden is verplicht" in missing_reason.err
    unknown = cli("judge", rita, "ZN.IZ.2", "prima", "--reason", "x")
    assert unknown.code == 2 and "onbekend oordeel 'prima'" in unknown.err
    wrong_framework = cli("judge", rita, "GGZ.IZ.1", "VN")
    assert (
        wrong_framework.code == 2 and "geen criterium van de toetsingskaders" in wrong_framework.err
    )
    assert cli("status", rita, "gedaan").code == 2
    assert not sidecar_path(rita).exists()


def test_two_writers_second_is_refused_and_both_values_survive(cases: Path) -> None:
    rita = cases / RITA
    first = load_review(rita, "ZN-2026-0001")
    second = load_review(rita, "ZN-2026-0001")
    a = judge(
        first.review,
        "ZN.IZ.4",
        "VGN",
        scale=DEFAULT_SCALE,
        automatic_verdict="niet_beoordeeld",
        reason="Inspecteur A",
        by="a",
    )
    save_review(rita, first, a)
    b = judge(
        second.review,
        "ZN.IZ.4",
        "VN",
        scale=DEFAULT_SCALE,
        automatic_verdict="niet_beoordeeld",
        reason="Inspecteur B",
        by="b",
    )
    with pytest.raises(ReviewConflict) as refused:
        save_review(rita, second, b)
    assert "oordeel ZN.IZ.4: voldoet grotendeels niet door a" in str(refused.value)
    assert "Er is niets bewaard" in str(refused.value)
    # A's value is on disk; B's is still in hand and can be re-applied after a reload.
    on_disk = load_review(rita, "ZN-2026-0001")
    assert on_disk.review.judgements["ZN.IZ.4"].reason == "Inspecteur A"
    assert b.judgements["ZN.IZ.4"].reason == "Inspecteur B"
    again = judge(
        on_disk.review,
        "ZN.IZ.4",
        "VN",
        scale=DEFAULT_SCALE,
        automatic_verdict="niet_beoordeeld",
        reason="Inspecteur B",
        by="b",
    )
    save_review(rita, on_disk, again)
    final = load_review(rita, "ZN-2026-0001").review
    assert [e.reason for e in final.audit] == ["Inspecteur A", "Inspecteur B"]


def test_failure_between_write_and_rename_keeps_the_old_file(cases: Path) -> None:
    rita = cases / RITA
    loaded = load_review(rita, "ZN-2026-0001")
    saved = save_review(rita, loaded, add_note(loaded.review, "eerste", by="a"))
    before = sidecar_path(rita).read_bytes()
    with (
        mock.patch("zntui.store.atomic.os.replace", side_effect=OSError("disk full")),
        pytest.raises(OSError, match="disk full"),
    ):
        save_review(rita, saved, add_note(saved.review, "tweede", by="a"))
    assert sidecar_path(rita).read_bytes() == before
    leftovers = [p.name for p in rita.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize(
    ("content", "kind", "message"),
    [
        (b"format = 1\ncase = [\n", "corrupt", "geen leesbaar beoordelingsbestand"),
        (b'format = 1\ncase = "ZN-2026-0001"\nstatus = "klaar"\n', "corrupt", "regel 3"),
        (b'format = 1\ncase = "OTHER"\n', "corrupt", "hoort bij casus 'OTHER'"),
        (b'format = 7\ncase = "ZN-2026-0001"\nfuture = true\n', "newer", "nieuwere zntui"),
    ],
)
def test_corrupt_and_newer_sidecars_are_never_overwritten(
    cli, cases: Path, content: bytes, kind: str, message: str
) -> None:
    rita = cases / RITA
    sidecar_path(rita).write_bytes(content)
    with pytest.raises(ReviewError) as error:
        load_review(rita, "ZN-2026-0001")
    assert error.value.kind == kind and message in error.value.message
    result = cli("judge", rita, "ZN.IZ.2", "VN")
    assert result.code == 2 and "geweigerd" in result.err
    assert sidecar_path(rita).read_bytes() == content
    # Triage still works and says the review could not be used.
    triaged = cli("triage", cases)
    assert triaged.code == 0
    assert f"{sidecar_path(rita)}: " in triaged.err and "niet gebruikt" in triaged.err


def test_sidecar_takes_the_case_files_permission_bits(cases: Path) -> None:
    rita = cases / RITA
    os.chmod(rita, 0o640)
    loaded = load_review(rita, "ZN-2026-0001")
    save_review(rita, loaded, add_note(loaded.review, "x", by="a"))
    assert stat.S_IMODE(os.stat(sidecar_path(rita)).st_mode) == 0o640
    os.chmod(rita, 0o755)  # executable bits are never copied
    loaded = load_review(rita, "ZN-2026-0001")
    save_review(rita, loaded, add_note(loaded.review, "y", by="a"))
    assert (
        stat.S_IMODE(
            os.stat(sidecar_path(rita).stat().st_mode if False else sidecar_path(rita)).st_mode
        )
        == 0o644
    )


def test_status_and_note_rules() -> None:
    from zntui.model.review import Review

    review = Review(case="X")
    assert set_status(review, "nieuw", by="a") is review  # no change, no audit entry
    with pytest.raises(ReviewChangeError, match="lege notitie"):
        add_note(review, "  ", by="a")
    done = set_status(review, "afgerond", by="a", reason="klaar")
    assert done.audit[-1].reason == "klaar" and done.status is ReviewStatus.AFGEROND


def test_lock_and_audited_unlock_headless(cli, cases: Path) -> None:
    rita = cases / RITA
    assert cli("status", rita, "afgerond").code == 0
    locked = cli("judge", rita, "ZN.IZ.2", "VN")
    assert locked.code == 2 and "vergrendeld; heropen haar eerst" in locked.err
    assert cli("note", rita, "nog iets").code == 2
    assert cli("status", rita, "nieuw").code == 2
    with pytest.raises(SystemExit):
        cli("unlock", rita)  # --reason is required
    assert cli("unlock", rita, "--reason", "  ").code == 2
    assert cli("unlock", rita, "--reason", "Nieuw gesprek met dochter").code == 0
    assert cli("judge", rita, "ZN.IZ.2", "VN").code == 0
    audit = load_review(rita, "ZN-2026-0001").review.audit
    assert [(e.what, e.old, e.new) for e in audit] == [
        ("status", "nieuw", "afgerond"),
        ("unlock", "afgerond", "in behandeling"),
        ("judgement ZN.IZ.2", "", "voldoet niet"),
    ]
    assert audit[1].reason == "Nieuw gesprek met dochter"


def test_a_judgement_goes_stale_when_the_case_changes_until_confirmed(cli, cases: Path) -> None:
    rita = cases / RITA
    cli("judge", rita, "ZN.IZ.2", "voldoet", "--reason", "Huisarts coördineert feitelijk")

    def iz2() -> tuple[dict, dict]:
        result = cli("triage", cases, "--format", "json", "--no-cache")
        case = next(c for c in json.loads(result.out)["cases"] if c["case"] == "ZN-2026-0001")
        return case, next(c for c in case["criteria"] if c["id"] == "ZN.IZ.2")

    case, criterion = iz2()
    assert (criterion["stale"], case["stale_judgements"]) == (False, 0)
    # A comment or layout change is not a change of what the file records.
    rita.write_text("# nagekeken\n" + rita.read_text(encoding="utf-8"), encoding="utf-8")
    assert iz2()[1]["stale"] is False
    # A changed fact is: the judgement stands, flagged, until the inspector looks again.
    text = rita.read_text(encoding="utf-8")
    rita.write_text(text.replace("age = 63", "age = 64"), encoding="utf-8")
    case, criterion = iz2()
    assert (criterion["verdict"], criterion["stale"], case["stale_judgements"]) == (
        "voldoet",
        True,
        1,
    )
    assert criterion["notes"][0].startswith("Verouderd oordeel")
    summary = cli("triage", cases).err
    assert "1 verouderd" in summary
    # Confirming with the same verdict and reason clears it, and is audited.
    cli("judge", rita, "ZN.IZ.2", "voldoet", "--reason", "Huisarts coördineert feitelijk")
    assert iz2()[1]["stale"] is False
    history = json.loads(cli("history", rita, "--format", "json").out)
    assert any("bevestigd" in entry["what"] for entry in history)
