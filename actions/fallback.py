"""What to say when the assistant is not sure: suggestions, or why the message cannot be handled."""

from __future__ import annotations

import re
from itertools import zip_longest
from typing import Dict, Iterable, List, Mapping, Optional

from actions.render import Reply
from textnorm import looks_english, looks_foreign, normalize  # noqa: F401 - looks_english re-exported

QUESTION_LABELS: Dict[str, str] = {
    "ask_agec": "Loi AGEC et mes achats",
    "ask_agec_declaration": "Déclarer mes achats AGEC",
    "ask_biosourced": "Matériaux biosourcés",
    "ask_biosourced_label": "Label bâtiment biosourcé",
    "ask_ecolabels": "Écolabels dans un marché",
    "ask_environmental_considerations": "Verdir un achat",
    "ask_guichet_vert": "Le guichet vert",
    "ask_social_clause": "Clauses sociales",
    "ask_reserved_contracts": "Marchés réservés",
    "ask_facilitator": "Trouver mon facilitateur",
    "ask_marche_inclusion": "Le Marché de l'inclusion",
    "ask_network": "Mon réseau régional",
    "ask_rapidd": "La plateforme RAPIDD",
    "ask_pnad": "Le PNAD",
    "ask_climate_law": "Loi Climat et résilience",
    "ask_private_support": "Aides aux acheteurs privés",
    "ask_conseillers_entreprises": "Conseillers-Entreprises",
    "ask_entreprises_engagent": "Les entreprises s'engagent",
    "ask_agefiph": "L'Agefiph",
    "ask_cci": "CCI et clubs d'acheteurs",
    "ask_cna": "Conseil national des achats",
}
DEFAULT_SUGGESTIONS = ("ask_agec", "ask_guichet_vert", "ask_network", "ask_social_clause")
MAX_SUGGESTIONS = 3
PENDING_MINIMUM = 0.2  # below this, the likeliest question of an unclear message is not kept

WORD = re.compile(r"[a-z]+")


def has_no_words(text: str) -> bool:
    """Emoji, punctuation or digits only: nothing to understand."""
    return not WORD.search(normalize(text))


def suggested_intents(ranking: Iterable[Mapping], limit: int = MAX_SUGGESTIONS) -> List[str]:
    """The best-ranked question intents, or a default menu when none is a question."""
    names = [item.get("name") for item in ranking]
    questions = [name for name in names if name in QUESTION_LABELS][:limit]
    return questions or list(DEFAULT_SUGGESTIONS[:limit])


def merged_ranking(ranking: Iterable[Mapping], retrieval: Iterable[Mapping] = ()) -> List[Mapping]:
    """DIET's ranking and the retrieval's (nlu_components/retrieval.py), interleaved, each intent once.

    The two read a message differently (the whole sentence; its rarest words): alternating them puts
    the best guess of each among the first suggestions.
    """
    diet = [item for item in ranking if item.get("name") != "nlu_fallback"]
    found = [{"name": item.get("name"), "confidence": 0.5} for item in retrieval]
    merged: List[Mapping] = []
    seen = set()
    for pair in zip_longest(found, diet):
        for item in pair:
            if item and item.get("name") not in seen:
                seen.add(item.get("name"))
                merged.append(item)
    return merged


def pending_question(
    text: str, ranking: Iterable[Mapping], minimum: float = PENDING_MINIMUM
) -> Optional[str]:
    """The question a message that was not understood most likely asks, kept for the next turn.

    When the buyer answers the clarification with a detail ("Rennes"), that question is answered for it.
    """
    if looks_foreign(text) or has_no_words(text):
        return None
    for item in ranking:
        name = item.get("name")
        if name in QUESTION_LABELS:
            return name if float(item.get("confidence") or 0.0) >= minimum else None
        if name not in ("nlu_fallback", "inform", "follow_up"):
            return None
    return None


def clarify_reply(text: str, ranking: Iterable[Mapping]) -> Reply:
    """A polite clarifying question with the likeliest topics as buttons."""
    menu = [{"title": "Que savez-vous faire ?", "payload": "/ask_capabilities"}]
    if looks_foreign(text):  # English, Spanish, Italian, German, Portuguese
        return Reply(
            "Je ne réponds qu'en français, désolé. Posez-moi votre question en français : "
            "je vous aide à rendre vos achats plus durables (loi AGEC, guichet vert, clauses sociales, "
            "réseaux régionaux...).",
            menu,
        )
    if has_no_words(text):
        return Reply("Je n'ai pas trouvé de question dans votre message. Que souhaitez-vous savoir ?", menu)
    intents = suggested_intents(ranking)
    buttons = [{"title": QUESTION_LABELS[name], "payload": f"/{name}"} for name in intents]
    return Reply(
        "Je ne suis pas sûr d'avoir bien compris. Votre question porte-t-elle sur l'un de ces sujets ? "
        "Sinon, reformulez-la en quelques mots.",
        buttons + menu,
    )
