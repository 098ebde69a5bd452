"""A follow-up never gets, word for word, the answer the user has just read.

After a good first answer, a follow-up on the same topic (« et ça coûte combien ? », « il a combien
d'actions ? », « on l'indique où ? ») is often routed back to the same topic, whose answer is then sent
again: the user reads the same text twice and the thing asked is buried or missing. This last pass over
the replies of a message compares each with the answer just shown (``Context.last_answer``):

- a repeated answer that follows something said first (« Je n'ai pas ce chiffre … », a limit) is not
  sent again: the first message keeps its route, and gets the repeated answer's buttons and links with
  an « En savoir plus » button (a short pointer);
- a repeated answer sent first is led by the sentence of the same entry (the reply's own text and
  details, then the topic's answer, details and examples) that answers what the follow-up asks: the
  sentences of the aspect asked (cost, contact, joining, audience), else the best sentence of
  ``focus.lead_sentence``; its details stay behind « En savoir plus »;
- when no sentence answers and the follow-up asks a kind of fact the entry does not give (a guide, a
  time limit, who funds it, where it is stated), that is said first, then where to ask.

Otherwise the reply is left as it is: a repeat is better than a made-up precision.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, List, Optional, Protocol, Sequence, Tuple

from actions.focus import (
    ASKS_APPLIES_TO,
    ASKS_BUILDINGS,
    ASKS_DOC,
    ASKS_DURATION,
    ASKS_FUNDING,
    ASKS_HOW_MUCH,
    ASKS_LEAD,
    ASKS_MUST,
    ASKS_ORIGIN,
    ASKS_PENALTY,
    ASKS_SHARE,
    ASKS_TEXT,
    ASKS_WHEN,
    ASKS_WHERE_STATED,
    GIVES_BUILDINGS,
    GIVES_DOC,
    GIVES_DURATION,
    GIVES_FUNDING,
    GIVES_HOW_MUCH,
    GIVES_LEAD,
    GIVES_MUST,
    GIVES_ORIGIN,
    GIVES_PENALTY,
    GIVES_SCOPE,
    GIVES_SHARE,
    GIVES_TEXT,
    GIVES_WHEN,
    GIVES_WHERE_STATED,
    LEAD_VERBS,
    ORIGIN_WORDS,
    as_sentence,
    lead_sentence,
    stem,
    stems,
    units,
)
from actions.followup import ROUTES, focused_sentences
from actions.knowledge import KnowledgeBase, Topic
from actions.render import Reply
from actions.understanding import CONTACT, COST, JOIN, WHO, aspects, counted_noun, states_count
from textnorm import normalize, question_form

FOCUSABLE = (WHO, COST, JOIN, CONTACT)
# The reply's own sentence that asks where the buyer works (« dites-moi où vous travaillez … »).
ASKS_WHERE = re.compile(r"\b(?:dites|indiquez)-moi (?:où|votre)\b|\bOù travaillez-vous\b")
MAX_LEAD_SENTENCES = 2
# « et concrètement ça sert à quoi ? », « ça apporte quoi ? » after what a service is: what it brings.
ASKS_USE = re.compile(
    r"\b(?:sert|servent) a quoi\b|\ba quoi (?:ca |il |elle |cela )?(?:sert|servent)\b"
    r"|\b(?:ca|il|elle) (?:apporte|apportent|m apporte|nous apporte) quoi\b|\bpour quoi faire\b"
    r"|^(?:et )?concretement\b"
)
GIVES_USE = re.compile(r"\bvous pouvez\b|\bapport\w*\b|\bpermet\w*\b|\bvous aide\w*\b|\bsert\b")
# A kind of fact asked, how a sentence that gives it looks, and what is said when none does.
# « un exemple ? » after a topic's answer: a sentence of its texts that gives one.
ASKS_EXAMPLE = re.compile(r"^(?:et |ok |alors )?(?:un|des|quelques|d autres) exemples?\b|\bpar exemple\W*$")
GIVES_EXAMPLE = re.compile(r"\bexemples?\b")
UNKNOWN_KINDS: Sequence[Tuple[re.Pattern, re.Pattern, str]] = (
    (
        ASKS_EXAMPLE,
        GIVES_EXAMPLE,
        "Je n'ai pas d'exemple précis dans mes sources pour ce point, et je préfère ne pas en inventer un.",
    ),
    (
        ASKS_DOC,
        GIVES_DOC,
        "Je ne connais pas de guide ou de document sur ce point : mes sources n'en citent pas.",
    ),
    (
        ASKS_DURATION,
        GIVES_DURATION,
        "Je n'ai pas cette information : le délai ne figure pas dans mes sources.",
    ),
    (
        ASKS_FUNDING,
        GIVES_FUNDING,
        "Je n'ai pas cette information : son financement ne figure pas dans mes sources.",
    ),
    (
        ASKS_MUST,
        GIVES_MUST,
        "Je n'ai pas cette information : mes sources ne mentionnent pas d'obligation sur ce point.",
    ),
    (
        ASKS_WHERE_STATED,
        GIVES_WHERE_STATED,
        "Je n'ai pas cette information : mes sources ne disent pas où l'indiquer.",
    ),
)
DEFAULT_ROUTE = "Le guichet vert de votre région pourra vous orienter."
# A clause that says when, not what (« une fois qu'on a eu la réponse, il se passe quoi ? »): its words
# do not point to the sentence asked for.
WHEN_CLAUSE = re.compile(
    r"\b(?:une fois qu|apres qu|des qu|lorsqu|quand (?:on|j|nous|vous|ils?|elles?)\b)[^,?]*(?:,|$)"
)
# Said first, it already says that something is not known: where to ask may follow it.
SAYS_UNKNOWN = re.compile(r"\b(?:je n'ai pas|je ne connais pas|ne figure pas|ne figurent pas)\b", re.I)
# The kind of answer a question asks for, and how a sentence that gives it looks (actions/focus.py).
CUES: Sequence[Tuple[re.Pattern, re.Pattern]] = (
    (ASKS_WHEN, GIVES_WHEN),
    (ASKS_HOW_MUCH, GIVES_HOW_MUCH),
    (ASKS_SHARE, GIVES_SHARE),
    (ASKS_MUST, GIVES_MUST),
    (ASKS_LEAD, GIVES_LEAD),
    (ASKS_TEXT, GIVES_TEXT),
    (ASKS_PENALTY, GIVES_PENALTY),
    (ASKS_ORIGIN, GIVES_ORIGIN),
    (ASKS_FUNDING, GIVES_FUNDING),
    (ASKS_DURATION, GIVES_DURATION),
    (ASKS_DOC, GIVES_DOC),
    (ASKS_APPLIES_TO, GIVES_SCOPE),
    (ASKS_BUILDINGS, GIVES_BUILDINGS),
)


def squash(text: str) -> str:
    """A text compared with another: one kind of space, no surrounding blanks."""
    return " ".join(text.split())


MORE = "En savoir plus"


def more_button(topic: Optional[Topic], reply: Optional[Reply] = None) -> List[dict]:
    """A button to the topic's full answer, unless the reply already has its own « En savoir plus »."""
    if topic is None or (reply and any(b.get("title", "").startswith(MORE) for b in reply.buttons)):
        return []
    return [{"title": f"{MORE} : {topic.title}", "payload": f"/{topic.id}"}]


