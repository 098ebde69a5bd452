"""Which topic a message asks about: the readings that override or keep DIET's intent (a topic named, the
topic just answered, who supports the buyer, the contact of a topic)."""

from __future__ import annotations

import re
from typing import List, Optional

from actions.audience import SERVICES
from actions.context_rules import Vocabulary, asks_bare_why, coverage
from actions.focus import asked_part, stems
from actions.followup import topic_texts
from actions.knowledge import KnowledgeBase
from actions.render import PRIVATE_BUYER_TYPES
from actions.route_types import KNOWN_QUESTIONS, LOCAL_REFERENCE, PLACE_TOPIC, Context, words_of
from actions.understanding import (
    WHICH_ONE,
    WHO_HELPS,
    asks_what_it_is,
    asks_where_to_start,
    asks_who_helps,
    facet_topic,
    is_elliptical,
    named_topics,
    refers_back,
    says_private,
    says_public,
    unknown_detail,
)
from textnorm import normalize, question_form
from topic_names import PEER_EXCHANGE

TERRITORIAL = ("ask_network", "ask_networks_overview", "ask_guichet_vert")
DETAIL_INTENTS = ("follow_up", "inform")


# A law or a decree named by its number: that text's topic, whatever DIET read.
LEGAL_REFERENCE = re.compile(r"\b(?:decret|loi)(?: n)? \d{4} ?\d{2,4}\b|\b20\d\d \d{2,4}\b")
# A law's article ("l'article 35 impose aussi … ?"): it names its topic unless the topic read cites it too.
LAW_ARTICLE = re.compile(r"\barticles? (\d{1,3})\b(?! du code)")
PLAN_ACTION = re.compile(
    r"\b(?:quelle|quelles) actions? (?:du|de ce|de son) (?:pnad|plan)\b|\baction \d+ du pnad\b"
    # "et l'action sur les réseaux, c'est laquelle ?" after the PNAD's actions
    r"|^(?:et )?l action (?:sur|pour|concernant|consacree? aux?) .{0,60}\b(?:laquelle|quel numero)\b"
    # "quel ministère porte le volet social du PNAD (les facilitateurs) ?": a part of the plan
    r"|\bvolets? (?:social|sociaux|environnementa(?:l|ux)) (?:du|de ce|de son) (?:pnad|plan)\b"
)


def best_named_topic(knowledge: KnowledgeBase, named: List[str], text: str) -> Optional[str]:
    """Of the several topics a message names, the one whose texts hold most of its words, when only one
    does ("la clause sociale devient-elle obligatoire au-dessus des seuils européens ?")."""
    asked = stems(text)
    scores = sorted(
        (
            (len(asked & stems(" ".join(topic_texts(knowledge.topics[name])))), name)
            for name in named
            if name in knowledge.topics
        ),
        reverse=True,
    )
    if len(scores) < 2 or scores[0][0] == scores[1][0]:
        return None
    return scores[0][1]


def cites_other_article(text: str, question_texts: str) -> bool:
    """The message names a law's article that the topic read never cites ("article 35" read as AGEC)."""
    cited = normalize(question_texts)
    return any(f"article {number}" not in cited for number in LAW_ARTICLE.findall(question_form(text)))


PRIVATE_HELPERS = frozenset(
    "ask_cci ask_cna ask_agefiph ask_entreprises_engagent ask_conseillers_entreprises".split()
)


def overrides_intent(text: str, named: List[str], question: Optional[str], question_texts: str = "") -> bool:
    """The message names one topic other than DIET's, by a legal reference, a plan's action, or as the
    owner of a detail the knowledge never holds ("qui est le ministre ... ?")."""
    plain = question_form(text)
    if PLAN_ACTION.search(plain):
        return question != "ask_pnad"
    if len(named) != 1 or named[0] == question:
        return False
    return (
        # "CESAR : combien d'acheteurs par an, et quel coût pour une entreprise ?": the one helper named,
        # not all the helpers of private buyers
        (question == "ask_private_support" and named[0] in PRIVATE_HELPERS)
        or bool(LEGAL_REFERENCE.search(plain))
        or cites_other_article(text, question_texts)
        or unknown_detail(text, []) is not None
    )


