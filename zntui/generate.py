"""Synthetic, valid, varied cases for demos and benchmarks; deterministic per seed.

Each case gets a hidden "quality" between 0 and 1; every good practice (a link, a
handover, a coordinator…) is present with that probability, so folders span the whole
scale from networks that work to networks that fail.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import tomli_w

REGIONS: dict[str, list[str]] = {
    "Twente": ["Enschede", "Hengelo", "Almelo", "Oldenzaal"],
    "Groningen": ["Groningen", "Midden-Groningen", "Het Hogeland"],
    "Utrecht": ["Utrecht", "Nieuwegein", "Zeist", "Houten"],
    "Rijnmond": ["Rotterdam", "Schiedam", "Vlaardingen", "Capelle aan den IJssel"],
    "Zuid-Limburg": ["Maastricht", "Heerlen", "Sittard-Geleen", "Kerkrade"],
    "Noord-Holland Noord": ["Alkmaar", "Den Helder", "Hoorn"],
    "Friesland": ["Leeuwarden", "Sneek", "Heerenveen"],
    "Zeeland": ["Middelburg", "Vlissingen", "Goes", "Terneuzen"],
    "Haaglanden": ["Den Haag", "Delft", "Zoetermeer", "Rijswijk"],
    "Brabant-Oost": ["Eindhoven", "Helmond", "Veldhoven"],
}

FIRST = [
    "Anna",
    "Bram",
    "Carla",
    "Dirk",
    "Els",
    "Frank",
    "Greet",
    "Hans",
    "Ilse",
    "Joop",
    "Karin",
    "Luuk",
    "Marja",
    "Niels",
    "Olga",
    "Piet",
    "Riet",
    "Sander",
    "Tineke",
    "Wim",
    "Yara",
    "Fatima",
    "Mehmet",
    "Sanne",
    "Kees",
    "Noor",
    "Daan",
    "Lotte",
    "Mo",
    "Ria",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "Kaya",
    "Yilmaz",
    "El Amrani",
    "Postma",
    "Kramer",
]

# (role as people write it, organisation, discipline: the word checks decide on)
ZORG_ROLES = [
    ("huisarts", "Huisartsenpraktijk {town}", "huisarts"),
    ("wijkverpleegkundige", "Thuiszorg {region}", "wijkverpleging"),
    ("verzorgende IG", "Thuiszorg {region}", "verzorging"),
    ("apotheker", "Apotheek {town}", "apotheek"),
    ("praktijkondersteuner (POH-ouderen)", "Huisartsenpraktijk {town}", "poh_somatiek"),
    ("specialist ouderengeneeskunde", "Zorggroep {region}", "specialist_ouderengeneeskunde"),
    ("geriater", "Ziekenhuis {town}", "medisch_specialist"),
    ("cardioloog", "Ziekenhuis {town}", "medisch_specialist"),
    ("longarts", "Ziekenhuis {town}", "medisch_specialist"),
    ("fysiotherapeut", "Fysiotherapie {town}", "fysiotherapie"),
    ("ergotherapeut", "Zorggroep {region}", "ergotherapie"),
    ("diëtist", "Diëtistenpraktijk {town}", "dietetiek"),
    ("casemanager dementie", "Zorggroep {region}", "casemanagement_dementie"),
    ("maatschappelijk werker", "Welzijn {town}", "maatschappelijk_werk"),
]
GGZ_ROLES = [
    ("psychiater (FACT-team)", "GGZ {region}", "fact"),
    ("sociaal psychiatrisch verpleegkundige (FACT-team)", "GGZ {region}", "fact"),
    ("ervaringsdeskundige (FACT-team)", "GGZ {region}", "fact"),
    ("GZ-psycholoog (basis-ggz)", "Psychologenpraktijk {town}", "basis_ggz"),
    ("POH-ggz", "Huisartsenpraktijk {town}", "poh_ggz"),
]
WMO_ROLES = [
    ("huishoudelijke hulp", "Huishoudhulp {town} (Wmo)", "huishoudelijke_hulp"),
    ("begeleider dagbesteding", "Dagbesteding {town} (Wmo)", "dagbesteding"),
    ("Wmo-consulent", "Gemeente {town}", "wmo_consulent"),
    ("vervoer", "Regiotaxi {region} (Wmo)", "vervoer"),
    ("ambulant begeleider", "Begeleiding {region} (Wmo)", "begeleiding"),
]
CARER_ROLES = ["dochter", "zoon", "partner", "schoondochter", "broer", "zus"]
INFORMAL_ROLES = ["buurvrouw", "buurman", "vrijwilliger", "vriendin", "kerkgenoot"]
NEEDS = [
    "COPD",
    "hartfalen",
    "diabetes type 2",
    "beginnende dementie",
    "artrose",
    "valneiging",
    "depressie",
    "schizofrenie",
    "bipolaire stoornis",
    "angststoornis",
    "verslaving",
    "slechtziend",
    "hulp bij huishouden",
    "eenzaamheid",
    "Parkinson",
]
LIVING = [
    "alleenwonend",
    "met partner",
    "alleenwonend, flat zonder lift",
    "met volwassen kind",
    "beschermd thuis",
    "seniorenwoning",
]
BOTTLENECKS = [
    "conflicting_advice",
    "hard_to_organise",
    "no_overview",
    "unclear_lead",
    "poor_attunement",
    "no_contact_point",
]


def generate_case(rng: random.Random, case_id: str, regions: Sequence[str] = ()) -> dict[str, Any]:
    """One random case as a TOML-ready dict, in one of ``regions`` (default: all)."""
    q = rng.betavariate(3, 1.6)

    def ok(bonus: float = 0.0) -> bool:
        return rng.random() < min(1.0, q + bonus)

    region = rng.choice(sorted(regions or REGIONS))
    town = rng.choice(REGIONS[region])
    roll = rng.random()
    frameworks = (
        ["zorgnetwerken"]
        if roll < 0.7
        else ["ambulante_ggz"]
        if roll < 0.95
        else ["zorgnetwerken", "ambulante_ggz"]
    )
    ggz = "ambulante_ggz" in frameworks
    assessed = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(300))
    opened = assessed - dt.timedelta(days=rng.randrange(14, 90))

    size = rng.randint(5, 25)
    members: list[dict[str, Any]] = []
    pool = list(ZORG_ROLES)
    if ggz:
        pool += GGZ_ROLES * 2
    n_carers = rng.choice([0, 1, 1, 1, 2]) if size > 5 else 1
    n_informal = rng.choice([0, 0, 1, 2])
    n_wmo = rng.randint(0, 3)
    n_zorg = max(2, size - n_carers - n_informal - n_wmo)
    used: dict[str, int] = {}

    def add(role: str, org: str, kind: str, discipline: str = "", **extra: Any) -> dict[str, Any]:
        base = unicodedata.normalize("NFKD", role.split(" (")[0]).encode("ascii", "ignore")
        base = base.decode().replace(" ", "-").lower()
        used[base] = used.get(base, 0) + 1
        member_id = base if used[base] == 1 else f"{base}-{used[base]}"
        member = {
            "id": member_id,
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "organisation": org.format(town=town, region=region),
            "role": role,
            "kind": kind,
            **({"discipline": discipline} if discipline else {}),
            **extra,
        }
        members.append(member)
        return member

    for i in range(n_zorg):
        role, org, discipline = ZORG_ROLES[0] if i == 0 else rng.choice(pool)
        add(role, org, "zorg", discipline, delivers_care=discipline != "apotheek")
    for _ in range(n_wmo):
        role, org, discipline = rng.choice(WMO_ROLES)
        add(role, org, "wmo", discipline)
    for _ in range(n_carers):
        heavy = rng.random() > q
        add(
            rng.choice(CARER_ROLES),
            "",
            "mantelzorg",
            load=rng.choice(["zwaar", "overbelast"] if heavy else ["licht", "gemiddeld"]),
            knows_contact_point=ok(),
            **({"consent": "gegeven" if ok() else "niet_gevraagd"} if ggz else {}),
            **(
                {"load_assessed": assessed - dt.timedelta(days=rng.randrange(400))}
                if ok(0.2)
                else {}
            ),
        )
    for _ in range(n_informal):
        add(rng.choice(INFORMAL_ROLES), "", "informeel")
    pros = [m for m in members if m["kind"] in ("zorg", "wmo")]
    # What the inspector asked after and found missing (format 2: only then a failure).
    absent: list[str] = []
    if ok(0.1):
        rng.choice(pros)["coordinator"] = True
        if not ok(0.3):  # sometimes two people each think they lead
            rng.choice(pros)["coordinator"] = True
    else:
        absent.append("coordinator")
    if ok():
        rng.choice(pros)["contact_point"] = True
    else:
        absent.append("contact_point")
    if not n_carers and not n_informal:
        absent.append("mantelzorg")
    giver = next((m for m in pros if m.get("discipline") in ("wijkverpleging", "verzorging")), None)
    administered_by = [giver["id"]] if giver and rng.random() < 0.6 else []

    links: list[dict[str, Any]] = []
    for a, b in combinations(pros, 2):
        kinds = [k for k in ("knows", "knows_role") if ok(0.1)]
        if ok(-0.1):
            kinds.append(rng.choice(["informs", "consults"]))
        if kinds:
            links.append({"from": a["id"], "to": b["id"], "kinds": kinds})
    lead = next((m for m in members if m.get("coordinator")), None)
    for m in members:
        if m["kind"] in ("mantelzorg", "informeel"):
            if ok():
                links.append(
                    {"from": rng.choice(pros)["id"], "to": m["id"], "kinds": ["knows", "attunes"]}
                )
            if lead and ok():
                links.append({"from": m["id"], "to": lead["id"], "kinds": ["knows"]})

    events: list[dict[str, Any]] = []
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        day = opened - dt.timedelta(days=rng.randrange(10, 200))
        kind = rng.choice(["opname", "ontslag", "overdracht", "incident", "klacht"])
        involved = [m["id"] for m in rng.sample(pros, min(len(pros), rng.randint(1, 3)))]
        event: dict[str, Any] = {
            "kind": kind,
            "date": day,
            "members": involved,
            "description": f"{kind.capitalize()} ({rng.choice(NEEDS)}).",
        }
        if kind in ("opname", "ontslag", "overdracht"):
            # A handover names who received it; sometimes it reaches only some members.
            event["handover_to"] = [i for i in involved if ok()]
        else:
            event["concerns"] = [rng.choice(["medicatie", "overdracht", "coordinatie"])]
        events.append(event)
    events.sort(key=lambda e: e["date"])
    if not any(e["kind"] in ("opname", "ontslag", "overdracht") for e in events):
        absent.append("transitions")

    care_need: dict[str, Any] = {}
    if ok(0.2):
        care_need["documented"] = assessed - dt.timedelta(days=rng.randrange(500))
        care_need["known_by"] = [m["id"] for m in pros if ok()]
    else:
        absent.append("care_need")
    client: dict[str, Any] = {
        "pseudonym": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "age": rng.randint(22, 60) if ggz and rng.random() < 0.7 else rng.randint(65, 97),
        "living_situation": rng.choice(LIVING),
        "care_needs": rng.sample(NEEDS, rng.randint(2, 4)),
        "needs_support_expressing": rng.random() < 0.3,
        "knows_coordinator": bool(lead) and ok(),
        "knows_contact_point": ok(),
        "has_say": ok(),
        "wishes_recorded": ok(),
        "care_need": care_need,
    }
    if client["needs_support_expressing"] and ok():
        client["supporter"] = rng.choice(members)["id"]
    elif client["needs_support_expressing"]:
        absent.append("supporter")
    if ok(0.1):
        client["explanation"] = {
            "given_by": rng.choice(pros)["id"],
            "date": opened - dt.timedelta(days=rng.randrange(200)),
            "fits_request": ok(0.2),
        }
    else:
        absent.append("explanation")

    last_change = assessed - dt.timedelta(days=rng.randrange(10, 300))
    medication: dict[str, Any] = {
        "uses_medication": True,
        "last_change": last_change,
        "administered_by": administered_by,
        "administration_list": ok(0.1),
    }
    if ok(0.2):
        delta = rng.randrange(0, 60) if ok() else -rng.randrange(1, 200)
        medication["overview_date"] = min(assessed, last_change + dt.timedelta(days=delta))
        medication["shared_with"] = [m["id"] for m in pros if ok(-0.1)]
    else:
        absent.append("medication_overview")

    tasks = [
        {
            "description": d,
            **({"owner": rng.choice(pros)["id"]} if ok(0.1) else {}),
            **({"agreed": opened - dt.timedelta(days=rng.randrange(120))} if ok() else {}),
        }
        for d in rng.sample(
            [
                "Medicatie toedienen",
                "Wondzorg",
                "Boodschappen",
                "Vervoer",
                "Persoonlijke verzorging",
                "Financiën",
                "Afspraken plannen",
            ],
            rng.randint(1, 4),
        )
    ]
    risks = [
        {
            "kind": rng.choice(
                [
                    "valrisico",
                    "brandgevaar",
                    "ondervoeding",
                    "zorgmijding",
                    "terugval",
                    "vereenzaming",
                ]
            ),
            "noted": opened - dt.timedelta(days=rng.randrange(100)),
            **({"follow_up": "Besproken en actie ingezet."} if ok() else {}),
        }
        for _ in range(rng.choice([0, 1, 1, 2]))
    ]
    actions = [
        {
            "kind": rng.choice(
                ["netwerkversterking", "mantelzorgondersteuning", "respijtzorg", "overbrugging"]
            ),
            "date": assessed - dt.timedelta(days=rng.randrange(60)),
            "by": rng.choice(pros)["id"],
        }
        for _ in range(rng.choice([0, 0, 1, 2]) if q > 0.4 else 0)
    ]

    if not links:
        absent.extend(["information_exchange", "acquaintance"])
    if not any("attunes" in link["kinds"] for link in links) and (n_carers or n_informal):
        absent.append("attunement")
    case: dict[str, Any] = {
        "format": 2,
        "id": case_id,
        "frameworks": frameworks,
        "region": region,
        "municipality": town,
        "opened": opened,
        "assessed": assessed,
        "bottlenecks": [b for b in BOTTLENECKS if rng.random() > q + 0.35],
        "client": client,
        "members": members,
        "links": links,
        "events": events,
        "medication": medication,
        "tasks": tasks,
        "risks": risks,
        "risks_assessed": opened,
        "actions": actions,
        "findings": [
            {
                "theme": rng.choice(
                    ["client_centraal", "mantelzorg", "integrale_zorg", "veiligheid"]
                ),
                "source": rng.choice(
                    [
                        "gesprek met cliënt",
                        "gesprek met mantelzorger",
                        "gesprek met huisarts",
                        "dossieronderzoek",
                    ]
                ),
                "text": "Bevinding uit het gesprek (synthetisch).",
            }
            for _ in range(rng.randint(0, 3))
        ],
    }
    if ggz:
        referral = opened - dt.timedelta(days=rng.randrange(30, 200))
        intake = referral + dt.timedelta(days=rng.randrange(7, 60)) if ok(0.3) else None
        path: dict[str, Any] = {
            "registered": referral,
            "referral_letter": ok(0.2),
            "recovery_goals": ok(),
            "referral_agreement": ok(),
        }
        if intake and intake <= assessed:
            path["intake_date"] = intake
            if ok():
                path["intake_report_to_gp"] = intake + dt.timedelta(days=rng.randrange(3, 30))
            else:
                absent.append("intake_report")
            if ok():
                path["treatment_start"] = intake + dt.timedelta(days=rng.randrange(7, 100))
        if ok():
            path["crisis_plan"] = {
                "reviewed": assessed - dt.timedelta(days=rng.randrange(500)),
                "shared_with": [m["id"] for m in pros if ok(-0.2)],
            }
        else:
            absent.append("crisis_plan")
        case["ggz"] = path
    if ggz:
        naasten = any(m["kind"] == "mantelzorg" for m in members)
        if not naasten:
            absent.append("naasten")
    case["found_absent"] = sorted(set(absent))
    return case


NEAR_EMPTY_SHARE = 0.03
"""Share of files only just opened: required fields and a few members, nothing else
recorded, as real folders have them (triage lists them apart as onvolledig)."""


def near_empty_case(case: dict[str, Any]) -> dict[str, Any]:
    """``case`` cut back to what a freshly opened file holds."""
    keep = ("format", "id", "frameworks", "region", "municipality", "opened", "assessed")
    members = [
        {
            k: v
            for k, v in m.items()
            if k in ("id", "name", "organisation", "role", "kind", "discipline")
        }
        for m in case["members"]
    ]
    client = {k: case["client"][k] for k in ("pseudonym", "age", "living_situation")}
    return {**{k: case[k] for k in keep}, "client": client, "members": members}


def generate_cases(
    count: int, seed: int, regions: Sequence[str] = ()
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file name, case dict) pairs; the same seed (and regions) gives the same cases."""
    rng = random.Random(seed)
    for index in range(1, count + 1):
        case_id = f"GEN-{seed}-{index:06d}"
        case = generate_case(rng, case_id, regions)
        if rng.random() < NEAR_EMPTY_SHARE:
            case = near_empty_case(case)
        yield f"{case_id.lower()}.toml", case


def known_region(name: str) -> str | None:
    """The region of :data:`REGIONS` that ``name`` means (any case), or None."""
    return next((r for r in REGIONS if r.lower() == name.strip().lower()), None)


def write_cases(
    folder: Path, count: int, seed: int, regions: Sequence[str] = ()
) -> tuple[int, int]:
    """Write ``count`` cases into ``folder``, spread over one subfolder per region
    (only ``regions``, names of :data:`REGIONS`, when given).

    Returns (written, skipped): a file of the same name is never replaced — it may be a
    case someone has edited since (mode "x" creates or fails, with no window between).
    """
    written = skipped = 0
    for name, case in generate_cases(count, seed, regions):
        sub = folder / case["region"].lower().replace(" ", "-")
        sub.mkdir(parents=True, exist_ok=True)
        header = "# Synthetic case written by `zntui generate`; fictional.\n"
        try:
            with open(sub / name, "x", encoding="utf-8") as handle:
                handle.write(header + tomli_w.dumps(case))
        except FileExistsError:
            skipped += 1
            continue
        written += 1
    return written, skipped
