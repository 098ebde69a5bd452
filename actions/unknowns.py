"""Whether the knowledge holds the aspect a question asks: a creation date, how to join, a threshold.

``understanding.unknown_detail`` covers details the knowledge never holds (phone numbers, names...);
``followup.figure_is_known`` covers counts, costs and percentages. These pure functions cover three
more aspects, each known only when a sentence of the topic gives it **about the subject asked**: "quand
l'Alliance Villes Emploi a-t-elle été créée ?" is not answered by "l'État a lancé en 2022 un appel à
projets pour créer 185 facilitateurs", a sentence of the same topic about something else.

The subject of a question is its content words (actions/focus.py stems) without the words of the aspect
asked and without the topic's own name: "quand le CNA a-t-il été créé ?" asked of the CNA topic has no
subject left, so any sentence of the topic that dates a creation answers it.
"""

from __future__ import annotations

import re
from typing import FrozenSet, Iterable, List, Optional, Tuple

from actions.focus import (
    ANNUAL_LIMIT,
    ASKS_PENALTY,
    AT_LAUNCH,
    CREATION_ASKED,
    GIVES_PENALTY,
    TWO_QUESTIONS,
    stem,
    stems,
    units,
)
from actions.understanding import COST, aspects
from textnorm import YEAR as YEAR_WORD
from textnorm import normalize, question_form

# --- the aspects asked -----------------------------------------------------------------------------------

WHEN_ASKED = re.compile(
    r"\bquand\b|\bquelle (?:annee|date)\b|\ben quelle annee\b|\bdepuis quand\b"
    r"|\bdate de (?:creation|lancement)|\ba quelle date\b|\bde quand\b|\bdepuis combien de temps\b"
)
# How to join, not whether one may ("on peut y adhérer en tant qu'acheteur public ?" asks who may).
HOW_ASKED = re.compile(
    r"\bcomment\b|\bde quelle (?:facon|maniere)\b|\bprocedure\b|\bdemarches?\b|\bmodalites\b"
    r"|\bque faut il faire\b|\bdossier\b|\bquelles etapes\b"
    r"|\bil faut (?:une?|des) \w+|\bfaut il (?:une?|des) \w+"  # "il faut une délibération ?"
)
MEMBERSHIP_ASKED = re.compile(
    r"\badh(?:ere|eres|erer|erez|erons|erent|esion)\b|\bdevenir membre\b|\bfaire partie\b|\bs y affilier\b"
    r"|\bs inscrire\b|\bcomment (?:on )?(?:y )?entre\b|\brejoindre\b"
)
# A threshold's value is asked ("les seuils européens, c'est combien ?", "quels sont les seuils carbone
# ?"), not a rule that applies above it ("au-dessus des seuils européens, qu'est-ce qui est obligatoire ?").
THRESHOLD_ASKED = re.compile(
    r"\bmontant (?:minimum|minimal|plancher)\b|\ba partir de quel montant\b"
    r"|\b(?:quel|quels|quelle|quelles) (?:est|sont) (?:le |les )?seuils?\b|\bseuils?\b.{0,90}\bcombien\b"
    r"|\bquels? seuils? (?:de|d|du) \w+"  # "quel seuil d'impact carbone ?", not "au-dessus de quel seuil ?"
    r"|\bcombien\b.{0,60}\bseuils?\b|\bmontants? des seuils\b|\bseuils?\b.{0,90}\ben euros\b"
    r"|\bvaleurs? (?:max\w*|min\w*|limites?|plafonds?|seuils?)\b"  # "quelle valeur max en 2028 ?"
    # "le montant annuel d'achats au-delà duquel un SPASER devient obligatoire"
    r"|\b(?:au dela|a partir) (?:duquel|de laquelle|desquels)\b"
    # « et les seuils pour chaque niveau ? », « ses seuils ? »: the thresholds asked, bare
    r"|^(?:et |mais |ok )?(?:les|le|leurs?|ses|son) seuils?"
    r"(?: (?:pour|par|de|du|des|d) (?:chaque )?[a-z]+)?\W*$"
)
# Whether a text is out ("le décret ... est paru ?"), not whether a contract must be published ("les
# marchés réservés doivent-ils être publiés au BOAMP ?") nor a way out ("la sortie du statut de déchet").
PUBLISHED_ASKED = re.compile(
    r"\b(?:decret|arrete|guide|loi|texte|plan|pnad|schema|rapport|circulaire|ordonnance)\b (?:\S+ ){0,22}?"
    r"(?:est |a ete |sont |ont ete |deja |bien |il |elle )*"
    r"(?:paru|parue|parus|sorti|publie|publiee)\b(?! par)"
)

