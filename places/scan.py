"""Finds the places a free-text French message mentions.

``find_locations`` scans the token n-grams of a message against the gazetteer's index of names (and
department numbers, postcodes) and keeps only the mentions that look like places in their context:
cue words, capital letters, the message being only a place, what follows the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from places.gazetteer import (
    AMBIGUOUS,
    BIG_CITY,
    CAPITAL,
    COMMUNE,
    DEPARTEMENT,
    EPCI,
    FREE,
    MID_CITY,
    PLAIN,
    REGION,
    SMALL_TOWN,
    STOP,
    STRIPPED_ARTICLE_CITY,
    Entry,
    Gazetteer,
    Place,
    load,
    precision,
    resolve_key,
)
from places.text import (
    AREA_CUES,
    ARTICLES,
    COMMUNE_CUES,
    CONTRACTIONS,
    DATE_WORDS,
    DEPT_NUMBER_CUES,
    EPCI_CAPITAL_TYPE_WORDS,
    EPCI_COMMON_WORDS,
    EPCI_LINK_WORDS,
    EPCI_LOWER_WORDS,
    EPCI_TYPE_WORDS,
    FILLERS,
    MONEY_WORDS,
    NEGATION_SKIP,
    PERSON_CUES,
    SERVICE_NOUNS,
    UNIT_WORDS,
    WEAK_CUES,
    Token,
    tokenize,
)

MAX_ALTERNATIVES = 10

_SENTENCE_END_RE = re.compile(r"[.!?\n…]")
_NUMBER_AFTER_RE = re.compile(r"\s*\d{1,3}(?!\d)")
_HEADING_RE = re.compile(r"\s*[:;,-]\s")
_UNIT_AFTER_RE = re.compile(r"\s*(?:%|€|\$|£|/|°|[.,]\d|:\d)")
_OF_FRANCE_RE = re.compile(r"\s+(?:de la France|du pays)\b", re.IGNORECASE)  # "le Nord de la France"


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
    titled: bool  # every word of the mention but link words capitalised ("Plaine Commune")
    size: int  # number of words
    final: bool = False  # the mention ends the message ("reseau achats durables marseille ?")


@dataclass
class _RawMatch:
    i: int
    j: int
    kind: str
    candidates: List[str]  # same kind, most populous first
    cross: List[str]  # homonyms of another kind
    source: str  # "name", "postcode" or "number"
    negated: bool


def _name_lengths(gaz: Gazetteer, tokens: Sequence[Token], i: int) -> List[int]:
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


def _is_whole_message(gaz: Gazetteer, tokens: Sequence[Token]) -> bool:
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


def _gap(text: str, tokens: Sequence[Token], i: int) -> str:
    """The characters between token i-1 and token i (the text before token 0)."""
    return text[tokens[i - 1].end if i else 0 : tokens[i].start]


def _is_initial(text: str, tokens: Sequence[Token], i: int) -> bool:
    return i == 0 or bool(_SENTENCE_END_RE.search(_gap(text, tokens, i)))


def _cues(text: str, tokens: Sequence[Token], i: int, j: int) -> FrozenSet[str]:
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
        if previous.norm in SERVICE_NOUNS:
            cues.add("service")
    if _epci_cue(text, tokens, i):
        cues.add("epci")
    if text[: tokens[i].start].rstrip().endswith("(") and text[tokens[j - 1].end :].lstrip().startswith(")"):
        cues.add("paren")
    if _HEADING_RE.match(text, tokens[j - 1].end) and all(t.norm in ARTICLES for t in tokens[:i]):
        cues.add("heading")  # "Corse : un réseau ?", the place first, as a heading
    return frozenset(cues)


def _epci_cue(text: str, tokens: Sequence[Token], i: int) -> bool:
    """A word naming an intercommunality's type right before tokens[i], maybe with link words between
    ("CA du", "communauté de communes du", "l'EPT", "agglo de la")."""
    k = i - 1
    while k >= 0 and i - k <= 3 and tokens[k].norm in EPCI_LINK_WORDS:
        k -= 1
    if k < 0 or _SENTENCE_END_RE.search(text[tokens[k].end : tokens[i].start]):
        return False
    word = tokens[k]
    if word.norm in EPCI_CAPITAL_TYPE_WORDS:
        return word.text.isupper()
    return word.norm in EPCI_TYPE_WORDS


def _epci_accepts(ctx: _Context, words: Sequence[Token]) -> bool:
    """An intercommunality's name: after a type word, or spelt as a name (several capitalised words,
    an acronym, or one word that says agglomeration or metropolis: "Agglopolys")."""
    if "epci" in ctx.cues:
        return True
    if ctx.size > 1:
        return ctx.titled and not ctx.person
    word = words[0].norm
    if word in EPCI_COMMON_WORDS:
        return False
    spelt_as_agglomeration = ctx.capitalised and ("agglo" in word or "metropol" in word)
    return (ctx.whole and ctx.capitalised) or ctx.acronym or spelt_as_agglomeration


_FINAL_RE = re.compile(r"[\s?!.]*$")


def _ends_message(text: str, end: int) -> bool:
    """Only punctuation follows position ``end`` of the message."""
    return bool(_FINAL_RE.match(text, end))


def _is_negated(text: str, tokens: Sequence[Token], i: int) -> bool:
    """'pas' right before the mention or its cue words ("pas à Paris", "pas dans le Nord")."""
    k = i
    while k > 0 and not re.search(r"[^\s']", _gap(text, tokens, k)):
        k -= 1
        if tokens[k].norm == "pas":
            return True
        if tokens[k].norm not in NEGATION_SKIP:
            return False
    return False


def _context(text: str, tokens: Sequence[Token], i: int, j: int, whole: bool) -> _Context:
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
        titled=all(t.text[:1].isupper() or t.norm in EPCI_LOWER_WORDS for t in tokens[i:j]),
        size=j - i,
        final=_ends_message(text, tokens[j - 1].end),
    )


def _accepts(entry: Entry, ctx: _Context, words: Sequence[Token] = ()) -> bool:
    """Whether a name candidate counts as a place in this context (``words``: the mention)."""
    strong = bool(ctx.cues & {"commune", "area", "paren", "epci"})
    if entry.stripped:
        return (
            entry.level != STOP
            and "contraction" in ctx.cues
            and (ctx.capitalised or entry.population >= STRIPPED_ARTICLE_CITY)
        )
    if entry.acronym_only and not ctx.acronym:
        return False
    if entry.level == EPCI:
        return _epci_accepts(ctx, words)
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
            (ctx.capitalised and (not ctx.initial or "heading" in ctx.cues))
            or strong
            or ctx.whole
            or (entry.kind == REGION and "en" in ctx.cues)
            or "service" in ctx.cues  # "réseau grand est ?"
        )
    return (
        strong
        or (ctx.whole and (ctx.capitalised or entry.population >= SMALL_TOWN))
        or (ctx.capitalised and not ctx.initial and entry.population >= SMALL_TOWN)
        or (ctx.capitalised and entry.population >= BIG_CITY)
        # a big city ending a message that asks about something else first ("reseau achats marseille ?")
        or (ctx.final and not ctx.initial and entry.population >= BIG_CITY)
        or ("weak" in ctx.cues and entry.population >= MID_CITY)
        # a town heading the message, capitalised ("Saint-Omer, mairie : un réseau ?")
        or ("heading" in ctx.cues and ctx.capitalised and entry.population >= MID_CITY)
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
    gaz: Gazetteer, entries: List[Entry], accepted: List[Entry], ctx: _Context
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


# Misspelled names ("bordeau", "Clermont Ferrant", "montpelier"): only towns of MID_CITY inhabitants or
# more whose name is no common word (level PLAIN), and department or region names (level FREE), at least
# FUZZY_MIN_CHARS long; one edit allowed, two from FUZZY_TWO_EDITS characters on. A misspelled name
# counts only after a place cue ("ville de", "à", "dans le", "en"), as the whole message, or as a name of
# several words whose first one is right ("Clermont Ferrant").
FUZZY_MIN_CHARS = 6
FUZZY_MIN_CAPITALISED = 5  # "à Nante": a capitalised word after a place cue
FUZZY_TWO_EDITS = 11
FUZZY_MAX_TOKENS = 3


def _fuzzy_target(entry: Entry) -> bool:
    if entry.stripped or entry.acronym_only:
        return False
    if entry.kind == COMMUNE:
        return entry.level == PLAIN and entry.population >= MID_CITY
    return entry.level == FREE


FuzzyIndex = Dict[Tuple[str, ...], List[Tuple[str, Tuple[str, ...]]]]


@lru_cache(maxsize=1)
def _fuzzy_index() -> Tuple[FuzzyIndex, FuzzyIndex]:
    """Names that may be found misspelled: by (first letter, number of words, length), and the names of
    several words by (first word, number of words), for "Clermont Ferrant" written without any cue."""
    gaz = load()
    by_length: FuzzyIndex = {}
    by_first_word: FuzzyIndex = {}
    for key, entries in gaz.names.items():
        joined = " ".join(key)
        if len(joined) < FUZZY_MIN_CAPITALISED or not any(_fuzzy_target(e) for e in entries):
            continue
        by_length.setdefault((joined[0], str(len(key)), str(len(joined))), []).append((joined, key))
        if len(key) > 1 and key[0] not in ARTICLES and len(key[0]) > 3:
            by_first_word.setdefault((key[0], str(len(key))), []).append((joined, key))
    return by_length, by_first_word


def prepare() -> None:
    """Builds the gazetteer and the index of misspellable names now rather than on the first message."""
    _fuzzy_index()


def _within(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance between ``a`` and ``b`` is at most ``limit`` (small limits only)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for x, char_a in enumerate(a, 1):
        current = [x]
        for y, char_b in enumerate(b, 1):
            current.append(min(previous[y] + 1, current[y - 1] + 1, previous[y - 1] + (char_a != char_b)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _fuzzy_name(
    gaz: Gazetteer, tokens: Sequence[Token], i: int, size: int, anywhere: bool, min_chars: int
) -> Optional[Tuple[str, ...]]:
    """The indexed name that tokens[i:i+size], not a name themselves, misspell, if exactly one does;
    without a place context (``anywhere`` false), only a name of several words whose first is exact."""
    words = tuple(t.norm for t in tokens[i : i + size])
    joined = " ".join(words)
    if len(joined) < min_chars or words in gaz.names or not all(w.isalpha() for w in words):
        return None
    by_length, by_first_word = _fuzzy_index()
    found = set()
    if anywhere:  # one letter missing or added ("bordeau", "toulousse"): a changed letter makes words
        for n in (len(joined) - 1, len(joined) + 1):  # ("savoir" is no Savoie, "moyenne" no Mayenne)
            found |= {
                key
                for name, key in by_length.get((joined[0], str(size), str(n)), [])
                if _one_indel(joined, name)
            }
    if size > 1:  # "Clermont Ferrant": the first word right, then any small typo
        limit = 2 if len(joined) >= FUZZY_TWO_EDITS else 1
        found |= {
            key for name, key in by_first_word.get((words[0], str(size)), []) if _within(joined, name, limit)
        }
    return found.pop() if len(found) == 1 else None


# A big city misspelt anywhere in a message that names no place ("bordeau", "toulouze réseau ?"): only
# cities of TYPO_CITY inhabitants or more, names of TYPO_MIN_CHARS letters or more, one edit.
TYPO_CITY = 100_000
TYPO_MIN_CHARS = 7


@lru_cache(maxsize=1)
def _typo_targets() -> Dict[int, List[Tuple[str, Tuple[str, ...]]]]:
    """The names of the big cities by length, for ``misspelt_city``."""
    gaz = load()
    targets: Dict[int, List[Tuple[str, Tuple[str, ...]]]] = {}
    for key, entries in gaz.names.items():
        joined = " ".join(key)
        best = entries[0]
        if len(joined) < TYPO_MIN_CHARS or best.kind != COMMUNE or best.level != PLAIN or best.stripped:
            continue
        if best.population >= TYPO_CITY and all(e.kind == COMMUNE for e in entries):
            targets.setdefault(len(joined), []).append((joined, key))
    return targets


# The words a misspelt city must follow ("à bordeau", "mairie de toulouze"): without one, an ordinary word
# one letter away from a city ("le maïs" / Le Mans, "limogé" / Limoges) is no place.
TYPO_CUES = frozenset(
    "a au aux de d du sur vers pres chez ville mairie secteur agglo agglomeration metropole commune".split()
)


def misspelt_city(text: str) -> LocationMatch | None:
    """A big city misspelt by one letter (added, missing or changed) in a message naming no place, right
    after a place cue, as the message's first word or as its last ("reseau achats durables marseile")."""
    gaz = load()
    tokens = tokenize(text)
    targets = _typo_targets()
    for i in range(len(tokens)):
        cued = tokens[i - 1].norm in TYPO_CUES if i else True
        for size in range(min(FUZZY_MAX_TOKENS, len(tokens) - i), 0, -1):
            last = i + size == len(tokens) and _ends_message(text, tokens[-1].end)
            if not (cued or last) or (i == 0 and size > 1):
                continue
            words = tuple(t.norm for t in tokens[i : i + size])
            joined = " ".join(words)
            if len(joined) < TYPO_MIN_CHARS - 1 or words in gaz.names or not all(w.isalpha() for w in words):
                continue
            found = {
                key
                for n in (len(joined) - 1, len(joined), len(joined) + 1)
                for name, key in targets.get(n, [])
                if name[0] == joined[0] and _within(joined, name, 1)
            }
            if len(found) == 1:
                key = gaz.names[found.pop()][0].key
                start, end = tokens[i].start, tokens[i + size - 1].end
                return LocationMatch(start, end, text[start:end], key)
    return None


