"""The direct answer first: which sentence of a topic answers the question actually asked.

A topic's short answer fits the broad question (« c'est quoi le guichet vert ? »). A narrower question
(« les acheteurs de l'État peuvent-ils utiliser le guichet vert ? ») is answered by one sentence of the
details; that sentence then leads the first message. The choice is lexical and local to the topic: the
question's words (lightly stemmed, without function words) are weighed by how rare they are among the
topic's sentences, so words that every sentence shares count for little; only the words the short answer does
not already cover are looked for, and a sentence leads only when it has rare ones. A question that asks
« when » or « how much » also favours the sentences that give a date or a figure.
"""

from __future__ import annotations

import math
import re
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from actions.legal_refs import cited_articles
from actions.limits import DRAFTED_DOCUMENTS
from actions.understanding import MONEY as ASKS_MONEY
from actions.understanding import NOT_A_PAYS, counted_noun, states_count
from textnorm import YEAR, normalize, question_form

STEM_CHARS = 5
MIN_SCORE = 1.2  # at least one word that few sentences of the topic share (or a cue: a date, a figure)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«])")
WORD = re.compile(r"[a-z0-9]+")
# What kind of answer the question asks for, and how a sentence that gives it looks (on normalized text).
ASKS_WHEN = re.compile(
    r"\b(quand|depuis quand|a partir de quand|date|dates|delai|delais|echeance|echeances)\b"
)
GIVES_WHEN = re.compile(
    r"\b(19|20)\d\d\b|\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
    r"|mois|jours|semaines|quand)\b"
)
# A time limit counted from the end of each year ("dans les six mois qui suivent la fin de l'année civile"):
# it holds for the purchases of any year, so the year asked ("nos achats de 2025") is no other year's figure.
ANNUAL_LIMIT = re.compile(r"\bdans les (\w+) mois (?:qui )?suiv\w* (?:la fin de )?l annee\b")
ASKS_DEADLINE = re.compile(
    r"\bdates? (?:limites?|butoirs?)\b|\bjusqu a quand\b|\bavant quelle date\b|\bdelai\b"
)
# Verbs that say a rule holds, with no subject of their own ("ça s'applique aux …", "ça concerne …").
GENERIC_VERBS = frozenset({"appli"})
# "depuis quand ?", "ça s'applique à partir de quand ?": since when a rule applies, not when it was passed.
ASKS_SINCE = re.compile(
    r"\b(?:depuis|a partir de|a compter de) (?:quand|quelle date|quelle annee)\b|\ben vigueur\b"
)
# « elle vaut pour les permis déposés depuis le 1er janvier 2022 »: when a rule applies from
GIVES_START = re.compile(
    r"\b(?:a partir d|a compter d|applicati\w*|en vigueur|applicables?|(?:vaut|valent) pour)\b"
    r"|\bdepuis le (?:1er|\d)"
)
# "ça s'applique aux rénovations ?": the sentence that says what the thing covers ("concerne les … neufs").
ASKS_APPLIES_TO = re.compile(r"\bs appliqu\w* (?:aussi |egalement |meme )?(?:aux|au|a la|a l|a|pour)\b")
GIVES_SCOPE = re.compile(r"\bconcerne(?:nt)? (?:les|des|uniquement|seulement)\b|\bvise(?:nt)? (?:les|des)\b")
# Which buildings a rule or a label covers ("et pour la rénovation ?", "pour les bâtiments existants ?",
# "ça concerne quels bâtiments ?"): the sentence naming them (« les bâtiments neufs », « des constructions et
# rénovations lourdes »).
ASKS_BUILDINGS = re.compile(
    r"\b(?:renov\w*|rehabilit\w*|batiments? existants?|existants?|neufs?|neuves?|extensions?)\b"
    r"|\bquels? (?:types? de |sortes? de )?(?:batiments?|constructions?|travaux|operations?)\b"
)
GIVES_BUILDINGS = re.compile(
    r"\bbatiments? neufs\b|\brenovations? lourdes\b|\bconstructions? (?:et|ou) (?:des )?renovations?\b"
)
CREATION_ASKED = re.compile(
    r"\b(?:cree|crees|creee|creees|creation|lance|lancee|lances|lancement|fonde|fondee|fondation"
    r"|nee? (?:en|le)|mis en place|mise en place|mis en ligne|mise en ligne|existe|existent|apparu|apparue"
    r"|ouvert|ouverte"
    r"|publie|publiee|paru|parue|promulguee?|sorti|sortie)\b"
)
# A count given at a launch ("lancée en 2018 avec une centaine d'entreprises") is not today's count.
AT_LAUNCH = re.compile(
    r"\b(?:lancee?s?|creee?s?) (?:\S+ ){0,6}?avec (?:une |un |plus de |pres de |environ )?"
    r"(?:\d|centaines?|dizaines?|milliers?|quelques)"  # "lancée avec une centaine", not "porté avec l'ADEME"
    r"|\ba sa creation\b|\bau lancement\b"
)
# "qui est concerné ?": whom a rule binds (not "est-on obligés ?", a yes or no).
ASKS_WHO_BOUND = re.compile(
    r"\bqui (?:est|sont|serait|seraient) (?:concern|soumis|vis|oblig)\w*|\bconcerne(?:nt)? qui\b"
)
GIVES_WHO_BOUND = re.compile(r"\boblig\w* pour\b|\bimpos\w* (?:a|aux)\b|\bsoumis\b|\bs appliqu\w*\b")
# "quelles échéances ?", "les taux vont augmenter jusqu'à quand ?": the steps of a rule over the years.
ASKS_STEPS = re.compile(
    r"\becheances?\b|\bpaliers?\b|\btrajectoire\b"
    r"|\b(?:taux|pourcentages?|parts?|objectifs?) (?:\w+ ){0,3}?(?:vont|va|vont ils|doivent|doit)"
    r" (?:encore )?(?:augmenter|evoluer|progresser|monter)\b"
)
GIVES_STEPS = re.compile(r"\bpaliers?\b|\bprogressent\b|\btrajectoire\b")
# "quels types de structures ?" asks kinds; a sentence that counts them does not answer it.
ASKS_KINDS = re.compile(r"\bquel(?:le)?s? (?:types?|sortes?|genres?|categories?|formes?) d")
COUNT_GIVEN = re.compile(r"\b\d[\d ]* (?!%)[a-z]{3,}")
# A sum of money in a sentence ("doté de 5,4 millions d'euros", "200 milliards d'euros par an").
GIVES_MONEY = re.compile(r"\b\d+(?:,\d+)? ?(?:(?:millions?|milliards?|m) )?(?:d )?(?:euros|€)")
ASKS_HOW_MUCH = re.compile(
    r"\b(combien|pourcentage|taux|quelle part|quelle proportion|seuil|seuils|nombre (?:total|exact|global))\b"
)
# A figure, not a year nor an article number ("11 réseaux", "7 000 structures", "50 %"; not "depuis 2002",
# not "article L. 2113-13" nor its "-13", not "article 58" nor "n° 2020"); "combien ?" is also answered by
# "gratuit".
GIVES_HOW_MUCH = re.compile(
    r"(?<![\d-])(?<![lrd]\. )(?<!article )(?<!n° )(?!(?:19|20)\d\d(?!\d))\d+|\bgratuite?s?\b"
    # a duration in words: "dans les six mois" answers "on a combien de temps ?"
    r"|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|trente) (?:jours|semaines|mois|ans)\b"
)
ASKS_SHARE = re.compile(r"\b(pourcentage|taux|part|proportion|quota|quotas|pour cent)\b|%")
GIVES_SHARE = re.compile(r"\d\s*%")
# Where a service is available: everywhere, in every region ("le guichet vert couvre toute la France ?").
ASKS_WHERE = re.compile(
    r"\b(partout|toute la france|tout le territoire|toutes les regions|chaque region|tous les departements"
    r"|chaque departement"
    r"|couvre|couvrent|generalise|generalises)\b"
)
COUNT_WORDS = re.compile(r"\b(?:combien|nombre)\b")
# Who employs them ("qui emploie les facilitateurs ?", "ils sont salariés de qui ?"): who carries the posts.
ASKS_EMPLOYER = re.compile(
    r"\bqui (?:les |l )?(?:emploie\w*|recrute\w*|salarie\w*)\b"
    r"|\b(?:employes?|salaries?|recrutes?) (?:par|de) qui\b"
)
GIVES_EMPLOYER = re.compile(r"\bporte\w* par\b|\bsalarie\w*|\bemploy\w*")
# A count of things added ("185 nouveaux facilitateurs", "90 ETP supplémentaires") does not answer how many
# there are, unless additions are asked ("combien de postes créés ?").
ADDITION = re.compile(r"\b(?:creer|nouveaux|nouvelles|supplementaires)\b")
ADDITION_ASKED = re.compile(r"\bcre\w*|\bnouve\w*|\bsupplementaire\w*|\bfinanc\w*|\bappels? a projets?\b")
GIVES_WHERE = re.compile(r"\b(territoire|couvr\w*|regions|maill\w*)\b")
# Who leads or coordinates it ("qui pilote les réseaux au niveau national ?": "le CGDD les anime").
ASKS_LEAD = re.compile(
    r"\b(pilot\w*|coordon(?!nee)\w*|anim\w*|chapeaut\w*|tete de reseau|mis en place|lance|cree\w* par)\b"
    r"|\bqui (?:l |la |le |les )?a (?:cree|creee|monte|montee)\b|\b(?:a l )?initiative de qui\b"
    r"|\bqui (?:le |la |les )?(?:finance\w*|paie|paye|soutient)\b"  # who backs it: who set it up
    # who runs it, in other words ("qui est derrière RAPIDD ?", "qui gère la plateforme ?")
    r"|\bqui est derriere\b|\bqui (?:le |la |les |l )?(?:gere\w*|administre\w*|heberge\w*|porte\w*)\b"
    r"|\bqui s (?:en )?occupe\b|\bqui est a l origine\b"
    # "c'est soutenu par l'État ?", "qui est responsable du guichet vert ?", "quel organisme … s'en occupe ?"
    r"|\bsoutenue?s? par\b|\bqui (?:en )?est responsable\b"
    r"|\bquel\w* (?:organisme|service|structure|entite|instance)\b.{0,60}\bs (?:en )?occupe\w*"
    # "géré par qui ?", not "employés par qui ?" (who employs them is not who runs the network)
    r"|\b(?:gere|administre|anime|pilote|coordonne|finance|porte|cree|lance|tenu|heberge|chapeaute)e?s?"
    r" par qui\b"
)
# Who runs it, named: « animé par l'AVE », « le CGDD les anime », « à l'initiative du ministère »; a
# sentence on who launched a call for projects is a weaker answer to « qui coordonne … ? ».
RUN_BY = re.compile(
    r"\b(?:anim|coordonn|pilot|chapeaut|gere|federe)\w* par\b|\b(?:cgdd|commissariat|ministere)\b"
    r"|\ba l initiative\b"
)
# The verbs of such a question say what is asked, not which sentence: "qui coordonne les facilitateurs ?"
# is answered by « animé par l'AVE », not by the sentence on the regional « coordinateurs ».
LEAD_VERBS = frozenset("coord anime pilot chape gere admin heber porte derri occup lance monte".split())
# A part of a plan or a service asked ("le volet social", "le volet environnemental"): who runs that part.
PART_WORDS = frozenset({"volet"})
# Who is asked for in a generic noun ("piloté par quel organisme ?"): it names no sentence's subject.
LEAD_NOUNS = frozenset("organ struc entit insta servi".split())
# The scope of a national question says nothing about which sentence answers it ("combien de réseaux au
# niveau national ?" is not about the sentence on their « visibilité nationale »).
NATIONAL_SCOPE_WORDS = re.compile(
    r"\b(?:au |sur le |a l )?(?:niveau|plan|echelle) (?:nationale?\b|du pays\b"
    + NOT_A_PAYS
    + r")|\ben france\b"
    r"|\bnationa(?:l|le|ux|les|lement)\b|\bdans (?:toute la france|tout le pays)\b|\ben tout\b|\bau total\b"
)
# Where the buyer is ("le guichet vert de ma région ?"): the place, not a word the answer should hold.
BUYER_PLACE_WORDS = re.compile(
    r"\b(?:de |pour )?(?:ma|mon|notre|nos) (?:region|departement|ville|commune|territoire)\b"
)
# Where the buyer works ("je travaille au CHU de Rennes"): not a word of the answer («ministère du Travail»).
BUYER_WORK = re.compile(r"\b(?:je|j|on|nous) (?:travaille|travaillons|bosse|bossons)\b")
# Two questions in one ("combien sont-ils et qui les anime ?"): each part has its own answering sentence.
TWO_QUESTIONS = re.compile(
    r"^(.*\b(?:combien|nombre|qui|quel|quels|quelle|quelles|quand|comment|ou|pourquoi)\b.*?) et "
    r"((?:\w+ ){0,4}?(?:qui|quel|quels|quelle|quelles|quand|comment|combien|ou|pourquoi|a quoi|a qui)\b.*)$"
)
# Who leads it in each region ("qui coordonne les facilitateurs dans chaque région ?"): the regional
# coordinators, not the national head of the network.
ASKS_REGIONAL_LEAD = re.compile(
    r"\b(?:coordon(?!nee)|anim|pilot)\w*\b.*\b(?:(?:dans|pour) chaque region|par region|au niveau regional"
    r"|en region)\b"
)
GIVES_REGIONAL_LEAD = re.compile(r"\bcoordinat\w* (?:par|de|dans chaque) region|\bcoordinat\w* regiona\w*")
GIVES_LEAD = re.compile(
    r"\b(pilot\w*|coordon(?!nee)\w*|anim\w*|cgdd|ministere|commissariat|lance\w*|initie\w*|a l initiative"
    r"|finance\w* par|confiee?|groupement d interet public|incube\w*|porte par)\b"
)
# Who runs or carries it ("qui gère … aujourd'hui ?", "porté par quelle structure ?", "qui est derrière ?").
ASKS_RUN = re.compile(
    r"\bqui (?:le |la |les )?(?:gere\w*|porte\w*|s en occupe|s occupe)\b|\bporte\w* par\b"
    r"|\b(?:quelle|quel) (?:structure|organisme|association)\b|\bqui est derriere\b|\bderriere\b"
)
GIVES_RUN = re.compile(r"\b(confiee?|groupement d interet public|incube\w*|porte\w* par|geree?s? par)\b")
# Whether it is present near the buyer ("ça existe dans mon département ?", "présent en région ?").
ASKS_LOCAL = re.compile(
    r"\b(?:dans|en|sur) (?:mon|ma|notre|chaque) (?:departement|region|ville|territoire)\b|\bchez nous\b"
    r"|\bpres de chez\b|\ben region\b|\blocalement\b|\bpresente?s? (?:en|dans|partout)\b"
)
GIVES_LOCAL = re.compile(
    r"\bdans chaque (?:departement|region)\b|\bdepartementa\w*|\bdelegations? regionales?\b"
    r"|\blocale?s?\b|\bau niveau (?:local|regional|departemental)\b|\bpartout\b"
)
# Which document explains it ("quel document pour savoir comment remplir ?", "une notice ?").
ASKS_DOC = re.compile(
    r"\b(?:quels?|quelles?|un|une|des|le|la) (?:documents?|guides?|notices?|fiches?|modeles?|methodes?"
    r"|documentation|mode d emploi|tutoriel)\b"
)
GIVES_DOC = re.compile(r"\b(guides?|schema|notices?|fiches?|documentation|arrete du|decret n)\b")
# How long it takes ("il répond en combien de temps ?", "quel délai de réponse ?").
ASKS_DURATION = re.compile(
    r"\bcombien de temps\b|\ben combien de\b|\bsous combien\b|\bquel delai\b|\bdelai de reponse\b"
    r"|\bduree\b|\brepond\w* (?:vite|rapidement)\b"
)
GIVES_DURATION = re.compile(r"\b(jours?|semaines?|heures?|sous (?:\w+ )?(?:jours?|semaines?)|courte duree)\b")
# Who pays for it ("il est financé par qui ?"): the sentence on its funding.
ASKS_FUNDING = re.compile(
    r"\bfinanc\w*|\bsubventionn\w*|\bqui (?:le |la |les )?(?:paie|paye)\b|\b(?:paye|payee?s?) par qui\b"
)
# "cofinançait les postes", "un appel à projets … doté de 5,4 millions d'euros": money given, not who runs it
GIVES_FUNDING = re.compile(r"\b(?:co)?financ\w*|\bsubvention\w*|\bdotee? de\b")
# Who checks that it is done ("qui contrôle les heures d'insertion ?"): the sentence on who follows it up.
ASKS_CHECK = re.compile(r"\b(?:qui|comment)\b.{0,30}\b(?:control\w*|verifi\w*|suit|suivent|surveill\w*)\b")
GIVES_CHECK = re.compile(r"\bsui(?:t|vent|vi|vre)\b|\bcontrol\w*|\bverifi\w*")
# Its former name ("le CNA s'appelait comment avant ?").
ASKS_FORMER_NAME = re.compile(
    r"\bs appel\w* (?:comment )?avant\b|\bancien nom\b|\banciennement\b|\bavant de s appeler\b"
)
GIVES_FORMER_NAME = re.compile(r"\b(s appelait|anciennement|devenue?|aujourd hui|jusqu en)\b")
# Where it must be stated ("je dois l'indiquer où ?"): the sentence saying where it is mentioned.
ASKS_WHERE_STATED = re.compile(
    r"\b(?:indiquer|mentionner|preciser|ecrire|faire figurer|le dire|l indiquer|le mentionner) ou\b"
    r"|\b(?:l|le|la|on l|on le|je l|je le) (?:indique|mentionne|precise|ecrit)s? ou\b"  # "on l'indique où ?"
    r"|\bou (?:je |on )?(?:dois |doit |faut il )?(?:l |le |la )?(?:indiquer|mentionner|preciser|ecrire)\b"
)
GIVES_WHERE_STATED = re.compile(r"\b(mentionne\w*|indique\w*|figure\w*|avis|documents de la consultation)\b")
# Whether something is compulsory ("c'est obligatoire ?", "on est obligé ?", "faut-il ... ?").
ASKS_MUST = re.compile(
    r"\b(obligatoires?|obligations?|oblige|obligee?s?|imposee?s?|faut il|doit on|doivent ils)\b"
)
# « se demande à l'initiative du maître d'ouvrage » says that a label is asked for, not imposed
GIVES_MUST = re.compile(
    r"\b(oblig\w*|impos\w*|doit|doivent|facultati\w*|libre|volontaire)\b"
    r"|\b(?:se demande|demandee?s?|sollicitee?s?) (?:a l initiative|a la demande) d"
)
# "c'est obligatoire ?" asks whether it is, where "l'obligation de réemploi" only names the rule.
ASKS_IF_MANDATORY = re.compile(r"\b(obligatoires?|doit on|doivent ils|imposee?s?)\b")
# Several questions in one request ("plusieurs questions dans la même demande ?"): the sentence on what
# one request may hold.
ASKS_SEVERAL = re.compile(r"\bplusieurs (?:questions|demandes|sujets|objets)\b|\bmeme demande\b")
GIVES_SINGLE = re.compile(r"\b(?:objet unique|une seule|courte duree)\b")
# A document to be read over or written for the buyer ("il relit mon DCE ?"): the sentence on what the
# service does not do.
# Equipment a buyer gets rid of ("les vieux PC qu'on réforme", "le matériel en fin de vie"): the sentence
# on retired equipment (the REEN obligation on retired computers), not the category's purchase rates.
# Equipment taken out of service ("nos vieux PC", "les ordinateurs réformés"), not "la réforme des retraites"
# nor "un vieux marché": an equipment word near the cue.
_EQUIPMENT = (
    r"(?:pc|ordinateurs?|ordis?|materiels?|equipements?|ecrans?|telephones?|portables?|mobilier|tablettes?)"
)
_RETIRED = r"(?:reform\w*|vieux|vieilles?|fin de vie|debarrass\w*|dont on se separe)"
ASKS_RETIRED = re.compile(
    rf"\b{_RETIRED}\b(?:\W+\w+){{0,4}}?\W+{_EQUIPMENT}\b|\b{_EQUIPMENT}\b(?:\W+\w+){{0,4}}?\W+{_RETIRED}\b"
)
GIVES_RETIRED = re.compile(r"\breform\w*")
ASKS_REVIEW = re.compile(r"\b(?:relir\w*|reli[st]\w*|relecture|corrig\w*)\b")
GIVES_NOT_DONE = re.compile(r"\bne (?:fournit|fait|peut) (?:pas|ni)\b|\bni relecture\b")
# Whether a service writes the buyer's documents ("ils peuvent rédiger mon CCTP à ma place ?", "il me
# fait mon DCE ?"): the sentence saying it gives no help with drafting, over one on reviewing only.
ASKS_DRAFT = re.compile(
    r"\bredig\w*|\bredaction\b|\b(?:ecri(?:re|s|t|vent|vez)|fai(?:re|t|s)|font)(?: \w+){0,3} "
    + DRAFTED_DOCUMENTS
    + r"\b|\ba (?:ma|notre) place\b"
)
GIVES_NO_DRAFT = re.compile(r"\bni (?:aide a (?:leur|la) )?redaction\b|\bne redige\w* (?:pas|ni|aucun\w*)\b")
# Which text says it ("c'est quel article du code ?", "quelle loi ?"): the sentence citing a text.
ASKS_TEXT = re.compile(
    r"\b(?:quel|quels|quelle|quelles) (?:article|articles|texte|textes|loi|decret|arrete|norme|normes)\b"
    r"|\bbase (?:legale|juridique)\b|\bfondement juridique\b|\barticles? du (?:code|ccp)\b"
    r"|\breferences? juridiques?\b"
)
ASKS_TEXT_KIND = re.compile(
    r"\b(?:quel|quels|quelle|quelles)(?: est| sont)?(?: le| la| les| l)? (decret|arrete|loi)s?\b"
)
GIVES_TEXT = re.compile(r"\barticles? (?:[lrd]\. ?)?\d|\b(?:loi|decret) n\b|\barrete du\b|\bnorme\b|\biso \d")
# Which action of a plan ("quelle action du PNAD concerne les facilitateurs ?"): the numbered action.
# The targets of a plan asked ("le PNAD vise quoi pour 2025 ?", "obj social ?"): the sentence with them.
ASKS_TARGET = re.compile(r"\b(?:vise(?!e?s? par\b)\w*|objectifs?|obj|cibles?|ambitions?)\b")
GIVES_TARGET = re.compile(r"\bobjectifs?\b.*\d+ ?%")
ASKS_ACTION = re.compile(r"\bquelles? actions?\b|\baction (?:n )?\d+\b")
GIVES_ACTION = re.compile(r"\baction \d+\b")
# What happens if one does not comply ("et si on le fait pas on risque quoi ?": "pas de sanction").
PENALTY_WORDS = r"sanctions?|sanctionne\w*|penalites?|amendes?"
ASKS_PENALTY = re.compile(
    rf"\b(?:{PENALTY_WORDS}|on risque|que risque|risque t (?:on|il|elle)|quels? risques? (?:si|pour|encour)"
    r"|si (?:on|je|nous) (?:ne |n )?(?:le |la |les |l |y )?"
    r"(?:fai\w*|declar\w*|respect\w*|attei\w*|rempli\w*) pas"
    # "si on n'y arrive pas", not "si on n'arrive pas à le joindre" (a difficulty, not a failed duty)
    r"|si (?:on|je|nous) (?:ne |n )?(?:y )?arriv\w* pas(?! a \w))\b"
)
GIVES_PENALTY = re.compile(rf"\b(?:{PENALTY_WORDS})\b")
# What a service gives ("qu'est-ce que je peux obtenir du guichet vert ?"): the sentence on what it brings.
ASKS_OFFER = re.compile(
    r"\b(obtenir|obtient|recevoir|fournit|fournissent|fournir|apporte|apportent|apporter|propose"
    r"|proposent|offre|offrent)\b"
    # "il sert à quoi alors ?" after what it does not do: what it gives
    r"|\b(?:sert|servent|fait|font) (?:a )?quoi (?:alors|du coup|donc|au juste)\b"
)
GIVES_OFFER = re.compile(r"\b(apporte\w*|fourni\w*|propose\w*|offre\w*|donne\w*)\b")
# Since when it exists ("les guichets verts existent depuis quand ?"): the sentence on its creation, not
# any dated one ("il couvrait début 2024 presque tout le territoire").
ASKS_ORIGIN = re.compile(
    r"^(?=.*\b(?:existe|existent|cree\w*|lance\w*|mis en place|mise en place|fonde\w*|nee? (?:en|le)"
    r"|ouvert|ouverte)\b)"
    r".*\b(?:quand|quelle annee|quelle date)\b"
)
GIVES_ORIGIN = re.compile(
    r"\b(?:cre\w*|lance\w*|fonde\w*|initie\w*|mis\w* en place|datent?"
    r"|a ouvert|ouverte? (?:le|en)|ouverture|nee? en (?:19|20)\d\d|declaree? en (?:19|20)\d\d)\b"
)
# The words of "since when": "lancé", "ouvert" and "créé" ask the same thing, which ASKS_ORIGIN weighs.
ORIGIN_WORDS = frozenset(
    word[:STEM_CHARS]
    for word in "cree creer creation lance lancee lancement fonde fondee ouvert ouverte ouverture".split()
) | {"cree"}
# Parts of a structure that have their own date ("son guichet vert a ouvert en 2022", "créé en 2019, ce
# réseau"): asked, the sentence that dates that part answers, not the one that dates the structure.
ORIGIN_PARTS = frozenset("guichet guichets charte label programme club clubs plateforme".split())
FOUNDED_ON = re.compile(r"\bfondee?s? sur\b")
PART_CREATED = re.compile(
    r"\b(?:cre\w*|lance\w*|fonde\w*|initie\w*|ouverture)\b(?: \w+){0,2} (?:d un |d une )?"
    r"(?:guichet|charte|label|programme|club|plateforme)s?\b"
    r"|\b(?:guichet|charte|label|programme|club|plateforme)s?\b(?: \w+){0,2} a ouvert\b"
)
# A figure the buyer states to have it confirmed ("le PNAD a bien 30 actions ?", "une cinquantaine de
# facilitateurs, non ?"): the number is a guess, not a word the answer should share; the noun is counted.
STATED_FIGURE = re.compile(
    # not an article or a text's number ("l'article 58 qui…", "n° 2020-105"), nor "58 qui"
    r"(?<!\barticle )(?<!\barticles )(?<!\bn )(?<!\bl )(?<!\br )(?<!\bdecret )(?<!\bloi )"
    r"\b(?:(?!(?:19|20)\d\d\b)(\d+)|une? (?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine"
    r"|cinquantaine|soixantaine|centaine|millier)) (?:de |d )?"
    # nor a sum of money ("sous 40 000 euros": a threshold the buyer gives, not a count)
    r"(?!(?:qui|que|quoi|dont|est|sont|pour|dans|sur|avec|euros?|eur)\b)([a-z]{3,})\b"
)


