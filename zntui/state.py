"""What the app remembers per case folder between runs: pane, sort, filter, columns.

Kept in the user state folder (platformdirs; honours ``XDG_STATE_HOME``), never beside
the cases. A state file that cannot be read is ignored and rewritten: it only holds
preferences.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from zntui.store.atomic import private_folder, read_regular, write_atomic


@dataclass
class FolderState:
    pane: str = "client-pane"
    sort: str = "risico"
    """A column id; reversed when it starts with "-"."""
    filter: str = ""
    columns: str = ""
    """The client list's chosen columns, comma-separated; empty: all."""


def state_file() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir("zntui")) / "folders.json"


def _read_all() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(read_regular(state_file(), 4 * 1024 * 1024))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_state(folder: Path) -> FolderState:
    saved = _read_all().get(str(folder.resolve()), {})
    known = {k: str(v) for k, v in saved.items() if k in FolderState.__dataclass_fields__}
    return FolderState(**known)


def save_state(folder: Path, state: FolderState) -> None:
    data = _read_all()
    data[str(folder.resolve())] = asdict(state)
    path = state_file()
    private_folder(path.parent)  # what folders a user opens is nobody else's business
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False).encode(), 0o600)
