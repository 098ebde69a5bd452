"""The official administrative data (communes, departments, regions), indexed by normalised name.

The data of the npm package ``@etalab/decoupage-administratif`` and the aliases of
``knowledge/geo_aliases.yml`` are loaded once (lazily, ``load``). Each indexed name carries a
matching level that says how sure a mention of it must be (see ``places.scan``).

Keys: ``commune:<INSEE code>``, ``departement:<code>`` (``2A``, ``974``...), ``region:<INSEE code>``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, NamedTuple, Set, Tuple

import yaml

from places.text import (
    ACRONYM_ONLY,
    AMBIGUOUS_AREAS,
    AMBIGUOUS_COMMUNES,
    CAPITAL_AREAS,
    CAPITAL_COMMUNES,
    COMMUNE_STOPLIST,
    EPCI_LINK_WORDS,
    EPCI_TYPE_WORDS,
    name_key,
)

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_DIR / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
DEFAULT_ALIASES_FILE = REPO_DIR / "knowledge" / "geo_aliases.yml"

COMMUNE, DEPARTEMENT, REGION = "commune", "departement", "region"
PRECISION = {COMMUNE: 0, DEPARTEMENT: 1, REGION: 2}  # lower is more precise
KEPT_ZONES = frozenset({"metro", "drom"})
OVERSEAS_ZONE = "com"  # collectivities outside the 18 regions (Polynésie française, Saint-Martin...)
BIG_CITY = 20_000  # communes this large may be named at the start of a message
SMALL_TOWN = 1_000  # smaller communes need a cue unless capitalised and not alone ("Real", "linge")
MID_CITY = 10_000  # homonyms of departments listed as alternatives; "a" without accent as a cue
STRIPPED_ARTICLE_CITY = 40_000  # "au havre" in lowercase (Le Havre)

# Matching levels, from the most permissive to the strictest.
FREE = "free"  # anywhere, any case (unambiguous region and department names)
PLAIN = "plain"  # default for communes: a cue, a capital letter, or the whole message
AMBIGUOUS = "ambiguous"  # common words: capital not at sentence start, a cue, or the whole message
CAPITAL = "capital"  # capital letter required (and a cue or not at sentence start)
STOP = "stop"  # procurement words: capital letter *and* a cue
EPCI = "epci"  # intercommunality names: a type word before ("CA du Boulonnais") or a distinctive spelling


class GeoDataError(RuntimeError):
    """The administrative data or the alias file is missing or invalid."""


@dataclass(frozen=True)
class Place:
    """A commune, department or region of the official data."""

    kind: str
    code: str
    name: str
    department_code: str | None
    department_name: str | None
    region_code: str
    region_name: str
    liaison: int = 0  # a department's INSEE « type de liaison »: 2 « du Cher », 3 « de la Creuse »…
    # A collectivity outside the 18 regions (zone « com » of the official data: Nouvelle-Calédonie,
    # Saint-Pierre-et-Miquelon...) or one of its communes: indexed as a department, region of its own.
    outside_regions: bool = False

    @property
    def key(self) -> str:
        """The resolver key, e.g. ``commune:35238``."""
        return f"{self.kind}:{self.code}"

    @property
    def label(self) -> str:
        """French display label: "Rennes (Ille-et-Vilaine, Bretagne)", "Finistère (29, Bretagne)"."""
        if self.kind == REGION or (self.outside_regions and self.name == self.region_name):
            return self.name  # « Saint-Martin », « Polynésie française »: no code, no region of the 18
        if self.kind == DEPARTEMENT:
            if self.name == self.region_name:
                return f"{self.name} ({self.code})"
            return f"{self.name} ({self.code}, {self.region_name})"
        if self.department_name in (self.name, self.region_name):
            return f"{self.name} ({self.region_name})"
        return f"{self.name} ({self.department_name}, {self.region_name})"


class Entry(NamedTuple):
    """One place under one indexed name."""

    key: str
    kind: str
    level: str
    population: int
    stripped: bool  # name given without its article ("au Havre")
    acronym_only: bool
    epci: bool = False  # the name of an intercommunality (resolved to its department or region)


class Gazetteer:
    """Places and the index of their normalised names (built once by ``load``)."""

    def __init__(self) -> None:
        self.places: Dict[str, Place] = {}
        self.population: Dict[str, int] = {}
        self.names: Dict[Tuple[str, ...], List[Entry]] = {}
        self.prefixes: Set[Tuple[str, ...]] = set()
        self.postcodes: Dict[str, List[str]] = {}
        self.department_codes: Set[str] = set()
        self.single_commune: Dict[str, str] = {}  # department made of one commune (Paris)
        self.foreign: Dict[Tuple[str, ...], str] = {}  # « bruxelles » -> Belgique (outside France)
        self.max_len = 0

    def add_name(self, name: str, entry: Entry) -> None:
        """Index ``entry`` under the normalised words of ``name``."""
        key = name_key(name)
        if not key:
            return
        self.names.setdefault(key, []).append(entry)
        for n in range(1, len(key) + 1):
            self.prefixes.add(key[:n])
        self.max_len = max(self.max_len, len(key))

    def sort(self) -> None:
        """Most populous candidates first, duplicates removed."""
        for key, entries in self.names.items():
            unique = {(e.key, e.stripped): e for e in entries}.values()
            self.names[key] = sorted(unique, key=lambda e: (PRECISION[e.kind], -e.population, e.key))
        for code, keys in self.postcodes.items():
            self.postcodes[code] = sorted(set(keys), key=lambda k: (-self.population[k], k))


def _read_json(path: Path) -> list:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as error:
        raise GeoDataError(
            f"Administrative data not found: {path}. Run `make install` (it installs the npm package "
            "@etalab/decoupage-administratif) or set GEO_DATA_DIR to its data folder."
        ) from error


def _read_aliases(path: Path) -> dict:
    """The alias file (its full schema is checked with the knowledge base: actions/knowledge.py)."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except FileNotFoundError as error:
        raise GeoDataError(f"Alias file not found: {path} (set GEO_ALIASES_FILE).") from error
    if not isinstance(data.get("aliases"), dict) or not data.get("sources"):
        raise GeoDataError(f"{path}: expected `sources:` and an `aliases:` mapping alias -> region code")
    return data


