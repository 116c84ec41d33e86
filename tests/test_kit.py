"""The facilitator's kit: a gathering page before, during and after, the running order («Kjøreplan»),
the presentation («Presentasjon»), the invitation text and the page «Lenker», on the built site.

The browser tests use the shared Chromium (`browser`) and both versions served as published
(`served_root`); the theme pack with a running order and slides is built from a copy of the project.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from kulturskole.model import urls
from kulturskole.render import format as fmt
from kulturskole.render import kit
from kulturskole.validate import validate_version

from helpers import ROOT, copy_project, page, run_build, text

PILOT = "2021-2022"
CURRENT = "2024-2025"
PILOT_GATHERING = "samling-1"
PRESENTATION = f"{PILOT}/samlinger/{PILOT_GATHERING}/presentasjon/"
RUNNING_ORDER = f"{PILOT}/samlinger/{PILOT_GATHERING}/kjoreplan/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def versions():
    out = {}
    for name in (PILOT, CURRENT):
        result = validate_version(ROOT / "data", name, ROOT)
        assert result.version is not None, result.problems
        out[name] = result.version
    return out


def agenda_times(version, gid: str) -> list[str]:
    """Every agenda time of a gathering as the site writes it («10.45», «13.00–14.00»)."""
    return [kit.clock(item) for day in version.gatherings[gid].agenda for item in day.items]


def shown_screen(pw_page) -> str:
    ids = pw_page.eval_on_selector_all("[data-kfs-screen]", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert len(ids) == 1, ids
    return ids[0]


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "kjoreplan.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


# ---------------------------------------------------------------- the presentation


def test_pilot_presentation_moves_with_keys_buttons_and_swipes_and_the_address_follows(browser, served_root, versions):
    context = browser.new_context(viewport=DESKTOP, has_touch=True)
    pw_page = context.new_page()
    requests: list[str] = []
    pw_page.on("request", lambda r: requests.append(r.url))
    pw_page.goto(served_root.url + PRESENTATION)
    assert shown_screen(pw_page) == "skjerm-1"
    total = pw_page.eval_on_selector_all("[data-kfs-screen]", "els => els.length")
    # The agenda's times are in it, from the data.
    screens_text = " ".join(pw_page.eval_on_selector_all("[data-kfs-screen]", "els => els.map(e => e.textContent)"))
    for time in agenda_times(versions[PILOT], PILOT_GATHERING):
        assert time in screens_text, time
    # Arrow keys and space move; the address and the live region follow.
    pw_page.keyboard.press("ArrowRight")
    assert pw_page.url.endswith("#skjerm-2") and shown_screen(pw_page) == "skjerm-2"
    pw_page.keyboard.press("ArrowRight")
    pw_page.keyboard.press(" ")
    assert pw_page.url.endswith("#skjerm-4") and shown_screen(pw_page) == "skjerm-4"
    assert pw_page.inner_text("[data-kfs-live]").startswith(f"Skjerm 4 av {total}: ")
    pw_page.keyboard.press("ArrowLeft")
    assert pw_page.url.endswith("#skjerm-3") and shown_screen(pw_page) == "skjerm-3"
    pw_page.keyboard.press("End")
    assert shown_screen(pw_page) == f"skjerm-{total}"
    pw_page.keyboard.press("Home")
    assert shown_screen(pw_page) == "skjerm-1"
    # The buttons: visible, at least 44 × 44 px.
    for selector in ("[data-kfs-prev]", "[data-kfs-next]"):
        box = pw_page.locator(selector).bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (selector, box)
    pw_page.click("[data-kfs-next]")
    assert shown_screen(pw_page) == "skjerm-2"
    # A swipe to the left is «next», to the right «previous».
    swipe = """dx => { const el = document.querySelector('[data-kfs-present]');
      const t = (x) => new Touch({identifier: 1, target: el, clientX: x, clientY: 300});
      el.dispatchEvent(new TouchEvent('touchstart', {touches: [t(300)], changedTouches: [t(300)], bubbles: true}));
      el.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [t(300 + dx)], bubbles: true})); }"""
    pw_page.evaluate(swipe, -200)
    assert shown_screen(pw_page) == "skjerm-3"
    pw_page.evaluate(swipe, 200)
    assert shown_screen(pw_page) == "skjerm-2"
    # The agenda screen links to its items; a link opens the screen it names.
    pw_page.click("#skjerm-2 .kfs-screen__agenda a >> nth=1")
    assert shown_screen(pw_page) != "skjerm-2"
    pw_page.goto(served_root.url + PRESENTATION + "#skjerm-6")
    assert shown_screen(pw_page) == "skjerm-6"
    host = served_root.url.split("/")[2]
    assert requests and all(r.split("/")[2] == host for r in requests), requests
    context.close()


def test_presentation_starts_at_the_skip_link_and_it_leads_to_the_screen(browser, served_root):
    pw_page = browser.new_page(viewport=DESKTOP)
    pw_page.goto(served_root.url + PRESENTATION)
    pw_page.keyboard.press("Tab")
    assert pw_page.evaluate("document.activeElement.className") == "kfs-skip"
    pw_page.keyboard.press("ArrowRight")  # on a link the arrow keys still move the screens
    pw_page.keyboard.press("Enter")
    assert pw_page.evaluate("document.activeElement.id") == "skjerm-2" and pw_page.url.endswith("#skjerm-2")
    pw_page.close()


def test_dialogue_questions_follow_the_agenda_item_they_belong_to(sites, versions):
    g = versions[PILOT].gatherings[PILOT_GATHERING]
    item = next(i for d in g.agenda for i in d.items if i.questions)
    html = page(sites[PILOT], f"samlinger/{PILOT_GATHERING}/presentasjon")
    screens = re.findall(r'<section class="kfs-screen kfs-screen--(\w+)" id="(skjerm-\d+)".*?</section>', html, re.S)
    kinds = [kind for kind, _ in screens]
    bodies = re.findall(r'<section class="kfs-screen.*?</section>', html, re.S)
    at = next(i for i, body in enumerate(bodies) if f">{fmt.plain(item.title)}</h2>" in body)
    assert kinds[at] == "punkt"
    for offset, qid in enumerate(item.questions, start=1):
        assert kinds[at + offset] == "sporsmal"
        assert unescape(fmt.plain(versions[PILOT].questions[qid].text)) in unescape(bodies[at + offset])
    # On the gathering page the question is linked at its item in the agenda.
    gathering = page(sites[PILOT], f"samlinger/{PILOT_GATHERING}")
    row = next(r for r in re.findall(r"<tr>.*?</tr>", gathering, re.S) if f"<th scope=\"row\">{kit.clock(item)}</th>" in r)
    for qid in item.questions:
        assert f'href="../../sporsmal/#{qid}"' in row


def test_presentation_without_javascript_shows_every_screen_as_a_page(browser, served_root):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    pw_page = context.new_page()
    pw_page.goto(served_root.url + PRESENTATION)
    shown = pw_page.eval_on_selector_all("[data-kfs-screen]", "els => els.filter(e => e.offsetParent !== null).length")
    total = pw_page.eval_on_selector_all("[data-kfs-screen]", "els => els.length")
    assert total > 20 and shown == total
    assert not pw_page.is_visible("[data-kfs-controls]")
    assert pw_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_presentation_works_opened_from_a_file(browser, sites):
    """Everything is on the page: opened from disk, it moves and the address follows."""
    context = browser.new_context(viewport=DESKTOP)
    pw_page = context.new_page()
    failed: list[str] = []
    pw_page.on("requestfailed", lambda r: failed.append(r.url))
    pw_page.goto((sites[PILOT] / "samlinger" / PILOT_GATHERING / "presentasjon" / "index.html").as_uri())
    assert shown_screen(pw_page) == "skjerm-1"
    pw_page.keyboard.press("ArrowRight")
    assert pw_page.url.endswith("#skjerm-2") and shown_screen(pw_page) == "skjerm-2"
    assert not failed, failed
    context.close()


# ---------------------------------------------------------------- the running order


def test_running_order_shows_the_agenda_with_times_and_prints_on_at_most_two_pages(browser, served_root, sites,
                                                                                   versions, tmp_path):
    body = text(sites[PILOT], f"samlinger/{PILOT_GATHERING}/kjoreplan")
    for time in agenda_times(versions[PILOT], PILOT_GATHERING):
        assert time in body, time
    pw_page = browser.new_page()
    pw_page.goto(served_root.url + RUNNING_ORDER)
    pw_page.emulate_media(media="print")
    assert pdf_pages(pw_page.pdf(format="A4"), tmp_path) <= 2
    # Nothing is cut off at the right edge of the sheet: laid out at the width of A4 paper (210 mm
    # at 96 px per inch), every table fits the column.
    pw_page.set_viewport_size({"width": 794, "height": 1123})
    overflow = pw_page.evaluate("""() => { const column = document.querySelector('.kfs-runsheet').getBoundingClientRect();
      return [...document.querySelectorAll('.kfs-runsheet table')].map(t => t.getBoundingClientRect().right - column.right); }""")
    assert overflow and max(overflow) <= 1, overflow
    # A phone reads it without scrolling sideways.
    pw_page.set_viewport_size(PHONE)
    pw_page.emulate_media(media="screen")
    assert pw_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    pw_page.close()


def test_gathering_page_links_its_running_order_presentation_and_downloads(sites, versions):
    for name, version in versions.items():
        for gid, g in version.gatherings.items():
            html = page(sites[name], f"samlinger/{gid}")
            has_kit = bool(g.agenda or g.questions)
            assert ('href="kjoreplan/"' in html and 'href="presentasjon/"' in html) == has_kit, gid
            assert (sites[name] / "samlinger" / gid / "presentasjon" / "index.html").exists() == has_kit, gid
            if g.preparation:
                assert 'id="forberedelse"' in html
            if g.between_work:
                assert 'id="mellomarbeid"' in html
    # The kit's stylesheet and script come with the kit's pages only; the presentations stay out of search.
    for name, url in (("kit.css", f"samlinger/{PILOT_GATHERING}"), ("kfs-invite.js", f"samlinger/{PILOT_GATHERING}"),
                      ("kit.css", "sporsmal"), ("kit-runsheet.css", f"samlinger/{PILOT_GATHERING}/kjoreplan"),
                      ("kfs-links.js", "lenker"), ("kit-links.css", "lenker")):
        assert name in page(sites[PILOT], url), (name, url)
    for name in ("kit.css", "kit-runsheet.css", "kit-links.css", "kfs-invite.js", "kfs-links.js", "present.css"):
        assert name not in page(sites[CURRENT], "") and name not in page(sites[CURRENT], "program"), name
    search = (sites[PILOT] / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f"samlinger/{PILOT_GATHERING}/kjoreplan/" in search and "presentasjon/" not in search
    # The dialogue cards of the gathering's questions, where one filter selects exactly them.
    assert 'href="../../dialogkort/?tema=inspirasjonssamling"' in page(sites[CURRENT], "samlinger/inspirasjonssamling")
    assert "dialogkort/?tema=" not in page(sites[PILOT], f"samlinger/{PILOT_GATHERING}")


# ---------------------------------------------------------------- the invitation


def lenker_addresses(site: Path) -> dict[str, list[str]]:
    """The «Lenker» page's addresses for each gathering (its group), this version first."""
    html = page(site, "lenker")
    out = {}
    for gid, group in re.findall(r'<section [^>]*\bid="lenker-([a-z0-9-]+)"[^>]*>(.*?)</section>', html, re.S):
        out[gid] = [unescape(a) for a in re.findall(r'data-kfs-copy="([^"]+)"', group)]
    return out


