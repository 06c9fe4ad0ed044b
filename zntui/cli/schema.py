"""``zntui schema``: the JSON Schema of a case file, generated from the model."""

from __future__ import annotations

import argparse
import json

from zntui.cli.exits import EXIT_OK


def case_schema() -> dict[str, object]:
    from zntui.model.case import Case

    schema = Case.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://zntui.invalid/schema/case-1.json"
    schema["title"] = "zntui case file"
    return schema


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(case_schema(), indent=args.indent, ensure_ascii=False))
    return EXIT_OK
