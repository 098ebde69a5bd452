"""Follow-ups on a glossary term just defined, and articles that only the glossary cites.

After « c'est quoi un SPASER ? », « et qui est concerné ? » or « et depuis quand ? » asks about the SPASER,
not about the topic the term belongs to (the Climat et résilience law): the sentence of the term's entry
that says who is bound or gives the date answers it. « et on peut leur réserver un marché ? » after the
ESAT: the sentence of the entry that holds the question's words. When the entry holds no such sentence,
nothing is answered here and the usual routing goes on (the term's topic).

An article that no topic text cites but a glossary entry does (« que dit l'article L. 3-1 ? ») is answered
by that entry.
"""

from __future__ import annotations

import re
from datetime import date
from typing import List, Optional

from actions.focus import ASKS_BUILDINGS, ASKS_SINCE, GIVES_BUILDINGS, GIVES_START, stems
from actions.glossary import ENTRIES, Entry, definition_reply, find_terms
from actions.knowledge import KnowledgeBase
from actions.legal_refs import cited_articles, ranges
from actions.render import Reply, compose, source_links
from actions.unknowns import asks_deadline
from textnorm import normalize, question_form

MAX_FOLLOW_UP_WORDS = 14
MIN_SHARED_WORDS = 1  # "marché", "achat"... are stop words: one rare word shared is a match
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-ÖØ-Þ«•])|\n+")
# Who is bound or concerned: « qui est concerné ? », « et nous, on est concernés ? », « ça s'applique aux
# communes ? », « qui doit l'adopter ? ».
ASKS_CONCERNED = re.compile(
    r"\bqui (?:est|sont|serait|seraient) (?:concern\w*|soumis\w*|vis\w*|oblig\w*)"
    r"|\bconcerne(?:nt)? qui\b|\bqui (?:doit|doivent)\b|\bpour qui\b"
    r"|\b(?:on est|on serait|sommes nous|nous sommes|suis je|je suis|est on|est ce qu on est) "
    r"(?:bien |aussi |donc )?(?:concern\w*|soumis\w*|oblig\w*|vis\w*)"
    r"|\bs appliqu\w* (?:aussi |egalement |meme |bien )?(?:aux|a la|a l|au|a nous|pour)\b"
    r"|\b(?:concern\w*|vis\w*|soumis\w*|oblig\w*) (?:aussi |egalement |par la )?(?:les|aux) \w+"
)
GIVES_CONCERNED = re.compile(
    r"\boblig\w* pour\b|\bimpos\w* a\b|\bvis\w*\b|\bconcern\w*\b|\bcollectivites?\b|\bacheteurs?\b"
    r"|\bl etat\b|\bsoumis\b"
)
# « un exemple ? », « par exemple ? », « comme quoi ? »: examples of the term just defined.
ASKS_EXAMPLE = re.compile(
    r"\b(?:un|des|quelques|d autres) exemples?\b|\bpar exemple\W*$|^exemples?\b|\bcomme quoi\b"
)
# The examples an entry gives: a list in brackets (« (bois, chanvre, paille...) ») or the members it names
# (« Les SIAE … sont les entreprises d'insertion, les ETTI … et les ateliers et chantiers d'insertion »).
NO_EXAMPLE = (
    "Je n'ai pas d'exemple précis dans mes sources pour cette notion, et je préfère ne pas en inventer un."
)
TOPIC_POINTER = "Le bouton ci-dessous mène au sujet qui la détaille."
REFERENCE = re.compile(r"\d|\barticles?\b|\bloi\b|\bd[ée]cret\b|\b[ée]dition\b", re.IGNORECASE)
BRACKETED_LIST = re.compile(r"\(([^()]*,[^()]*)\)")
MEMBERS = re.compile(r"\bsont (les [^.;:]*?,[^.;:]*?)(?: \(article [^)]*\))?(?=[.;:]|$)")
ASKS_WHEN = re.compile(r"\bdepuis quand\b|\ba partir de quand\b|\bquand\b|\bquelle date\b|\bdepuis quelle\b")
# « ça s'applique à quels bâtiments ? »: which things of a kind the term covers, said in its sentences
# (the first one too: « la réglementation environnementale des bâtiments neufs »).
ASKS_WHICH_ONES = re.compile(
    r"\bs appliqu\w* (?:a|aux|pour) (?:quels?|quelles?)\b|\bconcerne(?:nt)? quel(?:le)?s?\b"
    r"|\bvise(?:nt)? quel(?:le)?s?\b"
)
# « et ça sert à quoi concrètement ? » after the sourcing: the sentence that says what it is for
# (« … par exemple pour connaître des solutions plus sobres »), a verb after « pour » (not « pour l'emploi »).
ASKS_PURPOSE = re.compile(
    r"\b(?:sert|servent) a quoi\b|\ba quoi (?:ca |cela |il |elle |ils |elles )?(?:sert|servent)\b"
    r"|\bpourquoi faire\b"
)
GIVES_PURPOSE = re.compile(r"\bpour [a-z]+(?:er|ir|re)\b|\bafin de\b")
# « pourquoi ? », « pour quelle raison ? »: the reason, which an entry gives with « pour … » or « afin de »;
# said unknown for that term when its entry gives none (never the neighbouring topic's answer).
ASKS_WHY = re.compile(r"^(?:(?:et|mais|ah|bon|ok|alors) )*(?:pourquoi|pour quelle raison|dans quel but)\b")
# « c'était combien avant ? », « et auparavant ? »: the earlier value the entry gives (« (100 millions
# auparavant) »).
ASKS_BEFORE = re.compile(r"\bavant\b|\bauparavant\b|\bprecedemment\b|\banciens? (?:seuils?|taux|regles?)\b")
GIVES_BEFORE = re.compile(r"\bauparavant\b|\bavant\b|\banciens?\b|\banciennes?\b|\bjusqu")
GIVES_WHEN = re.compile(r"\{(?:since|date):|\b(?:19|20)\d\d\b")
# What kind of answer is asked (a figure, a price, a person, a way): a sentence sharing a word is no answer.
KIND_ASKED = re.compile(
    r"\b(?:pourcentages?|taux|part|proportion|minimum|maximum|seuils?|montants?|gratuit\w*|payant\w*"
    r"|cout\w*|prix|tarifs?|contact\w*|joindre|adresse|site)\b|%"
)
# A question word that asks for something the term's sentences rarely give (« quoi » asks what it does).
OTHER_WH = re.compile(r"\b(?:qui|quel|quels|quelle|quelles|combien|comment|quand|pourquoi|ou)\b")
# A pronoun or an ellipsis that refers to the term just defined (« et il fait quoi pour les réseaux ? »).
REFERS_BACK = re.compile(r"^(?:et |mais |ok |alors |du coup )?(?:il|elle|ils|elles|on|ca|c est|leur|l|y)\b")


