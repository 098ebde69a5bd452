"""National facts about the regional networks, asked directly: the fact first, never the overview.

« combien de réseaux ? », « depuis quand ? », « qui peut adhérer ? », « à quoi ça sert ? », « comment
adhérer ? », « c'est gratuit ? », « toutes les régions en ont un ? », « quelles régions n'en ont pas ? »,
« un réseau national ? »: each facet has a precise answer in knowledge/topics.yml (the course) or in
knowledge/networks.yml (the regions no entry covers), or none (the fee: said so first). Pure functions:
the facet of a message, the regions without a known network, and the reply built from the knowledge.
"""

from __future__ import annotations

import re
from typing import List, Optional

import places
from actions.focus import units
from actions.knowledge import KnowledgeBase, Topic
from actions.render import Reply, link, source_links
from actions.reply import HANDOFF_PAYLOAD, HANDOFF_TITLE
from actions.topics import topic_reply
from textnorm import normalize, question_form

NEWS = "news"
COUNT, SINCE, WHO, DOES, JOIN, FEE, EVERY, GAPS, NATIONAL = (
    "count",
    "since",
    "who",
    "does",
    "join",
    "fee",
    "every",
    "gaps",
    "national",
)

# The network topics, and the words of other subjects that own the question (the guichet vert is free,
# RAPIDD is joined online, a facilitator is counted nationally...): those keep their own answers.
NETWORK_TOPICS = ("ask_network", "ask_networks_overview")
OTHER_SUBJECT = re.compile(
    r"\b(?:guichets?|facilitat\w*|rapidd|clauses?|pnad|inclusion|spaser|agec|cci|cna|label\w*|chaleur"
    r"|wifi|sociaux|informatique|inter reseaux|emploi|plie|mde|alliance)\b"
)
NETWORK_WORD = re.compile(r"\breseaux?\b")

# « combien de X » counts X: only the networks are this module's (not their members or buyers).
COUNTED = re.compile(
    r"\b(?:combien|nombre|nb)\b(?:\s+(?:y a t il|il y a|existe t il|existent|en existe t il|actuellement))*"
    r"\s+(?:de|d)\s+(\w+)"
)
COUNT_WORD = re.compile(r"\b(?:combien|nombre|nb)\b")
SINCE_ASKED = re.compile(
    r"\b(?:depuis quand|de quand datent|date de creation|existent depuis|premiers reseaux"
    r"|(?:ont ils ete|ont ete|sont ils|sont) (?:crees|nes))\b"
)
COORDINATION = re.compile(r"\b(?:cgdd|anim\w*|coordon\w*|pilot\w*|financ\w*)\b")
JOIN_VERB = (
    r"(?:adherer|adhere|adherent|rejoindre|rejoint|inscrire|inscrit|integrer|devenir membre|faire partie"
    r"|participer)"
)
WHO_ASKED = re.compile(
    rf"\b(?:qui peut|qui peuvent|qui a le droit|ouverts? a qui|pour qui)\b.*\b{JOIN_VERB}?"
    rf"|\b(?:peut|peuvent|puis je|pouvons nous|peut on)\b.{{0,40}}\b{JOIN_VERB}\b"
)
DOES_ASKED = re.compile(
    r"\b(?:a quoi (?:ca )?sert|ca sert a quoi|servent a quoi|sert a quoi|font quoi|fait quoi|que font"
    r"|qu est ce qu ils font|quel (?:est l )?interet|pourquoi (?:adherer|rejoindre|s inscrire)"
    r"|(?:ca|ils) apporte\w* quoi|qu est ce que ca apporte|proposent quoi|que proposent)\b"
)
JOIN_ASKED = re.compile(
    rf"\bcomment\b.*\b(?:{JOIN_VERB}|adhesion|inscription|y entrer)\b"
    rf"|\b{JOIN_VERB}\b.*\bcomment\b|\bcomment (?:on )?y entre\b"
)
FEE_ASKED = re.compile(r"\b(?:gratuite?s?|payante?s?|cotisations?|cout|coute|tarifs?|prix|frais)\b")
MEMBERSHIP = re.compile(rf"\b(?:{JOIN_VERB}|adhesion|inscription)\b")
EVERY_ASKED = re.compile(
    r"\b(?:toutes les regions|chaque region|partout|toute la france|tout le territoire|dans toutes)\b"
)
GAPS_ASKED = re.compile(
    r"\b(?:quelles? regions?|quels? territoires?|ou)\b.*\b(?:pas|sans|aucun|manque\w*)\b"
    r"|\b(?:regions?|territoires?) sans reseau|\bzones? blanches?\b"
)
NATIONAL_ASKED = re.compile(
    r"\b(?:reseau|structure|organisme|instance|tete de reseau) nationale?\b|\b(?:niveau|echelle) national\b"
)
WHO_QUESTION = re.compile(r"\bqui\b")
# a second question beside a count (« … et à quoi servent-ils ? », « … et comment les contacter ? »)
OTHER_FACET = re.compile(
    r"\bet (?:a quoi|qui|quel\w*|comment|ou|que|qu est|ils|elles|c est|pourquoi)\b|\bservent\b|\?.+\?"
)
# a date or a year asked: the knowledge counts the networks in one year and gives no deadline
DATE_ASKED = re.compile(r"\b(?:quand|dates?|delais?|annee|(?:19|20)\d\d)\b")
# their events and news (« où trouver les webinaires des réseaux ? »): RAPIDD posts them (course)
NEWS_ASKED = re.compile(r"\b(?:webinaires?|evenements?|actualites?|agenda|rencontres?|newsletter)\b")


