"""``zntui new plugin NAME``: a ready plugin package with a framework, checks and tests."""

from __future__ import annotations

import re
import shlex
import sys
import tomllib
from pathlib import Path
from string import Template

from zntui import __version__


class ScaffoldError(Exception):
    pass


def names(name: str) -> dict[str, str]:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        raise ScaffoldError(
            f"pluginnaam {name!r}: gebruik letters, cijfers en '_' of '-', "
            "te beginnen met een letter"
        )
    return {
        "name": slug,
        "dist": f"zntui-{slug.replace('_', '-')}",
        "module": f"zntui_{slug}",
        "prefix": slug.replace("_", "")[:4].upper(),
        "title": slug.replace("_", " ").capitalize(),
        "zntui_version": __version__,
    }


PYPROJECT = """\
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "$dist"
version = "0.1.0"
description = "zntui plugin: the $name framework"
requires-python = ">=3.11"
dependencies = ["zntui>=$zntui_version"]

[project.optional-dependencies]
test = ["pytest>=8"]

# This line is what makes zntui find the plugin: the `zntui` entry-point group.
[project.entry-points.zntui]
$name = "$module"

[tool.setuptools]
packages = ["$module"]

[tool.setuptools.package-data]
$module = ["*.toml"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

PLUGIN = '''\
"""zntui plugin: the $name framework.

The criteria are in rules.toml beside this file; the checks they name are below.
A check gets the validated case and the criterion's params and returns an Outcome:
a verdict id and evidence sentences (name members by role, never by name). It tells
apart met, not met (what the file records, or an absence in found_absent), not recorded
(not_recorded: niet beoordeeld) and not applicable (not_applicable).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zntui import hookimpl
from zntui.checks import NB, VGN, VN, V, Outcome, age_in_days, not_recorded
from zntui.model.case import Absence, Case
from zntui.model.framework import load_framework_toml

__version__ = "0.1.0"

RULES = Path(__file__).with_name("rules.toml")


def has_coordinator(case: Case, params: dict[str, Any]) -> Outcome:
    """Exactly one member coordinates the network."""
    leads = [m for m in case.members if m.coordinator]
    if len(leads) == 1:
        return Outcome(V, [f"Coördinator: {leads[0].label}."])
    if not leads:
        if case.absent(Absence.COORDINATOR):  # the inspector asked: nobody coordinates
            return Outcome(VN, ["Niemand coördineert het netwerk."])
        return not_recorded("wie het netwerk coördineert")
    return Outcome(VGN, [f"{len(leads)} coördinatoren."])


def care_plan_current(case: Case, params: dict[str, Any]) -> Outcome:
    """The care need is documented and not older than ``max_age_days``."""
    documented = case.client.care_need.documented
    if documented is None:
        if case.absent(Absence.CARE_NEED):
            return Outcome(VN, ["De zorgbehoefte is niet vastgelegd."])
        return not_recorded("of en wanneer de zorgbehoefte is vastgelegd")
    limit = int(params.get("max_age_days", 365))
    age = age_in_days(case, documented)
    if age < 0:
        return Outcome(NB, ["Vastgelegd na de beoordelingsdatum."])
    if age > limit:
        return Outcome(VGN, [f"Zorgbehoefte {age} dagen oud (max {limit})."])
    return Outcome(V, [f"Zorgbehoefte vastgelegd op {documented:%d-%m-%Y}."])


@hookimpl
def zntui_register_frameworks(register: Any) -> None:
    register(load_framework_toml(RULES))


@hookimpl
def zntui_register_checks(register: Any) -> None:
    register("${name}_has_coordinator", has_coordinator)
    register("${name}_care_plan_current", care_plan_current)
