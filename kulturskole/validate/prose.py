"""Numbers and dates in prose that the data holds as facts.

A number the data holds is written in prose as a placeholder (`[[antall_fellessamlinger]]`, see
model/facts.py), never typed a second time. This check reads every text field of every data file and
finds phrases that state such a fact in words or digits, in bokmål or nynorsk:

- counts: «seks fellessamlinger», «6 koordinatorsamlingar», «tre semestre», «tre fysiske og tre
  digitale», «minst fire deltakere», «16 pilotkommuner», «fem faser», «to spor», «de fire
  verdiområdene», «tre temapakker»;
- the fee: «15 000 kroner», «kr 15 000»;
- dates: the application deadline and the inspiration gathering («15. mai 2024», «2024-05-15»);
- periods: the programme and agreement periods («august 2024 – desember 2025»).

When the number contradicts the data, the message says so; when it equals the data, the message says
it is typed twice and names the placeholder to write instead. Either is an error.

What is not the same fact is left alone: a number after its noun («fase 2», «Fellessamling 1»), an
ordinal («2. samling»), a range («2–3 møter»), a rate («seks i året», «seks fellessamlingar og seks
koordinatorsamlingar i året»), a relation («mellom to fellessamlinger»), an ordinal adjective («de to
første fellessamlingene»), a year, a date or sum in a sentence about something else (a different
sum is compared with the fee only in a sentence about the fee, a different date with the deadline only
in a sentence about the deadline), and «en», «ei», «ein» (also the indefinite article; write «én» or
the digit for the number one).

Source wording is kept by these rules, and only by them (README.md, «Fakta i tekst»):

1. Text between «» is a quotation or a title and keeps its wording.
2. A Markdown block quote (lines starting with «>») is a quotation.
3. Fields that hold someone else's words or a name: the FAQ's `spørsmål` (the municipalities' question
   as they asked it), the sources in «kilder» (title and description), a resource's `tittel`, any
   `kildemerknad` and the `merknad` of a period (what each source says where they disagree), and a
   glossary term's name (`begrep`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..load import LoadedFile, dotted
from ..model.facts import PLACEHOLDER, fact, format_value, text_fields
from ..model.schema import FaqEntry, Period, Resource, Source, Term
from ..model.types import MONTH_NAMES
from ..model.version import Version

# ---------------------------------------------------------------- what is excluded (rule 3)

#: (model, YAML key) of the fields that hold someone else's words or a name.
QUOTED_FIELDS: set[tuple[type, str]] = {
    (FaqEntry, "spørsmål"), (Source, "tittel"), (Source, "beskrivelse"), (Resource, "tittel"),
    (Period, "merknad"), (Term, "begrep"),
}
#: YAML keys that hold what the sources say where they disagree, in any kind of item.
QUOTED_KEYS = {"kildemerknad"}

_QUOTATION = re.compile(r"«[^«»]*»")
_BLOCK_QUOTE = re.compile(r"(?m)^[ \t]*>.*$")
_CODE = re.compile(r"`[^`]*`")


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with each match of `pattern` replaced by spaces (positions stay the same)."""
    return pattern.sub(lambda m: re.sub(r"\S", " ", m.group(0)), text)


def readable(text: str) -> str:
    """The part of `text` the check reads: quotations (rules 1 and 2), code and placeholders blanked."""
    for pattern in (PLACEHOLDER, _BLOCK_QUOTE, _QUOTATION, _CODE):
        text = _blank(text, pattern)
    return text


# ---------------------------------------------------------------- numbers

#: Numbers as words. «én», «ett», «eitt», «éin», «éi» are the number one; «en», «ei», «ein», «et»
#: and «eit» are also the indefinite article and are never read as a number.
WORDS = {"én": 1, "ett": 1, "eitt": 1, "éin": 1, "éi": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
         "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13,
         "fjorten": 14, "femten": 15, "seksten": 16}
_NUMBER = r"(?P<n>\d+|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
#: Not a count: a range («2–3»), an ordinal («2.»), a decimal, or a part of a longer number.
_BEFORE = r"(?<![\w.,–/-])(?<![–-] )"
_AFTER = r"(?![\w.,]|\s*[–-]\s*\w)"
#: The rest of the clause says «per year» or the like: a rate, not the total.
_RATE = re.compile(r"[^.;:!?()\n]*?\b(?:i året|per år|om året|hvert år|kvart år|i semesteret|per semester|"
                   r"i måneden|per måned|kvar månad|hver måned)\b", re.IGNORECASE)


def _value(word: str) -> int:
    return int(word) if word.isdigit() else WORDS[word.lower()]


