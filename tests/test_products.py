"""The AGEC category of a purchase, from the objects a message names (actions/products.py)."""

from __future__ import annotations

from actions.knowledge import knowledge_base
from actions.products import find_product_category

AGEC = knowledge_base().agec


def test_a_telephone_number_asked_is_no_phone_bought() -> None:
    assert find_product_category(AGEC, "téléphone", "et son numéro de téléphone ?") is None
    assert find_product_category(AGEC, None, "on peut les joindre par téléphone ?") is None
    bought = find_product_category(AGEC, None, "on achète des téléphones portables pour les agents")
    assert bought is not None and bought.id == "informatique"
