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
    NB,
    VG,
    VGN,
    VN,
    Outcome,
    V,
    fraction_verdict,
    informal_carers,
    linked_any,
    names,
    role_matches,
)
from zntui.model.case import Case, LinkKind
from zntui.model.framework import load_framework_toml

__version__ = "0.1.0"

Params = dict[str, Any]


def recovery_vision(case: Case, params: Params) -> Outcome:
    """Recovery goals are part of the plan."""
    if case.ggz is None:
        return Outcome(NB, ["Geen ggz-traject vastgelegd."])
    if case.ggz.recovery_goals:
        return Outcome(V, ["Hersteldoelen staan in het plan."])
    return Outcome(VN, ["Geen herstelvisie of hersteldoelen in het plan."])


def client_has_say(case: Case, params: Params) -> Outcome:
    """The plan is agreed with the client and their wishes are recorded."""
    client = case.client
    done = [client.has_say, client.wishes_recorded]
    evidence = [
        "Plan met de cliënt afgesproken."
        if client.has_say
        else "Plan niet met de cliënt afgesproken.",
        "Wensen van de cliënt vastgelegd."
        if client.wishes_recorded
        else "Wensen van de cliënt niet vastgelegd.",
    ]
    return Outcome(fraction_verdict(sum(done), len(done)), evidence)


def ggz_gp_exchange(case: Case, params: Params) -> Outcome:
    """Referral letter, report to the huisarts after intake, and at the end or transfer."""
    path = case.ggz
    if path is None:
        return Outcome(NB, ["Geen ggz-traject vastgelegd."])
    steps: list[tuple[bool, str]] = [
        (path.referral_letter, "verwijsbrief"),
    ]
    if path.intake_date:
        steps.append((path.intake_report_to_gp is not None, "bericht aan huisarts na intake"))
    if path.ended:
        steps.append((path.end_report_to_gp is not None, "bericht aan huisarts bij afsluiting"))
    gp = [m for m in case.members if role_matches(m, params.get("gp_roles", ["huisarts"]))]
    ggz = [m for m in case.members if role_matches(m, params.get("ggz_roles", ["ggz", "fact"]))]
    if gp and ggz:
        linked = any(
            linked_any(case, g.id, [s.id for s in ggz], [LinkKind.INFORMS, LinkKind.CONSULTS])
            for g in gp
        )
        steps.append((linked, "informatielijn tussen ggz en huisarts / POH-ggz"))
    missing = [label for ok, label in steps if not ok]
    verdict = fraction_verdict(len(steps) - len(missing), len(steps))
    if not missing:
        return Outcome(verdict, [f"Aanwezig: {', '.join(label for _, label in steps)}."])
    return Outcome(verdict, [f"Ontbreekt: {', '.join(missing)}."])


def naasten_attention(case: Case, params: Params) -> Outcome:
    """Naasten are involved by a professional, with consent recorded."""
    naasten = informal_carers(case)
    if not naasten:
        return Outcome(NB, ["Geen naasten bekend in het netwerk."])
    pros = [m.id for m in case.members if m.kind.professional]
    involved = [
        m
        for m in naasten
        if linked_any(case, m.id, pros, [LinkKind.ATTUNES, LinkKind.INFORMS, LinkKind.CONSULTS])
    ]
    consented = [m for m in involved if m.naaste_consent]
    evidence = [f"{len(involved)} van {len(naasten)} naasten betrokken."]
    if len(consented) < len(involved):
        evidence.append(
            "Toestemming niet vastgelegd voor: "
            f"{names(m for m in involved if not m.naaste_consent)}."
        )
    if not involved:
        return Outcome(VN, evidence)
    return Outcome(fraction_verdict(len(consented), len(naasten)), evidence)


def waiting_times_known(case: Case, params: Params) -> Outcome:
    """Referral, intake and treatment-start dates are known."""
    path = case.ggz
    if path is None:
        return Outcome(NB, ["Geen ggz-traject vastgelegd."])
    if path.referral_date is None:
        return Outcome(VN, ["Aanmelddatum onbekend: wachttijd niet te bepalen."])
    evidence = [f"Aangemeld {path.referral_date:%d-%m-%Y}."]
    if path.intake_date is None:
        waited = (case.reference_date - path.referral_date).days
        evidence.append(f"Nog geen intake; wacht {waited} dagen.")
        return Outcome(V, evidence)
    evidence.append(f"Intake {path.intake_date:%d-%m-%Y}.")
    if path.treatment_start is None:
        evidence.append("Start behandeling niet vastgelegd.")
        return Outcome(VG, evidence)
    evidence.append(f"Behandeling gestart {path.treatment_start:%d-%m-%Y}.")
    return Outcome(V, evidence)


def waiting_alternatives(case: Case, params: Params) -> Outcome:
    """A wait beyond the Treeknorm is bridged: an alternative or bridging action."""
    path = case.ggz
    if path is None or path.referral_date is None:
        return Outcome(NB, ["Wachttijd onbekend."])
    to_intake = int(params.get("max_days_to_intake", 28))
    to_treatment = int(params.get("max_days_to_treatment", 70))
    intake = path.intake_date or case.reference_date
    waits = []
    if (intake - path.referral_date).days > to_intake:
        waits.append(f"{(intake - path.referral_date).days} dagen tot intake (norm {to_intake})")
    if path.intake_date:
        start = path.treatment_start or case.reference_date
        if (start - path.intake_date).days > to_treatment:
            waits.append(
                f"{(start - path.intake_date).days} dagen tot behandeling (norm {to_treatment})"
            )
    if not waits:
        return Outcome(V, ["Wachttijden binnen de Treeknorm."])
    kinds = set(params.get("actions", ("overbrugging", "alternatief aanbod")))
    bridges = [a for a in case.actions if a.kind in kinds]
    if bridges:
        return Outcome(V, [f"Wacht: {'; '.join(waits)}; overbrugging geboden."])
    return Outcome(VN, [f"Wacht: {'; '.join(waits)}; geen alternatief of overbrugging."])


def referral_agreement(case: Case, params: Params) -> Outcome:
    """A regional agreement on referral and consultation is known."""
    if case.ggz is None:
        return Outcome(NB, ["Geen ggz-traject vastgelegd."])
    if case.ggz.referral_agreement:
        return Outcome(V, ["Afspraken over verwijzing en consultatie zijn bekend."])
    return Outcome(VN, ["Geen afspraken over verwijzing en consultatie bekend."])


def crisis_plan_current(case: Case, params: Params) -> Outcome:
    """A crisis or signalling plan reviewed within ``max_age_days``, shared with the GP."""
    plan = case.ggz.crisis_plan if case.ggz else None
    if plan is None:
        return Outcome(VN, ["Geen crisis- of signaleringsplan."])
    limit = int(params.get("max_age_days", 365))
    age = (case.reference_date - plan.reviewed).days
    evidence = [f"Plan herzien op {plan.reviewed:%d-%m-%Y} ({age} dagen)."]
    verdict = V
    if age > limit:
        evidence.append(f"Ouder dan {limit} dagen.")
        verdict = VGN
    holders = [case.member(i) for i in plan.shared_with]
    if not any(role_matches(m, params.get("gp_roles", ["huisarts"])) for m in holders):
        evidence.append("Niet gedeeld met de huisarts.")
        verdict = VN if verdict == VGN else VG
    return Outcome(verdict, evidence)


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
