"""Which AGEC category a purchase falls in, when the buyer names it in other words.

``actions.agec.find_category`` matches the product entity and the keywords of ``knowledge/agec.yml``
word for word. Buyers also name the items one by one ("tondeuses, souffleurs"), in the singular or the
plural, or by the people who use them ("les tenues des agents", "le matériel des jardiniers"). This
module adds, after it, a lexicon of such words per category, compared without case, accents or a final
plural "s"/"x". The object wins over the people: "les blouses des infirmières" is textiles; a job alone
("pour nos jardiniers") only when no object is named.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from actions.agec import find_category
from actions.knowledge import AgecCategory, AgecFile
from textnorm import normalize

# Objects (one item per line of words; compared in the singular, without accents).
OBJECTS: Dict[str, str] = {
    "textiles": """
        tenue, tenues de travail, uniforme, blouse, vetement, vetements de travail, habit, gilet, polo,
        pantalon,
        veste, tee shirt, t shirt, chemise, combinaison, linge, drap, taie, housse, couette, serviette, nappe,
        torchon, rideau, textile, tablier, casquette, pyjama, tunique, sweat, blouson, parka, short,
        chaussette, bonnet, polaire, doudoune, bleu de travail, bleus de travail, cotte, blouson,
        habillement, vetir, habiller, tenue vestimentaire, dotation vestimentaire, coupe vent, k way, kway,
        sweat shirt, sous vetement
    """,
    "informatique": """
        ordinateur, pc, ordinateur portable, pc portable, laptop, ecran, moniteur, clavier, souris, serveur,
        smartphone, telephone, telephone portable, tablette, videoprojecteur, materiel informatique, poste de
        travail, unite centrale, borne wifi, switch, portable, portables, ipad, macbook, chromebook, imac,
        thinkpad, iphone, tablette numerique, ecran interactif, tableau numerique interactif, tni, webcam
    """,
    "reprographie": """
        photocopieur, photocopieuse, copieur, imprimante, multifonction, traceur, scanner, reprographie
    """,
    "consommables_impression": """
        cartouche, toner, encre, consommable d impression, tambour
    """,
    "papier": """
        papier, ramette, feuille a4, feuille de papier, ramette de papier, papier recycle
    """,
    "fournitures_bureau": """
        stylo, crayon, gomme, cahier, classeur, agrafeuse, agrafe, trombone, surligneur, feutre,
        post it, bloc note, ciseaux, tube de colle, fourniture scolaire, fourniture de bureau,
        chemise cartonnee,
        pochette, marqueur, taille crayon, trousse, bic, stabilo, criterium, porte mine, calculatrice,
        fourniture administrative
    """,
    "engins_transport": """
        velo, velo electrique, velo a assistance electrique, vae, velo cargo, trottinette, trottinette
        electrique, cyclomoteur, scooter, gyropode, edpm, piece detachee de velo
    """,
    "vehicules": """
        voiture, vehicule, vehicule utilitaire, utilitaire, camion, camionnette, fourgon, fourgonnette,
        minibus,
        bus, autocar, flotte automobile, vehicule de service, berline, benne a ordure menagere, poids lourd,
        camion benne, camion poubelle, balayeuse, flotte auto, parc auto, parc automobile, automobile,
        flotte de vehicule
    """,
    "mobilier": """
        chaise, table, bureau de travail, armoire, etagere, meuble, canape, fauteuil, siege de bureau,
        siege, bureau d eleve, bureau d ecolier, bureau d enfant, table d eleve, table de classe, tabouret,
        pupitre,
        mobilier, mobilier de bureau, mobilier scolaire, rangement, caisson, bibliotheque, lit, banquette
    """,
    "mobilier_urbain": """
        banc public, banc, abribus, abri bus, abri de bus, abri voyageur, potelet, borne de recharge,
        corbeille de rue, jardiniere, barriere, mobilier
        urbain, banc de ville, arceau velo, range velo, abri velo, abri a velo, abri de velo
    """,
    "collecte_dechets": """
        poubelle, conteneur, conteneur de tri, bac, bac roulant, bac a ordure, benne, colonne de tri,
        composteur,
        colonne enterree, point d apport volontaire
    """,
    "bocaux_flacons": """
        bocal, flacon, pot en verre, bouteille en verre
    """,
    "equipements_sportifs": """
        ballon, raquette, tapis de gym, tapis de sol, filet, cage de but, panier de basket, agre, haltere,
        plot, cerceau,
        materiel de sport, equipement sportif, article de sport, velo d appartement, tapis de course
    """,
    "espaces_verts": """
        tondeuse, debroussailleuse, taille haie, souffleur, tronconneuse, secateur, motoculteur,
        scarificateur,
        materiel de jardinage, outil de jardinage, materiel d espaces verts, broyeur de vegetaux
    """,
    "batiments_modulaires": """
        modulaire, prefabrique, bungalow, algeco, classe mobile, batiment modulaire, construction modulaire
    """,
    "electromenager": """
        frigo, refrigerateur, congelateur, lave linge, machine a laver, seche linge, lave vaisselle, four,
        chambre froide, cuisiniere, plaque de cuisson, hotte, electromenager, armoire refrigeree, friteuse
    """,
    "jeux_jouets": """
        jouet, jeu, peluche, poupee, puzzle, jeu de construction, lego, jeu de societe, jeu educatif, dinette,
        jeu d eveil, playmobil, duplo, kapla, jouet en bois, jeux d exterieur
    """,
}
# People or places whose purchases are usually of one category ("le matériel des jardiniers").
USERS: Dict[str, str] = {
    "espaces_verts": "jardinier, espace vert, service des espaces verts, paysagiste",
    "jeux_jouets": "creche, ludotheque, halte garderie",
    "equipements_sportifs": "gymnase, club de sport, stade",
    "electromenager": "cuisine centrale, buanderie",
}
# What a purchase is used for, as a verb or an act in any of its forms ("pour tondre et tailler les haies",
# "de quoi s'asseoir"): its category when no object is named. Printing is left out: paper, ink or a printer.
USES: Dict[str, re.Pattern] = {
    "espaces_verts": re.compile(
        r"\b(?:tond\w*|tonte|debroussaill\w*|elag\w*|desherb\w*|jardinage|jardiner"
        r"|taill\w* (?:\w+ ){0,2}?(?:haies?|arbustes?|arbres?|massifs?)"
        r"|entret\w* (?:\w+ ){0,2}?espaces? verts?"
        r"|ramass\w* (?:\w+ ){0,2}?feuilles|souffl\w* (?:\w+ ){0,2}?feuilles)\b"
    ),
    "mobilier": re.compile(r"\b(?:s asseoir|s assoient|s assoit|ranger (?:les |des |nos )?dossiers)\b"),
    "engins_transport": re.compile(r"\b(?:pedal\w*)\b"),
}
# Protective equipment is outside the textiles category ("Produits textiles à l'exception des EPI"):
# named, it is no category of the lexicon; "hors EPI", "sauf les EPI" set it aside, the rest is the
# category's. High-visibility clothing (gilets, chasubles) is protective equipment.
EXCLUDED_CONTEXT = re.compile(
    r"\b(?<!hors )(?<!sauf )(?<!hors les )(?<!sauf les )(?<!pas des )(?<!pas les )"
    r"(?:epi|equipements? de protection individuelle?s?)\b"
)
# A telephone number asked for ("son numéro de téléphone ?", "on peut les joindre par téléphone ?").
PHONE_CONTACT = re.compile(
    r"\b(?:numeros?|n|no|num) (?:de )?(?:telephone|tel|portable)\b"
    r"|\b(?:par|au|son|leur|quel|un) (?:telephone|tel)\b|\btelephoner\b"
)
# A body's headquarters ("notre siège social", "au siège"), not a seat bought.
HEADQUARTERS = re.compile(
    r"\bsieges? (?:social|sociaux)\b"
    r"|\b(?:au|le|notre|son|leur|du|votre) siege\b(?! (?:de bureau|pivotant|ergonom\w*|enfant))"
)
CONTRACT_DOCUMENT = re.compile(r"\bcahiers? des (?:charges|clauses \w+)\b")
PHONE_WORDS = frozenset({"telephone", "tel", "portable", "telephones"})
HIGH_VISIBILITY = re.compile(
    r"\b(?:(?:gilets?|chasubles?|vestes?|tenues?)(?: \w+){0,2} (?:haute visibilite|fluo\w*|de signalisation)"
    r"|gilets? jaunes?)\b"
)


# Protective equipment named item by item ("chaussures de sécurité", "casques de chantier").
PROTECTIVE_ITEMS = re.compile(
    r"\b(?:chaussures?|bottes?|godillots?) de (?:securite|protection)\b"
    r"|\bcasques? de (?:chantier|protection)\b"
    r"|\b(?:gants?|lunettes?|masques?|harnais) de (?:protection|securite)\b|\bprotections? auditives?\b"
    r"|\bbouchons? d oreilles?\b"
)
TEXTILES = "textiles"


def names_protective_equipment(message: str) -> bool:
    """The message names protective equipment (EPI, high-visibility clothing, safety shoes...)."""
    plain = normalize(message)
    return bool(
        EXCLUDED_CONTEXT.search(plain) or HIGH_VISIBILITY.search(plain) or PROTECTIVE_ITEMS.search(plain)
    )


def protective_equipment_sentence(agec: AgecFile) -> Optional[str]:
    """What the textiles category's own label says of protective equipment."""
    textiles = next(
        (c for c in agec.categories if c.id == TEXTILES or "protection" in normalize(c.label)), None
    )
    if textiles is None:
        return None
    return (
        "Les équipements de protection individuelle (EPI) sont exclus de la catégorie textiles de "
        f"l'article 58 de la loi AGEC : son libellé est « {textiles.label} »."
    )


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith(("s", "x")) and not word.endswith(("ss",)):
        return word[:-1]
    return word


