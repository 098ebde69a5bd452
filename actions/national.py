"""National or local answers: a national question is answered at once (with an offer to give a place), a
local one by the structure of the place; the place is asked only when the answer depends on it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import List, Optional

import places
from actions import network_facts
from actions.focus import WH_WORD, as_sentence, units
from actions.followup import national_with_offer, with_own_area_button
from actions.knowledge import KnowledgeBase, NationalContacts, Topic
from actions.limits import only_technical_networks
from actions.render import Reply, source_links
from actions.route_types import (
    ASK_LOCATION,
    LOCAL_REFERENCE,
    OFFER_FACILITATOR,
    OFFER_GUICHET_VERT,
    OFFER_NETWORK,
    UNKNOWN_FIRST,
    Context,
    Outcome,
    plain_text,
)
from actions.territory import (
    PlaceLike,
    area_named,
    area_reply,
    facilitator_reply,
    guichet_vert_reply,
    listing,
    national_paragraph,
    network_reply,
    outside_reply,
)
from actions.topics import topic_reply
from actions.understanding import (
    CONTACT,
    LOCAL,
    NOT_A_PAYS,
    STRONG_NATIONAL,
    WHOM_ASKED,
    aspects,
    counted_noun,
    is_national,
    refers_back,
    states_count,
    wants_own_contact,
)
from textnorm import YEAR, normalize, question_form


def network_facts_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    """A national fact about the regional networks asked without a place in the message (« combien de
    réseaux ? », « comment adhérer ? », « quelles régions n'en ont pas ? »): the fact first
    (actions/network_facts.py), never the overview. A follow-up without « réseau » counts when the
    conversation is on the networks; a structure named (« RESECO ») or a place given keeps its own
    answer, and so does a date asked after the buyer's own network (« créé quand ? » is about it)."""
    if ctx.place_in_message or ctx.text.startswith("/") or only_technical_networks(ctx.text):
        return None
    plain = question_form(ctx.text)
    names = [
        normalize(name)
        for network in knowledge.networks.networks
        for name in (network.short_name, *network.aliases)
    ]
    if any(re.search(rf"\b{re.escape(name)}\b", plain) for name in names if len(name) > 2):
        return None
    says_network = bool(network_facts.NETWORK_WORD.search(plain))
    facet = network_facts.network_facet(
        ctx.text, about_networks=ctx.previous_question in network_facts.NETWORK_TOPICS
    )
    if facet is None or (facet == network_facts.SINCE and ctx.place is not None and not says_network):
        return None
    own = ctx.place is not None and facet in (network_facts.FEE, network_facts.JOIN, network_facts.WHO)
    place_line = network_reply(knowledge, ctx.place).text.splitlines()[0] if own else ""
    replies = network_facts.network_fact_replies(
        knowledge, facet, place_line, private=ctx.private and not ctx.public
    )
    if not replies:
        return None
    return Outcome(replies, question="ask_network", notes=[f"network fact: {facet}"])


# An answer's offer to be told the place ("… ou indiquez-moi votre région", « Dites-moi où vous
# travaillez : … »): a clause led by « ou », or a whole sentence.
PLACE_ASKED = r"(?:votre (?:ville|département|région)|où vous travaillez)"
PLACE_REQUEST_CLAUSE = re.compile(r",? ou (?:indiquez|dites)-moi " + PLACE_ASKED)
PLACE_REQUEST_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n))(?:Pour [^.!?\n]*, )?(?:[Ii]ndiquez|[Dd]ites)-moi "
    + PLACE_ASKED
    + r"[^.!?\n]*[.!?]"
)


# Words of a follow-up that asks only for the national scope ("et au niveau national alors ?").
SCOPE_FILLER = frozenset(
    "et alors ok d accord mais sinon c est ca quoi qu en dans general pour la le les globalement".split()
)
# A sentence of a topic's details that states a national fact: a count of the structures, who runs them
# nationally.
NATIONAL_FACT = re.compile(r"\b\d[\d ]* (?:facilitateurs|réseaux|guichets)\b|\banimé par\b|\bnationale?\b")


def only_scope(text: str) -> bool:
    """The message asks for the national scope and nothing else ("et au niveau national ?", "et dans toute
    la France ?")."""
    plain = question_form(text)
    if not NATIONAL_SCOPE.search(plain):
        return False
    rest = NATIONAL_SCOPE.sub(" ", plain).split()
    return all(word in SCOPE_FILLER or len(word) < 2 for word in rest)


