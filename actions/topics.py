"""Answers that only depend on the question: one knowledge topic each."""

from __future__ import annotations

import re
from datetime import date
from typing import FrozenSet, List, Optional, Tuple

from actions.focus import (
    TWO_QUESTIONS,
    answered_no,
    answered_yes,
    confirmed_share,
    corrected_count,
    inner_lead,
    lead_sentence,
    stems,
    units,
)
from actions.knowledge import KnowledgeBase, Topic, TopicExample
from actions.render import Reply, button_dicts, compose, link, source_links
from actions.reply import MAX_ANSWER_WORDS, Link, word_count
from actions.understanding import asks_for_guide, asks_what_it_is, asks_who_helps
from textnorm import normalize, question_form


def guide_lines(knowledge: KnowledgeBase, topic: Topic) -> List[str]:
    """One line per guide the topic points to: its title, publisher and date (its link goes apart)."""
    found = []
    for guide in (knowledge.guides[guide_id] for guide_id in topic.see_also):
        when = f", {guide.published}" if guide.published else ""
        found.append(f"• {guide.title} ({guide.publisher}{when})")
    return found


def guides_paragraph(knowledge: KnowledgeBase, topic: Topic) -> Optional[str]:
    """'Pour aller plus loin': the guides, in the details."""
    found = guide_lines(knowledge, topic)
    return "Pour aller plus loin :\n" + "\n".join(found) if found else None


def guide_links(knowledge: KnowledgeBase, topic: Topic) -> List[Link]:
    guides = (knowledge.guides[guide_id] for guide_id in topic.see_also)
    return [link(guide.title, guide.url) for guide in guides if guide.url]


# Endings a keyword's last word may take in a question (« recontacte » : « recontactent », « recontacter »;
# « évaluation » : « évaluations »): the same word, inflected.
INFLECTION = r"(?:s|x|nt|ent|r|z|e|es)?"
MIN_INFLECTED_KEYWORD = 6  # shorter keywords match only as written (« apres », « delai »)
# What happens after the request (« ensuite ils nous recontactent ? », « il y a un suivi après ? », « et
# après ? »): the example that says what follows the closing of a request, when no keyword names it. A
# « they get back to us » form, a follow-up said to come later, or « et après ? » alone; not a follow-up of
# something else (« il fait un suivi de nos marchés ? ») nor a reminder (« un rappel des seuils ? »).
_LATER = r"(?:ensuite|apres|par la suite|apres coup)"
ASKS_AFTERCARE = re.compile(
    r"\b(?:ils?|elles?|on|vous) (?:nous |me |m )?(?:(?:est|sera|serons|sommes) )?(?:recontact\w*|rappel\w*"
    r"|relanc\w*)"
    r"|\brevien\w* vers (?:nous|moi)\b"
    rf"|\bsuivi {_LATER}\b|\b{_LATER}(?: il y a)? (?:un )?suivi\b"
    rf"|\b(?:se passe|passe t il)(?: quoi)? {_LATER}\b"
    rf"|^(?:(?:et|mais) )?{_LATER},?(?: quoi)?$"
)
GIVES_AFTERCARE = re.compile(r"\bapres la cloture\b|\bquestionnaires? d evaluation\b|\brecontact\w*")


def keyword_in(keyword: str, words: str) -> bool:
    """The keyword in the message's words, its last word possibly inflected."""
    key = normalize(keyword)
    if len(key.split()[-1]) < MIN_INFLECTED_KEYWORD:
        return f" {key} " in words
    return bool(re.search(rf" {re.escape(key)}{INFLECTION} ", words))


def matching_example(topic: Topic, message: str) -> Optional[TopicExample]:
    """The ideas for the kind of purchase the question names (the first that matches), if any; else the
    example on what follows a request, when the question asks what happens after it."""
    words = f" {normalize(message)} "
    for example in topic.examples:
        if any(keyword_in(keyword, words) for keyword in example.keywords):
            return example
    if ASKS_AFTERCARE.search(words.strip(" ?!.")):
        after = [example for example in topic.examples if GIVES_AFTERCARE.search(normalize(example.text))]
        # the one that says who gets back to the buyer, else the first
        return next((e for e in after if "recontact" in normalize(e.text)), after[0] if after else None)
    return None