def joined_thousands(text: str) -> str:
    """« 7 000 structures » read as one number, as the answers' figures are (« 7000 »)."""
    return re.sub(r"\b(\d{1,3}) (\d{3})\b", r"\1\2", text)


def stated_figure(question: str) -> Tuple[FrozenSet[str], Optional[str]]:
    """(the number's words, the noun it counts) of a figure the question states, if any."""
    found = STATED_FIGURE.search(joined_thousands(question_form(question)))
    if not found:
        return frozenset(), None
    return stems(found.group(1) or ""), found.group(2)


STATED_SUM = re.compile(
    r"\b\d[\d ,.]*(?:k|(?:millions?|milliards?) (?:d )?)? ?(?:euros?|eur|€)(?: (?:ht|ttc))?"
)


def stated_sums(question: str) -> FrozenSet[str]:
    """The words of the sums of money a question states: a threshold given is not a cue to a sum."""
    return frozenset().union(*(stems(found) for found in STATED_SUM.findall(question_form(question))))


def corrected_count(question: str, answer: str) -> str:
    """The answer led by « Non : » when a question that only asks to confirm a count ("le PNAD a bien 30
    actions ?") states a number that the answer's first two sentences contradict (« 22 actions »)."""
    plain = question_form(question)
    found = STATED_FIGURE.search(joined_thousands(plain))
    if not found or not found.group(1) or WH_WORD.search(plain) or answer.startswith(("Non", "Oui")):
        return answer
    noun = stem(found.group(2))
    for place, sentence in enumerate(units(answer)[:2]):  # the direct answer: its first sentences
        given = [  # "22 actions", "17 grandes catégories"
            number.replace(" ", "")
            for number, word, next_word in re.findall(
                r"\b(\d+(?: 000)?) ([a-z]+)(?: ([a-z]+))?", normalize(sentence)
            )
            if noun in (stem(word), stem(next_word))
        ]
        if not given:
            continue
        if found.group(1) in given:
            return answer
        if place and sentence in answer:  # the sentence with the count leads: « Non : en 2023, 11 réseaux »
            answer = f"{sentence} {answer.replace(sentence, '', 1).strip()}"
        return f"Non : {answer[:1].lower()}{answer[1:]}"
    return answer


