"""The case: one client's care network as an inspector recorded it.

A case file is TOML written by people; these models are its contract. Every model
forbids unknown keys, so a typo is an error with a "did you mean" hint rather than
silently ignored data. Fields that identify a client are marked with
``personal=True`` in their JSON-schema extras (see :func:`personal_field_paths`);
regional and national outputs drop them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from zntui.diagnostics import nested_models

CASE_FORMAT_VERSION = 2
"""Format 2 (2026-12): declared vocabularies for every word a check decides on, yes/no
fields that may be left out (niet vastgelegd), ``found_absent`` for what the inspector
asked after and found missing, handovers that name their recipients. Format 1 files are
refused with a message that says what to change (:data:`FORMAT_1_UPGRADE`)."""

FORMAT_1_UPGRADE = (
    "the old case format; this zntui reads format 2. To update the file: "
    "set format = 2; give every zorg and wmo member a discipline (e.g. discipline = "
    "'huisarts'; `zntui schema` lists them); move administers_medication = true to "
    "[medication] administered_by = [member ids]; replace naaste_consent = true by "
    "consent = 'gegeven'; replace handover_document in [[events]] by handover_to = "
    "[ids of the members who received the handover] (and handover_by); rename "
    "ggz.referral_date to ggz.registered (the aanmelding); action and risk kinds are now "
    "fixed words in lower case (e.g. 'respijtzorg'). A yes/no field that is left out now "
    "means niet vastgelegd: write false only where the inspector found it so, and list "
    "what was asked after and found missing in found_absent (e.g. ['coordinator'])"
)


def personal(description: str, **kwargs: Any) -> Any:
    """A field that identifies the client (directly or together with others)."""
    return Field(description=description, json_schema_extra={"personal": True}, **kwargs)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Labelled(StrEnum):
    """A vocabulary whose words have a Dutch label for evidence: the word itself with
    spaces for underscores, unless the class's ``__labels__`` (a dunder name, so not a
    member) gives another."""

    @property
    def label(self) -> str:
        labels: dict[str, str] = getattr(type(self), "__labels__", {})
        return labels.get(self.value, self.value.replace("_", " "))


# --- Vocabularies: every word a check decides on is one of these. -----------------


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
    NAASTE = "naaste"
    """A naaste (ggz): family or someone close who does not give care structurally."""

    @property
    def professional(self) -> bool:
        """Zorg- en hulpverleners: professional care and Wmo support."""
        return self in (MemberKind.ZORG, MemberKind.WMO)

    @property
    def informal(self) -> bool:
        """Mantelzorg and other informal help."""
        return self in (MemberKind.MANTELZORG, MemberKind.INFORMEEL)

    @property
    def close(self) -> bool:
        """A naaste in the ggz sense: mantelzorgers and other naasten."""
        return self in (MemberKind.MANTELZORG, MemberKind.NAASTE)


class Sector(Labelled):
    """The part of care a discipline belongs to; the ggz criteria ask about three of them."""

    HUISARTSENZORG = "huisartsenzorg"
    """The huisarts and the praktijkondersteuners (POH-ggz, POH-somatiek)."""
    BASIS_GGZ = "basis_ggz"
    """Generalistische basis-ggz."""
    SPECIALISTISCHE_GGZ = "specialistische_ggz"
    """Specialistische ggz, FACT-teams."""
    WIJKVERPLEGING = "wijkverpleging"
    APOTHEEK = "apotheek"
    ZIEKENHUIS = "ziekenhuis"
    OUDERENZORG = "ouderenzorg"
    PARAMEDISCH = "paramedisch"
    SOCIAAL_DOMEIN = "sociaal_domein"
    """Gemeentelijke ondersteuning (Wmo) and welzijn."""
    OVERIG = "overig"

    __labels__ = {
        "huisartsenzorg": "huisarts / POH",
        "basis_ggz": "basis-ggz",
        "specialistische_ggz": "specialistische ggz / FACT",
        "sociaal_domein": "sociaal domein (Wmo)",
    }


class Discipline(Labelled):
    """What a professional member is, as a fixed word (``role`` holds the free text)."""

    HUISARTS = "huisarts"
    POH_GGZ = "poh_ggz"
    POH_SOMATIEK = "poh_somatiek"
    WIJKVERPLEGING = "wijkverpleging"
    VERZORGING = "verzorging"
    APOTHEEK = "apotheek"
    MEDISCH_SPECIALIST = "medisch_specialist"
    SPECIALIST_OUDERENGENEESKUNDE = "specialist_ouderengeneeskunde"
    CASEMANAGEMENT_DEMENTIE = "casemanagement_dementie"
    FYSIOTHERAPIE = "fysiotherapie"
    ERGOTHERAPIE = "ergotherapie"
    DIETETIEK = "dietetiek"
    BASIS_GGZ = "basis_ggz"
    SPECIALISTISCHE_GGZ = "specialistische_ggz"
    FACT = "fact"
    MAATSCHAPPELIJK_WERK = "maatschappelijk_werk"
    HUISHOUDELIJKE_HULP = "huishoudelijke_hulp"
    DAGBESTEDING = "dagbesteding"
    BEGELEIDING = "begeleiding"
    WMO_CONSULENT = "wmo_consulent"
    VERVOER = "vervoer"
    HULPMIDDELEN = "hulpmiddelen"
    OVERIG = "overig"

    @property
    def sector(self) -> Sector:
        return _SECTOR.get(self, Sector.OVERIG)

    __labels__ = {
        "poh_ggz": "POH-ggz",
        "poh_somatiek": "POH-somatiek",
        "basis_ggz": "basis-ggz",
        "specialistische_ggz": "specialistische ggz",
        "fact": "FACT-team",
        "wmo_consulent": "Wmo-consulent",
        "dietetiek": "diëtetiek",
    }


_SECTOR: dict[Discipline, Sector] = {
    Discipline.HUISARTS: Sector.HUISARTSENZORG,
    Discipline.POH_GGZ: Sector.HUISARTSENZORG,
    Discipline.POH_SOMATIEK: Sector.HUISARTSENZORG,
    Discipline.WIJKVERPLEGING: Sector.WIJKVERPLEGING,
    Discipline.VERZORGING: Sector.WIJKVERPLEGING,
    Discipline.APOTHEEK: Sector.APOTHEEK,
    Discipline.MEDISCH_SPECIALIST: Sector.ZIEKENHUIS,
    Discipline.SPECIALIST_OUDERENGENEESKUNDE: Sector.OUDERENZORG,
    Discipline.CASEMANAGEMENT_DEMENTIE: Sector.OUDERENZORG,
    Discipline.FYSIOTHERAPIE: Sector.PARAMEDISCH,
    Discipline.ERGOTHERAPIE: Sector.PARAMEDISCH,
    Discipline.DIETETIEK: Sector.PARAMEDISCH,
    Discipline.BASIS_GGZ: Sector.BASIS_GGZ,
    Discipline.SPECIALISTISCHE_GGZ: Sector.SPECIALISTISCHE_GGZ,
    Discipline.FACT: Sector.SPECIALISTISCHE_GGZ,
    Discipline.MAATSCHAPPELIJK_WERK: Sector.SOCIAAL_DOMEIN,
    Discipline.HUISHOUDELIJKE_HULP: Sector.SOCIAAL_DOMEIN,
    Discipline.DAGBESTEDING: Sector.SOCIAAL_DOMEIN,
    Discipline.BEGELEIDING: Sector.SOCIAAL_DOMEIN,
    Discipline.WMO_CONSULENT: Sector.SOCIAAL_DOMEIN,
    Discipline.VERVOER: Sector.SOCIAAL_DOMEIN,
    Discipline.HULPMIDDELEN: Sector.SOCIAAL_DOMEIN,
}


class CarerLoad(Labelled):
    """How heavily a mantelzorger is loaded, as assessed."""

    LICHT = "licht"
    GEMIDDELD = "gemiddeld"
    ZWAAR = "zwaar"
    OVERBELAST = "overbelast"
    NIET_BEPAALD = "niet_bepaald"
    """Asked after: nobody in the network has assessed what this carer can bear."""

    @property
    def heavy(self) -> bool:
        return self in (CarerLoad.ZWAAR, CarerLoad.OVERBELAST)

    __labels__ = {"zwaar": "zwaar belast", "licht": "licht belast", "gemiddeld": "gemiddeld belast"}


class Consent(Labelled):
    """Whether the client consents to involving a naaste (ggz needs it)."""

    GEGEVEN = "gegeven"
    GEWEIGERD = "geweigerd"
    NIET_GEVRAAGD = "niet_gevraagd"


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
    """A professional attunes with mantelzorg, informal care or a naaste (afstemmen)."""


class EventKind(Labelled):
    OPNAME = "opname"
    ONTSLAG = "ontslag"
    OVERDRACHT = "overdracht"
    INCIDENT = "incident"
    KLACHT = "klacht"
    SIGNAAL = "signaal"
    """A signal from a member or the client (e.g. a worry passed on)."""

    @property
    def needs_handover(self) -> bool:
        return self in (EventKind.OPNAME, EventKind.ONTSLAG, EventKind.OVERDRACHT)


class Topic(Labelled):
    """What an incident, complaint or signal concerns; checks weigh it on their criteria."""

    MEDICATIE = "medicatie"
    OVERDRACHT = "overdracht"
    COORDINATIE = "coordinatie"
    AANSPREEKPUNT = "aanspreekpunt"
    MANTELZORG = "mantelzorg"
    WOONOMGEVING = "woonomgeving"
    CRISIS = "crisis"
    WACHTTIJD = "wachttijd"
    INFORMATIE = "informatie"

    __labels__ = {"coordinatie": "coördinatie"}


class ActionKind(Labelled):
    """An action taken for the network; what each counts as is declared here, once."""

    NETWERKVERSTERKING = "netwerkversterking"
    MANTELZORGONDERSTEUNING = "mantelzorgondersteuning"
    RESPIJTZORG = "respijtzorg"
    OVERBRUGGING = "overbrugging"
    ALTERNATIEF_AANBOD = "alternatief_aanbod"
    OVERIG = "overig"

    @property
    def supports_carer(self) -> bool:
        """Relieves or supports a mantelzorger (ZN.MZ.1, ZN.MZ.2)."""
        return self in (ActionKind.MANTELZORGONDERSTEUNING, ActionKind.RESPIJTZORG)

    @property
    def strengthens_network(self) -> bool:
        """Strengthens the client's network (ZN.MZ.2): itself or by supporting a carer."""
        return self is ActionKind.NETWERKVERSTERKING or self.supports_carer

    @property
    def bridges_wait(self) -> bool:
        """Bridges a wait for ggz treatment (GGZ.IZ.4)."""
        return self in (ActionKind.OVERBRUGGING, ActionKind.ALTERNATIEF_AANBOD)

    __labels__ = {"alternatief_aanbod": "alternatief aanbod"}


