"""Which answer a message gets: the topic, the place, the buyer type and the aspect asked, put together.

Pure functions over a ``Context`` (built from the tracker by ``actions.actions``), so that every
routing decision can be tested without Rasa:

- the topic is the question intent of this message, or the one of the previous question when the
  message only adds a detail (a place, a buyer type, a product: ``inform``) or asks about the same
  topic in other words ("et ça coûte combien ?": ``follow_up``);
- a place asks for a territorial answer only when the answer depends on it: national facts (how many
  facilitators, who runs the networks) are answered at once, with an offer to give a place;
- a place named in the message, or remembered, is used by every territorial answer;
- a public buyer who asks "who can help me?" is sent to the regional network and the guichet vert,
  never to the private-sector list;
- a figure that the knowledge does not hold (a budget, a count of requests, a price) is said to be
  unknown first, then the buyer is routed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Optional, Sequence

import places
from actions.agec import KIND_ALONE, SHARE_WORDS, shown_categories
from actions.agec_route import (
    AGEC_CUE,
    AGEC_DENIED,
    AGEC_TOPICS,
    REUSE_SHARE,
    agec_answer,
    agec_unknown_figure,
    agec_without_cue,
    back_to_agec,
    body_asked_about,
)
from actions.article_finder import led_by_article
from actions.audience import audience_of_named, state_sentence_for
from actions.brevity import brief_after_unknown, with_regional_route
from actions.brevity import sentences as brevity_sentences
from actions.comparisons import difference_reply
from actions.context_question import (
    asks_after_context,
    question_after_context,
    regional_network_asked,
    social_side_only,
    topic_only_already_used,
    unknown_after_context,
    where_to_ask,
)
from actions.context_rules import (
    asks_bare_why,
    broader_answers,
    closer_to_previous,
    continues_topic,
    declaration_question,
    helper_question,
    named_narrower,
    refined_question,
    supplier_search_question,
    unrelated,
    vocabulary,
)
from actions.facilitator_calls import regional_calls_reply
from actions.figure_finder import figure_reply
from actions.focus import WH_WORD, lead_sentence, units
from actions.followup import (
    UNKNOWN_FIGURE,
    acronym_reply,
    no_obligation_reply,
    share_of_last_reply,
    since_when_reply,
    topic_texts,
    unknown_figure_reply,
    unknown_start_reply,
)
from actions.glossary import asks_term_itself, find_terms, is_bare_term, named_as_setting
from actions.glossary_route import (
    defined_topic,
    glossary_reply,
    other_topic_term,
    own_topic_term,
    product_rule_replies,
    subject_replies,
    term_beside_topic,
    term_replies,
    with_training_relay,
)
from actions.knowledge import KnowledgeBase
from actions.legal_refs import (
    cited_articles,
    citing_topic,
    known_cited_articles,
    names_covered_law,
    uncovered_law_reply,
    unknown_article_reply,
    unknown_law_article_reply,
)
from actions.limits import (
    asks_application_paperwork,
    asks_breakdown_help,
    general_rule_reply,
    general_term_reply,
    limit_reply,
    names_technical_network,
    off_domain,
    only_technical_networks,
    personal_purchase_reply,
    technical_network_topic,
)
from actions.national import network_facts_outcome, without_place_request, without_unasked_place_request
from actions.no_topic import acknowledgement, unknown_without_topic
from actions.products import find_product_category
from actions.question_parts import part_unknown, second_question, without_clause_of
from actions.render import Reply, compose, source_links
from actions.repeats import without_repeats
from actions.reply import MAX_ANSWER_WORDS, PORTAL_ROUTE, word_count
from actions.route_types import (
    KNOWN_QUESTIONS,
    LOCAL_REFERENCE,
    LOCATION_NOT_FOUND,
    PLACE_TOPIC,
    SHORT_DETAIL_WORDS,
    WELCOME_MENU,
    Context,
    Outcome,
    words_of,
)
from actions.structures import (
    MAX_DOES_SENTENCES,
    asks_what_named_does,
    named_structure,
    recalled_structure,
    structure_does_reply,
    structure_region,
    structure_region_reply,
    structure_since_reply,
    structure_unconfirmed_reply,
)
from actions.term_followup import article_entry_reply, term_follow_up_reply
from actions.territory import NETWORK_BUTTONS, outside_reply
from actions.topic_answer import answer_question, local_contact, side_help
from actions.topic_choice import (
    ADVISED_BY,
    DETAIL_INTENTS,
    MAX_CONTINUATION_WORDS,
    NETWORK_ASKED,
    PEER_EXCHANGE_RE,
    PLAN_ACTION,
    PLATFORM_ASKED,
    PRODUCT_CONTINUATION,
    RAPIDD_NAMED,
    STRUCTURE_ADVICE,
    SUPPORT_TOPIC,
    TERRITORIAL,
    UNSURE,
    WHO_ADVISES,
    WHO_TO_CONTACT,
    audience_of_previous,
    best_named_topic,
    contact_of_previous,
    overrides_intent,
    place_pulled_topic,
    refers_to_previous,
    same_topic_elsewhere,
    side_contact,
    stays_on_topic,
    support_question,
    topic_of_question,
)
from actions.understanding import (
    CONTACT,
    asks_what_it_is,
    asks_where_to_start,
    asks_who_helps,
    aspects,
    facet_topic,
    named_topics,
    unknown_detail,
    wished_topic,
)
from actions.unknown_subject import unknown_fact_text, unknown_first, with_route, with_subject
from actions.unknown_terms import (
    unknown_clause_reply,
    unknown_follow_up_reply,
    unknown_subject_reply,
    unknown_term_reply,
)
from textnorm import question_form
from topic_names import SOCIAL_CONDITION, without_technical_networks

# Topics on named labels: a name given alone after them (« et l'ange bleu ? ») is another label.
LABEL_TOPICS = frozenset({"ask_ecolabels", "ask_biosourced_label"})


# A message that asks something, with or without its "?" ("les délais de paiement c'est combien").
ASKS_ANYTHING = re.compile(
    r"\?|\b(?:combien|comment|quand|pourquoi|quel|quelle|quels|quelles|est ce|savoir|peut on|puis je"
    r"|doit on)\b"
)


# The readings of « réseau » as a network of buyers or a platform of peers.
NETWORK_READINGS = ("ask_network", "ask_networks_overview", "ask_rapidd")


def route(knowledge: KnowledgeBase, ctx: Context) -> Outcome:
    """The replies to the latest message (``routed``), then two checks on them: a bare « pourquoi ? » that
    would get the text just shown gets its purpose or « no reason known »; a buyer abroad is told first
    that the sources cover France only. The State buyers' sentence is said to State buyers only."""
    outcome = routed(knowledge, ctx)
    buyer = ctx.buyer_in_message or ctx.buyer_type
    if buyer and outcome.replies:  # the State buyers' sentence for State buyers only
        first = state_sentence_for(outcome.replies[0], buyer)
        others = [
            state_sentence_for(reply, buyer) if buyer != "etat" else reply for reply in outcome.replies[1:]
        ]
        outcome = replace(outcome, replies=[first, *others])
    if repeats_for_why(ctx, outcome):  # "pourquoi ?" answered by the same text: its purpose, else none known
        purpose = purpose_sentence(outcome.replies)
        text = purpose or f"{WHY_UNKNOWN} {PORTAL_ROUTE}"
        return Outcome([Reply(text)], question=outcome.question, notes=["why"])
    start = unknown_start_reply(ctx.text, outcome.replies, ctx.last_answer)
    if start:  # "c'est interdit depuis quand ?" after a ban the sources do not date: said unknown first
        outcome = replace(outcome, replies=[start, *outcome.replies])
    abroad = abroad_help_reply(knowledge, ctx.text) if outcome.capabilities or outcome.out_of_scope else None
    if abroad:  # "je suis en Belgique, vous pouvez m'aider ?": no structure known there, the French contacts
        return Outcome([abroad], notes=["abroad"])
    country = None if ctx.place_in_message else places.foreign_country(ctx.text)
    if not country or not outcome.replies or any(ABROAD_SAID in reply.text for reply in outcome.replies):
        return outcome
    # "on est une commune belge, des conseils ?": the rules and services below are French ones
    notice = Reply(f"{country} : {ABROAD_SAID} ; je ne sais pas ce qui s'applique là-bas.")
    return replace(outcome, replies=[notice, *outcome.replies])


