"""One case: the client, the network, the events, and per theme the criteria."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from zntui.engine.folder import ScoredCase
from zntui.engine.results import Source
from zntui.model.case import LinkKind, MemberKind
from zntui.plugins import Registry
from zntui.ui.format import verdict_long

KIND_TITLES = {
    MemberKind.ZORG: "Zorg",
    MemberKind.WMO: "Gemeentelijke ondersteuning (Wmo)",
    MemberKind.MANTELZORG: "Mantelzorg",
    MemberKind.INFORMEEL: "Informeel",
}
LINK_WORDS = {
    LinkKind.KNOWS: "kent",
    LinkKind.KNOWS_ROLE: "weet wat doet",
    LinkKind.INFORMS: "informeert",
    LinkKind.CONSULTS: "overlegt",
    LinkKind.ATTUNES: "stemt af",
}


class CaseScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="case.back"),
        Binding("j", "scroll_down", "Omlaag", show=False, id="case.down"),
        Binding("k", "scroll_up", "Omhoog", show=False, id="case.up"),
    ]

    def __init__(self, scored: ScoredCase, registry: Registry) -> None:
        super().__init__()
        self.scored = scored
        self.registry = registry

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="case-body"):
            yield Static(self._summary(), id="case-summary")
            yield Static(self._criteria(), id="case-criteria")
            yield Static(self._network(), id="case-network")
            yield Static(self._events(), id="case-events")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Casus {self.scored.file.case.id}"
        self.query_one("#case-body").focus()

    def action_scroll_down(self) -> None:
        self.query_one("#case-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#case-body", VerticalScroll).scroll_up()

    def _summary(self) -> Group:
        case = self.scored.file.case
        a = self.scored.assessment
        client = case.client
        head = Text.assemble(
            (f"{client.pseudonym} ({client.age})", "bold"),
            f" · {case.region}, {case.municipality} · {', '.join(case.frameworks)}",
        )
        lines = [
            head,
            Text(f"Woonsituatie: {client.living_situation or '-'}"),
            Text(f"Zorgbehoeften: {', '.join(client.care_needs) or '-'}"),
            Text.assemble("Oordeel: ", verdict_long(a.verdict), f" · risico {a.risk}"),
        ]
        return Group(*lines)

    def _network(self) -> Group:
        case = self.scored.file.case
        parts: list[Text | Table] = [Text("\nZorgnetwerk", style="bold underline")]
        for kind, title in KIND_TITLES.items():
            members = [m for m in case.members if m.kind is kind]
            if not members:
                continue
            parts.append(Text(title, style="bold"))
            for m in members:
                marks = []
                if m.coordinator:
                    marks.append("[coördinator]")
                if m.contact_point:
                    marks.append("[aanspreekpunt]")
                if m.load:
                    marks.append(f"[belasting: {m.load}]")
                org = f" — {m.organisation}" if m.organisation else ""
                parts.append(Text(f"  {m.role}{org} {' '.join(marks)}".rstrip()))
        parts.append(Text("Relaties", style="bold"))
        for link in case.links:
            arrow = "↔" if link.mutual else "→"
            words = ", ".join(LINK_WORDS[k] for k in link.kinds)
            a, b = case.member(link.from_).role, case.member(link.to).role
            parts.append(Text(f"  {a} {arrow} {b}: {words}"))
        return Group(*parts)

    def _events(self) -> Group:
        case = self.scored.file.case
        parts = [Text("\nGebeurtenissen", style="bold underline")]
        for e in sorted(case.events, key=lambda e: e.date):
            handover = ""
            if e.kind.needs_handover:
                handover = " · overdracht ✓" if e.handover_document else " · GEEN overdracht ✗"
            parts.append(Text(f"  {e.date:%d-%m-%Y} {e.kind}{handover}"))
            if e.description:
                parts.append(Text(f"      {e.description}", style="dim"))
        if not case.events:
            parts.append(Text("  geen", style="dim"))
        return Group(*parts)

    def _criteria(self) -> Group:
        a = self.scored.assessment
        parts: list[Text] = []
        for theme in a.themes:
            framework = self.registry.frameworks[theme.framework]
            parts.append(
                Text.assemble(
                    (f"\n{theme.title} ({framework.id})  ", "bold underline"),
                    verdict_long(theme.verdict, framework.scale),
                )
            )
            for r in a.results:
                if r.framework != theme.framework or r.theme != theme.theme:
                    continue
                found = framework.locate(r.criterion)
                text = found[2].text if found else ""
                source = {
                    Source.AUTOMATIC: "automatisch",
                    Source.INSPECTOR: "inspecteur",
                    Source.RULE_ERROR: "REGELFOUT",
                }[r.source]
                parts.append(
                    Text.assemble(
                        f"  {r.criterion:<9} ",
                        verdict_long(r.verdict, framework.scale),
                        (f"  ({source})", "dim"),
                    )
                )
                parts.append(Text(f"      {text}", style="italic"))
                for line in r.evidence:
                    parts.append(Text(f"      · {line}"))
                if r.error:
                    parts.append(Text(f"      ! {r.error}", style="bold red"))
        return Group(*parts)
