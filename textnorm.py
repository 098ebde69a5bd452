"""The project's one text normalisation: the form in which what users type is compared with known words.

Standard library only, so that every part of the project can use it without importing another one:
the actions (AGEC and topic keywords, the clarification step), the NLU components (unknown words),
the place resolver (its index of names) and the scripts (grouping of not-understood messages).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LIGATURES = {"œ": "oe", "æ": "ae"}  # not decomposed by Unicode: "cœur" is typed "coeur" too
SEPARATORS = "-'’_"  # become spaces: "aix-en-provence", "l'haÿ" and "l’haÿ" split into words

YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a four-digit year of the last two centuries


def normalize(text: str) -> str:
    """Lowercase, without accents, ligatures, hyphens or apostrophes, spaces collapsed.

    "L’Haÿ-les-Roses" -> "l hay les roses"; "Mise en Œuvre" -> "mise en oeuvre". Other punctuation
    is kept ("quel temps fait-il ?" -> "quel temps fait il ?").
    """
    text = text.lower()
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    plain = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    for separator in SEPARATORS:
        plain = plain.replace(separator, " ")
    return " ".join(plain.split())


# Chat and SMS spellings of question words, written out so that the rules that read what a question asks
# ("combien", "quoi", "comment"...) read them too: "ils sont cb ?", "c koi le PNAD ?".
CHAT_WORDS = {
    "cb": "combien",
    "cbn": "combien",
    "cmb": "combien",
    "combiens": "combien",
    "nb": "nombre",
    "nbr": "nombre",
    "nbre": "nombre",
    "koi": "quoi",
    "kwa": "quoi",
    "cmt": "comment",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "qd": "quand",
    "kel": "quel",
    "kelle": "quelle",
    "kels": "quels",
    "ki": "qui",
    "ke": "que",
    "ya": "y a",
    "jsuis": "je suis",
    "chui": "je suis",
    "pr": "pour",
    "ds": "dans",
    "tt": "tout",
    "bcp": "beaucoup",
    # English words of the trade typed in a French question ("un network d'acheteurs à Lyon ?")
    "network": "reseau",
    "networks": "reseaux",
}


# The acronyms and names of the trade, as the knowledge spells them: one typo of them ("spazer", "PNDA",
# "dreet") is read as them. Four letters or fewer: only two swapped letters ("pnda", "saie"), as a
# substitution would meet ordinary words; longer: one letter swapped, changed, added or missing.
TRADE_NAMES = (
    "agec pnad siae esat stpa cgdd oecp ccag rfar etti "
    "spaser rapidd dreets agefiph ademe mapce reseco hosmoz cerdd"
).split()
# Ordinary words one typo away from a trade name.
NOT_TYPOS = frozenset("rapide rapides rapid gaec drees seat east adele".split())
MIN_TYPO_LENGTH = 4
SHORT_NAME = 4


def _swapped(word: str, name: str) -> bool:
    """Two adjacent letters swapped: "pnda" for "pnad"."""
    if len(word) != len(name) or word == name:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, name, strict=True)) if a != b]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == name[diff[1]]
        and word[diff[1]] == name[diff[0]]
    )


def _one_edit(word: str, name: str) -> bool:
    """One letter changed, added or missing."""
    if abs(len(word) - len(name)) > 1 or word == name:
        return False
    if len(word) == len(name):
        return sum(a != b for a, b in zip(word, name, strict=True)) == 1
    short, long_ = sorted((word, name), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def one_typo(word: str, known: str) -> bool:
    """``word`` is ``known`` with one letter changed, added, missing, or two adjacent letters swapped."""
    return _swapped(word, known) or _one_edit(word, known)


@lru_cache(maxsize=4096)
def trade_name(word: str) -> str:
    """The trade name ``word`` is a typo of, else ``word``."""
    if len(word) < MIN_TYPO_LENGTH or word in NOT_TYPOS or not word.isalpha() or word in TRADE_NAMES:
        return word
    for name in TRADE_NAMES:
        if _swapped(word, name) or (len(name) > SHORT_NAME and _one_edit(word, name)):
            return name
    return word


def question_form(text: str) -> str:
    """`normalize`, the chat spellings of CHAT_WORDS written out ("c koi" -> "c quoi") and the typos of
    the trade's names corrected ("spazer" -> "spaser")."""
    return " ".join(trade_name(CHAT_WORDS.get(word, word)) for word in normalize(text).split(" ") if word)


ENGLISH_WORDS = frozenset(
    "the and what how where which who is are can you your my with for this that please help do does "
    "i we our buy purchase law hello thanks".split()
)
FRENCH_WORDS = frozenset(
    "le la les un une des de du et est que qui quoi comment pour dans je nous vous mon ma mes notre "
    "votre sur avec pas au aux en ou bonjour merci".split()
)
ENGLISH_WORD = re.compile(r"[a-z]+")


def looks_english(text: str) -> bool:
    """True when the message has clearly more English than French function words."""
    words = ENGLISH_WORD.findall(normalize(text))
    english = sum(word in ENGLISH_WORDS for word in words)
    french = sum(word in FRENCH_WORDS for word in words)
    return english >= 2 and english > 2 * french


