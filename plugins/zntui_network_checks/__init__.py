"""Checks on the care network that more than one framework uses.

Registered like any third-party plugin (entry point ``network_checks``). Each check
reads the case and its parameters and returns an :class:`Outcome`; the framework's
rules file decides which criterion uses which check, with which parameters.

Every check tells apart met, not met, niet vastgelegd (niet beoordeeld) and niet van
toepassing (see :mod:`zntui.checks`); a failure rests on what the file records, an
absence only when the inspector recorded it in ``found_absent``.
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
    concerning,
    count_of,
    fraction_verdict,
    in_sectors,
    informal_carers,
    linked_any,
    names,
    not_applicable,
    not_recorded,
    sectors,
    sentence,
    verb,
    weigh_concerns,
    worse,
    worst,
)
from zntui.engine import Outcome
from zntui.model.case import (
    Absence,
    CarerLoad,
    Case,
    Event,
    LinkKind,
    MemberKind,
    NetworkMember,
    RiskKind,
)

__version__ = "0.2.0"

Params = dict[str, Any]

ASKED = " (navraag gedaan)"
"""Marks evidence that rests on an absence the inspector recorded."""


def explanation_given(case: Case, params: Params) -> Outcome:
    """An explanation of the care options is recorded (and fits the request, if asked)."""
    explanation = case.client.explanation
    if explanation is None:
        if case.absent(Absence.EXPLANATION):
            return Outcome(
                VN, [f"Niemand heeft de cliënt uitgelegd welke zorg mogelijk is{ASKED}."]
            )
        return not_recorded("of en door wie de cliënt uitleg kreeg over de mogelijke zorg")
    by = case.member(explanation.given_by).label
    evidence = [f"Uitleg gegeven door {by} op {explanation.date:%d-%m-%Y}."]
    if params.get("require_fits_request"):
        if explanation.fits_request is None:
            evidence.append("Niet vastgelegd: of de uitleg aansluit bij de hulpvraag.")
            return Outcome(NB, evidence)
        if not explanation.fits_request:
            evidence.append("De uitleg sluit niet aan bij de hulpvraag van de cliënt.")
            return Outcome(VGN, evidence)
        evidence.append("De uitleg sluit aan bij de hulpvraag.")
    return Outcome(V, evidence)


def supporter_when_needed(case: Case, params: Params) -> Outcome:
    """A client who needs help to express their need has a supporter in the network."""
    needs = case.client.needs_support_expressing
    if needs is None:
        return not_recorded("of de cliënt hulp nodig heeft om de zorgbehoefte duidelijk te maken")
    if not needs:
        return not_applicable("De cliënt kan de zorgbehoefte zelf duidelijk maken")
    if case.client.supporter:
        role = case.member(case.client.supporter).label
        return Outcome(V, [f"De cliënt krijgt hulp van {role} om de zorgbehoefte te uiten."])
    if case.absent(Absence.SUPPORTER):
        return Outcome(
            VN, [f"De cliënt heeft hulp nodig om de zorgbehoefte te uiten; niemand helpt{ASKED}."]
        )
    return not_recorded("wie de cliënt helpt de zorgbehoefte duidelijk te maken")


def care_need_documented(case: Case, params: Params) -> Outcome:
    """The care need is documented, and not older than ``max_age_days``."""
    documented = case.client.care_need.documented
    if documented is None:
        if case.absent(Absence.CARE_NEED):
            return Outcome(VN, [f"De zorgbehoefte is nergens vastgelegd{ASKED}."])
        return not_recorded("of en wanneer de zorgbehoefte is vastgelegd")
    age = age_in_days(case, documented)
    limit = int(params.get("max_age_days", 365))
    if age > limit:
        return Outcome(
            VGN,
            [
                f"Zorgbehoefte vastgelegd op {documented:%d-%m-%Y}, {age} dagen oud "
                f"(grens {limit} dagen)."
            ],
        )
    return Outcome(V, [f"Zorgbehoefte vastgelegd op {documented:%d-%m-%Y}."])


def care_need_known(case: Case, params: Params) -> Outcome:
    """Every care-delivering professional knows the documented care need."""
    need = case.client.care_need
    if need.documented is None:
        # One fact counts once: a missing care need is the documenting criterion's finding.
        return Outcome(
            NB, ["Niet te beoordelen: er is geen vastgelegde zorgbehoefte die bekend kan zijn."]
        )
    if need.known_by is None:
        return not_recorded("welke zorg- en hulpverleners de zorgbehoefte kennen")
    pros = care_professionals(case, params.get("kinds", ("zorg", "wmo")))
    if not pros:
        return not_recorded("de zorg- en hulpverleners in het netwerk")
    known = set(need.known_by)
    missing = [m for m in pros if m.id not in known]
    verdict = fraction_verdict(len(pros) - len(missing), len(pros))
    total = count_of(len(pros), len(pros), "zorg- of hulpverlener", "zorg- en hulpverleners")
    if not missing:
        knows = verb(len(pros), "kent", "kennen")
        return Outcome(verdict, [sentence(f"{total} {knows} de zorgbehoefte")])
    part = count_of(len(missing), len(pros), "zorg- of hulpverlener", "zorg- en hulpverleners")
    knows = verb(len(missing), "kent", "kennen")
    return Outcome(verdict, [sentence(f"{part} {knows} de zorgbehoefte niet: {names(missing)}")])


def information_exchange(case: Case, params: Params) -> Outcome:
    """Each care-delivering professional informs or consults another professional.

    Partners may be any professional in the network, also one who gives no care at
    home (the apotheek): informing them is exchanging information.
    """
    pros = care_professionals(case, params.get("kinds", ("zorg", "wmo")))
    if not case.members:
        return not_recorded("het netwerk van de cliënt")
    if len(pros) < 2:
        # A file that lists one professional does not show the network has only one.
        return not_recorded("een tweede zorg- of hulpverlener die zorg levert")
    kinds = (LinkKind.INFORMS, LinkKind.CONSULTS)
    if not case.has_links(kinds):
        if case.absent(Absence.INFORMATION_EXCHANGE):
            return Outcome(
                VN, [f"Zorg- en hulpverleners informeren elkaar niet en overleggen niet{ASKED}."]
            )
        return not_recorded("wie wie informeert of met wie overlegt")
    partners = [m.id for m in case.members if m.kind.professional]
    isolated = [m for m in pros if not linked_any(case, m.id, partners, kinds)]
    verdict = fraction_verdict(len(pros) - len(isolated), len(pros))
    if not isolated:
        total = count_of(len(pros), len(pros), "zorgverlener", "zorg- en hulpverleners")
        outcome = Outcome(
            verdict, [sentence(f"{total} informeren of overleggen met een ander in het netwerk")]
        )
    else:
        outcome = Outcome(
            verdict, [f"Informeert of overlegt met niemand in het netwerk: {names(isolated)}."]
        )
    return weigh_concerns(case, params, outcome)


def one_coordinator(case: Case, params: Params) -> Outcome:
    """Exactly one coordinator, known to the client and to the members."""
    coordinators = [m for m in case.members if m.coordinator]
    if not coordinators:
        if case.absent(Absence.COORDINATOR):
            return weigh_concerns(
                case, params, Outcome(VN, [f"Niemand coördineert het netwerk{ASKED}."])
            )
        return not_recorded("wie het netwerk coördineert")
    if len(coordinators) > 1:
        return weigh_concerns(
            case, params, Outcome(VGN, [f"Meer dan één coördinator: {names(coordinators)}."])
        )
    lead = coordinators[0]
    evidence = [f"Coördinator: {lead.label}."]
    others = [
        m for m in case.members if m.id != lead.id and (m.delivers_care or not m.kind.professional)
    ]
    client = case.client.knows_coordinator
    if client is None:
        evidence.append("Niet vastgelegd: of de cliënt weet wie coördineert.")
    elif not client:
        evidence.append("De cliënt weet niet wie coördineert.")
    unaware: list[NetworkMember] | None = None
    if others:
        if case.has_links([LinkKind.KNOWS]):
            unaware = [m for m in others if not linked_any(case, m.id, [lead.id], [LinkKind.KNOWS])]
            if unaware:
                evidence.append(f"Kennen de coördinator niet: {names(unaware)}.")
        else:
            evidence.append("Niet vastgelegd: welke leden de coördinator kennen.")
    members_ok = unaware is None or not unaware
    if client is False:
        verdict = VGN
    elif client is None or unaware is None:
        verdict = VG if members_ok else VGN
    elif members_ok:
        verdict = V
    else:
        known = len(others) - len(unaware or [])
        verdict = VG if fraction_verdict(known, len(others)) in (V, VG) else VGN
    return weigh_concerns(case, params, Outcome(verdict, evidence))


def _recipients_needed(case: Case, event: Event) -> list[NetworkMember]:
    """Who must receive the handover: the professionals involved who go on giving care."""
    return [
        m
        for m in (case.member(i) for i in event.members)
        if m.kind.professional and m.delivers_care and m.id != event.handover_by
    ]


def handover_on_transitions(case: Case, params: Params) -> Outcome:
    """At every admission, discharge and transfer, each continuing member gets a handover.

    A handover names who received it (``handover_to``); every professional involved in
    the event who goes on giving care and got nothing is a finding.
    """
    transitions = [e for e in case.events if e.kind.needs_handover]
    if not transitions:
        if case.absent(Absence.TRANSITIONS):
            return not_applicable("Geen opname, ontslag of overdracht in de periode")
        return not_recorded("of er opnames, ontslagen of overdrachten waren")
    unknown = [e for e in transitions if e.handover_to is None]
    recorded = [e for e in transitions if e.handover_to is not None]
    evidence: list[str] = []
    good = total = 0
    verdict_floor = V
    for event in recorded:
        what = f"{event.kind.value} {event.date:%d-%m-%Y}"
        received = set(event.handover_to or ())
        needed = _recipients_needed(case, event)
        if not needed:
            # Nobody named who goes on: the event counts once, by whether anyone got one.
            total += 1
            if received:
                good += 1
                evidence.append(sentence(f"{what}: overgedragen aan {_roles(case, received)}"))
            else:
                evidence.append(sentence(f"{what}: geen overdracht"))
                verdict_floor = worse(verdict_floor, VN if event.kind == "ontslag" else VGN)
            continue
        missed = [m for m in needed if m.id not in received]
        total += len(needed)
        good += len(needed) - len(missed)
        if not missed:
            evidence.append(sentence(f"{what}: overgedragen aan {names(needed)}"))
            continue
        got = [m for m in needed if m.id in received]
        line = f"{what}: geen overdracht aan {names(missed)}"
        if got:
            line += f" (wel aan {names(got)})"
        evidence.append(sentence(line))
        if event.kind == "ontslag":
            # Care goes on at home: a continuing member who knows nothing weighs heavy.
            verdict_floor = worse(verdict_floor, VGN if got else VN)
    for event in unknown:
        evidence.append(
            f"Niet vastgelegd: of en aan wie is overgedragen bij {event.kind.value} "
            f"{event.date:%d-%m-%Y}."
        )
    if not recorded:
        return Outcome(NB, evidence)
    verdict = worse(fraction_verdict(good, total), verdict_floor)
    return weigh_concerns(case, params, Outcome(verdict, evidence))


def _roles(case: Case, ids: set[str]) -> str:
    return names(m for m in case.members if m.id in ids)


def professionals_know_each_other(case: Case, params: Params) -> Outcome:
    """Zorg- en hulpverleners who give care know each other and what the other does."""
    pros = care_professionals(case, params.get("kinds", ("zorg", "wmo")))
    if not case.members:
        return not_recorded("het netwerk van de cliënt")
    pairs = list(combinations(pros, 2))
    if not pairs:
        return not_recorded("een tweede zorg- of hulpverlener die zorg levert")
    if not case.has_links([LinkKind.KNOWS, LinkKind.KNOWS_ROLE]):
        if case.absent(Absence.ACQUAINTANCE):
            return Outcome(VN, [f"Zorg- en hulpverleners kennen elkaar niet{ASKED}."])
        return not_recorded("welke zorg- en hulpverleners elkaar kennen en weten wat de ander doet")
    strangers, roles_unknown, faces_unknown = [], [], []
    # Each member's acquaintances once, then a set look-up per pair (what linked_any
    # answers for one other, at a fraction of the cost: this is the pair loop of a case).
    near = {
        m.id: (case.neighbours(m.id, LinkKind.KNOWS), case.neighbours(m.id, LinkKind.KNOWS_ROLE))
        for m in pros
    }
    for a, b in pairs:
        known, roles = near[a.id]
        knows = b.id != a.id and b.id in known
        role = b.id != a.id and b.id in roles
        if not knows and not role:
            strangers.append((a, b))
        elif not role:
            roles_unknown.append((a, b))
        elif not knows:
            faces_unknown.append((a, b))
    gaps = len(strangers) + len(roles_unknown) + len(faces_unknown)
    verdict = fraction_verdict(len(pairs) - gaps, len(pairs))
    if not gaps:
        every = count_of(len(pairs), len(pairs), "paar", "paren")
        return Outcome(
            verdict, [sentence(f"{every} zorg- en hulpverleners kennen elkaar en elkaars rol")]
        )
    evidence = [
        sentence(f"{count_of(gaps, len(pairs), 'paar', 'paren')} schiet tekort")
        if gaps == 1
        else sentence(f"{count_of(gaps, len(pairs), 'paar', 'paren')} schieten tekort")
    ]
    for label, listed in (
        ("Kennen elkaar niet en weten niet wat de ander doet", strangers),
        ("Kennen elkaar, maar weten niet wat de ander doet", roles_unknown),
        ("Weten wat de ander doet, maar kennen elkaar niet", faces_unknown),
    ):
        if listed:
            shown = "; ".join(f"{a.label} – {b.label}" for a, b in listed[:6])
            more = f" en {len(listed) - 6} meer" if len(listed) > 6 else ""
            evidence.append(f"{label}: {shown}{more}.")
    return Outcome(verdict, evidence)


def tasks_agreed(case: Case, params: Params) -> Outcome:
    """Each task has an owner and the split was agreed."""
    if not case.tasks:
        if case.absent(Absence.TASK_SPLIT):
            return Outcome(VN, [f"Er is geen taakverdeling{ASKED}."])
        return not_recorded("de taakverdeling in het netwerk")
    open_tasks = [t for t in case.tasks if t.owner is None or t.agreed is None]
    verdict = fraction_verdict(len(case.tasks) - len(open_tasks), len(case.tasks))
    if not open_tasks:
        every = count_of(len(case.tasks), len(case.tasks), "taak", "taken")
        has = verb(len(case.tasks), "heeft", "hebben")
        return Outcome(verdict, [sentence(f"{every} {has} een in overleg afgesproken eigenaar")])
    evidence = []
    # Task descriptions are the file's own words: quoted, not re-cased.
    ownerless = [f"‘{t.description}’" for t in open_tasks if t.owner is None]
    unagreed = [f"‘{t.description}’" for t in open_tasks if t.owner is not None]
    if ownerless:
        evidence.append(f"Zonder eigenaar: {'; '.join(ownerless[:5])}.")
    if unagreed:
        evidence.append(f"Eigenaar niet in overleg afgesproken: {'; '.join(unagreed[:5])}.")
    return Outcome(verdict, evidence)


def load_phrase(carer: NetworkMember) -> str:
    """The one description of a carer's load, used by every criterion that mentions it."""
    assert carer.load is not None
    return f"{carer.label} is {carer.load.label}"


