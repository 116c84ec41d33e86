/* Fremtidens kulturskole: the facilitator's kit on the pages that have it (theme_overrides/kit.html).
 * Every page works without it. Nothing is stored and nothing is fetched.
 * - «Tekst til invitasjon»: «Kopier teksten» copies the text as HTML and as plain text, so links stay
 *   links pasted into Outlook or Gmail. Without the script the text is selected by hand.
 * - «Kjøreplan»: «Skriv ut» opens the print dialogue.
 * - The question bank: «Vis som presentasjon» takes the filter along (kfs.js keeps it in the address). */
(function () {
  "use strict";

  /* The invitation as HTML for the clipboard: the same elements without the line-break hints
   * (<wbr>) that only help the page wrap long addresses. */
  function clipboardHtml(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll("wbr").forEach(function (wbr) { wbr.remove(); });
    copy.removeAttribute("id");
    copy.removeAttribute("class");
    copy.removeAttribute("data-kfs-invite-text");
    copy.querySelectorAll("a").forEach(function (link) {
      /* A glossary term marked on the page becomes plain text; every other link gets its full address. */
      if (link.classList.contains("kfs-term")) link.replaceWith(document.createTextNode(link.textContent));
      else link.setAttribute("href", link.href);
      link.removeAttribute("data-kfs-url");
    });
    return "<div>" + copy.innerHTML + "</div>";
  }

  function setupInvitations() {
    var buttons = document.querySelectorAll("button[data-kfs-copy-invite]");
    if (!buttons.length || !navigator.clipboard) return;
    buttons.forEach(function (button) {
      var element = document.getElementById(button.getAttribute("data-kfs-copy-invite"));
      var status = button.parentNode.querySelector("[role=status]");
      if (!element) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        var html = clipboardHtml(element);
        var text = element.innerText.replace(/\n{3,}/g, "\n\n").trim() + "\n";
        var copied;
        if (window.ClipboardItem && navigator.clipboard.write) {
          copied = navigator.clipboard.write([new ClipboardItem({
            "text/html": new Blob([html], { type: "text/html" }),
            "text/plain": new Blob([text], { type: "text/plain" })
          })]).catch(function () { return navigator.clipboard.writeText(text); });
        } else {
          copied = navigator.clipboard.writeText(text);
        }
        copied.then(function () {
          if (status) status.textContent = "Teksten er kopiert. Lim den inn i e-posten.";
          button.textContent = "Kopiert";
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          if (status) status.textContent = "Kunne ikke kopiere. Merk teksten og kopier den selv.";
        });
      });
    });
  }

  function setupPrintButtons() {
    document.querySelectorAll("button[data-kfs-print-page]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* The question bank's «Vis som presentasjon»: the filter in this page's address goes along. */
  function setupPresentationLink() {
    var links = document.querySelectorAll("a.kfs-present-link");
    if (!links.length) return;
    function update() {
      links.forEach(function (link) { link.href = link.href.split(/[?#]/)[0] + window.location.search; });
    }
    var form = document.querySelector("form[data-kfs-filter]");
    if (form) {
      /* kfs.js writes the choice into the address first (its listeners on the fields run before
       * this one on the form; after a reset it waits a moment, and so does this). */
      form.addEventListener("change", update);
      form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    }
    links.forEach(function (link) { link.addEventListener("click", update); });
    update();
  }

  setupInvitations();
  setupPrintButtons();
  setupPresentationLink();
})();