# What a buyer or a supplier risks who does not comply ("et si l'entreprise ne la respecte pas, quelles
# pénalités ?").
# Whether targets were met, an assessment ("les objectifs du PNAD ont-ils été atteints ?", "quel bilan ?").
OUTCOME_ASKED = re.compile(
    r"\b(?:atteints?|atteintes?)\b|\bobjectifs?\b.{0,60}\b(?:remplis|remplies|tenus|tenues)\b"
    r"|\bquel (?:est le )?bilan\b|\bbilan (?:du|de la|de l) (?:pnad|plan|politique)\b"
    r"|\bou en est (?:on|il|elle)\b|\breellement\b|\bon en est\b|\ben est on\b|\bdans les faits\b"
    r"|\b(?:ont|a) (?:deja )?ete (?:realisee?s?|menee?s?|tenue?s?)\b"  # "lesquelles ont été réalisées ?"
    r"|\b(?:les|des|ses|quels|leurs) resultats\b"  # "et on a les résultats pour 2024 ?"
)
# A closing date ("date limite de l'appel à projets 2025 ?"), not a delay ("en combien de jours ?").
DEADLINE_ASKED = re.compile(
    r"\bdates? (?:limites?|butoirs?|de cloture|de depot)\b|\bavant quelle date\b"
    # an end ("financé jusqu'à quelle date ?", "on a jusqu'à quand pour l'adopter ?")
    r"|\bjusqu (?:a|au) (?:quand|quelle (?:date|annee))\b"
    r"|\bclotur\w*\b.{0,20}\bquand\b|\bquand\b.{0,40}\bclotur\w*"
)

# Who runs a thing ("qui anime le club de la Gironde ?"), answered only by a sentence about that thing.
# Only a local unit is asked ("le club", "l'antenne"): who runs a network or a plan is said by its topic.
WHO_RUNS_ASKED = re.compile(
    r"\bqui (?:anime|animent|gere|gerent|coordonne|coordonnent) (?:le|la|les|l) "
    r"(?:clubs?|antennes?|delegations?|sections?)\b"
)

# Who awards a label or a certificate ("qui délivre le label bâtiment biosourcé ?", "quel organisme
# certifie ?"), answered only by a sentence that names who does (« délivré par … », « organisme … »).
ISSUER_ASKED = re.compile(
    r"\bqui (?:le |la |les |l )?(?:delivre\w*|attribue\w*|decerne\w*|accorde\w*|octroie\w*|certifie\w*"
    r"|labellise\w*)\b"
    # "quel organisme délivre le label ?", not "piloté par quel organisme ?"
    r"|\b(?:quel|quels) (?:organismes?|certificateurs?) (?:le |la |les |l )?(?:delivre\w*|attribue\w*"
    r"|decerne\w*|certifie\w*|accorde\w*)\b|\borganismes? (?:certificateurs?|de certification)\b"
)

# --- what a sentence gives -------------------------------------------------------------------------------

YEAR = re.compile(r"\b(?:19|20)\d\d\b|\{(?:since|date):")
CREATION_GIVEN = re.compile(
    r"\b(?:cre\w*|lance\w*|nee?|fonde\w*|initie\w*|mis\w* en place|datent?|declaree? en|apparu\w*|deploye\w*"
    r"|publi(?:e|ee|es|ees|cation)|paru\w*|a ouvert|ouverte? (?:le|en)|ouverture)\b"
)
MEMBERSHIP_GIVEN = re.compile(
    r"\badh(?:ere|erer|erez|esion)\b|\brejoindre\b|\binscri\w*|\bcompte\b|\bdevenir membre\b|\bcotisation\b"
)
# The list of the exceptions to a rule ("la liste des dérogations, vous l'avez ?").
EXCEPTIONS_ASKED = re.compile(
    r"\b(?:liste|detail|quelles sont les|lesquelles)\b.{0,30}\b(?:derogations?|exceptions?|exemptions?)\b"
    r"|\b(?:derogations?|exceptions?|exemptions?)\b.{0,40}\b(?:lesquelles|liste|detail)\b"
    # which ones exactly (« quelles sont exactement les dérogations … ? », « quelles exemptions ? »)
    r"|\bquel(?:le)?s (?:sont )?(?:(?:exactement|precisement|concretement|donc) )?(?:les )?"
    r"(?:derogations?|exceptions?|exemptions?|dispenses?)\b"
    # in which cases one may be exempted (« dans quels cas peut-on y déroger ? »)
    r"|\bdans quels? cas\b.{0,40}\b(?:deroge\w*|deroger|exempt\w*|dispens\w*|echapp\w*)"
)
EXCEPTIONS_GIVEN = re.compile(
    # "exclus", "exclut", not "la lutte contre l'exclusion"
    r"\bpas concernee?s?\b|\bne s applique pas\b|\bexclu(?:e|es|s|t|ent|ant)?\b|\ba l exception\b"
    r"|\bsauf (?!derogation)"
)
DEADLINE_GIVEN = re.compile(
    r"\bdates? limites?\b|\bau plus tard\b|\bjusqu au \d|\bavant le \d|\bdans les \w+ mois\b|\bclotur\w* le\b"
)
WHO_RUNS_GIVEN = re.compile(r"\banim\w*|\bgere\w*|\bgestion\b|\bcoordon\w*|\bincube\w*|\bpilot\w*")
OUTCOME_GIVEN = re.compile(r"\b(?:atteint\w*|bilan|resultats?|a permis|ont permis)\b")
PUBLISHED_GIVEN = re.compile(r"\bpubli(?:e|ee|es|ees|cation)\b|\bparu\w*|\b(?:decret|loi) n\b|\barrete du \d")
AMOUNT = re.compile(
    r"\d[\d  ]*(?:[.,]\d+)?\s*(?:%|€|euros?\b|millions?\b|milliards?\b|kg|m²|m2\b|heures?\b)", re.IGNORECASE
)