# Topics whose answer depends on the place: a place in the message pulls DIET towards them, and the same
# question may be asked again for another place (same_topic_elsewhere).
PLACE_PULLED = ("ask_network", "ask_guichet_vert", "ask_facilitator")
# Topics that are one national thing (a plan, a law, a platform, a label): the same answer everywhere.
NATIONAL_ONLY_TOPICS = frozenset(
    "ask_pnad ask_rapidd ask_climate_law ask_agec ask_agec_declaration ask_marche_inclusion"
    " ask_biosourced_label ask_ecolabels".split()
)


# Whether the thing just answered applies to the buyer ("ça change quelque chose pour nous ?").
APPLIES_TO_US = re.compile(
    r"\b(?:ca|cela) (?:change|changera|modifie) (?:quelque chose|qqch|qq chose|quoi) pour (?:nous|moi)\b"
    r"|\b(?:ca|cela) (?:nous|me) concerne\b|\b(?:ca|cela) s applique (?:a|pour) (?:nous|moi)\b"
    r"|\bon est concernee?s?\b|\bsommes nous concernee?s\b|\bnous sommes concernee?s\b"
)


def place_pulled_topic(ctx: Context, named: List[str]) -> Optional[str]:
    """DIET read a territorial topic because the message gives a place, but the message names only one
    other topic, whose answer does not depend on the place ("Région Bretagne, service achats. Le PNAD est
    piloté par quel organisme ?"): that topic."""
    if ctx.intent not in (*PLACE_PULLED, "inform") or ctx.place_in_message is None:
        return None
    applies = APPLIES_TO_US.search(question_form(ctx.text))
    if not named and applies and ctx.previous_question in NATIONAL_ONLY_TOPICS:
        # "je suis à Caen, ça change quelque chose pour nous ?" after the Climate law: that law, everywhere
        return ctx.previous_question
    if ctx.intent == "inform" or len(named) != 1:
        return None
    if asks_who_helps(ctx.text) or LOCAL_REFERENCE.search(question_form(ctx.text)):
        return None  # "… clauses environnementales : quelqu'un peut-il me conseiller ?": the local desk
    return named[0] if named[0] in NATIONAL_ONLY_TOPICS else None


def topic_of_question(text: str, named: List[str], question: Optional[str]) -> Optional[str]:
    """The one topic the final question names, when the context before it named the topic read
    (``question``) and the question itself names another one only."""
    part = asked_part(text)
    if part == text or question not in named:
        return None
    in_question = named_topics(part)
    if len(in_question) != 1 or in_question[0] == question or in_question[0] not in KNOWN_QUESTIONS:
        return None
    context = text[: len(text) - len(part)]
    return in_question[0] if question in named_topics(context) else None


PEER_EXCHANGE_RE = re.compile(PEER_EXCHANGE)
# A platform, a tool online asked for (« une plateforme pour échanger entre acheteurs ? »): RAPIDD's.
PLATFORM_ASKED = re.compile(
    r"\bplate ?formes?\b|\boutils? (?:en ligne|numeriques?|collaboratifs?)\b|\bforums?\b"
    r"|\bsites? (?:internet |web )?(?:pour|ou|d echange)\b|\bespaces? (?:d echange|en ligne|collaboratif)"
)
NETWORK_ASKED = re.compile(r"\breseaux? (?:regiona\w*|d acheteurs|achats?)\b|\bquels? reseaux?\b")
RAPIDD_NAMED = re.compile(r"\brapidd?\b")  # the platform named, even misspelt ("une plateforme rapid")


UNSURE = 0.65