class RiskKind(Labelled):
    """A risk in the home or the care (ZN.VE.1, GGZ.VE.3); ``text`` describes it freely."""

    VALRISICO = "valrisico"
    BRANDGEVAAR = "brandgevaar"
    ONDERVOEDING = "ondervoeding"
    VEREENZAMING = "vereenzaming"
    VERWAARLOZING = "verwaarlozing"
    MEDICATIE = "medicatie"
    ZORGMIJDING = "zorgmijding"
    TERUGVAL = "terugval"
    CRISIS = "crisis"
    SUICIDALITEIT = "suicidaliteit"
    OVERIG = "overig"

    __labels__ = {"suicidaliteit": "suïcidaliteit"}


class EndKind(Labelled):
    """How a ggz treatment ended: closed, or handed over to another provider."""

    AFSLUITING = "afsluiting"
    OVERDRACHT = "overdracht"


class Absence(Labelled):
    """Something the inspector asked after and found missing (``found_absent``).

    A field left out means niet vastgelegd; only a recorded absence makes a failure.
    """

    COORDINATOR = "coordinator"
    """Nobody coordinates the network."""
    CONTACT_POINT = "contact_point"
    """There is no contact point for questions and complaints."""
    CARE_NEED = "care_need"
    """The care need is not documented anywhere."""
    EXPLANATION = "explanation"
    """Nobody explained the care options to the client."""
    SUPPORTER = "supporter"
    """The client needs help to express the care need and nobody gives it."""
    TASK_SPLIT = "task_split"
    """There is no agreed split of tasks."""
    MEDICATION_OVERVIEW = "medication_overview"
    """There is no medication overview."""
    CRISIS_PLAN = "crisis_plan"
    """There is no crisis or signalling plan."""
    MANTELZORG = "mantelzorg"
    """The client has no mantelzorger or informal helper."""
    NAASTEN = "naasten"
    """The client has no naasten."""
    TRANSITIONS = "transitions"
    """No admission, discharge or transfer in the period looked at."""
    INFORMATION_EXCHANGE = "information_exchange"
    """The professionals do not inform or consult each other."""
    ACQUAINTANCE = "acquaintance"
    """The professionals do not know each other or each other's role."""
    ATTUNEMENT = "attunement"
    """No professional attunes with the mantelzorg or informal care."""
    RISK_ASSESSMENT = "risk_assessment"
    """Nobody in the network looked at the risks in the home or the care."""
    INTAKE_REPORT = "intake_report"
    """No report went to the huisarts after the ggz intake."""
    END_REPORT = "end_report"
    """No report went to the huisarts at the end or transfer of ggz treatment."""


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

