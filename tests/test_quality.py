"""Quality gates in the browser: WCAG 2.1 AA with axe-core, no request to another host, no cookie
and nothing stored, a skip link first, visible focus, and the keyboard on what the project adds.

Both versions are served_root side by side under one root with a versions.json, the way mike publishes
them, so the version selector and the earlier-version banner are on the pages too. Every address in
each version's sitemap.xml is opened at a desktop (1280 px) and a mobile (390 px) viewport, a few
pages at a time in one Chromium. The crawl runs once (`audits`); each test reads its part of it.

The checks without a browser (links, anchors, lang, titles, headings, tables, text alternatives)
are in kulturskole.check and tests/test_check.py. The fault tests at the end inject one fault each
into a copy of a page and see the same functions report it.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

from kulturskole.check.links import root_url

from helpers import StaticServer, free_port

VERSIONS = ("2021-2022", "2024-2025")
VERSIONS_JSON = [
    {"version": "2024-2025", "title": "2024–2025 · regionalt program", "aliases": ["latest"]},
    {"version": "2021-2022", "title": "2021–2022 · pilotprosjekt", "aliases": []},
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}
#: Pages open at the same time per viewport (two viewports: twice this many). More does not help
#: on two cores: axe keeps a renderer busy.
WORKERS = 1


# ---------------------------------------------------------------- axe-core

#: axe-core 4.12.1, carried by the pinned Python package axe-playwright-python (only its file is used;
#: it is injected into each page, nothing is fetched).
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Rules turned off, each with the reason. Empty: every rule for the four tags runs.
AXE_DISABLED: dict[str, str] = {}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {rule: {"enabled": False} for rule in AXE_DISABLED},
    "resultTypes": ["violations"],
}

#: Counts the page's fetches in flight (an init script, before the page's own scripts).
COUNT_FETCHES_JS = """(() => {
  const original = window.fetch;
  window.__kfsFetches = 0;
  if (!original) return;
  window.fetch = function () {
    window.__kfsFetches += 1;
    return original.apply(window, arguments).finally(() => { window.__kfsFetches -= 1; });
  };
})();"""
#: axe runs once the page has settled: no fetch in flight and no change to the DOM for 60 ms (kfs.js
#: adds the version selector and the earlier-version banner after reading versions.json; a layout
#: that moves while axe measures gives false contrast results).
START_AXE_JS = """options => {
  window.__kfsAxe = new Promise(settled => {
    let last = performance.now();
    const observer = new MutationObserver(() => { last = performance.now(); });
    observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    const tick = () => {
      if (window.__kfsFetches === 0 && performance.now() - last > 60) { observer.disconnect(); settled(); }
      else setTimeout(tick, 20);
    };
    tick();
  }).then(() => axe.run(document, options));
}"""
AXE_RESULT_JS = """() => window.__kfsAxe.then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                            summary: (n.failureSummary || "").split("\\n").slice(0, 3).join(" ")}))
})))"""

# ---------------------------------------------------------------- storage, skip link, focus

STORAGE_JS = """async () => ({
  cookie: document.cookie,
  localStorage: Object.keys(localStorage),
  sessionStorage: Object.keys(sessionStorage),
  indexedDB: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
  caches: self.caches ? await caches.keys() : [],
})"""

#: After one Tab from the top of the page: what has focus, and where its link leads.
SKIP_JS = """() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const href = el.getAttribute("href") || "";
  const target = href.startsWith("#") ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  return {tag: el.tagName.toLowerCase(), href, text: el.textContent.trim(),
          visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight,
          target: !!target, targetInMain: !!(target && target.closest("main, [role=main], article"))};
}"""

#: Every focusable element that is rendered: focused (as the keyboard would, scrolled into view),
#: it must be on screen and opaque, and its outline or box-shadow must show and differ from the same
#: element unfocused. Transitions are off meanwhile, so each state is read as it ends up. Run after
#: a real Tab, so that script focus counts as keyboard focus (:focus-visible).
FOCUS_JS = """() => {
  const focusable = 'a[href], area[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), ' +
                    'select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const calm = document.createElement("style");
  calm.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.appendChild(calm);
  const ring = el => { const s = getComputedStyle(el);
    return {outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "",
            shadow: s.boxShadow === "none" ? "" : s.boxShadow}; };
  const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
    ` «${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}»`;
  const bad = [];
  let checked = 0;
  for (const el of document.querySelectorAll(focusable)) {
    if (el.tabIndex < 0 || !el.checkVisibility({visibilityProperty: true})) continue;
    el.focus();
    if (document.activeElement !== el) continue;
    checked += 1;
    const on = ring(el);
    const r = el.getBoundingClientRect();
    const onScreen = r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight && r.width * r.height > 0;
    const seen = el.checkVisibility({visibilityProperty: true, opacityProperty: true});
    el.blur();
    const off = ring(el);
    if (!onScreen || !seen) bad.push(describe(el) + (onScreen ? " er usynlig når det har fokus" : " er utenfor skjermen når det har fokus"));
    else if ((!on.outline && !on.shadow) || (on.outline === off.outline && on.shadow === off.shadow))
      bad.push(describe(el) + " viser ikke fokus");
  }
  calm.remove();
  return {checked, bad};
}"""


@dataclass
class PageAudit:
    url: str
    viewport: str
    violations: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    storage: dict = field(default_factory=dict)
    skip: dict = field(default_factory=dict)
    focus: dict = field(default_factory=dict)
    error: str = ""


class _Worker:
    """One browser tab: loads a page, starts axe on it, and later collects the rest."""

    def __init__(self, context, viewport: str) -> None:
        self.page = context.new_page()
        self.viewport = viewport
        self.audit: PageAudit | None = None
        self.page.on("request", self._request)

    def _request(self, request) -> None:
        if self.audit is not None:
            self.audit.requests.append(request.url)

    def start(self, url: str) -> None:
        self.audit = PageAudit(url, self.viewport)
        try:
            self.page.goto(url, wait_until="load")
            self.page.evaluate(START_AXE_JS, AXE_OPTIONS)
        except Exception as error:  # noqa: BLE001 - reported as a finding on the page
            self.audit.error = str(error).splitlines()[0]

    def finish(self) -> PageAudit:
        audit = self.audit
        if not audit.error:
            try:
                audit.violations = self.page.evaluate(AXE_RESULT_JS)
                # Nothing the reader did yet: no key pressed, nothing clicked.
                audit.storage = self.page.evaluate(STORAGE_JS)
                self.page.keyboard.press("Tab")
                audit.skip = self.page.evaluate(SKIP_JS)
                audit.focus = self.page.evaluate(FOCUS_JS)
            except Exception as error:  # noqa: BLE001
                audit.error = str(error).splitlines()[0]
        self.audit = None
        return audit


def audit_pages(browser, urls_by_viewport: dict[str, list[str]], workers: int = WORKERS):
    """Open every address at its viewport and return ([PageAudit], {viewport: cookies}).

    Each tab loads its next page while the others run axe, so a few pages are worked on at once."""
    contexts = {name: browser.new_context(viewport=VIEWPORTS[name]) for name in urls_by_viewport}
    for context in contexts.values():
        # axe is put in every page before the page's own scripts run (compiled once per tab,
        # about ten times faster than add_script_tag per page). Nothing is fetched.
        context.add_init_script(script=AXE_JS)
        context.add_init_script(script=COUNT_FETCHES_JS)
    queues = {name: list(urls) for name, urls in urls_by_viewport.items()}
    pool = [_Worker(contexts[name], name) for name in urls_by_viewport
            for _ in range(min(workers, len(queues[name])))]
    audits: list[PageAudit] = []
    try:
        for worker in pool:
            worker.start(queues[worker.viewport].pop(0))
        while any(w.audit is not None for w in pool):
            for worker in pool:
                if worker.audit is None:
                    continue
                audits.append(worker.finish())
                if queues[worker.viewport]:
                    worker.start(queues[worker.viewport].pop(0))
        cookies = {name: context.cookies() for name, context in contexts.items()}
    finally:
        for context in contexts.values():
            context.close()
    return audits, cookies


# ---------------------------------------------------------------- what the tests read from an audit

def axe_problems(audits: list[PageAudit]) -> list[str]:
    out = []
    for a in audits:
        for v in a.violations:
            for node in v["nodes"][:5]:
                out.append(f"{a.viewport} {a.url}: {v['id']} ({v['impact']}) {node['target']}: {node['summary']}")
    return out


def load_problems(audits: list[PageAudit]) -> list[str]:
    return [f"{a.viewport} {a.url}: {a.error}" for a in audits if a.error]


def third_party_requests(audits: list[PageAudit], own: str) -> list[str]:
    """Requests to any host but `own` (host:port). data: and blob: addresses never leave the page."""
    out = []
    for a in audits:
        for url in a.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.netloc != own:
                out.append(f"{a.viewport} {a.url}: {url}")
    return sorted(set(out))


def storage_problems(audits: list[PageAudit], cookies: dict) -> list[str]:
    out = [f"{name}: informasjonskapsel {c['name']} på {c['domain']}" for name, jar in cookies.items() for c in jar]
    for a in audits:
        for kind, value in a.storage.items():
            if value:
                out.append(f"{a.viewport} {a.url}: {kind} = {value}")
    return out


def skip_link_problems(audits: list[PageAudit]) -> list[str]:
    out = []
    for a in audits:
        s = a.skip
        if not s:
            continue
        if s["tag"] != "a" or not s["href"].startswith("#") or not s["target"] or not s["targetInMain"]:
            out.append(f"{a.viewport} {a.url}: første Tab går til <{s['tag']}> «{s['text'][:40]}» ({s['href']}), "
                       "ikke en hopp-lenke til innholdet")
        elif not s["visible"]:
            out.append(f"{a.viewport} {a.url}: hopp-lenken «{s['text']}» er ikke synlig når den har fokus")
    return out


def focus_problems(audits: list[PageAudit]) -> list[str]:
    return [f"{a.viewport} {a.url}: {element}" for a in audits for element in (a.focus or {}).get("bad", [])]


# ---------------------------------------------------------------- the site, served_root like mike publishes it

def sitemap_paths(version_dir: Path) -> list[str]:
    """The pages of a version's sitemap, as paths below the root of all versions."""
    base = root_url(version_dir.parent)
    locs = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", (version_dir / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(base) for loc in locs), (base, locs[:3])
    return [loc[len(base):] for loc in locs]


