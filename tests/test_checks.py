"""Every built-in check on small hand-made cases: met, not met, not recorded (niet
beoordeeld, saying what is missing) and, where a criterion can not apply, niet van
toepassing. The evidence is checked as an inspector would read it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_case
from zntui.engine import assess_case
from zntui.plugins import Registry

V, VG, VGN, VN = "voldoet", "voldoet_grotendeels", "voldoet_grotendeels_niet", "voldoet_niet"
NB, NA = "niet_beoordeeld", "niet_van_toepassing"

HA = {"id": "huisarts", "role": "huisarts", "kind": "zorg", "discipline": "huisarts"}
WIJK = {"id": "wijk", "role": "wijkverpleegkundige", "kind": "zorg", "discipline": "wijkverpleging"}
HULP = {
    "id": "hulp",
    "role": "huishoudelijke hulp",
    "kind": "wmo",
    "discipline": "huishoudelijke_hulp",
}
APO = {
    "id": "apo",
    "role": "apotheker",
    "kind": "zorg",
    "discipline": "apotheek",
    "delivers_care": False,
}
POH = {"id": "poh", "role": "POH-ggz", "kind": "zorg", "discipline": "poh_ggz"}
SPV = {"id": "spv", "role": "SPV (FACT-team)", "kind": "zorg", "discipline": "fact"}
PROS = [HA, WIJK, HULP]
CARER = {"id": "dochter", "role": "dochter", "kind": "mantelzorg"}
ZUS = {"id": "zus", "role": "zus", "kind": "naaste"}


def client(**changes: Any) -> dict[str, Any]:
    return {"pseudonym": "X", "age": 80, **changes}


def result(registry: Registry, criterion: str, **changes: Any) -> tuple[str, list[str]]:
    case = make_case(**changes)
    found = next(r for r in assess_case(case, registry).results if r.criterion == criterion)
    assert found.error is None, found.error
    return found.verdict, [*found.evidence, *found.notes]


def ggz(**changes: Any) -> dict[str, Any]:
    return {"frameworks": ["ambulante_ggz"], **changes}


def link(a: str, b: str, *kinds: str, **extra: Any) -> dict[str, Any]:
    return {"from": a, "to": b, "kinds": list(kinds), **extra}


def discharge(*handover_to: str) -> dict[str, Any]:
    """A discharge of the huisarts and wijkverpleegkundige's client, handed over to these."""
    event = {
        "kind": "ontslag",
        "date": "2026-01-09",
        "members": ["huisarts", "wijk"],
        "handover_to": list(handover_to),
    }
    return {"members": PROS, "events": [event]}


def without_an_overview(criterion: str) -> list[tuple[str, dict[str, Any], str, str]]:
    """A medication-overview criterion (ZN.VE.2, GGZ.VE.2) when there is none: recorded
    as absent, not recorded, or no medication at all."""
    return [
        (criterion, {"found_absent": ["medication_overview"]}, VN, "geen medicatieoverzicht"),
        (criterion, {}, NB, "Niet vastgelegd: of er een medicatieoverzicht is"),
        (criterion, {"medication": {"uses_medication": False}}, NA, "gebruikt geen medicatie"),
    ]


