"""An answer that says a fact is unknown stays short: the unknown sentence and where to ask, then at most
what fits in about 60 words (issue 11, class 8).

A reply list led by « Je n'ai pas ce chiffre : ... » used to go on with the topic's usual text (its
answer, next step and a detail sentence), about 100 words a buyer reads after learning that the one thing
asked is not known. Here the first reply stays whole; each later reply is kept only while the turn stays
within ``MAX_ANSWER_WORDS``, shortest routing sentences first in their order; what is left out moves to the
first reply's details (behind « En savoir plus »), so nothing known is lost.

When a place is known and its region has one regional network, an unknown answer that routes only to the
national portal names that network too: it is where a local figure, name or date can be asked.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Sequence, Set, Tuple

from actions.focus import TWO_QUESTIONS
from actions.knowledge import KnowledgeBase
from actions.reply import MAX_ANSWER_WORDS, Reply, word_count
from actions.understanding import COST, FIGURE, aspects
from textnorm import question_form

# The reply says first that the fact asked is unknown (within its first sentence).
# Not « je ne connais pas de réseau pour ... » nor « je ne sais pas si la région a un guichet vert »: those
# answer a territorial question.
SAYS_UNKNOWN_FIRST = re.compile(
    r"^[^.!?]{0,120}?\b(?:je n'ai pas|je ne dispose pas|ne figurent? pas dans mes sources)",
    re.IGNORECASE,
)
# A sentence that says where to ask or to read more.
ROUTES = re.compile(
    r"pourr\w* vous (?:répondre|orienter|aider)|saura vous orienter|rapprochez-vous|passez par|contactez"
    r"|accédez|\bsites?\b|portail|formulaire|plateforme|créez un compte|point d'entrée|\bfon?t foi"
    r"|Légifrance|\.(?:fr|org|com)\b|porté par|animé par|\banime\b|premiers contacts"
    r"|de votre territoire|indiquez-moi|dites-moi|sollicitez|adressez-vous|renseignez-vous",
    re.IGNORECASE,
)
DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:fr|org|com|eu)\b")
# Words that name nothing in particular: a sentence sharing only these with the question is not about it.
COMMON_WORDS = frozenset(
    "achat achats durable durables votre vous nous pour dans avec mais quel quelle quels quelles combien"
    " sont c'est est-ce leur leurs cette sans plus moins comme elle elles ils faut peut region région"
    " france public publics publique quand celui celle apres après depuis".split()
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«•])|\n+")
NAMED_ROOM = 5
MAX_SHORT_QUESTION_WORDS = 14
CONTEXT_ROOM = 6
SHARE_ASKED = re.compile(r"\b(?:proportion|part|pourcentage|taux)\b|%")
PERCENT = re.compile(r"\d\s*%")
MONEY_ASKED = re.compile(r"\b(?:cout\w*|prix|tarif\w*|budget|euros?|argent|montant|combien d achats)\b")
EUROS = re.compile(r"€|\beuros?\b")
WHEN_ASKED = re.compile(r"\bquand\b|\bquelle (?:date|annee)\b|\bdepuis combien de temps\b")
ABOUT_DATES = re.compile(r"\bdates?\b|\bdélai|\bhoraires|\bà venir|\bsuccède|\bquand\b", re.IGNORECASE)
# A second question joined by « et » that the first patterns miss ("et lesquelles ont été réalisées ?").
SECOND_PART = re.compile(r"\bet (?:\w+ ){0,3}(?:lesquel\w*|laquelle|combien|quand|comment|ou|pourquoi)\b")
# Where to find something is asked ("où trouver des formations gratuites ?"): the later replies answer it.
WHERE_ASKED = re.compile(r"\bou (?:trouver|se former|chercher|s adresser)\b|\bvers qui\b|\ba qui (?:m|s)")
# A figure in a sentence: not a year, a day of a month, nor the number of an article or a text.
FIGURE_IN = re.compile(
    r"(?<![\w.-])(?!(?:19|20)\d\d\b)\d[\d  ]*(?:[.,]\d+)?(?![\w.-])"
    r"(?! (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b)"
)
LEGAL_NUMBER = re.compile(
    r"\b(?:articles?|n°|décret|loi|arrêté|action|R\.|L\.|D\.)\s*[\d.\- –]+", re.IGNORECASE
)
GENERIC_NETWORK = re.compile(r"Votre réseau régional pourra")
# Routes to the national portal only, no regional structure.
NATIONAL_ROUTE = re.compile(r"achats-durables\.gouv\.fr|portail national", re.IGNORECASE)


def says_unknown_first(reply: Reply) -> bool:
    return bool(SAYS_UNKNOWN_FIRST.match(reply.text.replace("’", "'")))


def _moved_to_details(first: Reply, dropped: Sequence[Reply], gone: Sequence[Reply] = ()) -> Reply:
    """``first`` with the texts of the replies cut or left out, and, when it has none, the buttons of a
    reply left out entirely (a reply cut keeps its own)."""
    if not dropped:
        return first
    texts = [first.details] if first.details else []
    texts += [reply.text for reply in dropped if reply.text and reply.text not in first.details]
    buttons = first.buttons or next((reply.buttons for reply in gone if reply.buttons), [])
    return replace(first, details="\n".join(texts), buttons=buttons)


def sentences(text: str) -> List[str]:
    """The sentences and lines of a reply's text, in order."""
    return [part.strip() for part in SENTENCE_END.split(text) if part.strip()]


