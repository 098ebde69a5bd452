"""Location resolver over the official etalab administrative data (communes, departments, regions).

Pure Python, no Rasa import. The data of the npm package ``@etalab/decoupage-administratif`` is
loaded once (lazily) and indexed by normalised name; ``find_locations`` scans the token n-grams of a
French message against that index and keeps only the mentions that look like places.

Keys: ``commune:<INSEE code>``, ``departement:<code>`` (``2A``, ``974``...), ``region:<INSEE code>``.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, NamedTuple, Sequence, Set, Tuple

import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_DIR / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
DEFAULT_ALIASES_FILE = REPO_DIR / "knowledge" / "geo_aliases.yml"

COMMUNE, DEPARTEMENT, REGION = "commune", "departement", "region"
PRECISION = {COMMUNE: 0, DEPARTEMENT: 1, REGION: 2}  # lower is more precise
KEPT_ZONES = frozenset({"metro", "drom"})
MAX_ALTERNATIVES = 10
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

# Communes named like procurement words, short words or first names: capital letter and cue needed.
COMMUNE_STOPLIST = frozenset(
    """
    lot lots marche marches bureau bureaux papier papiers achat achats prix cout bois vert verte plan plans
    label ville villes bio jardin vers contre port place rue pont mont bourg champ champs montagne mer
    chateau ecole ligne grand vieux bonne avril mars mai juin son pin bar bus job die vue don eve sos lux
    ore ens gas ham pis our ver cours bains serres forges salles beaux centres union hopital linge
    marie mathieu romain francois remy fleury gaillard baron bonnet barre roche riviere humbert perrier
    besson boyer brunet guerin bouchet bailly royer
    """.split()
) | frozenset({"l hopital", "l union"})
# Large communes whose name is also a common word ("Orange", "Tours", "Nice"...).
AMBIGUOUS_COMMUNES = frozenset(
    "orange tours nice sens vienne plaisir grasse gap menton fontaine saintes moulins".split()
)
# Large communes named like a common noun phrase: capital letter needed ("Le Port", not "le port").
CAPITAL_COMMUNES = frozenset(
    "la garde|le port|la possession|le moule|la madeleine|le robert|le gosier|le tampon".split("|")
)
# Departments, regions and aliases that are also common words.
AMBIGUOUS_AREAS = frozenset(
    "ain|allier|aube|aude|cher|creuse|jura|landes|marne|orne|var|vienne|cantal|calvados|corse|lorraine"
    "|limousin|bourgogne|grand est|loire".split("|")
)
CAPITAL_AREAS = frozenset({"lot", "manche", "somme", "nord", "reunion", "la reunion", "aura"})
ACRONYM_ONLY = frozenset({"aura"})  # "il aura" is a verb: only "AURA" / "AuRA"

ARTICLES = frozenset({"le", "la", "les", "l"})
CONTRACTIONS = frozenset({"au", "du", "aux", "des"})
_DE = ("de", "d", "du", "des")
COMMUNE_CUES: FrozenSet[Tuple[str, ...]] = frozenset(
    {("au",), ("aux",)}
    | {
        (word, de)
        for word in "ville commune mairie metropole agglomeration agglo pres proche autour environs".split()
        for de in _DE
    }
)
_DEPARTEMENT_WORDS = ("departement", "departements", "dept", "dpt", "dep")
AREA_CUES: FrozenSet[Tuple[str, ...]] = frozenset(
    {("dans", article) for article in ("le", "la", "les", "l")}
    | {("region",)}
    | {("region", de) for de in _DE}
    | {(word,) for word in _DEPARTEMENT_WORDS}
    | {(word, de) for word in _DEPARTEMENT_WORDS for de in _DE}
    | {(word, "de", article) for word in _DEPARTEMENT_WORDS for article in ("la", "l")}
)
WEAK_CUES = frozenset({"sur", "vers"})  # plus "a" typed without its accent
DEPT_NUMBER_CUES: FrozenSet[Tuple[str, ...]] = frozenset(
    {("le",), ("du",), ("dans", "le"), ("en",)} | {(word,) for word in _DEPARTEMENT_WORDS}
)
# Before "le 12" / "du 15", these make a date, not a department ("à partir du 15", "avant le 12").
DATE_WORDS = frozenset(
    """
    partir depuis avant apres jusqu date jour rendez vous reunion limite echeance delai prevu prevue
    lundi mardi mercredi jeudi vendredi samedi dimanche
    """.split()
)
# Before a person or a company, not a place ("M. Fleury", "chez Orange").
PERSON_CUES = frozenset(
    "m mr mme mlle monsieur madame mademoiselle dr docteur me maitre appelle prenom chez".split()
)
NEGATION_SKIP = frozenset("a au aux en dans le la les l sur vers de d du des".split())
MONEY_WORDS = frozenset(
    "budget montant somme cout prix seuil plafond total enveloppe valeur chiffre tarif depense".split()
)
UNIT_WORDS = frozenset(
    """
    eur euro euros e k ke keur m me meur million millions milliard milliards ht ttc pourcent pct cent
    an ans annee annees mois jour jours semaine semaines heure heures h min minute minutes seconde
    kg g t tonne tonnes km m2 m3 l litre litres kwh mwh gwh agents salaries personnes habitants eleves
    enfants lits places repas unites exemplaires pages feuilles ramettes articles pieces lots postes
    ordinateurs fois x fournisseurs entreprises marches contrats points au
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
    janv fev fevr avr juil sept oct nov dec
    """.split()
)
# Words that may surround a place in a one-line answer ("à Quimper", "non, plutôt en Bretagne").
FILLERS = frozenset(
    """
    a au aux en dans le la les l de d du des sur vers pres proche je j suis sommes travaille travaillons
    habite c est ici merci svp stp plutot non oui ok alors et ou moi nous on bonjour base basee bases situe
    situee euh ah pardon plus precisement exactement voila bien sur mais pas
    """.split()
)

_TOKEN_RE = re.compile(r"[^\W_]+")
_SENTENCE_END_RE = re.compile(r"[.!?\n…]")
_NUMBER_AFTER_RE = re.compile(r"\s*\d{1,3}(?!\d)")
_UNIT_AFTER_RE = re.compile(r"\s*(?:%|€|\$|£|/|°|[.,]\d|:\d)")
_OF_FRANCE_RE = re.compile(r"\s+(?:de la France|du pays)\b", re.IGNORECASE)  # "le Nord de la France"


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

    @property
    def key(self) -> str:
        """The resolver key, e.g. ``commune:35238``."""
        return f"{self.kind}:{self.code}"

    @property
    def label(self) -> str:
        """French display label: "Rennes (Ille-et-Vilaine, Bretagne)", "Finistère (29, Bretagne)"."""
        if self.kind == REGION:
            return self.name
        if self.kind == DEPARTEMENT:
            if self.name == self.region_name:
                return f"{self.name} ({self.code})"
            return f"{self.name} ({self.code}, {self.region_name})"
        if self.department_name in (self.name, self.region_name):
            return f"{self.name} ({self.region_name})"
        return f"{self.name} ({self.department_name}, {self.region_name})"


@dataclass
class LocationMatch:
    """A place mention: character offsets in the message, resolver key, other candidate keys."""

    start: int
    end: int
    text: str
    key: str
    alternatives: List[str] = field(default_factory=list)
    negated: bool = False  # "pas à Paris"

    @property
    def place(self) -> Place:
        """The matched place."""
        place = resolve_key(self.key)
        assert place is not None
        return place


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    norm: str


class _Entry(NamedTuple):
    key: str
    kind: str
    level: str
    population: int
    stripped: bool  # name given without its article ("au Havre")
    acronym_only: bool


@dataclass
class _Context:
    cues: FrozenSet[str]
    capitalised: bool
    initial: bool
    whole: bool
    number_follows: bool
    of_france: bool
    person: bool
    acronym: bool


@dataclass
class _RawMatch:
    i: int
    j: int
    kind: str
    candidates: List[str]  # same kind, most populous first
    cross: List[str]  # homonyms of another kind
    source: str  # "name", "postcode" or "number"
    negated: bool


class Gazetteer:
    """Places and the index of their normalised names (built once by ``load``)."""

    def __init__(self) -> None:
        self.places: Dict[str, Place] = {}
        self.population: Dict[str, int] = {}
        self.names: Dict[Tuple[str, ...], List[_Entry]] = {}
        self.prefixes: Set[Tuple[str, ...]] = set()
        self.postcodes: Dict[str, List[str]] = {}
        self.department_codes: Set[str] = set()
        self.single_commune: Dict[str, str] = {}  # department made of one commune (Paris)
        self.max_len = 0

    def add_name(self, name: str, entry: _Entry) -> None:
        """Index ``entry`` under the normalised tokens of ``name``."""
        key = normalise(name)
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


@lru_cache(maxsize=20_000)
def _normalise_word(word: str) -> str:
    word = word.lower().replace("œ", "oe").replace("æ", "ae")
    word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}.get(word, word)


def normalise(text: str) -> Tuple[str, ...]:
    """Lowercase, accent-free tokens; hyphens and apostrophes split words; st/ste -> saint/sainte."""
    return tuple(_normalise_word(m.group()) for m in _TOKEN_RE.finditer(text))


def _tokenize(text: str) -> List[_Token]:
    return [
        _Token(m.group(), m.start(), m.end(), _normalise_word(m.group())) for m in _TOKEN_RE.finditer(text)
    ]


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
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except FileNotFoundError as error:
        raise GeoDataError(f"Alias file not found: {path} (set GEO_ALIASES_FILE).") from error
    if not isinstance(data.get("aliases"), dict) or not data.get("sources"):
        raise GeoDataError(f"{path}: expected `sources:` and an `aliases:` mapping alias -> region code")
    return data


def _area_level(name: str) -> str:
    key = " ".join(normalise(name))
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
    for code, name in regions.items():
        gaz.places[f"region:{code}"] = Place(REGION, code, name, None, None, code, name)
        gaz.add_name(name, _Entry(f"region:{code}", REGION, _area_level(name), 0, False, False))

    departments: Dict[str, Tuple[str, str]] = {}
    for dept in _read_json(data_dir / "departements.json"):
        if dept["zone"] not in KEPT_ZONES:
            continue
        code, name, region = dept["code"], dept["nom"], dept["region"]
        departments[code] = (name, region)
        gaz.department_codes.add(code.lower())
        key = f"departement:{code}"
        gaz.places[key] = Place(DEPARTEMENT, code, name, code, name, region, regions[region])
        gaz.add_name(name, _Entry(key, DEPARTEMENT, _area_level(name), 0, False, False))

    for alias, code in alias_data["aliases"].items():
        code = str(code)
        if code not in regions:
            raise GeoDataError(f"{aliases_file}: alias {alias!r} points to unknown region code {code!r}")
        acronym_only = " ".join(normalise(str(alias))) in ACRONYM_ONLY
        gaz.add_name(str(alias), _Entry(f"region:{code}", REGION, _area_level(alias), 0, False, acronym_only))

    per_department: Dict[str, List[str]] = {}
    for commune in _read_json(data_dir / "communes.json"):
        if commune.get("type") != "commune-actuelle" or commune.get("departement") not in departments:
            continue
        code, name, dept = commune["code"], commune["nom"], commune["departement"]
        dept_name, region = departments[dept]
        key = f"commune:{code}"
        population = int(commune.get("population") or 0)
        gaz.places[key] = Place(COMMUNE, code, name, dept, dept_name, region, regions[region])
        gaz.population[key] = population
        per_department.setdefault(dept, []).append(key)
        tokens = normalise(name)
        level = _commune_level(" ".join(tokens), population, common_words)
        gaz.add_name(name, _Entry(key, COMMUNE, level, population, False, False))
        if len(tokens) > 1 and tokens[0] in ("le", "les"):
            bare = " ".join(tokens[1:])
            bare_level = STOP if _commune_level(bare, population, common_words) == STOP else level
            gaz.add_name(bare, _Entry(key, COMMUNE, bare_level, population, True, False))
        for postcode in commune.get("codesPostaux") or []:
            gaz.postcodes.setdefault(postcode, []).append(key)

    gaz.single_commune = {dept: keys[0] for dept, keys in per_department.items() if len(keys) == 1}
    gaz.sort()
    return gaz


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


def departements() -> List[Place]:
    """The 101 departments, by code."""
    return sorted((p for p in load().places.values() if p.kind == DEPARTEMENT), key=lambda p: p.code)


def regions() -> List[Place]:
    """The 18 regions, by code."""
    return sorted((p for p in load().places.values() if p.kind == REGION), key=lambda p: p.code)


# --- scanning -----------------------------------------------------------------------------------


def _name_lengths(gaz: Gazetteer, tokens: Sequence[_Token], i: int) -> List[int]:
    """Lengths n (longest first) such that tokens[i:i+n] is an indexed name."""
    lengths: List[int] = []
    key: Tuple[str, ...] = ()
    for j in range(i, min(len(tokens), i + gaz.max_len)):
        key = key + (tokens[j].norm,)
        if key not in gaz.prefixes:
            break
        if key in gaz.names:
            lengths.append(j - i + 1)
    return lengths[::-1]


def _is_number_candidate(gaz: Gazetteer, norm: str) -> bool:
    return norm in gaz.department_codes or (len(norm) == 5 and norm in gaz.postcodes)


def _is_whole_message(gaz: Gazetteer, tokens: Sequence[_Token]) -> bool:
    """True when the message is only place names and filler words ("non, plutôt Quimper")."""
    covered, i = False, 0
    while i < len(tokens):
        lengths = _name_lengths(gaz, tokens, i)
        if lengths or _is_number_candidate(gaz, tokens[i].norm):
            covered, i = True, i + (lengths[0] if lengths else 1)
        elif tokens[i].norm in FILLERS:
            i += 1
        else:
            return False
    return covered


def _gap(text: str, tokens: Sequence[_Token], i: int) -> str:
    """The characters between token i-1 and token i (the text before token 0)."""
    return text[tokens[i - 1].end if i else 0 : tokens[i].start]


def _is_initial(text: str, tokens: Sequence[_Token], i: int) -> bool:
    return i == 0 or bool(_SENTENCE_END_RE.search(_gap(text, tokens, i)))


def _cues(text: str, tokens: Sequence[_Token], i: int, j: int) -> FrozenSet[str]:
    """Location cues before tokens[i:j]: commune, area, paren, en, weak, contraction."""
    cues: Set[str] = set()
    before = [t.norm for t in tokens[max(0, i - 3) : i]]
    for n in (1, 2, 3):
        if n > len(before) or _SENTENCE_END_RE.search(_gap(text, tokens, i - n + 1)):
            break
        seq = tuple(before[-n:])
        if seq in COMMUNE_CUES:
            cues.add("commune")
        if seq in AREA_CUES:
            cues.add("area")
        if seq in DEPT_NUMBER_CUES:
            cues.add("number")
    if i and not _SENTENCE_END_RE.search(_gap(text, tokens, i)):
        previous = tokens[i - 1]
        lower = previous.text.lower()
        if lower == "à":
            cues.add("commune")
        elif lower == "a" or previous.norm in WEAK_CUES:
            cues.add("weak")
        if previous.norm == "en":
            cues.add("en")
        if previous.norm in CONTRACTIONS:
            cues.add("contraction")
    if text[: tokens[i].start].rstrip().endswith("(") and text[tokens[j - 1].end :].lstrip().startswith(")"):
        cues.add("paren")
    return frozenset(cues)


def _is_negated(text: str, tokens: Sequence[_Token], i: int) -> bool:
    """'pas' right before the mention or its cue words ("pas à Paris", "pas dans le Nord")."""
    k = i
    while k > 0 and not re.search(r"[^\s']", _gap(text, tokens, k)):
        k -= 1
        if tokens[k].norm == "pas":
            return True
        if tokens[k].norm not in NEGATION_SKIP:
            return False
    return False


def _context(text: str, tokens: Sequence[_Token], i: int, j: int, whole: bool) -> _Context:
    first = tokens[i].text
    capitalised = first[:1].isupper() or (
        tokens[i].norm in ARTICLES and j - i > 1 and tokens[i + 1].text[:1].isupper()
    )
    return _Context(
        cues=_cues(text, tokens, i, j),
        capitalised=capitalised,
        initial=_is_initial(text, tokens, i),
        whole=whole,
        number_follows=bool(_NUMBER_AFTER_RE.match(text, tokens[j - 1].end)),
        of_france=bool(_OF_FRANCE_RE.match(text, tokens[j - 1].end)),
        person=i > 0 and tokens[i - 1].norm in PERSON_CUES,
        acronym=sum(ch.isupper() for ch in first) >= 2,
    )


def _accepts(entry: _Entry, ctx: _Context) -> bool:
    """Whether a name candidate counts as a place in this context."""
    strong = bool(ctx.cues & {"commune", "area", "paren"})
    if entry.stripped:
        return (
            entry.level != STOP
            and "contraction" in ctx.cues
            and (ctx.capitalised or entry.population >= STRIPPED_ARTICLE_CITY)
        )
    if entry.acronym_only and not ctx.acronym:
        return False
    if entry.level == FREE:
        return True
    if ctx.number_follows and entry.level != PLAIN and "paren" not in ctx.cues:
        return False  # "Lot 2", "Orange 3" (but "Paris 11e")
    if ctx.of_france:
        return False
    is_commune = entry.kind == COMMUNE
    if is_commune and ctx.person:
        return False
    if entry.level == STOP:
        return ctx.capitalised and strong
    if entry.level == CAPITAL:
        if is_commune:
            return ctx.capitalised and (
                strong or (entry.population >= SMALL_TOWN and (not ctx.initial or ctx.whole))
            )
        return ctx.capitalised and (strong or not ctx.initial or ctx.whole)
    if entry.level == AMBIGUOUS:
        return (
            (ctx.capitalised and not ctx.initial)
            or strong
            or ctx.whole
            or (entry.kind == REGION and "en" in ctx.cues)
        )
    return (
        strong
        or (ctx.whole and (ctx.capitalised or entry.population >= SMALL_TOWN))
        or (ctx.capitalised and not ctx.initial and entry.population >= SMALL_TOWN)
        or (ctx.capitalised and entry.population >= BIG_CITY)
        or ("weak" in ctx.cues and entry.population >= MID_CITY)
    )


def _contains(gaz: Gazetteer, outer: str, inner: str) -> bool:
    """Whether place ``outer`` contains (or is) place ``inner``."""
    a, b = gaz.places[outer], gaz.places[inner]
    if a.kind == REGION:
        return b.region_code == a.code
    if a.kind == DEPARTEMENT:
        return b.department_code == a.code
    return a.code == b.code and b.kind == COMMUNE


def _choose(
    gaz: Gazetteer, entries: List[_Entry], accepted: List[_Entry], ctx: _Context
) -> Tuple[str, List[str], List[str]]:
    """Pick the kind of a name with homonyms of several kinds; returns (kind, candidates, cross)."""
    communes = [e.key for e in accepted if e.kind == COMMUNE]
    areas = [e.key for e in accepted if e.kind != COMMUNE]  # departments before regions
    single = gaz.single_commune.get(gaz.places[areas[0]].code) if areas else None
    big = any(e.population >= MID_CITY for e in accepted if e.kind == COMMUNE)
    if communes and (not areas or ("commune" in ctx.cues and big)):
        chosen = communes  # "à Vienne" is the city, "à la Réunion" the island
    elif single in {e.key for e in entries} and "area" not in ctx.cues:
        chosen = [single]  # Paris: the department is one commune
    else:
        chosen = areas[:1]
    kind = gaz.places[chosen[0]].kind
    cross = []
    for entry in entries:
        if entry.kind == kind or entry.key in cross:
            continue
        if entry.kind == COMMUNE and entry.population < MID_CITY:
            continue
        if any(_contains(gaz, entry.key, c) or _contains(gaz, c, entry.key) for c in chosen):
            continue
        cross.append(entry.key)
    return kind, chosen, cross


def _match_name(gaz: Gazetteer, text: str, tokens: Sequence[_Token], i: int, whole: bool) -> _RawMatch | None:
    for n in _name_lengths(gaz, tokens, i):
        entries = gaz.names[tuple(t.norm for t in tokens[i : i + n])]
        ctx = _context(text, tokens, i, i + n, whole)
        accepted = [e for e in entries if _accepts(e, ctx)]
        if accepted:
            kind, chosen, cross = _choose(gaz, entries, accepted, ctx)
            return _RawMatch(i, i + n, kind, chosen, cross, "name", _is_negated(text, tokens, i))
    return None


def _overtaken(gaz: Gazetteer, text: str, tokens: Sequence[_Token], match: _RawMatch, whole: bool) -> bool:
    """Whether a place starting inside ``match`` ends after it (the longest mention wins)."""
    for k in range(match.i + 1, match.j):
        other = _match_name(gaz, text, tokens, k, whole)
        if other and other.j > match.j:
            return True
    return False


def _unit_follows(text: str, tokens: Sequence[_Token], i: int) -> bool:
    """'25 %', '40000 €', '35000 euros', 'le 15 mars', 'le 35 000'."""
    if _UNIT_AFTER_RE.match(text, tokens[i].end):
        return True
    if i + 1 < len(tokens) and not _SENTENCE_END_RE.search(_gap(text, tokens, i + 1)):
        following = tokens[i + 1].norm
        if following in UNIT_WORDS or following.isdigit():
            return True
        if following == "pour" and i + 2 < len(tokens) and tokens[i + 2].norm == "cent":
            return True
    return False


def _match_number(
    gaz: Gazetteer, text: str, tokens: Sequence[_Token], i: int, whole: bool
) -> _RawMatch | None:
    norm = tokens[i].norm
    if not _is_number_candidate(gaz, norm) or _unit_follows(text, tokens, i):
        return None
    negated = _is_negated(text, tokens, i)
    if len(norm) == 5 and norm.isdigit():
        if {t.norm for t in tokens[max(0, i - 3) : i]} & MONEY_WORDS:
            return None
        return _RawMatch(i, i + 1, COMMUNE, list(gaz.postcodes[norm]), [], "postcode", negated)
    cues = _cues(text, tokens, i, i + 1)
    if "number" in cues and not cues & {"area", "paren"}:
        if {t.norm for t in tokens[max(0, i - 4) : i]} & DATE_WORDS:
            return None  # "à partir du 15", "la réunion est le 12"
    if whole or cues & {"number", "paren"}:
        return _RawMatch(i, i + 1, DEPARTEMENT, [f"departement:{norm.upper()}"], [], "number", negated)
    return None


def _pick(gaz: Gazetteer, candidates: List[str], preferred: Set[str], depts: Set[str], regs: Set[str]) -> str:
    for test in (
        lambda key: key in preferred,
        lambda key: gaz.places[key].department_code in depts,
        lambda key: gaz.places[key].region_code in regs,
    ):
        for key in candidates:
            if test(key):
                return key
    return candidates[0]


def _resolve(
    gaz: Gazetteer, text: str, tokens: Sequence[_Token], raw: List[_RawMatch]
) -> List[LocationMatch]:
    """Disambiguate homonyms with the other places of the message and build the matches."""
    depts: Set[str] = set()
    regs: Set[str] = set()
    for match in raw:
        place = gaz.places[match.candidates[0]]
        if match.kind == DEPARTEMENT:
            depts.add(place.code)
            regs.add(place.region_code)
        elif match.kind == REGION:
            regs.add(place.code)
    by_postcode = {key for m in raw if m.source == "postcode" for key in m.candidates}
    by_name = {key for m in raw if m.source == "name" and m.kind == COMMUNE for key in m.candidates}

    results: List[LocationMatch] = []
    for match in raw:
        preferred = by_name if match.source == "postcode" else by_postcode
        key = match.candidates[0]
        if match.kind == COMMUNE:
            key = _pick(gaz, match.candidates, preferred, depts, regs)
        others = [k for k in match.candidates if k != key][:MAX_ALTERNATIVES]
        start, end = tokens[match.i].start, tokens[match.j - 1].end
        results.append(LocationMatch(start, end, text[start:end], key, others + match.cross, match.negated))
    return results


def find_locations(text: str) -> List[LocationMatch]:
    """Every place mentioned in a free-text French message, in order (longest name wins)."""
    gaz = load()
    tokens = _tokenize(text)
    if not tokens:
        return []
    whole = _is_whole_message(gaz, tokens)
    raw: List[_RawMatch] = []
    i = 0
    while i < len(tokens):
        match = _match_name(gaz, text, tokens, i, whole)
        if match and _overtaken(gaz, text, tokens, match, whole):
            i += 1  # "dans le Val-de-Marne": not "Le Val" then "Marne"
            continue
        match = match or _match_number(gaz, text, tokens, i, whole)
        if match:
            raw.append(match)
            i = match.j
        else:
            i += 1
    return _resolve(gaz, text, tokens, raw)


def most_precise(matches: Iterable[LocationMatch]) -> LocationMatch | None:
    """The first most precise match (commune > departement > region), ignoring negated mentions."""
    kept = [m for m in matches if not m.negated]
    if not kept:
        return None
    return min(kept, key=lambda m: PRECISION[m.key.partition(":")[0]])


def most_precise_key(keys: Iterable[str]) -> str | None:
    """The first most precise of resolver keys (e.g. the ``location`` entity values of a message)."""
    known = [key for key in keys if resolve_key(key) is not None]
    if not known:
        return None
    return min(known, key=lambda key: PRECISION[key.partition(":")[0]])


def resolve_text(text: str) -> Place | None:
    """The most precise place mentioned in ``text`` (commune > departement > region), or None."""
    match = most_precise(find_locations(text))
    return match.place if match else None
