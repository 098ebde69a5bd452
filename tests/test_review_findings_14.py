"""Review findings of stop 25 fixed in stop 26: acronyms, disposable items, AGEC notes, places."""

from actions.actions import KNOWLEDGE
from actions.unknown_terms import spelled_out, unknown_term_reply


def test_acronym_spelled_out_in_passing_is_given_with_its_sentence() -> None:
    reply = unknown_term_reply(KNOWLEDGE, "c'est quoi le HCCP ?")
    assert reply is not None
    assert reply.text.startswith("« HCCP » veut dire « Haut conseil de la commande publique »")
    assert "sans le définir" in reply.text


def test_acronym_only_cited_says_no_definition_and_quotes_the_source() -> None:
    reply = unknown_term_reply(KNOWLEDGE, "c'est quoi une PME ?")
    assert reply is not None
    assert reply.text.startswith("Je n'ai pas de définition de « PME »")
    assert "Elles le citent seulement ainsi" in reply.text


def test_acronym_in_no_source_says_no_definition() -> None:
    reply = unknown_term_reply(KNOWLEDGE, "HCCP c'est quoi")
    assert reply is not None and "HCCP" in reply.text
    assert unknown_term_reply(KNOWLEDGE, "c'est quoi le but ?") is None  # an ordinary word, not a term


def test_spelled_out_needs_every_initial() -> None:
    assert spelled_out("82 postes en équivalent temps plein (ETP) créés.", "etp") == "équivalent temps plein"
    assert spelled_out("un réseau très actif (ETP) ici.", "etp") is None
    assert spelled_out("rien entre parenthèses.", "etp") is None


def test_structure_name_after_de_is_contracted() -> None:
    from actions.territory import of_name

    assert of_name("le GIP Maximilien") == "du GIP Maximilien"
    assert of_name("APuRe") == "d'APuRe"
    assert of_name("l'ARBE") == "de l'ARBE"
    assert of_name("3AR") == "de 3AR"


def test_unknown_agec_rate_of_it_equipment_names_the_reen_obligation() -> None:
    from actions.agec_route import agec_unknown_figure
    from actions.route_types import Context

    ctx = Context(
        intent="ask_agec",
        text="taux de réemploi pour les ordinateurs ?",
        question="ask_agec",
        product="informatique",
    )
    said = agec_unknown_figure(KNOWLEDGE, ctx, frozenset())
    assert said is not None and said.startswith("Je n'ai pas ce chiffre")
    assert "À ne pas confondre" in said and "REEN" in said


def test_plastic_bin_bags_get_the_single_use_plastics_rule_not_the_bins_category() -> None:
    from actions.glossary_route import product_rule_asked
    from actions.route_types import Context

    text = "sacs poubelle en plastique, on peut encore en acheter ?"
    ruled = product_rule_asked(
        KNOWLEDGE, Context(intent="nlu_fallback", text=text, product_in_message="poubelle")
    )
    assert ruled is not None and ruled.product_rule


def test_disposable_item_of_another_material_is_said_not_covered_by_the_sources() -> None:
    from actions.glossary_route import product_rule_replies
    from actions.route_types import Context

    found = product_rule_replies(
        KNOWLEDGE, Context(intent="out_of_scope", text="gobelets en carton c'est autorisé ?")
    )
    assert found is not None
    replies, topic = found
    assert replies[0].text.startswith("Mes sources ne disent pas si « gobelets en carton » est concerné")
    assert "plastique à usage unique" in replies[1].text and topic == "ask_agec"


def test_plastic_bin_bags_get_the_rule_text() -> None:
    from actions.glossary_route import product_rule_replies
    from actions.route_types import Context

    text = "sacs poubelle en plastique, on peut encore en acheter ?"
    found = product_rule_replies(
        KNOWLEDGE, Context(intent="nlu_fallback", text=text, product_in_message="poubelle")
    )
    assert found is not None and "sacs poubelle" in found[0][-1].text


def test_ambiguous_area_right_after_a_service_noun_is_the_place() -> None:
    import places

    assert places.resolve_text("réseau grand est ?").label == "Grand Est"
    assert places.resolve_text("guichet vert var ?").label.startswith("Var")
    assert places.resolve_text("le plus grand est le coût") is None


