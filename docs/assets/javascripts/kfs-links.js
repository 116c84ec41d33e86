/* Fremtidens kulturskole: the page «Lenker» (theme_overrides/kit-links.html). Without the script every
 * address shows. With it: a search field narrows the page to the links whose words match, and a
 * choice shows this version's addresses, the always-current ones, or both. Nothing is stored. */
(function () {
  "use strict";

  /* «Lenker»: show the links whose words start with every word typed (a number must be the whole
   * number, so «fellessamling 2» is not also Fellessamling 1 of 2024). A link's words are its own
   * title and its gathering's name and date, never the addresses, which all look alike. */
  function setupLinksFilter() {
    var box = document.querySelector("[data-kfs-links-filter]");
    if (!box) return;
    var input = box.querySelector("input[type=search]");
    var status = box.querySelector("[role=status]");
    var groups = document.querySelectorAll("[data-kfs-link-group]");
    var sections = document.querySelectorAll("[data-kfs-link-section]");
    var links = document.querySelectorAll("[data-kfs-link]");
    box.hidden = false;

    function words(value) {
      return value.toLocaleLowerCase("nb").split(/[^0-9a-zæøåäöüéèáà]+/).filter(Boolean);
    }
    function textOf(element) {
      return element ? element.textContent : "";
    }
    function matches(tokens, wanted) {
      return wanted.every(function (word) {
        var number = /^[0-9]+$/.test(word);
        return tokens.some(function (token) { return number ? token === word : token.indexOf(word) === 0; });
      });
    }

    function apply() {
      var wanted = words(input.value);
      var shown = 0;
      groups.forEach(function (group) {
        var groupText = textOf(group.querySelector("h3")) + " " + textOf(group.querySelector(".kfs-links__meta"));
        var any = false;
        group.querySelectorAll("[data-kfs-link], .kfs-links__ref").forEach(function (item) {
          var own = item.hasAttribute("data-kfs-link") ? textOf(item.querySelector(".kfs-link__title")) : item.textContent;
          var show = !wanted.length || matches(words(groupText + " " + own), wanted);
          item.hidden = !show;
          if (show && item.hasAttribute("data-kfs-link")) { any = true; shown += 1; }
        });
        group.hidden = !any;
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("[data-kfs-link-group]:not([hidden])");
      });
      status.textContent = wanted.length
        ? (shown ? "Viser " + shown + " av " + links.length + " lenker." : "Ingen lenker passer. Prøv et annet ord.")
        : "";
    }
    input.addEventListener("input", apply);

    /* Which of the two addresses to show: this version's (for an invitation), the one that always
     * leads to the current version (for a web page that stays up), or both. */
    var versions = document.querySelectorAll("[data-kfs-link-version]");
    function showVersions() {
      var chosen = box.querySelector("input[name=kfs-lenkeversjon]:checked");
      var value = chosen ? chosen.value : "begge";
      versions.forEach(function (row) {
        row.hidden = value !== "begge" && row.getAttribute("data-kfs-link-version") !== value;
      });
    }
    box.querySelectorAll("input[name=kfs-lenkeversjon]").forEach(function (radio) {
      radio.addEventListener("change", showVersions);
    });
    showVersions();
  }

  setupLinksFilter();
})();
