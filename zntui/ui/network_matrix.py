"""The network at a glance: members × members, a mark per relation.

The seed asks whether the members of a network know each other, know what the other
does, inform or consult each other and attune with the mantelzorg. The picture answers
that for one case: a row per member, a column per member, in each cell a letter for
every kind of link (:class:`~zntui.model.case.LinkKind`, in the model's order) that the
row's member has towards the column's member. A relation that is missing and matters
is a red ✗; where the file records no link of a kind at all, that kind is "niet
vastgelegd" and nothing of it is called missing (as the checks do).

What matters is read from the model's own words, not from a framework: care-delivering
zorg- en hulpverleners should know each other and each other's role; each of them
should inform or consult some other professional; each mantelzorger or informal helper
should have a professional who attunes with them.

Readable at 80 columns (a network too wide for letters gets one sign per cell), in 16
colours and without colour (every mark is a character), and in ASCII (✗ → x, · → .).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from zntui.model.case import Case, LinkKind, NetworkMember
from zntui.untrusted import visible

WIDTH = 80
"""The terminal width the picture is made for."""
MISSING = "✗"
NONE = "·"
COORDINATOR = "*"
CONTACT_POINT = "@"
MISSING_STYLE = "bold white on red"
"""Light on dark red: without colour (NO_COLOR turns colours grey) it stays light on
dark, where red text alone would turn a dark grey that can hardly be read."""
PAIR_KINDS = (LinkKind.KNOWS, LinkKind.KNOWS_ROLE)
"""Every pair of care-delivering professionals should have these, both ways."""
EXCHANGE_KINDS = (LinkKind.INFORMS, LinkKind.CONSULTS)
"""Each care-delivering professional should have one of these with another professional."""


def letters() -> dict[LinkKind, str]:
    """One letter per link kind, from its Dutch label: the first letter of its last word
    (kent → k, kent rol → r, stemt af → a), else the first unused letter of the label."""
    found: dict[LinkKind, str] = {}
    for kind in LinkKind:
        words = kind.label.split()
        candidates = [words[-1][0], *kind.label.replace(" ", "")]
        found[kind] = next(c for c in candidates if c not in found.values())
    return found


@dataclass(frozen=True)
class Picture:
    """What the matrix shows, computed from the case alone (no Textual)."""

    members: list[NetworkMember]
    cells: dict[tuple[str, str], frozenset[LinkKind]]
    """(row member, column member) → the kinds the row has towards the column."""
    missing: dict[tuple[str, str], frozenset[LinkKind]]
    """(row, column) → kinds that are missing there and matter."""
    unrecorded: list[LinkKind]
    """Kinds of which the file records no link at all."""
    alone: dict[str, list[str]] = field(default_factory=dict)
    """Member id → what that member misses with everyone (a sentence each)."""


def picture(case: Case) -> Picture:
    """The matrix of ``case``: professionals first, then the informal members."""
    members = sorted(case.members, key=lambda m: (not m.kind.professional, not m.kind.informal))
    recorded = {kind for link in case.links for kind in link.kinds}
    cells = {
        (a.id, b.id): frozenset(k for k in LinkKind if case.linked(a.id, b.id, k))
        for a in members
        for b in members
        if a.id != b.id
    }
    carers = [m for m in members if m.kind.professional and m.delivers_care]
    professionals = [m for m in members if m.kind.professional]
    missing: dict[tuple[str, str], frozenset[LinkKind]] = {}
    wanted = [k for k in PAIR_KINDS if k in recorded]
    for a in carers:
        for b in carers:
            if a.id != b.id and (gap := frozenset(wanted) - cells[a.id, b.id]):
                missing[a.id, b.id] = gap
    alone: dict[str, list[str]] = {}
    if any(k in recorded for k in EXCHANGE_KINDS):
        for a in carers:
            if not any(
                cells[a.id, b.id] & set(EXCHANGE_KINDS) or cells[b.id, a.id] & set(EXCHANGE_KINDS)
                for b in professionals
                if b.id != a.id
            ):
                alone.setdefault(a.id, []).append("informeert en overlegt met niemand")
    if LinkKind.ATTUNES in recorded:
        for m in members:
            if m.kind.informal and not any(
                LinkKind.ATTUNES in cells[p.id, m.id] | cells[m.id, p.id] for p in professionals
            ):
                alone.setdefault(m.id, []).append("niemand stemt met hem of haar af")
    unrecorded = [k for k in LinkKind if k not in recorded]
    return Picture(members, cells, missing, unrecorded, alone)


def _label(number: int, member: NetworkMember, width: int) -> Text:
    marks = (COORDINATOR if member.coordinator else "") + (
        CONTACT_POINT if member.contact_point else ""
    )
    room = width - 1 - len(f"{number:>2} ") - len(marks)  # one space before the cells
    name = visible(member.label)
    name = name if len(name) <= room else name[: room - 1] + "…"
    text = Text(f"{number:>2} ")
    text.append(name, style="bold" if member.coordinator else "")
    text.append(marks, style="bold")
    text.pad_right(width - text.cell_len)
    return text


def render(pic: Picture, width: int = WIDTH) -> Group:
    """The matrix as Rich text, at most ``width`` columns wide."""
    if not pic.members:
        return Group(Text("Geen leden in het netwerk vastgelegd.", style="bold red"))
    mark = letters()
    count = len(pic.members)
    full = len(LinkKind) + 1
    # Two columns stay free at the right for a row's own ✗ (alone in the network).
    label_width = max(12, min(24, width - 2 - full * count))
    detailed = label_width + full * count + 2 <= width
    shown = pic.members
    if not detailed:
        columns = max(1, (width - 16) // 2)
        shown = pic.members[:columns]
        label_width = max(12, min(24, width - 2 - 2 * len(shown)))
    numbers = {m.id: i for i, m in enumerate(pic.members, start=1)}
    lines: list[Text] = [Text("Relaties: rij → kolom", style="bold underline")]
    cell_width = full if detailed else 2
    if detailed:
        head = Text(" " * label_width)
        for m in shown:
            head.append(f"{numbers[m.id]:^{cell_width - 1}} ")
        lines.append(head)
    else:  # one column per member: its number written downwards (tens, then units)
        for digit in (0, 1):
            head = Text(" " * label_width)
            for m in shown:
                head.append(f"{numbers[m.id]:>2}"[digit] + " ")
            lines.append(head)
    for a in pic.members:
        row = _label(numbers[a.id], a, label_width)
        for b in shown:
            if a.id == b.id:
                row.append(" " * (cell_width - 1) + " ")
                continue
            have, gap = pic.cells[a.id, b.id], pic.missing.get((a.id, b.id), frozenset())
            if detailed:
                for kind in LinkKind:
                    if kind in have:
                        row.append(mark[kind], style="green")
                    elif kind in gap:
                        row.append(MISSING, style=MISSING_STYLE)
                    else:
                        row.append(NONE, style="dim")
            elif gap:
                row.append(MISSING, style=MISSING_STYLE)
            elif have:
                row.append(str(len(have)), style="green")
            else:
                row.append(NONE, style="dim")
            row.append(" ")
        if pic.alone.get(a.id):
            row.append(MISSING, style=MISSING_STYLE)
        lines.append(row)
    if len(shown) < count:
        lines.append(Text(f"… nog {count - len(shown)} kolommen: zie de lijst hieronder"))
    lines.append(Text(""))
    lines.extend(_legend(mark, detailed))
    for a in pic.members:
        for what in pic.alone.get(a.id, []):
            line = Text(f"{MISSING} ", style=MISSING_STYLE)
            line.append(visible(f"{numbers[a.id]} {a.label} {what}"))
            lines.append(line)
    if pic.unrecorded:
        words = ", ".join(k.label for k in pic.unrecorded)
        lines.append(Text(f"Niet vastgelegd (geen enkele relatie): {words}", style="dim"))
    return Group(*lines)


def _legend(mark: dict[LinkKind, str], detailed: bool) -> list[Text]:
    if detailed:
        kinds = "   ".join(f"{mark[k]} {k.label}" for k in LinkKind)
        first = Text(kinds)
    else:
        first = Text("cijfer: zoveel soorten relaties")
    rest = (
        f"{MISSING} ontbreekt en telt mee   {NONE} geen   "
        f"{COORDINATOR} coördinator   {CONTACT_POINT} aanspreekpunt"
    )
    return [first, Text(rest)]


class NetworkMatrix(Static):
    """The Netwerk tab's picture of one case; :meth:`show` draws another case."""

    DEFAULT_CSS = """
    NetworkMatrix { height: auto; margin-bottom: 1; }
    """

    def __init__(self, case: Case | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._case = case

    def on_mount(self) -> None:
        if self._case is not None:
            self.show(self._case)

    def on_resize(self) -> None:
        self._draw()

    def show(self, case: Case) -> None:
        self._case = case
        self._draw()

    def _draw(self) -> None:
        if self._case is None:
            return
        # The room the tab gives it; in a hidden tab (no room yet) the terminal's, less a
        # scroll bar. A redraw follows when the tab is shown (on_resize).
        room = self.content_size.width
        width = room if room >= 40 else max(20, self.app.size.width - 3)
        self.update(render(picture(self._case), width))