@dataclass(frozen=True)
class Count:
    """How prose states a count fact: the noun (with its inflections) after the number, words that may
    stand between them, and whether a sentence must be about the fact for a different number to be
    wrong (a «loose» noun such as «kommuner» also counts other things)."""

    fact: str
    noun: str
    between: str = (r"(?:(?!fysiske?\b|digitale?\b|første\b|fyrste\b|andre\b|tredje\b|siste\b|neste\b|forrige\b)"
                    r"[^\W\d]+e\s+)?")
    loose: bool = False
    context: str = ""
    where: str = ""

    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"{_BEFORE}{_NUMBER}{_AFTER}\s+{self.between}(?:{self.noun})\b", re.IGNORECASE)


_GATHERINGS = "samlingene i samlinger/"
COUNTS = [
    Count("antall_fellessamlinger", r"fellessamling(?:er|ar|en|ene|a|ane)?", where=_GATHERINGS),
    Count("antall_fysiske_fellessamlinger",
          r"(?=(?:fellessamling|samling)\w*|\s*(?:og|eller)\b|\s*[,.;)])", between=r"fysiske?\s*",
          where=_GATHERINGS),
    Count("antall_digitale_fellessamlinger",
          r"(?=(?:fellessamling|samling)\w*|\s*(?:og|eller)\b|\s*[,.;)])", between=r"digitale?\s*",
          where=_GATHERINGS),
    Count("antall_koordinatorsamlinger", r"koordinatorsamling\w*|koordinatormøte\w*", where=_GATHERINGS),
    Count("antall_veiledninger", r"(?:runder med )?veiledning(?:er|ar|srunder|srundar|sbesøk)?",
          where=_GATHERINGS),
    Count("semestre", r"semester|semestre|semestra|semestrene", where="«semestre» under «organisering» i program.yml"),
    Count("kommunegruppe_minimum",
          r"(?:deltakere|deltakarar|personer|personar|medlemmer|medlemar)(?!\s+fra\b|\s+frå\b)",
          between=r"", where="«kommunegruppe_minimum» i program.yml"),
    Count("antall_pilotkommuner", r"pilotkommun(?:er|ar|ene|ane)", where="listen «pilotkommuner» i kommuner.yml"),
    Count("antall_pilotkommuner", r"(?:deltaker|deltakar)?kommun(?:er|ar|ene|ane)", loose=True,
          context=r"\bpilot(?!\w*forpilot)", where="listen «pilotkommuner» i kommuner.yml"),
    Count("antall_forpilotkommuner", r"(?:deltaker|deltakar)?kommun(?:er|ar|ene|ane)", loose=True,
          context=r"forpilot", where="listen «forpilot» i kommuner.yml"),
    Count("antall_faser", r"fas(?:er|ar|ene|ane)", where="fasene i faser/"),
    Count("antall_spor", r"spor(?:ene|a)?", where="«spor» i fasemodell.yml"),
    Count("antall_verdiområder", r"verdiområd(?:er|e|ene|a)", where="«verdiområder» i program.yml"),
    Count("antall_temapakker", r"temapakk(?:er|ar|ene|ane)", where="temapakkene i temapakker/"),
]
_COUNT_PATTERNS = [(c, c.pattern()) for c in COUNTS]
#: A number that may start a count: each count's pattern is tried only where one stands.
_NUMBER_TOKEN = re.compile(rf"{_BEFORE}{_NUMBER}{_AFTER}", re.IGNORECASE)
#: «mellom to fellessamlinger», «hver tredje»: the number relates things, it does not count them all.
_RELATION = re.compile(r"\b(?:mellom|hver|kvar|annenhver|annakvar)\s+$", re.IGNORECASE)
#: «minst fire deltakere»: the group minimum needs «minst» or «minimum» before the number.
_MINIMUM = re.compile(r"\b(?:minst|minimum)\s+$", re.IGNORECASE)

# ---------------------------------------------------------------- sums, dates and periods

_MONTH = "|".join(MONTH_NAMES)
_KRONER = re.compile(r"(?<![\w.,])(?:kr\.?\s*(?P<a>\d{1,3}(?:[ \u00a0.]\d{3})+|\d+)"
                     r"|(?P<b>\d{1,3}(?:[ \u00a0.]\d{3})+|\d+)\s*(?:kroner|kr\b|,-))", re.IGNORECASE)
_DATE = re.compile(rf"(?<![\w.])(?P<d>\d{{1,2}})\.\s*(?P<m>{_MONTH})(?:\s+(?P<y>\d{{4}}))?(?![\w])"
                   r"|(?<![\w.-])(?P<iso>\d{4}-\d{2}-\d{2})(?![\w-])"
                   r"|(?<![\w.])(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>\d{4})(?![\w])", re.IGNORECASE)
