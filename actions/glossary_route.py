"""The glossary inside routing: a term asked (its definition, a fact of its entry), a term beside the topic
answered, a product rule, a subject with no topic of its own."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Tuple

from actions.agec_route import asks_agec_share
from actions.article_finder import ASKS_ARTICLE
from actions.comparisons import difference_reply
from actions.focus import (
    ASKS_BUILDINGS,
    ASKS_TEXT_KIND,
    ASKS_WHEN,
    GIVES_BUILDINGS,
    GIVES_TEXT,
    GIVES_WHEN,
    lead_sentence,
    stems,
    units,
)
from actions.followup import figure_is_known, unknown_figure_reply
from actions.glossary import (
    ENTRIES,
    Entry,
    asks_term_itself,
    defines,
    defining_sentence,
    definition_reply,
    find_terms,
    glossary_form,
    heard_part,
    is_bare_term,
    may_define,
    names_article_code,
    terms_by_nearness,
    topics_named_outside,
    unlisted_member,
)
from actions.knowledge import KnowledgeBase
from actions.legal_refs import cited_articles, known_cited_articles
from actions.limits import asks_service_review
from actions.products import find_product_category
from actions.render import Reply, compose
from actions.route_types import KNOWN_QUESTIONS, Context
from actions.territory import network_reply
from actions.understanding import (
    FIGURE,
    asks_what_it_is,
    asks_where_to_start,
    asks_who_helps,
    aspects,
    counted_noun,
    named_topics,
    states_count,
    unknown_detail,
)
from actions.unknown_terms import as_written, inside_unknown_name, unknown_term_reply
from actions.unknowns import unknown_aspect
from textnorm import normalize, question_form


def term_beside_topic(knowledge: KnowledgeBase, text: str, topic_id: Optional[str]) -> Optional[str]:
    """What the glossary says of a term of the topic answered that the topic's own texts never name (« les
    entreprises de l'ESS » beside the reserved contracts): the entry, said before the topic's answer; an
    article asked that the entry does not cite is said unknown first."""
    topic = knowledge.topics.get(topic_id or "")
    if topic is None:
        return None
    said = glossary_form(topic.text)
    plain = question_form(text)
    verb = MAY_DO.search(plain)
    article = ASKS_ARTICLE.search(plain)
    if not (verb or article):
        return None
    for entry in find_terms(text):
        if entry.topic != topic_id or entry.strict or entry.own_subject:
            continue
        if any(re.search(term, said) for term in entry.terms):
            continue  # the topic speaks of it: its own sentences answer
        done = stems(verb.group(1) if verb else " ".join(plain[article.end() :].split()[:8]))
        if not done & stems(entry.text) - stems(" ".join(entry.terms)):
            continue  # what is asked to do (« réserver ») is not what the entry says of it
        lead = compose([entry.text])
        if article and not cited_articles(entry.text):
            lead = f"Je n'ai pas dans mes sources l'article du code qui le prévoit. {lead}"
        return lead
    return None


# « peut-on réserver … ? », « on peut réserver … ? »: what the buyer asks to do.
MAY_DO = re.compile(
    r"\b(?:peut on|on peut|peut il|peut elle|peuvent ils|est il possible d|a t on le droit d|puis je"
    r"|pouvons nous|pouvez vous|peut etre)e? (?:aussi |egalement )?(?:le |la |les |l |en |y )?([a-z]{4,})"
)
# « … et quel rapport avec les clauses sociales ? », « son lien avec … »: a relation asked after a term.
RELATION_ASKED = re.compile(
    r"\b(?:et )?(?:quel(?:le)?s? (?:est )?)?(?:le |son |leur |les )?(?:rapports?|liens?) (?:avec|entre)\b.*$",
    re.IGNORECASE,
)
# Glossary entries of a code (« le CCP »): named beside an article, they only say where the article is.
CODE_ENTRIES = frozenset({"ccp"})


UNLISTED_MEMBER = (
    "Je n'ai pas d'information sur « {thing} » dans mes sources ; voici ce qu'elles disent du terme."
)


def glossary_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """The definition of a term the message asks about ("c'est quoi un ESAT ?", "SPASER ?")."""
    different = difference_reply(knowledge, ctx.text)
    if different:  # "différence entre coût global et coût du cycle de vie ?", whatever DIET read
        return different
    ordered = terms_by_nearness(ctx.text)
    # "une SCOP (économie sociale et solidaire), qui peut nous accompagner ?"; but "je débute, on me dit de
    # consulter des SIAE mais je ne sais pas ce que c'est" asks what the term is
    helping = asks_who_helps(ctx.text) or asks_where_to_start(ctx.text)
    if helping and not asks_what_it_is(ctx.text) and not any(asks_term_itself(ctx.text, e) for e in ordered):
        return None
    cites_article = bool(known_cited_articles(ctx.text))
    for rank, entry in enumerate(ordered):
        if inside_unknown_name(ctx.text, entry):
            continue  # "c'est quoi le label Engagé RSE ?": a label the sources lack, not the RSE
        if (
            cites_article and entry.id in CODE_ENTRIES and not asks_term_itself(ctx.text, entry)
        ) or names_article_code(ctx.text, entry):
            continue  # "L. 2113-13 du CCP ?", "R2113-7 du code de la commande publique ?": the article
        # "coordinateur de la clause sociale": one term; a guide or a product named in a sentence before
        # the question is context ("Pour le lot espaces verts, on me parle de SIAE. C'est quoi ?")
        asked = defining_sentence(ctx.text, entry)
        alone = ctx if asked == ctx.text else replace(ctx, text=asked, product_in_message=None)
        if asks_agec_share(knowledge, alone, entry):
            return None
        # the terms farther from the question are context (« dans notre SPASER … la MACS, c'est quoi ? »)
        farther = ordered[rank + 1 :] if asked == ctx.text and defines(asked, entry) else []
        # "c'est quoi la DREETS et quel rapport avec les clauses sociales ?": the topic of the relation asked
        # is not what is defined
        named = topics_named_outside(RELATION_ASKED.sub(" ", heard_part(asked, entry)), entry, farther)
        if any(topic != entry.topic for topic in named):
            continue  # "c'est quoi le label bâtiment biosourcé ?": the topic named answers it
        # "la DREETS, c'est qui ?" asks what it is; "au CGDD, c'est qui le responsable ?" asks someone
        itself = asks_term_itself(asked, entry)
        if (defines(ctx.text, entry) or is_bare_term(ctx.text, entry) or itself) and may_define(asked, entry):
            thing = unlisted_member(asked, entry)
            if thing:  # "la terre crue, c'est biosourcé ?": the sources do not name it, then the definition
                reply = definition_reply(entry)
                return replace(reply, text=f"{UNLISTED_MEMBER.format(thing=thing)}\n{reply.text}")
            lacking = unknown_detail(asked, [entry.text])
            if lacking:  # "c'est quoi le numéro de l'AVE ?": the number is not known, said first
                reply = definition_reply(entry)
                return replace(reply, text=f"{lacking}\n{reply.text}")
            return definition_reply(entry)
        if ctx.place_in_message and FIGURE in aspects(asked):
            continue  # "combien de postes en Occitanie ?": an entry's figures are national, not the place's
        if asks_fact_given(asked, entry) and (may_define(asked, entry) or FIGURE in aspects(asked)):
            return fact_first(
                definition_reply(entry), asked
            )  # "la RE2020, quel décret ?": its entry cites it
    return None


def term_asked_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """What a term is, when the message asks it, whatever DIET read (« ESS ca veut dire quoi » read as a
    request for a person): the glossary's definition, or said not in the sources."""
    if not asks_what_it_is(ctx.text):
        return None
    return glossary_reply(knowledge, ctx) or unknown_term_reply(knowledge, ctx.text, bool(ctx.question))


