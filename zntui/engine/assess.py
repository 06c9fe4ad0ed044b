"""Run every applicable criterion on a case and aggregate.

Scoring, documented here and printed by ``zntui rules --explain-scoring``:

1. **Criterion.** Each check tells four situations apart: the case file shows the
   criterion is met (a scale value), shows it is not met (a lower scale value), does not
   say (*niet beoordeeld*, the evidence says what is not recorded), or the criterion
   does not apply to this client (*niet van toepassing*, the evidence says why). Only a
   file that records an absence ("asked, and nobody coordinates") makes a failure;
   an empty field never does. Then, for an automatic verdict on the scale only: a
   ``part`` criterion is capped at the scale's second value (an inspector must judge
   whether the evidence is good enough for the best value); when the client reports a
   bottleneck that the criterion lists, it is lowered one step. A ``judge`` criterion is
   niet beoordeeld until judged. An inspector's judgement replaces all of this.
2. **Theme.** The weighted mean of the scale scores of its assessed criteria
   (on IGJ's scale voldoet 1, voldoet grotendeels ⅔, grotendeels niet ⅓, voldoet niet 0),
   mapped to the nearest scale value (a tie goes to the worse). Niet beoordeeld and
   niet van toepassing are left out. A theme with any criterion at the scale's worst
   value is at best the second value. A theme with no assessed criterion is niet
   beoordeeld (niet van toepassing when none of its criteria applies).
3. **Case.** The mean of its assessed theme scores, across all its frameworks, gives
   the overall verdict the same way (any theme at the worst value caps it at the
   second value). Risk = round(100 × (1 − that mean)): it rests on what is known only.
   Completeness: of the criteria that apply (all minus niet van toepassing), how many
   have a verdict — "12 van 17 criteria te beoordelen".
4. **Triage.** Two lists. First the cases with at least two thirds of the criteria
   that apply te beoordelen, highest risk first; ties by more criteria at the worst
   value, then more at the second-worst, then by case id. Then, apart, the incomplete
   cases (*onvolledig*: less than two thirds known), in the same order, so that a
   near-empty file never sits above a documented failure; cases with nothing assessed
   come last.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from zntui.engine.check_run import CheckFault, disarm, run_check
from zntui.engine.order import triage_key
from zntui.engine.results import CaseAssessment, CriterionResult, Outcome, Source, ThemeScore
from zntui.model.case import Bottleneck, Case
from zntui.model.framework import (
    NOT_APPLICABLE,
    NOT_ASSESSED,
    UNSCORED,
    CheckKind,
    Criterion,
    Framework,
    Scale,
)
from zntui.plugins import Registry

BOTTLENECK_LABELS: dict[Bottleneck, str] = {
    Bottleneck.CONFLICTING_ADVICE: "tegenstrijdige of onvolledige adviezen",
    Bottleneck.HARD_TO_ORGANISE: "moeilijk de juiste zorg te vinden en te organiseren",
    Bottleneck.NO_OVERVIEW: "geen overzicht over alle zorg en hulp",
    Bottleneck.UNCLEAR_LEAD: "onduidelijk wie het voortouw heeft",
    Bottleneck.POOR_ATTUNEMENT: "onvoldoende afstemming en overdracht",
    Bottleneck.NO_CONTACT_POINT: "geen aanspreekpunt voor vragen of klachten",
}


class JudgementLike(Protocol):
    """An inspector's judgement on a criterion, as the engine needs it."""

    @property
    def verdict(self) -> str: ...
    @property
    def reason(self) -> str: ...

    # Optional: ``case_digest``, the digest of the case it judged (see Case.digest).


def assess_case(
    case: Case,
    registry: Registry,
    judgements: Mapping[str, JudgementLike] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
) -> CaseAssessment:
    """Score ``case`` on each of its frameworks known to ``registry``.

    ``judgements`` maps criterion ids to an inspector's judgement, which wins over the
    automatic result. ``params`` maps check or criterion ids to parameter overrides.
    """
    run = _Run(case, registry, judgements or {}, params)
    assessment = CaseAssessment(case.id, case.region, list(case.frameworks))
    try:
        _assess_frameworks(run, assessment)
    finally:
        disarm()  # one timer serves all of a case's checks; none is left behind
    _overall(assessment, registry)
    return assessment


