"""The question bank and its dialogue cards: every dialogue question of a version, filterable.

Progressive enhancement: the Markdown holds every question, grouped by topic, so the page works
without JavaScript and prints in full. Each question carries its topic, phases and audiences as data
attributes; the site script (kfs.js) shows a filter form that hides what does not match and keeps
the choice in the address (`?tema=…&fase=…&malgruppe=…`), so a selection can be linked, printed,
and carried over to the dialogue cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import urls
from ..model.schema import Question
from ..model.version import Version
from . import format as fmt
from .sources import PageSources, editorial_remark, marked

#: Filter dimensions: query parameter, label, data attribute on each question.
FILTERS = (
    ("tema", "Tema", "data-tema"),
    ("fase", "Fase", "data-fase"),
    ("malgruppe", "Målgruppe", "data-malgruppe"),
)


@dataclass(frozen=True)
class Option:
    value: str
    label: str


def filter_options(version: Version) -> dict[str, list[Option]]:
    """The choices of each filter, in reading order, limited to what some question has."""
    used_phases = {p for q in version.questions.values() for p in q.phases}
    used_audiences = {a for q in version.questions.values() for a in q.audiences}
    return {
        "tema": [Option(tid, t.topic) for tid, t in version.topics.items()],
        "fase": [Option(pid, f"{p.number}. {p.title}") for pid, p in version.phases.items() if pid in used_phases],
        "malgruppe": [Option(a.id, a.name) for a in version.programme.audiences if a.id in used_audiences],
    }


def _data_attrs(version: Version, question: Question) -> str:
    values = {
        "data-tema": version.question_topic[question.id],
        "data-fase": " ".join(question.phases),
        "data-malgruppe": " ".join(question.audiences),
    }
    return " ".join(f'{name}="{fmt.attr(value)}"' for name, value in values.items())


def _inline_html(value: str) -> str:
    """Inline Markdown from data as HTML without the surrounding paragraph."""
    return re.sub(r"^<p>|</p>$", "", fmt.html_block(value).strip())


def filter_form(version: Version, cards: bool = False) -> str:
    """The filter form, hidden until the script shows it (without JavaScript it could not work)."""
    prefix = "kfs-kort" if cards else "kfs-filter"
    fields = []
    for name, label, _ in FILTERS:
        options = filter_options(version)[name]
        if len(options) < 2:
            continue
        all_label = {"tema": "Alle temaer", "fase": "Alle faser", "malgruppe": "Alle målgrupper"}[name]
        choices = "".join(f'<option value="{fmt.attr(o.value)}">{fmt.plain(o.label)}</option>' for o in options)
        fields.append(
            f'<div class="kfs-filter__field"><label for="{prefix}-{name}">{label}</label>'
            f'<select id="{prefix}-{name}" name="{name}"><option value="">{all_label}</option>{choices}</select></div>'
        )
    print_button = ("Skriv ut kortene" if cards else "Skriv ut utvalget")
    return (
        f'<form class="kfs-filter" data-kfs-filter hidden aria-label="Velg spørsmål">\n'
        f'<div class="kfs-filter__fields">{"".join(fields)}</div>\n'
        '<p class="kfs-filter__actions"><button type="reset" class="md-button">Vis alle</button> '
        f'<button type="button" class="md-button" data-kfs-print>{print_button}</button></p>\n'
        "</form>\n"
        '<p class="kfs-filter__status" role="status" data-kfs-filter-status></p>\n'
    )


def questions_page(version: Version) -> str:
    from .pages import old_anchors  # the shared building blocks of the other pages

    cur = urls.QUESTIONS
    sources = PageSources(version)
    total = len(version.questions)
    parts = [
        "# Spørsmålsbank", "",
        f"Her er alle dialogspørsmålene i programmet, {total} i alt, samlet etter tema. "
        "Bruk dem i møter i kommunegruppen, i kollegiet eller med andre sektorer. "
        "Hvert spørsmål har sin egen lenke.", "",
        "Velg tema, fase eller målgruppe for å se bare de spørsmålene du trenger. Utvalget kan du skrive ut, "
        f"eller skrive ut som [dialogkort]({urls.md_link(cur, urls.CARDS)}){{: .kfs-cards-link }} "
        "til samtaler rundt bordet.", "",
        filter_form(version),
        # The presentation of the questions; kfs-invite.js carries the filter over (?tema=…&fase=…).
        f'<p class="kfs-present-entry"><a class="md-button kfs-present-link" '
        f'href="{fmt.attr(urls.html_link(cur, urls.QUESTIONS_PRESENTATION))}">Vis som presentasjon</a> '
        "Spørsmålene ett og ett, i stor skrift på en skjerm.</p>", "",
    ]
    for topic_id, topic in version.topics.items():
        parts += [f'<section class="kfs-topic" data-kfs-topic="{fmt.attr(topic_id)}" markdown="1">', "",
                  f"## {fmt.inline(topic.topic)} {{#{topic_id}}}", ""]
        if topic.description:
            parts += [sources.field(topic, "beskrivelse", fmt.text(topic.description), fmt.inline(topic.topic), topic_id), ""]
        for question in topic.questions:
            # Cited by topic: the «Kilder» section links to the topics, each question names its source.
            reference = sources.cite_item(question, fmt.inline(topic.topic), topic_id)
            parts += [old_anchors(version, "spørsmål", question.id).rstrip("\n"), "",
                      question_block(version, cur, question, reference)]
        parts += ["</section>", ""]
    parts += sources.section()
    return "\n".join(p for p in parts if p is not None) + "\n"


def question_block(version: Version, current: str, question: Question, source: str = "") -> str:
    """One question: its text, where it belongs, its note, its source (`source`: Markdown, «Kilde 2»)
    and a link to it (the id is the anchor). What the editors added (the audiences, the note) is
    marked as theirs."""
    lang = ' lang="nn"' if question.language == "nn" else ""
    meta = []
    if question.phases:
        meta.append("Fase: " + ", ".join(
            f"[{fmt.inline(version.phases[p].title)}]({urls.md_link(current, urls.phase(p))})" for p in question.phases))
    if question.audiences:
        audiences = "For: " + ", ".join(fmt.inline(version.audience_name(a)) for a in question.audiences)
        if question.is_editorial("målgrupper"):
            audiences += " " + editorial_remark("(målgruppene er redaksjonens forslag)")
        meta.append(audiences)
    if source:
        meta.append(source)
    link = (f'<a class="kfs-qlink" href="#{fmt.attr(question.id)}">Lenke til spørsmålet</a>'
            f'<button type="button" class="kfs-copy md-button" data-kfs-copy-anchor="{fmt.attr(question.id)}" hidden>'
            "Kopier lenke</button>")
    out = (f'<div class="kfs-q" id="{fmt.attr(question.id)}" {_data_attrs(version, question)} markdown="1">\n\n'
           f"{fmt.inline(question.text)}\n{{: .kfs-question{lang} }}\n\n")
    if meta:
        out += " · ".join(meta) + "\n{: .kfs-meta }\n\n"
    if question.note:
        out += marked(question, "merknad", fmt.inline(question.note) + "\n{: .kfs-qnote }") + "\n\n"
    return out + f'<p class="kfs-qlinks">{link}</p>\n\n</div>\n'


def cards_page(version: Version) -> str:
    """All questions as cards to print and cut out. On screen they stand by topic; in print they flow
    six to an A4 sheet whatever their topic (extra.css), so each card names its topic and the programme."""
    cur = urls.CARDS
    parts = [
        "# Dialogkort { .kfs-screen-only }", "",
        "Spørsmålene fra spørsmålsbanken som kort til samtaler rundt bordet. Skriv ut siden på A4. "
        "Da får du seks kort på hvert ark. Klipp langs de stiplede linjene.\n{: .kfs-screen-only }", "",
        f"Vil du bare ha noen av spørsmålene? Velg dem under, eller i [spørsmålsbanken]({urls.md_link(cur, urls.QUESTIONS)}).\n"
        "{: .kfs-screen-only }",
        "",
        filter_form(version, cards=True),
        '<div class="kfs-cards-all">',
    ]
    programme = (f'<span class="kfs-card__programme">{fmt.plain(version.programme.title)}</span> '
                 f'<span class="kfs-card__version">{fmt.plain(version.programme.version_title)}</span>')
    for topic_id, topic in version.topics.items():
        cards = []
        for q in topic.questions:
            lang = ' lang="nn"' if q.language == "nn" else ""
            cards.append(
                f'<div class="kfs-card kfs-q" {_data_attrs(version, q)}>'
                f'<p class="kfs-card__topic">{fmt.plain(topic.topic)}</p>'
                f'<p class="kfs-card__text"{lang}>{_inline_html(q.text)}</p>'
                f'<p class="kfs-card__meta">{programme}</p></div>'
            )
        parts += [f'<section class="kfs-topic kfs-cards" data-kfs-topic="{fmt.attr(topic_id)}" '
                  f'aria-labelledby="kort-{fmt.attr(topic_id)}">',
                  f'<h2 id="kort-{fmt.attr(topic_id)}">{fmt.plain(topic.topic)}</h2>',
                  '<div class="kfs-cards__grid">', *cards, "</div>", "</section>", ""]
    parts.append("</div>")
    return "\n".join(parts) + "\n"
