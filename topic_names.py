"""The services, laws and plans a message can name in so many words, and the question each one is.

One list for the Rasa server (nlu_components/retrieval.py: a named topic wins over an unsure "out of
scope") and the action server (actions/understanding.py: a message that names a service is answered
about it). Pure Python: neither server's package imports the other's. Patterns apply to text in
``textnorm.normalize`` form.
"""

from __future__ import annotations

import re
from typing import List, Pattern, Tuple

# A wish to exchange with other buyers ("des retours d'expérience d'autres collectivités", "un réseau
# social pour échanger entre acheteurs", "discuter avec des collègues d'autres collectivités"); not a
# supplier who wants to meet collectivités.
_PEERS = r"(?:d autres |les autres |des |entre |nos |les )?(?:acheteu\w*|pairs|collegues|homologues)"
_MEET = r"(?:rencontr|connaitr|croise|retrouv)"
PEER_EXCHANGE = (
    r"\breseaux? socia(?:l|ux)\b|\bretours? d experiences?\b|\bretex\b"
    rf"|\b(?:echanger|discuter|partager|dialoguer)\w* (?:\w+ ){{0,5}}?(?:avec|entre) {_PEERS}\b"
    r"|\bpartag\w* (?:de |des |nos |les |ses )?(?:bonnes )?pratiques\b"
    # "rencontrer d'autres acheteurs engagés", not "rencontrer des acheteurs" (a supplier's wish)
    rf"|\b{_MEET}\w* (?:\w+ ){{0,2}}?(?:d autres|les autres) (?:acheteu\w*|collectivites)\b"
    rf"|\b{_MEET}\w* (?:\w+ ){{0,2}}?(?:des |nos |les )?(?:pairs|collegues|homologues)\b"
)
SOCIAL_CONDITION = r"\bconditions? d execution sociales?\b|\bcondition sociale\b(?! (?:des|de|du) )"
TOPIC_NAMES: List[Tuple[str, str]] = [
    (r"\bguichets? verts?\b", "ask_guichet_vert"),
    # only RAPIDD's entry has the networks' webinars; it is "a professional social network" where
    # buyers exchange with their peers (its terms of use)
    (r"\brapidd?\b|\bwebinaires?\b|" + PEER_EXCHANGE, "ask_rapidd"),
    (r"\bpnad\b|\bplan national (?:pour des |des )?achats durables\b|\bministres?\b", "ask_pnad"),
    (r"\bcna\b|\bconseil national des achats\b|\brfar\b", "ask_cna"),
    (
        r"\bcci\b|\bchambres? de commerce\b|\bclubs? strategies? achats?\b|\bc\.?e\.?s\.?a\.?r\b|\bcsa ?34\b"
        # « un club d'acheteurs » (the topic's own title), not a club of companies
        r"|\bclubs? (?:d |des )?acheteu\w*\b"
        r"|\bclubs? (?:qui )?(?:regroup|reuni|rassembl)\w* (?:les |des )?acheteu",
        "ask_cci",
    ),
    (r"\bagefiph\b", "ask_agefiph"),
    (r"\bentreprises s engagent\b", "ask_entreprises_engagent"),
    (r"\bconseillers? entreprises\b|\bplace des entreprises\b", "ask_conseillers_entreprises"),
    (r"\bmarche de l inclusion\b", "ask_marche_inclusion"),
    (
        r"\bfacilitat(?:eur|eurs|rice|rices)\b|\balliance villes? emploi\b|\bmaisons? de l emploi\b|\bplie\b",
        "ask_facilitator",
    ),
    (
        r"\breseaux? (?:regionaux|regional|d acheteurs|territoriaux)\b|\binter ?reseaux?\b|\breseco\b|\b3ar\b"
        r"|\b(?:mon|notre) reseau\b"
        r"|\bmaximilien\b|\bapure\b|\baura ee\b|\brredd\b|\barbe\b|\barnia\b|\bres ?occ\b|\bran coper\b",
        "ask_network",
    ),
    (
        r"\bdeclar(?:er|ation)\b.*\b(?:agec|reemploi)\b|\b(?:agec|reemploi)\b.*\bdeclar(?:er|ation)\b",
        "ask_agec_declaration",
    ),
    # the national plan's predecessor and its baseline ("le plan 2015-2020", "part des marchés notifiés")
    (
        r"\bplan 2015 ?2020\b|\b(?:ancien|precedent) plan national\b|\b(?:marches|contrats) notifies\b"
        r"|\b(?:plan|celui) (?:d avant|precedent|de) (?:celui de )?2015 ?2020\b",
        "ask_pnad",
    ),
    (r"\bagec\b|\barticle 58\b|\banti ?gaspi|\bdecret (?:n )?2024 ?134\b|\b2020 ?105\b", "ask_agec"),
    (
        # "la condition sociale obligatoire", not "les conditions sociales des travailleurs en ESAT"
        r"\bclauses? (?:social(?:es?)?|d insertion)\b|" + SOCIAL_CONDITION,
        "ask_social_clause",
    ),
    (r"\bmarches? reserves?\b", "ask_reserved_contracts"),
    # « qu'est-ce qu'un lot réservé ? »: a lot reserved is the same scheme
    (r"\blots? reserves?\b", "ask_reserved_contracts"),
    (r"\blabel (?:batiment )?biosource\b", "ask_biosourced_label"),
    (r"\bbiosource|\bre ?2020\b", "ask_biosourced"),
    (r"\becolabels?\b|\bnf environnement\b", "ask_ecolabels"),
    (
        r"\bloi climat\b|\bseuils? europeens?\b|\bdecret (?:n )?2022 ?767\b|\b2021 ?1104\b|\bspaser\b"
        # the law's article 35, its rules for concessions and for renewable-energy contracts
        r"|\barticle 35\b|\bconcessionnaires?\b|\bphotovoltai\w*|\beoliennes?\b|\benergies? renouvelables?\b"
        r"|\bcriteres? (?:d attribution )?environnementa(?:l|ux) obligatoires?\b"
        # "on n'est pas obligés de mettre un critère environnemental ?"
        r"|\boblig\w* (?:\w+ ){0,4}criteres? (?:d attribution )?environnementa",
        "ask_climate_law",
    ),
    (r"\bclauses? environnementales?\b", "ask_environmental_considerations"),
]
NAMED_TOPIC_PATTERNS: List[Tuple[Pattern[str], str]] = [(re.compile(p), intent) for p, intent in TOPIC_NAMES]


# A network of another kind than buyers' (« notre réseau de chaleur », « le réseau d'eau », « vu sur les
# réseaux sociaux »): it names no topic, though a question about buying for it may be ours. « un réseau
# social pour échanger entre acheteurs » stays a wish to meet peers (RAPIDD).
TECHNICAL_NETWORK_KINDS = (
    r"wifi|wi fi|internet|mobiles?|telephon\w*|electriques?|informatiques?|ferres?|ferroviaires?|routiers?"
    r"|d eau(?: potable)?|de chaleur(?: urbains?)?|de froid|de gaz|[345] ?g|fibre|tv|telecom\w*|cellulaires?"
    r"|d assainissement|de (?:bus|transports?|tram\w*|metro|distribution)"
)
TECHNICAL_NETWORK_PHRASE = re.compile(
    r"\breseaux? (?:" + TECHNICAL_NETWORK_KINDS + r")\b|\b(?:sur|via|par) (?:les|des) reseaux sociaux\b"
)


def without_technical_networks(plain: str) -> str:
    """``plain`` (normalised) without the networks of another kind than buyers'."""
    return " ".join(TECHNICAL_NETWORK_PHRASE.sub(" ", plain).split())