@dataclass(frozen=True, slots=True)
class _Run:
    """What every criterion of one case is scored with."""

    case: Case
    registry: Registry
    judgements: Mapping[str, JudgementLike]
    params: Mapping[str, Mapping[str, Any]] | None


def _assess_frameworks(run: _Run, assessment: CaseAssessment) -> None:
    for framework_id in run.case.frameworks:
        framework = run.registry.frameworks.get(framework_id)
        if framework is None:
            assessment.unknown_frameworks.append(framework_id)
            continue
        plugin = run.registry.framework_plugin.get(framework_id, "")
        for theme in framework.themes:
            results = [
                _result(run, framework, plugin, theme.id, criterion) for criterion in theme.criteria
            ]
            assessment.results.extend(results)
            assessment.themes.append(_theme_score(framework, theme.id, theme.title, results))


def _result(
    run: _Run, framework: Framework, framework_plugin: str, theme_id: str, criterion: Criterion
) -> CriterionResult:
    case = run.case
    automatic = _automatic(run, framework, theme_id, criterion)
    judgement = run.judgements.get(criterion.id)
    result = automatic
    if judgement is not None and (
        judgement.verdict in UNSCORED or framework.scale.get(judgement.verdict)
    ):
        judged_digest = getattr(judgement, "case_digest", "") or ""
        stale = bool(judged_digest) and judged_digest != case.digest
        notes = automatic.notes
        if stale:
            notes = (
                "Verouderd oordeel: de casus is gewijzigd nadat de inspecteur oordeelde; "
                "bevestig of wijzig het.",
                *notes,
            )
        result = CriterionResult(
            framework=framework.id,
            theme=theme_id,
            criterion=criterion.id,
            verdict=judgement.verdict,
            source=Source.INSPECTOR,
            stale=stale,
            evidence=automatic.evidence,
            notes=notes,
            weight=criterion.weight,
            automatic_verdict=automatic.verdict,
            reason=judgement.reason,
            plugin=automatic.plugin or framework_plugin,
            score=_score(framework.scale, judgement.verdict),
        )
    return result


def _score(scale: Scale, verdict: str) -> float | None:
    """The verdict's place on the scale; None when it is not on it (not assessed).
    Given when a result is made: ``dataclasses.replace`` cost a tenth of scoring."""
    value = scale.get(verdict)
    return value.score if value else None