'''

RULES = """\
# The $name framework: themes → norms → criteria. See `zntui rules explain ID`.
id = "$name"
title = "$title"
version = "0.1"
source = "Write here which document the criteria come from."
target_group = "Describe the clients this framework is for."

[[themes]]
id = "IZ"
title = "Integrale zorg"

[[themes.norms]]
id = "$prefix.IZ-N1"
text = "De zorg is gecoördineerd en het zorgplan is actueel"

[[themes.norms.criteria]]
id = "$prefix.IZ.1"
text = "Eén persoon coördineert de zorg"
gloss = "one person coordinates"
kind = "auto"
check = "${name}_has_coordinator"
weight = 2.0
bottlenecks = ["unclear_lead"]
passes = "Precies één coördinator."
fails = "Niemand coördineert (found_absent, voldoet niet) of meerdere (grotendeels niet)."

[[themes.norms.criteria]]
id = "$prefix.IZ.2"
text = "De zorgbehoefte is vastgelegd en actueel"
gloss = "care need documented and current"
kind = "auto"
check = "${name}_care_plan_current"
params = { max_age_days = 365 }
passes = "Vastgelegd, niet ouder dan max_age_days."
fails = "Nergens vastgelegd (found_absent, voldoet niet) of verouderd (grotendeels niet)."
"""

TESTS = '''\
"""Tests for the $name plugin, with zntui's test kit (fixtures from zntui.testing)."""


def test_one_coordinator_passes(zntui_case, zntui_assert_verdict):
    members = [
        {"id": "huisarts", "kind": "zorg", "discipline": "huisarts", "coordinator": True},
        {"id": "wijk", "kind": "zorg", "discipline": "wijkverpleging"},
    ]
    case = zntui_case(frameworks=["$name"], members=members)
    zntui_assert_verdict(case, "$prefix.IZ.1", "voldoet")


def test_no_coordinator_fails(zntui_case, zntui_assert_verdict):
    case = zntui_case(frameworks=["$name"], found_absent=["coordinator"])
    result = zntui_assert_verdict(case, "$prefix.IZ.1", "voldoet niet")
    assert "Niemand coördineert het netwerk." in result.evidence


def test_coordinator_not_recorded(zntui_case, zntui_assert_verdict):
    case = zntui_case(frameworks=["$name"])
    result = zntui_assert_verdict(case, "$prefix.IZ.1", "niet beoordeeld")
    assert "Niet vastgelegd: wie het netwerk coördineert." in result.evidence


def test_unclear_lead_lowers_the_verdict(zntui_case, zntui_assert_verdict):
    members = [{"id": "huisarts", "kind": "zorg", "discipline": "huisarts", "coordinator": True}]
    case = zntui_case(frameworks=["$name"], members=members, bottlenecks=["unclear_lead"])
    zntui_assert_verdict(case, "$prefix.IZ.1", "voldoet grotendeels")


def client(documented):
    return {"pseudonym": "X", "age": 80, "care_need": {"documented": documented}}


def test_care_plan_age(zntui_case, zntui_assert_verdict):
    fresh = zntui_case(client=client("2026-01-10"))
    zntui_assert_verdict(fresh, "$prefix.IZ.2", "V")
    old = zntui_case(client=client("2024-01-10"))
    zntui_assert_verdict(old, "$prefix.IZ.2", "VGN")
    missing = zntui_case(found_absent=["care_need"])
    zntui_assert_verdict(missing, "$prefix.IZ.2", "voldoet niet")
    zntui_assert_verdict(zntui_case(), "$prefix.IZ.2", "niet beoordeeld")


def test_case_from_toml(zntui_case_from_toml, zntui_run_criterion):
    case = zntui_case_from_toml("""
id = "T-2"
frameworks = ["$name"]
region = "Testregio"
opened = 2026-01-05
found_absent = ["coordinator"]

[client]
pseudonym = "X"
age = 70
""")
    assert zntui_run_criterion(case, "$prefix.IZ.1").verdict == "voldoet_niet"