# A structure asked whether it advises buyers ("ils font du conseil environnemental ?").
STRUCTURE_ADVICE = re.compile(r"\b(?:conseils?|conseill\w+|accompagn\w+|avis)\b")
# Who advises a buyer on a topic, when the message asks who (no place: the contact then depends on it).
ADVISED_BY = {
    topic: PLACE_TOPIC[topic]
    for topic in ("ask_environmental_considerations", "ask_ecolabels", "ask_social_clause")
}
WHO_ADVISES = re.compile(
    r"\bqui (?:peut|pourrait|pourra|saura) (?:m|me|nous) (?:aider|accompagner|conseiller|orienter|epauler)\b"
    r"|\bvers qui (?:me|nous|se) tourner\b"
    # "qui peut relire notre cahier des charges ?": who reviews a document, the service that advises
    r"|\bqui (?:peut|pourrait|pourra|saura|va) (?:nous |me |m )?(?:relire|verifier|valider|corriger)\b"
)
SUPPORT_TOPIC = "ask_private_support"  # who supports buyers: public support for a public buyer
TERRITORIAL_OR_SUPPORT = frozenset(
    {*TERRITORIAL, "ask_facilitator", "ask_rapidd", SUPPORT_TOPIC, "ask_conseillers_entreprises"}
    | {"ask_entreprises_engagent", "ask_cci", "ask_cna", "ask_agefiph"}
)


# Topics about public procurement only: no answer to a private buyer's request for help.
PUBLIC_PROCUREMENT_TOPICS = frozenset({"ask_environmental_considerations", "ask_pnad", "ask_climate_law"})


def support_question(ctx: Context, named: List[str], vocab: Vocabulary) -> Optional[str]:
    """Who supports this buyer, for a message that says who or where the buyer is and asks for help or a
    first step, naming no topic, that DIET reads as a topic sharing no word with the message that the
    support topic lacks ("Département de la Drôme, on voudrait être accompagnés" read as the PNAD)."""
    if (
        not ctx.intent.startswith("ask_")
        or ctx.intent in TERRITORIAL_OR_SUPPORT
        or named
        or ctx.product_in_message
        or not (ctx.place_in_message or ctx.buyer_in_message)
        or not (asks_who_helps(ctx.text) or asks_where_to_start(ctx.text))
        or asks_what_it_is(ctx.text)
    ):
        return None
    if ctx.buyer_in_message in PRIVATE_BUYER_TYPES and ctx.intent in PUBLIC_PROCUREMENT_TOPICS:
        return SUPPORT_TOPIC  # "société de transport à Auxerre, on s'y prend comment ?"
    words = stems(ctx.text)
    topic_words = words & vocab.per_topic.get(ctx.intent, frozenset())
    own = topic_words - vocab.per_topic.get(SUPPORT_TOPIC, frozenset())  # "labels": the écolabels' word
    return None if own else SUPPORT_TOPIC


# "et qui délivre le label ?", "et ça marche comment ?": a short question that continues the last one.
CONTINUATION = re.compile(
    r"^et (?:qui|quoi|que|qu|comment|combien|quand|ou|quel|quelle|quels|quelles|pourquoi|si|ca|c|il|ils"
    r"|elle|elles|le|la|les|l|on|y)\b"
    # "même pour des petits marchés ?", "y compris en dessous des seuils ?": the rule just given, extended
    r"|^(?:et )?(?:meme|y compris) (?:pour|en|au|aux|a|les|le|la|l|des|du|si|quand|dans|sans|sous)\b"
)
# "et je peux l'exiger dans mon marché ?", "et on doit les déclarer ?": an object pronoun for the thing
# just answered
PRONOUN_CONTINUATION = re.compile(
    r"^et (?:je|on|nous) (?:peux|peut|pouvons|dois|doit|devons) (?:l|le|la|les|en|y|leur|lui)\b"
)
MAX_CONTINUATION_WORDS = 8
# "et pour les tondeuses ?", "pareil pour le mobilier ?": the question just answered, for another thing.
PRODUCT_CONTINUATION = re.compile(r"^(?:et|pareil|idem|aussi|meme chose)\b")
MAX_FOR_ME_WORDS = 12
# Whether the thing just answered is open to the buyer named too ("ça marche aussi pour une asso ?").
FOR_ME_TOO = re.compile(
    r"\b(?:ouverte?s?|accessibles?|valables?|possible|marche|fonctionne|concerne\w*|eligibles?)\b"
)


