/* Fremtidens kulturskole: marks today («I dag») on the schedule timeline while the programme runs, and
 * on a narrow screen scrolls the timeline so today is in view. The timeline is complete without this
 * script; it only adds one labelled line and a starting position. It reads the figure's
 * own data attributes (see kulturskole/render/figures.py), stores nothing and fetches nothing. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* Today in the reader's own calendar, as YYYY-MM-DD. */
  function todayIso() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* Whole days since 1970-01-01 for a YYYY-MM-DD date, free of time zones and summer time. */
  function dayNumber(iso) {
    var p = iso.split("-");
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000);
  }

  function element(name, attrs) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function markToday(svg, today) {
    var d = svg.dataset;
    if (svg.querySelector(".kfs-today")) return;
    if (!d.periodStart || !d.periodEnd || today < d.periodStart || today > d.periodEnd) return;
    var start = dayNumber(d.start);
    var days = dayNumber(d.end) - start + 1;
    var x0 = parseFloat(d.x0), x1 = parseFloat(d.x1);
    var x = x0 + (dayNumber(today) - start + 0.5) * (x1 - x0) / days;
    if (!(x >= x0 && x <= x1)) return;
    var group = element("g", { "class": "kfs-today", "data-date": today });
    group.appendChild(element("line", {
      x1: x.toFixed(2), x2: x.toFixed(2), y1: d.top, y2: d.bottom,
      stroke: "#9c3d00", "stroke-width": "2.5"
    }));
    var label = element("text", {
      x: x.toFixed(2), y: d.todayY, "font-weight": "700", fill: "#9c3d00",
      "text-anchor": x > x1 - 24 ? "end" : x < x0 + 24 ? "start" : "middle"
    });
    label.textContent = "I dag";
    group.appendChild(label);
    svg.appendChild(group);
  }

  /* On a narrow screen the timeline scrolls sideways (the names of the rows stay put, in CSS). Start it
   * with today in view, a third of the way into the part of the chart that shows, so the reader sees
   * what comes next; scrolling left shows what has been. Without the script it starts at the beginning. */
  function showToday(svg) {
    var scroller = svg.closest(".kfs-figure__scroll");
    var line = svg.querySelector(".kfs-today line");
    if (!scroller || !line || scroller.scrollWidth <= scroller.clientWidth || scroller.scrollLeft > 0) return;
    var labels = scroller.querySelector(".kfs-timeline-labels");
    var left = labels ? labels.getBoundingClientRect().width : 0;
    var box = scroller.getBoundingClientRect();
    var x = line.getBoundingClientRect().left - box.left;
    scroller.scrollLeft = Math.max(0, x - left - (scroller.clientWidth - left) / 3);
  }

  var today = todayIso();
  document.querySelectorAll("svg.kfs-timeline").forEach(function (svg) {
    markToday(svg, today);
    showToday(svg);
  });
})();