def with_national_facts(reply: Reply, topic: Topic) -> Reply:
    """The reply led by the national facts of the topic's details (at most two sentences)."""
    sentences = re.split(r"(?<=[.!?])\s+|\n", topic.details or "")
    facts = [sentence for sentence in sentences if NATIONAL_FACT.search(sentence)][:2]
    if not facts:
        return reply
    # the national facts only; the general answer goes behind « En savoir plus »
    return replace(
        reply, text=" ".join(facts), details="\n".join(part for part in (reply.text, reply.details) if part)
    )


def without_place_request(outcome: Outcome, ctx: Context) -> Outcome:
    """A place is known (given in the message or remembered): no answer offers to be told it again
    ("je suis en Corse, combien de réseaux régionaux en France ?" gets the 11 networks, not « indiquez-moi
    votre région »)."""
    if ctx.place is None or outcome.awaiting_location:
        return outcome
    replies = []
    for reply in outcome.replies:
        text = strip_place_request(reply.text)
        replies.append(replace(reply, text=text) if text and text != reply.text else reply)
    return replace(outcome, replies=replies)


# The answers that may be national (how many networks, since when, what the inter-réseaux or the guichet
# vert is): the place is asked only when the answer depends on it.
NATIONAL_ANSWER_TOPICS = ("ask_network", "ask_networks_overview", "ask_guichet_vert", "ask_facilitator")
# The buyer asks about their own area: their network, desk or facilitator, near them.
OWN_AREA = re.compile(
    r"\b(?:mon|ma|mes|notre|nos) (?:reseaux?|facilitateurs?|guichets?|territoire|secteur|bassin|departement"
    r"|coin|region|ville|commune|zone|agglo\w*|metropole|collectivite)\b|\bchez (?:moi|nous)\b"
    r"|\bdans (?:le|mon|notre) coin\b|\bpres de\b|\ble plus proche\b|\blocal(?:e|es|aux|ement)?\b"
    r"|\bpas loin\b|\ba proximite\b|\bpour (?:moi|nous)\b|\b(?:me|nous) concerne\b|\bpar ici\b"
)


def asks_own_area(text: str) -> bool:
    """The message asks about the buyer's own area (« mon réseau », « près de chez moi », « qui contacter
    pour nous ? »), not only national facts (« combien de réseaux en France ? »)."""
    plain = question_form(text)
    if OWN_AREA.search(plain):
        return True
    return wants_own_contact(text) and not STRONG_NATIONAL.search(plain)


def strip_place_request(text: str) -> str:
    """``text`` without its offer to be told the place (a clause « … ou indiquez-moi votre région », or a
    whole sentence « Indiquez-moi votre ville … »)."""
    text = PLACE_REQUEST_CLAUSE.sub("", text)
    text = PLACE_REQUEST_SENTENCE.sub("", text)
    return re.sub(r"[ \t]+\n", "\n", re.sub(r"\n{2,}", "\n", text)).strip()


def without_unasked_place_request(knowledge: KnowledgeBase, outcome: Outcome, ctx: Context) -> Outcome:
    """A national answer (how many networks, since when, what the inter-réseaux or the guichet vert does)
    does not end by asking the buyer's place: the answer does not depend on it, and a button (« Mon réseau
    régional ») offers the local one. Kept when the buyer asks about their own area, for a button's
    payload, when the answer waits for the place, and in the general answer on the networks, whose point
    is the buyer's own network."""
    topic = outcome.question or ctx.question or ctx.intent
    if ctx.place is not None or outcome.awaiting_location or ctx.text.startswith("/"):
        return outcome
    # a national fact on the networks (how many, since when, who may join…) is national whatever verb it
    # uses (« qui peut adhérer ? »): only the buyer's own area asks for the place
    fact = any(note.startswith("network fact:") for note in outcome.notes)
    own = OWN_AREA.search(question_form(ctx.text)) if fact else asks_own_area(ctx.text)
    if topic not in NATIONAL_ANSWER_TOPICS or own:
        return outcome
    if any(UNKNOWN_FIRST.match(reply.text) for reply in outcome.replies):
        return outcome  # after « je n'ai pas ce chiffre », the buyer's own structure is where to ask
    general = knowledge.topics["ask_network"].answer
    replies = []
    for reply in outcome.replies:
        text = reply.text if general in reply.text else strip_place_request(reply.text)
        if not text or text == reply.text:
            replies.append(with_own_area_button(reply, topic) if text else reply)
            continue
        replies.append(with_own_area_button(replace(reply, text=text), topic))
    return replace(outcome, replies=replies) if replies != outcome.replies else outcome