def _supported(case: Case, carer: NetworkMember) -> list[str]:
    """Actions that support this carer (the one vocabulary: ``ActionKind.supports_carer``)."""
    return [
        f"{a.label} {a.date:%d-%m-%Y}"
        for a in case.actions
        if a.kind.supports_carer
        and a.for_member in (None, carer.id)
        and (carer.load_assessed is None or a.date >= carer.load_assessed)
    ]


def carer_considered(case: Case, params: Params) -> Outcome:
    """Mantelzorgers' load is assessed recently; a heavily loaded carer gets support."""
    carers = [m for m in case.members if m.kind is MemberKind.MANTELZORG]
    if not carers:
        if case.absent(Absence.MANTELZORG) or informal_carers(case):
            return not_applicable("De cliënt heeft geen mantelzorger")
        return not_recorded("of de cliënt een mantelzorger heeft")
    limit = int(params.get("max_age_days", 365))
    evidence: list[str] = []
    verdicts: list[str] = []
    for carer in carers:
        if carer.load is None:
            evidence.append(f"Niet vastgelegd: de belasting van {carer.label}.")
            continue
        if carer.load is CarerLoad.NIET_BEPAALD:
            evidence.append(sentence(f"niemand heeft bepaald wat {carer.label} aankan{ASKED}"))
            verdicts.append(VN)
            continue
        when = f" (bepaald {carer.load_assessed:%d-%m-%Y})" if carer.load_assessed else ""
        if carer.load_assessed is not None and age_in_days(case, carer.load_assessed) > limit:
            age = age_in_days(case, carer.load_assessed)
            evidence.append(
                sentence(f"{load_phrase(carer)}{when}, {age} dagen geleden (grens {limit} dagen)")
            )
            verdicts.append(VGN)
            continue
        helped = _supported(case, carer)
        if carer.load.heavy and not helped:
            evidence.append(sentence(f"{load_phrase(carer)}{when}; geen ondersteuning ingezet"))
            verdicts.append(VN if carer.load is CarerLoad.OVERBELAST else VGN)
        elif carer.load.heavy:
            evidence.append(
                sentence(f"{load_phrase(carer)}{when}; ondersteund: {', '.join(helped)}")
            )
            verdicts.append(V)
        else:
            evidence.append(sentence(f"{load_phrase(carer)}{when}"))
            verdicts.append(V)
    if not verdicts:
        return Outcome(NB, evidence)
    return weigh_concerns(case, params, Outcome(worst(verdicts), evidence))


