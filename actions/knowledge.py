"""Schema and loader of the knowledge base (``knowledge/*.yml``).

Every entry carries its sources (URL + date checked), the best first. A source is either a web page
(``kind: web``, the default) or a section of the course the assistant is built on (``kind: course``,
with the section heading as a stable identifier and the course's public address as URL). Facts the
research dossier could not verify are either left out or stored with ``verified: false``; the answers
never state them as fact. The knowledge base is loaded once, when the action server starts.
"""

from __future__ import annotations

import os
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Literal, Optional

import yaml
from pydantic import BaseModel, Extra, HttpUrl, ValidationError, conlist, root_validator, validator

from textnorm import normalize

KNOWLEDGE_DIR = Path(os.environ.get("KNOWLEDGE_DIR", Path(__file__).resolve().parent.parent / "knowledge"))


class KnowledgeError(Exception):
    """A knowledge file is missing or invalid; the message names the file and the field."""


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


class Source(Strict):
    """Where a fact was read: a web page, or a section of the course (``kind: course``)."""

    url: HttpUrl
    checked: date
    title: Optional[str] = None
    kind: Literal["web", "course"] = "web"
    section: Optional[str] = None  # course only: the heading of the section the fact comes from

    @validator("section", always=True)
    def course_has_a_section(cls, section: Optional[str], values: dict) -> Optional[str]:
        kind = values.get("kind")
        if kind == "course" and not section:
            raise ValueError("a course source names its section (the heading in the course)")
        if kind == "web" and section:
            raise ValueError("only a course source has a section")
        return section

    @property
    def is_course(self) -> bool:
        return self.kind == "course"


class Sourced(Strict):
    sources: conlist(Source, min_items=1)  # type: ignore[valid-type]
    verified: bool = True

    @property
    def last_checked(self) -> date:
        return min(source.checked for source in self.sources)


