/* Fremtidens kulturskole: fetch the search index only when the reader uses search.
 * Material's bundle requests search/search_index.json on every page load. This script runs before
 * the bundle and holds that one request back until the reader opens or focuses search (or presses
 * one of Material's search keys), so a page that is only read never downloads the index.
 * Nothing else is changed, nothing is stored, and nothing is fetched from another host. */
(function () {
  "use strict";
  var proto = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (!proto) return;
  var open = proto.open;
  var send = proto.send;
  var waiting = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    waiting.forEach(function (item) { send.apply(item.request, item.args); });
    waiting = [];
  }

  proto.open = function (method, url) {
    this.kfsDeferred = /(^|\/)search\/search_index\.json(\?|#|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.kfsDeferred && !released) {
      waiting.push({ request: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function inSearch(target) {
    return target && target.closest && target.closest('.md-search, label[for="__search"]');
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("click", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("keydown", function (event) {
    /* Material opens search with f, s and / ; Enter or Space on the phone's search button. */
    if (["f", "s", "/", "F", "S"].indexOf(event.key) >= 0 || inSearch(event.target)) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") release();
  }, true);
})();