# (criterion, case changes, verdict, a fragment the evidence must hold)
CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # ZN.CC.1 explanation (part: best automatic is VG)
    (
        "ZN.CC.1",
        {"client": client(explanation={"given_by": "huisarts", "date": "2026-01-10"})},
        VG,
        "Uitleg gegeven door huisarts op 10-01-2026.",
    ),
    ("ZN.CC.1", {"found_absent": ["explanation"]}, VN, "(navraag gedaan)"),
    ("ZN.CC.1", {}, NB, "Niet vastgelegd: of en door wie de cliënt uitleg kreeg"),
    # ZN.CC.2 supporter when needed
    (
        "ZN.CC.2",
        {"client": client(needs_support_expressing=True, supporter="dochter")},
        VG,
        "krijgt hulp van dochter",
    ),
    (
        "ZN.CC.2",
        {"client": client(needs_support_expressing=True), "found_absent": ["supporter"]},
        VN,
        "niemand helpt",
    ),
    (
        "ZN.CC.2",
        {"client": client(needs_support_expressing=True)},
        NB,
        "Niet vastgelegd: wie de cliënt helpt",
    ),
    ("ZN.CC.2", {}, NB, "Niet vastgelegd: of de cliënt hulp nodig heeft"),
    (
        "ZN.CC.2",
        {"client": client(needs_support_expressing=False)},
        NA,
        "zelf duidelijk maken: niet van toepassing.",
    ),
    # ZN.CC.3 care need documented
    ("ZN.CC.3", {"client": client(care_need={"documented": "2026-01-01"})}, V, "01-01-2026"),
    (
        "ZN.CC.3",
        {"client": client(care_need={"documented": "2024-01-01"})},
        VGN,
        "790 dagen oud (grens 365 dagen)",
    ),
    ("ZN.CC.3", {"found_absent": ["care_need"]}, VN, "nergens vastgelegd"),
    ("ZN.CC.3", {}, NB, "Niet vastgelegd: of en wanneer de zorgbehoefte"),
    # ZN.CC.4 care need known (one fact counts once: no documented need → not again here)
    (
        "ZN.CC.4",
        {
            "members": PROS,
            "client": client(
                care_need={"documented": "2026-01-01", "known_by": ["huisarts", "wijk", "hulp"]}
            ),
        },
        V,
        "Alle 3 zorg- en hulpverleners kennen de zorgbehoefte.",
    ),
    (
        "ZN.CC.4",
        {
            "members": PROS,
            "client": client(care_need={"documented": "2026-01-01", "known_by": ["huisarts"]}),
        },
        VGN,
        "2 van de 3 zorg- en hulpverleners kennen de zorgbehoefte niet: wijkverpleegkundige",
    ),
    (
        "ZN.CC.4",
        {"members": PROS, "client": client(care_need={"documented": "2026-01-01"})},
        NB,
        "Niet vastgelegd: welke zorg- en hulpverleners",
    ),
    ("ZN.CC.4", {"found_absent": ["care_need"]}, NB, "er is geen vastgelegde zorgbehoefte"),
    # ZN.IZ.1 information exchange; the apotheek counts as a partner
    (
        "ZN.IZ.1",
        {
            "members": [HA, WIJK, APO],
            "links": [link("huisarts", "apo", "informs"), link("wijk", "huisarts", "consults")],
        },
        VG,
        "Beide zorg- en hulpverleners informeren of overleggen",
    ),
    (
        "ZN.IZ.1",
        {"members": [*PROS, APO], "links": [link("huisarts", "apo", "informs")]},
        VGN,
        "met niemand in het netwerk: wijkverpleegkundige, huishoudelijke hulp.",
    ),
    ("ZN.IZ.1", {"members": PROS}, NB, "Niet vastgelegd: wie wie informeert"),
    (
        "ZN.IZ.1",
        {"members": PROS, "found_absent": ["information_exchange"]},
        VN,
        "informeren elkaar niet",
    ),
    ("ZN.IZ.1", {"members": [HA, CARER]}, NB, "Niet vastgelegd: een tweede zorg- of hulpverlener"),
    # ZN.IZ.2 one coordinator
    (
        "ZN.IZ.2",
        {
            "members": [{**HA, "coordinator": True}, WIJK],
            "links": [link("wijk", "huisarts", "knows")],
            "client": client(knows_coordinator=True),
        },
        V,
        "Coördinator: huisarts.",
    ),
    (
        "ZN.IZ.2",
        {
            "members": [{**HA, "coordinator": True}, WIJK],
            "links": [link("wijk", "huisarts", "knows")],
            "client": client(knows_coordinator=False),
        },
        VGN,
        "weet niet wie coördineert",
    ),
    (
        "ZN.IZ.2",
        {"members": [{**HA, "coordinator": True}, {**WIJK, "coordinator": True}]},
        VGN,
        "Meer dan één coördinator: huisarts, wijkverpleegkundige.",
    ),
    (
        "ZN.IZ.2",
        {"found_absent": ["coordinator"]},
        VN,
        "Niemand coördineert het netwerk (navraag gedaan).",
    ),
    ("ZN.IZ.2", {}, NB, "Niet vastgelegd: wie het netwerk coördineert."),
    # ZN.IZ.3 handovers name their recipients
    (
        "ZN.IZ.3",
        discharge("huisarts", "wijk"),
        V,
        "Ontslag 09-01-2026: overgedragen aan huisarts, wijkverpleegkundige.",
    ),
    (
        "ZN.IZ.3",
        discharge("huisarts"),
        VGN,
        "Ontslag 09-01-2026: geen overdracht aan wijkverpleegkundige (wel aan huisarts).",
    ),
    ("ZN.IZ.3", discharge(), VN, "geen overdracht aan huisarts, wijkverpleegkundige."),
    (
        "ZN.IZ.3",
        {"events": [{"kind": "opname", "date": "2026-01-09"}]},
        NB,
        "Niet vastgelegd: of en aan wie is overgedragen bij opname 09-01-2026.",
    ),
    ("ZN.IZ.3", {}, NB, "Niet vastgelegd: of er opnames"),
    ("ZN.IZ.3", {"found_absent": ["transitions"]}, NA, "niet van toepassing"),
    # ZN.IZ.5 knows each other and each other's role: which of the two fails, per pair
    (
        "ZN.IZ.5",
        {
            "members": PROS,
            "links": [
                link("huisarts", "wijk", "knows", "knows_role"),
                link("huisarts", "hulp", "knows", "knows_role"),
                link("wijk", "hulp", "knows", "knows_role"),
            ],
        },
        V,
        "Alle 3 paren zorg- en hulpverleners kennen elkaar en elkaars rol.",
    ),
    (
        "ZN.IZ.5",
        {
            "members": PROS,
            "links": [
                link("huisarts", "wijk", "knows", "knows_role"),
                link("huisarts", "hulp", "knows"),
            ],
        },
        VGN,
        "Kennen elkaar, maar weten niet wat de ander doet: huisarts – huishoudelijke hulp.",
    ),
    ("ZN.IZ.5", {"members": PROS}, NB, "Niet vastgelegd: welke zorg- en hulpverleners"),
    ("ZN.IZ.5", {"members": [HA, CARER]}, NB, "Niet vastgelegd: een tweede zorg- of hulpverlener"),
    # ZN.IZ.6 tasks
    (
        "ZN.IZ.6",
        {"tasks": [{"description": "Wondzorg", "owner": "wijk", "agreed": "2026-01-01"}]},
        V,
        "De enige taak heeft een in overleg afgesproken eigenaar.",
    ),
    (
        "ZN.IZ.6",
        {
            "tasks": [
                {"description": "Wondzorg", "owner": "wijk", "agreed": "2026-01-01"},
                {"description": "Boodschappen"},
            ]
        },
        VGN,
        "Zonder eigenaar: ‘Boodschappen’.",
    ),
    ("ZN.IZ.6", {"found_absent": ["task_split"]}, VN, "geen taakverdeling"),
    ("ZN.IZ.6", {}, NB, "Niet vastgelegd: de taakverdeling"),
    # ZN.MZ.1 carer considered; the load is described once, in one set of words
    (
        "ZN.MZ.1",
        {"members": [*PROS, {**CARER, "load": "licht", "load_assessed": "2026-02-01"}]},
        VG,
        "Dochter is licht belast (bepaald 01-02-2026).",
    ),
    (
        "ZN.MZ.1",
        {"members": [*PROS, {**CARER, "load": "overbelast", "load_assessed": "2026-02-01"}]},
        VN,
        "Dochter is overbelast (bepaald 01-02-2026); geen ondersteuning ingezet.",
    ),
    (
        "ZN.MZ.1",
        {"members": [*PROS, {**CARER, "load": "niet_bepaald"}]},
        VN,
        "Niemand heeft bepaald wat dochter aankan",
    ),
    ("ZN.MZ.1", {"members": [*PROS, CARER]}, NB, "Niet vastgelegd: de belasting van dochter."),
    ("ZN.MZ.1", {"members": PROS}, NB, "Niet vastgelegd: of de cliënt een mantelzorger heeft"),
    ("ZN.MZ.1", {"members": PROS, "found_absent": ["mantelzorg"]}, NA, "geen mantelzorger"),
    # ZN.MZ.2 network strengthened (one vocabulary of support actions with ZN.MZ.1)
    (
        "ZN.MZ.2",
        {
            "members": [*PROS, {**CARER, "load": "zwaar"}],
            "actions": [{"kind": "respijtzorg", "date": "2026-02-10"}],
        },
        VG,
        "Versterking nodig (dochter is zwaar belast); ingezet: respijtzorg 10-02-2026.",
    ),
    (
        "ZN.MZ.2",
        {"members": [*PROS, {**CARER, "load": "overbelast"}]},
        VN,
        "Versterking nodig (dochter is overbelast), maar niets ingezet.",
    ),
    ("ZN.MZ.2", {"members": PROS}, NB, "Niet vastgelegd: of de cliënt mantelzorg"),
    ("ZN.MZ.2", {"members": [*PROS, {**CARER, "load": "licht"}]}, NA, "versterken is niet nodig"),
    # ZN.MZ.3 attunes with carers
    (
        "ZN.MZ.3",
        {"members": [*PROS, CARER], "links": [link("wijk", "dochter", "attunes")]},
        VG,
        "Zorgverleners stemmen af met de enige mantelzorger.",
    ),
    (
        "ZN.MZ.3",
        {
            "members": [
                *PROS,
                CARER,
                {**CARER, "id": "buur", "role": "buurman", "kind": "informeel"},
            ],
            "links": [link("wijk", "dochter", "attunes")],
        },
        VGN,
        "Geen zorgverlener stemt af met: buurman.",
    ),
    ("ZN.MZ.3", {"members": [*PROS, CARER]}, NB, "Niet vastgelegd: welke zorgverleners"),
    ("ZN.MZ.3", {"members": PROS, "found_absent": ["mantelzorg"]}, NA, "niet van toepassing"),
    # ZN.VE.1 risks
    (
        "ZN.VE.1",
        {"risks": [{"kind": "valrisico", "noted": "2026-01-01", "follow_up": "Drempels"}]},
        VG,
        "Het gesignaleerde risico (valrisico) is opgevolgd.",
    ),
    (
        "ZN.VE.1",
        {"risks": [{"kind": "valrisico", "text": "Valt in de badkamer", "noted": "2026-01-01"}]},
        VN,
        "Niet opgevolgd: valrisico: valt in de badkamer (01-01-2026).",
    ),
    ("ZN.VE.1", {"risks_assessed": "2026-02-01"}, VG, "geen gevonden"),
    ("ZN.VE.1", {"found_absent": ["risk_assessment"]}, VN, "heeft de risico's bekeken"),
    (
        "ZN.VE.1",
        {},
        NB,
        "Niet vastgelegd: of er risico's in de woon- en leefomgeving zijn gesignaleerd",
    ),
    # ZN.VE.2 medication overview: severity by age and by incidents that concern it
    (
        "ZN.VE.2",
        {"medication": {"overview_date": "2026-02-01", "last_change": "2026-01-15"}},
        V,
        "Medicatieoverzicht van 01-02-2026 (28 dagen oud).",
    ),
    (
        "ZN.VE.2",
        {"medication": {"overview_date": "2026-01-01", "last_change": "2026-01-15"}},
        VGN,
        "Ouder dan de laatste wijziging op 15-01-2026.",
    ),
    ("ZN.VE.2", {"medication": {"overview_date": "2025-01-01"}}, VN, "Meer dan 360 dagen oud"),
    (
        "ZN.VE.2",
        {
            "medication": {"overview_date": "2026-01-01", "last_change": "2026-01-15"},
            "events": [{"kind": "incident", "date": "2026-01-20", "concerns": ["medicatie"]}],
        },
        VN,
        "Het incident viel terwijl het overzicht verouderd was.",
    ),
    *without_an_overview("ZN.VE.2"),
    # ZN.VE.3 administration list
    (
        "ZN.VE.3",
        {"medication": {"administered_by": ["wijk"], "administration_list": True}},
        V,
        "Toedienlijst aanwezig; wijkverpleegkundige dient medicatie toe.",
    ),
    (
        "ZN.VE.3",
        {"medication": {"administered_by": ["wijk"], "administration_list": False}},
        VN,
        "Wijkverpleegkundige dient medicatie toe zonder toedienlijst.",
    ),
    ("ZN.VE.3", {"medication": {"administered_by": ["wijk"]}}, NB, "of er een toedienlijst is"),
    ("ZN.VE.3", {}, NB, "of iemand in het netwerk medicatie toedient"),
    ("ZN.VE.3", {"medication": {"administered_by": []}}, NA, "Niemand in het netwerk dient"),
    # ZN.VE.4 contact point: nobody on the client's side knows it → voldoet niet
    (
        "ZN.VE.4",
        {
            "members": [{**HA, "contact_point": True}, {**CARER, "knows_contact_point": True}],
            "client": client(knows_contact_point=True),
        },
        V,
        "Aanspreekpunt: huisarts.",
    ),
    (
        "ZN.VE.4",
        {
            "members": [{**HA, "contact_point": True}, {**CARER, "knows_contact_point": True}],
            "client": client(knows_contact_point=False),
        },
        VGN,
        "Kennen het aanspreekpunt",
    ),
    (
        "ZN.VE.4",
        {
            "members": [{**HA, "contact_point": True}, WIJK],
            "client": client(knows_contact_point=False),
        },
        VN,
        "De cliënt kent het aanspreekpunt niet.",
    ),
    ("ZN.VE.4", {"found_absent": ["contact_point"]}, VN, "geen aanspreekpunt"),
    ("ZN.VE.4", {}, NB, "Niet vastgelegd: wie het aanspreekpunt is"),
]

