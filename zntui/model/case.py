"""The case: one client's care network as an inspector recorded it.

A case file is TOML written by people; these models are its contract. Every model
forbids unknown keys, so a typo is an error with a "did you mean" hint rather than
silently ignored data. Fields that identify a client are marked with
``personal=True`` in their JSON-schema extras (see :func:`personal_field_paths`);
regional and national outputs drop them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from zntui.diagnostics import nested_models

CASE_FORMAT_VERSION = 1


def personal(description: str, **kwargs: Any) -> Any:
    """A field that identifies the client (directly or together with others)."""
    return Field(description=description, json_schema_extra={"personal": True}, **kwargs)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class MemberKind(StrEnum):
    """Which part of the network a member belongs to (DESIGN.md §1)."""

    ZORG = "zorg"
    """A professional care provider (huisarts, wijkverpleging, FACT-team, apotheek...)."""
    WMO = "wmo"
    """Gemeentelijke ondersteuning under the Wmo (huishoudelijke hulp, dagbesteding...)."""
    MANTELZORG = "mantelzorg"
    """A mantelzorger: family or friend who cares structurally."""
    INFORMEEL = "informeel"
    """Other informal help (neighbour, volunteer)."""

    @property
    def professional(self) -> bool:
        return self in (MemberKind.ZORG, MemberKind.WMO)


class CarerLoad(StrEnum):
    """How heavily a mantelzorger is loaded, as assessed."""

    LICHT = "licht"
    GEMIDDELD = "gemiddeld"
    ZWAAR = "zwaar"
    OVERBELAST = "overbelast"


class LinkKind(StrEnum):
    """What one member does with another (the seed's four duties)."""

    KNOWS = "knows"
    """They know each other (kennen elkaar)."""
    KNOWS_ROLE = "knows_role"
    """They know what the other does (weten wat de ander doet)."""
    INFORMS = "informs"
    """``from`` informs ``to`` (informeren)."""
    CONSULTS = "consults"
    """They consult each other (overleggen)."""
    ATTUNES = "attunes"
    """A professional attunes with mantelzorg or informal care (afstemmen)."""


class EventKind(StrEnum):
    OPNAME = "opname"
    ONTSLAG = "ontslag"
    OVERDRACHT = "overdracht"
    INCIDENT = "incident"
    KLACHT = "klacht"

    @property
    def needs_handover(self) -> bool:
        return self in (EventKind.OPNAME, EventKind.ONTSLAG, EventKind.OVERDRACHT)


class Bottleneck(StrEnum):
    """The six bottlenecks clients report (seed 001)."""

    CONFLICTING_ADVICE = "conflicting_advice"
    """Tegenstrijdige of onvolledige boodschappen of adviezen."""
    HARD_TO_ORGANISE = "hard_to_organise"
    """Niet eenvoudig de juiste zorg en hulp te vinden en te organiseren."""
    NO_OVERVIEW = "no_overview"
    """Moeilijk overzicht te houden over alle zorg en hulp."""
    UNCLEAR_LEAD = "unclear_lead"
    """Niet duidelijk wie het voortouw in het zorgnetwerk heeft."""
    POOR_ATTUNEMENT = "poor_attunement"
    """Onvoldoende onderlinge afstemming en overdracht."""
    NO_CONTACT_POINT = "no_contact_point"
    """Er ontbreekt een aanspreekpunt voor vragen of klachten."""


class Theme(StrEnum):
    """Themes a finding can be filed under (both frameworks)."""

    CLIENT_CENTRAAL = "client_centraal"
    MANTELZORG = "mantelzorg"
    INTEGRALE_ZORG = "integrale_zorg"
    VEILIGHEID = "veiligheid"
    ALGEMEEN = "algemeen"


MemberId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


class CareNeed(Strict):
    """The client's documented care need (ZN.CC.3, ZN.CC.4)."""

    documented: dt.date | None = Field(
        None, description="Date the care need was last documented; absent if never."
    )
    known_by: list[MemberId] = Field(
        default_factory=list, description="Ids of members who know the current care need."
    )


class Explanation(Strict):
    """An explanation of the care options given to the client (ZN.CC.1, GGZ.CC.1)."""

    given_by: MemberId
    date: dt.date
    fits_request: bool = Field(True, description="Linked to the client's own request for help.")


class Client(Strict):
    """The client. Everything that identifies them is personal."""

    pseudonym: str = personal("Name or pseudonym used in the case.", min_length=1)
    age: int = personal("Age in years at assessment.", ge=0, le=130)
    living_situation: str = personal("E.g. 'alleenwonend', 'met partner'.", default="")
    care_needs: list[str] = personal("Conditions and needs in plain words.", default_factory=list)
    care_need: CareNeed = Field(default_factory=CareNeed)
    needs_support_expressing: bool = Field(
        False, description="The client needs help to make their care need clear (ZN.CC.2)."
    )
    supporter: MemberId | None = Field(None, description="Member who helps them express it.")
    explanation: Explanation | None = None
    knows_coordinator: bool = Field(False, description="The client knows who coordinates.")
    knows_contact_point: bool = Field(
        False, description="The client knows where to go with questions and complaints."
    )
    has_say: bool = Field(False, description="Plan agreed with the client (GGZ.CC.3).")
    wishes_recorded: bool = Field(False, description="The client's wishes are recorded.")


class NetworkMember(Strict):
    """One party in the care network: a professional, Wmo support, or an informal carer."""

    id: MemberId = Field(description="Short id, unique within the case, used by links/events.")
    name: str = personal("Name of the person (identifies the client's circle).", default="")
    organisation: str = Field("", description="Provider organisation; counted in regional views.")
    role: str = Field(description="E.g. huisarts, wijkverpleegkundige, dochter.", min_length=1)
    kind: MemberKind
    delivers_care: bool = Field(
        True, description="Actively delivers care or support now (not only consulted)."
    )
    coordinator: bool = Field(False, description="Coordinates the network (regie).")
    contact_point: bool = Field(False, description="Contact point for questions and complaints.")
    administers_medication: bool = False
    knows_contact_point: bool = Field(
        False, description="For mantelzorg: knows where to go with questions and complaints."
    )
    load: CarerLoad | None = Field(None, description="For mantelzorg: their assessed load.")
    load_assessed: dt.date | None = Field(None, description="When the load was last assessed.")
    naaste_consent: bool = Field(
        False, description="For naasten (ggz): consent to involve them is recorded."
    )


class Link(Strict):
    """A working relation between two members. Mutual unless ``mutual = false``."""

    from_: MemberId = Field(alias="from")
    to: MemberId
    kinds: list[LinkKind] = Field(min_length=1)
    mutual: bool = Field(True, description="Applies both ways (informs is one-way if false).")


class Event(Strict):
    """Something that happened in the care: admissions, discharges, transfers, incidents."""

    kind: EventKind
    date: dt.date
    members: list[MemberId] = Field(default_factory=list, description="Members involved.")
    handover_document: bool = Field(False, description="A written handover (overdracht).")
    description: str = personal("Free text; may describe the client.", default="")


class Medication(Strict):
    """The medication overview (ZN.VE.2, ZN.VE.3, GGZ.VE.2)."""

    overview_date: dt.date | None = Field(None, description="Date of the latest overview.")
    last_change: dt.date | None = Field(None, description="Date medication last changed.")
    administration_list: bool = Field(False, description="A toedienlijst is present.")
    shared_with: list[MemberId] = Field(
        default_factory=list, description="Members who have the current overview."
    )


class Task(Strict):
    """A task in the network and who owns it (ZN.IZ.6)."""

    description: str = Field(min_length=1)
    owner: MemberId | None = None
    agreed: dt.date | None = Field(None, description="When the split was agreed in overleg.")


class Risk(Strict):
    """A risk in the home or the care (ZN.VE.1, GGZ.VE.3)."""

    kind: str = Field(min_length=1, description="E.g. valrisico, zorgmijding, terugval.")
    noted: dt.date
    follow_up: str = Field("", description="What was done about it; empty if nothing.")
    follow_up_date: dt.date | None = None


class Action(Strict):
    """An action taken for the network, e.g. strengthening it or bridging a wait."""

    kind: str = Field(
        min_length=1, description="netwerkversterking, overbrugging, mantelzorgondersteuning..."
    )
    date: dt.date
    by: MemberId | None = None


class CrisisPlan(Strict):
    """A crisis or signalling plan (GGZ.VE.1)."""

    reviewed: dt.date
    shared_with: list[MemberId] = Field(default_factory=list)


class GgzPath(Strict):
    """The ggz care path: referral, waiting, information to the huisarts."""

    referral_date: dt.date | None = None
    intake_date: dt.date | None = None
    treatment_start: dt.date | None = None
    referral_letter: bool = False
    intake_report_to_gp: dt.date | None = Field(
        None, description="Report to huisarts after intake."
    )
    end_report_to_gp: dt.date | None = Field(None, description="Report at end or transfer.")
    ended: dt.date | None = Field(None, description="Treatment ended or transferred.")
    recovery_goals: bool = Field(False, description="Recovery goals are in the plan.")
    referral_agreement: bool = Field(
        False, description="A regional agreement on referral and consultation is known."
    )
    crisis_plan: CrisisPlan | None = None


class Finding(Strict):
    """A free-text finding of the inspector; never leaves the client level."""

    theme: Theme = Theme.ALGEMEEN
    source: str = Field(min_length=1, description="Which conversation or document.")
    text: str = personal("The finding.", min_length=1)


class Case(Strict):
    """One case file: a client, their network, and what the inspector found."""

    format: int = Field(CASE_FORMAT_VERSION, description="Case file format version.", ge=1)
    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    frameworks: list[str] = Field(
        min_length=1, description="Framework ids that apply, e.g. zorgnetwerken, ambulante_ggz."
    )
    region: str = Field(min_length=1)
    municipality: str = ""
    opened: dt.date
    assessed: dt.date | None = None
    client: Client
    members: list[NetworkMember] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    medication: Medication = Field(default_factory=Medication)
    tasks: list[Task] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    ggz: GgzPath | None = None
    bottlenecks: list[Bottleneck] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self) -> Case:
        ids = [m.id for m in self.members]
        seen: set[str] = set()
        for i, member_id in enumerate(ids):
            if member_id in seen:
                raise ValueError(f"members[{i}]: member id {member_id!r} is used twice")
            seen.add(member_id)

        def need(ref: str | None, where: str) -> None:
            if ref is not None and ref not in seen:
                raise ValueError(f"{where}: no member with id {ref!r}")

        need(self.client.supporter, "client.supporter")
        for ref in self.client.care_need.known_by:
            need(ref, "client.care_need.known_by")
        if self.client.explanation:
            need(self.client.explanation.given_by, "client.explanation.given_by")
        for i, link in enumerate(self.links):
            need(link.from_, f"links[{i}].from")
            need(link.to, f"links[{i}].to")
        for i, event in enumerate(self.events):
            for ref in event.members:
                need(ref, f"events[{i}].members")
        for ref in self.medication.shared_with:
            need(ref, "medication.shared_with")
        for i, task in enumerate(self.tasks):
            need(task.owner, f"tasks[{i}].owner")
        for i, action in enumerate(self.actions):
            need(action.by, f"actions[{i}].by")
        if self.ggz and self.ggz.crisis_plan:
            for ref in self.ggz.crisis_plan.shared_with:
                need(ref, "ggz.crisis_plan.shared_with")
        return self

    # Derived views used by checks; kept here so every plugin reads the network alike.

    def member(self, member_id: str) -> NetworkMember:
        return next(m for m in self.members if m.id == member_id)

    @property
    def reference_date(self) -> dt.date:
        """The date the case describes: assessed if set, else opened."""
        return self.assessed or self.opened

    @cached_property
    def _link_index(self) -> dict[tuple[str, str], frozenset[LinkKind]]:
        # Checks ask about every pair of members; an index keeps that linear in links.
        index: dict[tuple[str, str], set[LinkKind]] = {}
        for link in self.links:
            index.setdefault((link.from_, link.to), set()).update(link.kinds)
            if link.mutual:
                index.setdefault((link.to, link.from_), set()).update(link.kinds)
        return {pair: frozenset(kinds) for pair, kinds in index.items()}

    def linked(self, a: str, b: str, kind: LinkKind) -> bool:
        """Whether ``a`` has a ``kind`` relation towards ``b`` (mutual links count both ways)."""
        return kind in self._link_index.get((a, b), ())

    @cached_property
    def _neighbour_index(self) -> dict[tuple[str, LinkKind], frozenset[str]]:
        # Checks ask "linked with any of these?" per member many times: one pass over the
        # links answers all of them (a set look-up each) instead of a pair test per other.
        index: dict[tuple[str, LinkKind], set[str]] = {}
        for link in self.links:
            for kind in link.kinds:
                index.setdefault((link.from_, kind), set()).add(link.to)
                index.setdefault((link.to, kind), set()).add(link.from_)
        return {key: frozenset(near) for key, near in index.items()}

    def neighbours(self, member_id: str, kind: LinkKind) -> frozenset[str]:
        """Members with a ``kind`` link to or from ``member_id``, in either direction."""
        return self._neighbour_index.get((member_id, kind), frozenset())


def personal_field_paths(model: type[BaseModel] = Case, prefix: str = "") -> list[str]:
    """Dotted paths of every field marked personal, e.g. ``client.pseudonym``.

    List items are written with ``[]``: ``members[].name``.
    """
    paths: list[str] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}{key}"
        extra = info.json_schema_extra
        if isinstance(extra, dict) and extra.get("personal"):
            paths.append(path)
            continue
        for sub, is_list in nested_models(info.annotation):
            paths.extend(personal_field_paths(sub, f"{path}{'[]' if is_list else ''}."))
    return paths