_PERIOD = re.compile(rf"(?<!\w)(?:fra\s+)?(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?\s*(?:[–-]|\btil\b)\s*"
                     rf"(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})(?!\w)", re.IGNORECASE)
#: A sentence about the fee, the deadline, the programme or agreement period.
_ABOUT_FEE = re.compile(r"avgift", re.IGNORECASE)
_ABOUT_DEADLINE = re.compile(r"søknadsfrist|søke innan|søke innen", re.IGNORECASE)
_ABOUT_PERIOD = {"periode": re.compile(r"programperiode", re.IGNORECASE),
                 "avtaleperiode": re.compile(r"avtaleperiode|avtalen gjeld", re.IGNORECASE)}
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ«*\[])|\n\s*\n")

DATES = {"søknadsfrist": "«søknadsfrist» i program.yml", "dato_inspirasjonssamling": "inspirasjonssamlingen i samlinger/"}


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of `text` around `start`–`end`."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = _SENTENCE_END.search(text, end)
    return text[begin: stop.start() if stop else len(text)]


@dataclass(frozen=True)
class Finding:
    """A phrase in a text that states a fact the data holds."""

    start: int
    end: int
    fact: str
    said: str
    data: str
    contradicts: bool
    where: str

    def message(self) -> str:
        if self.contradicts:
            return (f"teksten sier «{self.said}», men dataene har {self.data} ({self.where}). "
                    f"Skriv [[{self.fact}]], så følger teksten dataene")
        return (f"«{self.said}» står også i dataene ({self.where}). Et tall eller en dato skrives bare ett sted: "
                f"skriv [[{self.fact}]] i stedet for «{_number_part(self.said)}»")


def _number_part(said: str) -> str:
    """The part of a phrase the placeholder replaces: «tre» of «tre semestre»; the whole of a date."""
    first = said.split()[0] if said.split() else said
    if first.lower() in ("minst", "minimum", "kr", "kr.", "fra") and len(said.split()) > 1:
        first = said.split()[1]
    return said if _DATE.fullmatch(said) or _PERIOD.fullmatch(said) or _KRONER.fullmatch(said) else first


def typed_facts(version: Version) -> dict[str, Any]:
    """The typed value of every fact this check reads, computed once for all the texts of a version."""
    names = {c.fact for c in COUNTS} | set(DATES) | set(_ABOUT_PERIOD) | {"deltakeravgift"}
    return {name: fact(version, name) for name in names}


def findings(version: Version, text: str, facts: dict[str, Any] | None = None) -> list[Finding]:
    """Every phrase in `text` that states a fact of `version` in words or digits (`facts`: the
    values from `typed_facts`, when the caller reads many texts)."""
    facts = facts if facts is not None else typed_facts(version)
    read = readable(text)
    out: list[Finding] = []
    numbers = [t.start() for t in _NUMBER_TOKEN.finditer(read)]
    for count, pattern in _COUNT_PATTERNS if numbers else ():
        typed = facts[count.fact]
        if typed is None:
            continue
        for m in filter(None, (pattern.match(read, at) for at in numbers)):
            said_n = _value(m.group("n"))
            if m.group("n").isdigit() and len(m.group("n")) == 4:
                continue  # a year
            start = m.start()
            if count.fact == "kommunegruppe_minimum":
                before = max(0, m.start() - 12)
                minimum = _MINIMUM.search(read[before:m.start()])
                if minimum is None:
                    continue
                start = before + minimum.start()
            if _RATE.match(read, m.end()) or _RELATION.search(read[max(0, m.start() - 16):m.start()]):
                continue
            sentence = _sentence(read, m.start(), m.end())
            if count.context and not re.search(count.context, sentence, re.IGNORECASE):
                continue
            equal = said_n == typed[1]
            if count.loose and not equal:
                continue
            said = " ".join(text[start:m.end()].split())
            out.append(Finding(start, m.end(), count.fact, said, format_value(typed), not equal, count.where))
    fee = facts["deltakeravgift"]
    if fee is not None:
        for m in _KRONER.finditer(read):
            amount = int(re.sub(r"\D", "", m.group("a") or m.group("b")))
            equal = amount == fee[1]
            if equal or _ABOUT_FEE.search(_sentence(read, m.start(), m.end())):
                out.append(Finding(m.start(), m.end(), "deltakeravgift", " ".join(text[m.start():m.end()].split()),
                                   format_value(fee), not equal, "«deltakeravgift» under «kostnader» i program.yml"))
    for name, where in DATES.items():
        typed = facts[name]
        if typed is None:
            continue
        for m in _DATE.finditer(read):
            day = _date_of(m)
            if day is None:
                continue
            wanted: dt.date = typed[1]
            same_day = (day[0], day[1]) == (wanted.month, wanted.day)
            equal = same_day and day[2] in (None, wanted.year)
            about = name == "søknadsfrist" and _ABOUT_DEADLINE.search(_sentence(read, m.start(), m.end()))
            if equal or about:
                out.append(Finding(m.start(), m.end(), name, " ".join(text[m.start():m.end()].split()),
                                   format_value(typed), not equal, where))
    for name, about_re in _ABOUT_PERIOD.items():
        typed = facts[name]
        if typed is None:
            continue
        period: Period = typed[1]
        for m in _PERIOD.finditer(read):
            start_month, end_month = _months_of(m)
            equal = (start_month, end_month) == (period.start, period.end) or (
                m.group("y1") is None and (start_month[5:], end_month) == (period.start[5:], period.end)
                and period.start[:4] == period.end[:4])
            if equal or about_re.search(_sentence(read, m.start(), m.end())):
                where = f"«{name}» i program.yml"
                out.append(Finding(m.start(), m.end(), name, " ".join(text[m.start():m.end()].split()),
                                   format_value(typed), not equal, where))
    # One finding per phrase: the first rule that read it (a count before a looser one).
    seen: set[tuple[int, int]] = set()
    unique = []
    for finding in sorted(out, key=lambda f: f.start):
        if not any(a < finding.end and finding.start < b for a, b in seen):
            unique.append(finding)
            seen.add((finding.start, finding.end))
    return unique