# Words of the aspects asked, which say nothing of the subject ("créée", "quelle année", "seuil"...), and
# demonstratives that stand for the thing just answered ("depuis quand celui-là ?").
ASPECT_WORDS = stems(
    """
    cree creee crees creation lance lancee lancement fonde fondee fondation nee mis mise place ligne existe
    existent apparu ouvert ouverte quand annee date dates depuis combien temps quel quelle quels quelles
    adhere adherer adhesion devenir membre membres partie affilier inscrire rejoindre entre entrer comment
    seuil seuils montant minimum minimal plancher partir euros euro millions ht cette actuellement
    aujourd hui respecter obligatoire obligatoires fixe fixes annuel annuelle exactement precisement svp
    oui non est elle elles il ils on nous vous sais sait savez plus paru parue sorti sortie publie publiee
    doit doivent ete etait liste detail derogation derogations exception exceptions exemption exemptions
    lesquelles avez celui celle ceux celles cela limite limites butoir cloture jusqu
    anime animent gere gerent coordonne coordonnent
    atteint atteints atteinte atteintes remplis remplies tenus tenues bilan resultat resultats
    souhaiterais souhaite voudrais aimerais connaitre savoir duquel desquels laquelle dela devient deviennent
    adoption adopter adopte adoptee vigueur actuel actuelle
    """
)


# What a creation sentence may date besides the structure itself: "son guichet vert a ouvert en 2022"
# does not date the GIP that carries it, nor "il a lancé la charte RFAR (2010)" the CNA.
CREATED_PARTS = frozenset(
    "guichet guichets charte chartes label labels programme programmes club clubs plateforme appel appels"
    " mission missions outil outils parcours postes site".split()
)
# ... and the structures themselves ("créé en 2019, ce réseau"), which do not date one of their parts.
CREATED_WHOLES = frozenset("reseau reseaux association agence groupement gip structure".split())
# Things created in addition to those that exist ("185 nouveaux facilitateurs", "90 ETP supplémentaires").
ADDED_ONES = frozenset("nouveaux nouvelles nouveau nouvelle supplementaires supplementaire".split())
CREATION_WORD = re.compile(CREATION_GIVEN.pattern)
# Words of a figure asked and of its scope, which say nothing of the subject ("combien en France ?").
PERIOD = re.compile(r"\b((?:19|20)\d\d) ((?:19|20)\d\d)\b")
# The thing a share is of: "quelle part des marchés publics ?" / "50 % la proportion (...) de travailleurs".
MEASURE_ASKED = re.compile(
    r"\b(?:pourcentage|part|proportion|taux)\s+(?:de |des |d |du )(?:la |les |l )?((?:\w+ ?){1,5})"
)
MEASURE_GIVEN = re.compile(
    r"\d\s*%\s+(?:de |des |d |du )?(?:la |les |l )?(\w+)"
    r"|\b(?:part|proportion)\s+(?:minimale\s+)?(?:de |des |d |du )(?:la |les |l )?(\w+)"
)
MEASURE_FILLER = frozenset("avec sans dont sont etait etaient avaient ayant pour dans".split())
PUBLIC_SECTOR = re.compile(r"\bfonctions? publiques?\b|\bsecteur public\b|\bemployeurs? publics?\b")
PRIVATE_SECTOR = re.compile(r"\bentreprises? privees?\b|\bsecteur prive\b|\bemployeurs? prives?\b")
SAME_MEASURE = re.compile(r"\b(?:contrats|consultations|commandes)\b")