# A place given with only « who is it here? » ("je suis à Nancy, c'est qui chez nous ?"): the question
# just answered, for that place.
PLACE_ONLY_ASKS = re.compile(
    r"^(?:(?:ok|et|bon|alors) )*(?:je suis|on est|nous sommes|j habite|je bosse|je travaille)? ?(?:a|en"
    r"|dans le|dans la)? ?[a-z -]+,? (?:et )?(?:c(?: est)? (?:qui|quoi|lequel)|qui|lequel)"
    r" (?:chez nous|ici|pour nous|la bas|du coup)\W*$"
)
MAX_PLACE_ONLY_WORDS = 12


def stays_on_topic(ctx: Context, named: List[str]) -> bool:
    """A question on the topic just answered that DIET reads as another topic the message does not name:
    elliptical and read unsure, or a short continuation ("et qui délivre le label ?") naming nothing."""
    if not (
        ctx.intent.startswith("ask_")
        and bool(ctx.previous_question)
        and ctx.intent != ctx.previous_question
        and not named
        and not asks_who_helps(ctx.text)  # "et qui peut m'aider à le faire ?" asks who supports buyers
    ):
        return False
    if ctx.confidence < UNSURE and is_elliptical(ctx.text):
        return True
    if asks_bare_why(
        ctx.text
    ):  # "pourquoi ?" read as the networks (for its "pourquoi"): the topic just answered
        return True
    plain = question_form(ctx.text)
    if ctx.place_in_message and PLACE_ONLY_ASKS.search(plain) and len(plain.split()) <= MAX_PLACE_ONLY_WORDS:
        return True  # "je suis à Nancy, c'est qui chez nous ?" after the guichet vert: its desk there
    if ctx.buyer_in_message and FOR_ME_TOO.search(plain) and len(plain.split()) <= MAX_FOR_ME_WORDS:
        return True  # "et pour un acheteur privé, c'est ouvert ?": the topic just answered, for that buyer
    continued = (CONTINUATION.search(plain) and len(plain.split()) <= MAX_CONTINUATION_WORDS) or (
        PRONOUN_CONTINUATION.search(plain) and len(words_of(ctx.text)) <= MAX_CONTINUATION_WORDS
    )
    return bool(continued) and not (ctx.place_in_message or ctx.buyer_in_message or ctx.product_in_message)


WHO_TO_CONTACT = "qui contacter ?"
# What one asks help to do with the thing just answered: no topic of its own.
ACTION_STEMS = stems(
    "mettre place oeuvre faire rediger ecrire calibrer appliquer respecter lancer monter organiser tourner "
    "preparer integrer inserer suivre"
)
# "à la mettre en place", "pour ça", "pour le faire", "là-dessus": the thing just answered.
IT = re.compile(r"\b(?:ca|cela|le faire|la|le|les|l|y|dessus)\b")
# "là-dessus", "sur ce point": the thing just answered, no word of a topic ("dessus" stems as "seuil").
ON_IT = re.compile(r"\b(?:la )?dessus\b|\bsur (?:ce|ces) (?:point|sujet|plan)s?\b")
# How the help is asked for ("gratuitement", "m'aider"): no word of another topic.
HELP_STEMS = stems("aider aide gratuit gratuite gratuitement solliciter")


