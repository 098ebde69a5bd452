"""Small rules that read a message in the light of the conversation and of who asks.

Pure functions used by ``actions.routing``:

- ``refined_question``: a short question that DIET reads as a neighbouring topic is about the topic just
  answered when it only narrows it ("et il existe un label ?" after biosourced materials is the
  biosourced building label, not the écolabels);
- ``narrower_of_pair``: DIET unsure between a topic and its sub-topic (AGEC and its declaration) means
  the sub-topic;
- ``helper_question``: "qui peut nous accompagner sur nos achats durables ?" read as the facilitator
  intent, with no word of the social clauses, asks who supports buyers;
- ``with_focus``: a regional answer that also gives what was asked ("comment on le saisit ?");
- ``closer_to_previous``: a short question read as another topic, whose words the topic just answered
  holds better, stays on that topic; ``unrelated``: no word the knowledge holds, out of scope;
- ``audience_sentence`` / ``lead_with``: the sentence that fits who asks, put first (a State buyer asks
  its internal referents before the guichet vert; the guichet vert serves buyers subject to the public
  procurement code, not private companies).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from actions import glossary
from actions.focus import inner_lead, lead_sentence, stems
from actions.followup import MAYBE_STATE_BUYERS, STATE_BUYERS, topic_texts
from actions.knowledge import KnowledgeBase
from actions.render import PRIVATE_BUYER_TYPES, Reply
from actions.reply import MAX_ANSWER_WORDS, word_count
from actions.understanding import (
    asks_what_it_is,
    aspects,
    is_elliptical,
    named_topics,
    question_form,
    refers_back,
)
from textnorm import normalize

# (topic just answered, topic DIET read) -> the narrower topic of the one just answered.
REFINEMENTS: Dict[Tuple[str, str], str] = {
    ("ask_biosourced", "ask_ecolabels"): "ask_biosourced_label",
    # "et le label, il a combien de niveaux ?" after the biosourced materials, read as the label: the label
    ("ask_biosourced", "ask_biosourced_label"): "ask_biosourced_label",
}
ECOLABEL_WORDS = re.compile(r"\beco ?labels?\b|\bnf environnement\b")
MAX_REFINED_WORDS = 8
SOCIAL_CUE = re.compile(
    r"\b(?:clauses?|insertion|sociale?s?|facilitat\w*|handicap\w*|esat|siae|reserv\w*|emploi|inclusi\w*)\b"
)
BUYER_WORDS = re.compile(
    r"\bbailleurs? sociaux\b|\bbailleurs? social\b|\bcentres? communa\w* d action sociale\b"
)
# The private support of knowledge/topics.yml (ask_private_support), named where a public service is not
# for the buyer.
PRIVATE_HELPERS = (
    "Conseillers-Entreprises, « Les entreprises s'engagent », votre CCI et le Conseil national des achats "
    "accompagnent les acheteurs privés."
)
PRIVATE_GUICHET = (
    "Le guichet vert s'adresse aux acheteurs soumis au code de la commande publique : si vos achats n'en "
    f"relèvent pas, {PRIVATE_HELPERS}"
)
PRIVATE_RAPIDD = (
    "RAPIDD se présente comme le réseau des acheteurs publics : si vos achats ne relèvent pas du code de la "
    f"commande publique, {PRIVATE_HELPERS}"
)
# knowledge/topics.yml ask_networks_overview: the regional networks accompany public buyers.
PRIVATE_NETWORKS = (
    "Les réseaux régionaux d'achats durables accompagnent les acheteurs publics : si vos achats ne relèvent "
    f"pas du code de la commande publique, {PRIVATE_HELPERS}"
)
# knowledge/agec.yml who_is_bound: the yearly declaration is the article 58 buyers' own.
PRIVATE_DECLARATION = (
    "Non : la déclaration annuelle de l'article 58 de la loi AGEC concerne l'État, les collectivités "
    "territoriales et leurs groupements, pas les acheteurs privés."
)
PRIVATE_SUPPORT_BUTTON = {"title": "Aides aux acheteurs privés", "payload": "/ask_private_support"}


# A topic and its narrower sub-topic: DIET hesitating between the two is no real ambiguity.
NARROWER = {
    frozenset({"ask_agec", "ask_agec_declaration"}): "ask_agec_declaration",
    frozenset({"ask_biosourced", "ask_biosourced_label"}): "ask_biosourced_label",
}
MIN_PAIR_CONFIDENCE = 0.6


def narrower_of_pair(ranking: List[Dict[str, Any]]) -> Optional[str]:
    """The narrower topic when DIET's two best guesses are a topic and its sub-topic, together likely."""
    best = [item for item in ranking if item.get("name") != "nlu_fallback"][:2]
    if len(best) < 2:
        return None
    narrower = NARROWER.get(frozenset(str(item.get("name")) for item in best))
    total = sum(float(item.get("confidence") or 0.0) for item in best)
    return narrower if narrower and total >= MIN_PAIR_CONFIDENCE else None


