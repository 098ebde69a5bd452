"""Rasa custom actions: read the conversation, call the pure routing and answer functions, send the reply."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.agec_route import AGEC_TOPICS
from actions.amounts import sum_verdict
from actions.audience import button_topics, private_side_answer, worded
from actions.brevity import with_regional_route
from actions.context_question import where_to_ask_topic
from actions.context_rules import (
    answered_by_topic,
    continues_topic,
    held_best_by,
    narrower_of_pair,
    supplier_search_question,
    vocabulary,
)
from actions.fallback import clarify_reply, looks_english, merged_ranking, pending_question
from actions.feedback import (  # noqa: F401 - issue 13: votes, handoff
    ActionFeedback,
    ActionHandoff,
    offer_handoff_if_repeated,
    stamp,
)
from actions.figure_finder import figure_reply
from actions.focus import ASKS_PENALTY
from actions.glossary_route import glossary_reply, product_rule_replies, term_replies
from actions.knowledge import knowledge_base
from actions.legal_refs import (
    citing_topic,
    known_cited_articles,
    uncovered_law_reply,
    unknown_article_reply,
    unknown_law_article_reply,
)
from actions.limits import (
    asks_general_rule,
    asks_service_review,
    general_rule_reply,
    general_term_reply,
    limit_reply,
    off_domain,
)
from actions.network_facts import asks_structure_origin
from actions.no_topic import unknown_without_topic, which_obligation
from actions.opinion import opinion_reply
from actions.products import (
    find_product_category,
    names_protective_equipment,
    product_phrase,
    protective_equipment_sentence,
)
from actions.render import Reply
from actions.reply import (
    PORTAL_ROUTE,
    consulted_note,
    details_reply,
    parse_payload,
)
from actions.restatement import restatement_reply
from actions.route_types import ASK_LOCATION, LOCATION_NOT_FOUND, WELCOME_MENU, Context, Outcome
from actions.routing import abroad_help_reply, route
from actions.session import ActionSessionStart  # noqa: F401 - the action server serves every Action imported
from actions.smalltalk import (
    acknowledgement_kind,
    asks_link,
    asks_more,
    asks_source,
    complaint_answer,
    links_reply,
    place_question_words,
    rephrased_question,
)
from actions.structures import REGIONAL_TOPICS, structure_texts
from actions.topic_choice import PLACE_PULLED, best_named_topic
from actions.tracker_context import (
    after_capabilities,
    both_kinds,
    context,
    earlier_answer_texts,
    helpers_answer,
    last_answer_payload,
    last_answer_text,
    last_turn_texts,
    latest_place,
    previous_question,
    send,
    send_glossary,
)
from actions.understanding import (
    FIGURE,
    asks_what_it_is,
    asks_where_to_start,
    asks_who_helps,
    aspects,
    facet_topic,
    is_elliptical,
    named_topics,
    refers_back,
    unknown_detail,
)
from actions.unknown_subject import unknown_fact_text, with_subject
from actions.unknown_terms import (
    domain_term_reply,
    unknown_clause_reply,
    unknown_follow_up_reply,
    unknown_term_reply,
)
from textnorm import normalize, question_form

logger = logging.getLogger(__name__)

__all__ = [
    "ASK_LOCATION",
    "LOCATION_NOT_FOUND",
    "WELCOME_MENU",
    "ActionAcknowledge",
    "ActionAnswer",
    "ActionClarify",
    "ActionDetails",
    "ActionOutOfScope",
]
MAX_PLACE_FOLLOW_UP_WORDS = 8  # a short unclear message with a place re-asks the last question there
NO_DETAILS = "Je n'ai pas d'autres détails sur ce point. Quelle est votre question ?"

# Loaded when the action server imports this module, not at each message.
KNOWLEDGE = knowledge_base()
VOCABULARY = vocabulary(KNOWLEDGE)


def answered_sum(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """« on a 120 M€ d'achats, on est concernés ? » after a threshold: yes or no from the comparison; the
    topic before this message stays current. None when the message states no sum of the buyer's own."""
    verdict = sum_verdict(tracker.latest_message.get("text") or "", last_answer_text(tracker))
    if not verdict:
        return None
    send(dispatcher, Reply(verdict))
    return [SlotSet("question", previous_question(tracker))]


AGEC_WORDS = re.compile(r"\b(?:agec|article 58|reemploi|recycl\w*)\b")


