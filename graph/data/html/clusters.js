// diplograph network page: entities grouped by country (vis-network clustering).
// Each shown entity with a home country (html.country_homes) joins that
// country's group; a group is drawn as one node "Country · n" where the country
// is, sized by its members. Click a group to open it; the toggle opens them all.
// Big graphs (data.view.clusterFrom entities and more) open grouped.
(function () {
  "use strict";

  var api = window.diplograph;
  var data = api.data, network = api.network;
  var box = document.getElementById("group-countries");
  var grouped = data.nodes.length >= data.view.clusterFrom;
  var groups = [];
  var shares = {};  // group id -> its size over the biggest group's
  // Bigger groups get bigger labels, so they read first when zoomed out.
  function groupFont(share) { return Math.round(api.labelSize() * (0.5 + 1.5 * share)); }
  var opened = new Set();
  var PREFIX = "group:";

  function group() {
    groups = [];
    var members = {};
    api.nodes.get({filter: function (n) { return !!n.home && network.body.nodes[n.id]; }})
      .forEach(function (n) {
        if (!members[n.home]) { members[n.home] = []; }
        members[n.home].push(n.id);
      });
    var homes = Object.keys(members).sort().filter(function (h) {
      return members[h].length > 1 && !opened.has(h);
    });
    var most = Math.max.apply(null, homes.map(function (h) { return members[h].length; }).concat([2]));
    homes.forEach(function (home) {
      var inside = new Set(members[home]);
      var country = api.byId[home];
      var count = inside.size;
      network.cluster({
        joinCondition: function (n) { return inside.has(n.id); },
        clusterNodeProperties: {
          id: PREFIX + home, label: country.label + " \u00b7 " + count, shape: "dot",
          color: {background: "#dbe8f4", border: country.color}, borderWidth: 3,
          size: 14 + 40 * Math.sqrt(count / most), x: network.getPosition(home).x,
          y: network.getPosition(home).y,
          font: {size: groupFont(count / most)},
          title: country.label + ": " + count + " entities (click to open)"
        },
        clusterEdgeProperties: {label: undefined, font: {size: 0}, dashes: false,
                                color: {color: "#b8b8b8", opacity: 0.5}}
      }, false);
      groups.push(PREFIX + home);
      shares[PREFIX + home] = count / most;
    });
    // Each cluster call would redo the network's indices; once at the end is enough.
    if (groups.length) { network.body.emitter.emit("_dataChanged"); }
  }

  // network.isCluster logs an error for an id it does not know.
  function isGroup(id) {
    var node = network.body.nodes[id];
    return node !== undefined && node.isCluster === true;
  }

  function ungroup() {
    var any = false;
    groups.forEach(function (id) {
      if (isGroup(id)) { network.openCluster(id, {}, false); any = true; }
    });
    if (any) { network.body.emitter.emit("_dataChanged"); }
    groups = [];
  }

  function setGrouped(on) {
    grouped = on;
    box.checked = on;
    opened = new Set();
    api.applyFilters();
  }

  api.beforeRefresh.push(ungroup);
  // The first view grows the labels after its fit: so do the groups' labels.
  api.afterStart.push(function () {
    groups.forEach(function (id) {
      if (isGroup(id)) { network.body.nodes[id].setOptions({font: {size: groupFont(shares[id])}}); }
    });
    network.redraw();
  });
  api.afterRefresh.push(function () { if (grouped) { group(); } });
  box.checked = grouped;
  box.addEventListener("change", function () { setGrouped(box.checked); });

  network.on("click", function (params) {
    var id = params.nodes[0];
    if (id === undefined || !isGroup(id)) { return; }
    opened.add(id.slice(PREFIX.length));
    network.openCluster(id);
    groups = groups.filter(function (g) { return g !== id; });
    api.status("opened " + api.byId[id.slice(PREFIX.length)].label + " \u00b7 untick " +
               "\u201cgroup by country\u201d to open every group");
  });

  // Search opens the group of the entity it finds, so it can be shown.
  api.reveal = function (id) {
    var n = api.byId[id];
    if (n && n.home && isGroup(PREFIX + n.home)) {
      opened.add(n.home);
      network.openCluster(PREFIX + n.home);
      groups = groups.filter(function (g) { return g !== PREFIX + n.home; });
    }
  };
  api.setGrouped = setGrouped;
  api.groups = function () { return groups.filter(function (g) { return isGroup(g); }); };
})();
