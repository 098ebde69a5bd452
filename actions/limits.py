"""What the assistant does not do, said before it routes the question: it drafts no document of a
contract, reviews none and gives no legal advice on a given case (nor does the guichet vert, whose
limits the knowledge quotes); a supplier's application forms are out of its scope."""

from __future__ import annotations

import re
from typing import Dict, List, Optional

from actions.knowledge import KnowledgeBase
from actions.legal_refs import CODE_GUIDE
from actions.render import link
from actions.reply import Reply
from textnorm import question_form

DOCUMENTS = (
    r"(?:clauses?|cahiers? des charges|ccap|cctp|dce|rc|reglement de (?:la )?consultation|pieces?"
    r"|marches?|avis|criteres?|spaser|documents?|dossiers?|offres?|contrats?|memoires? techniques?)"
)
# "pouvez-vous me rédiger une clause ?", "tu peux relire mon DCE ?", "écris-moi le cahier des charges"
DRAFT_OR_REVIEW = re.compile(
    r"\b(?:redig|ecri[rtv]|relir|reli[st]\w*|relecture|corrig|verifi|valid)\w*"
    r"(?: \w+){0,4} " + DOCUMENTS + r"\b"
    # "vous pouvez me faire un modèle de SPASER ?"
    r"|\b(?:fair|fai[st]|fourni|donn|envoy)\w* (?:un |une |des )?(?:modeles?|trames?) (?:de |d )?"
    + DOCUMENTS
    + r"\b"
)
LEGAL_ADVICE = re.compile(
    r"\b(?:conseils?|avis|expertises?|consultations?|analyses?|aide) juridiques?\b|\bavocats?\b"
)
# Asked of the assistant, not of a service ("le guichet vert peut relire mon DCE ?" is about the service).
ADDRESSED = re.compile(
    r"^(?:(?:bonjour|salut|svp|stp) )?(?:redig|ecri[sv]|reli[st]|corrig|verifi|valid)\w*\b"
    r"|\b(?:pouvez vous|peux tu|tu peux|vous pouvez|pourriez vous|pourrais tu|tu pourrais|vous pourriez"
    r"|aidez moi a|aide moi a|aidez nous a) (?:me |m |nous )?"
    r"(?:redig|ecri[rv]|relir|corrig|verifi|valid|fair|fourni|donn|envoy)"
    r"|\b(?:j ai besoin|je voudrais|je souhaite|j aimerais|je cherche|il me faut|on a besoin"
    r"|nous avons besoin)\b.*\b(?:juridique|avocat)"
    r"|\b(?:redigez|redige|relisez|relis|ecrivez|ecris|corrigez|corrige|verifiez|verifie) ?(?:moi|nous)\b"
)
LIMIT_TEXT = (
    "Je ne rédige pas et ne relis pas les pièces d'un marché, et je ne donne pas de conseil juridique "
    "sur un dossier précis."
)
THEN_ROUTED = " Voici ce que je peux vous en dire."
THEN_MENU = " Je peux en revanche vous orienter : de quel sujet s'agit-il ?"


def asks_what_is_not_done(text: str) -> bool:
    """The message asks the assistant to draft or review a document of a contract, or for legal advice."""
    plain = question_form(text)
    return bool((DRAFT_OR_REVIEW.search(plain) or LEGAL_ADVICE.search(plain)) and ADDRESSED.search(plain))


def limit_reply(text: str, menu: Optional[List[Dict[str, str]]] = None) -> Optional[Reply]:
    """What the assistant does not do, then either the answer that follows it or, with ``menu``, the
    topics it can route to."""
    if not asks_what_is_not_done(text):
        return None
    return Reply(LIMIT_TEXT + THEN_MENU, menu) if menu else Reply(LIMIT_TEXT + THEN_ROUTED)


# A supplier's application paperwork (« comment remplir le DC1 ? »): out of scope unless a topic is named.
APPLICATION_FORMS = re.compile(
    r"\b(?:dc ?[1-4]|dume|kbis|attestations? (?:urssaf|fiscales?|sociales?|de regularite))\b"
)


def asks_application_paperwork(text: str) -> bool:
    return bool(APPLICATION_FORMS.search(question_form(text)))


# The general rules of public procurement, not its sustainable side (« comment calculer les pénalités de
# retard ? », « la sous-traitance est-elle autorisée ? »): out of scope, said as such with the code to read.
GENERAL_RULES = re.compile(
    r"\bpenalites? de retard\b|\bdelais? (?:global )?de paiement\b|\binterets? moratoires\b"
    r"|\bdelais? (?:minima\w* |legaux? )?(?:de (?:reception|remise|publication)|de depot) des"
    r" (?:offres|candidatures)\b"
    r"|\bsous ?trait\w*|\bavances? forfaitaires?\b"
    r"|\bnegoci\w*|\bseuils? de procedure\b|\boffres? anormalement basses?\b|\bretenue de garantie\b"
    r"|\brevision des prix\b|\bavenants?\b|\bresiliation\b|\breferes?\b|\bboamp\b"
)
# What makes a procurement question ours: its sustainable, social or environmental side.
SUSTAINABLE_SIDE = re.compile(
    r"\bdurabl\w*|\benvironn\w*|\becolo\w*|\bvert\w*|\bsocia\w*|\binsertion\b|\bclauses?\b|\breemploi\b"
    r"|\brecycl\w*|\bagec\b|\blabels?\b|\bbiosourc\w*|\bhandicap\w*|\besat\b|\bsiae\b|\bclimat\w*"
    r"|\bcarbone\b|\bresponsables?\b|\breserv\w*|\binclusi\w*|\bspaser\b|\bpnad\b|\bguichet\b"
    r"|\bverdi\w*|\badaptees?\b|\bhandi\w*|\bdechets?\b|\benergi\w*"
)
GENERAL_RULES_TEXT = (
    "Désolé, je ne traite que les questions d'achats durables : les règles générales de la commande "
    "publique (délais, pénalités, sous-traitance, négociation…) ne figurent pas dans mes sources. Le code de "
    "la commande publique, sur Légifrance, fait foi."
)


