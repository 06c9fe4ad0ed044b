"""The regional and national panes. They render a :class:`zntui.disclosure.Publication`
— what the disclosure-control step published — and nothing else; they never see a case."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Static

from zntui.disclosure import GroupPublication, Named, Publication
from zntui.levels import NATIONAL_PARTIES, REGIONAL_PARTIES
from zntui.store.regional_notes import FollowUp
from zntui.untrusted import visible


def group_body(g: GroupPublication, threshold: int) -> list[RenderableType]:
    """A group's published tables: per framework the verdicts per theme, then the
    risks, criteria and providers named. Only what the publication holds."""
    t = threshold
    if g.too_small:
        return [Text(f"Te klein om in detail te tonen (minder dan {t} casussen).")]
    parts: list[RenderableType] = []
    for s in g.sections:
        parts.append(
            Text(f"{s.title} ({s.tag}) · {s.cases.text(t)} casussen", style="bold underline")
        )
        table = Table(box=None, padding=(0, 1), show_edge=False)
        table.add_column("thema", overflow="ellipsis", no_wrap=True)
        for header in s.verdict_cells:
            table.add_column(header, justify="right")
        table.add_column("%" + "/".join(s.failing_shorts), justify="right")
        for row in s.rows:
            share = "-" if row.failing_percent is None else f"{row.failing_percent}%"
            table.add_row(row.title, *(c.text(t) for c in row.cells), share)
        parts += [table, Text("")]
    parts += [
        counted("Terugkerende risico's", g.risks, t, f"geen bij minstens {2 * t} casussen"),
        Text(""),
        counted(
            "Criteria die het vaakst falen", g.criteria, t, f"geen bij minstens {2 * t} casussen"
        ),
        Text(""),
        counted(
            "Aanbieders in falende netwerken",
            g.providers,
            t,
            f"geen in minstens {2 * t} falende netwerken",
        ),
    ]
    return parts


def counted(title: str, rows: tuple[Named, ...], threshold: int, empty: str) -> Group:
    parts: list[Text] = [Text(title, style="bold underline")]
    for item in rows:
        label = visible(f"{item.name} {item.label}" if item.label != item.name else item.name)
        parts.append(
            Text(f"  {item.count.text(threshold):>4}  {label}", no_wrap=True, overflow="ellipsis")
        )
    if not rows:
        parts.append(Text(f"  {empty}", style="dim"))
    return Group(*parts)


def method_text(publication: Publication) -> Text:
    return Text("\n".join(publication.method_lines()), style="dim")


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
        self.publication: Publication | None = None
        self.followups: list[FollowUp] = []
        self.region_index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="region-title")
        yield VerticalScroll(Static(id="region-body"), id="region-scroll")

    @property
    def regions(self) -> tuple[GroupPublication, ...]:
        return self.publication.regions if self.publication else ()

    @property
    def current_region(self) -> str | None:
        return self.regions[self.region_index].name if self.regions else None

    def show(self, publication: Publication, followups: list[FollowUp]) -> None:
        current = self.current_region
        self.publication, self.followups = publication, followups
        names = publication.region_names
        self.region_index = names.index(current) if current in names else 0
        self._draw()

    def _draw(self) -> None:
        # A publication made in a worker may arrive while the screen is being torn down.
        try:
            title = self.query_one("#region-title", Static)
            body = self.query_one("#region-body", Static)
        except NoMatches:
            return
        if not self.regions or self.publication is None:
            title.update("Geen regio's: nog geen casussen geladen.")
            body.update("")
            return
        t = self.publication.threshold
        g = self.regions[self.region_index]
        size = f"minder dan {t} casussen" if g.too_small else f"{g.cases.text(t)} casussen"
        title.update(
            Text.assemble(
                (f"Regio {g.name}", "bold"),
                f" ({self.region_index + 1}/{len(self.regions)}) · {size} · ←/→ wisselt regio",
            )
        )
        followups = [f for f in self.followups if f.region == g.name]
        parties: list[Text] = [
            Text("Regionale partijen en afspraken (f: toevoegen)", style="bold underline")
        ]
        for party in REGIONAL_PARTIES:
            agreed = [f for f in followups if f.party == party]
            parties.append(Text(f"  {party}", style="bold" if agreed else ""))
            for f in agreed:
                parties.append(Text(visible(f"      {f.at:%d-%m-%Y} {f.agreement} ({f.by})")))
        for f in followups:
            if f.party not in REGIONAL_PARTIES:
                parties.append(
                    Text(visible(f"  {f.party}: {f.at:%d-%m-%Y} {f.agreement} ({f.by})"))
                )
        body.update(
            Group(
                *group_body(g, t),
                Text(""),
                Group(*parties),
                Text(""),
                method_text(self.publication),
            )
        )

    def action_next_region(self) -> None:
        if self.regions:
            self.region_index = (self.region_index + 1) % len(self.regions)
            self._draw()

    def action_previous_region(self) -> None:
        if self.regions:
            self.region_index = (self.region_index - 1) % len(self.regions)
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

    def show(self, publication: Publication) -> None:
        from zntui.report import share_phrase  # the reports are not on the first screen

        t = publication.threshold
        national = publication.national
        columns = [
            (sec.framework, row.theme, row.short, sec.tag)
            for sec in national.sections
            for row in sec.rows
        ]
        table = Table(box=None, padding=(0, 1), show_edge=False)
        table.add_column("regio", overflow="ellipsis", no_wrap=True)
        table.add_column("n", justify="right")
        for _, _, short, tag in columns:
            table.add_column(f"{short}\n{tag}", justify="right")
        for g in [*publication.regions, national]:
            cells = []
            for framework, theme, _, _ in columns:
                percent = g.failing_percent(framework, theme)
                if g.too_small:
                    cells.append("klein")
                elif percent is None:
                    cells.append("-")
                else:
                    cells.append(f"{percent}%")
            size = f"<{t}" if g.too_small else g.cases.text(t)
            style = "bold" if g is national else ""
            table.add_row(Text(visible(g.name), style=style), size, *cells)
        titles = {(sec.framework, row.theme): row.title for sec in national.sections
                  for row in sec.rows}  # fmt: skip
        legend = ", ".join(f"{short} {tag}={titles[(f, th)]}" for f, th, short, tag in columns)
        head = (
            f"Landelijk beeld · te klein (minder dan {t} casussen)"
            if national.too_small
            else f"Landelijk beeld · {national.cases.text(t)} casussen · "
            f"{len(publication.regions)} regio's"
        )
        body = Group(
            Text(head, style="bold"),
            Text(share_phrase(publication), style="underline"),
            table,
            Text(f"{legend}. klein: regio te klein; -: te weinig casussen.", style="dim"),
            Text(""),
            *group_body(national, t),
            Text(""),
            Text("Landelijke partijen", style="bold underline"),
            *(Text(f"  {party}") for party in NATIONAL_PARTIES),
            Text(""),
            method_text(publication),
        )
        try:
            self.query_one("#national-body", Static).update(body)
        except NoMatches:  # torn down while the publication was being made
            return