def _automatic(
    run: _Run, framework: Framework, theme_id: str, criterion: Criterion
) -> CriterionResult:
    case, registry, params = run.case, run.registry, run.params
    base = {
        "framework": framework.id,
        "theme": theme_id,
        "criterion": criterion.id,
        "weight": criterion.weight,
    }
    scale = framework.scale
    signals = [b for b in criterion.bottlenecks if b in case.bottlenecks]
    signal_lines = tuple(f"Cliënt meldt: {BOTTLENECK_LABELS[b]}." for b in signals)
    if criterion.kind is CheckKind.JUDGE or criterion.check is None:
        return CriterionResult(
            verdict=NOT_ASSESSED,
            source=Source.AUTOMATIC,
            evidence=("Niet beoordeeld: dit criterium vraagt het oordeel van de inspecteur.",),
            notes=signal_lines,
            **base,
        )
    check = registry.checks.get(criterion.check)
    if check is None:
        error = f"controle {criterion.check!r} is niet geregistreerd (staat de plugin uit?)"
        return _rule_error(base, error, registry.framework_plugin.get(framework.id, ""))
    merged = dict(criterion.params)
    if params:
        merged.update(params.get(criterion.check, {}))
        merged.update(params.get(criterion.id, {}))
    try:
        # run_check keeps a misbehaving plugin (exit, stdout, no end) from the run.
        outcome = run_check(check.function, case, merged, time_limit=framework.time_limit)
        verdict, evidence = _validated(outcome, scale)
    except CheckFault as fault:
        return _rule_error(
            base, f"plugin {check.plugin}: controle {check.id} {fault}", check.plugin
        )
    except Exception as exc:
        raised = f"gaf {type(exc).__name__}: {exc}"
        return _rule_error(
            base, f"plugin {check.plugin}: controle {check.id} {raised}", check.plugin
        )
    notes: list[str] = []
    if verdict not in UNSCORED:
        if criterion.kind is CheckKind.PART and verdict == scale.best.id:
            verdict = scale.values[1].id
            notes.append(
                f"Gegevens aanwezig; '{scale.best.label}' vraagt het oordeel van de inspecteur."
            )
        if signals:
            lowered = scale.step_down(verdict)
            if lowered != verdict:
                notes.append(
                    f"Verlaagd tot '{scale.label(lowered)}' door wat de cliënt als knelpunt meldt."
                )
            verdict = lowered
    return CriterionResult(
        verdict=verdict,
        source=Source.AUTOMATIC,
        evidence=tuple(evidence),
        notes=signal_lines + tuple(notes),
        plugin=check.plugin,
        score=_score(scale, verdict),
        **base,
    )


def _rule_error(base: dict[str, Any], error: str, plugin: str) -> CriterionResult:
    """A criterion whose check could not give a verdict: a visible rule error."""
    return CriterionResult(
        verdict=NOT_ASSESSED, source=Source.RULE_ERROR, error=error, plugin=plugin, **base
    )


def _validated(outcome: object, scale: Scale) -> tuple[str, tuple[str, ...]]:
    if not isinstance(outcome, Outcome):
        raise TypeError(f"a check must return an Outcome, got {type(outcome).__name__}")
    if outcome.verdict not in UNSCORED and scale.get(outcome.verdict) is None:
        raise ValueError(f"verdict {outcome.verdict!r} is not on scale {scale.id!r}")
    return outcome.verdict, tuple(str(line) for line in outcome.evidence)


def _theme_score(
    framework: Framework, theme_id: str, title: str, results: list[CriterionResult]
) -> ThemeScore:
    scale = framework.scale
    assessed = [r for r in results if r.assessed]
    if not assessed:
        none_apply = bool(results) and all(not r.applicable for r in results)
        verdict = NOT_APPLICABLE if none_apply else NOT_ASSESSED
        return ThemeScore(framework.id, theme_id, title, verdict, None, 0, len(results))
    total_weight = sum(r.weight for r in assessed)
    score = sum(r.weight * (r.score or 0.0) for r in assessed) / total_weight
    verdict = scale.nearest(score).id
    if any(r.verdict == scale.worst.id for r in assessed):
        verdict = scale.at_best(verdict, scale.values[1].id)
    return ThemeScore(framework.id, theme_id, title, verdict, score, len(assessed), len(results))


def _overall(assessment: CaseAssessment, registry: Registry) -> None:
    scored = [t for t in assessment.themes if t.score is not None]
    if not scored:
        return
    mean = sum(t.score for t in scored if t.score is not None) / len(scored)
    # The overall verdict is expressed on the first framework's scale.
    scale = registry.frameworks[scored[0].framework].scale
    verdict = scale.nearest(mean).id
    worst_ids = {registry.frameworks[t.framework].scale.worst.id for t in scored}
    if any(t.verdict in worst_ids for t in scored):
        verdict = scale.at_best(verdict, scale.values[1].id)
    assessment.score = mean
    assessment.verdict = verdict
    assessment.risk = round(100 * (1 - mean))


def triage(assessments: Iterable[CaseAssessment]) -> list[CaseAssessment]:
    """The assessments, worst first."""
    return sorted(assessments, key=triage_key)


SCORING_EXPLANATION = (__doc__ or "").split("\n\n", 1)[1].strip()
