"""A regional structure named or just given (« RESECO », « il »): what it does, since when, which region it
covers, its own texts, sites and response delays."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Sequence

import places
from actions import network_facts
from actions.focus import WH_WORD, answered_no, lead_sentence, stems, units
from actions.followup import BARE_SINCE_WHEN, ROUTES, figure_is_known
from actions.knowledge import KnowledgeBase, Network, Topic
from actions.national import NATIONAL_SCOPE, territorial_or_topic
from actions.render import Reply, host, link, source_links
from actions.reply import MAX_ANSWER_WORDS, PORTAL_ROUTE, word_count
from actions.route_types import UNKNOWN_FIRST, Context, Outcome, plain_text
from actions.territory import (
    NETWORK_BUTTONS,
    PlaceLike,
    desk_lead,
    guichet_vert_sentence,
    listing,
    of_name,
    region_aliases,
    structure_facts,
)
from actions.understanding import (
    FIGURE,
    STRONG_NATIONAL,
    aspects,
    is_elliptical,
    is_national,
    named_topics,
    refers_back,
)
from textnorm import YEAR as YEAR_OF_CENTURIES
from textnorm import normalize, question_form

# « quel réseau pour nous ? », « c'est lequel, notre réseau ? »: the buyer's own structure asked by name.
WHICH_STRUCTURE = re.compile(
    r"\b(?:quel(?:le)?s? (?:est (?:le |la |notre |mon |ma )?)?(?:reseau|guichet|structure|facilitateur)"
    r"|lequel|laquelle)\b"
)
RECALL = "Pour rappel : "


def recalled_structure(ctx: Context, replies: List[Reply]) -> List[Reply]:
    """The buyer's structure asked for by name (« quel réseau pour nous ? ») right after the answer that
    gave it: said again, marked as a reminder, rather than cut as a repeat down to the topic's general
    lead (« Dans de nombreuses régions… »)."""
    if not (replies and ctx.place is not None and not ctx.place_in_message):
        return replies
    first = replies[0].text.splitlines()[0] if replies[0].text else ""
    shown = (ctx.last_answer, *ctx.earlier_answers)
    if not (first and " — " in first and any(first in text for text in shown)):  # the place — its structure
        return replies
    if not WHICH_STRUCTURE.search(question_form(ctx.text)):
        return replies
    return [replace(replies[0], text=RECALL + replies[0].text), *replies[1:]]


def desk_answers(knowledge: KnowledgeBase, topic: Topic, ctx: Context) -> bool:
    """A sentence of the entry of the guichet vert carrier of the place answers the question."""
    place = ctx.place_in_message or ctx.named_place or ctx.place
    if topic.id != "ask_guichet_vert" or place is None:
        return False
    networks = knowledge.networks_for_region(place.region_code)
    sentence, _ = guichet_vert_sentence(networks, place)
    return desk_lead(networks, sentence, topic, plain_text(ctx.text), place) is not None


def structure_texts(knowledge: KnowledgeBase, ctx: Context) -> List[str]:
    """What the knowledge says of the networks the message names or the place is about ("3AR a été créé
    quand ?" is answered by 3AR's own entry)."""
    named = named_structure(knowledge, ctx)
    place = ctx.place_in_message or ctx.named_place or ctx.place
    found = [named] if named else []
    if place is not None:
        found += [n for n in knowledge.networks_for_region(place.region_code) if n not in found]
    return [structure_facts(network) for network in found]


def structure_sites(knowledge: KnowledgeBase, ctx: Context) -> List[str]:
    """The websites of the structures the message is about, when known ("le site de Rés'Occ ?" has none)."""
    named = named_structure(knowledge, ctx)
    place = ctx.place_in_message or ctx.named_place or ctx.place
    found = [named] if named else []
    if place is not None and not named:
        found += knowledge.networks_for_region(place.region_code)
    return [f"Son site : {network.website}" for network in found if network.website]


# « ils ont un site ? », « leur site ? », « et leur site web ? »: the site of the structure just named.
SITE_OF_IT = re.compile(
    r"^(?:(?:et|ok|mais|alors|vous avez|tu as|c est quoi|quel est|donnez moi|donne moi) )*"
    r"(?:(?:leur|son) (?:site|adresse web)|(?:ils|elles|il|elle) (?:ont|a) (?:un |une )?(?:site|adresse web))"
    r"(?: (?:internet|web|officiel))?(?: svp| stp)?\W*$"
)
MAX_SITE_FOLLOW_UP_WORDS = 8


def structure_site_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """The site of the structure the answer just given named (RAN COPER, the GIP Maximilien after their
    guichet vert), when a short follow-up asks for it; None otherwise, and when that structure has no
    known site (the unconfirmed answer then says so)."""
    plain = question_form(ctx.text)
    if (
        len(plain.split()) > MAX_SITE_FOLLOW_UP_WORDS
        or not SITE_OF_IT.search(plain)
        or named_topics(ctx.text)
    ):
        return None
    network = named_structure(knowledge, ctx)
    if network is None or network.website is None:
        return None
    return Reply(
        f"Le site {of_name(network.short_name)} : {host(network.website)}.",
        NETWORK_BUTTONS[1:],
        links=[link(network.name, network.website)],
        sources=source_links(network.sources[:1]),
    )


def named_route(knowledge: KnowledgeBase, question: str, ctx: Context, replies: List[Reply]) -> List[Reply]:
    """ "Votre réseau régional pourra vous répondre." names the network when one is known for the message
    or the place (« il y a combien d'adhérents ? » after RAN COPER: « RAN COPER pourra vous répondre. »)."""
    route = ROUTES.get("ask_network", "")
    if question != "ask_network" or not replies or route not in replies[0].text:
        return replies
    named = named_structure(knowledge, ctx)
    place = ctx.place_in_message or ctx.named_place or ctx.place
    found = [named] if named else knowledge.networks_for_region(place.region_code) if place else []
    networks = [network for network in found if network.is_network]
    if len(networks) != 1:
        return replies
    name = networks[0].short_name
    text = replies[0].text.replace(route, f"Votre réseau régional, {name}, pourra vous répondre.")
    return [replace(replies[0], text=text)] + list(replies[1:])


REGIONAL_TOPICS = ("ask_network", "ask_guichet_vert")  # answered by a regional structure's entry


def named_structure(knowledge: KnowledgeBase, ctx: Context) -> Optional[Network]:
    """The regional structure the message names, else the one the answer just given named when the
    message follows it up without a place ("ça couvre quelles régions ?" after RESECO)."""
    named = knowledge.network_named(ctx.text)
    if named or ctx.place_in_message or not ctx.last_answer:
        return named
    plain = question_form(ctx.text)
    if NATIONAL_SCOPE.search(plain) or STRONG_NATIONAL.search(plain):
        return None  # "et il y en a combien en France ?": the networks in general
    if is_national(ctx.text) and not (refers_back(ctx.text) or is_elliptical(ctx.text)):
        return None  # "qui pilote les réseaux ?"; but "qui le porte ?" is about the structure just given
    if ctx.intent == "follow_up" or refers_back(ctx.text) or is_elliptical(ctx.text):
        lines = ctx.last_answer.strip().splitlines()
        # after "Je n'ai pas ce chiffre : ... ", the structure is named by the answer that follows
        while len(lines) > 1 and UNKNOWN_FIRST.match(lines[0]):
            lines = lines[1:]
        # « D'après la page de l'ARBE, on comptait 11 guichets verts »: a source named, not the subject
        return knowledge.network_named(ATTRIBUTION.sub(" ", lines[0]))
    return None


# A clause that names where a fact was read (« D'après la page de l'ARBE consultée en …, »).
ATTRIBUTION = re.compile(r"(?:D'après|Selon|d'après|selon) (?:la page|le site|les pages)? ?[^,.;]*[,.;]?")


# "il fait aussi les clauses sociales ?", "ils gèrent aussi un guichet vert ?" of the structure just named.
STRUCTURE_DOES = re.compile(
    r"^(?:et |mais |ok )?(?:il|elle|ils|elles) (?:fait|font|gere|gerent|s occupen?t?|portent|porte"
    r"|proposent|propose|traitent|traite|accompagnent|accompagne)(?: aussi| egalement)?"
    r" (?:de |des |du |d )?(?P<what>.+?)\W*$"
)


# « et pour les clauses sociales, ils font quelque chose ? »: the same, the thing asked said first.
STRUCTURE_DOES_ABOUT = re.compile(
    r"^(?:et |mais |ok )?(?:pour|sur|cote|concernant|niveau) (?P<what>[a-z ]+?),? (?:est ce qu )?"
    r"(?:ils|elles|il|elle) (?:font|fait|proposent|propose|ont|a|gerent|gere) (?:aussi |egalement )?"
    r"(?:quelque chose|qqch|des choses|un truc|un service)\W*$"
)
# « ils font quoi concrètement ? », « c'est quoi leur rôle ? » after a structure: what its entry says it does.
STRUCTURE_DOES_WHAT = re.compile(
    r"^(?:et |mais |ok |du coup |alors )?(?:(?:ils|elles|il|elle) (?:font|fait|proposent|propose) quoi"
    r"|qu est ce qu (?:ils|elles|il|elle) (?:font|fait|proposent|propose)|que font ils|c est quoi leur role"
    r"|(?:ils|elles) servent a quoi|ca sert a quoi)"
    r"(?: (?:concretement|exactement|au juste|en fait|pour nous))?\W*$"
)
MAX_DOES_SENTENCES = 2
# « le GIP Maximilien fait quoi ? », « à quoi sert le CRAJEP ? », « quel est le rôle de l'ARBE ? »: what a
# structure named in the message does.
NAMED_DOES_WHAT = re.compile(
    r"\b(?:fait|font|propose\w*|offre\w*|apporte\w*) quoi\b|\bque (?:fait|font|propose\w*|offre\w*)\b"
    r"|\bqu est ce qu (?:il |elle |ils |elles )?(?:fait|font|propose\w*)\b|\ba quoi ser(?:t|vent)\b"
    r"|\bser(?:t|vent) a quoi\b|\b(?:son|leur|le) role\b|\bses missions\b|\bquelles? missions?\b"
)


def asks_what_named_does(text: str) -> bool:
    return bool(NAMED_DOES_WHAT.search(question_form(text)))


CREATED = re.compile(r"\b(?:cree|lance|fonde|ne|nee|creation|lancement|depuis)\w*\b")
# « il existe depuis quand ? », « elle a été créée quand ? », « ça date de quand ? »: its creation.
STRUCTURE_SINCE = re.compile(
    r"^(?:et |mais |ok |alors |du coup )*"
    r"(?:il |elle |ils |elles |ce reseau |cette structure |ca |le reseau )?"
    r"(?:existe\w* depuis (?:quand|combien de temps)"
    r"|(?:(?:a|ont) ete )?(?:cree|lance|fonde)\w* (?:quand|en quelle annee)|date\w* de quand)$"
)


def structure_since_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """« depuis quand ? » after a regional structure: the sentence of its entry that dates it, else that
    its date is not in the sources (never the structure's answer again)."""
    plain = question_form(ctx.text).strip(" ?!.")
    if not (
        BARE_SINCE_WHEN.search(plain)
        or STRUCTURE_SINCE.search(plain)
        or network_facts.asks_structure_origin(plain)
    ):
        return None
    if ctx.question not in ("ask_network", "ask_networks_overview"):
        return None  # after a guichet vert, « depuis quand ? » asks the desk's date (focus.dates_creation)
    network = named_structure(knowledge, ctx)
    if network is None:
        return None
    dated = [
        one
        for one in units(network.description)
        if YEAR_OF_CENTURIES.search(one) and CREATED.search(normalize(one))
    ]
    name = f"{network.short_name[:1].upper()}{network.short_name[1:]}"
    if dated:
        return Reply(f"{name} : {dated[0][:1].lower()}{dated[0][1:]}")
    return Reply(
        f"Je n'ai pas la date de création {of_name(network.short_name)} dans mes sources. {PORTAL_ROUTE}",
        NETWORK_BUTTONS[1:],
    )


def structure_does_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """« Oui : … » when the structure just named says, in one sentence of its entry, that it does what the
    message asks of it; what it does for « ils font quoi ? »; None otherwise (the usual routing answers,
    e.g. the topic asked)."""
    plain = question_form(ctx.text)
    if STRUCTURE_DOES_WHAT.search(plain) and ctx.last_answer:
        network = named_structure(knowledge, ctx)
        said = units(network.description)[:MAX_DOES_SENTENCES] if network else []
        return (
            Reply(
                f"{network.short_name[:1].upper()}{network.short_name[1:]} : "
                + " ".join(
                    f"{one[:1].lower()}{one[1:]}" if index == 0 else one for index, one in enumerate(said)
                )
            )
            if network and said
            else None
        )
    about = STRUCTURE_DOES_ABOUT.search(plain)
    found = STRUCTURE_DOES.search(plain) or about
    if not found or not ctx.last_answer or WH_WORD.search(found.group("what")):
        return None
    network = named_structure(knowledge, ctx)
    if network is None and about and not ctx.place_in_message:  # « ils » is the structure just named
        network = knowledge.network_named(next(iter(ctx.last_answer.strip().splitlines()), ""))
    asked = stems(found.group("what")) - stems("aussi egalement chose")
    if network is None or not asked:
        return None
    for sentence in units(structure_facts(network)):
        if asked <= stems(sentence):
            return Reply(f"Oui : {sentence[:1].lower()}{sentence[1:]}")
    return None


MAX_UNCONFIRMED_WORDS = 8
# « c'est pour quelle région ? », « ça couvre quel territoire ? » after a structure: where it works.
REGION_OF_IT = re.compile(
    r"\bquel(?:le)?s? (?:regions?|territoires?|perimetres?|zones?)\b|\bcouvr\w* ou\b|\bc est ou\b"
)
MAX_REGION_OF_IT_WORDS = 8


def structure_region_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """« c'est pour quelle région ? » right after the answer that named a regional structure (« le GIP
    Maximilien fait quoi ? »): the regions its entry covers (hedged when the entry is not verified), never
    a request for the buyer's place. None when the message names a place or another structure."""
    plain = question_form(ctx.text)
    if (
        ctx.place_in_message
        or not ctx.last_answer
        or len(plain.split()) > MAX_REGION_OF_IT_WORDS
        or not REGION_OF_IT.search(plain)
        or knowledge.network_named(ctx.text)
        or named_topics(ctx.text)
    ):
        return None
    network = knowledge.network_named(next(iter(ctx.last_answer.strip().splitlines()), ""))
    if network is None:
        return None
    regions = [places.resolve_key(f"region:{code}") for code in network.regions]
    names = [region.label for region in regions if region is not None]
    if not names:
        return None
    covers = f"la région {names[0]}" if len(names) == 1 else f"les régions {listing(names)}"
    name = f"{network.short_name[:1].upper()}{network.short_name[1:]}"
    text = f"{name} couvre {covers}."
    if not network.verified:
        text = f"D'après mes sources, à confirmer, {network.short_name} couvre {covers}."
    return Reply(text, NETWORK_BUTTONS[1:], sources=source_links(network.sources[:1]))


def structure_unconfirmed_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """« Je ne sais pas » for a yes/no follow-up on the structure just named whose words only a point its
    entry lists as unverified holds (« c'est une association ? » after RAN COPER: its status is to be
    checked); the unverified point itself is never stated. None otherwise."""
    plain = question_form(ctx.text)
    if (
        "?" not in ctx.text
        or WH_WORD.search(plain)
        or len(plain.split()) > MAX_UNCONFIRMED_WORDS
        or named_topics(ctx.text)
    ):
        return None
    network = named_structure(knowledge, ctx)
    if network is None or not network.unverified_notes:
        return None
    asked = stems(ctx.text) - stems(network.short_name)
    if not asked or any(asked & stems(sentence) for sentence in units(structure_facts(network))):
        return None  # the entry says something of it: the usual routing answers
    if not any(asked & stems(note) for note in network.unverified_notes):
        return None
    where = " Son site pourra vous le préciser." if network.website else ""
    return Reply(f"Je ne sais pas : mes sources ne le confirment pas pour {network.short_name}.{where}")


def structure_region(network: Optional[Network], place: Optional[PlaceLike]) -> Optional[PlaceLike]:
    """The region a structure answers for: the buyer's own region when the structure covers it (RESECO
    after « Nantes » is the Pays de la Loire's, not Brittany's), else the structure's first region."""
    if network is None:
        return None
    if place is not None and place.region_code in network.regions:
        return places.resolve_key(f"region:{place.region_code}")
    return places.resolve_key(f"region:{network.regions[0]}")


def about_texts(knowledge: KnowledgeBase, question: str, texts: List[str], ctx: Context) -> List[str]:
    """What may answer an aspect asked: a regional structure named by its name or by its place is answered
    by its own entry only ("3AR existe depuis quand ?" is not answered by "les premiers réseaux datent de
    2002", nor the guichet vert of a region by the national one's dates)."""
    if question in REGIONAL_TOPICS and (knowledge.network_named(ctx.text) or ctx.place_in_message):
        return structure_texts(knowledge, ctx)
    return texts + structure_texts(knowledge, ctx)


def structure_names(knowledge: KnowledgeBase, ctx: Context, territorial: bool) -> str:
    """The names of the structure the message names, if any: not the subject of an aspect asked about it
    ("APuRe a été créé quand ?" asks a date about APuRe, whose entry does not repeat its name); for a
    territorial topic, the place's names neither ("le guichet vert de la région Sud a ouvert quand ?")."""
    named = named_structure(knowledge, ctx)
    words = [named.name, named.short_name, *named.aliases] if named else []
    place = ctx.place_in_message or ctx.named_place
    if place is not None and territorial:
        words += [place.label, place.region_name, *region_aliases(place.region_code)]
    return " ".join(words)


def about_structure(reply: Reply, ctx: Context) -> Reply:
    """A territorial reply whose first line (the structure of the place) is followed by the sentence of
    its details that answers the follow-up, if one does."""
    first = reply.text.splitlines()[0] if reply.text else ""
    lead = lead_sentence(ctx.text, first, reply.details, ctx.last_answer)
    lead = answered_no(ctx.text, lead) if lead else lead  # "peut-il relire …?": « Non : il ne … »
    return lead_kept(reply, lead) if lead else reply


def lead_kept(reply: Reply, lead: str) -> Reply:
    """The reply's first line (the structure), the sentence that answers, then the reply's other lines
    (its site) as long as the first message stays short."""
    lines = reply.text.splitlines()
    if not lines or lead in reply.text:
        return reply
    kept = [lines[0], lead]
    for line in lines[1:]:
        if word_count("\n".join([*kept, line])) <= MAX_ANSWER_WORDS:
            kept.append(line)
    return replace(reply, text="\n".join(kept))


RESPONSE_DELAY = re.compile(r"\brepon\w*|\bdelais?\b")


# A length of time asked that is no delay of answer ("financé pour combien de mois ?"), and one given.
LENGTH_ASKED = re.compile(
    r"\b(?:pour|sur|pendant|durant) combien de (?:temps|jours|semaines|mois|ans|annees)\b"
)
LENGTH_GIVEN = re.compile(
    r"\b(?:\d+|deux|trois|quatre|six|douze|dix huit) (?:jours|semaines|mois|ans|annees)\b"
)


def structure_delays(knowledge: KnowledgeBase, ctx: Context) -> List[str]:
    """The sentences of the structures' entries on how fast they answer ("une réponse sous trois jours"),
    not any other length of time ("le CGDD en finançait le lancement pour 18 mois"), unless such a length
    is what is asked ("le lancement était financé pour combien de mois ?")."""
    given = LENGTH_GIVEN if LENGTH_ASKED.search(question_form(ctx.text)) else RESPONSE_DELAY
    return [
        unit
        for text in structure_texts(knowledge, ctx)
        for unit in units(text)
        if given.search(normalize(unit))
    ]


def response_delays(texts: Sequence[str]) -> List[str]:
    """The sentences of a topic on how fast an answer comes, not another length of time ("un autre
    questionnaire six mois plus tard" is no response delay)."""
    return [unit for text in texts for unit in units(text) if RESPONSE_DELAY.search(normalize(unit))]


def structure_delay(
    knowledge: KnowledgeBase, question: str, ctx: Context, delays: Sequence[str], national: bool
) -> Optional[Outcome]:
    """A delay given by the structure's own entry only ("en 2022, le GIP Maximilien annonçait une réponse
    sous trois jours"): that sentence first, then the usual answer."""
    wanted = aspects(ctx.text)
    sentence = next(
        (
            unit
            for text in delays
            for unit in units(text)
            if figure_is_known([unit], ctx.text, wanted, FIGURE in wanted)
        ),
        None,
    )
    if sentence is None:
        return None
    replies = list(territorial_or_topic(knowledge, question, ctx, national=national).replies)
    if replies and sentence in replies[0].text:
        rest = re.sub(r" {2,}", " ", replies[0].text.replace(sentence, ""))
        rest = re.sub(r"\n\s*\n", "\n", rest).strip()
        replies[0] = replace(replies[0], text=f"{sentence}\n{rest}")
    else:
        replies.insert(0, Reply(sentence))
    return Outcome(replies, notes=["structure's delay"])