# Words of a question's scope, which name no subject ("depuis quand ça existe en France ?", "au total",
# "en général", "dans tout le pays"): a sentence need not repeat them to answer.
QUESTION_SCOPE = stems(
    "niveau national nationale nationaux france pays territoire general generale generalement global"
    " globale total partout tout toute"
)


def subject_stems(question: str, title: str = "") -> FrozenSet[str]:
    """The content stems of a question that name what it is about, without the aspect asked, its scope
    and the topic's own name (``title``)."""
    return stems(question) - ASPECT_WORDS - QUESTION_SCOPE - stems(title)


def subject_text(question: str, title: str = "") -> str:
    """The words of the question that name its subject ("seuils européens, combien ?" -> "européens"):
    the topic's answer that follows an unknown aspect is focused on them, not on the aspect asked."""
    subject = subject_stems(question, title)
    return " ".join(word for word in question.split() if stems(word) & subject)


def _about(unit: str, subject: FrozenSet[str]) -> bool:
    """The sentence names at least half of the subject ("seuils carbone de la RE2020 en 2028" is not
    answered by a sentence on "bas-carbone" materials in 2030)."""
    return not subject or 2 * len(subject & stems(unit)) >= len(subject)


def asks_creation_date(text: str) -> bool:
    """ "il a été créé quand ?", "lancé en quelle année ?", "mis en ligne à quelle date ?"."""
    plain = question_form(text)
    return bool(CREATION_ASKED.search(plain) and WHEN_ASKED.search(plain))


def _dates_the_subject(plain: str, question: str) -> bool:
    """A creation the sentence dates (a year after it, or just before) is of what the question asks: not
    only of a part the question does not name ("son guichet vert a ouvert en septembre 2022" does not date
    the GIP that carries it), nor of the whole when the question asks a part ("créé en 2019, ce réseau"
    does not date its guichet vert)."""
    asked = set(question_form(question).split())
    asked = asked | {word + "s" for word in asked}
    asks_part = bool(asked & CREATED_PARTS)
    for match in CREATION_WORD.finditer(plain):
        before, after = plain[: match.start()].split()[-4:], plain[match.end() :].split()
        if not YEAR_WORD.search(" ".join(before + after)):
            continue
        parts = [word for word in before + after[:3] if word in CREATED_PARTS]
        # "a lancé la charte RFAR (2010) puis le label RFAR (2012)": the part asked, dated further on
        later = after[:8]
        if asks_part and any(
            word in asked and YEAR_WORD.search(" ".join(later[i:])) for i, word in enumerate(later)
        ):
            return True
        wholes = [word for word in before + after[:8] if word in CREATED_WHOLES]
        if parts and not asked & set(parts):
            continue
        # "a lancé en 2022 un appel à projets pour créer 185 nouveaux facilitateurs": the date of new ones
        # (or of a call for projects), not of the thing itself, unless they are what is asked
        added = [word for word in after[:8] if word in ADDED_ONES or word in ("appel", "appels")]
        if added and not asked & set(added):
            continue
        if asks_part and not parts and wholes:
            continue
        return True
    return False


def creation_date_known(texts: Iterable[str], question: str, title: str = "") -> bool:
    subject = subject_stems(question, title)
    for unit in (u for text in texts for u in units(text)):
        plain = normalize(unit)
        if YEAR.search(unit) and _about(unit, subject) and _dates_the_subject(plain, question):
            return True
    return False


def without_years(question: str) -> str:
    """The question without the years it names ("nos achats de 2025" -> "nos achats de")."""
    return YEAR_WORD.sub(" ", question)


def years_asked(question: str) -> FrozenSet[str]:
    """The years a question names, but not a plan's period ("le PNAD 2022-2025")."""
    plain = question_form(question)
    periods = {year for match in PERIOD.finditer(plain) for year in match.groups()}
    return frozenset(set(YEAR_WORD.findall(plain)) - periods)


def _measures(pattern: re.Pattern, text: str) -> FrozenSet[str]:
    """The stems of what is measured (plain words: "marchés" and "public" are stop words elsewhere)."""
    found = " ".join(group for match in pattern.finditer(text) for group in match.groups() if group)
    words = SAME_MEASURE.sub("marches", found).split()
    return frozenset(stem(word) for word in words if len(word) > 3 and word not in MEASURE_FILLER)


# A kind of employer a figure may be about ("la part de travailleurs handicapés dans une entreprise adaptée").
EMPLOYER_KIND = re.compile(
    r"\b(entreprises? adaptees?|esat|siae|structures? d insertion|fonction publique)\b"
)


def employer_kinds(plain: str) -> FrozenSet[str]:
    return frozenset(found.split()[0][:6] for found in EMPLOYER_KIND.findall(plain))