UNRECORDED = "Left out: niet vastgelegd (the file does not say)."


class CareNeed(Strict):
    """The client's documented care need (ZN.CC.3, ZN.CC.4)."""

    documented: dt.date | None = Field(
        None, description="Date the care need was last documented; absent if not recorded."
    )
    known_by: list[MemberId] | None = Field(
        None,
        description="Ids of members who know the current care need; [] = nobody. " + UNRECORDED,
    )


class Explanation(Strict):
    """An explanation of the care options given to the client (ZN.CC.1, GGZ.CC.1)."""

    given_by: MemberId
    date: dt.date
    fits_request: bool | None = Field(
        None, description="Linked to the client's own request for help. " + UNRECORDED
    )


class Client(Strict):
    """The client. Everything that identifies them is personal."""

    pseudonym: str = personal("Name or pseudonym used in the case.", min_length=1)
    age: int = personal("Age in years at assessment.", ge=0, le=130)
    living_situation: str = personal("E.g. 'alleenwonend', 'met partner'.", default="")
    care_needs: list[str] = personal("Conditions and needs in plain words.", default_factory=list)
    care_need: CareNeed = Field(default_factory=CareNeed)
    needs_support_expressing: bool | None = Field(
        None,
        description="The client needs help to make their care need clear (ZN.CC.2). " + UNRECORDED,
    )
    supporter: MemberId | None = Field(None, description="Member who helps them express it.")
    explanation: Explanation | None = None
    knows_coordinator: bool | None = Field(
        None, description="The client knows who coordinates. " + UNRECORDED
    )
    knows_contact_point: bool | None = Field(
        None,
        description="The client knows where to go with questions and complaints. " + UNRECORDED,
    )
    has_say: bool | None = Field(
        None, description="Plan agreed with the client (GGZ.CC.3). " + UNRECORDED
    )
    wishes_recorded: bool | None = Field(
        None, description="The client's wishes are recorded. " + UNRECORDED
    )


