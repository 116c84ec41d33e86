"""Open data: the JSON files each built version publishes under data/, checked against the YAML.

Everything is read from the built sites (the `sites` fixture): the files parse, validate against the
JSON Schema published beside them, and hold every question, gathering, theme pack and task of the
version with the right id, address and dates. The expected values come from the YAML files, read
here with PyYAML, not through the project's own model.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import ROOT, page

VERSIONS = ("2021-2022", "2024-2025")
DATA_FILES = ("index.json", "sporsmal.json", "samlinger.json", "temapakker.json", "oppgaver.json")
WHEN_KEYS = ("dag", "fra", "til", "måned", "fra_måned", "til_måned", "en_av_månedene", "uker", "merknad")


@pytest.fixture(scope="module")
def site_root() -> str:
    from kulturskole.site.build import configured_site_root

    return configured_site_root(ROOT)


def load(site: Path, name: str):
    raw = (site / "data" / name).read_bytes()
    return json.loads(raw.decode("utf-8"))


def yaml_files(version: str, folder: str) -> list[Path]:
    return sorted((ROOT / "data" / version / folder).glob("*.yml"))


def read_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# ---------------------------------------------------------------- the files as files

@pytest.mark.parametrize("version", VERSIONS)
def test_every_file_parses_and_validates_against_its_published_schema(sites, version):
    site = sites[version]
    for name in DATA_FILES:
        raw = (site / "data" / name).read_bytes()
        assert raw.endswith(b"}\n") and not raw.endswith(b"\n\n"), name
        data = json.loads(raw.decode("utf-8"))
        schema = json.loads((site / "data" / name.replace(".json", ".schema.json")).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema).validate(data)
        assert data["formatversjon"] == 1 and data["versjon"] == version
    # UTF-8 as it is, not \u escapes: a county branch's editor can read the file.
    assert "spørsmål".encode() in (site / "data/sporsmal.json").read_bytes()
    assert b"\\u00" not in (site / "data/sporsmal.json").read_bytes()


def test_the_schema_rejects_a_day_made_up_for_a_month(sites):
    data = load(sites["2024-2025"], "samlinger.json")
    schema = json.loads((sites["2024-2025"] / "data/samlinger.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    bad = json.loads(json.dumps(data))
    bad["samlinger"][0]["når"]["dag"] = "1. mars"
    assert not validator.is_valid(bad)
    del bad["samlinger"][0]["når"]["dag"]
    assert not validator.is_valid(bad), "every key is required, also when its value is null"
    bad = json.loads(json.dumps(data))
    bad["samlinger"][0]["ukjent"] = 1
    assert not validator.is_valid(bad)


@pytest.mark.parametrize("version", VERSIONS)
def test_the_built_files_are_exactly_what_the_core_writes(sites, version, site_root):
    """The build writes the bytes of `open_data()`, which depends only on the data and the site root."""
    from kulturskole.render.opendata import open_data
    from kulturskole.validate import validate_version

    result = validate_version(ROOT / "data", version, ROOT)
    files = open_data(result.version, site_root)
    assert set(files) == {f"data/{p.name}" for p in (sites[version] / "data").iterdir()}
    for rel, content in files.items():
        assert (sites[version] / rel).read_bytes() == content, rel
    assert open_data(result.version, site_root) == files


@pytest.mark.parametrize("version", VERSIONS)
def test_index_lists_every_file_with_its_count(sites, version, site_root):
    site = sites[version]
    index = load(site, "index.json")
    program = read_yaml(ROOT / "data" / version / "program.yml")
    assert index["tittel"] == program["tittel"] and index["versjonstittel"] == program["versjonstittel"]
    assert index["periode"] == {"fra": program["periode"]["fra"], "til": program["periode"]["til"]}
    assert index["url"] == f"{site_root}{version}/"
    assert index["kalender"] == f"{site_root}{version}/kalender.ics" and (site / "kalender.ics").is_file()
    listed = {f["navn"]: f for f in index["filer"]}
    assert sorted(listed) == sorted(DATA_FILES[1:])
    lists = {"sporsmal.json": "spørsmål", "samlinger.json": "samlinger", "temapakker.json": "temapakker",
             "oppgaver.json": "oppgaver"}
    for name, entry in listed.items():
        assert entry["url"] == f"{site_root}{version}/data/{name}"
        assert entry["skjema"] == f"{site_root}{version}/data/{name.replace('.json', '.schema.json')}"
        assert entry["antall"] == len(load(site, name)[lists[name]]) > 0, name


# ---------------------------------------------------------------- the content, compared with the YAML

@pytest.mark.parametrize("version", VERSIONS)
def test_questions_match_the_yaml(sites, version, site_root):
    questions = load(sites[version], "sporsmal.json")["spørsmål"]
    expected = []
    for path in yaml_files(version, "sporsmal"):
        topic = read_yaml(path)
        for q in topic["spørsmål"]:
            expected.append((q, path.stem, topic["tema"]))
    assert sorted(q["id"] for q in questions) == sorted(q["id"] for q, _, _ in expected)
    by_id = {q["id"]: q for q in questions}
    assert len(by_id) == len(expected)
    for q, stem, topic in expected:
        out = by_id[q["id"]]
        assert out["tekst"] == q["tekst"]
        assert out["url"] == f"{site_root}{version}/sporsmal/#{q['id']}"
        assert out["tema"] == {"id": stem, "navn": topic}
        assert [p["id"] for p in out["faser"]] == q.get("faser", [])
        assert [a["id"] for a in out["målgrupper"]] == q.get("målgrupper", [])
        assert out["språk"] == q.get("språk", "nb")
        for phase in out["faser"]:
            phase_yaml = read_yaml(ROOT / "data" / version / "faser" / f"{phase['id']}.yml")
            assert phase["tittel"] == phase_yaml["tittel"] and phase["nummer"] == phase_yaml["nummer"]


@pytest.mark.parametrize("version", VERSIONS)
def test_gatherings_match_the_yaml_at_the_precision_of_the_source(sites, version, site_root):
    site = sites[version]
    gatherings = load(site, "samlinger.json")["samlinger"]
    files = {p.stem: read_yaml(p) for p in yaml_files(version, "samlinger")}
    assert sorted(g["id"] for g in gatherings) == sorted(files)
    # The order of the schedule page.
    rows = re.findall(r'<tr id="([a-z0-9-]+)-rad">', page(site, "samlinger"))
    assert [g["id"] for g in gatherings] == rows
    for g in gatherings:
        src = files[g["id"]]
        assert g["url"] == f"{site_root}{version}/samlinger/{g['id']}/"
        assert g["tittel"] == src["tittel"] and g["type"] == src["type"]
        assert g["nummer"] == src.get("nummer") and g["form"] == src.get("form")
        when = src["når"]
        for key in WHEN_KEYS:
            if key == "en_av_månedene":
                assert g["når"][key] == [str(m) for m in when.get(key, [])], g["id"]
            elif key in when:
                assert g["når"][key] == iso(when[key]), (g["id"], key)
            else:
                assert g["når"][key] is None, (g["id"], key)
        day_precise = "dag" in when or "fra" in when
        if not day_precise:
            # Never a made-up day for a month: no value in the gathering's dates looks like a day.
            assert not any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(v)) for v in g["når"].values()), g["id"]
        if "tid" in src:
            assert g["tid"] == {"fra": src["tid"]["fra"], "til": src["tid"]["til"]}
        else:
            assert g["tid"] is None
        if day_precise:
            assert g["kalender"] == f"{g['url']}kalender.ics"
            assert (site / "samlinger" / g["id"] / "kalender.ics").is_file()
        else:
            assert g["kalender"] is None
        assert [t["id"] for t in g["forberedelse"]] == src.get("forberedelse", [])
        assert [t["id"] for t in g["mellomarbeid"]] == src.get("mellomarbeid", [])
    precisions = {g["når"]["presisjon"] for g in gatherings}
    assert "dag" in precisions or "dager" in precisions


def test_a_month_precision_gathering_stays_a_month(sites):
    gatherings = {g["id"]: g for g in load(sites["2024-2025"], "samlinger.json")["samlinger"]}
    months = [g for g in gatherings.values() if g["når"]["presisjon"] == "måned"]
    assert months, "2024-2025 has gatherings known only by month"
    for g in months:
        assert re.fullmatch(r"\d{4}-\d{2}", g["når"]["måned"])
        assert g["når"]["dag"] is None and g["når"]["fra"] is None


@pytest.mark.parametrize("version", VERSIONS)
def test_packs_and_tasks_match_the_yaml(sites, version, site_root):
    packs = load(sites[version], "temapakker.json")["temapakker"]
    files = {p.stem: read_yaml(p) for p in yaml_files(version, "temapakker")}
    assert [p["id"] for p in packs] == sorted(files, key=lambda k: files[k]["nummer"])
    for p in packs:
        assert p["url"] == f"{site_root}{version}/temapakker/{p['id']}/"
        assert (p["nummer"], p["tittel"]) == (files[p["id"]]["nummer"], files[p["id"]]["tittel"])
        assert [q["id"] for q in p["spørsmål"]] == files[p["id"]].get("spørsmål", [])

    tasks = load(sites[version], "oppgaver.json")["oppgaver"]
    expected = {}
    for path in yaml_files(version, "oppgaver"):
        for t in read_yaml(path)["oppgaver"]:
            expected[t["id"]] = (t, path.stem)
    assert sorted(t["id"] for t in tasks) == sorted(expected)
    for t in tasks:
        src, group = expected[t["id"]]
        assert t["url"] == f"{site_root}{version}/oppgaver/#{t['id']}"
        assert (t["tittel"], t["type"], t["hvem"]) == (src["tittel"], src["type"], src["hvem"])
        assert t["gruppe"]["id"] == group
        assert t["tid_minutter"] == src.get("tid_minutter")
        assert [q["id"] for q in t["spørsmål"]] == src.get("spørsmål", [])


def _urls(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("url", "kalender", "skjema") and isinstance(value, str):
                yield value
            else:
                yield from _urls(value)
    elif isinstance(node, list):
        for item in node:
            yield from _urls(item)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_address_in_the_files_exists_in_the_built_site(sites, version, site_root):
    site = sites[version]
    seen = 0
    for name in DATA_FILES:
        for url in _urls(load(site, name)):
            assert url.startswith(f"{site_root}{version}/"), url
            path, _, anchor = url[len(f"{site_root}{version}/"):].partition("#")
            target = site / path / "index.html" if path == "" or path.endswith("/") else site / path
            assert target.is_file(), url
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), url
            seen += 1
    assert seen > 50


# ---------------------------------------------------------------- the manifest and the page

@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_lists_every_downloadable_file(sites, version):
    site = sites[version]
    manifest = json.loads((site / "lenker.json").read_text(encoding="utf-8"))
    on_disk = sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*")
        if p.is_file() and (p.suffix == ".ics" or p.relative_to(site).parts[0] in ("data", "last-ned"))
    )
    assert manifest["filer"] == on_disk
    assert "kalender.ics" in manifest["filer"] and "data/sporsmal.json" in manifest["filer"]
    assert not [f for f in manifest["filer"] if f.endswith(".html")]


@pytest.mark.parametrize("version", VERSIONS)
def test_open_data_page_lists_every_file_with_both_addresses(sites, version, site_root):
    site = sites[version]
    html = page(site, "apne-data")
    article = html[html.index("<article"):html.index("</article>")]
    assert "<h1" in article and "Åpne data" in article
    for path in sorted((site / "data").iterdir()):
        name = path.name
        assert f'href="../data/{name}"' in article, name
        if not name.endswith(".schema.json"):
            assert f'<code class="kfs-url">{site_root}{version}/data/{name}</code>' in article, name
            assert f'<code class="kfs-url">{site_root}latest/data/{name}</code>' in article, name
    assert 'href="../kalender.ics"' in article
    assert f'<code class="kfs-url">{site_root}latest/kalender.ics</code>' in article
    assert "fylkesavdeling" in article.lower() and "endrer seg ikke" in article
    assert "fetch(" in article and f"{site_root}latest/data/sporsmal.json" in article
    # The field tables: classless (Material styles those), with caption and header scopes.
    tables = re.findall(r"<table[^>]*>.*?</table>", article, re.S)
    assert len(tables) >= 5
    for table in tables:
        assert re.search(r"<table>", table), "no class on <table>"
        assert "<caption>" in table and '<th scope="col">' in table and '<th scope="row">' in table
    # Every key of every file is documented.
    for name in DATA_FILES:
        schema = json.loads((site / "data" / name.replace(".json", ".schema.json")).read_text(encoding="utf-8"))
        for node in [schema, *schema.get("$defs", {}).values()]:
            for key in node.get("properties", {}):
                assert f"<code>{key}</code>" in article, (name, key)
    # Internal links to the field tables resolve.
    for anchor in re.findall(r'href="#([^"]+)"', article):
        assert f'id="{anchor}"' in html, anchor


def test_open_data_page_is_in_the_navigation_before_lenker_and_linked_from_om_nettstedet(sites):
    html = page(sites["2024-2025"], "program")
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs.index("../apne-data/") < hrefs.index("../lenker/")
    about = page(sites["2024-2025"], "om-nettstedet")
    assert 'href="../apne-data/"' in about