# Function words of the other languages a visitor may write in (Spanish, Italian, German, Portuguese),
# none of them a French word (« il », « las », « con » are left out).
OTHER_LANGUAGE_WORDS = frozenset(
    "hola gracias como puedo donde cual estoy necesito quiero ayuda usted tengo hay por los del "
    "ciao buongiorno buonasera grazie posso dove trovo vorrei aiuto della degli delle gli sono "
    "hallo guten tag danke ich bin sie wer hilft bei und ist mit nicht konnen konnten bitte "
    "ola obrigado obrigada voce ajudar pode".split()
)


def looks_foreign(text: str) -> bool:
    """``looks_english``, or clearly more Spanish, Italian, German or Portuguese words than French ones."""
    if looks_english(text):
        return True
    words = ENGLISH_WORD.findall(normalize(text))
    other = sum(word in OTHER_LANGUAGE_WORDS for word in words)
    french = sum(word in FRENCH_WORDS for word in words)
    return other >= 2 and other > 2 * french


# Words that put what follows them in the buyer's past ("après dix ans dans le privé", "avant j'étais dans
# une entreprise", "ancienne du secteur privé", "je viens de quitter la mairie"): the body named then is not
# the one the buyer works for now. Read on the normalised words before a mention, up to the mention (only
# articles in between). Not a present introduction: "je viens de la mairie de Rennes" (where one works), "j'ai
# été nommée acheteuse à la mairie" (a post taken), "l'ancienne mairie" (an adjective of the body).
PAST_ROLES = (
    r"(?:acheteu\w*|en poste|agents?|salarie\w*|employe\w*|responsables?|juristes?|directeu\w*|directrices?"
    r"|chef\w*|consultant\w*|commercia\w*|gestionnaires?|charge\w*|stagiaires?|technicien\w*|ingenieu\w*"
    r"|assistant\w*|comptables?|fonctionnaires?)"
)
TIME_SPAN = (
    r"(?:plus de |pres de |presque )?(?:\w+ )?(?:ans?|annees?|mois)(?: passes?| d experience| de carriere)?"
)
PAST_BEFORE = re.compile(
    rf"(?:\b(?:apres|pendant|durant) {TIME_SPAN}(?: (?:dans|chez|en|a|au))?"
    r"|\bavant(?: (?:j etais|je travaillais|je bossais|j ai (?:travaille|bosse|ete)))?"
    r"(?: (?:dans|chez|a|au|en|pour))?"
    r"|\bj (?:etais|ai (?:longtemps |deja )?(?:travaille|bosse))(?: (?:\w+ ){0,2}(?:dans|chez|pour|a|au|en))?"
    # "j'ai été acheteuse pendant six ans dans une PME", "j'ai été dans le privé": a role held, not a post
    # taken ("j'ai été nommée acheteuse à la mairie")
    rf"|\bj ai (?:longtemps |deja |aussi )?ete (?:{PAST_ROLES}(?: \w+){{0,3}} )?(?:dans|chez|pour|a|au|en)"
    rf"|\bje (?:travaillais|bossais)(?: (?:\w+ ){{0,2}}(?:dans|chez|pour|a|au|en))?"
    # "ancienne de l'industrie", "ex-acheteuse dans une PME"; not "l'ancienne mairie" (see said_of_past)
    r"|\b(?:ancien|ancienne|anciens|anciennes|ex) "
    rf"(?:du|de|d|des|{PAST_ROLES}(?: \w+){{0,3}} (?:dans|chez|pour|a|au|en))"
    r"|\b(?:venant|issu|issue|en provenance) (?:du|de|d|des)"
    # "je viens de quitter la mairie", "je sors de dix ans dans le privé"; not "je viens de la mairie"
    r"|\bje (?:viens|sors) (?:de|d) "
    rf"(?:quitter|(?:passer |faire )?{TIME_SPAN}(?: (?:dans|chez|en|a|au|de|d))?)"
    r"|\b(?:auparavant|precedemment|par le passe|ex))"
    r"(?: (?:un|une|le|la|l|les|des|d|du|de|dans|chez|secteur|monde))*\s*$"
)
# "ancien" right before a person's role names that person's past ("ancien acheteur public"); right before a
# body, an adjective of the body ("l'ancienne mairie", "ancienne commune fusionnée").
FORMER = re.compile(r"\b(?:ancien|ancienne|anciens|anciennes)\s*$")
PERSON_MENTION = re.compile(r"(?:acheteu|agent|fonctionnaire|salarie|employe|acteur)")


def said_of_past(before: str, mention: str = "") -> bool:
    """The normalised words before a mention (the whole prefix of the message) put it in the buyer's past
    (``PAST_BEFORE``); ``mention``, the mention's normalised words, tells a person's role from a body."""
    return bool(PAST_BEFORE.search(before)) or bool(FORMER.search(before) and PERSON_MENTION.match(mention))
