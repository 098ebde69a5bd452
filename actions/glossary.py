"""Definitions of the acronyms and terms buyers meet in the answers ("c'est quoi un ESAT ?").

Each definition states only what the course or the research dossier says (the sources are those the
knowledge base cites for the same facts), then points to the topic that goes further. Terms that are a
topic of their own (guichet vert, RAPIDD, PNAD, marché réservé, clause sociale...) are answered by
their topic, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import List, Optional, Sequence, Tuple

from actions.knowledge import Source
from actions.render import Reply, compose, source_links
from textnorm import question_form
from topic_names import NAMED_TOPIC_PATTERNS

COURSE = Source(
    url="https://openclassrooms.com/fr/courses/7716516-engagez-vous-dans-lachat-durable/8265645-appuyez-vous-sur-des-reseaux-nationaux-et-locaux",
    checked=date(2026, 11, 30),
    title="Cours « Engagez-vous dans l'achat durable » (OpenClassrooms, mis à jour le 26/01/2024)",
    kind="course",
    section="Acheteurs publics et privés, mobilisez les facilitateurs de clauses sociales !",
)


def _source(url: str, title: str, checked: date = date(2026, 11, 25)) -> Source:
    return Source(url=url, checked=checked, title=title)


RESERVED = _source(
    ""
    "https://www.code-commande-publique.com/reservation-de-marches-ou-de-lots-de-marches-l-2113-12-s-r-2113-7/",
    "Réservation de marchés ou de lots (L. 2113-12 et s., R. 2113-7)",
)
ENV_CODE = _source(
    ""
    "https://transitions.landot-avocats.net/2021/03/11/quels-sont-les-taux-minima-de-produits-recycles-dans-la-"
    "commande-publique/",
    "Réemploi, réutilisation, recyclage et commande publique (Landot avocats)",
)
SPASER = _source(
    "https://www.associatheque.fr/fr/actualite-nouveaux-criteres-pour-commande-publique.html",
    "Nouveaux critères pour la commande publique (Associathèque)",
)
WEKA_FACILITATORS = _source(
    ""
    "https://www.weka.fr/marches-publics/dossier-pratique/pratique-de-l-achat-durable-dt31/clauses-sociales-dans-"
    "les-marches-publics-se-faire-accompagner-par-les-facilitateurs-7978/",
    "Clauses sociales : se faire accompagner par les facilitateurs (Weka)",
)
PNAD_PILOT = _source(
    ""
    "https://www.banquedesterritoires.fr/le-nouveau-plan-national-pour-des-achats-durables-2022-2025-est-publie",
    "Le nouveau PNAD 2022-2025 est publié (Banque des Territoires)",
)
DREETS_AAP = _source(
    ""
    "https://bourgogne-franche-comte.dreets.gouv.fr/2eme-appel-a-projet-Augmentation-du-nombre-de-facilitateurs-"
    "et-de-coordinateurs",
    "2e appel à projets : augmentation du nombre de facilitateurs et de coordinateurs "
    "(DREETS Bourgogne-Franche-Comté, 29/03/2023)",
)
OECP_GUIDE = _source(
    "https://marche-public.fr/contrats-publics/Guide-oecp-aspects-sociaux-commande-publique-2023.htm",
    "Guide sur les aspects sociaux de la commande publique, OECP (marche-public.fr, 24/11/2023)",
    date(2026, 11, 29),
)
ADEME = _source(
    "https://agirpourlatransition.ademe.fr/collectivites/amenager-territoire/achat-public",
    "Achat public : adoptez une stratégie plus responsable (ADEME)",
)
RE2020 = _source(
    "https://batirama.com/article/42739-re2020-un-premier-decret-exigences-est-paru-le-29-juillet.html",
    "RE2020 : le décret exigences est paru (Batirama)",
)
ESS = _source(
    "https://marche-public.info/marches-reserves-reservation", "Marchés réservés (marche-public.info)"
)
PORTAIL = _source(
    "https://achats-durables.gouv.fr/lachat-service-du-developpement-durable-106",
    "L'achat, au service du développement durable (achats-durables.gouv.fr)",
)
CONSEILLERS = _source(
    "https://conseillers-entreprises.service-public.fr/cgu",
    "Conditions générales d'utilisation de Conseillers-Entreprises",
)
DOREAN = _source(
    "https://www.dorean.fr/actualit%C3%A9-loi-climat-et-commande-publique",
    "Loi Climat et commande publique (Dorean avocats)",
)
BIOSOURCED = _source(
    "https://www.centre-val-de-loire.developpement-durable.gouv.fr/"
    "commande-publique-et-materiaux-biosources-a3648.html",
    "Commande publique et matériaux biosourcés (DREAL Centre-Val de Loire)",
)
AGEC_TEXTILES = _source(
    "https://github.com/datagouv/schema-declaration-biens-reemploi-reutilisation-recycle",
    "Schéma national de déclaration (data.gouv.fr)",
)
MAPCE = _source(
    "https://www.maximilien.fr/achats-responsables/la-mapce/les-objectifs-de-la-mapce-et-son-lancement/",
    "Les objectifs de la MAPCE et son lancement (GIP Maximilien)",
)
INCLUSION = _source(
    "https://lemarche.inclusion.gouv.fr/ressources/bonnes-pratiques-appels-d-offres-inclusifs",
    "7 bonnes pratiques pour ouvrir ses appels d'offres aux fournisseurs inclusifs (Marché de l'inclusion)",
)
CCAG = _source("https://code-commande-publique.com/ccag-tic-2021-article-16", "CCAG-TIC 2021, article 16")
MINISTRY_PORTAL = _source(
    "https://www.ecologie.gouv.fr/politiques-publiques/achats-durables",
    "Les achats durables (ministère de la Transition écologique)",
    date(2026, 11, 30),
)
NETWORKS_PAGE = _source(
    "https://achats-durables.gouv.fr/reseaux-nationaux-locaux-accompagner-acheteurs-publics-11",
    "Des réseaux nationaux et locaux pour accompagner les acheteurs publics (achats-durables.gouv.fr)",
    date(2026, 11, 25),
)
CCP_ACTORS = _source(
    "https://weka.fr/base-juridique-weka/code_CCP_LEGISCTA000037703320.html",
    "Code de la commande publique, art. L. 1220-1 à L. 1220-3 : opérateurs économiques (texte DILA, Weka)",
    date(2026, 11, 30),
)
SPASER_TRAINING = _source(
    ""
    "https://www.lemoniteur.fr/article/marches-publics-une-formation-pour-reussir-la-mise-en-place-d-un-spaser.2281317",
    "Marchés publics : une formation pour réussir la mise en place d'un Spaser (Le Moniteur, juillet 2023)",
    date(2026, 11, 30),
)
LIFE_CYCLE = _source(
    "https://www.ecologie.gouv.fr/politiques-publiques/cout-du-cycle-vie-lachat-public",
    "Le coût du cycle de vie dans l'achat public (ministère de la Transition écologique, mis à jour le "
    "06/12/2024)",
    date(2026, 11, 30),
)
DAJ_DECREE = _source(
    ""
    "https://www.economie.gouv.fr/daj/le-decret-dapplication-de-larticle-35-de-la-loi-climat-resilience-est-publie",
    "Le décret d'application de l'article 35 de la loi Climat & résilience est publié (DAJ)",
)
EXECUTION_CONDITIONS = _source(
    "https://marche-public.fr/ccp/L2112-02-contenu-marche-conditions-execution-liees-objet.htm",
    "Article L. 2112-2 : conditions d'exécution (marche-public.fr)",
)
SOCIAL_CONDITIONS = _source(
    "https://code-commande-publique.com/?p=1362",
    "Clauses sociales, conditions d'exécution (code-commande-publique.com)",
)
AGEC_GUIDE = _source(
    ""
    "https://portail.documentation.developpement-durable.gouv.fr/pub/MPDOUV00265290-obligation-acquisition-biens-"
    "issus-reemploi-reutil.html",
    "Guide « Mise en œuvre de l'article 58 de la loi AGEC » (CGDD, novembre 2024)",
)
DAE_TOOLS = _source(
    "https://ecoentreprises-france.fr/?p=80750", "Fiches outils achats éco-responsables de la DAE (PEXE)"
)
DEFORESTATION = _source(
    "https://actualites.huglo-lepage.com/?p=84255",
    "Déforestation importée et achats de l'État (Huglo Lepage)",
)
REEN = _source("https://www.lexbase.fr/numlxb/L4312MH8", "Décret n° 2023-266 du 12 avril 2023 (Lexbase)")
RETREADED_TYRES = _source(
    "https://www.lalettredumaire.com/article-quelles-obligations-en-matiere-d-achat-de-biens-issus-du-reemploi-"
    "de-la-reutilisation-ou-du-recyclage-des-produits-192345.html",
    "Quelles obligations d'achat de biens issus du réemploi, de la réutilisation ou du recyclage ? "
    "(La Lettre du Maire)",
)
PLASTIC = _source(
    "https://aida.ineris.fr/reglementation/decret-ndeg-2022-2-040122-relatif-situations-permettant-deroger-a-"
    "linterdiction",
    "Décret n° 2022-2 du 4 janvier 2022 (AIDA, INERIS)",
)
CNA_STATUTES = _source("http://www.cdaf.fr/les-statuts", "Statuts du Conseil national des achats (CDAF)")
WEKA_PNAD = _source(
    ""
    "https://www.weka.fr/actualite/achats/article/le-plan-national-des-achats-durables-2022-2025-est-paru-148441/",
    "Le plan national des achats durables 2022-2025 est paru (Weka, 17/03/2022)",
)
CCAG_2021 = _source(
    "http://marche-public.fr/contrats-publics/CCAG-2021-publication.htm",
    "Publication des CCAG 2021 (marche-public.fr)",
)
AGEC_DECREE_2021 = _source(
    "https://juriblio.fr/decrets/decret-no-2021-254-du-9-mars-2021/177449274",
    "Décret n° 2021-254 du 9 mars 2021 (texte, juriblio)",
)
AGEC_DECREE_2021_PRESS = _source(
    "https://www.actu-environnement.com/ae/news/commande-publique-verdissement-produits-proportion-reemploi-"
    "reutilisation-recyclage-37179.php4",
    "Proportions de produits issus du réemploi ou recyclés (Actu-Environnement, 2021)",
)
AGEC_EVALUATION = _source(
    "https://www.actu-environnement.com/ae/news/commande-publique-projet-decret-consultation-obligation-"
    "economie-circulaire-42289.php4",
    "Projet de décret et évaluation de l'obligation d'achats circulaires (Actu-Environnement, juillet 2023)",
)
DECREE_2024_134 = _source(
    "https://code-commande-publique.com/decret-n-2024-134-du-21-fevrier-2024-relatif-a-lobligation-dacquisition-"
    "par-la-commande-publique-de-biens-issus-du-reemploi-ou-de-la-reutilisation-ou-integrant-des-matieres-rec",
    "Décret n° 2024-134 du 21 février 2024 (code-commande-publique.com)",
)
DRIEETS_AAP = _source(
    "https://idf.drieets.gouv.fr/Appel-a-projets-facilitateurs-et-de-coordinateurs-de-la-clause-sociale-en-Ile",
    "Appel à projets facilitateurs et coordinateurs de la clause sociale (DRIEETS Île-de-France, 2022)",
)
CERDD = _source(
    "https://cerdd.org/index.php/Actualites/Transitions-economiques-vers-le-DD/"
    "Le-reseau-regional-des-Acheteurs-Publics-Responsables-se-remobilise",
    "Le réseau régional des Acheteurs Publics Responsables se remobilise (Cerdd)",
)


@dataclass(frozen=True)
class Entry:
    id: str
    terms: Sequence[str]  # regular expressions over the normalised message
    text: str
    sources: Sequence[Source]
    topic: Optional[str] = None  # the question intent that goes further
    topic_title: str = ""
    # A subject with no topic of its own (the national portal, training): its entry answers any
    # question that names it, not only "c'est quoi … ?".
    own_subject: bool = False
    # A broad term ("la commande publique", "un critère d'attribution") named in many questions: defined
    # only when the message asks what the term itself is ("c'est quoi la commande publique ?").
    strict: bool = False
    # The rule of the products it names (single-use plastics): a rate asked for them gets this rule, as
    # no category of the AGEC rates holds them ("quel taux pour la vaisselle jetable ?").
    product_rule: bool = False


ENTRIES: List[Entry] = [
    Entry(
        "esat",
        [r"\besats?\b", r"\betablissements? (?:et|ou) services? d aide par le travail\b"],
        "Un ESAT (établissement et service d'aide par le travail) est une structure du travail protégé, qui "
        "emploie des travailleurs handicapés. Avec les entreprises adaptées (EA), les ESAT forment le "
        "secteur "
        "du travail protégé et adapté : un acheteur public peut leur réserver un marché ou un lot (article "
        "L. 2113-12 du code de la commande publique), et le Marché de l'inclusion aide à les trouver.",
        [RESERVED],
        "ask_reserved_contracts",
        "Les marchés réservés",
    ),
    Entry(
        "ea",
        [r"\bentreprises? adaptees?\b", r"\bles ea\b", r"\bune ea\b", r"\beatt?\b", r"\bea\b"],
        "Une entreprise adaptée (EA) emploie une proportion minimale de travailleurs handicapés (article "
        "L. 5213-13 du code du travail). Avec les ESAT, les EA forment le secteur du travail protégé et "
        "adapté, auquel un acheteur public peut réserver un marché ou un lot (article L. 2113-12 du code de "
        "la "
        "commande publique).",
        [RESERVED],
        "ask_reserved_contracts",
        "Les marchés réservés",
    ),
    Entry(
        "siae",
        [
            r"\bsiae\b",
            r"\bstructures? d insertion par l activite economique\b",
            # « IAE = insertion par l'activité éco ? »: the full name, even cut short
            r"\binsertion par l activite eco(?:nomique)?\b",
            r"\biae\b",
            r"\bentreprises? d insertion\b",
            r"\bassociations? intermediaires?\b",
            r"\bateliers? (?:et )?chantiers? d insertion\b",
        ],
        "Les SIAE (structures d'insertion par l'activité économique) sont les entreprises d'insertion, les "
        "entreprises de travail temporaire d'insertion (ETTI), les associations intermédiaires et les "
        "ateliers "
        "et chantiers d'insertion (article L. 5132-4 du code du travail). Un acheteur public peut leur "
        "réserver "
        "un marché ou un lot (article L. 2113-13 du code de la commande publique) ; le Marché de "
        "l'inclusion aide à les trouver.",
        [RESERVED, INCLUSION],
        "ask_reserved_contracts",
        "Les marchés réservés",
    ),
    Entry(
        "etti",
        [r"\bettis?\b", r"\bentreprises? de travail temporaire d insertion\b"],
        "Une ETTI (entreprise de travail temporaire d'insertion) est l'une des structures d'insertion par "
        "l'activité économique (SIAE), avec les entreprises d'insertion, les associations intermédiaires "
        "et les ateliers et chantiers d'insertion (article L. 5132-4 du code du travail). Un acheteur public "
        "peut réserver un marché ou un lot aux SIAE (article L. 2113-13 du code de la commande publique).",
        [RESERVED],
        "ask_reserved_contracts",
        "Les marchés réservés",
    ),
    Entry(
        "aci",
        [r"\baci\b", r"\b(?:ateliers? (?:et |ou )?)?chantiers? d insertion\b"],
        "Un ACI (atelier et chantier d'insertion) est l'une des structures d'insertion par l'activité "
        "économique (SIAE), avec les entreprises d'insertion, les ETTI et les associations intermédiaires "
        "(article L. 5132-4 du code du travail). Un acheteur public peut réserver un marché ou un "
        "lot aux SIAE "
        "(article L. 2113-13 du code de la commande publique) ; le Marché de l'inclusion aide à les trouver.",
        [RESERVED, INCLUSION],
        "ask_reserved_contracts",
        "Les marchés réservés",
    ),
    Entry(
        "stpa",
        [
            r"\bstpa\b",
            r"\b(?:secteur (?:du )?)?travail (?:protege et adapte|adapte et protege)\b",
        ],
        "Le STPA est le secteur du travail protégé et adapté : les ESAT (établissements et services "
        "d'aide par "
        "le travail) et les entreprises adaptées (EA), qui emploient des travailleurs handicapés. Un "
        "acheteur "
        "public peut leur réserver un marché ou un lot (article L. 2113-12 du code de la commande "
        "publique) ; "
        "le Marché de l'inclusion aide à les trouver.",
        [RESERVED, INCLUSION],
        "ask_reserved_contracts",
        "Les marchés réservés",
    ),
    Entry(
        "plie",
        [r"\bplies?\b", r"\bplan local (?:pour l )?insertion (?:et l )?emploi\b"],
        "Un PLIE (plan local pour l'insertion et l'emploi) est un outil territorial de l'insertion et de "
        "l'emploi. Avec les Maisons de l'emploi (MDE) et des collectivités, les PLIE portent les "
        "facilitateurs "
        "de la clause sociale ; leur tête de réseau nationale est l'Alliance Villes Emploi (AVE).",
        [COURSE, WEKA_FACILITATORS],
        "ask_facilitator",
        "Trouver mon facilitateur",
    ),
    Entry(
        "coordinateur",
        [
            r"\bcoordinat(?:eur|eurs|rice|rices) (?:regionaux |regional |regionales? )?"
            r"(?:de la |des )?clauses? sociales?\b"
        ],
        "Les coordinateurs de la clause sociale sont chargés de coordonner l'action des facilitateurs de "
        "leur région : l'appel à projets lancé par l'État en 2022 et en 2023 a créé un coordinateur par "
        "région, en métropole et outre-mer.",
        [COURSE],
        "ask_facilitator",
        "Trouver mon facilitateur",
    ),
    Entry(
        "mde",
        [r"\bmde\b", r"\bmaisons? de l emploi\b"],
        "Les Maisons de l'emploi (MDE) sont, avec les PLIE et des collectivités, les structures qui portent "
        "les facilitateurs de la clause sociale ; l'Alliance Villes Emploi (AVE) est leur tête de réseau "
        "nationale.",
        [COURSE, WEKA_FACILITATORS],
        "ask_facilitator",
        "Trouver mon facilitateur",
    ),
    Entry(
        "ave",
        [r"\bave\b", r"\balliance villes? emploi\b"],
        "L'Alliance Villes Emploi (AVE) est une association nationale d'élus de collectivités locales, tête "
        "de "
        "réseau des Maisons de l'emploi et des PLIE. Elle anime le réseau des facilitateurs de la clause "
        "sociale autour de trois axes : l'échange de pratiques et la coopération, la professionnalisation de "
        "ses membres, et la valorisation de leur action au niveau national.",
        [COURSE],
        "ask_facilitator",
        "Trouver mon facilitateur",
    ),
    Entry(
        "cgdd",
        [r"\bcgdd\b", r"\bcommissariat general au developpement durable\b"],
        "Le CGDD est le Commissariat général au développement durable, au ministère de la Transition "
        "écologique. Il pilote le Plan national pour des achats durables (PNAD) et soutient les réseaux "
        "régionaux d'achats durables : depuis 2013, le CGDD anime ces réseaux territoriaux. Le guichet "
        "vert a été mis en place avec son soutien.",
        [COURSE, PNAD_PILOT],
        "ask_pnad",
        "Le PNAD",
    ),
    Entry(
        "dreets",
        [r"\bdreets?\b", r"\bdrieets\b"],
        "La DREETS est la direction régionale de l'État chargée notamment de l'emploi et du travail. Pour "
        "les "
        "clauses sociales, elle pilote dans sa région les appels à projets de facilitateurs et de "
        "coordinateurs du PNAD : c'est un bon contact pour trouver le facilitateur de votre territoire.",
        [DREETS_AAP],
        "ask_facilitator",
        "Trouver mon facilitateur",
    ),
    Entry(
        "dae",
        [r"\bdae\b", r"\bdirection des achats de l etat\b"],
        "La DAE est la Direction des achats de l'État. Elle a appuyé le CGDD pour le guide de mise en œuvre "
        "de l'article 58 de la loi AGEC (novembre 2024) et publie des fiches outils de clauses et de "
        "critères "
        "environnementaux par segment d'achat : restauration, numérique, textile, mobilier, transports...",
        [AGEC_GUIDE, DAE_TOOLS],
        "ask_environmental_considerations",
        "Verdir un achat",
    ),
    Entry(
        "daj",
        [r"\bdaj\b", r"\bdirection des affaires juridiques\b"],
        "La DAJ est la direction des affaires juridiques des ministères économiques et financiers (Bercy). "
        "Pour les achats durables, elle a publié avec l'OECP le guide sur les aspects sociaux de la commande "
        "publique, présente le décret d'application de l'article 35 de la loi Climat et résilience, et a "
        "appuyé le guide de l'article 58 de la loi AGEC.",
        [DAJ_DECREE, OECP_GUIDE, AGEC_GUIDE],
        "ask_climate_law",
        "Loi Climat et résilience",
    ),
    Entry(
        "spaser",
        [
            r"\bspaser\b",
            # the full name, so that « … responsables c'est quoi » is read next to the term
            r"\bschema de promotion des achats(?: publics)?"
            r"(?: socialement et ecologiquement responsables)?\b",
            r"\bl\.? ?2111 3\b",
        ],
        "Le SPASER est le schéma de promotion des achats publics socialement et écologiquement responsables "
        "(article L. 2111-3 du code de la commande publique). Il est obligatoire pour les acheteurs dont le "
        "montant annuel d'achats dépasse 50 millions d'euros {since:2023-01-01} (100 millions auparavant) ; "
        "ce montant s'apprécie sur les dépenses d'une année civile (article D. 2111-3).",
        [SPASER],
        "ask_climate_law",
        "Loi Climat et résilience",
    ),
    Entry(
        "reemploi",
        [r"\breemploi\b", r"\breutilisation\b", r"\brecyclage\b", r"\bmatieres? recyclees?\b"],
        "Au sens du code de l'environnement (article L. 541-1-1) :\n"
        "• le réemploi : des produits qui ne sont pas des déchets sont utilisés de nouveau pour un usage "
        "identique ;\n"
        "• la réutilisation : des produits devenus des déchets sont utilisés de nouveau ;\n"
        "• le recyclage : les déchets sont retraités en substances, matières ou produits.\n"
        "L'article 58 de la loi AGEC fixe des parts minimales d'achats issus du réemploi ou de la "
        "réutilisation, "
        "ou intégrant des matières recyclées.",
        [ENV_CODE],
        "ask_agec",
        "Loi AGEC et mes achats",
    ),
    Entry(
        "economie_circulaire",
        # not the law's own name ("loi anti-gaspillage pour une économie circulaire")
        [r"(?<!pour une )(?<!loi )\beconomie circulaire\b"],
        "Je n'ai pas de définition de l'économie circulaire dans mes sources, et je préfère ne pas vous "
        "répondre de mémoire. Elles citent la loi AGEC (loi anti-gaspillage pour une économie circulaire, "
        "n° 2020-105 du 10 février 2020), dont l'article 58 fixe des parts minimales d'achats issus du "
        "réemploi ou de la réutilisation, ou intégrant des matières recyclées. Le guichet vert de votre "
        "région, gratuit, peut vous conseiller.",
        [ENV_CODE],
        "ask_agec",
        "Loi AGEC et mes achats",
        strict=True,
    ),
    Entry(
        "dce",
        [r"\bdce\b", r"\bdossier de consultation des entreprises\b"],
        "Le DCE est le dossier de consultation des entreprises : les documents d'un marché public remis aux "
        "candidats. Le guichet vert peut vous transmettre des exemples de DCE, mais il ne relit pas le "
        "vôtre.",
        [COURSE],
        "ask_guichet_vert",
        "Le guichet vert",
    ),
    Entry(
        "ccag",
        [r"\bccag\b", r"\bcahiers? des clauses administratives generales\b"],
        "Les CCAG sont les cahiers des clauses administratives générales : ils fixent les stipulations "
        "administratives applicables à une catégorie de marchés. Ceux de 2021 rappellent le rôle central du "
        "facilitateur dans la mise en œuvre des clauses sociales d'insertion. Les six CCAG de 2021 (arrêtés "
        "du 30 mars 2021, JO du 1er avril 2021), facultatifs, ont remplacé les anciens au 1er octobre 2021 ; "
        "ils ont un chapitre « Développement durable » (clause d'insertion sociale et clause "
        "environnementale).",
        [COURSE, CCAG, CCAG_2021],
        "ask_social_clause",
        "Les clauses sociales",
    ),
    Entry(
        "ccap_cctp",
        [r"\bccap\b", r"\bcctp\b", r"\bcahiers? des clauses (?:administratives|techniques) particulieres\b"],
        "Je n'ai pas de définition du CCAP ni du CCTP dans mes sources, et je préfère ne pas vous "
        "répondre de "
        "mémoire. Ce qu'elles disent : les CCAG (cahiers des clauses administratives générales) fixent les "
        "stipulations administratives applicables à une catégorie de marchés, et les documents particuliers "
        "du marché précisent par exemple la clause d'insertion (périmètre, publics éligibles, volume "
        "horaire).",
        [COURSE, CCAG],
        "ask_social_clause",
        "Les clauses sociales",
        strict=True,
    ),
    Entry(
        "oecp",
        [r"\boecp\b", r"\bobservatoire economique de la commande publique\b"],
        "L'OECP est l'Observatoire économique de la commande publique. Il a publié, avec la DAJ, le guide "
        "sur "
        "les aspects sociaux de la commande publique (édition 2022, mise à jour en novembre 2023) ; les "
        "achats AGEC de 2023 se déclaraient encore auprès de lui, ceux des années suivantes sur "
        "data.gouv.fr.",
        [OECP_GUIDE],
        "ask_agec_declaration",
        "Déclarer mes achats AGEC",
    ),
    Entry(
        "ademe",
        [r"\bademe\b"],
        "L'ADEME est l'Agence de la transition écologique. Pour les acheteurs, elle propose des conseils, "
        "des services et des formations sur l'achat public responsable, et un guide pour acheter avec "
        "l'Écolabel européen. Elle cite les chiffres de l'OECP : en 2018, 16 % des marchés des collectivités "
        "comportaient une clause environnementale et 25 % une clause sociale.",
        [ADEME],
        "ask_environmental_considerations",
        "Verdir un achat",
    ),
    Entry(
        "re2020",
        [r"\bre ?2020\b", r"\breglementation environnementale 2020\b"],
        "La RE2020 est la réglementation environnementale des bâtiments neufs (décret n° 2021-1004 du "
        "29 juillet 2021). Elle limite notamment l'impact carbone des composants du bâtiment sur leur cycle "
        "de vie ; le label « bâtiment biosourcé » en reprend la méthode. Elle vaut pour les permis déposés "
        "depuis le 1er janvier 2022 (logements), le 1er juillet 2022 (bureaux, enseignement) et le "
        "1er janvier 2023 (extensions, petites surfaces).",
        [RE2020],
        "ask_biosourced",
        "Matériaux biosourcés",
    ),
    Entry(
        "l3_1",
        [r"\bl\.? ?3 1\b"],
        "L'article L. 3-1 du code de la commande publique, créé par la loi Climat et résilience, pose que "
        "« la commande publique participe à l'atteinte des objectifs de développement durable, dans leurs "
        "dimensions économique, sociale et environnementale ».",
        [DOREAN],
        "ask_climate_law",
        "Loi Climat et résilience",
    ),
    Entry(
        "critere_attribution",
        [r"\bcriteres? d attribution(?: environnementa(?:l|ux)| sociaux| social)?\b"],
        "Un critère d'attribution est un critère sur lequel l'acheteur compare les offres pour attribuer le "
        "marché (article L. 2152-7 du code de la commande publique). Pour les consultations lancées "
        "{since:2026-08-21}, au moins un critère doit être environnemental, et le prix ne peut plus être le "
        "critère unique : seul le coût global intégrant les caractéristiques environnementales le peut "
        "(article R. 2152-7).",
        [DAJ_DECREE],
        "ask_climate_law",
        "Loi Climat et résilience",
        strict=True,
    ),
    Entry(
        "condition_execution",
        [r"\bconditions? d execution(?: environnementales?| sociales?)?\b"],
        "Les conditions d'exécution sont les obligations que le titulaire respecte en exécutant le marché "
        "(article L. 2112-2 du code de la commande publique). Pour les consultations lancées "
        "{since:2026-08-21}, elles prennent en compte l'environnement ; elles peuvent aussi porter sur "
        "l'emploi, le social ou la lutte contre les discriminations, et au-dessus des seuils européens une "
        "condition sociale ou liée à l'emploi est obligatoire (article L. 2112-2-1), sauf dérogations.",
        [EXECUTION_CONDITIONS, SOCIAL_CONDITIONS],
        "ask_climate_law",
        "Loi Climat et résilience",
        strict=True,
    ),
    Entry(
        "specifications",
        [r"\bspecifications? techniques?\b"],
        "Les spécifications techniques décrivent, dans les documents du marché, les caractéristiques "
        "exigées des travaux, fournitures ou services. Depuis la loi Climat et résilience, elles prennent en "
        "compte les objectifs de développement durable (article L. 2111-2 du code de la commande publique).",
        [DOREAN],
        "ask_environmental_considerations",
        "Verdir un achat",
        strict=True,
    ),
    Entry(
        "cout_global",
        [r"\bcouts? globa(?:l|ux)\b"],
        "Le coût global apprécie une offre au-delà de son seul prix. Pour les consultations lancées "
        "{since:2026-08-21}, un critère d'attribution unique ne peut plus être le prix : seulement le coût "
        "global intégrant les caractéristiques environnementales (article R. 2152-7 du code de la commande "
        "publique). Le coût du cycle de vie en est une approche, qui ajoute au prix d'achat les coûts "
        "d'utilisation, de maintenance et de fin de vie.",
        [DAJ_DECREE, LIFE_CYCLE],
        "ask_climate_law",
        "Loi Climat et résilience",
        strict=True,
    ),
    Entry(
        "ccp",
        [r"\bccp\b", r"\bcode de la commande publique\b"],
        "Le CCP est le code de la commande publique : il fixe les règles des marchés publics et des "
        "concessions. Les acheteurs qui y sont soumis peuvent solliciter le guichet vert ; si vos achats "
        "n'en "
        "relèvent pas, d'autres acteurs accompagnent les acheteurs privés.",
        [COURSE],
        "ask_guichet_vert",
        "Le guichet vert",
    ),
    Entry(
        "rse",
        [r"\brse\b", r"\bresponsabilite societale des entreprises\b"],
        "La RSE est la responsabilité sociétale des entreprises : la prise en compte des enjeux sociaux et "
        "environnementaux dans leur activité, achats compris. Conseillers-Entreprises, service public "
        "gratuit, "
        "met les dirigeants de TPE et de PME en relation avec un conseiller, y compris sur la RSE.",
        [CONSEILLERS],
        "ask_private_support",
        "Aides aux acheteurs privés",
    ),
    Entry(
        "ess",
        [r"\bess\b", r"\beconomie sociale et solidaire\b"],
        "L'ESS est l'économie sociale et solidaire (loi n° 2014-856 du 31 juillet 2014). Certains marchés de "
        "services de santé, sociaux ou culturels peuvent être réservés à ses entreprises.",
        [ESS],
        "ask_reserved_contracts",
        "Les marchés réservés",
    ),
    Entry(
        "consideration",
        [r"\bconsiderations? environnementales?\b"],
        "Une considération environnementale est la prise en compte, dans l'acte d'achat, des enjeux de "
        "protection et de valorisation de l'environnement : moins de ressources prélevées, produits "
        "réutilisables, recyclés ou reconditionnés, économies d'énergie, prévention des déchets...",
        [PORTAIL],
        "ask_environmental_considerations",
        "Verdir un achat",
    ),
    Entry(
        "achat_durable",
        [
            r"(?:c est quoi|qu est ce qu(?:e|un)?|definition(?: d)?|que veut dire|ca veut dire quoi)"
            r" (?:un |une |l |les |le )?(?:achats? (?:publics? )?(?:durables?|responsables?)"
            r"|commande publique durable)\b",
            r"\bentend\w* parler (?:de l |d |des |du |de )?achats? (?:durables?|responsables?)\b.*"
            r"\b(?:c est quoi|ca veut dire|definition|qu est ce)",
            r"(?:^|\b(?:au fond|en fait|finalement|concretement|bref|alors|donc|mais|et) )"
            r"(?:un |l |les |le )?achats? (?:durables?|responsables?),?"
            r" (?:c est quoi|ca veut dire|definition)",
            # "qu'entend-on par achat durable ?", "que recouvre l'achat responsable ?"
            r"\b(?:entend on par|on entend par|appelle t on|definir|signifie|recouvre)"
            r" (?:un |une |l |les |le )?achats? (?:publics? )?(?:durables?|responsables?)\b",
            # "achat responsable et achat durable, c'est la même chose ?", "…, mais ça veut dire quoi ?"
            r"\bachats? (?:publics? )?(?:durables?|responsables?)\b[^?.!]{0,40}"
            r"\b(?:ca veut dire quoi|c est quoi|c est (?:la meme chose|pareil))"
            r"(?: ou pas| au juste| exactement| concretement)?\W*$",
            # "achat durable = achat responsable ?", "achat durable ou achat responsable, quelle différence ?"
            r"\bachats? (?:publics? )?(?:durables?|responsables?) ?(?:=|\bet\b|\bou\b|\bvs\b|\bversus\b) ?"
            r"(?:l |un |les )?achats? (?:publics? )?(?:durables?|responsables?)\b",
        ],
        "Un achat durable (ou responsable) intègre le développement durable, dans ses dimensions économique, "
        "sociale et environnementale : le code de la commande publique pose depuis la loi Climat et "
        "résilience que la commande publique participe à ces objectifs (article L. 3-1). Concrètement : "
        "économiser les ressources et l'énergie, prévenir les déchets, préférer le réutilisable, et donner "
        "du travail à des publics éloignés de l'emploi.",
        [PORTAIL, DOREAN],
        "ask_environmental_considerations",
        "Verdir un achat",
    ),
    Entry(
        "achat_socialement_responsable",
        [r"\bachats? (?:publics? )?socialement responsables?\b"],
        "Un achat socialement responsable prend en compte des enjeux sociaux dans le marché : l'emploi, "
        "l'insertion de publics éloignés de l'emploi, la lutte contre les discriminations (article L. 2112-2 "
        "du code de la commande publique). Ses leviers sont la clause sociale d'insertion et le marché "
        "réservé.",
        [EXECUTION_CONDITIONS, COURSE],
        "ask_social_clause",
        "Les clauses sociales",
    ),
    Entry(
        "consideration_sociale",
        [r"\bconsiderations? sociales?\b"],
        "Une considération sociale est la prise en compte, dans un marché, d'enjeux sociaux : l'emploi, "
        "l'insertion de publics éloignés de l'emploi, la lutte contre les discriminations (article L. 2112-2 "
        "du code de la commande publique). Le PNAD 2022-2025 visait 30 % des contrats notifiés en 2025 avec "
        "au moins une considération sociale ; la clause sociale d'insertion et le marché réservé en sont "
        "les leviers.",
        [EXECUTION_CONDITIONS, WEKA_PNAD, COURSE],
        "ask_social_clause",
        "Les clauses sociales",
    ),
    Entry(
        "deforestation",
        [r"\bdeforestation importee\b"],
        "La déforestation importée est la déforestation à laquelle contribue la production de biens achetés "
        "en France. Depuis la loi Climat et résilience, l'État s'est fixé l'objectif de ne plus acheter de "
        "biens qui y contribuent (article L. 110-7 du code de l'environnement) ; le décret n° 2022-641 du "
        "25 avril 2022 vise notamment les matériaux de construction, le mobilier, les véhicules, les "
        "fournitures de bureau, les produits d'entretien et la restauration.",
        [DEFORESTATION],
        "ask_climate_law",
        "Loi Climat et résilience",
        own_subject=True,
    ),
    Entry(
        "biosource",
        [r"\b(?:materiaux? |produits? )?biosources?\b"],
        "Un matériau biosourcé est issu de la biomasse, d'origine végétale ou animale (bois, chanvre, "
        "paille, ouate de cellulose...). Le code de l'environnement demande à la commande publique de tenir "
        "compte du caractère biosourcé des produits (article L. 228-4).",
        [BIOSOURCED],
        "ask_biosourced",
        "Matériaux biosourcés",
    ),
    Entry(
        "reen",
        [r"\breen\b", r"\bmateriels? informatiques? reformes?\b"],
        "La loi REEN (n° 2021-1485 du 15 novembre 2021, article 16) et le décret n° 2023-266 du 12 avril "
        "2023 imposent à l'État, aux collectivités et à leurs groupements d'orienter vers le réemploi ou la "
        "réutilisation leurs matériels informatiques réformés de moins de 10 ans : 25 % en 2023, 35 % en "
        "2024, 50 % à partir de 2025. C'est une obligation distincte de l'article 58 de la loi AGEC.",
        [REEN],
        "ask_agec",
        "Loi AGEC et mes achats",
        own_subject=True,  # no topic of its own: any question on the REEN law gets this entry
    ),
    Entry(
        "plastique_usage_unique",
        [
            r"\b(?:produits? (?:en )?)?plastiques? a usage unique\b",
            r"\bsacs? poubelles? (?:en )?plastiques?\b",
            r"\b(?:gobelets?|couverts|vaisselle|assiettes?|pailles?|touillettes?|bouteilles?)"
            r" (?:en )?plastiques?(?: jetables?)?\b",
            r"\b(?:gobelets?|couverts|vaisselle|assiettes?|pailles?|touillettes?) jetables?\b",
            r"\bplastiques? jetables?\b",
        ],
        "Les services de l'État ne peuvent plus acheter de produits en plastique à usage unique pour leurs "
        "lieux de travail et les événements qu'ils organisent (loi AGEC, article 77 ; article L. 541-15-10 "
        "du code de l'environnement), sauf dans les situations dérogatoires du décret n° 2022-2 du 4 janvier "
        "2022. Plus largement, l'État, les collectivités et leurs groupements doivent réduire leur "
        "consommation de plastiques à usage unique dans leurs achats (article 55). Le décret n° 2024-134 a "
        "ajouté une dérogation pour les sacs poubelle en plastique à usage unique nécessaires pour raisons "
        "de santé ou de sécurité.",
        [PLASTIC, ENV_CODE, DECREE_2024_134],
        "ask_agec",
        "Loi AGEC et mes achats",
        product_rule=True,
    ),
    Entry(
        "pneumatiques_rechapes",
        [r"\bpneu(?:matique)?s?\b", r"\brechap\w*"],
        "Pour les pneus, une règle à part s'applique : les achats de pneumatiques des collectivités et de "
        "leurs opérateurs portent sur des pneus rechapés, sauf si une première consultation a été "
        "infructueuse (article L. 2172-6 du code de la commande publique).",
        [RETREADED_TYRES],
        "ask_agec",
        "Loi AGEC et mes achats",
        product_rule=True,
    ),
    Entry(
        "aap_facilitateurs",
        [r"\bappels? a projets?\b", r"\baap\b"],
        "L'État a lancé en 2022 et en 2023 un appel à projets pour créer 185 nouveaux facilitateurs de la "
        "clause sociale et un coordinateur par région. Celui de 2022 a créé 82 postes en équivalent temps "
        "plein (ETP) ; celui de 2023, doté de 5,4 millions d'euros, visait 90 ETP supplémentaires. En "
        "Île-de-France, l'appel de 2022 cofinançait les postes jusqu'à 70 %. Les DREETS les pilotent dans "
        "chaque région.",
        [COURSE, DREETS_AAP, DRIEETS_AAP],
        "ask_facilitator",
        "Le facilitateur de la clause sociale",
    ),
    Entry(
        "inclusive_directories",
        [r"\bhosmoz\b", r"\bfei\b", r"\bunea\b"],
        "Pour repérer des fournisseurs inclusifs, le Marché de l'inclusion référence plus de 7 000 "
        "structures (SIAE, ESAT, entreprises adaptées). D'autres annuaires existent : Hosmoz (plus de 2 400 "
        "pour le handicap), celui de la FEI (720 entreprises d'insertion) et celui de l'UNEA "
        "(780 entreprises adaptées).",
        [INCLUSION],
        "ask_marche_inclusion",
        "Le Marché de l'inclusion",
        own_subject=True,
    ),
    Entry(
        "decret_2021_254",
        [
            r"\b(?:decret (?:n )?)?2021 ?254\b",
            r"\b(?:ancien|premier|1er) decret (?:de la loi |de l )?agec\b",
            r"\bdecret (?:agec )?de 2021\b",
        ],
        "Le décret n° 2021-254 du 9 mars 2021 fixait la première liste de l'article 58 de la loi AGEC : des "
        "parts en % du montant HT de la dépense annuelle, le plus souvent 20 %, au plus 40 % pour la "
        "papeterie et les imprimés. Il est abrogé depuis le 1er juillet 2024 : le décret n° 2024-134 l'a "
        "remplacé, après le rapport d'évaluation du CGDD remis au Gouvernement le 4 juillet 2023.",
        [AGEC_DECREE_2021, AGEC_DECREE_2021_PRESS, AGEC_EVALUATION],
        "ask_agec",
        "Loi AGEC et mes achats",
        own_subject=True,
    ),
    Entry(
        "decret_2024_134",
        [r"\b(?:decret (?:n )?)?2024 ?134\b"],
        "Le décret n° 2024-134 du 21 février 2024 fixe, depuis le 1er juillet 2024, les parts minimales de "
        "l'article 58 de la loi AGEC : pour 17 catégories de produits, la part de la dépense annuelle "
        "consacrée à des biens issus du réemploi, de la réutilisation ou intégrant des matières recyclées, "
        "qui s'impose à l'État, aux collectivités territoriales et à leurs groupements. Il a remplacé le "
        "décret n° 2021-254.",
        [DECREE_2024_134, AGEC_GUIDE],
        "ask_agec",
        "Loi AGEC et mes achats",
    ),
    Entry(
        "epi",
        [r"\bepi\b", r"\bequipements? de protection individuel(?:le)?s?\b"],
        "Les EPI sont les équipements de protection individuelle (gants, casques, chaussures de "
        "sécurité...). "
        "Pour l'article 58 de la loi AGEC, la catégorie des textiles les exclut : « Produits textiles à "
        "l'exception des équipements de protection individuels ».",
        [AGEC_TEXTILES],
        "ask_agec",
        "Loi AGEC et mes achats",
    ),
    Entry(
        "mapce",
        [r"\bmapce\b", r"\bmission (?:d )?achats? publics? circulaires?\b"],
        "La MAPCE est la mission du GIP Maximilien dédiée aux achats publics circulaires et "
        "environnementaux, "
        "lancée le 11 mars 2021 en Île-de-France. Le GIP porte aussi le guichet vert francilien et une "
        "mission "
        "d'appui aux clauses sociales (MACS).",
        [MAPCE],
        "ask_network",
        "Mon réseau régional",
    ),
    Entry(
        "macs",
        [r"\bmacs\b", r"\bmission d appui aux clauses sociales\b"],
        "La MACS est la mission d'appui aux clauses sociales du GIP Maximilien, en Île-de-France. Le GIP "
        "porte aussi le guichet vert francilien et la MAPCE, sa mission dédiée aux achats circulaires et "
        "environnementaux.",
        [MAPCE],
        "ask_facilitator",
        "Trouver mon facilitateur",
    ),
    Entry(
        "gip",
        # "le GIP Maximilien" and "le GIP de l'inclusion" name a structure, answered by its own topic
        [r"\bgips?\b(?! maximilien| de l inclusion| arnia)", r"\bgroupements? d interet public\b"],
        "Un GIP est un groupement d'intérêt public. Dans les achats durables, le réseau francilien des "
        "achats responsables en est un exemple, le GIP Maximilien : il gère le portail commun des "
        "marchés publics franciliens et porte le guichet vert d'Île-de-France, la MAPCE (achats circulaires) "
        "et la MACS (clauses sociales).",
        [MAPCE],
        "ask_network",
        "Mon réseau régional",
    ),
    Entry(
        "life_cycle_cost",
        [r"\bcouts? (?:du |de |d un )?cycle de vie\b", r"\bccv\b", r"\blife ?cycle costs?(?:ing)?\b"],
        "Le coût du cycle de vie additionne, au-delà du prix d'achat, les coûts supportés "
        "par l'acheteur tout au long de la vie d'un produit, d'un service ou d'un ouvrage (acquisition, "
        "utilisation, maintenance, fin de vie) et, quand leur valeur peut être chiffrée, des coûts externes "
        "supportés par la société (pollution de l'air, déforestation...). Un acheteur peut en faire un "
        "critère d'attribution de son marché.",
        [LIFE_CYCLE],
        "ask_environmental_considerations",
        "Verdir un achat",
    ),
    Entry(
        "sourcing",
        [r"\bsourc(?:ing|age)\b"],
        "Le sourcing (ou sourçage) consiste, avant de lancer un marché, à étudier le marché et à consulter "
        "les entreprises (études préalables, article R. 2111-1 du code de la commande publique), par exemple "
        "pour connaître des solutions plus sobres ou des prestataires inclusifs. Publier une annonce de "
        "sourcing sur le Marché de l'inclusion est un bon moyen de repérer ces derniers.",
        [INCLUSION],
        "ask_marche_inclusion",
        "Le Marché de l'inclusion",
    ),
    Entry(
        "iso_20400",
        [r"\biso ?20400\b"],
        "ISO 20400 est la norme sur laquelle repose le label RFAR, dernière étape du Parcours national des "
        "achats responsables lancé en octobre 2021 par le Conseil national des achats (CNA) et le Médiateur "
        "des entreprises : charte, autodiagnostic, puis label.",
        [COURSE, CNA_STATUTES],
        "ask_cna",
        "Le Conseil national des achats",
    ),
    Entry(
        "rfar",
        [r"\brfar\b", r"\bparcours national (?:des )?achats responsables\b"],
        "Le label RFAR distingue les acheteurs engagés dans des relations fournisseurs et des achats "
        "responsables : lancé par le Conseil national des achats (CNA) en 2012, après la charte RFAR (2010), "
        "il est la dernière étape du Parcours national des achats responsables (charte, autodiagnostic, "
        "puis label), fondé sur la norme ISO 20400.",
        [COURSE, CNA_STATUTES],
        "ask_cna",
        "Le Conseil national des achats",
    ),
    Entry(
        "inter_reseaux",
        [r"\binter ?reseaux?\b"],
        "L'inter-réseaux « Commande publique et développement durable » réunit les réseaux régionaux "
        "d'achats durables. Il a pour but de faire se rencontrer les acteurs et de mutualiser les "
        "connaissances, de faciliter le développement des réseaux territoriaux en les accompagnant dans "
        "leurs projets, de donner une visibilité nationale à leurs initiatives et d'engager des actions "
        "collectives. Il a notamment développé la plateforme RAPIDD.",
        [COURSE],
        "ask_networks_overview",
        "Les réseaux régionaux",
    ),
    Entry(
        "cerdd",
        [r"\bcerdd\b", r"\bcd2e\b"],
        "Le Cerdd (centre ressource du développement durable) anime, avec le CD2E, APuRe, le réseau régional "
        "des acheteurs publics responsables des Hauts-de-France, qui porte aussi le guichet vert de "
        "la région.",
        [CERDD],
        "ask_network",
        "Mon réseau régional",
    ),
    Entry(
        "referents_internes",
        [r"\breferents? internes?\b"],
        "Les référents internes sont les interlocuteurs dont disposent les acheteurs de l'État et de ses "
        "établissements publics : ces acheteurs les sollicitent en premier, avant de recourir au guichet "
        "vert.",
        [COURSE],
        "ask_guichet_vert",
        "Le guichet vert",
    ),
    Entry(
        "operateur_economique",
        [r"\boperateurs? economiques?\b"],
        "Un opérateur économique est toute personne, publique ou privée, ou tout groupement qui propose sur "
        "le marché des travaux, des fournitures ou des services (article L. 1220-1 du code de la commande "
        "publique) : par exemple l'entreprise qui répond à votre consultation.",
        [CCP_ACTORS],
        strict=True,
    ),
    Entry(
        "commande_publique",
        [r"(?<!code de la )\bcommande publique\b(?! (?:durable|responsable))", r"\bmarches? publics?\b"],
        "La commande publique regroupe les marchés publics et les concessions, dont le code de la commande "
        "publique fixe les règles ; elle représente près de 200 milliards d'euros par an. Depuis la "
        "loi Climat "
        "et résilience, elle participe à l'atteinte des objectifs de développement durable, dans leurs "
        "dimensions économique, sociale et environnementale (article L. 3-1 du code).",
        [PORTAIL, DOREAN],
        "ask_environmental_considerations",
        "Verdir un achat",
        strict=True,
    ),
    Entry(
        "portail_achats_durables",
        [
            r"\bachats? durables?\W?gouv\b",
            r"\bportail (?:national )?(?:des |de l |du |d |pour les |sur les )?"
            r"achats? (?:durables?|responsables?)\b",
            # "un site officiel de l'État sur les achats durables ?"
            r"\bsites? (?:internet |web )?(?:national|officiel|de l etat|du ministere)"
            r"(?: (?:de l etat|du ministere|national))? (?:des |de l |sur les |pour les )?"
            r"achats? durables?\b",
        ],
        "Le portail national des achats durables, achats-durables.gouv.fr, est le site du ministère de la "
        "Transition écologique créé dans le cadre du PNAD pour les acheteurs publics et privés. On y "
        "trouve les guides et outils, l'accès au guichet vert, la recherche d'un facilitateur des clauses "
        "sociales, des formations, les SPASER publiés et la communauté RAPIDD.",
        [MINISTRY_PORTAL],
        own_subject=True,
    ),
    Entry(
        "formation",
        [
            # training to buy sustainably, not "personnes en formation" or "organisme de formation"
            r"\bformations? (?:gratuites? |en ligne |certifiantes? )?(?:sur |aux |a |a l |en |pour )"
            r"(?:les |l |la )?(?:achats?|commande publique|clauses?|spaser|marches?)\b",
            r"\bformations? (?:gratuites?|en ligne)\b",
            r"\bformations? (?:spaser|achats? durables?|achats? responsables?|mooc)\b",
            r"\b(?:quelles?|trouver|suivre|existe t il) (?:une |des )?formations?\b"
            r"(?! (?:bureautiques?|informatiques?|securite|incendie))",
            r"\bmooc\b",
            r"\bse former\b",
            r"\bformer (?:nos|mes|les|des|ses) "
            r"(?:acheteu\w*|agents?|equipes?|collaborateu\w*|services?|elus?)\b",
            r"\be learning\b",
            r"\bformations? (?:pour|de|a destination de) (?:nos|mes|les|des|ses) "
            r"(?:acheteu\w*|services? achats?)\b",  # not "un marché de formation pour nos agents"
            r"\b(?:cherch|recherch)\w* (?:des |une |un )?(?:formations?|formateurs?)\b",
        ],
        "Pour vous former, le portail achats-durables.gouv.fr recense des formations aux achats durables. "
        "Le cours en ligne « Engagez-vous dans l'achat durable » (OpenClassrooms), sur lequel je m'appuie, "
        "en couvre les bases ; pour le SPASER, le CGDD et le CNFPT proposent un module en ligne en libre "
        "accès d'environ 3 h 30. Les réseaux régionaux d'acheteurs publics, dont le PNAD 2022-2025 renforce "
        "le rôle de formation, vous orienteront aussi.",
        [MINISTRY_PORTAL, COURSE, SPASER_TRAINING, NETWORKS_PAGE],
        own_subject=True,
    ),
]
_COMPILED = [(entry, [re.compile(term) for term in entry.terms]) for entry in ENTRIES]


# "définition de l'achat durable", "signification du sigle": the same as "définition l'achat durable".
DEFINITION_OF = re.compile(r"\b(definitions?|signification) (?:de |d |du |des )")


def glossary_form(text: str) -> str:
    """The message as the glossary's patterns read it."""
    return DEFINITION_OF.sub("definition ", question_form(text))