MORE_TITLE = "En savoir plus"


def merged_buttons(*groups: Iterable[dict]) -> List[dict]:
    """The buttons of several replies, in order, each payload once and one « En savoir plus »."""
    seen, found = set(), []
    for group in groups:
        for button in group:
            more = str(button.get("title", "")).startswith(MORE_TITLE)
            if button.get("payload") in seen or (more and MORE_TITLE in seen):
                continue
            seen.add(button.get("payload"))
            if more:
                seen.add(MORE_TITLE)
            found.append(button)
    return found


def candidate_texts(reply: Reply, topic: Optional[Topic]) -> List[str]:
    """What the entry says: the reply itself and its details, then the topic's own texts."""
    texts = [reply.text, reply.details]
    if topic is not None:
        texts += [topic.text] + [example.text for example in topic.examples]
    return [text for text in texts if text]


def aspect_lead(message: str, texts: Sequence[str]) -> Optional[str]:
    """The sentences that answer the aspect asked (« c'est payant ? »: the one saying it is free)."""
    wanted = aspects(message)
    found: List[str] = []
    for aspect in FOCUSABLE:
        if aspect in wanted:
            found += [s for s in focused_sentences(texts, aspect) if s not in found]
    if not found and wanted & {CONTACT, JOIN}:  # a territorial answer: who to contact depends on where
        own = units(texts[0])
        start = next((index for index, unit in enumerate(own) if ASKS_WHERE.search(unit)), len(own))
        found = [" ".join(own[start:])] if start < len(own) else []  # the request and how to answer it
    return "\n".join(found[:MAX_LEAD_SENTENCES]) or None