class NetworkMember(Strict):
    """One party in the care network: a professional, Wmo support, or an informal carer."""

    id: MemberId = Field(description="Short id, unique within the case, used by links/events.")
    name: str = personal("Name of the person (identifies the client's circle).", default="")
    organisation: str = Field("", description="Provider organisation; counted in regional views.")
    role: str = Field(
        "",
        description="Free display text, e.g. 'wijkverpleegkundige', 'dochter'. Checks never "
        "read it: they read discipline and kind.",
    )
    kind: MemberKind
    discipline: Discipline | None = Field(
        None, description="Required for zorg and wmo members: what they are, as a fixed word."
    )
    delivers_care: bool = Field(
        True, description="Actively delivers care or support now (not only consulted)."
    )
    coordinator: bool = Field(False, description="Coordinates the network (regie).")
    contact_point: bool = Field(False, description="Contact point for questions and complaints.")
    knows_contact_point: bool | None = Field(
        None,
        description="For mantelzorg: knows where to go with questions and complaints. "
        + UNRECORDED,
    )
    load: CarerLoad | None = Field(None, description="For mantelzorg: their assessed load.")
    load_assessed: dt.date | None = Field(None, description="When the load was last assessed.")
    consent: Consent | None = Field(
        None,
        description="For naasten and mantelzorgers (ggz): the client's consent to involve "
        "them. " + UNRECORDED,
    )

    @model_validator(mode="after")
    def _discipline_fits_kind(self) -> NetworkMember:
        if self.kind.professional and self.discipline is None:
            raise ValueError(
                f"member {self.id!r} is {self.kind}: give its discipline (e.g. "
                "discipline = 'huisarts'); role is free text that checks do not read"
            )
        if not self.kind.professional and self.discipline is not None:
            raise ValueError(f"member {self.id!r} is {self.kind}: only zorg and wmo have one")
        if not self.role and self.kind.informal:
            raise ValueError(f"member {self.id!r}: say who they are in role (e.g. 'dochter')")
        return self

    @property
    def label(self) -> str:
        """How evidence names the member: the role text, else the discipline's label."""
        if self.role:
            return self.role
        return self.discipline.label if self.discipline else self.kind.value

    @property
    def sector(self) -> Sector | None:
        return self.discipline.sector if self.discipline else None


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
    members: list[MemberId] = Field(
        default_factory=list,
        description="Members involved; at an admission, discharge or transfer, every "
        "professional here other than handover_by should receive the handover.",
    )
    handover_by: MemberId | None = Field(None, description="Who handed over (e.g. the hospital).")
    handover_to: list[MemberId] | None = Field(
        None,
        description="Members who received a handover; [] = nobody did. " + UNRECORDED,
    )
    concerns: list[Topic] = Field(
        default_factory=list, description="What an incident, complaint or signal concerns."
    )
    description: str = personal("Free text; may describe the client.", default="")