def fact_first(reply: Reply, question: str) -> Reply:
    """The entry's sentence that answers the fact asked, first (« … dépasse 50 millions d'euros … »)."""
    lead = lead_sentence(question, "", reply.text)
    if not lead or reply.text.startswith(lead) or lead not in reply.text:
        return colon_part_first(reply, question)
    rest = " ".join(reply.text.replace(lead, " ").split())
    pronoun = re.match(r"(?:Il|Elle|Ils|Elles) ", lead)
    subject = re.match(r"((?:\S+ ){1,5}?)(?:est|sont) ", reply.text)
    if pronoun and subject:  # « Il est obligatoire … » first: « Le SPASER est obligatoire … »
        lead = subject.group(1) + lead[pronoun.end() :]
    elif pronoun:
        return reply
    return replace(reply, text=f"{lead} {rest}")


def colon_part_first(reply: Reply, question: str) -> Reply:
    """A one-sentence entry « X sont … : l'appel à projets … a créé un coordinateur par région. » led by the
    part after the colon when that part answers the figure asked (« combien de coordinateurs ? »)."""
    head, colon, tail = reply.text.partition(" : ")
    if not colon or not tail[:1].islower() or "\n" in head or len(units(reply.text)) > 1:
        return reply
    noun = counted_noun(question)
    if not noun or states_count(head, noun) or not states_count(tail, noun):
        return reply
    return replace(reply, text=f"{tail[:1].upper()}{tail[1:]} {head}.")