def network_strengthened(case: Case, params: Params) -> Outcome:
    """Where the network is thin or a carer heavily loaded, an action strengthens it."""
    min_informal = int(params.get("min_informal", 1))
    informal = informal_carers(case)
    thin_known = bool(informal) or case.absent(Absence.MANTELZORG)
    heavy = [m for m in informal if m.load is not None and m.load.heavy]
    reasons = []
    if thin_known and len(informal) < min_informal:
        reasons.append("geen mantelzorg of informele hulp" if not informal else "dun netwerk")
    reasons.extend(load_phrase(m) for m in heavy)
    if not reasons:
        if not thin_known:
            return not_recorded("of de cliënt mantelzorg of informele hulp heeft")
        unknown = [
            m
            for m in informal
            if m.kind is MemberKind.MANTELZORG and m.load in (None, CarerLoad.NIET_BEPAALD)
        ]
        if unknown:
            # Whether strengthening is needed rests on what the carers can bear.
            return not_recorded(
                f"wat {names(unknown)} aankan, en dus of versterking van het netwerk nodig is"
            )
        return not_applicable(
            "Het netwerk is niet dun en niemand is zwaar belast, dus versterken is niet nodig"
        )
    why = "; ".join(reasons)
    actions = [a for a in case.actions if a.kind.strengthens_network]
    if actions:
        done = ", ".join(f"{a.label} {a.date:%d-%m-%Y}" for a in actions)
        return Outcome(V, [f"Versterking nodig ({why}); ingezet: {done}."])
    return Outcome(VN, [f"Versterking nodig ({why}), maar niets ingezet."])