def answered_protective(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """« les chaussures de sécurité comptent aussi ? » after an AGEC answer: protective equipment is set
    aside by the textiles category's own label."""
    text = tracker.latest_message.get("text") or ""
    on_agec = previous_question(tracker) in ("ask_agec", "ask_agec_declaration") or AGEC_WORDS.search(
        normalize(text)
    )
    if not (on_agec and names_protective_equipment(text)):
        return None
    if find_product_category(KNOWLEDGE.agec, None, text) is not None:
        return None  # another category named too: its answer
    said = protective_equipment_sentence(KNOWLEDGE.agec)
    if not said:
        return None
    send(dispatcher, Reply(said))
    return [SlotSet("question", "ask_agec")]


def answered_private_side(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """« et pour les entreprises privées ? » right after a topic: whether that topic serves them."""
    topic_id = previous_question(tracker)
    topic = KNOWLEDGE.topics.get(topic_id) if topic_id else None
    said = worded(
        private_side_answer(
            topic_id,
            topic,
            tracker.latest_message.get("text") or "",
            last_answer_text(tracker),
            button_topics(topic, KNOWLEDGE.topics),
        )
    )
    if not said:
        return None
    send(dispatcher, Reply(said))
    return [SlotSet("question", topic_id)]


def answered_opinion(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """« c'est une bonne idée ? » right after a topic: no opinion of its own, who advises instead."""
    topic_id = previous_question(tracker)
    reply = opinion_reply(tracker.latest_message.get("text") or "", topic_id is not None)
    if reply is None:
        return None
    send(dispatcher, reply)
    return [SlotSet("question", topic_id)]


def answered_restatement(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """« donc pas d'obligation pour nous ? » right after a topic: the sentence of that answer it checks."""
    topic_id = previous_question(tracker)
    if topic_id is None:
        return None
    reply = restatement_reply(tracker.latest_message.get("text") or "", "\n".join(last_turn_texts(tracker)))
    if reply is None:
        return None
    send(dispatcher, reply)
    return [SlotSet("question", topic_id)]


class ActionAnswer(Action):
    """Answers the current question from the knowledge base (re-answers it after a detail or a follow-up)."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if asks_more(tracker.latest_message.get("text") or ""):  # "vous pouvez m'en dire plus ?"
            for reply in more_replies(tracker):
                send(dispatcher, reply)
            return []
        if asks_source(tracker.latest_message.get("text") or ""):  # "la source ?"
            send(dispatcher, source_reply(tracker))
            return []
        linked = link_reply(tracker)
        if linked is not None:  # "tu as un lien ?": the links of the latest answer
            send(dispatcher, linked)
            return []
        answered = answered_about_last(dispatcher, tracker)
        if answered is not None:  # "et 75 millions ça passe ?" after the SPASER threshold, and the like
            return answered
        ctx = context(tracker)
        helped = after_capabilities(tracker) and not ctx.question
        if helped and ctx.intent == "inform" and ctx.buyer_in_message:
            # "on peut se faire accompagner ?" answered by what the assistant does, then "on est une petite
            # commune": who supports that buyer
            return helpers_answer(dispatcher, ctx)
        again = rephrased_question(ctx.text) if ctx.question else None
        if again:  # "non, je voulais dire combien de guichets il y a": that question, without its framing
            ctx = replace(ctx, text=again)
        outcome = route(KNOWLEDGE, ctx)
        events: List[Dict[str, Any]] = []
        if outcome.capabilities:  # "vous pouvez m'aider ?" from a buyer who said nothing of themselves
            dispatcher.utter_message(response="utter_capabilities")
            return events
        if outcome.out_of_scope:  # "il fait beau chez vous ?" read as a question of the domain
            product = product_question(ctx, ctx.text, tracker.latest_message.get("intent_ranking", []))
            answered = answer_product(dispatcher, ctx, product) if product else []
            if answered:  # "doudounes pour l'accueil ?" read as another topic: a purchase after all
                return events + answered
            dispatcher.utter_message(response="utter_out_of_scope")
            # the intent's mapping set the slot `question`: the topic before this message stays current
            return events + [SlotSet("question", ctx.previous_question)]
        if not outcome.replies:  # nothing to answer: out of scope, or a question to rephrase
            return events + not_answered(dispatcher, tracker)
        return events + sent_outcome(dispatcher, tracker, ctx, outcome)


def sent_outcome(
    dispatcher: CollectingDispatcher, tracker: Tracker, ctx: Context, outcome: Outcome
) -> List[EventType]:
    """Sends the replies of a routed answer (each can be rated) and returns the slots it sets: the place and
    the body of the message, the topic answered, whether a place is now awaited."""
    events: List[EventType] = []
    for reply in outcome.replies:
        send(dispatcher, stamp(reply, tracker, KNOWLEDGE, topic=outcome.question))
    if ctx.place_in_message:
        events.append(SlotSet("location", ctx.place_in_message.key))
    if ctx.buyer_in_message and ctx.buyer_in_message != tracker.get_slot("buyer_type"):
        events.append(SlotSet("buyer_type", ctx.buyer_in_message))  # the body not negated
    if outcome.question:
        events.append(SlotSet("question", outcome.question))
    if ctx.pending:
        events.append(SlotSet("pending_question", None))
    if outcome.awaiting_location != ctx.awaiting_location:
        events.append(SlotSet("awaiting_location", outcome.awaiting_location))
    return events


DOMAIN_WORDS = re.compile(
    r"\b(?:achat|achats|acheteu\w+|marches?|commande publique|durables?|responsables?|clauses?|fournisseurs?"
    r"|insertion|environnement\w*|ecolog\w+|recycl\w+|reemploi|dechets?|prestataires?)\b"
)


def clearly_out_of_scope(ranking: List[Dict[str, Any]], text: str) -> bool:
    """DIET's best guess, though unsure, is out_of_scope, clearly ahead, and no word of the domain."""
    diet = [item for item in ranking if item.get("name") != "nlu_fallback"]
    if not diet or diet[0].get("name") != "out_of_scope":
        return False
    top = float(diet[0].get("confidence") or 0.0)
    second = float(diet[1].get("confidence") or 0.0) if len(diet) > 1 else 0.0
    return top >= 0.35 and top - second >= 0.1 and not DOMAIN_WORDS.search(normalize(text))


MAX_DETAIL_WORDS = 10
MAX_INTRODUCTION_WORDS = 14
# A longer introduction ("Commune de 4 000 habitants dans le Vaucluse, on lance un marché de restauration
# scolaire.") is still one when it asks nothing and requests nothing.
MAX_LONG_INTRODUCTION_WORDS = 30
REQUEST_WORDS = re.compile(
    r"\b(?:cherch|voudr|souhait|besoin|aimer|aide|aider|conseil|recommand|savoir|connaitre|comment|qui|quel)"
    r"\w*",
)
INTRODUCTION_INTENTS = ("inform", "greet")
# A relative clause that says what the buyer's body does ("une association qui gère des crèches"): a
# description, no question ("vers qui", "à qui", "c'est qui" and a "qui" opening a clause are questions).
RELATIVE_CLAUSE = re.compile(
    r"(?<=[a-z0-9] )(?<!\bvers )(?<!\ba )(?<!\bde )(?<!\bpour )(?<!\bavec )(?<!\bchez )(?<!\bpar )"
    r"(?<!\best )(?<!\bc )(?<!\bsais )(?<!\bsait )(?<!\bsavoir )(?<!\bdire )(?<!\bsur )"
    r"qui (?!peut|peuvent|pourrait|pourraient|contacter|sont|est|serait|fait|font|dois|doit)[^,.;:?!]*"
)


def described(text: str) -> str:
    """The message without the relative clauses that describe the buyer's body (see RELATIVE_CLAUSE)."""

    def kept(found: re.Match) -> str:  # "une mairie qui cherche un réseau": a request, kept
        return found.group(0) if REQUEST_WORDS.search(found.group(0)[4:]) else " "

    return RELATIVE_CLAUSE.sub(kept, normalize(text))


def gives_detail(ctx: Context, text: str, ranking: List[Dict[str, Any]]) -> bool:
    """A short message that gives a buyer type or a product ("une boîte privée du BTP"): it re-answers
    the question just asked, even when DIET was unsure of its intent. Before any question, a buyer who
    introduces themselves ("bonjour, je suis acheteur dans une communauté de communes du Jura"), which
    DIET reads as a greeting or a detail, is acknowledged."""
    words = len(text.split())
    if ctx.question:
        # a longer statement that asks nothing ("je précise : l'association gère un CCAS pour la ville, on
        # passe des marchés publics") also only gives the detail
        statement = "?" not in text and not aspects(text)
        limit = MAX_INTRODUCTION_WORDS if statement else MAX_DETAIL_WORDS
        counted = len(re.findall(r"\w+", text))
        return bool(ctx.buyer_in_message or ctx.product_in_message) and counted <= limit + 2 * statement
    best = [item.get("name") for item in ranking if item.get("name") != "nlu_fallback"][:2]
    # "Association d'aide à domicile à Besançon": no question asked, whatever DIET guessed; "une association
    # loi 1901 qui gère des crèches, on n'est pas soumis aux marchés publics" describes, asks nothing
    plain = described(text) if "?" not in text else text
    asks_nothing = "?" not in text and not aspects(plain) and not asks_where_to_start(text)
    long_statement = (
        asks_nothing and words <= MAX_LONG_INTRODUCTION_WORDS and not REQUEST_WORDS.search(normalize(plain))
    )
    introduced = all(name in INTRODUCTION_INTENTS for name in best)
    short_statement = words <= MAX_INTRODUCTION_WORDS and (asks_nothing or introduced)
    return bool(ctx.buyer_in_message or ctx.place_in_message) and (long_statement or short_statement)


def vague_help_request(ctx: Context, text: str, named: List[str]) -> bool:
    """ "Par où commencer ?", "des conseils ?", naming no topic, from a buyer who said who or where they
    are (in this message, or before any question): the support that fits them answers it."""
    if named or looks_english(text) or not asks_where_to_start(text):
        return False
    if ctx.place_in_message or ctx.buyer_in_message:
        return True
    about_last = ctx.question not in (None, *SUPPORT_TOPICS) and refers_back(text)  # "je fais quoi pour ça ?"
    return bool(ctx.place or ctx.buyer_type) and not about_last


def first_step_from_unknown_buyer(ctx: Context, text: str, named: List[str]) -> bool:
    """ "Par où commencer ?" before any question, from a buyer who said nothing of themselves: what the
    assistant does, rather than a request to rephrase."""
    known = ctx.question or ctx.place or ctx.buyer_type or ctx.buyer_in_message
    return not (named or known or looks_english(text)) and asks_where_to_start(text)


SUPPORT_TOPICS = ("ask_network", "ask_networks_overview", "ask_guichet_vert", "ask_private_support")
# Questions whose answer depends on the place: asked with a place, DIET's unsure guess is kept.
MIN_TERRITORIAL_GUESS = 0.3


def territorial_guess(
    ctx: Context, text: str, ranking: List[Dict[str, Any]], named: List[str]
) -> Optional[str]:
    """DIET's best question, unsure but likely, when it is territorial and the message gives a place
    ("un office public HLM à Lille, y a un réseau pour nous ?"): the place says what it depends on."""
    if named or not ctx.place_in_message or looks_english(text):
        return None
    guess = pending_question(text, ranking, minimum=MIN_TERRITORIAL_GUESS)
    return guess if guess in PLACE_PULLED else None


# Both kinds of buyer at once, as an answer or a statement: "les deux", "public et privé".
BOTH_SECTORS = re.compile(
    r"^(?:(?:ben|bah|eh bien|alors|euh|oui) )?(?:les deux|un peu des deux|des deux)"
    r"(?= ?[?!.]?$|,| (?:on|nous|je|car|parce|puisque|publics?|prive)\b)"
    r"|\bpubli\w* et (?:\w+ )?priv|\bpriv\w* et (?:\w+ )?publi"
)
# A request that holds several questions, asked of the service just answered.
SEVERAL_QUESTIONS = re.compile(r"\bplusieurs (?:questions|demandes|sujets|objets)\b|\b(?:la )?meme demande\b")


def both_sectors(text: str) -> bool:
    return bool(BOTH_SECTORS.search(question_form(text)))


def likely_out_of_scope(ranking: List[Dict[str, Any]], text: str, named: List[str]) -> bool:
    """DIET, unsure, still ranks out_of_scope among its three best guesses, and the message has no word
    of the domain and names no topic ("tu connais un bon resto à Nantes ?")."""
    diet = [item for item in ranking if item.get("name") != "nlu_fallback"][:3]
    scores = [float(item.get("confidence") or 0) for item in diet if item.get("name") == "out_of_scope"]
    return not named and bool(scores) and scores[0] >= 0.25 and not DOMAIN_WORDS.search(normalize(text))


MIN_AGEC_GUESS = 0.1  # DIET's guess of the AGEC topic, unsure but real
MAX_PRODUCT_ONLY_WORDS = 4  # "ramettes ?", "des chaises de bureau": a product named alone
# Bought for a group or a body ("pour les cantonniers", "pour nos écoles", "pour la crèche"): an
# organisation's purchase, unlike "pour mon salon" or "pour Noël".
FOR_A_GROUP = re.compile(
    r"\bpour (?:les|nos|des|tous les|toutes les) \w+"
    r"|\bpour (?:la|le|l|notre) (?:mairie|commune|ville|ecole|creche|cantine|ehpad|college|lycee|service"
    r"|collectivite|metropole|agglo\w*|hopital|residence|mediatheque|gymnase|piscine|administration)\b"
)
# Words of a question on what a purchase must contain: a share, reuse, recycled content, second hand.
PURCHASE_DUTY = re.compile(
    r"\b(?:agec|article 58|anti ?gaspi\w*|reemploi|reutilis\w+|recycl\w+|reconditionn\w+|seconde main"
    r"|d occasion|taux|parts?|pourcentages?|quotas?|proportions?|obligations?|obliges?|obligatoires?)\b"
)


# A price or a shop asked ("combien coûte un iPhone 15 ?"): a consumer's question, not a duty of buyers.
SHOPPING = re.compile(
    r"\b(?:combien (?:coute|coutent|ca coute)|coute(?:nt)? combien|prix|tarifs?|pas cher|promos?|promotions?"
    r"|soldes?|ou (?:acheter|trouver)|meilleure?s?|quelle marque)\b"
)


def product_question(ctx: Context, text: str, ranking: List[Dict[str, Any]]) -> Optional[str]:
    """The product of a message DIET was unsure of (or read as out of scope) that asks about a purchase of
    an AGEC category: the product entity, else an object of the lexicon ("polaires et doudounes pour les
    cantonniers", "nous c'est surtout des gilets pour les agents de voirie" after an AGEC answer). It is
    asked about when the AGEC topic is current or one of DIET's real guesses, when the message asks for a
    share or a duty, says the purchase is for a group ("pour les agents"), or is only that product."""
    product = ctx.product_in_message or product_phrase(text)
    if not product or named_topics(text) or SHOPPING.search(normalize(text)):
        return None
    if not find_product_category(KNOWLEDGE.agec, product, text):
        return None  # "une baguette ?": no category of the lexicon, not a purchase question
    plain = normalize(text)
    if (
        ctx.question in AGEC_TOPICS
        or any(
            item.get("name") in AGEC_TOPICS and float(item.get("confidence") or 0) >= MIN_AGEC_GUESS
            for item in ranking
        )
        or PURCHASE_DUTY.search(plain)
        or FOR_A_GROUP.search(plain)
        or (not ctx.question and len(text.split()) <= MAX_PRODUCT_ONLY_WORDS)
    ):
        return product
    return None


def answer_product(dispatcher: CollectingDispatcher, ctx: Context, product: str) -> List[Dict[str, Any]]:
    """The AGEC answer for the product named (its category and known rates); [] when none is found."""
    asked = replace(ctx, intent="ask_agec", question="ask_agec", product_in_message=product)
    outcome = route(KNOWLEDGE, asked)
    if not outcome.replies:
        return []
    for answer in outcome.replies:
        send(dispatcher, answer)
    return [SlotSet("question", outcome.question or "ask_agec")]


def asks_unknown_of_last(ctx: Context, text: str) -> bool:
    """A short question, after an answer, on a detail never known (hours, a name, a phone number) or on a
    figure of "them" ("combien de demandes ils ont traité ?"): a follow-up on that answer, not out of scope,
    whatever DIET guessed."""
    if not ctx.question or looks_english(text) or len(text.split()) > MAX_UNKNOWN_FOLLOW_UP_WORDS:
        return False
    # "them" must be the answer's structure: not "il fait combien à Paris ?", "chez Google", "la mairie"
    if not THEM.search(question_form(text)) or OTHER_NAME.search(text) or ctx.place_in_message:
        return False
    return unknown_detail(text, []) is not None or FIGURE in aspects(text)


MAX_UNKNOWN_FOLLOW_UP_WORDS = 12
NO_FIGURE = "Je n'ai pas ce chiffre : il ne figure pas dans mes sources."
TOPICS_OFFERED = "Voici aussi les sujets sur lesquels je peux vous orienter :"  # the buttons follow
THEM = re.compile(
    r"\b(?:ils|elles|leur|leurs|chez eux|la bas)\b|\b(?:il|elle)\b(?! (?:fait|y a|pleut|faut)\b)"
)
OTHER_NAME = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][a-zà-ÿ]{2,}")  # "chez Google", "à Paris"


def continues_after_answer(ctx: Context, text: str) -> bool:
    """A short follow-up of the answer just given, with no word foreign to the knowledge: never out of
    scope when the last answer was in scope (« à quel taux ? », « même en dessous de 40k ? »)."""
    return bool(ctx.question) and not looks_english(text) and continues_topic(text, VOCABULARY)


def answered_about_last(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """A follow-up on the answer just read that DIET may misread, answered whatever it guessed: a sum
    compared with the threshold shown (« on a 120 M€ d'achats »), « et pour les entreprises privées ? »,
    protective equipment after AGEC textiles. None when the message is none of these."""
    for answered in (
        answered_restatement,  # before the sum: « c'était pas 100 millions avant ? » states no sum of theirs
        answered_sum,
        answered_private_side,
        answered_protective,
        answered_opinion,
    ):
        events = answered(dispatcher, tracker)
        if events is not None:
            return events
    return None


MIN_QUESTION_WORDS = 3  # « non ? » is no question on the answer; « c'était pas 100 millions ? » is


class ActionAcknowledge(Action):
    """« oui », « non ça ira »: acknowledged. A question on the answer just given that DIET read as a yes or
    a no (« c'était pas 100 millions avant ? ») is answered like any follow-up."""

    def name(self) -> str:
        return "action_acknowledge"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        words = question_form(text).replace("?", " ").split()
        if "?" in text and len(words) >= MIN_QUESTION_WORDS and previous_question(tracker):
            answered = answered_about_last(dispatcher, tracker)
            if answered is not None:
                return answered
            ctx = context(tracker)
            if continues_after_answer(ctx, text):
                outcome = route(KNOWLEDGE, replace(ctx, intent="follow_up"))
                if outcome.replies and not outcome.out_of_scope:
                    return sent_outcome(dispatcher, tracker, ctx, outcome)
        dispatcher.utter_message(response="utter_anything_else")
        return []


class ActionOutOfScope(Action):
    """DIET reads the message as out of scope: so it is, unless it names a product of the lexicon and
    asks about buying it ("polaires et doudounes pour les cantonniers" is a textiles question)."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        answered = answered_about_last(dispatcher, tracker)
        if answered is not None:  # a sum, « et pour le privé ? », protective equipment: see the function
            return answered
        complaint = complaint_answer(text)  # "vous êtes nul": a polite reply that says what it does
        if complaint is not None:
            send(dispatcher, complaint)
            return []
        ctx = context(tracker)
        origin = bool(ctx.question) and asks_structure_origin(text)  # "quelle est son histoire ?"
        if asks_unknown_of_last(ctx, text) or continues_after_answer(ctx, text) or origin:
            # "ils sont ouverts à quelle heure ?" after a network's answer; "à quel taux ?" after AGEC
            outcome = route(KNOWLEDGE, replace(ctx, intent="follow_up"))
            if outcome.replies and not outcome.out_of_scope:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return []
        defined = glossary_reply(KNOWLEDGE, ctx)
        if defined and not looks_english(text):  # "c'est quoi un opérateur économique ?": a term it defines
            return send_glossary(dispatcher, [defined], text)
        articles = known_cited_articles(text)
        citing = citing_topic(KNOWLEDGE, articles[0]) if articles else None
        if citing and not looks_english(text):  # "L2112-2 du CCP, ça parle de quoi ?": the text citing it
            outcome = route(KNOWLEDGE, replace(ctx, intent=citing, question=citing))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question or citing)]
        term = term_replies(KNOWLEDGE, ctx) if not looks_english(text) else []
        if len(term) > 1 and term[0].text.startswith("Je n'ai pas"):
            # "le chiffre d'affaires moyen d'une entreprise adaptée ?": a figure not known, on a term it knows
            return send_glossary(dispatcher, term, text)
        facet = facet_topic(text) if ctx.question and not looks_english(text) else None
        if facet and facet != ctx.question:  # "et pour embaucher des personnes handicapées ?" after a topic
            outcome = route(KNOWLEDGE, replace(ctx, intent=facet, question=facet))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question or facet)]
        product = product_question(ctx, text, [])  # DIET's other guesses are no evidence here
        if product and not looks_english(text):
            events = answer_product(dispatcher, ctx, product)
            if events:
                return events
        if ctx.question and asks_service_review(text):  # "ils font de la relecture de DCE ?" after a service
            outcome = route(KNOWLEDGE, replace(ctx, intent="follow_up"))
            if outcome.replies and not outcome.out_of_scope:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return []
        abroad = abroad_help_reply(KNOWLEDGE, text)
        if abroad:  # "je suis à Montréal au Québec, vous avez des ressources ?": the French contacts, said so
            send(dispatcher, abroad)
            return []
        ruled = product_rule_replies(KNOWLEDGE, ctx)
        if ruled:  # "touillettes en bois : c'est du plastique à usage unique ?": the rule of those products
            for answer in ruled[0]:
                send(dispatcher, answer)
            return [SlotSet("question", ruled[1])]
        general = general_rule_reply(KNOWLEDGE, text, WELCOME_MENU) if not looks_english(text) else None
        # "une offre anormalement basse, ça veut dire quoi ?": a definition asked, not in the sources
        unknown = unknown_term_reply(KNOWLEDGE, text, bool(ctx.question)) if general else None
        general = general_term_reply(KNOWLEDGE, unknown) if unknown else general
        if general:  # "peut-on négocier en procédure adaptée ?": out of scope, with the code to read
            send(dispatcher, general)
            return []
        domain = domain_term_reply(KNOWLEDGE, text, bool(ctx.question)) if not looks_english(text) else None
        if domain:  # "c'est quoi l'achat groupé ?": a term of the trade the sources lack
            send(dispatcher, domain)
            return []
        ranking = tracker.latest_message.get("intent_ranking", [])
        # a body named, not only a place: "la météo de Brest ?" stays out of scope
        introduced = bool(ctx.buyer_in_message) and not ctx.question and not looks_english(text)
        if introduced and gives_detail(ctx, text, ranking):
            # "Centre hospitalier de Mâcon, nous renouvelons nos contrats de blanchisserie.": who and where
            # the buyer is, before any question: noted, not refused
            outcome = route(KNOWLEDGE, replace(ctx, intent="inform"))
            if outcome.replies and not outcome.out_of_scope:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question)] if outcome.question else []
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


def not_answered(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
    """A message with nothing to answer: out of scope when DIET thinks so, else the clarification."""
    message = tracker.latest_message
    diet = message.get("intent_ranking", [])
    ctx = context(tracker)
    term = term_replies(KNOWLEDGE, ctx) if not named_topics(ctx.text) else []
    if term:  # "la MAPCE a été créée quand ?" read as a follow-up of nothing: what the glossary says of it
        return send_glossary(dispatcher, term, ctx.text)
    unknown = unknown_term_reply(KNOWLEDGE, ctx.text, bool(ctx.question)) or (
        # « et un géosourcé ? » after what a biosourced material is: a thing the sources never name
        None if ctx.has_detail else unknown_follow_up_reply(KNOWLEDGE, ctx.text)
    )
    if unknown:  # "c'est quoi le BIM ?": a term the sources do not define, said so
        send(dispatcher, unknown)
        return []
    product = product_question(ctx, ctx.text, diet)
    answered = answer_product(dispatcher, ctx, product) if product else []
    if answered:  # a purchase of an AGEC category, whatever DIET guessed
        return answered
    if continues_after_answer(ctx, ctx.text):  # "et ça se valorise comment ?": on the answer just given
        outcome = route(KNOWLEDGE, replace(ctx, intent="follow_up"))
        if outcome.replies and not outcome.out_of_scope:
            for answer in outcome.replies:
                send(dispatcher, answer)
            return []
    if any(
        item.get("name") == "out_of_scope" and float(item.get("confidence") or 0) >= 0.1 for item in diet[:3]
    ):
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
    obligation = None if ctx.question else which_obligation(ctx.text)
    if obligation:  # "c'est depuis quand l'obligation ?" with no topic yet: which obligation, not « pas sûr »
        send(dispatcher, obligation)
        return []
    text = message.get("text") or ""
    ranking = merged_ranking(diet, message.get("retrieval") or [])
    send(dispatcher, clarify_reply(text, ranking))
    return [SlotSet("pending_question", pending_question(text, ranking))]


def regional_facts(ctx: Context) -> List[str]:
    """What the knowledge says of the regional structures of the place, after a regional answer."""
    if ctx.question not in REGIONAL_TOPICS or ctx.place is None:
        return []
    return structure_texts(KNOWLEDGE, ctx)


MAX_PLACE_ANSWER_WORDS = 4


def answers_where(text: str) -> bool:
    """A short statement, as an answer to « Où travaillez-vous ? » is; a question asked instead ("il est
    employé par qui en général ?") is read as one."""
    return "?" not in text and len(text.split()) <= MAX_PLACE_ANSWER_WORDS


class ActionClarify(Action):
    """Low NLU confidence: never guess; ask, with the likeliest topics as buttons."""

    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        message = tracker.latest_message
        text = message.get("text") or ""
        ranking = merged_ranking(message.get("intent_ranking", []), message.get("retrieval") or [])
        if tracker.get_slot("awaiting_location") and not latest_place(tracker) and answers_where(text):
            send(dispatcher, Reply(LOCATION_NOT_FOUND))
            return [SlotSet("awaiting_location", False)]
        if asks_more(text):  # "pouvez-vous développer ?"
            for reply in more_replies(tracker):
                send(dispatcher, reply)
            return []
        if asks_source(text):  # "d'où vient l'info ?"
            send(dispatcher, source_reply(tracker))
            return []
        linked = link_reply(tracker)
        if linked is not None:  # "tu as un lien ?"
            send(dispatcher, linked)
            return []
        if acknowledged(dispatcher, text):  # "parfait", "super merci bonne journée"
            return []
        answered = answered_about_last(dispatcher, tracker)
        if answered is not None:  # a sum, « et pour le privé ? », protective equipment: see the function
            return answered
        complaint = complaint_answer(text)  # "t'es inutile": a polite reply that says what it does
        if complaint is not None:
            send(dispatcher, complaint)
            return []
        ctx = context(tracker)
        defined = glossary_reply(KNOWLEDGE, ctx)
        if defined:  # "SPASER ?": a term of the glossary, not a question to rephrase
            return send_glossary(dispatcher, [defined], text)
        legal = (
            unknown_article_reply(KNOWLEDGE, text, WELCOME_MENU)
            or unknown_law_article_reply(KNOWLEDGE, text, ctx.question, WELCOME_MENU)
            or uncovered_law_reply(text)
            or unknown_clause_reply(KNOWLEDGE, text)  # "clause molière ?": no source names it
            or (None if named_topics(text) else limit_reply(text, WELCOME_MENU))
            # "DUME = ?", "une offre anormalement basse, ça veut dire quoi ?": a term the sources do not
            # define, said so
            or general_or_unknown_term(ctx, text)
            # « et un géosourcé ? » after what a biosourced material is: a thing the sources never name
            or (None if ctx.has_detail else unknown_follow_up_reply(KNOWLEDGE, text))
            # "les pénalités de retard ?": the general rules of procurement are not this assistant's
            or (None if named_topics(text) else general_rule_reply(KNOWLEDGE, text, WELCOME_MENU))
        )
        if legal:  # "la loi EGalim c'est quoi ?", "tu peux relire mon CCTP ?": what is not done, said
            send(dispatcher, legal)
            return []
        if off_domain(text) and not named_topics(text):  # "le VPN ne se connecte plus", "recruter un agent"
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        ruled = product_rule_replies(KNOWLEDGE, ctx)
        if ruled:  # "sacs poubelle en plastique, on peut encore en acheter ?": the rule of those products
            for answer in ruled[0]:
                send(dispatcher, answer)
            return [SlotSet("question", ruled[1])]
        if known_cited_articles(text) and not looks_english(text):
            # "R2113-7 du code de la commande publique, ça parle de quoi ?": the topic citing the article
            outcome = route(KNOWLEDGE, ctx)
            if outcome.replies and not outcome.out_of_scope:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question)] if outcome.question else []
        if ctx.question and ctx.place_in_message and place_question_words(text) <= MAX_PLACE_FOLLOW_UP_WORDS:
            # "et celui de Normandie s'appelle comment ?": the question just answered, for that place
            outcome = route(KNOWLEDGE, replace(ctx, intent="inform"))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                events = [SlotSet("location", ctx.place_in_message.key)]
                return events + ([SlotSet("question", outcome.question)] if outcome.question else [])
        named = named_topics(text)
        again = rephrased_question(text) if ctx.question and not named else None
        if again:  # "pas ça, je voulais savoir qui est derrière, c'est public ?": the topic just answered
            outcome = route(KNOWLEDGE, replace(ctx, intent="follow_up", text=again))
            if outcome.replies and not outcome.out_of_scope:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question)] if outcome.question else []
        if both_sectors(text):  # "les deux, on a des marchés publics et des achats privés"
            return helpers_answer(dispatcher, both_kinds(ctx))
        facet = facet_topic(text) if ctx.question and not named else None
        if facet and facet != ctx.question:  # "ok et pour l'insertion dans ce même marché ?"
            outcome = route(KNOWLEDGE, replace(ctx, intent=facet, question=facet))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question or facet)]
        supplier = None if named else supplier_search_question(ctx.question or "", text)
        if supplier:  # "comment on en trouve près de chez nous ?" after the reserved contracts
            outcome = route(KNOWLEDGE, replace(ctx, intent=supplier, question=supplier))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question or supplier)]
        asked_where = None if looks_english(text) else where_to_ask_topic(text)
        if asked_where:  # "où je pose ma question environnementale ?": the service that takes it
            outcome = route(KNOWLEDGE, replace(ctx, intent=asked_where, question=asked_where))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question or asked_where)]
        reply = clarify_reply(text, ranking)
        retrieved = [item.get("name") for item in message.get("retrieval") or []]
        topic = next((name for name in retrieved[:2] if name in named), named[0] if len(named) == 1 else None)
        topic = topic or narrower_of_pair(message.get("intent_ranking", []))  # AGEC, or its declaration?
        topic = topic or best_named_topic(KNOWLEDGE, named, text)  # two topics named: the one holding it
        if topic and not looks_english(text):  # the message names a service or a law: answer about it
            outcome = route(KNOWLEDGE, replace(ctx, intent=topic, question=topic))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question or topic)]
        product = product_question(ctx, text, message.get("intent_ranking", []))
        if product and not looks_english(text):  # "nous c'est surtout des gilets pour les agents de voirie"
            events = answer_product(dispatcher, ctx, product)
            if events:
                return events
        if not named and gives_detail(ctx, text, message.get("intent_ranking", [])):
            outcome = route(KNOWLEDGE, replace(ctx, intent="inform"))  # "on est un hôpital public"
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question)] if outcome.question else []
        if ctx.question and asks_who_helps(text) and not looks_english(text):  # "qui peut m aider ?"
            return helpers_answer(dispatcher, ctx)
        if vague_help_request(ctx, text, named):  # "mairie de Dole (Jura), je fais quoi ?"
            return helpers_answer(dispatcher, ctx)
        if first_step_from_unknown_buyer(ctx, text, named):  # "par où commencer ?" as a first message
            dispatcher.utter_message(response="utter_capabilities")
            return []
        guess = territorial_guess(ctx, text, message.get("intent_ranking", []), named)
        if guess:
            outcome = route(KNOWLEDGE, replace(ctx, intent=guess, question=guess))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return [SlotSet("question", outcome.question or guess)]
        if (
            ctx.question
            and not named
            and (
                is_elliptical(text)
                or refers_back(text)
                or held_best_by(ctx.question, text, VOCABULARY)
                or (
                    answered_by_topic(KNOWLEDGE, ctx.question, text, regional_facts(ctx))
                    and not likely_out_of_scope(message.get("intent_ranking", []), text, named)
                )
                or continues_topic(text, VOCABULARY)  # "même en dessous de 40k ?"
                or bool(ASKS_PENALTY.search(question_form(text)))  # "et si on ne le fait pas, l'amende ?"
                or unknown_detail(text, []) is not None  # "qui répond, vous avez un nom ?": never known
            )
        ):
            # "les entreprises peuvent le saisir ?", "il est employé par qui en général ?", "il y a des
            # clubs dans chaque département ?" (the topic just answered holds its words best)
            outcome = route(KNOWLEDGE, replace(ctx, intent="follow_up"))
            if outcome.out_of_scope:  # "il fait beau chez vous ?"
                dispatcher.utter_message(response="utter_out_of_scope")
                return []
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return []
        # "qui peut nous conseiller pour du réemploi ?" asks who helps, not what réemploi is
        helpers_asked = asks_who_helps(text) and not asks_what_it_is(text)
        term = term_replies(KNOWLEDGE, ctx) if not (named or looks_english(text) or helpers_asked) else []
        if term:  # "quel article du code impose le SPASER ?": what the glossary says of the term
            return send_glossary(dispatcher, term, text)
        if clearly_out_of_scope(message.get("intent_ranking", []), text):
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        if asks_who_helps(text) and not looks_english(text):  # "vers qui me tourner ?": who supports buyers
            return helpers_answer(dispatcher, ctx)
        if likely_out_of_scope(message.get("intent_ranking", []), text, named):
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        found = figure_reply(KNOWLEDGE, text) if not ctx.place_in_message else None
        if found:  # "la commande publique pèse combien ?": one sentence of the knowledge gives it
            send(dispatcher, found)
            return []
        obligation = None if ctx.question else which_obligation(text)
        if obligation:  # "c'est depuis quand l'obligation ?" with no topic yet: which obligation
            send(dispatcher, obligation)
            return []
        unknown = unknown_without_topic(ctx)
        # a detail never known, asked of no topic ("quelle région achète le plus durable ?")
        detail = None if unknown else unknown_detail(text, [])
        # a question of fact read in a long message ("… le montant de la cotisation annuelle ?")
        # … but not for a definition asked ("c'est quoi la clause de révision des prix ?")
        detail = detail or (None if unknown or asks_what_it_is(text) else unknown_fact_text(text))
        if (unknown or detail) and reply.text.startswith("Je ne suis pas sûr"):  # say it is not known
            reply = Reply(f"{detail or NO_FIGURE} {PORTAL_ROUTE}", reply.buttons)
            reply = with_subject([reply], text)[0]  # what is unknown: « le nombre de marchés … »
            if ctx.place_in_message and not ctx.private:  # "… dans l'Ain …": the region's network too
                region = ctx.place_in_message.region_code
                reply = with_regional_route(KNOWLEDGE, [reply], region)[0]
            reply = replace(reply, text=f"{reply.text} {TOPICS_OFFERED}")
        send(dispatcher, offer_handoff_if_repeated(reply, tracker))
        return [SlotSet("pending_question", pending_question(text, ranking))]


