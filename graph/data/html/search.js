// diplograph network page: the search box. An entity is found by any of its
// names (exact, then prefix, then anywhere), its country group opened, and the
// view zoomed to it.
(function () {
  "use strict";

  var api = window.diplograph;
  var names = [];
  api.data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) {
      names.push({name: name, lower: name.toLowerCase(), id: n.id});
    });
  });
  names.sort(function (a, b) { return a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0; });
  var datalist = document.getElementById("names");
  var seen = new Set();
  names.forEach(function (entry) {
    if (seen.has(entry.name)) { return; }
    seen.add(entry.name);
    var option = api.el("option");
    option.value = entry.name;
    datalist.appendChild(option);
  });

  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var tests = [
      function (e) { return e.lower === q; },
      function (e) { return e.lower.indexOf(q) === 0; },
      function (e) { return e.lower.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < names.length; i++) {
        if (tests[t](names[i])) { return names[i].id; }
      }
    }
    return null;
  }

  function focusNode(id) {
    var n = api.byId[id];
    if (api.reveal) { api.reveal(id); }
    if (!api.nodeView.get(id)) {
      api.status(n.label + " is hidden by the filters");
      api.showNode(id);
      return;
    }
    api.network.selectNodes([id]);
    api.network.focus(id, {scale: Math.max(api.network.getScale(), 1.2),
                       animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    api.showNode(id);
    api.status("found " + n.label);
  }

  function search(query) {
    var id = findNode(query);
    if (id === null) { api.status("no entity is called \u201c" + query + "\u201d"); return null; }
    focusNode(id);
    return id;
  }

  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("search").value);
  });

  api.search = search;
})();
