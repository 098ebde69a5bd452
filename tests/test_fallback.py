from actions.fallback import DEFAULT_SUGGESTIONS, QUESTION_LABELS, clarify_reply, looks_english


def test_english_is_detected_but_not_french() -> None:
    assert looks_english("What is the AGEC law and how can you help me?")
    assert not looks_english("Est-ce que la loi AGEC s'applique à mon achat de papier ?")
    assert not looks_english("guichet vert")


def test_clarification_suggests_the_best_ranked_questions() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_rapidd", "confidence": 0.3},
        {"name": "greet", "confidence": 0.1},
        {"name": "ask_pnad", "confidence": 0.05},
    ]
    reply = clarify_reply("rapid pnad ?", ranking)
    payloads = [button["payload"] for button in reply.buttons]
    assert payloads[:2] == ["/ask_rapidd", "/ask_pnad"]
    assert "pas sûr" in reply.text


def test_clarification_without_question_intents_offers_the_default_menu() -> None:
    reply = clarify_reply("hmm", [{"name": "greet", "confidence": 0.4}])
    titles = [button["title"] for button in reply.buttons]
    assert titles[: len(DEFAULT_SUGGESTIONS) - 1] == [QUESTION_LABELS[n] for n in DEFAULT_SUGGESTIONS[:3]]


def test_emoji_only_and_english_get_their_own_polite_answer() -> None:
    assert "pas trouvé de question" in clarify_reply("👍🙂", []).text
    assert "qu'en français" in clarify_reply("Hello, can you help me with my purchase please?", []).text