WHY_UNKNOWN = "Mes sources n'en disent pas plus que ma réponse précédente : je n'ai pas la raison."


# A sentence that gives a purpose: « … 22 actions pour faciliter l'application de la loi Climat … ».
PURPOSE = re.compile(r"\b(?:pour|afin d|afin de|vise a|visent a)\s+(?:\w+ )?\w+(?:er|ir|re)\b")


def purpose_sentence(replies: Sequence[Reply]) -> Optional[str]:
    """The first sentence of the replies that says what the thing is for, if any."""
    for reply in replies:
        for sentence in brevity_sentences(reply.text):
            if PURPOSE.search(question_form(sentence)):
                return sentence
    return None


def repeats_for_why(ctx: Context, outcome: Outcome) -> bool:
    """A bare « pourquoi ? » whose answer would only give again, line for line, what was just shown."""
    if not (ctx.last_answer and outcome.replies and asks_bare_why(ctx.text)):
        return False
    shown = [ctx.last_answer, *ctx.earlier_answers]
    lines = [line for reply in outcome.replies for line in reply.text.splitlines() if line.strip()]
    return all(any(line in one for one in shown) for line in lines)


# Help asked in so many words (« vous avez des ressources ? », « vous pouvez m'aider ? »).
HELP_ASKED = re.compile(r"\b(?:ressources?|aider|aide|accompagn\w*|conseils?|contacts?|reseaux?)\b")


def abroad_help_reply(knowledge: KnowledgeBase, text: str) -> Optional[Reply]:
    """Help asked from abroad (« je suis à Montréal au Québec, vous avez des ressources ? »): no structure
    known there, and the French national contacts, said as such."""
    plain = question_form(text)
    if not (HELP_ASKED.search(plain) or asks_who_helps(text) or asks_where_to_start(text)):
        return None
    country = places.foreign_country(text)
    return outside_reply(knowledge, country, "ask_network", abroad=True) if country else None


# What an answer says when the buyer works abroad (actions/territory.outside_reply says it too).
ABROAD_SAID = "mes sources ne couvrent que la France"