# Whether a structure covers a place is asked ("3AR, c'est pour l'Occitanie ?", "RESECO couvre la Bretagne
# ?", "le 3AR c'est pour moi ?"), not another fact about it ("RESECO a un site web ?").
COVERAGE_ASKED = re.compile(
    r"\bcouvr\w*|\bc est (?:pour|en|dans|bien|l|la|le)\b|\bpour (?:moi|nous)\b|\bconcern\w*"
    r"|\bquelles? regions?\b|\best (?:en|pour|dans)\b|\b(?:mon|notre) reseau\b"
)


@dataclass
class CoverageCheck:
    """What a structure named with a place says before the place's own answer: « Oui : » (the place is
    covered: the answer then follows on the same line) or the sentence on which regions it covers."""

    text: str
    inline: bool = False


def named_structure_check(knowledge: KnowledgeBase, ctx: Context) -> Optional[CoverageCheck]:
    """A structure named with a place, asked whether it covers that place: yes (a closed question, a
    verified entry), or which regions it covers, hedged when its entry is not verified."""
    network = knowledge.network_named(ctx.text)
    place = ctx.place_in_message
    plain = question_form(ctx.text)
    if network is None or place is None or not COVERAGE_ASKED.search(plain):
        return None
    if place.region_code in network.regions:  # "je suis à Bordeaux, le 3AR c'est pour moi ?": yes
        if "?" not in ctx.text or WH_WORD.search(plain):
            return None
        return CoverageCheck(
            "Oui :" if network.verified else "D'après mes sources, à confirmer, oui :", inline=True
        )
    regions = [places.resolve_key(f"region:{code}") for code in network.regions]
    names = [region.label for region in regions if region is not None]
    if not names:
        return None
    covers = f"la région {names[0]}" if len(names) == 1 else f"les régions {listing(names)}"
    if not network.verified:
        return CoverageCheck(
            f"D'après mes sources, à confirmer, {network.short_name} couvre {covers} ; voici le réseau du "
            "lieu que vous indiquez."
        )
    return CoverageCheck(
        f"Non : {network.short_name} couvre {covers} ; voici le réseau du lieu que vous indiquez."
    )


# The names are asked, not what the networks do ("la liste des réseaux régionaux ?", "lesquels ?").
LIST_ASKED = re.compile(
    r"\b(?:liste|lister|listez|enumere\w*|les noms|le nom des|noms des|lesquels|tous les reseaux"
    r"|quels sont (?:les|ces) (?:\w+ )?reseaux)\b"
)


def networks_list(knowledge: KnowledgeBase) -> str:
    """The regional networks of the knowledge, each with its region (not the structures that only carry
    a guichet vert), said to be the ones the sources name."""
    rows = []
    for network in knowledge.networks.networks:
        if not network.is_network:
            continue
        names = [places.resolve_key(f"region:{code}") for code in network.regions]
        regions = ", ".join(place.region_name for place in names if place is not None)
        rows.append(f"• {network.short_name[:1].upper()}{network.short_name[1:]} ({regions})")
    return "Les réseaux régionaux que citent mes sources :\n" + "\n".join(rows)


# A question without a subject, led by a participle ("financé par qui ?", "créé quand ?"): about what the
# answer just given named.
SUBJECTLESS = re.compile(
    rf"^(?:et )?[a-z]+(?:e|ee|es|ees) (?:par {WHOM_ASKED}|quand|en quelle annee|depuis quand)\b"
)


# "… et lequel nous concerne ?", "c'est lequel le nôtre ?": the buyer's own one among those counted.
WHICH_IS_OURS = re.compile(
    r"\b(?:lequel|laquelle|le notre|la notre|le mien|la mienne|nous concerne|me concerne|chez nous"
    r"|pour nous|pour moi|dont (?:nous|je) (?:dependons|depend|relevons|releve))\b"
)


