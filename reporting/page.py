"""The dashboard as one self-contained HTML page: plotly charts (plotly.js inline, works offline), the
not-understood messages, the answers rated 👎 with their comments, and their CSV export (a data: link),
in French.

Every text that comes from a conversation is HTML-escaped; the messages are shown as stored (masked by
the channels), never unmasked; the 👎 section masks its texts once more (privacy/), in case a store
holds older unmasked ones.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import date, datetime, tzinfo
from html import escape
from typing import Any, Dict, List, Mapping, Optional

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from privacy import mask_personal_data
from reporting.metrics import NO_PLACE, OUT_OF_SCOPE, PERCENTILES, UNKNOWN, Dashboard, Grid
from reporting.misses import csv_text, most_common

GREEN, LIGHT_GREEN, RED, BLUE, LIGHT_BLUE, GREY = (
    "#2f7d5b",
    "#9cc9b0",
    "#c8414f",
    "#24588a",
    "#9bbbdb",
    "#5b6770",
)
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
WEEKDAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
REASONS = {
    "nlu_fallback": "pas compris",
    "out_of_scope": "hors du champ",
    "action_clarify": "précision demandée",
}
ANSWER_KINDS = {
    "action_answer": "Réponse de la base de connaissances",
    "location_form": "Demande du lieu (formulaire)",
    "action_clarify": "Demande de précision",
}
LOG_TICKS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 60000]
# Thumbs down (Material Icons "thumb_down", Apache License 2.0), inline: no emoji font needed.
THUMBS_DOWN = (
    '<svg class="icon" viewBox="0 0 24 24" aria-label="👎" role="img"><path fill="currentColor" '
    'd="M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 '
    "4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 "
    '0v12h4V3h-4z"/></svg>'
)
MAX_GROUPS = 30
MAX_DOWNVOTES = 30
DOWNVOTE_COLUMNS = (
    "Date du vote",
    "Message de l'utilisateur",
    "Sujet de la réponse",
    "Entrées de la base",
    "Commentaire (« Qu'est-ce qui manquait ? »)",
)
MAX_VARIANTS = 4
PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


# --------------------------------------------------------------------------- French formatting


def number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}\u00a0%".replace(".", ",") if whole else "–"


def seconds(value: float) -> str:
    if value < 1:
        return f"{1000 * value:.0f}\u00a0ms"
    return (f"{value:.2f}" if value < 10 else f"{value:.0f}").replace(".", ",") + "\u00a0s"


def short_day(day: date) -> str:
    return day.strftime("%d/%m")


def long_day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def period_label(day: date, weekly: bool) -> str:
    return f"sem. du {short_day(day)}" if weekly else short_day(day)


def topic_label(key: str, labels: Mapping[str, str]) -> str:
    if key == OUT_OF_SCOPE:
        return "Hors du champ de l'assistant"
    if key == UNKNOWN:
        return "Sujet non reconnu"
    return labels.get(key, key)


# --------------------------------------------------------------------------- charts


def layout(fig: go.Figure, height: int, **extra: Any) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font={"family": FONT, "size": 13, "color": "#1f2a30"},
        separators=", ",
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        hoverlabel={"font": {"family": FONT}},
        **extra,
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def days_figure(board: Dashboard) -> go.Figure:
    x = [short_day(d.day) for d in board.days]
    hover = [long_day(d.day) for d in board.days]
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=[d.messages for d in board.days],
        name="Messages",
        marker_color=LIGHT_BLUE,
        customdata=hover,
        hovertemplate="%{customdata}<br>%{y} messages<extra></extra>",
    )
    fig.add_bar(
        x=x,
        y=[d.conversations for d in board.days],
        name="Conversations",
        marker_color=BLUE,
        customdata=hover,
        hovertemplate="%{customdata}<br>%{y} conversations<extra></extra>",
    )
    return layout(
        fig,
        320,
        barmode="group",
        bargap=0.25,
        xaxis={"type": "category"},
        yaxis={"title": None, "rangemode": "tozero"},
    )


def miss_rate_figure(board: Dashboard) -> go.Figure:
    days = [d for d in board.days if d.typed]
    rates = [100 * d.misses / d.typed for d in days]
    fig = go.Figure()
    fig.add_bar(
        x=[short_day(d.day) for d in days],
        y=rates,
        text=[percent(d.misses, d.typed) for d in days],
        textposition="outside",
        cliponaxis=False,
        customdata=[[long_day(d.day), d.misses, d.typed] for d in days],
        hovertemplate="%{customdata[0]}<br>%{customdata[1]} non compris sur %{customdata[2]} messages "
        "écrits<extra></extra>",
        marker_color=RED,
        name="Non compris",
    )
    top = max(rates + [10])
    return layout(
        fig,
        320,
        showlegend=False,
        bargap=0.35,
        xaxis={"type": "category"},
        yaxis={"title": "% des messages écrits", "range": [0, min(100, top * 1.25)], "ticksuffix": " %"},
    )


def topics_figure(board: Dashboard, labels: Mapping[str, str]) -> go.Figure:
    rows = list(reversed(board.topics))  # plotly draws the first category at the bottom
    y = [topic_label(c.topic, labels) for c in rows]
    fig = go.Figure()
    for name, values, color in (
        ("Écrites et comprises", [c.typed for c in rows], GREEN),
        ("Bouton de l'assistant", [c.clicked for c in rows], LIGHT_GREEN),
        ("Non comprises", [c.missed for c in rows], RED),
    ):
        fig.add_bar(
            y=y,
            x=values,
            name=name,
            orientation="h",
            marker_color=color,
            hovertemplate="%{y}<br>" + name.lower() + " : %{x}<extra></extra>",
        )
    return layout(
        fig,
        90 + 26 * len(rows),
        barmode="stack",
        xaxis={"title": "questions", "dtick": None},
        yaxis={"type": "category"},
    )


def regions_figure(board: Dashboard) -> go.Figure:
    rows = list(reversed(board.regions))
    y = [r.region if r.region != NO_PLACE else "Lieu non précisé" for r in rows]
    fig = go.Figure()
    fig.add_bar(
        y=y,
        x=[r.understood for r in rows],
        name="Comprises",
        orientation="h",
        marker_color=GREEN,
        hovertemplate="%{y}<br>comprises : %{x}<extra></extra>",
    )
    fig.add_bar(
        y=y,
        x=[r.missed for r in rows],
        name="Non comprises",
        orientation="h",
        marker_color=RED,
        hovertemplate="%{y}<br>non comprises : %{x}<extra></extra>",
    )
    return layout(
        fig, 90 + 26 * len(rows), barmode="stack", xaxis={"title": "questions"}, yaxis={"type": "category"}
    )


def grid_figure(grid: Grid, labels: Mapping[str, str], what: str, colorbar: str) -> go.Figure:
    rows = list(reversed(grid.rows))
    x = [period_label(p, grid.weekly) for p in grid.periods]
    z: List[List[Optional[float]]] = []
    text: List[List[str]] = []
    for row in rows:
        rates = [grid.rate(row, p) for p in grid.periods]
        z.append([None if r is None else round(100 * r, 1) for r in rates])
        text.append(
            [
                "" if r is None else f"{grid.hits.get((row, p), 0)}/{grid.totals[(row, p)]}"
                for r, p in zip(rates, grid.periods, strict=True)
            ]
        )
    fig = go.Figure(
        go.Heatmap(
            x=x,
            y=[topic_label(r, labels) for r in rows],
            z=z,
            text=text,
            texttemplate="%{text}",
            zmin=0,
            zmax=100,
            xgap=2,
            ygap=2,
            colorscale=[[0, "#e8f3ec"], [0.25, "#f6d8a8"], [1, RED]],
            colorbar={"title": {"text": colorbar}, "ticksuffix": " %", "thickness": 12},
            hovertemplate="%{y}<br>%{x} : %{text} " + what + " (%{z:.0f} %)<extra></extra>",
        )
    )
    return layout(
        fig,
        110 + 30 * len(rows),
        xaxis={"type": "category", "side": "top"},
        yaxis={"type": "category"},
        plot_bgcolor="#ffffff",
    )


def answer_kind(action: str) -> str:
    """What the assistant did first for a message, in words."""
    if action.startswith("utter_"):
        return "Réponse fixe (salutations, hors champ…)"
    return ANSWER_KINDS.get(action, action or "autre")


def latency_figure(board: Dashboard) -> go.Figure:
    by_kind: Dict[str, List[float]] = {}
    for message in board.said:
        if message.latency is not None:
            by_kind.setdefault(answer_kind(message.answered_by), []).append(
                1000 * max(message.latency, 0.0005)
            )
    kinds = sorted(by_kind, key=lambda kind: len(by_kind[kind]))
    fig = go.Figure()
    for index, kind in enumerate(kinds):
        fig.add_box(
            x=by_kind[kind],
            name=f"{kind} ({len(by_kind[kind])})",
            orientation="h",
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker={"size": 5, "opacity": 0.6},
            line={"width": 1.5},
            marker_color=[BLUE, GREEN, RED, GREY, LIGHT_BLUE][index % 5],
            hovertemplate="%{x:.0f} ms<extra>" + escape(kind) + "</extra>",
        )
    return layout(
        fig,
        110 + 48 * len(kinds),
        showlegend=False,
        xaxis={
            "title": "millisecondes (échelle logarithmique)",
            "type": "log",
            "tickvals": LOG_TICKS,
            "ticktext": [f"{v:g}" for v in LOG_TICKS],
        },
        yaxis={"type": "category"},
    )


def daily_latency_figure(board: Dashboard) -> go.Figure:
    days = list(board.latency_by_day)
    fig = go.Figure()
    for q, color, dash in ((50, GREEN, "solid"), (95, RED, "dot")):
        fig.add_scatter(
            x=[short_day(d) for d in days],
            y=[1000 * board.latency_by_day[d].percentiles[q] for d in days],
            name=percentile_name(q),
            mode="lines+markers",
            line={"color": color, "dash": dash, "width": 2},
            hovertemplate="%{x} : %{y:.0f} ms<extra>" + percentile_name(q) + "</extra>",
        )
    return layout(
        fig, 260, xaxis={"type": "category"}, yaxis={"title": "millisecondes", "rangemode": "tozero"}
    )


def plot(fig: go.Figure, div_id: str) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOT_CONFIG)


# --------------------------------------------------------------------------- page


def card(title: str, body: str, caption: str, wide: bool = False, card_id: str = "") -> str:
    """A block of the page; `title`, `body` and `caption` are HTML (conversation texts escaped by callers)."""
    attributes = f' id="{card_id}"' if card_id else ""
    return (
        f'<section class="card{" wide" if wide else ""}"{attributes}><h2>{title}</h2>{body}'
        f'<p class="caption">{caption}</p></section>'
    )


def kpi(label: str, value: str, detail: str = "", tone: str = "") -> str:
    return (
        f'<div class="kpi {tone}"><div class="kpi-value">{value}</div><div class="kpi-label">{label}'
        f'</div><div class="kpi-detail">{detail}</div></div>'
    )


def empty(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


def kpis(board: Dashboard) -> str:
    votes = board.votes
    latency = board.latency
    cards = [
        kpi("conversations", number(board.conversations)),
        kpi("messages", number(len(board.said)), f"dont {number(board.typed)} écrits"),
        kpi("questions", number(board.questions)),
        kpi(
            "non compris",
            percent(board.misses, board.typed),
            f"{number(board.misses)} messages écrits sur {number(board.typed)}",
            "bad",
        ),
        kpi(
            "temps de réponse médian",
            seconds(latency.percentiles[50]) if latency else "–",
            f"95e centile : {seconds(latency.percentiles[95])}" if latency else "aucune réponse",
        ),
        kpi(
            f"votes {THUMBS_DOWN}",
            percent(votes["down"], sum(votes.values())) if votes else "–",
            f"{number(votes['down'])} sur {number(sum(votes.values()))} votes"
            if votes
            else "pas encore de votes",
        ),
    ]
    return '<div class="kpis">' + "".join(cards) + "</div>"


def misses_table(board: Dashboard, labels: Mapping[str, str], tz: tzinfo) -> str:
    if not board.groups:
        return empty("Aucun message non compris sur la période.")
    lines = []
    for grouped in board.groups[:MAX_GROUPS]:
        variants = grouped.rows[1 : 1 + MAX_VARIANTS]
        more = len(grouped.rows) - 1 - len(variants)
        variant_html = "".join(
            f"<li>{escape(r.message)} <span class=n>×{r.count}</span></li>" for r in variants
        )
        if more > 0:
            variant_html += f"<li class=more>… et {more} autre(s) formulation(s)</li>"
        best = most_common(grouped.tally("best"))
        best = labels[best] if best in labels else "–"  # only a question topic says where to add examples
        reason = most_common(grouped.tally("reasons"))
        seen = datetime.fromtimestamp(grouped.last_seen, tz=tz)
        lines.append(
            "<tr>"
            f'<td class="msg">{escape(grouped.message)}'
            + (f"<ul class=variants>{variant_html}</ul>" if variant_html else "")
            + "</td>"
            f'<td class="num">{grouped.count}</td>'
            f'<td class="num">{grouped.conversations}</td>'
            f'<td><span class="reason {escape(reason)}">{escape(REASONS.get(reason, reason))}</span></td>'
            f"<td>{escape(best)}</td>"
            f"<td>{seen.strftime('%d/%m/%Y %H:%M')}</td>"
            "</tr>"
        )
    shown = min(len(board.groups), MAX_GROUPS)
    note = (
        f"<p class=caption>Les {shown} groupes les plus fréquents sur {len(board.groups)} ; l'export les "
        "contient tous.</p>"
        if len(board.groups) > MAX_GROUPS
        else ""
    )
    return (
        '<table class="misses"><thead><tr><th>Message (et formulations proches)</th><th>Fois</th>'
        "<th>Conversations</th><th>Motif</th><th>Sujet le plus proche</th><th>Dernière fois</th></tr></thead>"
        "<tbody>" + "".join(lines) + "</tbody></table>" + note
    )


def downvotes_table(board: Dashboard, labels: Mapping[str, str], tz: tzinfo) -> str:
    """The answers whose latest vote is 👎, the most recent first: what the user had written, the topic
    and knowledge entries of the answer, the comment."""
    rated = board.downvotes
    if not rated:
        return empty("Aucune réponse désapprouvée (vote négatif) sur la période.")
    lines = []
    for vote in rated[:MAX_DOWNVOTES]:
        asked, comment = mask_personal_data(vote.asked), mask_personal_data(vote.comment)
        entries = " ".join(f"<code>{escape(entry)}</code>" for entry in vote.entries) or "–"
        seen = datetime.fromtimestamp(vote.timestamp, tz=tz)
        lines.append(
            "<tr>"
            f"<td>{seen.strftime('%d/%m/%Y %H:%M')}</td>"
            f'<td class="msg">{escape(asked) if asked else "–"}</td>'
            f"<td>{escape(topic_label(vote.topic, labels))}</td>"
            f'<td class="entries">{entries}</td>'
            + (
                f'<td class="msg comment">{escape(comment)}</td>'
                if comment
                else '<td class="msg none">sans commentaire</td>'
            )
            + "</tr>"
        )
    note = (
        f"<p class=caption>Les {MAX_DOWNVOTES} plus récentes sur {len(rated)} ; l'export les contient "
        "toutes.</p>"
        if len(rated) > MAX_DOWNVOTES
        else ""
    )
    head = "".join(f"<th>{escape(title)}</th>" for title in DOWNVOTE_COLUMNS)
    table = f'<table class="downvotes"><thead><tr>{head}</tr></thead>'
    return table + "<tbody>" + "".join(lines) + "</tbody></table>" + note


def export_link(board: Dashboard, generated: datetime) -> str:
    text = csv_text(board.groups, board.downvotes)
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    name = f"messages-a-annoter-{generated:%Y-%m-%d}.csv"
    rows = sum(len(g.rows) for g in board.groups) + len(board.downvotes)
    return (
        f'<a class="export" id="export-csv" download="{name}" '
        f'href="data:text/csv;charset=utf-8;base64,{payload}">'
        f"⬇ Exporter pour annoter (CSV, {rows} ligne{'s' if rows > 1 else ''})</a>"
    )


def summary(board: Dashboard) -> Dict[str, Any]:
    """The page's figures for machines (tests, scripts): `#dashboard-data`."""
    return {
        "conversations": board.conversations,
        "messages": len(board.said),
        "typed": board.typed,
        "questions": board.questions,
        "misses": board.misses,
        "topics": {c.topic: [c.typed, c.clicked, c.missed] for c in board.topics},
        "regions": {r.region: [r.understood, r.missed] for r in board.regions},
        "latency": {str(q): round(v, 4) for q, v in board.latency.percentiles.items()}
        if board.latency
        else {},
        "latency_count": board.latency.count if board.latency else 0,
        "groups": [[g.message, g.count, len(g.rows)] for g in board.groups],
        "votes": dict(board.votes),
        "downvotes": [
            {
                "topic": vote.topic,
                "entries": list(vote.entries),
                "asked": mask_personal_data(vote.asked),
                "comment": mask_personal_data(vote.comment),
            }
            for vote in board.downvotes
        ],
    }