def named_narrower(question: Optional[str], named: List[str]) -> Optional[str]:
    """The sub-topic the message names when DIET read its broader topic (« on vise le label bâtiment
    biosourcé, quel texte s'applique ? » read as the biosourced materials: the label)."""
    if len(named) != 1 or not question:
        return None
    return named[0] if NARROWER.get(frozenset({question, named[0]})) == named[0] != question else None


# The words that name a narrower topic of REFINEMENTS ("le label", "ses niveaux").
NARROWER_WORDS = {"ask_biosourced_label": re.compile(r"\blabel\w*|\bniveaux?\b")}


def refined_question(
    previous: Optional[str], intent: str, text: str, previous_answers: bool = False
) -> Optional[str]:
    """The narrower topic of ``previous`` that a short message read as ``intent`` asks about, if any.
    ``previous_answers``: a sentence of the topic just answered answers the message; then the message is
    kept on it unless it names the narrower topic ("ça concerne quels bâtiments ?" after the 2030
    obligation is asked of the obligation, not of the label)."""
    narrower = REFINEMENTS.get((previous or "", intent))
    plain = normalize(text)
    named = NARROWER_WORDS.get(narrower or "")
    if narrower and previous_answers and named and not named.search(plain):
        return None
    if narrower and len(re.findall(r"\w+", plain)) <= MAX_REFINED_WORDS and not ECOLABEL_WORDS.search(plain):
        return narrower
    return None


DECLARE = re.compile(r"\bdeclar\w*")
MAX_DECLARATION_FOLLOW_UP_WORDS = 10


def declaration_question(previous: Optional[str], text: str) -> Optional[str]:
    """``ask_agec_declaration`` for a short question on declaring, just after an AGEC answer
    ("et on le déclare comment ?")."""
    plain = normalize(text)
    if (
        previous == "ask_agec"
        and DECLARE.search(plain)
        and len(plain.split()) <= MAX_DECLARATION_FOLLOW_UP_WORDS
    ):
        return "ask_agec_declaration"
    return None


def helper_question(intent: str, text: str, asks_help: bool) -> Optional[str]:
    """``ask_private_support`` (who supports buyers) for a facilitator guess with no social-clause word."""
    plain = BUYER_WORDS.sub(" ", normalize(text))  # "bailleur social" is who asks, not the topic
    if intent == "ask_facilitator" and asks_help and not SOCIAL_CUE.search(plain):
        return "ask_private_support"
    return None


def audience_sentence(question: str, buyer_type: Optional[str]) -> Optional[str]:
    """What a buyer of this type must know first about this topic, if anything."""
    if question == "ask_guichet_vert":
        if buyer_type == "etat":
            return STATE_BUYERS
        if buyer_type == "etablissement_public":  # a lycée or a CCAS is no State body: said as a condition
            return MAYBE_STATE_BUYERS
        if buyer_type in PRIVATE_BUYER_TYPES:
            return PRIVATE_GUICHET
    if question == "ask_rapidd" and buyer_type in PRIVATE_BUYER_TYPES:
        return PRIVATE_RAPIDD
    if question in ("ask_network", "ask_networks_overview") and buyer_type in PRIVATE_BUYER_TYPES:
        return PRIVATE_NETWORKS
    if question == "ask_agec_declaration" and buyer_type in PRIVATE_BUYER_TYPES:
        return PRIVATE_DECLARATION
    return None


def lead_with(reply: Reply, sentence: str, buyer_type: Optional[str]) -> Reply:
    """The reply with ``sentence`` first; its first line only when the whole would be too long. For a
    private buyer, the sentence alone: it says the public service is not theirs and who helps them."""
    if buyer_type not in PRIVATE_BUYER_TYPES and sentence in reply.text:
        return reply  # already said (the answer's focused lead): never twice
    text = f"{sentence}\n{reply.text}"
    if buyer_type in PRIVATE_BUYER_TYPES:
        text = sentence
    elif word_count(reply.text) > MAX_ANSWER_WORDS:  # the reply's lines that fit its own budget, in order
        kept: List[str] = []
        for number, line in enumerate(reply.text.splitlines()):
            if number == 0 or word_count("\n".join([*kept, line])) <= MAX_ANSWER_WORDS:
                kept.append(line)
        text = "\n".join([sentence, *kept])
    buttons = list(reply.buttons)
    if buyer_type in PRIVATE_BUYER_TYPES and PRIVATE_SUPPORT_BUTTON not in buttons:
        buttons = [PRIVATE_SUPPORT_BUTTON] + buttons
    return replace(reply, text=text, buttons=buttons)


