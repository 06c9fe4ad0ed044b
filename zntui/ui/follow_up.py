"""`f` on the regional pane: record a follow-up agreed with a regional party."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zntui.levels import REGIONAL_PARTIES
from zntui.model.review import now_utc
from zntui.store.atomic import narrowest_mode
from zntui.store.regional_notes import FollowUp, NotesConflict, add_followup, load_notes
from zntui.ui.prompts import ChoicePrompt, TextPrompt
from zntui.user import login_name

if TYPE_CHECKING:
    from zntui.ui.host import AppHost


class FollowUps:
    """Asks for the party and the agreement, saves it in the regional notes file."""

    def __init__(self, app: AppHost) -> None:
        self.app = app

    def ask(self, region: str) -> None:
        app = self.app
        if app.refuse_change():
            return
        if app.notes is None:
            app.notify(f"Alleen-lezen: {app.notes_error}", severity="warning")
            return

        def chosen(party: str | None) -> None:
            if party:
                app.push_screen(
                    TextPrompt(f"Afspraak met {party} ({region})", "Geen cliëntgegevens."),
                    lambda text: self._save(region, party, text),
                )

        options = [(p, p) for p in REGIONAL_PARTIES]
        app.push_screen(ChoicePrompt(f"Partij in {region}", options), chosen)

    def _save(self, region: str, party: str, text: str | None) -> None:
        app = self.app
        if not text or app.notes is None:
            return
        followup = FollowUp(
            region=region, party=party, agreement=text, by=login_name(), at=now_utc()
        )
        try:
            # No wider than the case files beside it.
            app.notes = add_followup(
                app.notes, followup, narrowest_mode(s.path for s in app.scored.cases)
            )
        except NotesConflict as exc:
            app.notify(str(exc), severity="error", timeout=15)
            app.notes = load_notes(app.root)
            app.push_screen(
                TextPrompt(f"Afspraak met {party} ({region})", "Opnieuw opslaan?", text),
                lambda again: self._save(region, party, again),
            )
            return
        except OSError as exc:  # SaveFailed: which file and why, in Dutch
            app.notify(str(exc), title="Niet opgeslagen", severity="error", timeout=15)
            return
        app.show_levels()
        app.notify("Afspraak opgeslagen.")
