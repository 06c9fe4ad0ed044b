"""One case: the criteria with their verdicts, the network, the events, the history.

Recording judgements happens here: one key per verdict on the highlighted criterion,
a reason prompt, a note key and a status key. Saving goes through the store, which
refuses to clobber a sidecar that changed on disk; what the user typed is then kept
and offered again after the reload.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from zntui.engine.results import CriterionResult, Source
from zntui.model.case import Case, Event, LinkKind, MemberKind
from zntui.model.framework import NOT_ASSESSED, Scale
from zntui.model.review import (
    Review,
    ReviewStatus,
    add_note,
    audit_label,
    judge,
    set_status,
    unlock,
)
from zntui.plugins import Registry
from zntui.ui.footer import ZntuiFooter
from zntui.ui.format import natural_key, verdict_long, verdict_short
from zntui.ui.network_matrix import NetworkMatrix
from zntui.ui.notices import NoticeBar
from zntui.ui.prompts import ChoicePrompt, TextPrompt, confirm_finish
from zntui.untrusted import visible
from zntui.user import login_name
from zntui.workflows.caselist import overall_scale
from zntui.workflows.reviewing import ChangeResult, Outcome, apply_change, rescore
from zntui.workflows.scored import CaseDetail, Params

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
SOURCE_WORDS = {
    Source.AUTOMATIC: "auto",
    Source.INSPECTOR: "inspecteur",
    Source.RULE_ERROR: "REGELFOUT",
}
VERDICTS = Binding.Group("Oordeel", compact=True)
"""The verdict keys show in the footer as one item: `v g n x Oordeel`."""
TABS = ("tab-criteria", "tab-network", "tab-events", "tab-history")


# The judge keys name places on the criterion's own scale: best, second, second to
# last, worst (the four IGJ values; on a shorter scale the middle keys meet), and
# "niet beoordeeld".
def key_verdict(key: str, scale: Scale) -> str:
    values = scale.values
    places = {"v": 0, "g": min(1, len(values) - 1), "n": max(len(values) - 2, 0)}
    if key == "b":
        return NOT_ASSESSED
    if key == "x":
        return scale.worst.id
    return values[places[key]].id


def what_changed(old: CaseDetail, new: CaseDetail, registry: Registry) -> str:
    """In a few words, what differs between two readings of a case: the verdicts that
    moved (criterion: old → new), the risk, the network, the events."""
    parts = []
    before = {r.criterion: r for r in old.assessment.results}
    for r in new.assessment.results:
        was = before.get(r.criterion)
        if was is not None and was.verdict != r.verdict:
            scale = registry.frameworks[r.framework].scale
            parts.append(f"{r.criterion} {scale.cell(was.verdict)} → {scale.cell(r.verdict)}")
    a, b = old.assessment, new.assessment
    if a.risk != b.risk:
        parts.append(f"risico {a.risk if a.risk is not None else '-'} → {b.risk}")
    oc, nc = old.file.case, new.file.case
    if len(oc.members) != len(nc.members) or len(oc.links) != len(nc.links):
        parts.append(
            f"netwerk {len(oc.members)}→{len(nc.members)} leden, "
            f"{len(oc.links)}→{len(nc.links)} relaties"
        )
    if len(oc.events) != len(nc.events):
        parts.append(f"tijdlijn {len(oc.events)}→{len(nc.events)} gebeurtenissen")
    if not parts:
        differs = oc != nc or old.review != new.review
        return "opnieuw gelezen; de oordelen zijn gelijk" + ("" if differs else " (niets anders)")
    return "; ".join(parts[:6]) + (" …" if len(parts) > 6 else "")


class CriterionScreen(ModalScreen[None]):
    """One criterion's result in full; scrolls with the arrows, j/k and PageUp/Down."""

    BINDINGS = [
        Binding("escape,enter,q,o,backspace", "dismiss", "Sluiten", id="criterion.close"),
        Binding("j", "scroll('down')", "Omlaag", show=False, id="criterion.down"),
        Binding("k", "scroll('up')", "Omhoog", show=False, id="criterion.up"),
    ]

    def __init__(self, body: Group) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="criterion-body"):
            yield Static("Criterium (Esc sluit)", classes="prompt-title")
            yield Static(self.body, id="criterion-full")

    def on_mount(self) -> None:
        self.query_one("#criterion-body", VerticalScroll).focus()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#criterion-body", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()


class CaseScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,backspace", "back", "Terug", id="case.back"),
        Binding("v", "judge('v')", "Voldoet", id="case.judge_v", group=VERDICTS),
        Binding("g", "judge('g')", "Grotendeels", id="case.judge_g", group=VERDICTS),
        Binding("n", "judge('n')", "Gr. niet", id="case.judge_n", group=VERDICTS),
        Binding("x", "judge('x')", "Voldoet niet", id="case.judge_x", group=VERDICTS),
        Binding("b", "judge('b')", "Niet beoord.", show=False, id="case.judge_b"),
        Binding("a", "note", "Notitie", id="case.note"),
        Binding("s", "status", "Status", id="case.status"),
        Binding("u", "unlock", "Ontgrendel", show=False, id="case.unlock"),
        Binding("h", "history", "Geschiedenis", id="case.history"),
        Binding("y", "copy_criterion", "Kopieer criterium", show=False, id="case.copy"),
        Binding("enter,o", "open_criterion", "Criterium geheel", show=False, id="case.open"),
        Binding(
            "tab,right_square_bracket", "tab(1)", "Volgend tabblad", show=False, id="case.next_tab"
        ),
        Binding(
            "shift+tab,left_square_bracket",
            "tab(-1)",
            "Vorig tabblad",
            show=False,
            id="case.previous_tab",
        ),
        Binding("j", "cursor_down", "Omlaag", show=False, id="case.down"),
        Binding("k", "cursor_up", "Omhoog", show=False, id="case.up"),
    ]

    class CaseChanged(Message):
        """The review of a case was saved; the case list should show the new scores."""

        def __init__(self, scored: CaseDetail) -> None:
            super().__init__()
            self.scored = scored

    class ReviewSaved(Message):
        """A worker applied a change to the review: what happened, and the case scored
        again when the review on disk is new (saved, or someone else's)."""

        def __init__(
            self, result: ChangeResult, scored: CaseDetail | None, retry: Callable[[], object]
        ) -> None:
            super().__init__()
            self.result, self.scored, self.retry = result, scored, retry

    def __init__(
        self,
        scored: CaseDetail,
        registry: Registry,
        params: Params | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.scored = scored
        self.registry = registry
        self.params = params
        self.read_only = read_only
        self._saving = False

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="case-summary")
        with TabbedContent(id="case-tabs"):
            with TabPane("Criteria", id="tab-criteria"):
                table: DataTable[str | Text] = DataTable(id="criteria", cursor_type="row")
                table.add_columns("criterium", "oordeel", "bron", "tekst")
                yield table
                yield VerticalScroll(Static(id="criterion-detail"), id="detail-scroll")
            with TabPane("Netwerk", id="tab-network"):
                yield VerticalScroll(NetworkMatrix(id="network-matrix"), Static(id="case-network"))
            with TabPane("Tijdlijn", id="tab-events"):
                yield VerticalScroll(Static(id="case-events"))
            with TabPane("Geschiedenis", id="tab-history"):
                yield VerticalScroll(Static(id="case-history"))
        yield NoticeBar()
        yield ZntuiFooter()

    def on_mount(self) -> None:
        self.title = f"Casus {visible(self.scored.file.case.id)}"
        self.refresh_all()
        self.query_one("#criteria", DataTable).focus()

    def refresh_all(self, keep_row: int | None = None) -> None:
        self.query_one("#case-summary", Static).update(self._summary())
        table = self.query_one("#criteria", DataTable)
        table.clear()
        for r in self.results():
            framework = self.registry.frameworks[r.framework]
            found = framework.locate(r.criterion)
            # The text as Text, not str: a plugin's criterion text is never read as markup
            # (criterion ids are letters, digits, _ . - by the framework model).
            table.add_row(
                r.criterion,
                verdict_short(r.verdict, framework.scale),
                SOURCE_WORDS[r.source] + ("!" if r.stale else ""),
                Text(visible(found[2].text if found else "")),
                key=r.criterion,
            )
        if keep_row is not None and table.row_count:
            table.move_cursor(row=min(keep_row, table.row_count - 1))
        self._show_detail()
        self.query_one(NetworkMatrix).show(self.scored.file.case)
        self.query_one("#case-network", Static).update(self._network())
        self.query_one("#case-events", Static).update(self._events())
        self.query_one("#case-history", Static).update(self._history())

    @property
    def saving(self) -> bool:
        """A change is being saved (its result, rescored, is on its way)."""
        return self._saving

    @property
    def offers_changes(self) -> bool:
        """The footer and `?` offer change keys (see zntui.ui.footer.CHANGES)."""
        return self.read_only_reason is None

    @property
    def read_only_reason(self) -> str | None:
        if self.read_only:
            return "geopend met --read-only (of read_only in de config)"
        if self.scored.review_error is not None:
            return self.scored.review_error.message
        return None

    def _framework_names(self, ids: list[str]) -> str:
        known = self.registry.frameworks
        return ", ".join(known[f].short_title if f in known else f for f in ids)

    def _summary(self) -> Text:
        case = self.scored.file.case
        a = self.scored.assessment
        review = self.scored.review.review if self.scored.review else None
        status = review.status.label if review else "?"
        if review is not None and review.status is ReviewStatus.AFGEROND:
            status += " (vergrendeld; u ontgrendelt)"
        text = Text.assemble(
            (visible(f"{case.client.pseudonym} ({case.client.age})"), "bold"),
            visible(f" · {case.region} · {self._framework_names(case.frameworks)}") + "\n",
            "Oordeel: ",
            verdict_long(a.verdict, overall_scale(a, self.registry)),
            f" · risico {a.risk if a.risk is not None else '-'} · status: {status}",
            f"\n{a.completeness.label}",
        )
        if a.stale:
            noun = "oordeel" if a.stale == 1 else "oordelen"
            text.append(
                f" · {a.stale} {noun} verouderd (casus gewijzigd): bevestig of wijzig",
                style="bold",
            )
        # The theme codes with their titles (the legend of the list's columns), from
        # the case's own frameworks.
        text.append("\nThema's:")
        for index, theme in enumerate(a.themes):
            framework = self.registry.frameworks.get(theme.framework)
            if framework is None:
                continue
            found = next((t for t in framework.themes if t.id == theme.theme), None)
            short = found.short if found else theme.theme
            title = found.title if found else theme.title
            label = f"{framework.tag}.{short}" if len(a.frameworks) > 1 else short
            text.append((" · " if index else " ") + visible(f"{label} {title} "))
            text.append_text(verdict_short(theme.verdict, framework.scale))
        if self.read_only_reason:
            text.append(f"\nAlleen-lezen: {visible(self.read_only_reason)}", style="bold red")
        return text

    def results(self) -> list[CriterionResult]:
        """The criteria as listed: per framework, in id order (ZN.IZ.2 before ZN.IZ.10)."""
        order = {f: i for i, f in enumerate(self.scored.assessment.frameworks)}
        return sorted(
            self.scored.assessment.results,
            key=lambda r: (order.get(r.framework, len(order)), natural_key(r.criterion)),
        )

    def _current(self) -> CriterionResult | None:
        table = self.query_one("#criteria", DataTable)
        if not table.row_count:
            return None
        row = table.cursor_row
        results = self.results()
        return results[row] if 0 <= row < len(results) else None

    @on(DataTable.RowHighlighted, "#criteria")
    def _highlighted(self) -> None:
        self._show_detail()
        self.refresh_bindings()  # the judge keys' words follow the criterion's scale

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys, the judge keys described in the highlighted criterion's own scale
        ("goed", "slecht" on a plugin's three-point scale): footer and help alike."""
        found = super().active_bindings
        try:
            result = self._current()
        except NoMatches:  # not composed yet
            return found
        framework = self.registry.frameworks.get(result.framework) if result else None
        if framework is None:
            return found
        for key, active in found.items():
            binding = active.binding
            if binding.action.startswith("judge('"):
                verdict = key_verdict(binding.action[len("judge('")], framework.scale)
                described = dataclasses.replace(binding, description=framework.scale.label(verdict))
                found[key] = active._replace(binding=described)
        return found

    @on(DataTable.RowSelected, "#criteria")
    def _selected(self) -> None:
        self.action_open_criterion()

    def _show_detail(self) -> None:
        result = self._current()
        detail = self.query_one("#criterion-detail", Static)
        detail.update(Group(*self._detail_lines(result)) if result else "")
        self.call_after_refresh(self._say_when_cut)

    def _say_when_cut(self) -> None:
        """A detail taller than its pane says so on its rule: Enter shows it whole."""
        scroll = self.query_one("#detail-scroll", VerticalScroll)
        scroll.border_title = "meer ↓ · Enter toont alles" if scroll.max_scroll_y > 0 else ""

    def _detail_lines(self, result: CriterionResult) -> list[Text]:
        framework = self.registry.frameworks[result.framework]
        found = framework.locate(result.criterion)
        lines = [
            Text.assemble(
                (f"{result.criterion} ", "bold"),
                verdict_long(result.verdict, framework.scale),
                (
                    f"  ({SOURCE_WORDS[result.source]}{', verouderd' if result.stale else ''})",
                    "bold" if result.stale else "dim",
                ),
            )
        ]
        if found:
            lines.append(Text(visible(found[2].text), style="italic"))
        if result.source is Source.INSPECTOR:
            auto = verdict_long(result.automatic_verdict or NOT_ASSESSED, framework.scale)
            lines.append(Text.assemble("Automatisch: ", auto))
            lines.append(Text(f"Reden inspecteur: {visible(result.reason or '-')}"))
        lines.extend(Text(f"· {visible(line)}") for line in result.evidence)
        lines.extend(Text(f"· {visible(line)}", style="dim") for line in result.notes)
        if result.error:
            lines.append(Text(f"! {visible(result.error)}", style="bold red"))
        return lines

    def criterion_text(self) -> str | None:
        """The selected criterion's result as plain text, as the detail shows it."""
        result = self._current()
        return "\n".join(t.plain for t in self._detail_lines(result)) if result else None

    def view_text(self) -> str:
        """The case as plain text: the summary, then one line per criterion."""
        lines = [self._summary().plain, ""]
        for r in self.results():
            scale = self.registry.frameworks[r.framework].scale
            first = r.evidence[0] if r.evidence else ""
            lines.append(
                visible(f"{r.criterion} {scale.cell(r.verdict)} ({SOURCE_WORDS[r.source]}) {first}")
            )
        return "\n".join(lines) + "\n"

    def action_open_criterion(self) -> None:
        """The highlighted criterion in full, on a screen of its own: evidence is never
        cut off, however long it is and however small the terminal."""
        result = self._current()
        if result is not None:
            self.app.push_screen(CriterionScreen(Group(*self._detail_lines(result))))

    def action_copy_criterion(self) -> None:
        text = self.criterion_text()
        if text is None:
            return
        self.app.copy_to_clipboard(text)
        self.notify(
            "Criterium naar het klembord gestuurd (OSC 52). Werkt dat niet in deze "
            "terminal: W bewaart deze casus als bestand."
        )

    def _network(self) -> Group:
        case = self.scored.file.case
        parts: list[Text] = []
        for kind, title in KIND_TITLES.items():
            members = [m for m in case.members if m.kind is kind]
            if not members:
                continue
            parts.append(Text(title, style="bold underline"))
            for m in members:
                marks = []
                if m.coordinator:
                    marks.append("[coördinator]")
                if m.contact_point:
                    marks.append("[aanspreekpunt]")
                if m.load:
                    marks.append(f"[belasting: {m.load}]")
                org = f" — {m.organisation}" if m.organisation else ""
                parts.append(Text(visible(f"  {m.role}{org} {' '.join(marks)}".rstrip())))
        missing = [
            (r.criterion, line)
            for r in self.scored.assessment.results
            if self._about_links(r) and r.score is not None and r.score < 1
            for line in r.evidence
        ]
        if missing:
            parts.append(Text("Ontbrekende relaties die ertoe doen", style="bold red underline"))
            for criterion, line in missing:
                parts.append(Text(visible(f"  ✗ {line} ({criterion})"), style="red"))
        parts.append(Text("Relaties", style="bold underline"))
        for link in case.links:
            arrow = "↔" if link.mutual else "→"
            words = ", ".join(LINK_WORDS[k] for k in link.kinds)
            a, b = case.member(link.from_).role, case.member(link.to).role
            parts.append(Text(visible(f"  {a} {arrow} {b}: {words}")))
        if not case.links:
            parts.append(Text("  geen vastgelegde relaties", style="bold red"))
        return Group(*parts)

    def _about_links(self, result: CriterionResult) -> bool:
        framework = self.registry.frameworks.get(result.framework)
        found = framework.locate(result.criterion) if framework else None
        return bool(found and found[2].about_links)

    def _events(self) -> Group:
        case = self.scored.file.case
        parts: list[Text] = []
        for e in sorted(case.events, key=lambda e: e.date):
            handover = ""
            if e.kind.needs_handover:
                handover = self._handover(case, e)
            parts.append(Text(visible(f"{e.date:%d-%m-%Y} {e.kind}{handover}")))
            if e.description:
                parts.append(Text(f"    {visible(e.description)}", style="dim"))
        return Group(*parts) if parts else Group(Text("Geen gebeurtenissen.", style="dim"))

    @staticmethod
    def _handover(case: Case, event: Event) -> str:
        """Who received the handover, and who goes on giving care without one."""
        if event.handover_to is None:
            return " · overdracht niet vastgelegd"
        roles = {m.id: m.label for m in case.members}
        got = [roles[i] for i in event.handover_to]
        missed = [
            roles[i]
            for i in event.members
            if i not in event.handover_to
            and i != event.handover_by
            and case.member(i).kind.professional
            and case.member(i).delivers_care
        ]
        text = f" · overdracht aan {', '.join(got)} ✓" if got else " · GEEN overdracht ✗"
        if missed and got:
            text += f"; niet aan {', '.join(missed)} ✗"
        return text

    def _history(self) -> Group:
        review = self.scored.review.review if self.scored.review else None
        if review is None:
            reason = visible(self.read_only_reason)
            return Group(Text(f"Niet beschikbaar: {reason}", style="bold red"))
        parts = [Text(f"Status: {review.status.label} · tijden in UTC", style="bold")]
        for note in review.notes:
            when = f"{note.at:%Y-%m-%d %H:%M}"
            parts.append(Text(f"Notitie {when} {visible(note.by)}: {visible(note.text)}"))
        for e in review.audit:
            change = f"{e.old} → {e.new}" if e.old else e.new
            line = visible(f"{e.by}  {audit_label(e.what)}: {change}")
            parts.append(Text(f"{e.at:%Y-%m-%d %H:%M} {line}"))
            if e.reason:
                parts.append(Text(f"    reden: {visible(e.reason)}", style="dim"))
        if not review.audit:
            parts.append(Text("Nog geen wijzigingen.", style="dim"))
        return Group(*parts)

    # --- navigation -----------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_cursor_down(self) -> None:
        self.query_one("#criteria", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#criteria", DataTable).action_cursor_up()

    def action_history(self) -> None:
        self._show_tab("tab-history")

    def action_tab(self, step: int) -> None:
        current = self.query_one("#case-tabs", TabbedContent).active
        index = TABS.index(current) if current in TABS else 0
        self._show_tab(TABS[(index + step) % len(TABS)])

    def _show_tab(self, tab: str) -> None:
        self.query_one("#case-tabs", TabbedContent).active = tab
        # Move focus along, or the tabs switch back to the pane that holds it.
        target = "#criteria" if tab == "tab-criteria" else f"#{tab} VerticalScroll"
        self.query_one(target).focus()

    # --- changes --------------------------------------------------------------------

    def _can_change(self, unlocking: bool = False) -> bool:
        reason = self.read_only_reason
        if reason:
            self.notify(f"Alleen-lezen: {reason}", severity="warning")
            return False
        review = self.scored.review.review if self.scored.review else None
        if not unlocking and review is not None and review.status is ReviewStatus.AFGEROND:
            self.notify("Review afgerond en vergrendeld; u ontgrendelt (met reden).",
                        severity="warning")  # fmt: skip
            return False
        return True

    def action_unlock(self) -> None:
        review = self.scored.review.review if self.scored.review else None
        if not self._can_change(unlocking=True) or review is None:
            return
        if review.status is not ReviewStatus.AFGEROND:
            self.notify("De review is niet afgerond; er valt niets te ontgrendelen.")
            return

        def apply(reason: str | None) -> None:
            if reason:
                self._change(
                    lambda r: unlock(r, by=login_name(), reason=reason),
                    retry=lambda: self.app.push_screen(prompt(reason), apply),
                )

        def prompt(value: str = "") -> TextPrompt:
            return TextPrompt("Afgeronde review ontgrendelen", "Reden verplicht.", value, True)

        self.app.push_screen(prompt(), apply)

    def action_judge(self, key: str) -> None:
        if self.query_one("#case-tabs", TabbedContent).active != "tab-criteria":
            self._show_tab("tab-criteria")
            self.notify("Kies het criterium en druk dan de toets voor het oordeel.")
            return
        result = self._current()
        if result is None or not self._can_change():
            return
        scale = self.registry.frameworks[result.framework].scale
        verdict = key_verdict(key, scale)
        automatic = (
            result.automatic_verdict if result.source is Source.INSPECTOR else result.verdict
        )
        label = scale.label(verdict)
        differs = verdict != automatic
        hint = (
            f"Automatisch: {scale.label(automatic or NOT_ASSESSED)}. Reden verplicht."
            if differs
            else "Gelijk aan de automatische uitkomst; reden optioneel."
        )
        previous = result.reason if result.source is Source.INSPECTOR else ""

        def apply(reason: str | None) -> None:
            if reason is None:
                return
            self._change(
                lambda review: judge(
                    review,
                    result.criterion,
                    verdict,
                    scale=scale,
                    automatic_verdict=automatic,
                    reason=reason,
                    by=login_name(),
                    case_digest=self.scored.file.case.digest,
                ),
                retry=lambda: self.app.push_screen(
                    TextPrompt(f"{result.criterion} → {label}", hint, reason, differs), apply
                ),
            )

        self.app.push_screen(
            TextPrompt(f"{result.criterion} → {label}", hint, previous, differs), apply
        )

    def action_note(self) -> None:
        if not self._can_change():
            return

        def apply(text: str | None) -> None:
            if text:
                self._change(
                    lambda review: add_note(review, text, by=login_name()),
                    retry=lambda: self.app.push_screen(TextPrompt("Notitie", "", text), apply),
                )

        self.app.push_screen(TextPrompt("Notitie bij deze casus"), apply)

    def action_status(self) -> None:
        if not self._can_change() or self.scored.review is None:
            return
        current = self.scored.review.review.status

        def apply(choice: str | None) -> None:
            if choice == ReviewStatus.AFGEROND.value and choice != current.value:
                self.app.push_screen(
                    confirm_finish(), lambda answer: save(choice) if answer == "ja" else None
                )
            elif choice:
                save(choice)

        def save(choice: str) -> None:
            self._change(
                lambda review: set_status(review, choice, by=login_name()),
                retry=lambda: self.app.push_screen(picker(), apply),
            )

        def picker() -> ChoicePrompt:
            options = [(s.value, s.label) for s in ReviewStatus]
            return ChoicePrompt("Reviewstatus", options, current.value)

        self.app.push_screen(picker(), apply)

    def _change(self, change: Callable[[Review], Review], retry: Callable[[], object]) -> None:
        if self.scored.review is None:
            return
        if self._saving:
            # A change made on the review being saved would be refused as a conflict.
            self.notify("Even geduld: de vorige wijziging wordt nog opgeslagen.")
            return
        self._saving = True
        self._save(change, retry)

    @work(thread=True, exclusive=True, group="save")
    def _save(self, change: Callable[[Review], Review], retry: Callable[[], object]) -> None:
        """In a worker thread: change and save the review, rescore, report by message."""
        loaded = self.scored.review
        assert loaded is not None  # _change checked
        result = apply_change(self.scored.file.path, loaded, change)
        rescored = None
        if result.outcome in (Outcome.SAVED, Outcome.CONFLICT):
            # After a conflict, what is on disk now: the change is then offered again.
            rescored = rescore(self.scored, self.registry, self.params)
        self.post_message(self.ReviewSaved(result, rescored, retry))

    def on_case_screen_review_saved(self, message: ReviewSaved) -> None:
        self._saving = False
        result = message.result
        if message.scored is not None:
            self.show_case(message.scored)
            self.post_message(self.CaseChanged(self.scored))
        if result.outcome is Outcome.SAVED:
            self.notify("Opgeslagen.")
        elif result.outcome is Outcome.UNCHANGED:
            self.notify("Niets gewijzigd.")
        elif result.outcome is Outcome.REFUSED:
            self.notify(result.message, severity="error")
        else:
            # Nothing typed is lost: the change is offered again.
            problem = result.message
            if result.outcome is Outcome.FAILED:
                problem = f"Niet opgeslagen: {problem}"
            self.notify(problem, title="Niet opgeslagen", severity="error", timeout=15)
            message.retry()

    def show_case(self, scored: CaseDetail) -> None:
        """Show ``scored`` instead (read again or rescored), on the same criterion."""
        row = self.query_one("#criteria", DataTable).cursor_row
        self.scored = scored
        self.refresh_all(keep_row=row)