def routed(knowledge: KnowledgeBase, ctx: Context) -> Outcome:
    """The replies to the latest message (see the module docstring).

    A legal reference the knowledge lacks ("l'article L. 2112-2", "la loi EGalim") is said unknown first;
    the message is answered too only if it also names an article or a law the knowledge covers ("AGEC et
    EGalim ?"). An article the knowledge cites is answered by the topic that cites it."""
    lacking = [
        reply
        for reply in (
            unknown_article_reply(knowledge, ctx.text, WELCOME_MENU),
            # "et l'article 59 ?" after the AGEC law: an article of that law the knowledge does not cite
            unknown_law_article_reply(knowledge, ctx.text, ctx.question, WELCOME_MENU),
            uncovered_law_reply(ctx.text),
            # "la clause Molière est-elle légale ?": a clause no source names, never read as a social clause
            unknown_clause_reply(knowledge, ctx.text),
        )
        if reply
    ]
    known = known_cited_articles(ctx.text)
    foreign = (
        unknown_follow_up_reply(knowledge, ctx.text, ctx.question in LABEL_TOPICS)
        # « et la clause Molière ? » as a first message too
        if not ctx.has_detail
        else None
    )
    if foreign and not lacking:  # « et l'ange bleu allemand ? » after the écolabels: not in the sources
        return Outcome([foreign], notes=["unknown thing followed up"])
    if lacking and not (known or names_covered_law(ctx.text)):
        return Outcome(lacking, notes=["unknown legal reference"])
    if not lacking:
        cited = article_entry_reply(knowledge, known)
        if cited:  # "que dit l'article L. 3-1 ?": only the glossary cites it
            return Outcome([cited], notes=["article cited by the glossary only"])
        term = term_follow_up_reply(ctx.text, ctx.last_answer, named_topics(ctx.text))
        if term:  # "et qui est concerné ?" after "c'est quoi un SPASER ?": that term's sentence
            return Outcome([term], notes=["follow-up on the term just defined"])
        since = (
            no_obligation_reply(ctx.text, ctx.last_answer)  # "depuis quand l'obligation ?" of a mere advice
            or since_when_reply(ctx.text, ctx.last_answer)
            or share_of_last_reply(ctx.text, ctx.last_answer)
        )
        if since is None and ctx.last_answer.startswith("Je n'ai pas"):
            # "pour combien de collectivités ?" said unknown, then "depuis quand ?": of the answer before
            since = next(filter(None, (since_when_reply(ctx.text, one) for one in ctx.earlier_answers)), None)
        if since:  # "à partir de quelle année ?" after "… 50 % … depuis 2025": that sentence
            return Outcome([since], notes=["since when, of the answer just given"])
        meaning = acronym_reply(knowledge, ctx.text)
        if meaning:  # "ça veut dire quoi ARBE ?": what the structure's name stands for
            return Outcome([meaning], notes=["what a structure's acronym stands for"])
        does = (
            structure_since_reply(knowledge, ctx)
            or structure_does_reply(knowledge, ctx)
            or structure_unconfirmed_reply(knowledge, ctx)
            or structure_region_reply(knowledge, ctx)
        )
        if does:  # "il fait aussi les clauses sociales ?" after Maximilien: its sentence on them
            return Outcome([does], notes=["what the structure just named also does, or is not confirmed"])
    if asks_application_paperwork(ctx.text) and not named_topics(ctx.text):  # "remplir un DC1 ?"
        unknown = unknown_term_reply(
            knowledge, ctx.text, bool(ctx.question)
        )  # "DUME = ?": what it is, not in the sources
        if unknown:
            return Outcome([unknown], notes=["unknown term"])
        return Outcome([], notes=["application paperwork"], out_of_scope=True)
    personal = None if ctx.buyer_in_message else personal_purchase_reply(ctx.text, WELCOME_MENU)
    if personal:  # "je veux m'acheter un vélo reconditionné": a household's purchase, not an organisation's
        return Outcome([personal], notes=["personal purchase"])
    if names_technical_network(ctx.text):  # "mon réseau wifi ne marche plus": not a network of buyers
        return Outcome([], notes=["another kind of network"], out_of_scope=True)
    if off_domain(ctx.text) and not named_topics(ctx.text):  # "le VPN ne se connecte plus", "mes congés"
        return Outcome([], notes=["IT support or human resources"], out_of_scope=True)
    if ctx.intent in NETWORK_READINGS and only_technical_networks(ctx.text):
        # "le marché de notre réseau de chaleur, comment le verdir ?": a purchase question, not the buyers'
        # network; "vu sur les réseaux sociaux" names no platform
        named = named_topics(ctx.text)
        if ctx.intent not in named:
            topic = technical_network_topic(ctx.text, named)
            ctx = replace(ctx, intent=topic, question=topic)
    # "je suis dans une entreprise privée sous-traitante de la mairie": who the buyer is, no question
    says_who = bool(ctx.buyer_in_message) and not ASKS_ANYTHING.search(question_form(ctx.text))
    general = (
        None if named_topics(ctx.text) or says_who else general_rule_reply(knowledge, ctx.text, WELCOME_MENU)
    )
    if general and not glossary_reply(knowledge, ctx):  # "comment on calcule les pénalités de retard ?"
        # "que signifie BOAMP ?": a term of general procurement asked for: it is not in the sources
        unknown = unknown_term_reply(knowledge, ctx.text, bool(ctx.question))
        if unknown:
            return Outcome([general_term_reply(knowledge, unknown)], notes=["unknown term"])
        return Outcome([general], notes=["general procurement rule"])
    if ctx.confidence < UNSURE and not named_topics(ctx.text):  # "j'ai besoin d'un avis juridique"
        unsure_limit = limit_reply(ctx.text, WELCOME_MENU)
        if unsure_limit:
            return Outcome([unsure_limit], notes=["not done by the assistant"])
    limit = limit_reply(ctx.text)
    if limit:  # "pouvez-vous me rédiger une clause sociale ?": said first, then the topic's answer
        lacking.append(limit)
    citing = citing_topic(knowledge, known[0]) if known else None
    elsewhere = article_elsewhere_reply(knowledge, ctx.text, known[0], citing) if citing else None
    if elsewhere:  # "l'article R. 2113-7 impose des biosourcés ?": that article is on another subject
        return Outcome([elsewhere], question=citing, notes=["article cited for another subject"])
    if citing and citing != ctx.question:  # "l'article L. 2113-13, il dit quoi ?" read as the AGEC law
        ctx = replace(ctx, intent=citing, question=citing)
    calls = regional_calls_reply(knowledge, ctx.text, ctx.place, ctx.question)  # the region's DREETS
    rest = (
        Outcome([calls], question="ask_facilitator", notes=["facilitators' calls: region"]) if calls else None
    ) or (network_facts_outcome(knowledge, ctx) or route_message(knowledge, ctx))
    # before the repeats are cut: the place request was what told a repeated answer apart
    rest = without_unasked_place_request(knowledge, rest, ctx)
    if rest.replies and not ctx.asked_again:  # "c'est quel article ?": the sentence citing it leads
        rest.replies[0] = led_by_article(knowledge, ctx.text, rest.replies[0])
    if limit and not rest.replies:  # "tu peux relire mon CCTP ?" and nothing else to answer
        lacking[-1] = limit_reply(ctx.text, WELCOME_MENU) or limit
    if citing:
        rest = replace(rest, question=rest.question or citing)
    beside = term_beside_topic(knowledge, ctx.text, rest.question or ctx.question) if rest.replies else None
    if beside and not lacking:  # « peut-on réserver un marché aux entreprises de l'ESS ? »: the ESS's entry
        first = rest.replies[0]
        rest.replies[0] = replace(first, text=f"{beside}\n{first.text}")
    subject = None if lacking or not rest.replies else unknown_subject_reply(knowledge, ctx.text)
    if subject:  # « un GEIQ peut-il répondre à un marché réservé ? »: the GEIQ said unknown first
        lacking.append(subject)
    replies = [*lacking, *rest.replies]
    if ctx.asked_again:  # the same question typed again: the same answer
        return replace(rest, replies=replies) if lacking else rest
    replies = recalled_structure(ctx, replies)
    # a follow-up never gets the answer just shown again, word for word (actions/repeats.py)
    detail = ctx.has_detail or ctx.intent == "inform"
    # a button, "c'est quoi déjà ?"; not "c'est quoi leurs clubs ?", a part of the thing just answered
    again = ctx.text.startswith("/") or (
        asks_what_it_is(ctx.text) and not PART_OF_IT.search(question_form(ctx.text))
    )
    unrepeated = without_repeats(
        knowledge,
        ctx.text,
        ctx.last_answer,
        replies,
        rest.question or ctx.question,
        lead=not (detail or again),
        earlier=ctx.earlier_answers,
    )
    outcome = replace(rest, replies=unrepeated) if lacking or unrepeated != rest.replies else rest
    return brief_outcome(knowledge, ctx, on_social_side(without_place_request(outcome, ctx), ctx))


NAME_ROOM = 1  # words the name of what is unknown may add before brevity keeps less after it