'''

README = """\
# $dist

A [zntui](https://pypi.org/project/zntui/) plugin that adds the **$name** framework.

- `$module/rules.toml` — the framework: themes, norms, criteria, parameters.
- `$module/__init__.py` — the checks, and the two hooks that register them.
- `tests/` — tests with zntui's test kit (`zntui_case`, `zntui_assert_verdict`, …).

A case file uses the framework by listing it: `frameworks = ["$name"]`.

## Install it beside zntui

zntui finds a plugin through its `zntui` entry point, in the environment zntui runs
in. Install this folder *editable* there, so that every edit counts at once — the
command depends on how zntui was installed (`zntui new plugin` printed the right one):

```sh
pipx inject zntui -e .                             # zntui from pipx
uv tool install ~/src/zntui --with-editable .      # zntui from uv: name its source again
pip install -e .                                   # zntui in a venv you activated
```

Then:

```sh
zntui plugins                        # lists $name, and its errors if any
zntui rules --framework $name
zntui rules explain $prefix.IZ.1
zntui --no-cache triage ~/casussen   # --no-cache while you change checks
```

## Develop against a local zntui checkout

`pyproject.toml` depends on `zntui>=$zntui_version` by name, and zntui is not on a package
index yet: pip meets the dependency only from a zntui already in the environment. For
tests and type checks, make a venv of the plugin's own and install your clone of zntui
into it first:

```sh
python3 -m venv .venv
.venv/bin/pip install ~/src/zntui            # your zntui clone; again after a pull
.venv/bin/pip install -e '.[test]'           # this plugin, with pytest
.venv/bin/pytest                             # the fixtures come from zntui.testing
.venv/bin/pip install mypy && .venv/bin/mypy --strict $module   # zntui ships py.typed
```

Install zntui itself without `-e` here: its editable install works through an import
hook that mypy and pyright cannot follow ("cannot find module zntui").
With uv: `uv venv && uv pip install ~/src/zntui -e '.[test]' && uv run pytest`.
"""

FILES = {
    "pyproject.toml": PYPROJECT,
    "README.md": README,
    "$module/__init__.py": PLUGIN,
    "$module/rules.toml": RULES,
    "tests/test_$name.py": TESTS,
}


def install_command(folder: Path, prefix: Path | None = None) -> str:
    """How to make the zntui in use see the plugin in ``folder``, edits and all.

    pipx and ``uv tool`` keep zntui in an environment of its own, where a plain
    ``pip install -e`` would not reach; each leaves a file in it that says so.
    """
    prefix = Path(sys.prefix) if prefix is None else prefix
    target = shlex.quote(str(folder))
    if (prefix / "pipx_metadata.json").is_file():
        return f"pipx inject zntui -e {target}"
    receipt = prefix / "uv-receipt.toml"
    if receipt.is_file():
        return f"uv tool install {_uv_requirements(receipt)} --with-editable {target}"
    return f"{shlex.quote(sys.executable)} -m pip install -e {target}"


def _uv_requirements(receipt: Path) -> str:
    """zntui as this uv tool was installed, with its other --with packages kept."""
    try:
        requirements = tomllib.loads(receipt.read_text(encoding="utf-8"))["tool"]["requirements"]
    except (OSError, ValueError, KeyError, TypeError):
        return "zntui"
    words = []
    for requirement in requirements:
        if not isinstance(requirement, dict):
            continue
        source = requirement.get("editable") or requirement.get("directory")
        spec = str(source or requirement.get("name", ""))
        if requirement.get("name") == "zntui":
            words.insert(0, shlex.quote(spec) if source else "zntui")
        elif spec:
            flag = "--with-editable" if requirement.get("editable") else "--with"
            words += [flag, shlex.quote(spec)]
    return " ".join(words) or "zntui"


def scaffold(name: str, folder: Path) -> list[Path]:
    """Write the plugin package into ``folder``; refuse a folder that has files."""
    values = names(name)
    if folder.exists() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder}: de map is niet leeg; kies een nieuwe")
    written = []
    for template_path, template in FILES.items():
        path = folder / Template(template_path).substitute(values)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(template).substitute(values), encoding="utf-8")
        written.append(path)
    return written