class Medication(Strict):
    """The medication overview (ZN.VE.2, ZN.VE.3, GGZ.VE.2)."""

    uses_medication: bool | None = Field(
        None, description="The client uses medication (false: the criteria do not apply)."
    )
    overview_date: dt.date | None = Field(None, description="Date of the latest overview.")
    last_change: dt.date | None = Field(None, description="Date medication last changed.")
    administered_by: list[MemberId] | None = Field(
        None, description="Members who administer medication; [] = nobody. " + UNRECORDED
    )
    administration_list: bool | None = Field(
        None, description="A toedienlijst is present. " + UNRECORDED
    )
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

    kind: RiskKind
    text: str = Field("", description="Free display text beside the kind.")
    noted: dt.date
    follow_up: str = Field("", description="What was done about it; empty if nothing.")
    follow_up_date: dt.date | None = None

    @property
    def label(self) -> str:
        """'valrisico', or 'valrisico: valt vaker in de badkamer' with a text."""
        if not self.text:
            return self.kind.label
        return f"{self.kind.label}: {self.text[0].lower()}{self.text[1:]}"


class Action(Strict):
    """An action taken for the network, e.g. strengthening it or bridging a wait."""

    kind: ActionKind
    text: str = Field("", description="Free display text beside the kind.")
    date: dt.date
    by: MemberId | None = None
    for_member: MemberId | None = Field(
        None, description="The member it supports (e.g. the mantelzorger); absent: the client."
    )

    @property
    def label(self) -> str:
        return self.text or self.kind.label


class CrisisPlan(Strict):
    """A crisis or signalling plan (GGZ.VE.1)."""

    reviewed: dt.date
    shared_with: list[MemberId] = Field(default_factory=list)