def contact_of_previous(ctx: Context, named: List[str], vocab: Vocabulary) -> Optional[str]:
    """Who helps with the topic just answered, asked with a pronoun for it and naming no topic: the
    territorial contact of that topic (the facilitator for a clause, the guichet vert for the AGEC law),
    whatever neighbouring topic DIET read (Conseillers-Entreprises, the private-sector list)."""
    previous = ctx.previous_question
    if (
        previous not in PLACE_TOPIC
        or named
        or ctx.has_detail
        or not asks_who_helps(ctx.text)
        or not IT.search(question_form(ctx.text))
    ):
        return None
    asked = ON_IT.sub(" ", WHO_HELPS.sub(" ", question_form(ctx.text)))
    words = stems(asked) - ACTION_STEMS - HELP_STEMS
    held = vocab.per_topic.get(previous, frozenset())
    if any(vocab.rarity.get(word, 0.0) > 0 and word not in held for word in words):
        return None  # "et pour la clause, qui peut m'aider ?" after the écolabels: the clause's contact
    return PLACE_TOPIC[previous]


# The local help of each side of a purchase: the guichet vert (environment), the facilitator (social).
SIDE_CONTACTS = frozenset({"ask_guichet_vert", "ask_facilitator"})


def side_contact(ctx: Context, named: List[str]) -> Optional[str]:
    """ "et pour l'environnement ?" right after the local help of the other side (the facilitator of the
    place known), or "et côté social ?" after its guichet vert: the help of the side turned to, for the
    same place, not that side's general rules nor a request for the place again."""
    if ctx.previous_question not in SIDE_CONTACTS or ctx.place is None or ctx.private:
        return None
    side = facet_topic(ctx.text)
    if side is None or any(topic != side for topic in named):
        return None
    contact = PLACE_TOPIC.get(side)
    return contact if contact in SIDE_CONTACTS and contact != ctx.previous_question else None


# A possessive pronoun for the thing just answered ("et le nôtre ?", "la mienne c'est laquelle ?").
OURS = re.compile(
    r"^(?:(?:et|mais|ok|alors|du coup|d accord|merci) )*(?:le|la|les) (?:notre|notres|mien|mienne|miens"
    r"|miennes)\b(?! (?:de|du|des)\b)"
)


# What the thing just answered allows or is for, asked with a pronoun as subject ("ça permet de … ?").
WHAT_IT_ALLOWS = re.compile(
    r"^(?:(?:et|mais|ok|alors|du coup|d accord) )*(?:ca|cela|il|elle|ils|elles) (?:nous |me |vous )?"
    r"(?:permet|permettent|permettrait|sert|servent) (?:a|de|d)\b"
)


def refers_to_previous(ctx: Context, named: List[str], vocab: Vocabulary) -> Optional[str]:
    """The previous question, when this message read as another topic only refers back to it.

    DIET guesses a topic for "qui l'a mis en place ?" from its words; a short message whose subject is a
    pronoun, naming no topic and no place, is about the topic just answered. "Et laquelle concerne les
    réseaux ?" names a topic, but asks which part of the previous answer concerns it."""
    previous = ctx.previous_question
    if not previous or previous not in KNOWN_QUESTIONS or not ctx.intent.startswith("ask_"):
        return None
    if ctx.intent != previous and not named and OURS.search(question_form(ctx.text)):
        return previous  # "et le nôtre c'est lequel ? on est à Poitiers": the same thing, for that place
    if ctx.intent == previous or ctx.place_in_message or ctx.buyer_in_message or ctx.product_in_message:
        return None
    if WHICH_ONE.search(question_form(ctx.text)) or WHAT_IT_ALLOWS.search(question_form(ctx.text)):
        return previous  # "ça permet de rejoindre son réseau régional ?" after RAPIDD: what RAPIDD allows
    words = stems(ctx.text)
    if coverage(words, ctx.intent, vocab) > coverage(words, previous, vocab):
        return None  # "et je peux leur réserver le marché ?": "réserver" is the reserved contracts' word
    return previous if not named and refers_back(ctx.text) else None


