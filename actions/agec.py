"""AGEC law, article 58: which category a purchase falls in and what the buyer must do."""

from __future__ import annotations

from datetime import date
from typing import Dict, List, Optional

from actions.dates import french_date
from actions.knowledge import AgecCategory, AgecFile
from actions.render import BUYER_TYPE_LABELS, PRIVATE_BUYER_TYPES, Reply, compose
from textnorm import normalize

SUGGESTED_CATEGORIES = ("fournitures_bureau", "papier", "informatique", "mobilier", "textiles")


def find_category(agec: AgecFile, product: Optional[str], message: str) -> Optional[AgecCategory]:
    """The category named by the product entity, or else the one whose keyword the message contains.

    The longest keyword found wins, so "mobilier urbain" beats "mobilier".
    """
    by_id = {category.id: category for category in agec.categories}
    if product and product in by_id:
        return by_id[product]
    text = f" {normalize(message)} "
    best: Optional[AgecCategory] = None
    best_length = 0
    for category in agec.categories:
        for keyword in category.keywords + [category.label]:
            needle = normalize(keyword)
            if needle and f" {needle} " in text and len(needle) > best_length:
                best, best_length = category, len(needle)
    return best


def _rates_sentence(label: str, rates: Dict[str, Optional[float]]) -> Optional[str]:
    known = [f"{value:g} % en {year}" for year, value in sorted(rates.items()) if value is not None]
    return f"{label} : {', '.join(known)}" if known else None


def rates_paragraph(agec: AgecFile, category: AgecCategory) -> str:
    """Known minimum shares, and an honest pointer to the decree's annex for what is not known."""
    lines = [
        line
        for line in (
            _rates_sentence("• issus du réemploi ou de la réutilisation", category.reuse_pct),
            _rates_sentence("• intégrant des matières recyclées", category.recycled_pct),
        )
        if line
    ]
    missing = [
        year
        for rates in (category.reuse_pct, category.recycled_pct)
        for year, value in rates.items()
        if value is None
    ]
    annex = f"l'annexe du {agec.decree} ({agec.decree_text.url})"
    if not lines:
        return (
            "Les taux minimaux de cette catégorie ne figurent pas dans ma base vérifiée : "
            f"ils sont fixés par {annex}. "
            "Je préfère vous y renvoyer plutôt que de donner un chiffre incertain."
        )
    text = "Parts minimales de la dépense annuelle de la catégorie (connues de ma base) :\n" + "\n".join(
        lines
    )
    if missing:
        years = ", ".join(sorted(set(missing)))
        text += f"\nLes taux des autres échéances ({years}) ne sont pas dans ma base : voir {annex}."
    return text


def scope_paragraph(agec: AgecFile, buyer_type: Optional[str]) -> str:
    """Whether article 58 binds this buyer, worded for the buyer type when known."""
    if buyer_type in PRIVATE_BUYER_TYPES:
        return (
            "L'article 58 de la loi AGEC ne s'applique pas aux achats des entreprises privées : "
            f"il vise {agec.who_is_bound}. Rien ne vous empêche toutefois de suivre la même démarche."
        )
    if buyer_type in ("hopital", "etablissement_public"):
        return (
            f"L'obligation de l'article 58 vise {agec.who_is_bound}. Pour {BUYER_TYPE_LABELS[buyer_type]}, "
            "vérifiez votre situation auprès du guichet vert de votre région."
        )
    return (
        f"Oui, si vous achetez pour l'un des acheteurs visés : l'article 58 de la loi AGEC s'applique à "
        f"{agec.who_is_bound}. Une part de vos achats annuels doit être issue du réemploi ou de la "
        "réutilisation, ou intégrer des matières recyclées."
    )


def agec_reply(
    agec: AgecFile,
    category: Optional[AgecCategory],
    buyer_type: Optional[str],
    today: Optional[date] = None,
) -> Reply:
    """The answer to 'does AGEC apply to my purchase of X, and what must I do?'."""
    today = today or date.today()
    in_force = f"Le {agec.decree} s'applique depuis le {french_date(agec.in_force)}."
    if agec.in_force > today:
        in_force = f"Le {agec.decree} s'appliquera à compter du {french_date(agec.in_force)}."
    buttons = [
        {"title": "Comment déclarer ?", "payload": "/ask_agec_declaration"},
        {"title": "Contacter le guichet vert", "payload": "/ask_guichet_vert"},
    ]
    if category is None:
        paragraphs: List[Optional[str]] = [
            scope_paragraph(agec, buyer_type),
            f"{in_force} Il répartit les produits en {len(agec.categories)} catégories. "
            "Quel type de produit achetez-vous ? Je vous donnerai la catégorie et les taux connus.",
        ]
        buttons = [
            {"title": category.label, "payload": f'/ask_agec{{"product": "{category.id}"}}'}
            for category in agec.categories
            if category.id in SUGGESTED_CATEGORIES
        ]
        return Reply(compose(paragraphs, agec.sources, today), buttons)
    paragraphs = [
        scope_paragraph(agec, buyer_type),
        f"Votre achat relève de la catégorie « {category.label} ». {in_force}",
        rates_paragraph(agec, category),
        category.note,
        f"• Exceptions : {agec.exemptions}\n• Déclaration : {agec.declaration}\n"
        f"• Guide officiel : {agec.guide.title} ({agec.guide.url})",
    ]
    sources = list(category.sources) + [s for s in agec.sources if s not in category.sources]
    return Reply(compose(paragraphs, sources, today), buttons)