# A personal pronoun for the body just defined as the subject (« elle a publié … ? », « ils ont … ? »).
ABOUT_IT = re.compile(r"^(?:et |mais |ok |alors |du coup )?(?:il|elle|ils|elles)\b(?! (?:y a|faut)\b)")
# A yes/no question on a rule rather than on a body: its topic answers it (« elle est obligatoire ? »).
RULE_ASKED = re.compile(r"\boblig\w*|\bappliqu\w*|\bconcern\w*|\bvis\w*|\bimpos\w*|\bsoumis\w*")
MAX_SUBJECT_WORDS = 8


def unknown_of_term(entry: Entry, today: Optional[date] = None) -> Optional[Reply]:
    """« Je ne sais pas » for a fact of the term just defined that its entry does not give, naming it."""
    subject, verb, _ = entry.text.partition(" est ")
    if not verb or len(subject.split()) > MAX_SUBJECT_WORDS:
        return None
    name = subject[:1].lower() + subject[1:] if subject[:2] in ("L'", "Le", "La", "Un", "Une") else subject
    buttons = [{"title": entry.topic_title, "payload": f"/{entry.topic}"}] if entry.topic else []
    said = f"Je ne sais pas : mes sources ne le précisent pas pour {name}."
    return Reply(compose([said], today), buttons, sources=source_links(entry.sources))