def network_facet(text: str, about_networks: bool = False) -> Optional[str]:
    """The national fact asked about the regional networks, if the message asks one.

    ``about_networks``: the previous answer was on the networks (« il y en a combien ? » after them);
    otherwise the message must say « réseau ». A date asked (« jusqu'à quand ? », « en 2026 ? ») or a
    second thing counted (« et combien d'acheteurs membres ? ») is not this module's: the usual answer
    says what is unknown."""
    plain = question_form(text)
    if OTHER_SUBJECT.search(plain):
        return None
    if not (about_networks or NETWORK_WORD.search(plain)):
        return None
    if GAPS_ASKED.search(plain) and not COUNT_WORD.search(plain):
        return GAPS
    if EVERY_ASKED.search(plain):
        return EVERY
    if SINCE_ASKED.search(plain):
        return None if COORDINATION.search(plain) else SINCE
    if DATE_ASKED.search(plain):
        return None
    if COUNT_WORD.search(plain) and not FEE_ASKED.search(plain):
        if OTHER_FACET.search(plain):
            return None  # "combien de réseaux et à quoi servent-ils ?": two things asked, the overview
        nouns = COUNTED.findall(plain)
        return COUNT if all(noun.startswith("reseau") for noun in nouns) else None
    if FEE_ASKED.search(plain) and (MEMBERSHIP.search(plain) or about_networks):
        return FEE
    if JOIN_ASKED.search(plain):
        return JOIN
    if NEWS_ASKED.search(plain):
        return NEWS
    if DOES_ASKED.search(plain):
        return DOES
    if WHO_ASKED.search(plain):
        return WHO
    if NATIONAL_ASKED.search(plain) and not WHO_QUESTION.search(plain):
        return NATIONAL
    return None


def regions_without_network(knowledge: KnowledgeBase) -> List[str]:
    """The regions that no entry of knowledge/networks.yml covers (neither a network nor a guichet vert
    carrier): the sources name no structure there, which does not prove there is none."""
    covered = {code for network in knowledge.networks.networks for code in network.regions}
    regions = [region for region in places.regions() if not region.outside_regions]
    # metropolitan regions first, then the overseas ones (INSEE codes under 10)
    ordered = sorted(regions, key=lambda region: (len(region.code) < 2 or region.code < "10", region.code))
    return [region.name for region in ordered if region.code not in covered]


