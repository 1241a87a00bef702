// The event's detail drawer (GET /events/{id}): every code with its name, the evidence sentence
// with the actors and the verb highlighted, the dictionary rules that fired, and every report of
// the event with its outlet and link.

import { apiGet, apiUrl, isAbort } from "./api.js";
import { fill, fmtNumber, h, safeLink } from "./dom.js";
import { actorCode, actorText, QUAD_COLORS } from "./codebook.js";
import { renderSentence } from "./highlight.js";
import { placeName } from "./events.js";

function codeRow(label, code, name, extra = null) {
  return h("tr", {}, h("th", {}, label), h("td", {}, h("span", { class: "code" }, code ?? "–")), h("td", {}, name || "", extra));
}

function actorRow(label, side, codebook) {
  const code = actorCode(side);
  const parts = codebook.actorParts(code).filter(([, name]) => name).map(([p, name]) => `${p} ${name}`).join(" · ");
  return codeRow(label, code || "–", [actorText(side) && `“${actorText(side)}”`, parts].filter(Boolean).join(" — "));
}

function rules(record) {
  const out = [];
  if (record.evidence?.rule) out.push(["verb", record.evidence.verb, record.evidence.rule]);
  for (const kind of ["source", "target"]) {
    const side = record[kind];
    if (side && typeof side === "object" && side.rule) out.push([kind, side.text, side.rule]);
  }
  return out;
}

function rulesList(record) {
  const list = rules(record);
  if (!list.length) return h("p", { class: "muted" }, "No rule recorded.");
  return h("ul", { class: "rules" }, list.map(([kind, text, rule]) =>
    h("li", {}, h("span", { class: `chip hl-${kind}` }, kind), " ", text ? `“${text}” ` : "", h("code", {}, rule))));
}

function legend() {
  return h("p", { class: "legend" }, h("mark", { class: "hl hl-source" }, "source"), " ", h("mark", { class: "hl hl-verb" }, "verb"),
    " ", h("mark", { class: "hl hl-target" }, "target"));
}

function mergeNote(event) {
  const why = event.merge || event.merged || event.merge_reason || event.dedup || event.why_merged;
  if (!why) return null;
  if (typeof why === "string") return h("p", { class: "merge" }, why);
  if (why.rule) return h("p", { class: "merge" }, h("strong", {}, "Why these reports are one event: "), why.rule);
  const parts = Object.entries(why).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`);
  return h("p", { class: "merge" }, parts.join(" · "));
}

export class Drawer {
  constructor(el, { codebook, onClose, onStatus }) {
    this.el = el;
    this.body = el.querySelector(".drawer-body");
    this.codebook = codebook;
    this.onClose = onClose;
    this.onStatus = onStatus;
    el.querySelector(".drawer-close").addEventListener("click", () => this.onClose());
    document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !this.el.hidden) this.onClose(); });
  }

  close() {
    this.el.hidden = true;
    this.el.dataset.eventId = "";
  }

  async open(id) {
    this.el.hidden = false;
    this.el.dataset.eventId = id;
    fill(this.body, h("p", { class: "muted" }, "Loading…"));
    let event;
    try {
      [event] = await Promise.all([apiGet(`/events/${encodeURIComponent(id)}`, {}, "drawer"), this.codebook.ready]);
    } catch (error) {
      if (isAbort(error)) return;
      fill(this.body, h("p", { class: "error" }, error.message));
      this.onStatus(error);
      return;
    }
    if (event && event.result && !event.event_id) event = event.result;
    this.render(event);
  }

  render(event) {
    const cb = this.codebook;
    const mentions = event.mentions || [];
    const first = mentions[0] || {};
    // The event's own sentence and offsets (its first report), as the list record carries them.
    const evidence = event.sentence ? event : first;
    const plover = event.plover || {};
    const place = event.place || null;
    fill(this.body,
      h("h2", {}, h("span", { class: "quad-dot", style: { background: QUAD_COLORS[event.quad_class] || "#999" } }),
        `${actorCode(event.source) || "–"} → ${event.code || ""} → ${actorCode(event.target) || "–"}`),
      h("p", { class: "muted" }, `${event.date || ""}`, event.modality ? ` · ${event.modality}` : "",
        event.date_source ? ` · date from ${event.date_source}` : "", event.is_root_event ? " · lead event of its story" : ""),
      h("section", { class: "evidence-section" }, h("h3", {}, "Evidence"), legend(), renderSentence(evidence)),
      h("section", {}, h("h3", {}, "Codes"), h("table", { class: "codes" }, h("tbody", {},
        codeRow("event", event.code, cb.cameoName(event.code)),
        codeRow("root", event.root || (event.code || "").slice(0, 2), cb.cameoName(event.root || (event.code || "").slice(0, 2))),
        codeRow("QuadClass", event.quad_class, cb.quadName(event.quad_class)),
        codeRow("Goldstein", event.goldstein === null || event.goldstein === undefined ? "–" : fmtNumber(event.goldstein, 1), "GDELT scale, −10 conflict … +10 cooperation"),
        codeRow("PLOVER", plover.event || "–", plover.event ? [cb.ploverName(plover.event), plover.mode ? `mode: ${plover.mode}` : ""].filter(Boolean).join(" · ") : "no PLOVER type (CAMEO 01/02)"),
        actorRow("source", event.source, cb),
        actorRow("target", event.target, cb),
        place ? codeRow("place", place.country || "–", [placeName(event), place.lat !== undefined && place.lat !== null ? `${fmtNumber(place.lat, 2)}, ${fmtNumber(place.lon, 2)}` : "", place.source ? `from ${place.source}` : ""].filter(Boolean).join(" · ")) : null))),
      h("section", {}, h("h3", {}, "Dictionary rules"), rulesList(evidence)),
      h("section", { class: "reports" }, h("h3", {}, `Reports (${mentions.length})`), mergeNote(event),
        h("ol", {}, mentions.map((m) => this.report(m)))),
      h("p", { class: "raw" }, h("a", { href: apiUrl(`/events/${encodeURIComponent(event.event_id || "")}`), target: "_blank", rel: "noopener" }, "this event as JSON")));
    this.el.dataset.loaded = event.event_id || "1";
  }

  report(m) {
    const title = m.title || m.url || m.doc_id || "report";
    return h("li", { class: "report" },
      h("div", { class: "report-head" }, h("strong", { class: "outlet" }, m.outlet || "(no outlet)"), " · ",
        m.published || "", " · ", safeLink(m.url, title)),
      renderSentence(m, m.sentence_start),
      h("p", { class: "muted small" }, `${actorCode(m.source) || "–"} → ${m.code || ""} → ${actorCode(m.target) || "–"}`,
        m.modality ? ` · ${m.modality}` : "", m.evidence?.rule ? " · " : "", m.evidence?.rule ? h("code", {}, m.evidence.rule) : null));
  }
}
