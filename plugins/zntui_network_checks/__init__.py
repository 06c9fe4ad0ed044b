"""Checks on the care network that more than one framework uses.

Registered like any third-party plugin (entry point ``network_checks``). Each check
reads the case and its parameters and returns an :class:`Outcome`; the framework's
rules file decides which criterion uses which check, with which parameters.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from zntui import hookimpl
from zntui.checks import (
    NB,
    VG,
    VGN,
    VN,
    V,
    age_in_days,
    care_professionals,
    fraction_verdict,
    informal_carers,
    linked_any,
    names,
    role_matches,
)
from zntui.engine import Outcome
from zntui.model.case import CarerLoad, Case, LinkKind, MemberKind

__version__ = "0.1.0"

Params = dict[str, Any]


def explanation_given(case: Case, params: Params) -> Outcome:
    """An explanation of the care options is recorded (and fits the request, if asked)."""
    explanation = case.client.explanation
    if explanation is None:
        return Outcome(VN, ["Geen uitleg over de mogelijke zorg vastgelegd."])
    by = case.member(explanation.given_by).role
    evidence = [f"Uitleg gegeven door {by} op {explanation.date:%d-%m-%Y}."]
    if params.get("require_fits_request") and not explanation.fits_request:
        evidence.append("De uitleg sluit niet aan bij de hulpvraag van de cliënt.")
        return Outcome(VGN, evidence)
    return Outcome(V, evidence)


def supporter_when_needed(case: Case, params: Params) -> Outcome:
    """A client who needs help to express their need has a supporter in the network."""
    if not case.client.needs_support_expressing:
        return Outcome(V, ["De cliënt kan de zorgbehoefte zelf duidelijk maken."])
    if case.client.supporter:
        role = case.member(case.client.supporter).role
        return Outcome(V, [f"De cliënt krijgt hulp van {role} om de zorgbehoefte te uiten."])
    return Outcome(VN, ["De cliënt heeft hulp nodig om de zorgbehoefte te uiten; niemand helpt."])


def care_need_documented(case: Case, params: Params) -> Outcome:
    """The care need is documented, and not older than ``max_age_days``."""
    documented = case.client.care_need.documented
    if documented is None:
        return Outcome(VN, ["De zorgbehoefte is niet vastgelegd."])
    age = age_in_days(case, documented)
    limit = int(params.get("max_age_days", 365))
    if age > limit:
        return Outcome(
            VGN,
            [f"Zorgbehoefte vastgelegd op {documented:%d-%m-%Y}, {age} dagen oud (max {limit})."],
        )
    return Outcome(V, [f"Zorgbehoefte vastgelegd op {documented:%d-%m-%Y}."])


def care_need_known(case: Case, params: Params) -> Outcome:
    """Every care-delivering professional knows the documented care need."""
    if case.client.care_need.documented is None:
        return Outcome(VN, ["Er is geen vastgelegde zorgbehoefte die bekend kan zijn."])
    pros = care_professionals(case, params.get("kinds", ("zorg", "wmo")))
    known = set(case.client.care_need.known_by)
    missing = [m for m in pros if m.id not in known]
    verdict = fraction_verdict(len(pros) - len(missing), len(pros))
    if verdict == NB:
        return Outcome(NB, ["Geen zorgverleners in het netwerk."])
    if not missing:
        return Outcome(verdict, [f"Alle {len(pros)} zorgverleners kennen de zorgbehoefte."])
    return Outcome(
        verdict,
        [
            f"{len(missing)} van {len(pros)} zorgverleners kennen de zorgbehoefte niet: "
            f"{names(missing)}."
        ],
    )


def information_exchange(case: Case, params: Params) -> Outcome:
    """Each care-delivering professional informs or consults the coordinator or a peer."""
    pros = care_professionals(case, params.get("kinds", ("zorg", "wmo")))
    if len(pros) < 2:
        return Outcome(NB, ["Minder dan twee zorgverleners: geen overlap om af te stemmen."])
    kinds = (LinkKind.INFORMS, LinkKind.CONSULTS)
    coordinator = [m.id for m in case.members if m.coordinator]
    peers = [m.id for m in pros]
    isolated = [
        m
        for m in pros
        if not linked_any(case, m.id, coordinator or peers, kinds)
        and not linked_any(case, m.id, peers, kinds)
    ]
    verdict = fraction_verdict(len(pros) - len(isolated), len(pros))
    if not isolated:
        return Outcome(verdict, ["Alle zorgverleners informeren of overleggen met elkaar."])
    return Outcome(
        verdict, [f"Informeert of overlegt met niemand in het netwerk: {names(isolated)}."]
    )


def one_coordinator(case: Case, params: Params) -> Outcome:
    """Exactly one coordinator, known to the client and to the members."""
    coordinators = [m for m in case.members if m.coordinator]
    if not coordinators:
        return Outcome(VN, ["Niemand coördineert het netwerk."])
    if len(coordinators) > 1:
        return Outcome(VGN, [f"Meer dan één coördinator: {names(coordinators)}."])
    lead = coordinators[0]
    others = [
        m for m in case.members if m.id != lead.id and (m.delivers_care or not m.kind.professional)
    ]
    unaware = [m for m in others if not linked_any(case, m.id, [lead.id], [LinkKind.KNOWS])]
    evidence = [f"Coördinator: {lead.role}."]
    if not case.client.knows_coordinator:
        evidence.append("De cliënt weet niet wie coördineert.")
    if unaware:
        evidence.append(f"Kennen de coördinator niet: {names(unaware)}.")
    known = len(others) - len(unaware)
    if case.client.knows_coordinator and not unaware:
        return Outcome(V, evidence)
    if case.client.knows_coordinator and fraction_verdict(known, len(others)) in (V, VG):
        return Outcome(VG, evidence)
    return Outcome(VGN, evidence)


def handover_on_transitions(case: Case, params: Params) -> Outcome:
    """Every admission, discharge and transfer has a handover document."""
    transitions = [e for e in case.events if e.kind.needs_handover]
    if not transitions:
        return Outcome(NB, ["Geen opname, ontslag of overdracht: niet van toepassing."])
    missing = [e for e in transitions if not e.handover_document]
    verdict = fraction_verdict(len(transitions) - len(missing), len(transitions))
    if not missing:
        return Outcome(verdict, [f"Overdracht bij alle {len(transitions)} overgangen."])
    listed = ", ".join(f"{e.kind} {e.date:%d-%m-%Y}" for e in missing)
    if any(e.kind == "ontslag" for e in missing):
        verdict = VN if verdict in (VGN, VN) else VGN
    return Outcome(verdict, [f"Geen overdracht bij: {listed}."])


def professionals_know_each_other(case: Case, params: Params) -> Outcome:
    """Care-delivering professionals know each other and what the other does."""
    pros = care_professionals(case, params.get("kinds", ("zorg",)))
    pairs = list(combinations(pros, 2))
    if not pairs:
        return Outcome(NB, ["Minder dan twee zorgverleners."])
    gaps = [
        (a, b)
        for a, b in pairs
        if not (
            linked_any(case, a.id, [b.id], [LinkKind.KNOWS])
            and linked_any(case, a.id, [b.id], [LinkKind.KNOWS_ROLE])
        )
    ]
    verdict = fraction_verdict(len(pairs) - len(gaps), len(pairs))
    if not gaps:
        return Outcome(verdict, ["Alle zorgverleners kennen elkaar en weten wat de ander doet."])
    shown = "; ".join(f"{a.role} – {b.role}" for a, b in gaps[:6])
    more = f" en {len(gaps) - 6} meer" if len(gaps) > 6 else ""
    return Outcome(
        verdict,
        [f"{len(gaps)} van {len(pairs)} paren kennen elkaar of elkaars rol niet: {shown}{more}."],
    )


def tasks_agreed(case: Case, params: Params) -> Outcome:
    """Each task has an owner and the split was agreed."""
    if not case.tasks:
        return Outcome(VN, ["Geen taakverdeling vastgelegd."])
    open_tasks = [t for t in case.tasks if t.owner is None or t.agreed is None]
    verdict = fraction_verdict(len(case.tasks) - len(open_tasks), len(case.tasks))
    if not open_tasks:
        return Outcome(verdict, [f"Alle {len(case.tasks)} taken hebben een afgesproken eigenaar."])
    listed = "; ".join(t.description for t in open_tasks[:5])
    return Outcome(verdict, [f"Zonder eigenaar of afspraak: {listed}."])


def carer_considered(case: Case, params: Params) -> Outcome:
    """Mantelzorgers' load is assessed recently; an overloaded carer gets support."""
    carers = [m for m in case.members if m.kind is MemberKind.MANTELZORG]
    if not carers:
        return Outcome(NB, ["Geen mantelzorger in het netwerk."])
    limit = int(params.get("max_age_days", 365))
    support = set(params.get("support_actions", ("mantelzorgondersteuning", "respijtzorg")))
    evidence: list[str] = []
    verdicts: list[str] = []
    for carer in carers:
        if carer.load_assessed is None or carer.load is None:
            evidence.append(f"Belasting van {carer.role} is niet in kaart gebracht.")
            verdicts.append(VN)
            continue
        age = age_in_days(case, carer.load_assessed)
        if age > limit:
            evidence.append(f"Belasting van {carer.role} is {age} dagen geleden bepaald.")
            verdicts.append(VGN)
            continue
        heavy = carer.load in (CarerLoad.ZWAAR, CarerLoad.OVERBELAST)
        helped = any(a.kind in support and a.date >= carer.load_assessed for a in case.actions)
        if heavy and not helped:
            evidence.append(f"{carer.role} is {carer.load}; geen ondersteuning ingezet.")
            verdicts.append(VN if carer.load is CarerLoad.OVERBELAST else VGN)
        else:
            evidence.append(f"Belasting van {carer.role}: {carer.load}, bepaald en opgevolgd.")
            verdicts.append(V)
    return Outcome(_worst(verdicts), evidence)