def attunes_with_carers(case: Case, params: Params) -> Outcome:
    """Professionals attune with each mantelzorger and informal helper."""
    informal = informal_carers(case)
    if not informal:
        if case.absent(Absence.MANTELZORG):
            return not_applicable("De cliënt heeft geen mantelzorg of informele hulp")
        return not_recorded("of de cliënt mantelzorg of informele hulp heeft")
    if not case.has_links([LinkKind.ATTUNES]):
        if case.absent(Absence.ATTUNEMENT):
            return Outcome(VN, [f"Geen zorgverlener stemt af met de mantelzorg{ASKED}."])
        return not_recorded("welke zorgverleners afstemmen met de mantelzorg")
    pros = [m.id for m in case.members if m.kind.professional]
    apart = [m for m in informal if not linked_any(case, m.id, pros, [LinkKind.ATTUNES])]
    verdict = fraction_verdict(len(informal) - len(apart), len(informal))
    if not apart:
        every = count_of(len(informal), len(informal), "mantelzorger", "mantelzorgers en helpers")
        return Outcome(verdict, [sentence(f"zorgverleners stemmen af met {every}")])
    return Outcome(verdict, [f"Geen zorgverlener stemt af met: {names(apart)}."])


def risks_followed_up(case: Case, params: Params) -> Outcome:
    """Recorded risks (of ``kinds``, or all) each have a follow-up."""
    kinds = {RiskKind(k) for k in params.get("kinds", ())}
    risks = [r for r in case.risks if not kinds or r.kind in kinds]
    which = ", ".join(sorted(k.label for k in kinds)) if kinds else ""
    about = str(params.get("about", "")) or (f"risico's ({which})" if which else "risico's")
    if not risks:
        if case.risks_assessed is not None:
            about = f" ({which})" if which else ""
            return weigh_concerns(
                case,
                params,
                Outcome(
                    V,
                    [f"Risico's bekeken op {case.risks_assessed:%d-%m-%Y}: geen gevonden{about}."],
                ),
            )
        if case.absent(Absence.RISK_ASSESSMENT):
            return Outcome(VN, [f"Niemand in het netwerk heeft de risico's bekeken{ASKED}."])
        return not_recorded(f"of er {about} zijn gesignaleerd")
    open_risks = [r for r in risks if not r.follow_up.strip()]
    verdict = fraction_verdict(len(risks) - len(open_risks), len(risks))
    if not open_risks:
        every = count_of(len(risks), len(risks), "gesignaleerde risico", "gesignaleerde risico's")
        outcome = Outcome(
            verdict,
            [
                sentence(f"{every} zijn opgevolgd")
                if len(risks) > 1
                else sentence(f"het gesignaleerde risico ({risks[0].label}) is opgevolgd")
            ],
        )
    else:
        listed = ", ".join(f"{r.label} ({r.noted:%d-%m-%Y})" for r in open_risks)
        outcome = Outcome(verdict, [f"Niet opgevolgd: {listed}."])
    return weigh_concerns(case, params, outcome)