def with_focus(reply: Reply, focus: str) -> Reply:
    """A territorial reply whose first line (the regional desk) is followed by the sentences that answer
    the aspect asked (cost, contact...), instead of the general description, within the word budget."""
    lines = reply.text.splitlines()
    missing = [line for line in focus.splitlines() if line.strip() and line not in reply.text]
    if not lines or not missing:
        return reply
    kept = [lines[0]]
    for line in missing:  # in order, as long as the first message stays short
        if word_count("\n".join([*kept, line])) <= MAX_ANSWER_WORDS:
            kept.append(line)
    return replace(reply, text="\n".join(kept)) if len(kept) > 1 else reply


# --- which topic a short question is about: the one just answered, or the one DIET read --------------------


@dataclass(frozen=True)
class Vocabulary:
    """The stems of each topic's texts, how rare each stem is among topics, and every stem the knowledge
    holds (topics, networks, AGEC categories, facilitators, guides, glossary)."""

    per_topic: Dict[str, FrozenSet[str]]
    rarity: Dict[str, float]
    known: FrozenSet[str]


_VOCABULARIES: Dict[int, Vocabulary] = {}


def vocabulary(knowledge: KnowledgeBase) -> Vocabulary:
    """Built once per knowledge base (the action server loads one)."""
    cached = _VOCABULARIES.get(id(knowledge))
    if cached:
        return cached
    per_topic = {
        topic_id: stems("\n".join([topic.title, *topic_texts(topic)]))
        for topic_id, topic in knowledge.topics.items()
    }
    if "ask_network" in per_topic and "ask_networks_overview" in per_topic:
        per_topic["ask_network"] = per_topic["ask_network"] | per_topic["ask_networks_overview"]
    count = len(per_topic)
    frequency: Dict[str, int] = {}
    for words in per_topic.values():
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    rarity = {word: math.log((1 + count) / seen) for word, seen in frequency.items()}
    everything = knowledge.json(exclude={"geo_aliases"}) + "\n".join(entry.text for entry in glossary.ENTRIES)
    built = Vocabulary(per_topic, rarity, stems(everything) | frozenset(per_topic_words(per_topic)))
    _VOCABULARIES[id(knowledge)] = built
    return built


def per_topic_words(per_topic: Dict[str, FrozenSet[str]]) -> FrozenSet[str]:
    return frozenset(word for words in per_topic.values() for word in words)


def coverage(words: FrozenSet[str], topic: str, vocab: Vocabulary) -> float:
    """How much of a message's words a topic's texts hold, rare words counting most."""
    held = vocab.per_topic.get(topic, frozenset())
    return sum(vocab.rarity.get(word, 0.0) for word in words & held)


MAX_CLOSER_WORDS = 10


def closer_to_previous(
    previous: Optional[str], intent: str, text: str, vocab: Vocabulary, has_entity: bool
) -> bool:
    """A short question that names no topic, read by DIET as another topic, whose words the topic just
    answered holds better ("il faut un pourcentage minimum de travailleurs handicapés ?" after the reserved
    contracts, read as the Agefiph; "même pour les marchés de défense ?" after the climate law), or as
    well when it refers back with a pronoun ("ils ont un label ?" after the CNA)."""
    if (
        not previous
        or previous == intent
        or not intent.startswith("ask_")
        or previous not in vocab.per_topic
        or has_entity
        or (previous, intent) in REFINEMENTS
        or len(normalize(text).split()) > MAX_CLOSER_WORDS
        or asks_what_it_is(text)
        or named_topics(text)
    ):
        return False
    words = stems(text)
    before, read = coverage(words, previous, vocab), coverage(words, intent, vocab)
    if before <= 0:
        return False
    return before > read or (before == read and (refers_back(text) or is_elliptical(text)))


def held_best_by(topic: Optional[str], text: str, vocab: Vocabulary) -> bool:
    """A short message whose words the topic just answered holds better than any other topic does ("il y a
    des clubs dans chaque département ?" after « Les entreprises s'engagent »): a follow-up, even when
    the NLU could not tell its intent."""
    if not topic or topic not in vocab.per_topic or len(normalize(text).split()) > MAX_CLOSER_WORDS:
        return False
    words = stems(text)
    held = coverage(words, topic, vocab)
    return held > 0 and all(
        coverage(words, other, vocab) < held for other in vocab.per_topic if other != topic
    )