def find_terms(text: str) -> List[Entry]:
    """The glossary entries a message names, in the order of the glossary."""
    plain = glossary_form(text)
    return [entry for entry, patterns in _COMPILED if any(pattern.search(plain) for pattern in patterns)]


def _spans(entry: Entry, plain: str) -> List[Tuple[int, int]]:
    return [m.span() for pattern in _COMPILED[ENTRIES.index(entry)][1] for m in pattern.finditer(plain)]


# Words that set a term as the setting of the question, not its subject: « en marché public », « dans
# notre SPASER », « pour nos ESAT ».
SETTING_BEFORE = re.compile(
    r"\b(?:en|dans|pour|sur|par|chez)(?: (?:le|la|les|l|un|une|des|du|notre|nos|mon|ma|mes|votre|vos|leur"
    r"|leurs|ce|cet|cette|ces))? $"
)


def named_as_setting(entry: Entry, text: str) -> bool:
    """Every mention of the term is a setting of the question (« quels labels exiger pour des EPI ? »)."""
    plain = glossary_form(text)
    spans = _spans(entry, plain)
    return bool(spans) and all(SETTING_BEFORE.search(plain[:start]) for start, _ in spans)


def terms_by_nearness(text: str) -> List[Entry]:
    """``find_terms``, without a term named only as part of another's name (« achats durables » in
    « achats-durables.gouv.fr »), the one nearest the phrase that asks what it is first: « Dans notre
    SPASER il est question de la MACS, c'est quoi ? » asks about the MACS."""
    plain = glossary_form(text)
    found = find_terms(text)
    spans = {entry.id: _spans(entry, plain) for entry in found}
    others = {entry.id: [span for o in found if o is not entry for span in spans[o.id]] for entry in found}
    kept = [
        entry
        for entry in found
        if not all(any(_part_of(span, other) for other in others[entry.id]) for span in spans[entry.id])
    ]
    asks = [m.start() for m in DEFINING.finditer(plain)]
    if not asks or len(kept) < 2:
        return kept

    def rank(entry: Entry) -> Tuple[bool, int]:
        # a term in a setting (« en marché public », « dans notre SPASER ») is context, whatever its place
        setting = all(SETTING_BEFORE.search(plain[:start]) for start, _ in spans[entry.id])
        return setting, distance(entry)

    def distance(entry: Entry) -> int:
        return min(
            abs(ask - end) if ask >= end else abs(start - ask)
            for start, end in spans[entry.id]
            for ask in asks
        )

    return sorted(kept, key=rank)


