"""Regional and national reports: Markdown, one self-contained HTML file, or JSON.

A report renders a :class:`zntui.disclosure.Publication` and nothing else, so it shows
only what the disclosure-control step published: no names, pseudonyms, ages, case ids,
file names or free text about clients; counts rounded, small counts as "<N", withheld
ones as "x", regions below the threshold as too small.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zntui import __version__
from zntui.disclosure import Cell, FrameworkSection, GroupPublication, Publication
from zntui.levels import NATIONAL_PARTIES, REGIONAL_PARTIES
from zntui.model.framework import Framework
from zntui.store.regional_notes import FollowUp
from zntui.untrusted import html_text, markdown_cell, markdown_text

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]  # fmt: skip
FORMAT_ID = "zntui.report"
FORMAT_VERSION = 1
SHARE_NOTE = (
    "berekend uit de afgeronde aantallen; '-': te weinig casussen voor een percentage; "
    "'te klein': minder casussen dan de drempel."
)


def failing_words(s: FrameworkSection) -> str:
    """What the failing share of a framework's section counts, in its scale's words."""
    return " of ".join(s.failing_labels)


def share_phrase(publication: Publication) -> str:
    """'Aandeel casussen per thema …' in the words of the scales of the frameworks
    present: each framework's own when their scales differ."""
    sections = publication.national.sections
    words = {failing_words(s) for s in sections}
    if len(words) == 1:
        which = words.pop()
    else:
        which = "; ".join(f"{s.tag}: {failing_words(s)}" for s in sections)
    return f"Aandeel casussen per thema met een oordeel onder het midden van de schaal ({which})"


@dataclass
class ReportInput:
    """A publication and what the document around it needs; made by
    :func:`zntui.workflows.levels.report`."""

    level: str
    """``regional`` or ``national``."""
    publication: Publication
    regions: list[str]
    """Regional: the regions to report (all when none were asked for)."""
    frameworks: dict[str, Framework]
    followups: list[FollowUp]
    date: dt.date

    @property
    def threshold(self) -> int:
        return self.publication.threshold

    @property
    def groups(self) -> list[GroupPublication]:
        """The groups this report covers: its regions, or the country."""
        if self.level == "national":
            return [self.publication.national]
        return [r for r in self.publication.regions if r.name in self.regions]


