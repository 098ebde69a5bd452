"""Short conversational turns between questions, read without DIET: a request for more on the answer
just given (« et vous pouvez m'en dire plus ? », « plus de détails svp », « pouvez-vous développer ? »),
a bare acknowledgement (« parfait », « ok cool », « super merci bonne journée »), and the words that only
frame a place given again (« ah attendez, en fait c'est Rouen, je confonds avec un collègue »)."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from actions.render import host
from actions.reply import Link, Reply
from textnorm import question_form

# A bare request for more on the latest answer; nothing else asked.
MORE_ASKED = re.compile(
    r"\b(?:en |m en |nous en )?(?:dire|savoir|apprendre|expliquer) (?:un peu )?plus\b"
    r"|\bplus de (?:details?|precisions?|infos?|informations?|explications?)\b"
    r"|\b(?:developpe[rz]?|detaille[rz]?|approfondi[rs]?|elabore[rz]?)\b"
    r"|\b(?:des|d autres) (?:details?|precisions?)\b|\ben detail\b"
)
MAX_MORE_WORDS = 10  # « et vous pouvez m'en dire plus sur eux ? »; longer messages ask something else
# Words that may surround such a request without asking anything else.
MORE_FILLER = frozenset(
    """
    et ok oui alors bon ah d accord merci vous tu pouvez pourriez peux pourrais pouvez vous svp stp s il
    te vous plait plait un peu plus en m nous dire savoir sur eux elle elles lui ca cela ce point sujet
    de des details detail precisions precision infos info informations information explications la le les
    developper developpez detaillez detailler approfondir elaborer apprendre expliquer d autres encore
    merci voulez bien
    """.split()
)

# A bare acknowledgement, thanks or goodbye: every word is one of these.
ACK_WORDS = frozenset(
    """
    ok okay oki okok parfait super top genial nickel cool impeccable excellent tres bien merci mercii
    beaucoup bcp mille fois c est clair note entendu ca marche d accord dac dacc daccord bon ah oh oui
    bonne journee soiree au revoir a bientot pour tout votre vos l info infos reponse reponses aide
    compris j ai vu je vois super sympa top parfaitement ben alors
    """.split()
)
ACK_CORE = frozenset(
    "ok okay oki parfait super top genial nickel cool impeccable excellent merci mercii entendu compris"
    " note clair marche accord dac dacc daccord revoir bientot".split()
)
BYE = re.compile(r"\b(?:bonne (?:journee|soiree|fin de journee)|au revoir|a bientot|bye)\b")
MAX_ACK_WORDS = 8

# Words that frame a place given again or corrected, not a question of their own.
PLACE_FILLER = frozenset(
    """
    ok ah oh oups zut mince non pardon attendez attends excusez moi desole desolee en fait plutot je
    voulais dire me suis trompe trompee confonds confondu avec un une collegue et pour nous chez c est
    plutot finalement si
    """.split()
)


def words(text: str) -> list:
    return re.findall(r"[a-z0-9]+", question_form(text))


def asks_more(text: str) -> bool:
    """« vous pouvez m'en dire plus ? », « plus de détails svp », « pouvez-vous développer ? »."""
    found = words(text)
    if not found or len(found) > MAX_MORE_WORDS or not MORE_ASKED.search(" ".join(found)):
        return False
    return all(word in MORE_FILLER for word in found)


def acknowledgement_kind(text: str) -> Optional[str]:
    """« bye » for a goodbye, « thank » for thanks, « ok » for a bare acknowledgement, else None."""
    found = words(text)
    if not found or len(found) > MAX_ACK_WORDS or not all(word in ACK_WORDS for word in found):
        return None
    if not any(word in ACK_CORE for word in found):
        return None
    plain = " ".join(found)
    if BYE.search(plain):
        return "bye"
    return "thank" if "merci" in found or "mercii" in found else "ok"


def place_question_words(text: str) -> int:
    """The words of a message with a place, once the words that only frame a correction are left out
    (« ah attendez, en fait c'est Rouen, je confonds avec un collègue » counts « rouen »)."""
    return sum(1 for word in words(text) if word not in PLACE_FILLER)


# The same question asked again in other words, after an answer that missed it ("non, je voulais dire
# le nom du réseau", "pas ça, je voulais savoir qui est derrière").
REPHRASED = re.compile(
    r"^(?:(?:non|nan|ah|pas ca|non pas ca|c est pas ca|ce n est pas ca|pas exactement|pardon|en fait)"
    r"[\s,.;:!]+)*"
    r"(?:je (?:voulais|veux|voudrais) (?:dire|savoir|parler de|demander)|je demandais|je parlais de"
    r"|ma question (?:c est|etait|porte sur|portait sur))[\s,:]+(?:que |si |plutot )?(?P<rest>.+)$"
)


