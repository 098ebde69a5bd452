"""What routing works on: the ``Context`` of a message, the ``Outcome`` it gets, and the menus, offers and
small text helpers that every routing module shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from actions.render import PRIVATE_BUYER_TYPES, Reply
from actions.territory import PlaceLike
from actions.understanding import CONTACT, COST, JOIN, WHO, says_private, says_public
from textnorm import question_form

PUBLIC_BUYER_TYPES = frozenset({"etat", "collectivite", "hopital", "etablissement_public"})
ASK_LOCATION = "Où travaillez-vous ? Indiquez une ville, un département (nom ou numéro) ou une région."
LOCATION_NOT_FOUND = (
    "Je n'ai pas reconnu ce lieu. Essayez avec une ville, un numéro de département (par exemple 35) "
    "ou une région."
)


def offer_for(what: str) -> str:
    """The offer that follows a national answer: the local answer once the user says where they work."""
    return f"Pour {what}, dites-moi où vous travaillez (ville, département ou région)."


OFFER_NETWORK = offer_for("connaître le réseau de votre région")
OFFER_GUICHET_VERT = offer_for("connaître le guichet vert de votre région")
OFFER_FACILITATOR = offer_for("trouver le facilitateur de votre territoire")
AGEC_BUTTON = {"title": "Loi AGEC et mes achats", "payload": "/ask_agec"}
SOCIAL_CLAUSE_BUTTON = {"title": "Clauses sociales", "payload": "/ask_social_clause"}
WELCOME_MENU = [
    AGEC_BUTTON,
    {"title": "Le guichet vert", "payload": "/ask_guichet_vert"},
    {"title": "Mon réseau régional", "payload": "/ask_network"},
    SOCIAL_CLAUSE_BUTTON,
]
# A place given alone after a question that does not depend on it: the territorial answer for that topic.
PLACE_TOPIC = {
    "ask_agec": "ask_guichet_vert",
    "ask_agec_declaration": "ask_guichet_vert",
    "ask_environmental_considerations": "ask_guichet_vert",
    "ask_biosourced": "ask_guichet_vert",
    "ask_biosourced_label": "ask_guichet_vert",
    "ask_ecolabels": "ask_guichet_vert",
    "ask_climate_law": "ask_guichet_vert",
    "ask_pnad": "ask_guichet_vert",
    "ask_social_clause": "ask_facilitator",
    "ask_reserved_contracts": "ask_facilitator",
    "ask_marche_inclusion": "ask_facilitator",
    "ask_rapidd": "ask_network",
}
FOCUSABLE = frozenset({COST, CONTACT, JOIN, WHO})
SHORT_DETAIL_WORDS = 6  # a product given with a few words after an AGEC answer ("et les tondeuses ?")
KNOWN_QUESTIONS = frozenset(
    """
    ask_agec ask_agec_declaration ask_biosourced ask_biosourced_label ask_ecolabels
    ask_environmental_considerations ask_guichet_vert ask_social_clause ask_reserved_contracts ask_facilitator
    ask_marche_inclusion ask_network ask_rapidd ask_pnad ask_climate_law ask_private_support
    ask_conseillers_entreprises ask_entreprises_engagent ask_agefiph ask_cci ask_cna
    """.split()
)


@dataclass
class Context:
    """What the actions know when they answer: this message and what the conversation remembers."""

    intent: str
    text: str = ""
    question: Optional[str] = None  # the question intent being answered (slot `question`)
    previous_question: Optional[str] = None  # the slot `question` before this message
    confidence: float = 1.0  # the NLU's confidence in ``intent``
    alternative: Optional[str] = None  # DIET's best question intent after ``intent``, when likely enough
    place_in_message: Optional[PlaceLike] = None
    place: Optional[PlaceLike] = None  # the place of this message, else the remembered one
    buyer_type: Optional[str] = None  # slot, already updated with this message
    buyer_in_message: Optional[str] = None
    product_in_message: Optional[str] = None
    product: Optional[str] = None  # remembered product (slot)
    pending: Optional[str] = None  # the likeliest question of a message that was not understood
    after_clarify: bool = False  # the previous bot turn asked the user to rephrase
    awaiting_location: bool = False  # the previous bot turn asked where the buyer works
    named_place: Optional[PlaceLike] = None  # the region of a structure named ("RESECO"), this answer only
    last_answer: str = ""  # the text of the assistant's latest answer, which a follow-up may refer to
    earlier_answers: Tuple[str, ...] = ()  # the texts of its earlier messages in this conversation
    last_turn_answers: Tuple[str, ...] = ()  # every text of its latest turn, in order (last_answer ends it)
    asked_again: bool = False  # the user sent this very message before: the same answer is wanted
    said_sector: Optional[str] = None  # "public" or "private", said in an earlier message of the conversation

    @property
    def has_detail(self) -> bool:
        """The message gives a place, a buyer type or a product."""
        return bool(self.place_in_message or self.buyer_in_message or self.product_in_message)

    @property
    def public(self) -> bool:
        if self.buyer_in_message:  # the body named in this message wins over words and memory
            return self.buyer_in_message in PUBLIC_BUYER_TYPES
        if self.buyer_type:
            return self.buyer_type in PUBLIC_BUYER_TYPES or says_public(self.text)
        return says_public(self.text) or (self.said_sector == "public" and not says_private(self.text))

    @property
    def private(self) -> bool:
        if self.buyer_in_message:
            return self.buyer_in_message in PRIVATE_BUYER_TYPES
        if self.buyer_type:
            return self.buyer_type in PRIVATE_BUYER_TYPES or says_private(self.text)
        return says_private(self.text) or (self.said_sector == "private" and not says_public(self.text))


@dataclass
class Outcome:
    replies: List[Reply]
    question: Optional[str] = None  # a new value for the slot `question`, when it changes
    awaiting_location: bool = False
    notes: List[str] = field(default_factory=list)  # why, for the logs
    out_of_scope: bool = False  # nothing to answer because the message is about something else
    capabilities: bool = False  # a request for help from a buyer not known yet: what the assistant does


LOCAL_REFERENCE = re.compile(
    r"\b(?:ma|notre) (?:region|ville|commune|departement|territoire|zone)\b|\bchez (?:moi|nous)\b"
    r"|\bpres de chez\b|\bdans (?:le|mon|notre) coin\b|\blocalement\b|\bpas loin\b|\ba proximite\b"
)


def words_of(text: str) -> List[str]:
    return re.findall(r"[a-z0-9]+", question_form(text))


def plain_text(text: str) -> str:
    """The message without punctuation but the ends of sentences, for the keyword look-ups of the answer
    builders (a button's payload, "/ask_network{...}", holds no words of the user's). A "%" stays:
    "combien de % ?" asks a share."""
    if text.startswith("/"):
        return ""
    # The ends of sentences stay: the question after some context ("je travaille au conseil
    # départemental. Le guichet vert est pour nous ?") is what picks the lead sentence (focus.asked_part),
    # while the context may name the purchase ("Je lance un marché de formation. Quelles considérations
    # environnementales ?": the ideas for a training)
    return " ".join(re.sub(r"[^\w'’\-%.?!; ]", " ", text).split())


UNKNOWN_FIRST = re.compile(r"Je n'ai pas |Je ne (?:connais|dispose) pas ")