DEFINING = re.compile(
    # "spaser = quoi ?": no word boundary before "="
    r"(?:= ?(?:\?|quoi\b)|"
    # "qu'est-ce que je dois préciser ?" asks what to do, not what a term is
    r"\b(?:c est quoi|c quoi|cest quoi"
    # "l'IAE, qu'est-ce que c'est ?"
    r"|qu est ce que c est"
    r"|qu est ce qu(?:e|i|un|une)?\b(?! (?:je|j|il|ils|elle|nous|vous|tu)\b)"
    r"|que veut dire|que veulent dire|appelle t on|qu on appelle"
    r"|ca veut dire quoi|ca veut dire|sa veut dire|veut dire quoi|que signifie|signifie|signification"
    r"|definition|definir|difference entre|ce qu est|ce que sont|ce que veut dire|ce que veulent dire"
    r"|differences? avec|ca designe|designe|kesako|kezako|kesaco|entend(?: on)? par|entend quoi par"
    r"|entendez vous par"
    r"|c est (?:pas )?(?:pareil|la meme chose)|ce n est pas (?:pareil|la meme chose)"
    r"|sert a quoi|servent a quoi|a quoi sert|a quoi servent"
    # "ça recouvre quoi ?", "en quoi ça consiste ?", "ESAT vs EA", "c'est quoi la diff ?"
    r"|recouvre quoi|que recouvre|englobe quoi|consiste en quoi|en quoi (?:ca |il |elle |cela )?consiste"
    r"|a quoi correspond"
    # "le PLIE dépend de qui ?": what body it is part of, which its definition says
    r"|depend(?:ent)? de qui|rattache(?:e|s|es)? a qui"
    r"|correspond a quoi|\bvs\b|versus|quelle nuance|la diff\b))"
)