def examples_paragraph(topic: Topic, message: str) -> Optional[str]:
    example = matching_example(topic, message)
    return example.text if example else None


def about_guide(topic: Topic, message: str, shown: str = "") -> bool:
    """A sentence of the details answers something asked about a guide the question names (« le guide de
    l'ADEME couvre combien de catégories ? »): that sentence, not the list of guides."""
    lead = lead_sentence(message, topic.answer, topic.details or "", shown) if message else None
    return bool(lead) and "guide" in normalize(lead)


def topic_links(topic: Topic) -> List[Link]:
    return [link(item.title, item.url) for item in topic.links]


def lines(*parts: Optional[str]) -> str:
    return "\n".join(part for part in parts if part)


# A next step that names who helps the buyer (the facilitator, the guichet vert, the CCI).
NAMES_HELPER = re.compile(r"\b(?:facilitateur|guichet vert|cci|reseau|conseillers? entreprises)\b")


def who_helps_first(topic: Topic, message: str) -> bool:
    """The question asks who helps (« à qui s'adresser ? ») and the topic's next step names who does."""
    step = topic.next_step or ""
    return bool(message) and asks_who_helps(message) and bool(NAMES_HELPER.search(normalize(step)))


def focused(topic: Topic, message: str, today: Optional[date] = None, shown: str = "") -> Tuple[str, str]:
    """(first message, details) of a topic for this question: the short answer and its next step, or,
    when one sentence of the details answers the question better (actions/focus.py), that sentence
    first, with as much of the short answer as the word budget allows; the rest are details."""
    short = lines(topic.answer, topic.next_step)
    defining = bool(message) and (asks_what_it_is(message) or bool(IDENTITY.search(question_form(message))))
    asked_term = defined_words(message) if defining else frozenset()
    # "la loi Climat, c'est quoi ?": what it is, then what it asks; not for another term of its details
    # ("c'est quoi le coût global ?")
    identity = bool(message) and bool(IDENTITY.search(question_form(message)))  # "son numéro ?"
    # "c'est quoi, et quels sont ses objectifs ?": what it is, then the other part
    what_and = bool(message) and bool(DEFINITION_AND.search(question_form(message)))
    two_parts = bool(message) and (bool(TWO_QUESTIONS.search(question_form(message))) or what_and)
    if (
        defining
        and topic.definition
        and (identity or not (asked_term - stems(topic.title) - stems(topic.definition)))
    ):
        return defined(topic, today)
    # The next step says what to do, not what is asked: its words do not make a detail redundant. A
    # definition question ("c'est quoi exactement ?") is answered by the short answer, unless it names
    # a term that only one sentence of the details explains ("c'est quoi le label RFAR ?").
    lead = lead_sentence(message, topic.answer, topic.details or "", shown) if message else None
    if (
        lead
        and defining
        and not two_parts  # "c'est quoi, et quels sont ses objectifs chiffrés ?": both parts answered
        and not (asked_term - stems(short) - stems(topic.title)) & stems(lead)
    ):
        lead = None  # "ça veut dire quoi guichet vert, c'est un service de l'État ?": not about the State
    yes = answered_yes(message, topic.answer) if message and (lead is None or not defining) else None
    if (
        yes and lead
    ):  # "peut-on exiger X en rénovation ?": « Oui : vous pouvez exiger … » first, then the detail
        choices = [lines(yes, lead, topic.next_step), lines(yes, lead), lines(yes, topic.next_step)]
        first = next((c for c in choices if word_count(compose([c], today)) <= MAX_ANSWER_WORDS), choices[-1])
        return compose([first], today), compose([topic.details], today)
    if yes:  # "peut-on exiger un écolabel ?": « Oui : vous pouvez exiger … », then the rest
        rest = [unit for unit in units(topic.answer) if unit[1:] not in yes]
        return compose([lines(yes, " ".join(rest), topic.next_step)], today), compose([topic.details], today)
    inner = inner_lead(message, topic.answer) if message and lead is None and not defining else None
    if inner:  # "le label est-il obligatoire ?": the sentence of the short answer that says so, first
        rest = [unit for unit in units(topic.answer) if unit != inner]
        first = lines(with_subject(inner, topic.title), " ".join(rest), topic.next_step)
        return compose([first], today), compose([topic.details], today)
    if lead is None and who_helps_first(topic, message) and not defining:
        # "clauses sociales dans nos marchés, à qui s'adresser ?": who helps, then what it is
        return compose([lines(topic.next_step, topic.answer)], today), compose([topic.details], today)
    if lead is None:
        return compose([short], today), compose([topic.details], today)
    lead = with_subject(answered_no(message, lead, topic.answer), topic.title)
    current = current_rule(lead, topic.answer)
    if current:  # "c'est encore les 42 kg/m² ?": the old rule no longer applies, then what replaced it
        return compose([lines(lead, current)], today), compose([topic.details], today)
    if what_and and "\n" not in lead:
        return compose([lines(topic.answer, lead, topic.next_step)], today), compose([topic.details], today)
    if two_parts and "\n" not in lead:
        # one part of a two-part question is answered by a detail, the other by the short answer
        # (« combien de catégories, et on déclare où ? »): both come first, even past the word budget
        return compose([lines(lead, topic.answer)], today), compose([topic.next_step, topic.details], today)
    choices = [
        (lines(lead, topic.answer, topic.next_step), None),
        (lines(lead, topic.answer), topic.next_step),
        (lines(lead, topic.next_step), topic.answer),
        (lead, short),
    ]
    first, rest = next(
        (choice for choice in choices if word_count(compose([choice[0]], today)) <= MAX_ANSWER_WORDS),
        choices[-1],
    )
    return compose([first], today), compose([rest, topic.details], today)