# The structures counted nationally and found locally: the topic whose details count them, and the noun.
COUNTED_STRUCTURES = {
    "ask_network": ("ask_networks_overview", "reseaux"),
    "ask_networks_overview": ("ask_networks_overview", "reseaux"),
    "ask_facilitator": ("ask_facilitator", "facilitateurs"),
    "ask_guichet_vert": ("ask_guichet_vert", "guichets"),
}


def national_count(knowledge: KnowledgeBase, question: str, text: str) -> List[Reply]:
    """The sentence that counts the structures in France ("en 2023, 11 réseaux régionaux étaient
    actifs"), if the knowledge has one."""
    counted_in, noun = COUNTED_STRUCTURES[question]
    topic = knowledge.topics[counted_in]
    texts = [topic.answer, topic.details or "", *(example.text for example in topic.examples)]
    sentences = [unit for unit in units("\n".join(texts)) if states_count(unit, noun)]
    return [Reply(as_sentence(sentences[0]), sources=source_links(topic.sources))] if sentences else []


ADDED_COUNT = re.compile(r"\b(?:cre\w*|nouveaux|nouvelles|supplementaires|de plus|finan\w*)\b")
SECOND_QUESTION = re.compile(
    r"\bet (?:a quoi|qui|quel\w*|comment|ou|que|qu est|quand|pourquoi|combien|c est|ils|elles)\b"
    r"|\bservent\b|\?.+\?"
)
OFFERS = {"ask_facilitator": OFFER_FACILITATOR, "ask_guichet_vert": OFFER_GUICHET_VERT}


def national_count_first(knowledge: KnowledgeBase, question: str, ctx: Context) -> Optional[Reply]:
    """« combien y a-t-il de guichets verts en France ? »: the sentence that counts them first, with the
    topic's buttons, then the offer of the buyer's own structure (none when the place is known)."""
    noun = counted_noun(ctx.text)
    if question not in COUNTED_STRUCTURES or not noun or noun[:5] != COUNTED_STRUCTURES[question][1][:5]:
        return None
    plain = question_form(ctx.text)
    if ADDED_COUNT.search(plain) or YEAR.search(plain) or SECOND_QUESTION.search(plain):
        return None  # "combien de nouveaux facilitateurs ?", "… en 2022 ?", "… et qui les anime ?"
    found = national_count(knowledge, question, ctx.text)
    if not found:
        return None
    topic = knowledge.topics[question]
    # the count, then how to reach them when the topic says so ("Vous y accédez depuis le portail …")
    step = topic.next_step if question == "ask_guichet_vert" and topic.next_step else ""
    reply = replace(
        found[0],
        text="\n".join(filter(None, [found[0].text, step])),
        buttons=topic_reply(knowledge, topic, "").buttons,
    )
    return reply if ctx.place else national_with_offer(reply, OFFERS.get(question, OFFER_NETWORK))


def local_reply(knowledge: KnowledgeBase, question: str, place: PlaceLike) -> Reply:
    """The structure of the place: its network, facilitator or guichet vert."""
    if question == "ask_facilitator":
        return facilitator_reply(knowledge, knowledge.topics[question], place)
    if question == "ask_guichet_vert":
        return guichet_vert_reply(knowledge, knowledge.topics[question], place)
    return network_reply(knowledge, place)


def asks_national_and_ours(text: str) -> bool:
    """A two-part question: how many there are (in France), and which one is the buyer's."""
    plain = question_form(text)
    return bool(WHICH_IS_OURS.search(plain)) and bool(
        re.search(r"\b(?:combien|nombre|en france|au niveau national|tous les)\b", plain)
    )


def national_question(ctx: Context) -> bool:
    """National facts are asked, unless a follow-up refers with a pronoun to the regional structure just
    given ("il a été créé quand ?" after Rés'Occ is about Rés'Occ, not about the networks in general)."""
    if not is_national(ctx.text):
        return False
    plain = question_form(ctx.text)
    pointed = refers_back(ctx.text) or bool(SUBJECTLESS.search(plain))  # "financé par qui ?"
    about_it = ctx.intent == "follow_up" and ctx.place is not None and pointed
    return not about_it or bool(STRONG_NATIONAL.search(plain))