MAX_ANSWERED_WORDS = 16
# A narrower topic and the broader one whose details hold what it does not.
BROADER = {"ask_biosourced_label": "ask_biosourced"}


def broader_answers(knowledge: KnowledgeBase, question: Optional[str], text: str) -> Optional[str]:
    """The broader topic, when a follow-up on a narrower one asks what only the broader one's details say
    ("et l'obligation de 2030 ?" after the biosourced building label: the 25 % of biosourced materials)."""
    broader = BROADER.get(question or "")
    narrow, wide = knowledge.topics.get(question or ""), knowledge.topics.get(broader or "")
    if not (narrow and wide) or lead_sentence(text, narrow.answer, narrow.details or "") is not None:
        return None
    narrow_text = "\n".join(topic_texts(narrow))
    years = [year for year in re.findall(r"\b(?:19|20)\d\d\b", normalize(text)) if year not in narrow_text]
    if inner_lead(text, narrow.answer) is not None and not years:
        # "et pour la rénovation ?" after the label: « il concerne les bâtiments neufs »; but "et pour 2030,
        # il y a une obligation ?" asks of a year only the broader topic gives
        return None
    new = stems(text) - stems("\n".join([narrow.title, *topic_texts(narrow)]))
    if not new & stems("\n".join(topic_texts(wide))):
        return None  # "il concerne les bâtiments neufs ?": the narrower topic holds its words
    return broader if lead_sentence(text, wide.answer, wide.details or "") is not None else None


def answered_by_topic(
    knowledge: KnowledgeBase, topic_id: Optional[str], text: str, structures: Sequence[str] = ()
) -> bool:
    """A short message that one sentence of the details of the topic just answered answers ("et pour le
    handicap, d'autres annuaires ?" after the Marché de l'inclusion), or of the entries of the regional
    structures just given (``structures``: "même si on n'est pas adhérents ?" after the ARNia): a
    follow-up, even when the NLU could not tell its intent."""
    topic = knowledge.topics.get(topic_id or "")
    if topic is None or not text or len(normalize(text).split()) > MAX_ANSWERED_WORDS:
        return False
    if lead_sentence(text, topic.answer, topic.details or "") is not None:
        return True
    general = stems("\n".join([topic.title, *topic_texts(topic)]))
    if any(stems(text) & stems(facts) - general for facts in structures):
        return True  # a word that only the structure's entry holds ("adhérents" of the ARNia)
    words = f" {' '.join(re.findall(r'[a-z0-9]+', normalize(text)))} "
    return any(
        f" {' '.join(re.findall(r'[a-z0-9]+', normalize(keyword)))} " in words
        for example in topic.examples
        for keyword in example.keywords
    )


MIN_UNKNOWN_WORDS = 2


def unrelated(text: str, vocab: Vocabulary, has_entity: bool) -> bool:
    """A message with no word of the domain, no aspect asked and mostly words the knowledge never uses
    (at least two: "il fait beau chez vous ?", "tu peux me raconter une blague ?"): out of scope,
    whatever topic DIET guessed. One unknown word may be a typo or a product ("et pour les assmat ?")."""
    if has_entity or aspects(text) or DOMAIN_CUE.search(normalize(text)):
        return False
    words = stems(text)
    unknown = words - vocab.known
    return len(unknown) >= MIN_UNKNOWN_WORDS and 2 * len(unknown) >= len(words)


# "même en dessous de 40k ?", "et au-dessus de 90 000 € ?": a sum or a comparison, no out-of-domain word
AMOUNT_WORD = re.compile(r"^\d[\d.,]*(?:k|ke|keur|m|me|meur|euros?|millions?|milliards?)?$")
COMPARISON_STEMS = frozenset(stems("dessous dessus inferieur superieur moins plus"))
# A message that only continues the last one: "et …", "même …", "mais …", "ça …", "c'est …", "pour …"
CONTINUATION_START = re.compile(r"^(?:et|meme|mais|aussi|sinon|ca|cela|c est|pour|y compris)\b")
MAX_CONTINUATION_WORDS = 8


