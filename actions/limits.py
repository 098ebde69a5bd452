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
from topic_names import without_technical_networks

# The buyer's own documents, which a service may be asked to write (« il fait mon DCE ? »: focus.ASKS_DRAFT),
# and every document the assistant is asked to draft or review.
DRAFTED_DOCUMENTS = (
    r"(?:clauses?|cahiers? des charges|ccap|cctp|dce|rc|reglement de (?:la )?consultation|pieces?"
    r"|spaser|documents?|dossiers?|memoires? techniques?)"
)
DOCUMENTS = DRAFTED_DOCUMENTS[:-1] + r"|marches?|avis|criteres?|offres?|contrats?)"
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
    # publicity and thresholds of procedure (« à partir de quel montant on publie ? »)
    r"|\bpublicit\w*|\bpubli(?:er|e|ons) (?:au|dans le|un avis)\b|\bprocedures? formalisees?\b|\bmapa\b"
    r"|\bgre a gre\b|\bmise en concurrence\b|\bstandstill\b|\bdelais? de suspension\b"
    # candidates' appeals and the letters sent to them
    r"|\brecours\b|\bcontest\w* (?:l |la |notre |le )?(?:attribution|rejet|decision)\b"
    r"|\bcandidats? (?:evinces?|non retenus?|ecartes?|rejetes?|malheureux)\b|\blettres? de rejet\b"
    # how a contract is set up and awarded: lots, variants, framework agreements, regularisation
    r"|\ballotissement\b|\bvariantes?\b|\baccords? cadres?\b|\bacte d engagement\b|\bregularis\w*"
    r"|\bbons? de commande\b|\bcommission d appel d offres\b|\bcao\b"
)
# What makes a procurement question ours: its sustainable, social or environmental side.
SUSTAINABLE_SIDE = re.compile(
    r"\bdurabl\w*|\benvironn\w*|\becolo\w*|\bvert\w*|\bsocia\w*|\binsertion\b|\bclauses?\b|\breemploi\b"
    r"|\brecycl\w*|\breconditionn\w*|\bseconde main\b|\bd occasion\b"
    r"|\bagec\b|\blabels?\b|\bbiosourc\w*|\bhandicap\w*|\besat\b|\bsiae\b|\bclimat\w*"
    r"|\bcarbone\b|\bresponsables?\b|\breserv\w*|\binclusi\w*|\bspaser\b|\bpnad\b|\bguichet\b"
    # « entreprises adaptées », not « procédure adaptée »
    r"|\bverdi\w*|\b(?<!procedure )(?<!procedures )adaptees?\b|\bhandi\w*|\bdechets?\b|\benergi\w*"
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
    # « le VPN ne se connecte plus », « outlook plante », « je n'arrive pas à me connecter »
    r"|\bne (?:se )?(?:connecte|lance|charge|synchronise|s ouvre)\w* (?:plus|pas)\b|\bvpn\b"
    r"|\b(?:plante|bloque|freeze) (?:a chaque|tout le temps|quand|des que|depuis)\b|\ba plante\b"
    r"|\bn arrive (?:plus |pas )a (?:me |m )?(?:connecter|ouvrir|imprimer|scanner|acceder)\b"
    r"|\b(?:super|tres|trop) lent\b|\btableaux? croises?\b|\bexcel\b|\boutlook\b|\bteams\b"
)
# An agent's own working conditions (« combien de jours de congés ? », « la grille de salaire d'un
# acheteur ? », « recruter un contractuel ») : human resources, not purchasing, unless the message asks
# about the sustainable side (« recruter des personnes en insertion »).
STAFF_MATTERS = re.compile(
    r"\bconges?\b|\bteletravail\b|\bsalaires?\b|\bgrilles? indiciaires?\b|\brecrut\w*|\barrets? maladie\b"
    r"|\bjours? de carence\b|\btickets? (?:resto|restaurant)s?\b"
    # « changer de mutuelle santé », not « on est une mutuelle » (a private buyer)
    r"|\bmutuelles? (?:sante|complementaires?)\b|\b(?:ma|de|notre) mutuelle\b|\bfiches? de paie\b"
    r"|\bentretien (?:annuel|professionnel)\b|\bmutation\b|\bavancement de grade\b"
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


def asks_staff_matter(text: str) -> bool:
    """An agent's own working conditions (leave, pay, recruitment), with no sustainable side."""
    plain = question_form(text)
    return bool(STAFF_MATTERS.search(plain)) and not SUSTAINABLE_SIDE.search(plain)


# A leisure or everyday request of one's own (« un bon resto à Lille ? », « la météo demain »,
# « où sortir ce soir ? »): no purchase of an organisation, whatever place it names.
LEISURE = re.compile(
    r"\brestos?\b(?! (?:u|universitaires?|administratifs?|collectifs?|scolaires?|d entreprise)\b)"
    r"|\b(?:bons?|meilleurs?|sympas?|chouettes?)"
    r" (?:restaurants?|bars?|cafes?|hotels?|cinemas?|films?|series?)\b"
    r"|\bou (?:manger|diner|dejeuner|sortir|dormir|boire un verre)\b"
    r"|\bmeteo\b|\bquel temps (?:fait|fera|va)\b|\brecettes? de cuisine\b"
)

# Collective catering, organic or local food: a purchase subject (« où manger bio dans nos cantines ? »).
CATERING = re.compile(
    r"\b(?:bio|local\w*|cantines?|restauration|repas"
    r"|restaurants? (?:administratifs?|collectifs?|scolaires?))\b"
)


def asks_leisure(text: str) -> bool:
    """A leisure or everyday request, with no sustainable side and no purchase of the buyer's."""
    plain = question_form(text)
    return bool(LEISURE.search(plain)) and not (
        SUSTAINABLE_SIDE.search(plain) or PURCHASE_ASKED.search(plain) or CATERING.search(plain)
    )


def off_domain(text: str) -> bool:
    """IT support, human resources or leisure: out of scope, whatever topic DIET guessed."""
    return asks_breakdown_help(text) or asks_staff_matter(text) or asks_leisure(text)


def only_technical_networks(text: str) -> bool:
    """Every « réseau » of the message is one of another kind than buyers' (« le marché de notre réseau de
    chaleur »), whatever else it asks."""
    plain = question_form(text)
    return bool(NETWORK_WORD.search(plain)) and not NETWORK_WORD.search(without_technical_networks(plain))


# The topic a purchase for a technical network asks about, when it names none: its social side, a reserved
# contract, else how to make the purchase greener.
SOCIAL_ASKED = re.compile(r"\binsertion\b|\bclauses? sociales?\b|\bsocial\w*|\bemploi\b")
AGEC_ASKED = re.compile(r"\breconditionn\w*|\breemploi\b|\brecycl\w*|\bseconde main\b|\bd occasion\b")
RESERVED_ASKED = re.compile(r"\breserv\w*|\besat\b|\bsiae\b|\bentreprises? adaptees?\b|\bhandicap\w*")


def technical_network_topic(text: str, named: List[str]) -> str:
    """The question of a domain message about a technical network (« réseau de chaleur … achat durable ? »):
    the topic it names, else the social side, a reserved contract or the environmental considerations."""
    if named:
        return named[0]
    plain = without_technical_networks(question_form(text))
    if AGEC_ASKED.search(plain):
        return "ask_agec"
    if RESERVED_ASKED.search(plain):
        return "ask_reserved_contracts"
    if SOCIAL_ASKED.search(plain):
        return "ask_social_clause"
    return "ask_environmental_considerations"


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


GENERAL_TERM_TAIL = (
    " dans mes sources : je ne traite que les achats durables, et les règles générales de la commande "
    "publique n'y figurent pas. Le code de la commande publique, sur Légifrance, fait foi."
)


def general_term_reply(knowledge: KnowledgeBase, unknown: Reply) -> Reply:
    """« c'est quoi le seuil de procédure formalisée ? »: the term said unknown (its lead kept), routed to
    the code, not to the guichet vert, which advises on the environment only."""
    lead, found, _ = unknown.text.partition(" dans mes sources")
    if not found:
        return unknown
    code = knowledge.guides[CODE_GUIDE]
    return Reply(lead + GENERAL_TERM_TAIL, unknown.buttons, links=[link(code.title, code.url)])


def asks_service_review(text: str) -> bool:
    """« ils font de la relecture de DCE ? », « elle relit les cahiers des charges ? »: whether a service
    reads over or drafts the buyer's documents, asked of that service, not of the assistant."""
    plain = question_form(text)
    return bool(DRAFT_OR_REVIEW.search(plain)) and not ADDRESSED.search(plain)


# A purchase for oneself (« m'acheter un vélo », « pour mon appartement »): the assistant serves the buyers
# of organisations, and the rules it knows bind them, not households. Only words that cannot be a buyer's
# at work: « pour ma famille d'achats », « pour mon jardin partagé communal », « pc perso interdits » and
# « à titre personnel, je m'intéresse au PNAD » are organisations' questions.
PERSONAL_PURCHASE = re.compile(
    r"\bm acheter\b|\bje m achete\b|\bpour chez moi\b"
    r"|\bpour (?:mon|ma) (?:appart\w*|logement|domicile|usage perso\w*)\b"
)
PERSONAL_TEXT = (
    "Désolé, je ne traite que les achats durables des organisations (administrations, collectivités, "
    "établissements, entreprises), pas les achats personnels. Si vous achetez pour votre organisation, "
    "dites-le-moi et je vous réponds."
)


def personal_purchase_reply(text: str, menu: List[Dict[str, str]]) -> Optional[Reply]:
    """A purchase for oneself, said out of scope with what the assistant does instead."""
    return Reply(PERSONAL_TEXT, menu) if PERSONAL_PURCHASE.search(question_form(text)) else None
