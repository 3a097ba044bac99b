// graph.html of kg analyze: the network (vis-network), opened at a readable zoom, with search and filters.
// window.kgGraph exposes the state for tests: the network, the data sets, and which nodes and edges show.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const FONT = 14, READABLE = 0.8; // below this zoom a 14 px label is smaller than 11 px on screen
  const shownClasses = new Set(data.nodes.map((n) => n.cls));
  const shownTypes = new Set(data.edges.flatMap((e) => Object.keys(e.types)));
  const found = new Set(); // nodes the search matched: labelled like the most central ones

  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const nodeLabel = (n) => (n.top || found.has(n.id) ? n.label : "");
  const edgeLabel = (e) =>
    Object.entries(e.types)
      .filter(([type]) => shownTypes.has(type))
      .map(([type, count]) => (count > 1 ? `${type} ×${count}` : type))
      .join(", ");
  const edgeColour = (e) => data.colours[Object.keys(e.types).find((type) => shownTypes.has(type))] || "#999";

  const nodes = new vis.DataSet(
    data.nodes.map((n) => ({
      id: n.id, label: nodeLabel(n), title: n.title, color: n.colour, value: n.value, cls: n.cls,
    }))
  );
  const edges = new vis.DataSet(
    data.edges.map((e) => ({
      id: e.id, from: e.from, to: e.to, label: edgeLabel(e), title: e.title, color: { color: edgeColour(e) },
      value: e.count, types: Object.keys(e.types),
    }))
  );
  const nodeView = new vis.DataView(nodes, { filter: (n) => shownClasses.has(n.cls) });
  const edgeView = new vis.DataView(edges, {
    filter: (e) =>
      e.types.some((type) => shownTypes.has(type)) &&
      shownClasses.has(byId.get(e.from).cls) && shownClasses.has(byId.get(e.to).cls),
  });
  const network = new vis.Network(
    document.getElementById("network"),
    { nodes: nodeView, edges: edgeView },
    {
      nodes: { shape: "dot", font: { size: FONT, strokeWidth: 3, strokeColor: "#ffffff" }, scaling: { min: 8, max: 30 } },
      edges: {
        arrows: { to: { enabled: data.directed, scaleFactor: 0.5 } },
        font: { size: 11, align: "middle", strokeWidth: 3, color: "#444" },
        scaling: { min: 1, max: 5, label: false },
        smooth: { type: "continuous" },
      },
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: 400, fit: true } },
      interaction: { hover: true, tooltipDelay: 150, navigationButtons: false },
    }
  );

  function relabel() {
    nodes.update(data.nodes.map((n) => ({ id: n.id, label: nodeLabel(n) })));
    edges.update(data.edges.map((e) => ({ id: e.id, label: edgeLabel(e), color: { color: edgeColour(e) } })));
    nodeView.refresh();
    edgeView.refresh();
  }

  // Labels of nodes that are not among the most central show while the pointer is on them.
  network.on("hoverNode", (event) => nodes.update({ id: event.node, label: byId.get(event.node).label }));
  network.on("blurNode", (event) => nodes.update({ id: event.node, label: nodeLabel(byId.get(event.node)) }));

  // Open at a readable zoom: the whole graph if its labels are legible so, else the most central node up close.
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });
    network.fit();
    if (network.getScale() < READABLE && data.nodes.length) {
      const centre = data.nodes[0].id; // nodes come most central first
      network.moveTo({ position: network.getPositions([centre])[centre], scale: READABLE });
    }
    window.kgGraph.ready = true;
  });

  document.querySelectorAll("#class-filters input").forEach((box) =>
    box.addEventListener("change", () => {
      box.checked ? shownClasses.add(box.dataset.class) : shownClasses.delete(box.dataset.class);
      relabel();
    })
  );
  document.querySelectorAll("#type-filters input").forEach((box) =>
    box.addEventListener("change", () => {
      box.checked ? shownTypes.add(box.dataset.type) : shownTypes.delete(box.dataset.type);
      relabel();
    })
  );

  const search = document.getElementById("graph-search");
  const results = document.getElementById("search-results");
  function focus(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
  }
  search.addEventListener("input", () => {
    const text = search.value.trim().toLowerCase();
    found.clear();
    results.replaceChildren();
    if (text) {
      for (const n of data.nodes) {
        if (shownClasses.has(n.cls) && n.names.some((name) => name.toLowerCase().includes(text))) found.add(n.id);
      }
      for (const id of [...found].slice(0, 12)) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = byId.get(id).label;
        button.dataset.node = id;
        button.addEventListener("click", () => focus(id));
        const item = document.createElement("li");
        item.append(button);
        results.append(item);
      }
    }
    relabel();
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && found.size) focus(found.values().next().value);
  });

  window.kgGraph = {
    network, nodes, edges, ready: false,
    visibleNodes: () => nodeView.getIds(),
    visibleEdges: () => edgeView.get().map((e) => ({ from: e.from, to: e.to, label: e.label })),
    labelled: () => nodes.get().filter((n) => n.label).map((n) => n.id),
  };
})();
