"""``zntui schema``: the JSON Schema of a case file, ``zntui.toml`` or a review sidecar,
generated from the models, for editors (Taplo / Even Better TOML) and for scripts."""

from __future__ import annotations

import argparse
import json
from typing import Any

from zntui.cli.exits import EXIT_OK

KINDS = ("case", "config", "review")
TITLES = {
    "case": "zntui case file",
    "config": "zntui configuration (zntui.toml, ~/.config/zntui/config.toml)",
    "review": "zntui review sidecar (NAME.review.toml)",
}


def _model(kind: str) -> Any:
    if kind == "config":
        from zntui.config import Config

        return Config
    if kind == "review":
        from zntui.model.review import Review

        return Review
    from zntui.model.case import Case

    return Case


def schema_for(kind: str) -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of one kind of file, from its model."""
    schema = _model(kind).model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://zntui.invalid/schema/{kind}-1.json"
    schema["title"] = TITLES[kind]
    return schema


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(schema_for(args.kind), indent=args.indent, ensure_ascii=False))
    return EXIT_OK
