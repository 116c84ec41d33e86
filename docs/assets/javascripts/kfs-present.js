/* Fremtidens kulturskole: a presentation (theme_overrides/presentation.html), one screen at a time.
 * Without this script every screen shows, one after another, as a readable page. With it:
 * - one screen fills the window; the arrow keys (left and right), Page Up/Down, space (shift+space
 *   back), Home/End, a swipe and the buttons move between screens;
 * - the address follows the screen (#skjerm-3), so a link or a reload opens the same screen;
 * - a screen reader hears which screen is shown (a polite live region);
 * - on the question bank's presentation, the filter in the address (?tema=…&fase=…&malgruppe=…)
 *   leaves only the chosen questions, as the question bank shows them.
 * Nothing is fetched and nothing is stored: the page works offline and from file://. */
(function () {
  "use strict";

  var root = document.querySelector("[data-kfs-present]");
  if (!root) return;
  var all = Array.prototype.slice.call(root.querySelectorAll("[data-kfs-screen]"));
  if (!all.length) return;
  var controls = root.querySelector("[data-kfs-controls]");
  var prev = root.querySelector("[data-kfs-prev]");
  var next = root.querySelector("[data-kfs-next]");
  var count = root.querySelector("[data-kfs-count]");
  var goto = root.querySelector("[data-kfs-goto]");
  var full = root.querySelector("[data-kfs-fullscreen]");
  var live = root.querySelector("[data-kfs-live]");
  var help = root.querySelector("[data-kfs-help]");
  var screens = selected();
  var index = -1;

  /* The question filter: the same parameters and values as the question bank (kfs.js); an unknown
   * value is ignored there, and here. */
  function selected() {
    var raw = root.getAttribute("data-kfs-filters");
    if (!raw || !window.URLSearchParams) return all;
    var filters = JSON.parse(raw);
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    Object.keys(filters).forEach(function (name) {
      var value = params.get(name);
      if (value && Object.prototype.hasOwnProperty.call(filters[name].values, value)) chosen[name] = value;
    });
    var names = Object.keys(chosen);
    var keep = all.filter(function (screen) {
      if (!screen.hasAttribute("data-kfs-question")) return true;
      return names.every(function (name) {
        return (screen.getAttribute("data-" + name) || "").split(" ").indexOf(chosen[name]) >= 0;
      });
    });
    all.forEach(function (screen) {
      if (keep.indexOf(screen) < 0) screen.setAttribute("data-kfs-left-out", "");
    });
    var summary = root.querySelector("[data-kfs-selection]");
    if (summary && names.length) {
      var shown = keep.filter(function (s) { return s.hasAttribute("data-kfs-question"); }).length;
      var total = all.filter(function (s) { return s.hasAttribute("data-kfs-question"); }).length;
      summary.textContent = names.map(function (name) {
        return filters[name].label + ": " + filters[name].values[chosen[name]];
      }).join(" · ") + ". " + shown + " av " + total + " spørsmål.";
    }
    return keep;
  }

  function headingOf(screen) {
    var heading = screen.querySelector("h1, h2");
    return (heading ? heading.textContent : "").replace(/\s+/g, " ").trim();
  }

  function indexOfHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    for (var i = 0; i < screens.length; i += 1) if (screens[i].id === id) return i;
    return -1;
  }

  function setAddress(id) {
    if (window.location.hash === "#" + id) return;
    try {
      window.history.replaceState(null, "", "#" + id);
    } catch (error) {
      window.location.replace("#" + id);
    }
  }

  function show(i, announce) {
    i = Math.max(0, Math.min(screens.length - 1, i));
    var moved = i !== index;
    var hadFocus = index >= 0 && screens[index].contains(document.activeElement);
    index = i;
    all.forEach(function (screen) { screen.hidden = screen !== screens[i]; });
    var screen = screens[i];
    count.textContent = "Skjerm " + (i + 1) + " av " + screens.length;
    prev.setAttribute("aria-disabled", i === 0 ? "true" : "false");
    next.setAttribute("aria-disabled", i === screens.length - 1 ? "true" : "false");
    goto.value = screen.id;
    /* Not on opening without an address: the address would then name a screen, and the browser
     * would start the Tab order there instead of at the skip link. */
    if (announce || window.location.hash) setAddress(screen.id);
    if (moved) window.scrollTo(0, 0);
    if (hadFocus) screen.focus({ preventScroll: true });
    if (announce && moved) live.textContent = "Skjerm " + (i + 1) + " av " + screens.length + ": " + headingOf(screen);
  }

  function step(delta) { show(index + delta, true); }

  /* On a screen in a room the glossary's links (marked when the site is built) are only noise, and a
   * click would leave the presentation: they become plain text again. */
  root.querySelectorAll("a.kfs-term").forEach(function (link) {
    link.parentNode.replaceChild(document.createTextNode(link.textContent), link);
  });

  /* Start: every screen but one hidden, the controls shown. */
  goto.innerHTML = "";
  screens.forEach(function (screen, i) {
    var option = document.createElement("option");
    option.value = screen.id;
    var text = headingOf(screen);
    option.textContent = (i + 1) + ". " + (text.length > 60 ? text.slice(0, 57) + "…" : text);
    goto.appendChild(option);
  });
  root.classList.add("kfs-present--on");
  document.documentElement.classList.add("kfs-present-on");
  controls.hidden = false;
  if (help) help.hidden = false;
  show(Math.max(indexOfHash(), 0), false);

  prev.addEventListener("click", function () { step(-1); });
  next.addEventListener("click", function () { step(1); });
  goto.addEventListener("change", function () {
    for (var i = 0; i < screens.length; i += 1) if (screens[i].id === goto.value) show(i, true);
  });
  window.addEventListener("hashchange", function () {
    var i = indexOfHash();
    if (i >= 0 && i !== index) show(i, true);
  });

  /* The skip link leads to the screen that shows, and leaves the address alone. */
  var skip = document.querySelector(".kfs-skip");
  if (skip) {
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      screens[index].focus();
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA" || (target && target.isContentEditable)) return;
    var onControl = tag === "BUTTON" || tag === "A";
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || (key === " " && !onControl && !event.shiftKey)) step(1);
    else if (key === "ArrowLeft" || key === "PageUp" || (key === " " && !onControl && event.shiftKey)) step(-1);
    else if (key === "Home" && !onControl) show(0, true);
    else if (key === "End" && !onControl) show(screens.length - 1, true);
    else return;
    event.preventDefault();
  });

  /* A swipe sideways; a mostly vertical one scrolls as usual. */
  var startX = null;
  var startY = null;
  root.addEventListener("touchstart", function (event) {
    if (event.touches.length !== 1) { startX = null; return; }
    startX = event.touches[0].clientX;
    startY = event.touches[0].clientY;
  }, { passive: true });
  root.addEventListener("touchend", function (event) {
    if (startX === null || !event.changedTouches.length) return;
    var dx = event.changedTouches[0].clientX - startX;
    var dy = event.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) step(dx < 0 ? 1 : -1);
  }, { passive: true });

  /* Full screen, where the browser allows it. */
  if (full && document.fullscreenEnabled && document.documentElement.requestFullscreen) {
    full.hidden = false;
    full.addEventListener("click", function () {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(function () { /* refused: stay as is */ });
    });
    document.addEventListener("fullscreenchange", function () {
      full.textContent = document.fullscreenElement ? "Avslutt fullskjerm" : "Fullskjerm";
    });
  }
})();
