"""When DIET is unsure, the best matching training example or knowledge passage decides (BM25 on lemmas).

DIET reads a whole message; when a buyer writes a long message with context first, or uses words of the
knowledge base that the training examples do not have ("heures d'insertion", "ESAT", "inter-réseaux"),
its confidence spreads over several intents and the assistant asks to rephrase. This component, placed
after DIET, ranks the question intents by lexical evidence instead: BM25 (``bm25s``) over the spaCy
lemmas of

- every training example of the question intents and of ``out_of_scope``;
- every sentence of the knowledge base: the answer and examples of each topic (``knowledge/topics.yml``,
  id = intent), the AGEC categories and their keywords (``ask_agec``), the regional networks
  (``ask_network``).

An intent scores the best score of its passages. Only when DIET is unsure (top confidence under the
fallback threshold, or two intents too close) and the match is clear, the intent is answered instead of
asking to rephrase: either retrieval's best intent is DIET's best one (two independent readings agree),
or it scores well above the next intent and is among DIET's three best. It then gets a confidence just
above the fallback threshold; otherwise DIET's result stands and Rasa's FallbackClassifier asks to
rephrase. The three best intents are added to the NLU output (``retrieval``) for every unsure message,
for the suggestions of the clarification. Measured on the in-house test set and on hand-written hard
messages (docs/benchmarks.md): agreement fixes a few fallbacks and breaks none; retrieval alone, as a
classifier, is not better than DIET, so it never overrides a confident DIET.
Referenced in config.yml as ``nlu_components.retrieval.KnowledgeRetriever``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import bm25s
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
    TEXT_TOKENS,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.lang.fr.stop_words import STOP_WORDS

from actions.glossary import find_terms, is_bare_term
from nlu_components.base import UnchangedTrainingData, read_json, write_json
from textnorm import looks_english, normalize
from topic_names import NAMED_TOPIC_PATTERNS

logger = logging.getLogger(__name__)

CORPUS_FILE = "retrieval_corpus.json"
RETRIEVAL = "retrieval"
ROOT = Path(__file__).resolve().parent.parent
# Words that say nothing of the topic (after normalisation), on top of spaCy's French stop words.
EXTRA_STOP_WORDS = frozenset(
    """
    bonjour merci svp stp question savoir voudrais voudrait aimerais aimerait pouvoir faire quoi comment
    etre avoir aller dire chose truc bien tres plus ca cela ceci cest etc oui non ok alors donc
    """.split()
)

STOP = frozenset(normalize(word) for word in STOP_WORDS) | EXTRA_STOP_WORDS
WORD = re.compile(r"[a-z0-9]+")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
# DIET sometimes reads a message that names a service, a law or a plan as out of scope ("combien de
# personnes au guichet vert ?"): the named topic (topic_names.py) wins.


# What happens to a buyer who does not comply ("et si on ne le fait pas, quelle amende ?"): a question on
# the obligation just answered, never out of scope.
CONSEQUENCE = re.compile(r"\b(?:sanctions?|sanctionne\w*|amendes?|penalites?)\b")
# A bare question on when, how much or where, with no subject of its own ("à partir de quelle année ?",
# "depuis quand exactement ?"): DIET may read it as out of scope; it asks about the topic just answered.
BARE_ASPECT = re.compile(
    r"^(?:et |mais |ok |donc |alors |du coup )*(?:(?:a partir|depuis|jusqu) (?:de |d )?(?:quand|quelle"
    r" (?:annee|date)|quel mois)|(?:en|pour) quelle (?:annee|date)|quelle (?:annee|date)"
    r"|c est (?:pour )?quand"
    r"|ca (?:commence|s applique|demarre) quand|combien de temps|dans quel delai)"
    r"(?: (?:exactement|precisement|deja|alors|du coup|ca|cela))*$"
)
# Words that close a conversation: DIET's « goodbye » for a message without any of them ("revenons à
# RESECO, il a un site ?", "euh bon") is a misreading; the assistant then decides from the conversation.
FAREWELL = re.compile(
    r"\b(?:au ?revoir|a plus(?: tard)?(?=\W*$)"
    r"|a (?:bientot|demain|ce soir|la prochaine|la revoyure|la semaine|une (?:autre|prochaine)|tout a l heure"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"|bye|ciao|tchao|salut|adieu"
    r"|bonne (?:journee|soiree|nuit|fin|continuation|semaine|apres midi|week end)|bon (?:week end|we|weekend"
    r"|dimanche|apres midi|courage)|(?:je|on) (?:vous |te )?(?:laisse|quitte|ferme|termine|file|sauve"
    r"|deconnecte|m en vais|me sauve|me deconnecte|vais (?:me deconnecter|m arreter|y aller))"
    r"|deconnexion|fin de (?:la )?(?:conversation|discussion)|(?:on )?(?:s arrete|en reste|se reparle)"
    r"|j ai (?:fini|termine)|c est tout)\b|a\+|@\+"
)
GOODBYE = "goodbye"


def misread_goodbye(ranking: Sequence[Dict[str, Any]], text: str) -> bool:
    """DIET reads a goodbye in a message that says no word of farewell."""
    if not ranking or ranking[0].get(INTENT_NAME_KEY) != GOODBYE:
        return False
    return not (FAREWELL.search(normalize(text)) or FAREWELL.search(text.lower()))


def named_topic(text: str) -> Optional[str]:
    """The one topic a message names, or None (none, or several)."""
    plain = normalize(text)
    found = {intent for pattern, intent in NAMED_TOPIC_PATTERNS if pattern.search(plain)}
    found -= {"ask_agec"} if "ask_agec_declaration" in found else set()
    found -= {"ask_biosourced"} if "ask_biosourced_label" in found else set()
    return found.pop() if len(found) == 1 else None


REPLY_INTENTS = frozenset({"affirm", "deny"})
# Topics DIET may put first though the message does not name them, while it names another among the next
# guesses ("le PNAD sert à faciliter quelle loi ?" is not about the facilitators).
MIN_NAMED_CONFIDENCE = 0.1
NAMED_CANDIDATES = 3
MAX_UNNAMED_CONFIDENCE = 0.7  # a surer first guess stands
# A first guess that may rightly answer a message naming the other topic: the narrower question (the
# declaration, the label) or who helps with it (the facilitator for a social clause or a reserved contract).
RELATED_FIRST = frozenset(
    {
        ("ask_agec_declaration", "ask_agec"),
        ("ask_biosourced_label", "ask_biosourced"),
        ("ask_facilitator", "ask_social_clause"),
        ("ask_facilitator", "ask_reserved_contracts"),
        ("ask_facilitator", "ask_marche_inclusion"),
        ("ask_marche_inclusion", "ask_reserved_contracts"),
        ("ask_guichet_vert", "ask_network"),
        ("ask_network", "ask_guichet_vert"),
    }
)


# Services and bodies a buyer asks about by their name; DIET may guess one from a place name it cannot read
# ("acheteur public en Midi-Pyrénées, qui contacter ?" read as Conseillers-Entreprises).
# Only companies' services: a public buyer who names a place and none of them asks about its own place.
NAMED_STRUCTURES = frozenset(
    "ask_conseillers_entreprises ask_cci ask_cna ask_agefiph ask_entreprises_engagent".split()
)
LOCATION = "location"
PUBLIC_BUYER = re.compile(
    r"\b(?:acheteu\w*|achats?) publi\w*|\bcollectivites?\b|\bmairies?\b|\bcommunes?\b|\bepci\b"
    r"|\bintercommunalite\b|\bchu\b|\bhopital\b|\bconseil (?:departemental|regional)\b"
)
PRIVATE_BUYER = re.compile(r"\b(?:entreprises?|pme|tpe|eti|societes?|prive\w*|associations?)\b")


def place_driven(ranking: Sequence[Dict[str, Any]], text: str, entities: Sequence[Dict[str, Any]]) -> bool:
    """DIET's unsure first guess is a companies' service the message does not name, in a public buyer's
    message that names a place: the place's words, not the question, made the guess (the place decides
    the answer instead)."""
    if not ranking or not any(entity.get(ENTITY_ATTRIBUTE_TYPE) == LOCATION for entity in entities):
        return False
    plain = normalize(text)
    if not PUBLIC_BUYER.search(plain) or PRIVATE_BUYER.search(plain):
        return False
    first = ranking[0].get(INTENT_NAME_KEY)
    if first not in NAMED_STRUCTURES or float(ranking[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= (
        MAX_UNNAMED_CONFIDENCE
    ):
        return False
    return not any(pattern.search(plain) for pattern, intent in NAMED_TOPIC_PATTERNS if intent == first)


def misread_reply(ranking: Sequence[Dict[str, Any]], text: str) -> bool:
    """DIET reads a yes or a no in a question that names a topic ("c'était pas 100 M€ avant pour le
    SPASER ?")."""
    return bool(ranking) and ranking[0].get(INTENT_NAME_KEY) in REPLY_INTENTS and "?" in text


def unnamed_topic(ranking: Sequence[Dict[str, Any]], named: str) -> bool:
    """DIET's first guess is a topic that has names the message does not use, and the topic the message
    names is among its next guesses."""
    if not ranking:
        return False
    first = ranking[0].get(INTENT_NAME_KEY)
    if first == named or first not in {intent for _, intent in NAMED_TOPIC_PATTERNS}:
        return False
    if (first, named) in RELATED_FIRST or float(ranking[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= (
        MAX_UNNAMED_CONFIDENCE
    ):
        return False
    return any(
        item.get(INTENT_NAME_KEY) == named
        and float(item.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= MIN_NAMED_CONFIDENCE
        for item in ranking[1:NAMED_CANDIDATES]
    )


# A greeting that carries a question ("Bonjour, mon DGS pense qu'on n'est pas obligés de mettre un critère
# environnemental, il a raison ?"): DIET may read the greeting; this many topic words make it a question.
GREETING = "greet"
MIN_QUESTION_TERMS = 4
MIN_NEXT_CONFIDENCE = 0.1  # ... and DIET's next reading is a question or a detail at least this sure
ACKNOWLEDGEMENTS = frozenset({"affirm", "deny"})


def acknowledged_term(ranking: Sequence[Dict[str, Any]], text: str) -> bool:
    """« ok et la DAE ? », « d'accord, et le SPASER ? » read as an acknowledgement: a glossary term given
    alone after a few acknowledgement words asks what that term is."""
    if not ranking or ranking[0].get(INTENT_NAME_KEY) not in ACKNOWLEDGEMENTS or not text:
        return False
    return any(is_bare_term(text, entry) for entry in find_terms(text))


SMALL_TALK = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "out_of_scope"})


def english_beyond_greeting(ranking: Sequence[Dict[str, Any]], text: str) -> bool:
    """DIET reads a greeting in an English message that says more than hello: the question it carries is
    not understood, and the clarification says so in French."""
    return (
        bool(ranking)
        and ranking[0].get(INTENT_NAME_KEY) == GREETING
        and looks_english(text)
        and len(normalize(text).split()) > 2
    )


def question_behind_greeting(ranking: Sequence[Dict[str, Any]], question_terms: int) -> bool:
    """DIET reads a greeting, yet the message carries a question or a detail after it."""
    if not ranking or ranking[0].get(INTENT_NAME_KEY) != GREETING or question_terms < MIN_QUESTION_TERMS:
        return False
    following = [item for item in ranking[1:] if item.get(INTENT_NAME_KEY) != "nlu_fallback"]
    return bool(following) and (
        following[0].get(INTENT_NAME_KEY) not in SMALL_TALK
        and float(following[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= MIN_NEXT_CONFIDENCE
    )


# Topic ids of the knowledge base answered through another intent.
TOPIC_INTENT = {"ask_networks_overview": "ask_network"}


def terms(lemmas: Iterable[str]) -> List[str]:
    """Retrieval terms of lemmas: normalised, without stop words, single letters or lone digits."""
    found: List[str] = []
    for lemma in lemmas:
        for word in WORD.findall(normalize(lemma)):
            if word in STOP or (len(word) < 2) or (word.isdigit() and len(word) < 2):
                continue
            found.append(word)
    return found


def message_lemmas(message: Message) -> List[str]:
    tokens = message.get(TEXT_TOKENS) or []
    return [getattr(token, "lemma", None) or token.text for token in tokens]


def knowledge_passages(directory: Path) -> List[Tuple[str, str]]:
    """(intent, sentence) for the sentences of the knowledge base that answer an intent."""
    passages: List[Tuple[str, str]] = []

    def add(intent: str, text: Optional[str]) -> None:
        for sentence in SENTENCE_END.split(text or ""):
            if len(sentence.split()) >= 2:
                passages.append((intent, sentence.strip(" •")))

    topics = yaml.safe_load((directory / "topics.yml").read_text(encoding="utf-8"))["topics"]
    guides = yaml.safe_load((directory / "guides.yml").read_text(encoding="utf-8"))["guides"]
    # One passage per guide: its title and publisher, without the punctuation that splits sentences.
    guide_names = {
        guide["id"]: re.sub(r"[.!?;:\n]", " ", f"guide {guide['title']} {guide['publisher']}")
        for guide in guides
    }
    for topic in topics:
        intent = TOPIC_INTENT.get(topic["id"], topic["id"])
        add(intent, topic.get("title"))
        add(intent, topic.get("answer"))
        for guide_id in topic.get("see_also") or []:  # "le guide de l'ADEME sur …"
            add(intent, guide_names[guide_id])
        for example in topic.get("examples") or []:
            add(intent, example.get("text"))
    agec = yaml.safe_load((directory / "agec.yml").read_text(encoding="utf-8"))
    for field in ("law", "who_is_bound", "exemptions"):
        add("ask_agec", f"loi AGEC {agec.get(field, '')}")
    for category in agec.get("categories") or []:
        add("ask_agec", f"loi AGEC réemploi recyclé {category['label']} : {', '.join(category['keywords'])}")
    networks = yaml.safe_load((directory / "networks.yml").read_text(encoding="utf-8"))
    for network in networks.get("networks") or []:
        add("ask_network", f"{network['name']} {network['short_name']}. {network['description']}")
    return passages


class LexicalIndex:
    """BM25 over labelled passages; an intent scores the best score of its passages."""

    def __init__(self, documents: Sequence[Sequence[str]], labels: Sequence[str]) -> None:
        kept = [(list(doc), label) for doc, label in zip(documents, labels, strict=False) if doc]
        self.labels = [label for _, label in kept]
        self.retriever = bm25s.BM25()
        self.retriever.index([doc for doc, _ in kept], show_progress=False)
        self.vocabulary = {word for doc, _ in kept for word in doc}

    def rank(self, query: Sequence[str]) -> List[Tuple[str, float]]:
        """Intents by decreasing best passage score (only intents with a positive score)."""
        query = [word for word in query if word in self.vocabulary]
        if not query:
            return []
        scores = self.retriever.get_scores(query)
        best: Dict[str, float] = {}
        for label, score in zip(self.labels, scores, strict=False):
            if score > best.get(label, 0.0):
                best[label] = float(score)
        return sorted(best.items(), key=lambda item: -item[1])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class KnowledgeRetriever(UnchangedTrainingData, GraphComponent):
    """Decides between close intents, or for an unsure DIET, by BM25 retrieval (see the module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "spacy_model": "fr_core_news_sm",
            "knowledge_dir": "knowledge",
            "threshold": 0.5,  # DIET is unsure under this confidence (FallbackClassifier's threshold)
            "ambiguity_threshold": 0.08,  # ... or when its two best intents are closer than this
            "agree_confidence": 0.2,  # DIET's best intent, confirmed by retrieval, needs this much
            "agree_score": 2.0,  # ... and retrieval's best score this much
            "min_score": 8.0,  # otherwise a clear match scores at least this
            "min_margin": 1.5,  # ... this many times the next intent's score
            "candidates": 3,  # ... and is among DIET's best intents
            "indexed_intents": "ask_",  # prefix of the question intents indexed, plus out_of_scope
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        corpus: Optional[Dict[str, List]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.index: Optional[LexicalIndex] = None
        if corpus:
            self.index = LexicalIndex(corpus["documents"], corpus["labels"])

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnowledgeRetriever:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> KnowledgeRetriever:
        corpus = read_json(model_storage, resource, CORPUS_FILE)
        if corpus is None:
            logger.warning("No retrieval corpus in the model: DIET's intents are kept as they are.")
        return cls(config, model_storage, resource, corpus)

    @classmethod
    def knowledge_dir(cls, config: Dict[str, Any]) -> Path:
        directory = Path({**cls.get_default_config(), **config}["knowledge_dir"])
        return directory if directory.is_absolute() else ROOT / directory

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """The indexed knowledge passages: `rasa train` retrains this component when they change."""
        passages = json.dumps(knowledge_passages(cls.knowledge_dir(config)), ensure_ascii=False)
        return hashlib.sha256(passages.encode("utf-8")).hexdigest()

    def _indexed(self, intent: Optional[str]) -> bool:
        return bool(intent) and (
            str(intent).startswith(self._config["indexed_intents"]) or intent == "out_of_scope"
        )

    def corpus(self, training_data: TrainingData) -> Dict[str, List]:
        documents: List[List[str]] = []
        labels: List[str] = []
        for example in training_data.intent_examples:
            intent = example.get(INTENT)
            if self._indexed(intent):
                documents.append(terms(message_lemmas(example)))
                labels.append(intent)
        nlp = SpacyNLP.load_model(self._config["spacy_model"]).model
        passages = knowledge_passages(self.knowledge_dir(self._config))
        for (intent, _), doc in zip(passages, nlp.pipe(text for _, text in passages), strict=False):
            documents.append(terms(token.lemma_ or token.text for token in doc))
            labels.append(intent)
        return {"documents": documents, "labels": labels}

    def train(self, training_data: TrainingData) -> Resource:
        corpus = self.corpus(training_data)
        self.index = LexicalIndex(corpus["documents"], corpus["labels"])
        write_json(self._model_storage, self._resource, CORPUS_FILE, corpus)
        return self._resource

    def unsure(self, ranking: Sequence[Dict[str, Any]]) -> bool:
        if not ranking:
            return False
        top = float(ranking[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        second = float(ranking[1].get(PREDICTED_CONFIDENCE_KEY) or 0.0) if len(ranking) > 1 else 0.0
        return top < self._config["threshold"] or top - second < self._config["ambiguity_threshold"]

    def clear_winner(
        self, ranked: Sequence[Tuple[str, float]], ranking: Sequence[Dict[str, Any]]
    ) -> Optional[str]:
        """The intent to answer, or None to let the fallback ask (see the module docstring)."""
        if not ranked or not ranking:
            return None
        best, score = ranked[0]
        diet_best = ranking[0].get(INTENT_NAME_KEY)
        diet_confidence = float(ranking[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        if (
            best == diet_best
            and diet_confidence >= self._config["agree_confidence"]
            and score >= self._config["agree_score"]
        ):
            return best
        candidates = [item.get(INTENT_NAME_KEY) for item in ranking[: self._config["candidates"]]]
        margin_ok = len(ranked) < 2 or score >= self._config["min_margin"] * ranked[1][1]
        if score >= self._config["min_score"] and margin_ok and best in candidates:
            return best
        return None

    def process(self, messages: List[Message]) -> List[Message]:
        if self.index is None:
            return messages
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            if ranking and ranking[0].get(INTENT_NAME_KEY) == "out_of_scope" and message.get(TEXT):
                named = named_topic(message.get(TEXT))
                if named:  # out of scope, yet it names a service of the domain: about that service
                    self.choose(message, named, ranking)
                    continue
                if CONSEQUENCE.search(normalize(message.get(TEXT))):
                    self.doubt(message, ranking)  # the assistant reads it with the conversation's topic
                    continue
            if ranking and ranking[0].get(INTENT_NAME_KEY) == "out_of_scope" and message.get(TEXT):
                if BARE_ASPECT.search(normalize(message.get(TEXT)).strip(" ?!.")):
                    self.doubt(message, ranking)  # "à partir de quelle année ?": the topic just answered
                    continue
            if acknowledged_term(ranking, message.get(TEXT) or ""):
                self.doubt(message, ranking)  # "ok et la DAE ?": the term asked, not an acknowledgement
                continue
            named = named_topic(message.get(TEXT) or "")
            if named and (misread_reply(ranking, message.get(TEXT) or "") or unnamed_topic(ranking, named)):
                self.choose(message, named, ranking)  # the service, law or plan the question names
                continue
            if place_driven(ranking, message.get(TEXT) or "", message.get(ENTITIES) or []):
                self.doubt(message, ranking)  # the place and the conversation decide, not the place's words
                continue
            if misread_goodbye(ranking, message.get(TEXT) or ""):
                ranking = [item for item in ranking if item.get(INTENT_NAME_KEY) != GOODBYE]
                self.doubt(message, ranking)  # the question it carries decides, or the clarification
            if english_beyond_greeting(ranking, message.get(TEXT) or ""):
                self.doubt(message, ranking)  # "hello, can you tell me…": said to be answered in French
                continue
            if question_behind_greeting(ranking, len(terms(message_lemmas(message)))):
                ranking = [item for item in ranking if item.get(INTENT_NAME_KEY) != GREETING]
                self.doubt(message, ranking)  # the question it carries decides, or the clarification
            if not message.get(TEXT) or not self.unsure(ranking):
                continue
            ranked = self.index.rank(terms(message_lemmas(message)))
            message.set(
                RETRIEVAL,
                [{"name": name, "score": round(score, 2)} for name, score in ranked[:3]],
                add_to_output=True,
            )
            winner = self.clear_winner(ranked, ranking)
            if winner:
                self.choose(message, winner, ranking)
        return messages

    def doubt(self, message: Message, ranking: Sequence[Dict[str, Any]]) -> None:
        """Every guess under the fallback threshold: the assistant decides from the conversation."""
        ceiling = self._config["threshold"] - 0.05
        lowered = [
            {**item, PREDICTED_CONFIDENCE_KEY: min(float(item.get(PREDICTED_CONFIDENCE_KEY) or 0.0), ceiling)}
            for item in ranking
        ]
        message.set(INTENT, dict(lowered[0]), add_to_output=True)
        message.set(INTENT_RANKING_KEY, lowered, add_to_output=True)

    def choose(self, message: Message, winner: str, ranking: Sequence[Dict[str, Any]]) -> None:
        """Puts ``winner`` first, just above the fallback threshold and clear of the next intent."""
        confidence = max(self._config["threshold"] + 0.05, self._config["ambiguity_threshold"] + 0.5)
        ceiling = confidence - self._config["ambiguity_threshold"] - 0.01
        others = [
            {**item, PREDICTED_CONFIDENCE_KEY: min(float(item.get(PREDICTED_CONFIDENCE_KEY) or 0.0), ceiling)}
            for item in ranking
            if item.get(INTENT_NAME_KEY) != winner
        ]
        chosen = {INTENT_NAME_KEY: winner, PREDICTED_CONFIDENCE_KEY: confidence}
        logger.debug("DIET unsure: intent '%s' chosen by retrieval.", winner)
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [chosen] + others, add_to_output=True)