CAPTIONS = {
    "days": "Une conversation est une session d'un utilisateur (une nouvelle commence après une longue "
    "pause). Les messages comptent aussi les clics sur les boutons de l'assistant.",
    "miss-rate": "Part des messages écrits (hors clics sur un bouton) que l'assistant n'a pas compris : "
    "intention inconnue, hors de son champ, ou réponse par une demande de précision.",
    "topics": "Le sujet est l'intention reconnue ; pour une question non comprise, le sujet que le modèle "
    "jugeait le plus proche (« Sujet non reconnu » s'il n'en voyait aucun).",
    "regions": "Région du lieu donné dans la conversation (ville, département ou région), tel qu'il était "
    "connu une fois la question traitée. « Lieu non précisé » : aucun lieu donné avant la question suivante.",
    "miss-grid": "Chaque case : questions écrites non comprises / questions écrites du sujet. Plus la case "
    "est rouge, plus il faut enrichir les exemples d'entraînement de ce sujet (12 sujets les plus demandés).",
    "votes": f"Chaque case : votes {THUMBS_DOWN} / votes sur les réponses du sujet. Un sujet souvent "
    "désapprouvé mais bien compris appelle une meilleure réponse dans <code>knowledge/</code>.",
    "latency": "Par type de réponse, chaque point est un message : temps entre l'enregistrement du message "
    "(une fois analysé par le modèle de langue) et la première réponse de l'assistant, soit la décision du "
    "dialogue et les actions (appel au serveur d'actions compris). L'analyse du message elle-même et le "
    "réseau jusqu'à l'utilisateur n'y sont pas : le temps complet par message est la métrique "
    "<code>assistant_answer_seconds</code> de <code>/metrics</code>.",
    "misses": "Regroupés quand ils ne diffèrent que par la casse, les accents, la ponctuation, l'ordre des "
    "mots, un mot de plus ou de moins ou une faute de frappe. Les adresses e-mail et numéros de téléphone "
    "sont masqués dès leur réception. L'export (une ligne par formulation) se remplit dans un tableur : "
    "colonnes <code>suggested_intent</code> et <code>note</code> ; les réponses désapprouvées "
    f"({THUMBS_DOWN}) y suivent, motif <code>thumbs_down</code>.",
    "downvotes": f"Réponses dont le dernier vote est {THUMBS_DOWN}, les plus récentes d'abord, avec la "
    f"remarque laissée après le {THUMBS_DOWN} (widget, Slack ou Teams ; la dernière si elle a été changée). "
    "Les entrées sont les fiches de <code>knowledge/</code> d'où venait la réponse : c'est là qu'on la "
    "corrige ou la complète ; un sujet qui ne correspond pas au message appelle plutôt des exemples "
    "d'entraînement. Textes masqués "
    "(adresses e-mail, numéros de téléphone) ; l'export ci-dessus les contient aussi.",
}
NO_VOTES = "Pas encore de votes : personne n'a encore utilisé 👍 / 👎 sous les réponses sur la période."