# Precise facts a glossary entry may give: the decree or law that sets it up, when it dates from (an
# article asked is the topic's: "réserver aux SIAE, quel article ?" is on reserving).
# "la MAPCE c'est pour quelle région ?": the region a structure's entry names.
ASKS_REGION = re.compile(
    r"\b(?:pour |dans |sur )?quelles? regions?\b|\bc est (?:ou|dans quelle region)\b|\bbasee? ou\b"
)
GIVES_REGION = re.compile(
    r"\b(?:ile de france|francilien\w*|bretagne|normandie|occitanie|nouvelle aquitaine|hauts de france"
    r"|grand est|corse|pays de la loire|centre val de loire|bourgogne franche comte|auvergne rhone alpes"
    r"|provence alpes cote d azur|la reunion|guadeloupe|martinique|guyane|mayotte)\b"
)
# "la RE2020 s'applique à la rénovation ?": the buildings it covers (« des bâtiments neufs »)
FACT_KINDS = (
    (ASKS_TEXT_KIND, GIVES_TEXT),
    (ASKS_WHEN, GIVES_WHEN),
    (ASKS_BUILDINGS, GIVES_BUILDINGS),
    (ASKS_REGION, GIVES_REGION),
)


def entry_title(entry: Entry) -> str:
    """What a glossary entry is about, in words ("spaser", "operateur economique"): a question's words
    naming it are not a subject its sentences must repeat ("le seuil du SPASER ?": « Il est obligatoire
    … au-delà de 50 millions »)."""
    return entry.id.replace("_", " ")


def asks_fact_given(text: str, entry: Entry) -> bool:
    """The message asks a precise fact about the term (its decree, its date) that its entry gives, and no
    fact the entry lacks."""
    plain = question_form(text)
    given = normalize(entry.text)
    wanted = aspects(text)
    if unknown_detail(text, [entry.text]) or unknown_aspect(text, [entry.text], entry_title(entry)):
        return False
    if FIGURE in wanted:  # "ça pèse combien d'euros ?": only a figure the entry surely gives
        return bool(figure_is_known([entry.text], text, wanted, True))
    if not any(asks.search(plain) and gives.search(given) for asks, gives in FACT_KINDS):
        return False
    return figure_is_known([entry.text], text, wanted, False) is not False


TRAINING_ENTRY = "formation"  # the glossary entry on training, whose regional relay is the network


def subject_replies(knowledge: KnowledgeBase, ctx: Context) -> List[Reply]:
    """A question on a subject that has no topic of its own (the national portal, training), when the
    message names no topic: its glossary entry, after what it lacks."""
    entry = next((e for e in find_terms(ctx.text) if e.own_subject), None)
    if entry is None:
        return []
    # "REEN, c'est la même chose que l'article 58 AGEC ?": the entry that speaks of the other topic named
    # answers; otherwise that topic does
    if any(topic not in named_topics(entry.text) for topic in topics_named_outside(ctx.text, entry)):
        return []
    return term_replies(knowledge, ctx, entry)


def with_training_relay(
    knowledge: KnowledgeBase, ctx: Context, entries: List[Entry], replies: List[Reply]
) -> List[Reply]:
    """An answer on training for a public buyer whose place is known, followed by their regional network
    ("des formations près de chez nous ?")."""
    if replies and any(e.id == TRAINING_ENTRY for e in entries) and ctx.place and not ctx.private:
        return replies + [network_reply(knowledge, ctx.place)]
    return replies


def term_replies(knowledge: KnowledgeBase, ctx: Context, entry: Optional[Entry] = None) -> List[Reply]:
    """A message not understood that names a term of the glossary ("quel article impose le SPASER ?",
    "l'adresse postale du CGDD ?"): what the glossary says of it (of ``entry``, else of the first term
    named), after what it lacks, if anything."""
    entries = [
        term
        for term in find_terms(ctx.text)
        if may_define(ctx.text, term) and not names_article_code(ctx.text, term)  # "R2113-7 du CCP"
    ]
    if not entries:
        return []
    entry = entry or entries[0]
    # a share of an AGEC category is the AGEC topic's, unless the subject named gives shares of its own
    # ("la loi REEN, quels pourcentages pour le matériel informatique réformé ?")
    if asks_agec_share(knowledge, ctx, entry) and not (entry.own_subject and "%" in entry.text):
        return []
    wanted = aspects(ctx.text)
    lacking = unknown_detail(ctx.text, [entry.text]) or unknown_aspect(
        ctx.text, [entry.text], entry_title(entry)
    )
    if not lacking and figure_is_known([entry.text], ctx.text, wanted, FIGURE in wanted) is False:
        # and where to ask it ("combien d'ESAT du Finistère ?": the directory that lists them)
        lacking = unknown_figure_reply(ctx.question or entry.topic, ctx.text, wanted, [])[0].text
    replies = ([Reply(lacking)] if lacking else []) + [definition_reply(entry)]
    return with_training_relay(knowledge, ctx, [entry], replies)