# A device or an account that does not work ("mon imprimante ne marche plus, vous pouvez m'aider ?"):
# support the assistant does not give, unless the message asks about its sustainable side.
BREAKDOWN = re.compile(
    r"\bne (?:marche|fonctionne|s allume|demarre|imprime|scanne|repond|veut) (?:plus|pas)\b|\ben panne\b"
    r"|\bmots? de passe\b"
    r"|\bbeugu?e?\b|\bbugu?e?\b"
)


# A network of another kind than buyers' (« mon réseau wifi ne marche plus », « le réseau ferré ») when
# every « réseau » of the message is one.
TECHNICAL_NETWORK = re.compile(
    r"\breseaux? (?:wifi|wi fi|internet|mobiles?|telephon\w*|electriques?|informatiques?|ferres?"
    r"|ferroviaires?|routiers?|sociaux|d eau|de chaleur|de gaz|[345] ?g|fibre|tv|telecom\w*"
    r"|cellulaires?|d assainissement|de (?:bus|transports?|tram\w*|metro|distribution))\b"
)
NETWORK_WORD = re.compile(r"\breseaux?\b")
# What a buyer asks besides the network itself (« … de notre réseau de transports, quelles obligations de
# véhicules propres ? »): a question of the domain after all.
PURCHASE_ASKED = re.compile(
    r"\b(?:achats?|achet\w*|(?:un|le|du|ce|ces|nos|vos|les|des|notre|votre) marches?|commande|criteres?"
    r"|obligat\w*|rse|propres?|vehicules?|pnad|spaser"
    r"|fournisseu\w*|prestataires?|cahier|consultation|appel d offres)\b"
)


def names_technical_network(text: str) -> bool:
    """Every « réseau » of the message is a technical one, and nothing of the domain is asked."""
    plain = question_form(text)
    count = len(NETWORK_WORD.findall(plain))
    technical = len(TECHNICAL_NETWORK.findall(plain))
    asked = SUSTAINABLE_SIDE.search(plain) or PURCHASE_ASKED.search(plain)
    return bool(count) and technical == count and not asked


def asks_breakdown_help(text: str) -> bool:
    plain = question_form(text)
    return bool(BREAKDOWN.search(plain)) and not SUSTAINABLE_SIDE.search(plain)


def asks_general_rule(text: str) -> bool:
    """A question on the general rules of public procurement, with no sustainable side."""
    plain = question_form(text)
    return bool(GENERAL_RULES.search(plain)) and not SUSTAINABLE_SIDE.search(plain)


def general_rule_reply(knowledge: KnowledgeBase, text: str, menu: List[Dict[str, str]]) -> Optional[Reply]:
    """Out of scope, said as such, with the code de la commande publique to read (knowledge/guides.yml)."""
    if not asks_general_rule(text):
        return None
    code = knowledge.guides[CODE_GUIDE]
    return Reply(GENERAL_RULES_TEXT, menu, links=[link(code.title, code.url)])


def asks_service_review(text: str) -> bool:
    """« ils font de la relecture de DCE ? », « elle relit les cahiers des charges ? »: whether a service
    reads over or drafts the buyer's documents, asked of that service, not of the assistant."""
    plain = question_form(text)
    return bool(DRAFT_OR_REVIEW.search(plain)) and not ADDRESSED.search(plain)


# A purchase for oneself (« m'acheter un vélo », « pour mon appartement », « mon téléphone perso »): the
# assistant serves the buyers of organisations, and the rules it knows bind them, not households.
PERSONAL_PURCHASE = re.compile(
    r"\bm acheter\b|\ba titre (?:personnel|prive)\b|\ben tant que particulier\b"
    r"|\bje suis (?:un |une )?particulier(?:e|s)?\b"
    r"|\bpour (?:mon|ma) (?:appart\w*|logement|domicile|salon|jardin|famille)\b"
    r"|\b(?:telephone|portable|voiture|velo|ordi\w*|pc) (?:perso|personnel)\b"
)
PERSONAL_TEXT = (
    "Désolé, je ne traite que les achats durables des organisations (administrations, collectivités, "
    "établissements, entreprises), pas les achats personnels. Si vous achetez pour votre organisation, "
    "dites-le-moi et je vous réponds."
)


def personal_purchase_reply(text: str, menu: List[Dict[str, str]]) -> Optional[Reply]:
    """A purchase for oneself, said out of scope with what the assistant does instead."""
    return Reply(PERSONAL_TEXT, menu) if PERSONAL_PURCHASE.search(question_form(text)) else None
