"""Who is at the keyboard: the login name, as the audit trail records it."""

from __future__ import annotations

import getpass


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"
