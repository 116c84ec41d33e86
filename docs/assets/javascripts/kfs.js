/* Fremtidens kulturskole: the few things on a page that need JavaScript.
 * Every page works without it: the links are plain text that can be selected and copied, and the
 * version is named on the start page. Nothing is stored in the browser and nothing is fetched from
 * another host: versions.json and lenker.json lie next to the version folders on the same site. */
(function () {
  "use strict";

  /* A polite status region for short messages; the page's own, or one made for the purpose. */
  function statusRegion(selector) {
    var region = document.querySelector(selector);
    if (region) return region;
    region = document.createElement("p");
    region.className = "kfs-visually-hidden";
    region.setAttribute("role", "status");
    document.body.appendChild(region);
    return region;
  }

  /* Copy buttons: shown only when the browser can copy. `data-kfs-copy` holds the address;
   * `data-kfs-copy-anchor` names an anchor on this page (a question in the question bank). */
  function setupCopyButtons() {
    var buttons = document.querySelectorAll("button[data-kfs-copy], button[data-kfs-copy-anchor]");
    if (!buttons.length || !navigator.clipboard) return;
    var status = statusRegion(".kfs-copy-status");
    buttons.forEach(function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        var anchor = button.getAttribute("data-kfs-copy-anchor");
        var address = anchor
          ? window.location.origin + window.location.pathname + "#" + anchor
          : button.getAttribute("data-kfs-copy");
        navigator.clipboard.writeText(address).then(function () {
          status.textContent = "Lenken er kopiert.";
          button.textContent = "Kopiert";
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          status.textContent = "Kunne ikke kopiere. Merk lenken og kopier den selv.";
        });
      });
    });
  }

  /* The question filter (question bank and dialogue cards). Without JavaScript the form stays
   * hidden and every question shows. The choice lives in the address only, so it can be shared. */
  function setupQuestionFilter() {
    var form = document.querySelector("form[data-kfs-filter]");
    if (!form || !window.URLSearchParams) return;
    var questions = document.querySelectorAll(".kfs-q");
    var topics = document.querySelectorAll("[data-kfs-topic]");
    var status = document.querySelector("[data-kfs-filter-status]");
    var cardsLinks = document.querySelectorAll("a.kfs-cards-link");
    var selects = form.querySelectorAll("select");
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + wanted.replace(/["\\]/g, "") + '"]')) select.value = wanted;
    });
    form.hidden = false;

    function apply(announce) {
      var chosen = {};
      var query = new URLSearchParams();
      selects.forEach(function (select) {
        if (select.value) { chosen[select.name] = select.value; query.set(select.name, select.value); }
      });
      var shown = 0;
      questions.forEach(function (q) {
        var match = Object.keys(chosen).every(function (name) {
          return (q.getAttribute("data-" + name) || "").split(" ").indexOf(chosen[name]) >= 0;
        });
        q.hidden = !match;
        if (match) shown += 1;
      });
      topics.forEach(function (topic) {
        topic.hidden = !topic.querySelector(".kfs-q:not([hidden])");
        /* The table of contents follows: no entry for a topic that shows nothing. */
        var heading = topic.querySelector("h2[id]");
        if (!heading) return;
        document.querySelectorAll('.md-nav--secondary a[href="#' + heading.id + '"]').forEach(function (link) {
          link.parentNode.hidden = topic.hidden;
        });
      });
      var search = query.toString() ? "?" + query.toString() : "";
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + search + window.location.hash);
      }
      cardsLinks.forEach(function (link) {
        link.href = link.href.split(/[?#]/)[0] + search;
      });
      if (status && (announce || search)) {
        status.textContent = search
          ? "Viser " + shown + " av " + questions.length + " spørsmål."
          : "Viser alle " + questions.length + " spørsmålene.";
      }
    }

    selects.forEach(function (select) {
      select.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelectorAll("[data-kfs-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    apply(false);
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  /* Does `page` (relative to a version folder) exist in that version? Read its link manifest. */
  function pageIn(rootUrl, version, page) {
    if (!page) return Promise.resolve(true);
    return fetchJson(new URL(version + "/lenker.json", rootUrl)).then(function (manifest) {
      return manifest.sider.indexOf(page) >= 0 || Object.prototype.hasOwnProperty.call(manifest.omdirigeringer || {}, page);
    }, function () { return false; });
  }

  function versionSelector(versions, current, rootUrl, page) {
    var topic = document.querySelector(".md-header__topic");
    if (!topic || versions.length < 2) return;
    var here = versions.filter(function (v) { return v.version === current; })[0];
    var wrapper = document.createElement("div");
    wrapper.className = "md-version kfs-version";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-version__current";
    var label = document.createElement("span");
    label.className = "kfs-version__label";
    label.textContent = "Programversjon: ";
    button.appendChild(label);
    button.appendChild(document.createTextNode(here ? here.title : current));
    wrapper.appendChild(button);
    var list = document.createElement("ul");
    list.className = "md-version__list";
    versions.forEach(function (v) {
      var item = document.createElement("li");
      item.className = "md-version__item";
      var link = document.createElement("a");
      link.className = "md-version__link";
      link.href = new URL(v.version + "/", rootUrl).href;
      link.textContent = v.title + (v.aliases.indexOf("latest") >= 0 ? " (gjeldende)" : "");
      if (v.version === current) link.setAttribute("aria-current", "true");
      /* Stay on the same page when the other version has it. */
      link.addEventListener("click", function (event) {
        if (!page || v.version === current) return;
        event.preventDefault();
        pageIn(rootUrl, v.version, page).then(function (found) {
          window.location.href = new URL(v.version + "/" + (found ? page : ""), rootUrl).href;
        });
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    wrapper.appendChild(list);
    topic.appendChild(wrapper);
  }

  function earlierVersionBanner(versions, current, rootUrl, page) {
    var banner = document.querySelector(".kfs-earlier");
    var latest = versions.filter(function (v) { return v.aliases.indexOf("latest") >= 0; })[0];
    if (!banner || !latest || latest.version === current) return;
    var here = versions.filter(function (v) { return v.version === current; })[0];
    pageIn(rootUrl, latest.version, page).then(function (found) {
      banner.querySelector("[data-kfs-this]").textContent = here ? here.title : current;
      banner.querySelector("[data-kfs-current]").textContent = latest.title;
      var link = banner.querySelector("a");
      link.href = new URL(latest.version + "/" + (found ? page : ""), rootUrl).href;
      link.textContent = found ? "Se denne siden i gjeldende versjon" : "Gå til gjeldende versjon";
      banner.hidden = false;
    });
  }

  function setupVersions() {
    var info = document.getElementById("kfs-version-info");
    if (!info || !window.fetch || !window.URL) return;
    var current = info.getAttribute("data-version");
    var page = info.getAttribute("data-page") || "";
    if (page === "404.html") page = "";
    var base = info.getAttribute("data-base") || ".";
    /* The version folder's parent holds versions.json (written when a version is published). */
    var rootUrl = new URL(base.replace(/\/?$/, "/") + "../", window.location.href);
    fetchJson(new URL("versions.json", rootUrl)).then(function (versions) {
      versionSelector(versions, current, rootUrl, page);
      earlierVersionBanner(versions, current, rootUrl, page);
    }, function () { /* a preview or a single version: no selector, no banner */ });
  }

  setupCopyButtons();
  setupQuestionFilter();
  setupVersions();
})();