def listed(names: List[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"


def gaps_sentence(knowledge: KnowledgeBase) -> str:
    names = regions_without_network(knowledge)
    if not names:
        return ""
    return (
        f"Mes sources ne citent aucun réseau régional pour ces régions : {listed(names)} "
        "(ce qui ne prouve pas qu'il n'en existe pas)."
    )


def sentence_with(topic: Topic, pattern: str) -> str:
    """The first sentence (or clause between « ; ») of the topic's texts that matches ``pattern``
    (searched in the normalised text), with a capital and a full stop."""
    texts = [topic.answer, topic.details or "", topic.next_step or ""]
    for unit in units("\n".join(texts)):
        for clause in unit.split(" ; ") if " ; " in unit else [unit]:
            if re.search(pattern, normalize(clause)):
                clause = clause.strip().rstrip(".")
                return f"{clause[:1].upper()}{clause[1:]}."
    return ""


# No source gives the fee of a regional network: said first, like any unknown figure, with the hand-over
# to the guichet vert (actions/followup.py), then what is known (the guichet vert is free).
UNKNOWN_FEE = (
    "Je n'ai pas ce chiffre : le coût de l'adhésion à un réseau régional ne figure pas dans mes sources, et "
    "je préfère ne pas l'inventer. Le réseau de votre région pourra vous répondre."
)


def network_fact_replies(
    knowledge: KnowledgeBase, facet: str, place_line: str = "", private: bool = False
) -> List[Reply]:
    """The reply to a national fact about the networks: the fact first, from the knowledge; then where
    to go (RAPIDD, the national contacts, the buyer's own network ``place_line`` or a request for the
    buyer's place). ``private``: a private buyer, whom the networks of public buyers do not take: none
    for who may join, how and at what cost (the private supports answer)."""
    if private and facet in (WHO, JOIN, FEE):
        return []
    topics = knowledge.topics
    overview = topics["ask_networks_overview"]
    network = topics["ask_network"]
    rapidd = topics["ask_rapidd"]
    national = knowledge.networks.national
    where = place_line or network.next_step or ""
    count = sentence_with(overview, r"\b\d+ reseaux regionaux\b")
    lead: List[str]
    extra_sources = []
    joined = sentence_with(rapidd, r"\ben vous inscrivant\b")
    by_rapidd = f"Par la plateforme RAPIDD : {joined[:1].lower()}{joined[1:]}" if joined else ""
    if facet == COUNT:  # the count, then where they are all listed (the national entry points)
        lead = [count, national.text]
        extra_sources = list(national.sources)
    elif facet == SINCE:
        lead = [sentence_with(overview, r"\bpremiers reseaux\b.*\b\d{4}\b"), count]
    elif facet == WHO:
        lead = [sentence_with(network, r"\bacteurs publics\b"), by_rapidd]
        extra_sources = list(rapidd.sources)
    elif facet == DOES:
        lead = [
            sentence_with(overview, r"\baccompagnent les acheteurs publics\b"),
            sentence_with(overview, r"\bmutualisent\b.*\bpasser a l acte\b"),
        ]
    elif facet in (JOIN, NEWS):
        lead = [by_rapidd, rapidd.next_step or ""]
        extra_sources = list(rapidd.sources)
    elif facet == FEE:  # said unknown first (UNKNOWN_FEE), then the buyer's network or where
        lead = []
    elif facet == EVERY:
        lead = ["Pas encore partout.", count, gaps_sentence(knowledge)]
        extra_sources = list(national.sources)
    elif facet == GAPS:
        lead = [gaps_sentence(knowledge), national.text]
        extra_sources = list(national.sources)
        where = ""
    elif facet == NATIONAL:
        inter = re.search(r"inter-réseaux « [^»]+ »", overview.answer)
        since = re.search(r"\b(\d{4}), le CGDD anime\b", overview.details or "")
        lead = [
            f"Au niveau national, les réseaux régionaux sont réunis dans l'{inter.group(0)}"
            + (f", animé par le CGDD depuis {since.group(1)}." if since else ".")
            if inter
            else "",
            national.text,
        ]
        extra_sources = list(national.sources)
        where = ""
    else:
        return []
    parts = [part for part in lead if part]
    if not parts and facet != FEE:
        return []
    base = topic_reply(knowledge, overview, "")
    text = "\n".join([*parts, where] if where else parts)
    reply = Reply(
        text=text,
        buttons=base.buttons,
        details=base.details if base.details not in text else "",
        links=[link(item.title, item.url) for item in national.links]
        if facet in (COUNT, GAPS, EVERY, NATIONAL)
        else base.links,
        sources=source_links(overview.sources, extra_sources),
        topic="ask_networks_overview",
        entries=base.entries,
        id=base.id,
    )
    return (
        [Reply(UNKNOWN_FEE, [{"title": HANDOFF_TITLE, "payload": HANDOFF_PAYLOAD}]), reply]
        if facet == FEE
        else [reply]
    )


# « il vient d'où à l'origine ? », « quelle est son histoire ? », « c'est né comment ? »: the origin of the
# structure just named; answered like « depuis quand ? » by the sentence of its entry that dates it.
ORIGIN_ASKED = re.compile(
    r"^(?:et |mais |ok |alors |du coup |au fait )*"
    r"(?:(?:il|elle|ils|elles|ca|ce reseau|cette structure|le reseau) )?"
    r"(?:vien\w* d ou|d ou (?:il |elle |ils |elles |ca )?vien\w*(?: ce reseau| cette structure)?"
    r"|(?:est|sont|c est) (?:nee?s?|apparue?s?) (?:quand|comment|ou)"
    r"|a commence (?:quand|comment)|(?:a ete|ont ete) (?:cree|creee|crees|fonde\w*) comment"
    r"|(?:(?:quelle|quel) est |c est quoi )?(?:son|leur) (?:histoire|historique|origine)"
    r"|(?:quelles sont |c est quoi )?(?:ses|leurs) origines)"
    r"(?: (?:a l origine|au depart|au debut|exactement|au juste))?\W*$"
)


def asks_structure_origin(text: str) -> bool:
    """Where the structure just named comes from: its history, asked with a pronoun or none."""
    return bool(ORIGIN_ASKED.search(question_form(text).strip(" ?!.")))