def rephrased_question(text: str) -> Optional[str]:
    """What is asked again after « non, je voulais dire … », or None."""
    match = REPHRASED.search(question_form(text))
    return match.group("rest") if match else None


# A bare request for the source of the latest answer ("la source ?", "d'où vient l'info ?", "c'est écrit
# où ça ? vous avez la source ?").
SOURCE_ASKED = re.compile(
    r"\bsources?\b|\breferences?\b|\bd ou (?:vient|viennent|sort|tenez)\b"
    r"|\bc est ecrit ou\b|\bou c est ecrit\b"
    r"|\bvous vous basez sur quoi\b|\bsur quoi vous (?:vous )?(?:basez|appuyez)\b"
)
SOURCE_FILLER = frozenset(
    """
    la le les l vos votre ta ton sa son ses leurs source sources reference references et ok merci d ou vient
    viennent sort tenez info infos information informations ca cela c est ecrit vous avez quelle quelles
    quel quels svp stp s il plait sur quoi basez appuyez vous tu as peut on peux pouvez avoir donner cette
    ces reponse chiffre texte officiel officielle
    """.split()
)
MAX_SOURCE_WORDS = 12


def only_asks(text: str, asked: re.Pattern, filler: frozenset, max_words: int) -> bool:
    """A short message that asks ``asked`` and says nothing else: every other word is a filler."""
    found = words(text)
    if not found or len(found) > max_words or not asked.search(" ".join(found)):
        return False
    return all(word in filler for word in found)


def asks_source(text: str) -> bool:
    """« la source ? », « d'où vient l'info ? »: nothing asked but where the latest answer comes from."""
    return only_asks(text, SOURCE_ASKED, SOURCE_FILLER, MAX_SOURCE_WORDS)


# A bare request for a link on the latest answer (« tu as un lien ? », « le lien svp », « vous avez un lien
# vers le texte ? »): the links that answer carries, named; nothing else asked.
LINK_ASKED = re.compile(r"\bliens?\b|\burls?\b")
LINK_FILLER = frozenset(
    """
    tu as t aurais vous avez auriez un une le la les l des lien liens url urls svp stp s il te vous plait
    donner donnez envoyer envoyez mettre peux pouvez pourrais pourriez avoir vers pour sur ca cela et ok
    merci alors du coup bon oui ah quel quels est c il y a en me m moi nous texte textes guide guides
    officiel officielle source page ou trouver cette ce cet info infos
    """.split()
)
MAX_LINK_WORDS = 12
MAX_LINKS_SAID = 3


def asks_link(text: str) -> bool:
    """« tu as un lien ? », « le lien svp »: nothing asked but a link on the latest answer."""
    return only_asks(text, LINK_ASKED, LINK_FILLER, MAX_LINK_WORDS)


# A title without its bracketed publisher (« Code de la commande publique (Légifrance) »).
BRACKETED_END = re.compile(r"\s*\([^()]*\)\s*$")


def named_documents(text: str, documents: Sequence[Tuple[str, str]]) -> List[Link]:
    """The documents (title, address) the text names by their title, in the order of ``documents``."""
    said = question_form(text)
    return [
        Link(title, url)
        for title, url in documents
        if question_form(BRACKETED_END.sub("", title.split(" — ")[0])) in said
    ]


def links_reply(answer: Optional[Reply], documents: Sequence[Tuple[str, str]] = ()) -> Optional[Reply]:
    """The links of the latest answer, named: the documents its text names (a guide, the code), then its
    useful links, else its sources; None without any."""
    if answer is None:
        return None
    chosen: List[Link] = []
    for link in [*named_documents(answer.text, documents), *answer.links, *answer.detail_links]:
        if link.url not in {known.url for known in chosen}:
            chosen.append(link)
    if not chosen:
        chosen = [Link(source.title, source.url) for source in answer.sources]
    chosen = chosen[:MAX_LINKS_SAID]
    if not chosen:
        return None
    titles = " ; ".join(f"« {link.title} » ({host(link.url)})" for link in chosen)
    lead = "Voici le lien" if len(chosen) == 1 else "Voici les liens"
    return Reply(f"{lead} : {titles}.", links=chosen, kind="details")


