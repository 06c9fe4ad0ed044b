"""The regional and national panes. They render pictures from :mod:`zntui.levels`,
which carry no client identity; these widgets never see a case file."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from zntui.levels import (
    NATIONAL_PARTIES,
    REGIONAL_PARTIES,
    Picture,
    cell,
    theme_share_failing,
)
from zntui.model.framework import DEFAULT_SCALE, NOT_ASSESSED
from zntui.store.regional_notes import FollowUp
from zntui.untrusted import visible

COLUMNS = [*(v.id for v in DEFAULT_SCALE.values), NOT_ASSESSED]
HEADERS = [DEFAULT_SCALE.cell(v) for v in COLUMNS]


def distribution_table(picture: Picture, threshold: int) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, title_justify="left")
    table.add_column("thema")
    table.add_column("kader")
    for header in HEADERS:
        table.add_column(header, justify="right")
    for dist in picture.themes:
        table.add_row(
            dist.title,
            dist.framework,
            *(cell(dist.counts.get(c, 0), threshold) for c in COLUMNS),
        )
    return table


def counted(
    title: str,
    rows: list[tuple[str, int]],
    threshold: int,
    empty: str,
    labels: dict[str, str] | None = None,
) -> Group:
    parts: list[Text] = [Text(title, style="bold underline")]
    for name, count in rows:
        label = visible(f"{name} {labels[name]}" if labels and name in labels else name)
        parts.append(
            Text(f"  {cell(count, threshold):>4}  {label}", no_wrap=True, overflow="ellipsis")
        )
    if not rows:
        parts.append(Text(f"  {empty}", style="dim"))
    return Group(*parts)


class RegionalPane(Vertical):
    """Per region: verdicts per theme, recurring risks, providers, follow-up with parties."""

    BINDINGS = [
        Binding("right,l", "next_region", "Volgende regio", id="regional.next"),
        Binding("left,h", "previous_region", "Vorige regio", show=False, id="regional.prev"),
        Binding("f", "follow_up", "Afspraak", id="regional.follow_up"),
        Binding("x", "export", "Rapport", id="regional.export"),
    ]

    class AddFollowUp(Message):
        def __init__(self, region: str) -> None:
            super().__init__()
            self.region = region

    def __init__(self) -> None:
        super().__init__(id="regional-pane")
        self.pictures: list[Picture] = []
        self.followups: list[FollowUp] = []
        self.region_index = 0
        self.threshold = 5
        self.labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="region-title")
        yield VerticalScroll(Static(id="region-body"), id="region-scroll")

    @property
    def current_region(self) -> str | None:
        return self.pictures[self.region_index].name if self.pictures else None

    def show(
        self,
        pictures: list[Picture],
        followups: list[FollowUp],
        threshold: int,
        labels: dict[str, str],
    ) -> None:
        current = self.current_region
        self.pictures, self.followups, self.threshold = pictures, followups, threshold
        self.labels = labels
        names = [p.name for p in pictures]
        self.region_index = names.index(current) if current in names else 0
        self._draw()

    def _draw(self) -> None:
        title = self.query_one("#region-title", Static)
        body = self.query_one("#region-body", Static)
        if not self.pictures:
            title.update("Geen regio's: nog geen casussen geladen.")
            body.update("")
            return
        p = self.pictures[self.region_index]
        title.update(
            Text.assemble(
                (f"Regio {visible(p.name)}", "bold"),
                f" ({self.region_index + 1}/{len(self.pictures)}) · "
                f"{cell(p.cases, self.threshold)} casussen · ←/→ wisselt regio",
            )
        )
        t = self.threshold
        followups = [f for f in self.followups if f.region == p.name]
        parties: list[Text] = [
            Text("Regionale partijen en afspraken (f: toevoegen)", style="bold underline")
        ]
        for party in REGIONAL_PARTIES:
            agreed = [f for f in followups if f.party == party]
            parties.append(Text(f"  {party}", style="bold" if agreed else ""))
            for f in agreed:
                said = visible(f"{f.agreement} ({f.by})")
                parties.append(Text(f"      {f.at:%d-%m-%Y} {said}"))
        for f in followups:
            if f.party not in REGIONAL_PARTIES:
                said = visible(f"{f.agreement} ({f.by})")
                parties.append(Text(f"  {visible(f.party)}: {f.at:%d-%m-%Y} {said}"))
        body.update(
            Group(
                Text("Oordelen per thema (aantal casussen)", style="bold underline"),
                distribution_table(p, t),
                Text(""),
                counted("Terugkerende risico's", p.risks, t, "geen"),
                Text(""),
                counted(
                    "Criteria die het vaakst falen", p.failing_criteria, t, "geen", self.labels
                ),
                Text(""),
                counted("Aanbieders in falende netwerken", p.providers, t, "geen"),
                Text(""),
                Group(*parties),
            )
        )

    def action_next_region(self) -> None:
        if self.pictures:
            self.region_index = (self.region_index + 1) % len(self.pictures)
            self._draw()

    def action_previous_region(self) -> None:
        if self.pictures:
            self.region_index = (self.region_index - 1) % len(self.pictures)
            self._draw()

    def action_export(self) -> None:
        if self.current_region:
            self.post_message(ExportReport("regional", self.current_region))

    def action_follow_up(self) -> None:
        if self.current_region:
            self.post_message(self.AddFollowUp(self.current_region))


class ExportReport(Message):
    """Write the report of this level (and region) to a file."""

    def __init__(self, level: str, region: str | None = None) -> None:
        super().__init__()
        self.level = level
        self.region = region


class NationalPane(Vertical):
    """All regions side by side per theme; the most frequent failing criteria."""

    BINDINGS = [Binding("x", "export", "Rapport", id="national.export")]

    def action_export(self) -> None:
        self.post_message(ExportReport("national"))

    def __init__(self) -> None:
        super().__init__(id="national-pane")

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static(id="national-body"), id="national-scroll")

    def show(
        self, national: Picture, regions: list[Picture], threshold: int, labels: dict[str, str]
    ) -> None:
        themes = [(d.framework, d.theme, d.title) for d in national.themes]
        table = Table(box=None, padding=(0, 1), show_edge=False)
        table.add_column("regio")
        table.add_column("n", justify="right")
        for framework, theme, _ in themes:
            table.add_column(f"{theme}\n{framework[:3]}", justify="right")
        for p in [*regions, national]:
            cells = []
            for framework, theme, _ in themes:
                dist = next(
                    (d for d in p.themes if d.framework == framework and d.theme == theme), None
                )
                share = theme_share_failing(dist) if dist else None
                assessed = sum(dist.counts.values()) if dist else 0
                if share is None or 0 < assessed < threshold:
                    cells.append("-" if share is None else f"<{threshold}")
                else:
                    cells.append(f"{round(100 * share)}%")
            style = "bold" if p is national else ""
            table.add_row(Text(visible(p.name), style=style), cell(p.cases, threshold), *cells)
        legend = ", ".join(f"{theme}={title}" for _, theme, title in dict.fromkeys(themes))
        body = Group(
            Text(
                f"Landelijk beeld · {cell(national.cases, threshold)} casussen · "
                f"{len(regions)} regio's",
                style="bold",
            ),
            Text("Aandeel casussen per thema dat (grotendeels) niet voldoet", style="underline"),
            table,
            Text(legend, style="dim"),
            Text(""),
            counted(
                "Criteria die landelijk het vaakst falen",
                national.failing_criteria,
                threshold,
                "geen",
            ),
            Text(""),
            counted("Terugkerende risico's", national.risks, threshold, "geen"),
            Text(""),
            Text("Landelijke partijen", style="bold underline"),
            *(Text(f"  {party}") for party in NATIONAL_PARTIES),
        )
        self.query_one("#national-body", Static).update(body)
