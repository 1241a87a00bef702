// The event list (GET /events, keyset pages through next_url) and its export links: the same
// filters with format=csv|ndjson|... stream the whole result.

import { apiGet, apiUrl, isAbort, results } from "./api.js";
import { fill, fmtNumber, h } from "./dom.js";
import { actorCode, actorText, QUAD_COLORS } from "./codebook.js";

export const PAGE = 50;
export const EXPORT_FORMATS = ["csv", "ndjson", "json", "parquet", "gdelt", "icews", "plover"];

export function placeName(event) {
  const place = event.place;
  if (!place) return event.place_name || "";
  return place.canonical || place.name || "";
}

export class EventList {
  constructor(el, { codebook, onOpen, onSort, onStatus, countEl }) {
    this.onSort = onSort;
    this.el = el;
    this.codebook = codebook;
    this.onOpen = onOpen;
    this.onStatus = onStatus;
    this.countEl = countEl;
    this.nextUrl = null;
    this.tbody = null;
  }

  async load(params) {
    let body;
    try {
      [body] = await Promise.all([apiGet("/events", { limit: PAGE, ...params, with_total: "true" }, "events"), this.codebook.ready]);
    } catch (error) {
      if (isAbort(error)) return false;
      this.onStatus(error);
      fill(this.el, h("p", { class: "empty" }, "The events could not be loaded."));
      return true;
    }
    const rows = results(body);
    this.tbody = h("tbody");
    fill(this.el, rows.length ? h("table", { class: "grid events" },
      h("thead", {}, h("tr", {},
        h("th", { class: "clickable sort", title: "sort by date", onclick: () => this.onSort() }, params.sort === "-date" ? "date ↓" : "date ↑"),
        ["source", "event", "target", "place", "reports", "Gold."].map((t) => h("th", {}, t)))),
      this.tbody) : h("p", { class: "empty" }, "No events for these filters."));
    this.append(rows, body);
    const total = body?.total;
    fill(this.countEl, total === null || total === undefined ? `${fmtNumber(rows.length)}${this.nextUrl ? "+" : ""} events` : `${fmtNumber(total)} events`);
    this.el.dataset.drawn = "1";
    return true;
  }

  append(rows, body) {
    this.el.querySelector(".more")?.remove();
    for (const event of rows) this.tbody?.appendChild(this.row(event));
    this.nextUrl = body?.next_url || null;
    if (this.nextUrl) {
      this.el.appendChild(h("button", { class: "more", type: "button", onclick: () => this.more() }, "More events"));
    }
  }

  async more() {
    if (!this.nextUrl) return;
    try {
      const body = await apiGet(this.nextUrl, {}, "events");
      this.append(results(body), body);
    } catch (error) {
      if (!isAbort(error)) this.onStatus(error);
    }
  }

  row(event) {
    const code = event.code || "";
    const quad = event.quad_class;
    return h("tr", { class: "clickable event-row", dataset: { eventId: event.event_id || event.id || "" }, tabindex: "0",
      onclick: () => this.onOpen(event.event_id || event.id),
      onkeydown: (e) => { if (e.key === "Enter") this.onOpen(event.event_id || event.id); } },
    h("td", { class: "date" }, event.date || event.day || ""),
    h("td", { title: actorText(event.source) }, h("span", { class: "code" }, actorCode(event.source) || event.source_code || "–")),
    h("td", { title: this.codebook.cameoName(code) },
      h("span", { class: "quad-dot", style: { background: QUAD_COLORS[quad] || "#999" }, title: this.codebook.quadName(quad) }),
      h("span", { class: "code" }, code), " ", h("span", { class: "muted" }, this.codebook.cameoName(code))),
    h("td", { title: actorText(event.target) }, h("span", { class: "code" }, actorCode(event.target) || event.target_code || "–")),
    h("td", {}, placeName(event)),
    h("td", { class: "num" }, fmtNumber(event.num_mentions ?? (event.mentions || []).length)),
    h("td", { class: "num" }, fmtNumber(event.goldstein, 1)));
  }
}

/** Export links for the current filters: the whole result, streamed by the API. */
export function exportLinks(params) {
  const { limit: _limit, ...filters } = params; // an export is the whole result, not one page
  return EXPORT_FORMATS.map((format) => h("a", { href: apiUrl("/events", { ...filters, format }), download: "", class: "export-link", dataset: { format } }, format));
}