def _area_level(name: str) -> str:
    key = " ".join(name_key(name))
    if key in CAPITAL_AREAS:
        return CAPITAL
    return AMBIGUOUS if key in AMBIGUOUS_AREAS else FREE


def _commune_level(key: str, population: int, common_words: FrozenSet[str]) -> str:
    if key in COMMUNE_STOPLIST or len(key) <= 2:
        return STOP
    if key in CAPITAL_COMMUNES or (key in common_words and population < BIG_CITY):
        return CAPITAL
    return AMBIGUOUS if key in AMBIGUOUS_COMMUNES else PLAIN


def _build(data_dir: Path, aliases_file: Path) -> Gazetteer:
    gaz = Gazetteer()
    alias_data = _read_aliases(aliases_file)
    common_words = frozenset(str(word) for word in alias_data.get("common_word_communes") or [])

    regions = {r["code"]: r["nom"] for r in _read_json(data_dir / "regions.json") if r["zone"] in KEPT_ZONES}
    regions_of_outside: Dict[str, str] = {}
    for code, name in regions.items():
        gaz.places[f"region:{code}"] = Place(REGION, code, name, None, None, code, name)
        gaz.add_name(name, Entry(f"region:{code}", REGION, _area_level(name), 0, False, False))

    departments: Dict[str, Tuple[str, str]] = {}
    overseas: List[Place] = []
    for dept in _read_json(data_dir / "departements.json"):
        outside = dept["zone"] == OVERSEAS_ZONE
        if dept["zone"] not in KEPT_ZONES and not outside:
            continue
        code, name, region = dept["code"], dept["nom"], dept["region"]
        departments[code] = (name, region)
        gaz.department_codes.add(code.lower())
        key = f"departement:{code}"
        liaison = int(dept.get("typeLiaison") or 0)
        if outside:  # its own « region », never one of the 18: indexed after the communes (below)
            regions_of_outside[region] = name
            gaz.places[key] = Place(DEPARTEMENT, code, name, code, name, region, name, liaison, True)
            overseas.append(gaz.places[key])
            continue
        gaz.places[key] = Place(DEPARTEMENT, code, name, code, name, region, regions[region], liaison)
        gaz.add_name(name, Entry(key, DEPARTEMENT, _area_level(name), 0, False, False))

    for alias, code in alias_data["aliases"].items():
        code = str(code)
        if code not in regions:
            raise GeoDataError(f"{aliases_file}: alias {alias!r} points to unknown region code {code!r}")
        acronym_only = " ".join(name_key(str(alias))) in ACRONYM_ONLY
        gaz.add_name(str(alias), Entry(f"region:{code}", REGION, _area_level(alias), 0, False, acronym_only))

    for alias, code in (alias_data.get("department_aliases") or {}).items():
        code = str(code)
        if code not in departments:
            raise GeoDataError(f"{aliases_file}: alias {alias!r} points to unknown department code {code!r}")
        key = f"departement:{code}"
        gaz.add_name(str(alias), Entry(key, DEPARTEMENT, _area_level(alias), 0, False, False))

    per_department: Dict[str, List[str]] = {}
    for commune in _read_json(data_dir / "communes.json"):
        if commune.get("type") != "commune-actuelle" or commune.get("departement") not in departments:
            continue
        code, name, dept = commune["code"], commune["nom"], commune["departement"]
        dept_name, region = departments[dept]
        key = f"commune:{code}"
        population = int(commune.get("population") or 0)
        outside = region in regions_of_outside
        region_name = regions_of_outside[region] if outside else regions[region]
        gaz.places[key] = Place(COMMUNE, code, name, dept, dept_name, region, region_name, 0, outside)
        gaz.population[key] = population
        per_department.setdefault(dept, []).append(key)
        tokens = name_key(name)
        level = _commune_level(" ".join(tokens), population, common_words)
        gaz.add_name(name, Entry(key, COMMUNE, level, population, False, False))
        if len(tokens) > 1 and tokens[0] in ("le", "les"):
            bare = " ".join(tokens[1:])
            bare_level = STOP if _commune_level(bare, population, common_words) == STOP else level
            gaz.add_name(bare, Entry(key, COMMUNE, bare_level, population, True, False))
        for postcode in commune.get("codesPostaux") or []:
            gaz.postcodes.setdefault(postcode, []).append(key)

    for place in overseas:
        # « Saint-Martin », « Saint-Barthélemy » are also communes of the regions: named like them
        taken = any(entry.kind == COMMUNE for entry in gaz.names.get(name_key(place.name), []))
        level = AMBIGUOUS if taken else _area_level(place.name)
        gaz.add_name(place.name, Entry(place.key, DEPARTEMENT, level, 0, False, False))

    for short, code in (alias_data.get("commune_short_names") or {}).items():
        key = f"commune:{code}"
        if key not in gaz.places:
            raise GeoDataError(f"{aliases_file}: short name {short!r} points to unknown commune {code!r}")
        gaz.add_name(str(short), Entry(key, COMMUNE, PLAIN, gaz.population[key], False, False))

    for alias, country in (alias_data.get("foreign") or {}).items():
        gaz.foreign[name_key(str(alias))] = str(country)

    _add_intercommunalities(gaz, data_dir)
    gaz.single_commune = {dept: keys[0] for dept, keys in per_department.items() if len(keys) == 1}
    gaz.sort()
    return gaz


