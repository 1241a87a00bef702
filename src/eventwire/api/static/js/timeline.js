// Timeline: events per interval stacked by QuadClass (or CAMEO root, PLOVER type, country),
// from GET /timeline. Brushing a range on the chart sets the start and end filters.

import { apiGet, isAbort, results } from "./api.js";
import { fill, h, libsReady } from "./dom.js";
import { QUAD_COLORS } from "./codebook.js";

const DATE_KEYS = ["period", "interval_start", "start", "date", "day", "week", "month", "bucket", "interval"];
const COUNT_KEYS = ["events", "count", "n", "num_events"];
const STORY_KEYS = ["stories", "num_stories", "articles", "story_count", "denominator"];

function first(row, keys) {
  for (const key of keys) if (row[key] !== undefined && row[key] !== null) return row[key];
  return null;
}

/**
 * Flat rows {period, group, events, stories} from the /timeline answer, whether it sends one row
 * per (interval, group) or one row per interval with a {group: count} object.
 */
export function timelineRows(body, groupBy) {
  const rows = [];
  for (const row of results(body)) {
    const period = String(first(row, DATE_KEYS) ?? "").slice(0, 10);
    const stories = first(row, STORY_KEYS);
    const nested = row.groups || row.counts || row.by_group;
    if (nested && typeof nested === "object") {
      const entries = Array.isArray(nested) ? nested.map((g) => [first(g, ["group", "key", "value", groupBy]), first(g, COUNT_KEYS)]) : Object.entries(nested);
      for (const [group, events] of entries) rows.push({ period, group: String(group ?? "?"), events: Number(events) || 0, stories });
    } else {
      const group = first(row, ["group", "key", "value", groupBy]);
      rows.push({ period, group: String(group), apiLabel: row.label ?? null, events: Number(first(row, COUNT_KEYS)) || 0, stories });
    }
  }
  return rows;
}

/** The first day after the interval that starts on `period` (YYYY-MM-DD), so each bar spans its interval. */
export function periodEnd(period, interval) {
  const d = new Date(`${period}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return period;
  if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + (interval === "week" ? 7 : 1));
  return d.toISOString().slice(0, 10);
}

export class Timeline {
  constructor(el, { codebook, onBrush, onStatus }) {
    this.el = el;
    this.codebook = codebook;
    this.onBrush = onBrush;
    this.onStatus = onStatus;
    this.view = null;
  }

  groupName(groupBy, group, apiLabel = null) {
    const cb = this.codebook;
    if (group === "null" || group === "undefined") return groupBy === "plover" ? "(no PLOVER type)" : "(none)";
    if (groupBy === "quad_class") return `${group} ${cb.quadName(group)}`.trim();
    if (groupBy === "root") return `${group} ${cb.cameoName(group)}`.trim();
    return apiLabel && apiLabel.toLowerCase() !== group.toLowerCase() ? `${group} ${apiLabel}` : group;
  }

  async load(params, { interval, groupBy, perStory }) {
    let body;
    try {
      [body] = await Promise.all([apiGet("/timeline", { ...params, interval, group_by: groupBy }, "timeline"), this.codebook.ready]);
    } catch (error) {
      if (isAbort(error)) return false;
      this.onStatus(error);
      fill(this.el, h("p", { class: "empty" }, "The timeline could not be loaded."));
      return true;
    }
    const rows = timelineRows(body, groupBy).map((r) => ({
      ...r,
      period_end: periodEnd(r.period, interval),
      label: this.groupName(groupBy, r.group, r.apiLabel),
      value: perStory && r.stories ? r.events / r.stories : r.events,
    }));
    this.el.dataset.rows = String(rows.length);
    if (!rows.length) {
      this.view?.finalize();
      this.view = null;
      fill(this.el, h("p", { class: "empty" }, "No events for these filters."));
      this.el.dataset.drawn = "1";
      return true;
    }
    await this.draw(rows, { interval, groupBy, perStory });
    return true;
  }

  async draw(rows, { interval, groupBy, perStory }) {
    const labels = [...new Set(rows.map((r) => r.label))].sort();
    const color = groupBy === "quad_class"
      ? { field: "label", type: "nominal", title: "QuadClass", scale: { domain: labels, range: labels.map((l) => QUAD_COLORS[l.charAt(0)] || "#999") } }
      : { field: "label", type: "nominal", title: groupBy, scale: { scheme: "tableau20" } };
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container",
      height: 170,
      autosize: { type: "fit", contains: "padding" },
      data: { values: rows },
      params: [{ name: "brush", select: { type: "interval", encodings: ["x"] } }],
      mark: { type: "bar", orient: "vertical", tooltip: true },
      encoding: {
        x: { field: "period", type: "temporal", title: null,
          axis: { format: interval === "month" ? "%b %Y" : "%d %b %Y", labelOverlap: true, tickCount: 8, labelAngle: 0 } },
        x2: { field: "period_end" },
        y: { field: "value", type: "quantitative", stack: "zero", title: perStory ? "events per story" : "events" },
        color: { ...color, legend: { orient: "bottom", columns: groupBy === "quad_class" ? 4 : 6, labelLimit: 180 } },
        tooltip: [
          { field: "period", type: "temporal", title: interval, format: "%Y-%m-%d" },
          { field: "label", title: "group" },
          { field: "events", type: "quantitative", title: "events" },
          { field: "stories", type: "quantitative", title: "stories" },
        ],
      },
    };
    await libsReady;
    this.view?.finalize();
    const target = h("div", { class: "chart" });
    fill(this.el, target);
    const result = await window.vegaEmbed(target, spec, { actions: false, renderer: "svg", config: { view: { stroke: null } } });
    this.view = result.view;
    this.el.dataset.drawn = "1";
    let range = null;
    this.view.addSignalListener("brush", (_name, value) => {
      const extent = value && Object.values(value)[0];
      range = Array.isArray(extent) && extent.length === 2 ? extent : null;
    });
    // Apply the brushed range when the pointer is released, not on every move.
    target.addEventListener("pointerup", () => {
      if (!range) return;
      const [a, b] = range.map((t) => new Date(t).toISOString().slice(0, 10));
      range = null;
      if (a !== b) this.onBrush(a, b);
    });
  }
}