# A figure that holds from a year on (« à compter du 1er janvier 2030 », « {since:2030-01-01} »).
APPLIES_FROM = re.compile(
    r"\{since:((?:19|20)\d\d)"
    r"|\b(?:a compter|a partir|depuis)\b(?: (?:du|de|d|le|l))?(?: \w+){0,3}? ((?:19|20)\d\d)\b"
)


def applies_from(text: str) -> Optional[int]:
    """The year from which a sentence's rule holds, if it says so."""
    found = APPLIES_FROM.search(text) or APPLIES_FROM.search(normalize(text))
    return int(found.group(1) or found.group(2)) if found else None


def figure_about(unit: str, clause: str, question: str) -> bool:
    """Whether a clause that gives a figure gives it about what the question asks: the same year (the
    clause's, else its sentence's), the same thing measured ("quelle part des marchés ?" is not "50 % de
    travailleurs handicapés"), not a count at a launch. Its words are not compared with the question's
    (a question on a figure has verbs, typos and scope words that the sentence need not repeat)."""
    years = years_asked(question)
    if years:
        given = set(YEAR_WORD.findall(clause)) or set(YEAR_WORD.findall(unit))
        start = applies_from(clause) or applies_from(unit)
        later = start is not None and all(int(year) >= start for year in years)
        if not years & given and not later:  # « en 2031 ? » is answered by « à compter de 2030 »
            return False
    asked = _measures(MEASURE_ASKED, question_form(question))
    if asked and "%" in clause:
        given_measures = _measures(MEASURE_GIVEN, normalize(clause))
        head = _asked_head(question_form(question))
        if given_measures and not asked & given_measures and not (head and head in _after_percent(clause)):
            return False
    plain = normalize(clause)
    if _other_sector(question_form(question), normalize(unit)):
        return False
    kinds = employer_kinds(question_form(question))
    if kinds and not kinds & employer_kinds(normalize(unit)):
        return False  # "dans une entreprise adaptée ?" is not answered by the 6 % of private firms
    return not (AT_LAUNCH.search(plain) and not CREATION_ASKED.search(question_form(question)))


def _asked_head(plain: str) -> str:
    """The stem of the first word of what a share is asked of ("quelle part de biosourcé est imposée" ->
    "bioso")."""
    match = MEASURE_ASKED.search(plain)
    words = [w for w in (match.group(1).split() if match else []) if len(w) > 3 and w not in MEASURE_FILLER]
    return stem(words[0]) if words else ""


def _after_percent(clause: str) -> FrozenSet[str]:
    """The stems said after a clause's first share: what it is a share of may be named further on ("25 %
    des constructions … doivent recourir à des matériaux biosourcés" answers "quelle part de biosourcé ?")."""
    after = normalize(clause).partition("%")[2]
    return frozenset(stem(word) for word in after.split() if len(word) > 3)


def _other_sector(question: str, sentence: str) -> bool:
    """The question is on one sector and the figure on the other only ("dans la fonction publique ?" is
    not answered by a rate for private companies)."""
    asks_public, asks_private = bool(PUBLIC_SECTOR.search(question)), bool(PRIVATE_SECTOR.search(question))
    gives_public, gives_private = bool(PUBLIC_SECTOR.search(sentence)), bool(PRIVATE_SECTOR.search(sentence))
    return (asks_public and not asks_private and gives_private and not gives_public) or (
        asks_private and not asks_public and gives_public and not gives_private
    )


def figure_clauses(texts: Iterable[str]) -> Iterable[Tuple[str, str]]:
    """(sentence, clause) pairs: a figure is read in its clause ("...; celui de 2022 a permis de créer 82
    postes"), the clause's year being its own, else its sentence's."""
    for text in texts:
        for unit in units(text):
            for clause in unit.split(";"):
                if clause.strip():
                    yield unit, clause


def asks_deadline(text: str) -> bool:
    return bool(DEADLINE_ASKED.search(question_form(text)))


PERIOD_GIVEN = re.compile(r"\{period:")  # "{period:2022-2025}": until when a plan runs
RARE_UNITS = 2  # a word of the question found in at most this many sentences names a part of the topic


def deadline_known(texts: Iterable[str], question: str, title: str = "") -> bool:
    """A sentence of the topic (of the year asked, if any) gives a closing date or a time limit, and names
    the part of the topic the question names, if any: "la date limite pour publier notre SPASER ?" is not
    answered by the date the climate law set for its other measures."""
    texts = list(texts)
    all_units = [stems(unit) for text in texts for unit in units(text)]
    subject = subject_stems(question, title)
    rare = {word for word in subject if 1 <= sum(word in unit for unit in all_units) <= RARE_UNITS}

    def answers(unit: str, clause: str) -> bool:
        asked, named = question, rare
        if ANNUAL_LIMIT.search(normalize(clause)):  # every year's limit: the year asked is no part named
            asked, named = without_years(question), {word for word in rare if not YEAR_WORD.fullmatch(word)}
        return figure_about(unit, clause, asked) and (not named or bool(named & stems(unit)))

    return any(
        (DEADLINE_GIVEN.search(normalize(clause)) or PERIOD_GIVEN.search(clause)) and answers(unit, clause)
        for unit, clause in figure_clauses(texts)
    )