def local_without_place(ctx: Context, question: str) -> bool:
    """The buyer asks for their own regional desk or network ("de ma région") and no place is known."""
    return (
        question in ("ask_guichet_vert", "ask_network")
        and ctx.place is None
        and ctx.named_place is None
        and bool(LOCAL_REFERENCE.search(question_form(ctx.text)))
        and not is_national(ctx.text)
    )


NATIONAL_SCOPE = re.compile(
    r"\ben france\b|\b(?:au|sur le|a l) (?:niveau|plan|echelle) nationale?\b"
    r"|\b(?:(?:a l echelle|au niveau) du|dans (?:tout )?le) pays\b"
    + NOT_A_PAYS
    + r"|\bnationalement\b|\bdans l hexagone\b|\btoute la france\b"
    r"|\bsur (?:l ensemble|tout) (?:du|le) territoire\b(?! (?:communal|intercommunal|regional|departemental"
    r"|de |d |du |des ))"
    # "je suis à Nantes mais ma question est nationale"
    r"|\bquestion (?:est |d ordre )?(?:nationale|generale)\b|\b(?:de|d une) maniere generale\b"
    # "animés par qui au niveau de l'État ?"; the inter-réseaux is one national body
    r"|\b(?:au|a l) (?:niveau|echelle) de l etat\b|\binter ?reseaux?\b"
    # "combien au total ?", "ça m'intéresse au global" (not "au total en Bretagne")
    r"|\b(?:au total|au global|globalement|en general)\b(?! (?:en|dans|sur|pour|chez|a) )"
    # "sans parler de notre région", "ma question n'est pas régionale", "pas mon réseau local"
    r"|\bsans parler (?:de|du) (?:ma|notre|mon|la) (?:region|departement|ville|reseau)\b"
    r"|\bn est pas (?:regionale|locale)\b"
    r"|\bpas (?:de |besoin de )?(?:me donner )?(?:mon|notre) reseau local\b"
)
NATIONAL_WORD = re.compile(r"\bnationa(?:l|le|ux|les)\b")
# "je ne trouve pas de réseau dans ma région", "il n'y a pas de guichet vert chez nous": no local
# structure found, so the national contacts are what the buyer asks for.
NO_LOCAL_STRUCTURE = re.compile(
    r"\b(?:ne|n) (?:trouve|trouvons|trouvent|vois|voit|voyons|connais|connait|connaissons)"
    r" (?:pas|aucun|rien)\b"
    r"(?: (?:de|d|un|une|le|la|notre|mon|ma))? (?:reseau|guichet)s?\b"
    r"|\bn (?:y a|existe) (?:pas|aucun|plus)(?: de| d)? (?:reseau|guichet)s?\b"
    r"|\b(?:pas|aucun) (?:de |d )?(?:reseau|guichet vert)s?\b[^?.]{0,40}"
    r"\b(?:chez nous|par chez nous|ici|dans (?:ma|notre|la) region|dans (?:mon|notre) departement)\b"
)


def national_scope(text: str) -> bool:
    """The question is about the whole country, whatever place the buyer gave: said in so many words, or
    a national thing asked without a cue for the buyer's own contact ("je suis à Marseille ; qui anime le
    réseau national des facilitateurs ?", not "mon réseau régional, et le portail national ?")."""
    plain = question_form(text)
    return bool(NATIONAL_SCOPE.search(plain)) or (
        bool(NATIONAL_WORD.search(plain)) and not wants_own_contact(text)
    )


def no_local_structure(text: str) -> bool:
    """« je ne trouve pas de réseau dans ma région »: the national contacts are asked when no place is
    known; a place given with it keeps its own answer (its network, or the national contacts)."""
    return bool(NO_LOCAL_STRUCTURE.search(question_form(text)))


def national_contacts_first(reply: Reply, national: NationalContacts) -> Reply:
    """The national contacts (portal, RAPIDD) lead a national answer to « qui contacter ? », « quel site ? »
    or « je ne trouve pas de réseau chez nous », each named with its site; the general facts go behind
    « En savoir plus »."""
    details = "\n\n".join(part for part in (reply.text, reply.details) if part)
    return replace(reply, text=national_paragraph(national, with_answer=False), details=details)


AREA_TOPICS = ("ask_network", "ask_guichet_vert", "ask_networks_overview")


