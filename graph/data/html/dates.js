// diplograph network page: the date-range filter and its timeline.
// A relation's dates are those of the documents that state it; an event also
// has its own date. A relation with a date outside the range is hidden, and so
// is a relation of an event dated outside it; undated ones are always shown.
(function () {
  "use strict";

  var api = window.diplograph;
  var data = api.data, documents = data.documents;
  var section = document.getElementById("date-filter");
  var fromBox = document.getElementById("date-from"), toBox = document.getElementById("date-to");
  var fromText = document.getElementById("date-from-value");
  var toText = document.getElementById("date-to-value");
  var timeline = document.getElementById("timeline");

  function datesOf(e) {
    var out = [];
    e.docs.forEach(function (d) { if (documents[d] && documents[d].date) { out.push(documents[d].date); } });
    return out;
  }

  var seen = new Set();
  data.edges.forEach(function (e) { datesOf(e).forEach(function (d) { seen.add(d); }); });
  data.nodes.forEach(function (n) { if (n.date) { seen.add(n.date); } });
  var days = Array.from(seen).sort();
  var last = days.length - 1;
  // ISO dates, so that string order is date order.
  var range = {from: days[0], to: days[last]};
  api.state.dates = range;

  function inRange(day) { return day >= range.from && day <= range.to; }
  function index(day, up) {
    var at = up ? days.findIndex(function (d) { return d >= day; }) : -1;
    if (!up) { days.forEach(function (d, i) { if (d <= day) { at = i; } }); }
    return at < 0 ? (up ? last : 0) : at;
  }

  // The filter is a no-op while the whole range is selected.
  api.filters.push(function (e) {
    if (range.from <= days[0] && range.to >= days[last]) { return true; }
    var ends = [api.byId[e.from], api.byId[e.to]];
    for (var i = 0; i < 2; i++) { if (ends[i] && ends[i].date && !inRange(ends[i].date)) { return false; } }
    var dated = datesOf(e);
    return !dated.length || dated.some(inRange);
  });

  // ------------------------------------------------------------ timeline: relations per period
  var BARS = Math.min(48, days.length);
  var bars = [];
  function bucket(day) {
    var i = days.indexOf(day);
    return Math.min(BARS - 1, Math.floor(i * BARS / days.length));
  }
  function drawTimeline() {
    var counts = [];
    for (var b = 0; b < BARS; b++) { counts.push(0); }
    data.edges.forEach(function (e) {
      var dated = datesOf(e).sort();
      if (dated.length) { counts[bucket(dated[0])] += 1; }
    });
    var most = Math.max.apply(null, counts.concat([1]));
    counts.forEach(function (count, b) {
      var bar = bars[b];
      if (!bar) {
        bar = api.el("span", null, "bar");
        timeline.appendChild(bar);
        bars.push(bar);
      }
      bar.style.height = Math.max(2, Math.round(36 * count / most)) + "px";
      var first = days[Math.ceil(b * days.length / BARS)];
      bar.title = first + ": " + count + (count === 1 ? " relation" : " relations");
      var lo = bucket(days[index(range.from, true)]), hi = bucket(days[index(range.to, false)]);
      bar.className = "bar" + (range.from <= range.to && lo <= b && b <= hi ? " on" : "");
    });
  }

  function show() {
    fromText.textContent = range.from;
    toText.textContent = range.to;
    fromBox.value = String(index(range.from, true));
    toBox.value = String(index(range.to, false));
    drawTimeline();
  }

  function setRange(from, to) {
    range.from = from;
    range.to = to;
    show();
    api.applyFilters();
  }

  if (!days.length) {
    section.hidden = true;
    return;
  }
  [fromBox, toBox].forEach(function (box) { box.max = String(days.length - 1); });
  // One date has no range to choose.
  section.classList.toggle("single", days.length < 2);
  // The two handles never cross: moving one past the other takes it along.
  fromBox.addEventListener("input", function () {
    var from = days[Number(fromBox.value)];
    setRange(from, from > range.to ? from : range.to);
  });
  toBox.addEventListener("input", function () {
    var to = days[Number(toBox.value)];
    setRange(to < range.from ? to : range.from, to);
  });
  var undated = data.edges.filter(function (e) { return !datesOf(e).length; }).length;
  document.getElementById("date-hint").textContent =
    (days.length === 1 ? "one date, " + days[0] : days.length + " dates, " + days[0] + " to " +
     days[last]) + (undated ? "; " + undated + " undated relations are always shown." : ".");
  show();

  // From and to are ISO dates (yyyy-mm-dd), both included.
  api.setDates = function (from, to) { setRange(from, to); };
})();