@pytest.fixture(scope="module")
def audits(browser, served_root):
    paths = [p for version in VERSIONS for p in sitemap_paths(served_root.root / version)]
    urls = [served_root.url + p for p in paths]
    result = audit_pages(browser, {name: urls for name in VIEWPORTS})
    return result


def own_host(server) -> str:
    return urlsplit(server.url).netloc


# ---------------------------------------------------------------- the suite

def test_every_page_of_both_versions_is_audited_at_both_viewports(audits, served_root):
    pages, _ = audits
    assert not load_problems(pages), "\n".join(load_problems(pages))
    for version in VERSIONS:
        paths = sitemap_paths(served_root.root / version)
        assert f"{version}/" in paths and f"{version}/sporsmal/" in paths
        for name in VIEWPORTS:
            audited = {a.url for a in pages if a.viewport == name}
            assert {served_root.url + p for p in paths} <= audited
    # Each page was really read: axe ran, and the focus check found things to focus.
    assert all(a.focus.get("checked", 0) > 5 for a in pages), [a.url for a in pages if a.focus.get("checked", 0) <= 5]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_axe_violations(audits, viewport):
    pages, _ = audits
    problems = axe_problems([a for a in pages if a.viewport == viewport])
    assert not problems, f"{len(problems)} brudd på WCAG 2.1 AA:\n" + "\n".join(problems[:60])