# "c'est quoi un label au sens du code de la commande publique ?": the code qualifies the term asked.
QUALIFIER = re.compile(
    r"\b(?:au sens|selon|d apres|prevue?s? par|definie?s? par|au regard)"
    r"(?: (?:du|de la|de l|des|le|la|l|les))?$"
)


# "R2113-7 du code de la commande publique, ça parle de quoi ?": the code names where the article is.
ARTICLE_OF = r"\b[lrd]\.? ?\d{1,4} \d{1,3}(?: \d{1,3})? (?:du|de la|de l) "


def names_article_code(text: str, entry: Entry) -> bool:
    """The term is the code of an article the message cites: the article is asked, not the code."""
    plain = glossary_form(text)
    return any(re.search(rf"{ARTICLE_OF}(?:{term})", plain) for term in entry.terms)


def defines(text: str, entry: Entry, window: int = 40) -> bool:
    """The message asks what the term is: a defining phrase close to the term, the term not a mere
    qualifier of another ("au sens du code")."""
    plain = glossary_form(text)
    for pattern in _COMPILED[ENTRIES.index(entry)][1]:
        for match in pattern.finditer(plain):
            if QUALIFIER.search(plain[: match.start()].rstrip()):
                continue
            around = plain[max(0, match.start() - window) : match.end() + window]
            if DEFINING.search(around):
                return True
    return False


ARTICLE = r"(?:(?:un|une|le|la|les|l|des|du|de|d) )?"
# Nothing but vague words after "X, c'est quoi": "ESAT, c'est quoi mes obligations ?" asks something else.
VAGUE_END = (
    r"(?: (?:au juste|exactement|deja|donc|en gros|concretement|en fait|alors|svp|stp"
    # "opérateur économique, ça veut dire quoi juridiquement ?"
    r"|juridiquement|precisement|techniquement|simplement|en droit|en pratique|en clair"
    # "le coût global c'est quoi par rapport au prix ?": the term, set against another word
    r"|par rapport (?:au|a la|a l|aux|a un|a une) [a-z]+"
    # "spécifications techniques = quoi dans un marché ?": the setting of the term, not another question
    r"|(?:dans|en|pour) (?:un |une |le |la |les |l |nos |mes |notre )?(?:marches?|contrats?|consultations?"
    r"|dce|cahiers? des charges)(?: publics?)?"
    # "un ACI c'est quoi pour une commune de Dordogne ?": the buyer it is asked for
    r"|pour (?:un|une|nous|notre|nos|ma|mon|les) [a-z]+(?: (?:de|du|d|des|en) [a-z]+){0,2}))*\s*(?:$|[.?!;])"
)
# Words between the term and the defining phrase: "la RE 2020 en 2 mots, c'est quoi ?".
TERM_FILLER = r"(?: (?:en (?:deux|2|quelques) mots|au juste|exactement|concretement|alors|donc|deja|ca))*"
# "… le logo AVE. Qui sont-ils ?": the term, then who they are.
WHO_ARE_THEY = r"\W{0,3} ?(?:qui sont ils|qui sont elles|qui est ce|c est qui|de quoi s agit il)\W*$"
# "une ETTI c'est une boîte d'intérim normale ?": whether the term is a kind of thing.
IS_IT_A = r",? c est (?:un|une) [^.?!]{1,40}\?\W*$"


