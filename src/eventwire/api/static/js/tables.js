// Dyad table (GET /dyads: source, target, events, mentions, mean Goldstein, QuadClass mix) and
// the top actors, counted from the same rows (an actor's events on either side).

import { apiGet, isAbort, results } from "./api.js";
import { fill, fmtNumber, h } from "./dom.js";
import { actorCode, QUAD_COLORS } from "./codebook.js";

/** The QuadClass mix of a dyad row as {1: n, 2: n, 3: n, 4: n}. */
export function quadMix(row) {
  const mix = row.quad_class_mix || row.quad_mix || row.quad_classes || row.quad_class || row.mix;
  const out = { 1: 0, 2: 0, 3: 0, 4: 0 };
  if (mix && typeof mix === "object") {
    if (Array.isArray(mix)) mix.forEach((v, i) => { if (typeof v === "object") out[v.quad_class ?? v.key] = Number(v.events ?? v.count) || 0; else out[i + 1] = Number(v) || 0; });
    else for (const [k, v] of Object.entries(mix)) out[String(k).replace(/\D/g, "")] = Number(v) || 0;
  } else {
    for (const q of [1, 2, 3, 4]) out[q] = Number(row[`q${q}`] ?? row[`quad_${q}`] ?? row[`quad_class_${q}`] ?? 0) || 0;
  }
  return out;
}

function mixBar(mix, codebook) {
  const total = Object.values(mix).reduce((a, b) => a + b, 0) || 1;
  return h("div", { class: "mix", title: [1, 2, 3, 4].map((q) => `${codebook.quadName(q)}: ${mix[q] || 0}`).join("\n") },
    [1, 2, 3, 4].filter((q) => mix[q]).map((q) => h("span", { style: { width: `${(100 * mix[q]) / total}%`, background: QUAD_COLORS[q] } })));
}

const mean = (row) => row.mean_goldstein ?? row.goldstein ?? row.avg_goldstein ?? null;

export class DyadTables {
  constructor(dyadEl, actorsEl, { codebook, onDyad, onActor, onStatus }) {
    this.dyadEl = dyadEl;
    this.actorsEl = actorsEl;
    this.codebook = codebook;
    this.onDyad = onDyad;
    this.onActor = onActor;
    this.onStatus = onStatus;
  }

  async load(params) {
    let body;
    try {
      [body] = await Promise.all([apiGet("/dyads", { ...params, level: "full", limit: 200 }, "dyads"), this.codebook.ready]);
    } catch (error) {
      if (isAbort(error)) return false;
      this.onStatus(error);
      return true;
    }
    const rows = results(body);
    this.drawDyads(rows.slice(0, 15));
    this.drawActors(rows);
    return true;
  }

  drawDyads(rows) {
    if (!rows.length) {
      fill(this.dyadEl, h("p", { class: "empty" }, "No dyads."));
      return;
    }
    const body = rows.map((row) => {
      const [source, target] = [actorCode(row.source), actorCode(row.target)];
      return h("tr", { class: "clickable", title: `Filter on ${source} → ${target}`, onclick: () => this.onDyad(source, target) },
        h("td", { class: "code" }, source || "–"), h("td", { class: "arrow" }, "→"), h("td", { class: "code" }, target || "–"),
        h("td", { class: "num" }, fmtNumber(row.events ?? row.num_events)),
        h("td", { class: "num" }, fmtNumber(row.mentions ?? row.num_mentions)),
        h("td", { class: "num" }, fmtNumber(mean(row), 1)),
        h("td", {}, mixBar(quadMix(row), this.codebook)));
    });
    fill(this.dyadEl, h("table", { class: "grid" },
      h("thead", {}, h("tr", {}, h("th", {}, "source"), h("th", {}), h("th", {}, "target"), h("th", { class: "num" }, "events"),
        h("th", { class: "num" }, "reports"), h("th", { class: "num", title: "mean Goldstein" }, "Gold."), h("th", {}, "QuadClass mix"))),
      h("tbody", {}, body)));
  }

  drawActors(rows) {
    const totals = new Map();
    for (const row of rows) {
      const n = Number(row.events ?? row.num_events) || 0;
      for (const code of new Set([actorCode(row.source), actorCode(row.target)])) {
        if (code) totals.set(code, (totals.get(code) || 0) + n);
      }
    }
    const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12);
    if (!top.length) {
      fill(this.actorsEl, h("p", { class: "empty" }, "No actors."));
      return;
    }
    const max = top[0][1] || 1;
    fill(this.actorsEl, h("ol", { class: "top-actors" }, top.map(([code, n]) => h("li", {
      class: "clickable", title: this.codebook.actorParts(code).map(([p, name]) => `${p} ${name}`).join(" · "),
      onclick: () => this.onActor(code),
    }, h("span", { class: "code" }, code), h("span", { class: "bar", style: { width: `${(60 * n) / max}%` } }), h("span", { class: "num" }, fmtNumber(n))))));
  }
}