def test_count_of_structures_in_france_comes_first_with_the_offer() -> None:
    from actions.route_types import Context
    from actions.routing import route

    for question, text, number in [
        ("ask_guichet_vert", "combien y a-t-il de guichets verts en France ?", "11 guichets verts"),
        ("ask_network", "combien y a-t-il de réseaux en France ?", "11 réseaux régionaux"),
    ]:
        reply = route(KNOWLEDGE, Context(intent=question, text=text, question=question)).replies[0].text
        assert number in reply.split("\n")[0]
        # a national count asks no place (holdout 15): the « Mon réseau régional » button offers it
        assert "dites-moi où vous travaillez" not in reply and "Indiquez-moi votre ville" not in reply


def test_it_is_for_companies_too_asks_who_may_use_it() -> None:
    from actions.understanding import WHO, aspects

    assert WHO in aspects("guichet vert : c'est pour les entreprises aussi ?")
    assert WHO not in aspects("c'est pour quand ?")


def test_facilitator_named_with_its_clause_is_one_thing_compared() -> None:
    from actions.comparisons import difference_reply

    reply = difference_reply(KNOWLEDGE, "guichet vert vs facilitateur clause sociale, quelle différence ?")
    assert reply is not None and "guichet vert" in reply.text and "facilitateur" in reply.text
    assert "Une clause sociale d'insertion" not in reply.text


def test_a_state_buyer_asking_if_they_may_use_the_guichet_vert_gets_yes_then_their_referents() -> None:
    from actions.audience import asks_if_usable
    from actions.route_types import Context
    from actions.routing import route

    assert asks_if_usable("je suis acheteur de l'Etat, puis-je utiliser le guichet vert ?")
    assert not asks_if_usable("je suis acheteur de l'Etat, le guichet vert c'est quoi ?")
    text = "je suis acheteur de l'Etat, puis-je utiliser le guichet vert ?"
    ctx = Context(intent="ask_guichet_vert", text=text, question="ask_guichet_vert", buyer_in_message="etat")
    reply = route(KNOWLEDGE, ctx).replies[0].text
    assert reply.startswith("Oui, vous pouvez le solliciter. Acheteurs de l'État")
    assert reply.count("référents internes") == 1


def test_every_public_buyer_asked_is_not_all_of_them() -> None:
    from actions.agec import agec_reply

    text = "est-ce que tous les acheteurs publics doivent appliquer la loi AGEC ?"
    assert agec_reply(KNOWLEDGE.agec, None, None, message=text).text.startswith("Pas tous : l'article 58")
    text = "toutes les structures publiques sont concernées par l'article 58 ?"
    assert agec_reply(KNOWLEDGE.agec, None, None, message=text).text.startswith("Pas toutes :")
    text = "la loi AGEC s'applique à nous ?"
    assert not agec_reply(KNOWLEDGE.agec, None, None, message=text).text.startswith("Pas")


def test_plural_local_public_companies_are_a_buyer_type_but_not_a_week() -> None:
    from nlu_components.buyer_type import find_buyer_types

    found = find_buyer_types("les SEM sont soumises à la loi AGEC ?")
    assert [entity["value"] for entity in found] == ["entreprise_publique_locale"]
    assert find_buyer_types("réponse sous une sem ?") == []


def test_products_covered_by_agec_asked_get_the_categories_first() -> None:
    from actions.agec import agec_reply

    text = "la liste des produits concernés par la loi agec ?"
    reply = agec_reply(KNOWLEDGE.agec, None, None, message=text).text
    assert reply.startswith(
        f"Le décret n° 2024-134 répartit les produits en {len(KNOWLEDGE.agec.categories)}"
    )


def test_products_asked_after_the_law_named_as_a_heading_are_not_its_definition() -> None:
    from actions.route_types import Context
    from actions.routing import route

    text = "loi AGEC : quels produits sont concernés ?"
    reply = route(KNOWLEDGE, Context(intent="ask_agec", text=text, question="ask_agec")).replies[0].text
    assert reply.startswith("Le décret n° 2024-134 répartit les produits")


def test_a_count_asked_with_a_second_question_is_not_cut_to_the_count() -> None:
    from actions.network_facts import network_facet
    from actions.route_types import Context
    from actions.routing import route

    assert network_facet("combien de réseaux régionaux en France ?") == "count"
    assert network_facet("combien de réseaux et à quoi servent-ils ?") is None
    text = "combien de réseaux régionaux et à quoi servent-ils ?"
    reply = route(
        KNOWLEDGE, Context(intent="ask_networks_overview", text=text, question="ask_networks_overview")
    )
    assert "accompagn" in " ".join(r.text for r in reply.replies)