def entry_sentences(entry: Entry) -> List[str]:
    return [part.strip() for part in SENTENCE_END.split(entry.text) if part.strip()]


def defined_entry(last_answer: str, today: Optional[date] = None) -> Optional[Entry]:
    """The glossary entry the latest answer defined or quoted (its text, or one of its sentences)."""
    shown = " ".join(last_answer.split())
    if not shown:
        return None
    for entry in ENTRIES:
        whole = " ".join(compose([entry.text], today).split())
        parts = [" ".join(compose([part.lstrip("• ")], today).split()) for part in entry_sentences(entry)]
        # the definition itself, or one of its sentences sent alone (an earlier follow-up's answer)
        if shown.startswith(whole) or shown in parts:
            return entry
        unknown = unknown_of_term(entry, today)
        if unknown and shown.startswith(" ".join(unknown.text.split())):  # a fact of it said unknown
            return entry
    return None


def entry_examples(entry: Entry) -> str:
    """The examples the entry gives, as one phrase ("bois, chanvre, paille, ouate de cellulose..."), or ""."""
    # not a reference in brackets (« (n° 2021-1485 du 15 novembre 2021, article 16) »)
    if entry.text.startswith("Je n'ai pas"):
        return ""  # a term the sources do not define has no examples either
    lists = [found.strip() for found in BRACKETED_LIST.findall(entry.text) if not REFERENCE.search(found)]
    if not lists:
        lists = [found.strip() for found in MEMBERS.findall(entry.text)[:1]]
    return " ; ".join(item.rstrip(".").rstrip() for item in lists)


def listed_example(plain: str, entry: Entry) -> Optional[str]:
    """A thing the follow-up names that the entry's examples list (« le chanvre ça compte ? » after what a
    biosourced material is: "chanvre")."""
    examples = normalize(entry_examples(entry))
    words = [word for word in re.findall(r"[a-z]+", plain) if len(word) > 3]
    return next((word for word in words if re.search(rf"\b{word}\b", examples)), None)


def _best(sentences: List[str], pattern: Optional[re.Pattern], asked: frozenset) -> Optional[str]:
    """The sentence that matches ``pattern`` (if any) and shares most of the question's words."""
    scored = []
    for index, sentence in enumerate(sentences):
        plain = normalize(sentence) if pattern is not GIVES_WHEN else sentence
        if pattern is not None and not pattern.search(plain):
            continue
        shared = len(asked & stems(sentence))
        scored.append((shared, -index, sentence))
    if not scored:
        return None
    shared, _, sentence = max(scored)
    if pattern is None and shared < MIN_SHARED_WORDS:
        return None
    return sentence


