"""Quality gates in the browser: WCAG 2.2 AA with axe-core, no request to another host, no cookie
and nothing stored, a skip link first, visible focus, nothing that scrolls sideways on a phone, main
touch targets 44 px high, a light first load, and the keyboard on what the project adds.

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

from helpers import ROOT, StaticServer, free_port, text

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
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Rules turned off, each with the reason. Empty: every rule for the five tags runs.
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


# ---------------------------------------------------------------- sideways scrolling, touch targets

#: Where a page may scroll sideways: inside code, a figure (the schedule's timeline) and the wide tables
#: of worksheets and running orders in .kfs-table-wrap. The schedule's own table is no exception: on a
#: phone it is a list of cards.
SCROLLERS_ALLOWED = "pre, figure, .kfs-table-wrap:not(:has(#alle-samlinger))"

#: Everything rendered that reaches past the right edge of the window, unless an allowed scroller holds
#: it or a box that clips it (an ellipsis); a box that scrolls sideways and is not allowed is named.
OVERFLOW_JS = """allowed => {
  const width = window.innerWidth;
  const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const out = [];
  const page = document.scrollingElement.scrollWidth;
  if (page > width) out.push(`siden er ${page} px bred`);
  const named = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    let ok = false, culprit = el;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (a.matches(allowed)) { ok = true; break; }
      const overflow = getComputedStyle(a).overflowX;
      if (overflow === "hidden" || overflow === "clip") { ok = true; break; }
      if (overflow === "auto" || overflow === "scroll") { culprit = a; ok = !!a.closest(allowed); break; }
    }
    const name = describe(culprit);
    if (ok || named.has(name)) continue;
    named.add(name);
    out.push(culprit === el ? `${name} går ut til ${Math.round(r.right)} px` : `${name} ruller sidelengs`);
  }
  return out;
}"""

#: The main touch targets: 44 px high (and at least 24 px wide) wherever they show. Every other control
#: is held to 24 × 24 px by axe (target-size, WCAG 2.5.8).
MAIN_TARGETS = (".md-typeset .md-button, .md-typeset select, button.kfs-copy, .md-header__button, "
                ".md-typeset .headerlink, .kfs-footer-links a, .md-version__current, .kfs-earlier a")
TARGETS_JS = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.checkVisibility({visibilityProperty: true}))
  .map(el => ({el, r: el.getBoundingClientRect()}))
  .filter(({r}) => r.width > 0 && (r.height < 43.5 || r.width < 23.5))
  .map(({el, r}) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} «${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}» er ${Math.round(r.width)} × ${Math.round(r.height)} px`)"""


@dataclass
class PageAudit:
    url: str
    viewport: str
    violations: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    storage: dict = field(default_factory=dict)
    skip: dict = field(default_factory=dict)
    focus: dict = field(default_factory=dict)
    overflow: list = field(default_factory=list)
    targets: list = field(default_factory=list)
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
                audit.overflow = self.page.evaluate(OVERFLOW_JS, SCROLLERS_ALLOWED)
                audit.targets = self.page.evaluate(TARGETS_JS, MAIN_TARGETS)
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


def overflow_problems(audits: list[PageAudit]) -> list[str]:
    return [f"{a.viewport} {a.url}: {item}" for a in audits for item in a.overflow]


def target_problems(audits: list[PageAudit]) -> list[str]:
    return [f"{a.viewport} {a.url}: {item}" for a in audits for item in a.targets]


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
    assert not problems, f"{len(problems)} brudd på WCAG 2.2 AA:\n" + "\n".join(problems[:60])


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


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_nothing_scrolls_sideways_but_code_figures_and_wide_tables(audits, viewport):
    pages, _ = audits
    problems = overflow_problems([a for a in pages if a.viewport == viewport])
    assert not problems, f"{len(problems)} ting som ruller sidelengs:\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_main_touch_targets_are_44_px_high(audits, viewport):
    pages, _ = audits
    problems = target_problems([a for a in pages if a.viewport == viewport])
    assert not problems, f"{len(problems)} for små trykkflater:\n" + "\n".join(problems[:60])


# ---------------------------------------------------------------- the weight of a first visit

#: The most a page may weigh the first time it is opened (nothing cached), compressed as a static host
#: sends it: the page, its styles, scripts, fonts and what the scripts fetch at once (versions.json).
FIRST_LOAD_LIMIT = 100_000
#: The start page, a gathering, the question bank, the schedule, the phase model, a theme pack, the
#: dialogue cards, «Lenker» (the heaviest page) and an earlier version's start page.
WEIGHED = ("2024-2025/", "2024-2025/samlinger/fellessamling-1/", "2024-2025/sporsmal/", "2024-2025/samlinger/",
           "2024-2025/faser/", "2024-2025/temapakker/kulturskole-hele-livet/", "2024-2025/dialogkort/",
           "2024-2025/lenker/", "2021-2022/")


