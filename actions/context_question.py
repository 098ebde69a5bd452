"""A question asked after some context (who and where the buyer is), read as a question, not as a detail.

Pure functions used by ``actions.routing`` and ``actions.actions``:

- ``question_after_context``: « Acheteur au conseil départemental du Val-de-Marne : qui porte le guichet
  vert en Île-de-France ? », which DIET reads as a detail given (inform), still asks something; the one
  topic its question names is answered (with the place), not « C'est noté … Quelle est votre question ? »;
- ``social_side_only``: « … j'aimerais intégrer du social. Des conseils ? », read as the environmental
  considerations, names the social side only: the social clauses answer;
- ``regional_network_asked``: « et côté réseau régional pour échanger avec d'autres acheteurs ? » from a
  buyer whose place is known asks for the network of that place's region, not the national platform;
- ``where_to_ask``: « où je pose ma question environnementale ? », « à qui envoyer ma question sur
  l'environnement ? »: the service that takes such questions (the guichet vert, else the national portal).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Collection, List, Optional

from actions.reply import PORTAL_ROUTE, Reply
from actions.understanding import FACET_TOPICS, named_topics
from actions.unknown_subject import NOT_INVENTED
from textnorm import question_form

# A message that asks something: a question mark, or an interrogative word of a question.
ASKS = re.compile(
    r"\?|\b(?:qui|combien|comment|quand|pourquoi|quel|quelle|quels|quelles|est ce que|peut on|puis je"
    r"|doit on|faut il)\b"
)
# Where the context stops and the question starts: a colon, the end of a sentence, a comma.
CONTEXT_BREAK = re.compile(r"\s*[:.;!,]\s+")


def question_part(text: str) -> str:
    """The last part of a message that asks something (« qui porte le guichet vert en Île-de-France ? »
    after « Acheteur au conseil départemental du Val-de-Marne : »), else the whole message."""
    parts = [part for part in CONTEXT_BREAK.split(text.strip()) if part.strip()]
    for part in reversed(parts):
        if ASKS.search(question_form(part)) or "?" in part:
            return part
    return text


# A part of the context that says what the buyer already did or belongs to (« on a déjà sollicité le
# guichet vert », « on est adhérent au réseau régional »): the topic it names is known to the buyer, not
# the one asked.
ALREADY_DONE = re.compile(
    r"\b(?:on|nous|je|j) (?:a|avons|ai) (?:deja |bien |souvent )?"
    r"(?:sollicite|contacte|utilise|saisi|consulte|fait appel|rejoint|adhere|travaille avec)\b"
    r"|\b(?:on|nous|je|j) (?:est|sommes|suis) (?:deja |bien )?"
    r"(?:adherente?s?|membres?|inscrite?s?|abonnee?s?)\b"
    r"|\b(?:on|nous|je) (?:connait|connaissons|connais|utilise|utilisons) deja\b"
)
# A question that leans on a thing the context named, with a pronoun or a demonstrative (« … on a déjà
# un SPASER, qu'est-ce que ça change ? », « C'est quoi ce guichet au juste ? »).
LEANS_ON_CONTEXT = re.compile(
    r"^(?:et |mais |alors |donc |ok )?(?:c est|c|il(?! (?:y|faut|existe)\b)|elle|ils|elles"
    r"|(?:ce|cet|cette|ces) \w+)\b|\b(?:ca|cela)\b"
    r"|\b(?:qui|comment|quand|ou|pourquoi|on|je|j|nous|vous|peut on|puis je)"
    r" (?:le|la|les|l|lui|leur|y|en) \w+"
)


def question_after_context(intent: str, text: str, known: Collection[str]) -> Optional[str]:
    """The topic of a question asked after some context in a message DIET read as a detail (``inform``):
    the one known topic its question part names, else the one the whole message names, leaving out a
    topic the context says the buyer already used or belongs to (« on a déjà sollicité le guichet vert.
    Comment trouver des fournisseurs locaux ? »), unless the question leans on it."""
    if intent != "inform" or not ASKS.search(question_form(text)):
        return None
    part = question_part(text)
    named = [topic for topic in named_topics(part) if topic in known]
    if not named:
        words = text
        if not LEANS_ON_CONTEXT.search(question_form(part)):
            kept = [
                piece for piece in CONTEXT_BREAK.split(text) if not ALREADY_DONE.search(question_form(piece))
            ]
            words = " ".join(kept)
        named = [topic for topic in named_topics(words) if topic in known]
    return named[0] if len(named) == 1 else None  # two topics asked: not this rule's to choose


def topic_only_already_used(intent: str, text: str) -> bool:
    """DIET read a topic (``intent``) that the message names only in a part saying the buyer already used
    it or belongs to it, while its question part names nothing and does not lean on it (« Mairie de Lyon,
    on a déjà sollicité le guichet vert. Comment trouver des fournisseurs locaux ? »): that topic is not
    the one asked (routing.route_message then reads the message as context)."""
    part = question_part(text)
    if part == text or named_topics(part) or LEANS_ON_CONTEXT.search(question_form(part)):
        return False
    kept = [piece for piece in CONTEXT_BREAK.split(text) if not ALREADY_DONE.search(question_form(piece))]
    return intent in named_topics(text) and intent not in named_topics(" ".join(kept))


SOCIAL_TOPIC = "ask_social_clause"
ENVIRONMENTAL_READINGS = frozenset({"ask_environmental_considerations", "ask_guichet_vert"})
# Words of the environmental side that a social wish does not hold.
ENVIRONMENTAL_WORDS = re.compile(
    r"\b(?:environnement\w*|ecolog\w*|vert|verte|verts|vertes|verdir|verdiss\w*|climat\w*|carbone|durables?"
    r"|biosourc\w*|ecolabels?|agec|reemploi|recycl\w*|dechets?|energ\w*)\b"
)


def social_side_only(intent: str, text: str) -> bool:
    """DIET read an environmental topic, but the message names the social side and nothing environmental
    (« on veut intégrer du social dans le marché d'aide à domicile, des conseils ? »)."""
    if intent not in ENVIRONMENTAL_READINGS or named_topics(text):
        return False
    return sides_named(text) == [SOCIAL_TOPIC] and not ENVIRONMENTAL_WORDS.search(question_form(text))


# The buyer's regional network asked in so many words (« côté réseau régional », « le réseau de la
# région »), not a platform of peers.
REGIONAL_NETWORK = re.compile(
    r"\breseaux? (?:regiona\w*|de (?:la|ma|notre) region|local|locaux|territoria\w*)\b"
    r"|\b(?:notre|mon|le) reseau d acheteurs\b"
)


def regional_network_asked(text: str) -> bool:
    return bool(REGIONAL_NETWORK.search(question_form(text)))


# « où je pose ma question environnementale ? », « à qui envoyer ma question sur l'environnement ? », « je
# pose ma question où ? », « je l'envoie où, ma question ? »: where to send a question of the buyer's own. Not
# a request (« où adresser ma demande de devis ? ») nor the questions of others (« mes questions des
# candidats »).
OWN_QUESTION = (
    r"(?:ma|mes|notre|nos|une|des|cette|ces|la|les)(?: \w+)? questions?"
    r"(?! (?:des|du|de la|de l|d un|d une|de mes|de nos|de leurs?|de ses|de certains) )"
)
WHERE_TO_ASK = re.compile(
    r"\b(?:ou|a qui|aupres de qui)(?: est ce qu(?:e)?)? (?:je |j |on |nous )?"
    r"(?:peux |peut |dois |doit |pourrais |pourrait |vais |va )?"
    r"(?:poser|pose|posons|envoyer|envoie|adresser|adresse|soumettre|soumets|transmettre"
    rf"|transmets|faire parvenir) {OWN_QUESTION}\b"
    r"|\b(?:je |on |j )?(?:pose|envoie|adresse|transmets) (?:ma|mes|notre|nos) questions?"
    r"(?: \w+){0,3} (?:ou|a qui)\b"
    rf"|\b(?:je |on |j )?(?:la |l |les )?(?:pose|envoie|adresse|transmets) (?:ou|a qui),? {OWN_QUESTION}\b"
)


def where_to_ask(text: str) -> bool:
    return bool(WHERE_TO_ASK.search(question_form(text)))


def sides_named(text: str) -> List[str]:
    """The topics of the sides of a purchase a message names (social, environmental, disability)."""
    plain = question_form(text)
    return [topic for pattern, topic in FACET_TOPICS if pattern.search(plain)]


# The condition that opens the private support's answer (« Si vos achats ne relèvent pas du code de la
# commande publique, vous n'êtes pas seul : … »): said to a buyer known to be private, it is known to hold.
PRIVATE_CONDITION = re.compile(r"^Si vos achats ne relèvent pas du code de la commande publique,\s*")


def without_known_condition(text: str) -> str:
    """The private support's answer for a buyer known to be private: its opening condition left out."""
    rest = PRIVATE_CONDITION.sub("", text.strip(), count=1)
    return rest[:1].upper() + rest[1:] if rest != text.strip() else text


def where_to_ask_topic(text: str) -> Optional[str]:
    """The service that takes a question of the buyer's own (« où je pose ma question environnementale ? »):
    the facilitator for a social one, the guichet vert otherwise (it says where to go without one)."""
    if not where_to_ask(text):
        return None
    return "ask_facilitator" if sides_named(text) == [SOCIAL_TOPIC] else "ask_guichet_vert"


# A message that announces a question without asking it yet (« j'ai une question », « je peux vous poser
# une question ? », « vous pouvez m'aider ? », « je peux vous demander quelque chose ? »), or only greets:
# the context is noted and the question asked for.
QUESTION_ANNOUNCED = re.compile(
    r"\b(?:une|ma|mes|des|quelques|petite|petites|deux|plusieurs) questions?\b|\bvous etes la\b|\bca va\b"
    r"|\b(?:m|me|nous) (?:aider|renseigner|conseiller|orienter|repondre)(?: (?:svp|stp|s il vous plait))?\W*$"
    r"|\b(?:demander|poser|dire) (?:quelque chose|un truc|un renseignement)\b"
)
MIN_QUESTION_WORDS = 4
UNKNOWN_QUESTION = f"Je n'ai pas la réponse à cette question dans mes sources{NOT_INVENTED} {PORTAL_ROUTE}"
ASK_NEXT = " Quelle est votre question ?"


def asks_after_context(text: str) -> bool:
    """Some context, then a question of its own that no topic answers (« Je suis à la mairie de Quimper,
    on peut exiger une entreprise de la commune ? »): not a detail given alone."""
    part = question_part(text)
    plain = question_form(part)
    return (
        part != text
        and "?" in part
        and len(plain.replace("?", " ").split()) >= MIN_QUESTION_WORDS
        and not QUESTION_ANNOUNCED.search(plain)
    )


def unknown_after_context(noted: Reply, routed: Callable[[List[Reply]], List[Reply]]) -> List[Reply]:
    """The question not known, said first (``routed`` names the buyer's regional network when it can),
    then what was noted of the buyer (``noted``: the acknowledgement, without its request for a
    question)."""
    unknown = routed([Reply(UNKNOWN_QUESTION)])
    return [*unknown, replace(noted, text=noted.text.replace(ASK_NEXT, "").replace("\n" + ASK_NEXT[1:], ""))]
