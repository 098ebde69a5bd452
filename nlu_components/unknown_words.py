"""Sends messages made only of unknown words ("zblorf", "kjqsdhf qsdkjfh") to the NLU fallback.

DIET always picks an intent, often with high confidence, even for a string of random letters. This
component, placed between DIET and Rasa's FallbackClassifier, sets the intent confidence to 0 when
no word of the message is known, so that the FallbackClassifier predicts ``nlu_fallback`` and the
assistant asks the user to rephrase instead of answering a question nobody asked.

A word is known when it appears in the training data (examples, synonyms, lookup tables: acronyms
such as AGEC or RESECO), or is one typo away from such a word ("bonjoir", "merciii"), or is in
spaCy's French lexicon (the lemmatizer tables of the pipeline's spaCy model), or among spaCy's
French stop words. Words of one letter and digits are ignored; a message with a place found by the
gazetteer is never sent to the fallback.
Referenced in config.yml as ``nlu_components.unknown_words.UnknownWordsFallback``.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.lang.fr.stop_words import STOP_WORDS

from nlu_components.base import read_json, write_json
from textnorm import normalize

logger = logging.getLogger(__name__)

WORD = re.compile(r"[^\W\d_]{2,}")
REPEATED_LETTERS = re.compile(r"(.)\1+")
MIN_FUZZY_LENGTH = 4  # shorter words are compared exactly: "zzz" must not pass for "zz"
VOCABULARY_FILE = "vocabulary.json"


# Intents that answer with a canned text and no action: a definition question read as one of them goes
# to the fallback action, which defines the term or says that the sources do not.
SMALL_TALK = frozenset({"greet", "goodbye", "thank", "out_of_scope", "bot_challenge"})
DEFINITION_CUE = re.compile(
    r"\b(?:c est quoi|c quoi|c koi|ca veut dire|sa veut dire|veut dire (?:quoi|koi)|ke[sz]a(?:k|c|qu)o"
    r"|que signifie|definition|qu est ce qu|ce que c est|ce qu est|expliqu(?:er|ez)|explique (?:moi|nous))\b"
    r"|= ?\?"
)
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}\b")
MIN_SHOUTED_WORDS = 3  # a message of this many words, mostly in capitals, is typed in capitals
NOT_ACRONYMS = frozenset({"OK", "SVP", "STP", "MERCI", "BONJOUR", "AH", "OUI", "NON"})


def asks_acronym(text: str, places: Sequence[Tuple[int, int]] = ()) -> bool:
    """A definition question that names an acronym ("DUME = ?", "le SPASER, c'est quoi ?"); not a word
    of a message typed in capitals, « OK », nor a place ("la météo à PARIS, c'est quoi ?")."""
    letters = [char for char in text if char.isalpha()]
    shouted = (
        len(WORD.findall(text)) >= MIN_SHOUTED_WORDS
        and sum(char.isupper() for char in letters) > len(letters) / 2
    )
    if shouted:  # "MERCI BEAUCOUP, C'EST QUOI DÉJÀ VOTRE NOM ?": capitals, not acronyms
        return False
    acronyms = [
        match
        for match in ACRONYM.finditer(text)
        if match.group() not in NOT_ACRONYMS
        and not any(start < match.end() and match.start() < end for start, end in places)
    ]
    return bool(acronyms) and bool(DEFINITION_CUE.search(normalize(text)))


def words(text: str) -> List[str]:
    """Lower-case words of two letters or more, accents kept."""
    return WORD.findall(text.lower())


def squeeze(word: str) -> str:
    """Runs of one letter made one ("merciii" -> "merci", "appel" -> "apel")."""
    return REPEATED_LETTERS.sub(r"\1", word)


def deletions(word: str) -> FrozenSet[str]:
    """The word with one letter removed, at each position."""
    return frozenset(word[:index] + word[index + 1 :] for index in range(len(word)))


def neighbourhood(word: str) -> FrozenSet[str]:
    """The squeezed word and its one-letter deletions: two words whose neighbourhoods meet are one
    typo apart (a letter missing, added or replaced, or a letter repeated)."""
    squeezed = squeeze(word)
    return deletions(squeezed) | {squeezed}


def training_words(training_data: TrainingData) -> FrozenSet[str]:
    """Accent-free words of the examples, entity synonyms and lookup tables."""
    texts: List[str] = [example.get(TEXT) or "" for example in training_data.training_examples]
    texts.extend(f"{synonym} {value}" for synonym, value in training_data.entity_synonyms.items())
    for table in training_data.lookup_tables:
        elements = table.get("elements", [])
        texts.extend(elements if isinstance(elements, list) else [])
    return frozenset(word for text in texts for word in words(normalize(text)))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    """Zero intent confidence for a message with no known word (see the module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """spaCy model whose lexicon counts as known words; entities that make a message meaningful."""
        return {"spacy_model": "fr_core_news_sm", "trusted_entities": ["location"]}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: Iterable[str] = (),
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.set_vocabulary(vocabulary)
        self.trusted_entities = frozenset(self._config["trusted_entities"])
        lemmatizer = SpacyNLP.load_model(self._config["spacy_model"]).model.get_pipe("lemmatizer")
        # Inflected forms (a hash table: membership only) and lemmas (strings: compared without accents).
        self.forms = lemmatizer.lookups.get_table("lemma_lookup")
        lemmas = {lemma for table in lemmatizer.lookups.get_table("lemma_index").values() for lemma in table}
        self.plain_words = frozenset(normalize(word) for word in lemmas | set(STOP_WORDS))

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnknownWordsFallback:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnknownWordsFallback:
        """The vocabulary saved at training time (none if the model holds none)."""
        vocabulary = read_json(model_storage, resource, VOCABULARY_FILE)
        if vocabulary is None:
            logger.warning("No training vocabulary in the model: only spaCy's lexicon counts as known.")
            vocabulary = []
        return cls(config, model_storage, resource, vocabulary)

    def set_vocabulary(self, vocabulary: Iterable[str]) -> None:
        """The training words, and their one-typo neighbourhoods for the fuzzy comparison."""
        self.vocabulary: FrozenSet[str] = frozenset(vocabulary)
        self.near_vocabulary: FrozenSet[str] = frozenset(
            near
            for word in self.vocabulary
            if len(squeeze(word)) >= MIN_FUZZY_LENGTH
            for near in neighbourhood(word)
        )

    def train(self, training_data: TrainingData) -> Resource:
        self.set_vocabulary(training_words(training_data))
        write_json(self._model_storage, self._resource, VOCABULARY_FILE, sorted(self.vocabulary))
        return self._resource

    def is_known(self, word: str) -> bool:
        plain = normalize(word)
        if word in self.forms or plain in self.vocabulary or plain in self.plain_words:
            return True
        return len(squeeze(plain)) >= MIN_FUZZY_LENGTH and not neighbourhood(plain).isdisjoint(
            self.near_vocabulary
        )

    def unknown_words_only(self, message: Message) -> bool:
        """True when the message has words and none is known, and no trusted entity was found."""
        if any(
            entity.get(ENTITY_ATTRIBUTE_TYPE) in self.trusted_entities
            for entity in message.get(ENTITIES) or []
        ):
            return False
        found = words(message.get(TEXT) or "")
        return bool(found) and not any(self.is_known(word) for word in found)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent: Optional[Dict[str, Any]] = message.get(INTENT)
            text = message.get(TEXT) or ""
            places = [
                (entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END])
                for entity in message.get(ENTITIES) or []
                if entity.get(ENTITY_ATTRIBUTE_TYPE) == "location"
            ]
            name = intent.get(INTENT_NAME_KEY) if intent else None
            # thanks are small talk unless they end on a question ("merci, c'est quoi le DUME ?")
            if name in SMALL_TALK and (name != "thank" or "?" in text) and asks_acronym(text, places):
                # "DUME = ?", "Bonjour, ... un SPASER. Je ne sais pas ce que c'est": a term to define (or
                # to say unknown), not a greeting or a question out of scope
                message.set(INTENT, {**intent, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                continue
            if intent and self.unknown_words_only(message):
                logger.debug(
                    "No known word in the message: intent '%s' set to confidence 0.",
                    intent.get(INTENT_NAME_KEY),
                )
                message.set(INTENT, {**intent, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages
