"""Regional and national reports, in Markdown or one self-contained HTML file.

Built only from :mod:`zntui.levels` pictures, so a report can carry nothing that
identifies a client: no names, pseudonyms, ages, free text or other personal fields.
Counts below the small-cell threshold show as "<N".
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from zntui import __version__
from zntui.engine.folder import ScoredCase
from zntui.levels import (
    NATIONAL_PARTIES,
    REGIONAL_PARTIES,
    Picture,
    cell,
    inputs_from,
    national_picture,
    regional_pictures,
    theme_share_failing,
)
from zntui.model.framework import DEFAULT_SCALE, NOT_ASSESSED, Framework
from zntui.store.regional_notes import FollowUp

VERDICTS = [*(v.id for v in DEFAULT_SCALE.values), NOT_ASSESSED]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]  # fmt: skip


@dataclass
class ReportInput:
    level: str
    """``regional`` or ``national``."""
    pictures: list[Picture]
    """Regional: the regions to report; national: every region."""
    national: Picture
    frameworks: dict[str, Framework]
    threshold: int
    followups: list[FollowUp]
    date: dt.date


def report_input(
    cases: Sequence[ScoredCase],
    frameworks: dict[str, Framework],
    level: str,
    regions: Sequence[str] = (),
    threshold: int = 5,
    followups: Sequence[FollowUp] = (),
) -> ReportInput:
    """What a report of ``level`` needs, from scored cases; ``regions`` limits a regional one."""
    inputs = inputs_from(cases, frameworks)
    pictures = regional_pictures(inputs)
    if regions:
        pictures = [p for p in pictures if p.name in regions]
    return ReportInput(
        level=level,
        pictures=pictures,
        national=national_picture(inputs),
        frameworks=dict(frameworks),
        threshold=threshold,
        followups=list(followups),
        date=dt.date.today(),
    )


def dutch_date(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _title(data: ReportInput) -> str:
    if data.level == "national":
        return "Toezicht op zorgnetwerken — landelijk beeld"
    names = ", ".join(p.name for p in data.pictures)
    return f"Toezicht op zorgnetwerken — regionaal beeld {names}"


def _scope(data: ReportInput) -> list[str]:
    used = sorted({f for p in data.pictures for f in p.frameworks} | set(data.national.frameworks))
    lines = []
    for fid in used:
        fw = data.frameworks.get(fid)
        name = f"{fw.title} (versie {fw.version})" if fw else fid
        lines.append(f"{name}: {cell(data.national.frameworks[fid], data.threshold)} casussen")
    total = sum(p.cases for p in data.pictures)
    lines.append(
        f"In totaal {cell(total, data.threshold)} casussen. Aantallen onder de "
        f"{data.threshold} staan als <{data.threshold}; namen, leeftijden en vrije tekst over "
        "cliënten staan niet in dit rapport."
    )
    return lines


def _criterion_text(data: ReportInput, criterion_id: str) -> str:
    for fw in data.frameworks.values():
        found = fw.locate(criterion_id)
        if found:
            return found[2].text
    return ""


# --- Markdown -----------------------------------------------------------------------


def markdown(data: ReportInput) -> str:
    out = [f"# {_title(data)}", "", f"Datum: {dutch_date(data.date)} · zntui {__version__}", ""]
    out += [f"- {line}" for line in _scope(data)] + [""]
    if data.level == "national":
        out += _md_side_by_side(data)
        out += _md_picture(data, data.national, heading="## Landelijk")
        out += ["## Landelijke partijen", ""] + [f"- {p}" for p in NATIONAL_PARTIES] + [""]
    else:
        for picture in data.pictures:
            out += _md_picture(data, picture, heading=f"## Regio {picture.name}")
            out += _md_parties(data, picture.name)
    return "\n".join(out).rstrip() + "\n"


def _md_table(headers: Sequence[str], rows: list[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    lines = [line(headers), "|" + "|".join("---" for _ in headers) + "|"]
    lines += [line(row) for row in rows]
    return [*lines, ""]


def _md_picture(data: ReportInput, p: Picture, heading: str) -> list[str]:
    t = data.threshold
    out = [heading, "", f"Aantal casussen: {cell(p.cases, t)}", "", "### Oordelen per thema", ""]
    out += _md_table(
        ["thema", "toetsingskader", *(DEFAULT_SCALE.label(v) for v in VERDICTS)],
        [
            [d.title, d.framework, *(cell(d.counts.get(v, 0), t) for v in VERDICTS)]
            for d in p.themes
        ],
    )
    out += ["### Terugkerende risico's", ""]
    out += [f"- {name}: {cell(n, t)} casussen" for name, n in p.risks] or ["- geen"]
    out += ["", "### Criteria die het vaakst (grotendeels) niet voldoen", ""]
    out += (
        _md_table(
            ["criterium", "tekst", "casussen"],
            [[c, _criterion_text(data, c), cell(n, t)] for c, n in p.failing_criteria],
        )
        if p.failing_criteria
        else ["- geen", ""]
    )
    out += ["### Aanbieders die het vaakst in falende netwerken voorkomen", ""]
    out += (
        _md_table(
            ["aanbieder", "falende netwerken"], [[name, cell(n, t)] for name, n in p.providers]
        )
        if p.providers
        else ["- geen", ""]
    )
    return out


def _md_parties(data: ReportInput, region: str) -> list[str]:
    out = ["### Regionale partijen en afspraken", ""]
    for party in REGIONAL_PARTIES:
        agreed = [f for f in data.followups if f.region == region and f.party == party]
        out.append(f"- **{party}**" if agreed else f"- {party}")
        out += [f"  - {f.at:%d-%m-%Y}: {f.agreement}" for f in agreed]
    return [*out, ""]


def _side_by_side_rows(data: ReportInput) -> tuple[list[str], list[list[str]]]:
    themes = [(d.framework, d.theme, d.title) for d in data.national.themes]
    headers = ["regio", "casussen", *(f"{title} ({fw})" for fw, _, title in themes)]
    rows = []
    for p in [*data.pictures, data.national]:
        cells = []
        for fw, theme, _ in themes:
            dist = next((d for d in p.themes if d.framework == fw and d.theme == theme), None)
            assessed = sum(dist.counts.values()) if dist else 0
            share = theme_share_failing(dist) if dist else None
            if share is None:
                cells.append("-")
            elif assessed < data.threshold:
                cells.append(f"<{data.threshold}")
            else:
                cells.append(f"{round(100 * share)}%")
        rows.append([p.name, cell(p.cases, data.threshold), *cells])
    return headers, rows


def _md_side_by_side(data: ReportInput) -> list[str]:
    headers, rows = _side_by_side_rows(data)
    return [
        "## Regio's naast elkaar",
        "",
        "Aandeel casussen per thema dat (grotendeels) niet voldoet.",
        "",
        *_md_table(headers, rows),
    ]


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
    return html.escape(str(text))


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


def _bar_svg(share: float) -> str:
    """A small inline bar: the share of cases where a theme (grotendeels) fails."""
    width = round(120 * share)
    return (
        f'<svg width="124" height="12" role="img" aria-label="{round(100 * share)}%">'
        f'<rect x="0" y="1" width="120" height="10" fill="#eee" stroke="#999"/>'
        f'<rect x="0" y="1" width="{width}" height="10" fill="#b22"/></svg>'
    )


def html_report(data: ReportInput) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{_e(_title(data))}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(_title(data))}</h1>",
        f'<p class="meta">Datum: {_e(dutch_date(data.date))} · zntui {_e(__version__)}</p>',
        "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in _scope(data)) + "</ul>",
    ]
    if data.level == "national":
        headers, rows = _side_by_side_rows(data)
        parts.append("<h2>Regio's naast elkaar</h2>")
        parts.append("<p>Aandeel casussen per thema dat (grotendeels) niet voldoet.</p>")
        parts.append(_html_table(headers, rows, numeric_from=1))
        parts.append(_html_picture(data, data.national, "Landelijk"))
        parts.append("<h2>Landelijke partijen</h2><ul>")
        parts.append("".join(f"<li>{_e(p)}</li>" for p in NATIONAL_PARTIES) + "</ul>")
    else:
        for picture in data.pictures:
            parts.append(_html_picture(data, picture, f"Regio {picture.name}"))
            parts.append("<h3>Regionale partijen en afspraken</h3><ul>")
            for party in REGIONAL_PARTIES:
                agreed = [
                    f for f in data.followups if f.region == picture.name and f.party == party
                ]
                items = "".join(f"<li>{f.at:%d-%m-%Y}: {_e(f.agreement)}</li>" for f in agreed)
                parts.append(f"<li>{_e(party)}" + (f"<ul>{items}</ul>" if items else "") + "</li>")
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_picture(data: ReportInput, p: Picture, heading: str) -> str:
    t = data.threshold
    out = [f"<h2>{_e(heading)}</h2>", f"<p>Aantal casussen: {_e(cell(p.cases, t))}</p>"]
    out.append("<h3>Oordelen per thema</h3>")
    head = ["thema", "toetsingskader", *(DEFAULT_SCALE.label(v) for v in VERDICTS), "faalt"]
    rows = "".join(f"<th>{_e(h)}</th>" for h in head)
    for d in p.themes:
        share = theme_share_failing(d)
        # Bars only where the count is not suppressed; the SVG is our own markup.
        bar = _bar_svg(share) if share is not None and sum(d.counts.values()) >= t else ""
        counts = "".join(f'<td class="n">{_e(cell(d.counts.get(v, 0), t))}</td>' for v in VERDICTS)
        rows += f"<tr><td>{_e(d.title)}</td><td>{_e(d.framework)}</td>{counts}<td>{bar}</td></tr>"
    out.append(f"<table>{rows}</table>")
    out.append("<h3>Terugkerende risico's</h3><ul>")
    out.append(
        "".join(f"<li>{_e(n)}: {_e(cell(c, t))} casussen</li>" for n, c in p.risks)
        or "<li>geen</li>"
    )
    out.append("</ul><h3>Criteria die het vaakst (grotendeels) niet voldoen</h3>")
    out.append(
        _html_table(
            ["criterium", "tekst", "casussen"],
            [[c, _criterion_text(data, c), cell(n, t)] for c, n in p.failing_criteria],
            numeric_from=2,
        )
    )
    out.append("<h3>Aanbieders die het vaakst in falende netwerken voorkomen</h3>")
    out.append(
        _html_table(
            ["aanbieder", "falende netwerken"], [[n, cell(c, t)] for n, c in p.providers], 1
        )
    )
    return "\n".join(out)