def brief_outcome(knowledge: KnowledgeBase, ctx: Context, outcome: Outcome) -> Outcome:
    """An answer led by « je n'ai pas ... » names the regional network when the place is known, and stays
    short (actions/brevity.py)."""
    place = ctx.place_in_message or ctx.place
    region = place.region_code if place else None
    replies = with_regional_route(knowledge, list(outcome.replies), region, ctx.private)
    replies = unknown_first(replies, ctx.text)
    topic = outcome.question or ctx.question
    # named after brevity chose what stays (it reads the generic sentence), in the room left by the name
    added = sum(map(word_count, (r.text for r in with_subject(replies, ctx.text, topic))))
    added -= sum(word_count(reply.text) for reply in replies)
    replies = brief_after_unknown(replies, ctx.text, MAX_ANSWER_WORDS - max(0, added - NAME_ROOM))
    replies = with_route(with_subject(replies, ctx.text, topic))
    return replace(outcome, replies=replies) if replies != outcome.replies else outcome


def on_social_side(outcome: Outcome, ctx: Context) -> Outcome:
    """ "Une clause sociale devient obligatoire depuis août 2026 ?": the Climate law answers, but the
    buyer's subject is the clause; its follow-ups ("on la rédige comment, qui peut nous aider ?") are on
    the clause (the topic remembered), once the answer is built."""
    answered = outcome.question or ctx.question
    if answered == "ask_climate_law" and outcome.replies and SOCIAL_SIDE.search(question_form(ctx.text)):
        return replace(outcome, question="ask_social_clause")
    return outcome


# The social side of a public contract named ("une clause sociale", "le volet social", "l'insertion").
SOCIAL_SIDE = re.compile(r"\bclauses? (?:sociales?|d insertion)\b|\bvolet social\b|" + SOCIAL_CONDITION)
# "c'est quoi leurs clubs ?", "c'est quoi son rôle ?": a part of the thing just answered, not it again.
PART_OF_IT = re.compile(r"\b(?:leurs?|ses|son|sa)\b")


def difference_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    """« quelle différence entre X et Y ? », whatever DIET read."""
    different = difference_reply(knowledge, ctx.text, ctx.last_answer or "")
    if different:  # its follow-ups ("je peux exiger l'un des deux ?") are about the first thing compared
        compared = [button["payload"].lstrip("/") for button in different.buttons or []]
        first = next((topic for topic in compared if topic in knowledge.topics), None)
        return Outcome([different], question=first, notes=["difference"])
    return None


def glossary_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    """A term of the glossary asked about: its definition (a detail given alone only when it is the bare
    term or asks the term itself)."""
    if (
        ctx.previous_question in AGEC_TOPICS
        and KIND_ALONE.search(question_form(ctx.text).strip(" ?!."))
        and shown_categories(knowledge.agec, *ctx.last_turn_answers, ctx.last_answer)
    ):
        return None  # « et en réemploi ? » after an AGEC rate: that rate (topic_answer), not the word defined
    defined = glossary_reply(knowledge, ctx)
    terms = find_terms(ctx.text)
    if defined and (
        ctx.intent != "inform"
        or any(is_bare_term(ctx.text, e) or asks_term_itself(ctx.text, e) for e in terms)
    ):
        # "et une MDE ?" after "c'est quoi un PLIE ?"; the term's topic is kept for the follow-ups
        shown = [entry for entry in terms if entry.text in defined.text]
        topic = defined_topic(ctx.text)
        # "combien de SIAE en Gironde et c'est quoi une SIAE ?": what it is, then the figure not known
        lacking = part_unknown([defined.text], ctx.text, None)
        more = unknown_figure_reply(topic or "", lacking, aspects(lacking), []) if lacking else []
        replies = with_training_relay(knowledge, ctx, shown, [defined]) + more
        return Outcome(replies, question=topic, notes=["glossary"])
    return None


def unknown_term_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    unknown = unknown_term_reply(knowledge, ctx.text, bool(ctx.question))
    if unknown:  # "c'est quoi le BIM ?": not in the sources, said first, never defined from memory
        return Outcome([unknown], notes=["unknown term"])
    return None


def product_rule_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    ruled = product_rule_replies(knowledge, ctx)
    if ruled:  # "vaisselle jetable, c'est interdit ?": the rule of those products, whatever topic DIET read
        return Outcome(ruled[0], question=ruled[1], notes=["product rule"])
    return None


def term_of_other_topic_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    other = other_topic_term(ctx) or own_topic_term(ctx)
    if other:  # "et le plastique à usage unique, on a le droit ?" after the guichet vert: that term's facts
        replies = term_replies(knowledge, ctx, other)
        return Outcome(replies, question=other.topic, notes=["term of another topic"])
    return None


def glossary_subject_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    subject = subject_replies(knowledge, ctx)
    if subject:  # "le portail achats-durables.gouv.fr a été lancé quand ?": its entry, what it lacks first
        return Outcome(subject, notes=["glossary subject"])
    return None


def unsure_term_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    """« les CCAG 2021 ont un chapitre développement durable ? » read, unsure, as RAPIDD: the message names
    a term of the glossary and no topic, and DIET's topic is not that term's; the term's entry answers."""
    if not ctx.intent.startswith("ask_") or ctx.confidence >= UNSURE or ctx.place_in_message:
        return None
    if named_topics(ctx.text) or asks_who_helps(ctx.text):  # "qui peut nous conseiller pour du réemploi ?"
        return None
    terms = [
        term for term in find_terms(ctx.text) if not term.strict and term.topic not in (None, ctx.intent)
    ]
    if any(term.topic == ctx.previous_question for term in terms):
        # "ah et dans le CCAG TIC c'est quel article ?" after the social clauses: the term belongs to the
        # topic being talked about, which answers
        kept = replace(ctx, intent=ctx.previous_question, question=ctx.previous_question)
        return replace(route_message(knowledge, kept), question=ctx.previous_question)
    # a term named as the setting (« quels labels exiger pour des EPI ? ») is no subject
    entry = next((term for term in terms if not named_as_setting(term, ctx.text)), None)
    if entry is None:
        return None
    replies = term_replies(knowledge, ctx, entry)
    return Outcome(replies, question=entry.topic, notes=["term named, topic unsure"]) if replies else None


# The rules that answer a message before any topic is read, in this order: the first that applies answers.
TERM_RULES = (
    difference_outcome,
    glossary_outcome,
    unknown_term_outcome,
    product_rule_outcome,
    term_of_other_topic_outcome,
    glossary_subject_outcome,
    unsure_term_outcome,
)


def structure_named_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    """« la MDEN c'est quoi ? », « que fait l'ARBE ? » with no topic read: the structure named, what it is."""
    named_network = knowledge.network_named(ctx.text)
    does = bool(named_network) and asks_what_named_does(ctx.text)  # "que fait l'ARBE ?": what it does
    if named_network and (asks_what_it_is(ctx.text) or does):  # "la MDEN c'est quoi ?": what it is
        said = units(named_network.description)[: MAX_DOES_SENTENCES if does else 1]
        text = compose([f"{named_network.name}. {' '.join(said)}"])
        reply = Reply(text, NETWORK_BUTTONS[1:], sources=source_links(named_network.sources))
        return Outcome([reply], question="ask_network", notes=["structure named"])
    return None