def use_lead(message: str, texts: Sequence[str]) -> Optional[str]:
    """« ça sert à quoi concrètement ? » after what a service is: the sentence of its details that says
    what it brings (« En vous inscrivant, vous pouvez … », « Il apporte guides … »)."""
    if not ASKS_USE.search(question_form(message)):
        return None
    shown = {squash(unit) for unit in units(texts[0])}
    for text in texts[1:]:
        for unit in units(text):
            if GIVES_USE.search(normalize(unit)) and squash(unit) not in shown:
                return unit.lstrip("• ").strip()
    return None


def example_lead(message: str, texts: Sequence[str]) -> Optional[str]:
    """« un exemple ? » after a topic's answer: its first sentence that gives an example, not shown."""
    if not ASKS_EXAMPLE.search(question_form(message)):
        return None
    shown = {squash(unit) for unit in units(texts[0])}
    for text in texts[1:]:
        found = units(text)
        for index, unit in enumerate(found):
            if GIVES_EXAMPLE.search(normalize(unit)) and squash(unit) not in shown:
                # « Exemples de demandes possibles : » leads the examples that follow it
                more = (
                    found[index + 1 : index + 1 + MAX_LEAD_SENTENCES] if unit.rstrip().endswith(":") else []
                )
                return "\n".join([unit.strip(), *more]).lstrip("• ")
    return None


def unknown_kind(message: str, texts: Sequence[str]) -> Optional[str]:
    """The sentence saying that the kind of fact asked is not known, when no sentence gives it."""
    plain = question_form(message)
    said = [normalize(unit) for text in texts for unit in units(text)]
    for asks, gives, sentence in UNKNOWN_KINDS:
        if asks.search(plain) and not any(gives.search(unit) for unit in said):
            return sentence
    return None


class Cue(Protocol):
    """How a sentence that gives a kind of fact looks: a compiled pattern, or ``CountOf``."""

    def search(self, string: str) -> Any: ...


def cues_asked(message: str) -> List[Cue]:
    """How a sentence that gives what the question asks looks (a date for « quand ? »...); a count asked of
    a noun (« combien de niveaux ? ») is also given in words (« compte trois niveaux »)."""
    plain = question_form(message)
    found: List[Cue] = [gives for asks, gives in CUES if asks.search(plain)]
    noun = counted_noun(message)
    if noun and GIVES_HOW_MUCH in found:
        found[found.index(GIVES_HOW_MUCH)] = CountOf(noun)
    return found


class CountOf:
    """A cue met by a figure, or by a count of ``noun`` in words (``understanding.states_count``)."""

    def __init__(self, noun: str) -> None:
        self.noun = noun

    def search(self, plain: str) -> bool:
        return bool(GIVES_HOW_MUCH.search(plain)) or states_count(plain, self.noun)


def gives_all(text: str, cues: Sequence[Cue]) -> bool:
    plain = normalize(text)
    return bool(cues) and all(gives.search(plain) for gives in cues)


def own_lead(message: str, reply: Reply, topic: Optional[Topic]) -> Optional[str]:
    """The sentence of the repeated reply itself that answers the follow-up, if one only does: the one
    its words point to (« il a combien d'actions ? »: « … il compte 22 actions … »), else the one that
    gives what it asks for (« à partir de quand ? »: the dated one). None when the words and the kind of
    answer point to different sentences (the whole reply is then the safer answer)."""
    own = units(reply.text)
    if len(own) < 2:
        return None
    cues = cues_asked(message)
    asked = stems(WHEN_CLAUSE.sub(" ", question_form(message))) - stems(topic.title if topic else "")
    if cues:  # « qui l'a créé ? »: the verb says what is asked, not which sentence
        asked -= ORIGIN_WORDS | LEAD_VERBS
    words = [len(asked & stems(unit)) for unit in own]
    given = [sum(bool(gives.search(normalize(unit))) for gives in cues) for unit in own]
    by_words = words.index(max(words)) if max(words) and words.count(max(words)) == 1 else None
    by_cues = given.index(max(given)) if max(given) and given.count(max(given)) == 1 else None
    if by_words is not None and cues and not given[by_words]:
        return None  # « et pour le social, c'est obligatoire quand ? »: the words and the date disagree
    chosen = by_words if by_words is not None else by_cues
    return as_sentence(own[chosen]) if chosen is not None else None