# A share the buyer states to have it confirmed ("le PNAD vise 30 % de marchés sociaux, c'est bien ça ?"):
# the number, then the words of what it is a share of.
STATED_SHARE = re.compile(r"((?:[a-z]+ ){0,4})\b(\d+(?:[.,]\d+)?) ?% ((?:[a-z]+ ?){1,7})")
# A share in an answer: the number, then its words up to the next clause.
GIVEN_SHARE = re.compile(r"\b(\d+(?:[.,]\d+)?) ?% ([a-z ]{3,80})")
# Words that ask to confirm what was said (here anywhere in the question; alone: CONFIRMATION_ONLY).
CONFIRMING = r"c est (?:bien )?(?:ca|vrai|exact|juste|correct)|je me trompe|vrai ou faux|ai je raison"
ASKS_CONFIRMATION = re.compile(
    rf"\b(?:{CONFIRMING}|est ce (?:vrai|exact|juste)|vrai que|exact que|non|confirm\w*|bien)\b"
    r"|\b(?:vrai|exacte?|juste|correct)\W*$"
)


# What every share of an answer is a share of ("des contrats notifiés"): not what tells two shares apart.
SHARE_GENERIC_WORDS = "contrat contrats notifies depense annuelle part"


# What a question may ask of a stated share other than the share itself.
OTHER_PREDICATE = re.compile(r"\b(?:obligatoires?|imposee?s?|sanctionnee?s?|contraignante?s?|opposables?)\b")


