"""The store: finds, reads and validates case files; writes only review sidecars."""

from zntui.store.errors import CaseError, ErrorKind, Problem
from zntui.store.folder import CaseFile, LoadResult, discover, load_folder, load_paths
from zntui.store.reader import MAX_CASE_BYTES, parse_case_bytes, read_case_file

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