def test_no_request_goes_to_another_host(audits, served_root):
    pages, _ = audits
    assert sum(len(a.requests) for a in pages) > len(pages)  # the recorder sees the page's own files
    problems = third_party_requests(pages, own_host(served_root))
    assert not problems, "Forespørsler til andre nettsteder:\n" + "\n".join(problems)


def test_no_cookie_and_nothing_stored_before_the_reader_acts(audits):
    pages, cookies = audits
    problems = storage_problems(pages, cookies)
    assert not problems, "\n".join(problems)


def test_skip_link_is_the_first_thing_to_focus(audits):
    pages, _ = audits
    problems = skip_link_problems(pages)
    assert not problems, "\n".join(problems)


def test_focus_is_visible_on_everything_focusable(audits):
    pages, _ = audits
    problems = focus_problems(pages)
    assert not problems, f"{len(problems)} elementer uten synlig fokus:\n" + "\n".join(problems[:60])


# ---------------------------------------------------------------- keyboard: what the project adds

def tab_to(pw_page, selector: str, limit: int = 300) -> int:
    """Press Tab until the focused element matches `selector`; the number of presses."""
    for presses in range(1, limit + 1):
        pw_page.keyboard.press("Tab")
        if pw_page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"Tab kom aldri til {selector}")


RING_JS = """() => {
  const el = document.activeElement;
  const read = () => { const s = getComputedStyle(el);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 ? s.outlineStyle + s.outlineWidth + s.outlineColor : "")
           + "|" + (s.boxShadow === "none" ? "" : s.boxShadow); };
  const on = read();
  el.blur();
  const off = read();
  el.setAttribute("data-kfs-was-focused", "");
  el.focus();
  return {on, off, html: el.outerHTML.slice(0, 120), back: document.activeElement === el};
}"""