def medication_overview_current(case: Case, params: Params) -> Outcome:
    """A medication overview newer than the last change and within ``max_age_days``.

    Very old (over ``very_old_days``, default twice the limit) is voldoet niet, and so
    is an out-of-date overview with an incident about medication (``concerns``) since
    it was made. With ``shared_with_sectors`` (lists of sector ids), each group must
    have it.
    """
    med = case.medication
    if med.uses_medication is False:
        return not_applicable("De cliënt gebruikt geen medicatie")
    if med.overview_date is None:
        if case.absent(Absence.MEDICATION_OVERVIEW):
            return Outcome(VN, [f"Er is geen medicatieoverzicht{ASKED}."])
        return not_recorded("of er een medicatieoverzicht is, en van wanneer")
    limit = int(params.get("max_age_days", 180))
    very_old = int(params.get("very_old_days", 2 * limit))
    age = age_in_days(case, med.overview_date)
    evidence = [f"Medicatieoverzicht van {med.overview_date:%d-%m-%Y} ({age} dagen oud)."]
    verdict = V
    outdated = False
    if med.last_change and med.last_change > med.overview_date:
        evidence.append(f"Ouder dan de laatste wijziging op {med.last_change:%d-%m-%Y}.")
        verdict, outdated = VGN, True
    if age > very_old:
        evidence.append(f"Meer dan {very_old} dagen oud (grens {limit} dagen).")
        verdict, outdated = VN, True
    elif age > limit:
        evidence.append(f"Ouder dan de grens van {limit} dagen.")
        verdict, outdated = worse(verdict, VGN), True
    incidents = concerning(case, params.get("concerns", ()), since=med.overview_date)
    if incidents:
        evidence.extend(incidents)
        if outdated:
            evidence.append("Het incident viel terwijl het overzicht verouderd was.")
            verdict = VN
        else:
            verdict = worse(verdict, VG)
    groups = params.get("shared_with_sectors", ())
    if groups:
        holders = [case.member(i) for i in med.shared_with]
        if not holders:
            evidence.append("Niet vastgelegd: wie het overzicht heeft.")
            verdict = worse(verdict, VG)
        for group in groups:
            wanted = sectors(group)
            if not any(in_sectors(m, wanted) for m in holders) and holders:
                labels = " / ".join(sorted(s.label for s in wanted))
                evidence.append(f"Niet gedeeld met {labels}.")
                verdict = worse(verdict, VG if verdict == V else VN)
    return Outcome(verdict, evidence)