def no_question_outcome(knowledge: KnowledgeBase, ctx: Context) -> Outcome:
    """No topic read after every rule: a place not recognised, a figure found, said unknown, or the detail
    acknowledged."""
    if (
        ctx.intent == "inform"
        and ctx.awaiting_location
        and not ctx.place_in_message
        and len(ctx.text.split()) <= 4
    ):
        return Outcome([Reply(LOCATION_NOT_FOUND)], awaiting_location=True)
    found = figure_reply(knowledge, ctx.text) if not ctx.place_in_message else None
    if found:  # "la commande publique pèse combien ?": one sentence of the knowledge gives it
        return Outcome([found], notes=["figure found"])
    if ctx.intent == "follow_up":
        # Not a follow-up after all: nothing was asked before ("combien coûte un iPhone ?").
        unknown = unknown_without_topic(ctx)
        return Outcome([unknown] if unknown else [], notes=["follow-up without a topic"])
    unknown = unknown_without_topic(ctx) if "?" in ctx.text else None
    fact = None if unknown else unknown_fact_text(ctx.text)
    if fact:  # "… quelle est la date limite de dépôt des dossiers ?" after the context: not a greeting
        text = f"{fact} {PORTAL_ROUTE} De quel sujet s'agit-il ?"
        return Outcome([Reply(text, WELCOME_MENU)], notes=["fact asked of no topic"])
    if unknown and ctx.place_in_message:  # "Montant des achats publics en Occitanie ?": not a place only
        text = f"{UNKNOWN_FIGURE} {PORTAL_ROUTE} De quel sujet s'agit-il ?"
        return Outcome([Reply(text, unknown.buttons)], notes=["figure asked with a place only"])
    support = knowledge.topics.get("ask_private_support")
    noted = acknowledgement(ctx, support.answer.strip() if support else "")
    if ctx.intent == "inform" and ctx.has_detail and asks_after_context(ctx.text):
        # "mairie de Quimper, on peut exiger une entreprise de la commune ?": not known, said so
        region = ctx.place.region_code if ctx.place else None
        routed = partial(with_regional_route, knowledge, region_code=region, private=ctx.private)
        return Outcome(unknown_after_context(noted, routed), notes=["question after context"])
    return Outcome([noted])


def kept_topic_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    """The topic just answered, kept whatever DIET read: its audience (« c'est réservé aux acheteurs
    publics ? » after RAPIDD), its contact for another place (« ok et pour le Nord, vers qui me tourner ? »
    after the facilitators), or whether it binds another body (« et la région, elle est concernée ? » after
    article 58: answered for that body, the buyer's own type kept in its slot). None for any other message."""
    audience = audience_of_previous(ctx)
    elsewhere = None if audience else same_topic_elsewhere(ctx)
    body = None if audience or elsewhere else other_body(ctx)
    if audience:
        inner = replace(ctx, intent="follow_up", question=audience)
    elif elsewhere:
        inner = replace(ctx, intent="inform", question=elsewhere, text=WHO_TO_CONTACT)
    elif body:
        topic = ctx.previous_question
        inner = replace(ctx, intent=topic, question=topic, buyer_in_message=body, buyer_type=body)
    else:
        return None
    outcome = route_message(knowledge, inner)
    outcome.question = outcome.question or audience or elsewhere or ctx.previous_question
    return outcome


def other_body(ctx: Context) -> Optional[str]:
    """The buyer type of another body asked about right after article 58, when the message's own reading
    (an entity of the NLU) does not give it already."""
    if ctx.previous_question not in AGEC_TOPICS:
        return None
    body = body_asked_about(ctx.text)
    return body if body and body != ctx.buyer_in_message else None


