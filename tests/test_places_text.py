"""places/text.py: the words of a message as the resolver reads them, and its word lists."""

from __future__ import annotations

from places import text
from places.text import name_key, tokenize, word_key


def test_names_are_keyed_by_their_normalised_words() -> None:
    assert name_key("Saint-Étienne") == ("saint", "etienne")
    assert name_key("St Étienne") == name_key("ST-ETIENNE") == ("saint", "etienne")
    assert name_key("L’Haÿ-les-Roses") == name_key("l'hay les roses") == ("l", "hay", "les", "roses")
    assert name_key("Bœurs-en-Othe") == ("boeurs", "en", "othe")
    assert name_key("Côtes-d'Armor (22)") == ("cotes", "d", "armor", "22")
    assert name_key("  ?! ") == ()
    assert word_key("Ste") == "sainte" and word_key("stes") == "saintes"


def test_tokens_keep_their_offsets_in_the_message() -> None:
    message = "à Saint-Malo (35), près de l’Haÿ"
    tokens = tokenize(message)
    assert [t.norm for t in tokens] == ["a", "saint", "malo", "35", "pres", "de", "l", "hay"]
    assert all(message[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens][-2:] == ["l", "Haÿ"]


def test_word_lists_are_written_in_normalised_form() -> None:
    """A word list entry that is not in the normalised form of the tokens would never match."""
    lists = {name: value for name, value in vars(text).items() if isinstance(value, frozenset)}
    assert {"COMMUNE_STOPLIST", "COMMUNE_CUES", "FILLERS", "UNIT_WORDS"} <= set(lists)
    for name, entries in lists.items():
        for entry in entries:
            words = entry if isinstance(entry, tuple) else tuple(entry.split())
            assert words and all(word == word_key(word) for word in words), (name, entry)
