"""The project's one text normalisation: the form in which what users type is compared with known words.

Standard library only, so that every part of the project can use it without importing another one:
the actions (AGEC and topic keywords, the clarification step), the NLU components (unknown words),
the place resolver (its index of names) and the scripts (grouping of not-understood messages).
"""

from __future__ import annotations

import unicodedata

LIGATURES = {"œ": "oe", "æ": "ae"}  # not decomposed by Unicode: "cœur" is typed "coeur" too
SEPARATORS = "-'’_"  # become spaces: "aix-en-provence", "l'haÿ" and "l’haÿ" split into words


def normalize(text: str) -> str:
    """Lowercase, without accents, ligatures, hyphens or apostrophes, spaces collapsed.

    "L’Haÿ-les-Roses" -> "l hay les roses"; "Mise en Œuvre" -> "mise en oeuvre". Other punctuation
    is kept ("quel temps fait-il ?" -> "quel temps fait il ?").
    """
    text = text.lower()
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    plain = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    for separator in SEPARATORS:
        plain = plain.replace(separator, " ")
    return " ".join(plain.split())


# Chat and SMS spellings of question words, written out so that the rules that read what a question asks
# ("combien", "quoi", "comment"...) read them too: "ils sont cb ?", "c koi le PNAD ?".
CHAT_WORDS = {
    "cb": "combien",
    "cbn": "combien",
    "cmb": "combien",
    "combiens": "combien",
    "nb": "nombre",
    "nbr": "nombre",
    "nbre": "nombre",
    "koi": "quoi",
    "kwa": "quoi",
    "cmt": "comment",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "qd": "quand",
    "kel": "quel",
    "kelle": "quelle",
    "kels": "quels",
    "ki": "qui",
    "ke": "que",
    "ya": "y a",
    "jsuis": "je suis",
    "chui": "je suis",
    "pr": "pour",
    "ds": "dans",
    "tt": "tout",
    "bcp": "beaucoup",
}


def question_form(text: str) -> str:
    """`normalize`, and the chat spellings of CHAT_WORDS written out ("c koi" -> "c quoi")."""
    return " ".join(CHAT_WORDS.get(word, word) for word in normalize(text).split(" ") if word)