def network_strengthened(case: Case, params: Params) -> Outcome:
    """Where the network is thin or a carer overloaded, an action strengthens it."""
    min_informal = int(params.get("min_informal", 1))
    action_kinds = set(params.get("actions", ("netwerkversterking", "mantelzorgondersteuning")))
    informal = informal_carers(case)
    heavy = [m for m in informal if m.load in (CarerLoad.ZWAAR, CarerLoad.OVERBELAST)]
    reasons = []
    if len(informal) < min_informal:
        reasons.append(f"{len(informal)} mantelzorgers of informele helpers")
    if heavy:
        reasons.append(f"zwaar belast: {names(heavy)}")
    if not reasons:
        return Outcome(V, ["Het netwerk is niet dun en niemand is overbelast: niet nodig."])
    actions = [a for a in case.actions if a.kind in action_kinds]
    if actions:
        done = ", ".join(f"{a.kind} {a.date:%d-%m-%Y}" for a in actions)
        return Outcome(V, [f"Versterking nodig ({'; '.join(reasons)}); ingezet: {done}."])
    return Outcome(VN, [f"Versterking nodig ({'; '.join(reasons)}), maar niets ingezet."])


def attunes_with_carers(case: Case, params: Params) -> Outcome:
    """Professionals attune with each mantelzorger and informal helper."""
    informal = informal_carers(case)
    if not informal:
        return Outcome(NB, ["Geen mantelzorg of informele zorg in het netwerk."])
    pros = [m.id for m in care_professionals(case)]
    apart = [m for m in informal if not linked_any(case, m.id, pros, [LinkKind.ATTUNES])]
    verdict = fraction_verdict(len(informal) - len(apart), len(informal))
    if not apart:
        return Outcome(verdict, ["Zorgverleners stemmen af met alle mantelzorgers."])
    return Outcome(verdict, [f"Geen zorgverlener stemt af met: {names(apart)}."])


