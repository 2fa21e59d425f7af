"""HTML of the scheme cards, written in Python: a recommendations page holds 50 to 100 cards of
nested criteria, and rendering them with template includes took four fifths of the page's
time (bench/journey.py). Every value is escaped; the markup mirrors the rest of the page."""

from __future__ import annotations

from functools import lru_cache
from html import escape as _escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from leviers.catalogue import vocabulary


def escape(value: object) -> str:
    """The standard library's escape (Django's, lazy-aware, is three times slower here)."""
    return _escape(str(value), quote=True)


@lru_cache(maxsize=1)
def _scheme_url_pattern() -> str:
    return reverse("catalogue:scheme", args=["slug-du-dispositif"])


MARKS = {True: ("met", "✓"), False: ("unmet", "✗"), None: ("unknown", "?")}
VERDICT_MARKS = {"eligible": "✓", "to_check": "?", "not_eligible": "✗"}


def reasons_html(rows: list[dict]) -> str:
    parts = ['<ul class="criteria">']
    for row in rows:
        name, symbol = MARKS[row["met"]]
        parts.append(
            f'<li class="reason reason-{name}"><span class="mark" aria-hidden="true">{symbol}'
            f"</span> {escape(row['text'])}"
        )
        if row["answered"]:
            parts.append(' <em class="answered">(d\'après votre réponse)</em>')
        if row["details"]:
            parts.append(reasons_html(row["details"]))
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts)


def _question_html(entry: dict) -> str:
    question = entry["question"]
    qid, text = escape(question.id), escape(question.text)
    if not entry["first"]:
        return (
            f'<p class="question-elsewhere">À trancher aussi par la question «&nbsp;'
            f'<a href="#question-{qid}">{text}</a>&nbsp;», posée plus haut.</p>'
        )
    radios = "".join(
        f'<span class="radio"><input type="radio" form="reponses" name="question-{qid}" '
        f'value="{value}" id="q-{qid}-{value}"><label for="q-{qid}-{value}">{label}</label>'
        "</span>"
        for value, label in (("oui", "Oui"), ("non", "Non"))
    )
    return (
        f'<fieldset class="question" id="question-{qid}"><legend>{text}</legend>'
        f'<div class="radios">{radios}</div></fieldset>'
    )


def _sources_html(card: dict) -> str:
    links = []
    for source in card["sources"]:
        url = escape(source.get("url", ""))
        title = escape(source.get("title") or source.get("url", ""))
        checked = source.get("checked_on")
        links.append(
            f'<a href="{url}">{title}</a>'
            + (f" (vérifiée le {escape(checked)})" if checked else "")
        )
    text = " ; ".join(links)
    if card["url"]:
        official = f'<a href="{escape(card["url"])}">page officielle du dispositif</a>'
        text = f"{text} · {official}" if text else official
    plural = "s" if len(card["sources"]) > 1 else ""
    return f'<p class="source">Source{plural}&nbsp;: {text or "non précisée"}</p>'


def scheme_card_html(card: dict) -> SafeString:
    item = card["item"]
    slug, name, status = escape(item.slug), escape(item.name), card["status"]
    meta = escape(item.operator)
    if item.kind:
        meta += f" · {escape(vocabulary.label(vocabulary.SCHEME_KINDS, item.kind))}"
    parts = [
        f'<article class="scheme-card verdict-{status}" id="dispositif-{slug}" '
        f'aria-labelledby="titre-dispositif-{slug}">',
        f'<h4 id="titre-dispositif-{slug}"><a href="'
        f'{_scheme_url_pattern().replace("slug-du-dispositif", slug)}">{name}</a></h4>',
        f'<p class="verdict verdict-{status}"><span class="mark" aria-hidden="true">'
        f"{VERDICT_MARKS[status]}</span> {escape(card['label'])}</p>",
        f'<p class="meta">{meta}</p>',
    ]
    if item.summary:
        parts.append(f"<p>{escape(item.summary)}</p>")
    if card["reasons"]:
        parts.append('<p class="criteria-title">Conditions&nbsp;:</p>')
        parts.append(reasons_html(card["reasons"]))
    if card["why"]:
        parts.append('<p class="criteria-title">Pourquoi il vous est proposé&nbsp;:</p>')
        parts.append(
            '<ul class="why">' + "".join(f"<li>{escape(w)}</li>" for w in card["why"]) + "</ul>"
        )
    if card["questions"]:
        parts.append('<div class="inline-questions">')
        parts += [_question_html(entry) for entry in card["questions"]]
        if card["has_first_question"]:
            parts.append(
                f'<button type="submit" form="reponses" name="ancre" value="dispositif-{slug}" '
                'class="button button-secondary">Mettre à jour le verdict'
                f'<span class="visually-hidden">&nbsp;: {name}</span></button>'
            )
        parts.append("</div>")
    parts.append(_sources_html(card))
    parts.append(
        f'<p class="pick"><input type="checkbox" name="dispositif" value="{slug}" '
        f'id="choisir-dispositif-{slug}"><label for="choisir-dispositif-{slug}">'
        f'Retenir ce dispositif<span class="visually-hidden">&nbsp;: {name}</span></label></p>'
    )
    parts.append("</article>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
