"""Words dated facts against today's date.

Knowledge answers hold placeholders instead of frozen tenses, so that an obligation "à compter du
21 août 2026" becomes "depuis le 21 août 2026" once the date is past:

- ``{since:2026-08-21}`` -> "depuis le 21 août 2026" (past or today) / "à compter du 21 août 2026" (future)
- ``{date:2026-08-21}``  -> "21 août 2026"
- ``{period:2022-2025}`` -> "couvrait la période 2022-2025" (ended) / "couvre la période 2022-2025"
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

PLACEHOLDER = re.compile(r"\{(since|date|period):([0-9-]+)\}")


def french_date(day: date) -> str:
    """'1er janvier 2030', '21 août 2026'."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def since(day: date, today: date) -> str:
    if day <= today:
        return f"depuis le {french_date(day)}"
    prefix = "à compter du 1er" if day.day == 1 else f"à compter du {day.day}"
    return f"{prefix} {MONTHS[day.month - 1]} {day.year}"


def period(start_year: int, end_year: int, today: date) -> str:
    verb = "couvrait" if today.year > end_year else "couvre"
    return f"{verb} la période {start_year}-{end_year}"


def render_dates(text: str, today: Optional[date] = None) -> str:
    """Replace every dated placeholder of ``text``; unknown forms are left untouched."""
    today = today or date.today()

    def replace(match: re.Match) -> str:
        kind, value = match.groups()
        if kind == "period":
            start, _, end = value.partition("-")
            return period(int(start), int(end), today)
        day = date.fromisoformat(value)
        return since(day, today) if kind == "since" else french_date(day)

    return PLACEHOLDER.sub(replace, text)
