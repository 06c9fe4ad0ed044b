"""The store: every kind of bad input gets its own clear message; good files still load."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, write_case
from zntui.store import (
    CaseError,
    ErrorKind,
    discover,
    load_folder,
    parse_case_bytes,
    read_case_file,
)


def only_error(folder: Path) -> CaseError:
    result = load_folder(folder)
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


def test_samples_all_load() -> None:
    result = load_folder(SAMPLES)
    assert result.errors == []
    ids = {c.case.id for c in result.cases}
    assert len(ids) >= 8
    assert {c.case.region for c in result.cases} >= {"Twente", "Utrecht", "Rijnmond"}
    frameworks = {f for c in result.cases for f in c.case.frameworks}
    assert frameworks == {"zorgnetwerken", "ambulante_ggz"}
    names = {c.case.client.pseudonym for c in result.cases}
    assert {"Rita Jansen", "Robert Donatie"} <= names


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    write_case(tmp_path, "good.toml")
    (tmp_path / "bad.toml").write_text('id = "X"\nregion = "Twente\nopened = 2026-01-01\n')
    result = load_folder(tmp_path)
    assert [c.path.name for c in result.cases] == ["good.toml"]
    (error,) = result.errors
    assert error.kind is ErrorKind.SYNTAX
    problem = error.problems[0]
    assert (problem.line, problem.col) == (2, 17)
    assert "TOML-syntaxfout" in problem.message
    assert error.lines()[0].startswith(f"{tmp_path / 'bad.toml'}:2:17: ")


def test_unknown_key_suggests_near_miss(tmp_path: Path) -> None:
    write_case(
        tmp_path,
        "typo.toml",
        members=[{"id": "ha", "role": "huisarts", "kind": "zorg", "organisaton": "X"}],
    )
    error = only_error(tmp_path)
    assert error.kind is ErrorKind.VALIDATION
    (problem,) = error.problems
    assert problem.field == "members[0].organisaton"
    assert "onbekende sleutel 'organisaton' in members[0]; bedoelde u 'organisation'?" in (
        problem.message
    )
    line = (tmp_path / "typo.toml").read_text().splitlines()[problem.line - 1]
    assert line[problem.col - 1 :].startswith("organisaton = ")


def test_unknown_key_in_array_of_tables_points_at_its_line(tmp_path: Path) -> None:
    source = (SAMPLES / "twente" / "rita-jansen.toml").read_text()
    # The third [[members]] (the longarts) gets a typo: "kin" for "kind".
    assert source.count('role = "longarts"\nkind = "zorg"') == 1
    (tmp_path / "rita.toml").write_text(
        source.replace('role = "longarts"\nkind = "zorg"', 'role = "longarts"\nkin = "zorg"')
    )
    messages = {p.message: p for p in only_error(tmp_path).problems}
    typo = messages["onbekende sleutel 'kin' in members[2]; bedoelde u 'kind'?"]
    missing = messages["verplichte sleutel 'members[2].kind' ontbreekt"]
    lines = (tmp_path / "rita.toml").read_text().splitlines()
    assert lines[typo.line - 1] == 'kin = "zorg"'
    assert lines[missing.line - 1] == "[[members]]"


def test_unknown_top_level_key_lists_known_keys_when_nothing_is_close(tmp_path: Path) -> None:
    write_case(tmp_path, "x.toml", zzzzzz=1)
    (problem,) = only_error(tmp_path).problems
    assert "onbekende sleutel 'zzzzzz'" in problem.message
    assert "bekende sleutels:" in problem.message and "frameworks" in problem.message


def test_missing_key_and_bad_enum(tmp_path: Path) -> None:
    path = write_case(
        tmp_path, "x.toml", members=[{"id": "ha", "role": "huisarts", "kind": "zorgg"}]
    )
    text = path.read_text().replace('region = "Testregio"\n', "")
    path.write_text(text)
    messages = [p.message for p in only_error(tmp_path).problems]
    assert "verplichte sleutel 'region' ontbreekt" in messages
    assert any("'zorgg' is niet een van" in m and "bedoelde u 'zorg'?" in m for m in messages)


def test_dangling_member_reference_is_located(tmp_path: Path) -> None:
    write_case(tmp_path, "x.toml", links=[{"from": "huisarts", "to": "nobody", "kinds": ["knows"]}])
    (problem,) = only_error(tmp_path).problems
    assert problem.message == "links[0].to: geen lid met id 'nobody'"
    assert problem.field == "links[0].to"
    line = (tmp_path / "x.toml").read_text().splitlines()[problem.line - 1]
    assert line[problem.col - 1 :].startswith('to = "nobody"')


def test_date_as_string_explained(tmp_path: Path) -> None:
    path = write_case(tmp_path, "x.toml")
    path.write_text(path.read_text().replace("opened = 2026-01-01", 'opened = "1 januari"'))
    (problem,) = only_error(tmp_path).problems
    assert "opened: verwacht een datum als 2026-03-01" in problem.message


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.toml").write_bytes(b"")
    (tmp_path / "comments.toml").write_text("# nothing here yet\n")
    result = load_folder(tmp_path)
    kinds = {e.path.name: (e.kind, e.problems[0].message) for e in result.errors}
    assert kinds["empty.toml"][0] is ErrorKind.EMPTY
    assert "leeg bestand" in kinds["empty.toml"][1]
    assert kinds["comments.toml"] == (
        ErrorKind.EMPTY,
        "geen sleutels: het bestand bevat alleen commentaar",
    )


def test_not_utf8_names_the_place(tmp_path: Path) -> None:
    (tmp_path / "latin1.toml").write_bytes('id = "X"\nregion = "Fryslân"\n'.encode("latin-1"))
    error = only_error(tmp_path)
    assert error.kind is ErrorKind.ENCODING
    problem = error.problems[0]
    assert (problem.line, problem.col) == (2, 16)
    assert "geen UTF-8" in problem.message and "0xe2" in problem.message


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "image.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    error = only_error(tmp_path)
    assert error.kind is ErrorKind.BINARY
    assert "binair bestand" in error.problems[0].message


def test_too_large_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (1024 * 1024 + 10) + b"\n")
    with mock.patch("zntui.store.reader.open_case_file") as opener:
        error = only_error(tmp_path)
    opener.assert_not_called()
    assert error.kind is ErrorKind.TOO_LARGE
    assert "groter dan de grens van 1 MiB" in error.problems[0].message


def test_symlink_outside_folder_refused(tmp_path: Path) -> None:
    outside = write_case(tmp_path / "elsewhere", "secret.toml", id="OUT-1")
    cases = tmp_path / "cases"
    write_case(cases, "good.toml")
    (cases / "link.toml").symlink_to(outside)
    (cases / "inside.toml").symlink_to(cases / "good.toml")
    result = load_folder(cases)
    by_name = {e.path.name: e for e in result.errors}
    assert by_name["link.toml"].kind is ErrorKind.SYMLINK_OUTSIDE
    assert "naar buiten de casusmap" in by_name["link.toml"].problems[0].message
    # A symlink inside the folder is fine, but then the id is in two files.
    assert by_name["inside.toml"].kind is ErrorKind.DUPLICATE_ID


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    a = write_case(tmp_path, "a.toml", id="SAME")
    b = write_case(tmp_path, "sub/b.toml", id="SAME")
    write_case(tmp_path, "c.toml", id="OTHER")
    result = load_folder(tmp_path)
    assert [c.case.id for c in result.cases] == ["OTHER"]
    messages = {e.path: e.problems[0].message for e in result.errors}
    assert messages[a] == f"case id 'SAME' is also used in {b}"
    assert messages[b] == f"case id 'SAME' is also used in {a}"


def test_unreadable_file(tmp_path: Path) -> None:
    write_case(tmp_path, "good.toml")
    locked = write_case(tmp_path, "locked.toml", id="LOCKED")
    os.chmod(locked, 0)
    try:
        if os.geteuid() == 0:
            # root reads anything; simulate what a normal user would meet.
            real = read_case_file.__globals__["open_case_file"]

            def deny(path: Path) -> bytes:
                if path.name == "locked.toml":
                    raise PermissionError(13, "Permission denied")
                return real(path)

            with mock.patch("zntui.store.reader.open_case_file", deny):
                result = load_folder(tmp_path)
        else:
            result = load_folder(tmp_path)
    finally:
        os.chmod(locked, 0o644)
    assert [c.path.name for c in result.cases] == ["good.toml"]
    (error,) = result.errors
    assert error.kind is ErrorKind.UNREADABLE
    assert error.problems[0].message == "onleesbaar: permission denied"


def test_discovery_skips_sidecars_hidden_and_config(tmp_path: Path) -> None:
    write_case(tmp_path, "a.toml")
    (tmp_path / "a.review.toml").write_text("garbage = [")
    (tmp_path / "zntui.toml").write_text("garbage = [")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.toml").write_text("garbage = [")
    (tmp_path / "notes.txt").write_text("not a case")
    result = load_folder(tmp_path)
    assert [c.path.name for c in result.cases] == ["a.toml"]
    assert result.errors == []


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_only_ever_raise_case_error(data: bytes) -> None:
    try:
        parse_case_bytes(data, Path("fuzz.toml"))
    except CaseError as error:
        assert error.problems and all(p.message for p in error.problems)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]{}=\"'.,#\n abc12-:_")), max_size=300))
def test_toml_like_text_only_ever_raises_case_error(text: str) -> None:
    try:
        parse_case_bytes(text.encode(), Path("fuzz.toml"))
    except CaseError as error:
        assert error.lines()


@pytest.mark.parametrize("mutation", ["members", "links", "events"])
def test_valid_sample_prefix_truncations_never_crash(mutation: str) -> None:
    text = (SAMPLES / "twente" / "rita-jansen.toml").read_bytes()
    cut = text.find(f"[[{mutation}]]".encode())
    for end in range(cut, min(len(text), cut + 400), 7):
        with contextlib.suppress(CaseError):
            parse_case_bytes(text[:end], Path("cut.toml"))


def test_fast_reader_agrees_with_tomllib(tmp_path: Path) -> None:
    import tomllib

    from zntui.generate import write_cases
    from zntui.store import toml_reader

    write_cases(tmp_path, 30, seed=4)
    for path in [*discover(tmp_path), *discover(SAMPLES)]:
        text = path.read_text()
        assert toml_reader.loads(text) == tomllib.loads(text), path


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]{}=\"'.,#\n abc12-:_\\tTZ+e")), max_size=120))
def test_fast_reader_accepts_and_rejects_what_tomllib_does(text: str) -> None:
    import tomllib

    from zntui.store import toml_reader

    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        with pytest.raises(tomllib.TOMLDecodeError) as raised:
            toml_reader.loads(text)
        assert str(raised.value) == str(error)
        return
    assert toml_reader.loads(text) == expected