DOUBLED = re.compile(r"([a-z])\1")


def _key(text: str) -> Tuple[str, ...]:
    """Singular words without doubled letters, on both sides: "mobillier" is "mobilier", "ordinnateur"
    "ordinateur" (a doubled or undoubled letter is the commonest typo)."""
    return tuple(DOUBLED.sub(r"\1", _singular(word)) for word in re.findall(r"[a-z0-9]+", normalize(text)))


def _index(table: Dict[str, str]) -> Dict[Tuple[str, ...], str]:
    return {
        _key(item): category for category, items in table.items() for item in items.split(",") if item.strip()
    }


OBJECT_INDEX = _index(OBJECTS)
USER_INDEX = _index(USERS)
LONGEST = max(len(key) for key in list(OBJECT_INDEX) + list(USER_INDEX))


def _matches(words: Tuple[str, ...], index: Dict[Tuple[str, ...], str]) -> List[Tuple[int, str]]:
    """(length, category) for each phrase of the index found in ``words``, longest first at each place."""
    found: List[Tuple[int, str]] = []
    i = 0
    while i < len(words):
        for size in range(min(LONGEST, len(words) - i), 0, -1):
            category = index.get(words[i : i + size])
            if category:
                found.append((size, category))
                i += size
                break
        else:
            i += 1
    return found