def _date_of(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a date match, or None when it is no date."""
    try:
        if m.group("iso"):
            d = dt.date.fromisoformat(m.group("iso"))
            return d.month, d.day, d.year
        if m.group("nd"):
            d = dt.date(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
            return d.month, d.day, d.year
        return MONTH_NAMES.index(m.group("m").lower()) + 1, int(m.group("d")), int(m.group("y")) if m.group("y") else None
    except ValueError:
        return None


def _months_of(m: re.Match[str]) -> tuple[str, str]:
    """("ÅÅÅÅ-MM", "ÅÅÅÅ-MM") of a period match; the first year is the second's when left out."""
    y2 = m.group("y2")
    y1 = m.group("y1") or y2
    m1 = MONTH_NAMES.index(m.group("m1").lower()) + 1
    m2 = MONTH_NAMES.index(m.group("m2").lower()) + 1
    return f"{y1}-{m1:02d}", f"{y2}-{m2:02d}"


# ---------------------------------------------------------------- in the data files

_lines_cache: dict[str, list[str]] = {}


def _file_lines(file: LoadedFile) -> list[str]:
    key = str(file.path)
    if key not in _lines_cache:
        try:
            _lines_cache[key] = file.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            _lines_cache[key] = []
    return _lines_cache[key]


def line_of_text(file: LoadedFile, loc: tuple, needle: str) -> int:
    """The line of `needle` inside the text at `loc`: the line of the field, or the line below it
    (inside a text of several lines) where the needle, or its first word, stands."""
    start = file.line_of(loc)
    after = [line for line in file.lines.values() if line > start]
    end = min(after) if after else start + 10_000
    lines = _file_lines(file)
    for candidate in (needle, needle.split()[0] if needle.split() else needle):
        for number in range(start, min(end, len(lines) + 1)):
            if candidate in lines[number - 1]:
                return number
    return start


def prose_problems(version: Version, file: LoadedFile, value: Any,
                   facts: dict[str, Any] | None = None) -> Iterator[tuple[int, str, str]]:
    """(line, field, message) for each phrase in the texts of `value` (the model of `file`) that types a
    fact of `version` a second time or contradicts it (`facts`: from `typed_facts`, to compute them once)."""
    _lines_cache.pop(str(file.path), None)
    facts = facts if facts is not None else typed_facts(version)
    for field in text_fields(value):
        if field.key in QUOTED_KEYS or (field.owner is not None and (type(field.owner), field.key) in QUOTED_FIELDS):
            continue
        if not _CANDIDATE.search(field.text):
            continue
        for finding in findings(version, field.text, facts):
            line = line_of_text(file, field.loc, finding.said)
            yield line, dotted(field.loc), finding.message()


#: A text worth reading: it has a digit or a number word.
_CANDIDATE = re.compile(r"\d|\b(?:" + "|".join(WORDS) + r")\b", re.IGNORECASE)