# An insult or a complaint about the assistant itself, with no question in it (« t'es inutile », « ce bot
# ne sert à rien », « vous comprenez rien »): a short polite reply that says what the assistant does. A word
# that also judges a thing of a purchase (« offre nulle », « mauvais critère ») is no complaint unless the
# assistant is spoken of: « mauvais » is none at all (« c'est une mauvaise idée ? », « c'est pas mauvais »).
COMPLAINT_WORDS = re.compile(
    r"\b(?:inutiles?|nuls?|nulles?|idiote?s?|stupides?|betes?|debiles?|cons?|connes?|nazes?|nases?"
    r"|pourrie?s?|incompetente?s?|lamentables?|pathetiques?|catastrophiques?|minables?"
    r"|n importe quoi|a la ramasse|(?:sert|sers|servez|servent) (?:a|strictement a) rien"
    r"|(?:comprends|comprenez|comprend|capte|captes) rien|rien (?:compris|capte)|aucune utilite)\b"
)
# The assistant as the one spoken of: the second person, or a name for it or for its answers.
ASSISTANT_SPOKEN_OF = re.compile(
    r"\b(?:t es|t as|t avais|t etais|tu|vous|te"
    r"|ce (?:bot|robot|chatbot|assistant|outil|truc|machin|programme|service)"
    r"|cet (?:assistant|outil)|(?:votre|ton|ta|vos|tes) (?:bot|robot|chatbot|assistant|outil|reponses?|aide)"
    r"|(?:le|ce) (?:bot|robot|chatbot)|comme (?:bot|robot|chatbot|assistant|outil|ia)"
    r"|(?:cette|ces|la|les) reponses?)\b"
)
# A complaint said alone, with no thing it judges (« nul ! », « n'importe quoi », « ça sert à rien »): the
# latest answer is what is judged.
BARE_COMPLAINT = re.compile(
    r"^(?:(?:franchement|vraiment|completement|totalement|archi|super|trop|pf+|bah|ben|mais|oh|c est) )*"
    r"(?:nul|nulle|n importe quoi|(?:ca |cela )?(?:ne )?sert a rien|inutile|lamentable|pathetique|minable"
    r"|debile|naze)(?: (?:franchement|vraiment|quand meme|hein|total))*$"
)
# Words that may come with a complaint without asking anything.
COMPLAINT_FILLER = frozenset(
    """
    franchement vraiment completement totalement trop super archi grave bon ben bah pff pfff rhoo oh ah
    mais alors decidement vraiment quand meme c est ca et tres un une le la les de des du d ou es etes
    suis sont a rien moi nous me
    """.split()
)
MAX_COMPLAINT_WORDS = 10
MAX_OTHER_WORDS = 1  # « c'est nul comme réponse »: one word of its own at most
COMPLAINT_REPLY = (
    "Désolé si je ne vous ai pas été utile. Je suis un assistant spécialisé dans les achats durables : "
    "loi AGEC, considérations environnementales, guichet vert, réseaux régionaux d'acheteurs, clauses "
    "sociales. Posez-moi votre question en quelques mots et je ferai de mon mieux pour vous orienter."
)
COMPLAINT_BUTTONS = [{"title": "Que savez-vous faire ?", "payload": "/ask_capabilities"}]


def complains_about_assistant(text: str) -> bool:
    """« t'es inutile », « ce bot est complètement idiot », « tu comprends rien », « nul ! »: a complaint of
    a few words about the assistant (spoken to or named), or said alone (``BARE_COMPLAINT``), that asks
    nothing else; a question (« offre nulle ? ») is one only when it speaks of the assistant."""
    found = words(text)
    plain = " ".join(found)
    if not found or len(found) > MAX_COMPLAINT_WORDS or not COMPLAINT_WORDS.search(plain):
        return False
    if BARE_COMPLAINT.match(plain):
        return "?" not in text
    if not ASSISTANT_SPOKEN_OF.search(plain):
        return False  # « procédure nulle », « le marché est nul ? »: a thing of the purchase judged
    rest = ASSISTANT_SPOKEN_OF.sub(" ", COMPLAINT_WORDS.sub(" ", plain)).split()
    # « t'es nul, c'est quoi une clause sociale ? » asks something: the question is answered
    return len([word for word in rest if word not in COMPLAINT_FILLER]) <= MAX_OTHER_WORDS


def complaint_answer(text: str) -> Optional[Reply]:
    """The polite reply that says what the assistant does, when the message is a complaint about it
    (``complains_about_assistant``); None otherwise. The one check of the actions that answer it."""
    return complaint_reply() if complains_about_assistant(text) else None


def complaint_reply() -> Reply:
    return Reply(COMPLAINT_REPLY, COMPLAINT_BUTTONS)