def territorial_or_topic(knowledge: KnowledgeBase, question: str, ctx: Context, national: bool) -> Outcome:
    """The territorial answers: the place of the message first, then the remembered one; a national
    question is answered at once (with an offer to give a place); the place is asked only when the
    answer depends on it."""
    topic = knowledge.topics.get(question)
    if topic is None:
        return Outcome([])
    place = ctx.place_in_message or ctx.named_place or (None if national else ctx.place)
    here = ctx.place_in_message or ctx.named_place or ctx.place
    if question in COUNTED_STRUCTURES and here and asks_national_and_ours(ctx.text):
        # "combien de réseaux en France, et lequel nous concerne ?": the national count, then theirs
        return Outcome(
            national_count(knowledge, question, ctx.text) + [local_reply(knowledge, question, here)]
        )
    counted = national_count_first(knowledge, question, ctx) if place is None else None
    if counted:  # "combien y a-t-il de guichets verts en France ?": the count, then the offer
        return Outcome([counted])
    country = places.foreign_country(ctx.text) if place is None and question in AREA_TOPICS else None
    if country:  # "on est à Bruxelles, quel réseau ?": none known there, the French national contacts
        return Outcome([outside_reply(knowledge, country, question, abroad=True)])
    area = area_named(knowledge, ctx.text) if place is None and question in AREA_TOPICS else None
    if area:  # "dans le sud-ouest, quel réseau ?": the networks of the regions it overlaps
        return Outcome([area_reply(knowledge, area)], awaiting_location=True)
    if question == "ask_guichet_vert":
        if place is None and national and (ctx.place or STRONG_NATIONAL.search(question_form(ctx.text))):
            # "le guichet vert couvre toute la France ?": no place needed; nor asked when it is known
            return Outcome([topic_reply(knowledge, topic, plain_text(ctx.text))])
        return Outcome([guichet_vert_reply(knowledge, topic, place, message=plain_text(ctx.text))])
    if question == "ask_network":
        if place is not None:
            # "l'adresse de RESECO ?": the region of the structure named is not said to be the buyer's
            yours = place is not ctx.named_place or place is ctx.place
            reply = network_reply(knowledge, place, yours=yours)
            check = named_structure_check(knowledge, ctx)  # "3AR couvre quelle région ? l'Occitanie ?"
            if check:
                reply = replace(reply, text=f"{check.text}{' ' if check.inline else chr(10)}{reply.text}")
            return Outcome([reply])
        if national:
            overview = knowledge.topics["ask_networks_overview"]
            reply = topic_reply(knowledge, overview, plain_text(ctx.text))
            plain = question_form(ctx.text)
            if CONTACT in aspects(ctx.text) or NO_LOCAL_STRUCTURE.search(plain):
                reply = national_contacts_first(reply, knowledge.networks.national)
            # the offer to give a place only when none is known
            reply = reply if ctx.place else national_with_offer(reply, OFFER_NETWORK)
            if LIST_ASKED.search(question_form(ctx.text)):  # "la liste des réseaux régionaux ?": their names
                reply = replace(reply, text=f"{networks_list(knowledge)}\n{reply.text}")
            return Outcome([reply])
        # The general answer, which asks where the buyer works.
        return Outcome([topic_reply(knowledge, topic, plain_text(ctx.text))])
    if question == "ask_facilitator":
        if place is not None:
            return Outcome([facilitator_reply(knowledge, topic, place)])
        if LOCAL in aspects(ctx.text) and not national:
            first = topic.answer.split(". ")[0].strip()
            return Outcome([Reply(f"{first}. {ASK_LOCATION}")], awaiting_location=True)
        # National facts, or no cue for the buyer's own facilitator: answer, and offer the local contact.
        reply = topic_reply(knowledge, topic, plain_text(ctx.text))
        if national and only_scope(ctx.text):  # "et au niveau national ?" after the local facilitator
            reply = with_national_facts(reply, topic)
        replies = [reply if ctx.place else national_with_offer(reply, OFFER_FACILITATOR)]
        if LOCAL in aspects(ctx.text):  # "un annuaire national des facilitateurs ?": the national contacts
            replies.append(Reply(national_paragraph(knowledge.facilitators.national)))
        return Outcome(replies)
    return Outcome([topic_reply(knowledge, topic, plain_text(ctx.text))])
