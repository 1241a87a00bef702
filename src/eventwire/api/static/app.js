// eventwire dashboard: plain ES modules, no build step. The vendored libraries (Leaflet,
// leaflet.markercluster, topojson-client, Vega, Vega-Lite, vega-embed) are loaded by index.html
// as globals; everything else is here and in js/.

import { apiGet } from "./js/api.js";
import { Codebook } from "./js/codebook.js";
import { fill, h } from "./js/dom.js";
import { Drawer } from "./js/drawer.js";
import { EventList, exportLinks } from "./js/events.js";
import { FilterBar } from "./js/filters.js";
import { EventMap } from "./js/map.js";
import { filterParams, LIST_ONLY, onStateChange, readState, setState, splitValues, view } from "./js/state.js";
import { DyadTables } from "./js/tables.js";
import { Timeline } from "./js/timeline.js";

const $ = (selector) => document.querySelector(selector);

function showStatus(error) {
  const banner = $("#status");
  if (!error) {
    banner.hidden = true;
    return;
  }
  fill(banner, h("strong", {}, error.status ? `Error ${error.status}` : "Error"), " ", error.message || String(error),
    h("button", { type: "button", class: "chip-x", onclick: () => { banner.hidden = true; } }, "×"));
  banner.hidden = false;
}

function showCoverage(meta) {
  const coverage = meta.coverage || {};
  const first = coverage.first_date || coverage.first || coverage.start;
  const last = coverage.last_date || coverage.last || coverage.end;
  const parts = [];
  if (first || last) parts.push(`events ${first || "?"} → ${last || "?"}`);
  const coder = meta.coder_version || meta.coder || meta.store?.coder;
  if (coder) parts.push(typeof coder === "string" ? coder : coder.version || "");
  fill($("#coverage"), parts.join(" · "));
}

// Counts finished reloads (all panels, or one): tests and the bench wait on it.
function loaded() {
  document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
}

function eventFromHash() {
  const match = /(?:^#|&)event=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function setHashEvent(id) {
  const url = `${window.location.pathname}${window.location.search}${id ? `#event=${encodeURIComponent(id)}` : ""}`;
  window.history.pushState(null, "", url);
}

async function main() {
  // The panels ask for their data at once; /meta's code names are waited for only to draw.
  const codebook = new Codebook();
  apiGet("/meta").then((meta) => { codebook.load(meta); showCoverage(meta); }, (error) => {
    codebook.load({});
    showStatus(error);
  });

  const filters = new FilterBar($("#filters"), { codebook, onStatus: showStatus });
  const timeline = new Timeline($("#timeline"), {
    codebook, onStatus: showStatus, onBrush: (start, end) => setState({ start, end }),
  });
  const map = new EventMap($("#map"), {
    onStatus: showStatus,
    onArea: (bbox, label) => { filters.areaLabel = label; setState({ bbox }); },
    onCountry: (country) => setState({ country }),
  });
  const tables = new DyadTables($("#dyads"), $("#actors"), {
    codebook, onStatus: showStatus,
    onDyad: (source, target) => setState({ source, target }),
    onActor: (actor) => setState({ actor: [...new Set([...splitValues(readState().actor), actor])].join("|") }),
  });
  const drawer = new Drawer($("#drawer"), { codebook, onStatus: showStatus, onClose: () => { drawer.close(); setHashEvent(null); } });
  const list = new EventList($("#events"), {
    codebook, onStatus: showStatus, countEl: $("#event-count"),
    onOpen: (id) => { setHashEvent(id); drawer.open(id); },
    onSort: () => setState({ sort: readState().sort === "-date" ? null : "-date" }),
  });

  const groupBy = $("#group-by");
  const interval = $("#interval");
  const perStory = $("#per-story");
  groupBy.addEventListener("change", () => setState({ group_by: groupBy.value }));
  interval.addEventListener("change", () => setState({ interval: interval.value }));
  perStory.addEventListener("change", () => loadTimeline(readState()).then(loaded));
  $("#copy-link").addEventListener("click", async (e) => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      e.target.textContent = "Link copied";
    } catch {
      e.target.textContent = "Copy the address bar";
    }
    setTimeout(() => { e.target.textContent = "Copy link"; }, 1500);
  });

  const loadTimeline = (state) => timeline.load(filterParams(state), {
    interval: view(state, "interval"), groupBy: view(state, "group_by"), perStory: perStory.checked,
  });
  const loadList = (state) => {
    fill($("#export"), "Export: ", exportLinks(filterParams(state, { list: true })));
    return list.load(filterParams(state, { list: true }));
  };

  const loadAll = (state) => {
    groupBy.value = view(state, "group_by");
    interval.value = view(state, "interval");
    filters.show(state);
    showStatus(null);
    return Promise.all([loadTimeline(state), map.load(filterParams(state)), tables.load(filterParams(state)), loadList(state)]);
  };

  let generation = 0;
  onStateChange((state, changes) => {
    const keys = changes ? Object.keys(changes) : null;
    generation += 1;
    const mine = generation;
    let done;
    if (keys && keys.every((k) => LIST_ONLY.includes(k))) {
      filters.show(state);
      done = loadList(state);
    } else if (keys && keys.every((k) => k === "group_by" || k === "interval")) {
      done = loadTimeline(state);
    } else {
      if (!changes) {
        const id = eventFromHash();
        if (id) drawer.open(id); else drawer.close();
      }
      done = loadAll(state);
    }
    // Only the latest change counts as loaded (an older one's panels were superseded).
    done.then(() => { if (mine === generation) loaded(); });
  });

  const opened = eventFromHash();
  if (opened) drawer.open(opened);
  await loadAll(readState());
  // First render done: every panel has drawn once (the bench and the browser test wait for it).
  performance.mark("eventwire:first-render");
  document.body.dataset.ready = "1";
  loaded();
  window.addEventListener("resize", () => map.invalidate());
}

main();
