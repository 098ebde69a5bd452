"""Whom an answer is for: the buyer's type said first, and whether a topic serves private buyers.

- « et pour les entreprises privées ? » right after a topic: whether that topic serves private buyers.
The elliptical question asks about the topic just answered, for another kind of buyer: not « who helps a
private buyer ». A sentence of the topic that names private buyers answers it (« pour vos achats publics
comme privés »: yes); else a sentence that says whom it serves (« le réseau des acheteurs publics »),
followed by who supports private buyers. A topic that says neither is left to the usual routing.
- ``for_audience``: an answer led by what a buyer of this type must know first about the topic (a State
buyer, a SEM, a company), or by the topic's own sentence on its audience when who may use it is asked;
``state_sentence_for`` keeps the State buyers' sentence for State buyers only.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import List, Mapping, Optional, Sequence

from actions.context_rules import PRIVATE_HELPERS, audience_sentence, lead_with
from actions.focus import WH_WORD, units
from actions.followup import MAYBE_STATE_BUYERS, STATE_BUYERS, topic_texts
from actions.knowledge import Topic, knowledge_base
from actions.render import PRIVATE_BUYER_TYPES, Reply, compose
from actions.reply import MAX_ANSWER_WORDS, word_count
from actions.route_types import Context, Outcome
from actions.term_followup import defined_entry
from actions.understanding import WHO, asks_what_it_is, asks_who_helps, aspects
from textnorm import normalize, question_form

# Only the elliptical form: « et pour les entreprises privées ? », « et le privé ? », « et pour une PME ? ».
PRIVATE_ASKED = re.compile(
    r"^(?:et|mais|ok et|d accord et)? ?(?:(?:c est |ca vaut |ca marche |valable )?(?:aussi |egalement )?"
    r"(?:pour|chez|concernant|cote) )?(?:les |des |une |un |la |le |nous les |nos )?"
    r"(?:entreprises?(?: privees?)?|societes?(?: privees?)?|acheteurs prives|secteur prive|prive|pme|tpe"
    r"|boites? privees?)(?: aussi| egalement)? ?\??$"
)
# The same, said as who the buyer is: « et si on est une entreprise privée ? », « on est une PME en fait ».
PRIVATE_SAID = re.compile(
    r"^(?:(?:et|mais|ok|d accord|bon|alors|ah|du coup) )*(?:si |pour nous )?"
    r"(?:on est|nous sommes|je suis|c est|on etait|moi je suis|nous on est)(?: plutot)?"
    r" (?:(?:une|un|dans une|dans un|chez une|chez un|le|du) )?"
    r"(?:entreprises?(?: privees?)?|societes?(?: privees?)?|pme|tpe|boites?(?: privees?)?|secteur prive"
    r"|acheteurs? prives?|structures? privees?|prives?)(?: (?:en fait|plutot|du coup|aussi))?$"
)
# A sentence that says private buyers are served too.
SERVES_PRIVATE = re.compile(r"\bpublic\w* (?:et|comme) priv\w*|\bacheteurs priv\w*")
# A sentence that says whom a topic serves.
SERVES_WHOM = re.compile(r"\bacheteurs publics\b|\bsoumis au code de la commande publique\b")
# A sentence that names its own subject (« Le facilitateur … »), not a pronoun for it (« Piloté par …, il »).
NAMED_SUBJECT = re.compile(r"^(?:Le|La|Les|L'|L’)\s?[A-ZÀ-Üa-zà-ü]")
# A sentence that puts a rule in public procurement (« dans un marché public », « les marchés et
# concessions », « code de la commande publique »): the rule said, then who supports private buyers.
PUBLIC_RULE = re.compile(
    r"\bmarches? publics?\b|\bmarches et concessions\b|\bcode de la commande publique\b"
    r"|\bde la commande publique\b"
)
# Topics already answered for a private buyer by their own rules (AGEC says « non pour une entreprise
# privée »; the guichet vert and the private helpers have their audience sentences).
OWN_AUDIENCE_RULES = frozenset(
    "ask_agec ask_agec_declaration ask_guichet_vert ask_private_support ask_cci ask_cna ask_agefiph"
    " ask_entreprises_engagent ask_conseillers_entreprises".split()
)


# The subject an entry defines (« Le SPASER est … » -> « Le SPASER »), short enough to be a name.
TERM_NAME = re.compile(r"^((?:\S+ ){0,5}?\S+) (?:est|sont) ")


def asks_private_side(text: str) -> bool:
    plain = question_form(text).strip()
    bare = " ".join(re.sub(r"[^a-z0-9 ]", " ", plain).split())
    return bool(PRIVATE_ASKED.match(plain) or PRIVATE_SAID.match(bare))


def private_side_answer(
    topic_id: Optional[str],
    topic: Optional[Topic],
    text: str,
    last_answer: str = "",
    related: Sequence[Topic] = (),
) -> Optional[str]:
    """What the topic just answered says of private buyers, when the message only asks that."""
    if topic is None or topic_id in OWN_AUDIENCE_RULES or not asks_private_side(text):
        return None
    entry = defined_entry(last_answer) if last_answer else None
    if entry is not None and entry.topic == topic_id:
        # « et le privé ? » after « c'est quoi un SPASER ? »: the term, not its topic (the Climate law)
        said = [unit for unit in units(entry.text) if SERVES_PRIVATE.search(normalize(unit))]
        if said:
            return f"Oui : {said[0][:1].lower()}{said[0][1:]}"
        name = TERM_NAME.match(entry.text)
        if name:
            subject = f"{name.group(1)[:1].lower()}{name.group(1)[1:]}"
            return (
                "Je ne sais pas si cela vaut pour les acheteurs privés : mes sources ne le précisent pas "
                f"pour {subject}. Pour des achats privés : {PRIVATE_HELPERS}"
            )
    found = [unit for body in topic_texts(topic) for unit in units(body)]
    serves = next((unit for unit in found if SERVES_PRIVATE.search(normalize(unit))), None)
    if serves:
        return f"Oui : {serves[:1].lower()}{serves[1:]}"
    whom = next((unit for unit in found if SERVES_WHOM.search(normalize(unit))), None)
    if whom:  # « Ses conditions d'utilisation … »: the topic named first, for the pronoun
        return f"{topic.title} : {whom[:1].lower()}{whom[1:]} Pour des achats privés : {PRIVATE_HELPERS}"
    # « et si on est une entreprise privée ? » after the social clauses: the topic its buttons lead to that
    # serves private buyers (the facilitator, « pour vos achats publics comme privés »)
    for other in related:
        said = next(
            (
                unit
                for body in topic_texts(other)
                for unit in units(body)
                if SERVES_PRIVATE.search(normalize(unit))
            ),
            None,
        )
        if said and NAMED_SUBJECT.match(said):
            return f"Pour des achats privés aussi : {said[:1].lower()}{said[1:]}"
    rule = next((unit for unit in found if PUBLIC_RULE.search(normalize(unit))), None)
    if rule:  # « et si on est une entreprise privée ? » after the Climate law: a rule of public procurement
        return f"{topic.title} : {rule[:1].lower()}{rule[1:]} Pour des achats privés : {PRIVATE_HELPERS}"
    return None


def worded(said: Optional[str], today: Optional[date] = None) -> Optional[str]:
    """The answer with its dates worded against today (« {since:2026-08-21} »)."""
    return compose([said], today) if said else None


def button_topics(topic: Optional[Topic], topics: Mapping[str, Topic]) -> List[Topic]:
    """The topics a topic's buttons lead to, in their order."""
    if topic is None:
        return []
    ids = [button.payload.lstrip("/").split("{")[0] for button in topic.buttons]
    return [topics[one] for one in ids if one in topics and one != topic.id]