def assert_focus_ring(pw_page) -> None:
    """The focused element shows an outline or box-shadow that it does not have unfocused; focus is
    then put back where it was (a <label> cannot take focus from script: Shift+Tab, Tab)."""
    ring = pw_page.evaluate(RING_JS)
    assert ring["on"] != "|" and ring["on"] != ring["off"], ring
    if not ring["back"]:
        pw_page.keyboard.press("Shift+Tab")
        pw_page.keyboard.press("Tab")
    assert pw_page.evaluate("document.activeElement.hasAttribute('data-kfs-was-focused')")
    pw_page.evaluate("document.querySelector('[data-kfs-was-focused]').removeAttribute('data-kfs-was-focused')")


def visible_questions(pw_page) -> int:
    return pw_page.eval_on_selector_all(".kfs-q", "els => els.filter(e => e.offsetParent !== null).length")


def test_question_filter_works_with_the_keyboard_alone(browser, served_root):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    context.add_init_script("window.print = () => { window.__kfsPrinted = (window.__kfsPrinted || 0) + 1; };")
    pw_page = context.new_page()
    pw_page.goto(served_root.url + "2024-2025/sporsmal/")
    total = visible_questions(pw_page)
    tab_to(pw_page, "#kfs-filter-fase")
    assert_focus_ring(pw_page)
    pw_page.keyboard.press("ArrowDown")  # the first phase, without opening the list
    pw_page.wait_for_url(re.compile(r"\?fase="))
    shown = visible_questions(pw_page)
    assert 0 < shown < total
    assert f"Viser {shown} av {total} spørsmål." == pw_page.locator("[data-kfs-filter-status]").inner_text()
    tab_to(pw_page, "form[data-kfs-filter] button[type=reset]")  # «Vis alle»
    assert_focus_ring(pw_page)
    pw_page.keyboard.press("Enter")
    pw_page.wait_for_function(f"document.querySelectorAll('.kfs-q:not([hidden])').length === {total}")
    assert "?" not in pw_page.url
    tab_to(pw_page, "button[data-kfs-print]")  # «Skriv ut utvalget»
    assert_focus_ring(pw_page)
    pw_page.keyboard.press(" ")
    assert pw_page.evaluate("window.__kfsPrinted") == 1
    context.close()