class GgzPath(Strict):
    """The ggz care path: aanmelding, waiting, information to the huisarts."""

    registered: dt.date | None = Field(
        None,
        description="Aanmelding at the ggz provider: the Treeknormen count from this date.",
    )
    intake_date: dt.date | None = None
    treatment_start: dt.date | None = None
    referral_letter: bool | None = Field(
        None, description="A referral letter (verwijsbrief) went to the ggz. " + UNRECORDED
    )
    intake_report_to_gp: dt.date | None = Field(
        None, description="Report to the huisarts after intake."
    )
    end_report_to_gp: dt.date | None = Field(
        None, description="Report to the huisarts at the end or transfer."
    )
    ended: dt.date | None = Field(None, description="Treatment ended or transferred.")
    end_kind: EndKind | None = Field(
        None, description="afsluiting or overdracht (to another provider)."
    )
    recovery_goals: bool | None = Field(
        None, description="Recovery goals are in the plan. " + UNRECORDED
    )
    referral_agreement: bool | None = Field(
        None,
        description="A regional agreement on referral and consultation is known. " + UNRECORDED,
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
    risks_assessed: dt.date | None = Field(
        None, description="When the risks were looked at; then an empty risks list means none."
    )
    actions: list[Action] = Field(default_factory=list)
    ggz: GgzPath | None = None
    found_absent: list[Absence] = Field(
        default_factory=list,
        description="What the inspector asked after and found missing, e.g. ['coordinator']. "
        "Only a recorded absence makes a failure; a field left out is niet vastgelegd.",
    )
    bottlenecks: list[Bottleneck] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value < CASE_FORMAT_VERSION:
            raise PydanticCustomError("case_format", FORMAT_1_UPGRADE)
        if value > CASE_FORMAT_VERSION:
            raise PydanticCustomError(
                "case_format",
                f"format {value} is newer than this zntui reads ({CASE_FORMAT_VERSION}); "
                "update zntui",
            )
        return value

    @model_validator(mode="after")
    def _references_resolve(self) -> Case:
        ids = [m.id for m in self.members]
        seen = set(ids)
        if len(seen) == len(ids) and self._references() <= seen:
            # Every case is checked, and nearly every case is fine: one set test for all
            # its references; only a case that fails is walked in order for the message.
            self._absences_hold()
            return self
        seen = set()
        for i, member_id in enumerate(ids):
            if member_id in seen:
                raise ValueError(f"members[{i}]: member id {member_id!r} is used twice")
            seen.add(member_id)

        def need(ref: str | None, where: str) -> None:
            if ref is not None and ref not in seen:
                raise ValueError(f"{where}: no member with id {ref!r}")

        need(self.client.supporter, "client.supporter")
        for ref in self.client.care_need.known_by or ():
            need(ref, "client.care_need.known_by")
        if self.client.explanation:
            need(self.client.explanation.given_by, "client.explanation.given_by")
        for i, link in enumerate(self.links):
            need(link.from_, f"links[{i}].from")
            need(link.to, f"links[{i}].to")
        for i, event in enumerate(self.events):
            for ref in event.members:
                need(ref, f"events[{i}].members")
            need(event.handover_by, f"events[{i}].handover_by")
            for ref in event.handover_to or ():
                need(ref, f"events[{i}].handover_to")
        for ref in self.medication.shared_with:
            need(ref, "medication.shared_with")
        for ref in self.medication.administered_by or ():
            need(ref, "medication.administered_by")
        for i, task in enumerate(self.tasks):
            need(task.owner, f"tasks[{i}].owner")
        for i, action in enumerate(self.actions):
            need(action.by, f"actions[{i}].by")
            need(action.for_member, f"actions[{i}].for_member")
        if self.ggz and self.ggz.crisis_plan:
            for ref in self.ggz.crisis_plan.shared_with:
                need(ref, "ggz.crisis_plan.shared_with")
        self._absences_hold()
        return self

    def _references(self) -> set[str | None]:
        """Every member id the case refers to outside ``members`` (None where optional)."""
        client, medication, ggz = self.client, self.medication, self.ggz
        refs: set[str | None] = {link.from_ for link in self.links}
        refs.update([link.to for link in self.links])
        refs.add(client.supporter)
        refs.update(client.care_need.known_by or ())
        if client.explanation:
            refs.add(client.explanation.given_by)
        for event in self.events:
            refs.update(event.members)
            refs.add(event.handover_by)
            refs.update(event.handover_to or ())
        refs.update(medication.shared_with)
        refs.update(medication.administered_by or ())
        refs.update([task.owner for task in self.tasks])
        refs.update([action.by for action in self.actions])
        refs.update([action.for_member for action in self.actions])
        if ggz and ggz.crisis_plan:
            refs.update(ggz.crisis_plan.shared_with)
        refs.discard(None)
        return refs

    def _absences_hold(self) -> None:
        """A recorded absence may not contradict what the file records elsewhere."""
        if not self.found_absent:
            return
        ggz = self.ggz
        present = {
            Absence.COORDINATOR: any(m.coordinator for m in self.members),
            Absence.CONTACT_POINT: any(m.contact_point for m in self.members),
            Absence.CARE_NEED: self.client.care_need.documented is not None,
            Absence.EXPLANATION: self.client.explanation is not None,
            Absence.SUPPORTER: self.client.supporter is not None,
            Absence.TASK_SPLIT: bool(self.tasks),
            Absence.MEDICATION_OVERVIEW: self.medication.overview_date is not None,
            Absence.CRISIS_PLAN: bool(ggz and ggz.crisis_plan),
            Absence.MANTELZORG: any(m.kind.informal for m in self.members),
            Absence.NAASTEN: any(m.kind.close for m in self.members),
            Absence.TRANSITIONS: any(e.kind.needs_handover for e in self.events),
            Absence.RISK_ASSESSMENT: bool(self.risks) or self.risks_assessed is not None,
            Absence.INTAKE_REPORT: bool(ggz and ggz.intake_report_to_gp),
            Absence.END_REPORT: bool(ggz and ggz.end_report_to_gp),
        }
        for i, absence in enumerate(self.found_absent):
            if present.get(absence):
                raise ValueError(
                    f"found_absent[{i}]: {absence.value!r} is recorded as absent, but the "
                    "file also records it; remove one of the two"
                )

    # Derived views used by checks; kept here so every plugin reads the network alike.

    def member(self, member_id: str) -> NetworkMember:
        return next(m for m in self.members if m.id == member_id)

    def absent(self, absence: Absence) -> bool:
        """The inspector asked after it and found it missing (``found_absent``)."""
        return absence in self.found_absent

    @property
    def reference_date(self) -> dt.date:
        """The date the case describes: assessed if set, else opened."""
        return self.assessed or self.opened

    @cached_property
    def digest(self) -> str:
        """A fingerprint of what the file records (not of its comments or layout).

        A judgement keeps the digest of the case it judged; when it differs, the
        judgement is stale.
        """
        data = self.model_dump(mode="json", by_alias=True)
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

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

    def has_links(self, kinds: Iterable[LinkKind]) -> bool:
        """Whether the file records any link of one of ``kinds`` at all."""
        wanted = set(kinds)
        return any(wanted & set(link.kinds) for link in self.links)

    @cached_property
    def _neighbour_index(self) -> dict[str, dict[str, set[str]]]:
        # Checks ask "linked with any of these?" per member many times: one pass over the
        # links answers all of them (a set look-up each) instead of a pair test per other.
        # kind's text → member → the members linked with it either way. Keyed by the
        # text: hashing an enum member runs Python code; a national folder has millions.
        index: dict[str, dict[str, set[str]]] = {kind._value_: {} for kind in LinkKind}
        for link in self.links:
            a, b = link.from_, link.to
            for kind in link.kinds:
                near = index[kind._value_]
                if a in near:
                    near[a].add(b)
                else:
                    near[a] = {b}
                if b in near:
                    near[b].add(a)
                else:
                    near[b] = {a}
        return index

    def neighbours(self, member_id: str, kind: LinkKind | str) -> AbstractSet[str]:
        """Members with a ``kind`` link to or from ``member_id``, in either direction."""
        value = kind._value_ if isinstance(kind, LinkKind) else kind
        by_member = self._neighbour_index.get(value)
        return _NONE if by_member is None else by_member.get(member_id, _NONE)


_NONE: frozenset[str] = frozenset()


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
