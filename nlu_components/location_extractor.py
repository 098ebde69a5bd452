"""Gazetteer entity extractor: tags French place mentions as ``location`` entities.

The value of each entity is a resolver key (``commune:29232``, ``departement:35``, ``region:53``) found
by ``places.find_locations`` over the official etalab data; DIET never predicts this entity.
Referenced in config.yml as ``nlu_components.location_extractor.LocationExtractor``.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

import places
from nlu_components.base import UnchangedTrainingData
from places.gazetteer import BIG_CITY, COMMUNE, FREE, PLAIN
from places.scan import misspelt_city
from places.scan import prepare as prepare_scan
from places.text import tokenize

ALTERNATIVES = "alternatives"
# A department number right after a topic word or a buyer's body: "réseau 33", "facilitateur 35 ?",
# "guichet vert 38", "mairie 974", "SDIS 29", "CD35", "acheteurs publics 44" (not a count: "EPCI 40
# communes", "commune 15 000 hab.").
TOPIC_NUMBER = re.compile(
    r"\b(?:r[ée]seaux?|facilitat\w*|guichet(?:\s+vert)?|gv|clauses?(?:\s+sociales?)?|insertion|acheteurs?|achats?|rapidd|"
    r"dep|dpt|dept|mairies?|communes?|collectivit[ée]s?|agglo\w*|epci|sdis|h[ôo]pital|chu|lyc[ée]es?"
    r"|coll[èe]ges?|cd|cg|conseil\s+d[ée]partemental|conseil\s+g[ée]n[ée]ral)(?:\s+(?:publi\w*|responsables?|durables?))?\s*(\d{2,3}|2[ab])\b(?!\s*(?:%|€|[.,]?\d|euros?|ans?\b|h\b|heures?|salari|hab|agents?\b"
    r"|lits?\b|communes?\b|[ée]l[èe]ves?\b|personnes?\b|membres?\b|millions?|milliards?|[mk]€|mois\b|jours?\b"
    r"|lots?\b|march[ée]s?\b|fournisseurs?\b))",
    re.IGNORECASE,
)


def _topic_number(text: str) -> Optional[Dict[str, Any]]:
    """A department number given right after a topic word, the way buyers type terse questions."""
    for match in TOPIC_NUMBER.finditer(text):
        code = match.group(1).upper()
        key = f"departement:{code}"
        if places.resolve_key(key):
            return {"start": match.start(1), "end": match.end(1), "key": key}
    return None


# "et pour la corse ?", "et en bretagne ?": what follows the preposition of a short follow-up is read as
# a message of its own, where a place alone needs no capital letter nor cue word.
FOR_PLACE = re.compile(
    r"^\W*(?:(?:et|mais|ok|bon|alors)\W+)?(?:pour|en|dans|sur|chez|a|à|c[ôo]t[ée]|du c[ôo]t[ée] de)\s+"
    r"((?:\S+\s*){1,4}?)\W*$",
    re.IGNORECASE,
)


def _place_after_preposition(text: str) -> Optional[Dict[str, Any]]:
    """The place that is the whole rest of a short "et pour <X> ?" follow-up, if it is one."""
    match = FOR_PLACE.match(text)
    if not match:
        return None
    rest = match.group(1).strip()
    found = [m for m in places.find_locations(rest) if not m.negated]
    if len(found) != 1:
        return None
    offset = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
    return {"start": offset + found[0].start, "end": offset + found[0].end, "key": found[0].key}


def _lowercase_city(text: str) -> Optional[Dict[str, Any]]:
    """A large city typed in lowercase ("guichet vert dijon", "brest métropole").

    Only names that are not common words (level ``plain`` or ``free``) of a commune of 20,000
    inhabitants or more, or of a department or region: the resolver asks for a capital letter or a cue
    word for the others, and this pass runs only when it found no place at all.
    """
    gaz = places.load()
    tokens = tokenize(text)
    for i in range(len(tokens)):
        for n in range(min(gaz.max_len, len(tokens) - i), 0, -1):
            if not all(token.text.islower() for token in tokens[i : i + n]):
                continue
            entries = gaz.names.get(tuple(token.norm for token in tokens[i : i + n]))
            if not entries or len(" ".join(token.norm for token in tokens[i : i + n])) < 4:
                continue
            best = entries[0]
            if any(entry.level not in (PLAIN, FREE) or entry.stripped for entry in entries):
                continue
            if best.kind == COMMUNE and best.population < BIG_CITY:
                continue
            return {"start": tokens[i].start, "end": tokens[i + n - 1].end, "key": best.key}
    return None


def _misspelt_city(text: str) -> Optional[Dict[str, Any]]:
    """A big city misspelt by one letter ("bordeau", "toulouze", "strasbour"), when no place was found."""
    match = misspelt_city(text)
    return {"start": match.start, "end": match.end, "key": match.key} if match else None


# Adjectives of inhabitants ("une collectivité lyonnaise", "une commune bretonne") -> the place name, as
# written in the gazetteer. The masculine singular is listed; feminine and plural endings are added.
DEMONYMS = {
    "parisien": "Paris",
    "marseillais": "Marseille",
    "lyonnais": "Lyon",
    "toulousain": "Toulouse",
    "nantais": "Nantes",
    "bordelais": "Bordeaux",
    "lillois": "Lille",
    "rennais": "Rennes",
    "strasbourgeois": "Strasbourg",
    "montpellierain": "Montpellier",
    "nicois": "Nice",
    "grenoblois": "Grenoble",
    "brestois": "Brest",
    "dijonnais": "Dijon",
    "rouennais": "Rouen",
    "caennais": "Caen",
    "clermontois": "Clermont-Ferrand",
    "limougeaud": "Limoges",
    "tourangeau": "Tours",
    "orleanais": "Orléans",
    "angevin": "Angers",
    "remois": "Reims",
    "messin": "Metz",
    "nanceien": "Nancy",
    "amienois": "Amiens",
    "poitevin": "Poitiers",
    "toulonnais": "Toulon",
    "stephanois": "Saint-Étienne",
    "havrais": "Le Havre",
    "perpignanais": "Perpignan",
    "bisontin": "Besançon",
    "nimois": "Nîmes",
    "ajaccien": "Ajaccio",
    "breton": "Bretagne",
    "normand": "Normandie",
    "francilien": "Île-de-France",
    "alsacien": "Alsace",
    "lorrain": "Lorraine",
    "picard": "Picardie",
    "auvergnat": "Auvergne",
    "bourguignon": "Bourgogne",
    "aquitain": "Aquitaine",
    "occitan": "Occitanie",
    "reunionnais": "La Réunion",
    "guadeloupeen": "Guadeloupe",
    "martiniquais": "Martinique",
    "guyanais": "Guyane",
    "mahorais": "Mayotte",
    # regions and departments often named by their adjective ("une commune ligérienne", "le réseau normand")
    "ligerien": "Pays de la Loire",
    "provencal": "Provence",
    "corse": "Corse",
    "limousin": "Limousin",
    "nordiste": "Nord",
    "girondin": "Gironde",
    "savoyard": "Savoie",
    "vendeen": "Vendée",
    "landais": "Landes",
    "finisterien": "Finistère",
    "morbihannais": "Morbihan",
    "mosellan": "Moselle",
    "iserois": "Isère",
    "heraultais": "Hérault",
    "gardois": "Gard",
    "varois": "Var",
    "vosgien": "Vosges",
    "sarthois": "Sarthe",
    "ardechois": "Ardèche",
    "dromois": "Drôme",
}


def _demonym_forms(word: str) -> List[str]:
    """The masculine singular and its feminine and plural forms ("breton", "bretonne", "bretons"...)."""
    if word.endswith(("en", "on")):
        feminine = word + word[-1] + "e"  # parisienne, bretonne
    elif word.endswith("eau"):
        feminine = word[:-3] + "elle"  # tourangelle
    elif word.endswith("e"):
        feminine = word  # nordiste
    else:
        feminine = word + "e"
    if word.endswith(("s", "x")):
        plural = word
    elif word.endswith("al"):
        plural = word[:-2] + "aux"  # provençaux
    else:
        plural = word + ("x" if word.endswith("eau") else "s")
    return [word, feminine, plural, feminine + "s"]


DEMONYM_INDEX = {form: name for word, name in DEMONYMS.items() for form in _demonym_forms(word)}
# The adjective counts only after a buyer's body or a place noun: "bœuf bourguignon" is a dish.
DEMONYM_HEADS = frozenset(
    """
    collectivite collectivites commune communes ville villes mairie mairies metropole agglomeration agglo
    epci intercommunalite region departement territoire hopital hopitaux chu lycee college universite
    etablissement etablissements structure structures acheteur acheteurs acheteuse acheteuses service
    services administration bailleur syndicat village villages ccas sdis ehpad conseil office
    reseau reseaux guichet vert facilitateur facilitateurs coordinateur coordinateurs
    """.split()
)


def _demonym(text: str) -> Optional[Dict[str, Any]]:
    """A place given by the adjective of its inhabitants ("collectivité lyonnaise")."""
    gaz = places.load()
    tokens = tokenize(text)
    for index, token in enumerate(tokens):
        name = DEMONYM_INDEX.get(token.norm)
        if not name or not DEMONYM_HEADS.intersection(t.norm for t in tokens[max(0, index - 2) : index]):
            continue
        entries = gaz.names.get(tuple(t.norm for t in tokenize(name)))
        if entries:
            best = max(entries, key=lambda entry: (entry.kind != COMMUNE, entry.population))
            return {"start": token.start, "end": token.end, "key": best.key}
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LocationExtractor(UnchangedTrainingData, GraphComponent, EntityExtractorMixin):
    """Adds one ``location`` entity per place mentioned in the message (negated mentions excluded)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """The entity name can be changed in config.yml (``entity: location``)."""
        return {"entity": "location"}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._config = {**self.get_default_config(), **config}
        self.entity_name: str = self._config["entity"]

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LocationExtractor:
        """Creates the component and loads the gazetteer now rather than on the first message."""
        places.load()
        prepare_scan()
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        """Replaces this extractor's previous entities with the places found in each message."""
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            kept = [e for e in message.get(ENTITIES, []) if e.get(EXTRACTOR) != self.name]
            found = self.add_extractor_name(self.extract(text))
            message.set(ENTITIES, kept + found, add_to_output=True)
        return messages

    def extract(self, text: str) -> List[Dict[str, Any]]:
        """Entity dicts (without the extractor name) for the non-negated places of ``text``.

        When the resolver finds no place at all, three other forms are tried: a department number after a
        topic word ("réseau 33"), a large city typed in lowercase ("guichet vert dijon") and the adjective
        of its inhabitants ("collectivité lyonnaise").
        """
        matches = places.find_locations(text)
        if not matches:
            extra = (
                _topic_number(text)
                or _place_after_preposition(text)
                or _lowercase_city(text)
                or _misspelt_city(text)
                or _demonym(text)
            )
            if extra:
                return [
                    {
                        ENTITY_ATTRIBUTE_TYPE: self.entity_name,
                        ENTITY_ATTRIBUTE_START: extra["start"],
                        ENTITY_ATTRIBUTE_END: extra["end"],
                        ENTITY_ATTRIBUTE_VALUE: extra["key"],
                        ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
                    }
                ]
        entities = []
        for match in matches:
            if match.negated:
                continue
            entity: Dict[str, Any] = {
                ENTITY_ATTRIBUTE_TYPE: self.entity_name,
                ENTITY_ATTRIBUTE_START: match.start,
                ENTITY_ATTRIBUTE_END: match.end,
                ENTITY_ATTRIBUTE_VALUE: match.key,
                ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
            }
            if match.alternatives:
                entity[ALTERNATIVES] = list(match.alternatives)
            entities.append(entity)
        return entities
