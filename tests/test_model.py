"""The case model: round trips, personal fields, the generated JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import tomli_w

from tests.conftest import SAMPLES
from zntui.model import Case, personal_field_paths
from zntui.store import discover, parse_case_bytes, read_case_file


def test_every_sample_round_trips_through_toml() -> None:
    for path in discover(SAMPLES):
        case = read_case_file(path)
        text = tomli_w.dumps(case.model_dump(mode="python", by_alias=True, exclude_none=True))
        again = parse_case_bytes(text.encode(), Path("again.toml"))
        assert again == case, path


def test_personal_fields_are_marked() -> None:
    paths = set(personal_field_paths())
    assert {
        "client.pseudonym",
        "client.age",
        "client.living_situation",
        "client.care_needs",
        "members[].name",
        "events[].description",
        "findings[].text",
    } <= paths
    # What regional views count on must not be personal.
    assert not paths & {"region", "members[].organisation", "members[].role", "id"}


def test_schema_command_prints_the_model_schema(cli) -> None:
    result = cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema == json.loads(json.dumps(schema))
    assert set(schema["required"]) >= {"id", "frameworks", "region", "opened", "client"}
    assert schema["additionalProperties"] is False
    member = schema["$defs"]["NetworkMember"]
    assert member["properties"]["kind"]["$ref"].endswith("MemberKind")
    assert schema["$defs"]["MemberKind"]["enum"] == [
        "zorg",
        "wmo",
        "mantelzorg",
        "informeel",
        "naaste",
    ]
    assert member["properties"]["name"]["personal"] is True
    # Aliases are what case files use.
    assert "from" in schema["$defs"]["Link"]["properties"]


def test_schema_matches_the_model_exactly(cli) -> None:
    assert (
        json.loads(cli("schema").out)["properties"].keys()
        == Case.model_json_schema()["properties"].keys()
    )


def test_links_are_mutual_unless_said_otherwise() -> None:
    case = read_case_file(SAMPLES / "rijnmond" / "samira-bouali.toml")
    assert case.linked("huisarts", "poh-ggz", "consults")
    assert case.linked("poh-ggz", "huisarts", "consults")
    assert case.linked("huisarts", "ggz-instelling", "informs")
    assert not case.linked("ggz-instelling", "huisarts", "informs")


def test_sample_files_are_commented_for_new_users() -> None:
    for path in discover(SAMPLES):
        comments = [line for line in path.read_text().splitlines() if "#" in line]
        assert len(comments) >= 3, f"{path} should teach the format with comments"