def _epci_place(gaz: Gazetteer, members: Iterable[dict]) -> str | None:
    """The key an intercommunality resolves to: its department when all its member communes are in one,
    the region when they share one, else the department of its most populous member (its usual seat)."""
    known = [
        (int(m.get("populationTotale") or 0), place)
        for m in members
        if (place := gaz.places.get(f"commune:{m.get('code')}")) is not None
    ]
    if not known:
        return None
    departments = {place.department_code for _, place in known}
    if len(departments) == 1:
        return f"departement:{departments.pop()}"
    regions_ = {place.region_code for _, place in known}
    if len(regions_) == 1:
        return f"region:{regions_.pop()}"
    return f"departement:{max(known, key=lambda pair: pair[0])[1].department_code}"


def _epci_names(name: str) -> List[Tuple[str, ...]]:
    """The names under which an intercommunality is indexed: its official name without the type word
    and its article ("CA du Boulonnais" -> "Boulonnais"), the name in brackets or quotes ("(Cap
    Atlantique)", "''Agglopolys''"), and each part of a name in parts ("Golfe du Morbihan - Vannes
    Agglomération") when it has several words (a lone "Morvan" is a natural region, not the CC)."""
    inner = [part for pair in re.findall(r"\(([^)]*)\)|''([^']*)''", name) for part in pair if part]
    base = re.sub(r"\([^)]*\)|''", " ", name)
    parts = re.split(r"\s+-\s+", base)
    names: List[Tuple[str, ...]] = []
    for part in [base, *inner, *(parts if len(parts) > 1 else [])]:
        tokens = name_key(part)
        while tokens and (tokens[0] in EPCI_TYPE_WORDS or tokens[0] in EPCI_LINK_WORDS):
            tokens = tokens[1:]
        whole_name = part == base or part in inner
        one_word = bool(tokens) and whole_name and len(tokens[0]) > 3 and tokens[0] not in COMMUNE_STOPLIST
        if len(tokens) > 1 or one_word:
            names.append(tokens)
    return names


