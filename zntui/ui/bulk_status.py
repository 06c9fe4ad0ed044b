"""`s` on the list: set the review status of the marked cases (or the one under the
cursor). The sidecars are written and the cases rescored in a worker thread."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from zntui.model.review import ReviewStatus, set_status
from zntui.store import CaseError
from zntui.ui.messages import CasesRescored
from zntui.ui.prompts import ChoicePrompt, confirm_finish
from zntui.user import login_name
from zntui.workflows.detail import load_detail
from zntui.workflows.reviewing import change_reviews
from zntui.workflows.scored import ScoredCase

if TYPE_CHECKING:
    from zntui.ui.host import AppHost


class BulkStatus:
    def __init__(self, app: AppHost) -> None:
        self.app = app

    def ask(self, targets: list[ScoredCase]) -> None:
        app = self.app
        if app.refuse_change():
            return
        if not targets:
            app.notify("Geen casus geselecteerd.", severity="warning")
            return
        title = (
            f"Reviewstatus voor {len(targets)} gemarkeerde casussen"
            if len(targets) > 1
            else f"Reviewstatus van {targets[0].assessment.case_id}"
        )
        options = [(s.value, s.label) for s in ReviewStatus]
        current = targets[0].status.value if targets[0].status else ReviewStatus.NIEUW.value
        app.push_screen(
            ChoicePrompt(title, options, current),
            lambda choice: self._chosen(targets, choice),
        )

    def _chosen(self, targets: list[ScoredCase], choice: str | None) -> None:
        if choice == ReviewStatus.AFGEROND.value:
            finishing = [s for s in targets if s.status is not ReviewStatus.AFGEROND]
            if finishing:
                self.app.push_screen(
                    confirm_finish(len(finishing)),
                    lambda answer: self._start(targets, choice) if answer == "ja" else None,
                )
                return
        if choice:
            self._start(targets, choice)

    def _start(self, targets: list[ScoredCase], choice: str) -> None:
        self.app.run_worker(lambda: self._apply(targets, choice), thread=True, group="review")

    def _apply(self, targets: list[ScoredCase], choice: str) -> None:
        """In a worker thread: write the sidecars, rescore, report back."""
        app = self.app
        by = login_name()
        outcomes = change_reviews(
            ((s.path, s.assessment.case_id) for s in targets),
            lambda review: set_status(review, choice, by=by),
        )
        changed = [o.case_path for o in outcomes if o.changed]
        details = []
        for path in changed:
            with contextlib.suppress(CaseError):
                details.append(load_detail(path, app.registry, app.config.rule_params, app.root))
        refused = [o for o in outcomes if o.refused]
        label = ReviewStatus(choice).label
        message = f"Status '{label}' gezet voor {len(changed)} casus(sen)"
        if len(outcomes) - len(changed) - len(refused):
            message += f"; {len(outcomes) - len(changed) - len(refused)} stond(en) er al op"
        if refused:
            lines = [f"{o.case_path.name}: {o.refused}" for o in refused[:5]]
            more = f"\n… en {len(refused) - 5} meer" if len(refused) > 5 else ""
            note = f"{message}; {len(refused)} niet gewijzigd:\n" + "\n".join(lines) + more
            app.post_message(CasesRescored(details, note, "warning"))
        else:
            app.post_message(CasesRescored(details, message + "."))