# "le chanvre, c'est biosourcé ?", "laine de mouton = matériau biosourcé ?", "ouate de cellulose biosourcé
# oui ou non": whether a thing is one of the term's kind; the thing is the group « thing ».
MEMBER_OF = (
    r"^(?:et |mais |donc )?(?:le |la |les |l |du |de la |des )?(?P<thing>[a-z][a-z ]{{1,40}}?),?"
    r"(?: (?:(?:ca |cela )?(?:compte|comptent) comme|c est|c|est il|est elle|sont ils|sont elles|est ce"
    r"|est considere comme|est consideree comme|fait partie des|entre dans les|=)"
    r" (?:un |une |des |du |de l |de la )?(?:materiaux? |produits? |isolants? )?(?:{term})"
    r"\s*(?:\?|oui ou non|ou pas|ou non)?"
    r"| (?:materiaux? |produits? |isolants? )?(?:{term}) (?:oui ou non|ou pas|ou non))\W*$"
)
# Words that ask something of the term, not whether a thing is of its kind.
NOT_A_THING = re.compile(
    r"\b(?:quoi|quel\w*|qu|exemples?|liste|comment|pourquoi|combien|materiaux?|produits?)$"
)
# "des exemples de matériaux biosourcés ?", "quels matériaux sont biosourcés ?": the kinds the term covers.
EXAMPLES_OF = (
    r"\b(?:exemples?|liste|lesquels|quels|quelles)\b(?: (?:de|d|des|sont|les))?(?: (?:materiaux?|produits?"
    r"|isolants?))?(?: sont| (?:peuvent|peut) etre)? (?:consideres? )?"
)


