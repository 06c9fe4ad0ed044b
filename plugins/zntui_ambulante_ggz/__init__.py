"""The ambulante ggz framework: Toezicht op de ambulante ggz voor cliënten met
chronisch psychische aandoeningen.

Criteria in ``rules/ambulante_ggz.toml``. The checks particular to the ggz care path
are registered here; shared network checks come from ``network_checks``.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from typing import Any

from zntui import hookimpl
from zntui.checks import (
    NA,
    NB,
    VG,
    VGN,
    VN,
    Outcome,
    V,
    fraction_verdict,
    in_sectors,
    linked_any,
    names,
    not_applicable,
    not_recorded,
    sectors,
    sentence,
    weigh_concerns,
    worse,
)
from zntui.model.case import Absence, Case, Consent, EndKind, GgzPath, LinkKind, Sector
from zntui.model.framework import load_framework_toml

__version__ = "0.2.0"

Params = dict[str, Any]

NO_PATH = "het ggz-traject (aanmelding, intake, behandeling)"
"""What every ggz-path criterion says when the file has no [ggz] table: the same words."""

ASKED = " (navraag gedaan)"


def _path(case: Case) -> GgzPath | None:
    return case.ggz


def recovery_vision(case: Case, params: Params) -> Outcome:
    """Recovery goals are part of the plan."""
    path = _path(case)
    if path is None:
        return not_recorded(NO_PATH)
    if path.recovery_goals is None:
        return not_recorded("of het plan hersteldoelen bevat")
    if path.recovery_goals:
        return Outcome(V, ["Hersteldoelen staan in het plan."])
    return Outcome(VN, ["Geen herstelvisie of hersteldoelen in het plan."])


def client_has_say(case: Case, params: Params) -> Outcome:
    """The plan is agreed with the client and their wishes are recorded.

    Like its siblings, niet beoordeeld without a ggz path: the plan is part of it.
    """
    if _path(case) is None:
        return not_recorded(NO_PATH)
    client = case.client
    parts = [
        (
            client.has_say,
            "het plan is met de cliënt afgesproken",
            "het plan is niet met de cliënt afgesproken",
            "of het plan met de cliënt is afgesproken",
        ),
        (
            client.wishes_recorded,
            "de wensen van de cliënt zijn vastgelegd",
            "de wensen van de cliënt zijn niet vastgelegd",
            "of de wensen van de cliënt zijn vastgelegd",
        ),
    ]
    evidence = []
    known = []
    for value, yes, no, unknown in parts:
        if value is None:
            evidence.append(f"Niet vastgelegd: {unknown}.")
        else:
            known.append(value)
            evidence.append(sentence(yes if value else no))
    if not known:
        return Outcome(NB, evidence)
    verdict = fraction_verdict(sum(known), len(known))
    if len(known) < len(parts):
        verdict = worse(verdict, VG) if verdict != VN else VGN
    return Outcome(verdict, evidence)


def ggz_gp_exchange(case: Case, params: Params) -> Outcome:
    """The huisarts gets the key information at each moment of the ggz path.

    The moments that happened count once each: the referral letter, a report after the
    intake, and a report at the end or transfer (named as the file records it). A
    missing report at the end or transfer weighs heavy: at best grotendeels niet.
    Consultation links between huisarts / POH and ggz are shown, not counted again.
    """
    path = _path(case)
    if path is None:
        return not_recorded(NO_PATH)
    moments: list[tuple[bool | None, str, bool]] = [
        (path.referral_letter, "verwijsbrief", False),
    ]
    if path.intake_date:
        sent = (
            True
            if path.intake_report_to_gp
            else (False if case.absent(Absence.INTAKE_REPORT) else None)
        )
        moments.append(
            (sent, f"bericht aan de huisarts na de intake van {path.intake_date:%d-%m-%Y}", False)
        )
    if path.ended:
        how = {EndKind.OVERDRACHT: "de overdracht", EndKind.AFSLUITING: "de afsluiting"}.get(
            path.end_kind,
            "de afsluiting of overdracht",  # type: ignore[arg-type]
        )
        sent = (
            True if path.end_report_to_gp else (False if case.absent(Absence.END_REPORT) else None)
        )
        moments.append((sent, f"bericht aan de huisarts bij {how} op {path.ended:%d-%m-%Y}", True))
    present = [label for ok, label, _ in moments if ok]
    missing = [label for ok, label, _ in moments if ok is False]
    unknown = [label for ok, label, _ in moments if ok is None]
    evidence = []
    if present:
        evidence.append(sentence(f"aanwezig: {', '.join(present)}"))
    if missing:
        evidence.append(sentence(f"ontbreekt: {', '.join(missing)}"))
    if unknown:
        evidence.append(f"Niet vastgelegd: {', '.join(unknown)}.")
    gp_side = {Sector.HUISARTSENZORG}
    ggz_side = {Sector.BASIS_GGZ, Sector.SPECIALISTISCHE_GGZ}
    gp = [m for m in case.members if in_sectors(m, gp_side)]
    ggz = [m for m in case.members if in_sectors(m, ggz_side)]
    consulting = [g for g in gp if linked_any(case, g.id, [s.id for s in ggz], [LinkKind.CONSULTS])]
    if consulting:
        evidence.append(sentence(f"overleg met de ggz vastgelegd voor {names(consulting)}"))
    decided = len(present) + len(missing)
    if not decided:
        return Outcome(NB, evidence)
    verdict = fraction_verdict(len(present), decided)
    if any(ok is False and heavy for ok, _, heavy in moments):
        verdict = worse(verdict, VGN if len(missing) == 1 else VN)
    return weigh_concerns(case, params, Outcome(verdict, evidence))


def naasten_attention(case: Case, params: Params) -> Outcome:
    """Each naaste is involved with the client's consent, or left out at their wish.

    In ggz a naaste is involved only with the client's consent: a refusal respected is
    attention given; a naaste nobody asked about, or one with consent left out, is not.
    """
    naasten = [m for m in case.members if m.kind.close]
    if not naasten:
        if case.absent(Absence.NAASTEN):
            return not_applicable("De cliënt heeft geen naasten")
        return not_recorded("of de cliënt naasten heeft")
    pros = [m.id for m in case.members if m.kind.professional]
    kinds = [LinkKind.ATTUNES, LinkKind.INFORMS, LinkKind.CONSULTS]
    links_known = case.has_links(kinds)
    good: list[str] = []
    bad: list[str] = []
    unknown: list[str] = []
    for naaste in naasten:
        involved = linked_any(case, naaste.id, pros, kinds)
        who = naaste.label
        if naaste.consent is Consent.GEWEIGERD:
            if involved:
                bad.append(f"{who} is betrokken, terwijl de cliënt geen toestemming gaf")
            else:
                good.append(f"de cliënt wil {who} niet betrekken; dat wordt gerespecteerd")
        elif naaste.consent is Consent.NIET_GEVRAAGD:
            bad.append(f"niemand vroeg de cliënt of {who} betrokken mag worden")
        elif naaste.consent is Consent.GEGEVEN:
            if involved:
                good.append(f"{who} is betrokken, met toestemming van de cliënt")
            elif links_known:
                bad.append(f"{who} is niet betrokken, hoewel de cliënt toestemming gaf")
            else:
                unknown.append(f"of {who} betrokken is")
        else:
            unknown.append(f"of de cliënt toestemming gaf om {who} te betrekken")
    evidence = [sentence(line) for line in good + bad]
    evidence += [f"Niet vastgelegd: {line}." for line in unknown]
    decided = len(good) + len(bad)
    if not decided:
        return Outcome(NB, evidence)
    return Outcome(fraction_verdict(len(good), decided), evidence)


def _dates(case: Case, path: GgzPath) -> list[str]:
    """The dates the waiting-time criteria use, said in words."""
    assert path.registered is not None
    lines = [f"Aanmelding {path.registered:%d-%m-%Y} (de Treeknormen tellen vanaf de aanmelding)."]
    if path.intake_date:
        days = (path.intake_date - path.registered).days
        lines.append(f"Intake {path.intake_date:%d-%m-%Y}: {days} dagen na aanmelding.")
    else:
        days = (case.reference_date - path.registered).days
        lines.append(
            f"Nog geen intake op {case.reference_date:%d-%m-%Y}: {days} dagen na aanmelding."
        )
    if path.intake_date and path.treatment_start:
        days = (path.treatment_start - path.intake_date).days
        lines.append(
            f"Start behandeling {path.treatment_start:%d-%m-%Y}: {days} dagen na de intake."
        )
    return lines


def waiting_times_known(case: Case, params: Params) -> Outcome:
    """Aanmelding, intake and treatment-start dates are known."""
    path = _path(case)
    if path is None:
        return not_recorded(NO_PATH)
    if path.registered is None:
        return not_recorded("de datum van aanmelding; zonder die is de wachttijd niet te bepalen")
    evidence = _dates(case, path)
    if path.intake_date and path.treatment_start is None and not path.ended:
        evidence.append("Niet vastgelegd: of en wanneer de behandeling begon.")
        return Outcome(VG, evidence)
    return Outcome(V, evidence)


def waiting_alternatives(case: Case, params: Params) -> Outcome:
    """A wait beyond the Treeknorm is bridged: an alternative or bridging action.

    Treeknormen: ``max_days_to_intake`` from aanmelding to intake, and
    ``max_days_to_treatment`` from intake to the start of treatment; a wait still
    running counts to the case's reference date.
    """
    path = _path(case)
    if path is None:
        return not_recorded(NO_PATH)
    if path.registered is None:
        return not_recorded("de datum van aanmelding (de Treeknormen tellen vanaf de aanmelding)")
    to_intake = int(params.get("max_days_to_intake", 28))
    to_treatment = int(params.get("max_days_to_treatment", 70))
    intake = path.intake_date or case.reference_date
    waits = []
    if (intake - path.registered).days > to_intake:
        waits.append(
            f"{(intake - path.registered).days} dagen van aanmelding tot intake (norm {to_intake})"
        )
    if path.intake_date and not (path.treatment_start is None and path.ended):
        start = path.treatment_start or case.reference_date
        if (start - path.intake_date).days > to_treatment:
            waits.append(
                f"{(start - path.intake_date).days} dagen van intake tot behandeling "
                f"(norm {to_treatment})"
            )
    evidence = _dates(case, path)
    if not waits:
        return Outcome(
            NA,
            [*evidence, "Geen wachttijd boven de Treeknorm: niet van toepassing."],
        )
    bridges = [a for a in case.actions if a.kind.bridges_wait and a.date >= path.registered]
    if bridges:
        done = ", ".join(f"{a.label} {a.date:%d-%m-%Y}" for a in bridges)
        return Outcome(V, [f"Wacht: {'; '.join(waits)}; overbrugd: {done}.", *evidence])
    return Outcome(VN, [f"Wacht: {'; '.join(waits)}; geen alternatief of overbrugging.", *evidence])


def referral_agreement(case: Case, params: Params) -> Outcome:
    """A regional agreement on referral and consultation is known."""
    path = _path(case)
    if path is None:
        return not_recorded(NO_PATH)
    if path.referral_agreement is None:
        return not_recorded("of er afspraken over verwijzing en consultatie bekend zijn")
    if path.referral_agreement:
        return Outcome(V, ["Afspraken over verwijzing en consultatie zijn bekend."])
    return Outcome(VN, ["Geen afspraken over verwijzing en consultatie bekend."])


def crisis_plan_current(case: Case, params: Params) -> Outcome:
    """A crisis or signalling plan reviewed within ``max_age_days``, shared with the
    sectors in ``shared_with_sectors`` (default: huisarts / POH)."""
    path = _path(case)
    plan = path.crisis_plan if path else None
    if plan is None:
        if case.absent(Absence.CRISIS_PLAN):
            return weigh_concerns(
                case, params, Outcome(VN, [f"Er is geen crisis- of signaleringsplan{ASKED}."])
            )
        if path is None:
            return not_recorded(NO_PATH)
        return not_recorded("of er een crisis- of signaleringsplan is")
    limit = int(params.get("max_age_days", 365))
    age = (case.reference_date - plan.reviewed).days
    evidence = [f"Plan herzien op {plan.reviewed:%d-%m-%Y} ({age} dagen geleden)."]
    verdict = V
    if age > limit:
        evidence.append(f"Ouder dan de grens van {limit} dagen.")
        verdict = VGN
    holders = [case.member(i) for i in plan.shared_with]
    if not holders:
        evidence.append("Niet vastgelegd: met wie het plan gedeeld is.")
        verdict = worse(verdict, VG)
    for group in params.get("shared_with_sectors", [["huisartsenzorg"]]):
        wanted = sectors(group)
        if holders and not any(in_sectors(m, wanted) for m in holders):
            labels = " / ".join(sorted(s.label for s in wanted))
            evidence.append(f"Niet gedeeld met {labels}.")
            verdict = VN if verdict == VGN else worse(verdict, VG)
    return weigh_concerns(case, params, Outcome(verdict, evidence))


CHECKS = {
    "ggz_recovery_vision": recovery_vision,
    "ggz_client_has_say": client_has_say,
    "ggz_gp_exchange": ggz_gp_exchange,
    "ggz_naasten_attention": naasten_attention,
    "ggz_waiting_times_known": waiting_times_known,
    "ggz_waiting_alternatives": waiting_alternatives,
    "ggz_referral_agreement": referral_agreement,
    "ggz_crisis_plan_current": crisis_plan_current,
}


@hookimpl
def zntui_register_checks(register: Any) -> None:
    for check_id, function in CHECKS.items():
        register(check_id, function)


@hookimpl
def zntui_register_frameworks(register: Any) -> None:
    with as_file(files("zntui_rules") / "ambulante_ggz.toml") as path:
        register(load_framework_toml(path))