def percentile_name(q: int) -> str:
    return "médiane" if q == 50 else f"{q}e centile"


def latency_section(board: Dashboard) -> str:
    if not board.latency:
        return empty("Aucune réponse mesurée.")
    stats = board.latency
    rows = "".join(
        f"<tr><th>{percentile_name(q)}</th><td>{seconds(stats.percentiles[q])}</td></tr>" for q in PERCENTILES
    )
    rows += f"<tr><th>maximum</th><td>{seconds(stats.maximum)}</td></tr>"
    rows += f"<tr><th>réponses mesurées</th><td>{number(stats.count)}</td></tr>"
    body = f'<div class="latency">{plot(latency_figure(board), "fig-latency")}'
    body += f'<table class="percentiles">{rows}</table></div>'
    if len(board.latency_by_day) > 1:
        body += plot(daily_latency_figure(board), "fig-latency-days")
    return body


def chart_sections(board: Dashboard, labels: Mapping[str, str]) -> List[str]:
    grid, votes = board.misses_grid, board.votes_grid
    per = "et par semaine" if grid.weekly else "et par jour"
    if grid.rows:
        grid_body = plot(grid_figure(grid, labels, "non comprises", "non compris"), "fig-miss-grid")
    else:
        grid_body = empty("Aucune question écrite sur un sujet connu.")
    if votes.rows:
        votes_body = plot(grid_figure(votes, labels, "votes négatifs", "votes négatifs"), "fig-vote-grid")
    else:
        votes_body = empty(NO_VOTES)
    return [
        card("Conversations et messages par jour", plot(days_figure(board), "fig-days"), CAPTIONS["days"]),
        card(
            "Messages non compris par jour",
            plot(miss_rate_figure(board), "fig-miss-rate"),
            CAPTIONS["miss-rate"],
        ),
        card("Questions par sujet", plot(topics_figure(board, labels), "fig-topics"), CAPTIONS["topics"]),
        card("Questions par région", plot(regions_figure(board), "fig-regions"), CAPTIONS["regions"]),
        card(f"Taux de non compris par sujet {per}", grid_body, CAPTIONS["miss-grid"], wide=True),
        card(
            f"Votes {THUMBS_DOWN} par sujet {per}", votes_body, CAPTIONS["votes"], wide=True, card_id="votes"
        ),
        card("Temps de réponse", latency_section(board), CAPTIONS["latency"], wide=True),
    ]