def general_or_unknown_term(ctx: Context, text: str) -> Optional[Reply]:
    """A term the sources do not define, said so; routed to the code when it is one of the general rules of
    procurement (« le seuil de procédure formalisée ? »)."""
    unknown = unknown_term_reply(KNOWLEDGE, text, bool(ctx.question))
    if unknown and asks_general_rule(text) and not named_topics(text):
        return general_term_reply(KNOWLEDGE, unknown)
    return unknown


class ActionCapabilities(Action):
    """« Que savez-vous faire ? »; but « qui peut m'aider ? », which DIET reads the same way, asks who
    supports buyers: that answer, for the buyer type already given."""

    def name(self) -> str:
        return "action_capabilities"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        ctx = context(tracker)
        if asks_who_helps(text) and not looks_english(text):
            return helpers_answer(dispatcher, ctx)
        if vague_help_request(ctx, text, named_topics(text)):  # "des pistes ?" after "mairie de Dole"
            return helpers_answer(dispatcher, ctx)
        if ctx.question and SEVERAL_QUESTIONS.search(question_form(text)):
            # "je peux poser plusieurs questions dans la même demande ?" after the guichet vert: how that
            # service takes requests, not what the assistant does
            outcome = route(KNOWLEDGE, replace(ctx, intent="follow_up"))
            if outcome.replies:
                for answer in outcome.replies:
                    send(dispatcher, answer)
                return []
        # "vous pouvez m'expliquer la RSE simplement ?": a term to define, not what the assistant does
        defined = glossary_reply(KNOWLEDGE, ctx) or unknown_term_reply(KNOWLEDGE, text, bool(ctx.question))
        if defined:
            return send_glossary(dispatcher, [defined], text)
        dispatcher.utter_message(response="utter_capabilities")
        return []