CLAUSE_BREAK = re.compile(r",\s+|\s+:\s+|\s+;\s+")


def own_clause(message: str, reply: Reply, topic: Optional[Topic]) -> Optional[str]:
    """A one-sentence repeated reply that gives what the follow-up asks for: its only clause that gives it,
    after the topic's title (« Le Plan national pour des achats durables (PNAD) : piloté par le CGDD. »),
    so that the user does not read the same sentence again; None when no single clause does."""
    cues = cues_asked(message)
    own = units(reply.text)
    if not cues or topic is None or len(own) != 1:
        return None
    clauses = [part.strip(" .") for part in CLAUSE_BREAK.split(own[0]) if part.strip(" .")]
    giving = [part for part in clauses if gives_all(part, cues)]
    if len(clauses) < 2 or len(giving) != 1:
        return None
    clause = giving[0]
    clause = clause[0].lower() + clause[1:] if clause[1:2].islower() else clause
    return f"{topic.title} : {clause}."


CLAUSE_SPLIT = re.compile(r"(,\s+|\s+:\s+|\s+;\s+)")
# Forms of « être » and « avoir » (« c'était en métropole ? »): they point to no clause.
AUXILIARIES = frozenset(stem(word) for word in "etait etaient ete sera seront serait avait avaient".split())


def asked_clauses(message: str, reply: Reply, topic: Optional[Topic]) -> Optional[str]:
    """A one-sentence repeated reply cut to the clauses the follow-up's own words point to (« combien de
    nouveaux postes ? »: « … 185 nouveaux facilitateurs … ; celui de 2022 a permis de créer 82 postes … »,
    « et un coordinateur par quoi ? »: the clause naming one coordinator per region), each clause that
    gives the kind of answer asked if one is (a figure for « combien »). The sentence's first clause, which
    names its subject and which the others refer to (« celui de 2022 »), always leads. None when the words
    point to no clause or when every clause would be kept (the sentence would be read again)."""
    own = units(reply.text)
    if topic is None or len(own) != 1:
        return None
    parts = CLAUSE_SPLIT.split(own[0].rstrip(" ."))
    clauses, separators = parts[::2], parts[1::2]
    if len(clauses) < 2:
        return None
    cues = cues_asked(message)
    asked = stems(WHEN_CLAUSE.sub(" ", question_form(message))) - stems(topic.title) - AUXILIARIES
    if cues:
        asked -= ORIGIN_WORDS | LEAD_VERBS
    scores = [len(asked & stems(clause)) for clause in clauses]
    if cues:  # a clause that does not give what is asked (a figure, a date) does not answer it
        scores = [
            score if gives_all(clause, cues) else 0 for score, clause in zip(scores, clauses, strict=True)
        ]
    best = max(scores)
    chosen = sorted({0} | {index for index, score in enumerate(scores) if best and score == best})
    if not best or len(chosen) == len(clauses):
        return None
    text = clauses[0]
    for before, index in zip(chosen, chosen[1:], strict=False):
        # neighbours keep their own separator; others are joined as parts of one enumeration
        text += (separators[before] if index == before + 1 else " ; ") + clauses[index]
    return f"{text.strip()}."


def led_reply(message: str, last: str, reply: Reply, topic: Optional[Topic]) -> Optional[Reply]:
    """The repeated reply led by what answers the follow-up, or said unknown first; None: unchanged.

    In this order: the sentences of the aspect asked (cost, contact, joining, audience); a kind of fact
    asked that the entry lacks (said unknown, then where to ask); when the reply already gives the kind
    of answer asked, its own sentence that answers (or the reply unchanged); else a sentence of the entry
    on what the reply does not say (``lead_sentence`` as for a first question), a sentence of the reply
    itself, any sentence of the entry."""
    texts = candidate_texts(reply, topic)
    more = merged_buttons(more_button(topic, reply), reply.buttons)
    lead = use_lead(message, texts) or example_lead(message, texts) or aspect_lead(message, texts)
    unknown = None if lead else unknown_kind(message, texts)
    if unknown:
        route = ROUTES.get(topic.id, DEFAULT_ROUTE) if topic else DEFAULT_ROUTE
        return replace(reply, text=f"{unknown} {route}", buttons=more)
    if not lead and gives_all(reply.text, cues_asked(message)):
        # « il a combien d'actions ? »: « … 22 actions … »; « et qui le pilote ? » after that one sentence:
        # the clause of it that names who
        lead = (
            own_lead(message, reply, topic)
            or own_clause(message, reply, topic)
            or asked_clauses(message, reply, topic)
        )
        return replace(reply, text=lead, buttons=more) if lead else None
    asked = WHEN_CLAUSE.sub(" ", question_form(message))
    lead = (
        lead
        or lead_sentence(asked, reply.text, "\n".join(texts[1:]), last)
        or own_lead(message, reply, topic)
        or lead_sentence(asked, "", "\n".join(texts), last)
    )
    if lead and squash(lead) != squash(reply.text):
        return replace(reply, text=lead, buttons=more)
    # the sentence shown again: only its clause that answers, or the clauses its words point to
    clause = own_clause(message, reply, topic) or asked_clauses(message, reply, topic)
    return replace(reply, text=clause, buttons=more) if clause else None