def _add_intercommunalities(gaz: Gazetteer, data_dir: Path) -> None:
    """Index the names of the intercommunalities (EPCI, and the EPT of the Paris metropolis) when the
    data has them. Names already known as a commune, department or region are left to those, and names
    shared by intercommunalities of different places are left out."""
    found: Dict[Tuple[str, ...], Set[str]] = {}
    for file_name in ("epci.json", "ept.json"):
        path = data_dir / file_name
        if not path.exists():
            continue
        for epci in _read_json(path):
            key = _epci_place(gaz, epci.get("membres") or [])
            if key is None:
                continue
            for tokens in _epci_names(str(epci.get("nom") or "")):
                if tokens not in gaz.names:
                    found.setdefault(tokens, set()).add(key)
    for tokens, keys in found.items():
        if len(keys) == 1:
            key = keys.pop()
            entry = Entry(key, gaz.places[key].kind, EPCI, 0, False, False, True)
            gaz.add_name(" ".join(tokens), entry)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Load and index the data once (GEO_DATA_DIR and GEO_ALIASES_FILE override the default paths)."""
    data_dir = Path(os.environ.get("GEO_DATA_DIR") or DEFAULT_DATA_DIR)
    aliases_file = Path(os.environ.get("GEO_ALIASES_FILE") or DEFAULT_ALIASES_FILE)
    return _build(data_dir, aliases_file)


def resolve_key(key: str) -> Place | None:
    """The place of a key such as ``commune:29232``, ``departement:2A`` or ``region:53``; None if unknown."""
    kind, _, code = key.partition(":")
    if kind == DEPARTEMENT:
        code = code.upper()
    return load().places.get(f"{kind}:{code}")


def precision(key: str) -> int:
    """The precision rank of a resolver key: 0 for a commune, 1 for a department, 2 for a region."""
    return PRECISION[key.partition(":")[0]]


def most_precise_key(keys: Iterable[str]) -> str | None:
    """The first most precise of resolver keys (e.g. the ``location`` entity values of a message)."""
    known = [key for key in keys if resolve_key(key) is not None]
    return min(known, key=precision) if known else None


def departements() -> List[Place]:
    """The 101 departments, by code (not the collectivities outside the regions)."""
    return sorted(
        (p for p in load().places.values() if p.kind == DEPARTEMENT and not p.outside_regions),
        key=lambda p: p.code,
    )


def regions() -> List[Place]:
    """The 18 regions, by code."""
    return sorted((p for p in load().places.values() if p.kind == REGION), key=lambda p: p.code)