class ActionDetails(Action):
    """« En savoir plus » (the NLU-free payload /more_details): the details of the latest answer."""

    def name(self) -> str:
        return "action_details"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        for reply in more_replies(tracker):
            send(dispatcher, reply)
        return []


def more_replies(tracker: Tracker) -> List[Reply]:
    """« En savoir plus », clicked or typed (« vous pouvez m'en dire plus ? »): the details of the latest
    answer; without details, what the topic just answered says beyond the sentences already shown."""
    payload = last_answer_payload(tracker)
    reply = details_reply(payload) if payload else None
    shown = {text.strip() for text in (last_answer_text(tracker), *earlier_answer_texts(tracker))}
    if reply and reply.text.strip() in shown:  # « plus de détails » again: nothing more to say
        return [Reply(NO_DETAILS, WELCOME_MENU)]
    if reply:
        return [reply]
    ctx = context(tracker)
    if ctx.question:
        outcome = route(KNOWLEDGE, replace(ctx, intent=ctx.question, question=ctx.question))
        said = [text for text in (ctx.last_answer, *ctx.earlier_answers) if text]
        fresh = [answer for answer in outcome.replies if not any(answer.text.strip() in s for s in said)]
        if fresh:
            return fresh
    return [Reply(NO_DETAILS, WELCOME_MENU)]