def route_message(knowledge: KnowledgeBase, ctx: Context) -> Outcome:
    """The answer to a message: the term rules first (``TERM_RULES``), then the topic read from DIET's intent
    and the rules that override or keep it, answered by ``answer_question``."""
    if ctx.intent in KNOWN_QUESTIONS and topic_only_already_used(ctx.intent, ctx.text):
        # "Mairie de Lyon, on a déjà sollicité le guichet vert. Comment trouver des fournisseurs locaux ?":
        # the topic read is one the buyer already used, not the one asked; the message is their context
        ctx = replace(ctx, intent="inform", question=ctx.previous_question)
    kept = kept_topic_outcome(knowledge, ctx)
    if kept is not None:
        return kept
    for rule in TERM_RULES:
        early = rule(knowledge, ctx)
        if early is not None:
            return early
    question = ctx.question
    changed: Optional[str] = None
    named = named_topics(ctx.text)
    vocab = vocabulary(knowledge)
    contact = side_contact(ctx, named)
    if contact:  # "et pour l'environnement ?" after the facilitator of Île-de-France: its guichet vert
        outcome = answer_question(
            knowledge, contact, replace(ctx, intent=contact, question=contact, text=WHO_TO_CONTACT)
        )
        outcome.question = outcome.question or contact
        outcome.notes.append("side contact")
        return outcome
    facet = facet_topic(ctx.text) if ctx.question and not named else None
    # "et pour l'environnement ?" after the social clauses, from a buyer whose place is known: the side's
    # answer, then its local help named (the region's guichet vert, the place's facilitator)
    side_turned = facet if facet and ctx.previous_question and facet != ctx.previous_question else None
    if facet and facet in KNOWN_QUESTIONS and facet != ctx.question:
        # "et pour embaucher ou garder des personnes handicapées ?" after the Marché de l'inclusion
        question, changed = facet, facet
        ctx = replace(ctx, intent=facet, question=facet)
    if (
        ctx.intent != "inform"
        and not (named or facet)
        and unrelated(ctx.text, vocab, ctx.has_detail)
        and not (ctx.question and continues_topic(ctx.text, vocab))  # "même en dessous de 40k ?"
        and not known_cited_articles(ctx.text)  # "que dit l'article L2113-12 ?": "l2113" is no foreign word
    ):
        return Outcome([], notes=["no word of the knowledge"], out_of_scope=True)  # "il fait beau ?"
    if ctx.intent == "follow_up" and len(named) == 1 and named[0] != question:
        question, changed = (
            named[0],
            named[0],
        )  # "et le CNA, ça coûte combien ?": that topic, not the last one
    if ctx.intent == "follow_up" and not question and len(named) > 1:
        # read as a follow-up of nothing, two topics named: the one whose texts hold the question
        best = best_named_topic(knowledge, named, ctx.text)
        if best:
            question, changed = best, best
    what_is = asks_what_it_is(ctx.text) or audience_of_named(ctx.text, named)
    if ctx.intent.startswith("ask_") and len(named) == 1 and named[0] != question and what_is:
        question, changed = named[0], named[0]  # "c'est quoi le PNAD ?" read as another topic: the one named
        ctx = replace(ctx, intent=named[0], question=named[0])
    asks = ctx.intent.startswith("ask_") or (ctx.intent in DETAIL_INTENTS and not question)
    narrower = named_narrower(question, named) if asks else None
    if narrower:  # « on vise le label bâtiment biosourcé, quel texte ? » read as the materials: the label
        question, changed = narrower, narrower
        ctx = replace(ctx, intent=narrower, question=narrower)
    read = knowledge.topics.get(question or "")
    if asks and overrides_intent(ctx.text, named, question, read.text if read else ""):
        # "le décret 2024-134 s'applique quand ?", "qui est le ministre ... ?", "quelle action du PNAD
        # concerne les facilitateurs ?": the text, the plan or the person named says which topic
        target = "ask_pnad" if PLAN_ACTION.search(question_form(ctx.text)) else named[0]
        question, changed = target, target
        ctx = replace(ctx, intent=target, question=target)
    pulled = place_pulled_topic(ctx, named)
    if pulled:  # "Région Bretagne, service achats. Le PNAD est piloté par qui ?": the PNAD, not the network
        question, changed = pulled, pulled
        ctx = replace(ctx, intent=pulled, question=pulled)
    asked_topic = topic_of_question(ctx.text, named, question) if asks else None
    if asked_topic:
        # "pour l'environnement on passe par le guichet vert. Mais pour les clauses sociales, qui nous
        # accompagne ?": the context named DIET's topic, the question the other one
        question, changed = asked_topic, asked_topic
        ctx = replace(ctx, intent=asked_topic, question=asked_topic)
    term_topic = None if named else defined_topic(ctx.text)
    if asks and term_topic and term_topic != question and unknown_detail(ctx.text, []) is not None:
        # "le SPASER de la région Occitanie fixe quels objectifs ?" read as the PNAD: a detail never known,
        # about the term named (the SPASER), so the topic of that term
        question, changed = term_topic, term_topic
        ctx = replace(ctx, intent=term_topic, question=term_topic)
    asked = "?" in ctx.text or WH_WORD.search(question_form(ctx.text))
    if ctx.intent == "inform" and asked and knowledge.network_named(ctx.text):
        # "combien de membres à 3AR en Nouvelle-Aquitaine ?", "je suis à Toulouse, le 3AR c'est pour moi ?"
        question, changed = "ask_network", "ask_network"
        ctx = replace(ctx, intent="ask_network", question="ask_network")
    # "je suis à Toulouse. 3AR, c'est quoi ?": the structure named is asked about, not the place's
    what_named = asks_what_it_is(ctx.text) and knowledge.network_named(ctx.text) is not None
    network = None if ctx.place_in_message and not what_named else named_structure(knowledge, ctx)
    region = structure_region(network, ctx.place)
    advice = (
        bool(region)
        and PLACE_TOPIC.get(ctx.intent) == "ask_guichet_vert"
        and bool(STRUCTURE_ADVICE.search(question_form(ctx.text)))
    )  # "ils font du conseil environnemental ?" after Maximilien: that structure's guichet vert
    if region and (
        advice or ctx.intent in TERRITORIAL or (question in TERRITORIAL and ctx.intent in DETAIL_INTENTS)
    ):
        # "c'est quoi RESECO ?", "le 3AR propose des formations ?": that structure's region answers, the
        # remembered place of the buyer is kept
        desk = advice or "ask_guichet_vert" in (ctx.intent, question, *named)  # "Rés'Occ, un guichet vert ?"
        about = "ask_guichet_vert" if desk else "ask_network"
        here = None if what_named else ctx.place_in_message
        outcome = answer_question(
            knowledge, about, replace(ctx, named_place=region, place_in_message=here, question=about)
        )
        outcome.question = outcome.question or about
        return outcome
    back = refers_to_previous(ctx, named, vocab)
    if back:  # "qui l'a mis en place ?", "et laquelle concerne les réseaux ?": the topic just answered
        question, changed = back, back
        ctx = replace(ctx, intent="follow_up", question=back)
    helpers_too = False
    if (
        ctx.intent.startswith("ask_")
        and ctx.intent not in ("ask_agec", "ask_agec_declaration")
        and (AGEC_CUE.search(question_form(ctx.text)) or REUSE_SHARE.search(question_form(ctx.text)))
        and not AGEC_DENIED.search(question_form(ctx.text))
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ):
        question, changed = "ask_agec", "ask_agec"  # "la loi AGEC pour nos tondeuses ?" read as another topic
        # "quel objectif de réemploi pour nos chaises, et qui peut nous aider ?": both parts answered
        helpers_too = ctx.intent == "ask_private_support" and asks_who_helps(ctx.text)
    if question == "ask_agec" and agec_without_cue(knowledge, ctx):
        # "combien d'ESAT en Loire-Atlantique ?" read as AGEC: the ESAT's; "quel article rend obligatoire une
        # condition sociale ?": the one topic named
        other = defined_topic(ctx.text) or (named[0] if len(named) == 1 else None)
        if other and other in KNOWN_QUESTIONS and other not in ("ask_agec", "ask_agec_declaration"):
            question, changed = other, other
            ctx = replace(ctx, intent=other, question=other)
    if (
        ctx.previous_question in AGEC_TOPICS
        and ctx.intent.startswith("ask_")
        and ctx.intent not in AGEC_TOPICS
        and not named
        # "et pour …", or a statement that only names the objects ("genre lave-vaisselle pro et chambres
        # froides", read as the CCI for its "pro")
        and (PRODUCT_CONTINUATION.search(question_form(ctx.text)) or "?" not in ctx.text)
        and len(ctx.text.split()) <= MAX_CONTINUATION_WORDS + 2
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ):
        # "et pour les tondeuses du service espaces verts ?" after an AGEC answer, read as the guichet vert
        # for its "verts": a product named in a continuation, with no other topic named, stays on AGEC
        question, changed = "ask_agec", "ask_agec"
        ctx = replace(ctx, intent="ask_agec", question="ask_agec")
    if (
        question in ("ask_agec", "ask_agec_declaration")
        and ctx.intent not in ("ask_agec", "ask_agec_declaration")
        and ctx.product_in_message
        and len(ctx.text.split()) <= SHORT_DETAIL_WORDS
    ):
        question, changed = "ask_agec", "ask_agec"  # "les tondeuses par exemple ?" after an AGEC answer
    if social_side_only(ctx.intent, ctx.text):  # "… intégrer du social. Des conseils ?" read as green
        question = changed = "ask_social_clause"
        ctx = replace(ctx, intent="ask_social_clause")
    read_as = ctx.intent  # DIET's reading, before a follow-up is kept on the topic just answered
    rate_again = back_to_agec(knowledge, ctx, named)
    if rate_again:  # "et pour le mobilier, c'est combien ?" after RAPIDD, itself after the AGEC rates
        question, changed = "ask_agec", "ask_agec"
        ctx = replace(ctx, intent="ask_agec", question="ask_agec")
    if not rate_again and (
        stays_on_topic(ctx, named)
        or closer_to_previous(ctx.previous_question, ctx.intent, ctx.text, vocab, ctx.has_detail)
    ):  # "il y a un pourcentage minimum ?" read as another topic: the one just answered holds its words
        question, changed = ctx.previous_question, ctx.previous_question
        ctx = replace(ctx, intent="follow_up")
    previous_topic = knowledge.topics.get(ctx.previous_question or "")
    previous_answers = bool(previous_topic) and (
        lead_sentence(ctx.text, previous_topic.answer, previous_topic.details or "") is not None
    )
    refined = refined_question(
        ctx.previous_question, read_as, ctx.text, previous_answers
    ) or declaration_question(ctx.previous_question or ctx.question, ctx.text)
    if refined:
        question, changed = refined, refined  # "et il existe un label ?" after biosourced materials
    helper = (
        supplier_search_question(ctx.intent, ctx.text)
        or helper_question(ctx.intent, ctx.text, asks_who_helps(ctx.text))
        or support_question(ctx, named, vocab)
    )
    if helper:
        question, changed = helper, helper  # "qui peut nous accompagner sur nos achats durables ?"
    # "vu sur les réseaux sociaux" is where the buyer read of a thing, no wish to meet peers
    peers = PEER_EXCHANGE_RE.search(without_technical_networks(question_form(ctx.text)))
    if ctx.intent.startswith("ask_") and not ctx.private and peers:
        # "des retours d'expérience d'autres acheteurs ?": RAPIDD; with peers nearby, the regional network,
        # unless RAPIDD is named ("hôpital de Vannes : une plateforme RAPIDD pour échanger, c'est quoi ?")
        nearby = not RAPIDD_NAMED.search(question_form(ctx.text)) and (
            ctx.place_in_message
            or LOCAL_REFERENCE.search(question_form(ctx.text))
            or (ctx.place and regional_network_asked(ctx.text))  # "et côté réseau régional ?"
        )
        # « une plateforme pour échanger avec d'autres acheteurs ? » from a mairie of Saint-Étienne: the
        # platform asked (RAPIDD) first; the network of the place follows it (territorial topics)
        plain_text = question_form(ctx.text)
        platform = (
            bool(nearby) and bool(PLATFORM_ASKED.search(plain_text)) and not NETWORK_ASKED.search(plain_text)
        )
        question = changed = "ask_network" if nearby and not platform else "ask_rapidd"
    contact = contact_of_previous(ctx, named, vocab)
    if contact:  # "qui peut m'aider à la mettre en place ?" after the social clauses: the facilitator
        question, changed = contact, contact
        # rewritten as the question it stands for, so that its own words pick no sentence of the contact
        ctx = replace(ctx, intent="follow_up", question=contact, text=WHO_TO_CONTACT)
    detail_only = ctx.intent in ("inform", "follow_up")
    if detail_only and ctx.after_clarify and ctx.pending and (ctx.intent == "inform" or ctx.has_detail):
        # "Rennes" after a question that was not understood; a follow-up that gives no detail ("et il y
        # a eu combien de postes ?") is about the topic answered before, not a guess
        question, changed = ctx.pending, ctx.pending
    long_detail = ctx.intent == "inform" and len(ctx.text.split()) > SHORT_DETAIL_WORDS
    if not question and long_detail and ctx.alternative:  # "je suis à Lyon et je cherche un conseil gratuit"
        question, changed = ctx.alternative, ctx.alternative
    if (
        not question
        and ctx.intent == "inform"
        and ("%" in ctx.text or set(words_of(ctx.text)).intersection(SHARE_WORDS))
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ):
        question, changed = "ask_agec", "ask_agec"  # "textiles, pour une mairie : quel % de réemploi ?"
    support_asked = asks_who_helps(ctx.text) or asks_where_to_start(ctx.text)
    known_buyer = bool(ctx.place or ctx.buyer_type)
    # "vous pouvez m'aider ?" read as a detail gives none: no re-answer of the question before
    vague_only = ctx.intent == "inform" and not ctx.has_detail and support_asked and not named
    if (
        (not question or vague_only)
        and support_asked
        and (ctx.intent == "inform" or (detail_only and known_buyer))
    ):
        # "mairie de Pau, qui peut nous épauler ?", "département 47, des conseils pour démarrer ?", "je
        # fais quoi ?" after saying where one works: a question after all, on who supports this buyer
        if asks_breakdown_help(ctx.text):  # "mon imprimante ne marche plus, vous pouvez m'aider ?"
            return Outcome([], notes=["breakdown"], out_of_scope=True)
        if not (known_buyer or asks_who_helps(ctx.text)):
            return Outcome([], capabilities=True)  # "vous pouvez m'aider ?" from a buyer not known yet
        question, changed = SUPPORT_TOPIC, SUPPORT_TOPIC
    if (
        not question
        and ctx.intent == "inform"
        and ctx.product_in_message
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ):
        question, changed = "ask_agec", "ask_agec"  # "ramettes ?" before any question: its AGEC category
    after_context = None if question else question_after_context(ctx.intent, ctx.text, KNOWN_QUESTIONS)
    if after_context:  # "Acheteur au CD 94 : qui porte le guichet vert en Île-de-France ?": a question
        question, changed, ctx = after_context, after_context, replace(ctx, intent=after_context)
    wished = wished_topic(ctx.text) if not question and ctx.intent == "inform" else None
    if wished and wished in KNOWN_QUESTIONS:
        question, changed = wished, wished  # "centre hospitalier, on veut mettre de l'insertion": that topic
    structure = None if question else structure_named_outcome(knowledge, ctx)
    if structure:
        return structure
    if not question and "?" in ctx.text and defined_topic(ctx.text) == ctx.intent:
        # "la date limite pour le SPASER c'est quand ?", DIET unsure: the topic of the term named agrees
        question, changed = ctx.intent, ctx.intent
    if not question and ctx.intent == "follow_up" and known_buyer and CONTACT in aspects(ctx.text):
        # "il faut remplir un formulaire ou on appelle quelqu'un ?" after saying only who and where one is:
        # how to reach the services that support this buyer
        question, changed = SUPPORT_TOPIC, SUPPORT_TOPIC
    if not question:
        return no_question_outcome(knowledge, ctx)
    here = ctx.place_in_message or (ctx.place if LOCAL_REFERENCE.search(question_form(ctx.text)) else None)
    if (
        ctx.intent == "ask_social_clause"
        and (ctx.place_in_message or ctx.place)
        and (CONTACT in aspects(ctx.text) or asks_who_helps(ctx.text))
    ):
        # "clause insertion 33 contact ?"; "et pour les clauses sociales, qui peut m'accompagner ?" from a
        # buyer whose place is known: the facilitator of that place
        question, changed = "ask_facilitator", "ask_facilitator"
    who_helps = asks_who_helps(ctx.text)
    if detail_only and (here or who_helps) and not (ctx.buyer_in_message or ctx.product_in_message):
        # "et pour Lyon ?", "et dans ma région ?"; "qui contacter ?" after the social clauses: the
        # facilitator (of the place remembered, else the assistant asks where)
        redirected = PLACE_TOPIC.get(question, question)
        if redirected != question:
            question, changed = redirected, redirected  # "on le contacte comment ?" is then about it
        ctx = replace(ctx, place_in_message=here)
    if (
        ctx.intent == "inform"
        and ctx.product_in_message
        and question not in ("ask_agec", "ask_agec_declaration")
        and not (question == "ask_private_support" and who_helps)  # "un conseil pour notre mobilier"
    ):
        question, changed = "ask_agec", "ask_agec"  # a product given alone: its AGEC category
    if (
        ctx.intent == "inform"
        and ctx.awaiting_location
        and not ctx.place
        and not (ctx.buyer_in_message or ctx.product_in_message)
        and len(ctx.text.split()) <= 4  # a short answer to "Où travaillez-vous ?": a place not recognised
    ):
        return Outcome([Reply(LOCATION_NOT_FOUND)], question=changed, awaiting_location=True)
    if (
        ctx.intent.startswith("ask_")
        and question in ADVISED_BY
        and not (here or ctx.private or ctx.buyer_in_message or ctx.product_in_message)
        and (WHO_ADVISES.search(question_form(ctx.text)) or where_to_ask(ctx.text))
    ):
        # "qui peut me conseiller sur le volet environnemental d'un marché ?": who advises is asked, the
        # guichet vert (or the facilitator for a clause) answers, not what the topic requires
        question = changed = ADVISED_BY[question]
    broader = broader_answers(knowledge, question, ctx.text) if ctx.intent != question else None
    if broader:
        question, changed = broader, broader
    second = second_question(ctx, question, named)
    # "quel réseau chez nous, et le guichet vert c'est gratuit ?": the network is answered without the
    # clause on the other topic (its « gratuit » is the guichet vert's, not a price the network lacks)
    outcome = answer_question(knowledge, question, without_clause_of(ctx, second, question))
    if question == "ask_agec_declaration" and ctx.intent.startswith("ask_"):
        category = find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
        if category and outcome.replies:  # "quelle catégorie pour nos bancs, et où on déclare ?"
            agec = agec_answer(knowledge, ctx, aspects(ctx.text))
            unknown = "unknown figure" in outcome.notes
            # "le nombre de PC réemployés ?": the figure not known is said first (in the category's words
            # when they say more, e.g. the other law that covers it), then the category
            said = agec_unknown_figure(knowledge, ctx, aspects(ctx.text)) if unknown else None
            if said and said.startswith("Je n'ai pas"):
                outcome.replies[0] = replace(outcome.replies[0], text=said)
            outcome.replies.insert(1 if unknown else 0, agec)
    if helpers_too and outcome.replies:
        outcome.replies += answer_question(knowledge, "ask_private_support", ctx).replies
    contact = local_contact(knowledge, question, ctx)
    if contact and asks_who_helps(ctx.text):  # "mairie de Pau, qui contacter pour le réemploi ?": who first
        outcome.replies = contact + outcome.replies
    elif contact:  # "commune de Paimpol, je fais quoi pour verdir nos marchés ?": the topic, then who
        outcome.replies += contact
    if second and outcome.replies:  # "quel réseau pour Nantes, et comment saisir le guichet vert ?"
        outcome.replies += answer_question(knowledge, second, replace(ctx, intent=second)).replies
    if side_turned and question == side_turned and outcome.replies:
        outcome.replies += side_help(knowledge, side_turned, ctx)
    if changed and not outcome.question:
        outcome.question = changed
    return outcome