GGZ_MEMBERS = [HA, POH, SPV, {**CARER, "id": "zus", "role": "zus"}]


def naaste(consent: str, *links: dict[str, Any]) -> dict[str, Any]:
    """A ggz network with a naaste (the sister) whose consent is as given."""
    return {"members": [*GGZ_MEMBERS[:3], {**ZUS, "consent": consent}], "links": list(links)}


GGZ_CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # GGZ.CC.1 information fitting the request
    (
        "GGZ.CC.1",
        {
            "client": client(
                explanation={"given_by": "huisarts", "date": "2026-01-10", "fits_request": True}
            )
        },
        VG,
        "sluit aan",
    ),
    (
        "GGZ.CC.1",
        {
            "client": client(
                explanation={"given_by": "huisarts", "date": "2026-01-10", "fits_request": False}
            )
        },
        VGN,
        "sluit niet aan",
    ),
    (
        "GGZ.CC.1",
        {"client": client(explanation={"given_by": "huisarts", "date": "2026-01-10"})},
        NB,
        "Niet vastgelegd: of de uitleg aansluit",
    ),
    # GGZ.CC.2 recovery; GGZ.CC.3 say — both niet beoordeeld without a ggz path, alike
    ("GGZ.CC.2", {"ggz": {"recovery_goals": True}}, VG, "Hersteldoelen"),
    ("GGZ.CC.2", {"ggz": {"recovery_goals": False}}, VN, "Geen herstelvisie"),
    ("GGZ.CC.2", {}, NB, "Niet vastgelegd: het ggz-traject"),
    (
        "GGZ.CC.3",
        {"ggz": {}, "client": client(has_say=True, wishes_recorded=True)},
        VG,
        "Het plan is met de cliënt afgesproken.",
    ),
    (
        "GGZ.CC.3",
        {"ggz": {}, "client": client(has_say=False, wishes_recorded=False)},
        VN,
        "niet met de cliënt afgesproken",
    ),
    ("GGZ.CC.3", {"ggz": {}}, NB, "Niet vastgelegd: of het plan"),
    ("GGZ.CC.3", {"client": client(has_say=False)}, NB, "Niet vastgelegd: het ggz-traject"),
    # GGZ.IZ.1 each moment once; transfer named as such; POH-ggz is huisarts, not ggz
    (
        "GGZ.IZ.1",
        {
            "members": GGZ_MEMBERS,
            "ggz": {
                "referral_letter": True,
                "intake_date": "2025-10-20",
                "intake_report_to_gp": "2025-10-25",
            },
        },
        V,
        "Aanwezig: verwijsbrief, bericht aan de huisarts na de intake van 20-10-2025.",
    ),
    (
        "GGZ.IZ.1",
        {
            "members": GGZ_MEMBERS,
            "ggz": {
                "referral_letter": True,
                "intake_date": "2025-10-20",
                "intake_report_to_gp": "2025-10-25",
                "ended": "2026-02-01",
                "end_kind": "overdracht",
            },
            "found_absent": ["end_report"],
        },
        VGN,
        "Ontbreekt: bericht aan de huisarts bij de overdracht op 01-02-2026.",
    ),
    (
        "GGZ.IZ.1",
        {
            "members": GGZ_MEMBERS,
            "ggz": {"referral_letter": False, "intake_date": "2025-10-20", "ended": "2026-02-01"},
            "found_absent": ["intake_report", "end_report"],
        },
        VN,
        "bij de afsluiting of overdracht",
    ),
    (
        "GGZ.IZ.1",
        {
            "members": GGZ_MEMBERS,
            "ggz": {"intake_date": "2025-10-20"},
            "links": [link("huisarts", "poh", "consults")],
        },
        NB,
        "Niet vastgelegd: verwijsbrief",
    ),
    # GGZ.IZ.2 naasten: consent given, declined, not asked
    ("GGZ.IZ.2", naaste("gegeven", link("spv", "zus", "attunes")), VG, "met toestemming"),
    (
        "GGZ.IZ.2",
        naaste("geweigerd", link("spv", "huisarts", "informs")),
        VG,
        "wordt gerespecteerd",
    ),
    ("GGZ.IZ.2", naaste("niet_gevraagd"), VN, "Niemand vroeg de cliënt"),
    ("GGZ.IZ.2", naaste("geweigerd", link("spv", "zus", "informs")), VN, "geen toestemming gaf"),
    ("GGZ.IZ.2", {"members": [*GGZ_MEMBERS[:3], ZUS]}, NB, "Niet vastgelegd: of de cliënt"),
    ("GGZ.IZ.2", {"members": GGZ_MEMBERS[:3], "found_absent": ["naasten"]}, NA, "geen naasten"),
    # GGZ.IZ.3 / GGZ.IZ.4 waiting: the Treeknormen count from the aanmelding
    ("GGZ.IZ.3", {"ggz": {"registered": "2025-12-01"}}, V, "Aanmelding 01-12-2025"),
    (
        "GGZ.IZ.3",
        {"ggz": {"registered": "2025-12-01", "intake_date": "2025-12-15"}},
        VG,
        "Niet vastgelegd: of en wanneer de behandeling begon.",
    ),
    ("GGZ.IZ.3", {"ggz": {}}, NB, "Niet vastgelegd: de datum van aanmelding"),
    (
        "GGZ.IZ.4",
        {
            "ggz": {"registered": "2025-12-01"},
            "actions": [{"kind": "overbrugging", "date": "2026-01-10"}],
        },
        V,
        "overbrugd: overbrugging 10-01-2026",
    ),
    (
        "GGZ.IZ.4",
        {"ggz": {"registered": "2025-12-01"}},
        VN,
        "90 dagen van aanmelding tot intake (norm 28)",
    ),
    ("GGZ.IZ.4", {"ggz": {}}, NB, "de Treeknormen tellen vanaf de aanmelding"),
    (
        "GGZ.IZ.4",
        {
            "ggz": {
                "registered": "2026-02-01",
                "intake_date": "2026-02-15",
                "treatment_start": "2026-02-20",
            }
        },
        NA,
        "Geen wachttijd boven de",
    ),
    # GGZ.IZ.5 referral agreement
    ("GGZ.IZ.5", {"ggz": {"referral_agreement": True}}, VG, "zijn bekend"),
    ("GGZ.IZ.5", {"ggz": {"referral_agreement": False}}, VN, "Geen afspraken"),
    ("GGZ.IZ.5", {"ggz": {}}, NB, "Niet vastgelegd: of er afspraken"),
    # GGZ.VE.1 crisis plan shared with huisarts / POH (by sector, not by role text)
    (
        "GGZ.VE.1",
        {
            "members": GGZ_MEMBERS,
            "ggz": {"crisis_plan": {"reviewed": "2026-01-01", "shared_with": ["poh"]}},
        },
        V,
        "Plan herzien op 01-01-2026",
    ),
    (
        "GGZ.VE.1",
        {
            "members": GGZ_MEMBERS,
            "ggz": {"crisis_plan": {"reviewed": "2026-01-01", "shared_with": ["zus"]}},
        },
        VG,
        "Niet gedeeld met huisarts / POH.",
    ),
    ("GGZ.VE.1", {"ggz": {}, "found_absent": ["crisis_plan"]}, VN, "geen crisis"),
    ("GGZ.VE.1", {"ggz": {}}, NB, "Niet vastgelegd: of er een crisis"),
    # GGZ.VE.2 shared with both sides; a POH-ggz is not ggz
    (
        "GGZ.VE.2",
        {
            "members": GGZ_MEMBERS,
            "medication": {"overview_date": "2026-02-01", "shared_with": ["huisarts", "spv"]},
        },
        V,
        "Medicatieoverzicht van 01-02-2026",
    ),
    (
        "GGZ.VE.2",
        {
            "members": GGZ_MEMBERS,
            "medication": {"overview_date": "2026-02-01", "shared_with": ["huisarts", "poh"]},
        },
        VG,
        "Niet gedeeld met basis-ggz / specialistische ggz / FACT.",
    ),
    *without_an_overview("GGZ.VE.2"),
    # GGZ.VE.3 relapse and care avoidance
    (
        "GGZ.VE.3",
        {"risks": [{"kind": "terugval", "noted": "2026-01-01", "follow_up": "Plan"}]},
        VG,
        "opgevolgd",
    ),
    (
        "GGZ.VE.3",
        {"risks": [{"kind": "zorgmijding", "noted": "2026-01-01"}]},
        VN,
        "Niet opgevolgd: zorgmijding",
    ),
    (
        "GGZ.VE.3",
        {"risks": [{"kind": "valrisico", "noted": "2026-01-01"}]},
        NB,
        "Niet vastgelegd: of er risico's als zorgmijding, terugval",
    ),
]