def term_follow_up_reply(
    text: str, last_answer: str, named: List[str], today: Optional[date] = None
) -> Optional[Reply]:
    """The sentence of the term just defined that answers a short follow-up, or None."""
    if text.startswith("/") or len(text.split()) > MAX_FOLLOW_UP_WORDS:
        return None
    entry = defined_entry(last_answer, today)
    if entry is None:
        return None
    plain = question_form(text)
    others = [term for term in find_terms(text) if term.id != entry.id]
    if others or (named and not REFERS_BACK.search(plain)):
        # « et la MDE ? », « et le guichet vert, il est gratuit ? », « et le PNAD, c'est quoi ? »: another
        # subject, or the topic itself (« et il fait quoi pour les réseaux ? » is about the term)
        return None
    sentences = entry_sentences(entry)
    asked = stems(text)
    if asks_deadline(text):  # « on a jusqu'à quelle date pour l'adopter ? »: a time limit, not a start date
        return None
    if ASKS_EXAMPLE.search(plain):
        examples = entry_examples(entry)
        buttons = [{"title": entry.topic_title, "payload": f"/{entry.topic}"}] if entry.topic else []
        if not examples:  # never one made up
            said = f"{NO_EXAMPLE} {TOPIC_POINTER}" if buttons else NO_EXAMPLE
            return Reply(said, buttons, sources=source_links(entry.sources))
        text = compose([f"Par exemple : {examples}."], today)
        return Reply(text, buttons, sources=source_links(entry.sources))
    listed = listed_example(plain, entry)
    if listed and not OTHER_WH.search(plain):  # « le chanvre ça compte ? » after biosourcé: it is listed
        buttons = [{"title": entry.topic_title, "payload": f"/{entry.topic}"}] if entry.topic else []
        first = sentences[0].lstrip("• ")
        return Reply(
            compose([f"Oui : {first[:1].lower()}{first[1:]}"], today),
            buttons,
            sources=source_links(entry.sources),
        )
    why = bool(ASKS_WHY.search(plain))
    if ASKS_BUILDINGS.search(plain) and any(GIVES_BUILDINGS.search(normalize(s)) for s in sentences):
        found = _best(sentences, GIVES_BUILDINGS, asked)  # « et pour la rénovation ? » after the RE2020
    elif ASKS_SINCE.search(plain) and any(GIVES_START.search(normalize(s)) for s in sentences):
        found = _best(sentences, GIVES_START, asked)  # « depuis quand ? »: when it applies, not the decree
    elif ASKS_BEFORE.search(plain):
        found = _best(sentences, GIVES_BEFORE, asked)
    elif ASKS_PURPOSE.search(plain) or why:
        found = _best(sentences, GIVES_PURPOSE, asked)
    elif ASKS_WHEN.search(plain):
        found = _best(sentences, GIVES_WHEN, asked)
    elif ASKS_WHICH_ONES.search(plain):
        found = _best(sentences, None, asked)
    elif ASKS_CONCERNED.search(plain):
        found = _best(sentences, GIVES_CONCERNED, asked)
    elif not (OTHER_WH.search(plain) or KIND_ASKED.search(plain)):
        # a yes/no question on the term (« et on peut leur réserver un marché ? »): the sentence that holds
        # its words; the first one, what the term is, was just read
        found = _best(sentences[1:], None, asked)
    else:  # « il faut un pourcentage minimum ? », « qui les finance ? »: not said in the entry, maybe
        return None  # in the term's topic
    if found is None and (why or ABOUT_IT.search(plain)) and not (RULE_ASKED.search(plain) and not why):
        # « elle a publié un guide ? », « elle existe depuis quand ? » after the AVE: a fact of that body
        # the entry does not give, said unknown, not the neighbouring topic's answer (the facilitators)
        return unknown_of_term(entry, today)
    if found is None:
        return None
    buttons = [{"title": entry.topic_title, "payload": f"/{entry.topic}"}] if entry.topic else []
    return Reply(compose([found.lstrip("• ")], today), buttons, sources=source_links(entry.sources))


def citing_entry(knowledge: KnowledgeBase, article: str) -> Optional[Entry]:
    """The glossary entry citing ``article`` when no topic text cites it (« L. 3-1 »), else None."""
    for topic in knowledge.topics.values():
        text = "\n".join(
            part or "" for part in (topic.definition, topic.answer, topic.next_step, topic.details)
        )
        if article in cited_articles(text) + ranges(text):
            return None
    return next((entry for entry in ENTRIES if article in cited_articles(entry.text)), None)


def article_entry_reply(knowledge: KnowledgeBase, articles: List[str]) -> Optional[Reply]:
    entry = citing_entry(knowledge, articles[0]) if articles else None
    return definition_reply(entry) if entry else None