def dutch_date(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _title(data: ReportInput) -> str:
    if data.level == "national":
        return "Toezicht op zorgnetwerken — landelijk beeld"
    return f"Toezicht op zorgnetwerken — regionaal beeld {', '.join(data.regions)}"


def _cases_phrase(g: GroupPublication, t: int) -> str:
    if g.too_small:
        return f"minder dan {t} casussen — te klein om in detail te tonen"
    return f"{g.cases.text(t)} casussen"


def scope_lines(data: ReportInput) -> list[str]:
    """What the report covers, in counts of its own scope (rounded as published)."""
    t = data.threshold
    lines = []
    for g in data.groups:
        where = "Nederland" if g.national else f"Regio {g.name}"
        lines.append(f"{where}: {_cases_phrase(g, t)}.")
        for s in g.sections:
            lines.append(f"{where}, {s.title} (versie {s.version}): {s.cases.text(t)} casussen.")
    return lines


def _section_table(s: FrameworkSection, t: int) -> tuple[list[str], list[list[str]]]:
    headers = ["thema", *s.verdict_labels, f"% {failing_words(s)}"]
    rows = [
        [
            row.title,
            *(c.text(t) for c in row.cells),
            "-" if row.failing_percent is None else f"{row.failing_percent}%",
        ]
        for row in s.rows
    ]
    return headers, rows


def side_by_side(data: ReportInput) -> tuple[list[str], list[list[str]]]:
    """Per region and for the country: the failing share per theme."""
    pub, t = data.publication, data.threshold
    columns = [
        (s.framework, row.theme, f"{row.title} ({s.tag})")
        for s in pub.national.sections
        for row in s.rows
    ]
    headers = ["regio", "casussen", *(label for _, _, label in columns)]
    rows = []
    for g in [*pub.regions, pub.national]:
        cells = []
        for fid, theme, _ in columns:
            percent = g.failing_percent(fid, theme)
            if g.too_small:
                cells.append("te klein")
            elif percent is None:
                cells.append("-")
            else:
                cells.append(f"{percent}%")
        rows.append([g.name, _count(g, t), *cells])
    return headers, rows


def _count(g: GroupPublication, t: int) -> str:
    return f"<{t}" if g.too_small else g.cases.text(t)


# --- Markdown -----------------------------------------------------------------------


def _md(text: object) -> str:
    return markdown_cell(text)


def _md_table(headers: Sequence[str], rows: list[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_md(c) for c in cells) + " |"

    lines = [line(headers), "|" + "|".join("---" for _ in headers) + "|"]
    lines += [line(row) for row in rows]
    return [*lines, ""]


def markdown(data: ReportInput) -> str:
    t = data.threshold
    out = [
        f"# {markdown_text(_title(data))}",
        "",
        f"Datum: {dutch_date(data.date)} · zntui {__version__}",
        "",
    ]
    out += ["## Wat dit overzicht beslaat", ""] + [f"- {_md(x)}" for x in scope_lines(data)]
    out += ["", "## Hoe cliënten beschermd zijn", ""]
    out += [f"- {x}" for x in data.publication.method_lines()] + [""]
    if data.level == "national":
        headers, rows = side_by_side(data)
        out += ["## Regio's naast elkaar", ""]
        out += [f"{share_phrase(data.publication)}, {SHARE_NOTE}", ""]
        out += _md_table(headers, rows)
        out += _md_group(data.publication.national, t, "## Landelijk")
        out += ["## Landelijke partijen", ""] + [f"- {p}" for p in NATIONAL_PARTIES] + [""]
    else:
        for g in data.groups:
            out += _md_group(g, t, f"## Regio {_md(g.name)}")
            out += _md_parties(data, g.name)
    return "\n".join(out).rstrip() + "\n"


def _md_group(g: GroupPublication, t: int, heading: str) -> list[str]:
    out = [heading, "", f"Aantal casussen: {_count(g, t)}", ""]
    if g.too_small:
        return [*out, f"Te klein om in detail te tonen (minder dan {t} casussen).", ""]
    for s in g.sections:
        out += [f"### Oordelen per thema — {_md(s.title)}", ""]
        out += [f"{s.cases.text(t)} casussen.", ""]
        out += _md_table(*_section_table(s, t))
    out += ["### Terugkerende risico's", ""]
    out += [f"- {_md(n.label)}: {n.count.text(t)} casussen" for n in g.risks] or [
        f"- geen risico bij minstens {2 * t} casussen"
    ]
    out += ["", "### Criteria die het vaakst falen (onder het midden van hun schaal)", ""]
    out += (
        _md_table(
            ["criterium", "tekst", "casussen"],
            [[n.name, n.label, n.count.text(t)] for n in g.criteria],
        )
        if g.criteria
        else [f"- geen criterium bij minstens {2 * t} casussen", ""]
    )
    out += ["### Aanbieders die het vaakst in falende netwerken voorkomen", ""]
    out += (
        _md_table(
            ["aanbieder", "falende netwerken"], [[n.label, n.count.text(t)] for n in g.providers]
        )
        if g.providers
        else [f"- geen aanbieder in minstens {2 * t} falende netwerken", ""]
    )
    return out


def _md_parties(data: ReportInput, region: str) -> list[str]:
    out = ["### Regionale partijen en afspraken", ""]
    for party in REGIONAL_PARTIES:
        agreed = [f for f in data.followups if f.region == region and f.party == party]
        out.append(f"- **{party}**" if agreed else f"- {party}")
        out += [f"  - {f.at:%d-%m-%Y}: {_md(f.agreement)}" for f in agreed]
    return [*out, ""]


# --- HTML ---------------------------------------------------------------------------

CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       color: #111; line-height: 1.4; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #333; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #999; padding: .2rem .5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #444; } .bar { font-family: monospace; white-space: pre; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"""


def _e(text: object) -> str:
    return html_text(text)


def _html_table(headers: Sequence[str], rows: list[Sequence[str]], numeric_from: int) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = ""
    for row in rows:
        body += (
            "<tr>"
            + "".join(
                f'<td class="n">{_e(v)}</td>' if i >= numeric_from else f"<td>{_e(v)}</td>"
                for i, v in enumerate(row)
            )
            + "</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bar_svg(percent: int) -> str:
    """A small inline bar: the share of cases where a theme fails (below its scale's middle)."""
    width = round(120 * percent / 100)
    return (
        f'<svg width="124" height="12" role="img" aria-label="{percent}%">'
        f'<rect x="0" y="1" width="120" height="10" fill="#eee" stroke="#999"/>'
        f'<rect x="0" y="1" width="{width}" height="10" fill="#b22"/></svg>'
    )


def html_report(data: ReportInput) -> str:
    t = data.threshold
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{_e(_title(data))}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(_title(data))}</h1>",
        f'<p class="meta">Datum: {_e(dutch_date(data.date))} · zntui {_e(__version__)}</p>',
        "<h2>Wat dit overzicht beslaat</h2>",
        "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in scope_lines(data)) + "</ul>",
        "<h2>Hoe cliënten beschermd zijn</h2>",
        "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in data.publication.method_lines()) + "</ul>",
    ]
    if data.level == "national":
        headers, rows = side_by_side(data)
        parts.append("<h2>Regio's naast elkaar</h2>")
        parts.append(f"<p>{_e(share_phrase(data.publication))}, {_e(SHARE_NOTE)}</p>")
        parts.append(_html_table(headers, rows, numeric_from=1))
        parts.append(_html_group(data.publication.national, t, "Landelijk"))
        parts.append("<h2>Landelijke partijen</h2><ul>")
        parts.append("".join(f"<li>{_e(p)}</li>" for p in NATIONAL_PARTIES) + "</ul>")
    else:
        for g in data.groups:
            parts.append(_html_group(g, t, f"Regio {g.name}"))
            parts.append("<h3>Regionale partijen en afspraken</h3><ul>")
            for party in REGIONAL_PARTIES:
                agreed = [f for f in data.followups if f.region == g.name and f.party == party]
                items = "".join(f"<li>{f.at:%d-%m-%Y}: {_e(f.agreement)}</li>" for f in agreed)
                parts.append(f"<li>{_e(party)}" + (f"<ul>{items}</ul>" if items else "") + "</li>")
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_group(g: GroupPublication, t: int, heading: str) -> str:
    out = [f"<h2>{_e(heading)}</h2>", f"<p>Aantal casussen: {_e(_count(g, t))}</p>"]
    if g.too_small:
        out.append(f"<p>Te klein om in detail te tonen (minder dan {t} casussen).</p>")
        return "\n".join(out)
    for s in g.sections:
        out.append(f"<h3>Oordelen per thema — {_e(s.title)}</h3>")
        out.append(f"<p>{_e(s.cases.text(t))} casussen.</p>")
        headers, rows = _section_table(s, t)
        head = "".join(f"<th>{_e(h)}</th>" for h in [*headers, ""])
        body = ""
        for row, values in zip(s.rows, rows, strict=True):
            bar = _bar_svg(row.failing_percent) if row.failing_percent is not None else ""
            tds = f"<td>{_e(values[0])}</td>" + "".join(
                f'<td class="n">{_e(v)}</td>' for v in values[1:]
            )
            body += f"<tr>{tds}<td>{bar}</td></tr>"
        out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    out.append("<h3>Terugkerende risico's</h3><ul>")
    out.append(
        "".join(f"<li>{_e(n.label)}: {_e(n.count.text(t))} casussen</li>" for n in g.risks)
        or f"<li>geen risico bij minstens {2 * t} casussen</li>"
    )
    out.append("</ul><h3>Criteria die het vaakst falen (onder het midden van hun schaal)</h3>")
    out.append(
        _html_table(
            ["criterium", "tekst", "casussen"],
            [[n.name, n.label, n.count.text(t)] for n in g.criteria],
            numeric_from=2,
        )
        if g.criteria
        else f"<p>Geen criterium bij minstens {2 * t} casussen.</p>"
    )
    out.append("<h3>Aanbieders die het vaakst in falende netwerken voorkomen</h3>")
    out.append(
        _html_table(
            ["aanbieder", "falende netwerken"], [[n.label, n.count.text(t)] for n in g.providers], 1
        )
        if g.providers
        else f"<p>Geen aanbieder in minstens {2 * t} falende netwerken.</p>"
    )
    return "\n".join(out)


# --- JSON ---------------------------------------------------------------------------


def _cell_json(cell: Cell) -> dict[str, Any]:
    return cell.json()


def _group_json(g: GroupPublication) -> dict[str, Any]:
    return {
        "name": g.name,
        "national": g.national,
        "too_small": g.too_small,
        "cases": _cell_json(g.cases),
        "frameworks": [
            {
                "id": s.framework,
                "title": s.title,
                "version": s.version,
                "cases": _cell_json(s.cases),
                "verdicts": list(s.verdicts),
                "failing_verdicts": list(s.failing),
                "themes": [
                    {
                        "id": row.theme,
                        "title": row.title,
                        "cells": {
                            v: _cell_json(c) for v, c in zip(s.verdicts, row.cells, strict=True)
                        },
                        "failing_percent": row.failing_percent,
                    }
                    for row in s.rows
                ],
            }
            for s in g.sections
        ],
        "risks": [{"name": n.name, "count": _cell_json(n.count)} for n in g.risks],
        "criteria": [
            {"id": n.name, "text": n.label, "count": _cell_json(n.count)} for n in g.criteria
        ],
        "providers": [{"name": n.name, "count": _cell_json(n.count)} for n in g.providers],
    }


def json_report(data: ReportInput) -> str:
    """The published tables as data: each cell its value or its suppression."""
    pub, t = data.publication, data.threshold
    doc: dict[str, Any] = {
        "format": FORMAT_ID,
        "version": FORMAT_VERSION,
        "level": data.level,
        "date": data.date.isoformat(),
        "zntui": __version__,
        "protection": {
            "threshold": t,
            "rounding_base": t,
            "method": "random_rounding",
            "named_from": 2 * t,
            "text": pub.method_lines(),
        },
        "scope": scope_lines(data),
        "groups": [_group_json(g) for g in data.groups],
    }
    if data.level == "national":
        headers, rows = side_by_side(data)
        doc["side_by_side"] = {"columns": headers, "rows": rows}
    else:
        doc["followups"] = [
            {
                "region": f.region,
                "party": f.party,
                "date": f.at.isoformat(),
                "agreement": f.agreement,
            }
            for f in data.followups
            if f.region in data.regions
        ]
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
