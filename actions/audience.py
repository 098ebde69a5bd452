"""« et pour les entreprises privées ? » right after a topic: whether that topic serves private buyers.

The elliptical question asks about the topic just answered, for another kind of buyer: not « who helps a
private buyer ». A sentence of the topic that names private buyers answers it (« pour vos achats publics
comme privés »: yes); else a sentence that says whom it serves (« le réseau des acheteurs publics »),
followed by who supports private buyers. A topic that says neither is left to the usual routing.
"""

from __future__ import annotations

import re
from typing import Optional

from actions.context_rules import PRIVATE_HELPERS
from actions.focus import units
from actions.followup import topic_texts
from actions.knowledge import Topic
from actions.term_followup import defined_entry
from textnorm import normalize, question_form

# Only the elliptical form: « et pour les entreprises privées ? », « et le privé ? », « et pour une PME ? ».
PRIVATE_ASKED = re.compile(
    r"^(?:et|mais|ok et|d accord et)? ?(?:(?:c est |ca vaut |ca marche |valable )?(?:aussi |egalement )?"
    r"(?:pour|chez|concernant|cote) )?(?:les |des |une |un |la |le |nous les |nos )?"
    r"(?:entreprises?(?: privees?)?|societes?(?: privees?)?|acheteurs prives|secteur prive|prive|pme|tpe"
    r"|boites? privees?)(?: aussi| egalement)? ?\??$"
)
# A sentence that says private buyers are served too.
SERVES_PRIVATE = re.compile(r"\bpublic\w* (?:et|comme) priv\w*|\bacheteurs priv\w*")
# A sentence that says whom a topic serves.
SERVES_WHOM = re.compile(r"\bacheteurs publics\b|\bsoumis au code de la commande publique\b")
# Topics already answered for a private buyer by their own rules (AGEC says « non pour une entreprise
# privée »; the guichet vert and the private helpers have their audience sentences).
OWN_AUDIENCE_RULES = frozenset(
    "ask_agec ask_agec_declaration ask_guichet_vert ask_private_support ask_cci ask_cna ask_agefiph"
    " ask_entreprises_engagent ask_conseillers_entreprises".split()
)


# The subject an entry defines (« Le SPASER est … » -> « Le SPASER »), short enough to be a name.
TERM_NAME = re.compile(r"^((?:\S+ ){0,5}?\S+) (?:est|sont) ")


def asks_private_side(text: str) -> bool:
    return bool(PRIVATE_ASKED.match(question_form(text).strip()))


def private_side_answer(
    topic_id: Optional[str], topic: Optional[Topic], text: str, last_answer: str = ""
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
    return None