def render(board: Dashboard, labels: Mapping[str, str], tz: tzinfo, source: str, generated: datetime) -> str:
    """The whole page."""
    if board.said:
        sections = chart_sections(board, labels)
    else:
        nothing = empty("Le stockage ne contient encore aucun message sur la période : rien à afficher.")
        sections = [card("Aucune conversation", nothing, "", wide=True)]
    misses = export_link(board, generated) + misses_table(board, labels, tz)
    sections.append(
        card(
            "Messages non compris les plus fréquents", misses, CAPTIONS["misses"], wide=True, card_id="misses"
        )
    )
    sections.append(
        card(
            f"Réponses désapprouvées {THUMBS_DOWN} et remarques",
            downvotes_table(board, labels, tz),
            CAPTIONS["downvotes"],
            wide=True,
            card_id="downvotes",
        )
    )
    if len(board.days) == 1:
        period = f"du {long_day(board.days[0].day)}"
    elif board.days:
        period = f"du {long_day(board.days[0].day)} au {long_day(board.days[-1].day)}"
    else:
        period = "aucune conversation"
    values = {
        "plotlyjs": get_plotlyjs(),
        "css": CSS.replace("@@font@@", FONT),
        "period": escape(period),
        "generated": f"{long_day(generated.date())} à {generated:%H:%M} (fuseau {escape(str(tz))})",
        "source": escape(source),
        "kpis": kpis(board) if board.said else "",
        "sections": "\n".join(sections),
        "data": json.dumps(summary(board), ensure_ascii=False).replace("<", "\\u003c"),
    }
    # One pass: the inserted texts (plotly.js among them) are not searched for placeholders again.
    return re.sub(r"@@(\w+)@@", lambda found: values[found.group(1)], TEMPLATE)


