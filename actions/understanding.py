"""What a question asks about its topic: national facts, a cost, a figure, a contact, a definition...

The intent says which topic a message is about; these pure functions read, in the message's words,
which aspect of the topic the buyer wants (an "aspect"), so that the actions can choose the answer
without one intent per aspect: "combien y a-t-il de facilitateurs ?" and "qui est mon facilitateur ?"
are both ``ask_facilitator``, but only the second depends on where the buyer works.
Everything is compared after ``textnorm.normalize`` (no case, accents, hyphens or apostrophes).
"""

from __future__ import annotations

import re
from typing import FrozenSet, List, Optional

from textnorm import normalize

NATIONAL = "national"  # national facts: how many, who runs them, since when, what they are for
LOCAL = "local"  # the buyer's own contact: "mon réseau", "près de chez moi", "trouver", "contacter"
COST = "cost"  # price, free or not
FIGURE = "figure"  # a number: how many, a budget, an amount
CONTACT = "contact"  # how to reach, address, link, form
JOIN = "join"  # how to join, register, become a member
WHO = "who"  # who may use it
DEFINITION = "definition"  # what it is, what the word means

_PATTERNS = {
    NATIONAL: [
        r"\bcombien\b",
        r"\bnombre\b",
        r"\bqui (?:les |l |la |le )?(?:anime|animent|coordonne|coordonnent|pilote|pilotent|gere|gerent"
        r"|finance"
        r"|financent|organise|chapeaute|porte|portent|federe)\b",
        r"\b(?:anime|animes|coordonne|coordonnes|pilote|pilotes|portes?|finances?) par\b",
        r"\bdepuis quand\b",
        r"\bdatent?\b",
        r"\bhistori",
        r"\binter ?reseaux?\b",
        r"\bliste\b",
        r"\bpanorama\b",
        r"\bcarte\b",
        r"\btous les\b",
        r"\btoutes les\b",
        r"\ben france\b",
        r"\bnationa(?:l|le|ux|les)\b",
        r"\bcgdd\b",
        r"\balliance villes? emploi\b",
        r"\bave\b",
        r"\bappels? a projets?\b",
        r"\bstructures? porteuses?\b",
        r"\bquelles? structures?\b",
        r"\br(?:o|ô)le\b",
        r"\ba quoi (?:ca )?ser(?:t|vent|virait)\b",
        r"\bca sert a quoi\b",
        r"\binteret\b",
        r"\bavantages?\b",
        r"\bpourquoi\b",
        r"\bca fait quoi\b",
        r"\bque fait\b",
        r"\bque font\b",
        r"\bfont quoi\b",
        r"\bc est quoi\b",
        r"\bqu est ce\b",
        r"\bdefinition\b",
        r"\bcouvr(?:e|ent)\b.*\b(?:tout|toute|ensemble|territoire)\b",
        r"\bobjectifs?\b",
        r"\bcoordinat(?:eur|eurs|ion)\b",
        r"\bqui sont\b",
    ],
    LOCAL: [
        r"\bmon (?:reseau|facilitateur|guichet|territoire|secteur|bassin|departement|coin)\b",
        r"\bma (?:region|ville|commune|zone)\b",
        r"\bnotre (?:region|territoire|departement|secteur|ville)\b",
        r"\bchez (?:moi|nous)\b",
        r"\bdans (?:le|mon) coin\b",
        r"\bpres de\b",
        r"\ble plus proche\b",
        r"\blocal(?:ement)?\b",
        r"\btrouver\b",
        r"\bcontacter\b",
        r"\bjoindre\b",
        r"\bcoordonnees\b",
        r"\bqui (?:est|contacter)\b",
        r"\bou (?:trouver|est)\b",
        r"\bquel (?:reseau|facilitateur)\b",
        r"\brejoindre\b",
        r"\badherer\b",
    ],
    COST: [
        r"\bcou(?:te|tent|ter|terait|t)\b",
        r"\bprix\b",
        r"\btarifs?\b",
        r"\bpayante?s?\b",
        r"\bgratuite?s?\b",
        r"\bgratos\b",
        r"\bcotisations?\b",
        r"\bfrais\b",
        r"\bcher\b",
        r"\babonnement\b",
        r"\bfaut il payer\b",
        r"\bpayer\b",
    ],
    FIGURE: [
        r"\bcombien\b",
        r"\bnombre d",
        r"\bbudgets?\b",
        r"\bmontants?\b",
        r"\bchiffres?\b",
        r"\bstatistiques?\b",
        r"\bstats\b",
        r"\beffectifs?\b",
        r"\benveloppe\b",
        r"\bquelle somme\b",
    ],
    CONTACT: [
        r"\bjoindre\b",
        r"\bjoint\b",
        r"\bcontact(?:er|e)?\b",
        r"\bcoordonnees\b",
        r"\badresse\b",
        r"\btelephone\b",
        r"\btel\b",
        r"\be? ?mail\b",
        r"\bcourriel\b",
        r"\bsite\b",
        r"\bliens?\b",
        r"\burl\b",
        r"\bformulaire\b",
        r"\bsaisir\b",
        r"\becrire\b",
        r"\bappeler\b",
        r"\bou (?:le|la|les) trouver\b",
        r"\bcomment (?:on )?(?:le|la|les) trouve\b",
        r"\bsolliciter\b",
    ],
    JOIN: [
        r"\binscri(?:re|t|ts|ption|vent)\b",
        r"\brejoindre\b",
        r"\badh(?:erer|esion|erent)\b",
        r"\bmembres?\b",
        r"\bcompte\b",
        r"\bacceder\b",
        r"\bacces\b",
        r"\bentrer\b",
    ],
    WHO: [
        r"\bqui peut\b",
        r"\bqui peuvent\b",
        r"\bpour qui\b",
        r"\bouverte? a\b",
        r"\breservee? a\b",
        r"\beligibles?\b",
        r"\baccessibles?\b",
        r"\ba qui\b",
        r"\bles prives\b",
        r"\bles entreprises peuvent\b",
        r"\by ont acces\b",
        r"\bqui a le droit\b",
        r"\bconcerne qui\b",
        r"\bs adresse a\b",
    ],
    DEFINITION: [
        r"\bc est quoi\b",
        r"\bc quoi\b",
        r"\bcest quoi\b",
        r"\bqu est ce qu",
        r"\bkes(?:a|k)o\b",
        r"\bveut dire\b",
        r"\bveulent dire\b",
        r"\bsignifi",
        r"\bdefini",
        r"\bdesigne\b",
        r"\bacronyme\b",
        r"\bsigle\b",
        r"\bca correspond a quoi\b",
        r"\bde quoi s agit\b",
        r"\bexpliqu",
        r"= ?\?",
    ],
}
_COMPILED = {aspect: [re.compile(pattern) for pattern in patterns] for aspect, patterns in _PATTERNS.items()}


