"""The words a buyer uses for the body they work for, by buyer type: one lexicon for the NLU component that
tags buyer types (nlu_components/buyer_type.py) and for the action server, which reads a body asked about in
a follow-up (« et la région, elle est concernée ? »). Plain Python, no Rasa import.
"""

from __future__ import annotations

from typing import Dict, List

PUBLIC_TYPES = frozenset({"etat", "collectivite", "hopital", "etablissement_public"})
PRIVATE_TYPES = frozenset({"entreprise", "tpe_pme", "organisme_prive"})
# Local public companies (SEM, SPL): private-law companies owned by public bodies, neither side for sure.
MIXED_TYPES = frozenset({"entreprise_publique_locale"})
BUYER_TYPES = PUBLIC_TYPES | PRIVATE_TYPES | MIXED_TYPES


# Surface forms (compared after textnorm.normalize: no case, accents, hyphens or apostrophes) -> type.
def _forms(block: str) -> List[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


LEXICON: Dict[str, str] = {}
for _type, _block in (
    (
        "collectivite",
        """
        mairie
        mairies
        municipalite
        commune
        communes
        collectivite
        collectivites
        collectivite territoriale
        collectivites territoriales
        collectivite locale
        collectivites locales
        conseil departemental
        conseil regional
        conseil general
        agglomeration
        agglo
        communaute d agglomeration
        communaute d agglo
        communaute de communes
        com com
        comcom
        com d agglo
        communaute urbaine
        metropole
        epci
        intercommunalite
        interco
        syndicat mixte
        syndicat intercommunal
        sivom
        sivu
        hotel de ville
        regie municipale
        regie communale
        regie intercommunale
        services municipaux
        service municipal
        police municipale
        creche municipale
        ecole municipale
        ville de
        notre ville
        une ville
        au departement
        a la region
        departement
        region
        """,
    ),
    (
        "etat",
        """
        l etat
        ministere
        ministeres
        prefecture
        prefectures
        administration centrale
        service de l etat
        services de l etat
        service deconcentre
        services deconcentres
        rectorat
        dreal
        ddt
        ddets
        dreets
        armee
        armees
        gendarmerie
        police nationale
        douane
        douanes
        """,
    ),
    (
        "hopital",
        """
        hopital
        hopitaux
        hopital public
        chu
        chr
        centre hospitalier
        centre hospitalier universitaire
        ght
        groupement hospitalier
        groupement hospitalier de territoire
        ap hp
        etablissement de sante
        etablissements de sante
        hosto
        """,
    ),
    (
        "etablissement_public",
        """
        etablissement public
        etablissements publics
        universite
        universites
        lycee
        lycees
        college
        colleges
        eple
        crous
        ccas
        sdis
        epic
        epa
        oph
        office public de l habitat
        office public hlm
        office public d hlm
        office hlm
        bailleur social
        ehpad public
        chambre d agriculture
        operateur de l etat
        """,
    ),
    (
        "entreprise",
        """
        entreprise
        entreprise privee
        entreprises privees
        une entreprise
        notre entreprise
        mon entreprise
        ma boite
        boite privee
        une boite privee
        notre boite
        societe
        societe privee
        une societe
        notre societe
        ma societe
        groupe industriel
        groupe prive
        grand groupe
        grande entreprise
        grande distribution
        groupe de grande distribution
        enseigne de grande distribution
        grande surface
        supermarche
        hypermarche
        industriel
        fabricant
        eti
        scop
        scic
        sarl
        sas
        sasu
        eurl
        cooperative
        acheteur prive
        acheteuse privee
        acheteurs prives
        secteur prive
        le prive
        dans le prive
        """,
    ),
    (
        "tpe_pme",
        """
        pme
        tpe
        pmi
        tpe pme
        petite entreprise
        petites entreprises
        tres petite entreprise
        petite boite
        start up
        startup
        artisan
        artisane
        commercant
        commercante
        auto entrepreneur
        autoentrepreneur
        micro entreprise
        microentreprise
        """,
    ),
    (
        "organisme_prive",
        """
        association
        associations
        asso
        assos
        association loi 1901
        fondation
        fondation privee
        mutuelle
        mutuelles
        ong
        organisme prive
        organisme de droit prive
        structure privee
        structure de l ess
        structures de l ess
        structure de l economie sociale et solidaire
        secteur associatif
        structure associative
        ehpad associatif
        ehpad prive
        clinique
        cliniques
        clinique privee
        hopital prive
        hopitaux prives
        espic
        etablissement prive
        etablissement de sante prive
        lycee prive
        college prive
        ecole privee
        """,
    ),
    (
        "entreprise_publique_locale",
        """
        sem
        saem
        spl
        sempl
        semop
        epl
        societe d economie mixte
        societe d economie mixte locale
        societe publique locale
        entreprise publique locale
        entreprises publiques locales
        """,
    ),
):
    for _form in _forms(_block):
        LEXICON[_form] = _type