@pytest.mark.parametrize(
    ("criterion", "changes", "expected", "fragment"),
    CASES + [(c, ggz(**ch), e, f) for c, ch, e, f in GGZ_CASES],
    ids=lambda v: v if isinstance(v, str) and "." in v and len(v) < 10 else None,
)
def test_check(
    registry: Registry, criterion: str, changes: dict[str, Any], expected: str, fragment: str
) -> None:
    verdict, evidence = result(registry, criterion, **changes)
    assert verdict == expected, evidence
    assert any(fragment in line for line in evidence), evidence
    for line in evidence:  # report Dutch: a capital first, a full stop last
        assert (line[0].isupper() or line[0].isdigit()) and line.endswith("."), line
        assert "alle 1 " not in line.lower() and "1 van 1 " not in line, line


def test_every_check_has_met_not_met_and_not_recorded(registry: Registry) -> None:
    seen: dict[str, set[str]] = {}
    for criterion, _, expected, _ in CASES + GGZ_CASES:
        seen.setdefault(criterion, set()).add(expected)
    for framework in registry.frameworks.values():
        for c in framework.criteria:
            if c.check is None:
                continue
            verdicts = seen.get(c.id, set())
            assert NB in verdicts, c.id
            assert verdicts & {V, VG}, c.id
            assert verdicts & {VGN, VN} or c.id == "GGZ.IZ.3", c.id


