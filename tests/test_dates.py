from datetime import date

from actions.dates import french_date, render_dates


def test_french_date_uses_premier_for_the_first_day() -> None:
    assert french_date(date(2030, 1, 1)) == "1er janvier 2030"
    assert french_date(date(2026, 8, 21)) == "21 août 2026"


def test_since_is_worded_against_today() -> None:
    text = "Obligatoire {since:2026-08-21}."
    assert render_dates(text, date(2026, 11, 25)) == "Obligatoire depuis le 21 août 2026."
    assert render_dates(text, date(2026, 8, 21)) == "Obligatoire depuis le 21 août 2026."
    assert render_dates(text, date(2026, 1, 10)) == "Obligatoire à compter du 21 août 2026."
    assert render_dates("{since:2030-01-01}", date(2026, 11, 25)) == "à compter du 1er janvier 2030"


def test_period_is_past_once_the_end_year_is_over() -> None:
    assert render_dates("Le plan {period:2022-2025}.", date(2026, 11, 25)) == (
        "Le plan couvrait la période 2022-2025."
    )
    assert (
        render_dates("Le plan {period:2022-2025}.", date(2025, 6, 1))
        == "Le plan couvre la période 2022-2025."
    )


def test_plain_date_and_unknown_braces_are_left_readable() -> None:
    assert render_dates("le {date:2024-07-01}", date(2020, 1, 1)) == "le 1er juillet 2024"
    assert render_dates("{autre:chose}", date(2020, 1, 1)) == "{autre:chose}"