# « et pour le Nord, ... », « ok et dans le Var, ... », « et à Lille ... »: a turn that opens on a place.
OPENS_ON_PLACE = re.compile(
    r"^(?:(?:ok|okay|bon|d accord|merci|super|parfait|alors|mais|et) )*"
    r"(?:pour|dans|en|sur|a|au|aux|chez|cote|du cote d\w*|concernant|s agissant d\w*)\b(?! qui\b)"
)
# Whom to turn to, in the words WHO_HELPS lacks (« à qui je m'adresse ? », « je contacte qui ? »).
WHOM_TO_CONTACT = re.compile(
    r"\ba qui (?:je |on |nous |dois je |faut il )?(?:m |s |nous )?(?:adress\w*|demand\w*|ecri\w*|envoi\w*)"
    r"|\b(?:je|on|nous) (?:contacte|contactons|appelle|appelons|sollicite|sollicitons|ecris) qui\b"
    r"|\bqui (?:est )?(?:mon|notre|le|l) (?:contact|interlocut\w*|referente?)\b"
)

# A kind of body named (« pour une entreprise du Nord ») makes the question about who helps that body.
BODY_NAMED = re.compile(
    r"\b(?:entreprises?|societes?|pme|tpe|eti|boites?|associations?|asso|cooperatives?|scop)\b"
)


def same_topic_elsewhere(ctx: Context) -> Optional[str]:
    """« ok et pour le Nord, vers qui me tourner ? » right after the facilitators (or a network, a guichet
    vert): the topic just answered, for the place the message opens on; None for any other message (a
    topic named, no place, or a place given as the buyer's context)."""
    if ctx.previous_question not in PLACE_PULLED or ctx.place_in_message is None:
        return None
    plain = question_form(ctx.text)
    if ctx.buyer_in_message or says_private(ctx.text) or says_public(ctx.text) or BODY_NAMED.search(plain):
        return None  # « pour une entreprise du Nord, vers qui me tourner ? »: who helps that buyer
    asks_whom = WHO_HELPS.search(plain) or WHOM_TO_CONTACT.search(plain)
    if not asks_whom or named_topics(ctx.text) or not OPENS_ON_PLACE.match(plain):
        return None
    return ctx.previous_question


# « c'est réservé aux acheteurs publics ? »: who may use the thing just answered, not a reserved contract.
RESERVED_TO_AUDIENCE = re.compile(
    r"\b(?:c est|est ce|est ce que c est|c etait|il est|elle est|ils sont|elles sont|est il|est elle)"
    r"(?: (?:uniquement|seulement|exclusivement|vraiment|bien))? reservee?s? "
    r"(?:aux seul\w* |a la |a l |aux? |pour (?:les? )?)(?:\w+ )?"
    r"(?:acheteurs?|publics?|prives?|collectivites?|entreprises?|membres?|adherent\w*|agents?|pme|tpe"
    r"|associations?|etat|administrations?|inscrits?|professionnels?)\b"
)
RESERVED_CONTRACTS = "ask_reserved_contracts"


def audience_of_previous(ctx: Context) -> Optional[str]:
    """« c'est réservé aux acheteurs publics ? » right after RAPIDD: the service just answered, whose
    audience is asked (DIET reads « réservé » as the reserved contracts); None for any other message, after
    a topic that is no service, and when a topic is named (« un marché réservé aux ESAT ? »)."""
    previous = ctx.previous_question
    if previous not in SERVICES or previous in (RESERVED_CONTRACTS, ctx.question) or named_topics(ctx.text):
        return None  # a law (« c'est réservé aux collectivités ? » after the AGEC declaration): who it binds
    return ctx.previous_question if RESERVED_TO_AUDIENCE.search(question_form(ctx.text)) else None