def _shares_words(sentence: str, question: str) -> bool:
    """The sentence names something the question names ("l'Alliance Villes Emploi", "RAPIDD")."""
    return bool(content_words(sentence) & content_words(question))


def content_words(text: str) -> Set[str]:
    words = re.findall(r"[a-zà-ÿ']{4,}", text.lower())
    return {word.rstrip("sx") if len(word) > 4 else word for word in words if word not in COMMON_WORDS}


def gives_figure_asked(units: Sequence[Tuple[int, str]], question: str) -> bool:
    """A later sentence may give what is asked after all: a share in % ("quelle proportion ... ?" / "au
    moins 50 % la proportion"), a sum in euros, a count on two words of the question ("combien de nouveaux
    postes de facilitateurs ?" / "185 nouveaux facilitateurs ... 82 postes"). Then nothing is hidden."""
    plain = question_form(question)
    asked = aspects(question)
    for _, sentence in units:
        shared = len(content_words(sentence) & content_words(question))
        if SHARE_ASKED.search(plain) and PERCENT.search(sentence) and shared:
            return True
        if (COST in asked or MONEY_ASKED.search(plain)) and EUROS.search(sentence) and shared:
            return True
        if FIGURE in asked and FIGURE_IN.search(LEGAL_NUMBER.sub(" ", sentence)) and shared >= 2:
            return True
    return False


def asks_another_aspect(first: str, question: str) -> bool:
    """A date is asked ("c'est à partir de quand ?") but the first reply says something else is unknown
    (a price): it may have misread the question, so the later replies stay whole."""
    return bool(WHEN_ASKED.search(question_form(question))) and not ABOUT_DATES.search(first)


# A sentence that needs the one before it: a bullet without its opener, a pronoun or a continuation
# (« Il est porté par … », « Au-dessus des seuils européens s'ajoute … »).
NEEDS_CONTEXT = re.compile(
    r"^(?:•|-|(?:Il|Elle|Ils|Elles|Ce|Cet|Cette|Ces|Cela|Ça|C'est|Celui|Celle|Leur|Leurs|Son|Sa|Ses|Y)\b)"
    r"|\bs'ajoute\b|^(?:En outre|De plus|Sinon|Aussi)\b"
    # « Au-dessus, … », « Au-dessus de ce seuil, … »: above the amount just said (not « Au-dessus des seuils
    # européens, une condition … est obligatoire », which names its threshold)
    r"|^Au-dessus(?:,| de (?:ce|cette|ces|celui|celle|ceux)\b)"
)