def object_counts(message: str) -> Dict[str, Tuple[int, int]]:
    """(how many objects named, longest phrase) per category, for the objects the message names."""
    counts: Dict[str, Tuple[int, int]] = {}
    for size, category in _matches(_key(message), OBJECT_INDEX):
        count, longest = counts.get(category, (0, 0))
        counts[category] = (count + 1, max(longest, size))
    return counts


def used_for(message: str) -> Optional[str]:
    """The category of what the message says a purchase is used for ("pour tondre les pelouses")."""
    plain = normalize(message)
    return next((category for category, use in USES.items() if use.search(plain)), None)


def category_in_words(message: str) -> Optional[str]:
    """The category of the objects named (the most named; the longest phrase on a tie), else of the users."""
    counts = object_counts(message)
    if counts:
        return max(counts, key=lambda category: counts[category])
    used = used_for(message)
    if used:
        return used
    words = _key(message)
    users = _matches(words, USER_INDEX)
    return users[0][1] if users else None


def find_product_category(agec: AgecFile, product: Optional[str], message: str) -> Optional[AgecCategory]:
    """The AGEC category: the knowledge's own keywords first, then the words of this module; but when
    the message names more objects of another category than of that one ("nos camions-bennes et
    utilitaires" are vehicles, though a "benne" alone collects waste), the objects named win."""
    by_id = {category.id: category for category in agec.categories}
    plain = normalize(message)
    if PHONE_CONTACT.search(plain):  # "et son numéro de téléphone ?": a contact asked, not a phone bought
        message = plain = PHONE_CONTACT.sub(" ", plain)
        product = None if product and normalize(product) in PHONE_WORDS else product
    if HEADQUARTERS.search(plain):  # "le siège de la société est à Lyon": a place, no furniture
        message = plain = HEADQUARTERS.sub(" ", plain)
    if CONTRACT_DOCUMENT.search(plain):  # "notre cahier des charges": a contract document, no stationery
        message = plain = CONTRACT_DOCUMENT.sub(" ", plain)
        product = None if product and normalize(product).startswith("cahier") else product
    if HIGH_VISIBILITY.search(plain) and "textile" not in plain:
        return None  # "des gilets haute visibilité pour la voirie": protective equipment
    category = find_category(agec, product, message)
    if category is not None:
        counts = object_counts(message)
        most = max(counts, key=lambda found: counts[found]) if counts else None
        if most in by_id and counts[most][0] > counts.get(category.id, (0, 0))[0]:
            return by_id[most]
        return category
    if EXCLUDED_CONTEXT.search(plain):
        return None
    found = category_in_words(message)
    if found is None and BARE_SUPPLIES.search(plain.strip()):
        found = "fournitures_bureau"  # "et pour les fournitures ?": office supplies
    return by_id.get(found) if found else None


