// Code names from GET /meta: CAMEO event codes, QuadClass, PLOVER, and (when the server sends
// them) CAMEO country and actor-type codes, to show every code with its name.

const QUAD_FALLBACK = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" };

/** A codebook as a Map code -> entry ({name, ...}); accepts {code: name}, {code: {...}} or [{code, ...}]. */
function toMap(book) {
  const map = new Map();
  if (!book) return map;
  const put = (code, entry) => {
    if (code === null || code === undefined) return;
    const value = typeof entry === "string" ? { name: entry } : { ...entry };
    if (!value.name) value.name = value.label || value.description || value.title || "";
    map.set(String(code), value);
  };
  if (Array.isArray(book)) {
    for (const row of book) {
      if (typeof row === "string") put(row, { name: row });
      else put(row.code ?? row.quad_class ?? row.event ?? row.id ?? row.value, row);
    }
  }
  else if (typeof book === "object") {
    // {codes: [...]} or {entries: {...}} wrappers
    const inner = book.codes || book.entries || book.results;
    if (inner) return toMap(inner);
    for (const [code, entry] of Object.entries(book)) put(code, entry);
  }
  return map;
}

function pick(meta, ...names) {
  for (const name of names) {
    if (meta?.[name]) return meta[name];
    if (meta?.codebooks?.[name]) return meta.codebooks[name];
  }
  return null;
}

export class Codebook {
  constructor(meta = null) {
    this.load(meta);
    // Panels fetch their data while /meta is on its way, and wait for it only to draw.
    this.ready = new Promise((resolve) => { this.resolve = resolve; });
    if (meta) this.resolve(this);
  }

  /** Fill the code tables from a /meta answer. */
  load(meta) {
    this.meta = meta || {};
    this.cameo = toMap(pick(meta, "cameo", "cameo_codes", "event_codes"));
    this.quad = toMap(pick(meta, "quad_classes", "quad_class", "quadclass"));
    if (!this.quad.size) for (const [k, v] of Object.entries(QUAD_FALLBACK)) this.quad.set(k, { name: v });
    this.plover = toMap(pick(meta, "plover", "plover_events", "plover_types"));
    this.countries = toMap(pick(meta, "countries", "country_codes", "cameo_countries"));
    this.actorTypes = toMap(pick(meta, "actor_types", "actor_type_codes", "cameo_actor_types"));
    this.resolve?.(this);
  }

  cameoName(code) {
    return code ? this.cameo.get(String(code))?.name || "" : "";
  }

  quadName(q) {
    return q === null || q === undefined ? "" : this.quad.get(String(q))?.name || "";
  }

  ploverName(event) {
    if (!event) return "";
    const entry = this.plover.get(String(event)) || this.plover.get(String(event).toUpperCase());
    return entry?.name && entry.name !== event ? entry.name : entry?.description || "";
  }

  /** CAMEO roots 01..20 with names, for the filter's select. */
  roots() {
    const out = [];
    for (let i = 1; i <= 20; i += 1) {
      const code = String(i).padStart(2, "0");
      out.push([code, this.cameoName(code)]);
    }
    return out;
  }

  /** Name the three-letter parts of an actor code: IRQGOV -> Iraq · Government. */
  actorParts(code) {
    if (!code) return [];
    const parts = [];
    for (let i = 0; i + 3 <= code.length; i += 3) {
      const piece = code.slice(i, i + 3);
      const entry = this.countries.get(piece) || this.actorTypes.get(piece);
      parts.push([piece, entry?.name || ""]);
    }
    return parts;
  }

  coverage() {
    return this.meta.coverage || this.meta.store_coverage || null;
  }
}

/** The actor code of `x.source` / `x.target`, whether an object {code, text} or a plain code. */
export function actorCode(side) {
  if (!side) return "";
  return typeof side === "object" ? side.code || "" : String(side);
}

export function actorText(side) {
  return side && typeof side === "object" ? side.text || "" : "";
}

export const QUAD_COLORS = { 1: "#74c476", 2: "#238b45", 3: "#fd8d3c", 4: "#d62728" };