def named_title(title: str) -> str:
    """A topic's title inside a sentence: « Matériaux biosourcés … », or « le label « … » » lowercased."""
    return f"{title[0].lower()}{title[1:]}" if "«" in title else f"« {title} »"


def article_elsewhere_reply(
    knowledge: KnowledgeBase, text: str, article: str, citing: str
) -> Optional[Reply]:
    """A known article asked about a subject that another topic covers, with articles of its own (« l'article
    R. 2113-7 impose des matériaux biosourcés ? », « le label biosourcé relève de l'article R. 2113-7 ? »):
    the sources cite it for another subject; the subject's own article, then both sentences."""
    others = [topic for topic in named_topics(text) if topic != citing and topic in knowledge.topics]
    if not others:
        return None
    other = knowledge.topics[others[0]]
    own = units("\n".join(topic_texts(knowledge.topics[citing])))
    cited = next((unit for unit in own if article in cited_articles(unit)), None)
    theirs = [
        (unit, found)
        for unit in units("\n".join(topic_texts(other)))
        for found in [[a for a in cited_articles(unit) if a != article]]
        if found and article not in cited_articles(unit)
    ]
    if not cited or not theirs:
        return None
    sentence, articles = theirs[0]
    lead = (
        f"Dans mes sources, l'article {article} est cité pour un autre sujet "
        f"({knowledge.topics[citing].title.lower()}) ; pour {named_title(other.title)}, le texte cité est "
        f"l'article {articles[0]}."
    )
    buttons = [
        {"title": knowledge.topics[citing].title, "payload": f"/{citing}"},
        {"title": other.title, "payload": f"/{other.id}"},
    ]
    return Reply(
        text=compose([f"{lead}\n{sentence.lstrip('• ')}\n{cited.lstrip('• ')}"]),
        buttons=buttons,
        sources=source_links(other.sources, knowledge.topics[citing].sources),
    )


__all__ = ["route", "route_message", "routed"]