def confirmed_share(question: str, answer: str) -> str:
    """The answer led by « Oui : » or « Non : » when the question states a share to have it confirmed
    (« le PNAD vise 30 % de marchés sociaux, c'est bien ça ? ») and one of the first two sentences of the
    answer gives the share of the same thing: « Oui » when the numbers agree, « Non » otherwise."""
    plain = question_form(question)
    stated = STATED_SHARE.search(plain)
    if not stated or answer.startswith(("Non", "Oui")):
        return answer
    if not ASKS_CONFIRMATION.search(plain) or WH_WORD.search(plain) or OTHER_PREDICATE.search(plain):
        return answer  # "les 30 % sont-ils obligatoires ?" asks something else than the figure
    of_what = stems(f"{stated.group(1)} {stated.group(3)}") - stems(SHARE_GENERIC_WORDS)
    given = [
        (number, unit, stems(words))
        for unit in units(answer)[:2]
        for number, words in GIVEN_SHARE.findall(normalize(unit))
    ]
    # the words every share has (« des contrats … une considération ») do not tell them apart
    shared = frozenset.intersection(*(words for _, _, words in given)) if len(given) > 1 else frozenset()
    best, best_unit, best_overlap = None, "", 0
    for number, unit, words in given:
        overlap = len(of_what & (words - shared))
        if overlap > best_overlap:
            best, best_unit, best_overlap = number, unit, overlap
    if best is None:
        return answer
    said = "Oui" if best.replace(",", ".") == stated.group(2).replace(",", ".") else "Non"
    lead = as_sentence(best_unit)
    if not answer.startswith(best_unit):  # the share is in a bullet: it leads, its introduction goes
        rest = [line for line in answer.split("\n") if line.strip() and best_unit not in line]
        if rest and rest[0].rstrip().endswith(":") and not (len(rest) > 1 and rest[1].startswith("•")):
            rest = rest[1:]
        answer = "\n".join([lead, *rest])
    # « Oui. Objectifs pour 2025 : … » rather than two colons in a row
    return f"{said}. {answer}" if " : " in lead else f"{said} : {answer[:1].lower()}{answer[1:]}"