def other_topic_term(ctx: Context) -> Optional[Entry]:
    """The glossary term a follow-up names, when it belongs to another topic than the one just answered
    and the message names no topic: the follow-up turns to that term, not to the last topic."""
    if ctx.intent != "follow_up" or not ctx.question or named_topics(ctx.text):
        return None
    return next(
        (
            entry
            for entry in find_terms(ctx.text)
            if entry.topic in KNOWN_QUESTIONS and entry.topic != ctx.question and may_define(ctx.text, entry)
        ),
        None,
    )


# Whether a product may be bought, or under which rule: "c'est interdit ?", "on a le droit ?".
RULE_ASKED = re.compile(
    r"\b(?:interdit\w*|autoris\w*|droit|oblig\w*|regles?|loi|legal\w*|peut on|on peut|encore)\b"
    r"|\bc est du plastique\b"
)


DISPOSABLE = re.compile(r"\b(?:plastiques?|jetables?)\b")


# « gobelets en carton », « couverts en bambou »: a disposable item of another material than plastic.
OTHER_MATERIAL = re.compile(
    r"\b(?:gobelets?|couverts|vaisselle|assiettes?|pailles?|touillettes?|barquettes?|sacs?)"
    r"(?: (?:jetables?|a usage unique))? (?:en |de )?(?:carton|papier|bois|bambou|verre|inox|metal|amidon"
    r"|compostables?|biosources?|biodegradables?|cellulose)\b"
)


def product_rule_replies(knowledge: KnowledgeBase, ctx: Context) -> Optional[Tuple[List[Reply], str]]:
    """The rule of the products a message names (single-use plastics) and its topic; for an item of
    another material (« gobelets en carton, c'est autorisé ? ») the sources do not say whether it is
    covered: said first, before the rule."""
    plain = question_form(ctx.text)
    material = OTHER_MATERIAL.search(plain) if RULE_ASKED.search(plain) else None
    ruled = product_rule_asked(knowledge, ctx)
    if material:
        entry = ruled or next(entry for entry in ENTRIES if entry.product_rule)
        item = as_written(ctx.text, material.group(0))
        lead = Reply(
            f"Mes sources ne disent pas si « {item} » est concerné : la règle ci-dessous vise les produits "
            "en plastique à usage unique. Le guichet vert de votre région peut vous le confirmer."
        )
        return [lead, definition_reply(entry)], entry.topic or "ask_agec"
    if ruled:
        return term_replies(knowledge, ctx, ruled) or [definition_reply(ruled)], ruled.topic or "ask_agec"
    return None


def product_rule_asked(knowledge: KnowledgeBase, ctx: Context) -> Optional[Entry]:
    """The entry that rules the products a message names (single-use plastics), when the message asks
    what rule applies to them and no category of the AGEC rates holds them."""
    plain = question_form(ctx.text)
    if not RULE_ASKED.search(plain):
        return None
    ruled = next((entry for entry in find_terms(ctx.text) if entry.product_rule), None)
    if ruled and DISPOSABLE.search(plain):  # "sacs poubelle en plastique, on peut encore ?": not the bins
        return ruled
    if find_product_category(knowledge.agec, ctx.product_in_message, ctx.text) is not None:
        return None
    return ruled


# A follow-up whose subject is a pronoun for the thing just answered (« elle interdit … ? »).
PRONOUN_SUBJECT = re.compile(
    r"^(?:et |mais |ok |alors |du coup )?(?:il|elle|ils|elles|ca|cela)\b(?! (?:y a|faut)\b)"
)
MAX_TERM_FOLLOW_UP_WORDS = 14


def own_topic_term(ctx: Context) -> Optional[Entry]:
    """The one glossary term of the topic just answered that a pronoun follow-up asks about (« elle
    interdit le plastique jetable ? » after the AGEC law: the entry on single-use plastics), when the
    last answer did not already give it: its entry answers, not the topic's general answer."""
    plain = question_form(ctx.text)
    if (
        not ctx.question
        or named_topics(ctx.text)
        or len(plain.split()) > MAX_TERM_FOLLOW_UP_WORDS
        or not PRONOUN_SUBJECT.search(plain)
        or asks_service_review(ctx.text)  # "ils font de la relecture de DCE ?": what the service does
    ):
        return None
    shown = " ".join((ctx.last_answer or "").split())
    entries = [
        entry
        for entry in find_terms(ctx.text)
        if entry.topic == ctx.question
        and may_define(ctx.text, entry)
        and " ".join(entry.text.split())[:60] not in shown
    ]
    return entries[0] if len(entries) == 1 else None


def defined_topic(text: str) -> Optional[str]:
    """The question topic of the first glossary term the message names ("SPASER" -> the climate law)."""
    topics = [entry.topic for entry in find_terms(text) if entry.topic in KNOWN_QUESTIONS]
    return topics[0] if topics else None
