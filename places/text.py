"""The words of a message as the resolver reads them, and the French words it knows.

Tokens are runs of letters and digits (hyphens and apostrophes split words) in the project's one
normalised form (``textnorm.normalize``), with "st"/"ste" read as "saint"/"sainte". The word lists
say which place names are also common words and which words around a name make it a place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import FrozenSet, List, NamedTuple, Tuple

from textnorm import normalize

TOKEN_RE = re.compile(r"[^\W_]+")
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


class Token(NamedTuple):
    """A word of a message: its text, its character offsets and its normalised form."""

    text: str
    start: int
    end: int
    norm: str


@lru_cache(maxsize=20_000)
def word_key(word: str) -> str:
    """The normalised form of one word: "Étienne" -> "etienne", "St" -> "saint"."""
    plain = normalize(word)
    return ABBREVIATIONS.get(plain, plain)


def name_key(text: str) -> Tuple[str, ...]:
    """The normalised words of a name, as the index stores them: "St-Étienne" -> ("saint", "etienne")."""
    return tuple(word_key(m.group()) for m in TOKEN_RE.finditer(text))


def tokenize(text: str) -> List[Token]:
    """The words of a message with their offsets."""
    return [Token(m.group(), m.start(), m.end(), word_key(m.group())) for m in TOKEN_RE.finditer(text)]


# --- place names that are also common words (normalised) ------------------------------------------

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

# --- intercommunalities ("CA du Boulonnais", "communauté de communes du Perche", "l'EPT Plaine Commune")
# Words that name the type of an intercommunality; "ca" and "cu" only in capitals (never "ça").
EPCI_TYPE_WORDS = frozenset(
    """
    ca cc cu cdc ept agglo agglomeration metropole eurometropole communaute communes urbaine comcom
    interco intercommunalite epci territoire
    """.split()
)
EPCI_CAPITAL_TYPE_WORDS = frozenset({"ca", "cu"})
EPCI_LINK_WORDS = frozenset("de d du des la le les l".split())  # between the type word and the name
# One-word intercommunality names that are also common words: only after a type word ("CC de la Forêt").
EPCI_COMMON_WORDS = frozenset(
    "estuaire foret serein savanes saves sucs rochelle oriente veyle cove capi".split()
)
# Words an intercommunality's name may hold in lower case ("Lorient agglomération").
EPCI_LOWER_WORDS = EPCI_TYPE_WORDS | EPCI_LINK_WORDS | frozenset("et sur en a aux au".split())

# --- words around a place name -------------------------------------------------------------------

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
    {
        (dans, article) for dans in ("dans", "ds") for article in ("le", "la", "les", "l")
    }  # "ds": chat spelling
    | {("region",)}
    | {("region", de) for de in _DE}
    | {(word,) for word in _DEPARTEMENT_WORDS}
    | {(word, de) for word in _DEPARTEMENT_WORDS for de in _DE}
    | {(word, "de", article) for word in _DEPARTEMENT_WORDS for article in ("la", "l")}
)
WEAK_CUES = frozenset({"sur", "vers"})  # plus "a" typed without its accent
# The services asked for a place, right before an ambiguous area ("réseau grand est ?", "guichet vert aube").
SERVICE_NOUNS = frozenset("reseau reseaux guichet vert verts facilitateur facilitateurs".split())
DEPT_NUMBER_CUES: FrozenSet[Tuple[str, ...]] = frozenset(
    {("le",), ("du",), ("dans", "le"), ("ds", "le"), ("en",)} | {(word,) for word in _DEPARTEMENT_WORDS}
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