def asks_published(text: str) -> bool:
    """ "le décret ... est paru ?" (not "quand a-t-il été publié ?", a date: see asks_creation_date)."""
    plain = question_form(text)
    return bool(PUBLISHED_ASKED.search(plain)) and not WHEN_ASKED.search(plain)


def _given_about(given: re.Pattern, texts: Iterable[str], question: str, title: str) -> bool:
    """Whether a sentence about the question's subject matches `given`."""
    subject = subject_stems(question, title)
    return any(
        given.search(normalize(unit)) and _about(unit, subject) for text in texts for unit in units(text)
    )


def publication_known(texts: Iterable[str], question: str, title: str = "") -> bool:
    return _given_about(PUBLISHED_GIVEN, texts, question, title)


def asks_exceptions(text: str) -> bool:
    return bool(EXCEPTIONS_ASKED.search(question_form(text)))


def exceptions_known(texts: Iterable[str], question: str, title: str = "") -> bool:
    """A sentence about the subject says what is left out (not only "sauf dérogations")."""
    return _given_about(EXCEPTIONS_GIVEN, texts, question, title)


def asks_membership(text: str) -> bool:
    """How to join, become a member ("comment on adhère ?"); "l'adhésion coûte combien ?" asks a cost
    (followup.figure_is_known)."""
    plain = question_form(text)
    return bool(MEMBERSHIP_ASKED.search(plain) and HOW_ASKED.search(plain)) and COST not in aspects(text)


def membership_known(texts: Iterable[str], question: str, title: str = "") -> bool:
    return _given_about(MEMBERSHIP_GIVEN, texts, question, title)


def asks_outcome(text: str) -> bool:
    """What was achieved; not what befalls a buyer who falls short (« et si on atteint pas les % ? »)."""
    plain = question_form(text)
    return bool(OUTCOME_ASKED.search(plain)) and not ASKS_PENALTY.search(plain)


def outcome_known(texts: Iterable[str], question: str, title: str = "") -> bool:
    """A sentence about the subject says what was achieved (not only the targets)."""
    return _given_about(OUTCOME_GIVEN, texts, question, title)


# Where a question's scope lies, which says nothing of what is run ("au niveau national", "en France").
SCOPE_WORDS = stems("niveau national nationale nationaux france pays territoire")


def who_runs_known(texts: Iterable[str], question: str, title: str = "") -> bool:
    """A sentence about the thing asked says who runs it ("qui anime le club de la Gironde ?" is not
    answered by "elle anime des coalitions", a sentence on no club)."""
    subject = subject_stems(question, title) - SCOPE_WORDS
    return any(
        WHO_RUNS_GIVEN.search(normalize(unit)) and _about(unit, subject)
        for text in texts
        for unit in units(text)
    )


def asks_threshold(text: str) -> bool:
    return bool(THRESHOLD_ASKED.search(question_form(text)))


CONTEXT_END = re.compile(r"(?<=[.!?])\s+")
# not « : », which introduces the subject (« RE2020 : … »); « … si on doit refaire notre schéma et quel
# est le seuil en vigueur »: the second question is a clause of its own
CLAUSE_END = re.compile(r"\s*[,;]\s+|\s+et\s+(?=(?:quel|quels|quelle|quelles|combien)\b)")


def threshold_part(question: str) -> str:
    """The sentences of a message that ask for the threshold: « Ville de Besançon ici. » before « Le seuil
    du SPASER, c'est combien ? » is context, not the subject."""
    asking = [part for part in CONTEXT_END.split(question) if THRESHOLD_ASKED.search(question_form(part))]
    # within a long sentence, the clause that asks (« Madame, Monsieur, dans le cadre de …, je souhaiterais
    # connaître le montant … »)
    clauses = [
        clause
        for part in asking
        for clause in CLAUSE_END.split(part)
        if THRESHOLD_ASKED.search(question_form(clause))
    ]
    return " ".join(clauses or asking) or question


# A sentence whose subject is a pronoun (« Il est obligatoire … ») is about what the sentence before names.
PRONOUN_SUBJECT = re.compile(r"^(?:il|elle|ils|elles|celui ci|celle ci|ce schema|ce plan|ce label) ")


def with_antecedents(text: str) -> List[str]:
    """The sentences of a text, each one that starts with a pronoun joined to the sentence before it."""
    joined: List[str] = []
    for unit in units(text):
        if joined and PRONOUN_SUBJECT.match(normalize(unit)):
            unit = f"{joined[-1]} {unit}"
        joined.append(unit)
    return joined