class Button(Strict):
    title: str
    payload: str

    @validator("payload")
    def payload_is_intent(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("a button payload starts with '/' followed by an intent name")
        return value


class Link(Strict):
    title: str
    url: HttpUrl


class TopicExample(Strict):
    """Ideas for one kind of purchase, added to the answer when the question names it."""

    keywords: conlist(str, min_items=1)  # type: ignore[valid-type]  # compared without case or accents
    text: str


class Topic(Sourced):
    """A factual answer, selected by the intent of the same id.

    ``answer`` is the direct answer (the first message, short); ``next_step`` at most one line of what to
    do next; ``details`` everything else, shown on demand (« En savoir plus »); ``links`` the addresses
    the answer names (shown as titled links, never as raw URLs in the text).
    """

    id: str
    title: str
    answer: str
    # What the topic IS, said first to "c'est quoi ... ?" when the short answer says what it asks of buyers.
    definition: Optional[str] = None
    next_step: Optional[str] = None
    details: Optional[str] = None
    links: List[Link] = []
    examples: List[TopicExample] = []
    buttons: List[Button] = []
    see_also: List[str] = []

    @property
    def text(self) -> str:
        """Everything the topic says (answer, next step, details), without the examples."""
        parts = (self.definition, self.answer, self.next_step, self.details)
        return "\n".join(part for part in parts if part)


class GuichetVert(Strict):
    exists: Optional[bool] = None  # None: not known
    launched: Optional[str] = None
    url: Optional[HttpUrl] = None
    note: Optional[str] = None


class Network(Sourced):
    """A regional network, or a structure that only carries the region's guichet vert.

    ``kind: guichet_vert_carrier`` is for structures that the sources show carrying the guichet vert
    without saying they are the regional network: the answers never call them "the regional network".
    """

    id: str
    name: str
    short_name: str
    kind: Literal["network", "guichet_vert_carrier"] = "network"
    regions: conlist(str, min_items=1)  # type: ignore[valid-type]  # INSEE region codes
    description: str
    website: Optional[HttpUrl] = None
    guichet_vert: GuichetVert = GuichetVert()
    aliases: List[str] = []  # other names buyers use for it, taken from its entry ("RREDD", "MDEN")
    unverified_notes: List[str] = []

    @root_validator(skip_on_failure=True)
    def notes_mean_unverified(cls, values: dict) -> dict:
        """An entry with something left to check is not verified: its caveat is then shown."""
        if values.get("unverified_notes") and values.get("verified", True):
            entry = values.get("id")
            raise ValueError(f"{entry}: unverified_notes: an entry with notes must be verified: false")
        return values

    @property
    def is_network(self) -> bool:
        return self.kind == "network"


class NationalContacts(Sourced):
    """What to offer where no regional network is known.

    ``answer``, when given, is what the first message says; ``text`` then holds the rest (details).
    """

    answer: Optional[str] = None
    text: str
    links: List[Link] = []


class NetworksFile(Strict):
    networks: List[Network]
    national: NationalContacts


class AgecCategory(Sourced):
    id: str
    label: str
    keywords: conlist(str, min_items=1)  # type: ignore[valid-type]
    reuse_pct: Dict[str, Optional[float]] = {}
    recycled_pct: Dict[str, Optional[float]] = {}
    note: Optional[str] = None


class AgecFile(Sourced):
    law: str
    decree: str
    in_force: date
    obligation_start: Optional[date] = None  # article 58 itself, older than its current decree
    who_is_bound: str
    who_is_bound_short: Optional[str] = None  # the same buyers, in a few words for the short answer
    exemptions: str
    declaration: str
    counted_purchases: Optional[str] = None  # which purchases count (supplies inside works contracts too)
    other_public_bodies: Optional[str] = None  # public bodies the article does not name
    product_list: Optional[str] = None  # the arrêtés that list the products of each category
    decree_text: Link
    guide: Link
    categories: List[AgecCategory]


class FacilitatorEntry(Sourced):
    """A facilitator structure serving a territory (departments, communes or whole regions)."""

    structure: str
    contact_url: HttpUrl
    departments: List[str] = []
    communes: List[str] = []
    regions: List[str] = []

    @validator("regions", always=True)
    def has_territory(cls, regions: List[str], values: dict) -> List[str]:
        if not (regions or values.get("departments") or values.get("communes")):
            raise ValueError("a facilitator entry needs departments, communes or regions")
        return regions


class RegionalRoute(Sourced):
    """The regional coordination of social clauses (DREETS) for one region."""

    region: str
    coordination: str
    url: Optional[HttpUrl] = None


class FacilitatorsFile(Strict):
    entries: List[FacilitatorEntry] = []
    # what a regional coordination does for the buyer, said after its name (« …, qui {regional_role} »)
    regional_role: str = ""
    regional_routes: List[RegionalRoute] = []
    national: NationalContacts


class Guide(Sourced):
    id: str
    title: str
    publisher: str
    published: Optional[str] = None  # None: the date of publication is not known
    url: Optional[HttpUrl] = None


class GuidesFile(Strict):
    guides: List[Guide]


class Area(Strict):
    """An area that spans several regions, as buyers name where they work (« le sud-ouest »)."""

    name: str  # as shown: « le sud-ouest »
    aliases: List[str]  # matched as whole words, after normalisation
    regions: List[str]  # INSEE codes of the regions it overlaps


class GeoAliasesFile(Sourced):
    """Region aliases and common-word communes of the place resolver (read by places/gazetteer.py)."""

    aliases: Dict[str, str]  # alias -> INSEE region code (checked against the official data by the resolver)
    common_word_communes: List[str] = []
    commune_short_names: Dict[str, str] = {}  # "Aix" -> INSEE commune code of the big city it names
    department_aliases: Dict[str, str] = {}  # "Pays basque" -> code of the department it lies in
    areas: List[Area] = []  # « le sud-ouest », « les Alpes »: several regions, no official extent
    foreign: Dict[str, str] = {}  # « Bruxelles », « belge » -> the country outside France it names


class KnowledgeBase(Strict):
    topics: Dict[str, Topic]
    networks: NetworksFile
    agec: AgecFile
    facilitators: FacilitatorsFile
    guides: Dict[str, Guide]
    geo_aliases: GeoAliasesFile

    def networks_for_region(self, region_code: str) -> List[Network]:
        return [n for n in self.networks.networks if region_code in n.regions]

    def network_named(self, text: str) -> Optional[Network]:
        """The regional structure a message names by its own name ("RESECO", "Rés'Occ", "l'ARBE")."""
        plain = f" {words_of(text)} "
        for network in self.networks.networks:
            if any(f" {name} " in plain for name in network_names(network)):
                return network
        return None

    def all_entries(self) -> List[tuple]:
        """(file, label, entry) for every sourced entry, for the freshness/verification report."""
        rows: List[tuple] = [("topics.yml", t.id, t) for t in self.topics.values()]
        rows += [("networks.yml", n.id, n) for n in self.networks.networks]
        rows.append(("networks.yml", "national", self.networks.national))
        rows.append(("agec.yml", "agec", self.agec))
        rows += [("agec.yml", c.id, c) for c in self.agec.categories]
        rows += [("facilitators.yml", e.structure, e) for e in self.facilitators.entries]
        rows += [("facilitators.yml", f"route {r.region}", r) for r in self.facilitators.regional_routes]
        rows.append(("facilitators.yml", "national", self.facilitators.national))
        rows += [("guides.yml", g.id, g) for g in self.guides.values()]
        rows.append(("geo_aliases.yml", "aliases", self.geo_aliases))
        return rows


class _TextDatesLoader(yaml.SafeLoader):
    """Safe loader that leaves dates as text.

    PyYAML turns ``2026-13-45`` into a ``ValueError`` (not a ``YAMLError``) that names no field; kept as
    text, the date is validated by pydantic, whose error names the file and the field.
    """


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_TextDatesLoader)  # a SafeLoader subclass: safe
    except FileNotFoundError as error:
        raise KnowledgeError(f"{path.name}: file not found in {path.parent}") from error
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path.name}: invalid YAML: {error}") from error