def _one_indel(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one letter inserted or deleted."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1 :]


def _match_fuzzy(
    gaz: Gazetteer, text: str, tokens: Sequence[Token], i: int, whole: bool, longer_than: int
) -> _RawMatch | None:
    """A misspelled place name of more than ``longer_than`` words starting at token i, in the contexts
    said above."""
    ctx = _context(text, tokens, i, i + 1, whole)
    # A capital letter alone is no cue here: first names are close to town names (Anthony, Antony).
    anywhere = bool(ctx.cues & {"commune", "area", "paren", "weak", "en"}) or whole
    min_chars = FUZZY_MIN_CAPITALISED if ctx.capitalised else FUZZY_MIN_CHARS
    for size in range(min(FUZZY_MAX_TOKENS, len(tokens) - i), longer_than, -1):
        name = _fuzzy_name(gaz, tokens, i, size, anywhere, min_chars)
        if name is None:
            continue
        entries = [e for e in gaz.names[name] if _fuzzy_target(e)]
        kind, chosen, cross = _choose(gaz, entries, entries, ctx)
        return _RawMatch(i, i + size, kind, chosen, cross, "name", _is_negated(text, tokens, i))
    return None


def _match_name(
    gaz: Gazetteer, text: str, tokens: Sequence[Token], i: int, whole: bool, shorter_than: int = 0
) -> _RawMatch | None:
    """The longest name at token i that counts as a place (shorter than ``shorter_than`` words if set)."""
    for n in _name_lengths(gaz, tokens, i):
        if shorter_than and n >= shorter_than:
            continue
        entries = gaz.names[tuple(t.norm for t in tokens[i : i + n])]
        if _area_behind_article(gaz, text, tokens, i, n, entries):
            continue  # "une commune de la Creuse": the department, not La Creuse (Haute-Saône)
        ctx = _context(text, tokens, i, i + n, whole)
        accepted = [e for e in entries if _accepts(e, ctx, tokens[i : i + n])]
        if accepted:
            kind, chosen, cross = _choose(gaz, entries, accepted, ctx)
            return _RawMatch(i, i + n, kind, chosen, cross, "name", _is_negated(text, tokens, i))
    return None


def _area_behind_article(
    gaz: Gazetteer, text: str, tokens: Sequence[Token], i: int, n: int, entries: Sequence[Entry]
) -> bool:
    """Whether tokens[i:i+n] is a commune named "<article> <department or region>" that the phrasing
    does not point to: "de la Creuse", "à la Creuse" mean the department; only "à La Creuse" ("à" and
    the commune's own capitalised article) keeps the commune."""
    if n < 2 or tokens[i].norm not in ARTICLES or any(e.kind != COMMUNE for e in entries):
        return False
    rest = gaz.names.get(tuple(t.norm for t in tokens[i + 1 : i + n]), [])
    if not any(e.kind != COMMUNE and not e.epci for e in rest):
        return False
    after_a = i > 0 and tokens[i - 1].text.lower() in ("à", "a") and not _is_initial(text, tokens, i)
    return not (after_a and tokens[i].text[:1].isupper())


def _overtaken(gaz: Gazetteer, text: str, tokens: Sequence[Token], match: _RawMatch, whole: bool) -> bool:
    """Whether a place starting inside ``match`` ends after it (the longest mention wins)."""
    for k in range(match.i + 1, match.j):
        other = _match_name(gaz, text, tokens, k, whole)
        if other and other.j > match.j:
            return True
    return False


# Words that open the name of an intercommunality ("Grand Annecy", "Grand Reims"), also commune names.
EPCI_PREFIXES = frozenset({"grand"})


def _prefix_of_next(
    gaz: Gazetteer, text: str, tokens: Sequence[Token], match: _RawMatch, whole: bool
) -> bool:
    """Whether a one-word match only opens the name of a group of communes: "au Grand Annecy" is Annecy,
    not the commune of Grand (Vosges)."""
    if match.j - match.i != 1 or tokens[match.i].norm not in EPCI_PREFIXES or match.j >= len(tokens):
        return False
    if _gap(text, tokens, match.j).strip(" -"):
        return False
    following = tokens[match.j]
    # "au Grand Chalon", "Grand Lac": a capitalised name follows, even one not known as a place
    return following.text[:1].isupper() or _match_name(gaz, text, tokens, match.j, whole) is not None


def _member_commune(
    gaz: Gazetteer, text: str, tokens: Sequence[Token], match: _RawMatch, whole: bool
) -> _RawMatch:
    """A commune named inside an intercommunality's name and within its area, rather than the area:
    "Grand Poitiers" is Poitiers, "Pays de Fayence" Fayence (a commune is more precise)."""
    entries = gaz.names.get(tuple(t.norm for t in tokens[match.i : match.j]), [])
    if not entries or not all(e.epci for e in entries):
        return match
    for k in range(match.i, match.j):
        inner = _match_name(gaz, text, tokens, k, whole, match.j - match.i if k == match.i else 0)
        if inner is None or inner.kind != COMMUNE or inner.j > match.j:
            continue
        if _contains(gaz, match.candidates[0], inner.candidates[0]):
            return _RawMatch(match.i, match.j, COMMUNE, inner.candidates, [], "name", match.negated)
    return match


def _unit_follows(text: str, tokens: Sequence[Token], i: int) -> bool:
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


# "le 9-3", "dans le 9.3": a department number spelt digit by digit, as in slang.
_SPELT_NUMBER_RE = re.compile(r"\s?[-.]\s?")


def _spelt_number(
    gaz: Gazetteer, text: str, tokens: Sequence[Token], i: int, whole: bool
) -> _RawMatch | None:
    """A two-digit department number written "9-3" after a department cue ("le", "du", "dans le")."""
    if i + 1 >= len(tokens) or not (len(tokens[i].norm) == len(tokens[i + 1].norm) == 1):
        return None
    if not (tokens[i].norm.isdigit() and tokens[i + 1].norm.isdigit()):
        return None
    if not _SPELT_NUMBER_RE.fullmatch(_gap(text, tokens, i + 1)) or _unit_follows(text, tokens, i + 1):
        return None
    code = tokens[i].norm + tokens[i + 1].norm
    if code not in gaz.department_codes or not (whole or "number" in _cues(text, tokens, i, i + 1)):
        return None
    negated = _is_negated(text, tokens, i)
    return _RawMatch(i, i + 2, DEPARTEMENT, [f"departement:{code}"], [], "number", negated)


def _match_number(
    gaz: Gazetteer, text: str, tokens: Sequence[Token], i: int, whole: bool
) -> _RawMatch | None:
    spelt = _spelt_number(gaz, text, tokens, i, whole)
    if spelt:
        return spelt
    norm = tokens[i].norm
    if not _is_number_candidate(gaz, norm) or _unit_follows(text, tokens, i):
        return None
    negated = _is_negated(text, tokens, i)
    if len(norm) == 5 and norm.isdigit():
        if {t.norm for t in tokens[max(0, i - 3) : i]} & MONEY_WORDS:
            return None
        return _RawMatch(i, i + 1, COMMUNE, list(gaz.postcodes[norm]), [], "postcode", negated)
    cues = _cues(text, tokens, i, i + 1)
    after_au = i and tokens[i - 1].norm == "au" and not _SENTENCE_END_RE.search(_gap(text, tokens, i))
    if len(norm) == 3 and after_au:
        cues = cues | {"number"}  # "on est au 971": an overseas department (never a date)
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


def _resolve(gaz: Gazetteer, text: str, tokens: Sequence[Token], raw: List[_RawMatch]) -> List[LocationMatch]:
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
    tokens = tokenize(text)
    if not tokens:
        return []
    whole = _is_whole_message(gaz, tokens)
    raw: List[_RawMatch] = []
    i = 0
    while i < len(tokens):
        match = _match_name(gaz, text, tokens, i, whole)
        if match and (
            _overtaken(gaz, text, tokens, match, whole) or _prefix_of_next(gaz, text, tokens, match, whole)
        ):
            i += 1  # "dans le Val-de-Marne": not "Le Val" then "Marne"; "au Grand Annecy": Annecy
            continue
        if match:
            match = _member_commune(gaz, text, tokens, match, whole)
        fuzzy = _match_fuzzy(gaz, text, tokens, i, whole, match.j - match.i if match else 0)
        match = fuzzy or match or _match_number(gaz, text, tokens, i, whole)
        if match:
            raw.append(match)
            i = match.j
        else:
            i += 1
    found = _resolve(gaz, text, tokens, raw)
    words = [token.norm for token in tokens]
    if found and not NEAR_BORDER.search(" ".join(words)) and all(_small_commune(gaz, m) for m in found):
        if _named_abroad(gaz, words):  # "à Montréal au Québec": the small French homonym is not the place
            return []
    return found


# "Givet, près de la Belgique", "frontière suisse": a French place named next to a country, not abroad.
NEAR_BORDER = re.compile(r"\b(?:frontiere\w*|transfrontali\w*|limitrophe\w*|pres de|proche de|a cote de)\b")


def _named_abroad(gaz: Gazetteer, words: List[str]) -> str | None:
    """The country outside France a message's words name."""
    if not gaz.foreign:
        return None
    longest = max(len(key) for key in gaz.foreign)
    for i in range(len(words)):
        for n in range(min(longest, len(words) - i), 0, -1):
            country = gaz.foreign.get(tuple(words[i : i + n]))
            if country:
                return country
    return None


def _small_commune(gaz: Gazetteer, match: LocationMatch) -> bool:
    return precision(match.key) == 0 and gaz.population.get(match.key, 0) < BIG_CITY


def most_precise(matches: Iterable[LocationMatch]) -> LocationMatch | None:
    """The first most precise match (commune > departement > region), ignoring negated mentions."""
    kept = [m for m in matches if not m.negated]
    return min(kept, key=lambda m: precision(m.key)) if kept else None


def resolve_text(text: str) -> Place | None:
    """The most precise place mentioned in ``text`` (commune > departement > region), or None."""
    match = most_precise(find_locations(text))
    return match.place if match else None


def foreign_country(text: str) -> str | None:
    """The country outside France a message names (« on est à Bruxelles » -> Belgique), when it names no
    French place: the answer then says that no network is known there, never a French region's."""
    gaz = load()
    words = [token.norm for token in tokenize(text)]
    if not words or find_locations(text):
        return None
    return _named_abroad(gaz, words)