def threshold_known(texts: Iterable[str], question: str, title: str = "") -> bool:
    """A sentence about the subject gives an amount (euros, a share, kg/m²...), not a year or an article;
    « Le SPASER est le schéma … Il est obligatoire au-delà de 50 millions » gives the SPASER's."""
    subject = subject_stems(threshold_part(question), title)
    return any(
        AMOUNT.search(unit) and _about(unit, subject) for text in texts for unit in with_antecedents(text)
    )


def asks_penalty(text: str) -> bool:
    return bool(ASKS_PENALTY.search(question_form(text)))


def penalty_known(texts: Iterable[str]) -> bool:
    """A sentence of the topic says what the one who does not comply risks (« pas de sanction »): the
    question "on risque quoi ?" names nothing else than the topic."""
    return any(GIVES_PENALTY.search(normalize(text)) for text in texts)


UNKNOWN_PENALTY = "Je n'ai pas cette information : les sanctions ne figurent pas dans mes sources."
UNKNOWN_CREATION = (
    "Je n'ai pas cette date : elle ne figure pas dans mes sources, et je préfère ne pas l'inventer."
)
UNKNOWN_MEMBERSHIP = "Je n'ai pas cette information : la façon d'adhérer ne figure pas dans mes sources."
UNKNOWN_THRESHOLD = "Je n'ai pas ce montant : il ne figure pas dans mes sources."
UNKNOWN_EXCEPTIONS = "Je n'ai pas cette liste : le détail des exceptions ne figure pas dans mes sources."
UNKNOWN_PUBLISHED = "Je n'ai pas cette information : sa parution ne figure pas dans mes sources."
UNKNOWN_OUTCOME = "Je n'ai pas cette information : le bilan ne figure pas dans mes sources."
UNKNOWN_WHO_RUNS = "Je n'ai pas cette information : qui l'anime ne figure pas dans mes sources."
UNKNOWN_DEADLINE = "Je n'ai pas cette date : la date limite ne figure pas dans mes sources."
UNKNOWN_ISSUER = (
    "Je n'ai pas cette information : l'organisme qui le délivre ou le certifie ne figure pas dans mes "
    "sources."
)
ISSUER_GIVEN = re.compile(
    r"\b(?:delivre\w*|attribue\w*|decerne\w*|certifie\w*|accorde\w*) par\b|\borganismes?\b|\bcertificat\w*"
)


def issuer_known(texts: Iterable[str]) -> bool:
    """A sentence of the topic names who awards it (« délivré par … », « un organisme certificateur »)."""
    return any(ISSUER_GIVEN.search(normalize(unit)) for text in texts for unit in units(text))


def unknown_aspect(question: str, texts: Iterable[str], title: str = "") -> Optional[str]:
    """What to say first when the question asks a creation date, a threshold, whether a text is out, how
    to join, a penalty or an outcome, that the topic's texts do not give about the subject asked; None
    when known or not asked. Each part of a two-part question is checked on its own ("publié quand, et
    jusqu'à quelle année ?")."""
    texts = list(texts)
    two = TWO_QUESTIONS.search(question_form(question))
    if two:
        return next((found for part in two.groups() if (found := unknown_aspect(part, texts, title))), None)
    if asks_creation_date(question) and not creation_date_known(texts, question, title):
        return UNKNOWN_CREATION
    if asks_deadline(question) and not deadline_known(texts, question, title):
        return UNKNOWN_DEADLINE
    if asks_threshold(question) and not threshold_known(texts, question, title):
        return UNKNOWN_THRESHOLD
    if asks_exceptions(question) and not exceptions_known(texts, question, title):
        return UNKNOWN_EXCEPTIONS
    if asks_published(question) and not publication_known(texts, question, title):
        return UNKNOWN_PUBLISHED
    if asks_membership(question) and not membership_known(texts, question, title):
        return UNKNOWN_MEMBERSHIP
    if asks_penalty(question) and not penalty_known(texts):
        return UNKNOWN_PENALTY
    if asks_outcome(question) and not outcome_known(texts, question, title):
        return UNKNOWN_OUTCOME
    if WHO_RUNS_ASKED.search(question_form(question)) and not who_runs_known(texts, question, title):
        return UNKNOWN_WHO_RUNS
    if ISSUER_ASKED.search(question_form(question)) and not issuer_known(texts):
        return UNKNOWN_ISSUER
    return None


# --- a year no sentence covers ----------------------------------------------------------------------------