# Services whose audience a buyer asks about ("le Marché de l'inclusion, réservé aux acheteurs publics ?").
SERVICES = frozenset(
    "ask_marche_inclusion ask_guichet_vert ask_rapidd ask_facilitator ask_network ask_networks_overview"
    " ask_cna ask_cci ask_entreprises_engagent ask_conseillers_entreprises ask_agefiph".split()
)


# Buyers for whom the audience of a public service is worth saying first.
MIXED_BUYER_TYPES = frozenset({"entreprise_publique_locale"})  # SEM, SPL: bound by the code or not
NOT_PUBLIC_TYPES = PRIVATE_BUYER_TYPES | MIXED_BUYER_TYPES


def audience_of_named(text: str, named: List[str]) -> bool:
    """The message asks who may use the one service it names (not who can help: "qui peut m'aider à
    rédiger une clause d'insertion ?" asks for the facilitator)."""
    return len(named) == 1 and named[0] in SERVICES and WHO in aspects(text) and not asks_who_helps(text)


def after_first_line(reply: Reply, sentence: str) -> Reply:
    """The reply with ``sentence`` right after its first line (the definition asked)."""
    lines = reply.text.splitlines()
    return replace(reply, text="\n".join([*lines[:1], sentence, *lines[1:]]))


# « puis-je l'utiliser ? », « on y a droit ? », « c'est pour nous ? », « il peut nous aider ? »
USABLE_ASKED = re.compile(
    r"\b(?:puis je|peut on|on peut|je peux|nous pouvons|peux je|(?:a|ont|avons) (?:le )?droit|y a droit"
    r"|pour (?:moi|nous)|(?:m|nous) aider|possible|utilis\w*|solliciter|recourir|fai\w+ appel|concerne)\b"
)


