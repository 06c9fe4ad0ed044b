"""Every built-in check on small hand-made cases: what passes and what fails."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_case
from zntui.engine import assess_case
from zntui.plugins import Registry

PROS = [
    {"id": "huisarts", "role": "huisarts", "kind": "zorg"},
    {"id": "wijk", "role": "wijkverpleegkundige", "kind": "zorg"},
    {"id": "hulp", "role": "huishoudelijke hulp", "kind": "wmo"},
]
CARER = {"id": "dochter", "role": "dochter", "kind": "mantelzorg"}


def verdict(registry: Registry, criterion: str, **changes: Any) -> tuple[str, list[str]]:
    case = make_case(**changes)
    result = next(r for r in assess_case(case, registry).results if r.criterion == criterion)
    assert result.error is None, result.error
    return result.verdict, [*result.evidence, *result.notes]


def ggz(**changes: Any) -> dict[str, Any]:
    return {"frameworks": ["ambulante_ggz"], **changes}


# --- Cliënt centraal ---------------------------------------------------------------


def test_explanation(registry: Registry) -> None:
    assert verdict(registry, "ZN.CC.1")[0] == "voldoet_niet"
    given = {"given_by": "huisarts", "date": "2026-01-10"}
    v, evidence = verdict(registry, "ZN.CC.1", client={**base_client(), "explanation": given})
    assert v == "voldoet_grotendeels"  # part: 'voldoet' needs the inspector
    assert "Uitleg gegeven door huisarts op 10-01-2026." in evidence
    off = {**given, "fits_request": False}
    v, _ = verdict(registry, "GGZ.CC.1", **ggz(client={**base_client(), "explanation": off}))
    assert v == "voldoet_grotendeels_niet"


def base_client(**changes: Any) -> dict[str, Any]:
    return {"pseudonym": "X", "age": 80, **changes}


def test_supporter_when_needed(registry: Registry) -> None:
    assert verdict(registry, "ZN.CC.2")[0] == "voldoet_grotendeels"
    needs = base_client(needs_support_expressing=True)
    assert verdict(registry, "ZN.CC.2", client=needs)[0] == "voldoet_niet"
    helped = base_client(needs_support_expressing=True, supporter="dochter")
    members = [*PROS, CARER]
    assert verdict(registry, "ZN.CC.2", client=helped, members=members)[0] == (
        "voldoet_grotendeels"
    )


def test_care_need_documented_and_its_age(registry: Registry) -> None:
    assert verdict(registry, "ZN.CC.3")[0] == "voldoet_niet"
    fresh = base_client(care_need={"documented": "2026-01-01"})
    assert verdict(registry, "ZN.CC.3", client=fresh)[0] == "voldoet"
    old = base_client(care_need={"documented": "2024-01-01"})
    v, evidence = verdict(registry, "ZN.CC.3", client=old)
    assert v == "voldoet_grotendeels_niet"
    assert "790 dagen oud (max 365)" in evidence[0]


@pytest.mark.parametrize(
    ("known_by", "expected"),
    [
        (["huisarts", "wijk", "hulp"], "voldoet"),
        (["huisarts", "wijk"], "voldoet_grotendeels"),
        (["huisarts"], "voldoet_grotendeels_niet"),
        ([], "voldoet_niet"),
    ],
)
def test_care_need_known_by_every_professional(
    registry: Registry, known_by: list[str], expected: str
) -> None:
    client = base_client(care_need={"documented": "2026-01-01", "known_by": known_by})
    v, evidence = verdict(registry, "ZN.CC.4", client=client, members=PROS)
    assert v == expected
    if expected != "voldoet":
        assert "kennen de zorgbehoefte niet" in evidence[0]


# --- Integrale zorg ----------------------------------------------------------------


def test_one_coordinator(registry: Registry) -> None:
    v, evidence = verdict(registry, "ZN.IZ.2", members=PROS)
    assert (v, evidence[0]) == ("voldoet_niet", "Niemand coördineert het netwerk.")
    two = [{**PROS[0], "coordinator": True}, {**PROS[1], "coordinator": True}, PROS[2]]
    v, evidence = verdict(registry, "ZN.IZ.2", members=two)
    assert v == "voldoet_grotendeels_niet" and "Meer dan één coördinator" in evidence[0]
    one = [{**PROS[0], "coordinator": True}, PROS[1], PROS[2]]
    links = [
        {"from": "wijk", "to": "huisarts", "kinds": ["knows"]},
        {"from": "hulp", "to": "huisarts", "kinds": ["knows"]},
    ]
    known = base_client(knows_coordinator=True)
    assert verdict(registry, "ZN.IZ.2", members=one, links=links, client=known)[0] == "voldoet"
    v, evidence = verdict(registry, "ZN.IZ.2", members=one, links=links)
    assert v == "voldoet_grotendeels_niet"
    assert "De cliënt weet niet wie coördineert." in evidence


def test_unclear_lead_lowers_the_coordinator_criterion(registry: Registry) -> None:
    one = [{**PROS[0], "coordinator": True}, PROS[1]]
    links = [{"from": "wijk", "to": "huisarts", "kinds": ["knows"]}]
    known = base_client(knows_coordinator=True)
    v, evidence = verdict(
        registry, "ZN.IZ.2", members=one, links=links, client=known, bottlenecks=["unclear_lead"]
    )
    assert v == "voldoet_grotendeels"
    assert "Cliënt meldt: onduidelijk wie het voortouw heeft." in evidence


def test_information_exchange(registry: Registry) -> None:
    v, evidence = verdict(registry, "ZN.IZ.1", members=PROS)
    assert v == "voldoet_niet" and "met niemand" in evidence[0]
    links = [
        {"from": "huisarts", "to": "wijk", "kinds": ["informs"]},
        {"from": "wijk", "to": "hulp", "kinds": ["consults"]},
    ]
    assert verdict(registry, "ZN.IZ.1", members=PROS, links=links)[0] == "voldoet_grotendeels"


def test_professionals_know_each_other(registry: Registry) -> None:
    members = [*PROS[:2], {"id": "fysio", "role": "fysiotherapeut", "kind": "zorg"}]
    full = ["knows", "knows_role"]
    links = [
        {"from": "huisarts", "to": "wijk", "kinds": full},
        {"from": "huisarts", "to": "fysio", "kinds": full},
        {"from": "wijk", "to": "fysio", "kinds": full},
    ]
    assert verdict(registry, "ZN.IZ.5", members=members, links=links)[0] == "voldoet"
    links[2] = {"from": "wijk", "to": "fysio", "kinds": ["knows"]}
    v, evidence = verdict(registry, "ZN.IZ.5", members=members, links=links)
    assert v == "voldoet_grotendeels"
    assert "wijkverpleegkundige – fysiotherapeut" in evidence[0]


def test_handover_on_transitions(registry: Registry) -> None:
    assert verdict(registry, "ZN.IZ.3")[0] == "niet_beoordeeld"
    events = [
        {"kind": "opname", "date": "2026-01-01", "handover_document": True},
        {"kind": "ontslag", "date": "2026-01-09", "handover_document": True},
        {"kind": "incident", "date": "2026-01-12"},
    ]
    assert verdict(registry, "ZN.IZ.3", events=events)[0] == "voldoet"
    events[1]["handover_document"] = False
    v, evidence = verdict(registry, "ZN.IZ.3", events=events)
    assert v == "voldoet_niet"  # a discharge without handover weighs heavily
    assert evidence == ["Geen overdracht bij: ontslag 09-01-2026."]


def test_tasks_agreed(registry: Registry) -> None:
    assert verdict(registry, "ZN.IZ.6")[0] == "voldoet_niet"
    tasks = [
        {"description": "Wondzorg", "owner": "wijk", "agreed": "2026-01-01"},
        {"description": "Boodschappen"},
    ]
    v, evidence = verdict(registry, "ZN.IZ.6", tasks=tasks)
    assert v == "voldoet_grotendeels_niet" and "Boodschappen" in evidence[0]


def test_judge_criterion_is_not_assessed(registry: Registry) -> None:
    v, evidence = verdict(registry, "ZN.IZ.4")
    assert v == "niet_beoordeeld"
    assert "oordeel van de inspecteur" in evidence[0]


# --- Mantelzorg --------------------------------------------------------------------


def test_carer_considered(registry: Registry) -> None:
    assert verdict(registry, "ZN.MZ.1", members=PROS)[0] == "niet_beoordeeld"
    assert verdict(registry, "ZN.MZ.1", members=[*PROS, CARER])[0] == "voldoet_niet"
    light = {**CARER, "load": "licht", "load_assessed": "2026-02-01"}
    assert verdict(registry, "ZN.MZ.1", members=[*PROS, light])[0] == "voldoet_grotendeels"
    heavy = {**CARER, "load": "overbelast", "load_assessed": "2026-02-01"}
    v, evidence = verdict(registry, "ZN.MZ.1", members=[*PROS, heavy])
    assert v == "voldoet_niet" and "geen ondersteuning ingezet" in evidence[0]
    helped = [{"kind": "respijtzorg", "date": "2026-02-10"}]
    assert verdict(registry, "ZN.MZ.1", members=[*PROS, heavy], actions=helped)[0] == (
        "voldoet_grotendeels"
    )


def test_network_strengthened(registry: Registry) -> None:
    assert verdict(registry, "ZN.MZ.2", members=[*PROS, CARER])[0] == "voldoet_grotendeels"
    v, evidence = verdict(registry, "ZN.MZ.2", members=PROS)
    assert v == "voldoet_niet" and "Versterking nodig" in evidence[0]
    actions = [{"kind": "netwerkversterking", "date": "2026-02-01"}]
    assert verdict(registry, "ZN.MZ.2", members=PROS, actions=actions)[0] == ("voldoet_grotendeels")


def test_attunes_with_carers(registry: Registry) -> None:
    members = [*PROS, CARER]
    v, evidence = verdict(registry, "ZN.MZ.3", members=members)
    assert v == "voldoet_niet" and evidence[0] == "Geen zorgverlener stemt af met: dochter."
    links = [{"from": "wijk", "to": "dochter", "kinds": ["attunes"]}]
    assert verdict(registry, "ZN.MZ.3", members=members, links=links)[0] == ("voldoet_grotendeels")


# --- Veiligheid --------------------------------------------------------------------


def test_risks_followed_up(registry: Registry) -> None:
    assert verdict(registry, "ZN.VE.1")[0] == "niet_beoordeeld"
    risks = [{"kind": "valrisico", "noted": "2026-01-01"}]
    assert verdict(registry, "ZN.VE.1", risks=risks)[0] == "voldoet_niet"
    risks[0]["follow_up"] = "Drempels weg."
    assert verdict(registry, "ZN.VE.1", risks=risks)[0] == "voldoet_grotendeels"


def test_medication_overview_current(registry: Registry) -> None:
    assert verdict(registry, "ZN.VE.2")[0] == "voldoet_niet"
    current = {"overview_date": "2026-02-01", "last_change": "2026-01-15"}
    assert verdict(registry, "ZN.VE.2", medication=current)[0] == "voldoet"
    stale = {"overview_date": "2026-01-01", "last_change": "2026-01-15"}
    v, evidence = verdict(registry, "ZN.VE.2", medication=stale)
    assert v == "voldoet_grotendeels_niet" and "laatste wijziging" in evidence[1]
    old = {"overview_date": "2025-06-01"}
    assert verdict(registry, "ZN.VE.2", medication=old)[0] == "voldoet_grotendeels_niet"


def test_medication_age_limit_is_a_parameter(registry: Registry) -> None:
    case = make_case(medication={"overview_date": "2025-10-01"})  # 151 days before assessed

    def ve2(params: dict[str, Any] | None) -> str:
        results = assess_case(case, registry, params=params).results
        return next(r.verdict for r in results if r.criterion == "ZN.VE.2")

    assert ve2(None) == "voldoet"
    assert ve2({"ZN.VE.2": {"max_age_days": 90}}) == "voldoet_grotendeels_niet"


def test_administration_list(registry: Registry) -> None:
    assert verdict(registry, "ZN.VE.3", members=PROS)[0] == "niet_beoordeeld"
    giving = [{**PROS[1], "administers_medication": True}]
    v, evidence = verdict(registry, "ZN.VE.3", members=giving)
    assert v == "voldoet_niet" and "zonder toedienlijst" in evidence[0]
    listed = {"administration_list": True}
    assert verdict(registry, "ZN.VE.3", members=giving, medication=listed)[0] == "voldoet"


def test_contact_point(registry: Registry) -> None:
    assert verdict(registry, "ZN.VE.4", members=PROS)[0] == "voldoet_niet"
    members = [{**PROS[0], "contact_point": True}, {**CARER, "knows_contact_point": True}]
    known = base_client(knows_contact_point=True)
    assert verdict(registry, "ZN.VE.4", members=members, client=known)[0] == "voldoet"
    assert verdict(registry, "ZN.VE.4", members=members)[0] == "voldoet_grotendeels"


# --- Ambulante ggz -----------------------------------------------------------------

GGZ_MEMBERS = [
    {"id": "huisarts", "role": "huisarts", "kind": "zorg"},
    {"id": "spv", "role": "SPV (FACT-team)", "kind": "zorg"},
    {"id": "zus", "role": "zus", "kind": "mantelzorg"},
]


def test_ggz_information_exchange(registry: Registry) -> None:
    path = {"referral_date": "2025-10-01", "referral_letter": True, "intake_date": "2025-10-20"}
    v, evidence = verdict(registry, "GGZ.IZ.1", **ggz(members=GGZ_MEMBERS, ggz=path))
    assert v == "voldoet_grotendeels_niet"
    assert "bericht aan huisarts na intake" in evidence[0]
    path["intake_report_to_gp"] = "2025-10-25"
    links = [{"from": "spv", "to": "huisarts", "kinds": ["informs"]}]
    assert (
        verdict(registry, "GGZ.IZ.1", **ggz(members=GGZ_MEMBERS, ggz=path, links=links))[0]
        == "voldoet"
    )


def test_ggz_waiting_time_and_bridging(registry: Registry) -> None:
    waiting = {"referral_date": "2025-12-01"}  # 90 days before assessed, no intake
    v, evidence = verdict(registry, "GGZ.IZ.4", **ggz(ggz=waiting))
    assert v == "voldoet_niet" and "90 dagen tot intake (norm 28)" in evidence[0]
    assert verdict(registry, "GGZ.IZ.3", **ggz(ggz=waiting))[0] == "voldoet"
    bridged = [{"kind": "overbrugging", "date": "2026-01-10"}]
    assert verdict(registry, "GGZ.IZ.4", **ggz(ggz=waiting, actions=bridged))[0] == "voldoet"
    quick = {"referral_date": "2026-02-01", "intake_date": "2026-02-15"}
    assert verdict(registry, "GGZ.IZ.4", **ggz(ggz=quick))[0] == "voldoet"
    assert verdict(registry, "GGZ.IZ.3", **ggz())[0] == "niet_beoordeeld"


def test_ggz_naasten(registry: Registry) -> None:
    v, _ = verdict(registry, "GGZ.IZ.2", **ggz(members=GGZ_MEMBERS))
    assert v == "voldoet_niet"
    links = [{"from": "spv", "to": "zus", "kinds": ["attunes"]}]
    members = [*GGZ_MEMBERS[:2], {**GGZ_MEMBERS[2], "naaste_consent": True}]
    assert verdict(registry, "GGZ.IZ.2", **ggz(members=members, links=links))[0] == (
        "voldoet_grotendeels"
    )


def test_ggz_crisis_plan(registry: Registry) -> None:
    assert verdict(registry, "GGZ.VE.1", **ggz())[0] == "voldoet_niet"
    plan = {"reviewed": "2026-01-01", "shared_with": ["huisarts"]}
    path = {"crisis_plan": plan}
    assert verdict(registry, "GGZ.VE.1", **ggz(members=GGZ_MEMBERS, ggz=path))[0] == "voldoet"
    plan["shared_with"] = ["zus"]
    v, evidence = verdict(registry, "GGZ.VE.1", **ggz(members=GGZ_MEMBERS, ggz=path))
    assert v == "voldoet_grotendeels" and "Niet gedeeld met de huisarts." in evidence


def test_ggz_medication_shared_with_both(registry: Registry) -> None:
    med = {"overview_date": "2026-02-01", "shared_with": ["huisarts", "spv"]}
    assert verdict(registry, "GGZ.VE.2", **ggz(members=GGZ_MEMBERS, medication=med))[0] == (
        "voldoet"
    )
    med["shared_with"] = ["huisarts"]
    v, evidence = verdict(registry, "GGZ.VE.2", **ggz(members=GGZ_MEMBERS, medication=med))
    assert v == "voldoet_grotendeels" and any("Niet gedeeld met ggz" in e for e in evidence)


def test_ggz_client_has_say_and_recovery(registry: Registry) -> None:
    assert verdict(registry, "GGZ.CC.3", **ggz())[0] == "voldoet_niet"
    both = base_client(has_say=True, wishes_recorded=True)
    assert verdict(registry, "GGZ.CC.3", **ggz(client=both))[0] == "voldoet_grotendeels"
    assert verdict(registry, "GGZ.CC.2", **ggz(ggz={}))[0] == "voldoet_niet"
    assert verdict(registry, "GGZ.CC.2", **ggz(ggz={"recovery_goals": True}))[0] == (
        "voldoet_grotendeels"
    )
    assert verdict(registry, "GGZ.IZ.5", **ggz(ggz={"referral_agreement": True}))[0] == (
        "voldoet_grotendeels"
    )


def test_every_criterion_is_covered_by_a_registered_check(registry: Registry) -> None:
    for framework in registry.frameworks.values():
        for criterion in framework.criteria:
            if criterion.check:
                assert criterion.check in registry.checks, criterion.id