def _parse(model: type, path: Path, data: object) -> BaseModel:
    try:
        return model.parse_obj(data)
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(part) for part in err['loc'])}: {err['msg']}" for err in error.errors()
        )
        raise KnowledgeError(f"{path.name}: {details}") from error


def _unique_by_id(items: List[BaseModel], path: Path) -> Dict[str, BaseModel]:
    by_id: Dict[str, BaseModel] = {}
    for item in items:
        if item.id in by_id:
            raise KnowledgeError(f"{path.name}: duplicate id '{item.id}'")
        by_id[item.id] = item
    return by_id


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """Read and validate every knowledge file; raise KnowledgeError naming the file and field."""
    directory = Path(directory)
    topics_path = directory / "topics.yml"
    guides_path = directory / "guides.yml"
    raw_topics = _read_yaml(topics_path)
    if not isinstance(raw_topics, dict) or not isinstance(raw_topics.get("topics"), list):
        raise KnowledgeError(f"{topics_path.name}: topics: a list of topics is required")
    topics = [_parse(Topic, topics_path, item) for item in raw_topics["topics"]]
    guides_file = _parse(GuidesFile, guides_path, _read_yaml(guides_path))
    parts = {
        name: _parse(model, directory / f"{name}.yml", _read_yaml(directory / f"{name}.yml"))
        for name, model in (
            ("networks", NetworksFile),
            ("agec", AgecFile),
            ("facilitators", FacilitatorsFile),
            ("geo_aliases", GeoAliasesFile),
        )
    }
    _unique_by_id(parts["networks"].networks, directory / "networks.yml")
    _unique_by_id(parts["agec"].categories, directory / "agec.yml")
    knowledge = KnowledgeBase(
        topics=_unique_by_id(topics, topics_path),
        guides=_unique_by_id(guides_file.guides, guides_path),
        **parts,
    )
    for topic in knowledge.topics.values():
        for guide_id in topic.see_also:
            if guide_id not in knowledge.guides:
                raise KnowledgeError(f"{topics_path.name}: {topic.id}.see_also: unknown guide '{guide_id}'")
    return knowledge


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The knowledge base of this process, loaded on first use."""
    return load_knowledge()


ARTICLES = re.compile(r"^(?:le|la|les|l) ")


def words_of(text: str) -> str:
    """The words of a text, normalized, separated by one space (punctuation and apostrophes dropped)."""
    return " ".join(re.findall(r"[a-z0-9]+", normalize(text)))


def network_names(network: Network) -> List[str]:
    """The normalized names a structure goes by: its short name without article, and the name before
    its first comma or parenthesis ("3AR, Association…" → "3ar"), when they are distinctive."""
    names = {ARTICLES.sub("", words_of(network.short_name))}
    names.add(words_of(re.split(r"[,(]", network.name, maxsplit=1)[0]))
    names.update(words_of(alias) for alias in network.aliases)
    return sorted(name for name in names if len(name) >= 3)