RESOURCES_JS = """() => performance.getEntriesByType("resource").map(e => [e.name, e.transferSize])"""


def first_load(browser, url: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes over the wire (bodies as sent, and headers) for opening `url` in a new browser with nothing
    cached, once the page is quiet; and the files, largest first."""
    context = browser.new_context(viewport=VIEWPORTS["mobile"])
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        files = {r.url: r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished}
        # The page's own record has what Playwright does not see: the script of Material's search worker.
        for name, size in tab.evaluate(RESOURCES_JS):
            files[name] = max(files.get(name, 0), size)
    finally:
        context.close()
    return sum(files.values()), sorted(files.items(), key=lambda f: -f[1])


def test_the_first_load_of_a_page_is_under_100_kb(browser, served_root):
    for path in WEIGHED:
        total, files = first_load(browser, served_root.url + path)
        assert len(files) > 5 and any(name.endswith(".css") for name, _ in files)  # the page's own files
        assert total < FIRST_LOAD_LIMIT, (path, total, [(n.replace(served_root.url, ""), s) for n, s in files[:6]])


# ---------------------------------------------------------------- link cards (extra.css, «Identitet»)

CARDS_SAMPLE = """<ul class="kfs-cards">
<li><a class="kfs-cards__link" href="../samlinger/">Tidsplan og samlinger</a><p>Alle samlinger med dato og form.</p></li>
<li><a class="kfs-cards__link" href="../oppgaver/">Forberedelser og mellomarbeid</a><p>Oppgavene før og mellom.</p></li>
<li><a class="kfs-cards__link" href="../temapakker/">Temapakker</a><p>Ferdig opplegg til møter i kommunen.</p></li>
</ul>"""
#: The columns of the grid, and for each card whether a point near its far corner (away from the words)
#: belongs to the card's link, and the card's height.
CARDS_JS = """() => [...document.querySelectorAll('.kfs-cards > li')].map(card => {
  const r = card.getBoundingClientRect();
  const hit = document.elementFromPoint(r.right - 6, r.bottom - 6);
  return {left: Math.round(r.left), whole: !!hit && hit === card.querySelector('a.kfs-cards__link'), height: r.height};
})"""


def test_link_cards_are_a_grid_where_each_card_is_one_link(browser, sites, tmp_path):
    """The .kfs-cards class other pages can use for their ways in: one column on a phone, more on a wide
    screen; each whole card is its link (one target, far over 44 px); it passes the page checks."""
    root = tmp_path / "root"
    shutil.copytree(sites["2024-2025"], root / "2024-2025")
    (root / "versions.json").write_text(json.dumps(VERSIONS_JSON, ensure_ascii=False), encoding="utf-8")
    page_file = root / "2024-2025/program/index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace("</article>", CARDS_SAMPLE + "</article>", 1),
                         encoding="utf-8")
    with StaticServer(root, free_port()) as server:
        url = server.url + "2024-2025/program/"
        checked, _ = audit_pages(browser, {name: [url] for name in VIEWPORTS})
        assert not (load_problems(checked) or axe_problems(checked) or focus_problems(checked)
                    or overflow_problems(checked) or target_problems(checked))
        for name, columns in (("mobile", 1), ("desktop", 2)):
            context = browser.new_context(viewport=VIEWPORTS[name])
            try:
                tab = context.new_page()
                tab.goto(url)
                tab.locator(".kfs-cards").scroll_into_view_if_needed()
                cards = tab.evaluate(CARDS_JS)
            finally:
                context.close()
            assert len(cards) == 3 and len({c["left"] for c in cards}) == columns, (name, cards)
            assert all(c["whole"] and c["height"] >= 44 for c in cards), (name, cards)


# ---------------------------------------------------------------- text that refers back

#: Words in a question that point at the questions before it in its topic, and how many of them.
REFERS_BACK = {"dette målbildet": 1, "disse to bildene": 2}


def test_a_question_that_refers_back_follows_what_it_refers_to_on_every_page(sites):
    """«Hvordan opplever dere kulturskolen i forhold til dette målbildet akkurat nå?» means the picture in
    the question before it. Wherever the site shows such a question (a phase, a gathering, a theme pack),
    the questions it points at stand before it on the same page."""
    from kulturskole.validate import validate_version

    checked = 0
    for name, site in sites.items():
        version = validate_version(ROOT / "data", name, ROOT).version
        for topic in version.topics.values():
            texts = [" ".join(q.text.split()) for q in topic.questions]
            for i, question in enumerate(texts):
                back = next((n for words, n in REFERS_BACK.items() if words in question.lower()), 0)
                if not back:
                    continue
                assert i >= back, f"{name}: «{question}» er først i temaet"
                for path in sitemap_paths(site):
                    page_text = text(site.parent, path)
                    if question not in page_text:
                        continue
                    checked += 1
                    at = page_text.index(question)
                    for earlier in texts[i - back:i]:
                        assert earlier in page_text[:at], f"{path}: «{question}» står uten «{earlier}» foran seg"
    assert checked >= 6  # the question bank, the dialogue cards and the phases, in both versions


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
    "liten-knapp": '<p><button class="md-button" style="min-height:0;padding:0 0.2em;font-size:10px">Ok</button></p>',
}
#: Faults that show on a phone (390 px), and two wide things that are allowed.
PHONE_FAULTS = {
    "bred-blokk": '<p style="width: 600px">Et avsnitt med fast bredde, bredere enn en telefon.</p>',
    "bred-rulleboks": '<div style="overflow-x: auto"><p style="width: 900px">Et bredt avsnitt i en rulleboks.</p></div>',
}
PHONE_ALLOWED = {
    "lang-kodelinje": "<pre><code>" + "kulturskole build --all --site-dir nettsted " * 6 + "</code></pre>",
    "bred-tabell-i-kfs-table-wrap": '<div class="kfs-table-wrap" tabindex="0" role="region" aria-label="Bred tabell">'
                                    '<table><tr><td style="min-width: 900px">Bred</td></tr></table></div>',
}


@pytest.fixture(scope="module")
def fault_audits(browser, sites, tmp_path_factory):
    """A copy of 2024-2025 with one fault per page (a copy of «Om programmet»), and one page unchanged."""
    root = tmp_path_factory.mktemp("faults") / "root"
    shutil.copytree(sites["2024-2025"], root / "2024-2025")
    (root / "versions.json").write_text(json.dumps(VERSIONS_JSON, ensure_ascii=False), encoding="utf-8")
    original = (root / "2024-2025/program/index.html").read_text(encoding="utf-8")
    for name, snippet in {"uendret": "", **BROWSER_FAULTS, **PHONE_FAULTS, **PHONE_ALLOWED}.items():
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
        phone, _ = audit_pages(browser, {"mobile": [url(n) for n in ["uendret", *PHONE_FAULTS, *PHONE_ALLOWED]]})
    by_name = {a.url.rstrip("/").rsplit("feil-", 1)[1]: a for a in shared + alone}
    by_name.update({"mobil-" + a.url.rstrip("/").rsplit("feil-", 1)[1]: a for a in phone})
    return by_name, {"shared": shared_cookies, "alone": alone_cookies}, own_host(server)


def test_the_unchanged_copy_passes_every_check(fault_audits):
    audits, cookies, host = fault_audits
    clean = [audits["uendret"], audits["mobil-uendret"]]
    assert not (load_problems(clean) or axe_problems(clean) or third_party_requests(clean, host)
                or skip_link_problems(clean) or focus_problems(clean) or overflow_problems(clean)
                or target_problems(clean))
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


def test_fault_small_button_is_caught(fault_audits):
    audits, _, _ = fault_audits
    problems = target_problems([audits["liten-knapp"]])
    assert len(problems) == 1 and "button.md-button «Ok»" in problems[0], problems


def test_fault_sideways_scrolling_on_a_phone_is_caught(fault_audits):
    audits, _, _ = fault_audits
    wide = overflow_problems([audits["mobil-bred-blokk"]])
    assert wide and "siden er" in wide[0] and any("p går ut til" in p for p in wide), wide
    boxed = overflow_problems([audits["mobil-bred-rulleboks"]])
    assert boxed == [f"mobile {audits['mobil-bred-rulleboks'].url}: div ruller sidelengs"], boxed
    # Code and the wide tables of worksheets may scroll inside their own box.
    assert not overflow_problems([audits["mobil-" + name] for name in PHONE_ALLOWED])


def test_fault_missing_skip_link_is_caught(fault_audits):
    audits, _, _ = fault_audits
    problems = skip_link_problems([audits["uten-hopp-lenke"]])
    assert len(problems) == 1 and "ikke en hopp-lenke til innholdet" in problems[0]