def detail_lead(message: str, reply: Reply, last: str) -> Optional[str]:
    """The sentence of the repeated reply's details that the message's own words point to (« et les vieux
    PC qu'on réforme ? » after the IT category: the note on retired computers), if one does."""
    if not reply.details:
        return None
    lead = lead_sentence(WHEN_CLAUSE.sub(" ", question_form(message)), reply.text, reply.details, last)
    # the reply's first line stays after it: it names what the detail is about (the product's category)
    return f"{lead}\n{reply.text.splitlines()[0]}" if lead else None


ROUTED = re.compile(r"\bpourr(?:a|ont) vous r[ée]pondre\b")


def with_pointer(first: Reply, repeated: Reply, topic: Optional[Topic]) -> Reply:
    """What was said first, with where to ask (the topic's route, unless said) and the buttons and links
    of the answer it no longer repeats."""
    links = list(first.links) + [link for link in repeated.links if link not in first.links]
    route = ROUTES.get(topic.id, "") if topic else ""
    # "RAN COPER pourra vous répondre.": routed already, by name
    said = (
        not route or route in first.text or ROUTED.search(first.text) or not SAYS_UNKNOWN.search(first.text)
    )
    text = first.text if said else f"{first.text} {route}"
    return replace(
        first,
        text=text,
        buttons=merged_buttons(first.buttons, more_button(topic, repeated), repeated.buttons),
        links=links,
        sources=first.sources or repeated.sources,
    )


def without_repeats(
    knowledge: KnowledgeBase,
    message: str,
    last_answer: str,
    replies: List[Reply],
    topic_id: Optional[str],
    lead: bool = True,
    earlier: Sequence[str] = (),
) -> List[Reply]:
    """The replies to a message, none of them the answer just shown (or an earlier one, ``earlier``) word
    for word (see the module).
    ``lead``: a repeated first reply may be led by another sentence (not when the message gives a place,
    a buyer type or a product, which the same answer may rightly fit again)."""
    shown = {squash(text) for text in (last_answer, *earlier)} - {""}
    if not shown or not replies:
        return replies
    topic = knowledge.topics.get(topic_id or "")
    result: List[Reply] = []
    for reply in replies:
        if squash(reply.text) not in shown:
            result.append(reply)
        elif result:  # said after « je n'ai pas ce chiffre » or a limit: only what answers, else a pointer
            lead = own_lead(message, reply, topic)
            if lead:
                result.append(replace(reply, text=lead))
            else:
                result[-1] = with_pointer(result[-1], reply, topic)
        else:
            if lead:
                led = led_reply(message, last_answer, reply, topic) or reply
                clause = own_clause(message, led, topic) if squash(led.text) in shown else None
                # led by the very sentence just read (« et qui le pilote ? » after « … 22 actions … »): the
                # clause of it that answers
                result.append(replace(led, text=clause) if clause else led)
            else:  # a place or a buyer type the same answer fits: only its sentence the words point to
                own = own_lead(message, reply, topic) or detail_lead(message, reply, last_answer)
                result.append(replace(reply, text=own) if own else reply)
    return once_each(result)


def once_each(replies: List[Reply]) -> List[Reply]:
    """The replies without one whose text another one of the same turn already says (a repeated lead
    replaced by the topic's sentence that the next reply also gives: the same sentence twice)."""
    keys = [squash(reply.text) for reply in replies]
    kept: List[Reply] = []
    for index, (reply, key) in enumerate(zip(replies, keys, strict=True)):
        said_before = key in keys[:index]
        said_by_other = any(key and key in other and key != other for other in keys if other)
        if key and (said_before or said_by_other):
            continue
        kept.append(reply)
    return kept