# A year asked as the time of the thing (« en 2025 », « pour 2025 », « celui de 2025 », « l'année 2025 »),
# not a text's number (« décret 2024-134 »).
YEAR_ASKED = re.compile(
    r"\b(?:en|pour|de|d|dans|durant|pendant|annee|au cours de) ((?:19|20)\d\d)\b(?! ?(?:[-/]|\d))"
)
# A period a sentence covers (« {period:2022-2025} », « PNAD 2022-2025 »).
YEARS_SPANNED = re.compile(r"\b((?:19|20)\d\d) ?(?:-|–|a|au) ?((?:19|20)\d\d)\b")
# The year from which a sentence's rule or state holds (« {since:2026-08-21} », « depuis 2025 »,
# « à compter de 2030 »): it answers a question on any year, later (it holds) or earlier (not yet).
HOLDS_FROM = re.compile(
    r"\{since:((?:19|20)\d\d)"
    r"|\b(?:depuis|a compter|a partir)\b(?: (?:du|de|d|le|l|les))?(?: \w+){0,3}? ((?:19|20)\d\d)\b"
)
# A document dated by the year (« le guide aspects sociaux de 2018 », « le décret de 2024 »): its date,
# not the time of what is asked.
DOCUMENT_BEFORE = re.compile(
    r"\b(?:guides?|decrets?|lois?|arretes?|circulaires?|plans?|rapports?|textes?|versions?|editions?"
    r"|ordonnances?|fiches?|notes?|chartes?)(?: \w+){0,3} $"
)
MAX_YEAR_QUESTION_WORDS = 16  # a longer message may date its context, not what it asks
# An event asked of the year (« il y a eu un appel à projets en 2025 ? », « un nouveau plan pour 2027 ? »):
# only then can a year the sources lack be said unknown. A year of the buyer's own purchase or plan
# (« pour 2026, quels labels exiger ? », « un marché de 2027 ») asks the rule, which the answer gives.
EVENT_ASKED = re.compile(
    r"\b(?:(?:il )?y a (?:t il )?eu|y aura t il|est (?:il|elle) prevue?|sont (?:ils|elles) prevus?|prevue?s?"
    r"|lance\w*|nouve(?:au|l|lle|aux|lles)|appels? a projets?|editions?|bilan|chiffres?|combien"
    r"|existe\w*|encore)\b"
    r"|^(?:et )?(?:pour|en) (?:l annee )?(?:19|20)\d\d\W*$"  # « et pour 2018 ? »: the same, for that year
)


def uncovered_year(question: str, texts: Iterable[str]) -> Optional[str]:
    """The first year a short question asks about (« et il y a eu un appel à projets en 2025 ? ») that no
    text covers: none names it, none gives a period holding it, none says a rule or state holding from an
    earlier year. None when every year asked is covered, or none is asked."""
    plain = question_form(question)
    if len(plain.split()) > MAX_YEAR_QUESTION_WORDS or not EVENT_ASKED.search(plain):
        return None
    listed = years_asked(question)
    asked = [
        match.group(1)
        for match in YEAR_ASKED.finditer(plain)
        if match.group(1) in listed and not DOCUMENT_BEFORE.search(plain[: match.start()])
    ]
    if not asked:
        return None
    joined = "\n".join(texts)
    both = f"{joined}\n{normalize(joined)}"
    named = set(YEAR_WORD.findall(both))
    periods = [(int(a), int(b)) for a, b in YEARS_SPANNED.findall(both)]
    if HOLDS_FROM.search(both):  # a rule's start answers any year (« biosourcé obligatoire en 2026 ? »)
        return None
    for year in asked:
        value = int(year)
        if year in named or any(a <= value <= b for a, b in periods):
            continue
        return year
    return None


# What is asked of the year, in the buyer's words (« un appel à projets » in « un appel à projets en 2025 »).
YEAR_SUBJECT = re.compile(
    r"\b((?:un|une|des|le|la|les|l'|l’) ?[^\W\d_]+(?: (?:à|a|de|du|des|d'|d’) ?[^\W\d_]+)?)"
    r" (?:en|pour) ((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def unknown_year_sentence(question: str, year: str) -> str:
    """« Je n'ai pas d'information sur un appel à projets en 2025 » said first."""
    found = next((m for m in YEAR_SUBJECT.finditer(question) if m.group(2) == year), None)
    about = f"sur {found.group(1)} en {year}" if found else f"pour l'année {year}"
    return f"Je n'ai pas d'information {about} : mes sources ne couvrent pas cette année."


def question_without_year(question: str, year: str) -> str:
    """The question with the year asked taken out (« … un appel à projets ? »), to answer what is known."""
    dropped = re.sub(rf"\s*\b(?:en|pour|de|d'|d’|dans|durant|pendant)\s*{year}\b", "", question)
    return re.sub(rf"\s*\b{year}\b", "", dropped).strip()