def test_role_text_is_never_matched(registry: Registry) -> None:
    """A POH-ggz consult with the huisarts is not information between ggz and huisarts,
    whatever the role text says."""
    poh = {**POH, "role": "POH-ggz (ggz)"}
    med = {"overview_date": "2026-02-01", "shared_with": ["huisarts", "poh"]}
    verdict, evidence = result(registry, "GGZ.VE.2", **ggz(members=[HA, poh], medication=med))
    assert verdict == VG and "Niet gedeeld met basis-ggz" in " ".join(evidence)


def test_medication_age_limit_is_a_parameter(registry: Registry) -> None:
    case = make_case(medication={"overview_date": "2025-10-01"})  # 151 days before assessed

    def ve2(params: dict[str, Any] | None) -> str:
        results = assess_case(case, registry, params=params).results
        return next(r.verdict for r in results if r.criterion == "ZN.VE.2")

    assert ve2(None) == V
    assert ve2({"ZN.VE.2": {"max_age_days": 90}}) == VGN


def test_unclear_lead_lowers_the_coordinator_criterion(registry: Registry) -> None:
    verdict, evidence = result(
        registry,
        "ZN.IZ.2",
        members=[{**HA, "coordinator": True}, WIJK],
        links=[link("wijk", "huisarts", "knows")],
        client=client(knows_coordinator=True),
        bottlenecks=["unclear_lead"],
    )
    assert verdict == VG
    assert "Cliënt meldt: onduidelijk wie het voortouw heeft." in evidence


def test_judge_criterion_is_not_assessed(registry: Registry) -> None:
    verdict, evidence = result(registry, "ZN.IZ.4")
    assert verdict == NB
    assert "oordeel van de inspecteur" in evidence[0]


def test_every_criterion_is_covered_by_a_registered_check(registry: Registry) -> None:
    for framework in registry.frameworks.values():
        for criterion in framework.criteria:
            if criterion.check:
                assert criterion.check in registry.checks, criterion.id