def risks_followed_up(case: Case, params: Params) -> Outcome:
    """Recorded risks (of ``kinds``, or all) each have a follow-up."""
    kinds = {k.lower() for k in params.get("kinds", ())}
    risks = [r for r in case.risks if not kinds or r.kind.lower() in kinds]
    if not risks:
        return Outcome(NB, ["Geen risico's vastgelegd; de inspecteur beoordeelt of dat klopt."])
    open_risks = [r for r in risks if not r.follow_up.strip()]
    verdict = fraction_verdict(len(risks) - len(open_risks), len(risks))
    if not open_risks:
        return Outcome(verdict, [f"Alle {len(risks)} gesignaleerde risico's zijn opgevolgd."])
    listed = ", ".join(f"{r.kind} ({r.noted:%d-%m-%Y})" for r in open_risks)
    return Outcome(verdict, [f"Niet opgevolgd: {listed}."])


def medication_overview_current(case: Case, params: Params) -> Outcome:
    """A medication overview newer than the last change and within ``max_age_days``.

    With ``shared_with_roles`` (lists of role fragments), each group must have it.
    """
    med = case.medication
    if med.overview_date is None:
        return Outcome(VN, ["Geen medicatieoverzicht."])
    limit = int(params.get("max_age_days", 180))
    age = age_in_days(case, med.overview_date)
    evidence = [f"Medicatieoverzicht van {med.overview_date:%d-%m-%Y} ({age} dagen oud)."]
    verdict = V
    if med.last_change and med.last_change > med.overview_date:
        evidence.append(f"Ouder dan de laatste wijziging op {med.last_change:%d-%m-%Y}.")
        verdict = VGN
    elif age > limit:
        evidence.append(f"Ouder dan de grens van {limit} dagen.")
        verdict = VGN
    holders = [case.member(i) for i in med.shared_with]
    for group in params.get("shared_with_roles", ()):
        if not any(role_matches(m, group) for m in holders):
            evidence.append(f"Niet gedeeld met {' / '.join(group)}.")
            verdict = _worse(verdict, VG if verdict == V else VN)
    return Outcome(verdict, evidence)