def test_copy_buttons_work_with_the_keyboard_alone(browser, served_root):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], permissions=["clipboard-read", "clipboard-write"])
    pw_page = context.new_page()
    pw_page.goto(served_root.url + "2024-2025/sporsmal/")
    tab_to(pw_page, "button[data-kfs-copy-anchor]")  # «Kopier lenke» on the first question
    assert_focus_ring(pw_page)
    anchor = pw_page.evaluate("document.activeElement.dataset.kfsCopyAnchor")
    pw_page.keyboard.press("Enter")
    pw_page.wait_for_function("document.activeElement.textContent === 'Kopiert'")
    assert pw_page.evaluate("navigator.clipboard.readText()") == served_root.url + f"2024-2025/sporsmal/#{anchor}"
    pw_page.goto(served_root.url + "2024-2025/lenker/")
    tab_to(pw_page, "button.kfs-copy")  # «Kopier» beside the first address
    assert_focus_ring(pw_page)
    address = pw_page.evaluate("document.activeElement.dataset.kfsCopy")
    pw_page.keyboard.press(" ")
    pw_page.wait_for_function("document.activeElement.textContent === 'Kopiert'")
    assert pw_page.evaluate("navigator.clipboard.readText()") == address
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_version_selector_works_with_the_keyboard_alone(browser, served_root, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    pw_page = context.new_page()
    pw_page.goto(served_root.url + "2024-2025/program/")
    pw_page.locator(".kfs-version").wait_for()  # built from versions.json
    tab_to(pw_page, ".kfs-version .md-version__current")
    assert_focus_ring(pw_page)
    tab_to(pw_page, ".md-version__link", limit=1)
    tab_to(pw_page, ".md-version__link:not([aria-current])", limit=1)
    assert_focus_ring(pw_page)
    link = pw_page.locator(".md-version__link:not([aria-current])")
    assert link.is_visible() and link.inner_text() == "2021–2022 · pilotprosjekt"
    pw_page.keyboard.press("Enter")
    pw_page.wait_for_url(served_root.url + "2021-2022/program/")  # the same page in the other version
    context.close()


def test_menu_and_search_open_with_the_keyboard_on_a_phone(browser, served_root):
    context = browser.new_context(viewport=VIEWPORTS["mobile"])
    pw_page = context.new_page()
    pw_page.goto(served_root.url + "2024-2025/program/")
    # Closed, the menu's links are not in the tab order.
    assert not pw_page.locator(".md-sidebar--primary .md-nav__link").first.is_visible() or \
        pw_page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility") == "hidden"
    tab_to(pw_page, 'label[for="__drawer"]', limit=10)
    assert pw_page.evaluate("document.activeElement.getAttribute('aria-label')") == "Meny"
    assert_focus_ring(pw_page)
    pw_page.keyboard.press("Enter")
    assert pw_page.evaluate("document.getElementById('__drawer').checked")
    tab_to(pw_page, ".md-sidebar--primary a.md-nav__link")
    # On screen, not off to the side, once the drawer has slid in.
    pw_page.wait_for_function("(() => { const r = document.activeElement.getBoundingClientRect();"
                              " return r.left >= 0 && r.right <= innerWidth && r.width > 0; })()")
    pw_page.goto(served_root.url + "2024-2025/program/")
    tab_to(pw_page, 'label[for="__search"]', limit=10)
    assert pw_page.evaluate("document.activeElement.getAttribute('aria-label')") == "Søk"
    pw_page.keyboard.press(" ")
    pw_page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    context.close()


# ---------------------------------------------------------------- the suite catches each fault

BROWSER_FAULTS = {
    "kontrast": '<p style="color:#b5b5b5">Lys grå tekst på hvit bunn.</p>',
    "bilde-fra-cdn": '<p><img src="https://cdn.example.com/x.png" alt="Et bilde"></p>',
    "skrift-fra-google": '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">',
    "lokal-lagring": '<script>localStorage.setItem("besok", "1");</script>',
    "usynlig-fokus": '<style>*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }</style>',
    "uten-hopp-lenke": '<style>.md-skip { display: none !important; }</style>',
    "informasjonskapsel": '<script>document.cookie = "sporing=1; path=/";</script>',
}


@pytest.fixture(scope="module")
def fault_audits(browser, sites, tmp_path_factory):
    """A copy of 2024-2025 with one fault per page (a copy of «Om programmet»), and one page unchanged."""
    root = tmp_path_factory.mktemp("faults") / "root"
    shutil.copytree(sites["2024-2025"], root / "2024-2025")
    (root / "versions.json").write_text(json.dumps(VERSIONS_JSON, ensure_ascii=False), encoding="utf-8")
    original = (root / "2024-2025/program/index.html").read_text(encoding="utf-8")
    for name, snippet in {"uendret": "", **BROWSER_FAULTS}.items():
        page_dir = root / "2024-2025" / f"feil-{name}"
        page_dir.mkdir()
        (page_dir / "index.html").write_text(original.replace("</article>", snippet + "</article>", 1), encoding="utf-8")
    with StaticServer(root, free_port()) as server:
        url = lambda name: f"{server.url}2024-2025/feil-{name}/"  # noqa: E731
        # What a page stores shows on every later page of its browser context: those get their own.
        stored = ["lokal-lagring", "informasjonskapsel"]
        shared, shared_cookies = audit_pages(browser, {"desktop": [url(n) for n in ["uendret", *BROWSER_FAULTS]
                                                                   if n not in stored]})
        alone, alone_cookies = audit_pages(browser, {"desktop": [url(n) for n in stored]})
    by_name = {a.url.rstrip("/").rsplit("feil-", 1)[1]: a for a in shared + alone}
    return by_name, {"shared": shared_cookies, "alone": alone_cookies}, own_host(server)


def test_the_unchanged_copy_passes_every_check(fault_audits):
    audits, cookies, host = fault_audits
    clean = [audits["uendret"]]
    assert not (load_problems(clean) or axe_problems(clean) or third_party_requests(clean, host)
                or skip_link_problems(clean) or focus_problems(clean))
    assert not storage_problems([a for name, a in audits.items() if name not in ("lokal-lagring", "informasjonskapsel")],
                                cookies["shared"])


def test_fault_low_contrast_is_caught(fault_audits):
    audits, _, _ = fault_audits
    problems = axe_problems([audits["kontrast"]])
    assert problems and all("color-contrast" in p for p in problems)


@pytest.mark.parametrize("name,host", [("bilde-fra-cdn", "cdn.example.com"), ("skrift-fra-google", "fonts.googleapis.com")])
def test_fault_request_to_another_host_is_caught(fault_audits, name, host):
    audits, _, own = fault_audits
    problems = third_party_requests([audits[name]], own)
    assert problems and all(host in p for p in problems)


def test_fault_storage_on_load_is_caught(fault_audits):
    audits, cookies, _ = fault_audits
    assert storage_problems([audits["lokal-lagring"]], {}) == \
        [f"desktop {audits['lokal-lagring'].url}: localStorage = ['besok']"]


def test_fault_cookie_on_load_is_caught(fault_audits):
    audits, cookies, _ = fault_audits
    problems = storage_problems([audits["informasjonskapsel"]], cookies["alone"])
    assert "desktop: informasjonskapsel sporing på 127.0.0.1" in problems
    assert f"desktop {audits['informasjonskapsel'].url}: cookie = sporing=1" in problems


def test_fault_invisible_focus_is_caught(fault_audits):
    audits, _, _ = fault_audits
    problems = focus_problems([audits["usynlig-fokus"]])
    assert len(problems) > 10 and all(p.endswith("viser ikke fokus") for p in problems)


def test_fault_missing_skip_link_is_caught(fault_audits):
    audits, _, _ = fault_audits
    problems = skip_link_problems([audits["uten-hopp-lenke"]])
    assert len(problems) == 1 and "ikke en hopp-lenke til innholdet" in problems[0]
