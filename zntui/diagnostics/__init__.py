"""Problems in a file a person wrote, said in the file's own words: the one step
"TOML text → pydantic model → ``path:line:col`` problems", used for case files,
reviews, regional notes, config and rules files.

:func:`read_toml` turns a syntax error into a :class:`Problem` with line and column;
:func:`validate` turns pydantic's errors into TOML key paths with the line and column
of the key, and a "did you mean" for near-miss keys. Each area wraps the problems in
its own error type (``CaseError``, ``ReviewError``, ``ConfigError``…).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from zntui.diagnostics.locate import PathPart, format_path, index_positions, locate, parse_path

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

# pydantic is imported where a model is validated, not here: a cache hit needs
# Problem (a CaseError read back from a row) and must not pay for pydantic.
M = TypeVar("M", bound="BaseModel")

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_REF_ERROR = re.compile(r"^(?:Value error, )?([A-Za-z0-9_.\[\]]+): (.*)$", re.S)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file. ``line``/``col`` are 1-based; ``field`` is a key path."""

    message: str
    line: int | None = None
    col: int | None = None
    field: str | None = None

    def location(self, path: Path | str) -> str:
        return f"{path}:{self.line or 1}:{self.col or 1}"


class TomlError(Exception):
    """A TOML text that is not valid, or not a valid model; ``problems`` say where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))

    def lines(self, path: Path | str) -> list[str]:
        """``path:line:col: message``, one line per problem."""
        return [f"{p.location(path)}: {p.message}" for p in self.problems]


def read_toml(
    text: str,
    loads: Callable[[str], dict[str, Any]] | None = None,
    error: type[Exception] | None = None,
) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes a :class:`TomlError` with line and column.
    ``loads`` and ``error``: tomllib's, unless given."""
    if loads is None or error is None:
        import tomllib  # here: a cache hit reads no TOML

        loads = loads or tomllib.loads
        error = error or tomllib.TOMLDecodeError
    try:
        return loads(text)
    except error as exc:
        message = str(exc)
        found = _TOML_POS.search(message)
        line, col = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        if "(at end of document)" in message:
            lines = text.splitlines() or [""]
            line, col = len(lines), len(lines[-1]) + 1
            message = (
                message.replace("(at end of document)", "").strip()
                + " aan het eind van het bestand"
            )
        reason = toml_reason(_TOML_POS.sub("", message).strip())
        raise TomlError([Problem(f"TOML-syntaxfout: {reason}", line, col)]) from None
    except (RecursionError, MemoryError):
        raise TomlError([Problem("te ingewikkeld: te diep genest; niet gelezen")]) from None


TOML_WORDS: tuple[tuple[str, str], ...] = (
    ("Cannot declare (.*) twice", r"\1 staat er twee keer"),
    ("Cannot mutate immutable namespace (.*)", r"\1 is al vastgelegd en kan niet meer wijzigen"),
    ("Cannot overwrite a value", "een waarde kan niet overschreven worden"),
    ("Cannot redefine namespace (.*)", r"tabel \1 staat er al"),
    ("Duplicate inline table key (.*)", r"sleutel \1 staat twee keer in de tabel"),
    ("Escaped character is not a Unicode scalar value", r"ongeldig Unicode-teken na \\"),
    ("Expected '=' after a key in a key/value pair", "verwacht '=' na een sleutel"),
    (
        "Expected ']' at the end of a table declaration",
        "verwacht ']' aan het eind van de tabelnaam",
    ),
    ("Expected ']]' at the end of an array declaration", "verwacht ']]' aan het eind van de naam"),
    ("Expected newline or end of document after a statement", "verwacht een nieuwe regel"),
    ("Expected (.*)", r"verwacht \1"),
    ("Found invalid character (.*)", r"ongeldig teken \1"),
    ("Illegal character (.*)", r"ongeldig teken \1"),
    ("Invalid date or datetime", "ongeldige datum of tijd"),
    ("Invalid hex value", "ongeldige hexadecimale waarde"),
    ("Invalid initial character for a key part", "ongeldig eerste teken van een sleutel"),
    ("Invalid statement", "ongeldige regel"),
    ("Invalid value", "ongeldige waarde"),
    ("Unclosed array", "lijst niet gesloten (']' ontbreekt)"),
    ("Unclosed inline table", "tabel niet gesloten ('}' ontbreekt)"),
    (r"Unescaped '\\' in a string", r"losse '\\' in een tekst"),
    ("Unterminated string", "tekst niet afgesloten (aanhalingsteken ontbreekt)"),
)
"""tomllib's messages (the reader whose words zntui shows) in Dutch, most specific first."""


def toml_reason(message: str) -> str:
    """tomllib's ``message`` in Dutch; kept as it is when it is not one zntui knows."""
    tail = ""
    if message.endswith(" aan het eind van het bestand"):
        message, tail = (
            message.removesuffix(" aan het eind van het bestand"),
            " aan het eind van het bestand",
        )
    for pattern, dutch in TOML_WORDS:
        found = re.fullmatch(pattern, message)
        if found:
            return found.expand(dutch) + tail
    return message + tail


def validate(raw: dict[str, Any], text: str, model: type[M]) -> M:
    """``raw`` (parsed from ``text``) as ``model``; a :class:`TomlError` if it is not."""
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise TomlError(validation_problems(exc, text, model)) from None