def member_asked(text: str, entry: Entry) -> Optional[str]:
    """The thing a message asks whether it is of the term's kind (« le chanvre ça compte comme biosourcé
    ? » -> "chanvre"), or "" when it asks examples of the term (« des exemples de matériaux biosourcés
    ? »); None otherwise."""
    plain = glossary_form(text)
    for term in entry.terms:
        found = re.search(MEMBER_OF.format(term=term), plain)
        if found:
            thing = re.sub(r"\s*\b(?:ca|cela)$", "", found.group("thing")).strip()
            if thing and not NOT_A_THING.search(thing) and not re.search(rf"(?:{term})", thing):
                return thing
        if re.search(rf"{EXAMPLES_OF}(?:{term})", plain):
            return ""
    return None


def unlisted_member(text: str, entry: Entry) -> Optional[str]:
    """The thing asked (member_asked) when the entry does not name it: the sources do not say it is."""
    thing = member_asked(text, entry)
    if not thing:
        return None
    named = glossary_form(entry.text)
    return None if all(word in named for word in thing.split() if len(word) > 3) else thing


# "j'entends parler du SPASER en réunion, c'est quoi ?": the term heard of, then what it is.
HEARD_OF = r"\b(?:entend\w* parler|on me parle|on m a parle|on nous parle|parle) (?:de |d |du |des )"