def invitation_of(html: str) -> str:
    found = re.search(r'<div class="kfs-invite__text" id="invitasjon-tekst" data-kfs-invite-text>(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


def test_every_dated_gathering_has_an_invitation_with_date_preparation_and_calendar_links(sites, versions):
    version = versions[CURRENT]
    links = lenker_addresses(sites[CURRENT])
    dated = [gid for gid, g in version.gatherings.items() if g.when.is_day_precise()]
    assert len(dated) > 5
    for gid, g in version.gatherings.items():
        html = page(sites[CURRENT], f"samlinger/{gid}")
        invitation = invitation_of(html)
        if gid not in dated:
            assert not invitation and 'id="invitasjon"' not in html, gid
            continue
        assert 'id="invitasjon"' in html, gid
        # Without JavaScript the text is there to select; the button shows only where it can copy.
        assert re.search(r'<button [^>]*data-kfs-copy-invite="invitasjon-tekst" hidden>Kopier teksten</button>', html), gid
        assert fmt.plain(fmt.gathering_when(g, weekday=True)) in invitation, gid
        # The gathering's address is the «Lenker» page's for it: its preparation when it has one.
        address = links[gid][0]
        assert address.endswith(f"/{CURRENT}/{kit.gathering_link_path(gid, g)}")
        assert f'href="{address}"' in invitation, gid
        root = address[: -len(kit.gathering_link_path(gid, g))]
        assert f'href="{root}{urls.url_of(urls.gathering(gid))}{urls.CALENDAR}"' in invitation, gid
        if g.preparation:
            assert "#forberedelse" in address
            for tid in g.preparation:
                assert fmt.plain(version.tasks[tid].title) in invitation
        contact = version.programme.contact
        if g.organisers:
            # Others organise it (the dialogue seminar): the invitation names them, not the programme's contact.
            assert "<strong>Arrangører:</strong> " + kit.and_list([fmt.plain(o) for o in g.organisers]) in invitation
            assert "mailto:" not in invitation and "Spørsmål?" not in invitation, gid
        elif contact and contact.email:
            assert f'href="mailto:{contact.email}"' in invitation
    assert any(g.organisers for gid, g in version.gatherings.items() if gid in dated)


def test_copied_invitation_pastes_as_working_links(browser, served_root, sites):
    links = lenker_addresses(sites[CURRENT])["inspirasjonssamling"]
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    pw_page = context.new_page()
    pw_page.goto(served_root.url + f"{CURRENT}/samlinger/inspirasjonssamling/")
    # A glossary term marked in the text (a relative link) must not reach the e-mail as a broken link.
    pw_page.evaluate("""document.querySelector('[data-kfs-invite-text] p').insertAdjacentHTML('beforeend',
        ' <a class="kfs-term" href="../../ordliste/#samskaping">samskaping</a>')""")
    pw_page.click("button[data-kfs-copy-invite]")
    pw_page.locator(".kfs-invite__status", has_text="kopiert").wait_for()
    kinds = pw_page.evaluate("navigator.clipboard.read().then(items => items.flatMap(i => i.types))")
    assert {"text/html", "text/plain"} <= set(kinds)
    plain = pw_page.evaluate("navigator.clipboard.readText()")
    assert links[0] in plain and "Når: Fredag 15. mars 2024" in plain
    # Pasted into an editor (a contenteditable element on a blank page of the same origin).
    pw_page.set_content('<!doctype html><title>E-post</title><div id="e" contenteditable="true"></div>')
    pw_page.focus("#e")
    pw_page.keyboard.press("ControlOrMeta+V")
    hrefs = pw_page.eval_on_selector_all('#e a[href^="http"]', "els => els.map(a => a.href)")
    assert links[0] in hrefs, hrefs
    assert any(h.endswith("/samlinger/inspirasjonssamling/kalender.ics") for h in hrefs), hrefs
    assert not pw_page.query_selector("#e wbr")
    every = pw_page.eval_on_selector_all("#e a", "els => els.map(a => a.getAttribute('href'))")
    assert every and all(h.startswith(("https://", "http://", "mailto:", "tel:")) for h in every), every
    assert "samskaping" in pw_page.inner_text("#e")
    assert "samskaping" not in pw_page.eval_on_selector_all("#e a", "els => els.map(a => a.textContent)")
    context.close()


# ---------------------------------------------------------------- «Lenker» on a phone


def test_links_page_on_a_phone_groups_filters_and_wraps_after_slashes(browser, served_root, sites, versions):
    html = page(sites[CURRENT], "lenker")
    for code in re.findall(r'<code class="kfs-url">(.*?)</code>', html):
        # A break only after a «/»: every <wbr> follows one, and every «/» in the path has one.
        assert all(part.endswith("/") for part in code.split("<wbr>")[:-1]), code
        assert code.split("://", 1)[1].count("/") == code.count("<wbr>"), code
    context = browser.new_context(viewport=PHONE)
    pw_page = context.new_page()
    pw_page.goto(served_root.url + f"{CURRENT}/lenker/")
    assert pw_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert pw_page.eval_on_selector("code.kfs-url", "e => getComputedStyle(e).wordBreak") == "normal"
    groups = pw_page.eval_on_selector_all("[data-kfs-link-group] h3", "els => els.length")
    assert groups == len(versions[CURRENT].gatherings)
    # This version's addresses show; the always-current ones on request.
    assert pw_page.is_visible('[data-kfs-link-version="denne"] >> nth=0')
    assert not pw_page.is_visible('[data-kfs-link-version="gjeldende"] >> nth=0')
    pw_page.check('input[value="begge"]')
    assert pw_page.is_visible('[data-kfs-link-version="gjeldende"] >> nth=0')
    # The filter: words typed narrow the page to what matches.
    pw_page.fill("#kfs-finn-lenke", "fellessamling 2")
    shown = pw_page.eval_on_selector_all("[data-kfs-link-group]", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert shown == ["lenker-fellessamling-2"], shown
    assert "Viser" in pw_page.inner_text(".kfs-links__status")
    pw_page.fill("#kfs-finn-lenke", "")
    assert pw_page.eval_on_selector_all("[data-kfs-link-group]", "els => els.filter(e => e.hidden).length") == 0
    context.close()


# ---------------------------------------------------------------- theme packs


def test_theme_pack_without_running_order_says_so_plainly(sites, versions):
    for name, version in versions.items():
        for pid, pack in version.packs.items():
            assert not (pack.use and (pack.use.running_order or pack.use.slides))
            assert "Presentasjonen, kjøreplanen og refleksjonsspørsmålene til denne pakken er ikke publisert på " \
                "dette nettstedet ennå." in text(sites[name], f"temapakker/{pid}")
            assert not (sites[name] / "temapakker" / pid / "presentasjon").exists()
            assert not (sites[name] / "temapakker" / pid / "kjoreplan").exists()


PACK_USE = """
bruk:
  kjøreplan:
    - steg: Velkommen og mål for møtet
      minutter: 10
    - steg: Samtale i grupper
      minutter: 25
      beskrivelse: Gruppene snakker om spørsmålene.
  lysbilder:
    - tittel: Hvorfor kulturskole hele livet?
      stikkord: [Livslang læring, Eldre som publikum og deltakere]
      steg: 1
    - tittel: Spørsmål til gruppene
      stikkord: [Hva gjør vi i dag?]
      steg: 2
  forberedelse: Les kapittelet om kulturskole hele livet i rapporten før møtet.
  refleksjonsspørsmål: [hva-kan-programmet-bidra-med]
"""


@pytest.fixture(scope="module")
def pack_site(tmp_path_factory):
    """A copy of the project where one theme pack has a running order and slides, built."""
    project = copy_project(tmp_path_factory.mktemp("pack") / "project")
    path = project / "data" / CURRENT / "temapakker" / "kulturskole-hele-livet.yml"
    path.write_text(path.read_text(encoding="utf-8") + PACK_USE, encoding="utf-8")
    site = project / "site"
    result = run_build(project, CURRENT, site, documents=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site


def test_theme_pack_with_running_order_and_slides_gets_the_same_kit(pack_site, browser):
    project, site = pack_site
    pid = "kulturskole-hele-livet"
    pack_page = page(site, f"temapakker/{pid}")
    assert 'href="kjoreplan/"' in pack_page and 'href="presentasjon/"' in pack_page
    assert "ikke publisert" not in pack_page
    running = text(site, f"temapakker/{pid}/kjoreplan")
    assert "0–10 min" in running and "10–35 min" in running and "Samtale i grupper" in running
    assert "1. Hvorfor kulturskole hele livet?" in running  # the slide at its step
    context = browser.new_context(viewport=DESKTOP)
    pw_page = context.new_page()
    pw_page.goto((site / "temapakker" / pid / "presentasjon" / "index.html").as_uri() + "#skjerm-3")
    shown = pw_page.inner_text("#skjerm-3")
    assert "Hvorfor kulturskole hele livet?" in shown and "Livslang læring" in shown and "Steg 1" in shown
    pw_page.keyboard.press("ArrowRight")
    assert pw_page.url.endswith("#skjerm-4") and "Spørsmål til gruppene" in pw_page.inner_text("#skjerm-4")
    context.close()
    # Another pack of the same version still says plainly that it has none.
    assert "ikke publisert på dette nettstedet ennå" in text(site, "temapakker/kulturskolen-i-samfunnet")


def test_slide_pointing_to_a_missing_step_is_an_error(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / CURRENT / "temapakker" / "kulturskole-hele-livet.yml"
    path.write_text(path.read_text(encoding="utf-8") + PACK_USE.replace("steg: 2\n", "steg: 3\n"), encoding="utf-8")
    result = validate_version(project / "data", CURRENT, project)
    messages = [str(p) for p in result.problems]
    assert result.version is None
    assert any("viser til steg 3, men kjøreplanen har 2 steg" in m for m in messages), messages


# ---------------------------------------------------------------- the question bank as a presentation


def test_question_bank_presentation_carries_the_filter_and_shows_only_those(browser, served_root):
    context = browser.new_context(viewport=DESKTOP)
    pw_page = context.new_page()
    pw_page.goto(served_root.url + f"{CURRENT}/sporsmal/")
    link = pw_page.locator("a.kfs-present-link")
    assert link.inner_text() == "Vis som presentasjon"
    total = pw_page.eval_on_selector_all(".kfs-q[id]", "els => els.length")
    pw_page.select_option("#kfs-filter-fase", index=1)
    pw_page.wait_for_url(re.compile(r"\?fase="))
    query = pw_page.url.split("?", 1)[1]
    wanted = pw_page.eval_on_selector_all(".kfs-q[id]", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert 0 < len(wanted) < total
    assert link.get_attribute("href").endswith("?" + query)
    link.click()
    pw_page.wait_for_url(re.compile(r"/sporsmal/presentasjon/\?fase="))
    assert str(len(wanted)) + " av " + str(total) in pw_page.inner_text("#skjerm-1")
    seen = []
    for _ in range(len(wanted)):
        pw_page.keyboard.press("ArrowRight")
        screen = pw_page.locator("[data-kfs-screen]:not([hidden])")
        seen.append(screen.inner_text().split("\n")[-1].strip())
    bank = {qid: " ".join(t.split()) for qid, t in pw_page.evaluate(
        "() => [...document.querySelectorAll('[data-kfs-question]:not([data-kfs-left-out])')]"
        ".map(e => [e.dataset.kfsQuestion, e.querySelector('h2').textContent])")}
    assert list(bank) == wanted
    assert [" ".join(s.split()) for s in seen] == list(bank.values())
    # Without a filter, every question.
    pw_page.goto(served_root.url + f"{CURRENT}/sporsmal/presentasjon/")
    assert pw_page.eval_on_selector_all("[data-kfs-question]:not([data-kfs-left-out])", "els => els.length") == total
    context.close()
