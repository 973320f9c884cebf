// diplograph network page: the current view as a PNG, the shown relations as CSV.
// Both are made in the page and saved with a download link: nothing is sent.
(function () {
  "use strict";

  var api = window.diplograph;
  var data = api.data, documents = data.documents;

  function save(href, name) {
    var link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // The canvas is transparent where nothing is drawn: paint it white first.
  function viewPng() {
    var canvas = document.querySelector("#network canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return out.toDataURL("image/png");
  }

  var COLUMNS = ["subject", "relation", "object", "label", "tenure", "confidence", "documents",
                 "dates", "evidence", "rules", "subject_iri", "object_iri", "claim_iri"];

  // RFC 4180 quoting; a cell that a spreadsheet would read as a formula gets a
  // leading apostrophe, since the text comes from the web.
  function cell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function claimsCsv() {
    var rows = [COLUMNS.join(",")];
    data.edges.forEach(function (e) {
      if (!api.state.edges.has(e.id)) { return; }
      var from = api.byId[e.from] || {}, to = api.byId[e.to] || {};
      var docs = e.docs.map(function (d) { return documents[d] || {}; });
      var rules = Array.from(new Set(e.evidence.map(function (s) { return s.rule; }))).sort();
      rows.push([from.label, e.relation, to.label, e.label, e.tenure,
                 e.confidence, docs.map(function (d) { return d.label; }).join("; "),
                 docs.map(function (d) { return d.date || ""; }).filter(Boolean).join("; "),
                 e.evidence.length ? e.evidence[0].sentence : "", rules.join("; "),
                 e.from, e.to, e.id].map(cell).join(","));
    });
    return rows.join("\r\n") + "\r\n";
  }

  document.getElementById("export-png").addEventListener("click", function () {
    save(viewPng(), "diplograph-view.png");
  });
  document.getElementById("export-csv").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([claimsCsv()], {type: "text/csv;charset=utf-8"}));
    save(url, "diplograph-claims.csv");
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  api.viewPng = viewPng;
  api.claimsCsv = claimsCsv;
})();