STATE_NOTES = frozenset({STATE_BUYERS, MAYBE_STATE_BUYERS})


def asks_if_usable(text: str) -> bool:
    """A closed question on whether the buyer may use the service (no « qui », « comment »…)."""
    last = question_form(text).split(",")[-1]
    asked = USABLE_ASKED.search(last) or WHO in aspects(last)
    return "?" in text and bool(asked) and not WH_WORD.search(last)


def state_sentence_for(reply: Reply, buyer: str) -> Reply:
    """``reply`` without the State buyers' sentence for a buyer known not to be the State's (a mairie, a
    SEM, a company; an établissement public is told the conditional one), and with it for a State buyer
    sent to the guichet vert (« sollicitez d'abord vos référents internes »)."""
    text = reply.text
    if buyer != "etat" and STATE_BUYERS in text:
        lines = [(line, line.replace(STATE_BUYERS, "").strip()) for line in text.splitlines()]
        text = "\n".join(kept for line, kept in lines if kept or not line.strip())  # blank lines stay
        if buyer == "etablissement_public" and MAYBE_STATE_BUYERS not in text:
            text = f"{text}\n{MAYBE_STATE_BUYERS}"
    elif buyer == "etat" and STATE_BUYERS not in text and GUICHET_NAMED.search(normalize(text)):
        lines = text.splitlines()  # right after the line that sends to the guichet vert
        at = next(i for i, line in enumerate(lines) if GUICHET_NAMED.search(normalize(line)))
        text = "\n".join([*lines[: at + 1], STATE_BUYERS, *lines[at + 1 :]])
    return replace(reply, text=text) if text != reply.text else reply


GUICHET_NAMED = re.compile(r"\bguichet vert\b")
# A private buyer bound by the code all the same (the guichet vert is theirs too: Santé-Achat.info, GIP
# Maximilien, in the topic's sources).
BOUND_BY_CODE = re.compile(
    r"\b(?<!pas )(?<!non )soumis(?:e|es)? (?:quand meme |malgre tout |aussi |tout de meme )?"
    r"(?:au ccp|au code de la commande publique|au code des marches|aux regles de la commande publique"
    r"|a la commande publique|aux marches publics)\b"
)
BOUND_PRIVATE_GUICHET = (
    "Oui : le guichet vert est ouvert à tout acheteur soumis au code de la commande publique, y compris un "
    "acheteur privé qui y est soumis."
)


# Who is bound, just before it: the buyer (« … mais soumise au code », « on est soumis au code »).
BUYER_SUBJECT = re.compile(r"\b(?:mais|on est|on reste|nous sommes|nous restons|je suis|pourtant)\s*$")
DOUBT_OR_NEGATION = re.compile(r"\b(?:pas|plus|jamais|ni|non|si)\b")


def says_bound_by_code(text: str) -> bool:
    """The buyer says they are bound by the code (« entreprise privée mais soumise au code de la commande
    publique »), not that they are not, may be, or that someone else is (« nos clients sont soumis »)."""
    plain = question_form(text)
    found = BOUND_BY_CODE.search(plain)
    if not found:
        return False
    before = plain[: found.start()]
    return bool(BUYER_SUBJECT.search(before)) and not DOUBT_OR_NEGATION.search(before[-30:])


# Going straight to a service, without the steps before it.
DIRECT_ASKED = re.compile(
    r"\b(?:passer|aller|m adresser|nous adresser|le solliciter|le saisir|le contacter)(?: \w+){0,2} "
    r"(?:direct|directement|en direct|d emblee|tout de suite)\b|\bdirect(?:ement)? (?:au|par le) guichet\b"
)