# A closed question ("le guichet vert peut-il relire mon DCE ?"), not a wh-question: answered yes or no.
CLOSED_QUESTION = re.compile(
    r"^(?:est ce qu|est ce que|y a t il)\b|\b(?:peut|peuvent|doit|doivent|faut|est|sont|a|ont|donne|fait"
    r"|accepte|prend|relit|verifie)(?: t)? (?:il|elle|on|ils|elles)\b"
)
WH_WORD = re.compile(r"\b(qui|quoi|quel|quels|quelle|quelles|combien|comment|quand|pourquoi|ou)\b")
# A sentence that says something is not done or given ("Il ne peut pas relire …", "ni expertise …").
NEGATIVE = re.compile(r"^(?:\w+ )?(?:ne|n) \w+(?: \w+)? (?:pas|ni|aucun\w*|jamais|plus)\b|^ni\b")
CONTEXT_WEIGHT = 0.25  # a word of the answer just shown, in a follow-up: a tie-breaker, not a reason
# French function words, question words and the words of every answer of this domain (achat, marché
# public, durable): they say nothing about which sentence answers.
STOPWORDS = frozenset(
    """
    a au aux avec ce ces cet cette c ca d de des du dans en et est etre il ils elle elles je j l la le les
    leur leurs lui ma mais me mes mon ne n nos notre nous on ou par pas pour qu que qui quoi quel quelle
    quels quelles s sa se ses si son sont sur ta te tes ton tu un une vos votre vous y est ce cela ceci
    comment combien pourquoi quand depuis ou puis peut peuvent puis faut fait faire font avoir a ai as ont
    vers svp merci bonjour plus moins tres bien aussi voudrais veux voulons aimerais savoir dire donner
    partir jusqu jusque
    pouvez pourriez peux pouvons pourrais pourrait existe exister quoi sert servent
    concerne concernes concernee concernees concernent
    exactement
    achat achats acheter achete achetez acheteur acheteurs marche marches public publics publique publiques
    commande commandes
    durable durables
    """.split()
)


# Prefixes that say little of a word: "intercommunal" and "intermédiaires" must not share a stem.
PREFIXES = ("inter", "intra", "trans", "multi", "super")


# Word families whose noun and verb differ within STEM_CHARS ("création", "créer", "crée"): one stem.
SHORT_ROOTS = (re.compile(r"^cre(?:e|er|ee|ation|ateur|atrice)s?$"), "cree")


# Words of one meaning whose stems differ: "écrire le cahier des charges" asks about its « rédaction ».
# "c'était combien avant ?" is answered by « (100 millions auparavant) ».
# "le CNA a créé un label ?" is answered by « le CNA a lancé … le label RFAR »: created, launched, one stem.
SAME_MEANING = {
    "desso": "seuil",  # « même en dessous de 40k ? »: the sentence on a threshold
    "dessu": "seuil",
    "ecrir": "redac",
    "redig": "redac",
    "aupar": "avant",
    "anter": "avant",
    "cree": "lance",
    "valor": "valeu",  # « ça se valorise comment ? »: « une grille de valeurs »
}


def stem(word: str) -> str:
    """'réseaux' and 'réseau', 'clubs' and 'club', 'créée' and 'créé' share a stem: no plural mark, no
    feminine mark of a participle, at most STEM_CHARS (after a prefix of PREFIXES); 'création' and
    'créer' too (SHORT_ROOTS)."""
    if SHORT_ROOTS[0].match(word):
        return SAME_MEANING.get(SHORT_ROOTS[1], SHORT_ROOTS[1])
    size = STEM_CHARS + (len(PREFIXES[0]) if word.startswith(PREFIXES) else 0)
    plain = word.rstrip("sx") if len(word) > 3 else word
    if plain.endswith("ee") and len(plain) > 3:
        plain = plain[:-1]
    found = plain[:size]
    return SAME_MEANING.get(found, found)


def stems(text: str) -> FrozenSet[str]:
    words = WORD.findall(normalize(text))
    return frozenset(
        stem(word) for word in words if word not in STOPWORDS and (len(word) > 2 or word.isdigit())
    )