# A sentence saying that a rule no longer applies (« ils ne s'appliquent plus », « a été abrogé »).
SUPERSEDED = re.compile(
    r"\bne s appliqu\w* plus\b|\b(?:n est|ne sont) plus en vigueur\b|\babroge\w*|\bremplace\w*"
    r"|\bne (?:vaut|valent|compte|comptent) plus\b"
)


def current_rule(lead: str, answer: str) -> Optional[str]:
    """When the sentence that answers says the rule asked about no longer applies, the sentences of the
    short answer that state the rule in force (not the one saying the old one is gone), as many as the
    first message holds with the lead (at least one); None otherwise."""
    if not SUPERSEDED.search(normalize(lead)):
        return None
    in_force = [unit for unit in units(answer) if not SUPERSEDED.search(normalize(unit)) and unit not in lead]
    kept: List[str] = []
    for unit in in_force:
        if kept and word_count(" ".join([lead, *kept, unit])) > MAX_ANSWER_WORDS + MAX_ANSWER_WORDS // 3:
            break
        kept.append(unit)
    return " ".join(kept) or None


# "c'est quoi, et quels sont ses objectifs ?": what it is, and one more thing asked.
DEFINITION_AND = re.compile(
    r"\b(?:c est quoi|qu est ce que c est)\b.{0,20}?\bet (?:\w+ ){0,4}?"
    r"(?:qui|quel|quels|quelle|quelles|quand|comment|combien|ou)\b"
)
SUBJECT_PRONOUN = re.compile(r"^(Il|Elle|Ils|Elles) ")
PRONOUN_ARTICLES = {"Il": ("Le ", "L'"), "Elle": ("La ", "L'"), "Ils": ("Les ",), "Elles": ("Les ",)}


def with_subject(lead: str, title: str) -> str:
    """A detail sentence that leads the answer names its subject instead of a pronoun with nothing before
    it (« Il apporte guides … » -> « Le guichet vert apporte guides … »), when the topic's title is that
    subject (same gender and number)."""
    found = SUBJECT_PRONOUN.match(lead)
    if not found or not title.startswith(PRONOUN_ARTICLES[found.group(1)]) or "(" in title:
        return lead
    return f"{title}{lead[len(found.group(1)) :]}"


# Which law it is ("numéro et date de la loi climat ?"): answered by what the topic is.
IDENTITY = re.compile(
    r"\bnumero (?:et (?:la )?date )?(?:de la |du |de l )?(?:loi|decret)\b|\bdate de la loi\b"
    r"|\bloi\b.*\b(?:date de quand|votee quand|adoptee quand|promulguee quand|de quelle annee)\b"
    r"|\b(?:de quand date|quand a ete (?:votee|adoptee|promulguee)) la loi\b"
    # "c'est la loi n° combien ?", "elle date de 2021 ou 2022 ?"
    r"|\b(?:loi|decret) (?:n ?°?|no|numero) combien\b|\bloi\b.*\b(?:date|datee) de (?:19|20)\d\d\b"
    r"|\bloi [a-z ]{0,30}\bnumero\b"  # "loi climat et résilience numéro ?"
)


