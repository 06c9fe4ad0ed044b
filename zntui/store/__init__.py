"""The store: finds, reads and validates case files; writes only review sidecars.

The names below are imported when first asked for: a cache hit needs
:class:`CaseError` and :func:`discover`, not the validation that
:mod:`zntui.store.reader` brings (the case models and pydantic).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from zntui.store.errors import CaseError, ErrorKind, Problem
    from zntui.store.folder import CaseFile, LoadResult, discover, load_folder, load_paths
    from zntui.store.reader import MAX_CASE_BYTES, parse_case_bytes, read_case_file

_WHERE = {
    "CaseError": "zntui.store.errors",
    "ErrorKind": "zntui.store.errors",
    "Problem": "zntui.store.errors",
    "CaseFile": "zntui.store.folder",
    "LoadResult": "zntui.store.folder",
    "discover": "zntui.store.folder",
    "load_folder": "zntui.store.folder",
    "load_paths": "zntui.store.folder",
    "MAX_CASE_BYTES": "zntui.store.reader",
    "parse_case_bytes": "zntui.store.reader",
    "read_case_file": "zntui.store.reader",
}

__all__ = [
    "MAX_CASE_BYTES",
    "CaseError",
    "CaseFile",
    "ErrorKind",
    "LoadResult",
    "Problem",
    "discover",
    "load_folder",
    "load_paths",
    "parse_case_bytes",
    "read_case_file",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