def load_model(text: str, model: type[M]) -> M:
    """TOML text → ``model``, or a :class:`TomlError` saying where and what."""
    return validate(read_toml(text), text, model)


MAX_PROBLEMS = 50
"""Problems listed per file; beyond, one line counts the rest."""


def validation_problems(exc: ValidationError, text: str, model: type[BaseModel]) -> list[Problem]:
    """Translate pydantic's errors into TOML words: key path, line, column, a hint.

    At most :data:`MAX_PROBLEMS` are placed and listed (placing one scans the text:
    thousands took minutes), then one line says how many more there are."""
    positions = index_positions(text)
    problems: list[Problem] = []
    errors = exc.errors(include_url=False)
    more = max(0, len(errors) - MAX_PROBLEMS)
    for error in errors[:MAX_PROBLEMS]:
        loc: tuple[PathPart, ...] = tuple(error["loc"])
        message = _explain(error, loc, model)
        if not loc:
            ref = _REF_ERROR.match(error["msg"])
            if ref:
                loc = parse_path(ref.group(1))
                message = f"{ref.group(1)}: {ref.group(2)}"
        where = locate(positions, loc, text)
        line, col = where if where else (None, None)
        problems.append(Problem(message, line, col, format_path(loc) or None))
    if more:
        problems.append(Problem(f"… en nog {more:,} zulke problemen, niet getoond"))
    return problems


def _explain(error: Any, loc: tuple[PathPart, ...], model: type[BaseModel]) -> str:
    kind = error["type"]
    where = format_path(loc)
    value = error.get("input")
    if kind == "extra_forbidden":
        parent, key = loc[:-1], str(loc[-1])
        known = _known_keys(model, parent)
        import difflib

        hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        text = f"onbekende sleutel '{key}'"
        if parent:
            text += f" in {format_path(parent)}"
        if hint:
            text += f"; bedoelde u '{hint[0]}'?"
        elif known:
            text += f"; bekende sleutels: {', '.join(sorted(known))}"
        return text
    if kind == "missing":
        return f"verplichte sleutel '{where}' ontbreekt"
    if kind == "enum":
        allowed = error.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", allowed)
        # "POH-ggz" and "Respijtzorg" should point at poh_ggz and respijtzorg.
        typed = re.sub(r"[\s-]+", "_", str(value).strip().lower())
        import difflib

        hint = difflib.get_close_matches(typed, options, n=1, cutoff=0.6)
        text = f"{where}: {value!r} is niet een van {allowed.replace(' or ', ' of ')}"
        return text + (f"; bedoelde u '{hint[0]}'?" if hint else "")
    if kind.startswith("date"):
        return (
            f"{where}: verwacht een datum als 2026-03-01 (zonder aanhalingstekens), niet {value!r}"
        )
    if kind == "bool_type" or kind == "bool_parsing":
        return f"{where}: verwacht true of false, niet {value!r}"
    if kind == "string_pattern_mismatch":
        return f"{where}: {value!r} mag alleen letters, cijfers, '_', '-' en '.' bevatten"
    if kind in TYPE_WORDS:
        return f"{where}: verwacht {TYPE_WORDS[kind]}, niet {value!r}"
    ctx = error.get("ctx", {})
    if kind in LIMIT_WORDS:
        return f"{where}: {LIMIT_WORDS[kind].format(**ctx)}, niet {value!r}"
    if kind == "value_error" and where:
        return f"{where}: {str(error['msg']).removeprefix('Value error, ')}"
    return f"{where}: {error['msg'][0].lower()}{error['msg'][1:]}" if where else error["msg"]


TYPE_WORDS = {
    "int_type": "een geheel getal",
    "int_parsing": "een geheel getal",
    "int_from_float": "een geheel getal",
    "float_type": "een getal",
    "float_parsing": "een getal",
    "string_type": "tekst tussen aanhalingstekens",
    "list_type": "een lijst [ … ]",
    "dict_type": "een tabel",
    "model_type": "een tabel",
    "model_attributes_type": "een tabel",
}
"""pydantic's commonest complaints in the words of a TOML file; the rest keep pydantic's."""

LIMIT_WORDS = {
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "too_short": "te kort: minstens {min_length}",
    "too_long": "te lang: hoogstens {max_length}",
    "string_too_short": "te kort: minstens {min_length} teken(s)",
    "string_too_long": "te lang: hoogstens {max_length} tekens",
}
"""pydantic's limits (its ``ctx`` fills them in)."""


def _known_keys(model: type[BaseModel], parent: tuple[PathPart, ...]) -> list[str]:
    """The keys allowed at ``parent`` (a path into ``model``)."""
    current: type[BaseModel] = model
    for part in parent:
        if isinstance(part, int):
            continue
        field = next(
            (f for n, f in current.model_fields.items() if (f.alias or n) == part),
            None,
        )
        if field is None:
            return []
        nested = nested_models(field.annotation)
        if not nested:
            return []
        current = nested[0][0]
    return [f.alias or n for n, f in current.model_fields.items()]


def nested_models(annotation: Any) -> list[tuple[type[BaseModel], bool]]:

    from pydantic import BaseModel

    found: list[tuple[type[BaseModel], bool]] = []
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append((annotation, False))
    elif origin is list:
        for arg in typing.get_args(annotation):
            found.extend((m, True) for m, _ in nested_models(arg))
    elif origin is not None:
        for arg in typing.get_args(annotation):
            found.extend(nested_models(arg))
    return found
