"""The answer to one topic (``answer_question``): the territorial, AGEC and figure checks put together, for
the place, the buyer and the aspect asked."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import FrozenSet, List, Optional, Sequence

from actions import network_facts
from actions.agec import RATE_QUESTION, shown_rates_text
from actions.agec_route import OTHER_LAW_LEAD, RATES_UNKNOWN, agec_answer, agec_unknown_figure
from actions.audience import MIXED_BUYER_TYPES, for_audience
from actions.brevity import sentences as brevity_sentences
from actions.context_rules import with_focus
from actions.focus import ASKS_RETIRED, INNER_CUES, answered_yes, asked_part, lead_sentence, stems, units
from actions.followup import (
    ROUTES,
    figure_is_known,
    focused_reply,
    public_support_reply,
    topic_texts,
    unknown_aspect_reply,
    unknown_figure_reply,
)
from actions.knowledge import Button, KnowledgeBase, Topic
from actions.local_clubs import CLUB_TOPIC, asks_club, local_club_replies
from actions.national import (
    COUNTED_STRUCTURES,
    OWN_AREA,
    asks_national_and_ours,
    local_without_place,
    national_question,
    national_scope,
    no_local_structure,
    territorial_or_topic,
)
from actions.products import find_product_category
from actions.question_parts import (
    context_words,
    figure_of_another_topic,
    names_place,
    part_unknown,
    place_scopes_figure,
    unknown_part_reply,
)
from actions.render import PRIVATE_BUYER_TYPES, Reply, render_dates
from actions.reply import MAX_ANSWER_WORDS, word_count
from actions.route_types import (
    ASK_LOCATION,
    FOCUSABLE,
    KNOWN_QUESTIONS,
    LOCAL_REFERENCE,
    PLACE_TOPIC,
    Context,
    Outcome,
    plain_text,
)
from actions.structures import (
    MAX_DOES_SENTENCES,
    REGIONAL_TOPICS,
    about_structure,
    about_texts,
    asks_what_named_does,
    desk_answers,
    lead_kept,
    named_route,
    named_structure,
    response_delays,
    structure_delay,
    structure_delays,
    structure_names,
    structure_site_reply,
    structure_sites,
    structure_texts,
)
from actions.territory import network_reply
from actions.topic_choice import SIDE_CONTACTS, WHO_TO_CONTACT
from actions.topics import topic_reply
from actions.understanding import (
    CONTACT,
    COST,
    FIGURE,
    JOIN,
    LOCAL,
    WHO,
    asks_duration,
    asks_for_guide,
    asks_what_it_is,
    asks_where_to_start,
    asks_who_helps,
    aspects,
    counted_noun,
    named_topics,
    refers_back,
    unknown_detail,
)
from actions.unknowns import (
    UNKNOWN_OUTCOME,
    UNKNOWN_PENALTY,
    asks_outcome,
    asks_penalty,
    question_without_year,
    subject_text,
    uncovered_year,
    unknown_aspect,
    unknown_year_sentence,
)
from textnorm import normalize, question_form

# A business named in a message with no buyer type ("direction achats d'une grande entreprise").
BUSINESS_WORDS = re.compile(r"\b(?:entreprises?|societes?|boites?|pme|tpe|eti|groupes?|associations?)\b")


def side_help(knowledge: KnowledgeBase, side: str, ctx: Context) -> List[Reply]:
    """The first line of the local help of a side turned to (« Le guichet vert de la région … est porté
    par … »), for the place known; nothing without a place, for a private buyer, or when none is known."""
    contact = PLACE_TOPIC.get(side)
    if contact not in SIDE_CONTACTS or ctx.place is None or ctx.private:
        return []
    asked = replace(ctx, intent=contact, question=contact, text=WHO_TO_CONTACT, place_in_message=None)
    replies = answer_question(knowledge, contact, asked).replies
    lines = [line.strip() for line in (replies[0].text if replies else "").splitlines() if line.strip()]
    if not lines or LOCAL_HELP_UNKNOWN.search(lines[0]):
        return []  # an unknown desk is not named
    if lines[0].endswith(":"):  # « Facilitateur …, contacts pour la région X : » and its first contact
        return [Reply(f"{lines[0]}\n{lines[1]}")] if len(lines) > 1 else []
    return [Reply(lines[0])]


# A local help said unknown (« Je ne sais pas si la région Bretagne a un guichet vert »).
LOCAL_HELP_UNKNOWN = re.compile(r"^Je ne (?:sais|connais) pas\b")


def local_contact(knowledge: KnowledgeBase, question: Optional[str], ctx: Context) -> List[Reply]:
    """The territorial contact of a topic (the guichet vert for the AGEC law or the écolabels, the
    facilitator for a clause) for the place given in a first question that also asks who can help or
    where to start ("commune de Paimpol, je fais quoi pour verdir nos marchés ?"), or for the place said
    earlier when the question asks who can help ("qui peut m'aider pour la loi AGEC ?" after "je suis au
    CHU de Rouen")."""
    target = PLACE_TOPIC.get(question or "")
    remembered = ctx.place is not None and asks_who_helps(ctx.text)
    if (
        not target
        or not ctx.intent.startswith("ask_")
        or (ctx.place_in_message is None and not remembered)
        or ctx.private
        or not (asks_who_helps(ctx.text) or asks_where_to_start(ctx.text))
    ):
        return []
    return answer_question(knowledge, target, replace(ctx, intent=target, question=target)).replies


def answer_question(knowledge: KnowledgeBase, question: str, ctx: Context) -> Outcome:
    wanted = aspects(ctx.text)
    follow_up = ctx.intent == "follow_up"
    here = ctx.place_in_message or ctx.named_place or ctx.place
    if question in COUNTED_STRUCTURES and here and asks_national_and_ours(ctx.text):
        # "combien de réseaux en France, et lequel pour nous ?": the national count is known, then theirs
        return for_audience(territorial_or_topic(knowledge, question, ctx, national=False), question, ctx)
    plain = question_form(ctx.text)
    if (
        question in ("ask_network", "ask_guichet_vert")
        and CLUB_TOPIC in named_topics(ctx.text)
        and asks_club(ctx.text)
        and not network_facts.NETWORK_WORD.search(plain)
        and "guichet" not in plain
    ):
        question = (
            CLUB_TOPIC  # "Rennes, y a-t-il un club d'acheteurs chez nous ?": the club asked, not the network
        )
    if question == CLUB_TOPIC:
        # "y a-t-il un club d'acheteurs par chez nous ?" with the Hérault said before: the CSA 34
        own = OWN_AREA.search(plain) or LOCAL_REFERENCE.search(plain)
        club_place = ctx.place_in_message or (ctx.place if own else None)
        clubs = local_club_replies(knowledge, club_place, ctx.text, public_too=ctx.public or not ctx.private)
        if clubs:
            return Outcome(clubs, question=CLUB_TOPIC, notes=["clubs of the place"])
    if question == "ask_private_support" and ctx.public and not ctx.private:
        # its follow-ups ("ils répondent en combien de temps ?") are about the guichet vert it named
        return Outcome(
            public_support_reply(knowledge, ctx.place, ctx.buyer_type, said_public=True),
            question="ask_guichet_vert" if ctx.place else None,
            notes=["public buyer"],
        )
    if question == "ask_private_support" and (ctx.buyer_in_message or ctx.buyer_type) in MIXED_BUYER_TYPES:
        # "on est une SEM à Montpellier, vers qui se tourner ?": the region's public support if the code
        # binds them, the private one if not; the place given is used either way
        private = topic_reply(knowledge, knowledge.topics["ask_private_support"], plain_text(ctx.text))
        support = public_support_reply(knowledge, ctx.place, None, mixed=True)
        return Outcome(support + [private], notes=["mixed buyer"])
    if (
        question == "ask_private_support"
        and not ctx.private
        and not ctx.buyer_type
        and (
            asks_who_helps(ctx.text)
            or asks_where_to_start(ctx.text)
            or (ctx.place_in_message and not BUSINESS_WORDS.search(question_form(ctx.text)))
        )
    ):
        # a place in the message ("accompagnement achats responsables gironde") points to the regional
        # public support as much as to the private one, unless a business is named
        # "Qui peut m'aider ?" from a buyer of unknown type: public support first, then the private one.
        private = topic_reply(knowledge, knowledge.topics["ask_private_support"], plain_text(ctx.text))
        # "qui contacter au niveau national ?", "pas de réseau chez nous, qui peut m'aider ?"
        national = ctx.place is None and (national_scope(ctx.text) or no_local_structure(ctx.text))
        support = public_support_reply(knowledge, ctx.place, None, national=national)
        return Outcome(support + [private], notes=["unknown buyer"])
    if question in ("ask_network", "ask_networks_overview") and ctx.buyer_in_message in PRIVATE_BUYER_TYPES:
        # "PME à Lyon : un réseau d'acheteurs pour nous ?": the networks are the public buyers'
        return for_audience(Outcome([topic_reply(knowledge, knowledge.topics[question], "")]), question, ctx)
    if question == "ask_network" and ctx.private and not ctx.public and not ctx.place_in_message:
        question = "ask_private_support"
    if question == "ask_agec":
        other_law = OTHER_LAW_LEAD.match(ctx.last_answer or "") if follow_up else None
        if other_law and asks_penalty(ctx.text):  # "et si on ne le fait pas ?" after the loi REEN: not AGEC's
            text = f"{UNKNOWN_PENALTY} Le texte de la {other_law.group(1)}, sur Légifrance, fait foi."
            return Outcome([Reply(text)], notes=["unknown penalty of another law"])
        named = find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
        shown = (
            None
            if named
            else shown_rates_text(
                knowledge.agec, ctx.text, ctx.last_answer, same_turn=ctx.last_turn_answers[:-1]
            )
        )
        if shown:  # "c'est combien en recyclé ?" after two categories: the rate asked of each one shown
            return Outcome([Reply(shown)], notes=["rates of the categories shown"])
        reply = agec_answer(knowledge, ctx, wanted)
        # what buyers really achieve ("en moyenne, quel % les collectivités achètent-elles réellement ?"):
        # the sources give the minimum rates, no result
        achieved = asks_outcome(ctx.text) and RATE_QUESTION.search(question_form(ctx.text))
        # "nos vieux ordinateurs, quelle part vers le réemploi ?": the REEN rates of retired equipment answer
        retired = bool(ASKS_RETIRED.search(question_form(ctx.text)))
        unknown = (
            f"{UNKNOWN_OUTCOME} {ROUTES[question]}"  # no result known: the texts that set the rates
            if achieved
            else None
            if retired
            else agec_unknown_figure(knowledge, ctx, wanted)
        )
        said = [part for part in re.split(r"(?<=[.!?])\s+", unknown or "") if len(part) > 40]
        if any(part in reply.text for part in said):  # a sentence of the answer said first, not twice
            rest = reply.text
            for part in said:
                rest = rest.replace(part, "")
            reply = replace(reply, text=re.sub(r"\n\s*\n", "\n", rest).strip())
        if unknown and RATES_UNKNOWN.search(reply.text):  # "quel % de recyclé pour le papier ?": said once
            rest = "\n".join(
                " ".join(line.split()) for line in RATES_UNKNOWN.sub("", reply.text).splitlines()
            )
            reply = replace(reply, text=re.sub(r"\n\s*\n", "\n", rest).strip())
        if not unknown and COST in wanted and follow_up:  # "c'est gratuit ?" after the rates: no price known
            return Outcome(unknown_figure_reply(question, ctx.text, wanted, []), notes=["unknown cost"])
        return Outcome([Reply(unknown), reply] if unknown else [reply])
    topic = knowledge.topics.get(question)
    if topic is None:
        return Outcome([])
    texts = topic_texts(topic)
    if question == "ask_network":
        texts = texts + topic_texts(knowledge.topics["ask_networks_overview"])
    asked_place = ctx.place_in_message
    scope = national_scope(ctx.text)
    if scope:  # "je suis à Rennes, mais combien en France ?": the place is kept, not used (nor asked)
        ctx = replace(ctx, place_in_message=None)
    # After "I do not know", a national question gets the national answer, not a request for a place
    # ("qui finance les réseaux régionaux ?"); a local one, the buyer's own contact.
    national = scope or no_local_structure(ctx.text) or (ctx.place is None and national_question(ctx))
    site = structure_site_reply(knowledge, ctx) if question in REGIONAL_TOPICS else None
    if site:  # « ils ont un site ? » after the GIP Maximilien named: its site
        return Outcome([site], notes=["structure site"])
    detail = unknown_detail(
        ctx.text, texts + structure_texts(knowledge, ctx) + structure_sites(knowledge, ctx)
    )
    if detail:
        usual = territorial_or_topic(knowledge, question, ctx, national=national)
        return Outcome([Reply(detail)] + usual.replies, notes=["unknown detail"])
    # a figure of a year is the figures' check (figure_is_known, or another topic's sentence of that year)
    year = (
        None if wanted & {FIGURE, COST} else uncovered_year(ctx.text, texts + structure_texts(knowledge, ctx))
    )
    if year:  # "et il y a eu un appel à projets en 2025 ?": that year not covered, said first; then the known
        known_part = answer_question(
            knowledge, question, replace(ctx, text=question_without_year(ctx.text, year))
        )
        route_to = ROUTES.get(question, "")
        lead = Reply(f"{unknown_year_sentence(ctx.text, year)} {route_to}".strip())
        return replace(
            known_part, replies=[lead, *known_part.replies], notes=["unknown year", *known_part.notes]
        )
    # a guide asked for ("le guide sur les clauses sociales date de quand ?"): its reply gives its dates
    guide_asked = bool(topic.see_also) and asks_for_guide(ctx.text)
    lacking = (
        None
        if guide_asked
        else unknown_aspect(
            ctx.text,
            about_texts(knowledge, question, texts, ctx),
            f"{topic.title} {structure_names(knowledge, ctx, question in REGIONAL_TOPICS)}"
            f" {context_words(asked_place)}",
        )
    )
    if lacking:  # a creation date, how to join, a threshold: not in the knowledge about what is asked
        about = replace(ctx, text=subject_text(ctx.text, topic.title))  # not another threshold's amount
        usual = territorial_or_topic(knowledge, question, about, national=national)
        return Outcome(
            unknown_aspect_reply(topic, lacking, follow_up, usual.replies), notes=["unknown aspect"]
        )
    # a delay is a structure's own ("le guichet vert de Maximilien répond en combien de temps ?")
    delays = structure_delays(knowledge, ctx) if asks_duration(ctx.text) else []
    known = figure_is_known(texts + delays, ctx.text, wanted, FIGURE in wanted)
    own_delay = (
        structure_delay(knowledge, question, ctx, delays, national)
        if known
        and delays
        and figure_is_known(response_delays(texts), ctx.text, wanted, FIGURE in wanted) is False
        else None
    )
    if own_delay:
        return own_delay
    territorial = question in ("ask_facilitator", "ask_network", "ask_guichet_vert")
    local = asked_place if territorial else None
    # "APuRe a été créé quand et il a combien de membres ?": the known part too, read in the structure's entry
    parts_texts = about_texts(knowledge, question, texts, ctx) if known is False else texts
    names = f"{topic.title} {structure_names(knowledge, ctx, question in REGIONAL_TOPICS)}"
    unknown_part = (
        part_unknown(parts_texts, ctx.text, local, names, both_asked=True)
        if known is False
        else part_unknown(texts, ctx.text, local)
    )
    if unknown_part:  # "c'est gratuit ? et il traite combien de demandes ?": the known part, then the other
        rest = replace(ctx, text=ctx.text.replace(unknown_part, " "))
        answered = answer_question(knowledge, question, rest)
        lacking_reply = unknown_part_reply(question, unknown_part, texts)
        return replace(answered, replies=list(answered.replies) + lacking_reply, notes=["unknown part"])
    local_count = ctx.place_in_message and (counted_noun(ctx.text) or FIGURE in wanted)
    if (
        known
        and local_count
        and (territorial or place_scopes_figure(ctx.text, texts, ctx.place_in_message))
        # « en IDF, cofinancés à combien ? »: a sentence of the topic gives the figure of that region
        and not names_place(texts, ctx.place_in_message, ctx.text)
    ):
        known = False  # "combien de facilitateurs en Bretagne ?": the knowledge counts them nationally
    threshold = obligation_threshold(texts, ctx.text) if known is False else None
    if threshold:  # "combien de marchés pour être obligé d'avoir un SPASER ?": the threshold is an amount
        usual = territorial_or_topic(knowledge, question, ctx, national=national)
        noun = written_word(ctx.text, counted_noun(ctx.text) or "")
        first, *rest = usual.replies
        first = replace(first, text=first.text.replace(threshold, "").strip())
        lead = threshold + (f" Le critère est ce montant, pas un nombre de {noun}." if noun else "")
        first = replace(first, text=f"{lead}\n{first.text}" if first.text else lead)
        return Outcome([first, *rest], notes=["obligation threshold"])
    found = (
        figure_of_another_topic(knowledge, ctx.text, question, wanted)
        if known is False and not local_count
        else None
    )
    if found:  # « quelle part des marchés avait une considération sociale en 2019 ? »: another topic gives it
        return Outcome([found], notes=["figure found elsewhere"])
    if known is False:
        usual = territorial_or_topic(knowledge, question, ctx, national=national)
        replies = unknown_figure_reply(question, ctx.text, wanted, usual.replies)
        return Outcome(named_route(knowledge, question, ctx, replies), notes=["unknown figure"])
    if question in ("ask_network", "ask_facilitator", "ask_guichet_vert"):
        focusable = FOCUSABLE if follow_up else GUICHET_FOCUS if question == "ask_guichet_vert" else set()
        asked = wanted & focusable
        # "on les rejoint comment ?" after a network: RAPIDD, said in the overview
        overview = knowledge.topics["ask_networks_overview"]
        extra = topic_texts(overview) if follow_up and question == "ask_network" else []
        focused = focused_reply(topic, asked, extra) if asked else None
        outcome = territorial_or_topic(
            knowledge, question, ctx, national=scope or no_local_structure(ctx.text) or national_question(ctx)
        )
        about_it = follow_up or refers_back(ctx.text, MAX_BACK_WORDS)  # "il publie quoi ?" after RAN COPER
        if focused and ctx.place is not None and follow_up and JOIN in asked and question == "ask_network":
            # "comment on y adhère ?" after the buyer's network: how to join, then that network again
            return for_audience(Outcome([focused] + outcome.replies), question, ctx)
        if focused and ctx.place is None:  # "c'est gratuit et comment on le saisit ?"
            if local_without_place(ctx, question):  # "je voudrais joindre le guichet vert de ma région"
                focused = replace(focused, text=f"{focused.text}\n{ASK_LOCATION}")
                return for_audience(Outcome([focused], awaiting_location=True), question, ctx)
            if follow_up or not outcome.replies:
                return for_audience(Outcome([focused]), question, ctx)
            # A first question: the sentences asked for, with the topic's details behind « En savoir plus »
            outcome.replies[0] = replace(outcome.replies[0], text=focused.text)
            return for_audience(outcome, question, ctx)
        if outcome.replies and desk_answers(knowledge, topic, ctx):
            # "faut-il être adhérent de l'ARNia ?": the region's own desk answers, not the topic; the
            # other aspects asked with it ("c'est payant ?") from the topic, after it
            other = focused_reply(topic, asked - {JOIN}) if asked - {JOIN} else None
            if other:
                outcome.replies[0] = with_answer_after(outcome.replies[0], other.text)
        elif focused and outcome.replies:  # "…et comment le saisir ?", "on les rejoint comment ?"
            outcome.replies[0] = with_focus(outcome.replies[0], focused.text)
            if (
                follow_up is False
                and COST in asked
                and focused.text.splitlines()[0] not in outcome.replies[0].text
            ):
                # "c'est gratuit ?" asked with a place: the sentence saying so, even cut short
                outcome.replies[0] = with_answer_after(outcome.replies[0], focused.text.splitlines()[0])
        elif question == "ask_facilitator" and not follow_up and asked_place and outcome.replies:
            # "Jura : recourir à un facilitateur est-il obligatoire ?": what is asked, then the contacts
            # not when a person or a contact is asked ("le nom du coordinateur régional ?"): the
            # territorial reply says first whether it is known
            lead = (
                None
                if wanted & {WHO, CONTACT, LOCAL} or NAME_ASKED.search(question_form(ctx.text))
                else (topic_lead(topic, ctx.text))
            )
            if lead:
                outcome.replies[0] = with_answer_first(outcome.replies[0], lead)
        elif about_it and ctx.place and outcome.replies and not scope:
            # "il a été créé quand ?" after Rés'Occ
            outcome.replies[0] = about_structure(outcome.replies[0], ctx)
        elif question == "ask_network" and named_structure(knowledge, ctx) and outcome.replies:
            # "RESECO couvre quelles régions ?": the sentence of its entry that answers, first
            outcome.replies[0] = about_structure(outcome.replies[0], replace(ctx, last_answer=""))
            named = knowledge.network_named(ctx.text)
            if named and asks_what_it_is(ctx.text):  # "c'est quoi RESECO ?": what it is
                outcome.replies[0] = lead_kept(outcome.replies[0], units(named.description)[0])
            elif named and asks_what_named_does(ctx.text):  # "le 3AR fait quoi ?": what it does
                said = " ".join(units(named.description)[:MAX_DOES_SENTENCES])
                outcome.replies[0] = lead_kept(outcome.replies[0], said)
        return for_audience(outcome, question, ctx)
    if follow_up and wanted & FOCUSABLE:
        focused = focused_reply(topic, wanted)
        if focused:  # "on est une fondation, on peut s'inscrire ?" after RAPIDD: who may, first
            return for_audience(Outcome([focused]), question, ctx)
    known = stems("\n".join(topic_texts(topic)))
    suggested = suggested_topic(topic.buttons, ctx.text, known) if follow_up else None
    # "ça concerne quels bâtiments ?" after the 2030 obligation: its own sentence on the buildings answers,
    # not the button « Le label bâtiment biosourcé » for sharing the word
    itself = follow_up and bool(suggested) and cue_answered(ctx.text, topic)
    if suggested and suggested in knowledge.topics and suggested != question and not itself:
        # "où les trouver ?" after the reserved contracts: the answer's own suggestion « Trouver des
        # fournisseurs inclusifs »
        fresh = replace(ctx, intent=suggested, question=suggested)
        return replace(answer_question(knowledge, suggested, fresh), question=suggested)
    missing = UNKNOWN_ASPECT.get(next((a for a in (JOIN, CONTACT) if a in wanted), "")) if follow_up else None
    if missing:  # "comment on adhère ?" when no sentence of the topic says how: say so first
        return Outcome([Reply(missing), topic_reply(knowledge, topic, plain_text(ctx.text))])
    shown = ctx.last_answer if follow_up else ""  # "à partir de quand ?": about the answer just shown
    replies = [topic_reply(knowledge, topic, plain_text(ctx.text), shown=shown)]
    if question == "ask_rapidd" and ctx.place_in_message:
        replies.append(network_reply(knowledge, ctx.place_in_message))
    return for_audience(Outcome(replies), question, ctx)


NAME_ASKED = re.compile(r"\b(?:noms?|coordonnees|telephone|mail|courriel)\b")


def topic_lead(topic: Topic, text: str) -> Optional[str]:
    """The sentence of a topic that answers the question itself (not where the buyer's contact is): a
    detail that answers it, or « Oui : … » for a closed question the short answer settles."""
    return lead_sentence(text, topic.answer, topic.details or "") or answered_yes(
        asked_part(text), topic.answer
    )


# "combien de marchés faut-il pour être obligé … ?", "à partir de combien … ?": the threshold of a duty.
OBLIGATION_ASKED = re.compile(
    r"\bpour (?:etre|qu on soit|que nous soyons) (?:oblig\w*|soumis|concerne\w*|tenus?)\b"
    r"|\ba partir de (?:combien|quel)\b|\bseuil\b"
)
# A sentence that sets a duty from an amount ("… dont les achats annuels dépassent 50 millions d'euros").
AMOUNT_THRESHOLD = re.compile(
    r"\b(?:depass\w*|a partir de|au dela de|superieurs? a)\b.{0,40}?\d[\d ,]*(?:millions?|milliards?) d euros"
)


def written_word(text: str, folded: str) -> str:
    """The word of the message as the user wrote it, accents kept ("marches" -> "marchés")."""
    return next((word for word in re.findall(r"\w+", text) if question_form(word) == folded), folded)


def obligation_threshold(texts: Sequence[str], text: str) -> Optional[str]:
    """The sentence of the texts that sets a duty from an amount, when the message asks from when the
    duty applies: the threshold answers it, though the message counts something else."""
    if not OBLIGATION_ASKED.search(question_form(text)):
        return None
    return next(
        (
            sentence
            for one in texts
            for sentence in brevity_sentences(render_dates(one))
            if AMOUNT_THRESHOLD.search(question_form(sentence))
        ),
        None,
    )


def with_answer_first(reply: Reply, lead: str) -> Reply:
    """A territorial reply led by the sentence that answers the question, when it is not said yet."""
    if lead in reply.text:
        return reply
    return replace(reply, text=f"{lead}\n{reply.text}")


def with_answer_after(reply: Reply, focus: str) -> Reply:
    """A territorial reply whose first line (the regional desk) is followed by the sentences of ``focus``
    it does not say yet ("c'est payant ?": « … service gratuit … »), each cut to its first clause when
    the first message would grow too long; its last lines give way if needed."""
    lines = reply.text.splitlines()
    if not lines:
        return reply
    added: List[str] = []
    for line in focus.splitlines():
        if not line.strip() or line in reply.text:
            continue
        short = re.split(r" : |, ", line, maxsplit=1)[0].rstrip(" ,;.") + "."
        added.append(line if word_count(line) <= MAX_ANSWER_WORDS // 3 else short)
    if not added:
        return reply
    kept = [lines[0], *added, *lines[1:]]
    while len(kept) > len(added) + 1 and word_count("\n".join(kept)) > MAX_ANSWER_WORDS:
        # the last line cut to its first clause (« • Comment : via un formulaire en ligne. »), else dropped
        short = re.split(r", | ; ", kept[-1], maxsplit=1)[0].rstrip(" ,;.") + "."
        if short != kept[-1] and word_count(short) < word_count(kept[-1]):
            kept[-1] = short
        else:
            kept.pop()
    return replace(reply, text="\n".join(kept))


MAX_BACK_WORDS = 12  # "pour revenir au réseau normand, il publie quoi ?": about the structure given
GUICHET_FOCUS = FOCUSABLE  # asked in the first question too: "qui a le droit de le saisir ?"
UNKNOWN_ASPECT = {
    JOIN: "Je n'ai pas cette information : la façon d'y adhérer ou de s'y inscrire ne figure pas dans mes "
    "sources. Voici ce que j'en sais :",
    CONTACT: "Je n'ai pas cette information : leurs coordonnées ne figurent pas dans mes sources. Voici ce "
    "que j'en sais :",
}


def cue_answered(text: str, topic: Topic) -> bool:
    """A sentence of the topic gives the aspect the message asks (the buildings covered, whether it is
    compulsory, the text...), read by the cues of focus.inner_lead over its short answer and details."""
    plain = question_form(asked_part(text))
    cues = [gives for asks, gives in INNER_CUES if asks.search(plain)]
    found = units(topic.answer + "\n" + (topic.details or ""))
    return any(gives.search(normalize(unit)) for gives in cues for unit in found)


def suggested_topic(
    buttons: Sequence[Button], text: str, known: FrozenSet[str] = frozenset()
) -> Optional[str]:
    """The topic of a button of the last answer whose title holds every content word of a follow-up, or
    every word of it that the answer itself does not hold (``known``): "on les trouve comment ces
    structures ?" after the reserved contracts is « Trouver des fournisseurs inclusifs »."""
    asked = stems(text)
    if not asked:
        return None
    new = asked - known
    for button in buttons:
        intent = button.payload.lstrip("/").split("{")[0]
        title = stems(button.title)
        if intent in KNOWN_QUESTIONS and (asked <= title or (new and new <= title)):
            return intent
    return None