# "expliquez-moi le SPASER", "vous pouvez m'expliquer la RSE simplement ?": explain the term itself.
EXPLAIN = (
    # "présentez-moi le SPASER", not "nous présentons le SPASER au conseil"
    r"\b(?:expliqu\w*|eclair\w*|presentez moi|presente moi|presenter|decri\w*) (?:moi |nous )?"
    r"(?:simplement |rapidement |en (?:deux|quelques) mots )?"
)
# "… des SIAE, mais je ne sais pas ce que c'est": the term, then the user does not know what it is.
NOT_KNOWN = (
    r"\b(?:(?:je|on) ne (?:sais|sait|comprends|comprend|vois) (?:meme |vraiment |toujours )?pas"
    r"|j ignore|aucune idee de) ce que (?:c est|ca veut dire|ca signifie|ca designe|ca recouvre)"
)


# "on me parle d'ESS dans le cahier des charges, vous pouvez m'expliquer ?": the term, then explain it (not
# "… m'expliquer comment faire ?", which asks how).
EXPLAIN_ME = (
    r"\b(?:m|me|nous) (?:l |les )?(?:expliqu\w*|eclair\w*)\b(?: (?:en (?:deux|2|quelques) mots|svp|stp))*"
    r"\s*(?:$|[.?!;])"
)


# "… notre SPASER. Expliquez-moi simplement ce que c'est": the term, then a request to say what it is.
EXPLAIN_WHAT = (
    r"\b(?:expliqu\w*|eclair\w*|dites|dis|rappel\w*)(?: moi| nous)?"
    r"(?: simplement| rapidement| brievement| en (?:deux|2|quelques) mots)? ce qu(?:e|i)"
    r" (?:c est|ca (?:veut dire|signifie|designe)|cela (?:veut dire|signifie|designe)|recouvre)\b"
)


def asks_term_itself(text: str, entry: Entry) -> bool:
    """The defining phrase is right next to the term ("qu'est-ce qu'une SIAE ?", "le PLIE, c'est quoi ?"),
    not only close to it ("je travaille en ESAT, c'est quoi mes obligations ?")."""
    plain = glossary_form(text)
    return (
        any(
            re.search(rf"{DEFINING.pattern} (?:au juste |exactement |deja |donc )?{ARTICLE}(?:{term})", plain)
            # "critère d'attribution : c'est quoi exactement ?"
            or re.search(
                rf"(?:{term})(?:,| :)?{TERM_FILLER} (?:{DEFINING.pattern}|c est qui){VAGUE_END}", plain
            )
            or re.search(rf"(?:{term})\b{WHO_ARE_THEY}", plain)
            or re.search(rf"(?:{term})\b{IS_IT_A}", plain)
            or re.search(rf"{HEARD_OF}{ARTICLE}(?:{term})\b.*{DEFINING.pattern}", plain)
            or re.search(rf"{EXPLAIN}{ARTICLE}(?:{term})\b", plain)
            or re.search(rf"(?:{term})\b[^.?!]{{0,80}}{NOT_KNOWN}", plain)
            or re.search(rf"(?:{term})\b[^.?!]{{0,80}}[.?!] {NOT_KNOWN}", plain)
            or re.search(rf"(?:{term})\b[^?!]{{0,80}}{EXPLAIN_ME}", plain)
            or re.search(rf"(?:{term})\b[^?!]{{0,80}}{EXPLAIN_WHAT}", plain)
            for term in entry.terms
        )
        or member_asked(text, entry) is not None
    )


def heard_part(text: str, entry: Entry) -> str:
    """The message from the words that say who spoke of the term on: « le guichet vert nous parle de coût du
    cycle de vie. Ça veut dire quoi ? » asks about the term; the guichet vert is only who spoke of it, so
    the topics named before are not asked. The whole message when no one is said to have spoken of it."""
    plain = glossary_form(text)
    for term in entry.terms:
        match = re.search(rf"{HEARD_OF}{ARTICLE}(?:{term})\b", plain)
        if match:
            return plain[match.start() :]
    return text


def may_define(text: str, entry: Entry) -> bool:
    """A strict entry is defined only when the message asks about the term itself or names it alone."""
    return not entry.strict or asks_term_itself(text, entry) or is_bare_term(text, entry)


SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def defining_sentence(text: str, entry: Entry) -> str:
    """The sentence of a longer message that asks what the term is: "Dans le guide, on me dit de contacter
    des SIAE. Qu'est-ce qu'une SIAE ?" asks about the SIAE; the guide of the first sentence is context."""
    parts = [part for part in SENTENCE_END.split(text) if part.strip()]
    if len(parts) < 2:
        return text
    return next(
        (
            part
            for part in parts
            if entry in find_terms(part) and (defines(part, entry) or asks_term_itself(part, entry))
        ),
        text,
    )


# Words around a term given alone: "le SPASER ?", "et une MDE ?", "et le recyclage alors ?".
# "la RE 2020 en deux mots ?" is the term alone too.
BARE_TERM_FILLERS = frozenset(
    "le la les un une l et alors mais ok d accord daccord merci quid du coup en deux quelques mots "
    "simplement svp stp".split()
)


def topics_named_outside(text: str, entry: Entry, besides: Sequence[Entry] = ()) -> List[str]:
    """The topics the message names outside the term itself: "coordinateur de la clause sociale" names
    no other topic; "le label bâtiment biosourcé" names the label, beyond the term "biosourcé". A topic
    named only by the terms ``besides`` is not counted (« dans notre SPASER … la MACS, c'est quoi ? »:
    the SPASER, a term of its own, is context)."""
    plain = glossary_form(text)
    spans = [span for term in (entry, *besides) for span in _spans(term, plain)]
    found: List[str] = []
    for pattern, intent in NAMED_TOPIC_PATTERNS:
        for match in pattern.finditer(plain):
            inside = any(start <= match.start() and match.end() <= end for start, end in spans)
            if not inside and intent not in found:
                found.append(intent)
    return found


def compared_things(text: str, topics: Sequence[str]) -> Tuple[List[str], List[Entry]]:
    """The topics among ``topics`` and the glossary entries a message names as things of their own: a
    topic named only inside a term ("coordinateur de la clause sociale", "maison de l'emploi") is the
    term's, and a term named only inside a topic's name ("biosourcé" in "label bâtiment biosourcé") is
    the topic's."""
    plain = glossary_form(text)
    found = find_terms(text)
    term_spans = [
        m.span() for entry in found for p in _COMPILED[ENTRIES.index(entry)][1] for m in p.finditer(plain)
    ]
    kept_topics: List[str] = []
    topic_spans: List[Tuple[int, int]] = []
    for pattern, intent in NAMED_TOPIC_PATTERNS:
        if intent not in topics or intent in kept_topics:
            continue
        spans = [m.span() for m in pattern.finditer(plain)]
        free = [span for span in spans if not any(_inside(span, term) for term in term_spans)]
        if free:
            kept_topics.append(intent)
            topic_spans.extend(free)
    kept_terms = [
        entry
        for entry in found
        if any(
            not any(_inside(m.span(), topic) for topic in topic_spans)
            for p in _COMPILED[ENTRIES.index(entry)][1]
            for m in p.finditer(plain)
        )
    ]
    return kept_topics, kept_terms


def terms_named(text: str, entry: Entry) -> List[str]:
    """The patterns of ``entry`` the message matches (« réemploi » and « recyclage »: two)."""
    plain = glossary_form(text)
    return [p.pattern for p in _COMPILED[ENTRIES.index(entry)][1] if p.search(plain)]


def _part_of(span: Tuple[int, int], other: Tuple[int, int]) -> bool:
    """``span`` lies inside ``other``, or ``other`` goes on past its end: a part of a longer name."""
    return span != other and (_inside(span, other) or other[0] < span[1] <= other[1] and span[1] < other[1])


def _inside(span: Tuple[int, int], other: Tuple[int, int]) -> bool:
    return other[0] <= span[0] and span[1] <= other[1]


def is_bare_term(text: str, entry: Entry) -> bool:
    """The message is little more than the term ("ESAT ?", "le SPASER")."""
    plain = glossary_form(text)
    for pattern in _COMPILED[ENTRIES.index(entry)][1]:
        plain = pattern.sub(" ", plain)
    # a year counts as a word: "biosourcés obligatoires en 2030 ?" asks more than the term
    rest = [word for word in re.findall(r"[a-z]+|\b(?:19|20)\d\d\b", plain) if word not in BARE_TERM_FILLERS]
    return len(rest) <= 1


def definition_reply(entry: Entry, today: Optional[date] = None) -> Reply:
    buttons = [{"title": entry.topic_title, "payload": f"/{entry.topic}"}] if entry.topic else []
    return Reply(compose([entry.text], today), buttons, sources=source_links(entry.sources))
