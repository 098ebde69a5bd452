"""« et pour les entreprises privées ? » right after a topic: whether that topic serves private buyers.

The elliptical question asks about the topic just answered, for another kind of buyer: not « who helps a
private buyer ». A sentence of the topic that names private buyers answers it (« pour vos achats publics
comme privés »: yes); else a sentence that says whom it serves (« le réseau des acheteurs publics »),
followed by who supports private buyers. A topic that says neither is left to the usual routing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import List, Mapping, Optional, Sequence

from actions.context_rules import PRIVATE_HELPERS
from actions.focus import units
from actions.followup import topic_texts
from actions.knowledge import Topic
from actions.render import compose
from actions.term_followup import defined_entry
from textnorm import normalize, question_form

# Only the elliptical form: « et pour les entreprises privées ? », « et le privé ? », « et pour une PME ? ».
PRIVATE_ASKED = re.compile(
    r"^(?:et|mais|ok et|d accord et)? ?(?:(?:c est |ca vaut |ca marche |valable )?(?:aussi |egalement )?"
    r"(?:pour|chez|concernant|cote) )?(?:les |des |une |un |la |le |nous les |nos )?"
    r"(?:entreprises?(?: privees?)?|societes?(?: privees?)?|acheteurs prives|secteur prive|prive|pme|tpe"
    r"|boites? privees?)(?: aussi| egalement)? ?\??$"
)
# The same, said as who the buyer is: « et si on est une entreprise privée ? », « on est une PME en fait ».
PRIVATE_SAID = re.compile(
    r"^(?:(?:et|mais|ok|d accord|bon|alors|ah|du coup) )*(?:si |pour nous )?"
    r"(?:on est|nous sommes|je suis|c est|on etait|moi je suis|nous on est)(?: plutot)?"
    r" (?:(?:une|un|dans une|dans un|chez une|chez un|le|du) )?"
    r"(?:entreprises?(?: privees?)?|societes?(?: privees?)?|pme|tpe|boites?(?: privees?)?|secteur prive"
    r"|acheteurs? prives?|structures? privees?|prives?)(?: (?:en fait|plutot|du coup|aussi))?$"
)
# A sentence that says private buyers are served too.
SERVES_PRIVATE = re.compile(r"\bpublic\w* (?:et|comme) priv\w*|\bacheteurs priv\w*")
# A sentence that says whom a topic serves.
SERVES_WHOM = re.compile(r"\bacheteurs publics\b|\bsoumis au code de la commande publique\b")
# A sentence that names its own subject (« Le facilitateur … »), not a pronoun for it (« Piloté par …, il »).
NAMED_SUBJECT = re.compile(r"^(?:Le|La|Les|L'|L’)\s?[A-ZÀ-Üa-zà-ü]")
# A sentence that puts a rule in public procurement (« dans un marché public », « les marchés et
# concessions », « code de la commande publique »): the rule said, then who supports private buyers.
PUBLIC_RULE = re.compile(
    r"\bmarches? publics?\b|\bmarches et concessions\b|\bcode de la commande publique\b"
    r"|\bde la commande publique\b"
)
# Topics already answered for a private buyer by their own rules (AGEC says « non pour une entreprise
# privée »; the guichet vert and the private helpers have their audience sentences).
OWN_AUDIENCE_RULES = frozenset(
    "ask_agec ask_agec_declaration ask_guichet_vert ask_private_support ask_cci ask_cna ask_agefiph"
    " ask_entreprises_engagent ask_conseillers_entreprises".split()
)


# The subject an entry defines (« Le SPASER est … » -> « Le SPASER »), short enough to be a name.
TERM_NAME = re.compile(r"^((?:\S+ ){0,5}?\S+) (?:est|sont) ")


def asks_private_side(text: str) -> bool:
    plain = question_form(text).strip()
    bare = " ".join(re.sub(r"[^a-z0-9 ]", " ", plain).split())
    return bool(PRIVATE_ASKED.match(plain) or PRIVATE_SAID.match(bare))


def private_side_answer(
    topic_id: Optional[str],
    topic: Optional[Topic],
    text: str,
    last_answer: str = "",
    related: Sequence[Topic] = (),
) -> Optional[str]:
    """What the topic just answered says of private buyers, when the message only asks that."""
    if topic is None or topic_id in OWN_AUDIENCE_RULES or not asks_private_side(text):
        return None
    entry = defined_entry(last_answer) if last_answer else None
    if entry is not None and entry.topic == topic_id:
        # « et le privé ? » after « c'est quoi un SPASER ? »: the term, not its topic (the Climate law)
        said = [unit for unit in units(entry.text) if SERVES_PRIVATE.search(normalize(unit))]
        if said:
            return f"Oui : {said[0][:1].lower()}{said[0][1:]}"
        name = TERM_NAME.match(entry.text)
        if name:
            subject = f"{name.group(1)[:1].lower()}{name.group(1)[1:]}"
            return (
                "Je ne sais pas si cela vaut pour les acheteurs privés : mes sources ne le précisent pas "
                f"pour {subject}. Pour des achats privés : {PRIVATE_HELPERS}"
            )
    found = [unit for body in topic_texts(topic) for unit in units(body)]
    serves = next((unit for unit in found if SERVES_PRIVATE.search(normalize(unit))), None)
    if serves:
        return f"Oui : {serves[:1].lower()}{serves[1:]}"
    whom = next((unit for unit in found if SERVES_WHOM.search(normalize(unit))), None)
    if whom:  # « Ses conditions d'utilisation … »: the topic named first, for the pronoun
        return f"{topic.title} : {whom[:1].lower()}{whom[1:]} Pour des achats privés : {PRIVATE_HELPERS}"
    # « et si on est une entreprise privée ? » after the social clauses: the topic its buttons lead to that
    # serves private buyers (the facilitator, « pour vos achats publics comme privés »)
    for other in related:
        said = next(
            (
                unit
                for body in topic_texts(other)
                for unit in units(body)
                if SERVES_PRIVATE.search(normalize(unit))
            ),
            None,
        )
        if said and NAMED_SUBJECT.match(said):
            return f"Pour des achats privés aussi : {said[:1].lower()}{said[1:]}"
    rule = next((unit for unit in found if PUBLIC_RULE.search(normalize(unit))), None)
    if rule:  # « et si on est une entreprise privée ? » after the Climate law: a rule of public procurement
        return f"{topic.title} : {rule[:1].lower()}{rule[1:]} Pour des achats privés : {PRIVATE_HELPERS}"
    return None


def worded(said: Optional[str], today: Optional[date] = None) -> Optional[str]:
    """The answer with its dates worded against today (« {since:2026-08-21} »)."""
    return compose([said], today) if said else None


def button_topics(topic: Optional[Topic], topics: Mapping[str, Topic]) -> List[Topic]:
    """The topics a topic's buttons lead to, in their order."""
    if topic is None:
        return []
    ids = [button.payload.lstrip("/").split("{")[0] for button in topic.buttons]
    return [topics[one] for one in ids if one in topics and one != topic.id]