def administration_list(case: Case, params: Params) -> Outcome:
    """Where a member administers medication, an administration list exists."""
    med = case.medication
    if med.uses_medication is False:
        return not_applicable("De cliënt gebruikt geen medicatie")
    if med.administered_by is None:
        return not_recorded("of iemand in het netwerk medicatie toedient")
    if not med.administered_by:
        return not_applicable("Niemand in het netwerk dient medicatie toe")
    givers = [case.member(i) for i in med.administered_by]
    if med.administration_list is None:
        return not_recorded(f"of er een toedienlijst is ({names(givers)} dient medicatie toe)")
    if med.administration_list:
        return Outcome(V, [f"Toedienlijst aanwezig; {names(givers)} dient medicatie toe."])
    return Outcome(VN, [sentence(f"{names(givers)} dient medicatie toe zonder toedienlijst")])


def contact_point(case: Case, params: Params) -> Outcome:
    """A contact point for questions and complaints, known to client and mantelzorgers."""
    points = [m for m in case.members if m.contact_point]
    if not points:
        if case.absent(Absence.CONTACT_POINT):
            return weigh_concerns(
                case,
                params,
                Outcome(VN, [f"Er is geen aanspreekpunt voor vragen en klachten{ASKED}."]),
            )
        return not_recorded("wie het aanspreekpunt is voor vragen en klachten")
    carers = [m for m in case.members if m.kind is MemberKind.MANTELZORG]
    aware = [c for c in carers if c.knows_contact_point]
    unaware = [c for c in carers if c.knows_contact_point is False]
    unknown = [c for c in carers if c.knows_contact_point is None]
    client = case.client.knows_contact_point
    evidence = [f"Aanspreekpunt: {names(points)}."]
    if client is None:
        evidence.append("Niet vastgelegd: of de cliënt het aanspreekpunt kent.")
    elif not client:
        evidence.append("De cliënt kent het aanspreekpunt niet.")
    if aware:
        evidence.append(f"Kennen het aanspreekpunt: {names(aware)}.")
    if unaware:
        evidence.append(f"Kennen het aanspreekpunt niet: {names(unaware)}.")
    if unknown:
        evidence.append(f"Niet vastgelegd: of {names(unknown)} het aanspreekpunt kent.")
    if client is True:
        verdict = V if not unaware and not unknown else VG
    elif client is False:
        # Nobody on the client's side can reach it: as good as no contact point.
        verdict = VGN if aware else (VN if not unknown else NB)
    else:
        verdict = VG if aware else NB
    if verdict == NB:
        return Outcome(NB, evidence)
    return weigh_concerns(case, params, Outcome(verdict, evidence))


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