def aspects(text: str) -> FrozenSet[str]:
    """The aspects a message asks about (possibly none: then the whole topic is the answer)."""
    plain = normalize(text)
    return frozenset(
        aspect for aspect, patterns in _COMPILED.items() if any(p.search(plain) for p in patterns)
    )


def is_national(text: str) -> bool:
    """A question on national facts (how many, who runs them...), without a cue for the buyer's own."""
    found = aspects(text)
    return NATIONAL in found and LOCAL not in found


def wants_own_contact(text: str) -> bool:
    return LOCAL in aspects(text)


# --- figures -------------------------------------------------------------------------------------------

NUMBER_WORDS = frozenset(
    "deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente cent cents mille "
    "centaine centaines dizaine dizaines millier milliers million millions".split()
)
SKIPPED_BEFORE_NOUN = frozenset(
    "nouveaux nouvelles nouveau nouvelle grands grandes petits petites autres differents differentes "
    "de d des les".split()
)
COUNTED = re.compile(r"\b(?:combien|nombre) (?:de |d )?(?:(?:\w+) ){0,2}?(\w{3,})")
MONEY = re.compile(r"\b(?:budgets?|montants?|enveloppe|quelle somme|financements?|subventions?|salaires?)\b")
DURATION = re.compile(r"\bcombien de temps\b|\bdelais?\b|\bduree\b")


def counted_noun(text: str) -> Optional[str]:
    """The noun of "combien de X" / "nombre de X" ("combien de nouveaux postes" -> "postes")."""
    plain = normalize(text)
    match = re.search(r"\b(?:combien|nombre)\b(.*)", plain)
    if not match:
        return None
    words = re.findall(r"[a-z]+", match.group(1))
    if words[:1] in (["de"], ["d"]):
        words = words[1:]
    for word in words[:4]:
        if word in SKIPPED_BEFORE_NOUN or len(word) < 3:
            continue
        if word in ("coute", "coutent", "ca", "temps", "faut", "est", "sont", "y", "a", "il", "ils"):
            return None
        return word
    return None


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word.rstrip("sx")


def _numbers_before(words: List[str], index: int, span: int = 4) -> bool:
    window = words[max(0, index - span) : index]
    return any(w.isdigit() or w in NUMBER_WORDS for w in window)


def states_count(fact_text: str, noun: Optional[str]) -> bool:
    """Whether ``fact_text`` gives a number of ``noun`` ("plus de 500 facilitateurs", "22 actions").

    Without a noun ("ils sont combien ?"), any number followed by a plural noun counts.
    """
    words = re.findall(r"[a-z0-9]+", normalize(fact_text).replace(" 000", "000"))
    for index, word in enumerate(words):
        if noun is None:
            if word.endswith(("s", "x")) and len(word) > 3 and index and words[index - 1].isdigit():
                return True
            continue
        if _stem(word) == _stem(noun) and _numbers_before(words, index):
            return True
    return False


def states_cost(fact_text: str) -> bool:
    plain = normalize(fact_text)
    return bool(re.search(r"\bgratuite?s?\b|\bpayante?s?\b|€|\beuros?\b", plain))


def asks_money(text: str) -> bool:
    return bool(MONEY.search(normalize(text)))


def asks_duration(text: str) -> bool:
    return bool(DURATION.search(normalize(text)))


# --- public or private buyer, in words that are not a buyer type -------------------------------------------

PUBLIC_WORDS = re.compile(
    r"\b(?:acheteu(?:r|se|rs|ses) publi(?:c|que|cs|ques)|secteur public|fonction publique|personne publique"
    r"|pouvoir adjudicateur|administration|acteur public|organisme public)\b"
)
PRIVATE_WORDS = re.compile(
    r"\b(?:acheteu(?:r|se|rs|ses) prive(?:e|s|es)?|secteur prive|le prive|dans le prive"
    r"|pas soumis au (?:ccp|code)|ne (?:suis|sommes) pas soumis)\b"
)


def says_public(text: str) -> bool:
    plain = normalize(text)
    return bool(PUBLIC_WORDS.search(plain)) and not re.search(
        r"\bpas (?:un |une )?(?:acheteu|administration)", plain
    )


def says_private(text: str) -> bool:
    return bool(PRIVATE_WORDS.search(normalize(text)))