def continues_topic(text: str, vocab: Vocabulary) -> bool:
    """A short follow-up of the topic just answered, none of whose words is foreign to the knowledge
    (save a sum or a comparison): « à quel taux ? », « même en dessous de 40k ? », « et le recyclé ? ».
    Such a message is never out of scope after an answer in scope; « et la météo demain ? » is."""
    plain = question_form(text).strip(" ?!.")
    if not plain or len(plain.split()) > MAX_CONTINUATION_WORDS:
        return False
    foreign = {
        word
        for word in stems(text) - vocab.known
        if not AMOUNT_WORD.match(word) and word not in COMPARISON_STEMS
    }
    if foreign:
        return False
    return is_elliptical(text) or refers_back(text) or bool(CONTINUATION_START.match(plain))


DOMAIN_CUE = re.compile(
    r"\b(?:achats?|achet\w*|marches?|commande|durables?|responsables?|clauses?|fournisseu\w*|insertion"
    r"|environnement\w*|ecolog\w*|recycl\w*|reemploi|dechets?|prestataires?|label\w*|reseau\w*|guichet"
    # what buyers buy and who they are: "je dois remplacer les ampoules de l'éclairage public"
    r"|rempla\w*|renouvel\w*|equip\w*|parcs?|fournitures?|contrats?|bail|locations?|produits?|materiels?"
    r"|vehicules?|uniformes?|travaux|chantiers?|batiments?|consultations?|cahiers? des charges|lots?"
    r"|mairies?|municipa\w*|communes?|collectivit\w*|hopita\w*|ecoles?|lycees?|agents?"
    r"|services? techniques?|eclairage|entretien|nettoyage|restauration|cantines?|informatique"
    # what a buyer risks who does not comply: "et si on ne respecte pas, quelle amende ?"
    r"|sanction\w*|amendes?|penalites?)\b"
)


INCLUSIVE_SUPPLIERS = (
    r"(?:esat|siae|ea|entreprises? adaptees?|structures? (?:d )?insertion|structures? inclusives?"
    r"|prestataires?|fournisseurs?|entreprises? d insertion)"
)
FINDS_SUPPLIERS = re.compile(
    r"\b(?:trouver|sourcer|identifier|reperer|chercher|recenser|annuaire|liste|plateforme|repertoire)\b"
    rf".{{0,30}}\b{INCLUSIVE_SUPPLIERS}\b"
    rf"|\b{INCLUSIVE_SUPPLIERS}\b.{{0,60}}\b(?:annuaire|plateforme|repertoire|liste)\b"
    # « et les structures d'insertion du coin, on les trouve où ? »: the suppliers named, then found
    rf"|\b{INCLUSIVE_SUPPLIERS}\b.{{0,40}}\b(?:on|nous|je|j) (?:les|en)"
    r" (?:trouv|denich|sourc|reper|identifi)\w*"
)
SUPPLIER_TOPICS = ("ask_reserved_contracts", "ask_social_clause", "ask_facilitator")
# "comment on en trouve près de chez nous ?" after the reserved contracts: « en » stands for the
# structures just named (ESAT, SIAE), to be found.
# "comment on en trouve ?" (en: some of them), not the gerund "en identifiant d'abord les besoins"
FINDS_SOME = re.compile(
    r"\ben (?:trouv|denich|sourc|reper|identifi)(?:er|e|es|ons|ez|ent|erai|era|erions|erait)\b"
)


def supplier_search_question(intent: str, text: str) -> Optional[str]:
    """``ask_marche_inclusion`` for a question on where to find inclusive suppliers that DIET read as the
    reserved contracts or the social clauses ("où trouver des ESAT pour un marché réservé ?")."""
    plain = normalize(text)
    if intent in SUPPLIER_TOPICS and (FINDS_SUPPLIERS.search(plain) or FINDS_SOME.search(plain)):
        return "ask_marche_inclusion"
    return None


# « pourquoi ? », « et pourquoi ça ? », « ah bon, pour quelle raison ? », « pourquoi il a été créé ? »: a
# why asked of the thing just answered, with no subject of its own (at most a pronoun and a verb).
BARE_WHY = re.compile(
    r"^(?:(?:et|mais|ah|ah bon|bon|ok|alors|du coup|euh|hmm|d accord) )*"
    r"(?:pourquoi|pour quelle raison|pour quelles raisons|dans quel but|c est pour quoi)"
    r"(?: (?:ca|cela|donc|alors|ce seuil|cette obligation|cette regle|il|elle|ils|elles|on|c est|ce|a|ete"
    r"|cree|creee|crees|mis|mise|en|place|faut|doit|est|sont|y|le|la|les|l|faire|obligatoire|comme ca))*"
    r"$"
)


def asks_bare_why(text: str) -> bool:
    """A why question with no subject of its own: about the thing just answered."""
    plain = " ".join(re.sub(r"[^a-z0-9 ]", " ", question_form(text)).split())
    return bool(BARE_WHY.match(plain))