MAX_SOURCES_SAID = 3
NO_SOURCE = (
    "Je n'ai pas de source précise à citer pour ce point. Le portail national achats-durables.gouv.fr "
    "rassemble les textes et ressources officiels."
)


def source_reply(tracker: Tracker) -> Reply:
    """« la source ? »: the titles of the sources of the latest answer, with their links."""
    payload = last_answer_payload(tracker)
    answer = parse_payload(payload) if payload else None
    sources = list(answer.sources[:MAX_SOURCES_SAID]) if answer else []
    if not sources:
        return Reply(NO_SOURCE, kind="details")
    titles = " ; ".join(f"« {source.title} »" for source in sources)
    note = consulted_note(sources)
    text = f"Ma réponse s'appuie sur : {titles}" + (f" ({note})." if note else ".")
    return Reply(text, sources=sources, kind="details")


def link_reply(tracker: Tracker) -> Optional[Reply]:
    """« tu as un lien ? »: the links of the latest answer, or None (then the message is routed)."""
    if not asks_link(tracker.latest_message.get("text") or ""):
        return None
    payload = last_answer_payload(tracker)
    return links_reply(parse_payload(payload) if payload else None, DOCUMENTS)


# The documents of knowledge/guides.yml by title, with their address (else the first page presenting them).
DOCUMENTS = [
    (guide.title, str(guide.url))
    if guide.url
    else (f"{guide.title} — page de présentation", str(guide.sources[0].url))
    for guide in KNOWLEDGE.guides.values()
]


def acknowledged(dispatcher: CollectingDispatcher, text: str) -> bool:
    """« parfait », « ok cool », « super merci bonne journée » read as nothing by DIET: answered as such."""
    kind = acknowledgement_kind(text)
    if kind is None:
        return False
    response = {"bye": "utter_goodbye", "thank": "utter_thank"}.get(kind, "utter_anything_else")
    dispatcher.utter_message(response=response)
    return True