# A bare « fournitures » given alone ("et pour les fournitures ?", "pareil pour nos fournitures") means
# office supplies, the course's own example of an AGEC purchase; within a sentence ("un marché de
# fournitures") it names the kind of contract, not a product.
BARE_SUPPLIES = re.compile(
    r"^(?:et |pareil |idem |meme chose )?(?:pour |avec |sur |concernant )?(?:les |nos |des |la |le |mes )?"
    r"(?:petites )?fournitures?\W*$"
)


# Single words of the lexicon that also mean something else ("en jeu", "il lit", "une table ronde", "la
# tenue d'un registre", "le bac"): alone, they do not make a message name a product.
AMBIGUOUS = frozenset(
    _key(word)
    for word in """
        jeu, lit, bu, bus, table, banc, bac, four, filet, plot, agre, chemise, serviette, feutre, pochette,
        rangement, benne, conteneur, utilitaire, ballon, hotte, barriere, jardiniere, tenue, habit, papier,
        portable, switch, scanner, souris, marqueur, pc, short, veste, modulaire, encre, bureau, vetir,
        habiller, gomme, regle, polo, drap, taie, bonnet, plaque de cuisson, linge, siege
    """.split(",")
)


def product_phrase(message: str) -> Optional[str]:
    """The words of the object the message names, when the lexicon knows it and they can mean nothing
    else ("polaires et doudounes pour les cantonniers"): what a product entity would have held."""
    words = _key(message)
    i = 0
    while i < len(words):
        for size in range(min(LONGEST, len(words) - i), 0, -1):
            phrase = words[i : i + size]
            if phrase in OBJECT_INDEX and phrase not in AMBIGUOUS:
                return " ".join(phrase)
        i += 1
    return None


def plainly_named_categories(message: str) -> List[str]:
    """The categories of the objects the message names in words that can mean nothing else ("jeux de
    société", "imprimantes"; not a lone "ballon" or "bac"), in the order they come."""
    words = _key(CONTRACT_DOCUMENT.sub(" ", normalize(message)))
    found: List[str] = []
    i = 0
    while i < len(words):
        for size in range(min(LONGEST, len(words) - i), 0, -1):
            phrase = words[i : i + size]
            category = OBJECT_INDEX.get(phrase)
            if category:
                if phrase not in AMBIGUOUS and category not in found:
                    found.append(category)
                i += size
                break
        else:
            i += 1
    return found
