"""The pilot version (2021–2022) says what its sources say, and no more.

These checks read the data and the source files in /work/shared/seeds (named in «kilder» in
program.yml) and render pages as Markdown; they do not build the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kulturskole.render import pages
from kulturskole.validate import validate_version

from helpers import ROOT

VERSION = "2021-2022"
DATA = ROOT / "data" / VERSION
#: Where the source files named in «kilder» («fil») are kept.
SEEDS = Path("/work/shared/seeds")

#: Spelling corrected in a municipality's question (source wording → wording in faq.yml). Nothing else
#: may differ: the field holds the question as the municipality asked it.
SPELLING = {"som som sådan": "som sådan"}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the source files are not on this machine")


def _yaml(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _words(text: str) -> list[str]:
    """The words of `text`, lower case, without punctuation, quotation marks and dashes."""
    text = re.sub(r"[«»\"“”]", "", text.lower())
    return re.findall(r"[\wæøå]+(?:[-.][\wæøå]+)*", text)


def _source_text(file: str) -> str:
    return (SEEDS / file).read_text(encoding="utf-8")


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def _sources() -> dict[str, str]:
    """Source id → file name, from «kilder» in program.yml."""
    return {s["id"]: s["fil"] for s in _yaml("program.yml")["kilder"] if s.get("fil")}


def test_faq_questions_are_the_municipalities_own_words():
    """Each sentence of each question stands, word for word, in the notes the question comes from
    (only the spelling corrections in SPELLING are allowed)."""
    sources = _sources()
    faq = _yaml("faq.yml")
    for entry in faq["spørsmål"]:
        ids = entry["kilde"] if isinstance(entry["kilde"], list) else [entry["kilde"]]
        assert "verksted-2020" in ids, entry["id"]
        notes = _source_text(sources["verksted-2020"])
        for wrong, right in SPELLING.items():
            notes = notes.replace(wrong, right)
        haystack = _words(notes)
        for sentence in re.split(r"(?<=[?:.])\s+(?=[A-ZÆØÅ])", " ".join(entry["spørsmål"].split())):
            assert _contains(haystack, _words(sentence)), (entry["id"], sentence)


def _quotations(value, found: list[str]) -> list[str]:
    """Every «…» of five words or more in the texts of `value`."""
    if isinstance(value, str):
        found += [q for q in re.findall(r"«([^«»]+)»", " ".join(value.split())) if len(q.split()) >= 5]
    elif isinstance(value, list):
        for item in value:
            _quotations(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("kilder", "temapakker"):  # source titles; the theme packs have their own checks
                _quotations(item, found)
    return found


@pytest.mark.parametrize("name", ["program.yml", "ordliste.yml", "faq.yml", "kommuner.yml", "ressurser.yml"])
def test_quotations_are_the_sources_words(name):
    """A quotation is the source's exact words (spacing and the kind of dash aside) in one of the
    files the version names as its sources."""
    def norm(text: str) -> str:
        return " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())

    texts = norm(" ".join(_source_text(f) for f in _sources().values()))
    quotes = _quotations(_yaml(name), [])
    for quote in quotes:
        assert norm(quote) in texts, (name, quote)


def test_pre_pilot_group_is_not_given_as_the_pilots_rule():
    """The minimum group of the pre-pilot (source 002) is said about the pre-pilot only: the pilot's
    practical facts and «Forberedelse til deltakelse» give no group rule the sources do not give."""
    version = validate_version(ROOT / "data", VERSION, ROOT).version
    markdown = pages.programme_page(version)
    assert "Skoleeier må være representert" not in markdown
    assert "Kommunegruppen består av" not in markdown
    participation = markdown.split("Forberedelse til deltakelse", 1)[1].split("\n## ", 1)[0]
    assert "skoleeier" not in participation.lower()
    pre_pilot = markdown.split("Forpilot og animasjonsfilm", 1)[1].split("\n## ", 1)[0]
    assert "minimumsbesetningen" in pre_pilot and "skoleeier" in pre_pilot


def test_glossary_terms_from_the_sources_name_them():
    """A term the sources define says which source; «Kommune 3.0» and «Kulturskole 3.0» are defined
    from the programme's own pages, not from general knowledge."""
    terms = {t["id"]: t for t in _yaml("ordliste.yml")["begreper"]}
    for tid in ("kommune-3-0", "kulturskole-3-0", "aksjonslaering", "mellomarbeid", "to-spor", "prosess-stotte"):
        assert terms[tid].get("kilde") and not terms[tid].get("redaksjonell"), tid
    sources = _sources()
    kommune = " ".join(_source_text(sources[terms["kommune-3-0"]["kilde"]]).split())
    assert "«Kommune 3.0» og «samskapingskommunen» er sentrale begrep" in kommune
    kulturskole = " ".join(_source_text(sources["ksr-kulturskole-3-0"]).split())
    assert "Betegnelsen 3.0 er inspirert av kommune 3.0" in kulturskole