def for_audience(outcome: Outcome, question: str, ctx: Context) -> Outcome:
    """The first reply led by what a buyer of this type must know first about the topic, if anything;
    else, when the message asks who may use it, by the topic's own sentence on its audience."""
    buyer = ctx.buyer_in_message or ctx.buyer_type
    if buyer is None and ctx.private and not ctx.public:
        buyer = "entreprise"
    asks_who = WHO in aspects(ctx.text) and not asks_who_helps(ctx.text)  # who may use it, not who helps
    if buyer is None and asks_who:  # "le guichet vert peut aider une entreprise ?": answered for that body
        buyer = private_body_asked(ctx.text)
    sentence = audience_sentence(question, buyer)
    if question == "ask_guichet_vert" and buyer in PRIVATE_BUYER_TYPES and says_bound_by_code(ctx.text):
        # "entreprise privée mais soumise au code de la commande publique, on a droit au guichet vert ?"
        buyer, sentence = None, BOUND_PRIVATE_GUICHET
    if sentence and buyer in ("etat", "etablissement_public") and asks_if_usable(ctx.text):
        # "je suis acheteur de l'État, puis-je utiliser le guichet vert ?": yes first, then their referents;
        # "… passer direct par le guichet vert ?": not first, their referents come before
        direct = buyer == "etat" and DIRECT_ASKED.search(question_form(ctx.text))
        sentence = f"{'Pas directement.' if direct else 'Oui, vous pouvez le solliciter.'} {sentence}"
        if outcome.replies:  # their referents are said once, in the lead
            first = outcome.replies[0]
            kept = [line for line in first.text.splitlines() if line.strip() not in STATE_NOTES]
            outcome.replies[0] = replace(first, text="\n".join(kept))
    if sentence and outcome.replies and buyer not in PRIVATE_BUYER_TYPES and asks_what_it_is(ctx.text):
        # "c'est quoi ce guichet ?" from a hospital buyer: what it is first, then what they must know
        outcome.replies[0] = after_first_line(outcome.replies[0], sentence)
    elif sentence and outcome.replies and asks_what_it_is(ctx.text):
        # "et le guichet vert, c'est quoi ?" from a private buyer: what it is, then that it is not theirs
        first = outcome.replies[0]
        led = lead_with(first, sentence, buyer)
        outcome.replies[0] = replace(led, text="\n".join([*first.text.splitlines()[:1], led.text]))
    elif sentence and outcome.replies:
        outcome.replies[0] = lead_with(outcome.replies[0], sentence, buyer)
    elif (
        outcome.replies
        and question in SERVICES
        and (asks_who or buyer in NOT_PUBLIC_TYPES)
        and not outcome.replies[0].text.startswith(("Non :", "Oui :", "D'après"))  # a coverage check
    ):
        unit = audience_unit(question)
        first = outcome.replies[0]
        text = f"{unit}\n{first.text}" if unit and unit not in first.text else first.text
        if asks_who and word_count(text) > MAX_ANSWER_WORDS:
            kept = [unit]  # who may use it was asked: that first, then the reply's lines that still fit
            for line in first.text.splitlines():
                if word_count("\n".join([*kept, line])) <= MAX_ANSWER_WORDS:
                    kept.append(line)
            text = "\n".join(kept)
        if word_count(text) <= MAX_ANSWER_WORDS or asks_who:
            outcome.replies[0] = replace(first, text=text)
    return outcome


# A private body a who-question is about ("ouvert aux associations ?", "peut aider une PME ?").
PRIVATE_BODY_ASKED = re.compile(
    r"\b(?:aider|accompagner|conseiller|ouverte?s?|accessibles?|reservee?s?|ok|possible|pour|aux?|avec"
    r"|eligibles?)(?: aussi| egalement)? (?:une?|les|des|l|nos|notre)? ?(?P<body>entreprises?|pme|tpe"
    r"|societes?|start ?ups?|artisans?|commercants?|associations?|assos?|fondations?|mutuelles?)\b"
)
COMPANY_BODIES = re.compile(r"^(?:entreprise|pme|tpe|societe|start|artisan|commercant)")


def private_body_asked(text: str) -> Optional[str]:
    """The private buyer type a who-question names as its subject, if any."""
    match = PRIVATE_BODY_ASKED.search(question_form(text))
    if match is None:
        return None
    return "entreprise" if COMPANY_BODIES.match(match.group("body")) else "organisme_prive"


# A topic's sentence on who may use it ("ouvert à tous les acheteurs soumis au code de la commande
# publique", "aux acheteurs publics et privés", "le réseau des acheteurs publics").
AUDIENCE_WORDS = re.compile(
    r"acheteurs (?:publics|prives)|publics? (?:et|comme) prives?|soumis au code de la commande publique"
)


def audience_unit(question: str) -> Optional[str]:
    """The first sentence of a topic's answer or details that says whom it serves."""
    topic = knowledge_base().topics.get(question)
    if topic is None:
        return None
    for text in topic_texts(topic):
        for unit in units(text):
            if AUDIENCE_WORDS.search(normalize(unit)):
                return unit
    return None