def administration_list(case: Case, params: Params) -> Outcome:
    """Where a member administers medication, an administration list exists."""
    givers = [m for m in case.members if m.administers_medication]
    if not givers:
        return Outcome(NB, ["Niemand in het netwerk dient medicatie toe: niet van toepassing."])
    if case.medication.administration_list:
        return Outcome(V, [f"Toedienlijst aanwezig; {names(givers)} dient medicatie toe."])
    return Outcome(VN, [f"{names(givers)} dient medicatie toe zonder toedienlijst."])


def contact_point(case: Case, params: Params) -> Outcome:
    """A contact point for questions and complaints, known to client and mantelzorgers."""
    points = [m for m in case.members if m.contact_point]
    if not points:
        return Outcome(VN, ["Geen aanspreekpunt voor vragen en klachten."])
    carers = [m for m in case.members if m.kind is MemberKind.MANTELZORG]
    unaware = [c for c in carers if not c.knows_contact_point]
    evidence = [f"Aanspreekpunt: {names(points)}."]
    if not case.client.knows_contact_point:
        evidence.append("De cliënt kent het aanspreekpunt niet.")
    if unaware:
        evidence.append(f"Kennen het aanspreekpunt niet: {names(unaware)}.")
    if case.client.knows_contact_point and not unaware:
        return Outcome(V, evidence)
    if case.client.knows_contact_point or not unaware:
        return Outcome(VG, evidence)
    return Outcome(VGN, evidence)


_ORDER = [V, VG, VGN, VN]


def _worse(a: str, b: str) -> str:
    return max(a, b, key=_ORDER.index)


def _worst(verdicts: list[str]) -> str:
    return max(verdicts, key=_ORDER.index) if verdicts else NB


CHECKS = {
    "explanation_given": explanation_given,
    "supporter_when_needed": supporter_when_needed,
    "care_need_documented": care_need_documented,
    "care_need_known": care_need_known,
    "information_exchange": information_exchange,
    "one_coordinator": one_coordinator,
    "handover_on_transitions": handover_on_transitions,
    "professionals_know_each_other": professionals_know_each_other,
    "tasks_agreed": tasks_agreed,
    "carer_considered": carer_considered,
    "network_strengthened": network_strengthened,
    "attunes_with_carers": attunes_with_carers,
    "risks_followed_up": risks_followed_up,
    "medication_overview_current": medication_overview_current,
    "administration_list": administration_list,
    "contact_point": contact_point,
}


@hookimpl
def zntui_register_checks(register: Any) -> None:
    for check_id, function in CHECKS.items():
        register(check_id, function)