# The term a definition question asks about: the words right after "c'est quoi", or before ", c'est quoi".
DEFINING_PHRASE = (
    r"c est quoi|c quoi|qu est ce que c est|qu est ce qu(?:e|un|une)?|veut dire quoi|que veut dire"
    r"|ca veut dire|definition(?: de| du| des| d)?|que signifie|signifie|kesako|kezako|kesaco"
    r"|ce qu est|ce que veut dire|ce que signifie"
)
DEFINED_AFTER = re.compile(rf"\b(?:{DEFINING_PHRASE})\b((?: [a-z0-9]+){{1,4}})")
# up to seven words: "les objectifs du PNAD pour 2025, c'est quoi ?" asks about the objectives
DEFINED_BEFORE = re.compile(rf"^((?:[a-z0-9]+ ){{0,6}}[a-z0-9]+),? (?:{DEFINING_PHRASE})\b")


VAGUE_AFTER = stems(
    "exactement juste truc machin concretement precisement simplement comme service rapide rapidement vite "
    "courte bref breve simple svp stp merci gros grosso modo deja fait fond resume general alors donc"
)


def defined_words(message: str) -> FrozenSet[str]:
    """The stems of the term a definition question asks about ("c'est quoi le label RFAR ?")."""
    plain = question_form(message).replace(",", " ,")
    found = set()
    for match in DEFINED_AFTER.finditer(plain):
        found |= stems(match.group(1)) - VAGUE_AFTER
    before = DEFINED_BEFORE.search(plain.replace(" ,", ","))
    if before and not found:  # "RAPIDD, c'est quoi exactement ?": the term comes first
        found |= stems(before.group(1))
    return frozenset(found)


def defined(topic: Topic, today: Optional[date] = None) -> Tuple[str, str]:
    """(first message, details) of a definition question: the definition, then the short answer."""
    choices = [
        (lines(topic.definition, topic.answer, topic.next_step), None),
        (lines(topic.definition, topic.answer), topic.next_step),
        (lines(topic.definition), lines(topic.answer, topic.next_step)),
    ]
    first, rest = next(
        (choice for choice in choices if word_count(compose([choice[0]], today)) <= MAX_ANSWER_WORDS),
        choices[-1],
    )
    return compose([first], today), compose([rest, topic.details], today)


def topic_reply(
    knowledge: KnowledgeBase,
    topic: Topic,
    message: str = "",
    today: Optional[date] = None,
    shown: str = "",
) -> Reply:
    """The direct answer and what to do next; the rest behind « En savoir plus ».

    When the question names a kind of purchase the topic has ideas for, those ideas are the direct answer
    and the general answer moves to the details; when one sentence of the details answers the question
    better than the short answer, it comes first. ``shown``: the answer just shown, when the message
    follows it up (actions/focus.py).
    """
    example = matching_example(topic, message)
    # an example on a guide answers what is asked of it (« le bois de charpente compte dans ce guide ? »)
    on_guide = about_guide(topic, message, shown) or bool(example and "guide" in normalize(example.text))
    if topic.see_also and asks_for_guide(message) and not on_guide:
        # "vous avez un guide sur …": the guides first
        first = compose(
            ["Les documents de référence :\n" + "\n".join(guide_lines(knowledge, topic)), topic.next_step],
            today,
        )
        return Reply(
            text=first,
            buttons=button_dicts(topic.buttons),
            details=compose([topic.answer, topic.details], today),
            links=guide_links(knowledge, topic) + topic_links(topic),
            sources=source_links(topic.sources),
        )
    if example:
        first = compose([example.text, topic.next_step], today)
        details = compose([topic.answer, topic.details, guides_paragraph(knowledge, topic)], today)
    else:
        first, rest = focused(topic, message, today, shown)
        first = confirmed_share(message, corrected_count(message, first)) if message else first
        details = compose([rest, guides_paragraph(knowledge, topic)], today)
    return Reply(
        text=first,
        buttons=button_dicts(topic.buttons),
        details=details,
        links=topic_links(topic),
        detail_links=guide_links(knowledge, topic),
        sources=source_links(topic.sources),
    )