def units(text: str) -> List[str]:
    """The sentences and bullet lines of a text, in order."""
    found: List[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("•") and not SENTENCE_END.search(line):
            found.append(line)
        else:  # a long bullet is split too: its last sentence may be the one that answers
            found.extend(part.strip() for part in SENTENCE_END.split(line) if part.strip())
    return found


FEW_SENTENCES = 3


def weights(sentences: Sequence[FrozenSet[str]]) -> Dict[str, float]:
    """Inverse document frequency of each stem over the topic's sentences. In a topic of three sentences
    or fewer, where no frequency can reach MIN_SCORE, a stem that only one sentence has is rare enough to
    lead on its own ("Il n'accompagne pas la création d'entreprise")."""
    count = len(sentences)
    frequency: Dict[str, int] = {}
    for words in sentences:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    floor = MIN_SCORE if count <= FEW_SENTENCES else 0.0
    return {
        word: max(math.log((1 + count) / (1 + seen)) + 0.1, floor if seen == 1 else 0.0)
        for word, seen in frequency.items()
    }


CONTEXT_BREAK = re.compile(r"(?<=[.!;])\s+")


# "elle porte sur quoi ?", "ça traite de quoi ?": what it is about, not who carries or treats it.
ABOUT_WHAT = re.compile(r"\b(?:porte|portent|traite|traitent|parle|parlent)\s+(?:sur|de)\s+quoi\b", re.I)


# A last sentence that only asks to confirm what was said before it ("J'ai lu que le PNAD vise 30 % …
# C'est bien ça ?"): the claim before it is the question.
CONFIRMATION_ONLY = re.compile(
    rf"^(?:et )?(?:{CONFIRMING}|(?:est ce )?(?:vrai|exact|juste|correct)|non|vous confirmez|confirmez vous"
    r"|j ai bon)(?: ou pas| ou non)?\W*$"
)


def asked_part(text: str) -> str:
    """The question of a message that states some context first ("je ne suis pas une entreprise, je
    travaille au conseil départemental. Le guichet vert est pour nous ?"): the words of the context say who
    asks, not which sentence answers. A last sentence that only asks for confirmation keeps the claim
    before it."""
    parts = [part for part in CONTEXT_BREAK.split(text.strip()) if part.strip()]
    if len(parts) > 1 and parts[-1].rstrip().endswith("?") and not any("?" in part for part in parts[:-1]):
        if CONFIRMATION_ONLY.search(question_form(parts[-1])):
            return " ".join(parts[-2:])
        return parts[-1]
    return text


def dates_creation(unit: str) -> bool:
    """A sentence that dates the creation of the thing (« déclarée en 1945 », « a lancé en 2022 … »), not
    of one of its parts (« a lancé la charte ») nor what it rests on (« fondé sur la norme »)."""
    plain = normalize(unit)
    return (
        bool(GIVES_ORIGIN.search(FOUNDED_ON.sub(" ", plain)))
        and bool(YEAR.search(unit))
        and not PART_CREATED.search(plain)
    )


def terms_named_once(question: str, short: str, candidates: Sequence[str]) -> List[str]:
    """The sentences of the details that alone name a glossary term the question names (« le CCAG », « une
    condition d'exécution »), when the short answer does not name it."""
    from actions.glossary import find_terms  # the glossary does not import this module: no cycle

    if not short.strip():
        return []  # a glossary entry read alone: the term named is its own subject, not one of its sentences
    in_short = find_terms(short)
    found = []
    named = find_terms(question)
    # a choice between two terms (« critère d'attribution ou condition d'exécution ? »)
    choice = len(named) > 1 and re.search(r"\bou\b", question_form(question)) is not None
    for entry in named:
        if entry.strict and not choice:
            continue  # a broad term (« la commande publique ») named in many questions says no sentence
        naming = [unit for unit in candidates if entry in find_terms(unit)]
        if len(naming) == 1 and entry not in in_short:
            found.append(naming[0])
    return found


def older_counts(candidates: Sequence[str], noun: str) -> Set[str]:
    """The sentences that count ``noun`` at an earlier date than another sentence does (« lancée en 2018
    avec une centaine d'entreprises » beside « en 2023-2024, environ 70 000 entreprises »): a count asked
    with no year is the most recent one."""
    counting = [unit for unit in candidates if states_count(unit, noun)]
    dated = {unit: max(map(int, YEAR.findall(normalize(unit))), default=0) for unit in counting}
    latest = max(dated.values(), default=0)
    if len(counting) < 2 or not latest:
        return set()
    return {unit for unit in counting if dated[unit] < latest}


def lead_sentence(question: str, short: str, details: str, shown: str = "") -> Optional[str]:
    """The sentence of `details` that answers what `question` asks and the short answer does not, if any.

    Only the question's words that the short answer lacks count; among the sentences that have them, the
    one whose words are rarest in the topic wins, if it reaches MIN_SCORE. `shown` is the answer just
    shown when the question follows it up ("à partir de quand ?" after the sentence on the 25 % of
    biosourced materials): when a sentence of the details led it, what is asked is asked about that
    sentence, even when the short answer already has a date; its words break ties between the sentences
    that answer.
    """
    question = ABOUT_WHAT.sub(" ", asked_part(question))
    two = TWO_QUESTIONS.search(question_form(question))
    if two:
        leads = [lead_sentence(part, short, details, shown) for part in two.groups()]
        found = [lead for index, lead in enumerate(leads) if lead and lead not in leads[:index]]
        if found:
            return "\n".join(found) if len(found) > 1 and "\n" not in "".join(found) else found[0]
    scoped = NATIONAL_SCOPE_WORDS.sub(" ", question_form(question))
    short_words = stems(short)
    asked = stems(BUYER_PLACE_WORDS.sub(" ", BUYER_WORK.sub(" ", scoped))) - short_words
    if ASKS_ORIGIN.search(question_form(question)):  # "lancé quand ?": the origin cue weighs the verb
        asked -= ORIGIN_WORDS
    if asked - GENERIC_VERBS:  # "elle s'applique aux marchés de défense ?": défense, not "application"
        asked -= GENERIC_VERBS
    guessed, guessed_noun = stated_figure(question)
    asked -= guessed  # "30 actions ?": not the sentence on "30 %"
    asked -= stated_sums(question)  # "nos marchés sous 40 000 euros ?": not the sentence on 50 millions
    if ASKS_DEADLINE.search(scoped) and ANNUAL_LIMIT.search(normalize(short)):
        # "la date limite pour nos achats de 2025 ?": the yearly limit of the short answer holds for 2025
        asked = frozenset(word for word in asked if not YEAR.fullmatch(word))
    shown_units = units(shown)
    context = (stems(shown_units[0]) - asked) if shown_units else frozenset()  # its direct answer
    # the answer just shown was led by a sentence of the details: what is asked is asked about it
    first_shown = stems(shown_units[0]) if shown_units else frozenset()
    about_detail = len(first_shown - short_words) > len(first_shown & short_words)  # dates shown as words
    candidates = units(details)
    plain_question = scoped
    every_word = stems(scoped)
    if ASKS_ORIGIN.search(plain_question):  # "créé en quelle année ?": "lancé" in a sentence is no tie-break
        every_word -= ORIGIN_WORDS
    if ASKS_LEAD.search(plain_question):
        asked, every_word = asked - LEAD_VERBS - LEAD_NOUNS, every_word - LEAD_VERBS - LEAD_NOUNS
    cues: List[Tuple[Callable[[str], bool], float]] = [
        (lambda unit, gives=gives: bool(gives.search(normalize(unit))), bonus)
        for asks, gives, bonus in (
            (ASKS_WHEN, GIVES_WHEN, MIN_SCORE),
            (ASKS_HOW_MUCH, GIVES_HOW_MUCH, MIN_SCORE),
            (ASKS_MONEY, GIVES_MONEY, 2 * MIN_SCORE),  # "quel budget ?": the sentence with a sum
            # "quelle proportion ?": the sentence with a %, over one that merely shares its words
            (ASKS_SHARE, GIVES_SHARE, 2 * MIN_SCORE),
            (ASKS_WHERE, GIVES_WHERE, 2 * MIN_SCORE),  # "toutes les régions": not any sentence on regions
            (ASKS_MUST, GIVES_MUST, MIN_SCORE),  # "c'est obligatoire ?": the sentence on the obligation
            (ASKS_IF_MANDATORY, GIVES_MUST, MIN_SCORE),  # … over one sharing a noun (« bâtiments »)
            (ASKS_WHO_BOUND, GIVES_WHO_BOUND, MIN_SCORE),  # "qui est concerné ?": whom it binds
            (ASKS_APPLIES_TO, GIVES_SCOPE, MIN_SCORE),  # "ça s'applique aux rénovations ?": what it covers
            (
                ASKS_BUILDINGS,
                GIVES_BUILDINGS,
                2 * MIN_SCORE,
            ),  # "et pour la rénovation ?": the buildings covered
            (ASKS_STEPS, GIVES_STEPS, 2 * MIN_SCORE),  # "quelles échéances ?": the steps over the years
            (ASKS_LEAD, GIVES_LEAD, 2 * MIN_SCORE),  # "qui les pilote ?": the sentence naming who does
            (ASKS_LEAD, RUN_BY, MIN_SCORE),  # … and better, the one naming who runs it
            (ASKS_REGIONAL_LEAD, GIVES_REGIONAL_LEAD, 3 * MIN_SCORE),  # … in each region: its coordinators
            (ASKS_TEXT, GIVES_TEXT, MIN_SCORE),  # "c'est quel article ?": the sentence citing the article
            (ASKS_ACTION, GIVES_ACTION, MIN_SCORE),  # "quelle action du plan ?": the numbered one
            (ASKS_TARGET, GIVES_TARGET, 2 * MIN_SCORE),  # "il vise quoi pour 2025 ?": the figures aimed at
            (ASKS_PENALTY, GIVES_PENALTY, MIN_SCORE),  # "on risque quoi ?": the sentence on sanctions
            (ASKS_OFFER, GIVES_OFFER, MIN_SCORE),  # "qu'obtient-on ?": the sentence on what it brings
            (ASKS_ORIGIN, GIVES_ORIGIN, MIN_SCORE),  # "ça existe depuis quand ?": its creation
            (ASKS_LOCAL, GIVES_LOCAL, MIN_SCORE),  # "dans mon département ?": the sentence on local clubs
            (ASKS_DOC, GIVES_DOC, MIN_SCORE),  # "quel document l'explique ?": the guide
            (ASKS_RUN, GIVES_RUN, MIN_SCORE),  # "qui le gère ?": the sentence naming who runs it
            (ASKS_DURATION, GIVES_DURATION, 2 * MIN_SCORE),  # "en combien de temps ?": "sous trois jours"
            (ASKS_FORMER_NAME, GIVES_FORMER_NAME, 2 * MIN_SCORE),  # "il s'appelait comment avant ?"
            (ASKS_CHECK, GIVES_CHECK, 2 * MIN_SCORE),  # "qui contrôle … ?": « en suit l'exécution »
            (ASKS_FUNDING, GIVES_FUNDING, 3 * MIN_SCORE),  # "financé par qui ?": "financé par l'État"
            (ASKS_WHERE_STATED, GIVES_WHERE_STATED, MIN_SCORE),  # "je l'indique où ?": "mentionnée dans"
            (ASKS_SEVERAL, GIVES_SINGLE, 2 * MIN_SCORE),  # "plusieurs questions à la fois ?": "objet unique"
            (ASKS_REVIEW, GIVES_NOT_DONE, 2 * MIN_SCORE),  # "il relit mon DCE ?": what it does not do
            (ASKS_DRAFT, GIVES_NO_DRAFT, 3 * MIN_SCORE),  # "il rédige mon CCTP ?": no help with drafting
            (ASKS_RETIRED, GIVES_RETIRED, 2 * MIN_SCORE),  # "et les vieux PC ?": retired equipment
        )
        # not answered yet by the short answer, or asked about the detail just shown in no other words
        if (
            asks.search(plain_question)
            # "ça existe dans toute la France ?": where it is available, though the scope words are gone
            or (
                asks is ASKS_WHERE
                and not COUNT_WORDS.search(plain_question)
                and asks.search(question_form(question))
            )
        )
        and (
            (about_detail and not asked)
            or not gives.search(normalize(short))
            # "qui porte le volet social ?": who runs the whole is said, not who runs the part asked
            or (asks is ASKS_LEAD and bool(asked & PART_WORDS))
        )
    ]
    if ASKS_SINCE.search(plain_question) and not ASKS_ORIGIN.search(plain_question):
        # "depuis quand ?" of a rule: the sentence on when it applies, over one dating the law itself
        cues.append((lambda unit: bool(GIVES_START.search(normalize(unit))), MIN_SCORE))
        # … of a body or a scheme: the sentence that dates its creation (« déclarée en 1945 », « a lancé
        # en 2022 un appel à projets »), not a later fact, nor the launch of one of its parts (a charter)
        dated = [unit for unit in candidates if dates_creation(unit)]
        first = min((min(map(int, YEAR.findall(unit))) for unit in dated), default=None)
        cues.append(
            (
                lambda unit: dates_creation(unit) and min(map(int, YEAR.findall(unit))) == first,
                MIN_SCORE / 2,
            )
        )
    # "quel décret ?" when the short answer cites only an article: the sentence citing the decree
    for kind in ASKS_TEXT_KIND.findall(plain_question):
        cited = re.compile(rf"\b{kind}s? (?:n\b|du \d)")
        if not cited.search(normalize(short)):
            cues.append((lambda unit, cited=cited: bool(cited.search(normalize(unit))), 3 * MIN_SCORE))
    parts = ORIGIN_PARTS.intersection(plain_question.split())
    if parts and ASKS_ORIGIN.search(plain_question):  # "son guichet vert a ouvert quand ?": its own date
        cues.append(
            (
                lambda unit: bool(GIVES_ORIGIN.search(normalize(unit)))
                and bool(parts.intersection(normalize(unit).split())),
                MIN_SCORE,
            )
        )
    elif ASKS_ORIGIN.search(plain_question):  # "le CNA a été créé quand ?": not "il a lancé la charte"
        cues.append((lambda unit: bool(PART_CREATED.search(normalize(unit))), -MIN_SCORE))
    for article in cited_articles(question):  # "l'article L. 2113-13 ?": the sentence that cites it
        cues.append((lambda unit, article=article: article in cited_articles(unit), 2 * MIN_SCORE))
    if ASKS_KINDS.search(plain_question):  # "quels types de structures ?": the kinds, not how many
        cues.append((lambda unit: bool(COUNT_GIVEN.search(normalize(unit))), -2 * MIN_SCORE))
    for named in [] if cues else terms_named_once(question, short, candidates):
        # "le CCAG prévoit quoi … ?": the one sentence of the details that names the glossary term asked,
        # when the question asks no kind of fact of its own ("quel décret … du réemploi ?": the decree)
        cues.append((lambda unit, named=named: unit == named, MIN_SCORE))
    noun = counted_noun(question) or guessed_noun
    if ASKS_EMPLOYER.search(plain_question):  # "qui emploie les facilitateurs ?": who carries the posts
        employer = [unit for unit in units(short) if GIVES_EMPLOYER.search(normalize(unit))]
        if employer:
            return employer[0]
        cues.append((lambda unit: bool(GIVES_EMPLOYER.search(normalize(unit))), 2 * MIN_SCORE))
    if noun and not ADDITION_ASKED.search(plain_question):  # "combien au total ?": not the posts added
        cues.append((lambda unit: bool(ADDITION.search(normalize(unit))), -2 * MIN_SCORE))
    counted_in_short = [unit for unit in units(short) if noun and states_count(unit, noun)]
    if len(counted_in_short) == 1 and not guessed:  # "il a combien d'actions ?": the short answer says it
        return None
    if noun and not states_count(short, noun):  # "combien de catégories ?": "17 catégories" answers it
        cues.append((lambda unit: states_count(unit, noun), 2 * MIN_SCORE))
        if not CREATION_ASKED.search(plain_question):  # not the count at a launch ("avec une centaine")
            cues.append((lambda unit: bool(AT_LAUNCH.search(normalize(unit))), -MIN_SCORE))
    # "combien de structures ?" when the short answer names the structures: the figure is what is asked
    if not (asked or cues) or not candidates:
        return None
    sentences = [stems(unit) for unit in units(short) + candidates]
    weight = weights(sentences)
    if asks_yes_or_no(plain_question) and asked - CONTENT_VERBS <= frozenset().union(*sentences):
        # "sur RAPIDD on trouve les webinaires ?": the one sentence naming the thing asked answers it (a
        # thing that no sentence names, "il y a un guide d'utilisation ?", is not known: no boost)
        weight.update({word: max(weight[word], MIN_SCORE) for word in asked & once(sentences)})
    best, best_score, best_tie = None, 0.0, 0.0
    offer_asked = bool(ASKS_OFFER.search(plain_question)) and not (
        CLOSED_QUESTION.search(plain_question) or re.search(r"\b(?:ne|n|pas)\b", plain_question)
    )
    # a count asked ("ça réunit combien d'entreprises ?"), not a figure the question states ("les 185
    # facilitateurs supplémentaires, qui les a financés ?"): the most recent count
    count_asked = counted_noun(question)
    older = (
        older_counts(candidates, count_asked)
        if count_asked and not CREATION_ASKED.search(plain_question)
        else set()
    )
    for unit, words in zip(candidates, sentences[len(sentences) - len(candidates) :], strict=True):
        if offer_asked and NEGATIVE.search(normalize(unit.lstrip("• "))):
            continue  # "que peut-il me fournir ?": not what it does not give
        if unit in older and not YEAR.search(plain_question):
            continue  # "ça réunit combien d'entreprises ?": the latest count, not the one at its launch
        value = sum(weight.get(word, 0.0) for word in asked & words)
        value += sum(bonus for gives, bonus in cues if gives(unit))
        if value and context:
            value += CONTEXT_WEIGHT * sum(weight.get(word, 0.0) for word in context & words)
        # equal scores: the sentence with more of the question's words (« SIAE » among the bullets); a
        # bullet means what its introduction says too (« Vous pouvez réserver un marché … : »)
        index = candidates.index(unit)
        meant = words | stems(introduction(candidates, index)) if unit.startswith("•") else words
        tie = sum(weight.get(word, 0.0) for word in every_word & meant)
        if (value, tie) > (best_score, best_tie):
            best, best_score, best_tie = unit, value, tie
    if best is None:
        return None
    enough = MIN_SCORE
    if shown and asked and asked <= stems(best):
        # A follow-up's own words are few: a sentence that holds them all answers it ("ils ont un label ?")
        enough = min(MIN_SCORE, sum(weight.get(word, 0.0) for word in asked))
    if best_score < enough:
        return None
    if ASKS_WHEN.search(plain_question) and not GIVES_WHEN.search(normalize(best)):
        # "la fin du critère prix unique, c'est à partir de quand ?": a sentence on the price criterion with
        # no date does not answer; the short answer, which gives the date, leads
        if not shown and GIVES_WHEN.search(normalize(short)):
            return None
    if best.endswith(":"):  # "L'inter-réseaux vise à :": the bullets that follow are the answer
        start = candidates.index(best) + 1
        bullets = []
        for unit in candidates[start:]:
            if not unit.startswith("•"):
                break
            bullets.append(unit)
        return "\n".join([best, *bullets])
    intro = introduction(candidates, candidates.index(best)) if best.startswith("•") else ""
    if intro.endswith(":"):  # "Vous pouvez réserver un marché … :" then the bullet that answers
        return f"{intro}\n• {as_sentence(best, capital=False)}"
    return as_sentence(asked_clauses_of(best, asked, cues))


LONG_SENTENCE = 200  # characters: past this, a sentence of three clauses or more buries its answer


def asked_clauses_of(
    sentence: str, asked: FrozenSet[str], cues: Sequence[Tuple[Callable[[str], bool], float]]
) -> str:
    """A long sentence of clauses joined by « ; » cut to its first clause, which names the subject, and the
    clauses that give the kind of fact asked with the most of the question's words (« combien de postes
    créés en 2022 ? »: « … appel à projets … ; celui de 2022 a permis de créer 82 postes … »); the whole
    sentence when no clause answers, or when a clause left out answers too."""
    parts = [part.strip() for part in sentence.rstrip(" .").split(" ; ")]
    wanted = [gives for gives, bonus in cues if bonus > 0]
    if len(sentence) <= LONG_SENTENCE or len(parts) < 3 or not wanted:
        return sentence
    scores = [len(asked & stems(part)) if any(gives(part) for gives in wanted) else 0 for part in parts]
    best = max(scores[1:])
    chosen = [0, *(index for index, score in enumerate(scores) if index and best and score == best)]
    # a clause left out that also answers in part (« … de 2023 ? »: « celui de 2023 était doté … ») keeps
    # the sentence whole
    if not best or any(score for index, score in enumerate(scores) if index not in chosen):
        return sentence
    return " ; ".join(parts[index] for index in chosen) + "."


def introduction(units: Sequence[str], index: int) -> str:
    """The line before the bullets that `units[index]` belongs to ("" if none)."""
    while index > 0 and units[index - 1].startswith("•"):
        index -= 1
    return units[index - 1] if index > 0 else ""


def as_sentence(unit: str, capital: bool = True) -> str:
    """A bullet line that leads an answer reads as a sentence: no bullet, a capital, a full stop."""
    if not unit.startswith("•"):
        return unit
    text = unit.lstrip("• ").rstrip(" ;,")
    text = text[:1].upper() + text[1:] if capital else text
    return text if text.endswith((".", "!", "?")) else f"{text}."


# Who asks for a thing ("c'est le maître d'ouvrage ou l'architecte qui demande le label ?").
ASKS_WHO_ASKS = re.compile(
    r"\bqui (?:le |la |les |en )?(?:demande\w*|sollicite\w*|depose\w*|fait la demande)\b"
    r"|\bqui doit (?:le |la |en )?(?:demander|solliciter)\b"
)
GIVES_WHO_ASKS = re.compile(r"\b(?:se demande|demandee?s?|sollicitee?s?) (?:a l initiative|a la demande) d")
# The aspects a later sentence of a short answer may answer in place of its first one (inner_lead).
INNER_CUES = (
    (ASKS_MUST, GIVES_MUST),
    (ASKS_BUILDINGS, GIVES_BUILDINGS),
    (ASKS_APPLIES_TO, GIVES_SCOPE),
    (ASKS_WHO_BOUND, GIVES_WHO_BOUND),
    (ASKS_WHO_ASKS, GIVES_WHO_ASKS),
    (ASKS_TEXT, GIVES_TEXT),
    (ASKS_SHARE, GIVES_SHARE),
)


def inner_lead(question: str, short: str) -> Optional[str]:
    """The sentence of a short answer, after its first, that gives the aspect asked when the first does
    not (« le label est-il obligatoire ? », « et pour la rénovation ? »: « Il concerne les bâtiments neufs,
    se demande à l'initiative du maître d'ouvrage … », not « Le label … est régi par l'arrêté … »). Only an
    aspect the question asks (ASKS_… / GIVES_… of INNER_CUES) moves a sentence: shared words alone do not."""
    sentences = units(short)
    plain = question_form(asked_part(question))
    if len(sentences) < 2 or "\n" in short.strip():
        return None
    first = normalize(sentences[0])
    cues = [gives for asks, gives in INNER_CUES if asks.search(plain) and not gives.search(first)]
    if not cues:
        return None
    found = lead_sentence(question, sentences[0], "\n".join(sentences[1:]))
    if found and any(gives.search(normalize(found)) for gives in cues):
        return found
    return next(
        (unit for unit in sentences[1:] if any(gives.search(normalize(unit)) for gives in cues)), None
    )


# "on trouve X sur … ?", "il y a X ?", "est-ce qu'on peut … ?": a yes-or-no question on a thing named.
YES_OR_NO = re.compile(r"\bon (?:y )?trouve\b|\by a t il\b|\bil y a\b|^(?:et )?est ce qu")


# "ils peuvent rédiger mon CCTP ?", "il relit les DCE ?": a yes-or-no question asked by intonation.
PRONOUN_ASKED = re.compile(
    r"^(?:et |mais |du coup |alors )?(?:il|elle|ils|elles) (?:peut|peuvent|pourrai\w*|fait|font|relit"
    r"|relisent|redige\w*|ecri\w*)\b"
)


def asks_yes_or_no(plain: str) -> bool:
    if WH_WORD.search(plain):
        return False
    return bool(YES_OR_NO.search(plain) or CLOSED_QUESTION.search(plain) or PRONOUN_ASKED.search(plain))


# The verbs of a yes-or-no question on a content ("on y trouve", "il existe", "ça propose"): not the
# thing asked about.
CONTENT_VERBS = stems(
    "trouve trouver trouvent existe existent propose proposent offre offrent contient contiennent donne "
    "donnent fournit fournissent"
)


def once(sentences: Sequence[FrozenSet[str]]) -> FrozenSet[str]:
    """The stems that only one of the sentences has."""
    seen: Dict[str, int] = {}
    for words in sentences:
        for word in words:
            seen[word] = seen.get(word, 0) + 1
    return frozenset(word for word, count in seen.items() if count == 1)


def answered_no(question: str, lead: str, short: str = "") -> str:
    """A closed question answered by a sentence that says it is not done leads with « Non : »
    (« le guichet vert peut-il relire mon DCE ? » : « Non : il ne peut pas relire … »); a service asked
    to draft or review the buyer's documents then says what it is instead, from its ``short`` answer."""
    plain = question_form(question)
    if WH_WORD.search(plain) or not (CLOSED_QUESTION.search(plain) or PRONOUN_ASKED.search(plain)):
        return lead
    if "\n" in lead or not NEGATIVE.search(normalize(lead)):
        return lead
    answer = f"Non : {lead[:1].lower()}{lead[1:]}"
    return instead_of_not_done(plain, answer, short)


def instead_of_not_done(plain: str, answer: str, short: str) -> str:
    """After « Non : il ne fournit ni relecture … ni aide à leur rédaction », to a request to draft or
    review the buyer's documents: what the service is, the part of its short answer before a colon
    (« un service gratuit de conseil environnemental de premier niveau, … »)."""
    if not short or not (ASKS_DRAFT.search(plain) or ASKS_REVIEW.search(plain)):
        return answer
    first = units(short)[0]
    head = first.split(" : ")[0].rstrip(" .;,")
    if stems(head) <= stems(answer):
        return answer
    return f"{answer}\n{head}."


# "Peut-on exiger … ?", "a-t-on le droit d'imposer … ?": the verb asked about, to find « vous pouvez <verb> ».
MAY_VERB = re.compile(
    r"\b(?:peut on|puis je|pouvons nous|peut il|peut elle|peuvent ils|peuvent elles|a t on le droit d"
    r"|ai je le droit d|est il possible d)e? ([a-z]+)"
)


# "Le PNAD concerne-t-il aussi les entreprises privées ?": whom it is for, asked with yes or no.
ABOUT_WHOM = re.compile(
    r"\b(?:(?:concerne|vise|accompagne|aide|s adresse)(?: t)? (?:il|elle|ils|elles)"
    r"|(?:est|sont) (?:il|elle|ils|elles) (?:ouverte?s?|destinee?s?|reservee?s?))"
    r"(?: aussi| egalement)?(?: a| aux| a la| a l)?((?: [a-z]+){1,3})"
)


# Whether a private buyer may use it too (« je suis une PME privée, je peux aussi y faire appel ? »), or
# whether it is only for public buyers (« c'est que pour les acheteurs publics ? »).
PRIVATE_TOO_ASKED = re.compile(
    r"^(?=.*\b(?:privee?s?|pme|tpe)\b)(?=.*\b(?:peux|peut|pouvons|pouvez|aussi|egalement|accessible\w*"
    r"|ouverte?s?)\b)"
)
ONLY_PUBLIC_ASKED = re.compile(
    r"\b(?:que|seulement|uniquement|reservee?s?) (?:pour |aux |a )?(?:les |des )?"
    r"(?:acheteurs |achats |marches |organismes |structures )?publi\w*"
)
SERVES_PRIVATE_TOO = re.compile(r"\bpublic\w* (?:et|comme) priv\w*|\bacheteurs priv\w*")


def private_side_lead(question: str, short: str) -> Optional[str]:
    """« Oui : » (private buyers too) or « Non : » (not only public ones) and the sentence of the short answer
    that names both, for a closed question on whether a private buyer may use it."""
    plain = question_form(question)
    if WH_WORD.search(plain):
        return None
    said = next((unit for unit in units(short) if SERVES_PRIVATE_TOO.search(normalize(unit))), None)
    if said is None:
        return None
    if ONLY_PUBLIC_ASKED.search(plain):
        return f"Non : {said[:1].lower()}{said[1:]}"
    if PRIVATE_TOO_ASKED.search(plain):
        return f"Oui : {said[:1].lower()}{said[1:]}"
    return None


def answered_yes(question: str, short: str) -> Optional[str]:
    """The sentence of the short answer that says « vous pouvez <the verb asked> », or that names whom the
    question asks about (« … publics comme privés »), led by « Oui : », for a closed question asking
    whether one may do it (« peut-on exiger un écolabel ? ») or whether it is for them."""
    private = private_side_lead(question, short)
    if private:
        return private
    plain = question_form(question)
    may = MAY_VERB.search(plain)
    whom = ABOUT_WHOM.search(plain)
    asked = may or whom
    if not asked or WH_WORD.search(plain[: asked.start()]):
        return None
    for unit in units(short):
        text = normalize(unit)
        if may:
            found = re.findall(r"\bvous pouvez (?:[a-z]+ ){0,2}?([a-z]+)", text)
            if any(stem(word) == stem(may.group(1)) for word in found):
                return f"Oui : {unit[:1].lower()}{unit[1:]}"
        elif whom:
            needed = stems(whom.group(1)) - GENERIC_WHOM
            if needed and needed <= stems(unit) and not re.search(r"\b(?:ne|n|pas|sauf)\b", text):
                return f"Oui : {unit[:1].lower()}{unit[1:]}"
    return None


GENERIC_WHOM = stems("entreprises structures organismes acteurs personnes")