def _pick(units: Sequence[Tuple[int, str]], first: str, question: str, limit: int) -> Set[Tuple[int, str]]:
    """At most two routing sentences that fit (those naming what the question names first), then at most
    one other sentence (a short known fact); never a sentence that repeats an address already given."""
    chosen: Set[Tuple[int, str]] = set()
    given = set(DOMAIN.findall(first.lower()))
    used = word_count(first)
    units = [unit for unit in units if not NEEDS_CONTEXT.search(unit[1].replace("’", "'"))]
    ranked = sorted(units, key=lambda unit: not _shares_words(unit[1], question))
    routes = 0
    for unit in ranked:
        words = word_count(unit[1])
        domains = set(DOMAIN.findall(unit[1].lower()))
        # the structure the question names may take a few more words ("qui préside l'AVE ?")
        room = limit + NAMED_ROOM if routes == 0 and _shares_words(unit[1], question) else limit
        if routes < 2 and ROUTES.search(unit[1]) and used + words <= room and not domains & given:
            chosen.add(unit)
            given |= domains
            used += words
            routes += 1
    # nowhere to ask is said: the topic's own first sentence (« L'article 58 de la loi AGEC s'applique
    # si … ») says at least what the unknown fact is about
    facts = [units[0], *ranked] if units and routes == 0 and not ROUTES.search(first) else ranked
    for unit in facts:
        words = word_count(unit[1])
        # not the opening of a list whose items are left out ("Vous pouvez réserver un marché ... :")
        opens_list = unit[1].rstrip().endswith(":")
        if unit not in chosen and not ROUTES.search(unit[1]) and not opens_list and used + words <= limit:
            chosen.add(unit)
            break
    return chosen


def brief_after_unknown(
    replies: List[Reply], question: str = "", limit: int = MAX_ANSWER_WORDS
) -> List[Reply]:
    """The replies, shortened when the first says the fact asked is unknown (see the module docstring)."""
    if (
        len(replies) < 2
        or not says_unknown_first(replies[0])
        or TWO_QUESTIONS.search(question_form(question))
    ):
        return replies  # two questions: the second one's answer stays whole
    if len(question.split()) > MAX_SHORT_QUESTION_WORDS:
        # a long message's context asks more than the detail unknown ("pour un marché réservé aux ESAT,
        # c'est qui le contact ?"): room for the sentence that answers it
        limit += CONTEXT_ROOM
    rest = [(index, reply) for index, reply in enumerate(replies[1:]) if reply.kind == "answer"]
    units = [(index, sentence) for index, reply in rest for sentence in sentences(reply.text)]
    if word_count(replies[0].text) + sum(word_count(unit[1]) for unit in units) <= limit:
        return replies
    plain = question_form(question)
    if (
        gives_figure_asked(units, question)
        or WHERE_ASKED.search(plain)
        or SECOND_PART.search(plain)
        or asks_another_aspect(replies[0].text, question)
    ):
        return replies  # the figure may be given after all, or the later replies say where: all stay
    # the first later replies that fit stay whole (the usual short answer); of the others, only sentences
    whole: Set[int] = set()
    said = replies[0].text
    for index, reply in rest:
        if not ROUTES.search(said) or word_count(said) + word_count(reply.text) > limit:
            break  # where to ask comes first when the unknown reply does not say it
        whole.add(index)
        said = f"{said}\n{reply.text}"
    chosen = _pick([unit for unit in units if unit[0] not in whole], said, question, limit)
    kept: List[Reply] = []
    dropped: List[Reply] = []
    gone: List[Reply] = []
    for index, reply in enumerate(replies[1:]):
        if reply.kind != "answer" or index in whole:
            kept.append(reply)
            continue
        mine = [sentence for sentence in sentences(reply.text) if (index, sentence) in chosen]
        if len(mine) < len(sentences(reply.text)):
            dropped.append(reply)
        if mine:
            kept.append(replace(reply, text=" ".join(mine)))
        else:
            gone.append(reply)
    return [_moved_to_details(replies[0], dropped, gone), *kept]


def with_regional_route(
    knowledge: KnowledgeBase, replies: List[Reply], region_code: Optional[str], private: bool = False
) -> List[Reply]:
    """An unknown answer routed to the national portal only, for a public buyer whose region has one
    regional network: that network is named as the place to ask."""
    if not replies or private or not region_code or not says_unknown_first(replies[0]):
        return replies
    networks = [network for network in knowledge.networks_for_region(region_code) if network.is_network]
    if len(networks) != 1:
        return replies
    text = "\n".join(reply.text for reply in replies)
    name = networks[0].short_name
    routed = NATIONAL_ROUTE.search(replies[0].text) or GENERIC_NETWORK.search(replies[0].text)
    if name.lower() in text.lower() or not routed:
        return replies
    first = replies[0].text
    if GENERIC_NETWORK.search(first):  # « Votre réseau régional pourra vous répondre. »: which one
        named = GENERIC_NETWORK.sub(f"Votre réseau régional, {name}, pourra", first)
        return [replace(replies[0], text=named), *replies[1:]]
    route = f"Votre réseau régional, {name}, pourra aussi vous répondre."
    return [replace(replies[0], text=f"{first} {route}"), *replies[1:]]