CSS = """
:root { --ink: #1f2a30; --muted: #5b6770; --line: #e3e8ea; --bg: #f4f6f5; --green: #2f7d5b;
        --red: #c8414f; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.45 @@font@@; }
header { background: linear-gradient(120deg, #1f5f45, #2f7d5b 60%, #3d8f6c); color: #fff;
         padding: 28px 32px 22px; }
header h1 { margin: 0 0 6px; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
header p { margin: 0; opacity: .9; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 40px; }
.kpis { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 14px; margin: -38px 0 20px; }
.kpi { background: #fff; border-radius: 12px; padding: 14px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.kpi-value { font-size: 28px; font-weight: 650; color: var(--green); white-space: nowrap; }
.kpi.bad .kpi-value { color: var(--red); }
.kpi-label { font-weight: 600; }
.kpi-detail { color: var(--muted); font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 18px; }
.card { background: #fff; border-radius: 12px; padding: 16px 18px 10px; box-shadow: 0 1px 3px rgba(0,0,0,.08);
        min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.card h2 { margin: 0 0 8px; font-size: 17px; font-weight: 650; }
.caption { color: var(--muted); font-size: 13px; margin: 6px 0 6px; }
.empty { color: var(--muted); background: #f7f9f8; border: 1px dashed var(--line); border-radius: 8px;
         padding: 22px; text-align: center; margin: 6px 0; }
.latency { display: grid; grid-template-columns: minmax(0, 1fr) 230px; gap: 16px; align-items: center; }
table { border-collapse: collapse; width: 100%; }
.percentiles th { text-align: left; font-weight: 500; color: var(--muted); padding: 5px 8px; }
.percentiles td { text-align: right; font-weight: 650; padding: 5px 8px; font-variant-numeric: tabular-nums; }
.percentiles tr + tr { border-top: 1px solid var(--line); }
.misses, .downvotes { margin-top: 12px; font-size: 14px; }
.misses th, .downvotes th { text-align: left; color: var(--muted); font-weight: 600;
                            border-bottom: 2px solid var(--line); padding: 6px 8px; }
.misses td, .downvotes td { border-bottom: 1px solid var(--line); padding: 7px 8px; vertical-align: top; }
.misses td.num { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
.misses td.msg { width: 45%; overflow-wrap: anywhere; }
.downvotes td.msg { width: 30%; overflow-wrap: anywhere; }
.downvotes td.entries code { display: inline-block; background: #eef3f0; border-radius: 4px;
                            padding: 0 5px; margin: 0 3px 3px 0; font-size: 12.5px; }
.downvotes td.none { color: var(--muted); font-style: italic; }
.variants { margin: 4px 0 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
.variants .n { color: #8a969c; }
.reason { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12.5px;
          white-space: nowrap; background: #fbe3e5; color: #8f2330; }
.reason.out_of_scope { background: #e9eef2; color: #364a5a; }
.reason.action_clarify { background: #fdf0d5; color: #7a5200; }
.export { display: inline-block; background: var(--green); color: #fff; text-decoration: none;
          font-weight: 600; border-radius: 8px; padding: 8px 14px; }
.export:hover { background: #246349; }
.icon { width: 1em; height: 1em; vertical-align: -0.15em; }
footer { color: var(--muted); font-size: 13px; max-width: 1280px; margin: 0 auto; padding: 0 24px 30px; }
@media (max-width: 980px) {
  .cards { grid-template-columns: 1fr; } .kpis { grid-template-columns: repeat(2, 1fr); }
  .latency { grid-template-columns: 1fr; }
}
"""

TEMPLATE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tableau de bord – assistant achats durables</title>
<style>@@css@@</style>
<script>@@plotlyjs@@</script>
</head>
<body>
<header>
<h1>Tableau de bord de l'assistant achats durables</h1>
<p>Conversations @@period@@ · généré le @@generated@@ · @@source@@</p>
</header>
<main>
@@kpis@@
<div class="cards">
@@sections@@
</div>
</main>
<footer>Produit par <code>make report</code> à partir du stockage des conversations (lecture seule).
Mode d'emploi : README, « Tableau de bord des mainteneurs ».</footer>
<script type="application/json" id="dashboard-data">@@data@@</script>
<script>
// The export link holds the CSV as a data: URL; browsers cap the size of those, so on click it becomes a
// blob: URL of the same bytes (the data: URL stays the fallback).
document.getElementById("export-csv")?.addEventListener("click", (event) => {
  const link = event.currentTarget;
  if (!link.href.startsWith("data:")) return;
  const bytes = Uint8Array.from(atob(link.href.split(",")[1]), (c) => c.charCodeAt(0));
  link.href = URL.createObjectURL(new Blob([bytes], {type: "text/csv;charset=utf-8"}));
});
</script>
</body>
</html>
"""
